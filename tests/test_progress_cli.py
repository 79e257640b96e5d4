"""`stkit progress` and `stkit tasks` on the shipped data and on files given."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from stkit.cli import main
from stkit.progress import PROGRESS_COLUMNS


def test_progress_csv_on_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["progress", "--programme", "P1", "--year", "2025", "--format", "csv"]) == 0
    out = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out.out)))
    assert tuple(rows[0])[: len(PROGRESS_COLUMNS)] == PROGRESS_COLUMNS
    assert {r["indicator"] for r in rows} >= {"TFP_SHARE", "T1405", "HITECH_IND_SHARE"}
    assert all(r["unit"] == "hai-phong" for r in rows)
    # TFP and T1405: illustrative rates weighted by sourced GRDP; no high-tech share is
    # published and no production value to weight it, so P1-T3 has no value at all
    assert {r["target_id"]: r["illustrative"] for r in rows} == {
        "P1-T1": "true",
        "P1-T2": "true",
        "P1-T3": "false",
    }
    assert "illustrative" in out.err  # the line that says so
    assert all("unit formed on 1 July 2025" in r["reason"] for r in rows)


def test_progress_with_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    targets = tmp_path / "targets.csv"
    targets.write_text(
        "programme,target_id,unit,indicator,comparator,value,year,baseline_value,baseline_year\n"
        "P1,X1,can-tho,T1401,>=,80,2025,,\n",
        encoding="utf-8",
    )
    observations = tmp_path / "observations.csv"
    observations.write_text(
        "unit,indicator,period,value,source,note,illustrative\n"
        "can-tho,T1401,2022,60,a report,,false\n"
        "can-tho,T1401,2024,70,a report,,false\n",
        encoding="utf-8",
    )
    code = main(
        [
            "progress",
            "--targets",
            str(targets),
            "--observations",
            str(observations),
            "--format",
            "json",
        ]
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    assert '"share_of_way": 0.5' in out.out  # (70-60)/(80-60)
    assert '"status": "accelerate"' in out.out
    assert "illustrative" not in out.err


def test_target_without_a_value_is_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    targets = tmp_path / "targets.csv"
    targets.write_text(
        "programme,target_id,unit,indicator,comparator,value,year,baseline_value,baseline_year\n"
        "P1,X1,can-tho,T1401,>=,,2025,,\n",
        encoding="utf-8",
    )
    observations = tmp_path / "observations.csv"
    observations.write_text(
        "unit,indicator,period,value,source,note,illustrative\n"
        "can-tho,T1401,2022,60,a report,,false\n"
        "can-tho,T1401,2024,70,a report,,false\n"
        "ha-noi,T1401,2024,90,a report,,false\n",
        encoding="utf-8",
    )
    assert main(["validate", "--targets", str(targets), "--observations", str(observations)]) == 0
    capsys.readouterr()
    files = ["--targets", str(targets), "--observations", str(observations)]
    assert main(["progress", *files, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert float(rows[0]["target_value"]) == 80.0  # mean of the best units: 70 and 90
    assert "best" in rows[0]["reason"]
    # Open SDG without a value: growth (70/60)^(1/2) - 1 = 8 % ≥ 1.5 %: score capped at 5
    assert rows[0]["opensdg_status"] == "substantial_progress"


def test_progress_csv_has_both_projections_outcome_and_open_sdg(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["progress", "--programme", "P1", "--year", "2025", "--format", "csv"]) == 0
    header = next(csv.reader(io.StringIO(capsys.readouterr().out)))
    for column in (
        "projected_value",
        "projection_method",
        "regression_value",
        "regression_gap",
        "status",
        "status_method",
        "outcome",
        "opensdg_score",
        "opensdg_status",
    ):
        assert column in header


def test_progress_unknown_unit_is_a_plain_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "progress", "--unit", "atlantis"]) == 2
    err = capsys.readouterr().err
    assert "No target matches" in err
    assert "Traceback" not in err


def test_tasks_roll_up_and_detail(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tasks", "--programme", "P3", "--year", "2026", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows
    assert all(r["programme"] == "P3" for r in rows)
    assert {"due", "done", "in_progress", "overdue", "completion_rate"} <= set(rows[0])
    assert main(["tasks", "--programme", "P1", "--detail", "--format", "csv"]) == 0
    detail = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {"status", "evidence", "source", "overdue"} <= set(detail[0])


def test_tasks_unknown_programme(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tasks", "--programme", "P9"]) == 2
    assert "P9" in capsys.readouterr().err
