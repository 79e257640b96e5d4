"""Notebooks are saved clean: no outputs, no execution counts, so diffs show only source."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("*.ipynb"))


def test_the_shipped_notebooks_are_found() -> None:
    names = {path.name for path in NOTEBOOKS}
    assert {"city_progress.ipynb", "overview.ipynb", "explore.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_is_saved_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    dirty = [
        f"{path.name}, cell {number}: "
        + ("has outputs" if cell.outputs else f"execution count {cell.execution_count}")
        for number, cell in enumerate(notebook.cells, start=1)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert dirty == [], "clear the outputs before saving (Kernel → Restart & Clear Output)"
