"""Summaries of many series at once, from rows sorted by series key and period.

Works on contiguous runs instead of hashing: a run starts where a key changes, so first
and last points are the run's first and last rows, and per-run values reach each row by
index (`gather`). The only group-by is over the sorted integer run id. Whether the rows
were sorted is checked afterwards on the run heads (small); if not, they are sorted and
the runs recomputed.
"""

from __future__ import annotations

import polars as pl

SUMMARY_COLUMNS: tuple[str, ...] = (
    "n_points",
    "t0",
    "x0",
    "tc",
    "xc",
    "ts",
    "xs",
    "x_recent_mean",
    "sw",
    "swu",
    "swx",
    "swuu",
    "swux",
    "illustrative",
)


def _runs(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Add `_start`, `_end` (first/last row of a run of equal keys) and `_run` (0, 1, ...)."""
    c = pl.col
    starts = pl.any_horizontal([c(k) != c(k).shift(1) for k in keys]).fill_null(value=True)
    return frame.with_columns(starts.alias("_start")).with_columns(
        (c("_start").cum_sum() - 1).alias("_run").set_sorted(),
        c("_start").shift(-1).fill_null(value=True).alias("_end"),
    )


def _strictly_increasing(frame: pl.DataFrame, keys: list[str]) -> pl.Expr:
    """Rows in strictly increasing lexicographic order of `keys` (null-safe for the first)."""
    del frame
    order: pl.Expr | None = None
    for key in reversed(keys):
        now, before = pl.col(key), pl.col(key).shift(1)
        order = now > before if order is None else (now > before) | ((now == before) & order)
    assert order is not None
    return order.fill_null(value=True)


def _in_order(rows: pl.DataFrame, keys: list[str]) -> bool:
    """True when each key occurs in one run and periods increase within runs."""
    periods_ok = rows.select(
        (pl.col("_start") | (pl.col("period") > pl.col("period").shift(1))).all()
    ).item()
    if not periods_ok:
        return False
    heads = rows.filter(pl.col("_start")).select(keys)
    return bool(heads.select(_strictly_increasing(heads, keys).all()).item())


def summarise_sorted(
    frame: pl.DataFrame,
    keys: list[str],
    *,
    trend_window: int,
    regression_power: float,
    rate_average_years: int,
) -> pl.DataFrame:
    """Per series (`keys`): count, first/last points, trend start, recent mean, weighted sums.

    `frame` has the keys, period, value (no nulls) and illustrative; periods are unique
    within a series. Trend start (ts, xs): the latest point at or before tc − k,
    k = min(trend_window, tc − t0) (SDSN). Regression weights (t − t0 + 1)^regression_power
    give later years more weight; periods are counted from t0 to keep sums well conditioned.
    """
    c = pl.col
    frame = frame.select(*keys, "period", "value", "illustrative")
    rows = _runs(frame, keys)
    if not _in_order(rows, keys):
        rows = _runs(frame.sort(*keys, "period"), keys)
    lazy = rows.lazy().with_columns(
        c("period").filter(c("_start")).gather(c("_run")).alias("_t0"),
        c("period").filter(c("_end")).gather(c("_run")).alias("_tc"),
    )
    cutoff = c("_tc") - pl.min_horizontal(pl.lit(trend_window), c("_tc") - c("_t0"))
    offset = (c("period") - c("_t0")).cast(pl.Float64)
    if regression_power == 1.0:
        weight = offset + 1.0
    elif regression_power == 0.0:
        weight = pl.lit(1.0)
    else:
        weight = (offset + 1.0).pow(regression_power)
    extra = [(c("period") > c("_tc") - rate_average_years).alias("_recent")]
    lazy = lazy.with_columns(
        ((c("period") <= cutoff) & (c("_end") | (c("period").shift(-1) > cutoff))).alias(
            "_trend_start"
        ),
        offset.alias("_u"),
        weight.alias("_w"),
        *(extra if rate_average_years > 1 else []),
    )
    heads = lazy.filter(c("_start")).select(*keys, c("period").alias("t0"), c("value").alias("x0"))
    ends = lazy.select("period", "value", "_end").filter(c("_end"))
    tails = ends.select(c("period").alias("tc"), c("value").alias("xc"))
    starts = lazy.select("period", "value", "_trend_start").filter(c("_trend_start"))
    trend = starts.select(c("period").alias("ts"), c("value").alias("xs"))
    recent_mean = (
        [c("value").filter(c("_recent")).mean().alias("x_recent_mean")]
        if rate_average_years > 1
        else []
    )
    wx = c("_w") * c("value")
    wu = c("_w") * c("_u")
    sums = (
        lazy.group_by("_run", maintain_order=True)
        .agg(
            pl.len().alias("n_points"),
            *recent_mean,
            c("_w").sum().alias("sw"),
            wu.sum().alias("swu"),
            wx.sum().alias("swx"),
            (wu * c("_u")).sum().alias("swuu"),
            (wx * c("_u")).sum().alias("swux"),
            c("illustrative").any().alias("illustrative"),
        )
        .drop("_run")
    )
    heads_f, tails_f, trend_f, sums_f = pl.collect_all([heads, tails, trend, sums])
    summary = pl.concat([heads_f, tails_f, trend_f, sums_f], how="horizontal")
    if rate_average_years <= 1:
        summary = summary.with_columns(c("xc").alias("x_recent_mean"))
    return summary.select(*keys, *SUMMARY_COLUMNS)
