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
from stkit.programmes.loader import RegistryError, load_registry
from stkit.programmes.model import (
    Agency,
    Baseline,
    BaselineFigure,
    Document,
    Party,
    Programme,
    QualitativeMilestone,
    Registry,
    Request,
    Responsibility,
    Review,
    StatusEntry,
    Target,
    TargetMilestone,
    Task,
)

__all__ = [
    "Agency",
    "Baseline",
    "BaselineFigure",
    "Document",
    "Party",
    "Programme",
    "QualitativeMilestone",
    "Registry",
    "RegistryError",
    "Request",
    "Responsibility",
    "Review",
    "StatusEntry",
    "Target",
    "TargetMilestone",
    "Task",
    "citation",
    "cite",
    "load_registry",
    "programmes_frame",
    "targets_frame",
    "task_status_frame",
    "tasks_frame",
]
