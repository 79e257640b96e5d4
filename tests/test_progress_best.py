"""Best-performer target values: mean of the top k, ties broken the same way every time."""

from __future__ import annotations

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from stkit.progress import best_performer_values

CATALOGUE = pl.DataFrame({"code": ["X", "Y"], "direction": ["increase", "decrease"]})


def test_mean_of_the_top_k_latest_values_by_direction() -> None:
    observations = pl.DataFrame(
        {
            "unit": ["a", "a", "b", "c", "a", "b", "c"],
            "indicator": ["X", "X", "X", "X", "Y", "Y", "Y"],
            "period": [2020, 2024, 2024, 2024, 2024, 2024, 2030],
            "value": [99.0, 10.0, 30.0, 20.0, 4.0, 2.0, 1.0],
            "illustrative": [False] * 7,
        }
    )
    best = best_performer_values(observations, CATALOGUE, year=2025, k=2).sort("indicator")
    # X: latest values a 10, b 30, c 20 -> top 2 = 30, 20; Y (lower is better, c's 2030 value
    # is after the report year): a 4, b 2 -> both
    assert best.to_dicts() == [
        {"indicator": "X", "best_value": 25.0, "best_illustrative": False, "best_count": 2},
        {"indicator": "Y", "best_value": 3.0, "best_illustrative": False, "best_count": 2},
    ]


@given(st.permutations(range(4)))
def test_ties_do_not_depend_on_row_order(order: list[int]) -> None:
    rows = pl.DataFrame(
        {
            "unit": ["d", "b", "a", "c"],
            "indicator": ["X"] * 4,
            "period": [2024] * 4,
            "value": [5.0, 5.0, 5.0, 1.0],
            "illustrative": [False, False, True, False],
        }
    )
    shuffled = rows[list(order)]
    best = best_performer_values(shuffled, CATALOGUE, year=2025, k=1)
    # a, b and d tie on 5.0; slug order takes a, whose value is illustrative
    assert best.row(0, named=True)["best_illustrative"] is True
    assert best.row(0, named=True)["best_value"] == 5.0
