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
        "unit": ["a", "b", "a", "a", "c", "a", "a"],
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
TARGETS = pl.DataFrame({"unit": ["a"], "indicator": ["TFP"], "programme": ["P"]})
INDICATORS = pl.DataFrame(
    {"code": ["TFP", "PII", "GRDP"], "merge_rule": ["weighted_mean", "none", "sum"]}
)
# the new unit a absorbed b and kept a's slug, as Hải Phòng absorbed Hải Dương
CROSSWALK = pl.DataFrame({"old_slug": ["a", "b", "c"], "new_slug": ["a", "a", "other"]})


def _table(years: list[int]) -> pl.DataFrame:
    return coverage(
        pl.concat([TWIN, OBSERVATIONS]),
        TARGETS,
        INDICATORS,
        CROSSWALK,
        units=["a"],
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
    # PII (merge_rule none) is the unit's own figure every year; PII_RANK is not in
    # the catalogue, so it is left out.
    assert got == {
        ("PII", 2023, "a"): "sourced",
        ("PII", 2024, "a"): "missing",
        ("PII", 2025, "a"): "sourced",
        ("TFP", 2023, "a"): "sourced",
        ("TFP", 2023, "b"): "illustrative",
        ("TFP", 2024, "a"): "illustrative",
        ("TFP", 2024, "b"): "missing",
        ("TFP", 2025, "a"): "missing",
        ("TFP", 2025, "b"): "missing",
    }
    assert table.height == 9
    assert coverage_counts(table) == {"sourced": 3, "illustrative": 2, "missing": 4}
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
    # without the crosswalk, a has no members but itself: b's illustrative TFP is not counted
    assert table.select("indicator", "figure_unit", "status").rows() == [
        ("PII", "a", "sourced"),
        ("TFP", "a", "sourced"),
    ]
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
    result = CliRunner().invoke(
        app, ["data", "coverage", "--unit", "can-tho", "--year", "2023", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    table = pl.read_csv(result.stdout.encode())
    # P2 has no quantitative target; the city's 2025–2030 congress resolution (PP-can-tho) sets
    # GRDP and GRDP growth, so GRDP is shown on the three merged units. The PII's 2023 score and
    # rank are published (49.66, 5), input and output are not
    assert table.select("indicator", "figure_unit", "status", "value").rows() == [
        ("GRDP", "can-tho", "sourced", 119271.0),
        ("GRDP", "hau-giang", "sourced", 58505.0),
        ("GRDP", "soc-trang", "sourced", 73000.0),
        ("GRDP_GROWTH", "can-tho", "missing", None),
        ("PII", "can-tho", "sourced", 49.66),
        ("PII_INPUT", "can-tho", "missing", None),
        ("PII_OUTPUT", "can-tho", "missing", None),
        ("PII_RANK", "can-tho", "sourced", 5.0),
    ]


@pytest.mark.parametrize(
    "args",
    [["data", "coverage", "--unit", "atlantis"], ["data", "coverage", "--year", "20"]],
)
def test_cli_coverage_bad_option_exits_2(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    assert "Cách sửa:" in capsys.readouterr().err  # Vietnamese by default
    assert main(["--lang", "en", *args]) == 2
    assert "Fix:" in capsys.readouterr().err


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
        units=["a"],
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


def test_weights_and_published_pii_worked_by_hand() -> None:
    indicators = pl.DataFrame(
        {
            "code": ["TFP", "PII", "PII_RANK", "GRDP"],
            "merge_rule": ["weighted_mean", "none", "none", "sum"],
            "weight_indicator": ["GRDP", None, None, None],
        }
    )
    published = pl.DataFrame(
        {
            "year": [2023, 2023, 2025],
            "unit": ["a", "b", "a"],
            "score": [None, 41.5, None],
            "rank": [2, 9, 4],
            "input": [None, None, None],
            "output": [None, None, None],
            "source": ["MOST 2023", "MOST 2023", "MOST 2025"],
        },
        schema_overrides={"score": pl.Float64, "input": pl.Float64, "output": pl.Float64},
    )
    grdp = pl.DataFrame(
        {
            "unit": ["a"],
            "indicator": ["GRDP"],
            "period": [2023],
            "value": [100.0],
            "source": ["statistics office"],
            "illustrative": [False],
        }
    )
    table = coverage(
        pl.concat([OBSERVATIONS, grdp]),
        TARGETS,
        indicators,
        CROSSWALK,
        units=["a"],
        years=[2023, 2025],
        extra_indicators=("PII", "PII_RANK"),
        pii_results=published,
    )
    got = {
        (r["indicator"], r["year"], r["figure_unit"]): r["status"]
        for r in table.iter_rows(named=True)
    }
    # TFP is a weighted mean on a merged unit, so its weight GRDP is listed for a and b;
    # the published PII adds a's ranks (b's figures are not the merged unit's own).
    assert got == {
        ("GRDP", 2023, "a"): "sourced",
        ("GRDP", 2023, "b"): "missing",
        ("GRDP", 2025, "a"): "missing",
        ("GRDP", 2025, "b"): "missing",
        ("PII", 2023, "a"): "sourced",
        ("PII", 2025, "a"): "sourced",
        ("PII_RANK", 2023, "a"): "sourced",
        ("PII_RANK", 2025, "a"): "sourced",
        ("TFP", 2023, "a"): "sourced",
        ("TFP", 2023, "b"): "illustrative",
        ("TFP", 2025, "a"): "missing",
        ("TFP", 2025, "b"): "missing",
    }
    pii = table.filter(pl.col("indicator").str.starts_with("PII")).sort("indicator", "year")
    assert pii.select("indicator", "year", "value").rows() == [
        ("PII", 2023, 50.0),
        ("PII", 2025, 55.0),
        ("PII_RANK", 2023, 2.0),
        ("PII_RANK", 2025, 4.0),
    ]


def test_unmerged_unit_lists_no_weights() -> None:
    indicators = INDICATORS.with_columns(
        weight_indicator=pl.Series(["GRDP", None, None], dtype=pl.String)
    )
    targets = pl.DataFrame({"unit": ["c"], "indicator": ["TFP"]})
    table = coverage(
        OBSERVATIONS,
        targets,
        indicators,
        CROSSWALK,
        units=["c"],
        years=[2024],
        extra_indicators=(),
    )
    assert table.select("indicator", "figure_unit", "status").rows() == [("TFP", "c", "sourced")]


def test_no_pii_is_due_before_the_first_index_year() -> None:
    table = coverage(
        OBSERVATIONS,
        TARGETS.head(0),
        INDICATORS,
        CROSSWALK,
        units=["a"],
        years=[2021, 2022, 2023],
        extra_indicators=("PII",),
    )
    assert table.select("indicator", "year", "status").rows() == [("PII", 2023, "sourced")]
