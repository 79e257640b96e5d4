"""Pandera schemas of the public tables: named checks, nulls, row-wise rules."""

from __future__ import annotations

import pandera.errors as pa_errors
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stkit.i18n import messages as _messages
from stkit.schemas import (
    EARLIEST_YEAR,
    LATEST_TARGET_YEAR,
    OBSERVATIONS,
    TABLES,
    TARGETS,
    first_rows,
    schema_for,
)


def _failures(table: str, frame: pl.DataFrame, year: int = 2026) -> list[tuple[str, str, int]]:
    try:
        schema_for(table, current_year=year).validate(frame, lazy=True)
    except pa_errors.SchemaErrors as errors:
        cases = errors.failure_cases
        return sorted(
            zip(
                cases["column"].to_list(),
                cases["check"].to_list(),
                cases["index"].to_list(),
                strict=True,
            )
        )
    return []


def _observations(**columns: list[object]) -> pl.DataFrame:
    base: dict[str, list[object]] = {
        "unit": ["hai-phong"],
        "indicator": ["T1401"],
        "period": [2023],
        "value": [5.0],
        "source": ["s"],
        "note": [None],
        "illustrative": [False],
        "territory": [None],
    }
    base.update(columns)
    height = max(len(v) for v in base.values())
    full = {k: (v * height if len(v) == 1 else v) for k, v in base.items()}
    return pl.DataFrame(full, schema=OBSERVATIONS.empty().schema)


def test_every_check_is_named_after_a_rule() -> None:
    for table in TABLES:
        schema = schema_for(table, current_year=2026)
        names = [c.name for column in schema.columns.values() for c in column.checks]
        names += [c.name for c in schema.checks]
        assert names
        assert all(name in _messages.RULES for name in names), names


def test_valid_observations_pass() -> None:
    assert _failures("observations", _observations()) == []


def test_nulls_fail_only_required_columns() -> None:
    frame = _observations(source=[None], note=[None])
    assert _failures("observations", frame) == [("source", "not_nullable", 0)]


def test_future_and_out_of_range_years_are_reported_once() -> None:
    frame = _observations(unit=["a", "b", "c"], period=[2027, 3024, 1989], value=[1.0, 2.0, 3.0])
    assert _failures("observations", frame) == [
        ("period", "year_future", 0),
        ("period", "year_range", 1),
        ("period", "year_range", 2),
    ]


def test_duplicates_flag_repeats_only() -> None:
    frame = _observations(unit=["a", "a", "a", "b"], value=[1.0, 2.0, 3.0, 4.0])
    assert _failures("observations", frame) == [
        ("observations", "duplicate", 1),
        ("observations", "duplicate", 2),
    ]


def test_target_baseline_rules() -> None:
    frame = pl.DataFrame(
        {
            "programme": ["P1", "P1", "P1"],
            "target_id": ["T1", "T2", "T3"],
            "unit": ["hai-phong"] * 3,
            "indicator": ["T1405"] * 3,
            "comparator": [">=", "=>", "<"],
            "value": [20.0, 20.0, 5.0],
            "year": [2024, 2030, 2030],
            "baseline_value": [10.0, None, 3.0],
            "baseline_year": [2025, None, None],
        },
        schema=TARGETS.empty().schema,
    )
    assert _failures("targets", frame) == [
        ("comparator", "allowed_values", 1),
        ("targets", "baseline_after_target", 0),
        ("targets", "baseline_incomplete", 2),
    ]


@given(st.integers(min_value=EARLIEST_YEAR, max_value=LATEST_TARGET_YEAR))
def test_target_years_accept_the_whole_sane_range(year: int) -> None:
    frame = pl.DataFrame(
        {
            "programme": ["P1"],
            "target_id": ["T1"],
            "unit": ["hai-phong"],
            "indicator": ["T1405"],
            "comparator": [">="],
            "value": [20.0],
            "year": [year],
            "baseline_value": [None],
            "baseline_year": [None],
        },
        schema=TARGETS.empty().schema,
    )
    assert _failures("targets", frame) == []


def test_empty_frames_have_public_columns() -> None:
    assert TABLES["task_status"].empty().columns == [
        "programme",
        "task",
        "year",
        "status",
        "evidence",
        "source",
    ]
    with pytest.raises(KeyError):
        OBSERVATIONS.column("nope")


# --- duplicates found by hashed keys agree with the schema's declaration -----------------

_KEY_CELLS = {
    "unit": st.sampled_from(["a", "b", None]),
    "indicator": st.sampled_from(["T1", "T2"]),
    "period": st.sampled_from([2023, 2024, None]),
    "territory": st.sampled_from([None, "former", "current"]),
}


def _declared_first_rows(frame: pl.DataFrame) -> list[int | None]:
    """The first row of each repeated row's key, from the pandera check's own failures."""
    try:
        schema_for("observations", current_year=2026).validate(frame, lazy=True)
        failed: set[int] = set()
    except pa_errors.SchemaErrors as errors:
        cases = errors.failure_cases.filter(pl.col("check") == "duplicate")
        failed = set(cases["index"].to_list())
    keys = frame.select(OBSERVATIONS.key).rows()
    return [keys.index(key) if index in failed else None for index, key in enumerate(keys)]


@given(st.lists(st.fixed_dictionaries(_KEY_CELLS), min_size=1, max_size=30))
def test_first_rows_are_the_schema_duplicates_with_the_row_they_repeat(
    rows: list[dict[str, object]],
) -> None:
    frame = _observations(**{name: [row[name] for row in rows] for name in _KEY_CELLS})
    expected = _declared_first_rows(frame)
    assert first_rows(frame, OBSERVATIONS).to_list() == expected
    # hashes that collide (a function of the key, as a hash is): the keys themselves decide
    shared = pl.Series([0] * frame.height, dtype=pl.UInt64)
    assert first_rows(frame, OBSERVATIONS, hashes=shared).to_list() == expected
    by_unit = frame.select(pl.col("unit").hash()).to_series()
    assert first_rows(frame, OBSERVATIONS, hashes=by_unit).to_list() == expected


def test_first_rows_by_hand() -> None:
    frame = _observations(
        unit=["a", "a", "b", "a", None, None, "a"],
        period=[2023, 2023, 2023, 2024, 2023, 2023, 2023],
        territory=[None, None, None, None, None, None, "former"],
    )
    # row 1 repeats row 0; an empty required key cell (rows 4, 5) never repeats; an empty
    # territory is a value like any other (row 6 differs from row 0)
    assert first_rows(frame, OBSERVATIONS).to_list() == [None, 0, None, None, None, None, None]
