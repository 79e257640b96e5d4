"""Table, CSV and JSON output of list-like commands."""

from __future__ import annotations

import io
import json

import polars as pl

from stkit.cli._output import emit

FRAME = pl.DataFrame(
    {"id": ["P1", "P2"], "horizon": [2030, None], "parties": [["most", "hai-phong-pc"], []]}
)


def test_table_shows_missing_values_as_a_dash_and_lists_joined() -> None:
    out = io.StringIO()
    emit(FRAME, "table", out)
    rows = [
        [cell.strip() for cell in line.split("|")[1:-1]] for line in out.getvalue().splitlines()
    ]
    assert rows[0] == ["id", "horizon", "parties"]
    assert rows[2] == ["P1", "2030", "most, hai-phong-pc"]
    assert rows[3] == ["P2", "–", ""]


def test_csv_keeps_missing_values_empty() -> None:
    out = io.StringIO()
    emit(FRAME.drop("parties"), "csv", out)
    assert out.getvalue() == "id,horizon\nP1,2030\nP2,\n"


def test_json_is_an_array_of_rows() -> None:
    out = io.StringIO()
    emit(FRAME, "json", out)
    assert json.loads(out.getvalue()) == [
        {"id": "P1", "horizon": 2030, "parties": ["most", "hai-phong-pc"]},
        {"id": "P2", "horizon": None, "parties": []},
    ]
