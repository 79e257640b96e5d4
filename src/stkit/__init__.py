"""stkit: track science, technology and innovation programmes of Vietnamese provinces.

The analyst's path::

    import stkit

    inputs = stkit.load()                      # or stkit.load("my-data")
    progress = stkit.assess(inputs, year=2025)
    tasks = stkit.commitments(inputs, year=2025)
    stkit.write_report("hai-phong", year=2025, out="reports")

Read, validate, compute and render, in that order: `stkit.load` reads and validates one
data directory into a frozen `Inputs`; progress, commitments and the composite index are
pure functions over its frames (`stkit.progress`, `stkit.tasks`, `stkit.index`);
reports only present their results (`stkit.reports`).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("stkit")
except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0.0.0"

if TYPE_CHECKING:
    from stkit._load import load
    from stkit.api import assess, build_index, commitments, write_report
    from stkit.inputs import Inputs

__all__ = [
    "Inputs",
    "__version__",
    "assess",
    "build_index",
    "commitments",
    "load",
    "write_report",
]

_LAZY = {
    "Inputs": "stkit.inputs",
    "load": "stkit._load",
    "assess": "stkit.api",
    "build_index": "stkit.api",
    "commitments": "stkit.api",
    "write_report": "stkit.api",
}


def __getattr__(name: str) -> Any:
    """Import the public API on first use, so `import stkit` (and the CLI) start fast."""
    if name in _LAZY:
        import importlib  # noqa: PLC0415

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'stkit' has no attribute {name!r}")
