"""The commitments section of a city report: tasks of the unit's programmes and their status.

Only tasks without sub-tasks are counted (a heading such as P3's `II.1 Domestic
cooperation` groups tasks; counting it too would count its work twice). A task's
status in the report year is its latest status entry up to that year; a task with
no entry yet is shown as "no report yet" and counted as not started, so a programme
whose reviews have not been filed (Cần Thơ's P2) still shows all its tasks.
Categories and lead units are shown by name, never by registry id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from stkit.i18n import Lang
from stkit.reports import tables
from stkit.reports.display import HtmlBlock, element, join
from stkit.reports.labels import category_label, label, percent, status_label

if TYPE_CHECKING:
    from stkit.reports.city import CityReport

DONE_STATES = ("done", "dropped")


def task_table(report: CityReport) -> pl.DataFrame:
    """Tasks (no sub-tasks) of the unit's programmes with their status in the report year.

    Adds `reported` (a status entry exists up to the year), `status` (`not_started` when
    none), `status_year`, `evidence` in the report language, `due` and `overdue`.
    """
    tasks = report.data.tasks.filter(pl.col("programme").is_in(report.programmes))
    parents = tasks.select("programme", pl.col("parent").alias("task")).drop_nulls().unique()
    leaves = tasks.join(parents, on=["programme", "task"], how="anti")
    evidence = "evidence_en" if report.lang == "en" else "evidence"
    status = (
        report.data.task_status.filter(
            pl.col("programme").is_in(report.programmes) & (pl.col("year") <= report.year)
        )
        .sort("year", maintain_order=True)
        .group_by("programme", "task", maintain_order=True)
        .agg(
            pl.col("status").last(),
            pl.col("year").last().alias("status_year"),
            pl.col(evidence).last().alias("evidence"),
            pl.col("source").last().alias("status_source"),
        )
    )
    return (
        leaves.join(status, on=["programme", "task"], how="left")
        .with_columns(
            pl.col("status").is_not_null().alias("reported"),
            pl.col("status").fill_null("not_started"),
        )
        .with_columns(
            (
                pl.col("deadline").is_not_null()
                & (pl.col("deadline") < report.year_end)
                & ~pl.col("status").is_in(DONE_STATES)
            ).alias("overdue"),
            (pl.col("deadline").is_not_null() & (pl.col("deadline") <= report.year_end)).alias(
                "due"
            ),
        )
        .sort("programme", maintain_order=True)  # tasks in registry order within a programme
    )


def completion(frame: pl.DataFrame, by: str, lang: Lang) -> pl.DataFrame:
    """Tasks, due, done, in progress, not reported, overdue and completion (done ÷ due) per `by`."""
    return (
        frame.group_by(by)
        .agg(
            pl.len().alias("tasks"),
            pl.col("due").sum().alias("due"),
            (pl.col("status") == "done").sum().alias("done"),
            (pl.col("status") == "in_progress").sum().alias("in_progress"),
            (~pl.col("reported")).sum().alias("no_report"),
            pl.col("overdue").sum().alias("overdue"),
        )
        .with_columns(
            pl.when(pl.col("due") > 0)
            .then(pl.col("done").cast(pl.Float64) / pl.col("due") * 100.0)
            .alias("completion")
        )
        .sort(by)
        .with_columns(
            pl.col("completion").map_elements(lambda v: percent(v, lang, 0), return_dtype=pl.String)
        )
    )


def _status_text(status: str, year: int | None, reported: bool, lang: Lang) -> str:
    if not reported:
        return label("st_no_report", lang)
    return f"{status_label(status, lang)} ({year})"


def _named(report: CityReport, frame: pl.DataFrame) -> pl.DataFrame:
    """Category and lead unit in words, task as `P1 · MOST.3`, title and status in `lang`."""
    lang = report.lang
    title = "title_en" if lang == "en" else "title_vi"
    return frame.with_columns(
        pl.col("category").map_elements(
            lambda c: category_label(c, lang), return_dtype=pl.String, skip_nulls=False
        ),
        pl.col("lead_unit").replace_strict(
            report.agency_names, default=pl.col("lead_unit"), return_dtype=pl.String
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


def commitments_section(report: CityReport) -> HtmlBlock:
    """Completion by category and by lead unit, overdue tasks with evidence, every task's status."""
    lang = report.lang
    heading = element("h2", label("s_commitments", lang))
    frame = task_table(report)
    if frame.height == 0:
        return join([heading, tables.not_available(lang)])
    named = _named(report, frame)
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
