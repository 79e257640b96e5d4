"""Hand-worked cases of every progress definition (issue 4, METHODS §1)."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from stkit.progress import PROGRESS_COLUMNS, assess
from stkit.units import load_crosswalk

CROSSWALK = load_crosswalk()
CATALOGUE = pl.DataFrame(
    {
        "code": ["I", "D", "R", "C", "W", "S"],
        "direction": ["increase", "decrease", "increase", "increase", "increase", "increase"],
        "kind": ["count", "count", "rate", "count", "amount", "share"],
        "merge_rule": ["sum", "sum", "weighted_mean", "sum", "sum", "weighted_mean"],
        "weight_indicator": [None, None, "W", None, None, "W"],
    }
)


def _targets(*rows: dict[str, Any]) -> pl.DataFrame:
    base = {"programme": "P", "unit": "u", "baseline_value": None, "baseline_year": None}
    schema = {
        "programme": pl.String,
        "target_id": pl.String,
        "unit": pl.String,
        "indicator": pl.String,
        "comparator": pl.String,
        "value": pl.Float64,
        "year": pl.Int64,
        "baseline_value": pl.Float64,
        "baseline_year": pl.Int64,
    }
    return pl.DataFrame([{**base, **row} for row in rows], schema=schema)


def _obs(indicator: str, points: dict[int, float], unit: str = "u") -> pl.DataFrame:
    return pl.DataFrame(
        {
            "unit": [unit] * len(points),
            "indicator": [indicator] * len(points),
            "period": list(points),
            "value": [float(v) for v in points.values()],
        },
        schema={"unit": pl.String, "indicator": pl.String, "period": pl.Int64, "value": pl.Float64},
    )


def _one(targets: pl.DataFrame, obs: pl.DataFrame, year: int, **kw: Any) -> dict[str, Any]:
    rows = assess(
        targets, obs, CATALOGUE, year=year, merger=False, crosswalk=CROSSWALK, **kw
    ).to_dicts()
    assert len(rows) == targets.height
    return rows[0]


RISING = _obs("I", {2020: 10, 2022: 12, 2024: 14})


def test_columns_in_public_order() -> None:
    result = assess(
        _targets(
            {"target_id": "a", "indicator": "I", "comparator": ">=", "value": 20, "year": 2030}
        ),
        RISING,
        CATALOGUE,
        year=2024,
        crosswalk=CROSSWALK,
    )
    assert tuple(result.columns[: len(PROGRESS_COLUMNS)]) == PROGRESS_COLUMNS


def test_increasing_target_every_measure() -> None:
    row = _one(
        _targets(
            {"target_id": "a", "indicator": "I", "comparator": ">=", "value": 20, "year": 2025}
        ),
        RISING,
        2024,
    )
    assert (row["baseline_year"], row["baseline_value"]) == (2020, 10.0)
    assert (row["latest_year"], row["latest_value"]) == (2024, 14.0)
    assert row["share_of_way"] == pytest.approx(0.4)  # (14-10)/(20-10)
    assert row["expected_share"] == pytest.approx(0.8)  # 4/5
    assert row["cagr_actual"] == pytest.approx(1.4**0.25 - 1)
    assert row["cagr_required"] == pytest.approx(2**0.2 - 1)
    assert row["cagr_ratio"] == pytest.approx((1.4**0.25 - 1) / (2**0.2 - 1))
    assert row["projected_value"] == pytest.approx(14 * 1.4**0.25)
    assert row["projection_method"] == "compound"
    assert row["status"] == "accelerate"
    # k = min(5, 4) = 4, s = 2020: recent 1/yr, needed 2/yr: ratio 0.5
    assert row["trend"] == "moderately_improving"
    # 14·1.0878^n >= 20 → n >= 4.24 → 5
    assert row["attainment_year"] == 2029
    # points lie on 10 + (t-2020): the weighted line gives 15 in 2025, gap (20-15)/(20-10)
    assert row["regression_value"] == pytest.approx(15.0)
    assert row["regression_gap"] == pytest.approx(0.5)
    assert row["reason"] is None


def test_decreasing_target() -> None:
    obs = _obs("D", {2020: 10, 2022: 9, 2024: 8})
    row = _one(
        _targets(
            {"target_id": "d", "indicator": "D", "comparator": "<=", "value": 5, "year": 2030}
        ),
        obs,
        2024,
    )
    assert row["share_of_way"] == pytest.approx(0.4)  # (8-10)/(5-10)
    assert row["cagr_actual"] == pytest.approx(0.8**0.25 - 1)
    assert row["cagr_required"] == pytest.approx(0.5**0.1 - 1)
    assert row["projected_value"] == pytest.approx(8 * 0.8**1.5)  # 6 more years
    # ESCAP status from the regression: the points lie on 10 - 0.5 (t - 2020), 5 in 2030
    assert row["status"] == "on_track"
    assert row["status_method"] == "regression"
    assert row["trend"] == "on_track"  # recent -0.5/yr, needed -0.5/yr
    # 8·0.8^(n/4) <= 5 → n >= 4·ln(0.625)/ln(0.8) = 8.43 → 9
    assert row["attainment_year"] == 2033
    assert row["regression_value"] == pytest.approx(5.0)
    assert row["regression_gap"] is None  # the regression meets the target


def test_moving_away_is_reverse_and_decreasing() -> None:
    obs = _obs("I", {2020: 10, 2024: 8})
    row = _one(
        _targets(
            {"target_id": "r", "indicator": "I", "comparator": ">=", "value": 20, "year": 2030}
        ),
        obs,
        2024,
    )
    assert row["status"] == "reverse"
    assert row["trend"] == "decreasing"
    assert row["attainment_year"] is None
    assert row["share_of_way"] == pytest.approx(-0.2)


@pytest.mark.parametrize(
    ("comparator", "status", "attained"),
    [
        (">=", "achieved", 2024),
        (">", "missed", 2025),
        ("<=", "achieved", 2024),
        ("<", "missed", None),
    ],
)
def test_strict_comparators_need_a_strict_pass(
    comparator: str, status: str, attained: int | None
) -> None:
    row = _one(
        _targets(
            {
                "target_id": "s",
                "indicator": "I",
                "comparator": comparator,
                "value": 14,
                "year": 2024,
            }
        ),
        RISING,
        2024,
    )
    assert row["projection_method"] == "observed"
    assert row["projected_value"] == 14.0
    assert row["status"] == row["outcome"] == status  # the target year is the report year
    assert row["status_method"] == "outcome"
    assert row["attainment_year"] == attained


def test_equal_passes_within_the_stated_tolerance() -> None:
    target = _targets(
        {"target_id": "e", "indicator": "I", "comparator": "=", "value": 14.1, "year": 2024}
    )
    assert _one(target, RISING, 2024)["status"] == "achieved"  # |14-14.1| <= 1 % of 14.1
    tight = _one(target, RISING, 2024, equal_tolerance=0.001)
    assert tight["status"] == "missed"  # outside ±0.0141 in the target year
    assert "met within ±0.0141" in tight["reason"]


def test_milestones_are_assessed_with_their_own_year() -> None:
    targets = _targets(
        {"target_id": "m", "indicator": "I", "comparator": ">=", "value": 11, "year": 2022},
        {"target_id": "m", "indicator": "I", "comparator": ">=", "value": 30, "year": 2030},
    )
    rows = assess(
        targets, RISING, CATALOGUE, year=2024, merger=False, crosswalk=CROSSWALK
    ).to_dicts()
    milestone, final = rows
    assert (milestone["milestone"], final["milestone"]) == (True, False)
    assert milestone["latest_year"] == 2022  # judged on data up to its own year
    assert milestone["projection_method"] == "observed"
    assert milestone["status"] == milestone["outcome"] == "achieved"  # 12 >= 11 in 2022
    assert final["latest_year"] == 2024
    assert final["status"] == "accelerate"


def test_missing_years_and_a_stated_baseline_year_without_data() -> None:
    obs = _obs("I", {2018: 10, 2019: 11, 2023: 15})
    target = _targets(
        {
            "target_id": "g",
            "indicator": "I",
            "comparator": ">=",
            "value": 25,
            "year": 2030,
            "baseline_year": 2017,
        }
    )
    row = _one(target, obs, 2023)
    assert row["baseline_year"] == 2018
    assert "no observation in the stated baseline year 2017" in row["reason"]
    # k = min(5, 5) = 5 → s = 2018: recent (15-10)/5 = 1; needed (25-10)/12 = 1.25: 0.8
    assert row["trend"] == "moderately_improving"
    # with a 3-year window, s is the latest point at or before 2020 → 2019
    narrow = _one(target, obs, 2023, trend_window=3)  # recent (15-11)/4 = 1 → same ratio
    assert narrow["trend"] == "moderately_improving"
    assert narrow["expected_share"] == pytest.approx(5 / 12)


def test_stated_baseline_value_replaces_the_observation() -> None:
    target = _targets(
        {
            "target_id": "b",
            "indicator": "I",
            "comparator": ">=",
            "value": 20,
            "year": 2030,
            "baseline_year": 2020,
            "baseline_value": 8,
        }
    )
    row = _one(target, RISING, 2024)
    assert row["baseline_value"] == 8.0
    assert row["share_of_way"] == pytest.approx(6 / 12)


def test_non_positive_values_have_no_cagr_and_a_linear_projection() -> None:
    obs = _obs("I", {2020: 0, 2022: 5, 2024: 10})
    row = _one(
        _targets(
            {"target_id": "z", "indicator": "I", "comparator": ">=", "value": 20, "year": 2030}
        ),
        obs,
        2024,
    )
    assert row["cagr_actual"] is None
    assert row["cagr_required"] is None
    assert row["cagr_ratio"] is None
    assert row["projection_method"] == "linear"
    assert row["projected_value"] == pytest.approx(10 + 2.5 * 6)
    assert row["status"] == "on_track"
    assert row["attainment_year"] == 2028  # 10 + 2.5·4 = 20
    assert "actual CAGR undefined" in row["reason"]
    assert "required CAGR undefined" in row["reason"]


def test_a_rate_gets_no_cagr_of_its_own() -> None:
    obs = _obs("R", {2020: 10, 2024: 14})
    row = _one(
        _targets(
            {"target_id": "t", "indicator": "R", "comparator": ">=", "value": 20, "year": 2030}
        ),
        obs,
        2024,
    )
    assert row["cagr_actual"] is None
    assert row["cagr_required"] is None
    assert row["projection_method"] == "linear"
    assert row["projected_value"] == pytest.approx(20.0)
    assert row["status"] == "on_track"
    assert "itself a rate or a share of growth" in row["reason"]
    averaged = _one(
        _targets(
            {"target_id": "t", "indicator": "R", "comparator": ">=", "value": 20, "year": 2030}
        ),
        _obs("R", {2020: 10, 2023: 15, 2024: 13}),
        2024,
        rate_average_years=2,
    )
    assert "2-year average" in averaged["reason"]
    assert averaged["projected_value"] == pytest.approx(14 + 0.75 * 6)  # mean(15, 13) + slope·6


def test_required_growth_zero_has_no_ratio() -> None:
    row = _one(
        _targets(
            {"target_id": "q", "indicator": "I", "comparator": ">=", "value": 10, "year": 2030}
        ),
        RISING,
        2024,
    )
    assert row["cagr_required"] == 0.0
    assert row["cagr_ratio"] is None
    assert row["share_of_way"] is None
    assert "required CAGR is zero" in row["reason"]
    assert row["status"] == "on_track"
    assert row["attainment_year"] == 2024


def test_insufficient_data() -> None:
    one = _one(
        _targets(
            {"target_id": "i", "indicator": "I", "comparator": ">=", "value": 20, "year": 2030}
        ),
        _obs("I", {2024: 14}),
        2024,
    )
    assert one["status"] == "insufficient_data"
    assert one["trend"] is None
    assert "only one observation" in one["reason"]
    none = _one(
        _targets(
            {"target_id": "n", "indicator": "C", "comparator": ">=", "value": 20, "year": 2030}
        ),
        RISING,
        2024,
    )
    assert none["status"] == "insufficient_data"
    assert none["latest_year"] is None
    assert "no observation" in none["reason"]


def test_best_performer_target_is_the_mean_of_the_top_k() -> None:
    obs = pl.concat(
        [_obs("I", {2023: v, 2024: v + 1}, unit=f"p{v}") for v in (1, 5, 9, 13)]
        + [_obs("I", {2020: 2, 2024: 4})]
    )
    target = _targets(
        {"target_id": "b", "indicator": "I", "comparator": ">=", "value": None, "year": 2030}
    )
    row = _one(target, obs, 2024, best_k=3)
    assert row["target_value"] == pytest.approx((14 + 10 + 6) / 3)
    assert "mean of the best 3 units" in row["reason"]
    decreasing = _one(
        target.with_columns(pl.lit("D").alias("indicator")),
        obs.with_columns(pl.lit("D").alias("indicator")),
        2024,
        best_k=2,
    )
    assert decreasing["target_value"] == pytest.approx((2 + 4) / 2)  # lower is better


def test_illustrative_values_are_flagged() -> None:
    obs = RISING.with_columns(pl.Series("illustrative", [False, True, False]))
    row = _one(
        _targets(
            {"target_id": "f", "indicator": "I", "comparator": ">=", "value": 20, "year": 2030}
        ),
        obs,
        2024,
    )
    assert row["illustrative"] is True
    clean = _one(
        _targets(
            {"target_id": "f", "indicator": "I", "comparator": ">=", "value": 20, "year": 2030}
        ),
        RISING,
        2024,
    )
    assert clean["illustrative"] is False


def test_unit_changed_in_the_merger_is_assessed_on_re_expressed_series() -> None:
    crosswalk = pl.DataFrame(
        {
            "old_code": ["31", "30", "92"],
            "old_slug": ["hai-phong", "hai-duong", "can-tho"],
            "new_code": ["31", "31", "92"],
            "new_slug": ["hai-phong", "hai-phong", "can-tho"],
        }
    )
    obs = pl.concat(
        [
            _obs("C", {2020: 10, 2024: 14}, unit="hai-phong"),
            _obs("C", {2020: 5, 2024: 6}, unit="hai-duong"),
            _obs("S", {2020: 40, 2024: 50}, unit="hai-phong"),
            _obs("S", {2020: 20, 2024: 30}, unit="hai-duong"),
            _obs("W", {2020: 300, 2024: 300}, unit="hai-phong"),
            _obs("R", {2020: 10, 2024: 12}, unit="hai-phong"),
        ]
    )
    targets = _targets(
        {
            "target_id": "c",
            "unit": "hai-phong",
            "indicator": "C",
            "comparator": ">=",
            "value": 30,
            "year": 2030,
        },
        {
            "target_id": "c-old",
            "unit": "hai-phong",
            "indicator": "C",
            "comparator": ">=",
            "value": 30,
            "year": 2025,
        },
        {
            "target_id": "s",
            "unit": "hai-phong",
            "indicator": "S",
            "comparator": ">=",
            "value": 60,
            "year": 2030,
        },
    )
    rows = assess(targets, obs, CATALOGUE, year=2024, crosswalk=crosswalk).to_dicts()
    merged, old, no_weight = rows
    assert (merged["baseline_value"], merged["latest_value"]) == (15.0, 20.0)  # sums
    assert "unit formed on 1 July 2025" in merged["reason"]
    assert (old["baseline_value"], old["latest_value"]) == (10.0, 14.0)  # old Hải Phòng
    assert old["reason"] is None
    # S is a weighted mean by W, and Hải Dương has no W: not comparable, said so
    assert no_weight["status"] == "insufficient_data"
    assert "cannot be re-expressed onto the merged unit" in no_weight["reason"]


def test_inputs_are_not_mutated() -> None:
    targets = _targets(
        {"target_id": "a", "indicator": "I", "comparator": ">=", "value": 20, "year": 2030}
    )
    before = (targets.clone(), RISING.clone())
    assess(targets, RISING, CATALOGUE, year=2024, crosswalk=CROSSWALK)
    assert targets.equals(before[0])
    assert RISING.equals(before[1])


def test_reason_starts_with_its_first_note() -> None:
    one_point = _obs("I", {2020: 10})
    row = _one(
        _targets(
            {"target_id": "a", "indicator": "I", "comparator": "=", "value": 20, "year": 2030}
        ),
        one_point,
        2024,
    )
    assert row["reason"] == (
        "only one observation: at least two are needed for a projection; "
        "'=' is met within ±0.2 of the target value"
    )
