"""In a `stkit report --all` output folder, every link of the overview opens a city report.

Written against the final layout (`reports/overview/<year>/<lang>/report.html` linking
`../../../<unit>/<year>/<lang>/report.html`); the links are computed from the city jobs'
folders (`stkit.reports.jobs.all_jobs`), so this test holds on the layout before that move
too. The exact form of the link is checked in tests/test_overview.py (marked there).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from stkit.cli import main
from stkit.units import MERGER_DATE, load_units

pytestmark = pytest.mark.slow


def test_overview_links_resolve_in_an_all_output(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    assert main(["report", "--all", "--lang", "vi", "--out", str(out), "--workers", "2"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    records = {entry["unit"]: entry for entry in manifest["units"]}
    folder = Path(records["overview"]["output"])
    page = (folder / "report.html").read_text(encoding="utf-8")
    hrefs = set(re.findall(r'<a href="([^"]+)"', page))
    slugs = set(load_units(as_of=MERGER_DATE).get_column("slug").to_list())
    linked = {next(part for part in href.split("/") if part != "..") for href in hrefs}
    assert slugs <= linked  # every unit in force links to its report
    for href in sorted(hrefs):
        assert not href.startswith(("/", "http")), href
        target = (folder / href).resolve()
        assert target.is_file(), href
        assert target.is_relative_to(out.resolve()), href
        assert '<html lang="vi">' in target.read_text(encoding="utf-8"), href
