"""Offline HTML: escaping of data, no remote loads, labels in each language's conventions."""

from __future__ import annotations

import html as html_lib
import re

import nbformat
import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from stkit.reports.display import HtmlBlock, element, escape
from stkit.reports.html import CSP, page, render_report, strip_remote
from stkit.reports.labels import LABELS, label, number, percent, status_label
from stkit.reports.tables import scorecard, simple_table

ATTACK = "<script>alert(1)</script>"
# Anything in an attribute or CSS that makes a browser fetch from another host.
REMOTE_LOAD = re.compile(
    r"""(?:\b(?:src|srcset|data|poster|background|action|formaction)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:<link\b)|(?:@import)|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:<script\b)""",
    re.IGNORECASE,
)


def remote_loads(markup: str) -> list[str]:
    """Every place in `markup` that would load something from another host."""
    return REMOTE_LOAD.findall(markup)


@given(st.text())
def test_escape_round_trips_and_leaves_no_markup(text: str) -> None:
    escaped = escape(text)
    assert html_lib.unescape(escaped) == text
    assert "<" not in escaped
    assert '"' not in escaped


def test_task_title_with_a_script_shows_as_text() -> None:
    frame = pl.DataFrame({"task": ["II.1.a"], "title": [ATTACK]})
    table = simple_table(frame, "vi").markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in table
    assert "<script" not in table
    assert element("h1", ATTACK).markup == "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"


def _progress_row(**overrides: object) -> dict[str, object]:
    row: dict[str, object] = {
        "unit": "hai-phong", "programme": "P1", "target_id": ATTACK, "indicator": "TFP_SHARE",
        "baseline_year": 2021, "baseline_value": 41.0, "latest_year": 2025, "latest_value": 44.3,
        "target_year": 2030, "target_value": 50.0, "share_of_way": 0.304, "expected_share": 0.444,
        "status": "accelerate", "trend": "moderately_improving", "illustrative": True,
        "milestone": False, "comparator": ">=",
    }  # fmt: skip
    row.update(overrides)
    return row


def test_scorecard_escapes_data_and_formats_in_vietnamese() -> None:
    progress = pl.DataFrame([_progress_row(), _progress_row(milestone=True, target_year=2025)])
    markup = scorecard(progress, "vi", names={"TFP_SHARE": ATTACK}).markup
    assert "<script" not in markup
    assert "&lt;script&gt;" in markup
    assert "30 %" in markup  # share of the way, 0.304 → 30 %
    assert "44,3 (2025)" in markup  # latest value with a decimal comma
    assert "#fce8b2" in markup.lower() or "#FCE8B2" in markup  # accelerate band
    assert markup.count("<tr") == 2  # header + one target; the milestone is on the chart only
    assert remote_loads(markup) == []


def test_scorecard_in_english() -> None:
    markup = scorecard(pl.DataFrame([_progress_row(share_of_way=0.625)]), "en").markup
    assert "63%" in markup or "62%" in markup
    assert "44.3 (2025)" in markup
    assert "Accelerate progress" in markup


def test_strip_remote_removes_every_remote_load() -> None:
    dirty = (
        '<script src="https://cdn.example/x.js"></script><link rel="stylesheet" '
        'href="https://fonts.example/css"><style>@import url("https://fonts.example/a.css");</style>'
        '<img src="https://example.org/a.png"><p>kept</p>'
    )
    clean = strip_remote(dirty)
    assert remote_loads(clean) == []
    assert "<p>kept</p>" in clean


def test_page_is_offline_with_one_marked_generation_line() -> None:
    body = '<figure class="stkit-chart"><svg viewBox="0 0 1 1"><path d="M0,0"/></svg></figure>'
    a = page(body, title=ATTACK, lang="vi", generated_at="2025-01-01T00:00:00+00:00")
    b = page(body, title=ATTACK, lang="vi", generated_at="2026-01-01T00:00:00+00:00")
    assert remote_loads(a) == []
    assert f'content="{CSP}"' in a
    assert '<html lang="vi">' in a
    differing = [x for x, y in zip(a.splitlines(), b.splitlines(), strict=True) if x != y]
    assert len(differing) == 1
    assert "stkit-generated" in differing[0]


def test_notebook_outputs_render_without_code() -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("secret_code = 42\nshow()")
    cell.outputs = [
        nbformat.v4.new_output(
            "execute_result",
            data={"text/html": HtmlBlock("<h2>Shown</h2>").markup},
            execution_count=1,
        )
    ]
    nb.cells = [cell]
    out = render_report(nb, title="t", lang="en", generated_at="x")
    assert "<h2>Shown</h2>" in out
    assert "secret_code" not in out
    assert remote_loads(out) == []


def test_every_label_has_both_languages_and_numbers_follow_them() -> None:
    assert all(vi and en for vi, en in LABELS.values())
    assert percent(30.4, "vi") == "30,4 %"
    assert percent(30.4, "en") == "30.4%"
    assert number(1234.5, "vi") == "1.234,5"
    assert status_label("on_track", "vi") == label("st_on_track", "vi")
    assert status_label("something_new", "en") == "something_new"
