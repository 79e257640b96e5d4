"""The report as an A4 PDF: the HTML page printed by WeasyPrint with its print stylesheet.

WeasyPrint lays the page out on the system's Pango (Debian: `libpango-1.0-0`,
`libpangoft2-1.0-0`, present on any desktop or `python:3` image) and applies the
page's `@media print` rules (`stkit.reports.html`): A4 with margins, page numbers,
no table row split across pages, headings and chart titles kept with what follows,
the table header repeated on each page, charts at the width of the page. The page
loads nothing: only `data:` URIs are read, any other address is refused.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator
from types import ModuleType
from typing import Any, cast

A4_POINTS = (595.28, 841.89)
"""A4 in PostScript points (210 × 297 mm), as a PDF page's media box states it."""


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


def pdf_of(html: str) -> bytes:
    """Return the PDF of a report page (A4, its print stylesheet), loading nothing from outside."""
    with _quiet():
        document = weasyprint().HTML(string=html, url_fetcher=offline_fetcher()).render()
        data = document.write_pdf()
    if not isinstance(data, bytes):  # pragma: no cover - WeasyPrint returns bytes without a target
        raise TypeError("WeasyPrint returned no PDF")
    return data


def warm_up() -> None:
    """Import WeasyPrint and print a line (about 1–3 s, once per process).

    Run in a thread while kernels run the notebooks, so the first PDF does not wait.
    """
    pdf_of("<p>Xin chào — Hải Phòng</p>")
