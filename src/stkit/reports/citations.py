"""Sources as a report prints them: registry documents cited the registry's way.

An observation's `source` is free text written by whoever entered the figure. When it
names a document of the programme registry (it contains the document's title, or its
author in brackets, as in "News report (Khánh An) on ..."), the report prints the
registry's citation in the report language instead (`stkit.programmes.citation`:
outlet or issuer, title, date). Illustrative figures are labelled as such. Any other
text is printed as written, except that a title in the other language known to
`stkit.i18n.source_titles` (every title of the shipped sources) is followed by its
translation, and the shipped notes' words are given in the report language. A planner's
own title is printed as written; the report cannot translate it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

import polars as pl

from stkit.i18n import Lang
from stkit.i18n.source_titles import (
    ENGLISH_PHRASES_VI,
    ENGLISH_TITLES_VI,
    VIETNAMESE_PHRASES_EN,
    VIETNAMESE_TITLES_EN,
    is_vietnamese,
)
from stkit.reports.labels import label

__all__ = [
    "ENGLISH_PHRASES_VI",
    "ENGLISH_TITLES_VI",
    "VIETNAMESE_PHRASES_EN",
    "VIETNAMESE_TITLES_EN",
    "cited",
    "cited_all",
    "cited_registry",
    "document_rows",
    "in_english",
    "in_language",
    "in_vietnamese",
    "local_dates",
    "with_translation",
]

MIN_TITLE_CHARS = 20  # shorter titles could match by accident
_DAY = re.compile(r"(?<![\w/.-])(\d{4})-(\d{2})-(\d{2})(?![\w/-])")
_MONTH = re.compile(r"(?<![\w/.-])(\d{4})-(\d{2})(?![\w/-])")


_PHRASES: dict[Lang, tuple[tuple[re.Pattern[str], str], ...]] = {
    "vi": tuple((re.compile(pattern), words) for pattern, words in ENGLISH_PHRASES_VI),
    "en": tuple((re.compile(pattern), words) for pattern, words in VIETNAMESE_PHRASES_EN),
}
_TITLES: dict[Lang, Mapping[str, str]] = {"vi": ENGLISH_TITLES_VI, "en": VIETNAMESE_TITLES_EN}
_TRANSLATED: dict[Lang, str] = {
    "vi": "“{title}” (tiếng Anh; tạm dịch: “{translation}”)",
    "en": "“{title}” (in Vietnamese; translated: “{translation}”)",
}
_QUOTED = re.compile(r"“([^”]*)”(?! \((?:in Vietnamese|tiếng Anh)\b)")  # not yet translated


def with_translation(title: str, translation: str, lang: Lang) -> str:
    """The quoted title of record followed by its translation into `lang`.

    Examples
    --------
    >>> with_translation("GDP năm 2025 tăng 8,02%", "GDP up 8.02% in 2025", "en")
    '“GDP năm 2025 tăng 8,02%” (in Vietnamese; translated: “GDP up 8.02% in 2025”)'
    """
    return _TRANSLATED[lang].format(title=title, translation=translation)


def in_language(text: str, lang: Lang) -> str:
    """A source text for a report in `lang`: titles in the other language translated, notes too.

    A title keeps its words (it is the title of record) followed by its translation
    (`stkit.i18n.source_titles`): “Title” (tiếng Anh; tạm dịch: “Tiêu đề”) in a
    Vietnamese report, “Tiêu đề” (in Vietnamese; translated: “Title”) in an English one.
    The words around the titles (“English copy of”, “Quốc hội”) follow in `lang`.
    """
    titles = _TITLES[lang]

    def translate(match: re.Match[str]) -> str:
        title = match[1]
        translation = titles.get(title)
        if translation is None or is_vietnamese(title) == (lang == "vi"):
            return match[0]
        return with_translation(title, translation, lang)

    text = _QUOTED.sub(translate, text)
    for pattern, words in _PHRASES[lang]:
        text = pattern.sub(words, text)
    return text


def in_vietnamese(text: str) -> str:
    """`in_language(text, "vi")`: English notes in Vietnamese, English titles translated."""
    return in_language(text, "vi")


def in_english(text: str) -> str:
    """`in_language(text, "en")`: Vietnamese titles translated, Vietnamese notes in English."""
    return in_language(text, "en")


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
        out.append((needles, vi, _english_citation(en, title_vi, title_en)))
    return tuple(out)


def _english_citation(citation: str, title_vi: str | None, title_en: str | None) -> str:
    """The registry's English citation with a Vietnamese title of record put first.

    The registry cites a news item in English by its `title_en`, a translation; the
    report shows the title as published, then the translation, as for any other source.
    """
    if not title_vi or not title_en or title_vi == title_en or not is_vietnamese(title_vi):
        return citation
    return citation.replace(f"“{title_en}”", with_translation(title_vi, title_en, "en"), 1)


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
            return local_dates(in_vietnamese(vi) if lang == "vi" else in_english(en))
    return local_dates(in_language(source, lang))


def cited_registry(
    text: str,
    documents: tuple[tuple[str | None, str | None, str | None, str, str], ...],
    lang: Lang,
) -> str:
    """Registry citations (`stkit.programmes.citation`, as joined in `text`) for a report in `lang`.

    Each document cited in English by the translation of a Vietnamese title shows the
    title of record first (see `cited`); English titles are translated in Vietnamese.
    """
    if lang == "en":
        for title_vi, title_en, _author, _vi, en in documents:
            if en in text:
                text = text.replace(en, _english_citation(en, title_vi, title_en))
    return in_language(text, lang)


def cited_all(
    sources: Iterable[tuple[str | None, bool]],
    documents: tuple[tuple[str | None, str | None, str | None, str, str], ...],
    lang: Lang,
) -> list[str]:
    """Return the distinct citations of (source, illustrative) pairs, sorted."""
    return sorted({cited(s, documents, lang, illustrative=i) for s, i in sources if s or i})
