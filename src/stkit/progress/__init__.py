"""Progress of every (unit, target): distance travelled, pace, likely outcome, trend.

`assess` is a pure function over polars frames that handles all units and targets in one
pass (flat per-run summaries, a join on the keys, one lazy plan of column expressions; no
loop per series). `assessed_series` returns the points each target is assessed on.
Definitions, every choice made where the sources are silent, and the speed design:
docs/progress.md.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import polars as pl

from stkit.progress._best import best_performer_values
from stkit.progress._frames import (
    EXTRA_COLUMNS,
    PROGRESS_COLUMNS,
    indicators_input,
    observations_input,
    repeated_period_error,
    targets_input,
)
from stkit.progress._measures import EQUAL_NOTE, all_positive, equal_notes, measure
from stkit.progress._merger import given_view, with_merger_series
from stkit.progress._segments import RepeatedPeriodError, summarise_series
from stkit.progress._series import series_points
from stkit.progress._settings import OpenSdgSettings, Settings
from stkit.units import LAST_OLD_PERIOD
from stkit.vocab import COMPARATORS

__all__ = [
    "COMPARATORS",
    "EXTRA_COLUMNS",
    "LAST_OLD_PERIOD",
    "PROGRESS_COLUMNS",
    "OpenSdgSettings",
    "Settings",
    "assess",
    "assessed_series",
    "best_performer_values",
]


def assess(
    targets: pl.DataFrame,
    observations: pl.DataFrame,
    indicators: pl.DataFrame,
    *,
    year: int,
    equal_tolerance: float = 0.01,
    best_k: int = 3,
    trend_window: int = 5,
    horizon: int = 50,
    regression_power: float = 1.0,
    rate_average_years: int = 1,
    merger: bool = True,
    crosswalk: pl.DataFrame,
    settings: Settings | None = None,
) -> pl.DataFrame:
    """Assess every target row (milestones included) against the observations up to `year`.

    Inputs are in the public formats (docs/architecture.md). Returns one row per target row,
    in input order, with PROGRESS_COLUMNS then EXTRA_COLUMNS. Shares and growth rates are
    fractions (0.25 = 25 %). `equal_tolerance` is the relative half-width of the band that
    meets an `=` target; targets without a value get the mean of the `best_k` best units'
    latest values. With `merger`, targets set after 2025 on a unit formed on 1 July 2025 are
    assessed on series re-expressed by `crosswalk` (e.g. `stkit.load().crosswalk`).
    `settings` sets every threshold at once (`Settings`); when given, the five keyword
    parameters above it are not read.
    """
    if settings is None:
        settings = Settings(
            equal_relative_tolerance=equal_tolerance,
            trend_window=trend_window,
            horizon=horizon,
            regression_power=regression_power,
            rate_average_years=rate_average_years,
        )
    frame, points_source, catalogue, ids = _prepared(
        targets,
        observations,
        indicators,
        year=year,
        best_k=best_k,
        merger=merger,
        crosswalk=crosswalk,
    )
    if not frame.get_column("_tid").is_sorted():
        frame = frame.sort("_tid")  # `_tid` is the row number from here on
    # The catalogue's columns, the `=` notes and the milestones need only the targets:
    # polars works them out in a second thread (it releases the interpreter lock) while
    # the series are summarised, mostly in numpy, in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        notes = _catalogue_notes(catalogue, settings)
        side = pool.submit(_target_columns, frame, ids, notes, settings)
        summarised = _with_summaries(frame, points_source, year=year, settings=settings)
        joined = summarised.hstack(side.result().get_columns())
    plan = joined.lazy().with_columns(
        pl.col("n_points").fill_null(0),
        (pl.col("illustrative").fill_null(value=False) | pl.col("_best_illustrative")).alias(
            "illustrative"
        ),
        pl.lit(year).alias("_report_year"),
    )
    measured = measure(
        plan,
        settings,
        notes=_notes(joined),
        growth=bool(frame.get_column("_best").any()),
        positive=all_positive(joined),
        empty_notes=frozenset(
            name
            for name in ("_rate_note", EQUAL_NOTE)
            if joined.get_column(name).null_count() == joined.height
        ),
        past_years=bool(frame.select((pl.col("year") <= year).any()).item()),
    )
    return _public(measured).collect()


def _prepared(
    targets: pl.DataFrame,
    observations: pl.DataFrame,
    indicators: pl.DataFrame,
    *,
    year: int,
    best_k: int,
    merger: bool,
    crosswalk: pl.DataFrame,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Typed targets (best-performer values, merger generation), points, catalogue, and ids.

    The ids (programme, target_id, unit and year of each target as given, before the
    merger renames units) are what `_milestones` reads.
    """
    frame = targets_input(targets)
    points_all = observations_input(observations)
    points_source = given_view(points_all, crosswalk)
    catalogue = indicators_input(indicators)
    ids = frame.select("programme", "target_id", "unit", "year")
    frame = _fill_best_performers(frame, points_source, catalogue, year=year, k=best_k)
    if merger and frame.filter(pl.col("year") > LAST_OLD_PERIOD).height:
        frame, points_source = with_merger_series(
            frame, points_all, points_source, _merge_rules(indicators), crosswalk
        )
    else:
        frame = frame.with_columns(
            pl.lit(None, dtype=pl.String).alias("_pre_reason"), pl.lit(value=False).alias("_merged")
        )
    return frame, points_source, catalogue, ids


def _milestones(frame: pl.DataFrame) -> pl.Expr:
    """True on a target row that has a later row with the same programme, target_id and unit.

    Without repeated target ids there is none, which one count of distinct ids shows
    faster than the windowed maximum.
    """
    if frame.get_column("target_id").n_unique() == frame.height:
        return pl.repeat(False, frame.height, dtype=pl.Boolean)
    return pl.col("year") < pl.col("year").max().over("programme", "target_id", "unit")


def _with_summaries(
    frame: pl.DataFrame, observations: pl.DataFrame, *, year: int, settings: Settings
) -> pl.DataFrame:
    """The targets (in `_tid` order) with their series summaries and `_note` (dropped points).

    Targets whose series is all observations up to `year` (no stated baseline year, target
    year not before the report year, units as given) share one summary per (unit,
    indicator); the others get their own window of points. Summaries reach their targets
    by row number (`gather`, skipped when it is the identity: one target per series, in the
    data's order), so only the keys go through a join (none when the targets' keys are the
    series' keys row for row) and no sort is needed.
    """

    def summarise(rows: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
        try:
            return summarise_series(
                rows,
                keys,
                trend_window=settings.trend_window,
                regression_power=settings.regression_power,
                rate_average_years=settings.rate_average_years,
            )
        except RepeatedPeriodError as error:
            key = error.key
            if "_tid" in key:
                key = frame.filter(pl.col("_tid") == key["_tid"]).row(0, named=True)
            unit, indicator = str(key["unit"]), str(key["indicator"])
            raise repeated_period_error(unit, indicator, error.period) from None

    if not frame.get_column("_tid").is_sorted():
        frame = frame.sort("_tid")  # `_tid` is the row number from here on
    simple, windowed, given = _split(frame, observations, year=year)
    row_of = np.full(frame.height, -1, dtype=np.int64)  # summary row of each target
    blocks = []
    note = pl.repeat(None, frame.height, dtype=pl.String, eager=True).alias("_note")
    if simple.height:
        per_series = summarise(given, ["unit", "indicator"])
        if _same_keys(simple, per_series):  # one target per series, in the series' order
            row_of[simple.get_column("_tid").to_numpy()] = np.arange(per_series.height)
        else:
            found = (  # lazy: the planned join is faster than the eager call on this data
                simple.lazy()
                .select("_tid", "unit", "indicator")
                .join(
                    per_series.lazy().select("unit", "indicator").with_row_index("_row"),
                    on=["unit", "indicator"],
                    how="inner",
                )
                .collect()
            )
            row_of[found.get_column("_tid").to_numpy()] = found.get_column("_row").to_numpy()
        blocks.append(per_series.drop("unit", "indicator"))
    if windowed.height:
        points = series_points(windowed, observations, year=year)
        per_target = summarise(points.filter(pl.col("value").is_not_null()), ["_tid"])
        offset = sum(block.height for block in blocks)
        row_of[per_target.get_column("_tid").to_numpy()] = offset + np.arange(per_target.height)
        blocks.append(per_target.drop("_tid"))
        notes = (
            points.filter(pl.col("_note").is_not_null())
            .group_by("_tid")
            .agg(pl.col("_note").first())
        )
        note = note.scatter(notes.get_column("_tid"), notes.get_column("_note"))
    stats = pl.concat(blocks) if blocks else _no_summaries(frame)
    if row_of.size != stats.height or not np.array_equal(row_of, np.arange(row_of.size)):
        row_of[row_of < 0] = stats.height  # one row of nulls for targets without points
        rows = pl.Series(row_of, dtype=pl.UInt32)
        stats = pl.concat([stats, stats.clear(1)]).lazy().select(pl.all().gather(rows)).collect()
    return frame.hstack(stats.get_columns()).with_columns(note)


def _same_keys(targets: pl.DataFrame, series: pl.DataFrame) -> bool:
    """True when row i of `targets` names series i of `series` (same unit and indicator).

    One comparison per row, against the hash join's two hash tables: targets are often
    listed one per series in the order of the observations.
    """
    if targets.height != series.height:
        return False
    keys = ["unit", "indicator"]
    return targets.select(keys).equals(series.select(keys))


def _no_summaries(frame: pl.DataFrame) -> pl.DataFrame:
    """Summary columns, no rows (every target lacks points)."""
    return summarise_series(
        frame.clear().select(
            "_tid",
            pl.lit(0, dtype=pl.Int64).alias("period"),
            pl.lit(0.0).alias("value"),
            pl.lit(value=False).alias("illustrative"),
        ),
        ["_tid"],
        trend_window=1,
        regression_power=1.0,
        rate_average_years=1,
    ).drop("_tid")


def _split(
    frame: pl.DataFrame, observations: pl.DataFrame, *, year: int
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(targets sharing a whole series, targets with their own window, the shared points).

    Shared: no stated baseline year, target year not before the report year, units as
    given; their points are the observations up to `year`.
    """
    shared = pl.col("baseline_year").is_null() & (pl.col("year") >= year)
    if "_gen" in observations.columns:
        shared = shared & (pl.col("_gen") == "given")
        given = observations.filter(pl.col("_gen") == "given").drop("_gen", "_note")
    else:
        given = observations
    if given.height and given.get_column("period").max() > year:  # type: ignore[operator]
        given = given.filter(pl.col("period") <= year)
    flags = frame.select(shared).to_series()  # when one side is empty, the other is `frame`
    if flags.null_count() == 0 and flags.all():
        return frame, frame.clear(), given
    if flags.null_count() == 0 and not flags.any():
        return frame.clear(), frame, given
    return frame.filter(shared), frame.filter(~shared), given


def assessed_series(
    targets: pl.DataFrame,
    observations: pl.DataFrame,
    indicators: pl.DataFrame,
    *,
    year: int,
    merger: bool = True,
    crosswalk: pl.DataFrame,
) -> pl.DataFrame:
    """The points each target row is assessed on by `assess` (same arguments, same rules).

    One row per (target row, point), in target order then by period: programme,
    target_id, unit, indicator, target_year, period, value, illustrative, `reexpressed`
    (the merger's re-expression of the old units merged into the target's unit on 1 July
    2025, not an observation of the unit itself) and `stated_baseline` (the target's stated
    baseline value standing in for that year's observation). A target's last point is its
    `latest_value`, its first its `baseline_value`; a target without points has no row.
    """
    frame, points_source, _, _ = _prepared(
        targets, observations, indicators, year=year, best_k=1, merger=merger, crosswalk=crosswalk
    )
    simple, windowed, given = _split(frame, points_source, year=year)
    point_columns = ["_tid", "period", "value", "illustrative", "_baseline_point"]
    parts = [
        simple.select("_tid", "unit", "indicator")
        .join(given, on=["unit", "indicator"], how="inner")
        .with_columns(pl.lit(value=False).alias("_baseline_point"))
        .select(point_columns)
    ]
    if windowed.height:
        points = series_points(windowed, points_source, year=year)
        parts.append(points.filter(pl.col("value").is_not_null()).select(point_columns))
    c = pl.col
    points = pl.concat(parts, how="vertical_relaxed")
    repeated = points.filter(pl.struct("_tid", "period").is_duplicated())
    if repeated.height:
        first = repeated.row(0, named=True)
        key = frame.filter(pl.col("_tid") == first["_tid"]).row(0, named=True)
        raise repeated_period_error(key["unit"], key["indicator"], int(first["period"]))
    return (
        points.join(
            frame.select("_tid", "programme", "target_id", "unit", "indicator", "year", "_merged"),
            on="_tid",
        )
        .sort("_tid", "period")
        .select(
            "programme",
            "target_id",
            "unit",
            "indicator",
            c("year").alias("target_year"),
            "period",
            "value",
            "illustrative",
            (c("_merged") & (c("period") <= LAST_OLD_PERIOD) & ~c("_baseline_point")).alias(
                "reexpressed"
            ),
            c("_baseline_point").alias("stated_baseline"),
        )
    )


def _with_catalogue(frame: pl.DataFrame, catalogue: pl.DataFrame) -> pl.DataFrame:
    """Add the catalogue's columns (null for indicators it lacks) to each target, in order.

    One left join keeping the targets' order: faster than mapping codes to row numbers and
    gathering each column (`catalogue` has one row per indicator, so no row is repeated; a missing
    indicator meets a missing code, as a lookup by value would).
    """
    return frame.join(
        catalogue, on="indicator", how="left", maintain_order="left", nulls_equal=True
    )


def _target_columns(
    frame: pl.DataFrame, ids: pl.DataFrame, catalogue: pl.DataFrame, settings: Settings
) -> pl.DataFrame:
    """Per target, in order: the catalogue's columns, EQUAL_NOTE and `milestone` (from `ids`)."""
    columns = _with_catalogue(frame.select("indicator"), catalogue).drop("indicator")
    return columns.with_columns(
        equal_notes(frame, settings), ids.select(_milestones(ids).alias("milestone")).to_series()
    )


def _catalogue_notes(catalogue: pl.DataFrame, settings: Settings) -> pl.DataFrame:
    """The catalogue's kind keyed by indicator, with what follows from it worked out once each.

    `_rate` (kind `rate`), `_lower` and `_upper` (the bounds of the kind in
    `settings.bounds`, null when none) and the note on rate indicators. `direction` is left
    out: it ranks best performers only, which are found before this.
    """
    compared = (
        f"its {settings.rate_average_years}-year average"
        if settings.rate_average_years > 1
        else "its latest level"
    )
    return catalogue.select(
        pl.col("code").alias("indicator"),
        "kind",
        pl.when(pl.col("kind") == "rate")
        .then(
            pl.format(
                "{} is itself a rate or a share of growth: no CAGR of its own; "
                + compared
                + " is compared with the target and projected on a straight line",
                pl.col("code"),
            )
        )
        .alias("_rate_note"),
        (pl.col("kind") == "rate").fill_null(value=False).alias("_rate"),
        *_kind_bounds(settings),
    )


def _kind_bounds(settings: Settings) -> list[pl.Expr]:
    """Columns `_lower` and `_upper` of each catalogue row: its kind's bounds, null when none."""
    kind = pl.col("kind")
    lower = pl.lit(None, dtype=pl.Float64)
    upper = pl.lit(None, dtype=pl.Float64)
    for name, low, high in reversed(settings.bounds):
        lower = pl.when(kind == name).then(pl.lit(float(low))).otherwise(lower)
        upper = pl.when(kind == name).then(pl.lit(float(high))).otherwise(upper)
    return [lower.alias("_lower"), upper.alias("_upper")]


def _merge_rules(indicators: pl.DataFrame) -> pl.DataFrame:
    """The catalogue as `stkit.units.reexpress` needs it (weight_indicator always present)."""
    if "weight_indicator" in indicators.columns:
        return indicators
    return indicators.with_columns(pl.lit(None, dtype=pl.String).alias("weight_indicator"))


def _fill_best_performers(
    frame: pl.DataFrame, observations: pl.DataFrame, catalogue: pl.DataFrame, *, year: int, k: int
) -> pl.DataFrame:
    """Give targets without a value the best performers' mean; flag them."""
    missing = frame.filter(pl.col("value").is_null())
    if missing.height == 0:
        return frame.with_columns(
            pl.lit(value=False).alias("_best"),
            pl.lit(value=False).alias("_best_illustrative"),
            pl.lit(None, dtype=pl.UInt32).alias("best_count"),
        )
    wanted = missing.select("indicator").unique()
    best = best_performer_values(
        observations.join(wanted, on="indicator", how="semi"), catalogue, year=year, k=k
    )
    return (
        frame.join(best, on="indicator", how="left", maintain_order="left")
        .with_columns(
            pl.col("value").is_null().alias("_best"),
            (pl.col("value").is_null() & pl.col("best_illustrative").fill_null(value=False)).alias(
                "_best_illustrative"
            ),
            pl.col("value").fill_null(pl.col("best_value")),
        )
        .drop("best_value", "best_illustrative")
    )


def _notes(frame: pl.DataFrame) -> list[pl.Expr]:
    """Notes fixed before measuring: merger, best performers, baseline, catalogue, series.

    `frame`: the targets with their summaries and catalogue columns. A note that cannot
    apply to any of its rows is left out of the plan.
    """
    c = pl.col

    def written(name: str) -> bool:
        return frame.get_column(name).null_count() < frame.height

    notes = [c("_pre_reason")] if written("_pre_reason") else []
    if frame.get_column("_best").any():
        notes += [
            pl.when(c("_best") & c("value").is_not_null()).then(
                pl.format(
                    "no target value stated: mean of the best {} units' latest values up to {}",
                    c("best_count"),
                    c("_report_year"),
                )
            ),
            pl.when(c("_best") & c("value").is_null()).then(
                pl.lit("no target value stated and no unit has data to take one from")
            ),
        ]
    if frame.get_column("baseline_year").null_count() < frame.height:
        notes.append(
            pl.when(c("baseline_year").is_not_null() & (c("t0") != c("baseline_year"))).then(
                pl.format(
                    "no observation in the stated baseline year {}; first one after it ({}) used",
                    c("baseline_year"),
                    c("t0"),
                )
            )
        )
    if frame.get_column("baseline_value").null_count() < frame.height:
        notes.append(
            pl.when(c("baseline_value").is_not_null() & c("baseline_year").is_null()).then(
                pl.lit("baseline value given without a year: ignored, first observation used")
            )
        )
    if frame.get_column("kind").null_count():
        notes.append(
            pl.when(c("kind").is_null()).then(
                pl.format("{} is not in the indicator catalogue", c("indicator"))
            )
        )
    return [*notes, c("_note")] if written("_note") else notes


def _public(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Name and order the output columns; empty reasons become null."""
    c = pl.col
    return frame.select(
        "unit",
        "programme",
        "target_id",
        "indicator",
        c("t0").fill_null(c("baseline_year")).alias("baseline_year"),
        c("x0").fill_null(c("baseline_value")).alias("baseline_value"),
        c("tc").alias("latest_year"),
        c("xc").alias("latest_value"),
        c("year").alias("target_year"),
        c("value").alias("target_value"),
        "share_of_way",
        "expected_share",
        "cagr_actual",
        "cagr_required",
        "cagr_ratio",
        "projected_value",
        "projection_method",
        "regression_value",
        "regression_gap",
        "status",
        "status_method",
        "outcome",
        "trend",
        c("attainment_year").cast(pl.Int64),
        "opensdg_score",
        "opensdg_status",
        pl.when(c("reason") != "").then(c("reason")).alias("reason"),
        "illustrative",
        "milestone",
        "comparator",
    )
