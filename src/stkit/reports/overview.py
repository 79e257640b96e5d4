"""The all-units overview: national targets, PII league table and rank change, own targets.

Every figure comes from the library: statuses from `stkit.progress.assess` (the run's
shared assessment), targets in force from the registry's replacement rule, PII standings
from the published results (`stkit.reports.league`); nothing is computed here but counts
of those rows. The PII figures shown are the published results only, never the
illustrative index build; the illustrative banner shows when a target's status rests on
an illustrative observation.

Links: the report run passes `links` (unit slug → the city report's path relative to the
overview's folder, e.g. `../../../hai-phong/2025/vi/report.html`), one per city report of
the same run; `stkit report --all` runs every unit's report with the overview, so each link
names a report of that run (a failed city report fails the run and keeps the previous good
page). Run by hand, with no `links`, the overview names units without links. City reports
are for the units in force since 1 July 2025, so an overview of an earlier year, which shows
the former units, links none of them (the country excepted).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import polars as pl

from stkit.i18n import Lang, check_lang
from stkit.reports import league
from stkit.reports.citations import in_language
from stkit.reports.display import Headline, HtmlBlock, element, escape, join
from stkit.reports.inputs import ReportData, report_data
from stkit.reports.labels import comparator_sign, label, number
from stkit.reports.overview_labels import day, status_word, text
from stkit.reports.targets_in_force import (
    STATUSES,
    assessed_targets,
    own_targets,
    status_counts,
    target_spans_frame,
    unit_targets,
)
from stkit.units import MERGER_DATE

START_YEAR = 2023  # the first published PII
NATIONAL_UNIT = "viet-nam"
MARK = " ※"

Cell = str | HtmlBlock


def table(headers: Sequence[str], rows: Sequence[Sequence[Cell]], *, css_class: str) -> HtmlBlock:
    """A plain table: text cells escaped, `HtmlBlock` cells (links) kept as they are."""

    def cell(value: Cell) -> str:
        return str(value) if isinstance(value, HtmlBlock) else escape(value)

    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return HtmlBlock(
        f'<table class="{escape(css_class)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def note(words: str) -> HtmlBlock:
    """A paragraph of explanation under a heading."""
    return element("p", words, css_class="stkit-note")


@dataclass
class Overview:
    """Every unit's standing for a year, in one language."""

    year: int
    lang: Lang
    data: ReportData
    links: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def load(
        cls,
        year: int,
        lang: str = "vi",
        data_dir: str | Path | None = None,
        links: Mapping[str, str] | None = None,
    ) -> Overview:
        """Read the run's inputs; `links`: unit slug → relative path of its report (see above)."""
        folder = Path(data_dir) if data_dir is not None else None
        return cls(int(year), check_lang(lang), report_data(folder), dict(links or {}))

    # ------------------------------------------------------------------ figures (library)
    @cached_property
    def results(self) -> pl.DataFrame:
        """Published PII results (every year, every unit as published)."""
        if self.data.pii is not None:
            return self.data.pii.published
        from stkit.index.pii import load_pii_results  # noqa: PLC0415 - run by hand only

        return load_pii_results(self.data.data_dir)

    @cached_property
    def units_now(self) -> pl.DataFrame:
        """Provincial units in force on 31 December of the report year."""
        return league.units_in_force(self.data.units, self.year)

    @cached_property
    def league_year(self) -> int | None:
        """The latest year up to the report year with published PII results."""
        return league.latest_year(self.results, self.year)

    @cached_property
    def league(self) -> pl.DataFrame:
        """The published league table of `league_year` on the units in force that year."""
        if self.league_year is None:
            return pl.DataFrame()
        return league.league_table(self.results, self.data.units, self.league_year)

    @cached_property
    def rank_change(self) -> pl.DataFrame:
        """Rank change from the first published PII to `league_year` (units in force then)."""
        end = self.league_year
        if end is None or end <= START_YEAR:
            return pl.DataFrame()
        return league.rank_change(
            self.results, self.data.units, self.data.crosswalk, start=START_YEAR, end=end
        )

    @cached_property
    def former_ranks(self) -> pl.DataFrame:
        """Each unit's former units with their published rank in the first PII year."""
        end = self.league_year
        if end is None or end <= START_YEAR:
            return pl.DataFrame()
        return league.former_ranks(
            self.results, self.data.units, self.data.crosswalk, start=START_YEAR, end=end
        )

    @cached_property
    def assessed(self) -> pl.DataFrame:
        """Every target's progress (milestones left out) with kind and in force on 31/12/year."""
        if self.data.targets.height == 0:
            return pl.DataFrame()
        progress = self.data.progress.get(self.year)
        if progress is None:
            from stkit.progress import assess  # noqa: PLC0415 - run by hand only

            progress = assess(
                self.data.targets,
                self.data.observations,
                self.data.indicators,
                year=self.year,
                crosswalk=self.data.crosswalk,
            )
        from stkit.programmes import load_registry  # noqa: PLC0415 - reads the TOML files

        spans = target_spans_frame(load_registry(self.data.data_dir))
        return assessed_targets(progress, spans, self.year)

    @cached_property
    def illustrative(self) -> bool:
        """True if any status shown rests on an illustrative observation."""
        shown = self.assessed
        return bool(shown.height and shown.filter(pl.col("in_force"))["illustrative"].any())

    # ------------------------------------------------------------------ presentation helpers
    def _name(self, slug: str) -> str:
        """The unit's name in the report's language (the unit in force now wins)."""
        units = self.data.units.filter(pl.col("slug") == slug).sort(pl.col("valid_to").is_null())
        if units.height == 0:
            return slug
        column = "name_vi" if self.lang == "vi" else "name_en"
        return str(units.item(units.height - 1, column))

    def _unit_cell(self, slug: str, name: str | None = None) -> Cell:
        shown = name or self._name(slug)
        href = self.links.get(slug)
        if href is None or (slug != NATIONAL_UNIT and self.year < MERGER_DATE.year):
            # before 2025 the units shown are the former units, not the ones reported on
            return shown
        return HtmlBlock(f'<a href="{escape(href)}">{escape(shown)}</a>')

    def _rank(self, rank: object, field_size: object) -> str:
        if not isinstance(rank, int):
            return "–"
        return text("rank_of", self.lang, rank=rank, field=field_size)

    def _change(self, row: Mapping[str, object]) -> str:
        change = row["change"]
        if isinstance(change, int):
            return f"+{change}" if change > 0 else str(change)
        if row["rank_end"] is None:
            return "–"
        if row["basis"] == "namesake":
            return text("merged_not_comparable", self.lang)
        if row["basis"] == "not_comparable":
            return text("not_comparable", self.lang)
        return "–"

    def _change_summary(self, row: Mapping[str, object]) -> str:
        """`9/63 → 3/34 (+6)`; a merged unit's first rank named by its former unit."""
        if row["rank_end"] is None and row["rank_start"] is None:
            return "–"
        missing = text("not_found_short", self.lang)
        end = self._rank(row["rank_end"], row["field_end"]) if row["rank_end"] else missing
        start = self._rank(row["rank_start"], row["field_start"]) if row["rank_start"] else missing
        former = row["former"]
        if row["basis"] == "namesake" and isinstance(former, str) and row["rank_start"] is not None:
            start = f"{text('former_unit', self.lang, name=self._former_name(former))} {start}"
        change = row["change"]
        if isinstance(change, int):
            return f"{start} → {end} ({self._change(row)})"
        if row["basis"] == "namesake" and row["rank_end"] is not None:
            return f"{start} → {end} ({text('merged_suffix', self.lang)})"
        return f"{start} → {end}"

    def _former_name(self, slug: str) -> str:
        rows = self.former_ranks.filter(pl.col("former") == slug)
        if rows.height == 0:
            return slug
        return str(rows.item(0, "former_name_vi" if self.lang == "vi" else "former_name_en"))

    def _day(self) -> str:
        return day(league.year_end(self.year))

    def _counts_row(self, row: Mapping[str, object]) -> list[Cell]:
        mark = MARK if row["illustrative"] else ""
        return [str(row["targets"]) + mark, *(str(row[s]) for s in STATUSES)]

    def _status_headers(self) -> list[str]:
        return [text("c_targets", self.lang), *(status_word(s, self.lang) for s in STATUSES)]

    # ------------------------------------------------------------------ sections
    def header(self) -> HtmlBlock:
        """Title, the day the standing is taken and the units in force then."""
        return join(
            [
                element("h1", f"{label('overview_title', self.lang)} — {self.year}"),
                note(text("as_of", self.lang, day=self._day(), field=self.units_now.height)),
            ]
        )

    def banner(self) -> HtmlBlock:
        """The illustrative banner, when any figure shown is illustrative (else nothing)."""
        if not self.illustrative:
            return HtmlBlock("")
        return HtmlBlock(
            f'<div class="stkit-banner" role="note">{escape(text("banner", self.lang))}</div>'
        )

    def _status_words(self, row: Mapping[str, object]) -> str:
        words = []
        for status in STATUSES:
            name = status_word(status, self.lang)
            words.append(f"{row[status]} {name[:1].lower()}{name[1:]}")
        return ", ".join(words)

    def summary(self) -> HtmlBlock:
        """One line each: the country's targets, the PII league table, the provinces' own targets."""
        items: list[str] = []
        national = (
            status_counts(unit_targets(self.assessed, NATIONAL_UNIT))
            if self.assessed.height
            else pl.DataFrame()
        )
        if national.height:
            row = national.row(0, named=True)
            items.append(
                text("sum_national", self.lang, targets=row["targets"],
                     statuses=self._status_words(row))
            )  # fmt: skip
        if self.league.height and self.league_year is not None:
            top = self.league.row(0, named=True)
            items.append(
                text(
                    "sum_league",
                    self.lang,
                    year=self.league_year,
                    found=self.league.height,
                    field=self.league.item(0, "field"),
                    name=top["name_vi" if self.lang == "vi" else "name_en"],
                    score=number(top["score"], self.lang, digits=2),
                )
            )
        own = own_targets(self.assessed) if self.assessed.height else pl.DataFrame()
        if own.height:
            totals = own.select(pl.col("targets", *STATUSES).sum()).row(0, named=True)
            items.append(
                text("sum_own", self.lang, count=own.height, field=self.units_now.height,
                     targets=totals["targets"], statuses=self._status_words(totals))
            )  # fmt: skip
        rows = "".join(f"<li>{escape(item)}</li>" for item in items)
        return HtmlBlock(
            f'<section id="summary"><h2>{escape(text("s_summary", self.lang))}</h2>'
            f"<ul>{rows}</ul></section>"
        )

    def national(self) -> HtmlBlock:
        """The national row: Viet Nam's targets in force, counted by status."""
        heading = element("h2", text("s_national", self.lang))
        if self.assessed.height == 0:
            return join([heading, note(text("no_national", self.lang))])
        rows = unit_targets(self.assessed, NATIONAL_UNIT)
        if rows.height == 0:
            return join([heading, note(text("no_national", self.lang))])
        programmes = self.data.programmes.filter(pl.col("unit") == NATIONAL_UNIT)
        title = "title_vi" if self.lang == "vi" else "title_en"
        documents = "; ".join(f"{p} — {t}" for p, t in programmes.select("programme", title).rows())
        counts = status_counts(rows).row(0, named=True)
        summary = table(
            [text("c_unit", self.lang), text("c_programmes", self.lang), *self._status_headers()],
            [
                [
                    self._unit_cell(NATIONAL_UNIT),
                    ", ".join(counts["programmes"]),
                    *self._counts_row(counts),
                ]
            ],
            css_class="stkit-simple stkit-national",
        )
        return join(
            [
                heading,
                note(text("national_intro", self.lang, day=self._day(), documents=documents)),
                summary,
            ]
        )

    def national_targets(self) -> HtmlBlock:
        """Each national target in force with its status; the replaced ones named with successor."""
        rows = unit_targets(self.assessed, NATIONAL_UNIT) if self.assessed.height else None
        if rows is None or rows.height == 0:
            return HtmlBlock("")
        names = dict(
            self.data.indicators.select(
                "code", "name_vi" if self.lang == "vi" else "name_en"
            ).iter_rows()
        )
        in_force = rows.filter(pl.col("in_force"))
        detail = table(
            [
                text("c_target", self.lang),
                text("c_indicator", self.lang),
                text("c_goal", self.lang),
                text("c_latest", self.lang),
                text("c_regression", self.lang),
                text("c_attainment", self.lang),
                text("c_status", self.lang),
            ],
            [
                [
                    str(r["target_id"]),
                    str(names.get(r["indicator"], r["indicator"]))
                    + (MARK if r["illustrative"] else ""),
                    (
                        f"{comparator_sign(r['comparator'])} {number(r['target_value'], self.lang)} "
                        f"({r['target_year']})"
                    ),
                    "–"
                    if r["latest_value"] is None
                    else f"{number(r['latest_value'], self.lang)} ({r['latest_year']})",
                    number(r["regression_value"], self.lang),
                    "–" if r["attainment_year"] is None else str(r["attainment_year"]),
                    status_word(r["status"], self.lang),
                ]
                for r in in_force.iter_rows(named=True)
            ],
            css_class="stkit-simple stkit-national-targets",
        )
        blocks = [
            element("h2", text("national_each", self.lang)),
            note(text("national_each_intro", self.lang)),
            detail,
        ]
        replaced = rows.filter(~pl.col("in_force") & pl.col("superseded_by").is_not_null())
        if replaced.height:
            items = "; ".join(
                text("replaced_item", self.lang, old=r["target_id"], new=r["superseded_by"],
                     day=day(r["superseded_on"]))
                for r in replaced.iter_rows(named=True)
            )  # fmt: skip
            blocks.append(note(text("replaced", self.lang, items=items)))
        return join(blocks)

    def league_table(self) -> HtmlBlock:
        """The published PII ranking of the latest year up to the report year, units in force."""
        if self.league_year is None:
            return join(
                [
                    element("h2", text("s_league", self.lang, year=self.year)),
                    note(text("no_league", self.lang, year=self.year)),
                ]
            )
        frame = self.league
        size = league.units_in_force(self.data.units, self.league_year).height
        rows = [
            [
                str(r["rank"]) if r["rank"] is not None else "–",
                self._unit_cell(r["unit"], r["name_vi" if self.lang == "vi" else "name_en"]),
                number(r["score"], self.lang, digits=2),
                number(r["input"], self.lang, digits=2),
                number(r["output"], self.lang, digits=2),
            ]
            for r in frame.iter_rows(named=True)
        ]
        headers = [
            text(k, self.lang) for k in ("c_rank", "c_unit", "c_score", "c_input", "c_output")
        ]
        return join(
            [
                element("h2", text("s_league", self.lang, year=self.league_year)),
                note(
                    text(
                        "league_intro",
                        self.lang,
                        field=size,
                        year=self.league_year,
                        found=frame.height,
                    )
                ),
                table(headers, rows, css_class="stkit-simple stkit-league"),
            ]
        )

    def _formers(self, slug: str) -> str:
        rows = self.former_ranks.filter(pl.col("unit") == slug)
        field_start = league.units_in_force(self.data.units, START_YEAR).height
        parts = []
        for r in rows.iter_rows(named=True):
            name = r["former_name_vi" if self.lang == "vi" else "former_name_en"]
            shown = name if r["basis"] == "same_unit" else text("former_unit", self.lang, name=name)
            rank = (
                text("not_published", self.lang)
                if r["rank"] is None
                else self._rank(r["rank"], field_start)
            )
            parts.append(f"{shown}: {rank}")
        return "; ".join(parts)

    def rank_changes(self) -> HtmlBlock:
        """Every unit in force: published rank, the first year's rank via the crosswalk, change."""
        end = self.league_year
        if end is None or self.rank_change.height == 0:
            return HtmlBlock("")
        frame = self.rank_change
        crosswalk = ", ".join(
            in_language(cited, self.lang) for cited in league.crosswalk_sources(self.data.crosswalk)
        )
        first = frame.row(0, named=True) if frame.height else None
        sizes = {
            "field_end": first["field_end"] if first else 0,
            "field_start": first["field_start"] if first else 0,
        }
        rows = [
            [
                self._unit_cell(r["unit"], r["name_vi" if self.lang == "vi" else "name_en"]),
                self._rank(r["rank_end"], r["field_end"]),
                self._rank(r["rank_start"], r["field_start"]),
                self._change(r),
                self._formers(r["unit"]),
            ]
            for r in frame.sort("rank_end", nulls_last=True, maintain_order=True).iter_rows(
                named=True
            )
        ]
        headers = [
            text("c_unit", self.lang),
            text("c_rank_end", self.lang, year=end),
            text("c_rank_start", self.lang, year=START_YEAR),
            text("c_change", self.lang),
            text("c_formers", self.lang, year=START_YEAR),
        ]
        return join(
            [
                element("h2", text("s_rank_change", self.lang, start=START_YEAR, end=end)),
                note(
                    text(
                        "rank_change_intro",
                        self.lang,
                        start=START_YEAR,
                        end=end,
                        crosswalk=crosswalk,
                        **sizes,
                    )
                ),
                table(headers, rows, css_class="stkit-simple stkit-rank-change"),
            ]
        )

    def own_targets(self) -> HtmlBlock:
        """Provinces with their own targets: how many in force, how many on track, PII change."""
        heading = element("h2", text("s_own", self.lang))
        own = own_targets(self.assessed) if self.assessed.height else pl.DataFrame()
        in_force = self.units_now.get_column("slug").to_list()
        own = own.filter(pl.col("unit").is_in(in_force)) if own.height else own
        changes = {r["unit"]: r for r in self.rank_change.iter_rows(named=True)}
        end = self.league_year or self.year
        rows = []
        for r in own.iter_rows(named=True):
            change = changes.get(r["unit"])
            rows.append(
                [
                    self._unit_cell(r["unit"]),
                    ", ".join(r["programmes"]),
                    *self._counts_row(r),
                    "–" if change is None else self._change_summary(change),
                ]
            )
        headers = [
            text("c_unit", self.lang),
            text("c_programmes", self.lang),
            *self._status_headers(),
            text("c_pii_change", self.lang, start=START_YEAR, end=end),
        ]
        with_own = set(own.get_column("unit").to_list()) if own.height else set()
        missing = [self._name(s) for s in in_force if s not in with_own]
        blocks = [
            heading,
            note(
                text(
                    "own_intro",
                    self.lang,
                    count=len(with_own),
                    field=len(in_force),
                    day=self._day(),
                )
            ),
            table(headers, rows, css_class="stkit-simple stkit-own-targets"),
        ]
        if missing:
            blocks.append(note(text("own_missing", self.lang, names=", ".join(missing))))
        return join(blocks)

    def status_counts(self) -> HtmlBlock:
        """Every target in force by status, then by unit (national and provincial)."""
        heading = element("h2", text("s_status_counts", self.lang))
        if self.assessed.height == 0:
            return join([heading, note(text("no_national", self.lang))])
        by_unit = status_counts(self.assessed).sort(pl.col("unit") != NATIONAL_UNIT, "unit")
        totals = [int(by_unit.get_column(s).sum()) for s in STATUSES]
        overall = table(
            self._status_headers(),
            [[str(int(by_unit.get_column("targets").sum())), *map(str, totals)]],
            css_class="stkit-simple stkit-status-counts",
        )
        units = table(
            [text("c_unit", self.lang), text("c_programmes", self.lang), *self._status_headers()],
            [
                [self._unit_cell(r["unit"]), ", ".join(r["programmes"]), *self._counts_row(r)]
                for r in by_unit.iter_rows(named=True)
            ],
            css_class="stkit-simple stkit-by-unit",
        )
        return join(
            [
                heading,
                note(text("status_counts_intro", self.lang, day=self._day())),
                overall,
                element("h3", text("s_by_unit", self.lang)),
                units,
            ]
        )

    def sources(self) -> HtmlBlock:
        """Where the figures come from, in the report's language."""
        crosswalk = ", ".join(
            in_language(cited, self.lang) for cited in league.crosswalk_sources(self.data.crosswalk)
        )
        return join(
            [
                element("h2", text("s_sources", self.lang)),
                note(text("sources_pii", self.lang)),
                note(text("sources_units", self.lang, crosswalk=crosswalk)),
                note(text("sources_status", self.lang)),
            ]
        )

    @staticmethod
    def _counts_figures(counts: pl.DataFrame) -> dict[str, int]:
        if counts.height == 0:
            return {}
        row = counts.row(0, named=True)
        return {"targets": int(row["targets"]), **{s: int(row[s]) for s in STATUSES}}

    def headline(self) -> Headline:
        """Headline figures: targets in force by status, the league table's year and members."""
        counts: dict[str, int] = {}
        if self.assessed.height:
            shown = self.assessed.filter(pl.col("in_force"))
            counts = {
                str(s): int(n) for s, n in shown.group_by("status").len().sort("status").iter_rows()
            }
        return Headline(
            {
                "year": self.year,
                "lang": self.lang,
                "targets_by_status": counts,
                "pii_year": self.league_year,
                "pii_units": self.league.get_column("unit").to_list() if self.league.height else [],
                "illustrative": self.illustrative,
                "national": self._counts_figures(
                    status_counts(unit_targets(self.assessed, NATIONAL_UNIT))
                    if self.assessed.height
                    else pl.DataFrame()
                ),
                "own_targets_units": (
                    own_targets(self.assessed).get_column("unit").to_list()
                    if self.assessed.height
                    else []
                ),
            }
        )
