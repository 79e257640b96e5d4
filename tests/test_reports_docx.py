"""The Word draft: Decree 30/2020/NĐ-CP page format, and the report's headings, tables and charts."""

from __future__ import annotations

import base64
import io
import re
from typing import Any

import pytest
import vl_convert as vlc
from docx import Document
from docx.oxml.ns import qn
from lxml import html as lxml_html

from report_page import report_page
from stkit.reports.docx import MOTTO, NATIONAL_NAME, docx_of
from stkit.reports.html import page

# Decree 30/2020/NĐ-CP, Appendix I: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
DECREE_MARGINS_MM = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
EMU_PER_MM = 36000


def _mm(length: Any) -> float:
    return int(length) / EMU_PER_MM


@pytest.fixture(scope="module", params=["vi", "en"])
def hai_phong(request: pytest.FixtureRequest) -> tuple[Any, Any]:
    markup = report_page("hai-phong", 2025, request.param)
    return lxml_html.document_fromstring(markup), Document(io.BytesIO(docx_of(markup)))


def test_page_is_a4_portrait_with_the_decree_margins(hai_phong: tuple[Any, Any]) -> None:
    _, document = hai_phong
    (section,) = document.sections
    assert (_mm(section.page_width), _mm(section.page_height)) == pytest.approx((210, 297), abs=0.1)
    for side, (low, high) in DECREE_MARGINS_MM.items():
        # Word stores margins in twentieths of a point: 15 mm is kept as 14.993 mm
        assert low - 0.01 <= _mm(getattr(section, f"{side}_margin")) <= high, side


def test_page_numbers_centred_at_the_top_but_not_on_the_first_page(
    hai_phong: tuple[Any, Any],
) -> None:
    _, document = hai_phong
    (section,) = document.sections
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0]
    assert header.alignment == 1  # centre
    assert "PAGE" in "".join(t.text for t in header._p.iter(qn("w:instrText")))
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()


def test_text_is_times_new_roman_13_to_14_pt(hai_phong: tuple[Any, Any]) -> None:
    _, document = hai_phong
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert 13 <= normal.font.size.pt <= 14
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Times New Roman"
    for level in (1, 2, 3):
        style = document.styles[f"Heading {level}"]
        assert style.font.name == "Times New Roman"
        assert 13 <= style.font.size.pt <= 14
        assert str(style.font.color.rgb) == "000000"


def _html_headings(root: Any) -> list[tuple[int, str]]:
    found = root.xpath("//main//*[self::h1 or self::h2 or self::h3 or self::h4]")
    return [(int(h.tag[1]), re.sub(r"\s+", " ", h.text_content()).strip()) for h in found]


def test_same_headings_in_the_same_order(hai_phong: tuple[Any, Any]) -> None:
    root, document = hai_phong
    headings = [
        (int(p.style.name.split()[-1]), p.text)
        for p in document.paragraphs
        if p.style.name.startswith("Heading")
    ]
    assert headings == _html_headings(root)
    assert len(headings) >= 8


def _cells(row: Any) -> list[str]:
    return [re.sub(r"\s+", " ", c.text_content()).strip() for c in row.xpath("./th|./td")]


def test_same_tables_with_header_rows_repeated_and_rows_kept_whole(
    hai_phong: tuple[Any, Any],
) -> None:
    root, document = hai_phong
    html_tables = root.xpath("//main//table")
    tables = document.tables[1:] if root.get("lang") == "vi" else document.tables
    assert len(tables) == len(html_tables) >= 5
    for html_table, table in zip(html_tables, tables, strict=True):
        html_rows = [r for r in html_table.iter("tr") if _cells(r)]
        assert len(table.rows) == len(html_rows)
        assert [c.text for c in table.rows[0].cells] == _cells(html_rows[0])
        assert [c.text for c in table.rows[-1].cells] == _cells(html_rows[-1])
        first = table.rows[0]._tr.trPr
        assert first.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)


def test_each_chart_is_a_picture_at_the_text_width(hai_phong: tuple[Any, Any]) -> None:
    root, document = hai_phong
    charts = root.xpath("//figure[contains(@class, 'stkit-chart')]")
    assert len(charts) >= 3  # one per target at least
    pictures = document.inline_shapes
    assert len(pictures) >= len(charts)
    for picture in pictures:
        assert _mm(picture.width) == pytest.approx(210 - 30 - 15, abs=0.5)
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == [c.findtext("figcaption") for c in charts]


PNG_SMALL = base64.b64encode(
    vlc.svg_to_png(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
        '<rect width="4" height="4" fill="#1f5aa6"/></svg>'
    )
).decode()


def test_any_section_of_the_page_is_carried_over() -> None:
    body = (
        "<h2>Tóm tắt</h2><p>Một câu <strong>đậm</strong> và tiếp.</p>"
        "<ul><li>một</li><li>hai</li></ul>"
        "<details><summary>Nhiệm vụ (2)</summary><p>ẩn trong HTML</p></details>"
        "<table><thead><tr><th colspan='2'>Nhóm</th><th>Tổng</th></tr></thead>"
        "<tbody><tr><td>a</td><td>b</td><td>3</td></tr></tbody></table>"
        f'<img alt="" src="data:image/png;base64,{PNG_SMALL}">'
        "<style>.x{color:red}</style><script>alert(1)</script>"
    )
    markup = page(body, title="T", lang="vi", generated_at="01/07/2025 08:00")
    document = Document(io.BytesIO(docx_of(markup)))
    texts = [p.text for p in document.paragraphs]
    assert "Tóm tắt" in texts
    assert "Một câu đậm và tiếp." in texts
    assert [p.text for p in document.paragraphs if p.style.name == "List Bullet"] == ["một", "hai"]
    assert "Nhiệm vụ (2)" in texts
    assert "ẩn trong HTML" in texts
    heading, table = document.tables
    assert heading.rows[0].cells[1].text == f"{NATIONAL_NAME}\n{MOTTO}"
    assert [c.text for c in table.rows[0].cells] == ["Nhóm", "Nhóm", "Tổng"]  # merged cell
    assert [c.text for c in table.rows[1].cells] == ["a", "b", "3"]
    assert len(document.inline_shapes) == 1
    assert not any("alert" in t or "color:red" in t for t in texts)
    assert document.core_properties.title == "T"


def test_columns_share_the_text_width_by_their_longest_text() -> None:
    from stkit.reports.docx import TEXT_WIDTH_MM, column_weights  # noqa: PLC0415

    rows = [
        (True, [("Mã", 1), ("Nội dung", 1), ("Năm", 1)]),
        (False, [("P1 · HP.1", 1), ("x" * 200, 1), ("2025", 1)]),
    ]
    # longest texts 9, 200 (kept at 60) and 4 characters: 9 + 60 + 4 = 73
    assert column_weights(rows, 3) == pytest.approx([9 / 73, 60 / 73, 4 / 73])
    markup = page(
        "<table><tr><th>Mã</th><th>Nội dung</th><th>Năm</th></tr>"
        f"<tr><td>P1 · HP.1</td><td>{'x' * 200}</td><td>2025</td></tr></table>",
        title="T", lang="vi", generated_at="",
    )  # fmt: skip
    _, table = Document(io.BytesIO(docx_of(markup))).tables
    widths = [_mm(cell.width) for cell in table.rows[1].cells]
    assert widths == pytest.approx([TEXT_WIDTH_MM * w for w in (9 / 73, 60 / 73, 4 / 73)], abs=0.1)


@pytest.mark.parametrize(("lang", "tables"), [("vi", 2), ("en", 1)])
def test_a_vietnamese_draft_opens_with_the_national_heading(lang: str, tables: int) -> None:
    markup = page("<h1>Báo cáo</h1><table><tr><td>1</td></tr></table>", title="T", lang=lang,
                  generated_at="")  # fmt: skip
    document = Document(io.BytesIO(docx_of(markup)))
    assert len(document.tables) == tables
    if lang == "vi":
        left, right = document.tables[0].rows[0].cells
        national, motto = right.paragraphs
        assert (national.text, motto.text) == (NATIONAL_NAME, MOTTO)
        assert national.runs[0].font.bold
        assert 12 <= national.runs[0].font.size.pt <= 13  # Decree 30: 12–13 pt capitals
        assert 13 <= motto.runs[0].font.size.pt <= 14  # 13–14 pt
        assert "[TÊN CƠ QUAN BAN HÀNH]" in left.text
