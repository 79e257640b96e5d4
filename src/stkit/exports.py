"""One writer for every CSV and Excel export: text that a spreadsheet would run is made inert.

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
read by Excel, LibreOffice and Google Sheets as a formula (`=HYPERLINK(...)`,
`+cmd|...`, `@SUM(...)`). Such text gets a leading `'`, which spreadsheets show as
the text itself. A text cell that is a plain number (`-2.5`, `+3`, `-1e3`) is
left as it is, so that a spreadsheet still reads it as a number; numeric columns
are never touched.

- `safe_cell(text)`: one cell;
- `safe_frame(frame)`: every text column of a frame (vectorised);
- `csv_text(frame)` / `write_csv(frame, path)`: CSV of the safe frame.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""

_FORMULA_PATTERN = r"^[=+\-@\t\r]"
_PLAIN_NUMBER = r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$"


def safe_cell(text: str) -> str:
    """Return `text` safe for a spreadsheet: a leading `'` if it starts like a formula.

    Plain numbers written as text (`-2.5`) are kept, so they stay numbers.

    Examples
    --------
    >>> safe_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> safe_cell("-2.5")
    '-2.5'
    """
    if text.startswith(FORMULA_STARTS) and not pl.Series([text]).str.contains(_PLAIN_NUMBER)[0]:
        return "'" + text
    return text


def safe_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Apply `safe_cell` to every text column of `frame` (other columns untouched)."""
    text_columns = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(
            pl.col(name).str.contains(_FORMULA_PATTERN) & ~pl.col(name).str.contains(_PLAIN_NUMBER)
        )
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name in text_columns
    )


def _flat(frame: pl.DataFrame) -> pl.DataFrame:
    """Lists of text joined with `, ` (CSV has no lists)."""
    lists = [n for n, t in frame.schema.items() if isinstance(t, pl.List)]
    return frame.with_columns(pl.col(n).cast(pl.List(pl.String)).list.join(", ") for n in lists)


def csv_text(frame: pl.DataFrame) -> str:
    """Return `frame` as CSV text (with a header), every text cell made safe."""
    return safe_frame(_flat(frame)).write_csv()


def write_csv(frame: pl.DataFrame, path: str | Path) -> None:
    """Write `frame` as a CSV file at `path`, every text cell made safe."""
    safe_frame(_flat(frame)).write_csv(Path(path))


__all__ = ["FORMULA_STARTS", "csv_text", "safe_cell", "safe_frame", "write_csv"]
