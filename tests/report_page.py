"""A city report's HTML page built in this process, as the report notebook builds it.

The sections are those the notebook calls (`report.<section>()` in its cells), so the
page follows the notebook whatever sections it has; charts are drawn as the runner
draws them (`stkit.reports.svg.figure_html`). No kernel is started.
"""

from __future__ import annotations

import functools
import html
import json
import re
from pathlib import Path

from stkit.i18n import Lang
from stkit.reports.city import CityReport
from stkit.reports.html import page
from stkit.reports.sections import ChartGroup
from stkit.reports.svg import figure_html

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "city_progress.ipynb"
_CALL = re.compile(r"^report\.(\w+)\(\)\s*$", re.MULTILINE)
_HIDDEN = {"headline", "parameters", "injected-parameters"}


def section_calls() -> list[str]:
    """The report methods the notebook's shown cells call, in order."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    names: list[str] = []
    for cell in cells:
        if cell["cell_type"] != "code" or _HIDDEN & set(cell["metadata"].get("tags", [])):
            continue
        names += _CALL.findall("".join(cell["source"]))
    return names


@functools.cache
def report_page(unit: str, year: int, lang: Lang) -> str:
    """The report page of `unit` for `year` in `lang` (cached: tests only read it)."""
    report = CityReport.load(unit, year, lang)
    parts: list[str] = []
    for name in section_calls():
        shown = getattr(report, name)()
        if isinstance(shown, ChartGroup):
            parts.append(str(shown.heading))
            parts += [
                figure_html(c.spec, ident=c.ident, caption=c.caption, lang=c.lang)
                for c in shown.charts
            ]
            if shown.note is not None:
                parts.append(str(shown.note))
        else:
            parts.append(str(shown))
    title = re.search(r"<h1>(.*?)</h1>", parts[0])
    return page(
        "\n".join(parts),
        title=html.unescape(title.group(1)) if title else unit,
        lang=lang,
        generated_at="01/07/2025 08:00",
    )
