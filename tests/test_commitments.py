"""Commitments: latest status per task, due, overdue, completion by programme/category/lead."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from stkit.errors import StkitError
from stkit.programmes import load_registry, task_status_frame, tasks_frame
from stkit.tasks import SUMMARY_COLUMNS, summarise_tasks, task_states

TASKS = pl.DataFrame(
    {
        "programme": ["P"] * 6,
        "task": ["A", "A.1", "A.2", "B", "C", "D"],
        "parent": [None, "A", "A", None, None, None],
        "title_vi": ["a", "a1", "a2", "b", "c", "d"],
        "title_en": ["a", "a1", "a2", "b", "c", "d"],
        "category": ["research", "research", "research", "training", "training", "training"],
        "lead_unit": ["dost", "dost", "dost", "dost", "dost", "most"],
        "partner_units": [[], [], [], [], [], []],
        "deadline": [
            dt.date(2025, 12, 31),
            dt.date(2023, 6, 30),
            dt.date(2024, 12, 31),
            dt.date(2023, 12, 31),
            None,
            dt.date(2022, 12, 31),
        ],
        "source": ["decision"] * 6,
    }
)
STATUS = pl.DataFrame(
    {
        "programme": ["P"] * 6,
        "task": ["A.1", "A.1", "A.2", "B", "D", "C"],
        "year": [2023, 2024, 2023, 2024, 2023, 2026],
        "status": ["in_progress", "done", "in_progress", "dropped", "in_progress", "done"],
        "evidence": ["started", "report filed", "draft", "cancelled", "half", "later"],
        "source": ["review 2023", "review 2024", "review 2023", "review 2024", "r", "r"],
    }
)


def test_latest_status_up_to_the_report_year() -> None:
    states = {r["task"]: r for r in task_states(TASKS, STATUS, year=2024).to_dicts()}
    assert set(states) == {"A.1", "A.2", "B", "C", "D"}  # parent A stands for its children
    assert (states["A.1"]["status"], states["A.1"]["evidence"]) == ("done", "report filed")
    assert states["A.1"]["source"] == "review 2024"
    assert states["C"]["status"] == "not_started"  # its only entry is from 2026
    assert states["C"]["source"] == "decision"
    assert states["C"]["status_year"] is None


def test_due_and_overdue() -> None:
    states = {r["task"]: r for r in task_states(TASKS, STATUS, year=2024).to_dicts()}
    assert states["A.1"]["due"]
    assert not states["A.1"]["overdue"]
    assert states["A.2"]["due"]
    assert not states["A.2"]["overdue"]
    assert not states["B"]["due"]
    assert not states["B"]["overdue"]
    assert not states["C"]["due"]  # no deadline
    assert states["D"]["overdue"]  # 2022 deadline, still in progress
    later = {r["task"]: r for r in task_states(TASKS, STATUS, year=2025).to_dicts()}
    assert later["A.2"]["overdue"]


def test_roll_up_by_programme_category_and_lead_unit() -> None:
    summary = summarise_tasks(TASKS, STATUS, year=2024)
    assert summary.columns == list(SUMMARY_COLUMNS)
    rows = {(r["category"], r["lead_unit"]): r for r in summary.to_dicts()}
    research = rows[("research", "dost")]
    assert (research["tasks"], research["due"], research["done"]) == (2, 2, 1)
    assert research["in_progress"] == 1
    assert research["completion_rate"] == pytest.approx(0.5)
    training = rows[("training", "dost")]
    assert (training["tasks"], training["due"], training["dropped"]) == (2, 0, 1)
    assert training["completion_rate"] is None  # nothing due
    most = rows[("training", "most")]
    assert (most["due"], most["overdue"], most["completion_rate"]) == (1, 1, 0.0)


def test_missing_columns_are_named() -> None:
    with pytest.raises(StkitError, match="deadline"):
        summarise_tasks(TASKS.drop("deadline"), STATUS, year=2024)


def test_shipped_registry_rolls_up() -> None:
    registry = load_registry()
    summary = summarise_tasks(tasks_frame(registry), task_status_frame(registry), year=2025)
    assert set(summary["programme"]) == {"P1", "P2", "P3"}
    states = task_states(tasks_frame(registry), task_status_frame(registry), year=2025)
    assert summary["tasks"].sum() == states.height
    assert (summary["done"] <= summary["tasks"]).all()
