"""Where the data lives: the shipped data set, or a planner's own directory.

The shipped `data/` folder is packed into the wheel as `stkit/_data`, so a plain
`pip install .` carries it. In a source checkout (editable install, tests run
from the tree) the repository's `data/` is used instead.
"""

from __future__ import annotations

from pathlib import Path

from stkit.errors import StkitError

_PACKAGE_DIR = Path(__file__).resolve().parent


def shipped_data_dir() -> Path:
    """Return the directory of the data set that ships with stkit."""
    packed = _PACKAGE_DIR / "_data"
    if packed.is_dir():
        return packed
    checkout = _PACKAGE_DIR.parents[1] / "data"
    if checkout.is_dir():
        return checkout
    raise StkitError(  # pragma: no cover - only a broken installation gets here
        "The shipped data set is missing from this installation; reinstall stkit."
    )


def shipped_notebooks_dir() -> Path:
    """Return the directory of the report notebook templates."""
    packed = _PACKAGE_DIR / "_notebooks"
    if packed.is_dir():
        return packed
    checkout = _PACKAGE_DIR.parents[1] / "notebooks"
    if checkout.is_dir():
        return checkout
    raise StkitError(  # pragma: no cover - only a broken installation gets here
        "The report notebooks are missing from this installation; reinstall stkit."
    )


def resolve_data_dir(data_dir: str | Path | None = None) -> Path:
    """Return `data_dir` if given (checked to exist), else the shipped data directory."""
    if data_dir is None:
        return shipped_data_dir()
    path = Path(data_dir).expanduser()
    if not path.is_dir():
        raise StkitError(
            f"Data directory {str(path)!r} does not exist or is not a folder. "
            "Fix: pass --data-dir with an existing folder laid out like stkit's data/."
        )
    return path
