"""The report as an A4 PDF, typeset by Typst from the report page.

The page's blocks (`stkit.reports.typst_page`) are handed as data to the print
template `report.typ`, compiled by the Typst compiler inside the `typst` wheel (Rust,
no system library): A4 portrait with margins, page numbers "n / N", headings kept
with what follows, figures and table rows never split across pages, table headers
repeated on each page, charts drawn as vectors at the width of the text, links
clickable. Only the fonts inside the compiler are used (Libertinus Serif, full
Vietnamese coverage), so the PDF is the same on every machine; nothing is loaded
from anywhere (the template reads no file, the page's pictures are inline).

The PDF is a function of the page alone: the same HTML gives the same bytes, in
any process (no creation date is written). A compiler is made once per thread
(its fonts loaded once) and reused for every page: a 12-page report prints in
about 0.1 s (docs/reports.md, Speed).
"""

from __future__ import annotations

import functools
import json
import threading
from pathlib import Path
from typing import Any

import typst

from stkit.reports.typst_page import page_json

A4_POINTS = (595.28, 841.89)
"""A4 in PostScript points (210 × 297 mm), as a PDF page's media box states it."""
TEMPLATE = Path(__file__).with_name("report.typ")
"""The print template: page, type and the layout of each kind of block."""
_COMPILERS = threading.local()


@functools.lru_cache(maxsize=1)
def _template() -> bytes:
    return TEMPLATE.read_bytes()


def _compiler() -> typst.Compiler:
    """This thread's Typst compiler of the template (fonts loaded once, not once a page)."""
    compiler = getattr(_COMPILERS, "compiler", None)
    if compiler is None:
        compiler = _COMPILERS.compiler = typst.Compiler(
            _template(), root=str(TEMPLATE.parent), ignore_system_fonts=True
        )
    return compiler


def pdf_of(html: str) -> bytes:
    """Return the A4 PDF of a report page (see the module docstring)."""
    data = _compiler().compile(_template(), format="pdf", sys_inputs={"page": page_json(html)})
    if not isinstance(data, bytes):  # pragma: no cover - one PDF, not pages
        raise TypeError("Typst returned no PDF")
    return data


def layout(html: str) -> list[tuple[list[Any], int]]:
    """Where each block and table row of the page fell: `[(marker, page number)]`, in order.

    Markers are `["block", i]`, `["heading", i]`, `["figure-end", i]`, and
    `["row-start", table, row]` / `["row-end", table, row]` (one at the end of each cell);
    `i` counts the page's blocks (`typst_page.page_data`). Used to check the print rules.
    """
    compiler = typst.Compiler(
        _template(),
        root=str(TEMPLATE.parent),
        ignore_system_fonts=True,
        sys_inputs={"page": page_json(html)},
    )
    marks = json.loads(compiler.query("<stkit-layout>", field="value", one=True, format="json"))
    return [(list(value), int(page)) for value, page in marks]


WARM_UP_PAGE = "<p>Xin chào — Hải Phòng</p>"


def warm_up() -> None:
    """Load the compiler's fonts and print a line (a few hundredths of a second, once per thread)."""
    pdf_of(WARM_UP_PAGE)
