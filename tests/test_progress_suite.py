"""Thirty-four series against values worked by hand from METHODS §1 (docs/progress.md).

Most series lie on a straight line, so the time-weighted regression of ESCAP returns that
line whatever its weights and x̂_T can be read off by hand. All series are assessed in one
call, as the engine is meant to be used.
"""

from __future__ import annotations

import math
from typing import Any

import polars as pl
import pytest

from stkit.progress import assess
from stkit.units import load_crosswalk

CROSSWALK = load_crosswalk()
CATALOGUE = pl.DataFrame(
    {
        "code": ["I", "S", "X", "R", "B", "SB"],
        "direction": ["increase"] * 6,
        "kind": ["count", "share", "index", "rate", "count", "share"],
    }
)

LINE = {2020: 10.0, 2022: 12.0, 2024: 14.0}  # 10 + (t - 2020)
FALLING = {2020: 10.0, 2022: 9.0, 2024: 8.0}  # 10 - 0.5 (t - 2020)

# case: (indicator, comparator, target value or None, target year, points, report year, expected)
CASES: dict[str, tuple[str, str, float | None, int, dict[int, float], int, dict[str, Any]]] = {
    # increase: x̂_2030 = 20; share (14-10)/(V-10); needed (V-10)/10 a year, recent 1 a year
    "increase on track": (
        "I",
        ">=",
        20,
        2030,
        LINE,
        2024,
        {
            "status": "on_track",
            "trend": "on_track",
            "share_of_way": 0.4,
            "regression_value": 20.0,
            "regression_gap": None,
            "outcome": None,
            "status_method": "regression",
            "cagr_ratio": (1.4**0.25 - 1) / (2**0.1 - 1),
        },
    ),
    "increase half the pace": (
        "I",
        ">=",
        30,
        2030,
        LINE,
        2024,
        {
            "status": "accelerate",
            "trend": "moderately_improving",
            "share_of_way": 0.2,
            "regression_gap": 0.5,
        },
    ),  # (30-20)/(30-10); ratio 1/2
    "increase a quarter of the pace": (
        "I",
        ">=",
        50,
        2030,
        LINE,
        2024,
        {"status": "accelerate", "trend": "stagnating", "regression_gap": 0.75},
    ),
    "increase moving away": (
        "I",
        ">=",
        20,
        2030,
        {2020: 10.0, 2024: 8.0},
        2024,
        {
            "status": "reverse",
            "trend": "decreasing",
            "share_of_way": -0.2,
            "regression_value": 5.0,
            "regression_gap": 1.5,
        },
    ),  # (20-5)/(20-10)
    # decrease: x̂_2030 = 5
    "decrease on track": (
        "I",
        "<=",
        5,
        2030,
        FALLING,
        2024,
        {"status": "on_track", "trend": "on_track", "share_of_way": 0.4},
    ),
    "decrease short": (
        "I",
        "<=",
        2,
        2030,
        FALLING,
        2024,
        {
            "status": "accelerate",
            "trend": "moderately_improving",  # 0.5 / 0.8
            "share_of_way": 0.25,
            "regression_gap": 0.375,
        },
    ),  # (5-2)/(10-2)
    "decrease moving away": (
        "I",
        "<=",
        5,
        2030,
        {2020: 10.0, 2024: 12.0},
        2024,
        {
            "status": "reverse",
            "trend": "decreasing",
            "share_of_way": -0.4,
            "regression_value": 15.0,
        },
    ),
    # strict comparators at the edge: x̂ = V exactly is not a pass
    "strict above at the edge": (
        "I",
        ">",
        20,
        2030,
        LINE,
        2024,
        {"status": "accelerate", "trend": "on_track"},
    ),
    "strict below at the edge": ("I", "<", 5, 2030, FALLING, 2024, {"status": "accelerate"}),
    "at least, target year now": (
        "I",
        ">=",
        14,
        2024,
        LINE,
        2024,
        {"status": "achieved", "outcome": "achieved", "status_method": "outcome"},
    ),
    "strict, target year now": (
        "I",
        ">",
        14,
        2024,
        LINE,
        2024,
        {"status": "missed", "outcome": "missed"},
    ),
    # `=`: band ±1 % of V; towards means closer to V than the baseline was
    "equal on track": (
        "I",
        "=",
        20,
        2030,
        LINE,
        2024,
        {"status": "on_track", "trend": "on_track", "share_of_way": 0.4},
    ),
    "equal overshot and moving away": (
        "I",
        "=",
        20,
        2030,
        {2020: 10.0, 2022: 30.0, 2024: 40.0},
        2024,
        {
            # weights 1, 3, 5 at u = 0, 2, 4: slope 255/38, intercept 265/19 → x̂ = 1540/19
            "regression_value": 1540 / 19,
            "status": "reverse",
            "trend": "decreasing",  # (|10-20| - |40-20|)/4 = -2.5 a year, needed +1
            "share_of_way": -1.0,  # (|10-20| - |40-20|) / |10-20|
            "regression_gap": (1540 / 19 - 20) / 10,
        },
    ),
    "equal from above": (
        "I",
        "=",
        20,
        2030,
        {2020: 40.0, 2022: 35.0, 2024: 30.0},
        2024,
        {
            "regression_value": 15.0,
            "status": "accelerate",  # |15-20| < |40-20|
            "trend": "on_track",  # (20 - 10)/4 = 2.5 a year over 20/10 = 2 needed
            "share_of_way": 0.5,
            "regression_gap": 0.25,
        },
    ),
    # shares near 100: projections held within 0-100
    "share reaching its bound": (
        "S",
        ">=",
        100,
        2030,
        {2020: 66.0, 2024: 99.0},
        2024,
        {
            "regression_value": 100.0,
            "projected_value": 100.0,
            "status": "on_track",
            "projection_method": "compound",
        },
    ),  # 99·1.5^1.5 = 181.9 and 148.5 held at 100
    "share already met": (
        "S",
        ">=",
        98,
        2030,
        {2020: 96.0, 2022: 97.0, 2024: 98.0},
        2024,
        {
            "regression_value": 100.0,
            "status": "on_track",
            "trend": "on_track",
            "projected_value": 100.0,
            "attainment_year": 2024,
        },
    ),
    "share falling from 100": (
        "S",
        ">=",
        95,
        2030,
        {2020: 100.0, 2024: 96.0},
        2024,
        {
            "regression_value": 90.0,
            "status": "reverse",
            "trend": "decreasing",
            "share_of_way": -0.8,
        },
    ),  # (96 - 100) / |95 - 100|
    # baseline already meeting the target (issue item 1)
    "floor met then breached": (
        "I",
        ">=",
        100,
        2030,
        {2020: 120.0, 2024: 90.0},
        2024,
        {
            "regression_value": 45.0,
            "status": "reverse",
            "trend": "decreasing",
            "share_of_way": -1.5,
            "regression_gap": 2.75,  # (100-45)/|100-120|
            "cagr_ratio": -(1 - 0.75**0.25) / (1 - (100 / 120) ** 0.1),
        },
    ),
    "ceiling breached": (
        "I",
        "<=",
        7,
        2030,
        {2020: 5.0, 2024: 9.0},
        2024,
        {
            "regression_value": 15.0,
            "status": "reverse",
            "trend": "decreasing",
            "share_of_way": -2.0,
        },
    ),
    "floor met and rising": (
        "I",
        ">=",
        100,
        2030,
        {2020: 120.0, 2024: 130.0},
        2024,
        {
            "regression_value": 145.0,
            "status": "on_track",
            "trend": "on_track",
            "share_of_way": 0.5,
            "cagr_ratio": ((130 / 120) ** 0.25 - 1) / (1 - (100 / 120) ** 0.1),
        },
    ),
    # zero and negative values
    "from zero": (
        "I",
        ">=",
        10,
        2030,
        {2020: 0.0, 2022: 2.0, 2024: 4.0},
        2024,
        {
            "cagr_actual": None,
            "projection_method": "linear",
            "projected_value": 10.0,
            "status": "on_track",
            "share_of_way": 0.4,
            # Open SDG: base 0 → 0.001
            "opensdg_score": 5.0,
            "opensdg_status": "substantial_progress",
        },
    ),
    "elimination": (
        "I",
        "<=",
        0,
        2030,
        {2020: 8.0, 2022: 6.0, 2024: 4.0},
        2024,
        {
            "regression_value": 0.0,
            "status": "on_track",
            "projection_method": "linear",
            "projected_value": 0.0,
            "attainment_year": 2028,
            "share_of_way": 0.5,
            "opensdg_score": 4.1667 * (0.5**0.25 - 1) / ((0.001 / 8) ** 0.1 - 1) - 2.5,
            "opensdg_status": "limited_progress",
        },
    ),
    "negative values": (
        "X",
        ">=",
        0,
        2030,
        {2020: -10.0, 2022: -8.0, 2024: -6.0},
        2024,
        {
            "regression_value": 0.0,
            "status": "on_track",
            "projection_method": "linear",
            "projected_value": 0.0,
            "share_of_way": 0.4,
            "cagr_actual": None,
            "opensdg_score": None,
            "opensdg_status": None,
        },
    ),  # 0.001 / -10 < 0: no required CAGR
    # one point
    "one point": (
        "I",
        ">=",
        20,
        2030,
        {2024: 14.0},
        2024,
        {
            "status": "insufficient_data",
            "trend": None,
            "projected_value": None,
            "regression_value": None,
            "status_method": None,
            "opensdg_score": None,
        },
    ),
    "one point in a past target year": (
        "I",
        ">=",
        15,
        2020,
        {2020: 16.0},
        2024,
        {"status": "achieved", "outcome": "achieved", "status_method": "outcome"},
    ),
    # gaps
    "gap of eight years": (
        "I",
        ">=",
        20,
        2030,
        {2016: 10.0, 2024: 14.0},
        2024,
        {
            "regression_value": 17.0,
            "status": "accelerate",
            "trend": "moderately_improving",  # 0.5 a year over 10/14 needed: 0.7
            "share_of_way": 0.4,
            "regression_gap": 0.3,
        },
    ),
    "gaps and the five-year window": (
        "I",
        ">=",
        30,
        2030,
        {2014: 4.0, 2018: 8.0, 2020: 10.0, 2024: 14.0},
        2024,
        {
            "regression_value": 20.0,
            "status": "accelerate",
            "trend": "moderately_improving",  # from 2018 (≤ 2019): 1 a year over 26/16
            "share_of_way": 10 / 26,
        },
    ),
    # target years passed
    "milestone missed": (
        "I",
        ">=",
        15,
        2020,
        {2016: 10.0, 2018: 12.0, 2020: 13.0},
        2024,
        {
            "status": "missed",
            "outcome": "missed",
            "latest_year": 2020,
            "projection_method": "observed",
        },
    ),
    "judged on the latest before the target year": (
        "I",
        ">=",
        10,
        2020,
        {2016: 8.0, 2018: 12.0},
        2024,
        {"status": "achieved", "latest_year": 2018},
    ),
    "equal missed": (
        "I",
        "=",
        20,
        2022,
        {2020: 10.0, 2022: 30.0},
        2024,
        {"status": "missed", "outcome": "missed"},
    ),
    "decrease achieved": ("I", "<=", 5, 2022, {2020: 6.0, 2022: 5.0}, 2024, {"status": "achieved"}),
    # no target value: the best performers' mean, Open SDG's growth variant
    "no target value": (
        "B",
        ">=",
        None,
        2030,
        {2020: 10.0, 2024: 14.0},
        2024,
        {
            "target_value": 22.0,  # mean of 14 and the other unit's 30
            "regression_value": 20.0,
            "status": "accelerate",
            "share_of_way": 4 / 12,
            "opensdg_score": 5.0,  # growth 1.4^0.25 - 1 = 8.8 % ≥ 1.5 %: 500·g - 5 capped
            "opensdg_status": "substantial_progress",
        },
    ),
    "no target value, share": (
        "SB",
        ">=",
        None,
        2030,
        {2020: 92.0, 2024: 93.5},
        2024,
        {
            "target_value": 93.5,
            "status": "on_track",  # x̂ = 95.75
            # growth g = (93.5/92)^(1/4) - 1 between 0.5 %·C and 1.5 %·C, C = 1 - 0.92^4.44
            "opensdg_score": 250 * ((93.5 / 92) ** 0.25 - 1) / (1 - 0.92**4.44) - 1.25,
            "opensdg_status": "moderate_progress",
        },
    ),
    # a rate: no CAGR of its own, projected on a straight line
    "rate": (
        "R",
        ">=",
        20,
        2030,
        LINE,
        2024,
        {
            "cagr_actual": None,
            "projection_method": "linear",
            "projected_value": 20.0,
            "status": "on_track",
            "opensdg_score": None,
        },
    ),
}


def _frames() -> tuple[pl.DataFrame, pl.DataFrame, list[int]]:
    targets, observations, years = [], [], []
    for i, (code, comparator, value, year, points, report, _) in enumerate(CASES.values()):
        unit = f"u{i:02d}"
        targets.append(
            {
                "programme": "P",
                "target_id": f"t{i:02d}",
                "unit": unit,
                "indicator": code,
                "comparator": comparator,
                "value": value,
                "year": year,
                "baseline_value": None,
                "baseline_year": None,
            }
        )
        observations += [
            {"unit": unit, "indicator": code, "period": t, "value": x} for t, x in points.items()
        ]
        years.append(report)
    observations += [
        {"unit": "other", "indicator": "B", "period": 2020, "value": 20.0},
        {"unit": "other", "indicator": "B", "period": 2024, "value": 30.0},
    ]
    schema = {"value": pl.Float64, "baseline_value": pl.Float64, "baseline_year": pl.Int64}
    return pl.DataFrame(targets, schema_overrides=schema), pl.DataFrame(observations), years


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    targets, observations, years = _frames()
    assert set(years) == {2024}  # one report year: one call for every series
    rows = assess(
        targets, observations, CATALOGUE, year=2024, merger=False, crosswalk=CROSSWALK
    ).to_dicts()
    return dict(zip(CASES, rows, strict=True))


def test_at_least_thirty_series() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", list(CASES))
def test_case(case: str, results: dict[str, dict[str, Any]]) -> None:
    row = results[case]
    for column, want in CASES[case][-1].items():
        got = row[column]
        if isinstance(want, float) and got is not None:
            assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9), (column, got, want)
        else:
            assert got == want, (column, got, want)
