"""Every output frame has the columns and dtypes `stkit.outputs` declares."""

from __future__ import annotations

import polars as pl

import stkit
from stkit import outputs, tasks
from stkit.coverage import coverage
from stkit.index import build
from stkit.index.config import IndexConfig, TreatConfig
from stkit.index.profile import strengths_weaknesses
from stkit.programmes import programmes_frame, tasks_frame

IMETA = pl.DataFrame(
    {
        "Level": [1, 1, 2],
        "iCode": ["a", "b", "T"],
        "iName": ["A", "B", "Total"],
        "Direction": [1, 1, 1],
        "Weight": [1.0, 1.0, 1.0],
        "Parent": ["T", "T", None],
        "Type": ["Indicator", "Indicator", "Aggregate"],
    }
)
IDATA = pl.DataFrame(
    {"uCode": [f"u{i}" for i in range(10)], "a": [float(i) for i in range(10)], "b": [5.0] * 10}
)


def _matches(frame: pl.DataFrame, spec: outputs.FrameSpec) -> None:
    assert frame.schema == spec.schema, spec.name
    assert frame.height > 0, spec.name  # a real output, not an empty shell


def test_progress_output(inputs: stkit.Inputs) -> None:
    _matches(stkit.assess(inputs, year=2025), outputs.PROGRESS)
    assert outputs.PROGRESS_PUBLIC_COLUMNS[-1] == "reason"


def test_commitment_outputs(inputs: stkit.Inputs) -> None:
    states = tasks.task_states(inputs.task_list, inputs.tasks, year=2025)
    _matches(states, outputs.TASK_STATES)
    _matches(
        tasks.summarise_tasks(inputs.task_list, inputs.tasks, year=2025), outputs.TASK_COMPLETION
    )
    by_lead = tasks.completion(states, ["lead_unit"])
    assert by_lead.columns == ["lead_unit", *outputs.TASK_COMPLETION.columns[3:]]
    assert by_lead.schema["done"] == pl.Int64()


def test_registry_outputs(inputs: stkit.Inputs) -> None:
    assert inputs.registry is not None
    _matches(tasks_frame(inputs.registry), outputs.REGISTRY_TASKS)
    _matches(programmes_frame(inputs.registry), outputs.PROGRAMMES)


def test_coverage_output(inputs: stkit.Inputs) -> None:
    table = coverage(
        inputs.observations,
        inputs.targets,
        inputs.indicators,
        inputs.crosswalk,
        units=["hai-phong"],
        years=[2023, 2024],
    )
    _matches(table, outputs.COVERAGE)


def test_profile_output() -> None:
    result = build(IDATA, IMETA, IndexConfig(treat=TreatConfig(method="none")))
    _matches(strengths_weaknesses(result, "u9"), outputs.PROFILE)


def test_every_spec_builds_an_empty_frame() -> None:
    for name, spec in outputs.OUTPUTS.items():
        assert spec.name == name
        assert spec.empty().columns == list(spec.columns)
