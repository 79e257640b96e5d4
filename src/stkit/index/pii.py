"""The Provincial Innovation Index (PII) data that ships with stkit.

- `pii_imeta.csv`: the frame (52 indicators -> 18 groups -> 7 pillars -> Input/Output ->
  PII); names and placements not public are flagged per row.
- `pii_results.csv`: published PII 2023, 2024 and 2025 results, each row with its sources;
  units are slugs of the units that existed in that year (63 before the 2025 merger, 34
  from 1 July 2025).
- `pii_pillar_results.csv`: published pillar ranks and scores, each row with its sources.
- `pii_idata_illustrative.csv`: made-up indicator values for the 34 current units.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import polars as pl

from stkit.datadir import resolve_data_dir
from stkit.errors import DataFileError

PII_DIR = "pii"
IMETA_FILE = "pii_imeta.csv"
IDATA_FILE = "pii_idata_illustrative.csv"
RESULTS_FILE = "pii_results.csv"
PILLAR_RESULTS_FILE = "pii_pillar_results.csv"
METHOD_FILE = "method.toml"
PILLAR_LEVEL = 3  # iMeta level of the 7 pillars (1 indicators, 2 groups, 4 Input/Output, 5 PII)

RESULTS_SCHEMA = {
    "year": pl.Int64,
    "unit": pl.String,
    "score": pl.Float64,
    "rank": pl.Int64,
    "input": pl.Float64,
    "output": pl.Float64,
    "source": pl.String,
    "note": pl.String,
}


PILLAR_RESULTS_SCHEMA = {
    "year": pl.Int64,
    "unit": pl.String,
    "pillar": pl.String,
    "score": pl.Float64,
    "rank": pl.Int64,
    "source": pl.String,
    "note": pl.String,
}


def pii_file(name: str, data_dir: Path | None = None) -> Path:
    """Path of a file in the data directory's `pii/` folder; a missing file raises."""
    path = resolve_data_dir(data_dir) / PII_DIR / name
    if not path.is_file():
        raise DataFileError(
            path,
            "is missing.",
            fix="restore it from stkit's shipped data/pii/.",
            message_vi="thiếu tệp này.",
            fix_vi="chép lại tệp từ thư mục data/pii/ đi kèm stkit.",
        )
    return path


def load_pii_results(data_dir: Path | None = None) -> pl.DataFrame:
    """Published PII results: year, unit (slug), score, rank, input, output, source, note."""
    path = pii_file(RESULTS_FILE, data_dir)
    return _load_sourced(path, RESULTS_SCHEMA).sort("year", "rank")


def load_pii_pillar_results(data_dir: Path | None = None) -> pl.DataFrame:
    """Published pillar standings: year, unit (slug), pillar, score, rank, source, note."""
    path = pii_file(PILLAR_RESULTS_FILE, data_dir)
    return _load_sourced(path, PILLAR_RESULTS_SCHEMA).sort("year", "pillar", "rank")


def _load_sourced(
    path: Path, schema: Mapping[str, pl.DataType | type[pl.DataType]]
) -> pl.DataFrame:
    """Read a published-results file; every row needs a source and a rank of 1 or more."""
    frame = pl.read_csv(path, schema_overrides=schema)
    missing = [c for c in schema if c not in frame.columns]
    if missing:
        raise DataFileError(
            path,
            f"columns {', '.join(missing)} are missing.",
            message_vi=f"thiếu cột {', '.join(missing)}.",
        )
    unsourced = frame.filter(pl.col("source").is_null() | (pl.col("source") == ""))
    if unsourced.height:
        raise DataFileError(
            path,
            "every published result needs a source.",
            where=f"row(s) {_units(unsourced)}",
            fix="add the publication in the source column.",
            message_vi="kết quả công bố nào cũng cần nguồn.",
            fix_vi="ghi ấn phẩm công bố vào cột source.",
            where_vi=f"dòng {_units(unsourced)}",
        )
    bad_rank = frame.filter(pl.col("rank").is_not_null() & (pl.col("rank") < 1))
    if bad_rank.height:
        raise DataFileError(
            path,
            "a rank must be a whole number of 1 or more.",
            where=f"row(s) {_units(bad_rank)}",
            fix="copy the rank as published (1 = best).",
            message_vi="thứ hạng phải là số nguyên từ 1 trở lên.",
            fix_vi="chép thứ hạng đúng như công bố (1 = cao nhất).",
            where_vi=f"dòng {_units(bad_rank)}",
        )
    return frame.select(list(schema))


def _units(rows: pl.DataFrame) -> str:
    """The units of `rows`, as an error names the rows at fault."""
    return ", ".join(map(str, rows.get_column("unit").to_list()))
