"""The proven-offences CSV reader: every line is a row or a rejection with a reason."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crimeplan.analytics.readers.proven_offences import FileRejected, read_proven_offences

TODAY = date(2025, 6, 30)
HEADER = "member_reference,offence_date,proven_date,disposal,offence_code,description\n"


def read(text: str, **kwargs):
    return read_proven_offences(text.encode("utf-8"), today=TODAY, **kwargs)


def test_good_rows_are_read_and_bad_ones_rejected_with_line_and_reason():
    text = HEADER + (
        "IOM-001,2024-01-10,2024-03-01,conviction,05911,Damage to a car\n"
        "IOM-002,2024-13-01,2024-03-01,conviction,,\n"
        "IOM-003,2024-02-01,2024-01-01,caution,,\n"
        "IOM-004,2024-02-01,2024-03-01,fine,,\n"
        "IOM-005,2024-02-01,2024-03-01,Caution,5911,\n"
        "IOM-006,2024-02-01,2026-03-01,caution,,\n"
        "IOM-001,2024-01-10,2024-03-01,conviction,05911,Damage again\n"
        "IOM-007,2024-02-01\n"
        ",2024-02-01,2024-03-01,caution,,\n"
    )
    parsed = read(text)
    assert [r.member_reference for r in parsed.rows] == ["IOM-001"]
    assert parsed.rows[0].offence_date == date(2024, 1, 10) and parsed.rows[0].disposal == "conviction"
    reasons = {r.line: (r.column, r.reason) for r in parsed.rejections}
    assert reasons[3] == ("offence_date", "offence_date must be a date written YYYY-MM-DD, for example 2024-03-31")
    assert reasons[4][1].startswith("proven_date is before offence_date")
    assert reasons[5] == ("disposal", "disposal must be conviction or caution")
    assert reasons[6][0] == "offence_code"
    assert reasons[7] == ("proven_date", "proven_date 2026-03-01 is in the future")
    assert reasons[8] == ("", "repeats line 2")
    assert reasons[9] == ("", "expected 6 values, found 2")
    assert reasons[10][0] == "member_reference"
    assert parsed.read == 9 and parsed.reconciles


def test_columns_may_come_in_any_order_and_optional_ones_may_be_left_out():
    parsed = read("disposal,member_reference,proven_date,offence_date\ncaution,X1,2024-02-01,2024-01-01\n")
    assert parsed.rows[0].member_reference == "X1" and parsed.rows[0].offence_code == ""


def test_known_codes_are_checked_when_given():
    parsed = read(HEADER + "X1,2024-01-01,2024-02-01,caution,12345,\n", known_codes={"05911"})
    assert parsed.rejections[0].column == "offence_code"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty"),
        (b"member_reference,offence_date\n", "missing proven_date, disposal"),
        (HEADER.replace("description", "notes").encode(), "unknown 'notes'"),
        (HEADER.encode() + b"X1,2024-01-01,2024-02-01,caution,,caf\xe9\n", "not UTF-8"),
    ],
)
def test_a_file_that_cannot_be_read_says_what_to_change(data, message):
    with pytest.raises(FileRejected, match=message):
        read_proven_offences(data, today=TODAY)


@given(st.lists(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40), max_size=30))
def test_any_text_reconciles_or_is_refused_whole(lines):
    text = HEADER + "\n".join(lines)
    try:
        parsed = read(text)
    except FileRejected:
        return
    assert parsed.reconciles
