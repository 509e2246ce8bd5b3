import pytest
from hypothesis import given
from hypothesis import strategies as st

from crimeplan.analytics.months import add_months, check_month, month_range, months_between, parse_month


def test_parse_month_accepts_police_uk_months():
    assert parse_month("2022-07") == (2022, 7)
    assert check_month(" 2021-12 ") == "2021-12"


@pytest.mark.parametrize("bad", ["2022-13", "2022-00", "22-07", "2022/07", "", "July 2022", "2022-7"])
def test_parse_month_refuses_other_text_with_an_example(bad):
    with pytest.raises(ValueError, match="use YYYY-MM, for example 2022-07"):
        parse_month(bad)


def test_month_arithmetic_crosses_years():
    assert add_months("2021-11", 3) == "2022-02"
    assert add_months("2022-01", -1) == "2021-12"
    assert list(month_range("2021-11", "2022-02")) == ["2021-11", "2021-12", "2022-01", "2022-02"]
    assert months_between("2021-08", "2022-07") == 12


def test_month_range_refuses_a_backwards_period():
    with pytest.raises(ValueError, match="starts"):
        list(month_range("2022-02", "2021-11"))


@given(st.integers(1990, 2100), st.integers(1, 12), st.integers(-500, 500))
def test_adding_then_subtracting_months_returns_the_month(year, month, n):
    start = f"{year:04d}-{month:02d}"
    assert add_months(add_months(start, n), -n) == start
    if n >= 0:
        assert months_between(start, add_months(start, n)) == n + 1
