"""The Provincial Innovation Index (PII) data that ships with stkit.

- `pii_imeta.csv`: the structure (52 indicators, 7 pillars, Input/Output, PII).
- `pii_results.csv`: published PII 2023 and 2024 results, each row with its source;
  units are slugs of the units that existed in that year (before the 2025 merger).
- `pii_idata_illustrative.csv`: made-up indicator values for the 34 current units.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from stkit.datadir import resolve_data_dir
from stkit.errors import DataFileError

PII_DIR = "pii"
IMETA_FILE = "pii_imeta.csv"
IDATA_FILE = "pii_idata_illustrative.csv"
RESULTS_FILE = "pii_results.csv"
METHOD_FILE = "method.toml"

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


def pii_file(name: str, data_dir: Path | None = None) -> Path:
    """Path of a file in the data directory's `pii/` folder; a missing file raises."""
    path = resolve_data_dir(data_dir) / PII_DIR / name
    if not path.is_file():
        raise DataFileError(path, "is missing.", fix="restore it from stkit's shipped data/pii/.")
    return path


def load_pii_results(data_dir: Path | None = None) -> pl.DataFrame:
    """Published PII results: year, unit (slug), score, rank, input, output, source, note."""
    path = pii_file(RESULTS_FILE, data_dir)
    frame = pl.read_csv(path, schema_overrides=RESULTS_SCHEMA)
    missing = [c for c in RESULTS_SCHEMA if c not in frame.columns]
    if missing:
        raise DataFileError(path, f"columns {', '.join(missing)} are missing.")
    unsourced = frame.filter(pl.col("source").is_null() | (pl.col("source") == ""))
    if unsourced.height:
        raise DataFileError(
            path,
            "every published result needs a source.",
            where=f"row(s) {', '.join(map(str, unsourced.get_column('unit').to_list()))}",
            fix="add the publication in the source column.",
        )
    return frame.select(list(RESULTS_SCHEMA)).sort("year", "rank")
