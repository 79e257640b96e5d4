"""Templates: formula-injection guard, workbook layout, a filled template passes validation; CLI."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import fastexcel
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stkit.cli import main
from stkit.readers import read_raw
from stkit.templates import (
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    neutralise_cell,
    neutralise_frame,
    template_content,
    write_template,
)
from stkit.validation import ValidationFailed, load_inputs

TODAY = dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+84 912", "'+84 912"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Sở KH&CN", "Sở KH&CN"),
        ("", ""),
        ("-2.5", "-2.5"),  # a real number stays a number
        ("+3", "+3"),
        ("-1e3", "-1e3"),
        ("-", "'-"),
        ("\r=1", "'\r=1"),
    ],
)
def test_neutralise_cell(text: str, safe: str) -> None:
    assert neutralise_cell(text) == safe


@given(st.text(max_size=20))
def test_neutralised_text_never_starts_like_a_formula(text: str) -> None:
    safe = neutralise_cell(text)
    plain_number = re.fullmatch(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", safe)
    assert plain_number or not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert safe in (text, "'" + text)


def test_neutralise_frame_touches_text_columns_only() -> None:
    frame = pl.DataFrame({"a": ["=1", "ok", None], "b": [-1, 2, 3]})
    out = neutralise_frame(frame)
    assert out["a"].to_list() == ["'=1", "ok", None]
    assert out["b"].to_list() == [-1, 2, 3]
    assert frame["a"][0] == "=1"  # input untouched


def test_template_layout(tmp_path: Path) -> None:
    out = write_template(tmp_path / "p1.xlsx", programme="P1", year=2025)
    reader = fastexcel.read_excel(out)
    assert reader.sheet_names == [INSTRUCTIONS_SHEET, "observations", "task_status", LISTS_SHEET]
    observations = read_raw(out, sheet="observations").frame
    assert observations.columns[:7] == [
        "unit",
        "indicator",
        "period",
        "value",
        "source",
        "note",
        "illustrative",
    ]
    assert set(observations["period"].to_list()) == {"2025"}
    assert set(observations["unit"].to_list()) == {"hai-phong"}
    assert {"TFP_SHARE", "T1405", "HITECH_IND_SHARE"} <= set(observations["indicator"].to_list())
    status = read_raw(out, sheet="task_status").frame
    assert set(status["programme"].to_list()) == {"P1"}
    assert status["status"].null_count() == status.height
    assert not list(tmp_path.glob(".tmp-*"))


def test_template_after_merger_uses_new_units() -> None:
    content = template_content("P2", 2026)
    units = set(content.tables["observations"]["unit"].to_list())
    assert units <= set(content.units)
    assert "hau-giang" not in content.units
    assert len(content.units) == 34


def _filled(programme: str, year: int) -> dict[str, pl.DataFrame]:
    content = template_content(programme, year)
    observations = content.tables["observations"].with_columns(
        pl.lit(12.5).alias("value"),
        pl.lit("=Báo cáo của Sở KH&CN").alias("source"),
    )
    status = content.tables["task_status"].with_columns(
        pl.lit("in_progress").alias("status"),
        pl.lit("Báo cáo tổng kết").alias("source"),
    )
    return {"observations": observations, "task_status": status}


def test_filled_template_passes_validation(tmp_path: Path) -> None:
    out = write_template(
        tmp_path / "p1.xlsx", programme="P1", year=2025, filled=_filled("P1", 2025)
    )
    inputs = load_inputs(observations=out, tasks=out, today=TODAY)
    assert inputs.observations.height == _filled("P1", 2025)["observations"].height
    assert set(inputs.observations["source"].to_list()) == {"'=Báo cáo của Sở KH&CN"}
    assert inputs.tasks["status"].unique().to_list() == ["in_progress"]
    assert main(["validate", "--observations", str(out), "--tasks", str(out)]) == 0


def test_untouched_template_validates_as_not_reported(tmp_path: Path) -> None:
    out = write_template(tmp_path / "p1.xlsx", programme="P1", year=2025)
    inputs = load_inputs(observations=out, tasks=out, today=TODAY)
    assert inputs.observations.height == 0  # every row "not reported"
    assert inputs.tasks.height == 0
    assert main(["validate", "--observations", str(out), "--tasks", str(out)]) == 0


def test_a_row_with_a_value_but_no_source_is_still_an_error(tmp_path: Path) -> None:
    content = template_content("P1", 2025)
    observations = content.tables["observations"]
    half = observations.with_columns(
        pl.when(pl.int_range(pl.len()) == 0).then(12.5).otherwise(None).alias("value")
    )
    out = write_template(
        tmp_path / "p1.xlsx", programme="P1", year=2025, filled={"observations": half}
    )
    with pytest.raises(ValidationFailed) as caught:
        load_inputs(observations=out, tasks=out, today=TODAY)
    assert [(p.sheet, p.row, p.column, p.rule) for p in caught.value.problems] == [
        ("observations", 2, "source", "required")
    ]


def test_instruction_sheet_says_empty_rows_are_not_reported(tmp_path: Path) -> None:
    out = write_template(tmp_path / "p1.xlsx", programme="P1", year=2025)
    text = " ".join(
        str(v)
        for v in fastexcel.read_excel(out)
        .load_sheet(INSTRUCTIONS_SHEET)
        .to_polars()[:, 1]
        .to_list()
    )
    assert "chưa báo cáo" in text
    assert "không bị coi là lỗi" in text


def test_template_refuses_other_suffix_and_bad_year(tmp_path: Path) -> None:
    assert (
        main(["template", "--programme", "P1", "--year", "2025", "--out", str(tmp_path / "x.csv")])
        == 2
    )
    assert (
        main(["template", "--programme", "P1", "--year", "25", "--out", str(tmp_path / "x.xlsx")])
        == 2
    )
    assert (
        main(["template", "--programme", "P9", "--year", "2025", "--out", str(tmp_path / "x.xlsx")])
        == 2
    )
    assert not list(tmp_path.iterdir())


def test_cli_template_writes_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sub" / "p3.xlsx"
    assert main(["template", "--programme", "P3", "--year", "2024", "--out", str(out)]) == 0
    assert out.is_file()
    assert str(out) in capsys.readouterr().out


def test_cli_validate_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines[:4]] == [
        "indicators",
        "observations",
        "targets",
        "task_status",
    ]
    assert all("rows valid" in line for line in lines[:4])
    # the illustrative rows are named with their own file
    assert lines[4].startswith("  of which ")
    assert lines[4].endswith("illustrative/observations.csv")


def test_cli_validate_lists_problems_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "obs.csv"
    bad.write_text(
        'unit,indicator,period,value,source\nhai-phong,T1401,2023,"30,4",=cmd\nhai-phong,T1405,2023,5,\n',
        encoding="utf-8",
    )
    assert main(["validate", "--observations", str(bad), "--format", "json", "--lang", "en"]) == 2
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert [(r["row"], r["column"], r["rule"]) for r in rows] == [
        (2, "value", "decimal_comma_undeclared"),
        (3, "source", "required"),
    ]
    assert "2 problem(s)" in captured.err
    assert "Traceback" not in captured.err
    assert main(["validate", "--observations", str(bad), "--decimal", ",", "--format", "csv"]) == 2
    out = capsys.readouterr().out
    assert "decimal_comma" not in out
    assert "required" in out


def test_cli_validate_neutralises_csv_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "obs.csv"
    bad.write_text("unit,indicator,period,value,source\n=cmd|x,T1401,2023,5,s\n", encoding="utf-8")
    assert main(["validate", "--observations", str(bad), "--format", "csv"]) == 2
    out = capsys.readouterr().out
    assert "'=cmd|x" in out
    assert ",=cmd" not in out
