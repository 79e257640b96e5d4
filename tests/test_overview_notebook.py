"""The shipped overview notebook runs top to bottom with papermill on the shipped data."""

from __future__ import annotations

from pathlib import Path

import nbformat
import papermill
import pytest

from stkit.units import load_units

pytestmark = pytest.mark.slow

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "overview.ipynb"


def test_overview_notebook_runs_with_papermill(tmp_path: Path) -> None:
    out = tmp_path / "overview.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters={"year": 2025, "lang": "en"},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    cells = [c for c in nbformat.read(out, as_version=4).cells if c.cell_type == "code"]
    assert all(c.execution_count for c in cells)
    assert [o for c in cells for o in c.outputs if o.output_type == "error"] == []
    html = "".join(
        "".join(o.data["text/html"])
        for c in cells
        for o in c.outputs
        if "text/html" in o.get("data", {})
    )
    assert "— 2025</h1>" in html
    assert html.count("<h2>") == 3  # league table, targets by status, units on track
    # the league table names the units of the latest published ranking, in English
    names = set(load_units().get_column("name_en").to_list())
    assert len({name for name in names if f"<td>{name}</td>" in html}) >= 10
    headline = [c for c in cells if "headline" in c.metadata.get("tags", [])]
    assert len(headline) == 1
    figures = headline[0].outputs[0].data["application/json"]
    assert (figures["year"], figures["lang"]) == (2025, "en")
    assert sum(figures["targets_by_status"].values()) >= 1
