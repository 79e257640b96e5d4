"""The report page's blocks as the print template receives them (stkit.reports.typst_page)."""

from __future__ import annotations

import base64
import io
import struct
import zlib

import pytest
from pypdf import PdfReader

from stkit.reports.pdf import pdf_of
from stkit.reports.typst_page import column_weights, page_data, text_of


def _blocks(body: str) -> list[dict[str, object]]:
    blocks = page_data(
        f'<html lang="en"><head><title> T  x </title></head><body>{body}</body></html>'
    )
    return blocks["blocks"]  # type: ignore[no-any-return]


def test_title_and_language_come_from_the_page() -> None:
    data = page_data(
        '<html lang="en-GB"><head><title> A\n report </title></head><body></body></html>'
    )
    assert (data["title"], data["lang"], data["blocks"]) == ("A report", "en", [])
    assert page_data('<html lang="1"><body><p>x</p></body></html>')["lang"] == "vi"


def test_white_space_collapses_across_runs_as_a_browser_shows_it() -> None:
    (block,) = _blocks("<p>\n  Rate  <strong> 44,5 %</strong>  in <em>2024</em>\n</p>")
    assert block["c"] == [
        {"x": "Rate "},
        {"x": "44,5 %", "b": 1},
        {"x": " in "},
        {"x": "2024", "i": 1},
    ]
    assert text_of(block["c"]) == "Rate 44,5 % in 2024"  # type: ignore[arg-type]


def test_links_swatches_and_line_breaks_are_runs() -> None:
    (block,) = _blocks(
        '<p class="stkit-legend"><a href="../x.html">over<small>view</small></a><br>'
        '<span class="stkit-swatch" style="background:#b7e1cd">&#160;</span>&#160;On track'
        '<span class="stkit-swatch" style="background:url(x)">?</span></p>'
    )
    assert block["cls"] == "stkit-legend"
    assert block["c"] == [
        {"x": "over", "a": "../x.html"},
        {"x": "view", "a": "../x.html", "sm": 1},
        {"br": 1},
        {"sw": "#b7e1cd"},
        {"x": "\xa0On track?"},  # a colour other than #rgb/#rrggbb is not passed on
    ]


def test_containers_give_their_childrens_blocks_in_order() -> None:
    body = (
        '<section><h2>A</h2>loose <b>text</b><div class="stkit-banner">Note</div>'
        "<details><summary>More</summary><ul class='stkit-compact'><li>one</li><li> </li>"
        "<li>two</li></ul></details><ol><li>first</li></ol></section>"
        '<pre class="stkit-text">a  b\n c\n</pre><div class="stkit-error">Error:\n  x</div>'
        "<p hidden>gone</p><script>alert(1)</script><hr>tail"
    )
    kinds = [(b["k"], b.get("cls", "")) for b in _blocks(body)]
    assert kinds == [
        ("h", ""),
        ("p", ""),
        ("p", "stkit-banner"),
        ("p", ""),
        ("list", "stkit-compact"),
        ("list", ""),
        ("pre", ""),
        ("p", "stkit-error"),
        ("rule", ""),
        ("p", ""),
    ]
    blocks = _blocks(body)
    assert blocks[3]["c"] == [{"x": "More", "b": 1}]
    assert blocks[4]["items"] == [[{"x": "one"}], [{"x": "two"}]]
    assert blocks[5]["o"] is True
    assert blocks[6]["x"] == "a  b\n c"  # preformatted text kept as it is
    assert blocks[7]["c"] == [{"x": "Error: x"}]


def test_table_grid_counts_rowspans_and_colspans() -> None:
    (table,) = _blocks(
        "<table><thead><tr><th rowspan='2'>Unit</th><th colspan='2'>Score</th></tr>"
        "<tr><th>2024</th><th>2025</th></tr></thead><tbody>"
        "<tr><td style='background-color: #fce8b2;'>Huế</td><td colspan='2'>1</td></tr>"
        "</tbody></table>"
    )
    assert table["n"] == 3
    assert len(table["head"]) == 2  # type: ignore[arg-type]
    (row,) = table["body"]  # type: ignore[misc]
    assert [(c["f"], c["cs"]) for c in row] == [("#fce8b2", 1), (None, 2)]


def test_a_table_of_header_cells_only_prints_them_as_rows() -> None:
    (table,) = _blocks("<table><tr><th>a</th></tr><tr><th>b</th></tr></table><table></table>")
    assert (table["head"], len(table["body"])) == ([], 2)  # type: ignore[arg-type]


def test_column_weights_follow_the_text_and_fit_the_width() -> None:
    def cells(*texts: str) -> list[dict[str, object]]:
        return [{"c": [{"x": t}], "cs": 1} for t in texts]

    narrow = column_weights([cells("Code", "Title")], [cells("P1", "A short title")], 2)
    assert narrow == [5.0, 13.0]  # as wanted: the longest text (the header's word at least)
    long_text = " ".join(["word"] * 30)
    wide = column_weights([], [cells(*["xxxxxxxx xxxxxxxx"] * 6, long_text)], 7)
    assert wide[-1] > wide[0] > 9  # shrunk towards each column's longest word, kept above it
    assert sum(wide) == pytest.approx(135 - 2 * 7, abs=0.1)
    codes = column_weights([], [cells(*["x" * 30] * 9)], 9)
    assert codes == [15.0] * 9  # the longest words alone are wider than the page


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height)))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_inline_pictures_are_printed_and_addresses_never_loaded() -> None:
    png = base64.b64encode(_png(4, 2)).decode()
    jpeg = base64.b64encode(
        b"\xff\xd8\xff\xe0\x00\x04\x00\x00\xff\xc0\x00\x0b\x08\x00\x03\x00\x05\x01\x01\x11\x00"
    ).decode()
    body = (
        f'<img src="data:image/png;base64,{png}"><img src="data:image/jpeg;base64,{jpeg}">'
        '<img src="data:image/png;base64,AAAA"><img src="data:image/png;base64,%%%">'
        '<img src="https://example.org/t.png">'
        f'<figure class="stkit-chart"><figcaption>C</figcaption><img src="data:image/png;base64,{png}">'
        '<svg viewBox="0 0 4 4"><use href="other.svg#x"/><rect width="4" height="4"/></svg></figure>'
    )
    blocks = _blocks(body)
    assert [b["k"] for b in blocks] == ["svg", "svg", "figure"]
    assert 'width="4" height="2"' in str(blocks[0]["svg"])
    assert 'width="5" height="3"' in str(blocks[1]["svg"])
    figure = blocks[2]
    assert len(figure["svgs"]) == 2  # type: ignore[arg-type]
    assert "other.svg" not in str(figure["svgs"])
    assert 'xmlns="http://www.w3.org/2000/svg"' in str(figure["svgs"])
    pdf = PdfReader(io.BytesIO(pdf_of(f"<html><body>{body}</body></html>")))
    assert len(pdf.pages) == 2  # three pictures at the width of the text
