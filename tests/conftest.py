"""Shared test settings.

Hypothesis' per-example deadline measures wall time, which a loaded CI machine (2 shared
cores) stretches at random; speed is measured by the benchmarks instead, so the
deadline is off for every property test.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile("stkit", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("stkit")
