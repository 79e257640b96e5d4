"""`stkit report`: unit checked first, nothing written outside --out, the shipped data works."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from stkit.cli import main
from stkit.errors import StkitError
from stkit.reports.paths import check_unit_key, report_dir

REMOTE_LOAD = re.compile(
    r"""\b(?:src|srcset|data|action)\s*=\s*["']?\s*(?:https?:)?//|<link\b|@import|url\(\s*["']?\s*(?:https?:)?//|<script\b""",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    "key", ["../x", "..", "a/b", "/etc", "Hai-Phong", "", "-x", "hai phong", "x" * 60]
)
def test_malformed_unit_keys_are_refused(key: str) -> None:
    with pytest.raises(StkitError):
        check_unit_key(key)


def test_report_dir_stays_inside_out(tmp_path: Path) -> None:
    vi = report_dir(tmp_path, "hai-phong", 2025, "vi")
    assert vi == (tmp_path / "hai-phong" / "2025" / "vi").resolve()
    assert report_dir(tmp_path, "hai-phong", 2025, "en") == vi.parent / "en"
    for slug, lang in (("..", "vi"), ("hai-phong", "../x"), ("hai-phong", "fr")):
        with pytest.raises(StkitError):
            report_dir(tmp_path, slug, 2025, lang)


@pytest.mark.parametrize(
    ("key", "message"),
    [("../x", "Unknown provincial unit"), ("atlantis", "atlantis"), ("hai-duong", "hai-phong")],
)
def test_cli_refuses_bad_units_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, message: str
) -> None:
    out = tmp_path / "out"
    assert main(["report", key, "--lang", "en", "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_cli_needs_a_unit_or_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--out", str(tmp_path)]) == 2
    assert "--all" in capsys.readouterr().err
    assert main(["report", "hai-phong", "--lang", "fr", "--out", str(tmp_path)]) == 2


@pytest.mark.slow
def test_hai_phong_report_from_shipped_data(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    assert main(["report", "hai-phong", "--out", str(out)]) == 0
    assert [p.name for p in (out / "hai-phong").iterdir()] == ["2025"]
    folder = out / "hai-phong" / "2025" / "vi"
    assert sorted(p.name for p in folder.iterdir()) == [
        "headline.json",
        "report.docx",
        "report.html",
        "report.ipynb",
        "report.pdf",
    ]
    headline = json.loads((folder / "headline.json").read_text(encoding="utf-8"))
    assert headline["unit"] == "hai-phong"
    assert headline["lang"] == "vi"
    assert headline["targets_count"] >= 1
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in page
    assert "Hải Phòng" in page
    assert REMOTE_LOAD.findall(page) == []
    assert 'class="stkit-banner"' in page  # the PII pillar scores are illustrative
    assert page.count('class="stkit-chart"') == headline["targets_count"]
    assert page.index('id="summary"') < page.index('id="scorecard"') < page.index('id="methods"')
    assert 'href="../../../overview/2025/vi/report.html"' in page
    assert [entry["target_id"] for entry in headline["targets"]]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["units"][0]["status"] == "ok"
    # English beside Vietnamese: the Vietnamese report is kept
    before = (folder / "report.html").read_bytes()
    assert main(["report", "TP. Hải Phòng", "--lang", "en", "--out", str(out)]) == 0
    assert sorted(p.name for p in (out / "hai-phong" / "2025").iterdir()) == ["en", "vi"]
    assert (folder / "report.html").read_bytes() == before
    english = (out / "hai-phong" / "2025" / "en" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in english
    assert all(len(entry["sha256"]) == 64 for entry in manifest["inputs"])
    assert {"polars", "nbclient", "stkit"} <= set(manifest["packages"])
