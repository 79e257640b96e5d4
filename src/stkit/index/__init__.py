"""COINr-compatible composite index: pipeline, profiles, uncertainty, the PII data.

`build(idata, imeta, config)` runs denominate → impute → screen → treat → normalise →
aggregate → rank and returns an `IndexResult`; `uncertainty(...)` runs the Monte Carlo;
`strengths_weaknesses(result, unit)` profiles a unit; `load_pii_results()` reads the
published PII results. See docs/index-method.md.
"""

from __future__ import annotations

from stkit.index.config import IndexConfig, UncertaintyConfig, load_config
from stkit.index.io import read_idata, read_imeta
from stkit.index.pii import load_pii_results
from stkit.index.pipeline import build
from stkit.index.profile import strengths_weaknesses, unit_scores
from stkit.index.result import IndexResult
from stkit.index.uncertainty import UncertaintyResult, uncertainty

__all__ = [
    "IndexConfig",
    "IndexResult",
    "UncertaintyConfig",
    "UncertaintyResult",
    "build",
    "load_config",
    "load_pii_results",
    "read_idata",
    "read_imeta",
    "strengths_weaknesses",
    "uncertainty",
    "unit_scores",
]
