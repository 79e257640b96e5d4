"""Charts of a target over time (altair), drawn to inline SVG by vl-convert for offline pages.

A chart shows the series the target is assessed on (`stkit.progress.assessed_series`,
so its last point is the scorecard's latest value): observed points, points
re-expressed on a unit formed by the 1 July 2025 merger, and a stated baseline each
have their own legend entry, joined by one line (illustrative points hollow). Then the
target and its milestones, the straight path from the baseline to the target, and the
projection from the latest point to the target year. Numbers on the axes follow the
report language (`30,4` in Vietnamese); years are printed without grouping. The legend
lists only the kinds of point a chart has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import altair as alt
import polars as pl

from stkit.i18n import Lang
from stkit.reports.labels import label
from stkit.reports.svg import CHART_META, VEGALITE_MIME

_SAFE_ID = re.compile(r"[^a-z0-9-]+")
SIGNIFICANT_DIGITS = 12
COLOURS = {
    "observed": "#1f5aa6",
    "observed_reexpressed": "#6c3fa0",
    "stated_baseline": "#2c3e50",
    "target_value": "#c0392b",
    "milestone": "#c0392b",
    "straight_path": "#7f8c8d",
    "projection": "#e67e22",
}
POINT_KINDS = ("observed", "observed_reexpressed", "stated_baseline")
SERIES_KINDS = (*POINT_KINDS, "target_value", "milestone", "straight_path", "projection")


@dataclass(frozen=True)
class TargetSeries:
    """Everything one target chart needs, in plain values (years as ints)."""

    title: str
    observed: pl.DataFrame  # period, value, illustrative[, reexpressed, stated_baseline]
    targets: pl.DataFrame  # year (int), value (float), milestone (bool)
    baseline_year: int | None
    baseline_value: float | None
    latest_year: int | None
    latest_value: float | None
    target_year: int
    target_value: float | None
    projected_value: float | None
    unit_label: str = ""


def _layers_frame(series: TargetSeries, lang: Lang) -> pl.DataFrame:
    """One long frame (period, value, series, illustrative) holding every layer's points."""
    rows: list[dict[str, Any]] = []
    flags = [
        pl.col(flag) if flag in series.observed.columns else pl.lit(value=False).alias(flag)
        for flag in ("reexpressed", "stated_baseline")
    ]
    for period, value, illustrative, reexpressed, stated in series.observed.select(
        "period", "value", "illustrative", *flags
    ).iter_rows():
        kind = (
            "stated_baseline" if stated else "observed_reexpressed" if reexpressed else "observed"
        )
        rows.append(
            {"period": int(period), "value": value, "series": label(kind, lang),
             "illustrative": bool(illustrative)}
        )  # fmt: skip
    for year, value, milestone in series.targets.select("year", "value", "milestone").iter_rows():
        if value is not None:
            name = label("milestone" if milestone else "target_value", lang)
            rows.append(
                {"period": int(year), "value": value, "series": name, "illustrative": False}
            )
    if None not in (series.baseline_year, series.baseline_value, series.target_value):
        for period, value in (
            (series.baseline_year, series.baseline_value),
            (series.target_year, series.target_value),
        ):
            rows.append(
                {"period": period, "value": value, "series": label("straight_path", lang),
                 "illustrative": False}
            )  # fmt: skip
    if None not in (series.latest_year, series.latest_value, series.projected_value):
        for period, value in (
            (series.latest_year, series.latest_value),
            (series.target_year, series.projected_value),
        ):
            rows.append(
                {"period": period, "value": value, "series": label("projection", lang),
                 "illustrative": False}
            )  # fmt: skip
    schema = {
        "period": pl.Int64,
        "value": pl.Float64,
        "series": pl.String,
        "illustrative": pl.Boolean,
    }
    # 12 significant digits, far beyond what a chart shows, so that last-bit noise of a
    # parallel float sum cannot change the saved notebook's bytes between runs.
    return pl.DataFrame(rows, schema=schema, orient="row").with_columns(
        pl.col("value").round_sig_figs(SIGNIFICANT_DIGITS)
    )


def target_chart(series: TargetSeries, lang: Lang) -> Any:
    """Return the altair layered chart of one target (see the module docstring)."""
    data = _layers_frame(series, lang)
    present = set(data.get_column("series").to_list())
    kinds = [kind for kind in SERIES_KINDS if label(kind, lang) in present]
    scale = alt.Scale(
        domain=[label(kind, lang) for kind in kinds], range=[COLOURS[kind] for kind in kinds]
    )
    colour = alt.Color(
        "series:N",
        title=None,
        scale=scale,
        legend=alt.Legend(orient="bottom", columns=2, labelLimit=400),
    )
    x = alt.X("period:Q", title=label("period", lang), axis=alt.Axis(format="d", tickMinStep=1))
    y = alt.Y(
        "value:Q", title=series.unit_label or label("value", lang), axis=alt.Axis(format=",~r")
    )

    # The encoding is shared by the layer spec and inherited by each layer (Vega-Lite
    # layering), so altair copies small layers rather than full charts.
    def among(*names: str) -> Any:
        test = alt.datum.series == label(names[0], lang)
        for name in names[1:]:
            test = test | (alt.datum.series == label(name, lang))
        return test

    point_fill = alt.condition(
        alt.datum.illustrative, alt.value("white"), alt.Fill("series:N", scale=scale, legend=None)
    )
    layers = [
        alt.Chart().mark_line(strokeDash=[2, 3]).transform_filter(among("straight_path")),
        alt.Chart().mark_line(strokeDash=[6, 4]).transform_filter(among("projection")),
        # one line through every assessed point, whatever its kind (a constant colour
        # overrides the grouping by series)
        alt.Chart().mark_line(color=COLOURS["observed"]).encode(color=alt.value(COLOURS["observed"])).transform_filter(among(*POINT_KINDS)),
        alt.Chart().mark_point(size=50, filled=True, strokeWidth=1.5).encode(fill=point_fill, stroke=alt.Stroke("series:N", scale=scale, legend=None)).transform_filter(among(*POINT_KINDS)),
        alt.Chart().mark_point(shape="diamond", size=90, filled=True).transform_filter(among("target_value", "milestone")),
    ]  # fmt: skip
    return alt.LayerChart(data=data, layer=layers, width=520, height=240).encode(
        x=x, y=y, color=colour
    )


def chart_id(*parts: object) -> str:
    """Return a stable HTML id built from `parts` (lower-case letters, digits, hyphens)."""
    text = "-".join(str(part) for part in parts).lower()
    return "chart-" + _SAFE_ID.sub("-", text).strip("-")


@dataclass(frozen=True)
class ChartOutput:
    """A chart as a notebook output: its Vega-Lite spec, drawn to SVG when the HTML is made.

    The kernel only builds the spec; vl-convert draws it in the process that writes
    the HTML (warm after the first chart), which keeps each report's kernel light.
    Jupyter shows the same output as an interactive chart.
    """

    spec: dict[str, Any]
    ident: str
    caption: str
    lang: Lang

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        del include, exclude
        data = {VEGALITE_MIME: self.spec, "text/plain": self.caption}
        meta = {CHART_META: {"id": self.ident, "caption": self.caption, "lang": self.lang}}
        return data, meta


def figure(chart: Any, *, ident: str, caption: str, lang: Lang) -> ChartOutput:
    """Return an altair chart as a notebook output (spec unvalidated: built and tested here)."""
    return ChartOutput(chart.to_dict(validate=False), ident, caption, lang)
