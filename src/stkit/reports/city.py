"""One city's report, section by section: each method returns a displayable block.

The notebook `city_progress.ipynb` calls these in order; all logic lives here so
the notebook stays thin. Frames are read once and cached on the object.
Observations on units merged into this one on 1 July 2025 count for it (data
quality, default year); each target is charted on the unit the target names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import polars as pl

from stkit.datadir import resolve_data_dir
from stkit.i18n import Lang, check_lang
from stkit.programmes import load_registry, targets_frame, task_status_frame, tasks_frame
from stkit.progress import assess
from stkit.reports import sections
from stkit.reports.display import Headline, HtmlBlock
from stkit.reports.manifest import fingerprint, input_files
from stkit.reports.paths import member_keys
from stkit.reports.pii import PiiPosition, position
from stkit.units import MERGER_DATE, Unit, load_crosswalk, resolve_unit
from stkit.validation import load_inputs

STALE_AFTER_YEARS = 2


@dataclass(frozen=True)
class ReportData:
    """The input tables of a report, validated."""

    indicators: pl.DataFrame
    observations: pl.DataFrame
    targets: pl.DataFrame
    tasks: pl.DataFrame
    task_status: pl.DataFrame
    programmes: dict[str, dict[str, str]]  # id -> {"title", "source"}


def load_report_data(data_dir: Path | None, lang: Lang) -> ReportData:
    """Read and validate the inputs (catalogue, observations, registry) of a report."""
    inputs = load_inputs(data_dir)
    registry = load_registry(data_dir)
    programmes = {
        sections.programme_id(p): {
            "title": sections.programme_title(p, lang),
            "source": sections.programme_source(p),
        }
        for p in registry.programmes
    }
    return ReportData(
        indicators=inputs.indicators,
        observations=inputs.observations,
        targets=targets_frame(registry),
        tasks=tasks_frame(registry),
        task_status=task_status_frame(registry),
        programmes=programmes,
    )


@dataclass
class CityReport:
    """A unit's report for a year, in one language."""

    unit: Unit
    year: int
    lang: Lang
    data_dir: Path | None
    data: ReportData

    @classmethod
    def load(
        cls, unit: str, year: int, lang: str = "vi", data_dir: str | Path | None = None
    ) -> CityReport:
        """Resolve the unit (in force since 1 July 2025) and read the inputs."""
        chosen_lang = check_lang(lang)
        folder = Path(data_dir) if data_dir is not None else None
        resolved = resolve_unit(unit, on=MERGER_DATE, data_dir=folder)
        return cls(resolved, int(year), chosen_lang, folder, load_report_data(folder, chosen_lang))

    @cached_property
    def keys(self) -> set[str]:
        """Slugs and codes of this unit and of the old units merged into it."""
        return member_keys(self.unit.slug, self.unit.code, load_crosswalk(self.data_dir))

    @cached_property
    def observations(self) -> pl.DataFrame:
        """Observations of this unit (and its predecessors) up to the report year."""
        return self.data.observations.filter(
            pl.col("unit").cast(pl.String).is_in(sorted(self.keys))
            & (pl.col("period") <= self.year)
        )

    @cached_property
    def progress(self) -> pl.DataFrame:
        """Progress of every target row on this unit (milestones included)."""
        targets = self.data.targets.filter(pl.col("unit").cast(pl.String).is_in(sorted(self.keys)))
        if targets.height == 0:
            return targets
        return assess(targets, self.data.observations, self.data.indicators, year=self.year)

    @cached_property
    def indicator_names(self) -> dict[str, str]:
        """Indicator code → name in the report language."""
        column = "name_vi" if self.lang == "vi" else "name_en"
        return dict(self.data.indicators.select("code", column).iter_rows())

    @cached_property
    def pii(self) -> PiiPosition:
        """The unit's PII position (published results and the illustrative build)."""
        return position(self.unit.slug, self.keys, self.year, self.data_dir)

    @cached_property
    def illustrative(self) -> bool:
        """Whether any figure in this report is illustrative."""
        observed = bool(self.observations.get_column("illustrative").any())
        progress = self.progress.height > 0 and bool(self.progress.get_column("illustrative").any())
        return observed or progress or self.pii.illustrative

    def header(self) -> HtmlBlock:
        """Title, unit, year, data vintage, and a banner when any figure is illustrative."""
        folder = resolve_data_dir(self.data_dir)
        vintage = fingerprint(input_files(folder))[:12]
        return sections.header(self, vintage)

    def scorecard(self) -> HtmlBlock:
        """The target scorecard with colour bands."""
        return sections.scorecard_section(self)

    def target_charts(self) -> HtmlBlock | sections.ChartGroup:
        """One chart per target: observed, target and milestones, straight path, projection."""
        return sections.charts_section(self)

    def commitments(self) -> HtmlBlock:
        """Tasks by category and lead unit; overdue tasks with their evidence."""
        return sections.commitments_section(self)

    def pii_position(self) -> HtmlBlock:
        """Score and rank over time, pillars against peers, strengths and weaknesses, rank interval."""
        return sections.pii_section(self)

    def data_quality(self) -> HtmlBlock:
        """Missing and stale series."""
        return sections.quality_section(self, stale_after=STALE_AFTER_YEARS)

    def sources(self) -> HtmlBlock:
        """Every source behind a figure of this report."""
        return sections.sources_section(self)

    def headline(self) -> Headline:
        """Headline figures (written to headline.json)."""
        return sections.headline(self)

    @property
    def year_end(self) -> dt.date:
        """31 December of the report year (deadlines before it have passed)."""
        return dt.date(self.year, 12, 31)
