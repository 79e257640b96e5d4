"""The report notebooks are plain papermill notebooks: papermill by hand gives the same report.

The runner executes notebooks on warm kernels with nbclient (papermill's engine) and
injects parameters as papermill does; this checks the claim end to end on the shipped
city notebook.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat
import papermill
import pytest

from stkit.datadir import shipped_notebooks_dir
from stkit.reports.batch import report_one
from stkit.reports.executed import clean_notebook
from stkit.reports.runner import REPORT_NOTEBOOK

pytestmark = pytest.mark.slow


def _outputs(nb: Any) -> list[tuple[str, list[dict[str, Any]]]]:
    clean = clean_notebook(nb)
    return [
        ("".join(cell.source), json.loads(json.dumps(cell.outputs)))
        for cell in clean.cells
        if cell.cell_type == "code" and "injected-parameters" not in cell.metadata.get("tags", [])
    ]


def test_papermill_run_of_the_city_notebook_equals_the_runner_report(tmp_path: Path) -> None:
    result = report_one("hai-phong", year=2025, lang="en", out=tmp_path / "runner")
    assert result.records[0].status == "ok", result.records[0].error
    ours = nbformat.read(
        tmp_path / "runner" / "hai-phong" / "2025" / "en" / REPORT_NOTEBOOK, as_version=4
    )

    by_hand = tmp_path / "papermill.ipynb"
    papermill.execute_notebook(
        str(shipped_notebooks_dir() / "city_progress.ipynb"),
        str(by_hand),
        parameters={"unit": "hai-phong", "year": 2025, "lang": "en", "data_dir": None},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    theirs = nbformat.read(by_hand, as_version=4)

    injected = [c for c in theirs.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert 'unit = "hai-phong"' in "".join(injected[0].source)
    assert _outputs(theirs) == _outputs(ours)


def test_explore_notebook_runs_top_to_bottom_with_papermill(tmp_path: Path) -> None:
    out = tmp_path / "explore.ipynb"
    papermill.execute_notebook(
        str(shipped_notebooks_dir() / "explore.ipynb"),
        str(out),
        parameters={"unit": "can-tho", "year": 2025, "lang": "en"},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    cells = [c for c in nbformat.read(out, as_version=4).cells if c.cell_type == "code"]
    errors = [o for c in cells for o in c.outputs if o.output_type == "error"]
    assert errors == []
    assert all(c.execution_count for c in cells)
    text = json.dumps([c.outputs for c in cells], ensure_ascii=False)
    assert "P1-T1" in text  # the registry's targets
    assert "can-tho" in text  # the unit's crosswalk, progress and index rows
