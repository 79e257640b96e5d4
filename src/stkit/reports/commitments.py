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
from stkit.reports.display import HtmlBlock, element, escape, join
from stkit.reports.labels import (
    category_label,
    comparator_sign,
    date,
    label,
    number,
    percent,
    status_label,
)
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
        pl.col("task").alias("code"),
        pl.concat_str(pl.col("programme"), pl.lit(" · "), pl.col("task")).alias("task"),
        pl.col(title).fill_null(pl.col("title_vi")).alias("title"),
        pl.struct("status", "status_year", "reported")
        .map_elements(
            lambda s: _status_text(s["status"], s["status_year"], s["reported"], lang),
            return_dtype=pl.String,
        )
        .alias("status_text"),
    )


BUCKETS: tuple[str, ...] = ("not_started", "in_progress", "done", "dropped", "overdue")
"""Columns of the task counts; each task is in exactly one, so they add up to the total."""


def task_bucket() -> pl.Expr:
    """Each task's one column: done, dropped, overdue (deadline passed, not done), else its status.

    From `stkit.tasks.task_states`' `status` and `overdue`; a task in progress or not
    started whose deadline passed before the report day counts as overdue only.
    """
    state = pl.col("status")
    return (
        pl.when(state == "done")
        .then(pl.lit("done"))
        .when(state == "dropped")
        .then(pl.lit("dropped"))
        .when(pl.col("overdue"))
        .then(pl.lit("overdue"))
        .when(state == "in_progress")
        .then(pl.lit("in_progress"))
        .otherwise(pl.lit("not_started"))
        .alias("bucket")
    )


def bucket_counts(frame: pl.DataFrame, by: list[str]) -> pl.DataFrame:
    """Tasks per group of `by` in the `BUCKETS` columns and their total (the columns add up)."""
    bucketed = frame.with_columns(task_bucket())
    counts = bucketed.group_by(by, maintain_order=True).agg(
        pl.len().alias("tasks"),
        *((pl.col("bucket") == name).sum().cast(pl.Int64).alias(name) for name in BUCKETS),
    )
    return counts.select(*by, "tasks", *BUCKETS)


def totals(frame: pl.DataFrame) -> dict[str, int]:
    """Every task of `frame` counted once: total and one count per bucket."""
    counts = bucket_counts(frame.with_columns(pl.lit("all").alias("_all")), ["_all"])
    if counts.height == 0:
        return {"total": 0, **dict.fromkeys(BUCKETS, 0)}
    row = counts.row(0, named=True)
    return {"total": int(row["tasks"]), **{name: int(row[name]) for name in BUCKETS}}


def _bucket_headers(lang: Lang) -> dict[str, str]:
    return {
        "tasks": label("total", lang),
        **{name: label(f"st_{name}", lang) for name in BUCKETS},
    }


def details(summary: str, body: HtmlBlock, *, open_: bool = False) -> HtmlBlock:
    """A collapsible block (`<details>`), open or closed at first."""
    attr = " open" if open_ else ""
    return HtmlBlock(f"<details{attr}><summary>{escape(summary)}</summary>\n{body}\n</details>")


def milestones_block(
    numeric: pl.DataFrame,
    qualitative: pl.DataFrame,
    *,
    lang: Lang,
    indicator_names: Mapping[str, str],
) -> HtmlBlock | None:
    """Numeric milestones (progress rows flagged `milestone`) and dated milestones without a number."""
    rows: list[tuple[str, str, str]] = []
    if numeric.height:
        for row in numeric.sort("target_year").iter_rows(named=True):
            name = indicator_names.get(row["indicator"], row["indicator"])
            target = f"{comparator_sign(row['comparator'])} {number(row['target_value'], lang)}"
            outcome = row.get("outcome") or row.get("status")
            rows.append((str(row["target_year"]), f"{name} {target}", status_label(outcome, lang)))
    text = "text_en" if lang == "en" else "text_vi"
    for year, words in qualitative.sort("year").select("year", text).iter_rows():
        rows.append((str(year), str(words), "–"))
    if not rows:
        return None
    frame = pl.DataFrame(rows, schema=["year", "milestone", "status"], orient="row")
    headers = {
        "year": label("period", lang),
        "milestone": label("milestone", lang),
        "status": label("status", lang),
    }
    return join(
        [
            element("h3", label("s_milestones", lang)),
            tables.simple_table(frame, lang, headers=headers),
        ]
    )


def requests_block(
    requests: pl.DataFrame, *, lang: Lang, agency_names: Mapping[str, str]
) -> HtmlBlock:
    """Open requests: who asked whom, on which day, what, and how many follow-ups so far."""
    heading = element("h3", label("s_requests", lang))
    open_ = requests.filter(pl.col("state") == "open") if requests.height else requests
    if open_.height == 0:
        return join([heading, element("p", label("no_requests", lang), css_class="stkit-note")])
    title = "title_en" if lang == "en" else "title_vi"
    names = dict(agency_names)
    frame = open_.sort("asked_on", "id").select(
        "id",
        pl.col("requested_by").replace_strict(names, default=pl.col("requested_by")),
        pl.col("addressee").replace_strict(names, default=pl.col("addressee")),
        pl.col("asked_on"),
        pl.col(title).alias("request"),
        "follow_ups",
    )
    headers = {
        "id": label("code", lang),
        "requested_by": label("asked_by", lang),
        "addressee": label("addressee", lang),
        "asked_on": label("asked_on", lang),
        "request": label("request", lang),
        "follow_ups": label("follow_ups", lang),
    }
    return join([heading, tables.simple_table(frame, lang, headers=headers)])


def _list_title(programme: str, rows: pl.DataFrame, lang: Lang) -> str:
    """`P3 — Tasks (30), deadline 31/12/2025` (the deadline when every task shares it)."""
    title = f"{programme} — {label('task_list', lang)} ({rows.height})"
    deadlines = rows.get_column("deadline").drop_nulls().unique().to_list()
    if len(deadlines) == 1:
        title += f", {label('deadline', lang).lower()} {date(deadlines[0], lang)}"
    return title


def commitments_section(
    frame: pl.DataFrame,
    *,
    lang: Lang,
    agency_names: Mapping[str, str],
    year: int,
    milestones: HtmlBlock | None = None,
    requests: HtmlBlock | None = None,
    national: bool = False,
) -> HtmlBlock:
    """Tasks in columns that add up, by programme, category and lead unit; overdue; every task.

    `frame` from `task_table`; the by-category, by-lead-unit and per-programme task lists
    are collapsible (`<details>`), the per-programme counts and the overdue tasks open.
    """
    heading = element("h2", label("s_commitments", lang))
    if frame.height == 0:
        missing = label("missing_tasks_national" if national else "missing_tasks", lang)
        return join(
            [
                heading,
                element("p", missing, css_class="stkit-note"),
                *(b for b in (milestones, requests) if b is not None),
            ]
        )
    named = _named(frame, lang, agency_names).with_columns(task_bucket())
    reported = int(frame.get_column("reported").sum())
    summary = label("tasks_summary", lang).format(
        tasks=frame.height,
        programmes=frame.get_column("programme").n_unique(),
        reported=reported,
        unreported=frame.height - reported,
    )
    headers = {
        "programme": label("programme", lang),
        "category": label("category", lang),
        "lead_unit": label("lead_unit", lang),
        **_bucket_headers(lang),
    }
    overdue = named.filter(pl.col("overdue"))
    task_headers = {
        "task": label("code", lang),
        "code": label("code", lang),
        "title": label("task_title", lang),
        "lead_unit": label("lead_unit", lang),
        "deadline": label("deadline", lang),
        "status_text": label("status_last_report", lang),
        "evidence": label("latest_evidence", lang),
    }
    every = [
        details(
            _list_title(programme, rows, lang),
            tables.simple_table(
                rows, lang, columns=["code", "title", "status_text", "evidence"], headers=task_headers
            ),
        )
        for (programme,), rows in named.group_by("programme", maintain_order=True)
    ]  # fmt: skip
    parts: list[HtmlBlock] = [
        heading,
        element("p", summary),
        element("p", label("tasks_definitions", lang).format(year=year), css_class="stkit-note"),
        element("h3", label("by_programme", lang)),
        tables.simple_table(bucket_counts(named, ["programme"]), lang, headers=headers),
        details(
            label("category", lang),
            tables.simple_table(bucket_counts(named, ["category"]), lang, headers=headers),
        ),
        details(
            label("lead_unit", lang),
            tables.simple_table(bucket_counts(named, ["lead_unit"]), lang, headers=headers),
        ),
        element("h3", label("overdue_tasks", lang)),
        tables.simple_table(
            overdue, lang,
            columns=["task", "title", "lead_unit", "deadline", "status_text", "evidence"],
            headers=task_headers,
        ) if overdue.height else element("p", label("no_overdue", lang), css_class="stkit-note"),
        element("h3", label("task_list", lang)),
        *every,
    ]  # fmt: skip
    if milestones is not None:
        parts.append(milestones)
    if requests is not None:
        parts.append(requests)
    return join(parts)
