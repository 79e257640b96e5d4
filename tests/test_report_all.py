"""`stkit report --all` writes every unit's report and the overview, and a manifest of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stkit.cli import main
from stkit.units import MERGER_DATE, load_units

pytestmark = pytest.mark.slow


def test_report_all_writes_every_units_report(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    assert main(["report", "--all", "--lang", "en", "--out", str(out), "--workers", "2"]) == 0

    slugs = load_units(as_of=MERGER_DATE).get_column("slug").to_list()
    assert len(slugs) == 34
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    records = {entry["unit"]: entry for entry in manifest["units"]}
    assert set(records) == {*slugs, "overview"}
    assert {entry["status"] for entry in records.values()} == {"ok"}
    years = {entry["year"] for entry in records.values()}
    assert len(years) == 1
    year = years.pop()

    for slug in [*slugs, "overview"]:
        folder = out / slug / str(year) / "en"
        assert Path(records[slug]["output"]).resolve() == folder.resolve()
        assert sorted(p.name for p in folder.iterdir()) == [
            "headline.json",
            "report.docx",
            "report.html",
            "report.ipynb",
            "report.pdf",
        ], slug
        page = (folder / "report.html").read_text(encoding="utf-8")
        assert page.lower().startswith("<!doctype html>"), slug
        assert '<html lang="en">' in page, slug
        headline = json.loads((folder / "headline.json").read_text(encoding="utf-8"))
        assert headline["year"] == year, slug
        assert headline["lang"] == "en", slug
    # nothing else in --out but the run's record in the history of runs
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*slugs, "overview", "manifest.json", "runs"]
    )
    history = list((out / "runs").iterdir())
    assert len(history) == 1
    assert json.loads(history[0].read_text(encoding="utf-8")) == manifest
