"""Shared inputs, parameter injection and the output renderer (no kernel needed)."""

from __future__ import annotations

import keyword
from pathlib import Path
from typing import Any

import nbformat
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from stkit.reports import inputs
from stkit.reports.html import notebook_body
from stkit.reports.kernel import INJECTED_TAG, parameterised, parameters_source

MINI = Path(__file__).parent / "data" / "reports" / "mini.ipynb"
ATTACK = "<script>alert(1)</script>"

names = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True).filter(
    lambda n: not keyword.iskeyword(n)
)
values = st.one_of(st.none(), st.booleans(), st.integers(), st.text(), st.floats(allow_nan=False))


@given(st.dictionaries(names, values, max_size=6))
def test_injected_parameters_read_back_as_given(parameters: dict[str, Any]) -> None:
    namespace: dict[str, Any] = {}
    exec(parameters_source(parameters), namespace)
    assert {k: namespace[k] for k in parameters} == parameters


def test_parameters_cell_goes_right_after_the_parameters_cell() -> None:
    nb = parameterised(MINI, {"unit": 'a"b', "year": 2025, "data_dir": None})
    tags = [cell.metadata.get("tags", []) for cell in nb.cells]
    assert tags[0] == ["parameters"]
    assert tags[1] == [INJECTED_TAG]
    assert nb.cells[1].source == '# Parameters\nunit = "a\\"b"\nyear = 2025\ndata_dir = None\n'
    assert len(nb.cells) == len(nbformat.read(MINI, as_version=4).cells) + 1


@pytest.mark.slow
def test_shared_inputs_read_back_identical(tmp_path: Path) -> None:
    data = inputs.with_shared(inputs.validated_inputs(None), years=[2025], pii_units=["hai-phong"])
    inputs.write_inputs(data, tmp_path)
    back = inputs.read_inputs(tmp_path)
    assert back.data_dir == data.data_dir
    assert back.fingerprint == data.fingerprint
    for name in inputs.TABLES:
        assert_frame_equal(getattr(back, name), getattr(data, name))
    assert_frame_equal(back.progress[2025], data.progress[2025])
    assert_frame_equal(back.series[2025], data.series[2025])
    assert back.pii is not None
    assert data.pii is not None
    assert back.pii.profiled == ("hai-phong",)
    for name in ("published", "scores", "strengths", "rank_stats"):
        assert_frame_equal(getattr(back.pii, name), getattr(data.pii, name))
    assert inputs.read_inputs(tmp_path) is back  # cached while the files are unchanged


@pytest.mark.slow
def test_report_data_uses_shared_inputs_only_for_their_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    data = inputs.validated_inputs(None)
    inputs.write_inputs(inputs.with_shared(data, years=[2025]), shared)
    monkeypatch.setenv(inputs.INPUTS_ENV, str(shared))
    assert inputs.report_data(None).progress.keys() == {2025}
    monkeypatch.setenv(inputs.INPUTS_ENV, str(tmp_path / "missing"))
    assert inputs.report_data(None) is data  # falls back to validating (cached)


def test_programme_title_in_each_language() -> None:
    frame = pl.DataFrame(
        {
            "programme": ["P1"],
            "unit": ["hai-phong"],
            "title_vi": ["Chương trình"],
            "title_en": [None],
            "citation_vi": ["Quyết định 02/QĐ-UBND ngày 04/01/2021"],
            "citation_en": ["Quyết định 02/QĐ-UBND of 04/01/2021"],
        }
    )
    empty = pl.DataFrame()
    data = inputs.ReportData(
        Path(), "", empty, empty, empty, empty, empty, frame, empty, empty, empty
    )
    assert data.programme("P1", "vi") == ("Chương trình", "Quyết định 02/QĐ-UBND ngày 04/01/2021")
    # the title falls back to Vietnamese; the citation is in the report language
    assert data.programme("P1", "en") == ("Chương trình", "Quyết định 02/QĐ-UBND of 04/01/2021")
    assert data.programme("P9", "vi") is None


def _cell(*outputs: Any, tags: list[str] | None = None) -> Any:
    cell = nbformat.v4.new_code_cell("hidden_code()", metadata={"tags": tags or []})
    cell.outputs = list(outputs)
    return cell


def test_renderer_shows_outputs_only_and_escapes_text() -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# Title {ATTACK}\n\nSome text"),
        _cell(nbformat.v4.new_output("stream", name="stdout", text=ATTACK)),
        _cell(nbformat.v4.new_output("stream", name="stderr", text="noise on stderr")),
        _cell(nbformat.v4.new_output("execute_result", data={"text/plain": ATTACK}, execution_count=1)),
        _cell(nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=\n", "text/plain": "<Figure>"})),
        _cell(nbformat.v4.new_output("error", ename="ValueError", evalue="bad", traceback=["\x1b[31mValueError\x1b[0m: bad"])),
        _cell(nbformat.v4.new_output("display_data", data={"text/html": "<p>hidden</p>"}), tags=["headline"]),
        _cell(nbformat.v4.new_output("display_data", data={"text/html": "<p>shown</p>", "text/plain": "x"})),
    ]  # fmt: skip
    body = notebook_body(nb)
    assert "hidden_code" not in body
    assert "<script" not in body
    assert body.count("&lt;script&gt;") == 3
    assert "<h1>Title &lt;script&gt;" in body
    assert "<p>Some text</p>" in body
    assert "noise on stderr" not in body
    assert '<img alt="" src="data:image/png;base64,iVBORw0KGgo=">' in body
    assert "ValueError: bad" in body
    assert "\x1b" not in body
    assert "<p>hidden</p>" not in body
    assert "<p>shown</p>" in body
    assert "<Figure>" not in body


def test_chart_data_ignores_last_bit_noise() -> None:
    from stkit.reports.charts import TargetSeries, _layers_frame  # noqa: PLC0415

    def series(projected: float) -> TargetSeries:
        return TargetSeries(
            title="t",
            observed=pl.DataFrame({"period": [2021], "value": [41.0], "illustrative": [False]}),
            targets=pl.DataFrame({"year": [2030], "value": [50.0], "milestone": [False]}),
            baseline_year=2021, baseline_value=41.0, latest_year=2021, latest_value=41.0,
            target_year=2030, target_value=50.0, projected_value=projected,
        )  # fmt: skip

    a = _layers_frame(series(50.322747752017804), "vi")
    b = _layers_frame(series(50.32274775201781), "vi")
    assert_frame_equal(a, b)
    assert a.get_column("value").to_list()[-1] == pytest.approx(50.322747752, rel=1e-11)
