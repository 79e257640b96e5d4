"""The report as an A4 PDF: the HTML page printed by WeasyPrint with its print stylesheet.

WeasyPrint lays the page out on the system's Pango (Debian: `libpango-1.0-0`,
`libpangoft2-1.0-0`, present on any desktop or `python:3` image) and applies the
page's `@media print` rules (`stkit.reports.html`): A4 with margins, page numbers,
no table row split across pages, headings and chart titles kept with what follows,
the table header repeated on each page, charts at the width of the page. The page
loads nothing: only `data:` URIs are read, any other address is refused.

Charts are printed as pictures: each inline SVG is drawn to PNG at `CHART_SCALE` ×
its size (about 270 dpi at the width of the text) by vl-convert, which works outside
the GIL, and put in its place. WeasyPrint would otherwise lay out every axis label and
legend entry through Pango (about 40 % of a city report's PDF time, GIL held); the
picture is the same drawing vl-convert makes for the Word draft.

The PDF is a function of the page alone: the same HTML gives the same bytes, in any
process (WeasyPrint writes no creation date unless the page names one, and derives
the file identifier from the content).
"""

from __future__ import annotations

import base64
import contextlib
import logging
import re
import warnings
from collections.abc import Iterator
from types import ModuleType
from typing import Any, Literal, cast

import vl_convert as vlc

A4_POINTS = (595.28, 841.89)
"""A4 in PostScript points (210 × 297 mm), as a PDF page's media box states it."""
CHART_SCALE = 3.0
"""Charts are drawn at 3 × their CSS size: a 652 px chart becomes 1956 px over 182 mm."""
ChartMode = Literal["png", "svg"]

_SVG = re.compile(r"<svg\b[^>]*>.*?</svg\s*>", re.DOTALL | re.IGNORECASE)
_LABEL = re.compile(r'\saria-label="([^"]*)"')
_SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'


def weasyprint() -> ModuleType:
    """Import WeasyPrint (about 1 s, so only when a PDF is made).

    Without Debian's `libharfbuzz-subset0` WeasyPrint subsets fonts with fontTools
    (slower, same PDF) and warns that a future version will need the library; the
    warning is not the planner's concern, so it is silenced here.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
        import weasyprint as module  # noqa: PLC0415 - heavy import, PDF only
    return cast("ModuleType", module)


def offline_fetcher() -> Any:
    """A WeasyPrint URL fetcher that reads `data:` URIs only; the report names no other resource."""
    return weasyprint().URLFetcher(allowed_protocols={"data"}, fail_on_errors=False)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Hide WeasyPrint's notes on screen-only CSS it ignores (they are expected)."""
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def chart_png(svg: str, scale: float = CHART_SCALE) -> bytes:
    """Draw an inline SVG chart (namespace dropped for HTML) to PNG at `scale` × its size."""
    if "xmlns=" not in svg.split(">", 1)[0]:
        svg = svg.replace("<svg", f"<svg {_SVG_NS}", 1)
    return bytes(vlc.svg_to_png(svg, scale=scale))


def _as_picture(found: re.Match[str]) -> str:
    svg = found.group(0)
    label = _LABEL.search(svg.split(">", 1)[0])
    alt = label.group(1) if label else ""  # already escaped in the SVG's attribute
    data = base64.b64encode(chart_png(svg)).decode("ascii")
    return f'<img class="stkit-chart-picture" alt="{alt}" style="width:100%;height:auto" src="data:image/png;base64,{data}">'  # fmt: skip


def with_chart_pictures(html: str) -> str:
    """Return `html` with each inline SVG chart replaced by a PNG picture of the same width."""
    return _SVG.sub(_as_picture, html)


def pdf_of(html: str, *, charts: ChartMode = "png") -> bytes:
    """Return the PDF of a report page (A4, its print stylesheet), loading nothing from outside.

    `charts="svg"` lets WeasyPrint draw the inline SVG itself (vector, several times
    slower); the default prints them as pictures (see the module docstring).
    """
    page = with_chart_pictures(html) if charts == "png" else html
    with _quiet():
        document = weasyprint().HTML(string=page, url_fetcher=offline_fetcher()).render()
        data = document.write_pdf()
    if not isinstance(data, bytes):  # pragma: no cover - WeasyPrint returns bytes without a target
        raise TypeError("WeasyPrint returned no PDF")
    return data


WARM_UP_PAGE = "<p>Xin chào — Hải Phòng</p>"


def warm_up() -> None:
    """Import WeasyPrint and print a line (about 1–3 s, once per process).

    Run where PDFs will be made (a PDF process at the start of a run), so the first
    report's PDF does not wait.
    """
    pdf_of(WARM_UP_PAGE)
