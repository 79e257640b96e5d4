"""Target values for targets stated without one: the mean of the best performers.

ESCAP gives indicators without a numeric target a target from the best performers
(METHODS §1.2, "e.g. mean of the top 3"; its exact rule is not published): here the
mean of the k best units' latest values up to the report year, best by the catalogue's
direction. All units in the observations take part, the target's own unit included.
"""

from __future__ import annotations

import polars as pl

from stkit.progress._frames import repeated_period_error


def best_performer_values(
    observations: pl.DataFrame, indicators: pl.DataFrame, *, year: int, k: int
) -> pl.DataFrame:
    """Per indicator: `best_value` (mean of the top k latest values) and `best_illustrative`.

    `observations` as from `observations_input`; `indicators` as from `indicators_input`.
    Indicators without a direction in the catalogue count higher as better. Units tied
    on value are taken in slug order, so which of them is in the top k (and so whether the
    value is illustrative) does not depend on row order.
    """
    known = observations.filter(pl.col("period") <= year)
    repeated = known.filter(pl.struct("unit", "indicator", "period").is_duplicated())
    if repeated.height:
        row = repeated.row(0, named=True)
        raise repeated_period_error(row["unit"], row["indicator"], row["period"])
    latest = (
        known.group_by("unit", "indicator")
        .agg(
            pl.col("value").get(pl.col("period").arg_max()),
            pl.col("illustrative").get(pl.col("period").arg_max()),
        )
        .join(
            indicators.select(pl.col("code").alias("indicator"), "direction"),
            on="indicator",
            how="left",
        )
    )
    signed = pl.when(pl.col("direction") == "decrease").then(-pl.col("value")).otherwise("value")
    by, descending = [signed, pl.col("unit")], [True, False]
    return latest.group_by("indicator").agg(
        pl.col("value").sort_by(by, descending=descending).head(k).mean().alias("best_value"),
        pl.col("illustrative")
        .sort_by(by, descending=descending)
        .head(k)
        .any()
        .alias("best_illustrative"),
        pl.len().clip(upper_bound=k).alias("best_count"),
    )
