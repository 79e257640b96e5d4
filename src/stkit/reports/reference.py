"""National targets shown beside a province, for reference only (never as its commitment).

The national frame (Decision 569/QĐ-TTg, Resolution 57-NQ/TW) sets targets on the
national unit `viet-nam`. A province's report may show them with the province's own
latest figure of the same indicator, under the heading and label "national target, for
reference": the province did not commit to them. Only targets in force on the report
day (31 December of the report year) are shown; a target replaced by a later document
is left out from the day its successor took effect (`stkit.programmes.in_force`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import polars as pl

from stkit.i18n import Lang
from stkit.reports import tables
from stkit.reports.commitments import details
from stkit.reports.display import HtmlBlock, bullet_list, element, join
from stkit.reports.labels import comparator_sign, label
from stkit.reports.summary import range_text, value_text

NATIONAL_UNIT = "viet-nam"


def national_in_force(spans: pl.DataFrame, year: int) -> pl.DataFrame:
    """National targets in force on 31 December of `year`, in registry order."""
    if spans.height == 0:
        return spans
    day = dt.date(year, 12, 31)
    return spans.filter(
        (pl.col("unit") == NATIONAL_UNIT)
        & (pl.col("in_force_from") <= day)
        & (pl.col("superseded_on").is_null() | (pl.col("superseded_on") > day))
    )


def reference_table(spans: pl.DataFrame, own: pl.DataFrame, *, year: int) -> pl.DataFrame:
    """National targets in force with the unit's latest figure of each indicator up to `year`.

    `own`: the unit's figures (indicator, period, value, illustrative, on_unit: true when
    re-expressed on the unit as it stands, e.g. the scorecard's latest). Columns: programme,
    target_id, indicator, comparator, value, value_high, year, unit_year, unit_value,
    unit_illustrative, unit_on_unit.
    """
    national = national_in_force(spans, year)
    if "on_unit" not in own.columns:
        own = own.with_columns(pl.lit(value=False).alias("on_unit"))
    if "territory" not in own.columns:
        own = own.with_columns(pl.lit(None, dtype=pl.String).alias("territory"))
    latest = (
        own.filter(pl.col("value").is_not_null() & (pl.col("period") <= year))
        .sort("period")
        .group_by("indicator")
        .agg(
            pl.col("period").last().cast(pl.Int64).alias("unit_year"),
            pl.col("value").last().cast(pl.Float64).alias("unit_value"),
            pl.col("illustrative")
            .cast(pl.Boolean)
            .fill_null(value=False)
            .last()
            .alias("unit_illustrative"),
            pl.col("on_unit").cast(pl.Boolean).fill_null(value=False).last().alias("unit_on_unit"),
            pl.col("territory").last().alias("unit_territory"),
        )
    )
    return national.join(latest, on="indicator", how="left", maintain_order="left").select(
        "programme", "target_id", "indicator", "comparator", "value", "value_high", "year",
        "unit_year", "unit_value", "unit_illustrative", "unit_on_unit", "unit_territory",
    )  # fmt: skip


def reference_section(
    frame: pl.DataFrame,
    *,
    unit_name: str,
    lang: Lang,
    names: Mapping[str, str],
    measures: Mapping[str, str | None],
    programme_names: Mapping[str, str],
    territory: Callable[[int, str | None], str] | None = None,
) -> HtmlBlock | None:
    """The reference section, or None when no national target is in force.

    Targets beside which the unit has a figure come first in a table; the others are
    listed in a collapsible block. `territory(year, territory cell)` names the unit a figure is for.
    """
    if frame.height == 0:
        return None
    tag = label("reference_label", lang)
    rows = []
    for row in frame.iter_rows(named=True):
        measure = measures.get(row["indicator"])
        target = value_text(row["value"], measure, lang)
        if row["value_high"] is not None:  # a range: "1,2–1,5 %"
            target = range_text(row["value"], row["value_high"], measure, lang)
        unit_value = "–"
        if row["unit_value"] is not None:
            mark = " ※" if row["unit_illustrative"] else ""
            where = (
                f", {territory(row['unit_year'], row['unit_territory'])}"
                if territory is not None and not row["unit_on_unit"]
                else ""
            )
            unit_value = (
                f"{value_text(row['unit_value'], measure, lang)}{mark} ({row['unit_year']}{where})"
            )
        rows.append(
            {
                "indicator": names.get(row["indicator"], row["indicator"]),
                "national_target": f"{comparator_sign(row['comparator'])} {target} "
                f"({row['year']}) — {tag}",
                "document": programme_names.get(row["programme"], row["programme"]),
                "unit_value": unit_value,
            }
        )
    shown = pl.DataFrame(rows, schema=dict.fromkeys(rows[0], pl.String))
    beside = shown.filter(pl.col("unit_value") != "–")
    others = shown.filter(pl.col("unit_value") == "–").drop("unit_value")
    headers = {
        "indicator": label("indicator", lang),
        "national_target": label("national_target", lang),
        "document": label("document", lang),
        "unit_value": label("unit_value", lang),
    }
    css = "stkit-simple stkit-reference"
    parts = [
        element("h2", label("s_reference", lang)),
        element("p", label("reference_intro", lang).format(name=unit_name), css_class="stkit-note"),
    ]
    if beside.height:
        parts.append(tables.simple_table(beside, lang, headers=headers, css_class=css))
    if others.height:  # compact: one list, each target with its document's short name
        summary = label("reference_others", lang).format(name=unit_name)
        items = [
            f"{indicator}: {target} ({document})"
            for indicator, target, document in others.select(
                "indicator",
                pl.col("national_target").str.replace(f" — {tag}", "", literal=True),
                "document",
            ).iter_rows()
        ]
        listed = bullet_list(items, css_class="stkit-compact")
        parts.append(
            details(f"{summary} ({others.height}) — {tag}", listed, open_=beside.height == 0)
        )
    body = join(parts)
    return HtmlBlock(f'<section id="reference">\n{body}\n</section>')
