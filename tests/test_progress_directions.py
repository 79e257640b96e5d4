"""The reproductions of issue 10, each worked by hand from METHODS §1.

Every measure reads "towards the target" as positive and "away" as negative, whatever the
comparator; status is ESCAP's class from the time-weighted regression at T; a target whose
year has come takes its outcome; projections stay within the bounds of their kind.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stkit.errors import StkitError
from stkit.progress import Settings, assess, assessed_series
from stkit.units import load_crosswalk

CROSSWALK = load_crosswalk()
CATALOGUE = pl.DataFrame(
    {
        "code": ["I", "S", "X"],
        "direction": ["increase", "increase", "increase"],
        "kind": ["count", "share", "index"],
    }
)
_SCHEMA = {"value": pl.Float64, "baseline_value": pl.Float64, "baseline_year": pl.Int64}


def _target(comparator: str, value: float | None, year: int, **extra: Any) -> pl.DataFrame:
    row = {
        "programme": "P",
        "target_id": "t",
        "unit": "u",
        "indicator": "I",
        "comparator": comparator,
        "value": value,
        "year": year,
        "baseline_value": None,
        "baseline_year": None,
    }
    return pl.DataFrame([{**row, **extra}], schema_overrides=_SCHEMA)


def _obs(points: dict[int, float], indicator: str = "I", unit: str = "u") -> pl.DataFrame:
    return pl.DataFrame(
        {
            "unit": [unit] * len(points),
            "indicator": [indicator] * len(points),
            "period": list(points),
            "value": [float(x) for x in points.values()],
        }
    )


def _one(target: pl.DataFrame, points: dict[int, float], year: int = 2024) -> dict[str, Any]:
    indicator = target.get_column("indicator")[0]
    return assess(
        target, _obs(points, indicator), CATALOGUE, year=year, merger=False, crosswalk=CROSSWALK
    ).to_dicts()[0]


def test_item1_floor_already_met_then_left_is_not_on_track() -> None:
    row = _one(_target(">=", 100, 2030), {2020: 120, 2024: 90})
    # recent change towards the target: +1 · (90 - 120)/4 = -7.5 a year → decreasing
    assert row["trend"] == "decreasing"
    assert row["status"] == "reverse"  # x̂_2030 = 120 - 7.5·10 = 45, away from 100
    assert "already meets the target" in row["reason"]


def test_item1_ceiling_breached_is_not_on_track() -> None:
    row = _one(_target("<=", 7, 2030), {2020: 5, 2024: 9})
    assert row["trend"] == "decreasing"  # towards: -1 · (9 - 5)/4 = -1 a year
    assert row["status"] == "reverse"  # x̂_2030 = 15


def test_item2_every_measure_signed_towards_the_target() -> None:
    away = _one(_target(">=", 100, 2030), {2020: 120, 2024: 90})
    assert away["share_of_way"] == pytest.approx(-1.5)  # (90 - 120) / |100 - 120|
    assert away["cagr_ratio"] < 0
    improving = _one(_target(">=", 100, 2030), {2020: 120, 2024: 130})
    assert improving["share_of_way"] == pytest.approx(0.5)
    # a = (130/120)^(1/4) - 1 > 0, r = (100/120)^(1/10) - 1 < 0: a / |r| > 0
    assert improving["cagr_ratio"] == pytest.approx(
        ((130 / 120) ** 0.25 - 1) / (1 - (100 / 120) ** 0.1)
    )
    falling = _one(_target("<=", 5, 2030), {2020: 10, 2024: 8})
    assert falling["share_of_way"] == pytest.approx(0.4)  # -1 · (8 - 10) / |5 - 10|
    assert falling["cagr_ratio"] == pytest.approx((1 - 0.8**0.25) / (1 - 0.5**0.1))


def test_item3_status_is_escaps_class_from_the_regression() -> None:
    row = _one(_target(">=", 40, 2030), {2020: 10, 2021: 10, 2022: 10, 2023: 10, 2024: 20})
    # compound: 20 · 2^(6/4) = 56.6 would meet 40; the regression does not:
    # weights 1..5 at u = 0..4: Σw 15, Σwu 40, Σwx 200, Σwuu 130, Σwux 600
    # slope (15·600 - 40·200)/(15·130 - 40²) = 20/7, intercept (200 - 800/7)/15 = 40/7
    assert row["projected_value"] == pytest.approx(20 * 2**1.5)
    assert row["projection_method"] == "compound"
    assert row["regression_value"] == pytest.approx(240 / 7)
    assert row["status"] == "accelerate"
    assert row["status_method"] == "regression"
    assert row["regression_gap"] == pytest.approx((40 - 240 / 7) / 30)


def test_item4_elimination_target_can_be_on_track() -> None:
    row = _one(_target("<=", 0, 2030), {2020: 8, 2022: 6, 2024: 4})
    assert row["status"] == "on_track"  # x̂_2030 = 10 - 12 = -2, held at 0
    assert row["regression_value"] == 0.0
    assert row["projection_method"] == "linear"  # a compound path never reaches 0
    assert row["projected_value"] == 0.0
    assert row["attainment_year"] == 2028  # 4 - 1·n ≤ 0 → n = 4


def test_item5_share_and_count_projected_within_their_bounds() -> None:
    share = _target(">=", 100, 2030, indicator="S")
    row = _one(share, {2020: 66, 2024: 99})
    assert row["projected_value"] == 100.0  # 99 · 1.5^1.5 = 181.9 → 100
    assert row["regression_value"] == 100.0  # 66 + 8.25·10 = 148.5 → 100
    assert "held within the bounds" in row["reason"]
    count = _one(_target("<=", 3, 2030), {2020: 15, 2024: 7})
    assert count["regression_value"] == 0.0  # 15 - 2·10 = -5 → 0


def test_item7_past_target_years_take_their_outcome() -> None:
    missed = _one(_target(">=", 15, 2020), {2016: 10, 2018: 12, 2020: 13})
    assert (missed["status"], missed["outcome"]) == ("missed", "missed")
    known = _one(_target(">=", 15, 2020), {2020: 16})  # one point, in the target year
    assert (known["status"], known["outcome"]) == ("achieved", "achieved")
    before = _one(_target(">=", 10, 2020), {2016: 8, 2018: 12})
    assert before["outcome"] == "achieved"
    assert "no observation in the target year; latest is 2018" in before["reason"]
    ahead = _one(_target(">=", 15, 2030), {2016: 10, 2018: 12})
    assert ahead["outcome"] is None


def test_item8_equal_target_overshot_is_reverse_and_decreasing() -> None:
    row = _one(_target("=", 20, 2030), {2020: 10, 2022: 30, 2024: 40})
    assert row["status"] == "reverse"  # x̂_2030 = 1540/19 = 81.1, further than 10 was
    assert row["trend"] == "decreasing"  # (|10 - 20| - |40 - 20|)/4 = -2.5 a year
    assert row["share_of_way"] == pytest.approx(-1.0)


@pytest.mark.parametrize("order", [[0, 1, 2], [2, 1, 0], [1, 0, 2]])
def test_item9_repeated_years_are_refused_whatever_the_order(order: list[int]) -> None:
    rows = pl.DataFrame(
        {"unit": "u", "indicator": "I", "period": [2020, 2022, 2022], "value": [10.0, 12.0, 30.0]}
    )[order]
    for target in (_target(">=", 20, 2030), _target(">=", 20, 2030, baseline_year=2020)):
        with pytest.raises(StkitError, match=r"'u', indicator 'I'.*2022") as error:
            assess(target, rows, CATALOGUE, year=2024, merger=False, crosswalk=CROSSWALK)
        assert "một giá trị" in str(error.value)  # Vietnamese first, then English
        with pytest.raises(StkitError, match="2022"):
            assessed_series(target, rows, CATALOGUE, year=2024, merger=False, crosswalk=CROSSWALK)
    best = _target(">=", None, 2030).with_columns(unit=pl.lit("v"))
    with pytest.raises(StkitError, match="2022"):
        assess(best, rows, CATALOGUE, year=2024, merger=False, crosswalk=CROSSWALK)


def test_settings_are_frozen_with_published_defaults() -> None:
    defaults = Settings()
    assert defaults.trend_cutoffs == (1.0, 0.5, 0.0)  # SDSN
    assert defaults.opensdg.target_thresholds == (0.95, 0.6, 0.0)  # sdg-build
    assert defaults.opensdg.growth_thresholds == (0.015, 0.005, 0.0)
    assert defaults.opensdg.limit_exponent == 4.44
    with pytest.raises(FrozenInstanceError):
        defaults.horizon = 3  # type: ignore[misc]


def test_trend_cutoffs_are_parameters() -> None:
    target, points = _target(">=", 30, 2030), {2020: 10, 2022: 12, 2024: 14}
    rows = [
        assess(
            target,
            _obs(points),
            CATALOGUE,
            year=2024,
            merger=False,
            crosswalk=CROSSWALK,
            settings=s,
        ).row(0, named=True)
        for s in (Settings(), Settings(trend_cutoffs=(1.0, 0.6, 0.0)))
    ]
    # recent 1 a year over (30 - 10)/10 = 2 needed: 0.5
    assert [row["trend"] for row in rows] == ["moderately_improving", "stagnating"]


# --- invariants --------------------------------------------------------------------------

_values = st.integers(min_value=1, max_value=300).map(float)


@settings(max_examples=60, deadline=None)
@given(
    comparator=st.sampled_from([">=", ">", "<=", "<"]),
    x0=_values,
    xc=_values,
    target=_values,
)
def test_mirroring_the_values_mirrors_every_signed_measure(
    comparator: str, x0: float, xc: float, target: float
) -> None:
    """x → 400 - x turns a floor into a ceiling: signed measures and classes are unchanged.

    On an unbounded kind (an index), so that no bound breaks the mirror.
    """
    flipped = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}[comparator]
    a = _one(_target(comparator, target, 2030, indicator="X"), {2020: x0, 2024: xc})
    b = _one(_target(flipped, 400 - target, 2030, indicator="X"), {2020: 400 - x0, 2024: 400 - xc})
    for column in ("share_of_way", "regression_gap"):
        assert (a[column] is None and b[column] is None) or a[column] == pytest.approx(b[column])
    for column in ("status", "trend", "outcome"):
        assert a[column] == b[column]


@settings(max_examples=60, deadline=None)
@given(x0=_values, xc=_values, target=_values, comparator=st.sampled_from([">=", "<=", "="]))
def test_share_of_way_sign_says_towards_or_away(
    x0: float, xc: float, target: float, comparator: str
) -> None:
    row = _one(_target(comparator, target, 2030), {2020: x0, 2024: xc})
    if row["share_of_way"] is None:
        assert target == x0
        return
    if comparator == "=":
        closer = abs(xc - target) < abs(x0 - target)
    else:
        closer = (xc - x0) * (1 if comparator == ">=" else -1) > 0
    assert (row["share_of_way"] > 0) == closer


@settings(max_examples=40, deadline=None)
@given(points=st.lists(st.floats(min_value=0, max_value=100), min_size=2, max_size=8))
def test_share_projections_stay_within_zero_and_hundred(points: list[float]) -> None:
    series = {2010 + 2 * i: x for i, x in enumerate(points)}
    row = _one(_target(">=", 90, 2040, indicator="S"), series, year=2030)
    for column in ("projected_value", "regression_value"):
        assert row[column] is None or 0.0 <= row[column] <= 100.0


@pytest.mark.parametrize("comparator", [None, "", "=>", "≥"])
def test_a_target_without_a_known_comparator_is_refused_not_read_as_equal(
    comparator: str | None,
) -> None:
    target = _target(">=", 20, 2030).with_columns(comparator=pl.lit(comparator, pl.String))
    with pytest.raises(StkitError, match=r"Target 't' \(P\) has comparator") as error:
        _one(target, {2020: 10.0, 2024: 15.0})
    assert ("''" if not comparator else repr(comparator)) in str(error.value)
