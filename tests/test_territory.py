"""Which territory an observation is on: the optional `territory` column (former | current).

Hand-worked figures: the merged Hải Phòng's GRDP 2025 is the published 734 420 billion VND
(Thư viện Pháp luật, 24/01/2026), not the sum of the former city's and Hải Dương's 2025
figures; without a published figure the sum stands.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stkit
from stkit import progress, units
from stkit.cli import main
from stkit.coverage import coverage
from stkit.errors import StkitError
from stkit.inputs import Inputs
from stkit.merger import reexpress
from stkit.validation import ValidationFailed

CROSSWALK = units.load_crosswalk()
GRDP = pl.DataFrame(
    {
        "code": ["GRDP"],
        "merge_rule": ["sum"],
        "weight_indicator": pl.Series([None], dtype=pl.String),
    }
)
HEADER = "unit,indicator,period,value,source,note,illustrative,territory\n"
PUBLISHED = 734420.0
FORMER_HAI_PHONG = 450000.0
HAI_DUONG = 230000.0


def _obs(rows: list[tuple[str, int, float, str | None]], indicator: str = "GRDP") -> pl.DataFrame:
    return pl.DataFrame(
        {
            "unit": [r[0] for r in rows],
            "indicator": [indicator] * len(rows),
            "period": [r[1] for r in rows],
            "value": [r[2] for r in rows],
            "source": [f"src-{r[0]}-{r[1]}-{r[3]}" for r in rows],
            "territory": pl.Series([r[3] for r in rows], dtype=pl.String),
        }
    )


def _value(result: pl.DataFrame, unit: str, period: int) -> Any:
    hits = result.filter(pl.col("unit") == unit, pl.col("period") == period)
    assert hits.height == 1
    return hits["value"].item()


# --- the period rule ---------------------------------------------------------------------------


def test_period_date_places_2025_by_territory() -> None:
    assert units.period_date(2025) == dt.date(2025, 6, 30)
    assert units.period_date(2025, units.FORMER) == dt.date(2025, 6, 30)
    assert units.period_date(2025, units.CURRENT) == dt.date(2025, 12, 31)
    assert units.period_date(2026, units.CURRENT) == dt.date(2026, 12, 31)


@given(
    period=st.integers(min_value=1990, max_value=2100),
    territory=st.sampled_from([None, units.FORMER, units.CURRENT]),
)
def test_territory_moves_only_2025(period: int, territory: str | None) -> None:
    """Only a 2025 `current` row changes day; the polars and Python rules agree."""
    day = units.period_date(period, territory)
    if period == 2025 and territory == units.CURRENT:
        assert day == dt.date(2025, 12, 31)
    else:
        assert day == units.period_date(period)
    frame = pl.DataFrame({"p": [period], "t": pl.Series([territory], dtype=pl.String)})
    assert frame.select(units.period_day(pl.col("p"), pl.col("t"))).item() == day
    allowed = frame.select(units.territory_allowed(pl.col("p"), pl.col("t"))).item()
    expected = (
        territory is None
        or (territory == units.FORMER and period <= 2025)
        or (territory == units.CURRENT and period >= 2025)
    )
    assert allowed == expected


def test_canonical_slugs_resolve_a_code_on_its_territory() -> None:
    rows = pl.DataFrame(
        {"unit": ["31", "Hải Phòng", "hue", "Thừa Thiên Huế"], "period": [2025] * 4}
        | {"territory": ["current", "former", "current", None]}
    )
    slugs = units.canonical_slugs(rows, units.load_units(national=True))
    assert slugs.to_list() == ["hai-phong", "hai-phong", "hue", "thua-thien-hue"]
    # Hải Dương does not exist on the current territory: no slug
    ended = pl.DataFrame({"unit": ["hai-duong"], "period": [2025], "territory": ["current"]})
    assert units.canonical_slugs(ended, units.load_units()).to_list() == [None]


# --- merger: the published figure on the new unit wins -----------------------------------------


def test_published_merged_figure_wins_over_the_sum_of_parts() -> None:
    # Hand-worked: the former units' 2025 figures sum to 450 000 + 230 000 = 680 000; the
    # published figure of the merged city is 734 420 and is the one kept.
    rows = [
        ("hai-phong", 2025, FORMER_HAI_PHONG, None),
        ("hai-duong", 2025, HAI_DUONG, None),
        ("hai-phong", 2025, PUBLISHED, "current"),
    ]
    result = reexpress(_obs(rows), GRDP, crosswalk=CROSSWALK)
    assert result.height == 1
    row = result.row(0, named=True)
    assert (row["unit"], row["period"], row["value"]) == ("hai-phong", 2025, PUBLISHED)
    assert row["comparable"] is True
    assert row["source"] == "src-hai-phong-2025-current"


def test_without_a_published_figure_the_former_units_are_summed() -> None:
    rows = [("hai-phong", 2025, FORMER_HAI_PHONG, "former"), ("hai-duong", 2025, HAI_DUONG, None)]
    result = reexpress(_obs(rows), GRDP, crosswalk=CROSSWALK)
    assert _value(result, "hai-phong", 2025) == FORMER_HAI_PHONG + HAI_DUONG == 680000.0


def test_same_slug_on_both_territories_is_not_a_duplicate() -> None:
    rows = [("hai-phong", 2025, FORMER_HAI_PHONG, None), ("hai-phong", 2025, PUBLISHED, "current")]
    result = reexpress(_obs(rows), GRDP, crosswalk=CROSSWALK)
    assert _value(result, "hai-phong", 2025) == PUBLISHED
    twice = [("hai-phong", 2025, PUBLISHED, "current"), ("31", 2025, 1.0, "current")]
    with pytest.raises(StkitError, match="more than once"):
        reexpress(_obs(twice), GRDP, crosswalk=CROSSWALK)


def test_current_row_on_a_former_only_unit_is_refused() -> None:
    with pytest.raises(StkitError, match=r"hai-duong.*successor 'hai-phong'"):
        reexpress(_obs([("hai-duong", 2025, HAI_DUONG, "current")]), GRDP, crosswalk=CROSSWALK)


@pytest.mark.parametrize(("period", "territory"), [(2024, "current"), (2026, "former")])
def test_territory_outside_its_years_is_refused_by_the_merger(period: int, territory: str) -> None:
    with pytest.raises(StkitError, match="territory cannot hold"):
        reexpress(_obs([("hai-phong", period, 1.0, territory)]), GRDP, crosswalk=CROSSWALK)


# --- validation ----------------------------------------------------------------------------------


def _own(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "observations.csv"
    path.write_text(HEADER + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def _load(path: Path) -> Inputs:
    return stkit.load(observations=path, registry=False)


def test_validation_refuses_current_on_a_former_only_unit(tmp_path: Path) -> None:
    path = _own(
        tmp_path,
        ["hai-phong,GRDP,2025,734420,s,,false,current", "hai-duong,GRDP,2025,1,s,,false,current"],
    )
    with pytest.raises(ValidationFailed) as caught:
        _load(path)
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column, problem.rule) == (
        str(path),
        3,
        "territory",
        "territory_unit",
    )
    assert "Hai Duong ('hai-duong') became part of Hai Phong" in problem.message("en")
    assert "'hai-phong'" in problem.fix("en")
    assert "Hải Dương ('hai-duong') đã hợp nhất vào Hải Phòng" in problem.message("vi")
    assert main(["validate", "--observations", str(path)]) == 2


@pytest.mark.parametrize(("period", "territory"), [(2024, "current"), (2026, "former")])
def test_validation_refuses_a_territory_outside_its_years(
    tmp_path: Path, period: int, territory: str
) -> None:
    path = _own(tmp_path, [f"hai-phong,GRDP,{period},1,s,,false,{territory}"])
    with pytest.raises(ValidationFailed) as caught:
        _load(path)
    [problem] = caught.value.problems
    assert (problem.row, problem.column, problem.rule) == (2, "territory", "territory_period")
    assert f"does not exist in {period}" in problem.message("en")
    assert f"năm {period}" in problem.message("vi")


def test_validation_lists_the_accepted_territories(tmp_path: Path) -> None:
    path = _own(tmp_path, ["hai-phong,GRDP,2025,1,s,,false,new"])
    with pytest.raises(ValidationFailed) as caught:
        _load(path)
    [problem] = caught.value.problems
    assert (problem.column, problem.rule) == ("territory", "allowed_values")
    assert "former, current" in problem.fix("en")


def test_same_slug_on_both_territories_validates_and_loads(tmp_path: Path) -> None:
    path = _own(
        tmp_path,
        [
            "hai-phong,GRDP,2025,450000,s,,false,",
            "31,GRDP,2025,734420,s,,false,current",
            "hue,GRDP,2025,1,s,,false,current",
        ],
    )
    inputs = _load(path)
    got = inputs.observations.select("unit", "value", "territory").rows()
    assert got == [
        ("hai-phong", 450000.0, None),
        ("hai-phong", 734420.0, "current"),
        ("hue", 1.0, "current"),
    ]


def test_same_territory_twice_is_a_duplicate(tmp_path: Path) -> None:
    path = _own(
        tmp_path,
        ["hai-phong,GRDP,2025,1,s,,false,current", "hai-phong,GRDP,2025,2,s,,false,current"],
    )
    with pytest.raises(ValidationFailed) as caught:
        _load(path)
    assert [(p.row, p.rule) for p in caught.value.problems] == [(3, "duplicate")]


def test_empty_and_former_on_the_same_unit_are_the_same_row(tmp_path: Path) -> None:
    path = _own(
        tmp_path, ["hai-phong,GRDP,2025,1,s,,false,", "hai-phong,GRDP,2025,2,s,,false,former"]
    )
    with pytest.raises(ValidationFailed) as caught:
        _load(path)
    assert [(p.row, p.rule) for p in caught.value.problems] == [(3, "unit_alias_duplicate")]


# --- coverage and progress -----------------------------------------------------------------------


def test_coverage_counts_a_current_figure_for_the_new_unit() -> None:
    observations = _obs(
        [
            ("hai-phong", 2024, 445995.0, None),
            ("hai-duong", 2024, 212386.0, None),
            ("hai-phong", 2025, PUBLISHED, "current"),
        ]
    ).with_columns(pl.lit(value=False).alias("illustrative"))
    table = coverage(
        observations,
        pl.DataFrame({"unit": ["hai-phong"], "indicator": ["GRDP"]}),
        GRDP,
        CROSSWALK,
        units=["hai-phong"],
        years=[2024, 2025],
        extra_indicators=(),
    )
    got = {(r["year"], r["figure_unit"]): (r["status"], r["value"]) for r in table.to_dicts()}
    # 2024 through the two former units; 2025 on the merged city itself, not its members
    assert got == {
        (2024, "hai-duong"): ("sourced", 212386.0),
        (2024, "hai-phong"): ("sourced", 445995.0),
        (2025, "hai-phong"): ("sourced", PUBLISHED),
    }


def test_progress_on_the_merged_city_uses_the_published_2025_figure() -> None:
    # Target on the merged Hải Phòng for 2030 (a new unit): 2024 is re-expressed
    # 445 995 + 212 386 = 658 381; 2025 is the published 734 420 (not 450 000 + 230 000).
    target = {
        "programme": "P",
        "target_id": "t",
        "unit": "hai-phong",
        "indicator": "GRDP",
        "comparator": ">=",
        "value": 1_000_000.0,
        "year": 2030,
        "baseline_value": None,
        "baseline_year": None,
    }
    observations = _obs(
        [
            ("hai-phong", 2024, 445995.0, None),
            ("hai-duong", 2024, 212386.0, None),
            ("hai-phong", 2025, FORMER_HAI_PHONG, None),
            ("hai-duong", 2025, HAI_DUONG, None),
            ("hai-phong", 2025, PUBLISHED, "current"),
        ]
    ).with_columns(pl.lit(value=False).alias("illustrative"))
    catalogue = GRDP.with_columns(
        pl.lit("VND billion").alias("unit"),
        pl.lit("increase").alias("direction"),
        pl.lit("amount").alias("kind"),
    )
    row = progress.assess(
        pl.DataFrame([target]), observations, catalogue, year=2026, crosswalk=CROSSWALK
    ).row(0, named=True)
    assert (row["baseline_year"], row["baseline_value"]) == (2024, 658381.0)
    assert (row["latest_year"], row["latest_value"]) == (2025, PUBLISHED)


# --- the shipped data ----------------------------------------------------------------------------


def test_shipped_merged_hai_phong_2025_is_the_published_figure() -> None:
    inputs = stkit.load()
    rows = inputs.observations.filter(
        pl.col("unit") == "hai-phong", pl.col("period") == 2025, pl.col("territory") == "current"
    )
    assert dict(rows.select("indicator", "value").rows()) == {
        "GRDP": PUBLISHED,
        "GRDP_GROWTH": 11.81,
    }
    merged = reexpress(inputs.observations, inputs.indicators, crosswalk=inputs.crosswalk)
    grdp = merged.filter(pl.col("indicator") == "GRDP")
    assert _value(grdp, "hai-phong", 2025) == PUBLISHED
    assert _value(grdp, "ho-chi-minh", 2025) == 2972939.0


@given(
    parts=st.lists(st.floats(min_value=0, max_value=1e7, allow_nan=False), min_size=3, max_size=3),
    published=st.one_of(st.none(), st.floats(min_value=0, max_value=1e7, allow_nan=False)),
)
def test_a_published_figure_always_wins_else_the_members_add_up(
    parts: list[float], published: float | None
) -> None:
    """Cần Thơ = Cần Thơ + Sóc Trăng + Hậu Giang unless a `current` 2025 figure exists."""
    rows: list[tuple[str, int, float, str | None]] = [
        (unit, 2025, value, None)
        for unit, value in zip(("can-tho", "soc-trang", "hau-giang"), parts, strict=True)
    ]
    if published is not None:
        rows.append(("can-tho", 2025, published, "current"))
    value = _value(reexpress(_obs(rows), GRDP, crosswalk=CROSSWALK), "can-tho", 2025)
    assert value == (published if published is not None else pytest.approx(sum(parts)))
