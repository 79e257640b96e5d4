"""The one home of user-facing language: Vietnamese (default) or English.

This module holds the language type, Vietnam's time zone and each language's number and
date conventions; `stkit.i18n.messages` holds every error, validation and command-line
text, `stkit.i18n.labels` the words of the programme summary, `stkit.i18n.source_titles` the
titles of the shipped sources translated both ways. The report's own words are in
`stkit.reports.labels`; the command line's language rule is in `stkit.cli._context`.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal as _babel_decimal

from stkit import vocab

Lang = vocab.Lang
"""Language of every user-facing text (`stkit.vocab.Lang`)."""
LANGS = vocab.LANGS

VIETNAM_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")
"""Vietnam's time zone (UTC+7, no daylight saving)."""


def today_in_vietnam() -> dt.date:
    """Today's date in Vietnam: the reference for 'not in the future' and default dates."""
    return dt.datetime.now(VIETNAM_TZ).date()


_LOCALE: dict[Lang, str] = {"vi": "vi_VN", "en": "en_GB"}


def check_lang(lang: str) -> Lang:
    """Return `lang` as a `Lang`, or raise ValueError naming the choices."""
    if lang == "vi":
        return "vi"
    if lang == "en":
        return "en"
    raise ValueError(f"Unknown language {lang!r}; choose 'vi' or 'en'.")


def format_number(value: float | None, lang: Lang = "vi", digits: int = 1) -> str:
    """Format a number: `30,4` in Vietnamese, `30.4` in English; `–` for a missing value."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return str(_babel_decimal(value, format=pattern, locale=_LOCALE[lang]))


def format_percent(value: float | None, lang: Lang = "vi", digits: int = 1) -> str:
    """Format a value already in percent: `30,4 %` in Vietnamese, `30.4%` in English."""
    if value is None:
        return "–"
    number = format_number(value, lang, digits)
    return f"{number} %" if lang == "vi" else f"{number}%"


def format_date(value: dt.date, lang: Lang = "vi") -> str:
    """Format a date: `24/12/2021` in Vietnamese, `24 Dec 2021` in English."""
    if lang == "vi":
        return value.strftime("%d/%m/%Y")
    return str(_babel_date(value, format="d MMM y", locale=_LOCALE[lang]))
