"""Series for targets set on units formed on 1 July 2025, re-expressed from their old units.

A target is on a new unit when its year is from 2026 on (the period rule of `stkit.units`)
and its unit is a unit of the crosswalk's new side. Its series is the old units' observations
up to 2025 re-expressed by `stkit.units.reexpress` (each indicator's merge rule), followed by
the new unit's own observations from 2026. Periods that cannot be re-expressed keep their
reason, which ends up in the target's `reason`.
"""

from __future__ import annotations

import polars as pl

from stkit.merger import reexpress
from stkit.units import CURRENT, LAST_OLD_PERIOD

_GIVEN = "given"
_NEW = "new"


def given_view(observations: pl.DataFrame, crosswalk: pl.DataFrame) -> pl.DataFrame:
    """Observations as a target on the unit it names sees them, without the territory column.

    A 2025 row with `territory = current` on a unit formed from several old units (the merged
    `hai-phong`) is not a figure of the former unit of the same slug: it is left out here and
    reaches only the re-expressed series of the new unit (`with_merger_series`).
    """
    if "territory" not in observations.columns:
        return observations
    if observations.get_column("territory").null_count() == observations.height:
        return observations.drop("territory")  # every row placed by its period: nothing to hide
    sizes = crosswalk.group_by(pl.col("new_slug").cast(pl.String)).len()
    merged = sizes.filter(pl.col("len") > 1)["new_slug"]
    on_new = (
        (pl.col("territory") == CURRENT)
        & (pl.col("period") <= LAST_OLD_PERIOD)
        & pl.col("unit").is_in(merged.implode())
    )
    return observations.filter(~on_new.fill_null(value=False)).drop("territory")


def with_merger_series(
    targets: pl.DataFrame,
    observations: pl.DataFrame,
    given: pl.DataFrame,
    indicators: pl.DataFrame,
    crosswalk: pl.DataFrame,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Tag targets and observations with the generation of units (`_gen`) they are on.

    `observations` keep their territory column (the re-expression reads it); `given` is
    `given_view` of them, computed once by the caller. Returns (targets with `_gen`, `_merged` (on a unit the merger changed) and `_pre_reason`
    notes, observations with `_gen` and
    `_note`, extended by the re-expressed series of every new unit a target names). When no
    target is on a new unit the observations come back unchanged, without `_gen`.
    """
    crosswalk = crosswalk.select(
        pl.col("old_code").cast(pl.String),
        pl.col("old_slug").cast(pl.String),
        pl.col("new_code").cast(pl.String),
        pl.col("new_slug").cast(pl.String),
    )
    code_to_slug = crosswalk.select("new_code", "new_slug").unique()
    new_keys = pl.concat([code_to_slug["new_code"], code_to_slug["new_slug"]])
    on_new = (pl.col("year") > LAST_OLD_PERIOD) & pl.col("unit").is_in(new_keys.implode())
    if not targets.select(on_new.any()).item():  # no target on a new unit: nothing to rename
        return targets.with_columns(
            pl.lit(_GIVEN).alias("_gen"),
            pl.lit(None, dtype=pl.String).alias("_pre_reason"),
            pl.lit(value=False).alias("_merged"),
        ), given
    targets = targets.with_columns(
        pl.when(on_new).then(pl.lit(_NEW)).otherwise(pl.lit(_GIVEN)).alias("_gen"),
    ).with_columns(
        pl.when(pl.col("_gen") == _NEW)
        .then(pl.col("unit").replace(code_to_slug["new_code"], code_to_slug["new_slug"]))
        .otherwise(pl.col("unit"))
        .alias("unit")
    )
    wanted = targets.filter(pl.col("_gen") == _NEW).select("unit", "indicator").unique()
    if wanted.height == 0:
        no_notes = pl.lit(None, dtype=pl.String).alias("_pre_reason")
        return targets.with_columns(no_notes, pl.lit(value=False).alias("_merged")), given
    tagged = given.with_columns(
        pl.lit(_GIVEN).alias("_gen"), pl.lit(None, dtype=pl.String).alias("_note")
    )
    members = crosswalk.filter(pl.col("new_slug").is_in(wanted["unit"].implode()))
    changed = (
        members.group_by("new_slug")
        .agg(((pl.len() > 1) | (pl.col("old_slug") != pl.col("new_slug")).any()).alias("_changed"))
        .filter("_changed")["new_slug"]
    )
    targets = targets.with_columns(
        ((pl.col("_gen") == _NEW) & pl.col("unit").is_in(changed.implode())).alias("_merged")
    ).with_columns(
        pl.when(pl.col("_merged"))
        .then(
            pl.lit(
                "unit formed on 1 July 2025: assessed on the old units' series re-expressed "
                "by the indicator's merge rule"
            )
        )
        .alias("_pre_reason")
    )
    weights = (
        indicators.filter(pl.col("code").is_in(wanted["indicator"].implode()))
        .get_column("weight_indicator")
        .drop_nulls()
    )
    needed = pl.concat([wanted["indicator"], weights.cast(pl.String)]).unique()
    old_keys = pl.concat([members["old_code"], members["old_slug"]])
    old = observations.filter(
        pl.col("unit").is_in(old_keys.implode())
        & pl.col("indicator").is_in(needed.implode())
        & (pl.col("period") <= LAST_OLD_PERIOD)
    )
    parts = [tagged]
    if old.height:
        moved = reexpress(old, indicators, crosswalk=crosswalk)
        parts.append(
            moved.select(
                pl.col("unit")
                .cast(pl.String)
                .replace(code_to_slug["new_code"], code_to_slug["new_slug"]),
                pl.col("indicator").cast(pl.String),
                pl.col("period").cast(pl.Int64),
                pl.when(pl.col("comparable")).then(pl.col("value").cast(pl.Float64)),
                pl.col("illustrative").cast(pl.Boolean).fill_null(value=False),
                pl.lit(_NEW).alias("_gen"),
                pl.when(~pl.col("comparable"))
                .then(
                    pl.format(
                        "{} in {} cannot be re-expressed onto the merged unit: {}",
                        pl.col("indicator"),
                        pl.col("period"),
                        pl.col("reason").fill_null("no reason given"),
                    )
                )
                .alias("_note"),
            ).join(wanted, on=["unit", "indicator"], how="semi")
        )
    later = given.filter(
        (pl.col("period") > LAST_OLD_PERIOD) & pl.col("unit").is_in(wanted["unit"].implode())
    )
    parts.append(
        later.with_columns(pl.lit(_NEW).alias("_gen"), pl.lit(None, dtype=pl.String).alias("_note"))
    )
    return targets, pl.concat(parts, how="vertical_relaxed")
