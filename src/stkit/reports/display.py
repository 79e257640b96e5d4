"""Displayable blocks: what report notebook cells return, rendered as static HTML.

A block is plain HTML with no script; the HTML page forbids scripts and remote
loads by its content-security policy, so what a cell shows is what the page shows.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


def escape(text: object) -> str:
    """Escape any value from data for HTML text or an attribute value."""
    return html.escape("" if text is None else str(text), quote=True)


@dataclass(frozen=True)
class HtmlBlock:
    """A piece of finished, trusted HTML (every piece of data in it already escaped)."""

    markup: str

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


def join(blocks: Iterable[HtmlBlock | str]) -> HtmlBlock:
    """Join blocks (or already-escaped strings) into one block, one per line."""
    return HtmlBlock("\n".join(str(block) for block in blocks))


def element(tag: str, text: object, *, css_class: str | None = None) -> HtmlBlock:
    """Return `<tag class=...>text</tag>` with `text` escaped."""
    attr = f' class="{escape(css_class)}"' if css_class else ""
    return HtmlBlock(f"<{tag}{attr}>{escape(text)}</{tag}>")


def bullet_list(items: Iterable[object], *, css_class: str | None = None) -> HtmlBlock:
    """Return an unordered list of escaped items."""
    attr = f' class="{escape(css_class)}"' if css_class else ""
    rows = "".join(f"<li>{escape(item)}</li>" for item in items)
    return HtmlBlock(f"<ul{attr}>{rows}</ul>")


@dataclass(frozen=True)
class Headline:
    """The headline figures of a report; shown in the notebook as JSON, written to headline.json."""

    figures: Mapping[str, Any]

    def _repr_json_(self) -> dict[str, Any]:
        return dict(self.figures)

    def to_json(self) -> str:
        """Return stable JSON text (sorted keys, UTF-8 kept, trailing newline)."""
        return json.dumps(self.figures, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
