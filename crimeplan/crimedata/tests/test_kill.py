"""A killed import leaves the previous partition whole and queryable."""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from crimeplan.analytics.ingest import ingest
from crimeplan.analytics.tests.data import STREET_FILES, csv_rows, raw_text
from crimeplan.core.store import open_store
from crimeplan.core.testing import crimeplan_command


@pytest.mark.slow
def test_sigkill_during_a_write_keeps_the_old_partitions(geography_template, tmp_path):
    import shutil

    root = tmp_path / "data"
    store_dir = root / "store"
    shutil.copytree(geography_template, store_dir)
    store = open_store(store_dir)
    ingest(STREET_FILES, store)
    old = dict(store.query("SELECT month, count(*) FROM street GROUP BY 1").rows)

    # version B of every month: the same file without its last 100 rows
    edited = tmp_path / "edited"
    edited.mkdir()
    for path in STREET_FILES:
        lines = raw_text(path).rstrip("\r\n").split("\r\n")
        (edited / path.name.removesuffix(".gz")).write_text("\r\n".join(lines[:-100]) + "\r\n", encoding="utf-8")
    new = {m: n - 100 for m, n in old.items()}

    crimeplan, env = crimeplan_command(root)
    subprocess.run([crimeplan, "migrate", "-v", "0"], env=env, check=True)
    for _attempt in range(5):
        if _kill_while_writing(crimeplan, edited, env, store_dir):
            break
        ingest(STREET_FILES, store, reimport=True)  # it finished first: put version A back and try again
    else:
        pytest.fail("the import always finished before a write could be interrupted")

    after = dict(store.query("SELECT month, count(*) FROM street GROUP BY 1").rows)
    assert set(after) == set(old)
    assert all(after[m] in (old[m], new[m]) for m in old)  # each month is wholly old or wholly new
    assert any(after[m] == old[m] for m in old)  # the kill came before the end
    assert list(store_dir.rglob(".*.tmp"))  # the half-written file is hidden, not served

    finished = subprocess.run([crimeplan, "import", "police", str(edited)], env=env, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert dict(store.query("SELECT month, count(*) FROM street GROUP BY 1").rows) == new
    assert not list(store_dir.rglob(".*.tmp"))
    assert sum(new.values()) == sum(len(csv_rows(p)) for p in STREET_FILES) - 100 * len(STREET_FILES)


def _kill_while_writing(crimeplan: Path, folder: Path, env: dict[str, str], store_dir: Path) -> bool:
    """Start an import and SIGKILL it while a partition file is being written."""
    process = subprocess.Popen(
        [crimeplan, "import", "police", str(folder)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while not list(store_dir.rglob(".*.tmp")):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            return False
        time.sleep(0.0005)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return True
