"""PII league tables on the units in force each year, and rank change through the crosswalk.

Hand-worked cases on a three-unit country (old A, B, C; on 1 July 2025 A and B merge into
the new A, C stays), then the shipped published results.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stkit.index.pii import load_pii_results
from stkit.reports import league
from stkit.reports.inputs import validated_inputs

OLD_END = dt.date(2025, 6, 30)
NEW_START = dt.date(2025, 7, 1)


def _units() -> pl.DataFrame:
    rows = [
        ("01", "a", "A", "A", dt.date(2004, 1, 1), OLD_END),
        ("02", "b", "B", "B", dt.date(2004, 1, 1), OLD_END),
        ("03", "c", "C", "C", dt.date(2004, 1, 1), OLD_END),
        ("01", "a", "A mới", "New A", NEW_START, None),
        ("03", "c", "C", "C", NEW_START, None),
    ]
    frame = pl.DataFrame(
        rows,
        schema={"code": pl.String, "slug": pl.String, "name_vi": pl.String,
                "name_en": pl.String, "valid_from": pl.Date, "valid_to": pl.Date},
        orient="row",
    )  # fmt: skip
    return frame.with_columns(pl.lit("province").alias("level"))


CROSSWALK = pl.DataFrame(
    {
        "old_code": ["01", "02", "03"],
        "old_slug": ["a", "b", "c"],
        "new_code": ["01", "01", "03"],
        "new_slug": ["a", "a", "c"],
        "source": ["NQ 202/2025/QH15 (Quốc hội, 12/06/2025), Điều 1"] * 2
        + ["NQ 202/2025/QH15 (Quốc hội, 12/06/2025): không sắp xếp"],
    }
)


def _results(rows: list[tuple[int, str, float | None, int | None]]) -> pl.DataFrame:
    frame = pl.DataFrame(
        rows,
        schema={"year": pl.Int64, "unit": pl.String, "score": pl.Float64, "rank": pl.Int64},
        orient="row",
    )
    return frame.with_columns(
        pl.lit(None, dtype=pl.Float64).alias("input"),
        pl.lit(None, dtype=pl.Float64).alias("output"),
        pl.lit("MOST").alias("source"),
    )


RESULTS = _results(
    [
        (2023, "b", 50.0, 1),
        (2023, "c", 40.0, 2),
        (2023, "a", 30.0, 3),
        (2025, "a", 55.0, 1),
        (2025, "c", 45.0, 2),
        (2025, "b", 20.0, 3),  # a former unit in a 2025 table: must be left out
    ]
)


def test_units_in_force_each_year() -> None:
    assert league.units_in_force(_units(), 2023).get_column("slug").to_list() == ["a", "b", "c"]
    assert league.units_in_force(_units(), 2025).get_column("slug").to_list() == ["a", "c"]


def test_league_table_lists_only_the_units_in_force_that_year() -> None:
    table_2023 = league.league_table(RESULTS, _units(), 2023)
    assert table_2023.select("rank", "unit", "field").rows() == [
        (1, "b", 3),
        (2, "c", 3),
        (3, "a", 3),
    ]
    table_2025 = league.league_table(RESULTS, _units(), 2025)
    assert table_2025.select("rank", "unit", "name_en", "field").rows() == [
        (1, "a", "New A", 2),
        (2, "c", "C", 2),
    ]


def test_rank_change_on_a_merged_and_an_unchanged_unit() -> None:
    change = league.rank_change(RESULTS, _units(), CROSSWALK, start=2023, end=2025)
    rows = {r["unit"]: r for r in change.iter_rows(named=True)}
    # new A = old A + old B: compared with the old A (same name) only, rank 3 of 3, no change
    assert rows["a"]["basis"] == "namesake"
    assert (rows["a"]["former"], rows["a"]["rank_start"], rows["a"]["rank_end"]) == ("a", 3, 1)
    assert rows["a"]["change"] is None
    # C not rearranged: 2nd of 3 → 2nd of 2, change 2 − 2 = 0
    assert rows["c"]["basis"] == "unchanged"
    assert (rows["c"]["rank_start"], rows["c"]["rank_end"], rows["c"]["change"]) == (2, 2, 0)
    assert (rows["c"]["field_start"], rows["c"]["field_end"]) == (3, 2)
    formers = league.former_ranks(RESULTS, _units(), CROSSWALK, start=2023, end=2025)
    assert formers.select("unit", "former", "basis", "rank").rows() == [
        ("a", "a", "namesake", 3),
        ("a", "b", "merged", 1),
        ("c", "c", "unchanged", 2),
    ]


def test_a_merger_without_a_namesake_is_not_comparable() -> None:
    crosswalk = CROSSWALK.with_columns(pl.col("new_slug").replace({"a": "z"}))
    units = _units().with_columns(
        pl.when(pl.col("valid_from") == NEW_START)
        .then(pl.col("slug").replace({"a": "z"}))
        .otherwise(pl.col("slug"))
        .alias("slug")
    )
    results = RESULTS.with_columns(
        pl.when(pl.col("year") == 2025).then(pl.col("unit").replace({"a": "z"})).otherwise(pl.col("unit")).alias("unit")
    )  # fmt: skip
    rows = {
        r["unit"]: r
        for r in league.rank_change(results, units, crosswalk, start=2023, end=2025).iter_rows(
            named=True
        )
    }
    assert rows["z"]["basis"] == "not_comparable"
    assert (rows["z"]["former"], rows["z"]["rank_start"], rows["z"]["change"]) == (None, None, None)


def test_same_generation_compares_the_unit_with_itself() -> None:
    results = _results([(2023, "a", 30.0, 3), (2024, "a", 35.0, 1)])
    change = league.rank_change(results, _units(), CROSSWALK, start=2023, end=2024)
    row = change.filter(pl.col("unit") == "a").row(0, named=True)
    assert (row["basis"], row["rank_start"], row["rank_end"], row["change"]) == (
        "same_unit",
        3,
        1,
        2,
    )


def test_crosswalk_is_named_once() -> None:
    assert league.crosswalk_sources(CROSSWALK) == ["NQ 202/2025/QH15 (Quốc hội, 12/06/2025)"]


@given(st.permutations([1, 2, 3]))
def test_change_is_start_minus_end_for_every_unchanged_unit(ranks: list[int]) -> None:
    results = _results(
        [(2023, u, None, r) for u, r in zip("abc", ranks, strict=True)] + [(2025, "c", None, 1)]
    )
    row = league.rank_change(results, _units(), CROSSWALK, start=2023, end=2025).filter(
        pl.col("unit") == "c"
    )
    assert row.item(0, "change") == ranks[2] - 1


# ---------------------------------------------------------------- the shipped results
@pytest.fixture(scope="module")
def shipped() -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    data = validated_inputs(None)
    return load_pii_results(), data.units, data.crosswalk


def test_shipped_league_tables_hold_only_units_in_force(
    shipped: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame],
) -> None:
    results, units, _ = shipped
    table_2025 = league.league_table(results, units, 2025)
    assert table_2025.get_column("unit").to_list() == [
        "ha-noi", "ho-chi-minh", "quang-ninh", "hai-phong", "hue", "bac-ninh", "dong-nai",
        "gia-lai",
    ]  # fmt: skip
    assert set(table_2025.get_column("field").to_list()) == {34}
    # former units (Hải Dương, Bình Dương, Thừa Thiên Huế, ...) never in a 2025 table
    olds = set(league.units_in_force(units, 2024).get_column("slug").to_list())
    news = set(league.units_in_force(units, 2025).get_column("slug").to_list())
    assert len(olds) == 63
    assert len(news) == 34
    assert set(table_2025.get_column("unit").to_list()) <= news
    table_2023 = league.league_table(results, units, 2023)
    assert table_2023.height == 25
    assert set(table_2023.get_column("field").to_list()) == {63}


def test_shipped_rank_change_2023_2025(
    shipped: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame],
) -> None:
    results, units, crosswalk = shipped
    rows = {
        r["unit"]: r
        for r in league.rank_change(results, units, crosswalk, start=2023, end=2025).iter_rows(
            named=True
        )
    }
    assert len(rows) == 34
    # Hải Phòng (merged with Hải Dương): 2023 position of the former Hải Phòng, 3rd of 63
    hai_phong = rows["hai-phong"]
    assert (hai_phong["basis"], hai_phong["former"]) == ("namesake", "hai-phong")
    assert (hai_phong["rank_start"], hai_phong["rank_end"], hai_phong["change"]) == (3, 4, None)
    # Quảng Ninh (not rearranged): 9th of 63 in 2023, 3rd of 34 in 2025: up 9 − 3 = 6 places
    assert (rows["quang-ninh"]["basis"], rows["quang-ninh"]["change"]) == ("unchanged", 6)
    # Hà Nội 1st both years
    assert rows["ha-noi"]["change"] == 0
    # Huế continues Thừa Thiên Huế, which has no published 2023 rank
    assert (rows["hue"]["basis"], rows["hue"]["former"]) == ("unchanged", "thua-thien-hue")
    assert rows["hue"]["rank_start"] is None


@given(
    st.lists(
        st.tuples(st.sampled_from([2023, 2024, 2025]), st.sampled_from("abc")),
        unique=True,
        max_size=9,
    )
)
def test_a_league_table_never_holds_a_unit_out_of_force(entries: list[tuple[int, str]]) -> None:
    results = _results([(year, unit, None, i + 1) for i, (year, unit) in enumerate(entries)])
    for year in (2023, 2024, 2025):
        table = league.league_table(results, _units(), year)
        in_force = set(league.units_in_force(_units(), year).get_column("slug").to_list())
        published = {u for y, u in entries if y == year}
        assert set(table.get_column("unit").to_list()) == published & in_force
        assert table.get_column("rank").is_sorted()
