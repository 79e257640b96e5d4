"""Executed notebook → one self-contained HTML page, without code, readable offline.

The page shows the cells' outputs only, rendered here rather than by nbconvert: a
report shows no code, prompts or widgets, so nbconvert's template machinery (1 s
to import, 0.3 s a page to render and re-parse) buys nothing, and the markup
stays ours. Per output the richest type wins: HTML, SVG, PNG/JPEG (as data URIs),
then plain text (escaped); stderr is left out; errors show their text without
colour codes. Markdown cells (none in the report notebooks) show headings and
paragraphs as escaped text. Cells tagged `headline`, `parameters` or
`injected-parameters` are left out. Around the outputs: inline CSS and a
content-security policy that forbids every script and every load from another
host, so a stray remote reference cannot phone home even if one slipped into a
cell's output. Charts are inline SVG at the full width of the page. The one line
that changes between identical runs carries `stkit-generated`.

The page carries its own A4 print stylesheet (`@page` and `@media print`), used by
a browser's print (`stkit.reports.pdf` typesets the PDF with Typst, by the same
rules): margins and page numbers, no table
row split across pages, headings and chart titles kept with what follows, table
headers repeated on each page, charts at the width of the text.
"""

from __future__ import annotations

import re
from typing import Any

from nbformat import NotebookNode

from stkit.i18n import Lang
from stkit.reports.display import escape
from stkit.reports.executed import HEADLINE_TAG
from stkit.reports.labels import label
from stkit.reports.svg import inline_charts

GENERATED_MARKER = "stkit-generated"
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "form-action 'none'; base-uri 'none'"
)

_STYLE = """
body{margin:0;background:#f6f7f9;color:#1d2433;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
main,footer{max-width:1100px;margin:0 auto;padding:0 24px}
main{background:#fff;padding:16px 32px 32px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:1.7em;margin:.6em 0 .2em}h2{font-size:1.3em;margin:1.6em 0 .5em;border-bottom:2px solid #d8dde6;padding-bottom:.2em}
h3{font-size:1.05em;margin:1.2em 0 .4em}
table{border-collapse:collapse}th,td{padding:4px 8px;text-align:left;vertical-align:top}
.stkit-simple th{border-bottom:2px solid #bbb}.stkit-simple td{border-bottom:1px solid #e3e6eb}
.stkit-banner{background:#fff4ce;border:1px solid #e0b400;border-left:6px solid #e0b400;padding:8px 12px;margin:12px 0;font-weight:600}
.stkit-error{background:#fde7e9;border:1px solid #c50f1f;border-left:6px solid #c50f1f;padding:8px 12px;margin:12px 0;white-space:pre-wrap}
.stkit-meta{color:#4a5568;margin:0}
.stkit-chart{margin:12px 0 20px}.stkit-chart figcaption{font-weight:600;margin-bottom:4px}
.stkit-chart svg{max-width:100%;height:auto}
.stkit-note{color:#4a5568;font-size:.9em}
.stkit-text,.stkit-stream{white-space:pre-wrap;font-size:.85em;background:#f6f7f9;padding:6px}
footer{color:#4a5568;font-size:.85em;padding:12px 24px 24px}
.stkit-chart svg{width:100%}
@page{size:A4;margin:15mm 14mm 16mm;@bottom-center{content:counter(page) " / " counter(pages);font-size:8pt;color:#4a5568}}
@media print{
body{background:#fff;font-size:9.5pt;line-height:1.35}
main,footer{max-width:none;margin:0;padding:0;box-shadow:none}
h1{font-size:16pt;margin:0 0 4pt}h2{font-size:12.5pt;margin:12pt 0 5pt}h3{font-size:10.5pt;margin:9pt 0 3pt}
h1,h2,h3,h4,figcaption{break-after:avoid;page-break-after:avoid}
h2+p,h3+p{break-before:avoid}
tr,figure,.stkit-banner,.stkit-note{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
table,.gt_table{width:100%!important;font-size:8.5pt!important}
th,td,.gt_row,.gt_col_heading{padding:2px 4px!important}
#scorecard,div[style*="overflow"]{overflow:visible!important;padding:0!important}
.stkit-chart{margin:6pt 0 10pt}
.stkit-chart svg{width:100%;height:auto}
details{display:block}details>summary{list-style:none;font-weight:600}
}
"""

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)
_REMOTE_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_REMOTE_IMPORT = re.compile(r"@import\s+url\([^)]*\)\s*;?", re.IGNORECASE)
_REMOTE_SRC = re.compile(
    r"""\s(src|srcset|data)\s*=\s*(["'])\s*(?:https?:)?//[^"']*\2""", re.IGNORECASE
)
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def strip_remote(markup: str) -> str:
    """Remove scripts, `<link>` tags, CSS `@import`s and remote `src` attributes from markup."""
    markup = _SCRIPT.sub("", markup)
    markup = _REMOTE_LINK.sub("", markup)
    markup = _REMOTE_IMPORT.sub("", markup)
    return _REMOTE_SRC.sub("", markup)


_HIDDEN_TAGS = frozenset({HEADLINE_TAG, "parameters", "injected-parameters"})
_IMAGES = ("image/png", "image/jpeg")


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _output_html(output: Any) -> str:
    """Return one output as HTML (see the module docstring for the choice of type)."""
    kind = output.get("output_type")
    if kind == "stream":
        if output.get("name") == "stderr":
            return ""
        return f'<pre class="stkit-stream">{escape(_text(output.get("text", "")))}</pre>'
    if kind == "error":
        trace = "\n".join(
            output.get("traceback") or [f"{output.get('ename')}: {output.get('evalue')}"]
        )
        return f'<pre class="stkit-error">{escape(_ANSI.sub("", trace))}</pre>'
    data = output.get("data", {})
    if "text/html" in data:
        return _text(data["text/html"])
    if "image/svg+xml" in data:
        return _text(data["image/svg+xml"])
    for mime in _IMAGES:
        if mime in data:
            encoded = _text(data[mime]).replace("\n", "")
            return f'<img alt="" src="data:{mime};base64,{escape(encoded)}">'
    if "text/plain" in data:
        return f'<pre class="stkit-text">{escape(_text(data["text/plain"]))}</pre>'
    return ""


def _markdown_html(source: str) -> str:
    """Headings (`#`) and paragraphs of a markdown cell, as escaped text."""
    blocks = []
    for block in re.split(r"\n\s*\n", source.strip()):
        heading = re.match(r"(#{1,6})\s+(.*)", block)
        if heading:
            level = len(heading.group(1))
            blocks.append(f"<h{level}>{escape(heading.group(2).strip())}</h{level}>")
        elif block:
            blocks.append(f"<p>{escape(block)}</p>")
    return "\n".join(blocks)


def notebook_body(nb: NotebookNode) -> str:
    """Return the cells' outputs as HTML (no code, no prompts, no remote references)."""
    parts: list[str] = []
    for cell in inline_charts(nb).cells:
        if _HIDDEN_TAGS & set(cell.get("metadata", {}).get("tags", [])):
            continue
        if cell.cell_type == "markdown":
            parts.append(_markdown_html(_text(cell.source)))
        elif cell.cell_type == "code":
            parts.extend(_output_html(output) for output in cell.get("outputs", []))
    return strip_remote("\n".join(part for part in parts if part))


def page(body: str, *, title: str, lang: Lang, generated_at: str) -> str:
    """Wrap `body` in a complete offline page; the generation time is its one marked line."""
    generated = (
        f'<p class="{GENERATED_MARKER}">{escape(label("generated", lang))}: '
        f"{escape(generated_at)}</p>"
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{lang}">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{_STYLE.strip()}</style>",
            "</head>",
            "<body>",
            '<main class="stkit-report">',
            body.strip(),
            "</main>",
            "<footer>",
            generated,
            "</footer>",
            "</body>",
            "</html>",
            "",
        ]
    )


def render_report(nb: NotebookNode, *, title: str, lang: Lang, generated_at: str) -> str:
    """Return the offline HTML report of an executed, cleaned notebook."""
    return page(notebook_body(nb), title=title, lang=lang, generated_at=generated_at)


def render_error_page(
    nb: NotebookNode | None, *, title: str, lang: Lang, error: str, generated_at: str
) -> str:
    """Return a page saying why the report failed, followed by what the notebook showed so far."""
    head = (
        f"<h1>{escape(label('report_failed', lang))}: {escape(title)}</h1>\n"
        f'<div class="stkit-error">{escape(_ANSI.sub("", error))}</div>\n'
        f'<p class="stkit-note">{escape(label("previous_kept", lang))}</p>'
    )
    body = notebook_body(nb) if nb is not None else ""
    return page(head + "\n" + body, title=title, lang=lang, generated_at=generated_at)
