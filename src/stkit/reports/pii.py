"""The PII position of a unit: published results over time, and the illustrative index build.

Published scores and ranks come from `pii_results.csv` (units as they were in the
year of publication, so Hải Phòng 2023 is the old Hải Phòng). Pillar scores,
strengths and weaknesses and the rank interval come from building the index on
the shipped indicator data, which is illustrative (no indicator-level PII data
set is public): the section says so and the report carries the banner.
Peers are the six centrally-run cities (plus the unit itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from stkit.index import IndexResult, build, load_config, read_idata, read_imeta
from stkit.index.pii import IDATA_FILE, IMETA_FILE, METHOD_FILE, load_pii_results, pii_file
from stkit.index.profile import strengths_weaknesses, unit_scores
from stkit.index.uncertainty import uncertainty

PEER_CITIES = ("ha-noi", "ho-chi-minh", "hai-phong", "da-nang", "can-tho", "hue")


@dataclass(frozen=True)
class PiiPosition:
    """Everything the PII section shows for one unit."""

    published: pl.DataFrame  # year, unit, score, rank, input, output, source
    pillars: pl.DataFrame  # iCode, iName, then one score column per peer unit
    strengths: pl.DataFrame  # kind, iCode, iName, parent, score, rank, percentile
    rank_interval: dict[str, float] | None  # nominal, median, q05, q95
    illustrative: bool


def published_results(keys: set[str], year: int, data_dir: Path | None) -> pl.DataFrame:
    """Published PII rows of the unit (or a unit merged into it) up to `year`."""
    frame = load_pii_results(data_dir)
    return frame.filter(pl.col("unit").is_in(sorted(keys)) & (pl.col("year") <= year)).sort(
        "year", "unit"
    )


def build_index(data_dir: Path | None) -> tuple[IndexResult, pl.DataFrame, pl.DataFrame, object]:
    """Build the index on the shipped (illustrative) indicator data with the shipped method."""
    idata = read_idata(pii_file(IDATA_FILE, data_dir))
    imeta = read_imeta(pii_file(IMETA_FILE, data_dir))
    config = load_config(pii_file(METHOD_FILE, data_dir))
    return build(idata, imeta, config), idata, imeta, config


def position(slug: str, keys: set[str], year: int, data_dir: Path | None) -> PiiPosition:
    """Return the unit's PII position (see the module docstring)."""
    published = published_results(keys, year, data_dir)
    result, idata, imeta, config = build_index(data_dir)
    units = set(result.scores.get_column("uCode").to_list())
    if slug not in units:
        empty = pl.DataFrame()
        return PiiPosition(published, empty, empty, None, illustrative=False)
    peers = [u for u in PEER_CITIES if u in units and u != slug]
    pillars = unit_scores(result, slug).select("iCode", "iName", pl.col("score").alias(slug))
    for peer in peers:
        pillars = pillars.join(
            unit_scores(result, peer).select("iCode", pl.col("score").alias(peer)),
            on="iCode",
            how="left",
            maintain_order="left",
        )
    stats = uncertainty(idata, imeta, config, sensitivity=False).rank_stats  # type: ignore[arg-type]
    row = stats.filter(pl.col("uCode") == slug)
    interval = (
        {k: float(row.item(0, k)) for k in ("nominal", "median", "q05", "q95")}
        if row.height
        else None
    )
    return PiiPosition(
        published=published,
        pillars=pillars,
        strengths=strengths_weaknesses(result, slug),
        rank_interval=interval,
        illustrative=True,
    )
