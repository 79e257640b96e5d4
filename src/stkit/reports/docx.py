"""The report as an editable Word draft in the administrative format of Decree 30/2020/NĐ-CP.

Built from the rendered HTML page, so the draft follows the report whatever
sections it has: headings become Word headings, paragraphs and lists stay text,
tables become Word tables (header row repeated on each page, no row split across
pages), charts (inline SVG) and images become pictures at the width of the text.
Style, script and hidden elements are left out.

A Vietnamese draft opens with the national heading of an administrative document
(agency, number and date left for the planner to fill in; `_national_heading`).

Format (Decree 30/2020/NĐ-CP, Appendix I, "Thể thức và kỹ thuật trình bày văn bản
hành chính"): A4 paper, portrait; margins 20–25 mm top and bottom, 30–35 mm left,
15–20 mm right (here 20, 20, 30 and 15 mm); Vietnamese Unicode font Times New Roman,
black; body text 13 pt (the decree's 13–14); page numbers in Arabic figures,
centred in the top margin, not shown on the first page. Table text is 11 pt so
that a scorecard's columns fit the 165 mm text width.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import weakref
import zipfile
from collections.abc import Iterable
from typing import Any

import vl_convert as vlc
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import html as lxml_html

FONT = "Times New Roman"
BODY_PT = 13
TABLE_PT = 11
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
HEADING_PT = {1: 14, 2: 13, 3: 13, 4: 13}
_SKIP = frozenset({"style", "script", "head", "title", "meta", "noscript", "template"})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
_SPACE = re.compile(r"\s+")
_SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'
_DATA_URI = re.compile(r"data:image/(?:png|jpeg);base64,(.*)", re.DOTALL)


def _text(node: Any) -> str:
    """The node's visible text, whitespace collapsed (style and script left out)."""
    parts: list[str] = []

    def walk(element: Any) -> None:
        if isinstance(element.tag, str) and element.tag.lower() in _SKIP:
            if element.tail:
                parts.append(element.tail)
            return
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tail and not (isinstance(child.tag, str) and child.tag.lower() in _SKIP):
                parts.append(child.tail)

    walk(node)
    return _SPACE.sub(" ", "".join(parts)).strip()


def _set_font(style_or_run_font: Any, size: float | None = None) -> None:
    """Times New Roman for every script (Latin and East Asian), black."""
    style_or_run_font.name = FONT
    style_or_run_font.color.rgb = RGBColor(0, 0, 0)
    if size is not None:
        style_or_run_font.size = Pt(size)


def _east_asian(style: Any) -> None:
    r_pr = style.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _page_number_header(section: Any) -> None:
    """A centred PAGE field in the header; none on the first page (Decree 30)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    _set_font(run.font, BODY_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


def new_document(*, title: str = "", lang: str = "vi") -> Any:
    """Return an empty document set up in the Decree 30 format (see the module docstring)."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    styles = document.styles
    for name in ("Normal", "List Bullet", "Caption", "Table Grid"):
        _set_font(styles[name].font, BODY_PT if name != "Table Grid" else TABLE_PT)
        _east_asian(styles[name])
    styles["Normal"].paragraph_format.space_after = Pt(6)
    for level, size in HEADING_PT.items():
        style = styles[f"Heading {level}"]
        _set_font(style.font, size)
        _east_asian(style)
        style.font.bold = True
        style.font.italic = level == 3
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_before = Pt(12 if level <= 2 else 6)
        style.paragraph_format.space_after = Pt(6)
    _page_number_header(section)
    document.core_properties.title = title
    document.core_properties.language = lang
    return document


_STYLE_IDS: weakref.WeakKeyDictionary[Any, dict[str, str | None]] = weakref.WeakKeyDictionary()


def _styled(document: Any, text: str, style: str) -> Any:
    """`document.add_paragraph(text, style=style)`, the style's id looked up once per document.

    python-docx searches the style part (and its default style) on every paragraph;
    the paragraph written is the same.
    """
    ids = _STYLE_IDS.setdefault(document.part, {})
    if style not in ids:
        ids[style] = document.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
    paragraph = document.add_paragraph(text)
    paragraph._p.style = ids[style]
    return paragraph


def _svg_png(svg: str) -> bytes:
    """Draw an inline SVG (namespace dropped for HTML) to PNG at twice its size."""
    if "xmlns=" not in svg.split(">", 1)[0]:
        svg = svg.replace("<svg", f"<svg {_SVG_NS}", 1)
    return bytes(vlc.svg_to_png(svg, scale=2.0))


def _picture(document: Any, png: bytes) -> None:
    document.add_picture(io.BytesIO(png), width=Mm(TEXT_WIDTH_MM))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _keep_together(row: Any, *, header: bool) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _rows(table: Any) -> list[tuple[bool, list[tuple[str, int]]]]:
    """(is header, [(cell text, colspan)]) for each row of an HTML table, header rows first."""
    rows: list[tuple[bool, list[tuple[str, int]]]] = []
    for row in table.iter("tr"):
        cells = [c for c in row if isinstance(c.tag, str) and c.tag.lower() in ("th", "td")]
        if not cells:
            continue
        in_head = row.getparent() is not None and row.getparent().tag.lower() == "thead"
        header = in_head or all(c.tag.lower() == "th" for c in cells)
        rows.append((header, [(_text(c), max(1, int(c.get("colspan", "1") or 1))) for c in cells]))
    return rows


def _table(document: Any, table: Any) -> None:
    rows = _rows(table)
    if not rows:
        return
    width = max(sum(span for _, span in cells) for _, cells in rows)
    grid = document.add_table(rows=len(rows), cols=width)
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for (header, cells), row in zip(rows, grid.rows, strict=True):
        _keep_together(row, header=header)
        column = 0
        row_cells = row.cells  # the row's cells as made; a merge below joins later ones
        for text, span in cells:
            if column >= width:
                break
            cell = row_cells[column]
            if span > 1:
                cell = cell.merge(row_cells[min(width, column + span) - 1])
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            run = paragraph.add_run(text)
            run.font.size = Pt(TABLE_PT)
            run.font.bold = header
            column += span
    _column_widths(grid, rows, width)
    document.add_paragraph()


def column_weights(rows: list[tuple[bool, list[tuple[str, int]]]], width: int) -> list[float]:
    """Each column's share of the text width, by the longest word run it holds.

    A column's weight is the length of its longest cell text, kept between 4 and 60
    characters, so a column of codes stays narrow and a column of task titles wide.
    """
    longest = [4] * width
    for _, cells in rows:
        column = 0
        for text, span in cells:
            if span == 1 and column < width:
                longest[column] = max(longest[column], min(60, len(text)))
            column += span
    total = sum(longest)
    return [n / total for n in longest]


def _column_widths(grid: Any, rows: list[tuple[bool, list[tuple[str, int]]]], width: int) -> None:
    grid.autofit = False
    shares = column_weights(rows, width)
    every = grid._cells  # row by row; `column.cells` would build it again for each column
    for index, (column, share) in enumerate(zip(grid.columns, shares, strict=True)):
        size = Mm(TEXT_WIDTH_MM * share)
        column.width = size
        for cell in every[index::width]:
            cell.width = size


def _list(document: Any, node: Any) -> None:
    style = "List Number" if node.tag.lower() == "ol" else "List Bullet"
    for item in node:
        if isinstance(item.tag, str) and item.tag.lower() == "li":
            _styled(document, _text(item), style)


def _paragraph(document: Any, text: str, css: str) -> None:
    if not text:
        return
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    if "stkit-banner" in css or "stkit-error" in css:
        run.font.bold = True
    elif "stkit-note" in css or "stkit-meta" in css:
        run.font.italic = "stkit-note" in css


def _figure(document: Any, node: Any) -> None:
    caption = node.find(".//figcaption")
    if caption is not None:
        paragraph = _styled(document, _text(caption), "Caption")
        paragraph.paragraph_format.keep_with_next = True
        for run in paragraph.runs:
            _set_font(run.font, BODY_PT)
            run.font.bold = True
            run.font.italic = False
    for child in node.iter():
        _image(document, child)


def _image(document: Any, node: Any) -> None:
    tag = node.tag.lower() if isinstance(node.tag, str) else ""
    if tag == "svg":
        _picture(document, _svg_png(lxml_html.tostring(node, encoding="unicode")))
    elif tag == "img":
        found = _DATA_URI.fullmatch(node.get("src", ""))
        if found:
            _picture(document, base64.b64decode(found.group(1)))


def _blocks(document: Any, nodes: Iterable[Any]) -> None:
    """Add each HTML block (and, in containers, its children) to the document in order."""
    for node in nodes:
        if not isinstance(node.tag, str):
            continue
        tag = node.tag.lower()
        css = node.get("class", "")
        if tag in _SKIP or node.get("hidden") is not None:
            continue
        if tag in _HEADINGS:
            heading = _styled(document, _text(node), f"Heading {_HEADINGS[tag]}")
            if tag == "h1":  # the document's type and subject, centred (Decree 30)
                heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif tag == "table":
            _table(document, node)
        elif tag in ("ul", "ol"):
            _list(document, node)
        elif tag == "figure":
            _figure(document, node)
        elif tag in ("svg", "img"):
            _image(document, node)
        elif tag == "summary":
            _paragraph(document, _text(node), "stkit-banner")
        elif tag in ("p", "pre", "blockquote", "dd", "dt", "caption") or "stkit-banner" in css:
            _paragraph(document, _text(node), css)
        else:  # a container (div, section, details, main, footer, ...)
            if node.text and node.text.strip():
                _paragraph(document, _SPACE.sub(" ", node.text).strip(), css)
            _blocks(document, node)
        if node.tail and node.tail.strip() and node.getparent() is not None:
            _paragraph(document, _SPACE.sub(" ", node.tail).strip(), "")


NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
HEADING_BLANKS = {
    "parent": "[TÊN CƠ QUAN CHỦ QUẢN]",
    "issuer": "[TÊN CƠ QUAN BAN HÀNH]",
    "number": "Số: ……/BC-……",
    "place_date": "……, ngày …… tháng …… năm ……",
}
"""What the planner fills in: agency names, number and symbol, place and date."""


def _cell_line(cell: Any, text: str, size: float, *, bold: bool = False, italic: bool = False,
               first: bool = False) -> None:  # fmt: skip
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    _set_font(run.font, size)
    run.font.bold = bold
    run.font.italic = italic


def _national_heading(document: Any) -> None:
    """The first lines of a Vietnamese administrative document (Decree 30, Appendix I).

    Left: the parent agency (12 pt capitals), the issuing agency (12 pt bold
    capitals), its number and symbol (13 pt); right: the national name (12 pt bold
    capitals), the motto (13 pt bold), the place and date (13 pt italic). Agency
    names, number and date are left for the planner to fill in.
    """
    grid = document.add_table(rows=2, cols=2)
    grid.autofit = False
    widths = (Mm(TEXT_WIDTH_MM * 0.42), Mm(TEXT_WIDTH_MM * 0.58))
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    left, right = grid.rows[0].cells
    _cell_line(left, HEADING_BLANKS["parent"], 12, first=True)
    _cell_line(left, HEADING_BLANKS["issuer"], 12, bold=True)
    _cell_line(right, NATIONAL_NAME, 12, bold=True, first=True)
    _cell_line(right, MOTTO, 13, bold=True)
    number, place_date = grid.rows[1].cells
    _cell_line(number, HEADING_BLANKS["number"], 13, first=True)
    _cell_line(place_date, HEADING_BLANKS["place_date"], 13, italic=True, first=True)
    document.add_paragraph()


ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The date of every file inside the draft when no generation time is given (zip's earliest)."""


def _moment(generated_at: str | None) -> dt.datetime | None:
    if not generated_at:
        return None
    try:
        when = dt.datetime.fromisoformat(generated_at)
    except ValueError:
        return None
    return when.astimezone(dt.UTC) if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def _fixed_dates(data: bytes, when: dt.datetime | None) -> bytes:
    """Rewrite the .docx package with every member dated `when` (UTC), in the same order.

    python-docx dates each member with the clock; with one fixed date the same report
    page gives the same bytes.
    """
    stamp = ZIP_EPOCH if when is None or when.year < 1980 else when.timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = member.external_attr
            target.writestr(info, source.read(member))
    return out.getvalue()


def docx_of(page: str, *, generated_at: str | None = None) -> bytes:
    """Return the Word draft (.docx bytes) of a rendered report page (see the module docstring).

    `generated_at` (ISO 8601, the run's generation time) dates the document (its
    created and modified properties, and the files inside it), so the same page and
    time give the same bytes; without it the dates are fixed ones.
    """
    when = _moment(generated_at)
    root = lxml_html.document_fromstring(page)
    title = root.findtext(".//title") or ""
    lang = root.get("lang", "vi")
    document = new_document(title=title.strip(), lang=lang)
    if when is not None:
        document.core_properties.created = when
        document.core_properties.modified = when
    if lang == "vi":
        _national_heading(document)
    body = root.find("body")
    _blocks(document, body if body is not None else root)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_dates(buffer.getvalue(), when)
