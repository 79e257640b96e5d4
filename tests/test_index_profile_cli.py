"""Strengths and weaknesses by hand, the method file, and the `stkit index` commands."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from stkit.cli import main
from stkit.errors import DataFileError, StkitError
from stkit.index import build, load_config
from stkit.index.config import IndexConfig, TreatConfig
from stkit.index.output import write_tables
from stkit.index.profile import strengths_weaknesses

REF = Path(__file__).parent / "data" / "coinr-asem"
N = 10
IMETA = pl.DataFrame(
    {
        "Level": [1, 1, 2],
        "iCode": ["a", "b", "T"],
        "iName": ["A", "B", "Total"],
        "Direction": [1, 1, 1],
        "Weight": [1.0, 1.0, 1.0],
        "Parent": ["T", "T", None],
        "Type": ["Indicator", "Indicator", "Aggregate"],
    }
)
IDATA = pl.DataFrame(
    {
        "uCode": [f"u{i}" for i in range(N)],
        "a": [float(i) for i in range(N)],
        "b": [5.0] * 9 + [0.0],
    }
)
ASEM_TOML = """
[impute]
method = "group_mean"
group = "EurAsia_group"
[screen]
min_coverage = 0.9
[treat]
counting = "coinr"
[uncertainty]
weight_noise = { 2 = 0.25, 3 = 0.25 }
normalise = [ { method = "minmax", range = [1, 100] }, { method = "zscore", mean = 10, sd = 2 } ]
aggregate = ["amean", "gmean"]
"""


def test_strengths_and_weaknesses_by_hand() -> None:
    result = build(IDATA, IMETA, IndexConfig(treat=TreatConfig(method="none")))
    # u9 is best on a (rank 1) and worst on b (the only unit below 5)
    top = strengths_weaknesses(result, "u9")
    assert top.select("kind", "iCode", "rank").rows() == [
        ("strength", "a", 1),
        ("weakness", "b", 10),
    ]
    # u7: rank 3 on a (strength by rank ≤ 3); b is tied at rank 1 for nine units → strength
    assert strengths_weaknesses(result, "u7").get_column("iCode").to_list() == ["b", "a"]
    # with top_rank 2, u7's a (rank 3, percentile 77.8) is neither
    assert strengths_weaknesses(result, "u7", top_rank=2).get_column("iCode").to_list() == ["b"]
    # u1: rank 9 of 10 on a → among the 3 lowest → weakness
    assert strengths_weaknesses(result, "u1").filter(pl.col("kind") == "weakness").height == 1
    with pytest.raises(StkitError, match="not in this index"):
        strengths_weaknesses(result, "nowhere")


def test_method_file_errors_name_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "m.toml"
    bad.write_text('[normalise]\nmethod = "softmax"\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"normalise\.method.*minmax"):
        load_config(bad)
    bad.write_text('[impute]\nmethod = "group_mean"\n', encoding="utf-8")
    with pytest.raises(DataFileError, match="group"):
        load_config(bad)
    bad.write_text("[treat\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="TOML"):
        load_config(bad)


def test_cli_build_writes_every_stage(tmp_path: Path) -> None:
    method = tmp_path / "asem.toml"
    method.write_text(ASEM_TOML, encoding="utf-8")
    out = tmp_path / "out"
    code = main(
        [
            "index",
            "build",
            str(REF / "iData.csv"),
            str(REF / "iMeta.csv"),
            "--config",
            str(method),
            "--out",
            str(out),
        ]
    )
    assert code == 0
    ranks = pl.read_csv(out / "ranks.csv")
    assert ranks.columns[:2] == ["uCode", "Index"]
    ref = pl.read_csv(REF / "results_ranks.csv")
    assert ranks.sort("uCode").equals(ref.sort("uCode"))
    assert (out / "stage_Treated.csv").is_file()
    assert (out / "treatment_details.csv").is_file()


def test_cli_uncertainty_and_profile_on_shipped_pii(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mc"
    assert main(["index", "uncertainty", "--runs", "50", "--seed", "4", "--out", str(out)]) == 0
    stats = pl.read_csv(out / "rank_stats.csv")
    assert stats.columns == ["uCode", "nominal", "mean", "median", "q05", "q95"]
    assert stats.height == 34
    assert pl.read_csv(out / "sensitivity.csv").columns == ["choice", "first_order", "total"]
    assert main(["index", "profile", "hai-phong", "--format", "csv"]) == 0
    printed = capsys.readouterr().out
    assert "PII" in printed
    assert main(["index", "profile", "atlantis"]) == 2
    assert "không có trong chỉ số này" in capsys.readouterr().err
    assert main(["--lang", "en", "index", "profile", "atlantis"]) == 2
    assert "not in this index" in capsys.readouterr().err


def test_failed_build_leaves_out_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "scores.csv").write_text("old\n", encoding="utf-8")
    # the ASEM data has no Region_group column required by the default PII method
    code = main(
        ["index", "build", str(REF / "iData.csv"), str(REF / "iMeta.csv"), "--out", str(out)]
    )
    assert code == 2
    assert (out / "scores.csv").read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_write_tables_replaces_files_and_keeps_others(tmp_path: Path) -> None:
    out = tmp_path / "o"
    write_tables(out, {"a": pl.DataFrame({"x": [1]})})
    (out / "keep.txt").write_text("k", encoding="utf-8")
    write_tables(out, {"a": pl.DataFrame({"x": [2]})})
    assert pl.read_csv(out / "a.csv").item() == 2
    assert (out / "keep.txt").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o"]
