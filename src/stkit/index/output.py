"""Write index tables into a folder atomically: all files or none."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from stkit._atomic import staged_folder
from stkit.exports import write_csv


def write_tables(out: Path, tables: dict[str, pl.DataFrame]) -> list[Path]:
    """Write each frame as `<name>.csv` into `out`; return the written paths.

    Files are first written into a temporary folder beside `out`. A new `out` is then
    renamed into place in one step; into an existing folder each file is moved with an
    atomic replace, so an error while writing leaves `out` untouched. Other files
    already in `out` are kept.
    """
    out = out.expanduser()
    with staged_folder(out) as staging:
        for name, frame in tables.items():
            write_csv(frame, staging / f"{name}.csv")
    return [out / f"{name}.csv" for name in tables]
