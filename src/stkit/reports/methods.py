"""The method note of a report (`id="methods"`): status, outcome, projection, trend, Open SDG.

Plain words with the thresholds and sources the library applies (`stkit.progress`,
docs/progress.md); the note names no figure, so it says the same in every report.
"""

from __future__ import annotations

from stkit.i18n import Lang
from stkit.reports.display import HtmlBlock, bullet_list, element, join
from stkit.reports.labels import label

METHOD_KEYS: tuple[str, ...] = (
    "m_status",
    "m_outcome",
    "m_projection",
    "m_trend",
    "m_opensdg",
    "m_time",
    "m_territory",
)


def methods_section(lang: Lang) -> HtmlBlock:
    """The method note as a section with `id="methods"`."""
    body = join(
        [
            element("h2", label("s_methods", lang)),
            bullet_list(label(key, lang) for key in METHOD_KEYS),
        ]
    )
    return HtmlBlock(f'<section id="methods">\n{body}\n</section>')
