"""Reading real police.uk files, and files with the faults real files can have."""

import gzip
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crimeplan.analytics.forces import get_force
from crimeplan.analytics.readers import policeuk
from crimeplan.analytics.readers.policeuk import UnreadableFile, decompress, parse, validate
from crimeplan.analytics.tests.data import SEARCH_FILE, STREET_FILES, csv_rows, raw_text
from crimeplan.analytics.vocabulary import Kind

LANCASHIRE = get_force("lancashire")


def read(path: Path, kind: Kind = Kind.STREET, month: str | None = None):
    month = month or path.name[:7]
    return validate(parse(decompress(path.read_bytes()), kind), kind, month, LANCASHIRE)


@pytest.mark.parametrize("path", STREET_FILES, ids=lambda p: p.name[:7])
def test_every_row_of_every_shipped_month_is_stored(path):
    expected = csv_rows(path)
    result = read(path)
    assert result.rows_read == len(expected)
    assert result.accepted.height == len(expected)
    assert result.rejects.is_empty()
    by_type = result.accepted.group_by("crime_type").len().sort("crime_type")
    hand = (
        pl.DataFrame({"crime_type": [r["Crime type"] for r in expected]})
        .group_by("crime_type")
        .len()
        .sort("crime_type")
    )
    assert by_type.equals(hand)


def test_values_are_stored_as_published_with_blanks_as_null():
    path = STREET_FILES[-1]
    first = csv_rows(path)[0]
    row = read(path).accepted.filter(pl.col("source_line") == 2).row(0, named=True)
    assert row["crime_id"] == (first["Crime ID"] or None)
    assert row["longitude"] == float(first["Longitude"])
    assert row["location"] == first["Location"]
    assert row["lsoa_code"] == first["LSOA code"]
    assert row["context"] is None


def test_stop_and_search_rows_get_times_and_yes_no_values():
    expected = csv_rows(SEARCH_FILE)
    result = read(SEARCH_FILE, Kind.STOP_SEARCH)
    assert result.accepted.height == len(expected) == 538
    assert result.accepted.schema["date"] == pl.Datetime("us", "UTC")
    flags = result.accepted.get_column("part_of_a_policing_operation")
    assert flags.dtype == pl.Boolean
    assert flags.null_count() == sum(1 for r in expected if r["Part of a policing operation"] == "")


def _edited(tmp_path: Path, edit) -> tuple[Path, list[str]]:
    """A copy of the real 2022-07 file with some lines changed by ``edit(lines)``."""
    lines = raw_text(STREET_FILES[-1]).split("\r\n")
    edit(lines)
    path = tmp_path / STREET_FILES[-1].name.removesuffix(".gz")
    path.write_text("\r\n".join(lines), encoding="utf-8")
    return path, lines


def _column(line: str, index: int, value: str) -> str:
    fields = line.split(",")
    fields[index] = value
    return ",".join(fields)


def test_faulty_rows_are_rejected_with_line_rule_and_value_and_the_rest_kept(tmp_path):
    def edit(lines):
        lines[9] = _column(lines[9], 1, "2022-06")  # line 10: another month
        lines[19] = _column(lines[19], 1, "July 22")  # line 20: not a month
        lines[29] = _column(_column(lines[29], 4, "-2.5"), 5, "12.0")  # line 30: outside the UK
        lines[39] = _column(lines[39], 9, "Jaywalking")  # line 40: unknown crime type
        lines[49] = _column(lines[49], 7, "E0101")  # line 50: not an LSOA code
        lines[59] = lines[59] + ",extra"  # line 60: too many fields
        lines[69] = ",".join(lines[69].split(",")[:5])  # line 70: too few fields
        lines[79] = _column(lines[79], 3, "Cumbria Constabulary")  # line 80: another force

    path, lines = _edited(tmp_path, edit)
    data = path.read_bytes().replace(
        lines[89].encode(), lines[89].encode()[:40] + b"\xff\xfe" + lines[89].encode()[42:]
    )
    path.write_bytes(data)
    rows = len(csv_rows(STREET_FILES[-1]))
    result = read(path)
    rejects = {r["line"]: r for r in result.rejects.iter_rows(named=True)}
    assert {line: r["rule"] for line, r in rejects.items()} == {
        10: "month_matches_file",
        20: "month_format",
        30: "coordinates",
        40: "crime_type",
        50: "lsoa_code",
        60: "column_count",
        70: "column_count",
        80: "falls_within",
        90: "encoding",
    }
    assert rejects[30]["value"] == "-2.5,12.0"
    assert rejects[40]["message"] == "crime type Jaywalking is not a police.uk value"
    assert "13 fields where the header has 12" in rejects[60]["message"]
    assert "\\xff\\xfe" in rejects[90]["value"]
    assert result.rows_read == rows
    assert result.accepted.height + result.rejects.height == rows
    assert result.accepted.filter(pl.col("source_line").is_in(list(rejects))).is_empty()


def test_a_truncated_last_line_is_rejected_not_lost(tmp_path):
    text = raw_text(STREET_FILES[-1])
    cut = text.rstrip("\r\n")
    cut = cut[: cut.rfind(",", 0, len(cut) - 40)]
    path = tmp_path / STREET_FILES[-1].name.removesuffix(".gz")
    path.write_text(cut, encoding="utf-8")
    rows = len(csv_rows(STREET_FILES[-1]))
    result = read(path)
    assert result.rows_read == rows
    assert result.rejects.rows() == [
        (rows + 1, "column_count", cut.rsplit("\n", 1)[1][:200], result.rejects["message"][0])
    ]


def test_a_stray_carriage_return_is_rejected_with_a_reason(tmp_path):
    path, _ = _edited(tmp_path, lambda lines: lines.__setitem__(3, lines[3].replace(",", ",\r", 1)))
    result = read(path)
    assert result.rejects.select("line", "rule").rows() == [(4, "month_format")]
    assert result.accepted.height + result.rejects.height == result.rows_read


def test_quoted_commas_are_one_field(tmp_path):
    path, _ = _edited(
        tmp_path, lambda lines: lines.__setitem__(5, _column(lines[5], 6, '"On or near Asda, Thurmaston"'))
    )
    result = read(path)
    assert result.rejects.is_empty()
    assert result.accepted.filter(pl.col("source_line") == 6)["location"][0] == "On or near Asda, Thurmaston"


def test_the_fast_path_and_the_line_by_line_path_agree():
    plain = decompress(STREET_FILES[0].read_bytes())
    start = policeuk.check_header(plain, Kind.STREET)
    fast = policeuk._parse_fast(plain, start, policeuk.columns(Kind.STREET))
    slow = policeuk._parse_slow(plain, start, policeuk.columns(Kind.STREET))
    assert fast is not None
    assert fast.frame.equals(slow.frame)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"Month,Crime type\n2022-07,Burglary\n", "the header does not match a police.uk street file"),
        (gzip.compress(b"Crime ID,Month", mtime=0)[:-6], "the gzip data is damaged"),
    ],
)
def test_a_file_that_cannot_be_read_at_all_says_why(content, reason):
    with pytest.raises(UnreadableFile, match=reason):
        parse(decompress(content), Kind.STREET)


def test_a_header_only_file_has_no_rows():
    header = raw_text(STREET_FILES[0]).split("\n", 1)[0] + "\n"
    assert parse(header.encode(), Kind.STREET).rows_read == 0


crime_types = st.sampled_from(["Burglary", "Robbery", "Drugs", "Anti-social behaviour"])
text = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=30)


@given(rows=st.lists(st.tuples(text, crime_types, st.floats(-3, -2), st.floats(53, 54)), min_size=1, max_size=30))
def test_any_well_formed_rows_round_trip(rows):
    header = raw_text(STREET_FILES[0]).split("\n", 1)[0].rstrip("\r")
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for location, crime_type, lon, lat in rows:
        writer.writerow(
            [
                "",
                "2022-07",
                "Lancashire Constabulary",
                "Lancashire Constabulary",
                f"{lon:.6f}",
                f"{lat:.6f}",
                location,
                "",
                "",
                crime_type,
                "",
                "",
            ]
        )
    result = validate(
        parse((header + "\r\n" + out.getvalue()).encode(), Kind.STREET), Kind.STREET, "2022-07", LANCASHIRE
    )
    assert result.rejects.is_empty()
    assert result.accepted.get_column("location").fill_null("").to_list() == [r[0] for r in rows]
    assert result.accepted.get_column("crime_type").to_list() == [r[1] for r in rows]


def test_outcomes_files_are_read_and_checked(tmp_path):
    """An outcomes-format file built from the real 2022-07 street file's rows that have a crime ID.

    The pack has no police.uk outcomes file, so the rows here are real street records with their
    last outcome category as the outcome type: the same columns police.uk publishes.
    """
    rows = [r for r in csv_rows(STREET_FILES[-1]) if r["Crime ID"] and r["Last outcome category"]]
    header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type"
    lines = [header] + [
        ",".join(
            [
                r["Crime ID"],
                r["Month"],
                r["Reported by"],
                r["Falls within"],
                r["Longitude"],
                r["Latitude"],
                f'"{r["Location"]}"',
                r["LSOA code"],
                r["LSOA name"],
                r["Last outcome category"],
            ]
        )
        for r in rows
    ]
    lines[5] = lines[5].replace(rows[4]["Crime ID"], "not-an-id")  # file line 6
    path = tmp_path / "2022-07-lancashire-outcomes.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read(path, Kind.OUTCOMES)
    assert result.rows_read == len(rows)
    assert result.rejects.select("line", "rule").rows() == [(6, "crime_id")]
    assert result.accepted.get_column("outcome_type").n_unique() == len({r["Last outcome category"] for r in rows})
