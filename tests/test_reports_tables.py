"""The scorecard's status bands: one colour per status, as the legend shows them."""

from __future__ import annotations

from stkit.reports.tables import STATUS_BANDS
from stkit.vocab import PROGRESS_STATUSES


def test_every_status_has_its_own_colour_band() -> None:
    assert set(STATUS_BANDS) == set(PROGRESS_STATUSES)
    assert len(set(STATUS_BANDS.values())) == len(STATUS_BANDS)
