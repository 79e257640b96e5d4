"""A report page (our own HTML) as the blocks the Typst print template `report.typ` lays out.

The page's markup is ours and limited: headings, paragraphs (plain, meta lines,
notes, banners, errors), lists, tables (great_tables' and our simple ones, with
cell colours), figures with an inline SVG chart, preformatted text, links and
strong/em/small/code runs. Each becomes a plain dict (`Block`); containers (div,
section, details, main, footer) are opened and their children follow in order, as
in the Word draft (`stkit.reports.docx`). Style, script and hidden elements are left
out; text is whitespace-collapsed as a browser shows it.

The blocks travel to Typst as JSON data, never as markup: any text — `#`, `$`, `*`,
`[`, `\\`, `<`, `@` included — is shown as it is, and no text can change the layout
or load a file. Colours pass only as `#rgb`/`#rrggbb`; links only as text.
"""

from __future__ import annotations

import base64
import copy
import json
import re
import struct
from collections.abc import Iterable, Iterator
from typing import Any

from lxml import html as lxml_html

Run = dict[str, Any]
"""An inline run: `{"x": text}` plus flags `b`, `i`, `sm`, `mono`, `sup`, `sub`, `a` (link), or `{"sw": colour}` (a swatch), `{"br": 1}` (a line break)."""
Block = dict[str, Any]
"""A block: `{"k": kind, ...}` (see `report.typ`, `render`)."""

_SKIP = frozenset(
    {"style", "script", "head", "title", "meta", "noscript", "template", "button", "input"}
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
_PARAGRAPHS = frozenset({"p", "blockquote", "dd", "dt", "caption", "summary", "figcaption"})
_BLOCK_TAGS = frozenset(
    {
        *_HEADINGS,
        *_PARAGRAPHS,
        "table", "ul", "ol", "figure", "pre", "div", "section", "details", "main", "footer",
        "header", "article", "aside", "nav", "dl", "hr", "svg", "img",
    }
)  # fmt: skip
_INLINE_FLAGS = {
    "strong": "b", "b": "b", "th": "b", "em": "i", "i": "i", "small": "sm", "code": "mono",
    "kbd": "mono", "samp": "mono", "sup": "sup", "sub": "sub",
}  # fmt: skip
_SPACE = re.compile(r"[ \t\n\r\f]+")
_COLOUR = re.compile(r"background(?:-color)?\s*:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b")
_DATA_URI = re.compile(r"data:image/(png|jpeg);base64,([A-Za-z0-9+/=\s]*)", re.DOTALL)
_SVG_NS = "http://www.w3.org/2000/svg"


def _tag(node: Any) -> str:
    return node.tag.lower() if isinstance(node.tag, str) else ""


def _shown(node: Any) -> bool:
    tag = _tag(node)
    return bool(tag) and tag not in _SKIP and node.get("hidden") is None


def _colour(node: Any) -> str | None:
    found = _COLOUR.search(node.get("style", "") or "")
    return found.group(1) if found else None


def _runs(node: Any, flags: dict[str, Any] | None = None) -> list[Run]:
    """The inline runs of `node`'s content, whitespace collapsed, ends trimmed."""
    raw: list[Run] = []
    _collect(node, dict(flags or {}), raw, top=True)
    return _collapse(raw)


def _collect(node: Any, flags: dict[str, Any], out: list[Run], *, top: bool = False) -> None:
    tag = _tag(node)
    if not top:
        if tag == "br":
            out.append({"br": 1})
            return
        if tag == "span" and "stkit-swatch" in (node.get("class") or ""):
            colour = _colour(node)
            if colour is not None:
                out.append({"sw": colour})
                return
        flags = dict(flags)
        if tag in _INLINE_FLAGS:
            flags[_INLINE_FLAGS[tag]] = 1
        elif tag == "a" and node.get("href"):
            flags["a"] = str(node.get("href"))
        elif tag in _BLOCK_TAGS:
            out.append({"x": " ", **flags})  # a block inside a run reads as a word apart
    if node.text:
        out.append({"x": node.text, **flags})
    for child in node:
        if _shown(child):
            _collect(child, flags, out)
        if child.tail:
            out.append({"x": child.tail, **flags})


def _collapse(raw: list[Run]) -> list[Run]:
    """Collapse white space as HTML does (across runs), drop empty runs, trim the ends."""
    runs: list[Run] = []
    space_before = True  # at the start, leading space is dropped
    for item in raw:
        if "x" not in item:
            runs.append(item)
            space_before = "br" in item
            continue
        text = _SPACE.sub(" ", item["x"])
        if space_before:
            text = text.lstrip(" ")
        if not text:
            continue
        space_before = text.endswith(" ")
        if runs and _same_style(runs[-1], item):
            runs[-1]["x"] += text
        else:
            runs.append({**item, "x": text})
    while runs and "x" in runs[-1]:
        runs[-1]["x"] = runs[-1]["x"].rstrip(" ")
        if runs[-1]["x"]:
            break
        runs.pop()
    return runs


def _same_style(a: Run, b: Run) -> bool:
    return "x" in a and {k: v for k, v in a.items() if k != "x"} == {
        k: v for k, v in b.items() if k != "x"
    }


def text_of(runs: Iterable[Run]) -> str:
    """The plain text of inline runs (a swatch is no text, a line break a space)."""
    return "".join(r.get("x", " " if "br" in r else "") for r in runs)


def _cells(row: Any) -> list[Any]:
    return [c for c in row if _tag(c) in ("th", "td") and _shown(c)]


def _span(cell: Any, name: str) -> int:
    try:
        return max(1, int(cell.get(name, "1") or 1))
    except ValueError:
        return 1


def _rows(table: Any) -> list[Any]:
    """The table's rows in order (thead, tbody, tfoot or directly in the table), not nested ones."""
    return [
        row
        for row in table.iter("tr")
        if row.getparent() is table
        or (row.getparent().getparent() is table and _tag(row.getparent()) != "table")
    ]


def _column_count(rows: list[list[Any]]) -> int:
    """The width of the table's grid, rowspans and colspans counted as a browser counts them."""
    taken: dict[int, int] = {}  # column → rows it is still taken for by a rowspan above
    width = 0
    for cells in rows:
        column = 0
        for cell in cells:
            while taken.get(column, 0) > 0:
                column += 1
            span, down = _span(cell, "colspan"), _span(cell, "rowspan")
            for c in range(column, column + span):
                taken[c] = max(taken.get(c, 0), down)
            column += span
        width = max(width, column, max((c + 1 for c, n in taken.items() if n > 0), default=0))
        taken = {c: n - 1 for c, n in taken.items() if n > 1}
    return max(1, width)


def _table(table: Any) -> Block | None:
    rows = [cells for cells in (_cells(r) for r in _rows(table)) if cells]
    if not rows:
        return None
    width = _column_count(rows)
    head: list[list[dict[str, Any]]] = []
    body: list[list[dict[str, Any]]] = []
    for row_node, cells in zip((r for r in _rows(table) if _cells(r)), rows, strict=True):
        in_head = _tag(row_node.getparent()) == "thead"
        header = not body and (in_head or all(_tag(c) == "th" for c in cells))
        converted = [
            {
                "c": _runs(c),
                "cs": min(_span(c, "colspan"), width),
                "rs": _span(c, "rowspan"),
                "f": _colour(c),
            }
            for c in cells
        ]
        (head if header else body).append(converted)
    if not body:  # a table of header rows only: print them as rows
        head, body = [], head
    return {
        "k": "table",
        "n": width,
        "w": column_weights(head, body, width),
        "head": head,
        "body": body,
    }


TABLE_CHARACTERS = 135
"""About how many characters of table text (8.5 pt) one line of the A4 text width holds."""


def column_weights(
    head: list[list[dict[str, Any]]], body: list[list[dict[str, Any]]], width: int
) -> list[float]:
    """Each column's share of the text width (Typst `fr`), by the text it holds.

    As a browser lays out a table: a column wants its longest body text (4 to 40
    characters) and needs at least its longest word, header included. When the wants
    do not fit the width, each column keeps its need and shares what is left in
    proportion to the rest of its want (if even the needs do not fit, they are the shares); a column of codes stays narrow, a column of
    task titles wide, and no word sticks out of its cell.
    """
    want = [4] * width
    need = [2] * width
    for rows, is_head in ((head, True), (body, False)):
        for cells in rows:
            column = 0
            for cell in cells:
                text = text_of(cell["c"])
                if cell["cs"] == 1 and column < width:
                    if not is_head:
                        want[column] = max(want[column], min(40, len(text)))
                    longest_word = max((len(w) for w in text.split()), default=0)
                    need[column] = max(need[column], min(14, longest_word) + 1)
                column += cell["cs"]
    want = [max(w, n) for w, n in zip(want, need, strict=True)]
    room = TABLE_CHARACTERS - 2 * width  # each cell's padding takes about two characters
    if sum(want) <= room:
        return [float(w) for w in want]
    if sum(need) >= room:  # even the longest words do not fit: share by them
        return [float(n) for n in need]
    share = (room - sum(need)) / (sum(want) - sum(need))
    return [round(n + (w - n) * share, 2) for w, n in zip(want, need, strict=True)]


def _list(node: Any) -> Block:
    items = [_runs(li) for li in node if _tag(li) == "li" and _shown(li)]
    return {
        "k": "list",
        "o": _tag(node) == "ol",
        "cls": node.get("class") or "",
        "items": [i for i in items if i],
    }


def _outside(element: Any) -> bool:
    """Whether an SVG element refers to something outside the SVG (`href`, `xlink:href`)."""
    return any(
        str(name).rsplit("}", 1)[-1].rsplit(":", 1)[-1] == "href"
        and not str(value).strip().startswith(("#", "data:"))
        for name, value in element.attrib.items()
    )


def svg_markup(node: Any) -> str:
    """An inline SVG element as a standalone SVG document (its namespace put back).

    A reference to anything outside the SVG (an `href` that is neither `#…` nor a
    `data:` URI) is removed with its element: the print loads nothing.
    """
    node = copy.deepcopy(node)
    for element in list(node.iter()):
        parent = element.getparent()
        if parent is not None and _outside(element):
            parent.remove(element)
    markup = lxml_html.tostring(node, encoding="unicode")
    head, rest = markup.split(">", 1)
    if "xmlns=" not in head:
        head = head.replace("<svg", f'<svg xmlns="{_SVG_NS}"', 1)
    return f"{head}>{rest}"


def _image_size(kind: str, data: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels of a PNG or JPEG, read from its header; None if unreadable."""
    if kind == "png" and data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return (int(width), int(height)) if width and height else None
    at = 2
    while kind == "jpeg" and at + 9 < len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return (int(width), int(height)) if width and height else None
        at += 2 + length
    return None


def _image_svg(src: str) -> str | None:
    """A data-URI PNG or JPEG wrapped in an SVG of its own size (Typst reads it from there)."""
    found = _DATA_URI.fullmatch(src.strip())
    if not found:
        return None  # only pictures inside the page are printed; an address is never loaded
    encoded = re.sub(r"\s", "", found.group(2))
    try:
        size = _image_size(found.group(1), base64.b64decode(encoded, validate=True))
    except ValueError:
        return None
    if size is None:
        return None
    width, height = size
    return (
        f'<svg xmlns="{_SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f'<image width="{width}" height="{height}" '
        f'xlink:href="data:image/{found.group(1)};base64,{encoded}"/></svg>'
    )


def _figure(node: Any) -> Block:
    caption = node.find(".//figcaption")
    svgs = []
    for child in node.iter():
        tag = _tag(child)
        if tag == "svg" and not any(_tag(a) == "svg" for a in child.iterancestors()):
            svgs.append(svg_markup(child))
        elif tag == "img" and (wrapped := _image_svg(child.get("src", ""))) is not None:
            svgs.append(wrapped)
    return {"k": "figure", "c": _runs(caption) if caption is not None else [], "svgs": svgs}


def _has_blocks(node: Any) -> bool:
    return any(_tag(c) in _BLOCK_TAGS and _shown(c) for c in node)


def _paragraph(runs: list[Run], css: str) -> Iterator[Block]:
    if runs:
        yield {"k": "p", "cls": css, "c": runs}


def blocks(parent: Any) -> Iterator[Block]:
    """The print blocks of an element's content, in order; containers give their children's.

    Text and inline elements between blocks (a container's loose text) make one
    paragraph, as a browser shows them.
    """
    loose: list[Run] = [{"x": parent.text}] if parent.text else []
    for node in parent:
        if _shown(node):
            if _tag(node) in _BLOCK_TAGS:
                yield from _paragraph(_collapse(loose), "")
                loose = []
                yield from _block(node)
            else:
                _collect(node, {}, loose)
        if node.tail:
            loose.append({"x": node.tail})
    yield from _paragraph(_collapse(loose), "")


def _block(node: Any) -> Iterator[Block]:
    tag = _tag(node)
    css = node.get("class") or ""
    if tag in _HEADINGS:
        yield {"k": "h", "n": _HEADINGS[tag], "c": _runs(node)}
    elif tag == "table":
        table = _table(node)
        if table is not None:
            yield table
    elif tag in ("ul", "ol"):
        yield _list(node)
    elif tag == "figure":
        yield _figure(node)
    elif tag == "svg":
        yield {"k": "svg", "svg": svg_markup(node)}
    elif tag == "img":
        wrapped = _image_svg(node.get("src", ""))
        if wrapped is not None:
            yield {"k": "svg", "svg": wrapped}
    elif tag == "pre" or ("stkit-error" in css and not _has_blocks(node)):
        text = node.text_content()
        if "stkit-error" in css:
            yield {"k": "p", "cls": css, "c": _collapse([{"x": text}])}
        else:
            yield {"k": "pre", "x": text.strip("\n")}
    elif tag == "hr":
        yield {"k": "rule"}
    elif tag == "summary":
        yield from _paragraph(_runs(node, {"b": 1}), css)
    elif tag in _PARAGRAPHS or (tag not in _BLOCK_TAGS) or not _has_blocks(node):
        yield from _paragraph(_runs(node), css)
    else:  # a container: its content in order
        yield from blocks(node)


def _language(code: str | None) -> str:
    """The page's language as Typst takes it (ISO 639: `vi`, `en`); Vietnamese if unreadable."""
    primary = (code or "").split("-")[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else "vi"


def page_data(page: str) -> dict[str, Any]:
    """The report page as the data `report.typ` prints: title, language and blocks."""
    root = lxml_html.document_fromstring(page)
    title = _SPACE.sub(" ", root.findtext(".//title") or "").strip()
    body = root.find("body")
    return {
        "title": title,
        "lang": _language(root.get("lang")),
        "blocks": list(blocks(body if body is not None else root)),
    }


def page_json(page: str) -> str:
    """`page_data` as the JSON text handed to Typst."""
    return json.dumps(page_data(page), ensure_ascii=False, separators=(",", ":"))


__all__ = ["Block", "Run", "blocks", "page_data", "page_json", "svg_markup", "text_of"]
