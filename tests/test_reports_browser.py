"""A real report opened in headless Chromium with the network off: charts drawn, no console error."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

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
