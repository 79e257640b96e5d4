"""Write a frame to the terminal as a table, CSV or JSON."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import TextIO

import polars as pl

from stkit.exports import csv_text


class Format(StrEnum):
    """Output formats of list-like commands."""

    table = "table"
    csv = "csv"
    json = "json"


def emit(frame: pl.DataFrame, fmt: Format | str, out: TextIO | None = None) -> None:
    """Print `frame` in `fmt`: an aligned text table, CSV with a header, or a JSON array of rows."""
    stream = out if out is not None else sys.stdout
    fmt = Format(fmt)
    if fmt is Format.csv:
        stream.write(csv_text(frame))
    elif fmt is Format.json:
        stream.write(json.dumps(frame.to_dicts(), ensure_ascii=False, indent=2, default=str))
        stream.write("\n")
    else:
        shown = frame.with_columns(
            pl.col(pl.List(pl.String)).list.join(", "),
        ).with_columns(pl.all().cast(pl.String).fill_null("–"))
        with pl.Config(
            tbl_rows=-1,
            tbl_cols=-1,
            tbl_hide_dataframe_shape=True,
            tbl_hide_column_data_types=True,
            tbl_formatting="ASCII_MARKDOWN",
            tbl_width_chars=10_000,
            fmt_str_lengths=200,
        ):
            stream.write(f"{shown}\n")
