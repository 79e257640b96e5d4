"""stkit: track science, technology and innovation programmes of Vietnamese provinces.

Read, validate, compute and render, in that order: programmes and units are data
(`stkit.programmes`, `stkit.units`), inputs are checked by pandera schemas
(`stkit.schemas`), progress and the composite index are pure functions over
polars frames (`stkit.progress`, `stkit.index`), and reports are parameterised
notebooks (`stkit.reports`).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("stkit")
except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0.0.0"

__all__ = ["__version__"]
