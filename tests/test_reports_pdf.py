"""The A4 PDF: page size and count, nothing split or stranded by a page break, offline, wired in."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from report_page import report_page
from stkit.cli import main
from stkit.reports.pdf import A4_POINTS, offline_fetcher, pdf_of, weasyprint
from stkit.reports.runner import (
    REPORT_DOCX,
    REPORT_HTML,
    REPORT_PDF,
    ReportJob,
    RunOptions,
    run_report,
)

MAX_PAGES_HAI_PHONG = 12
MINI = Path(__file__).parent / "data" / "reports" / "mini.ipynb"


@pytest.fixture(scope="module", params=["vi", "en"])
def hai_phong_pdf(request: pytest.FixtureRequest) -> tuple[str, PdfReader]:
    lang = request.param
    return lang, PdfReader(io.BytesIO(pdf_of(report_page("hai-phong", 2025, lang))))


def test_hai_phong_pdf_is_a4_and_at_most_12_pages(hai_phong_pdf: tuple[str, PdfReader]) -> None:
    lang, reader = hai_phong_pdf
    assert 2 <= len(reader.pages) <= MAX_PAGES_HAI_PHONG
    for pdf_page in reader.pages:
        box = pdf_page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(A4_POINTS, abs=0.5)
    first = reader.pages[0].extract_text()
    assert "Hải Phòng" in first
    assert ("Năm báo cáo" if lang == "vi" else "Report year") in first
    last = reader.pages[-1].extract_text()
    assert f"{len(reader.pages)} / {len(reader.pages)}" in last  # page numbers printed


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", []):
        yield from _boxes(child)


def _laid_out() -> list[list[Any]]:
    """The boxes of each page of the Hải Phòng report as WeasyPrint lays it out."""
    document = weasyprint().HTML(string=report_page("hai-phong", 2025, "vi")).render()
    return [list(_boxes(p._page_box)) for p in document.pages]


def _chart_count() -> int:
    return report_page("hai-phong", 2025, "vi").count('<figure class="stkit-chart"')


@pytest.fixture(scope="module")
def pages() -> list[list[Any]]:
    return _laid_out()


def _elements_by_page(pages: list[list[Any]], tags: set[str]) -> dict[int, set[int]]:
    """id of each element with one of `tags` → the pages it appears on."""
    seen: dict[int, set[int]] = {}
    for number, boxes in enumerate(pages):
        for box in boxes:
            if getattr(box, "element_tag", None) in tags and box.element is not None:
                seen.setdefault(id(box.element), set()).add(number)
    return seen


def _header_rows(pages: list[list[Any]]) -> set[int]:
    """ids of the rows of table headers (drawn again on each page a table spans)."""
    return {
        id(row.element)
        for boxes in pages
        for box in boxes
        if getattr(box, "element_tag", None) == "thead"
        for row in _boxes(box)
        if getattr(row, "element_tag", None) == "tr"
    }


def test_no_table_row_and_no_chart_is_split_across_pages(pages: list[list[Any]]) -> None:
    heads = _header_rows(pages)
    split = {
        k: v
        for k, v in _elements_by_page(pages, {"tr", "figure"}).items()
        if len(v) > 1 and k not in heads
    }
    assert split == {}
    figures = _elements_by_page(pages, {"figure"})
    assert len(figures) == _chart_count() >= 3  # every chart, each whole on one page


def test_a_split_table_repeats_its_header(pages: list[list[Any]]) -> None:
    tables = _elements_by_page(pages, {"table"})
    split = [pages_of for pages_of in tables.values() if len(pages_of) > 1]
    assert split  # the task list is longer than a page
    rows = _elements_by_page(pages, {"tr"})
    repeated = [rows[k] for k in _header_rows(pages) if len(rows[k]) > 1]
    assert sorted(map(sorted, repeated)) == sorted(map(sorted, split))


def test_no_heading_or_caption_ends_a_page(pages: list[list[Any]]) -> None:
    for number, boxes in enumerate(pages[:-1]):
        blocks = [
            b for b in boxes
            if getattr(b, "element_tag", None) in {"h1", "h2", "h3", "figcaption", "p", "tr",
                                                  "li", "svg", "figure", "table"}
        ]  # fmt: skip
        last = max(blocks, key=lambda b: b.position_y + b.height)
        assert last.element_tag not in {"h1", "h2", "h3", "figcaption"}, number


def test_charts_are_drawn_at_the_width_of_the_text(pages: list[list[Any]]) -> None:
    widths = [
        box.width
        for boxes in pages
        for box in boxes
        if str(getattr(box, "element_tag", "")).endswith("svg")
    ]
    text_width = max(
        box.width for boxes in pages for box in boxes if getattr(box, "element_tag", None) == "main"
    )
    assert len(widths) == _chart_count()
    assert all(w == pytest.approx(text_width, rel=0.01) for w in widths)


def test_the_pdf_loads_nothing_from_another_host() -> None:
    with pytest.raises(ValueError, match="disallowed protocol"):
        offline_fetcher().fetch("https://example.org/tracker.png")
    page = '<html><body><p>x</p><img src="https://example.org/t.png"></body></html>'
    assert pdf_of(page).startswith(b"%PDF-")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("formats", "written", "absent"),
    [
        (("html", "pdf", "docx"), {REPORT_HTML, REPORT_PDF, REPORT_DOCX}, set()),
        (("pdf",), {REPORT_PDF}, {REPORT_HTML, REPORT_DOCX}),
    ],
)
def test_runner_writes_the_chosen_formats(
    tmp_path: Path, formats: tuple[str, ...], written: set[str], absent: set[str]
) -> None:
    target = tmp_path / "mini" / "2024"
    job = ReportJob("mini", 2024, "vi", "Mini", MINI, target)
    record = run_report(job, RunOptions(formats=formats))
    assert record.status == "ok", record.error
    names = {p.name for p in target.iterdir()}
    assert written <= names
    assert not absent & names
    assert not [n for n in names if n.startswith(".")]  # nothing left from staging
    if REPORT_PDF in written:
        reader = PdfReader(target / REPORT_PDF)
        assert float(reader.pages[0].mediabox.width) == pytest.approx(A4_POINTS[0], abs=0.5)


@pytest.mark.parametrize(
    ("lang", "message"),
    [("vi", "không có định dạng xls"), ("en", "no format xls")],
)
def test_cli_refuses_an_unknown_format_in_the_report_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, message: str
) -> None:
    out = tmp_path / "out"
    code = main(["report", "hai-phong", "--lang", lang, "--format", "pdf,xls", "--out", str(out)])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
