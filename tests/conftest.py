"""Shared test settings and fixtures.

Hypothesis' per-example deadline measures wall time, which a loaded CI machine (2 shared
cores) stretches at random; speed is measured by the benchmarks instead, so the
deadline is off for every property test. `inputs` is the shipped data loaded once for
the whole run (an `Inputs` is frozen, so tests cannot change it for one another).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

import stkit

settings.register_profile("stkit", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("stkit")


@pytest.fixture(scope="session")
def inputs() -> stkit.Inputs:
    """The shipped data, loaded and validated once."""
    return stkit.load()
