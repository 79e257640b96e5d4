"""Key figures of a city report: the unit's latest observation of each indicator, with year and source.

A city with no quantitative target still gets its sourced figures (Cần Thơ's S&T
market at signing, Hải Phòng's 30.4 % in 2021). Only the unit's own observations are
listed (its slug or code, including the old unit of the same name before 1 July 2025);
the old units merged into it show in the target charts, re-expressed. Sourced figures
come first, then illustrative ones (marked ※), each group in catalogue order.
Notes on observations are written in English in the data, so they are shown in
English reports only. A figure the registry states with a comparator (Cần Thơ's
"more than 60" S&T organisations) is shown with it (`> 60`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from stkit.i18n import Lang
from stkit.reports import tables
from stkit.reports.citations import cited, document_rows
from stkit.reports.display import HtmlBlock, element, join
from stkit.reports.labels import comparator_sign, label, measure_unit, number

if TYPE_CHECKING:
    from stkit.reports.city import CityReport


PII_CODES = frozenset({"PII", "PII_RANK", "PII_INPUT", "PII_OUTPUT"})
"""Shown in the PII section with the published results, not among the key figures."""


def key_figures_table(report: CityReport) -> pl.DataFrame:
    """Latest non-missing observation per indicator of the unit itself, up to the report year.

    Columns: indicator, period, value, illustrative, source, note, territory (the row's
    `territory` cell: `former`, `current` or null); sourced rows first.
    Indicators of the unit's targets are left out (the scorecard and the summary show
    their latest value on the unit's territory, `target_latest`), and so are the PII's
    (the PII section shows the published results).
    """
    assessed = set(target_latest(report).get_column("indicator").to_list())
    own = report.observations.filter(
        pl.col("unit").cast(pl.String).is_in(sorted(report.own_keys))
        & pl.col("value").is_not_null()
        & ~pl.col("indicator").is_in(sorted(assessed | PII_CODES))
    )
    order = {code: i for i, code in enumerate(report.data.indicators.get_column("code"))}
    latest = (
        own.sort("period", maintain_order=True)
        .group_by("indicator", maintain_order=True)
        .agg(pl.all().last())
        .with_columns(
            pl.col("illustrative").cast(pl.Boolean).fill_null(value=False),
            pl.col("indicator")
            .replace_strict(order, default=len(order), return_dtype=pl.Int64)
            .alias("_order"),
        )
        .sort("illustrative", "_order", "indicator")
    )
    if "territory" not in latest.columns:
        latest = latest.with_columns(pl.lit(None, dtype=pl.String).alias("territory"))
    return latest.select(
        "indicator", "period", "value", "illustrative", "source", "note", "territory"
    )


def target_latest(report: CityReport) -> pl.DataFrame:
    """The scorecard's latest value of each target indicator that has one.

    Columns: indicator, period, value, illustrative (on the unit's territory, as assessed).
    """
    progress = report.progress
    if progress.height == 0:
        schema = {"indicator": pl.String, "period": pl.Int64, "value": pl.Float64}
        return pl.DataFrame(schema={**schema, "illustrative": pl.Boolean})
    return (
        progress.filter(pl.col("latest_value").is_not_null())
        .select(
            "indicator",
            pl.col("latest_year").cast(pl.Int64).alias("period"),
            pl.col("latest_value").cast(pl.Float64).alias("value"),
            pl.col("illustrative").cast(pl.Boolean).fill_null(value=False),
        )
        .unique("indicator", keep="first", maintain_order=True)
    )


def stated_comparators(report: CityReport) -> dict[tuple[str, int, float], str]:
    """(indicator, year, value) → comparator of the unit's registry baselines other than `=`."""
    stated = report.data.baselines.filter(
        pl.col("unit").is_in(sorted(report.own_keys)) & (pl.col("comparator") != "=")
    )
    return {(i, y, v): c for i, y, v, c in stated.select("indicator", "year", "value", "comparator").iter_rows()}  # fmt: skip


def _value_text(value: float, illustrative: bool, comparator: str | None, lang: Lang) -> str:
    digits = 0 if float(value).is_integer() else 1
    sign = f"{comparator_sign(comparator)} " if comparator else ""
    return sign + number(value, lang, digits) + (" ※" if illustrative else "")


def key_figures_section(report: CityReport) -> HtmlBlock:
    """The key figures as a table: indicator, value, unit of measure, year, source (note in English)."""
    lang = report.lang
    heading = element("h2", label("s_key_figures", lang))
    frame = key_figures_table(report)
    if frame.height == 0:
        if report.has_data:  # the scorecard or the PII section holds the unit's figures
            return HtmlBlock("")
        return join(
            [heading, element("p", label("missing_key_figures", lang), css_class="stkit-note")]
        )
    units = dict(report.data.indicators.select("code", "unit").iter_rows())
    documents = document_rows(report.data.documents)
    comparators = stated_comparators(report)
    shown = pl.DataFrame(
        [
            {
                "indicator": report.indicator_names.get(code, code),
                "value": _value_text(
                    value, illustrative, comparators.get((code, period, value)), lang
                ),
                "measure": measure_unit(units.get(code), lang),
                "period": str(period),
                "territory": report.territory(period, territory),
                "source": cited(source, documents, lang, illustrative=illustrative),
                "note": note or "",
            }
            for code, period, value, illustrative, source, note, territory in frame.iter_rows()
        ],
        schema=dict.fromkeys(
            ("indicator", "value", "measure", "period", "territory", "source", "note"), pl.String
        ),
        orient="row",
    )
    columns = ["indicator", "value", "measure", "period", "territory", "source"]
    if lang == "en":
        columns.append("note")
    headers = {
        "indicator": label("indicator", lang),
        "value": label("value", lang),
        "measure": label("measure", lang),
        "period": label("period", lang),
        "territory": label("territory", lang),
        "source": label("source", lang),
        "note": label("note", lang),
    }
    return join(
        [
            heading,
            element("p", label("key_figures_intro", lang), css_class="stkit-note"),
            tables.simple_table(shown, lang, columns=columns, headers=headers),
        ]
    )
