"""`stkit.coverage` and `stkit data coverage`: hand-worked statuses on small frames."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from stkit.cli import app, main
from stkit.coverage import coverage, coverage_counts

OBSERVATIONS = pl.DataFrame(
    {
        "unit": ["a", "b", "a", "a", "c", "a", "new"],
        "indicator": ["TFP", "TFP", "TFP", "PII", "TFP", "TFP", "PII"],
        "period": [2023, 2023, 2024, 2023, 2024, 2022, 2025],
        "value": [40.0, 30.0, 41.0, 50.0, 7.0, 39.0, 55.0],
        "source": ["press", "made up", "made up", "MOST", "press", "press", "MOST"],
        "illustrative": [False, True, True, False, False, False, False],
    }
)
# the sourced 2022 row for `a` also has an illustrative twin: the sourced one wins
TWIN = pl.DataFrame(
    {
        "unit": ["a"],
        "indicator": ["TFP"],
        "period": [2022],
        "value": [99.0],
        "source": ["made up"],
        "illustrative": [True],
    }
)
TARGETS = pl.DataFrame({"unit": ["new"], "indicator": ["TFP"], "programme": ["P"]})
INDICATORS = pl.DataFrame(
    {"code": ["TFP", "PII", "GRDP"], "merge_rule": ["weighted_mean", "none", "sum"]}
)
CROSSWALK = pl.DataFrame({"old_slug": ["a", "b", "c"], "new_slug": ["new", "new", "other"]})


def _table(years: list[int]) -> pl.DataFrame:
    return coverage(
        pl.concat([TWIN, OBSERVATIONS]),
        TARGETS,
        INDICATORS,
        CROSSWALK,
        units=["new"],
        years=years,
        extra_indicators=("PII", "PII_RANK"),
    )


def test_statuses_worked_by_hand() -> None:
    table = _table([2023, 2024, 2025])
    got = {
        (r["indicator"], r["year"], r["figure_unit"]): r["status"]
        for r in table.iter_rows(named=True)
    }
    # TFP is re-expressed across the merger: counted on old units a and b every year;
    # PII (merge_rule none) on a and b up to 2024, on the new unit itself from 2025;
    # PII_RANK is not in the catalogue, so it is left out.
    assert got == {
        ("PII", 2023, "a"): "sourced",
        ("PII", 2023, "b"): "missing",
        ("PII", 2024, "a"): "missing",
        ("PII", 2024, "b"): "missing",
        ("PII", 2025, "new"): "sourced",
        ("TFP", 2023, "a"): "sourced",
        ("TFP", 2023, "b"): "illustrative",
        ("TFP", 2024, "a"): "illustrative",
        ("TFP", 2024, "b"): "missing",
        ("TFP", 2025, "a"): "missing",
        ("TFP", 2025, "b"): "missing",
    }
    assert table.height == 11
    assert coverage_counts(table) == {"sourced": 3, "illustrative": 2, "missing": 6}
    # the unit c of another new unit never shows up
    assert "c" not in table["figure_unit"].to_list()


def test_sourced_row_wins_over_its_illustrative_twin() -> None:
    row = _table([2022]).filter(pl.col("indicator") == "TFP", pl.col("figure_unit") == "a")
    assert row.select("status", "value", "source").row(0) == ("sourced", 39.0, "press")


def test_unmerged_unit_is_its_own_member_and_counts_of_empty_table() -> None:
    table = coverage(
        OBSERVATIONS,
        TARGETS,
        INDICATORS,
        CROSSWALK.head(0),
        units=["a"],
        years=[2023],
        extra_indicators=("PII",),
    )
    assert table.select("indicator", "figure_unit", "status").rows() == [("PII", "a", "sourced")]
    assert coverage_counts(table.head(0)) == {"sourced": 0, "illustrative": 0, "missing": 0}


def test_cli_coverage_of_shipped_data_matches_library() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["data", "coverage", "--unit", "hai-phong", "--format", "csv"])
    assert result.exit_code == 0, result.output
    table = pl.read_csv(result.stdout.encode())
    assert set(table["unit"]) == {"hai-phong"}
    assert set(table["figure_unit"]) <= {"hai-phong", "hai-duong"}
    # the TFP baseline of 2020 and 2021 is sourced (Báo Đại biểu Nhân dân, 03/08/2022)
    tfp = table.filter(pl.col("indicator") == "TFP_SHARE", pl.col("figure_unit") == "hai-phong")
    assert tfp.filter(pl.col("year").is_in([2020, 2021]))["status"].to_list() == [
        "sourced",
        "sourced",
    ]
    assert tfp.filter(pl.col("year") == 2021)["value"].to_list() == [41.0]


def test_cli_coverage_one_year_table() -> None:
    result = CliRunner().invoke(app, ["data", "coverage", "--unit", "can-tho", "--year", "2023"])
    assert result.exit_code == 0, result.output
    assert "sourced" in result.stdout
    assert "hau-giang" in result.stdout


@pytest.mark.parametrize(
    "args",
    [["data", "coverage", "--unit", "atlantis"], ["data", "coverage", "--year", "20"]],
)
def test_cli_coverage_bad_option_exits_2(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "Fix:" in err


@settings(max_examples=60, deadline=None)
@given(
    flags=st.lists(st.sampled_from([None, True, False]), min_size=6, max_size=6),
)
def test_statuses_follow_the_rows_present(flags: list[bool | None]) -> None:
    """Each (unit a/b, year 2023/2024/2025) figure of TFP is `missing` without a row,
    `illustrative` with only an illustrative one, `sourced` otherwise."""
    cells = [(u, y) for u in ("a", "b") for y in (2023, 2024, 2025)]
    present = [(cell, flag) for cell, flag in zip(cells, flags, strict=True) if flag is not None]
    observations = pl.DataFrame(
        {
            "unit": [c[0] for c, _ in present],
            "indicator": ["TFP"] * len(present),
            "period": [c[1] for c, _ in present],
            "value": [1.0] * len(present),
            "source": ["s"] * len(present),
            "illustrative": [f for _, f in present],
        },
        schema={
            "unit": pl.String,
            "indicator": pl.String,
            "period": pl.Int64,
            "value": pl.Float64,
            "source": pl.String,
            "illustrative": pl.Boolean,
        },
    )
    table = coverage(
        observations,
        TARGETS,
        INDICATORS,
        CROSSWALK,
        units=["new"],
        years=[2023, 2024, 2025],
        extra_indicators=(),
    )
    expected = {
        cell: "missing" if flag is None else ("illustrative" if flag else "sourced")
        for cell, flag in zip(cells, flags, strict=True)
    }
    got = {(r["figure_unit"], r["year"]): r["status"] for r in table.iter_rows(named=True)}
    assert got == expected
    counts = coverage_counts(table)
    assert sum(counts.values()) == table.height == 6
    assert counts["missing"] == flags.count(None)
