"""Finding the shipped data set and a planner's own data directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from stkit.datadir import resolve_data_dir, shipped_data_dir, shipped_notebooks_dir
from stkit.errors import DataFileError, StkitError


def test_shipped_data_dir_holds_the_programmes() -> None:
    assert (shipped_data_dir() / "programmes").is_dir()


def test_shipped_notebooks_dir_exists() -> None:
    assert shipped_notebooks_dir().is_dir()


def test_resolve_data_dir_defaults_to_shipped() -> None:
    assert resolve_data_dir(None) == shipped_data_dir()


def test_resolve_data_dir_accepts_an_existing_folder(tmp_path: Path) -> None:
    assert resolve_data_dir(tmp_path) == tmp_path


def test_resolve_data_dir_names_the_missing_folder(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(StkitError, match=r"nowhere.*does not exist.*--data-dir"):
        resolve_data_dir(missing)


def test_data_file_error_names_file_place_and_fix() -> None:
    error = DataFileError(
        "data/x.csv", "value is not a number.", where="row 3, column value", fix="write 30.4"
    )
    assert str(error) == "data/x.csv: row 3, column value: value is not a number. Fix: write 30.4"
    assert error.file == "data/x.csv"
