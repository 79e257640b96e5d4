"""Open SDG's progress measure: the 16 series sdg-build itself scored, and hand-worked cases.

tests/data/opensdg/ holds the series with their sdg-build configuration (`cases.json`) and
what sdg-build returned (`opensdg_results.csv`); see its README.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from stkit.progress import OpenSdgSettings, Settings, assess
from stkit.units import load_crosswalk

CROSSWALK = load_crosswalk()
DATA = Path(__file__).parent / "data" / "opensdg"
CATALOGUE = pl.DataFrame(
    {"code": ["I", "S"], "direction": ["increase", "increase"], "kind": ["count", "share"]}
)
REPORT_YEAR = 2024


def _inputs() -> tuple[pl.DataFrame, pl.DataFrame]:
    """One target per case: `limit` cases are shares without a target value."""
    targets, observations = [], []
    for case in json.loads((DATA / "cases.json").read_text(encoding="utf-8")):
        config = case["config"]
        code = "S" if "limit" in config else "I"
        targets.append(
            {
                "programme": "OSDG",
                "target_id": case["case"],
                "unit": case["case"],
                "indicator": code,
                "comparator": ">=" if config["direction"] == "positive" else "<=",
                "value": config.get("target"),
                "year": config["target_year"],
                "baseline_value": None,
                "baseline_year": config["base_year"],
            }
        )
        observations += [
            {"unit": case["case"], "indicator": code, "period": int(year), "value": value}
            for year, value in case["series"].items()
        ]
    schema = {"value": pl.Float64, "baseline_value": pl.Float64, "baseline_year": pl.Int64}
    return pl.DataFrame(targets, schema_overrides=schema), pl.DataFrame(observations)


def _assessed(**opensdg: Any) -> dict[str, dict[str, Any]]:
    targets, observations = _inputs()
    settings = Settings(opensdg=OpenSdgSettings(**opensdg))
    rows = assess(
        targets,
        observations,
        CATALOGUE,
        year=REPORT_YEAR,
        merger=False,
        crosswalk=CROSSWALK,
        settings=settings,
    )
    return {row["target_id"]: row for row in rows.to_dicts()}


EXPECTED = {row["case"]: row for row in pl.read_csv(DATA / "opensdg_results.csv").to_dicts()}


@pytest.fixture(scope="module")
def assessed() -> dict[str, dict[str, Any]]:
    return _assessed()


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_same_score_and_status_as_sdg_build(case: str, assessed: dict[str, dict[str, Any]]) -> None:
    row, want = assessed[case], EXPECTED[case]
    assert math.isclose(row["opensdg_score"], want["osdg_score"], rel_tol=1e-12, abs_tol=1e-12)
    assert row["opensdg_status"] == want["osdg_status"]
    assert row["baseline_year"] == want["osdg_base_year"]
    assert row["latest_year"] == want["osdg_current_year"]
    assert row["latest_value"] == want["osdg_current_value"]


def test_zero_base_is_not_computable_without_the_substitute() -> None:
    rows = _assessed(zero_substitute=None)
    assert rows["D07"]["opensdg_score"] is None  # base 0 in 2015
    assert rows["D07"]["opensdg_status"] is None
    assert rows["D01"]["opensdg_status"] == "substantial_progress"  # others unchanged


def test_met_targets_scored_on_their_pace_when_the_quirk_is_off() -> None:
    rows = _assessed(achieved_when_met=False)
    # D06: 70 → 91 by 2024 towards 80 by 2030: R = 3.99 ≥ 0.6, score capped at 5
    assert rows["D06"]["opensdg_status"] == "substantial_progress"
    assert rows["D06"]["opensdg_score"] == 5.0
    # D14: 15 → 9.5 towards ≤ 10: R = 1.94, score 5, no longer "target_achieved"
    assert rows["D14"]["opensdg_status"] == "substantial_progress"


def _one(
    comparator: str, value: float | None, points: dict[int, float], kind: str
) -> dict[str, Any]:
    code = {"count": "I", "share": "S"}[kind]
    targets = pl.DataFrame(
        [
            {
                "programme": "P",
                "target_id": "t",
                "unit": "u",
                "indicator": code,
                "comparator": comparator,
                "value": value,
                "year": 2025,
                "baseline_value": None,
                "baseline_year": None,
            }
        ],
        schema_overrides={
            "value": pl.Float64,
            "baseline_value": pl.Float64,
            "baseline_year": pl.Int64,
        },
    )
    observations = pl.DataFrame(
        {"unit": "u", "indicator": code, "period": list(points), "value": list(points.values())}
    )
    return assess(
        targets, observations, CATALOGUE, year=2017, merger=False, crosswalk=CROSSWALK
    ).to_dicts()[0]


def test_hand_worked_target_ratio() -> None:
    # METHODS §1.2: R = d · CAGR_obs / |CAGR_req| = 0.01 / (2^(1/10) - 1) = 0.1393
    row = _one(">=", 200, {2015: 100.0, 2017: 102.01}, "count")
    ratio = 0.01 / (2**0.1 - 1)
    assert row["opensdg_score"] == pytest.approx(4.1667 * ratio - 2.5)  # R < 0.6
    assert row["opensdg_status"] == "limited_progress"  # -2.5 ≤ score < 0


def test_hand_worked_fast_pace_is_capped_at_five() -> None:
    row = _one(">=", 200, {2015: 100.0, 2017: 121.0}, "count")  # R = 0.1/0.0718 = 1.39
    assert row["opensdg_score"] == 5.0
    assert row["opensdg_status"] == "substantial_progress"


def test_hand_worked_moving_away_on_a_ceiling() -> None:
    # ≤ 50 from 100: CAGR_req = 0.5^(1/10) - 1 < 0; rising 1 %/yr: R = -0.01/0.067 = -0.149
    row = _one("<=", 50, {2015: 100.0, 2017: 102.01}, "count")
    ratio = -0.01 / (1 - 0.5**0.1)
    assert row["opensdg_score"] == pytest.approx(4.1667 * ratio - 2.5)  # -3.12
    assert row["opensdg_status"] == "deterioration"  # score < -2.5


def test_hand_worked_growth_near_a_limit() -> None:
    # no value; share 50 → 51.005: growth 1 %/yr; C = 1 - 0.5^4.44; cut-offs 1.5 %·C, 0.5 %·C
    row = _one(">=", None, {2015: 50.0, 2017: 51.005}, "share")
    c = 1 - 0.5**4.44
    assert 0.005 * c <= 0.01 < 0.015 * c
    assert row["opensdg_score"] == pytest.approx(250 * 0.01 / c - 1.25)
    assert row["opensdg_status"] == "moderate_progress"


def test_one_point_is_not_computable_unless_already_met() -> None:
    assert _one(">=", 200, {2017: 100.0}, "count")["opensdg_status"] is None
    met = _one(">=", 200, {2017: 250.0}, "count")
    assert (met["opensdg_score"], met["opensdg_status"]) == (5.0, "target_achieved")
