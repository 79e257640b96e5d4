"""A real report opened in headless Chromium with the network off: charts drawn, no console error."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from stkit.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed"),
]


def open_offline(page: Path, workdir: Path) -> tuple[str, str, list[str]]:
    """Load `page` with every remote host unreachable; return DOM, log and requested URLs."""
    netlog = workdir / "net.json"
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-extensions", "--disable-background-networking", "--disable-sync",
        "--disable-component-update", "--disable-default-apps", "--no-default-browser-check",
        "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate",
        f"--user-data-dir={workdir / 'profile'}", "--proxy-server=http://127.0.0.1:9",
        "--host-resolver-rules=MAP * ~NOTFOUND", f"--log-net-log={netlog}",
        "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000", "--dump-dom",
        page.resolve().as_uri(),
    ]  # fmt: skip
    env = {**os.environ, "HOME": str(workdir)}
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=120, env=env, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    urls: list[str] = []
    if netlog.exists():
        text = netlog.read_text(encoding="utf-8", errors="replace")
        urls = sorted(set(re.findall(r'"url":"(https?://[^"]+)"', text)))
    return done.stdout, done.stderr, urls


def browser_noise(workdir: Path) -> set[str]:
    """Requests Chromium makes by itself (host and path), seen when opening a blank local page."""
    blank = workdir / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    noise_dir = workdir / "noise"
    noise_dir.mkdir()
    return {_without_query(url) for url in open_offline(blank, noise_dir)[2]}


def _without_query(url: str) -> str:
    return url.split("?", 1)[0]


def console_messages(log: str) -> list[str]:
    return [line for line in log.splitlines() if "CONSOLE" in line or "Refused to" in line]


def test_detector_sees_a_remote_load(tmp_path: Path) -> None:
    page = tmp_path / "remote.html"
    page.write_text(
        '<!DOCTYPE html><html><body><img src="http://example.invalid/x.png">'
        "<script>console.error('boom')</script></body></html>",
        encoding="utf-8",
    )
    _, log, urls = open_offline(page, tmp_path)
    assert any("example.invalid" in url for url in urls)
    assert console_messages(log)


def test_report_draws_every_chart_offline(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    assert main(["report", "hai-phong", "--lang", "en", "--out", str(out)]) == 0
    (year,) = (out / "hai-phong").iterdir()
    folder = year / "en"
    noise = browser_noise(tmp_path)
    dom, log, urls = open_offline(folder / "report.html", tmp_path)
    assert [url for url in urls if _without_query(url) not in noise] == []
    assert console_messages(log) == []
    headline = json.loads((folder / "headline.json").read_text(encoding="utf-8"))
    figures = re.findall(r'<figure class="stkit-chart".*?</figure>', dom, flags=re.DOTALL)
    assert len(figures) == headline["targets_count"] > 0
    for figure in figures:
        assert "<svg" in figure
        assert figure.count("<path") >= 3  # axes, the series line, the target path
        assert "<text" in figure
    assert 'lang="en"' in dom


# --- the whole batch in both languages: every page, every link, the PDF ------------------


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`stkit report --all` in Vietnamese and in English into one output folder."""
    out = tmp_path_factory.mktemp("batch") / "reports"
    for lang in ("vi", "en"):
        assert main(["report", "--all", "--lang", lang, "--out", str(out), "--workers", "2"]) == 0
    return out


def _pages(batch: Path) -> dict[str, Path]:
    (year,) = (batch / "overview").iterdir()
    pages = {}
    for lang in ("vi", "en"):
        pages[f"overview-{lang}"] = year / lang / "report.html"
        pages[f"hai-phong-{lang}"] = batch / "hai-phong" / year.name / lang / "report.html"
    return pages


@pytest.mark.parametrize("name", ["hai-phong-vi", "hai-phong-en", "overview-vi", "overview-en"])
def test_pages_open_offline_summary_first_charts_drawn(
    batch: Path, tmp_path: Path, name: str
) -> None:
    page = _pages(batch)[name]
    noise = browser_noise(tmp_path)
    dom, log, urls = open_offline(page, tmp_path)
    assert [url for url in urls if _without_query(url) not in noise] == []
    assert console_messages(log) == []
    assert f'lang="{name.rsplit("-", 1)[1]}"' in dom
    assert 'id="summary"' in dom
    for figure in re.findall(r'<figure class="stkit-chart".*?</figure>', dom, flags=re.DOTALL):
        assert "<svg" in figure
        assert figure.count("<path") >= 3
    if name.startswith("hai-phong"):
        assert dom.index('id="summary"') < dom.index('id="scorecard"')
        assert 'id="methods"' in dom
        headline = json.loads((page.parent / "headline.json").read_text(encoding="utf-8"))
        assert dom.count('<figure class="stkit-chart"') == headline["targets_count"] > 0


def _local_links(page: Path) -> list[str]:
    hrefs = re.findall(r'href="([^"#]+)"', page.read_text(encoding="utf-8"))
    return [h for h in hrefs if not re.match(r"[a-z]+:", h)]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_link_resolves_both_ways(batch: Path, lang: str) -> None:
    overview = _pages(batch)[f"overview-{lang}"]
    links = _local_links(overview)
    assert len(links) >= 34  # every unit in force links to its city report
    for link in links:
        assert (overview.parent / link).resolve().is_file(), link
    for city in sorted(batch.glob(f"*/*/{lang}/report.html")):
        if city == overview:
            continue
        back = _local_links(city)
        assert back, city
        for link in back:
            assert (city.parent / link).resolve().is_file(), (city, link)
        assert any((city.parent / link).resolve() == overview.resolve() for link in back), city


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_hai_phong_pdf_is_a4_and_at_most_12_pages(batch: Path, lang: str) -> None:
    pdf = _pages(batch)[f"hai-phong-{lang}"].parent / "report.pdf"
    pages = PdfReader(pdf).pages
    assert 1 <= len(pages) <= 12
    for page in pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595.28) < 1  # A4 in points
        assert abs(height - 841.89) < 1
