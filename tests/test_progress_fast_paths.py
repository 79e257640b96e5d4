"""The engine's shortcuts give exactly what the general paths give (docs/progress.md, Speed)."""

from __future__ import annotations

import numpy as np
import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from stkit.progress import assess
from stkit.progress._labels import Labels
from stkit.progress._reason_text import RUN_LIMIT, Note, joined_notes
from stkit.progress._segments import _yearly_weight_sums, summarise_series
from stkit.units import load_crosswalk

CROSSWALK = load_crosswalk()
CATALOGUE = pl.DataFrame(
    {"code": ["A", "B"], "direction": ["increase", "decrease"], "kind": ["count", "share"]}
)


def test_yearly_weight_sums_equal_the_summed_weights() -> None:
    counts = np.arange(1, 401)
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])
    offset = np.concatenate([np.arange(n, dtype=np.float64) for n in counts])
    weight = offset + 1.0
    sw, swu, swuu = _yearly_weight_sums(counts)
    assert np.array_equal(sw, np.add.reduceat(weight, first))
    assert np.array_equal(swu, np.add.reduceat(weight * offset, first))
    assert np.array_equal(swuu, np.add.reduceat(weight * offset * offset, first))
    # by hand, n = 3: u = 0, 1, 2 and w = 1, 2, 3, so Σw = 6, Σw·u = 0 + 2 + 6 = 8 and
    # Σw·u² = 0 + 2 + 12 = 14
    assert (sw[2], swu[2], swuu[2]) == (6.0, 8.0, 14.0)


series_values = st.lists(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=25
)


def _rows(unit: str, start: int, values: list[float]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "unit": unit,
            "indicator": "A",
            "period": list(range(start, start + len(values))),
            "value": values,
            "illustrative": False,
        }
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(series_values, min_size=1, max_size=6),
    st.integers(min_value=0, max_value=8),
    st.sampled_from([1.0, 2.0]),
)
def test_yearly_runs_summarise_as_the_general_path(
    runs: list[list[float]], trend_window: int, power: float
) -> None:
    """Series of one point a year give the same summary alone (closed forms, no search for
    the trend start) as next to a series with a gap (every sum and search done)."""
    yearly = pl.concat([_rows(f"u{i}", 2000 + i, values) for i, values in enumerate(runs)])
    gap = pl.DataFrame(
        {
            "unit": "v",
            "indicator": "A",
            "period": [2000, 2003],
            "value": [1.0, 2.0],
            "illustrative": False,
        }
    )
    options = {"trend_window": trend_window, "regression_power": power, "rate_average_years": 1}
    alone = summarise_series(yearly, ["unit", "indicator"], **options)
    beside = summarise_series(pl.concat([yearly, gap]), ["unit", "indicator"], **options)
    assert_frame_equal(alone, beside.head(alone.height), check_exact=True)


def _inputs() -> tuple[pl.DataFrame, pl.DataFrame]:
    units, codes = ["u1", "u2", "u3"], ["A", "B"]
    observations = pl.DataFrame(
        {
            "unit": [u for u in units for _ in codes for _ in range(6)],
            "indicator": [c for _ in units for c in codes for _ in range(6)],
            "period": [2015 + k for _ in units for _ in codes for k in range(6)],
            "value": [float(10 + 3 * i + k * (i % 3 - 1)) for i in range(6) for k in range(6)],
        }
    )
    targets = pl.DataFrame(
        {
            "programme": "P",
            "target_id": [f"t{i}" for i in range(6)],
            "unit": [u for u in units for _ in codes],
            "indicator": [c for _ in units for c in codes],
            "comparator": [">=", "<=", "=", ">", "<", ">="],
            "value": [20.0, 5.0, 12.0, 30.0, 8.0, 15.0],
            "year": 2030,
            "baseline_value": pl.Series([None] * 6, dtype=pl.Float64),
            "baseline_year": pl.Series([None] * 6, dtype=pl.Int64),
        }
    )
    return targets, observations


def test_targets_in_series_order_match_targets_in_any_order() -> None:
    """One target per series in the series' order skips the key join; any other order
    joins. Both give the same row for each target."""
    targets, observations = _inputs()
    in_order = assess(targets, observations, CATALOGUE, year=2020, crosswalk=CROSSWALK)
    reordered = assess(targets.reverse(), observations, CATALOGUE, year=2020, crosswalk=CROSSWALK)
    assert in_order.get_column("target_id").to_list() == [f"t{i}" for i in range(6)]
    assert_frame_equal(in_order, reordered.reverse(), check_exact=True)
    # series i in 2020 (k = 5): 10 + 3i + 5 · (i mod 3 − 1)
    assert in_order.get_column("latest_value").to_list() == [5.0, 13.0, 21.0, 14.0, 22.0, 30.0]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from([True, False, None]), min_size=13, max_size=13), max_size=8)
)
def test_fixed_notes_join_as_one_text_column_each(rows: list[list[bool | None]]) -> None:
    """Runs of fixed notes looked up by bit mask (a run longer than RUN_LIMIT split in two)
    give the texts a `when/then` column per note joined by "; " gives, in the same order."""
    names = [f"c{i}" for i in range(13)]
    frame = pl.DataFrame(rows, schema=dict.fromkeys(names, pl.Boolean), orient="row")
    frame = frame.with_columns(
        pl.when(pl.col("c0")).then(pl.lit("dynamic")).alias("text")  # a text column part
    )
    texts = [f"note {i}" for i in range(13)]
    parts: list[pl.Expr | Note] = [
        Note(pl.col("c1"), texts[1]),
        pl.col("text"),
        *(Note(pl.col(name), texts[i]) for i, name in enumerate(names) if i >= 2),
    ]
    plain = [
        pl.when(pl.col("c1")).then(pl.lit(texts[1])),
        pl.col("text"),
        *(pl.when(pl.col(name)).then(pl.lit(texts[i])) for i, name in enumerate(names) if i >= 2),
    ]
    assert len(names) - 2 > RUN_LIMIT
    got = frame.lazy().select(joined_notes(parts).alias("r")).collect()
    want = frame.select(pl.concat_str(plain, separator="; ", ignore_nulls=True).alias("r"))
    assert_frame_equal(got, want, check_exact=True)


def test_fixed_notes_by_hand() -> None:
    frame = pl.DataFrame({"a": [True, False, True, None], "b": [True, True, False, None]})
    parts: list[pl.Expr | Note] = [Note(pl.col("a"), "first"), Note(pl.col("b"), "second")]
    got = frame.select(joined_notes(parts)).to_series().to_list()
    assert got == ["first; second", "second", "first", ""]


def test_labels_are_looked_up_by_number() -> None:
    label = Labels("on_track", "reverse", "stagnating")
    frame = pl.DataFrame({"x": [1.0, -1.0, 0.0, None]})
    chosen = label.text(
        pl.when(pl.col("x") > 0)
        .then(label("on_track"))
        .when(pl.col("x") < 0)
        .then(label("reverse"))
        .when(pl.col("x") == 0)
        .then(label("stagnating"))
    )
    got = frame.lazy().select(chosen.alias("label")).collect().to_series()
    assert got.dtype == pl.String
    assert got.to_list() == ["on_track", "reverse", "stagnating", None]
