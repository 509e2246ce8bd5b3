"""Every folder of Python modules in crimeplan is a package (has its ``__init__.py``)."""

from __future__ import annotations

from pathlib import Path

import crimeplan

ROOT = Path(crimeplan.__file__).parent


def test_every_folder_of_modules_is_a_package() -> None:
    folders = {path.parent for path in ROOT.rglob("*.py") if "__pycache__" not in path.parts}
    missing = sorted(
        str(folder.relative_to(ROOT.parent)) for folder in folders if not (folder / "__init__.py").exists()
    )
    assert missing == [], "add an __init__.py to: " + ", ".join(missing)
