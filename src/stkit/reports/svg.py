"""Draw Vega-Lite chart outputs to inline SVG (vl-convert), in the process that writes the HTML.

Axis numbers follow the report language (`30,4` in Vietnamese). The SVG's
namespace attributes are dropped: inline SVG in HTML needs none, and the page
then names no other host at all.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import vl_convert as vlc
from nbformat import NotebookNode

from stkit.i18n import Lang, check_lang
from stkit.reports.display import escape

VEGALITE_MIME = "application/vnd.vegalite.v6+json"
CHART_META = "stkit_chart"
_FORMAT_LOCALE: dict[Lang, dict[str, Any]] = {
    "vi": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", ""]},
}
_XMLNS = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')


_WARM_UP_SPEC: dict[str, Any] = {
    "data": {"values": [{"x": 0, "y": 0}, {"x": 1, "y": 1}]},
    "mark": "line",
    "encoding": {
        "x": {"field": "x", "type": "quantitative"},
        "y": {"field": "y", "type": "quantitative"},
    },
}


def warm_up() -> None:
    """Draw a tiny chart so vl-convert's engine is started (about 1 s, once per process).

    Run in a thread while kernels start: vl-convert works outside the GIL.
    """
    vlc.vegalite_to_svg(_WARM_UP_SPEC)


def svg_of(spec: dict[str, Any], lang: Lang) -> str:
    """Draw a Vega-Lite spec as SVG text for inlining in HTML (namespace attributes dropped)."""
    svg = vlc.vegalite_to_svg(spec, format_locale=_FORMAT_LOCALE[lang])
    return _XMLNS.sub("", str(svg))


def figure_html(spec: dict[str, Any], *, ident: str, caption: str, lang: Lang) -> str:
    """Return `<figure class="stkit-chart">` with the inline SVG and an escaped caption."""
    svg = svg_of(spec, lang)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(caption)}" ', 1)
    return (
        f'<figure class="stkit-chart" id="{escape(ident)}">'
        f"<figcaption>{escape(caption)}</figcaption>{svg}</figure>"
    )


def inline_charts(nb: NotebookNode) -> NotebookNode:
    """Return a copy of `nb` whose chart outputs are replaced by HTML figures with inline SVG."""
    out = copy.deepcopy(nb)
    for cell in out.cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get(CHART_META)
            data = output.get("data", {})
            if meta is None or VEGALITE_MIME not in data:
                continue
            markup = figure_html(
                dict(data[VEGALITE_MIME]),
                ident=str(meta["id"]),
                caption=str(meta["caption"]),
                lang=check_lang(str(meta["lang"])),
            )
            output["data"] = {"text/html": markup}
    return out
