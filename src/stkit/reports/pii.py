"""The PII position of a unit: published results over time, and the illustrative index build.

Published scores and ranks come from `pii_results.csv` (units as they were in the
year of publication, so Hải Phòng 2023 is the old Hải Phòng). Pillar scores,
strengths and weaknesses and the rank interval come from building the index on
the shipped indicator data, which is illustrative (no indicator-level PII data
set is public): the section says so and the report carries the banner.
Peers are the six centrally-run cities (plus the unit itself). The pillar table starts
at the pillars: the PII frame's 18 groups of indicators have no public names.

The build and the uncertainty analysis do not depend on the unit, so they run once
(`pii_tables`, in the parent process of a report run) and each report only filters
the resulting tables (`position`), which needs polars alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

PEER_CITIES = ("ha-noi", "ho-chi-minh", "hai-phong", "da-nang", "can-tho", "hue")


@dataclass(frozen=True)
class PiiTables:
    """Unit-independent PII tables a report filters: the published results and the index build."""

    published: pl.DataFrame  # year, unit, score, rank, input, output, source (every unit)
    scores: pl.DataFrame  # uCode, iCode, iName, iName_en, score: every unit on every aggregate
    strengths: pl.DataFrame  # uCode, kind, iCode, iName, iName_en, parent, score, rank, percentile
    rank_stats: pl.DataFrame  # uCode, nominal, mean, median, q05, q95
    profiled: tuple[str, ...]  # units whose strengths and weaknesses are in `strengths`
    pillar_results: pl.DataFrame = field(default_factory=pl.DataFrame)  # published pillars


@dataclass(frozen=True)
class PiiPosition:
    """Everything the PII section shows for one unit."""

    published: pl.DataFrame  # year, unit, score, rank, input, output, source
    published_pillars: pl.DataFrame  # year, unit, pillar, score, rank, source (published)
    pillars: pl.DataFrame  # iCode, iName, iName_en, then one score column per peer unit
    strengths: pl.DataFrame  # kind, iCode, iName, iName_en, name_status, parent, score, rank, …
    rank_interval: dict[str, float] | None  # nominal, median, q05, q95
    illustrative: bool


def pii_tables(data_dir: Path | None, units: Iterable[str] | None = None) -> PiiTables:
    """Build the index and its uncertainty on the shipped (illustrative) data, with the shipped method.

    Strengths and weaknesses are profiled for `units` (default: every unit in the index).
    Imports the index pipeline (and pandera) only here.
    """
    from stkit.index import build, load_config, read_idata, read_imeta  # noqa: PLC0415 - heavy
    from stkit.index.pii import (  # noqa: PLC0415
        IDATA_FILE,
        IMETA_FILE,
        METHOD_FILE,
        PILLAR_LEVEL,
        load_pii_pillar_results,
        load_pii_results,
        pii_file,
    )
    from stkit.index.profile import strengths_weaknesses, unit_scores  # noqa: PLC0415
    from stkit.index.uncertainty import uncertainty  # noqa: PLC0415

    idata = read_idata(pii_file(IDATA_FILE, data_dir))
    imeta = read_imeta(pii_file(IMETA_FILE, data_dir))
    config = load_config(pii_file(METHOD_FILE, data_dir))
    result = build(idata, imeta, config)
    in_index = result.scores.get_column("uCode").to_list()
    wanted = in_index if units is None else [u for u in in_index if u in set(units)]
    english = english_names(imeta)
    scores = pl.concat(
        [
            unit_scores(result, unit, min_level=PILLAR_LEVEL).select(
                pl.lit(unit).alias("uCode"), "iCode", "iName", english, "score"
            )
            for unit in in_index
        ]
    )
    profiles = [
        strengths_weaknesses(result, unit).select(
            pl.lit(unit).alias("uCode"),
            "kind",
            "iCode",
            "iName",
            english,
            pl.all().exclude("kind", "iCode", "iName"),
        )
        for unit in wanted
    ]
    strengths = pl.concat(profiles) if profiles else pl.DataFrame()
    if strengths.height and "name_status" in imeta.columns:
        status = imeta.select("iCode", pl.col("name_status").cast(pl.String))
        strengths = strengths.join(status, on="iCode", how="left", maintain_order="left")
    stats = uncertainty(idata, imeta, config, sensitivity=False).rank_stats
    return PiiTables(
        published=load_pii_results(data_dir),
        scores=scores,
        strengths=strengths,
        rank_stats=stats,
        profiled=tuple(wanted),
        pillar_results=load_pii_pillar_results(data_dir),
    )


def english_names(imeta: pl.DataFrame) -> pl.Expr:
    """Return an expression for `iName_en` by `iCode` from the iMeta (Vietnamese name if none)."""
    if "iName_en" not in imeta.columns:
        return pl.col("iName").alias("iName_en")
    names = dict(imeta.select("iCode", "iName_en").drop_nulls().iter_rows())
    return (
        pl.col("iCode")
        .replace_strict(names, default=pl.col("iName"), return_dtype=pl.String)
        .alias("iName_en")
    )


def position(slug: str, keys: set[str], year: int, tables: PiiTables) -> PiiPosition:
    """Return the unit's PII position (see the module docstring); `slug` must be profiled."""
    published = tables.published.filter(
        pl.col("unit").is_in(sorted(keys)) & (pl.col("year") <= year)
    ).sort("year", "unit")
    pillar_results = tables.pillar_results
    published_pillars = (
        pillar_results.filter(pl.col("unit").is_in(sorted(keys)) & (pl.col("year") <= year)).sort(
            "year", "pillar"
        )
        if pillar_results.height
        else pillar_results
    )
    units = tables.scores.get_column("uCode").unique(maintain_order=True).to_list()
    if slug not in units:
        empty = pl.DataFrame()
        return PiiPosition(published, published_pillars, empty, empty, None, illustrative=False)
    peers = [u for u in PEER_CITIES if u in units and u != slug]

    def scores_of(unit: str) -> pl.DataFrame:
        return tables.scores.filter(pl.col("uCode") == unit).drop("uCode")

    pillars = scores_of(slug).select("iCode", "iName", "iName_en", pl.col("score").alias(slug))
    for peer in peers:
        pillars = pillars.join(
            scores_of(peer).select("iCode", pl.col("score").alias(peer)),
            on="iCode",
            how="left",
            maintain_order="left",
        )
    row = tables.rank_stats.filter(pl.col("uCode") == slug)
    interval = (
        {k: float(row.item(0, k)) for k in ("nominal", "median", "q05", "q95")}
        if row.height
        else None
    )
    return PiiPosition(
        published=published,
        published_pillars=published_pillars,
        pillars=pillars,
        strengths=tables.strengths.filter(pl.col("uCode") == slug).drop("uCode"),
        rank_interval=interval,
        illustrative=True,
    )


def named_only(strengths: pl.DataFrame) -> pl.DataFrame:
    """Strengths and weaknesses whose indicator name is public (no placeholder name shown)."""
    if strengths.height == 0 or "name_status" not in strengths.columns:
        return strengths
    return strengths.filter(pl.col("name_status").is_in(["public", "public_en"]))
