"""The summary that opens a city report: one plain sentence per target, counts, tasks, PII rank.

Every figure comes from the library's frames (`stkit.progress.assess` rows, the task
states of `stkit.tasks`, the published PII results); this module only words them.
A sentence reads "TFP: 44,3 % in 2025; 50 % needed by 2030; at the present pace reached
in 2032 — accelerate": the latest value and its year, the target and its year, the
attainment year of the projection, and the status. A target whose year has come is
worded with its outcome instead of the pace.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import polars as pl

from stkit.i18n import Lang
from stkit.reports.commitments import totals
from stkit.reports.display import HtmlBlock, bullet_list, element, escape, join
from stkit.reports.labels import (
    PII_DIGITS,
    comparator_sign,
    label,
    measure_unit,
    number,
    percent,
    status_label,
)
from stkit.vocab import PROGRESS_STATUSES

STATUS_ORDER: tuple[str, ...] = PROGRESS_STATUSES
"""Statuses in the order the summary counts them (`stkit.vocab.ProgressStatus`)."""


def value_text(value: float | None, measure: str | None, lang: Lang) -> str:
    """A value with its unit of measure (`44,3 %`, `120 tổ chức`); `–` when missing."""
    if value is None:
        return "–"
    if measure == "%":
        return percent(value, lang, 1)
    if measure == "rank":  # the indicator's name says it is a rank: "44", not "44 rank"
        return number(value, lang, 0)
    digits = 0 if float(value).is_integer() or abs(value) >= 1000 else 1
    words = measure_unit(measure, lang)
    return f"{number(value, lang, digits)} {words}".rstrip()


def range_text(low: float, high: float, measure: str | None, lang: Lang) -> str:
    """A target stated as a range, the unit of measure said once (`1,2–1,5 %`, `25–30 tổ chức`)."""
    words = measure_unit(measure, lang)
    low_text = value_text(low, measure, lang)
    if words:
        low_text = low_text.removesuffix(words).rstrip()
    return f"{low_text}–{value_text(high, measure, lang)}"


def row_status(row: Mapping[str, Any]) -> str:
    """The word a row is summed up by: its outcome once the target year has come, else its status."""
    outcome = row.get("outcome")
    if outcome:
        return str(outcome)
    return str(row.get("status") or "insufficient_data")


def target_sentence(
    row: Mapping[str, Any], *, name: str, measure: str | None, year: int, lang: Lang
) -> str:
    """One plain sentence for a progress row (see the module docstring)."""
    sign = comparator_sign(row.get("comparator"))
    sign = "" if sign in ("≥", "=") else f"{sign} "
    target = sign + value_text(row["target_value"], measure, lang)
    if row.get("value_high") is not None:  # a range: "1,2–1,5 %"
        target = sign + range_text(row["target_value"], row["value_high"], measure, lang)
    status = status_label(row_status(row), lang).lower()
    if row.get("latest_value") is None:
        return label("sentence_no_data", lang).format(
            name=name, target=target, target_year=row["target_year"]
        )
    latest = value_text(row["latest_value"], measure, lang)
    if int(row["target_year"]) <= year:
        return label("sentence_outcome", lang).format(
            name=name, latest=latest, latest_year=row["latest_year"], target=target,
            target_year=row["target_year"], status=status,
        )  # fmt: skip
    attained = row.get("attainment_year")
    if attained is not None and row.get("latest_year") is not None:
        pace = (
            label("pace_already", lang)
            if int(attained) <= int(row["latest_year"])
            else label("pace_reached", lang).format(year=int(attained))
        )
    elif row.get("projected_value") is not None:
        pace = label("pace_not_reached", lang)
    else:
        pace = label("pace_unknown", lang)
    return label("sentence_pace", lang).format(
        name=name, latest=latest, latest_year=row["latest_year"], target=target,
        target_year=row["target_year"], pace=pace, status=status,
    )  # fmt: skip


def _target_text(row: Mapping[str, Any], measures: Mapping[str, str | None], lang: Lang) -> str:
    measure = measures.get(row["indicator"])
    if row.get("value_high") is not None:
        return range_text(row["target_value"], row["value_high"], measure, lang)
    return value_text(row["target_value"], measure, lang)


def status_counts(progress: pl.DataFrame) -> dict[str, int]:
    """Targets (milestones left out) per summary word, in `STATUS_ORDER`; zero counts left out."""
    if progress.height == 0:
        return {}
    counts: dict[str, int] = {}
    for row in progress.filter(~pl.col("milestone")).iter_rows(named=True):
        key = row_status(row)
        counts[key] = counts.get(key, 0) + 1
    order = {name: i for i, name in enumerate(STATUS_ORDER)}
    return dict(sorted(counts.items(), key=lambda item: (order.get(item[0], 99), item[0])))


GROUP_WITHOUT_DATA = 3
"""More targets without any figure than this are said in one sentence, not one each."""


def sentences(
    progress: pl.DataFrame,
    *,
    names: Mapping[str, str],
    measures: Mapping[str, str | None],
    year: int,
    lang: Lang,
    highs: Mapping[tuple[str, str], float] | None = None,
) -> list[str]:
    """One sentence per target (milestones left out), in the progress frame's order.

    `highs`: (programme, target_id) → the upper end of a target stated as a range.

    When more than `GROUP_WITHOUT_DATA` targets have no figure yet, they are named in one
    closing sentence instead (indicator, target and year).
    """
    if progress.height == 0:
        return []
    rows = [
        {**row, "value_high": (highs or {}).get((row["programme"], row["target_id"]))}
        for row in progress.filter(~pl.col("milestone")).iter_rows(named=True)
    ]
    empty = [row for row in rows if row.get("latest_value") is None]
    grouped = len(empty) > GROUP_WITHOUT_DATA
    said = [
        target_sentence(
            row,
            name=names.get(row["indicator"], row["indicator"]),
            measure=measures.get(row["indicator"]),
            year=year,
            lang=lang,
        )
        for row in rows
        if not (grouped and row.get("latest_value") is None)
    ]
    if grouped:
        listed = "; ".join(
            f"{names.get(row['indicator'], row['indicator'])} "
            f"({comparator_sign(row.get('comparator'))} {_target_text(row, measures, lang)}, "
            f"{row['target_year']})"
            for row in empty
        )
        said.append(label("no_data_group", lang).format(n=len(empty), names=listed))
    return said


def pii_sentence(
    published: pl.DataFrame, lang: Lang, territory: Callable[[str, int], str] | None = None
) -> str | None:
    """The latest published PII score and rank (`published` in year order), if any.

    `territory(unit, year)` names whose figure it is when that is a former unit (shown in
    brackets; empty for the unit itself); when several former units were ranked that year, the sentence names each.
    """
    shown = published.filter(pl.col("score").is_not_null() | pl.col("rank").is_not_null())
    if shown.height == 0:
        return None
    latest = shown.filter(pl.col("year") == shown.get_column("year").max())
    said = []
    for row in latest.iter_rows(named=True):
        rank = "–" if row["rank"] is None else f"{int(row['rank'])}"
        text = label("pii_glance", lang).format(
            year=row["year"], score=number(row["score"], lang, PII_DIGITS["score"]), rank=rank
        )
        where = territory(row["unit"], row["year"]) if territory is not None else ""
        if where:
            text = f"{text[:-1]} ({where})."
        said.append(text)
    return " ".join(said)


def summary_section(
    *,
    progress: pl.DataFrame,
    tasks: pl.DataFrame,
    published: pl.DataFrame,
    names: Mapping[str, str],
    measures: Mapping[str, str | None],
    year: int,
    lang: Lang,
    illustrative: bool,
    overview_href: str | None,
    replaced: int = 0,
    territory: Callable[[str, int], str] | None = None,
    highs: Mapping[tuple[str, str], float] | None = None,
) -> HtmlBlock:
    """The summary block (`id="summary"`): banner, sentences, status counts, tasks, PII, overview link.

    `progress` holds the targets in force on the report day; `replaced` says how many
    replaced targets were left out.
    """
    parts: list[HtmlBlock | str] = [element("h2", label("s_summary", lang))]
    if illustrative:
        parts.append(
            f'<div class="stkit-banner" role="note">{escape(label("illustrative_banner", lang))}</div>'
        )
    said = sentences(progress, names=names, measures=measures, year=year, lang=lang, highs=highs)
    if said:
        parts.append(bullet_list(said, css_class="stkit-sentences"))
        counts = status_counts(progress)
        words = "; ".join(f"{status_label(k, lang).lower()} {n}" for k, n in counts.items())
        parts.append(element("p", label("status_counts", lang).format(counts=words)))
        if replaced:
            parts.append(element("p", label("replaced_note", lang).format(n=replaced)))
    else:
        parts.append(element("p", label("missing_targets", lang), css_class="stkit-note"))
    if tasks.height:
        parts.append(element("p", label("tasks_glance", lang).format(**totals(tasks))))
    pii = pii_sentence(published, lang, territory)
    if pii is not None:
        parts.append(element("p", pii))
    if overview_href is not None:
        parts.append(overview_paragraph(overview_href, lang))
    body = join(parts)
    return HtmlBlock(f'<section id="summary">\n{body}\n</section>')


def overview_paragraph(href: str, lang: Lang) -> str:
    """The link from a city report back to the overview of all units."""
    return (
        f'<p class="stkit-meta"><a href="{escape(href)}">'
        f"{escape(label('overview_link', lang))}</a></p>"
    )
