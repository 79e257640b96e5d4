"""Targets in force at a year's end, by kind of programme, with their assessed status.

The overview's national row and its table of provinces with their own targets read the
progress frame (`stkit.progress.assess`, one truth per status) restricted to the targets
that apply on 31 December of the report year: a target replaced by a later document
(`Target.replaces`, `stkit.programmes.target_spans`) drops out from the day its successor
takes effect, and is listed with it, not counted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from stkit.reports.league import year_end
from stkit.vocab import PROGRESS_STATUSES

if TYPE_CHECKING:
    from stkit.programmes.model import Registry

#: Statuses in the order a table shows them (`stkit.vocab.ProgressStatus`).
STATUSES: tuple[str, ...] = PROGRESS_STATUSES

SPAN_SCHEMA: dict[str, type[pl.DataType]] = {
    "programme": pl.String,
    "kind": pl.String,
    "target_id": pl.String,
    "in_force_from": pl.Date,
    "superseded_by": pl.String,
    "superseded_on": pl.Date,
}


def target_spans_frame(registry: Registry) -> pl.DataFrame:
    """One row per registry target: programme, kind, target_id, in_force_from, superseded_by/on."""
    from stkit.programmes import target_spans  # noqa: PLC0415 - the registry's own rule

    kinds = {p.id: p.kind for p in registry.programmes}
    rows = [
        (s.programme, kinds[s.programme], s.target.id, s.in_force_from, s.superseded_by,
         s.superseded_on)
        for s in target_spans(registry)
    ]  # fmt: skip
    return pl.DataFrame(rows, schema=SPAN_SCHEMA, orient="row")


def assessed_targets(progress: pl.DataFrame, spans: pl.DataFrame, year: int) -> pl.DataFrame:
    """The progress rows (milestones left out) with kind, in_force (on 31/12/`year`), successor."""
    day = year_end(year)
    in_force = (pl.col("in_force_from") <= day) & (
        pl.col("superseded_on").is_null() | (pl.col("superseded_on") > day)
    )
    return (
        progress.filter(~pl.col("milestone"))
        .join(spans.drop("programme"), on="target_id", how="left", maintain_order="left")
        .with_columns(in_force.fill_null(value=False).alias("in_force"))
    )


def status_counts(assessed: pl.DataFrame) -> pl.DataFrame:
    """Per unit, over the targets in force: targets, one count per status, any illustrative.

    Returns unit, programmes (sorted ids), targets, then one column per `STATUSES` entry
    (other statuses are in `targets` only), illustrative.
    """
    rows = assessed.filter(pl.col("in_force"))
    return (
        rows.group_by("unit")
        .agg(
            pl.col("programme").unique().sort().alias("programmes"),
            pl.len().cast(pl.Int64).alias("targets"),
            *[(pl.col("status") == s).sum().cast(pl.Int64).alias(s) for s in STATUSES],
            pl.col("illustrative").any().alias("illustrative"),
        )
        .sort("unit")
    )


def own_targets(assessed: pl.DataFrame, kind: str = "provincial_plan") -> pl.DataFrame:
    """`status_counts` over the targets of programmes of `kind` (a province's own targets)."""
    return status_counts(assessed.filter(pl.col("kind") == kind))


def unit_targets(assessed: pl.DataFrame, unit: str) -> pl.DataFrame:
    """One unit's targets, those in force first (then by programme and target)."""
    return assessed.filter(pl.col("unit") == unit).sort(
        pl.col("in_force").not_(), "programme", "target_year", "target_id"
    )
