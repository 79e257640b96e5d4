"""Shipped PII data: structure, published results, illustrative data, default method."""

from __future__ import annotations

import polars as pl

from stkit.datadir import shipped_data_dir
from stkit.index import build, load_config, read_idata, read_imeta
from stkit.index.pii import IDATA_FILE, IMETA_FILE, METHOD_FILE, load_pii_results, pii_file
from stkit.index.profile import strengths_weaknesses, unit_scores
from stkit.index.structure import structure_from_imeta


def test_structure_has_52_indicators_7_pillars() -> None:
    meta = read_imeta(pii_file(IMETA_FILE))
    s = structure_from_imeta(meta)
    assert len(s.indicators) == 52
    assert [len(level.codes) for level in s.levels] == [7, 2, 1]
    assert s.top == "PII"
    pillars = meta.filter(pl.col("Level") == 2)
    assert pillars.filter(pl.col("Parent") == "Input").height == 5
    assert pillars.filter(pl.col("Parent") == "Output").height == 2
    assert meta.get_column("source").null_count() == 0


def test_published_results_are_sourced_and_consistent() -> None:
    results = load_pii_results()
    assert results.get_column("source").null_count() == 0
    hp = results.filter((pl.col("year") == 2023) & (pl.col("unit") == "hai-phong")).row(
        0, named=True
    )
    assert (hp["score"], hp["rank"], hp["input"], hp["output"]) == (52.32, 3, 56.45, 48.20)
    # the PII is the mean of Input and Output: (56.45 + 48.20) / 2 = 52.325 → 52.32
    assert abs((hp["input"] + hp["output"]) / 2 - hp["score"]) <= 0.005 + 1e-9
    y2023 = results.filter(pl.col("year") == 2023)
    top = y2023.filter(pl.col("rank") <= 10).sort("rank")
    assert top.get_column("unit").to_list()[:3] == ["ha-noi", "ho-chi-minh", "hai-phong"]
    assert top.get_column("score").is_sorted(descending=True)
    assert "ba-ria-vung-tau" in top.get_column("unit").to_list()  # a pre-merger slug
    assert results.filter(pl.col("year") == 2024).get_column("rank").n_unique() == 12


def test_illustrative_data_builds_end_to_end() -> None:
    data = read_idata(pii_file(IDATA_FILE))
    assert data.height == 34
    assert data.get_column("illustrative").cast(pl.String).str.to_lowercase().eq("true").all()
    assert "illustrative" in IDATA_FILE
    result = build(data, read_imeta(pii_file(IMETA_FILE)), load_config(pii_file(METHOD_FILE)))
    assert result.scores.height == 34
    assert result.efficiency is not None
    eff = result.efficiency.join(result.scores, on="uCode")
    ratio = eff.get_column("Output") / eff.get_column("Input")
    assert (ratio - eff.get_column("Efficiency")).abs().max() < 1e-12  # type: ignore[operator]
    pii = (eff.get_column("Input") + eff.get_column("Output")) / 2
    assert (pii - eff.get_column("PII")).abs().max() < 1e-9  # type: ignore[operator]
    assert unit_scores(result, "hai-phong").height == 10
    profile = strengths_weaknesses(result, "hai-phong")
    assert set(profile.get_column("kind").to_list()) <= {"strength", "weakness"}


def test_data_dir_has_pii_folder() -> None:
    assert (shipped_data_dir() / "pii" / "README.md").is_file()
