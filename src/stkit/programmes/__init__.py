"""The programme registry: typed, immutable records read from `data/programmes/*.toml`.

`load_registry()` reads and checks the files; `targets_frame`, `task_status_frame` and
`tasks_frame` export them in the public table formats.
"""

from __future__ import annotations

from stkit.programmes.export import (
    citation,
    cite,
    programmes_frame,
    targets_frame,
    task_status_frame,
    tasks_frame,
)
from stkit.programmes.in_force import TargetSpan, effective_date, target_spans, targets_in_force
from stkit.programmes.loader import RegistryError, load_registry
from stkit.programmes.model import (
    NATIONAL_UNIT,
    Agency,
    Baseline,
    BaselineFigure,
    Document,
    FollowUp,
    Party,
    Programme,
    QualitativeMilestone,
    Registry,
    Request,
    Responsibility,
    Review,
    SituationFact,
    StatusEntry,
    Target,
    TargetMilestone,
    Task,
)

__all__ = [
    "NATIONAL_UNIT",
    "Agency",
    "Baseline",
    "BaselineFigure",
    "Document",
    "FollowUp",
    "Party",
    "Programme",
    "QualitativeMilestone",
    "Registry",
    "RegistryError",
    "Request",
    "Responsibility",
    "Review",
    "SituationFact",
    "StatusEntry",
    "Target",
    "TargetMilestone",
    "TargetSpan",
    "Task",
    "citation",
    "cite",
    "effective_date",
    "load_registry",
    "programmes_frame",
    "target_spans",
    "targets_frame",
    "targets_in_force",
    "task_status_frame",
    "tasks_frame",
]
