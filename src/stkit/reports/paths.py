"""Which unit and year a report is for, and where its files go (never outside the output folder).

Reports are for the 34 provincial units in force since 1 July 2025 (see
`stkit.reports.jobs`); observations on the old units count for their successor.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from stkit.errors import StkitError
from stkit.i18n.messages import error
from stkit.vocab import LANGS

OVERVIEW_FOLDER = "overview"
_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,47}")


def check_unit_key(key: str) -> str:
    """Return `key` if it looks like a unit slug (`hai-phong`) or code (`31`), else refuse it."""
    if not _KEY.fullmatch(key):
        raise StkitError(error("unit_key_invalid", value=repr(key)))
    return key


def member_keys(slug: str, code: str, crosswalk: pl.DataFrame) -> set[str]:
    """Return every slug and code that observations may use for this unit or its predecessors."""
    members = crosswalk.filter((pl.col("new_code") == code) | (pl.col("new_slug") == slug))
    keys = {slug, code}
    keys.update(str(v) for v in members.get_column("old_code").to_list())
    keys.update(str(v) for v in members.get_column("old_slug").to_list())
    return keys


def report_dir(out: Path, slug: str, year: int, lang: str) -> Path:
    """Return `out/<slug>/<year>/<lang>`, refusing any result that would lie outside `out`.

    Each language has its own folder, so the English report never overwrites the
    Vietnamese one (`reports/hai-phong/2025/vi/` and `.../en/` side by side).
    """
    check_unit_key(slug)
    if lang not in LANGS:
        raise StkitError(error("report_lang_unknown", value=repr(lang)))
    root = out.resolve()
    target = (root / slug / str(int(year)) / lang).resolve()
    if not target.is_relative_to(root) or target == root:
        raise StkitError(error("report_outside_out", slug=repr(slug), root=repr(str(root))))
    return target


def overview_link(year: int, lang: str) -> str:
    """Relative link from a city report's `report.html` to the overview of the same year and language.

    A city report sits at `<out>/<unit>/<year>/<lang>/report.html`, the overview at
    `<out>/overview/<year>/<lang>/report.html`: three folders up, then down.
    """
    return f"../../../{OVERVIEW_FOLDER}/{int(year)}/{lang}/report.html"


def city_link(slug: str, year: int, lang: str) -> str:
    """Relative link from the overview's `report.html` to a city report of the same year and language."""
    check_unit_key(slug)
    return f"../../../{slug}/{int(year)}/{lang}/report.html"
