"""The vectorised engine agrees with the plain per-series reference on random data."""

from __future__ import annotations

from typing import Any

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from progress_reference import Target, assess_one, close
from stkit.progress import assess
from stkit.units import load_crosswalk

CROSSWALK = load_crosswalk()
_FLOATS = (
    "baseline_value",
    "latest_value",
    "share_of_way",
    "expected_share",
    "cagr_actual",
    "cagr_required",
    "cagr_ratio",
    "projected_value",
    "regression_value",
    "regression_gap",
    "opensdg_score",
)
_EXACT = (
    "baseline_year",
    "latest_year",
    "projection_method",
    "status",
    "status_method",
    "outcome",
    "trend",
    "attainment_year",
    "opensdg_status",
)

values = st.one_of(
    st.integers(min_value=-20, max_value=200).map(float),
    st.floats(min_value=-50.0, max_value=500.0).map(lambda x: round(x, 2)),
)


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    targets, observations = [], []
    for i in range(draw(st.integers(min_value=1, max_value=6))):
        periods = draw(st.sets(st.integers(min_value=2010, max_value=2026), max_size=9))
        for period in periods:
            observations.append(
                {"unit": f"u{i}", "indicator": "I", "period": period, "value": draw(values)}
            )
        baseline_year = draw(st.none() | st.integers(min_value=2009, max_value=2024))
        baseline_value = draw(st.none() | values) if baseline_year is not None else None
        targets.append(
            {
                "programme": "P",
                "target_id": f"t{i}",
                "unit": f"u{i}",
                "indicator": draw(st.sampled_from(["I", "R", "S"])),
                "comparator": draw(st.sampled_from([">=", ">", "<=", "<", "="])),
                "value": draw(values),
                "year": draw(st.integers(min_value=2012, max_value=2040)),
                "baseline_value": baseline_value,
                "baseline_year": baseline_year,
            }
        )
        for obs in observations:
            if obs["unit"] == f"u{i}":
                obs["indicator"] = targets[-1]["indicator"]
    return targets, observations, draw(st.integers(min_value=2012, max_value=2030))


CATALOGUE = pl.DataFrame(
    {
        "code": ["I", "R", "S"],
        "direction": ["increase", "increase", "increase"],
        "kind": ["count", "rate", "share"],
    }
)


def _frames(
    targets: list[dict[str, Any]], observations: list[dict[str, Any]]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    target_schema = {
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
    obs_schema = {
        "unit": pl.String,
        "indicator": pl.String,
        "period": pl.Int64,
        "value": pl.Float64,
    }
    return (
        pl.DataFrame(targets, schema=target_schema),
        pl.DataFrame(observations, schema=obs_schema),
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_engine_matches_reference(
    case: tuple[list[dict[str, Any]], list[dict[str, Any]], int],
) -> None:
    targets, observations, year = case
    frame_t, frame_o = _frames(targets, observations)
    result = assess(
        frame_t, frame_o, CATALOGUE, year=year, merger=False, crosswalk=CROSSWALK
    ).to_dicts()
    kinds = {"I": "count", "R": "rate", "S": "share"}
    for row, got in zip(targets, result, strict=True):
        points = [(o["period"], o["value"]) for o in observations if o["unit"] == row["unit"]]
        want = assess_one(
            Target(
                comparator=row["comparator"],
                value=row["value"],
                year=row["year"],
                baseline_value=row["baseline_value"],
                baseline_year=row["baseline_year"],
                kind=kinds[row["indicator"]],
            ),
            points,
            year=year,
        )
        for name in _FLOATS:
            assert close(got[name], want[name]), (name, got[name], want[name], row)
        for name in _EXACT:
            assert got[name] == want[name], (name, got[name], want[name], row)
