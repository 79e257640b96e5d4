"""Charts of a target over time (Vega-Lite), drawn to inline SVG by vl-convert for offline pages.

A chart shows the series the target is assessed on (`stkit.progress.assessed_series`,
so its last point is the scorecard's latest value): observed points, points
re-expressed on a unit formed by the 1 July 2025 merger, and a stated baseline each
in their own colour, joined by one line; illustrative points are hollow. Then the
target as a labelled dashed line across the plot ("Mục tiêu 2030: 50") with its
diamond, milestones as labelled triangles, the straight path from the baseline to
the target, the projection from the latest point to the target year, and the latest
value written beside its point. The plot is 600 px wide, about the text width of an
A4 page, so it prints at its own size; on screen it stretches to the page width.

The legend is drawn below the plot as a small chart of its own, each entry with the
very mark it names (line, dash pattern, point shape, hollow point), in 12 px text,
listing only the kinds of mark the chart has. Numbers on the axes follow the report
language (`30,4` in Vietnamese); years are printed without grouping.

Reports take the spec written directly as a dict (`target_spec`); `target_chart`
builds the same chart with altair (for Jupyter and as the tests' reference), and
altair is imported only there.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

import polars as pl

from stkit.i18n import Lang
from stkit.reports.labels import label, number
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


PLOT_WIDTH = 600
"""Plot width in px: with its axis the chart is about 660 px, the text width of an A4 page."""
PLOT_HEIGHT = 200
LEGEND_FONT_PX = 12
FONT = '"Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif'
"""The page's fonts, each with every Vietnamese letter (a PNG drawn for Word has no fallback)."""
LEGEND_ROW_PX = 20
LEGEND_COLUMNS = 2
AXIS_FONT_PX = 11
ANNOTATION_FONT_PX = 11
LATEST_COLOUR = "#1d2433"
ILLUSTRATIVE_STROKE = "#4a5568"
DASHES: dict[str, list[float]] = {
    "solid": [1, 0],
    "straight_path": [2, 3],
    "projection": [6, 4],
    "target_value": [5, 3],
}
_TEXTS: dict[str, tuple[str, str]] = {
    "illustrative_point": ("Số liệu minh họa (điểm rỗng)", "Illustrative figure (hollow point)"),
    "target_at": ("Mục tiêu {year}: {value}", "Target {year}: {value}"),
    "milestone_at": ("Mốc {year}: {value}", "Milestone {year}: {value}"),
    "latest_at": ("{value} ({year})", "{value} ({year})"),
}


def _text(key: str, lang: Lang, **values: object) -> str:
    vi, en = _TEXTS[key]
    return (vi if lang == "vi" else en).format(**values)


def _value_text(value: float, lang: Lang) -> str:
    return number(value, lang, 0 if float(value).is_integer() else 1)


@dataclass(frozen=True)
class LegendEntry:
    """One legend entry drawn with the very mark it names (line, point or both)."""

    kind: str
    text: str
    colour: str
    shape: str | None = None  # point shape, None for a line only
    hollow: bool = False
    dash: str | None = None  # key of DASHES, None for a point only
    line_colour: str | None = None  # the line's colour when it differs from the point's


def legend_entries(series: TargetSeries, lang: Lang) -> list[LegendEntry]:
    """The legend of a chart: only the kinds of mark it draws, in a fixed order."""
    data = _layers_frame(series, lang)
    present = set(data.get_column("series").to_list())
    marks: dict[str, tuple[str | None, str | None]] = {
        "observed": ("circle", "solid"),
        "observed_reexpressed": ("circle", "solid"),
        "stated_baseline": ("circle", "solid"),
        "target_value": ("diamond", "target_value"),
        "milestone": ("triangle-up", None),
        "straight_path": (None, "straight_path"),
        "projection": (None, "projection"),
    }
    entries = [
        LegendEntry(
            kind,
            label(kind, lang),
            COLOURS[kind],
            shape=marks[kind][0],
            dash=marks[kind][1],
            # every assessed point lies on the one line through them all
            line_colour=COLOURS["observed"] if kind in POINT_KINDS else None,
        )
        for kind in SERIES_KINDS
        if label(kind, lang) in present
    ]
    if bool(data.get_column("illustrative").any()):
        text = _text("illustrative_point", lang)
        entries.append(
            LegendEntry("illustrative", text, ILLUSTRATIVE_STROKE, shape="circle", hollow=True)
        )
    return entries


def _pixels_x(field: str) -> Any:
    """An x channel whose values are pixels (no scale, no axis)."""
    import altair as alt  # noqa: PLC0415 - only for the altair chart (Jupyter, tests)

    return alt.X(field, scale=None, axis=None)


def _legend_rows(entries: list[LegendEntry]) -> list[dict[str, Any]]:
    """One data row per legend entry: where its mark and text sit (pixels), and how it looks."""
    column_px = PLOT_WIDTH / LEGEND_COLUMNS
    rows: list[dict[str, Any]] = []
    for i, entry in enumerate(entries):
        left = (i % LEGEND_COLUMNS) * column_px + 12
        top = (i // LEGEND_COLUMNS) * LEGEND_ROW_PX + LEGEND_ROW_PX / 2
        rows.append(
            {"x": left, "x1": left - 11, "x2": left + 11, "tx": left + 20, "y": top, "text": entry.text,
             "colour": entry.colour, "line": entry.line_colour or entry.colour, "shape": entry.shape or "", "dash": entry.dash or "",
             "fill": "white" if entry.hollow else entry.colour}
        )  # fmt: skip
    return rows


def _legend_chart(entries: list[LegendEntry]) -> Any:
    """The legend as a small chart of its own: each entry's mark, then its text (12 px)."""
    import altair as alt  # noqa: PLC0415 - only for the altair chart (Jupyter, tests)

    rows = _legend_rows(entries)
    x, y = _pixels_x("x:Q"), alt.Y("y:Q", scale=None, axis=None)
    layers = [
        alt.Chart()
        .mark_rule(strokeWidth=2.5, strokeDash=pattern)
        .encode(x=_pixels_x("x1:Q"), x2="x2:Q", y=y, color=alt.Color("line:N", scale=None))
        .transform_filter(alt.datum.dash == dash)
        for dash, pattern in DASHES.items()
    ]
    layers.append(
        alt.Chart()
        .mark_point(size=60, filled=True, strokeWidth=2, opacity=1)
        .encode(
            x=x, y=y, shape=alt.Shape("shape:N", scale=None),
            fill=alt.Fill("fill:N", scale=None), stroke=alt.Stroke("colour:N", scale=None),
        )
        .transform_filter(alt.datum.shape != "")
    )  # fmt: skip
    layers.append(
        alt.Chart()
        .mark_text(align="left", baseline="middle", fontSize=LEGEND_FONT_PX, color=LATEST_COLOUR)
        .encode(x=_pixels_x("tx:Q"), y=y, text="text:N")
    )
    height = LEGEND_ROW_PX * ((len(entries) + LEGEND_COLUMNS - 1) // LEGEND_COLUMNS)
    data = alt.Data(values=rows)  # type: ignore[no-untyped-call]
    return alt.LayerChart(
        data=data,
        layer=layers,
        width=PLOT_WIDTH,
        height=height,
        view=alt.ViewBackground(stroke=None),
    )


def _annotations(series: TargetSeries, lang: Lang) -> list[dict[str, Any]]:
    """Labels on the plot: the target line, each milestone, the latest value."""
    rows: list[dict[str, Any]] = []
    # The target's label sits at the left end of its line, away from the projection and
    # the straight path, which both end on the target (at the right end when the chart
    # has no earlier year).
    periods = [int(p) for p in series.observed.get_column("period").to_list()]
    first = min([*periods, *([series.baseline_year] if series.baseline_year else [])], default=None)
    for year, value, milestone in series.targets.select("year", "value", "milestone").iter_rows():
        if value is None:
            continue
        key = "milestone_at" if milestone else "target_at"
        text = _text(key, lang, year=int(year), value=_value_text(value, lang))
        at, kind = int(year), key
        if not milestone:
            at, kind = (first, "target_start") if first and first < at else (at, "target_end")
        rows.append({"period": at, "value": value, "text": text, "kind": kind})
    if series.latest_year is not None and series.latest_value is not None:
        text = _text(
            "latest_at", lang, year=series.latest_year, value=_value_text(series.latest_value, lang)
        )
        rows.append(
            {"period": series.latest_year, "value": series.latest_value, "text": text,
             "kind": "latest_at"}
        )  # fmt: skip
    return rows


_NOTE_STYLES: tuple[tuple[str, dict[str, Any]], ...] = (
    ("target_start", {"align": "left", "dy": -8, "color": COLOURS["target_value"]}),
    ("target_end", {"align": "right", "dy": -9, "color": COLOURS["target_value"]}),
    ("milestone_at", {"align": "center", "dy": -12, "color": COLOURS["milestone"]}),
    ("latest_at", {"align": "center", "dy": 15, "color": LATEST_COLOUR, "fontWeight": "bold"}),
)
"""How each kind of label on the plot is written (its text layer's mark)."""


def target_chart(series: TargetSeries, lang: Lang) -> Any:
    """Return the chart of one target, its legend drawn below it (see the module docstring)."""
    import altair as alt  # noqa: PLC0415 - only for the altair chart (Jupyter, tests)

    data = _layers_frame(series, lang)
    present = set(data.get_column("series").to_list())
    x = alt.X(
        "period:Q",
        title=label("period", lang),
        axis=alt.Axis(format="d", tickMinStep=1),
        scale=alt.Scale(nice=False, padding=12),
    )
    y = alt.Y(
        "value:Q", title=series.unit_label or label("value", lang), axis=alt.Axis(format=",~r")
    )

    def among(*kinds: str) -> Any:
        test = alt.datum.series == label(kinds[0], lang)
        for kind in kinds[1:]:
            test = test | (alt.datum.series == label(kind, lang))
        return test

    def points(kind: str) -> Any:
        fill = alt.condition(alt.datum.illustrative, alt.value("white"), alt.value(COLOURS[kind]))
        return (
            alt.Chart()
            .mark_point(size=60, filled=True, strokeWidth=2, opacity=1, stroke=COLOURS[kind])
            .encode(x=x, y=y, fill=fill)
            .transform_filter(among(kind))
        )

    layers = [
        alt.Chart().mark_line(strokeDash=DASHES["straight_path"], color=COLOURS["straight_path"], strokeWidth=1.5).encode(x=x, y=y).transform_filter(among("straight_path")),
        alt.Chart().mark_line(strokeDash=DASHES["projection"], color=COLOURS["projection"], strokeWidth=2).encode(x=x, y=y).transform_filter(among("projection")),
        # one line through every assessed point, whatever its kind
        alt.Chart().mark_line(color=COLOURS["observed"], strokeWidth=2).encode(x=x, y=y).transform_filter(among(*POINT_KINDS)),
        *(points(kind) for kind in POINT_KINDS if label(kind, lang) in present),
        alt.Chart().mark_rule(strokeDash=DASHES["target_value"], color=COLOURS["target_value"], strokeWidth=1.5, opacity=0.8).encode(y=y).transform_filter(among("target_value")),
        alt.Chart().mark_point(shape="diamond", size=110, filled=True, opacity=1, color=COLOURS["target_value"]).encode(x=x, y=y).transform_filter(among("target_value")),
        alt.Chart().mark_point(shape="triangle-up", size=90, filled=True, opacity=1, color=COLOURS["milestone"]).encode(x=x, y=y).transform_filter(among("milestone")),
    ]  # fmt: skip
    notes = _annotations(series, lang)
    if notes:
        text_x = alt.X("period:Q", scale=alt.Scale(nice=False, padding=12))
        text_y = alt.Y("value:Q")
        for kind, style in _NOTE_STYLES:
            layers.append(
                alt.Chart(alt.Data(values=[n for n in notes if n["kind"] == kind] or [{}]))  # type: ignore[no-untyped-call]
                .mark_text(fontSize=ANNOTATION_FONT_PX, **style)
                .encode(x=text_x, y=text_y, text="text:N")
            )
    plot = alt.LayerChart(data=data, layer=layers, width=PLOT_WIDTH, height=PLOT_HEIGHT)
    legend = _legend_chart(legend_entries(series, lang))
    return (
        alt.vconcat(plot, legend, spacing=10)
        .configure(font=FONT)
        .configure_axis(labelFontSize=AXIS_FONT_PX, titleFontSize=LEGEND_FONT_PX)
    )


VEGALITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
"""The schema altair names (`altair.SCHEMA_URL`; a test keeps them equal)."""
_DEFAULT_VIEW = {"continuousWidth": 300, "continuousHeight": 300}  # altair's default theme


def _mark(kind: str, **props: Any) -> dict[str, Any]:
    """A mark as altair writes it: its type, then its properties in alphabetical order."""
    return {"type": kind, **{name: props[name] for name in sorted(props)}}


def _dataset_name(values: list[dict[str, Any]]) -> str:
    """The name altair gives a data set: a hash of its values (`altair...api._dataset_name`)."""
    if values == [{}]:
        return "empty"
    text = json.dumps(values, sort_keys=True, default=str)
    return "data-" + hashlib.sha256(text.encode()).hexdigest()[:32]


def _is(field: str, value: str, operator: str = "===") -> str:
    """A Vega expression comparing a datum's field with a text, as altair writes it."""
    return f"(datum.{field} {operator} {value!r})"


def _legend_spec(entries: list[LegendEntry]) -> dict[str, Any]:
    """The legend's Vega-Lite spec (`_legend_chart`, written directly)."""
    rows = _legend_rows(entries)

    def pixels(field: str) -> dict[str, Any]:
        return {"axis": None, "field": field, "scale": None, "type": "quantitative"}

    def nominal(field: str) -> dict[str, Any]:
        return {"field": field, "scale": None, "type": "nominal"}

    layers: list[dict[str, Any]] = [
        {
            "mark": _mark("rule", strokeDash=pattern, strokeWidth=2.5),
            "encoding": {"color": nominal("line"), "x": pixels("x1"), "x2": {"field": "x2"}, "y": pixels("y")},
            "transform": [{"filter": _is("dash", dash)}],
        }
        for dash, pattern in DASHES.items()
    ]  # fmt: skip
    layers.append(
        {
            "mark": _mark("point", size=60, filled=True, strokeWidth=2, opacity=1),
            "encoding": {"fill": nominal("fill"), "shape": nominal("shape"), "stroke": nominal("colour"),
                         "x": pixels("x"), "y": pixels("y")},
            "transform": [{"filter": _is("shape", "", "!==")}],
        }
    )  # fmt: skip
    layers.append(
        {
            "mark": _mark("text", align="left", baseline="middle", fontSize=LEGEND_FONT_PX, color=LATEST_COLOUR),
            "encoding": {"text": {"field": "text", "type": "nominal"}, "x": pixels("tx"), "y": pixels("y")},
        }
    )  # fmt: skip
    height = LEGEND_ROW_PX * ((len(entries) + LEGEND_COLUMNS - 1) // LEGEND_COLUMNS)
    return {
        "layer": layers,
        "data": {"values": rows},
        "height": height,
        "view": {"stroke": None},
        "width": PLOT_WIDTH,
    }


def target_spec(series: TargetSeries, lang: Lang) -> dict[str, Any]:
    """The Vega-Lite spec of `target_chart(series, lang)`, written without altair.

    The same dict as `target_chart(...).to_dict(validate=False)` (tested on every
    unit's charts and on generated series), in a tenth of the time: altair copies
    every layer several times while it composes a chart, about 0.2 s a chart, which
    was most of a city report's notebook run.
    """
    data = _layers_frame(series, lang)
    present = set(data.get_column("series").to_list())

    def x() -> dict[str, Any]:
        return {"axis": {"format": "d", "tickMinStep": 1}, "field": "period",
                "scale": {"nice": False, "padding": 12}, "title": label("period", lang),
                "type": "quantitative"}  # fmt: skip

    def y() -> dict[str, Any]:
        return {"axis": {"format": ",~r"}, "field": "value",
                "title": series.unit_label or label("value", lang), "type": "quantitative"}  # fmt: skip

    def among(*kinds: str) -> list[dict[str, str]]:
        test = _is("series", label(kinds[0], lang))
        for kind in kinds[1:]:
            test = f"({test} || {_is('series', label(kind, lang))})"
        return [{"filter": test}]

    def points(kind: str) -> dict[str, Any]:
        fill = {
            "condition": {"test": "datum.illustrative", "value": "white"},
            "value": COLOURS[kind],
        }
        return {
            "mark": _mark("point", size=60, filled=True, strokeWidth=2, opacity=1, stroke=COLOURS[kind]),
            "encoding": {"fill": fill, "x": x(), "y": y()},
            "transform": among(kind),
        }  # fmt: skip

    layers: list[dict[str, Any]] = [
        {"mark": _mark("line", strokeDash=DASHES["straight_path"], color=COLOURS["straight_path"], strokeWidth=1.5), "encoding": {"x": x(), "y": y()}, "transform": among("straight_path")},
        {"mark": _mark("line", strokeDash=DASHES["projection"], color=COLOURS["projection"], strokeWidth=2), "encoding": {"x": x(), "y": y()}, "transform": among("projection")},
        {"mark": _mark("line", color=COLOURS["observed"], strokeWidth=2), "encoding": {"x": x(), "y": y()}, "transform": among(*POINT_KINDS)},
        *(points(kind) for kind in POINT_KINDS if label(kind, lang) in present),
        {"mark": _mark("rule", strokeDash=DASHES["target_value"], color=COLOURS["target_value"], strokeWidth=1.5, opacity=0.8), "encoding": {"y": y()}, "transform": among("target_value")},
        {"mark": _mark("point", shape="diamond", size=110, filled=True, opacity=1, color=COLOURS["target_value"]), "encoding": {"x": x(), "y": y()}, "transform": among("target_value")},
        {"mark": _mark("point", shape="triangle-up", size=90, filled=True, opacity=1, color=COLOURS["milestone"]), "encoding": {"x": x(), "y": y()}, "transform": among("milestone")},
    ]  # fmt: skip
    notes = _annotations(series, lang)
    if notes:
        for kind, style in _NOTE_STYLES:
            layers.append(
                {
                    "data": {"values": [n for n in notes if n["kind"] == kind] or [{}]},
                    "mark": _mark("text", fontSize=ANNOTATION_FONT_PX, **style),
                    "encoding": {
                        "text": {"field": "text", "type": "nominal"},
                        "x": {"field": "period", "scale": {"nice": False, "padding": 12}, "type": "quantitative"},
                        "y": {"field": "value", "type": "quantitative"},
                    },
                }
            )  # fmt: skip
    values = data.rows(named=True)
    name = _dataset_name(values)
    plot = {"layer": layers, "data": {"name": name}, "height": PLOT_HEIGHT, "width": PLOT_WIDTH}
    return {
        "config": {
            "view": dict(_DEFAULT_VIEW),
            "axis": {"labelFontSize": AXIS_FONT_PX, "titleFontSize": LEGEND_FONT_PX},
            "font": FONT,
        },
        "vconcat": [plot, _legend_spec(legend_entries(series, lang))],
        "spacing": 10,
        "$schema": VEGALITE_SCHEMA,
        "datasets": {name: values},
    }


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
    """Return a chart (an altair chart, or its spec as a dict) as a notebook output.

    An altair chart's spec is not validated: built and tested here.
    """
    spec = chart if isinstance(chart, dict) else chart.to_dict(validate=False)
    return ChartOutput(spec, ident, caption, lang)
