"""Every published PII figure agrees with the value and sources cited in data/pii/README.md."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from stkit.datadir import shipped_data_dir
from stkit.index.pii import load_pii_pillar_results, load_pii_results

README = shipped_data_dir() / "pii" / "README.md"
MEASURES = ("score", "rank", "input", "output")


def _table(text: str, name: str) -> list[list[str]]:
    """Rows (cells stripped) of the markdown table between `<!-- name:start/end -->`."""
    block = re.search(rf"<!-- {name}:start -->(.*?)<!-- {name}:end -->", text, re.DOTALL)
    assert block is not None, f"{README}: no {name} table"
    lines = [line.strip() for line in block.group(1).strip().splitlines()]
    return [[c.strip() for c in line.strip("|").split("|")] for line in lines[2:]]


def _readme(
    path: Path = README,
) -> tuple[dict[tuple[int, str, str], tuple[str, list[str]]], dict[str, list[str]]]:
    text = path.read_text(encoding="utf-8")
    sources = {row[0]: row[1:] for row in _table(text, "sources")}
    figures: dict[tuple[int, str, str], tuple[str, list[str]]] = {}
    for year, unit, measure, value, ids in _table(text, "figures"):
        key = (int(year), unit, measure)
        assert key not in figures, f"figure {key} listed twice"
        figures[key] = (value, [i.strip() for i in ids.split(",")])
    return figures, sources


def _shipped() -> dict[tuple[int, str, str], tuple[float | int, str]]:
    """(year, unit, measure) -> (value, source text) for every figure in the results files."""
    out: dict[tuple[int, str, str], tuple[float | int, str]] = {}
    for row in load_pii_results().iter_rows(named=True):
        for measure in MEASURES:
            if row[measure] is not None:
                out[(row["year"], row["unit"], measure)] = (row[measure], row["source"])
    for row in load_pii_pillar_results().iter_rows(named=True):
        for measure in ("score", "rank"):
            if row[measure] is not None:
                key = (row["year"], row["unit"], f"{measure}:{row['pillar']}")
                out[key] = (row[measure], row["source"])
    return out


def test_every_figure_matches_the_value_cited_in_the_readme() -> None:
    figures, _ = _readme()
    shipped = _shipped()
    assert set(shipped) == set(figures)
    for key, (value, _source) in shipped.items():
        cited = figures[key][0]
        if isinstance(value, int):
            assert str(value) == cited, key
        else:
            assert f"{value:.2f}" == cited, key


def test_every_figure_names_publisher_title_date_and_address_of_each_cited_source() -> None:
    figures, sources = _readme()
    for key, (value, source) in _shipped().items():
        for source_id in figures[key][1]:
            assert source_id in sources, (key, source_id)
            publisher, title, date, url = sources[source_id]
            assert url.startswith("http"), source_id
            assert date[:4] in {"2024", "2025"}, source_id
            for part in (publisher, title, date, url):
                assert part in source, (key, source_id, part)
        assert value is not None


def test_every_cited_source_is_used() -> None:
    figures, sources = _readme()
    used = {i for _value, ids in figures.values() for i in ids}
    assert used == set(sources)


def test_published_figures_cover_the_three_years() -> None:
    figures, _ = _readme()
    years = {year for year, _unit, measure in figures if measure == "score"}
    assert years == {2023, 2024, 2025}
    scored = pl.DataFrame(
        [(y, u) for y, u, m in figures if m == "score"], schema=["year", "unit"], orient="row"
    )
    per_year = dict(scored.group_by("year").len().iter_rows())
    assert per_year[2023] >= 17  # beyond the top ten
    assert per_year[2025] >= 7
