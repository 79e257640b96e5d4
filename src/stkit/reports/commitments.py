"""The commitments section of a city report: tasks of the unit's programmes and their status.

It only presents `stkit.tasks` (the one computation of statuses, due, overdue and
completion; dropped tasks are outside the completion denominator, in their own column).

Only tasks without sub-tasks are counted (a heading such as P3's `II.1 Domestic
cooperation` groups tasks; counting it too would count its work twice). A task's
status in the report year is its latest status entry up to that year; a task with
no entry yet is shown as "no report yet" and counted as not started, so a programme
whose reviews have not been filed (Cần Thơ's P2) still shows all its tasks.
Categories and lead units are shown by name, never by registry id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import polars as pl

from stkit.i18n import Lang
from stkit.reports import tables
from stkit.reports.display import HtmlBlock, element, join
from stkit.reports.labels import category_label, label, percent, status_label
from stkit.tasks import completion as task_completion
from stkit.tasks import task_states

if TYPE_CHECKING:
    from stkit.reports.city import CityReport


def task_table(report: CityReport) -> pl.DataFrame:
    """Tasks (no sub-tasks) of the unit's programmes with their status in the report year.

    Computed by `stkit.tasks.task_states` (the one computation): `reported`, `status`
    (`not_started` when none), `status_year`, `evidence` in the report language, `due`,
    `overdue`.
    """
    mine = pl.col("programme").is_in(report.programmes)
    evidence = "evidence_en" if report.lang == "en" else "evidence"
    return task_states(
        report.data.tasks.filter(mine),
        report.data.task_status.filter(mine),
        year=report.year,
        evidence=evidence,
    )


def completion(frame: pl.DataFrame, by: str, lang: Lang) -> pl.DataFrame:
    """`stkit.tasks.completion` per `by`, completion shown as a percentage in `lang`."""
    return (
        task_completion(frame, [by])
        .select(
            by,
            "tasks",
            "due",
            "done",
            "in_progress",
            "dropped",
            pl.col("not_reported").alias("no_report"),
            "overdue",
            (pl.col("completion_rate") * 100.0).alias("completion"),
        )
        .with_columns(
            pl.col("completion").map_elements(lambda v: percent(v, lang, 0), return_dtype=pl.String)
        )
    )


def _status_text(status: str, year: int | None, reported: bool, lang: Lang) -> str:
    if not reported:
        return label("st_no_report", lang)
    return f"{status_label(status, lang)} ({year})"


def _named(frame: pl.DataFrame, lang: Lang, agency_names: Mapping[str, str]) -> pl.DataFrame:
    """Category and lead unit in words, task as `P1 · MOST.3`, title and status in `lang`."""
    title = "title_en" if lang == "en" else "title_vi"
    return frame.with_columns(
        pl.col("category").map_elements(
            lambda c: category_label(c, lang), return_dtype=pl.String, skip_nulls=False
        ),
        pl.col("lead_unit").replace_strict(
            dict(agency_names), default=pl.col("lead_unit"), return_dtype=pl.String
        ),
        pl.concat_str(pl.col("programme"), pl.lit(" · "), pl.col("task")).alias("task"),
        pl.col(title).fill_null(pl.col("title_vi")).alias("title"),
        pl.struct("status", "status_year", "reported")
        .map_elements(
            lambda s: _status_text(s["status"], s["status_year"], s["reported"], lang),
            return_dtype=pl.String,
        )
        .alias("status_text"),
    )


def commitments_section(
    frame: pl.DataFrame, *, lang: Lang, agency_names: Mapping[str, str]
) -> HtmlBlock:
    """Completion by category and lead unit, overdue tasks, every task; `frame` from `task_table`."""
    heading = element("h2", label("s_commitments", lang))
    if frame.height == 0:
        return join([heading, tables.not_available(lang)])
    named = _named(frame, lang, agency_names)
    reported = int(frame.get_column("reported").sum())
    summary = label("tasks_summary", lang).format(
        tasks=frame.height,
        programmes=frame.get_column("programme").n_unique(),
        reported=reported,
        unreported=frame.height - reported,
    )
    headers = {
        "category": label("category", lang),
        "lead_unit": label("lead_unit", lang),
        "tasks": label("tasks_count", lang),
        "overdue": label("st_overdue", lang),
        "dropped": label("st_dropped", lang),
    }
    overdue = named.filter(pl.col("overdue"))
    task_headers = {
        "task": label("code", lang),
        "title": label("task_title", lang),
        "status_text": label("status", lang),
    }
    return join(
        [
            heading,
            element("p", summary),
            element("h3", label("category", lang)),
            tables.simple_table(completion(named, "category", lang), lang, headers=headers),
            element("h3", label("lead_unit", lang)),
            tables.simple_table(completion(named, "lead_unit", lang), lang, headers=headers),
            element("h3", label("overdue_tasks", lang)),
            tables.simple_table(
                overdue, lang, columns=["task", "title", "lead_unit", "deadline", "status_text", "evidence"],
                headers=task_headers,
            ) if overdue.height else element("p", label("no_overdue", lang), css_class="stkit-note"),
            element("h3", label("task_list", lang)),
            tables.simple_table(
                named, lang, columns=["task", "title", "lead_unit", "status_text"], headers=task_headers
            ),
        ]
    )  # fmt: skip
