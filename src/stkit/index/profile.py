"""A unit's profile: scores, ranks, strengths and weaknesses (GII economy profiles).

An indicator is a strength of a unit when the unit ranks in the top `top_share` of units
on it (percentile rank ≥ 100 · (1 − top_share)) or at rank ≤ `top_rank`; a weakness when
it is in the bottom `top_share` or among the `top_rank` lowest. Ranks are on normalised
values (direction applied), 1 = best, ties at the best rank; percentile rank =
100 · (units strictly below) / (units − 1). Defaults 10 % and 3 (METHODS §3.3 step 8).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from stkit.errors import StkitError
from stkit.index.result import IndexResult
from stkit.outputs import PROFILE

PROFILE_SCHEMA: dict[str, pl.DataType] = dict(PROFILE.dtypes)
"""Columns of `strengths_weaknesses` (`stkit.outputs.PROFILE`)."""


def indicator_standing(result: IndexResult) -> pl.DataFrame:
    """Every (unit, indicator): normalised score, rank (1 = best), rank from the bottom, percentile."""
    norm = result.stages["Normalised"]
    codes = list(result.structure.indicators)
    x = norm.select(codes).to_numpy().astype(np.float64)
    present = ~np.isnan(x)
    filled = np.where(present, x, -np.inf)
    above = (filled[None, :, :] > filled[:, None, :]).sum(axis=1)
    filled_low = np.where(present, x, np.inf)
    below = (filled_low[None, :, :] < filled_low[:, None, :]).sum(axis=1)
    n = present.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        pct = 100.0 * below / np.where(n > 1, n - 1, np.nan)
    units = norm.get_column("uCode").to_list()
    return pl.DataFrame(
        {
            "uCode": np.repeat(units, len(codes)),
            "iCode": np.tile(codes, len(units)),
            "score": x.ravel(),
            "rank": np.where(present, 1 + above, np.nan).ravel(),
            "rank_from_bottom": np.where(present, 1 + below, np.nan).ravel(),
            "percentile": np.where(present, pct, np.nan).ravel(),
        }
    ).with_columns(pl.col("score", "rank", "rank_from_bottom", "percentile").fill_nan(None))


def strengths_weaknesses(
    result: IndexResult,
    unit: str,
    *,
    top_share: float | None = None,
    top_rank: int | None = None,
) -> pl.DataFrame:
    """A unit's strengths then weaknesses: kind, iCode, iName, parent, score, rank, percentile."""
    share = result.config.strength_share if top_share is None else top_share
    best = result.config.strength_rank if top_rank is None else top_rank
    units = result.scores.get_column("uCode").to_list()
    if unit not in units:
        raise StkitError(
            f"Unit {unit!r} is not in this index (after screening). "
            f"Fix: use one of its uCodes, e.g. {', '.join(units[:5])}. / "
            f"Đơn vị {unit!r} không có trong chỉ số này (sau bước sàng lọc). "
            f"Cách sửa: dùng một uCode của chỉ số, ví dụ {', '.join(units[:5])}."
        )
    names = result.structure.names
    parents = {
        child: level.codes[int(np.argmax(level.membership[i]))]
        for level in result.structure.levels
        for i, child in enumerate(level.children)
    }
    mine = indicator_standing(result).filter(
        (pl.col("uCode") == unit) & pl.col("score").is_not_null()
    )
    strong = (pl.col("percentile") >= 100 * (1 - share)) | (pl.col("rank") <= best)
    weak = (pl.col("percentile") <= 100 * share) | (pl.col("rank_from_bottom") <= best)
    frames = [
        mine.filter(strong).sort("rank").with_columns(pl.lit("strength").alias("kind")),
        mine.filter(weak & ~strong)
        .sort("rank_from_bottom")
        .with_columns(pl.lit("weakness").alias("kind")),
    ]
    out = pl.concat(frames).with_columns(
        pl.col("iCode").replace_strict(names, default=None).alias("iName"),
        pl.col("iCode").replace_strict(parents, default=None).alias("parent"),
        pl.col("rank").cast(pl.Int64),
    )
    return out.select(list(PROFILE_SCHEMA)).cast(PROFILE_SCHEMA)  # type: ignore[arg-type]


def unit_scores(result: IndexResult, unit: str, *, min_level: int = 2) -> pl.DataFrame:
    """A unit's score and rank on the aggregates of level `min_level` and above.

    Columns iCode, iName, score, rank. The default (2) lists every aggregate; `min_level=3` on the PII frame skips its 18
    groups of indicators and starts at the pillars.
    """
    scores = result.scores.filter(pl.col("uCode") == unit)
    ranks = result.ranks.filter(pl.col("uCode") == unit)
    if scores.height == 0:
        raise StkitError(
            f"Unit {unit!r} is not in this index (after screening). Fix: use one of its uCodes. / "
            f"Đơn vị {unit!r} không có trong chỉ số này (sau bước sàng lọc). "
            "Cách sửa: dùng một uCode của chỉ số."
        )
    kept = {
        c for level in result.structure.levels if level.number >= min_level for c in level.codes
    }
    codes = [c for c in result.scores.columns[1:] if c in kept]
    return pl.DataFrame(
        {
            "iCode": codes,
            "iName": [result.structure.names.get(c, c) for c in codes],
            "score": [scores.item(0, c) for c in codes],
            "rank": [ranks.item(0, c) for c in codes],
        },
        schema={"iCode": pl.String, "iName": pl.String, "score": pl.Float64, "rank": pl.Int64},
    )
