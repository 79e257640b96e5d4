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
from collections.abc import Iterator
from typing import Any

A4_POINTS = (595.28, 841.89)
"""A4 in PostScript points (210 × 297 mm), as a PDF page's media box states it."""


def _offline_fetcher(url: str, *args: Any, **kwargs: Any) -> Any:
    """Read `data:` URIs only; the report names no other resource."""
    from weasyprint import default_url_fetcher  # noqa: PLC0415 - heavy import, PDF only

    if not url.startswith("data:"):
        raise ValueError(f"the report may not load {url!r}")
    return default_url_fetcher(url, *args, **kwargs)


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
    from weasyprint import HTML  # noqa: PLC0415 - heavy import, PDF only

    with _quiet():
        document = HTML(string=html, url_fetcher=_offline_fetcher).render()
        data = document.write_pdf()
    if not isinstance(data, bytes):  # pragma: no cover - WeasyPrint returns bytes without a target
        raise TypeError("WeasyPrint returned no PDF")
    return data
