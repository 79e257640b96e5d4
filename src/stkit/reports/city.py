"""One city's report, section by section: each method returns a displayable block.

The notebook `city_progress.ipynb` calls these in order; all logic lives here so
the notebook stays thin. Inputs come from `stkit.reports.inputs.report_data`
(validated once per run, cached in a warm kernel); derived frames are cached on
the object. Observations on units merged into this one on 1 July 2025 count for
it (data quality, default year); each target is charted on the unit the target names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import polars as pl

from stkit.i18n import Lang, check_lang
from stkit.reports import sections
from stkit.reports.commitments import (
    commitments_section,
    milestones_block,
    requests_block,
    task_table,
)
from stkit.reports.display import Headline, HtmlBlock, element, join
from stkit.reports.figures import key_figures_section, target_latest
from stkit.reports.inputs import ReportData, report_data
from stkit.reports.labels import label
from stkit.reports.methods import methods_section
from stkit.reports.paths import member_keys, overview_link
from stkit.reports.pii import PiiPosition, PiiTables, pii_tables, position
from stkit.reports.reference import reference_section, reference_table
from stkit.reports.summary import overview_paragraph, summary_section
from stkit.units import CURRENT, MERGER_DATE, NATIONAL, PROVINCE, Unit, period_date, resolve_unit

STALE_AFTER_YEARS = 2
COVERAGE_YEARS = 5


def _territory_column(observations: pl.DataFrame) -> pl.Expr:
    """The observations' `territory` cell (`former`, `current` or empty), null if the column is absent."""
    if "territory" in observations.columns:
        return pl.col("territory").cast(pl.String)
    return pl.lit(None, dtype=pl.String).alias("territory")


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
        folder = Path(data_dir).resolve() if data_dir is not None else None
        data = report_data(folder)
        resolved = resolve_unit(unit, on=MERGER_DATE, units=data.units, crosswalk=data.crosswalk)
        return cls(resolved, int(year), chosen_lang, folder, data)

    @cached_property
    def keys(self) -> set[str]:
        """Slugs and codes of this unit and of the old units merged into it."""
        return member_keys(self.unit.slug, self.unit.code, self.data.crosswalk)

    @cached_property
    def own_keys(self) -> set[str]:
        """Slug and code of this unit, and codes of the old unit of the same name (if any)."""
        crosswalk = self.data.crosswalk
        same = crosswalk.filter(pl.col("old_slug") == self.unit.slug).get_column("old_code")
        return {self.unit.slug, self.unit.code, *same.cast(pl.String).to_list()}

    @cached_property
    def programmes(self) -> list[str]:
        """Ids of the programmes on this unit (the registry's `unit`) or with a target on it."""
        keys = sorted(self.keys)
        own = self.data.programmes.filter(pl.col("unit").is_in(keys)).get_column("programme")
        targeted = self.data.targets.filter(pl.col("unit").cast(pl.String).is_in(keys))
        return sorted({*own.to_list(), *targeted.get_column("programme").to_list()})

    @cached_property
    def agency_names(self) -> dict[str, str]:
        """Agency id → name in the report language (registry agencies)."""
        column = "name_en" if self.lang == "en" else "name_vi"
        return dict(self.data.agencies.select("id", column).iter_rows())

    @cached_property
    def unit_names(self) -> dict[str, str]:
        """Unit slug → name in the report language (units in force since 1 July 2025 win)."""
        column = "name_en" if self.lang == "en" else "name_vi"
        units = self.data.units.filter(pl.col("level") == PROVINCE)
        units = units.sort(pl.col("valid_to").is_null())
        return dict(units.select("slug", column).iter_rows())

    @cached_property
    def observations(self) -> pl.DataFrame:
        """Observations of this unit (and its predecessors) up to the report year."""
        return self.data.observations.filter(
            pl.col("unit").cast(pl.String).is_in(sorted(self.keys))
            & (pl.col("period") <= self.year)
        )

    @cached_property
    def progress(self) -> pl.DataFrame:
        """Progress of every target row on this unit (milestones included).

        Filtered from the run's one-pass assessment of every target when it covers the
        report year (the engine treats each (unit, target) on its own, so the rows are
        the same as assessing this unit's targets alone).
        """
        mine = pl.col("unit").cast(pl.String).is_in(sorted(self.keys))
        targets = self.data.targets.filter(mine)
        if targets.height == 0:
            return targets
        every = self.data.progress.get(self.year)
        if every is not None:
            return every.filter(mine)
        from stkit.progress import assess  # noqa: PLC0415 - only without a shared assessment

        return assess(
            targets,
            self.data.observations,
            self.data.indicators,
            year=self.year,
            crosswalk=self.data.crosswalk,
        )

    @cached_property
    def series(self) -> pl.DataFrame:
        """The points each of this unit's targets is assessed on (`stkit.progress.assessed_series`).

        Filtered from the run's shared series when it covers the report year.
        """
        mine = pl.col("unit").cast(pl.String).is_in(sorted(self.keys))
        every = self.data.series.get(self.year)
        if every is not None:
            return every.filter(mine) if every.height else every
        from stkit.progress import assessed_series  # noqa: PLC0415 - only without shared series

        targets = self.data.targets.filter(mine)
        if targets.height == 0:
            return targets
        return assessed_series(
            targets,
            self.data.observations,
            self.data.indicators,
            year=self.year,
            crosswalk=self.data.crosswalk,
        )

    @cached_property
    def indicator_names(self) -> dict[str, str]:
        """Indicator code → name in the report language."""
        column = "name_vi" if self.lang == "vi" else "name_en"
        return dict(self.data.indicators.select("code", column).iter_rows())

    @cached_property
    def pii_tables(self) -> PiiTables:
        """The run's PII tables if they profile this unit, else built here for it."""
        shared = self.data.pii
        if shared is not None and (
            self.unit.slug in shared.profiled
            or self.unit.slug not in set(shared.scores.get_column("uCode").to_list())
        ):
            return shared
        return pii_tables(self.data_dir, [self.unit.slug])

    @cached_property
    def pii(self) -> PiiPosition:
        """The unit's PII position (published results and the illustrative build)."""
        return position(self.unit.slug, self.keys, self.year, self.pii_tables)

    @cached_property
    def illustrative(self) -> bool:
        """Whether any figure in this report is illustrative."""
        observed = bool(self.observations.get_column("illustrative").any())
        progress = self.progress.height > 0 and bool(self.progress.get_column("illustrative").any())
        return observed or progress or self.pii.illustrative

    @cached_property
    def national(self) -> bool:
        """Whether this is the national report (`viet-nam`)."""
        return self.unit.level == NATIONAL

    @cached_property
    def name(self) -> str:
        """The unit's name in the report language."""
        return self.unit.name_en if self.lang == "en" else self.unit.name_vi

    @cached_property
    def merged(self) -> bool:
        """Whether the unit was formed on 1 July 2025 from more than one old unit."""
        members = self.data.crosswalk.filter(pl.col("new_slug") == self.unit.slug)
        return members.height > 1

    def territory(self, year: int, territory: str | None = None) -> str:
        """The unit a figure of `year` is for: the unit itself, or the former unit before the merger.

        `territory` is the observation's `territory` cell (`former`, `current` or empty):
        2025 figures are the former unit's unless marked `current` (`stkit.units.period_date`).
        """
        if self.merged and period_date(int(year), territory) < MERGER_DATE:
            return label("former_unit", self.lang).format(name=self.name)
        return self.name

    def territory_of(self, unit: str, year: int, territory: str | None = None) -> str:
        """The unit a figure held by `unit` (slug or code) in `year` is for, in words.

        This unit's own keys give `territory`; an old unit merged into it gives the old
        unit's name, "before 1 July 2025".
        """
        if unit in self.own_keys:
            return self.territory(year, territory)
        units = self.data.units
        column = "name_en" if self.lang == "en" else "name_vi"
        rows = units.filter((pl.col("slug") == unit) | (pl.col("code").cast(pl.String) == unit))
        name = str(rows.item(0, column)) if rows.height else unit
        return label("old_unit", self.lang).format(name=name)

    def pii_territory(self, unit: str, year: int) -> str:
        """`territory_of` a published PII result: 2025 results are on the units in force since
        1 July 2025 (`data/pii/README.md`), earlier ones on the units of their year."""
        return self.territory_of(unit, year, CURRENT if year >= MERGER_DATE.year else None)

    def former_territory(self, unit: str, year: int) -> str:
        """`pii_territory`, empty when the figure is this unit's as it stands now."""
        where = self.pii_territory(unit, year)
        return "" if where == self.name else where

    @cached_property
    def starts(self) -> dict[str, dt.date]:
        """Programme → the day it started (`period_start` in the registry)."""
        frame = self.data.programmes
        if "period_start" not in frame.columns:
            return {}
        return dict(frame.select("programme", "period_start").drop_nulls().iter_rows())

    @cached_property
    def former_baselines(self) -> frozenset[tuple[str, str]]:
        """(programme, target_id) whose stated baseline is a former unit's (before the merger)."""
        if (
            not self.merged
            or self.series.height == 0
            or "stated_baseline" not in self.series.columns
        ):
            return frozenset()
        stated = self.series.filter(
            pl.col("stated_baseline").fill_null(value=False) & (pl.col("period") < MERGER_DATE.year)
        )
        return frozenset(stated.select("programme", "target_id").iter_rows())

    @cached_property
    def replaced(self) -> dict[tuple[str, str], tuple[str, dt.date]]:
        """(programme, target_id) of this unit's targets replaced by the report day → successor, date."""
        spans = self.data.spans
        if spans.height == 0:
            return {}
        day = dt.date(self.year, 12, 31)
        rows = spans.filter(
            pl.col("unit").is_in(sorted(self.keys))
            & pl.col("superseded_on").is_not_null()
            & (pl.col("superseded_on") <= day)
        )
        return {
            (programme, target): (successor, on)
            for programme, target, successor, on in rows.select(
                "programme", "target_id", "superseded_by", "superseded_on"
            ).iter_rows()
        }

    @cached_property
    def highs(self) -> dict[tuple[str, str], float]:
        """(programme, target_id) → upper end of targets stated as a range ("1,2–1,5 % of GDP")."""
        spans = self.data.spans
        if spans.height == 0:
            return {}
        rows = spans.filter(pl.col("value_high").is_not_null())
        return {
            (p, t): float(v)
            for p, t, v in rows.select("programme", "target_id", "value_high").iter_rows()
        }

    @cached_property
    def measures(self) -> dict[str, str | None]:
        """Indicator code → unit of measure as the catalogue writes it."""
        return dict(self.data.indicators.select("code", "unit").iter_rows())

    @cached_property
    def has_data(self) -> bool:
        """Whether anything is known for this unit up to the report year."""
        observed = self.observations.filter(pl.col("value").is_not_null()).height > 0
        assessed = self.progress.height > 0 and (
            self.progress.filter(pl.col("latest_value").is_not_null()).height > 0
        )
        return observed or assessed or self.pii.published.height > 0

    def summary(self) -> HtmlBlock:
        """One sentence per target, counts by status, tasks, PII rank, banner (`id="summary"`)."""
        if not self.has_data:
            text = label("no_data_year", self.lang).format(name=self.name, year=self.year)
            back = overview_paragraph(overview_link(self.year, self.lang), self.lang)
            return HtmlBlock(f'<section id="summary">{element("p", text)}\n{back}</section>')
        in_force = self.progress
        if self.replaced and in_force.height:
            gone = pl.DataFrame(
                list(self.replaced), schema=["programme", "target_id"], orient="row"
            )
            in_force = in_force.join(gone, on=["programme", "target_id"], how="anti")
        return summary_section(
            progress=in_force,
            replaced=len(self.replaced),
            territory=self.former_territory,
            highs=self.highs,
            tasks=task_table(self),
            published=self.pii.published,
            names=self.indicator_names,
            measures=self.measures,
            year=self.year,
            lang=self.lang,
            illustrative=self.illustrative,
            overview_href=overview_link(self.year, self.lang),
        )

    def methods(self) -> HtmlBlock:
        """How status, outcome, projection, trend and the Open SDG measure are worked out."""
        return methods_section(self.lang)

    def reference(self) -> HtmlBlock:
        """National targets in force, for reference, with the unit's own latest figures."""
        if self.national:
            return HtmlBlock("")
        assessed = target_latest(self)
        own = self.observations.filter(
            pl.col("unit").cast(pl.String).is_in(sorted(self.own_keys))
            & ~pl.col("indicator").is_in(assessed.get_column("indicator").to_list())
        ).select(
            "indicator",
            pl.col("period").cast(pl.Int64),
            pl.col("value").cast(pl.Float64),
            pl.col("illustrative").cast(pl.Boolean).fill_null(value=False),
            pl.lit(value=False).alias("on_unit"),
            _territory_column(self.observations),
        )
        on_unit = assessed.with_columns(
            pl.lit(value=True).alias("on_unit"), pl.lit(None, dtype=pl.String).alias("territory")
        )
        frame = reference_table(self.data.spans, pl.concat([own, on_unit]), year=self.year)
        short = f"short_{self.lang}"
        frame_ = self.data.programmes
        names = (
            dict(frame_.select("programme", short).drop_nulls().iter_rows())
            if short in frame_.columns
            else {p: (self.data.programme(p, self.lang) or (p, ""))[0] for p in self.programme_ids}
        )
        block = reference_section(
            frame, unit_name=self.name, lang=self.lang, names=self.indicator_names,
            measures=self.measures, programme_names=names, territory=self.territory,
        )  # fmt: skip
        return block if block is not None else HtmlBlock("")

    @cached_property
    def programme_ids(self) -> list[str]:
        """Every programme id of the registry."""
        return self.data.programmes.get_column("programme").to_list()

    def coverage(self) -> HtmlBlock:
        """How many figures the report uses are sourced, illustrative or missing (`stkit.coverage`)."""
        from stkit.coverage import PII_INDICATORS, coverage, coverage_counts  # noqa: PLC0415

        first = self.year - COVERAGE_YEARS + 1
        table = coverage(
            self.data.observations, self.data.targets, self.data.indicators, self.data.crosswalk,
            units=[self.unit.slug], years=list(range(first, self.year + 1)),
            pii_results=self.pii_tables.published, extra_indicators=() if self.national else PII_INDICATORS,
        )  # fmt: skip
        counts = coverage_counts(table)
        key = "coverage_counts_national" if self.national else "coverage_counts"
        text = label(key, self.lang).format(first=first, last=self.year, **counts)
        return join([element("h2", label("s_coverage", self.lang)), element("p", text)])

    def header(self) -> HtmlBlock:
        """Title, unit, year, data vintage, and a banner when any figure is illustrative."""
        latest = self.observations.get_column("period").max()
        return sections.header(
            unit=self.unit,
            year=self.year,
            lang=self.lang,
            latest_period=None if latest is None else int(str(latest)),
            vintage=self.data.fingerprint[:12],
            illustrative=self.illustrative,
        )

    def key_figures(self) -> HtmlBlock:
        """The unit's latest observation of each indicator, with year and source."""
        return key_figures_section(self)

    def scorecard(self) -> HtmlBlock:
        """The target scorecard with colour bands."""
        return sections.scorecard_section(
            self.progress, lang=self.lang, indicator_names=self.indicator_names, year=self.year,
            starts=self.starts, former_baselines=self.former_baselines, former_name=self.name,
            replaced=self.replaced,
        )  # fmt: skip

    def target_charts(self) -> HtmlBlock | sections.ChartGroup:
        """One chart per target: observed, target and milestones, straight path, projection."""
        return sections.charts_section(self)

    def commitments(self) -> HtmlBlock:
        """Tasks by category and lead unit; overdue tasks with their evidence."""
        mine = pl.col("programme").is_in(self.programmes)
        numeric = (
            self.progress.filter(pl.col("milestone")) if self.progress.height else self.progress
        )
        milestones = milestones_block(
            numeric, self.data.milestones.filter(mine) if self.data.milestones.height else self.data.milestones,
            lang=self.lang, indicator_names=self.indicator_names,
        )  # fmt: skip
        requests = (
            self.data.requests.filter(mine) if self.data.requests.height else self.data.requests
        )
        return commitments_section(
            task_table(self), lang=self.lang, agency_names=self.agency_names, year=self.year,
            milestones=milestones,
            national=self.national,
            requests=requests_block(requests, lang=self.lang, agency_names=self.agency_names)
            if requests.height else None,
        )  # fmt: skip

    def pii_position(self) -> HtmlBlock:
        """Score and rank over time, pillars against peers, strengths and weaknesses, rank interval."""
        return sections.pii_section(
            self.pii, lang=self.lang, unit_names=self.unit_names, territory=self.pii_territory,
            national=self.national,
        )  # fmt: skip

    def data_quality(self) -> HtmlBlock:
        """Missing and stale series."""
        quality = sections.quality_table(
            self.progress, self.observations, year=self.year, stale_after=STALE_AFTER_YEARS
        )
        return sections.quality_section(
            quality, lang=self.lang, indicator_names=self.indicator_names
        )

    def sources(self) -> HtmlBlock:
        """Every source behind a figure of this report."""
        return sections.sources_section(self)

    def headline(self) -> Headline:
        """Headline figures (written to headline.json)."""
        return sections.headline(
            self.progress,
            task_table(self),
            self.pii.published,
            unit=self.unit,
            year=self.year,
            lang=self.lang,
            illustrative=self.illustrative,
        )

    @property
    def year_end(self) -> dt.date:
        """31 December of the report year (deadlines before it have passed)."""
        return dt.date(self.year, 12, 31)
