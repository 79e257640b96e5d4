"""A city report only presents library results: every figure it shows equals the library's."""

from __future__ import annotations

import polars as pl
import pytest

import stkit
from stkit.coverage import coverage, coverage_counts
from stkit.index.pii import load_pii_results
from stkit.reports.city import CityReport
from stkit.tasks import task_states

YEAR = 2025
SHOWN = ["unit", "target_id", "target_year", "status", "latest_value", "share_of_way", "trend"]


@pytest.mark.parametrize("unit", ["hai-phong", "can-tho", "ha-noi"])
def test_report_figures_are_the_librarys(inputs: stkit.Inputs, unit: str) -> None:
    report = CityReport.load(unit, YEAR, "en")
    keys = sorted(report.keys)
    library = stkit.assess(inputs, year=YEAR).filter(pl.col("unit").is_in(keys))
    shown = report.progress.select(SHOWN) if report.progress.height else pl.DataFrame()
    assert shown.equals(library.select(SHOWN) if library.height else pl.DataFrame())

    headline = report.headline().figures
    counts = library.filter(~pl.col("milestone")).group_by("status").len()
    assert headline["targets_by_status"] == dict(counts.iter_rows())

    mine = pl.col("programme").is_in(report.programmes)
    states = task_states(inputs.task_list.filter(mine), inputs.tasks.filter(mine), year=YEAR)
    assert headline["overdue_tasks"] == int(states["overdue"].sum())

    published = load_pii_results().filter(
        pl.col("unit").is_in(keys)
        & (pl.col("year") <= YEAR)
        & (pl.col("score").is_not_null() | pl.col("rank").is_not_null())
    )
    if published.height:
        last = published.sort("year").row(-1, named=True)
        assert headline["pii"] == {
            "year": last["year"],
            "score": last["score"],
            "rank": last["rank"],
        }
    else:
        assert "pii" not in headline


@pytest.mark.parametrize("unit", ["hai-phong", "viet-nam"])
def test_headline_targets_are_the_librarys(inputs: stkit.Inputs, unit: str) -> None:
    report = CityReport.load(unit, YEAR, "vi")
    library = stkit.assess(inputs, year=YEAR).filter(pl.col("unit").is_in(sorted(report.keys)))
    keys = ["programme", "target_id", "latest_year", "latest_value", "status", "outcome",
            "projected_value", "attainment_year"]  # fmt: skip
    got = report.headline().figures["targets"]
    assert len(got) == library.height > 0
    for entry, row in zip(got, library.iter_rows(named=True), strict=True):
        for key in keys:
            assert entry[key] == row.get(key), key


def test_summary_sentences_carry_the_librarys_figures(inputs: stkit.Inputs) -> None:
    report = CityReport.load("hai-phong", YEAR, "en")
    library = stkit.assess(inputs, year=YEAR).filter(
        pl.col("unit").is_in(sorted(report.keys)) & ~pl.col("milestone")
    )
    summary = str(report.summary())
    for row in library.iter_rows(named=True):
        if row["latest_value"] is not None:
            assert f"{row['latest_value']:.1f}% in {row['latest_year']}" in summary
        if row.get("attainment_year") is not None:
            assert f"reached in {row['attainment_year']}" in summary


def test_coverage_counts_are_the_librarys(inputs: stkit.Inputs) -> None:
    report = CityReport.load("hai-phong", YEAR, "en")
    table = coverage(
        inputs.observations,
        inputs.targets,
        inputs.indicators,
        inputs.crosswalk,
        units=["hai-phong"],
        years=list(range(YEAR - 4, YEAR + 1)),
        pii_results=load_pii_results(),
    )
    counts = coverage_counts(table)
    assert counts["sourced"] > 0
    text = str(report.coverage())
    assert (
        f"{counts['sourced']} sourced figures, {counts['illustrative']} illustrative, "
        f"{counts['missing']} missing" in text
    )


def test_published_pii_score_reads_the_same_wherever_shown() -> None:
    # Hải Phòng's PII 2025 score is published as 58.09: the summary and the PII table
    # must both show it so, not 58,09 in one place and 58,1 in the other
    published = load_pii_results().filter(
        (pl.col("unit") == "hai-phong") & (pl.col("year") == YEAR)
    )
    assert published["score"].to_list() == [58.09]
    report = CityReport.load("hai-phong", YEAR, "vi")
    summary, pii = str(report.summary()), str(report.pii_position())
    assert "58,09" in summary
    assert "<td>58,09</td>" in pii
    assert "<td>58,1</td>" not in pii
