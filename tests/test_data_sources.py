"""The shipped observations: each sourced figure matches the value and source cited in
`data/README-observations.md`; illustrative figures live apart and never shadow a sourced one."""

from __future__ import annotations

import math
from pathlib import Path

import polars as pl
import pytest

from stkit.programmes.model import NATIONAL_UNIT

DATA = Path(__file__).resolve().parents[1] / "data"
README = DATA / "README-observations.md"
SOURCED = DATA / "observations.csv"
ILLUSTRATIVE = DATA / "illustrative" / "observations.csv"
KEY = ("unit", "indicator", "period")
TERRITORY_KEY = (*KEY, "territory")
MIN_SOURCED_SHARE = 0.60
TABLE_MARKERS = {
    "sourced-figures": "",
    "sourced-figures-national": "",
    "sourced-figures-current": "current",
}
"""README tables of sourced figures → the `territory` their rows carry ("" = by period)."""


def _read(path: Path) -> pl.DataFrame:
    return pl.read_csv(path, infer_schema=False)


def _cited() -> pl.DataFrame:
    """Parse the markdown tables between the `sourced-figures` markers of the README.

    The provinces' figures, the national series (`sourced-figures-national`) and the 2025
    figures on the units in force since 1 July 2025 (`sourced-figures-current`, territory
    `current`) are three tables with the same columns, read as one with a territory column.
    """
    text = README.read_text(encoding="utf-8")
    header: list[str] = []
    rows = []
    for marker, territory in TABLE_MARKERS.items():
        start = text.index(f"<!-- {marker}:start -->")
        end = text.index(f"<!-- {marker}:end -->")
        lines = [line.strip() for line in text[start:end].splitlines() if line.startswith("|")]
        header = [cell.strip() for cell in lines[0].strip("|").split("|")]
        for line in lines[2:]:
            cells = [cell.strip().replace("\\|", "|") for cell in line.strip("|").split(" | ")]
            assert len(cells) == len(header), line
            rows.append({**dict(zip(header, cells, strict=True)), "territory": territory})
    return pl.DataFrame(rows, schema=dict.fromkeys([*header, "territory"], pl.String))


def test_readme_table_parses() -> None:
    cited = _cited()
    assert cited.columns == [
        "unit", "indicator", "period", "value", "publisher", "title", "date", "url", "territory",
    ]  # fmt: skip
    assert cited.height == cited.unique(TERRITORY_KEY).height


def test_every_sourced_figure_matches_its_cited_value_and_source() -> None:
    shipped = _read(SOURCED).with_columns(pl.col("territory").fill_null(""))
    cited = _cited()
    joined = shipped.join(cited, on=TERRITORY_KEY, how="full", suffix="_cited", coalesce=True)
    unmatched = joined.filter(pl.col("value").is_null() | pl.col("value_cited").is_null())
    assert unmatched.height == 0, (
        f"rows not in both the CSV and the README: {unmatched[TERRITORY_KEY]}"
    )
    for row in joined.iter_rows(named=True):
        where = f"{row['unit']} {row['indicator']} {row['period']}"
        assert math.isclose(float(row["value"]), float(row["value_cited"])), where
        for part in ("publisher", "title", "date"):
            assert row[part], f"{where}: no {part} cited"
            assert row[part] in row["source"], f"{where}: source does not name its {part}"
        if row["url"] != "—":
            assert row["url"].startswith(("http://", "https://")), where
            assert row["url"] in row["source"], f"{where}: source does not give its address"
        else:
            assert "no URL in the stored copy" in row["source"], where


def test_observations_csv_holds_only_sourced_rows() -> None:
    shipped = _read(SOURCED)
    assert shipped["illustrative"].str.to_lowercase().unique().to_list() == ["false"]
    assert not shipped["source"].str.contains("(?i)illustrative").any()


def test_illustrative_rows_are_flagged_and_never_shadow_a_sourced_row() -> None:
    made = _read(ILLUSTRATIVE)
    assert made["illustrative"].str.to_lowercase().unique().to_list() == ["true"]
    assert made.height == made.unique(KEY).height
    shadowing = made.join(_read(SOURCED), on=KEY, how="inner")
    assert shadowing.height == 0, shadowing[KEY]


def test_illustrative_tfp_contradicting_the_sourced_baseline_is_gone() -> None:
    made = _read(ILLUSTRATIVE).filter(
        pl.col("unit") == "hai-phong",
        pl.col("indicator") == "TFP_SHARE",
        pl.col("period").is_in(["2020", "2021"]),
    )
    assert made.height == 0
    sourced = _read(SOURCED).filter(
        pl.col("unit") == "hai-phong", pl.col("indicator") == "TFP_SHARE"
    )
    assert dict(sourced.select("period", pl.col("value").cast(pl.Float64)).rows()) == {
        "2020": 40.43,
        "2021": 41.0,
    }


def test_no_illustrative_amounts_that_are_published_every_year() -> None:
    made = _read(ILLUSTRATIVE)
    assert made.filter(pl.col("indicator").is_in(["GRDP", "IND_OUTPUT"])).height == 0


def test_sourced_share_is_at_least_sixty_percent() -> None:
    sourced, made = _read(SOURCED).height, _read(ILLUSTRATIVE).height
    assert sourced / (sourced + made) >= MIN_SOURCED_SHARE
    # the README states the counts
    text = README.read_text(encoding="utf-8")
    assert f"{sourced} / {sourced + made} = {100 * sourced / (sourced + made):.1f} %" in text


@pytest.mark.parametrize("path", [SOURCED, ILLUSTRATIVE])
def test_units_and_indicators_are_known(path: Path) -> None:
    frame = _read(path)
    if "territory" not in frame.columns:
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias("territory"))
    current = pl.col("territory") == "current"
    # the country (national series) is a unit of its own, outside the provinces' tables
    former = set(_read(DATA / "units" / "units_2024.csv")["slug"]) | {NATIONAL_UNIT}
    new = set(_read(DATA / "units" / "units_2025.csv")["slug"])
    codes = set(_read(DATA / "indicators.csv")["code"])
    assert set(frame.filter(~current.fill_null(value=False))["unit"]) <= former
    assert set(frame.filter(current)["unit"]) <= new
    assert set(frame["indicator"]) <= codes


def test_current_rows_are_2025_figures_of_merged_units() -> None:
    """`territory = current` is shipped only where it matters: 2025, a unit the merger changed."""
    rows = _read(SOURCED).filter(pl.col("territory") == "current")
    crosswalk = _read(DATA / "units" / "crosswalk_2025.csv")
    members = crosswalk.group_by("new_slug").len()
    merged = set(members.filter(pl.col("len") > 1)["new_slug"])
    assert rows.height == 12
    assert rows["period"].unique().to_list() == ["2025"]
    assert set(rows["unit"]) <= merged
    # the published merged Hải Phòng, not the former city of the same slug
    hai_phong = rows.filter(pl.col("unit") == "hai-phong", pl.col("indicator") == "GRDP")
    assert hai_phong["value"].to_list() == ["734420"]
