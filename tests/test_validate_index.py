"""`stkit validate --idata/--imeta`: COINr-format index tables checked with plain messages."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from stkit.cli import main
from stkit.datadir import shipped_data_dir

PII = shipped_data_dir() / "pii"
IDATA = PII / "pii_idata_illustrative.csv"
IMETA = PII / "pii_imeta.csv"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["validate", "--lang", "en", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_shipped_pii_tables_are_valid(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--idata", str(IDATA), "--imeta", str(IMETA)], capsys)
    assert code == 0
    assert f"imeta: {pl.read_csv(IMETA).height} rows valid — {IMETA}" in out
    assert f"idata: 34 rows valid — {IDATA}" in out


def test_imeta_problems_name_row_column_and_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meta = pl.read_csv(IMETA)
    broken = meta.with_columns(
        pl.when(pl.col("iCode") == "INST_2")
        .then(2)
        .otherwise(pl.col("Direction"))
        .alias("Direction")
    )
    path = tmp_path / "imeta.csv"
    broken.write_csv(path)
    row = broken.get_column("iCode").to_list().index("INST_2") + 2
    code, _, err = run(["--imeta", str(path)], capsys)
    assert code == 2
    assert (
        f"row {row}, column Direction: value '2' must be 1 (higher is better) "
        "or -1 (lower is better)"
    ) in err
    assert "Traceback" not in err


def test_imeta_without_required_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "imeta.csv"
    pl.read_csv(IMETA).drop("Weight").write_csv(path)
    code, _, err = run(["--imeta", str(path)], capsys)
    assert code == 2
    assert "required column(s) Weight missing" in err


def test_idata_text_in_a_number_column_is_never_read_as_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = pl.read_csv(IDATA, infer_schema_length=0)
    broken = data.with_columns(
        pl.when(pl.col("uCode") == "hai-phong")
        .then(pl.lit("30,4"))
        .otherwise(pl.col("INST_1"))
        .alias("INST_1")
    )
    path = tmp_path / "idata.csv"
    broken.write_csv(path)
    row = broken.get_column("uCode").to_list().index("hai-phong") + 2
    code, _, err = run(["--idata", str(path), "--imeta", str(IMETA)], capsys)
    assert code == 2
    assert f"{path}: 1 indicator value(s) are not numbers: row {row}, column INST_1: '30,4'." in err


def test_idata_missing_an_indicator_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "idata.csv"
    pl.read_csv(IDATA).drop("KNOW_3").write_csv(path)
    code, _, err = run(["--idata", str(path), "--imeta", str(IMETA)], capsys)
    assert code == 2
    assert "indicator column(s) KNOW_3 named in iMeta are missing" in err


def test_duplicate_unit_codes_in_idata(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = pl.read_csv(IDATA)
    path = tmp_path / "idata.csv"
    pl.concat([data, data.head(1)]).write_csv(path)
    code, _, err = run(["--idata", str(path)], capsys)
    assert code == 2
    assert f"row {data.height + 2}, column uCode: value 'ha-noi' appears more than once" in err
