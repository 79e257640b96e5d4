"""Commitments (tasks) of the programmes: each task's latest status and roll-ups.

METHODS §2: completion = done ÷ due, by programme, category and lead unit; a task is
overdue when its deadline has passed and it is not done. Choices where the sources are
silent (docs/progress.md): the report date is 31 December of the report year; a task
without any status entry up to that year counts as `not_started` (`reported` false); only
leaf tasks are counted (a parent task's children stand for it), so nothing is counted twice.

Dropped tasks, the one rule: a dropped task is neither due nor overdue, so it is excluded
from the completion denominator (it neither raises nor lowers completion), and it is
counted in its own `dropped` column. Two leaf tasks due, one done, one dropped: completion
1 ÷ 1 = 100 %, dropped 1.

This module is the one computation of commitments: the CLI (`stkit tasks`), `stkit.commitments`
and the city reports present its results.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from stkit.outputs import TASK_COMPLETION, TASK_STATES
from stkit.schemas import require_columns
from stkit.vocab import TASK_STATUSES

TASK_COLUMNS: tuple[str, ...] = TASK_STATES.columns
"""Columns of `task_states` (`stkit.outputs.TASK_STATES`)."""

SUMMARY_COLUMNS: tuple[str, ...] = TASK_COMPLETION.columns
"""Columns of `summarise_tasks` (`stkit.outputs.TASK_COMPLETION`); `completion` returns the
same counts for any grouping."""

_COUNTS = {
    name: dtype for name, dtype in TASK_COMPLETION.dtypes.items() if name in SUMMARY_COLUMNS[3:]
}

_TASK_NEEDS = ("programme", "task", "parent", "category", "lead_unit", "deadline")
_STATUS_NEEDS = ("programme", "task", "year", "status")


def task_states(
    tasks: pl.DataFrame, status: pl.DataFrame, *, year: int, evidence: str = "evidence"
) -> pl.DataFrame:
    """Each leaf task with its latest status up to `year`, evidence, source, due and overdue.

    `tasks` as from `stkit.programmes.tasks_frame`; `status` in the task-status format
    (`evidence` names the column of evidence to take, e.g. `evidence_en`). `source` is the
    status entry's source, else the task's own. Tasks keep their registry order within a
    programme.
    """
    require_columns(tasks, _TASK_NEEDS, "tasks")
    require_columns(status, _STATUS_NEEDS, "task status")
    report_day = dt.date(year, 12, 31)
    parents = tasks.select("programme", pl.col("parent").alias("task")).drop_nulls().unique()
    leaves = tasks.join(parents, on=["programme", "task"], how="anti")
    for name in ("title_vi", "title_en", "source"):
        if name not in leaves.columns:
            leaves = leaves.with_columns(pl.lit(None, dtype=pl.String).alias(name))
    entries = status.with_columns(
        *(
            pl.lit(None, dtype=pl.String).alias(name)
            for name in (evidence, "source")
            if name not in status.columns
        )
    )
    latest = (
        entries.filter(pl.col("year").cast(pl.Int64) <= year)
        .sort("year", maintain_order=True)
        .group_by("programme", "task")
        .agg(
            pl.col("status").last(),
            pl.col("year").last().cast(pl.Int64).alias("status_year"),
            pl.col(evidence).last().alias("evidence"),
            pl.col("source").last().alias("status_source"),
        )
    )
    deadline = pl.col("deadline").cast(pl.Date)
    state = pl.col("status")
    return (
        leaves.join(latest, on=["programme", "task"], how="left", maintain_order="left")
        .with_columns(
            state.is_not_null().alias("reported"),
            state.fill_null("not_started"),
            pl.col("status_source").fill_null(pl.col("source")).alias("source"),
        )
        .with_columns(
            (deadline.is_not_null() & (deadline <= report_day) & (state != "dropped")).alias("due"),
            (
                deadline.is_not_null() & (deadline < report_day) & ~state.is_in(["done", "dropped"])
            ).alias("overdue"),
        )
        .sort("programme", maintain_order=True)
        .select(TASK_COLUMNS)
        .cast(TASK_STATES.dtypes)  # type: ignore[arg-type]
    )


def completion(states: pl.DataFrame, by: list[str]) -> pl.DataFrame:
    """Counts and completion per group of `by`, from `task_states`' rows.

    Columns: `by`, tasks, due, done, in_progress, not_started, dropped, overdue,
    not_reported, completion_rate (done among those due ÷ due, a fraction; null when none
    is due). Dropped tasks are never due, so they are outside the denominator.
    """
    state = pl.col("status")
    return (
        states.group_by(by)
        .agg(
            pl.len().alias("tasks"),
            pl.col("due").sum(),
            *((state == status).sum().alias(status) for status in TASK_STATUSES),
            pl.col("overdue").sum(),
            (~pl.col("reported")).sum().alias("not_reported"),
            (pl.col("due") & (state == "done")).sum().alias("_done_due"),
        )
        .with_columns(
            pl.when(pl.col("due") > 0)
            .then(pl.col("_done_due") / pl.col("due"))
            .alias("completion_rate")
        )
        .sort(by, nulls_last=True)
        .select(*by, *SUMMARY_COLUMNS[3:])
        .cast(_COUNTS)  # type: ignore[arg-type]
    )


def summarise_tasks(tasks: pl.DataFrame, status: pl.DataFrame, *, year: int) -> pl.DataFrame:
    """Per programme, category and lead unit: tasks, due, done, in progress, overdue, completion.

    completion_rate = tasks done among those due ÷ tasks due (a fraction; null when none
    is due yet); dropped tasks are not due and are counted under `dropped`.
    """
    states = task_states(tasks, status, year=year)
    return completion(states, ["programme", "category", "lead_unit"]).select(SUMMARY_COLUMNS)
