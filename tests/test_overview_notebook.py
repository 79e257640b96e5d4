"""The shipped overview notebook runs top to bottom with papermill on the shipped data."""

from __future__ import annotations

from pathlib import Path

import nbformat
import papermill
import polars as pl
import pytest

from stkit.index import load_pii_results
from stkit.units import MERGER_DATE, load_units

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
    # summary, the country, league table, rank change, own targets, each national target,
    # targets by status, sources; the summary first
    assert html.count("<h2>") == 8
    assert html.index('id="summary"') < html.index("<h2>", html.index('id="summary"') + 30)
    # the league table lists every unit of the 2025 published ranking, in English, and only
    # units in force in 2025
    published = load_pii_results().filter(pl.col("year") <= 2025)
    latest = published.filter(pl.col("year") == published.get_column("year").max())
    names = load_units(as_of=MERGER_DATE).group_by("slug").agg("name_en")
    ranked = names.join(latest.select(pl.col("unit").alias("slug")), on="slug")
    assert ranked.height == latest.height >= 1
    missing = [
        slug
        for slug, choices in ranked.iter_rows()
        if not any(f"<td>{n}</td>" in html for n in choices)
    ]
    assert missing == []
    headline = [c for c in cells if "headline" in c.metadata.get("tags", [])]
    assert len(headline) == 1
    figures = headline[0].outputs[0].data["application/json"]
    assert (figures["year"], figures["lang"]) == (2025, "en")
    assert figures["pii_year"] == 2025
    assert figures["pii_units"] == latest.sort("rank").get_column("unit").to_list()
    assert sum(figures["targets_by_status"].values()) >= 1
