"""Re-express series on the 63 old provincial units onto the 34 units in force since 1 July 2025.

Each indicator's `merge_rule` (indicator catalogue) says how member values combine:
`sum` adds them (counts, amounts); `weighted_mean` averages them with the values of the
indicator named in `weight_indicator` for the same old unit and period as weights (a share of
enterprises weighted by the number of enterprises, a rate per person weighted by population);
`none` marks the result not comparable instead of guessing. A result needs every member:
one missing member value (or weight) gives a null value, `comparable = false` and a reason
naming the missing old units. A new unit with a single member (the 11 units whose territory
did not change on 1 July 2025, Huế among them) needs no re-expression: it carries its
member's value over whatever the merge rule, `none` included, without needing a weight.

Which generation a row is on follows the period rule of `stkit.units` (≤ 2024 old, ≥ 2026
new, 2025 old unless the unit key exists only after the merger), or the row's optional
`territory` where given: `current` puts a 2025 row on the unit in force since 1 July 2025
(a figure published in 2026 on the 34 units), `former` on the unit in force until 30 June
2025. Rows already on new units pass through unchanged; where a new-unit row and a
re-expressed value meet on the same (unit, indicator, period), the directly observed
new-unit row wins: the published GRDP 2025 of the merged Hải Phòng stands, not the sum of
the 2025 figures of the former Hải Phòng and Hải Dương.
"""

from __future__ import annotations

import polars as pl

from stkit.errors import StkitError
from stkit.i18n.messages import both, error, text
from stkit.units import (
    CURRENT,
    FIRST_NEW_PERIOD,
    FORMER,
    LAST_OLD_PERIOD,
    TERRITORIES,
    territory_allowed,
    unit_key,
)
from stkit.vocab import LANGS, MERGE_RULES, Lang

NATIONAL_SLUG = "viet-nam"
_NATIONAL_KEYS = (NATIONAL_SLUG, "00")

__all__ = ["MERGE_RULES", "reexpress"]
_OUTPUT_COLUMNS = (
    "unit",
    "indicator",
    "period",
    "value",
    "comparable",
    "reason",
    "illustrative",
    "source",
)
_SHOWN = 5


def reexpress(
    observations: pl.DataFrame,
    indicators: pl.DataFrame,
    *,
    crosswalk: pl.DataFrame,
) -> pl.DataFrame:
    """Return one row per (new unit, indicator, period) from observations on old (or new) units.

    `observations`: unit (slug or official code), indicator, period, value, and optionally
    source, illustrative and territory (`former` | `current`, empty = by period).
    `indicators`: code, merge_rule, weight_indicator.
    `crosswalk`: old_code, old_slug, new_code, new_slug (e.g. `stkit.load().crosswalk`).
    Output columns: unit (new slug), indicator, period, value, comparable, reason,
    illustrative (true when any input row used was), source (the inputs' sources, "; ").
    Raises StkitError for unknown units or indicators, duplicate rows, an unknown merge rule,
    or a `weighted_mean` indicator without a weight indicator.
    """
    cw = _check_crosswalk(crosswalk)
    rows = _normalised(observations)
    national = pl.col("key").is_in(_NATIONAL_KEYS)
    obs = _placed(rows.filter(~national), cw)
    passed = _unchanged(obs.filter(pl.col("generation") == "new"), pl.col("new_unit"))
    merged = _merged(obs.filter(pl.col("generation") == "old"), indicators, cw)
    merged = merged.join(passed, on=["unit", "indicator", "period"], how="anti")
    return pl.concat([passed, merged, _national(rows.filter(national))]).sort(
        "unit", "indicator", "period"
    )


def _national(rows: pl.DataFrame) -> pl.DataFrame:
    """The national unit's rows, unchanged: the country's territory did not change in 2025."""
    repeated = rows.filter(pl.struct("indicator", "period").is_duplicated())
    if repeated.height:
        shown = repeated.select("indicator", "period").unique().sort("*").head(_SHOWN)
        listed = "; ".join(f"{NATIONAL_SLUG} {i} {p}" for i, p in shown.iter_rows())
        raise StkitError(error("merger_national_duplicates", listed=listed))
    return _unchanged(rows, pl.lit(NATIONAL_SLUG))


def _unchanged(rows: pl.DataFrame, unit: pl.Expr) -> pl.DataFrame:
    """Rows already on a unit in force since 1 July 2025, in the output's columns."""
    return rows.select(
        unit=unit,
        indicator="indicator",
        period="period",
        value="value",
        comparable=pl.lit(value=True),
        reason=pl.lit(None, dtype=pl.String),
        illustrative="illustrative",
        source="source",
    )


def _require_columns(frame: pl.DataFrame, needed: tuple[str, ...], rule: str) -> None:
    """Raise `StkitError` (text of `rule`) naming the columns of `needed` that `frame` lacks."""
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise StkitError(error(rule, columns=", ".join(missing)))


def _check_crosswalk(crosswalk: pl.DataFrame) -> pl.DataFrame:
    needed = ("old_code", "old_slug", "new_code", "new_slug")
    _require_columns(crosswalk, needed, "merger_crosswalk_columns")
    text = [pl.col(c).cast(pl.String).str.strip_chars() for c in needed]
    return crosswalk.select(text).with_columns(pl.col("old_code", "new_code").str.zfill(2))


def _normalised(observations: pl.DataFrame) -> pl.DataFrame:
    """Keep the columns used, with defaults for the optional ones and unit keys normalised."""
    needed = ("unit", "indicator", "period", "value")
    _require_columns(observations, needed, "merger_observations_columns")
    try:
        frame = observations.select(
            pl.col("unit").cast(pl.String).str.strip_chars().alias("key"),
            pl.col("indicator").cast(pl.String).str.strip_chars(),
            pl.col("period").cast(pl.Int64),
            pl.col("value").cast(pl.Float64),
            (
                pl.col("source").cast(pl.String)
                if "source" in observations.columns
                else pl.lit(None, dtype=pl.String).alias("source")
            ),
            _illustrative(observations),
            _territory(observations),
        )
    except pl.exceptions.InvalidOperationError as problem:
        raise StkitError(error("merger_not_numbers", error=problem)) from problem
    keys = frame["key"].unique().drop_nulls().to_list()
    return frame.with_columns(
        pl.col("key").replace_strict(_key_map(keys), default=None, return_dtype=pl.String)
    )


def _illustrative(observations: pl.DataFrame) -> pl.Expr:
    """The illustrative flag as a boolean: absent or empty is false; text "true"/"1"/"yes" is true."""
    if "illustrative" not in observations.columns:
        return pl.lit(value=False).alias("illustrative")
    column = pl.col("illustrative")
    if observations.schema["illustrative"] == pl.String:
        column = column.str.strip_chars().str.to_lowercase().is_in(["true", "1", "yes"])
    return column.cast(pl.Boolean).fill_null(value=False).alias("illustrative")


def _territory(observations: pl.DataFrame) -> pl.Expr:
    """The territory column as trimmed lower-case text; absent or empty is null (by period)."""
    if "territory" not in observations.columns:
        return pl.lit(None, dtype=pl.String).alias("territory")
    text = pl.col("territory").cast(pl.String).str.strip_chars().str.to_lowercase()
    return pl.when(text != "").then(text).alias("territory")


def _key_map(keys: list[str]) -> dict[str, str]:
    """Map each distinct unit key to its normalised form: zero-padded code or slug."""
    return {k: unit_key(k) for k in keys}


def _placed(obs: pl.DataFrame, cw: pl.DataFrame) -> pl.DataFrame:
    """Add generation ("old"/"new"), old_unit and new_unit to every row, or raise naming the bad rows."""
    old_keys = pl.concat(
        [
            cw.select(key="old_code", old_unit="old_slug", _successor="new_slug"),
            cw.select(key="old_slug", old_unit="old_slug", _successor="new_slug"),
        ]
    ).unique()
    new_keys = pl.concat(
        [
            cw.select(key="new_code", _direct="new_slug"),
            cw.select(key="new_slug", _direct="new_slug"),
        ]
    ).unique()
    period = pl.col("period")
    territory = pl.col("territory")
    _check_territory(obs)
    placed = (
        obs.join(old_keys, on="key", how="left")
        .join(new_keys, on="key", how="left")
        .with_columns(
            generation=pl.when(territory == CURRENT)
            .then(pl.lit("new"))
            .when(territory == FORMER)
            .then(pl.lit("old"))
            .when(period >= FIRST_NEW_PERIOD)
            .then(pl.lit("new"))
            .when(period < LAST_OLD_PERIOD)
            .then(pl.lit("old"))
            .when(pl.col("old_unit").is_not_null())
            .then(pl.lit("old"))
            .otherwise(pl.lit("new"))
        )
        .with_columns(
            new_unit=pl.when(pl.col("generation") == "old")
            .then(pl.col("_successor"))
            .otherwise(pl.col("_direct")),
            old_unit=pl.when(pl.col("generation") == "old").then(pl.col("old_unit")),
        )
    )
    unplaced = placed.filter(pl.col("new_unit").is_null() | pl.col("key").is_null())
    if unplaced.height:
        raise StkitError(_unplaced_message(unplaced))
    unit_of_row = pl.coalesce("old_unit", "new_unit")
    duplicated = placed.filter(
        pl.struct("generation", unit_of_row, "indicator", "period").is_duplicated()
    )
    if duplicated.height:
        shown = duplicated.select(unit_of_row.alias("u"), "indicator", "period").unique().sort("*")
        listed = "; ".join(f"{u} {i} {p}" for u, i, p in shown.head(_SHOWN).iter_rows())
        raise StkitError(error("merger_duplicates", count=shown.height, listed=listed))
    return placed.select(
        "generation",
        "old_unit",
        "new_unit",
        "indicator",
        "period",
        "value",
        "source",
        "illustrative",
    )


def _check_territory(obs: pl.DataFrame) -> None:
    """Raise naming the rows whose territory is unknown or cannot hold in their period."""
    territory = pl.col("territory")
    known = territory.is_null() | territory.is_in(TERRITORIES)
    bad = obs.filter(~known | ~territory_allowed(pl.col("period"), territory))
    if bad.height:
        shown = bad.select("key", "period", "territory").unique().sort("*").head(_SHOWN)
        listed = "; ".join(f"{k} {p} territory {t!r}" for k, p, t in shown.iter_rows())
        raise StkitError(error("merger_territory", listed=listed))


def _unplaced_message(unplaced: pl.DataFrame) -> str:
    rows = unplaced.select("key", "period", "_successor", "_direct").unique().sort("key", "period")
    localised: dict[Lang, dict[str, str]] = {}
    for lang in LANGS:
        parts = []
        for key, period, successor, direct in rows.head(_SHOWN).iter_rows():
            if key is None:
                parts.append(text("unplaced_no_unit", lang, period=period))
            elif successor is not None:
                parts.append(
                    text(
                        "unplaced_ceased",
                        lang,
                        unit=repr(key),
                        period=period,
                        successor=repr(successor),
                    )
                )
            elif direct is not None:
                parts.append(text("unplaced_not_yet", lang, unit=repr(key), period=period))
            else:
                parts.append(text("unplaced_unknown", lang, unit=repr(key), period=period))
        more = text("and_more", lang, count=rows.height - _SHOWN) if rows.height > _SHOWN else ""
        localised[lang] = {"parts": "; ".join(parts), "more": more}
    return both("merger_unplaced", {}, localised)


def _rules(old: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
    """Return code, merge_rule, weight_indicator for every indicator the old rows use."""
    _require_columns(indicators, ("code", "merge_rule"), "merger_indicators_columns")
    weight = (
        pl.col("weight_indicator").cast(pl.String).str.strip_chars()
        if "weight_indicator" in indicators.columns
        else pl.lit(None, dtype=pl.String)
    )
    catalogue = indicators.select(
        pl.col("code").cast(pl.String).str.strip_chars().alias("indicator"),
        pl.col("merge_rule").cast(pl.String).str.strip_chars(),
        pl.when(weight != "").then(weight).alias("weight_indicator"),
    )
    used = old.select("indicator").unique().join(catalogue, on="indicator", how="left")
    unknown = used.filter(pl.col("merge_rule").is_null())
    if unknown.height:
        raise StkitError(
            error(
                "merger_no_rule",
                codes=", ".join(unknown["indicator"].sort()),
                choices=" | ".join(MERGE_RULES),
            )
        )
    bad = used.filter(~pl.col("merge_rule").is_in(MERGE_RULES))
    if bad.height:
        listed = ", ".join(f"{i} ({r!r})" for i, r, _ in bad.sort("indicator").iter_rows())
        raise StkitError(
            error("merger_unknown_rule", listed=listed, choices=", ".join(MERGE_RULES))
        )
    weightless = used.filter(
        (pl.col("merge_rule") == "weighted_mean") & pl.col("weight_indicator").is_null()
    )
    if weightless.height:
        raise StkitError(error("merger_no_weight", codes=", ".join(weightless["indicator"].sort())))
    return used


def _merged(old: pl.DataFrame, indicators: pl.DataFrame, cw: pl.DataFrame) -> pl.DataFrame:
    """Combine old-unit rows into new-unit rows following each indicator's merge rule."""
    if old.height == 0:
        return _empty()
    rules = _rules(old, indicators)
    groups = old.select("new_unit", "indicator", "period").unique()
    expected = groups.join(
        cw.select(new_unit="new_slug", old_unit="old_slug"), on="new_unit", how="inner"
    ).join(rules, on="indicator", how="left")
    values = old.select("old_unit", "indicator", "period", "value", "source", "illustrative")
    weights = old.select(
        "old_unit",
        "period",
        weight_indicator="indicator",
        weight="value",
        weight_source="source",
        weight_illustrative="illustrative",
    )
    is_weighted = pl.col("merge_rule") == "weighted_mean"
    rows = (
        expected.join(values, on=["old_unit", "indicator", "period"], how="left")
        .join(weights, on=["old_unit", "period", "weight_indicator"], how="left")
        .with_columns(
            weight=pl.when(is_weighted).then("weight"),
            weight_source=pl.when(is_weighted).then("weight_source"),
            weight_illustrative=is_weighted & pl.col("weight_illustrative").fill_null(value=False),
        )
    )
    no_value = pl.col("value").is_null()
    no_weight = is_weighted & pl.col("weight").is_null()
    summary = rows.group_by("new_unit", "indicator", "period").agg(
        rule=pl.col("merge_rule").first(),
        weight_indicator=pl.col("weight_indicator").first(),
        members=pl.len(),
        missing_values=pl.col("old_unit").filter(no_value).sort().str.join(", "),
        missing_weights=pl.col("old_unit").filter(no_weight).sort().str.join(", "),
        negative_weights=(pl.col("weight") < 0).any(),
        first_value=pl.col("value").first(),
        total=pl.col("value").sum(),
        weighted_total=(pl.col("value") * pl.col("weight")).sum(),
        weight_total=pl.col("weight").sum(),
        illustrative=(
            pl.col("illustrative").fill_null(value=False) | pl.col("weight_illustrative")
        ).any(),
        source=pl.concat([pl.col("source"), pl.col("weight_source")])
        .drop_nulls()
        .unique()
        .sort()
        .str.join("; "),
    )
    reason, value = _outcome()
    outcome = summary.with_columns(reason=reason).with_columns(
        value=value, comparable=pl.col("reason").is_null()
    )
    return outcome.select(
        pl.col("new_unit").alias("unit"),
        "indicator",
        "period",
        "value",
        "comparable",
        "reason",
        "illustrative",
        pl.when(pl.col("source") != "").then("source").alias("source"),
    )


def _outcome() -> tuple[pl.Expr, pl.Expr]:
    """Reason (null when comparable) and value of one new-unit row, from its members' summary.

    The value expression reads the reason column, so apply it after the reason.
    """
    rule = pl.col("rule")
    not_comparable = (
        pl.when(pl.col("missing_values") != "")
        .then(pl.format("no value for old unit(s): {}", "missing_values"))
        .when(pl.col("members") == 1)
        .then(pl.lit(None, dtype=pl.String))
        .when(rule == "none")
        .then(
            pl.format(
                "merge rule 'none': {} on the old units cannot be combined into {}",
                "indicator",
                "new_unit",
            )
        )
        .when(pl.col("missing_weights") != "")
        .then(
            pl.format("no weight ({}) for old unit(s): {}", "weight_indicator", "missing_weights")
        )
        .when(pl.col("negative_weights"))
        .then(pl.format("a weight ({}) is negative", "weight_indicator"))
        .when((rule == "weighted_mean") & (pl.col("weight_total") == 0))
        .then(pl.format("the weights ({}) add up to zero", "weight_indicator"))
    )
    value = (
        pl.when(pl.col("reason").is_not_null())
        .then(pl.lit(None, dtype=pl.Float64))
        .when(pl.col("members") == 1)
        .then("first_value")
        .when(rule == "sum")
        .then("total")
        .otherwise(pl.col("weighted_total") / pl.col("weight_total"))
    )
    return not_comparable, value


def _empty() -> pl.DataFrame:
    return pl.DataFrame(
        schema={
            "unit": pl.String,
            "indicator": pl.String,
            "period": pl.Int64,
            "value": pl.Float64,
            "comparable": pl.Boolean,
            "reason": pl.String,
            "illustrative": pl.Boolean,
            "source": pl.String,
        }
    )
