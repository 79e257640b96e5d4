"""`assessed_series` returns exactly the points `assess` used (issue 4, merger-aware)."""

from __future__ import annotations

from typing import Any

import polars as pl
from hypothesis import HealthCheck, given, settings

from progress_reference import Target, series_of
from stkit.progress import assess, assessed_series
from test_progress_reference import CATALOGUE, _frames, cases

MERGER_CATALOGUE = pl.DataFrame(
    {
        "code": ["C", "S", "W"],
        "direction": ["increase", "increase", "increase"],
        "kind": ["count", "share", "amount"],
        "merge_rule": ["sum", "weighted_mean", "sum"],
        "weight_indicator": [None, "W", None],
    }
)
CROSSWALK = pl.DataFrame(
    {
        "old_code": ["31", "30", "92"],
        "old_slug": ["hai-phong", "hai-duong", "can-tho"],
        "new_code": ["31", "31", "92"],
        "new_slug": ["hai-phong", "hai-phong", "can-tho"],
    }
)


def _obs(unit: str, indicator: str, points: dict[int, float]) -> dict[str, list[Any]]:
    return {
        "unit": [unit] * len(points),
        "indicator": [indicator] * len(points),
        "period": list(points),
        "value": [float(v) for v in points.values()],
    }


def _frame(*parts: dict[str, list[Any]]) -> pl.DataFrame:
    return pl.concat([pl.DataFrame(part) for part in parts])


def _target(target_id: str, indicator: str, year: int, **extra: Any) -> dict[str, Any]:
    row = {
        "programme": "P",
        "target_id": target_id,
        "unit": "hai-phong",
        "indicator": indicator,
        "comparator": ">=",
        "value": 30.0,
        "year": year,
        "baseline_value": None,
        "baseline_year": None,
    }
    return row | extra


def test_merged_unit_series_is_the_re_expressed_one() -> None:
    obs = _frame(
        _obs("hai-phong", "C", {2020: 10, 2024: 14, 2026: 25}),
        _obs("hai-duong", "C", {2020: 5, 2024: 6}),
        _obs("hai-phong", "S", {2021: 46, 2024: 50}),
        _obs("hai-duong", "S", {2021: 36, 2024: 40}),
        _obs("hai-phong", "W", {2021: 300, 2024: 300}),
        _obs("hai-duong", "W", {2021: 100, 2024: 100}),
    )
    targets, _ = _frames(
        [
            _target("c", "C", 2030),
            _target("c-old", "C", 2025),
            _target("s", "S", 2030, baseline_year=2021, baseline_value=41.0),
        ],
        [],
    )
    series = assessed_series(targets, obs, MERGER_CATALOGUE, year=2026, crosswalk=CROSSWALK)
    merged = series.filter(pl.col("target_id") == "c")
    # 2020 and 2024 are sums of both old units; 2026 is the new unit's own observation
    assert merged.select("period", "value", "reexpressed").rows() == [
        (2020, 15.0, True),
        (2024, 20.0, True),
        (2026, 25.0, False),
    ]
    old = series.filter(pl.col("target_id") == "c-old")  # a 2025 target stays on old units
    assert old.select("period", "value", "reexpressed").rows() == [
        (2020, 10.0, False),
        (2024, 14.0, False),
    ]
    share = series.filter(pl.col("target_id") == "s")
    # stated baseline 41 replaces 2021; 2024 is (50·300 + 40·100) / 400 = 47.5
    assert share.select("period", "value", "reexpressed", "stated_baseline").rows() == [
        (2021, 41.0, False, True),
        (2024, 47.5, True, False),
    ]
    progress = assess(targets, obs, MERGER_CATALOGUE, year=2026, crosswalk=CROSSWALK)
    latest = series.group_by("target_id", maintain_order=True).agg(pl.col("value").last())
    assert latest.rows() == progress.select("target_id", "latest_value").rows()


def test_target_without_points_has_no_row() -> None:
    targets, obs = _frames([_target("c", "C", 2030)], [])
    series = assessed_series(
        targets, obs, MERGER_CATALOGUE, year=2024, merger=False, crosswalk=CROSSWALK
    )
    assert series.height == 0
    assert "reexpressed" in series.columns


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_series_match_the_reference_points(
    case: tuple[list[dict[str, Any]], list[dict[str, Any]], int],
) -> None:
    targets, observations, year = case
    frame_t, frame_o = _frames(targets, observations)
    series = assessed_series(
        frame_t, frame_o, CATALOGUE, year=year, merger=False, crosswalk=CROSSWALK
    )
    for row in targets:
        points = [(o["period"], o["value"]) for o in observations if o["unit"] == row["unit"]]
        want = series_of(
            Target(
                comparator=row["comparator"],
                value=row["value"],
                year=row["year"],
                baseline_value=row["baseline_value"],
                baseline_year=row["baseline_year"],
            ),
            points,
            year,
        )
        got = series.filter(pl.col("target_id") == row["target_id"]).select("period", "value")
        assert got.rows() == want, (row, got.rows(), want)
    assert not series.get_column("reexpressed").any()
