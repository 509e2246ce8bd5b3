import pytest

from crimeplan.analytics.periods import Period, latest_quarter, parse_period, parse_quarter, quarter, quarter_code


def test_a_quarter_is_three_calendar_months_with_a_plain_label():
    q = quarter("2022Q2")
    assert (q.first, q.last, q.label, q.code, q.days) == ("2022-04", "2022-06", "April to June 2022", "2022Q2", 91)
    assert q.year_before() == Period("2021-04", "2021-06")
    assert q.previous() == quarter("2022Q1")
    assert quarter("2021q4").label == "October to December 2021"


@pytest.mark.parametrize("bad", ["2022Q5", "Q2 2022", "2022-04", ""])
def test_a_bad_quarter_says_how_to_write_one(bad):
    with pytest.raises(ValueError, match="use YYYYQn, for example 2022Q2"):
        quarter(bad)


def test_the_latest_quarter_held_skips_incomplete_ones():
    held = ["2022-01", "2022-02", "2022-03", "2022-04", "2022-05", "2022-07"]
    assert latest_quarter(held) == quarter("2022Q1")
    assert latest_quarter(["2022-05"]) is None


def test_any_run_of_months_can_be_a_period():
    period = parse_period("2021-11_2022-02")
    assert (period.label, period.length, period.code) == ("November 2021 to February 2022", 4, "2021-11_2022-02")
    with pytest.raises(ValueError, match="starts"):
        parse_period("2022-02_2021-11")


def test_one_quarter_parser_reads_codes_and_months():
    assert parse_quarter("2026Q2") == (2026, 2)
    assert parse_quarter(" 2026 q4 ") == (2026, 4)
    assert [quarter_code(m) for m in ("2022-01", "2022-03", "2022-04", "2022-12")] == [
        "2022Q1",
        "2022Q1",
        "2022Q2",
        "2022Q4",
    ]
    with pytest.raises(ValueError, match="not a quarter"):
        parse_quarter("2026Q0")
