"""Shipped PII data: frame, published results, illustrative data, default method."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import polars as pl
import pytest

from stkit.datadir import shipped_data_dir
from stkit.errors import DataFileError
from stkit.index import build, load_config, read_idata, read_imeta
from stkit.index.pii import (
    IDATA_FILE,
    IMETA_FILE,
    METHOD_FILE,
    PILLAR_LEVEL,
    load_pii_pillar_results,
    load_pii_results,
    pii_file,
)
from stkit.index.profile import strengths_weaknesses, unit_scores
from stkit.index.structure import structure_from_imeta

PILLARS = ("INST", "HUMAN", "INFRA", "MARKET", "BUSINESS", "KNOW", "IMPACT")


def _slugs(name: str, column: str = "slug") -> set[str]:
    with (shipped_data_dir() / "units" / name).open(encoding="utf-8") as f:
        return {row[column] for row in csv.DictReader(f)}


def test_frame_has_52_indicators_18_groups_7_pillars() -> None:
    meta = read_imeta(pii_file(IMETA_FILE))
    s = structure_from_imeta(meta)
    assert len(s.indicators) == 52
    assert [len(level.codes) for level in s.levels] == [18, 7, 2, 1]
    assert s.levels[PILLAR_LEVEL - 2].codes == PILLARS
    assert s.top == "PII"
    pillars = meta.filter(pl.col("Level") == PILLAR_LEVEL)
    assert pillars.filter(pl.col("Parent") == "Input").get_column("iCode").to_list() == list(
        PILLARS[:5]
    )
    assert pillars.filter(pl.col("Parent") == "Output").height == 2
    assert meta.get_column("source").null_count() == 0


def test_first_three_pillars_hold_7_7_and_5_indicators_and_every_group_is_used() -> None:
    meta = read_imeta(pii_file(IMETA_FILE))
    groups = meta.filter(pl.col("Level") == 2).select("iCode", pl.col("Parent").alias("pillar"))
    per_pillar = (
        meta.filter(pl.col("Type") == "Indicator")
        .join(groups, left_on="Parent", right_on="iCode")
        .group_by("pillar")
        .len()
    )
    counts = dict(per_pillar.iter_rows())
    assert (counts["INST"], counts["HUMAN"], counts["INFRA"]) == (7, 7, 5)
    assert sum(counts.values()) == 52
    used = set(meta.filter(pl.col("Type") == "Indicator").get_column("Parent").to_list())
    assert used == set(groups.get_column("iCode").to_list())


def test_placeholder_names_are_flagged_and_say_so() -> None:
    meta = read_imeta(pii_file(IMETA_FILE))
    assert set(meta.get_column("name_status").to_list()) == {"public", "public_en", "not_public"}
    hidden = meta.filter(pl.col("name_status") == "not_public")
    assert hidden.height == 18 + 28  # every group and 28 of the 52 indicators
    assert hidden.get_column("iName").str.contains("tên chưa công bố").all()
    assert hidden.get_column("iName_en").str.contains("name not public").all()
    translated = meta.filter(pl.col("name_status") == "public_en")
    assert translated.get_column("iName").str.ends_with("(dịch từ tên tiếng Anh)").all()
    shown = meta.filter(pl.col("name_status") == "public")
    assert not shown.get_column("iName").str.contains("chưa công bố|dịch từ").any()
    export = meta.filter(pl.col("iCode") == "IMPACT_1").row(0, named=True)
    assert (export["iName"], export["name_status"]) == ("Giá trị xuất khẩu/GRDP", "public")
    assert set(meta.get_column("placement").to_list()) == {"public", "assumed"}


def test_published_results_are_sourced_and_consistent() -> None:
    results = load_pii_results()
    assert results.get_column("source").null_count() == 0
    hp = results.filter((pl.col("year") == 2023) & (pl.col("unit") == "hai-phong")).row(
        0, named=True
    )
    assert (hp["score"], hp["rank"], hp["input"], hp["output"]) == (52.32, 3, 56.45, 48.20)
    with_parts = results.filter(pl.col("input").is_not_null() & pl.col("output").is_not_null())
    assert with_parts.height == 2  # Hải Phòng 2023, Huế 2025
    for row in with_parts.iter_rows(named=True):
        # the PII is the mean of Input and Output: (56.45 + 48.20) / 2 = 52.325 → 52.32,
        # (51.50 + 47.23) / 2 = 49.365 → 49.37
        assert abs((row["input"] + row["output"]) / 2 - row["score"]) <= 0.005 + 1e-9
    for year in (2023, 2024, 2025):
        y = results.filter(pl.col("year") == year).sort("rank")
        scored = y.filter(pl.col("score").is_not_null())
        assert scored.get_column("score").is_sorted(descending=True), year
        assert y.get_column("rank").n_unique() == y.height, year
    top = results.filter(pl.col("year") == 2023).sort("rank").get_column("unit").to_list()
    assert top[:3] == ["ha-noi", "ho-chi-minh", "hai-phong"]


def test_ranks_are_whole_numbers_within_the_units_of_their_year() -> None:
    old, new = _slugs("units_2024.csv"), _slugs("units_2025.csv")
    assert (len(old), len(new)) == (63, 34)
    results, pillars = load_pii_results(), load_pii_pillar_results()
    assert results.get_column("rank").null_count() == 0  # every overall result has a rank
    for frame in (results, pillars.filter(pl.col("rank").is_not_null())):
        for year, unit, rank in frame.select("year", "unit", "rank").iter_rows():
            units = new if year >= 2025 else old
            assert unit in units, (year, unit)
            assert isinstance(rank, int)
            assert 1 <= rank <= len(units), (year, unit, rank)
    assert results.filter(pl.col("year") == 2025).height >= 8
    assert "hue" in results.filter(pl.col("year") == 2025).get_column("unit").to_list()
    assert "thua-thien-hue" not in results.get_column("unit").to_list()


def test_a_rank_below_one_is_refused_naming_file_and_unit(tmp_path: Path) -> None:
    shutil.copytree(shipped_data_dir() / "pii", tmp_path / "pii")
    path = tmp_path / "pii" / "pii_results.csv"
    text = path.read_text(encoding="utf-8").replace(
        "2025,gia-lai,37.66,21,", "2025,gia-lai,37.66,0,"
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        load_pii_results(tmp_path)
    message = str(error.value)
    assert "pii_results.csv" in message
    assert "gia-lai" in message
    assert "rank" in message


def test_pillar_results_name_pillars_of_the_frame() -> None:
    pillars = load_pii_pillar_results()
    assert set(pillars.get_column("pillar").to_list()) <= set(PILLARS)
    lam_dong = pillars.filter((pl.col("year") == 2024) & (pl.col("unit") == "lam-dong"))
    assert lam_dong.height == 7


def test_published_pillar_scores_aggregate_to_the_published_index() -> None:
    """Bắc Ninh 2025: Input = (59.17 + 39.99 + 62.30 + 47.43 + 56.40) / 5 = 53.058,
    Output = (28.74 + 60.20) / 2 = 44.47, PII = (53.058 + 44.47) / 2 = 48.764 → 48.76."""
    pillars = load_pii_pillar_results().filter(pl.col("score").is_not_null())
    results = load_pii_results()
    checked = 0
    for (year, unit), rows in pillars.group_by("year", "unit"):
        score = dict(rows.select("pillar", "score").iter_rows())
        if set(score) != set(PILLARS):
            continue
        inputs = sum(score[p] for p in PILLARS[:5]) / 5
        outputs = sum(score[p] for p in PILLARS[5:]) / 2
        published = results.filter((pl.col("year") == year) & (pl.col("unit") == unit))
        assert abs((inputs + outputs) / 2 - published.item(0, "score")) <= 0.005 + 1e-9
        checked += 1
    assert checked >= 1
    assert abs((53.058 + 44.47) / 2 - 48.764) < 1e-12


def test_illustrative_data_builds_end_to_end() -> None:
    data = read_idata(pii_file(IDATA_FILE))
    assert data.height == 34
    assert set(data.get_column("uCode").to_list()) == _slugs("units_2025.csv")
    assert data.get_column("illustrative").cast(pl.String).str.to_lowercase().eq("true").all()
    assert "illustrative" in IDATA_FILE
    meta = read_imeta(pii_file(IMETA_FILE))
    indicators = meta.filter(pl.col("Type") == "Indicator").get_column("iCode").to_list()
    assert [c for c in data.columns if c in set(indicators)] == indicators
    result = build(data, meta, load_config(pii_file(METHOD_FILE)))
    assert result.scores.height == 34
    assert result.efficiency is not None
    eff = result.efficiency.join(result.scores, on="uCode")
    ratio = eff.get_column("Output") / eff.get_column("Input")
    assert (ratio - eff.get_column("Efficiency")).abs().max() < 1e-12  # type: ignore[operator]
    pii = (eff.get_column("Input") + eff.get_column("Output")) / 2
    assert (pii - eff.get_column("PII")).abs().max() < 1e-9  # type: ignore[operator]
    # a pillar is the mean of its groups: INFRA has two groups
    infra = (eff.get_column("INFRA_G1") + eff.get_column("INFRA_G2")) / 2
    assert (infra - eff.get_column("INFRA")).abs().max() < 1e-9  # type: ignore[operator]
    assert unit_scores(result, "hai-phong").height == 18 + 7 + 2 + 1
    pillars = unit_scores(result, "hai-phong", min_level=PILLAR_LEVEL)
    assert set(pillars.get_column("iCode").to_list()) == {*PILLARS, "Input", "Output", "PII"}
    profile = strengths_weaknesses(result, "hai-phong")
    assert set(profile.get_column("kind").to_list()) <= {"strength", "weakness"}


def test_data_dir_has_pii_folder() -> None:
    assert (shipped_data_dir() / "pii" / "README.md").is_file()
