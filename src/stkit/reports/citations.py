"""Sources as a report prints them: registry documents cited the registry's way.

An observation's `source` is free text written by whoever entered the figure. When it
names a document of the programme registry (it contains the document's title, or its
author in brackets, as in "News report (Khánh An) on ..."), the report prints the
registry's citation in the report language instead (`stkit.programmes.citation`:
outlet or issuer, title, date). Illustrative figures are labelled as such. Any other
text is printed as written: it is the planner's own citation, and the report cannot
translate it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import polars as pl

from stkit.i18n import Lang
from stkit.reports.labels import label

MIN_TITLE_CHARS = 20  # shorter titles could match by accident
_DAY = re.compile(r"(?<![\w/.-])(\d{4})-(\d{2})-(\d{2})(?![\w/-])")
_MONTH = re.compile(r"(?<![\w/.-])(\d{4})-(\d{2})(?![\w/-])")


def local_dates(text: str) -> str:
    """Write ISO dates in `text` as dd/mm/yyyy (days) and mm/yyyy (months), web addresses untouched."""
    words = text.split(" ")
    for i, word in enumerate(words):
        if "://" in word or word.startswith("www."):
            continue
        days = _DAY.sub(lambda m: f"{m[3]}/{m[2]}/{m[1]}", word)
        words[i] = _MONTH.sub(lambda m: f"{m[2]}/{m[1]}", days)
    return " ".join(words)


@functools.lru_cache(maxsize=8)
def _matchers(
    documents: tuple[tuple[str | None, str | None, str | None, str, str], ...],
) -> tuple[tuple[tuple[str, ...], str, str], ...]:
    out = []
    for title_vi, title_en, author, vi, en in documents:
        needles = tuple(
            t for t in (title_vi, title_en) if t is not None and len(t) >= MIN_TITLE_CHARS
        ) + ((f"({author})",) if author else ())
        out.append((needles, vi, en))
    return tuple(out)


def document_rows(
    documents: pl.DataFrame,
) -> tuple[tuple[str | None, str | None, str | None, str, str], ...]:
    """Return the registry documents as hashable rows (title_vi, title_en, author, citations)."""
    if documents.height == 0:
        return ()
    return tuple(
        documents.select("title_vi", "title_en", "author", "citation_vi", "citation_en").iter_rows()
    )


def cited(
    source: str | None,
    documents: tuple[tuple[str | None, str | None, str | None, str, str], ...],
    lang: Lang,
    *,
    illustrative: bool = False,
) -> str:
    """Return how the report cites `source` (see the module docstring); `–` for none."""
    if illustrative:
        return label("illustrative_source", lang)
    if not source:
        return "–"
    for needles, vi, en in _matchers(documents):
        if any(needle in source for needle in needles):
            return local_dates(vi if lang == "vi" else en)
    return local_dates(source)


def cited_all(
    sources: Iterable[tuple[str | None, bool]],
    documents: tuple[tuple[str | None, str | None, str | None, str, str], ...],
    lang: Lang,
) -> list[str]:
    """Return the distinct citations of (source, illustrative) pairs, sorted."""
    return sorted({cited(s, documents, lang, illustrative=i) for s, i in sources if s or i})
