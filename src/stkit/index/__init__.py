"""COINr-compatible composite index: pipeline, profiles, uncertainty, the PII data."""

from __future__ import annotations

from stkit.index.config import IndexConfig, UncertaintyConfig, load_config
from stkit.index.io import read_idata, read_imeta
from stkit.index.pipeline import build
from stkit.index.result import IndexResult

__all__ = [
    "IndexConfig",
    "IndexResult",
    "UncertaintyConfig",
    "build",
    "load_config",
    "read_idata",
    "read_imeta",
]
