"""Where the data lives: the shipped data set, or a planner's own directory.

The shipped `data/` folder is packed into the wheel as `stkit/_data`, so a plain
`pip install .` carries it. In a source checkout (editable install, tests run
from the tree) the repository's `data/` is used first, so an edit there reaches
every command. A data directory given by the user (`--data-dir`, `STKIT_DATA_DIR`,
`stkit.load(DIR)`) may be relative: it is resolved against the current folder once,
at entry, and used as an absolute path from then on.
"""

from __future__ import annotations

from pathlib import Path

from stkit.errors import StkitError


def error(rule: str, **params: object) -> str:
    """The bilingual text of `rule` (`stkit.i18n.messages`), imported only when raised."""
    from stkit.i18n.messages import error as text  # noqa: PLC0415 - no babel at CLI start

    return text(rule, **params)


_PACKAGE_DIR = Path(__file__).resolve().parent


def shipped_data_dir() -> Path:
    """Return the directory of the data set that ships with stkit."""
    checkout = _PACKAGE_DIR.parents[1]
    if (checkout / "pyproject.toml").is_file() and (checkout / "data").is_dir():
        return checkout / "data"
    packed = _PACKAGE_DIR / "_data"
    if packed.is_dir():
        return packed
    raise StkitError(error("shipped_data_missing"))  # pragma: no cover - broken installation


def shipped_notebooks_dir() -> Path:
    """Return the directory of the report notebook templates."""
    packed = _PACKAGE_DIR / "_notebooks"
    if packed.is_dir():
        return packed
    checkout = _PACKAGE_DIR.parents[1] / "notebooks"
    if checkout.is_dir():
        return checkout
    raise StkitError(error("notebooks_missing"))  # pragma: no cover - broken installation


def resolve_data_dir(data_dir: str | Path | None = None) -> Path:
    """Return `data_dir` as an absolute path if given (checked to exist), else the shipped one."""
    if data_dir is None:
        return shipped_data_dir()
    given = Path(data_dir).expanduser()
    path = given.resolve()
    if not path.is_dir():
        raise StkitError(error("data_dir_missing", given=repr(str(given)), path=path))
    return path


DATA_SUFFIXES: tuple[str, ...] = (".csv", ".toml", ".xlsx", ".parquet")
"""Suffixes of the files that hold data (what the input fingerprint covers)."""


def data_files(root: Path) -> list[Path]:
    """Every data file under `root` (`DATA_SUFFIXES`), sorted; hidden files and folders skipped.

    Documentation (README files), scripts and caches (`.py`, `.pyc`) are not data.
    """
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and path.suffix.lower() in DATA_SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
    )
