"""Re-expressing series on the 63 old units onto the 34 new ones (`stkit.units.reexpress`)."""

from __future__ import annotations

from functools import cache

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stkit.datadir import shipped_data_dir
from stkit.errors import StkitError
from stkit.merger import reexpress as _reexpress
from stkit.units import load_crosswalk

INDICATORS = pl.DataFrame(
    {
        "code": ["T1401", "T1405", "GRDP", "PII_RANK", "ENT", "SHARE"],
        "merge_rule": ["sum", "weighted_mean", "sum", "none", "sum", "weighted_mean"],
        "weight_indicator": [None, "GRDP", None, None, "", "ENT"],
    }
)
CROSSWALK = load_crosswalk()


def reexpress(
    observations: pl.DataFrame, indicators: pl.DataFrame, *, crosswalk: pl.DataFrame = CROSSWALK
) -> pl.DataFrame:
    """`stkit.merger.reexpress` with the shipped crosswalk passed explicitly."""
    return _reexpress(observations, indicators, crosswalk=crosswalk)


COLUMNS = ["unit", "indicator", "period", "value", "comparable", "reason", "illustrative", "source"]


def _obs(rows: list[tuple[str, str, int, float | None]], **extra: list[object]) -> pl.DataFrame:
    unit, indicator, period, value = (list(column) for column in zip(*rows, strict=True))
    data: dict[str, list[object]] = {
        "unit": unit,
        "indicator": indicator,
        "period": period,
        "value": value,
        "source": [f"src-{u}-{i}" for u, i, _, _ in rows],
    }
    data.update(extra)
    return pl.DataFrame(data, schema_overrides={"value": pl.Float64})


def _row(result: pl.DataFrame, unit: str, indicator: str, period: int) -> dict[str, object]:
    hits = result.filter(
        (pl.col("unit") == unit) & (pl.col("indicator") == indicator) & (pl.col("period") == period)
    )
    assert hits.height == 1
    return hits.row(0, named=True)


# --- hand-worked ----------------------------------------------------------------------------


def test_hai_phong_counts_add_up() -> None:
    result = reexpress(
        _obs([("hai-phong", "T1401", 2023, 60.0), ("hai-duong", "T1401", 2023, 25.0)]),
        INDICATORS,
    )
    assert result.columns == COLUMNS
    assert result.height == 1
    row = _row(result, "hai-phong", "T1401", 2023)
    assert row["value"] == 85.0
    assert row["comparable"] is True
    assert row["reason"] is None
    assert row["illustrative"] is False
    assert row["source"] == "src-hai-duong-T1401; src-hai-phong-T1401"


def test_can_tho_weighted_mean_of_three() -> None:
    # (12.0·100 + 8.0·60 + 5.0·40) / (100 + 60 + 40) = 1880 / 200 = 9.4
    observations = _obs(
        [
            ("can-tho", "T1405", 2023, 12.0),
            ("soc-trang", "T1405", 2023, 8.0),
            ("hau-giang", "T1405", 2023, 5.0),
            ("can-tho", "GRDP", 2023, 100.0),
            ("soc-trang", "GRDP", 2023, 60.0),
            ("hau-giang", "GRDP", 2023, 40.0),
        ]
    )
    result = reexpress(observations, INDICATORS)
    assert _row(result, "can-tho", "T1405", 2023)["value"] == pytest.approx(9.4)
    assert _row(result, "can-tho", "GRDP", 2023)["value"] == 200.0
    assert "src-soc-trang-GRDP" in str(_row(result, "can-tho", "T1405", 2023)["source"])


def test_codes_work_as_unit_keys() -> None:
    observations = pl.DataFrame(
        {"unit": [31, 30], "indicator": ["T1401", "T1401"], "period": [2022, 2022], "value": [1, 2]}
    )
    row = _row(reexpress(observations, INDICATORS), "hai-phong", "T1401", 2022)
    assert row["value"] == 3.0
    assert row["source"] is None


def test_missing_member_value_is_not_comparable() -> None:
    observations = _obs(
        [
            ("can-tho", "T1401", 2023, 60.0),
            ("hau-giang", "T1401", 2023, None),
        ]
    )
    row = _row(reexpress(observations, INDICATORS), "can-tho", "T1401", 2023)
    assert row["value"] is None
    assert row["comparable"] is False
    assert row["reason"] == "no value for old unit(s): hau-giang, soc-trang"


def test_missing_weight_is_not_comparable() -> None:
    observations = _obs(
        [
            ("hai-phong", "T1405", 2023, 13.0),
            ("hai-duong", "T1405", 2023, 11.0),
            ("hai-phong", "GRDP", 2023, 300.0),
        ]
    )
    row = _row(reexpress(observations, INDICATORS), "hai-phong", "T1405", 2023)
    assert row["value"] is None
    assert row["comparable"] is False
    assert row["reason"] == "no weight (GRDP) for old unit(s): hai-duong"


@pytest.mark.parametrize(
    ("weights", "reason"),
    [
        ((0.0, 0.0), "the weights (GRDP) add up to zero"),
        ((5.0, -1.0), "a weight (GRDP) is negative"),
    ],
)
def test_degenerate_weights_are_not_comparable(weights: tuple[float, float], reason: str) -> None:
    observations = _obs(
        [
            ("hai-phong", "T1405", 2023, 13.0),
            ("hai-duong", "T1405", 2023, 11.0),
            ("hai-phong", "GRDP", 2023, weights[0]),
            ("hai-duong", "GRDP", 2023, weights[1]),
        ]
    )
    row = _row(reexpress(observations, INDICATORS), "hai-phong", "T1405", 2023)
    assert (row["value"], row["comparable"], row["reason"]) == (None, False, reason)


def test_rule_none_is_never_comparable_on_a_merged_unit() -> None:
    observations = _obs(
        [
            ("hai-phong", "PII_RANK", 2023, 3.0),
            ("hai-duong", "PII_RANK", 2023, 20.0),
            ("ha-noi", "PII_RANK", 2023, 1.0),
        ]
    )
    result = reexpress(observations, INDICATORS)
    row = _row(result, "hai-phong", "PII_RANK", 2023)
    assert row["value"] is None
    assert row["comparable"] is False
    assert "merge rule 'none'" in str(row["reason"])


def test_unchanged_territory_needs_no_reexpression_even_with_rule_none() -> None:
    # Hà Nội, Quảng Ninh and Thừa Thiên Huế (→ Huế) kept their territory on 1 July 2025:
    # their rank 2023 is the same figure on the new unit, whatever the merge rule.
    observations = _obs(
        [
            ("ha-noi", "PII_RANK", 2023, 1.0),
            ("quang-ninh", "PII_RANK", 2023, 4.0),
            ("thua-thien-hue", "PII_RANK", 2023, 9.0),
        ]
    )
    result = reexpress(observations, INDICATORS)
    assert [
        _row(result, u, "PII_RANK", 2023)["value"] for u in ("ha-noi", "quang-ninh", "hue")
    ] == [
        1.0,
        4.0,
        9.0,
    ]
    assert result["comparable"].all()
    assert result["reason"].is_null().all()


def test_single_member_unit_carries_its_value_without_weight() -> None:
    observations = _obs([("ha-noi", "T1405", 2023, 20.5), ("thua-thien-hue", "T1401", 2023, 9.0)])
    result = reexpress(observations, INDICATORS)
    assert _row(result, "ha-noi", "T1405", 2023)["value"] == 20.5
    assert _row(result, "hue", "T1401", 2023)["value"] == 9.0
    assert result["comparable"].all()


def test_illustrative_spreads_from_values_and_weights() -> None:
    observations = _obs(
        [
            ("hai-phong", "T1405", 2023, 13.0),
            ("hai-duong", "T1405", 2023, 11.0),
            ("hai-phong", "GRDP", 2023, 3.0),
            ("hai-duong", "GRDP", 2023, 1.0),
            ("hai-phong", "T1401", 2023, 1.0),
            ("hai-duong", "T1401", 2023, 1.0),
        ],
        illustrative=[False, False, False, True, False, False],
    )
    result = reexpress(observations, INDICATORS)
    assert _row(result, "hai-phong", "T1405", 2023)["illustrative"] is True
    assert _row(result, "hai-phong", "T1405", 2023)["value"] == pytest.approx(12.5)
    assert _row(result, "hai-phong", "GRDP", 2023)["illustrative"] is True
    assert _row(result, "hai-phong", "T1401", 2023)["illustrative"] is False


def test_illustrative_as_text() -> None:
    observations = _obs(
        [("ha-noi", "T1401", 2023, 1.0), ("cao-bang", "T1401", 2023, 1.0)],
        illustrative=["TRUE", None],
    )
    result = reexpress(observations, INDICATORS)
    assert result["illustrative"].to_list() == [False, True]


def test_new_units_pass_through() -> None:
    observations = _obs(
        [
            ("hai-phong", "T1401", 2026, 90.0),
            ("92", "T1401", 2027, 70.0),
            ("hue", "T1401", 2025, 7.0),
        ]
    )
    result = reexpress(observations, INDICATORS)
    assert result.select("unit", "period", "value", "comparable").rows() == [
        ("can-tho", 2027, 70.0, True),
        ("hai-phong", 2026, 90.0, True),
        ("hue", 2025, 7.0, True),
    ]


def test_2025_is_on_old_units_and_observed_new_rows_win() -> None:
    observations = _obs(
        [
            ("hai-phong", "T1401", 2025, 60.0),  # shared slug: old Hải Phòng
            ("hai-duong", "T1401", 2025, 25.0),
            ("thua-thien-hue", "T1401", 2025, 8.0),
            ("hue", "T1401", 2025, 9.0),  # only exists after the merger: new unit
        ]
    )
    result = reexpress(observations, INDICATORS)
    assert _row(result, "hai-phong", "T1401", 2025)["value"] == 85.0
    assert _row(result, "hue", "T1401", 2025)["value"] == 9.0
    assert result.height == 2


def test_input_is_not_modified() -> None:
    observations = _obs([("hai-phong", "T1401", 2023, 60.0), ("hai-duong", "T1401", 2023, 25.0)])
    before = observations.clone()
    reexpress(observations, INDICATORS.clone())
    assert observations.equals(before)


def test_empty_observations() -> None:
    empty = _obs([("hai-phong", "T1401", 2023, 1.0)]).clear()
    result = reexpress(empty, INDICATORS)
    assert result.height == 0
    assert result.columns == COLUMNS


def test_explicit_crosswalk_is_used() -> None:
    crosswalk = pl.DataFrame(
        {
            "old_code": ["1", "2"],
            "old_slug": ["a", "b"],
            "new_code": ["9", "9"],
            "new_slug": ["c", "c"],
        }
    )
    observations = _obs([("a", "T1401", 2020, 1.0), ("02", "T1401", 2020, 2.0)])
    row = _row(reexpress(observations, INDICATORS, crosswalk=crosswalk), "c", "T1401", 2020)
    assert row["value"] == 3.0


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("hai-duong", "T1401", 2026, 1.0)], r"'hai-duong' in 2026: .*successor 'hai-phong'"),
        ([("hue", "T1401", 2024, 1.0)], r"'hue' in 2024: that unit exists only from 1 July 2025"),
        ([("atlantis", "T1401", 2024, 1.0)], r"'atlantis' in 2024: not a provincial unit"),
    ],
)
def test_units_outside_their_period_are_refused(
    rows: list[tuple[str, str, int, float]], message: str
) -> None:
    with pytest.raises(StkitError, match=message):
        reexpress(_obs(rows), INDICATORS)


def test_duplicate_rows_are_refused() -> None:
    observations = _obs([("hai-phong", "T1401", 2023, 1.0), ("31", "T1401", 2023, 2.0)])
    with pytest.raises(StkitError, match=r"appear more than once \(hai-phong T1401 2023\)"):
        reexpress(observations, INDICATORS)


def test_unknown_merge_rule_is_refused() -> None:
    indicators = pl.DataFrame({"code": ["X"], "merge_rule": ["average"]})
    with pytest.raises(StkitError, match=r"Unknown merge rule for indicator\(s\) X \('average'\)"):
        reexpress(_obs([("ha-noi", "X", 2023, 1.0)]), indicators)


def test_indicator_missing_from_catalogue_is_refused() -> None:
    with pytest.raises(StkitError, match=r"Indicator\(s\) NOPE have no merge_rule"):
        reexpress(_obs([("ha-noi", "NOPE", 2023, 1.0)]), INDICATORS)


def test_weighted_mean_without_weight_indicator_is_refused() -> None:
    indicators = pl.DataFrame(
        {"code": ["R"], "merge_rule": ["weighted_mean"], "weight_indicator": [" "]}
    )
    with pytest.raises(StkitError, match=r"R use merge_rule weighted_mean but name no weight"):
        reexpress(_obs([("ha-noi", "R", 2023, 1.0)]), indicators)


def test_non_numeric_values_are_refused() -> None:
    observations = pl.DataFrame(
        {"unit": ["ha-noi"], "indicator": ["T1401"], "period": [2023], "value": ["many"]}
    )
    with pytest.raises(StkitError, match=r"value a number"):
        reexpress(observations, INDICATORS)


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        ("observations", r"observations lack column\(s\) value"),
        ("indicators", r"indicator catalogue lacks column\(s\) merge_rule"),
        ("crosswalk", r"crosswalk lacks column\(s\) new_slug"),
    ],
)
def test_missing_columns_are_named(frame: str, message: str) -> None:
    observations = _obs([("ha-noi", "T1401", 2023, 1.0)])
    indicators, crosswalk = INDICATORS, load_crosswalk()
    if frame == "observations":
        observations = observations.drop("value")
    elif frame == "indicators":
        indicators = indicators.drop("merge_rule")
    else:
        crosswalk = crosswalk.drop("new_slug")
    with pytest.raises(StkitError, match=message):
        reexpress(observations, indicators, crosswalk=crosswalk)


# --- the shipped data set -------------------------------------------------------------------


def test_shipped_observations_reexpress() -> None:
    data = shipped_data_dir()
    observations = pl.read_csv(data / "observations.csv", infer_schema_length=None)
    indicators = pl.read_csv(data / "indicators.csv", infer_schema=False)
    result = reexpress(observations, indicators)
    assert result.select("unit", "indicator", "period").is_duplicated().sum() == 0
    assert set(result["unit"]) <= {*load_crosswalk()["new_slug"], "viet-nam"}
    national = observations.filter(pl.col("unit") == "viet-nam")
    passed = result.filter(pl.col("unit") == "viet-nam")
    assert passed.height == national.height > 0
    assert passed["value"].sort().to_list() == national["value"].cast(pl.Float64).sort().to_list()
    not_comparable = result.filter(~pl.col("comparable"))
    assert not_comparable["value"].null_count() == not_comparable.height
    assert not_comparable["reason"].null_count() == 0


# --- properties -----------------------------------------------------------------------------


@cache
def _old_units() -> tuple[str, ...]:
    return tuple(load_crosswalk()["old_slug"].sort())


def _all_old(values: list[float], indicator: str, period: int = 2023) -> pl.DataFrame:
    units = _old_units()
    return pl.DataFrame(
        {
            "unit": list(units),
            "indicator": [indicator] * len(units),
            "period": [period] * len(units),
            "value": values,
        }
    )


_VALUES = st.lists(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=63, max_size=63
)
_WEIGHTS = st.lists(st.floats(min_value=1e-3, max_value=1e6), min_size=63, max_size=63)


@settings(max_examples=40, deadline=None)
@given(_VALUES)
def test_sum_is_preserved(values: list[float]) -> None:
    result = reexpress(_all_old(values, "T1401"), INDICATORS)
    assert result.height == 34
    assert result["comparable"].all()
    assert result["value"].sum() == pytest.approx(sum(values), rel=1e-9, abs=1e-3)


@settings(max_examples=40, deadline=None)
@given(_VALUES, _WEIGHTS)
def test_weighted_mean_lies_between_members(values: list[float], weights: list[float]) -> None:
    observations = pl.concat([_all_old(values, "T1405"), _all_old(weights, "GRDP")])
    result = reexpress(observations, INDICATORS).filter(pl.col("indicator") == "T1405")
    bounds = (
        _all_old(values, "T1405")
        .join(load_crosswalk(), left_on="unit", right_on="old_slug")
        .group_by("new_slug")
        .agg(low=pl.col("value").min(), high=pl.col("value").max())
    )
    checked = result.join(bounds, left_on="unit", right_on="new_slug")
    assert checked.height == 34
    assert checked["comparable"].all()
    slack = 1e-9 * checked.select(pl.max_horizontal(pl.col("low").abs(), pl.col("high").abs()))
    assert (checked["value"] >= checked["low"] - slack.to_series() - 1e-9).all()
    assert (checked["value"] <= checked["high"] + slack.to_series() + 1e-9).all()


@settings(max_examples=40, deadline=None)
@given(_VALUES, _WEIGHTS, st.sampled_from(["T1401", "T1405"]))
def test_unchanged_units_map_one_to_one(
    values: list[float], weights: list[float], indicator: str
) -> None:
    observations = pl.concat([_all_old(values, indicator), _all_old(weights, "GRDP")])
    result = reexpress(observations, INDICATORS).filter(pl.col("indicator") == indicator)
    singles = load_crosswalk().filter(pl.col("new_slug").is_unique())
    assert singles.height == 11
    paired = (
        singles.join(result, left_on="new_slug", right_on="unit")
        .join(_all_old(values, indicator), left_on="old_slug", right_on="unit", suffix="_old")
        .select("value", "value_old", "comparable")
    )
    assert paired.height == 11
    assert paired["comparable"].all()
    assert (paired["value"] == paired["value_old"]).all()


@settings(max_examples=40, deadline=None)
@given(_VALUES, st.sets(st.integers(min_value=0, max_value=62), min_size=1, max_size=10))
def test_missing_members_are_named(values: list[float], dropped: set[int]) -> None:
    units = _old_units()
    gone = {units[i] for i in dropped}
    observations = _all_old(values, "T1401").filter(~pl.col("unit").is_in(sorted(gone)))
    result = reexpress(observations, INDICATORS)
    named = {
        slug.strip()
        for reason in result["reason"].drop_nulls()
        for slug in reason.removeprefix("no value for old unit(s): ").split(",")
    }
    affected = set(
        load_crosswalk().filter(pl.col("old_slug").is_in(sorted(gone)))["new_slug"].to_list()
    )
    present = set(result["unit"])
    assert named == gone & {
        old for old, new in load_crosswalk().select("old_slug", "new_slug").iter_rows()
        if new in present
    }  # fmt: skip
    assert set(result.filter(~pl.col("comparable"))["unit"]) == affected & present


def test_national_rows_pass_unchanged_and_refuse_repeats() -> None:
    indicators = pl.DataFrame({"code": ["GII_RANK"], "merge_rule": ["none"]})
    rows = pl.DataFrame(
        {"unit": ["viet-nam", "00"], "indicator": ["GII_RANK"] * 2, "period": [2023, 2024]}
    ).with_columns(value=pl.Series([46.0, 44.0]))
    result = reexpress(rows, indicators)
    assert result.select("unit", "period", "value", "comparable").rows() == [
        ("viet-nam", 2023, 46.0, True),
        ("viet-nam", 2024, 44.0, True),
    ]
    with pytest.raises(StkitError, match="national unit has more than one value"):
        reexpress(rows.with_columns(period=pl.lit(2024)), indicators)
