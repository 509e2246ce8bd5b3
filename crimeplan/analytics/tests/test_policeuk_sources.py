import gzip
import zipfile

import pytest

from crimeplan.analytics.readers.policeuk import Skipped, Source, iter_sources, parse_file_name
from crimeplan.analytics.tests.data import SEARCH_FILE, STREET_DIR, STREET_FILES
from crimeplan.analytics.vocabulary import Kind


@pytest.mark.parametrize(
    ("name", "month", "force", "kind"),
    [
        ("2022-07-lancashire-street.csv", "2022-07", "lancashire", Kind.STREET),
        ("2022-07-lancashire-street.csv.gz", "2022-07", "lancashire", Kind.STREET),
        ("2019-06-lancashire-stop-and-search.csv", "2019-06", "lancashire", Kind.STOP_SEARCH),
        ("2020-01-avon-and-somerset-outcomes.csv", "2020-01", "avon-and-somerset", Kind.OUTCOMES),
        ("2020-01/2020-01-city-of-london-street.csv", "2020-01", "city-of-london", Kind.STREET),
    ],
)
def test_kind_force_and_month_come_from_the_file_name(name, month, force, kind):
    parsed = parse_file_name(name)
    assert (parsed.month, parsed.force, parsed.kind) == (month, force, kind)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("lancashire.csv", "not a police.uk file name"),
        ("2022-07-lancashire-crimes.csv", "not a police.uk file name"),
        ("2022-13-lancashire-street.csv", "does not exist"),
    ],
)
def test_other_names_are_explained(name, reason):
    with pytest.raises(ValueError, match=reason):
        parse_file_name(name)


def test_a_folder_gives_its_files_in_order():
    found = list(iter_sources([STREET_DIR]))
    assert [s.name for s in found if isinstance(s, Source)] == [str(p) for p in STREET_FILES]


def test_an_archive_gives_its_members_and_names_what_it_skips(tmp_path):
    archive = tmp_path / "2022-07.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("2022-07/2022-07-lancashire-street.csv", gzip.decompress(STREET_FILES[-1].read_bytes()))
        z.writestr("2022-07/2022-07-leicestershire-street.csv", b"x")
        z.writestr("README.txt", b"about")
    found = list(iter_sources([archive], force="lancashire"))
    sources = [s for s in found if isinstance(s, Source)]
    skipped = {s.name.split("!")[1]: s for s in found if isinstance(s, Skipped)}
    assert [s.file_name.force for s in sources] == ["lancashire"]
    assert sources[0].load().startswith(b"Crime ID,Month")
    assert "other" not in skipped["README.txt"].reason and not skipped["README.txt"].fatal
    assert "belongs to force leicestershire" in skipped["2022-07/2022-07-leicestershire-street.csv"].reason


def test_missing_paths_and_bad_archives_are_fatal(tmp_path):
    bad_zip = tmp_path / "broken.zip"
    bad_zip.write_bytes(b"not a zip")
    found = list(iter_sources([tmp_path / "missing", bad_zip, SEARCH_FILE]))
    fatal = [s for s in found if isinstance(s, Skipped) and s.fatal]
    assert [s.reason.split(" (")[0] for s in fatal] == ["no such file or folder", "not a readable zip archive"]
    assert any(isinstance(s, Source) for s in found)
