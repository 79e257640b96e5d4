"""The A4 PDF: page size and count, nothing split or stranded by a page break, offline, wired in."""

from __future__ import annotations

import collections
import io
import itertools
import os
import re
import signal
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html
from pypdf import PdfReader

from report_page import report_page
from stkit.cli import main
from stkit.reports.display import escape
from stkit.reports.pdf import A4_POINTS, WARM_UP_PAGE, layout, pdf_of
from stkit.reports.pdf_processes import PdfProcesses
from stkit.reports.runner import (
    REPORT_DOCX,
    REPORT_HTML,
    REPORT_PDF,
    KernelPool,
    ReportJob,
    RunOptions,
    run_report,
)
from stkit.reports.typst_page import page_data

MAX_PAGES_HAI_PHONG = 12
MINI = Path(__file__).parent / "data" / "reports" / "mini.ipynb"
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_PAGE_NUMBER = re.compile(r"^\s*(\d+) / (\d+)\s*$", re.MULTILINE)


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
    for number, pdf_page in enumerate(reader.pages, start=1):  # page numbers printed
        assert f"{number} / {len(reader.pages)}" in pdf_page.extract_text()


def _page_text(markup: str) -> str:
    """The page's text as shown, each element's text apart (style, script, title left out)."""
    root = lxml_html.document_fromstring(markup)
    for node in list(root.iter("style", "script", "title")):
        node.drop_tree()
    body = root.find("body")
    assert body is not None
    return " ".join(body.itertext())


def _pdf_text(reader: PdfReader) -> str:
    return "\n".join(p.extract_text() for p in reader.pages)


def test_the_pdf_shows_every_number_and_sentence_of_the_page(
    hai_phong_pdf: tuple[str, PdfReader],
) -> None:
    lang, reader = hai_phong_pdf
    markup = report_page("hai-phong", 2025, lang)
    printed = _pdf_text(reader)
    on_page = collections.Counter(_NUMBER.findall(_page_text(markup)))
    in_pdf = collections.Counter(_NUMBER.findall(printed))
    assert on_page - in_pdf == collections.Counter()  # every figure, as often as shown
    # more only where the print adds text: page numbers and table headers repeated
    heads = " ".join(
        " ".join(c.get("x", "") for cell in row for c in cell["c"])
        for block in page_data(markup)["blocks"]
        if block["k"] == "table"
        for row in block["head"]
    )
    added = set(_NUMBER.findall(heads)) | {n for m in _PAGE_NUMBER.findall(printed) for n in m}
    assert set(in_pdf - on_page) <= added
    squeezed = "".join(printed.split())
    for block in page_data(markup)["blocks"]:  # headings and paragraphs, word for word
        if block["k"] in ("h", "p"):
            shown = "".join(c.get("x", "") for c in block["c"])
            assert "".join(shown.split()) in squeezed


@pytest.fixture(scope="module")
def marks() -> list[tuple[list[object], int]]:
    """Where each block and table row of the Vietnamese Hải Phòng report fell."""
    return layout(report_page("hai-phong", 2025, "vi"))


def _pages_of(
    marks: list[tuple[list[object], int]], *kinds: str
) -> dict[tuple[object, ...], set[int]]:
    seen: dict[tuple[object, ...], set[int]] = collections.defaultdict(set)
    for mark, page in marks:
        if mark[0] in kinds:
            seen[tuple(mark[1:])].add(page)
    return seen


def _header_rows() -> set[tuple[object, ...]]:
    blocks = page_data(report_page("hai-phong", 2025, "vi"))["blocks"]
    return {
        (i, y) for i, b in enumerate(blocks) if b["k"] == "table" for y in range(len(b["head"]))
    }


def test_no_table_row_and_no_chart_is_split_across_pages(
    marks: list[tuple[list[object], int]],
) -> None:
    rows = _pages_of(marks, "row-start", "row-end")
    heads = _header_rows()
    assert len(rows) > 100
    assert {k: v for k, v in rows.items() if len(v) > 1 and k not in heads} == {}
    blocks = page_data(report_page("hai-phong", 2025, "vi"))["blocks"]
    charts = [i for i, b in enumerate(blocks) if b["k"] == "figure" and b["svgs"]]
    assert len(charts) == report_page("hai-phong", 2025, "vi").count('class="stkit-chart"') >= 3
    figures = _pages_of(marks, "block", "figure-end")
    assert all(len(figures[(i,)]) == 1 for i in charts)  # every chart whole on one page


def test_a_split_table_repeats_its_header(marks: list[tuple[list[object], int]]) -> None:
    rows = _pages_of(marks, "row-start", "row-end")
    heads = _header_rows()
    spans: dict[object, set[int]] = collections.defaultdict(set)
    for (table, row), pages in rows.items():
        if (table, row) not in heads:
            spans[table] |= pages
    split = {t: p for t, p in spans.items() if len(p) > 1}
    assert split  # the task list is longer than a page
    for table, pages in split.items():
        assert rows[(table, 0)] == pages  # the header on every page the table's rows reach


def test_no_heading_ends_a_page(marks: list[tuple[list[object], int]]) -> None:
    for (mark, page), (_, following) in itertools.pairwise(marks):
        if mark[0] == "heading":
            assert following == page, mark


def test_charts_are_vectors_with_their_text() -> None:
    markup = report_page("hai-phong", 2025, "en")
    reader = PdfReader(io.BytesIO(pdf_of(markup)))
    for pdf_page in reader.pages:  # no picture: every chart drawn as paths and text
        resources = pdf_page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        kinds = {xobjects[name].get_object().get("/Subtype") for name in xobjects}
        assert "/Image" not in kinds
    svg_text = re.findall(r"<text[^>]*>([^<]+)</text>", markup)
    assert svg_text
    printed = "".join(_pdf_text(reader).split())
    assert all("".join(t.split()) in printed for t in svg_text)


def test_links_are_clickable() -> None:
    markup = report_page("hai-phong", 2025, "vi")
    href = re.search(r'<a href="([^"]+)"', markup)
    assert href is not None
    reader = PdfReader(io.BytesIO(pdf_of(markup)))
    uris = [
        annot.get_object()["/A"]["/URI"]
        for p in reader.pages
        for annot in p.get("/Annots") or []
        if "/A" in annot.get_object()
    ]
    assert href.group(1) in uris


def test_the_pdf_loads_nothing_from_another_host() -> None:
    page = (
        '<html><body><p>x</p><img src="https://example.org/t.png">'
        '<svg width="10" height="10"><image href="https://example.org/t.png" width="10" '
        'height="10"/></svg></body></html>'
    )
    assert pdf_of(page).startswith(b"%PDF-")
    assert [b["k"] for b in page_data(page)["blocks"]] == ["p", "svg"]  # no picture fetched


_SHOWN = st.text(
    alphabet=st.sampled_from(
        "abcxyzABCXYZ0123456789 #$*_`<>@[]\\/=+-~'\"{}()%&;:,.!?^|"
        "ăâđêôơưĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
    ),
    min_size=1,
    max_size=60,
).filter(lambda t: t.strip())


@given(_SHOWN)
def test_any_text_is_printed_as_it_is(text: str) -> None:
    page = f'<html lang="vi"><body><h2>{escape(text)}</h2><p>{escape(text)}</p></body></html>'
    printed = PdfReader(io.BytesIO(pdf_of(page))).pages[0].extract_text()
    assert "".join(printed.split()).count("".join(text.split())) >= 2


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=80))
def test_no_text_breaks_the_print(text: str) -> None:
    page = f"<html><body><p>{escape(text)}</p><table><tr><td>{escape(text)}</td></tr></table>"
    assert pdf_of(page + "</body></html>").startswith(b"%PDF-")


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


def test_the_same_page_prints_to_the_same_bytes_here_and_in_a_pdf_process() -> None:
    markup = report_page("hai-phong", 2025, "en")
    here = pdf_of(markup)
    assert pdf_of(markup) == here
    with PdfProcesses(1) as printers:
        assert printers.submit(markup)() == here
    assert b"/CreationDate" not in here  # no clock in the file


def _pids(printers: PdfProcesses) -> list[int]:
    executor = printers._executor
    assert executor is not None
    printers.submit(WARM_UP_PAGE)()  # the processes have started
    return [p.pid for p in (executor._processes or {}).values() if p.pid is not None]


def test_a_pdf_process_that_dies_is_replaced_by_printing_in_the_thread() -> None:
    with PdfProcesses(1) as printers:
        (pid,) = _pids(printers)
        os.kill(pid, signal.SIGKILL)
        printed = [printers.submit(WARM_UP_PAGE)() for _ in range(2)]
    assert printed == [pdf_of(WARM_UP_PAGE)] * 2


def test_stopped_pdf_processes_end_at_once() -> None:
    printers = PdfProcesses(2).__enter__()
    pids = _pids(printers)
    printers.stop()
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in pids)
    assert printers.submit(WARM_UP_PAGE)().startswith(b"%PDF-")  # later ones print here
    printers.__exit__(None, None, None)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return False
    return waited == 0


@pytest.mark.slow
def test_the_pdf_and_word_draft_do_not_depend_on_where_the_pdf_is_printed(tmp_path: Path) -> None:
    stamp = "2025-07-01T01:00:00+00:00"
    files = []
    for processes in (0, 1):
        target = tmp_path / str(processes) / "mini" / "2024"
        job = ReportJob("mini", 2024, "vi", "Mini", MINI, target)
        record = run_report(job, RunOptions(pdf_processes=processes), generated_at=stamp)
        assert record.status == "ok", record.error
        files.append({name: (target / name).read_bytes() for name in (REPORT_PDF, REPORT_DOCX)})
    assert files[0] == files[1]


@pytest.mark.slow
def test_a_stopped_run_ends_its_pdf_processes() -> None:
    pids: list[int] = []

    def stopped_run() -> None:
        with KernelPool(1, RunOptions(pdf_processes=1)) as pool:
            assert pool._pdf is not None
            pids.extend(_pids(pool._pdf))
            raise SystemExit(143)  # what SIGTERM becomes during a run

    with pytest.raises(SystemExit):
        stopped_run()
    assert pids
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in pids)
