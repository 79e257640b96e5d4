"""The all-units overview: PII league table, targets by status, who is on track."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import polars as pl

from stkit.i18n import Lang, check_lang
from stkit.reports import tables
from stkit.reports.display import Headline, HtmlBlock, element, join
from stkit.reports.inputs import ReportData, report_data
from stkit.reports.labels import label, status_label
from stkit.units import load_units


@dataclass
class Overview:
    """Every unit's standing for a year, in one language."""

    year: int
    lang: Lang
    data_dir: Path | None
    data: ReportData

    @classmethod
    def load(cls, year: int, lang: str = "vi", data_dir: str | Path | None = None) -> Overview:
        """Read and validate the inputs."""
        chosen = check_lang(lang)
        folder = Path(data_dir) if data_dir is not None else None
        return cls(int(year), chosen, folder, report_data(folder))

    @cached_property
    def unit_names(self) -> dict[str, str]:
        """Unit slug → name in the overview's language (units in force since 1 July 2025 win)."""
        column = "name_en" if self.lang == "en" else "name_vi"
        units = load_units(self.data_dir).sort(pl.col("valid_to").is_null())
        return dict(units.select("slug", column).iter_rows())

    def _named(self, frame: pl.DataFrame) -> pl.DataFrame:
        return frame.with_columns(
            pl.col("unit").replace_strict(
                self.unit_names, default=pl.col("unit"), return_dtype=pl.String
            )
        )

    @cached_property
    def progress(self) -> pl.DataFrame:
        """Progress of every target of every unit (milestones left out)."""
        if self.data.targets.height == 0:
            return pl.DataFrame()
        frame = self.data.progress.get(self.year)
        if frame is None:
            from stkit.progress import assess  # noqa: PLC0415 - only without a shared assessment

            frame = assess(
                self.data.targets,
                self.data.observations,
                self.data.indicators,
                year=self.year,
                crosswalk=self.data.crosswalk,
            )
        return frame.filter(~pl.col("milestone"))

    def header(self) -> HtmlBlock:
        """Title and year."""
        return element("h1", f"{label('overview_title', self.lang)} — {self.year}")

    def league_table(self) -> HtmlBlock:
        """The latest published PII ranking up to the report year."""
        if self.data.pii is not None:
            results = self.data.pii.published
        else:
            from stkit.index.pii import load_pii_results  # noqa: PLC0415 - imports pandera

            results = load_pii_results(self.data_dir)
        results = results.filter(pl.col("year") <= self.year)
        heading = element("h2", label("s_league", self.lang))
        if results.height == 0:
            return join([heading, tables.not_available(self.lang)])
        latest = results.filter(pl.col("year") == results.get_column("year").max()).sort(
            "rank", "unit"
        )
        columns = [
            c for c in ("rank", "unit", "score", "input", "output", "year") if c in latest.columns
        ]
        headers: dict[str, str] = {
            c: label("period" if c == "year" else c, self.lang) for c in columns
        }
        return join(
            [
                heading,
                tables.simple_table(
                    self._named(latest), self.lang, columns=columns, headers=headers
                ),
            ]
        )

    def status_counts(self) -> HtmlBlock:
        """Number of targets in each progress class."""
        heading = element("h2", label("s_status_counts", self.lang))
        if self.progress.height == 0:
            return join([heading, tables.not_available(self.lang)])
        counts = (
            self.progress.group_by("status").len().sort("status")
            .with_columns(pl.col("status").map_elements(lambda s: status_label(s, self.lang), return_dtype=pl.String))
        )  # fmt: skip
        return join(
            [
                heading,
                tables.simple_table(counts, self.lang, headers={"len": label("target", self.lang)}),
            ]
        )

    def on_track(self) -> HtmlBlock:
        """Units with at least one target, and how many of their targets are on track."""
        heading = element("h2", label("s_on_track", self.lang))
        if self.progress.height == 0:
            return join([heading, tables.not_available(self.lang)])
        by_unit = (
            self.progress.group_by("unit")
            .agg(
                pl.len().alias("targets"), (pl.col("status") == "on_track").sum().alias("on_track")
            )
            .sort(pl.col("on_track") / pl.col("targets"), "unit", descending=[True, False])
        )
        headers = {
            "targets": label("target", self.lang),
            "on_track": label("on_track_count", self.lang),
        }
        return join(
            [heading, tables.simple_table(self._named(by_unit), self.lang, headers=headers)]
        )

    def headline(self) -> Headline:
        """Headline figures of the overview."""
        counts: dict[str, int] = {}
        if self.progress.height:
            counts = {
                str(s): int(n)
                for s, n in self.progress.group_by("status").len().sort("status").iter_rows()
            }
        return Headline({"year": self.year, "lang": self.lang, "targets_by_status": counts})
