"""The first year from the latest observation on in which the projection meets the target.

Closed form instead of stepping year by year: solve x(n) = L for n (L = V, or the near
edge of the `=` band), then take the first whole n among ceil(n)−1, ceil(n), ceil(n)+1
that meets the comparator, so rounding in the logarithm cannot shift the year.
Intermediate results are named columns of the lazy plan, dropped at the end.
"""

from __future__ import annotations

import polars as pl

from stkit.progress._comparators import falling, meets, rising

_EPSILON = 1e-9
_SHIFTS = (-1.0, 0.0, 1.0)


def with_attainment_year(
    frame: pl.LazyFrame,
    *,
    latest_year: str,
    base: str,
    rate: str,
    slope: str,
    target: str,
    band: str,
    horizon: int,
    alias: str = "attainment_year",
) -> pl.LazyFrame:
    """Add `alias`: year (Int64) the projection from (latest_year, base) first meets the target.

    Compound at `rate` when it is not null, else linear at `slope` per year. Null when
    neither is known, the projection moves away or stands still, or it takes more than
    `horizon` years. An `=` target is met inside the band; a projection that jumps over the
    band within one year never meets it.
    """
    c = pl.col
    compound = c(rate).is_not_null()
    frame = frame.with_columns(
        pl.when(rising())
        .then(pl.lit(1.0))
        .when(falling())
        .then(pl.lit(-1.0))
        .otherwise((c(target) - c(base)).sign())
        .alias("_a_needed"),
        pl.when(compound).then(c(rate).sign()).otherwise(c(slope).sign()).alias("_a_moving"),
    ).with_columns(
        pl.when(rising() | falling())
        .then(c(target))
        .otherwise(c(target) - c("_a_needed") * c(band))
        .alias("_a_level"),
    )
    frame = frame.with_columns(
        pl.when(compound)
        .then((c(base) > 0) & (c("_a_level") > 0) & (c(rate) > -1.0) & (c(rate) != 0))
        .otherwise(c(slope).is_not_null() & (c(slope) != 0))
        .alias("_a_solvable"),
        pl.when(compound)
        .then((c("_a_level") / c(base)).log() / (1.0 + c(rate)).log())
        .otherwise((c("_a_level") - c(base)) / c(slope))
        .alias("_a_steps"),
    ).with_columns(
        pl.max_horizontal((c("_a_steps") - _EPSILON).ceil(), pl.lit(1.0)).alias("_a_first"),
    )
    frame = frame.with_columns(
        pl.when(compound)
        .then(c(base) * (1.0 + c(rate)).pow(c("_a_first") + shift))
        .otherwise(c(base) + c(slope) * (c("_a_first") + shift))
        .alias(f"_a_x{i}")
        for i, shift in enumerate(_SHIFTS)
    )
    frame = frame.with_columns(
        ((c("_a_first") + shift >= 1.0) & meets(c(f"_a_x{i}"), c(target), c(band)))
        .fill_null(value=False)
        .alias(f"_a_met{i}")
        for i, shift in enumerate(_SHIFTS)
    )
    reachable = (
        c("_a_solvable")
        & (c("_a_moving") == c("_a_needed"))
        & (c("_a_needed") != 0)
        & c("_a_steps").is_finite()
        & (c("_a_steps") <= horizon + 1)
    )
    found = (
        pl.when(c("_a_met0"))
        .then(c("_a_first") - 1.0)
        .when(c("_a_met1"))
        .then(c("_a_first"))
        .when(c("_a_met2"))
        .then(c("_a_first") + 1.0)
    )
    frame = frame.with_columns(
        pl.when(meets(c(base), c(target), c(band)))
        .then(pl.lit(0.0))
        .when(reachable)
        .then(found)
        .alias("_a_offset")
    )
    temporary = [
        "_a_needed",
        "_a_moving",
        "_a_level",
        "_a_solvable",
        "_a_steps",
        "_a_first",
        "_a_offset",
        *(f"_a_x{i}" for i in range(len(_SHIFTS))),
        *(f"_a_met{i}" for i in range(len(_SHIFTS))),
    ]
    return frame.with_columns(
        pl.when(c("_a_offset") <= horizon)
        .then(c(latest_year) + c("_a_offset").cast(pl.Int64))
        .alias(alias)
    ).drop(temporary)
