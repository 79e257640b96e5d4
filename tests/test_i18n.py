"""Number, percent and date conventions per language."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stkit.i18n import check_lang, format_date, format_number, format_percent


@pytest.mark.parametrize(
    ("value", "lang", "digits", "expected"),
    [
        (30.4, "vi", 1, "30,4"),
        (30.4, "en", 1, "30.4"),
        (1234567.891, "vi", 2, "1.234.567,89"),
        (1234567.891, "en", 2, "1,234,567.89"),
        (60, "vi", 0, "60"),
        (-0.5, "vi", 1, "-0,5"),
        (None, "vi", 1, "–"),
    ],
)
def test_format_number(value: float | None, lang: str, digits: int, expected: str) -> None:
    assert format_number(value, check_lang(lang), digits) == expected


def test_format_percent_follows_each_language() -> None:
    assert format_percent(30.4, "vi") == "30,4 %"
    assert format_percent(30.4, "en") == "30.4%"
    assert format_percent(None, "en") == "–"


def test_format_date_vietnamese_is_day_month_year() -> None:
    assert format_date(dt.date(2021, 12, 24), "vi") == "24/12/2021"
    assert format_date(dt.date(2021, 12, 24), "en") == "24/12/2021"


def test_check_lang_rejects_unknown_language() -> None:
    with pytest.raises(ValueError, match="choose 'vi' or 'en'"):
        check_lang("fr")


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_vietnamese_and_english_differ_only_in_separators(value: float) -> None:
    vi = format_number(value, "vi", 2)
    en = format_number(value, "en", 2)
    swapped = en.replace(",", "_").replace(".", ",").replace("_", ".")
    assert vi == swapped
