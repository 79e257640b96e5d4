"""Target charts: a valid spec, a readable legend drawn with the marks it names, labelled lines."""

from __future__ import annotations

import json
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stkit.reports.charts import (
    COLOURS,
    DASHES,
    ILLUSTRATIVE_STROKE,
    LEGEND_FONT_PX,
    VEGALITE_SCHEMA,
    TargetSeries,
    _layers_frame,
    legend_entries,
    target_chart,
    target_spec,
)
from stkit.reports.labels import label
from stkit.reports.svg import svg_of


def _series(*, illustrative: bool = True, reexpressed: bool = False) -> TargetSeries:
    return TargetSeries(
        title="t",
        observed=pl.DataFrame({
            "period": [2021, 2023], "value": [41.0, 43.0], "illustrative": [False, illustrative],
            "reexpressed": [False, reexpressed],
        }),
        targets=pl.DataFrame({"year": [2025, 2030], "value": [45.0, 50.0], "milestone": [True, False]}),
        baseline_year=2021, baseline_value=41.0, latest_year=2023, latest_value=43.26,
        target_year=2030, target_value=50.0, projected_value=48.0, unit_label="%",
    )  # fmt: skip


def _spec(lang: str = "vi", **kwargs: bool) -> dict[str, Any]:
    spec: dict[str, Any] = target_chart(_series(**kwargs), lang).to_dict(validate=True)  # type: ignore[arg-type]
    return spec


def _plot_and_legend(spec: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    plot, legend = spec["vconcat"]
    return plot, legend


def _filter(layer: dict[str, Any]) -> str:
    return " ".join(t.get("filter", "") for t in layer.get("transform", []))


def test_chart_is_a_plot_with_its_legend_below_on_the_assessed_rows() -> None:
    spec = _spec()
    plot, legend = _plot_and_legend(spec)
    assert plot["width"] == legend["width"] >= 600
    data = spec["datasets"][plot["data"]["name"]]
    assert len(data) == 2 + 2 + 2 + 2  # observed, target and milestone, straight path, projection
    y_titles = {
        layer["encoding"]["y"].get("title") for layer in plot["layer"] if "encoding" in layer
    }
    assert "%" in y_titles


def test_legend_text_and_axes_are_at_least_11_px() -> None:
    spec = _spec()
    _, legend = _plot_and_legend(spec)
    texts = [layer for layer in legend["layer"] if layer["mark"]["type"] == "text"]
    assert texts
    assert all(layer["mark"]["fontSize"] >= 11 for layer in texts)
    assert LEGEND_FONT_PX >= 11
    assert spec["config"]["axis"]["labelFontSize"] >= 11
    assert spec["config"]["axis"]["titleFontSize"] >= 11


def test_target_rule_layer_spans_the_plot_at_the_target_value() -> None:
    plot, _ = _plot_and_legend(_spec())
    target = repr(label("target_value", "vi"))
    rules = [
        layer
        for layer in plot["layer"]
        if layer["mark"]["type"] == "rule" and target.strip("'") in _filter(layer)
    ]
    assert len(rules) == 1
    (rule,) = rules
    assert "x" not in rule["encoding"]  # a horizontal line across the whole plot
    assert rule["mark"]["color"] == COLOURS["target_value"]
    assert rule["mark"]["strokeDash"] == DASHES["target_value"]


def _annotation_texts(spec: dict[str, Any]) -> list[str]:
    plot, _ = _plot_and_legend(spec)
    texts = []
    for layer in plot["layer"]:
        if layer["mark"]["type"] == "text":
            data = layer["data"]
            rows = data["values"] if "values" in data else spec["datasets"][data["name"]]
            texts += [row.get("text") for row in rows]
    return [t for t in texts if t]


def test_target_milestone_and_latest_value_are_labelled_in_the_report_language() -> None:
    assert set(_annotation_texts(_spec("vi"))) == {
        "43,3 (2023)",
        "Mục tiêu 2030: 50",
        "Mốc 2025: 45",
    }
    assert set(_annotation_texts(_spec("en"))) == {
        "43.3 (2023)",
        "Milestone 2025: 45",
        "Target 2030: 50",
    }


def test_legend_entries_use_the_colours_and_marks_of_the_plot() -> None:
    entries = {entry.kind: entry for entry in legend_entries(_series(), "vi")}
    assert set(entries) == {
        "observed", "target_value", "milestone", "straight_path", "projection", "illustrative",
    }  # fmt: skip
    for kind in ("observed", "target_value", "milestone", "straight_path", "projection"):
        assert entries[kind].colour == COLOURS[kind]
    assert entries["observed"].dash == "solid"  # the line through the points
    assert entries["straight_path"].shape is None
    assert entries["projection"].dash == "projection"
    assert entries["target_value"].shape == "diamond"
    assert entries["illustrative"].hollow
    assert entries["illustrative"].colour == ILLUSTRATIVE_STROKE
    plot, _ = _plot_and_legend(_spec())
    marks = {(layer["mark"]["type"], layer["mark"].get("color") or layer["mark"].get("stroke"))
             for layer in plot["layer"]}  # fmt: skip
    assert ("line", COLOURS["projection"]) in marks
    assert ("line", COLOURS["straight_path"]) in marks
    assert ("point", COLOURS["observed"]) in marks
    assert ("point", COLOURS["target_value"]) in marks


@pytest.mark.parametrize(("illustrative", "expected"), [(True, True), (False, False)])
def test_illustrative_entry_only_when_a_point_is_illustrative(
    illustrative: bool, expected: bool
) -> None:
    kinds = [e.kind for e in legend_entries(_series(illustrative=illustrative), "vi")]
    assert ("illustrative" in kinds) is expected


def test_reexpressed_points_get_their_own_entry_and_layer() -> None:
    entries = {e.kind: e for e in legend_entries(_series(reexpressed=True), "en")}
    assert entries["observed_reexpressed"].colour == COLOURS["observed_reexpressed"]
    assert entries["observed_reexpressed"].line_colour == COLOURS["observed"]  # the joining line
    plot, _ = _plot_and_legend(_spec("en", reexpressed=True))
    strokes = {layer["mark"].get("stroke") for layer in plot["layer"]}
    assert COLOURS["observed_reexpressed"] in strokes


def test_hollow_points_are_drawn_white_inside() -> None:
    frame = _layers_frame(_series(), "vi")
    assert frame.filter(pl.col("illustrative")).height == 1
    svg = svg_of(_spec(), "vi")
    assert 'fill="white" stroke="#1f5aa6"' in svg  # the illustrative observation
    assert "Số liệu minh họa (điểm rỗng)" in svg
    assert f'font-size="{LEGEND_FONT_PX}px"' in svg


def test_target_label_sits_at_the_left_end_of_its_line_away_from_the_projection() -> None:
    from stkit.reports.charts import _annotations  # noqa: PLC0415

    notes = {n["kind"]: n for n in _annotations(_series(), "vi")}
    assert notes["target_start"]["period"] == 2021  # the first year drawn
    assert notes["target_start"]["value"] == 50.0
    assert notes["milestone_at"]["period"] == 2025
    assert notes["latest_at"]["period"] == 2023
    alone = TargetSeries(
        title="t",
        observed=pl.DataFrame(schema={"period": pl.Int64, "value": pl.Float64, "illustrative": pl.Boolean}),
        targets=pl.DataFrame({"year": [2030], "value": [50.0], "milestone": [False]}),
        baseline_year=None, baseline_value=None, latest_year=None, latest_value=None,
        target_year=2030, target_value=50.0, projected_value=None,
    )  # fmt: skip
    (only,) = _annotations(alone, "en")
    assert (only["kind"], only["period"], only["text"]) == ("target_end", 2030, "Target 2030: 50")
    assert target_chart(alone, "en").to_dict(validate=True)["vconcat"]


def _as_text(spec: dict[str, Any]) -> str:
    return json.dumps(spec, ensure_ascii=False)  # key order kept: the spec as the page gets it


@st.composite
def _any_series(draw: st.DrawFn) -> TargetSeries:
    years = draw(st.lists(st.integers(2010, 2030), min_size=0, max_size=6, unique=True))
    values = st.floats(-1e6, 1e6, allow_nan=False)
    optional = st.none() | values
    observed = pl.DataFrame(
        {
            "period": sorted(years),
            "value": [draw(values) for _ in years],
            "illustrative": [draw(st.booleans()) for _ in years],
            "reexpressed": [draw(st.booleans()) for _ in years],
            "stated_baseline": [draw(st.booleans()) for _ in years],
        },
        schema={"period": pl.Int64, "value": pl.Float64, "illustrative": pl.Boolean,
                "reexpressed": pl.Boolean, "stated_baseline": pl.Boolean},
    )  # fmt: skip
    targets = draw(
        st.lists(st.tuples(st.integers(2020, 2035), optional, st.booleans()), max_size=3)
    )
    frame = pl.DataFrame(
        targets,
        schema={"year": pl.Int64, "value": pl.Float64, "milestone": pl.Boolean},
        orient="row",
    )
    latest = draw(st.none() | st.sampled_from(years)) if years else None
    return TargetSeries(
        title="t",
        observed=observed,
        targets=frame,
        baseline_year=draw(st.none() | st.integers(2010, 2025)),
        baseline_value=draw(optional),
        latest_year=latest,
        latest_value=draw(optional),
        target_year=draw(st.integers(2025, 2035)),
        target_value=draw(optional),
        projected_value=draw(optional),
        unit_label=draw(st.sampled_from(["", "%", "tỷ đồng", 'it\'s "quoted"'])),
    )


@settings(max_examples=60, deadline=None)
@given(series=_any_series(), lang=st.sampled_from(["vi", "en"]))
def test_the_spec_written_directly_is_altairs_spec(series: TargetSeries, lang: str) -> None:
    direct = target_spec(series, lang)  # type: ignore[arg-type]
    assert _as_text(direct) == _as_text(target_chart(series, lang).to_dict(validate=False))  # type: ignore[arg-type]


def test_the_spec_written_directly_is_altairs_for_a_real_unit_and_validates() -> None:
    import altair as alt  # noqa: PLC0415

    assert alt.SCHEMA_URL == VEGALITE_SCHEMA
    for lang in ("vi", "en"):
        series = _series(reexpressed=True)
        direct = target_spec(series, lang)  # type: ignore[arg-type]
        assert _as_text(direct) == _as_text(target_chart(series, lang).to_dict(validate=True))  # type: ignore[arg-type]


def test_hai_phongs_charts_are_altairs_charts(monkeypatch: pytest.MonkeyPatch) -> None:
    from stkit.reports import sections  # noqa: PLC0415
    from stkit.reports.city import CityReport  # noqa: PLC0415

    drawn: list[tuple[TargetSeries, str]] = []

    def spy(series: TargetSeries, lang: str) -> dict[str, Any]:
        drawn.append((series, lang))
        return target_spec(series, lang)  # type: ignore[arg-type]

    monkeypatch.setattr(sections, "target_spec", spy)
    for lang in ("vi", "en"):
        CityReport.load("hai-phong", 2025, lang).target_charts()
    assert len(drawn) >= 8
    for series, lang in drawn:
        expected = target_chart(series, lang).to_dict(validate=False)  # type: ignore[arg-type]
        assert _as_text(target_spec(series, lang)) == _as_text(expected)  # type: ignore[arg-type]
