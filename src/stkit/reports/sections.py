"""The sections of a city report as HTML blocks (called by `CityReport`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import polars as pl

from stkit.i18n import Lang
from stkit.reports import tables
from stkit.reports.charts import ChartOutput, TargetSeries, chart_id, figure, target_spec
from stkit.reports.citations import (
    cited_all,
    cited_registry,
    document_rows,
    in_language,
    local_dates,
)
from stkit.reports.display import Headline, HtmlBlock, bullet_list, element, join
from stkit.reports.labels import PII_DIGITS, label, measure_unit
from stkit.reports.pii import PiiPosition, named_only

if TYPE_CHECKING:
    from stkit.reports.city import CityReport
    from stkit.units import Unit

STRENGTHS_SHOWN = 10


@dataclass(frozen=True)
class ChartGroup:
    """A heading and charts; displayed as one output each (the notebook shows them in order)."""

    heading: HtmlBlock
    charts: tuple[ChartOutput, ...]
    note: HtmlBlock | None = None

    def _ipython_display_(self) -> None:
        from IPython.display import display  # noqa: PLC0415 - only inside a kernel

        shown = (self.heading, *self.charts, *((self.note,) if self.note else ()))
        display(*shown)  # type: ignore[no-untyped-call]


def _h2(key: str, lang: Lang) -> HtmlBlock:
    return element("h2", label(key, lang))


def header(
    *,
    unit: Unit,
    year: int,
    lang: Lang,
    latest_period: int | None,
    vintage: str,
    illustrative: bool,
) -> HtmlBlock:
    """Title, unit, year, data vintage; a banner when any figure is illustrative."""
    name = unit.name_vi if lang == "vi" else unit.name_en
    # the official (Vietnamese) name beside the English one: "Hai Phong — Hải Phòng"
    official = name if name == unit.name_vi else f"{name} — {unit.name_vi}"
    latest = "–" if latest_period is None else str(latest_period)
    parts = [
        element("h1", f"{label('report_title', lang)} — {name} — {year}"),
        element("p", f"{label('unit', lang)}: {official} ({unit.code})", css_class="stkit-meta"),
        element("p", f"{label('year', lang)}: {year}", css_class="stkit-meta"),
        element(
            "p",
            f"{label('data_vintage', lang)}: {label('latest_observation', lang)} "
            f"{latest}; {label('inputs_fingerprint', lang)} {vintage}",
            css_class="stkit-meta",
        ),
    ]
    del illustrative  # the banner opens the summary, right below
    return join(parts)


def scorecard_section(
    progress: pl.DataFrame,
    *,
    lang: Lang,
    indicator_names: Mapping[str, str],
    year: int | None = None,
    starts: Mapping[str, dt.date] | None = None,
    former_baselines: frozenset[tuple[str, str]] = frozenset(),
    former_name: str | None = None,
    replaced: Mapping[tuple[str, str], tuple[str, dt.date]] | None = None,
) -> HtmlBlock:
    """The scorecard (great_tables, `id="scorecard"`) with status colour bands and their legend.

    Shows the projection at the target year, the attainment year, the outcome of targets
    whose year has come, and the time elapsed since each programme's start.
    """
    if progress.height == 0:
        return join(
            [
                _h2("s_scorecard", lang),
                element("p", label("missing_targets", lang), css_class="stkit-note"),
            ]
        )
    table = tables.scorecard(
        progress, lang, names=dict(indicator_names), table_id="scorecard", year=year,
        starts=starts, former_baselines=former_baselines, replaced=replaced,
    )  # fmt: skip
    parts = [_h2("s_scorecard", lang), table, tables.status_legend(lang)]
    if former_baselines and former_name:
        note = label("former_baseline_note", lang).format(name=former_name)
        parts.append(element("p", note, css_class="stkit-note"))
    return join(parts)


def _assessed_points(report: CityReport, row: dict[str, Any]) -> pl.DataFrame:
    """The points the scorecard assessed this target row on (period, value and flags)."""
    return (
        report.series.filter(
            (pl.col("programme") == row["programme"])
            & (pl.col("target_id") == row["target_id"])
            & (pl.col("unit") == row["unit"])
            & (pl.col("target_year") == row["target_year"])
        )
        .select(
            pl.col("period").cast(pl.Int64),
            pl.col("value").cast(pl.Float64),
            pl.col("illustrative").cast(pl.Boolean).fill_null(value=False),
            pl.col("reexpressed").cast(pl.Boolean).fill_null(value=False),
            pl.col("stated_baseline").cast(pl.Boolean).fill_null(value=False),
        )
        .sort("period")
    )


def charts_section(report: CityReport) -> HtmlBlock | ChartGroup:
    """One chart per target, on the points the scorecard assessed (milestones on their target)."""
    lang = report.lang
    progress = report.progress
    if progress.height == 0 or progress.filter(pl.col("latest_value").is_not_null()).height == 0:
        return join(
            [
                _h2("s_charts", lang),
                element("p", label("missing_key_figures", lang), css_class="stkit-note"),
            ]
        )
    units = dict(report.data.indicators.select("code", "unit").iter_rows())
    blocks: list[ChartOutput] = []
    reexpressed = False
    for row in progress.filter(~pl.col("milestone")).iter_rows(named=True):
        rows = progress.filter(
            (pl.col("programme") == row["programme"])
            & (pl.col("target_id") == row["target_id"])
            & (pl.col("unit") == row["unit"])
        )
        name = report.indicator_names.get(row["indicator"], row["indicator"])
        points = _assessed_points(report, row)
        reexpressed = reexpressed or bool(points.get_column("reexpressed").any())
        series = TargetSeries(
            title=name,
            observed=points,
            targets=rows.select(
                pl.col("target_year").cast(pl.Int64).alias("year"),
                pl.col("target_value").cast(pl.Float64).alias("value"),
                "milestone",
            ),
            baseline_year=row["baseline_year"],
            baseline_value=row["baseline_value"],
            latest_year=row["latest_year"],
            latest_value=row["latest_value"],
            target_year=int(row["target_year"]),
            target_value=row["target_value"],
            projected_value=row["projected_value"],
            unit_label=measure_unit(units.get(row["indicator"]), lang),
        )
        caption = f"{row['programme']} · {row['target_id']} — {name}"
        ident = chart_id(row["programme"], row["target_id"], row["unit"])
        blocks.append(figure(target_spec(series, lang), ident=ident, caption=caption, lang=lang))
    note = element("p", label("reexpressed_note", lang), css_class="stkit-note")
    return ChartGroup(_h2("s_charts", lang), tuple(blocks), note if reexpressed else None)


def quality_table(
    progress: pl.DataFrame, observations: pl.DataFrame, *, year: int, stale_after: int
) -> pl.DataFrame:
    """Indicators of the targets in `progress` and of `observations` with their last period.

    Flagged `missing` (no value at all) or `stale` (none in the `stale_after` years up to
    `year`).
    """
    wanted = progress.get_column("indicator").unique().to_list() if progress.height else []
    last = (
        observations.filter(pl.col("value").is_not_null())
        .group_by("indicator")
        .agg(pl.col("period").max().alias("last_period"))
    )
    frame = pl.DataFrame(
        {"indicator": sorted(set(wanted) | set(last.get_column("indicator").to_list()))},
        schema={"indicator": pl.String},
    )
    return (
        frame.join(last, on="indicator", how="left")
        .with_columns(
            pl.col("last_period").is_null().alias("missing"),
            (pl.col("last_period") < year - stale_after + 1).fill_null(value=False).alias("stale"),
        )
        .sort("indicator")
    )


def quality_section(
    quality: pl.DataFrame, *, lang: Lang, indicator_names: Mapping[str, str]
) -> HtmlBlock:
    """Missing series (no value at all) and stale ones, from `quality_table`'s frame."""
    frame = quality.with_columns(
        pl.col("indicator")
        .replace_strict(dict(indicator_names), default=pl.col("indicator"))
        .alias("name")
    )
    missing = frame.filter(pl.col("missing"))
    stale = frame.filter(pl.col("stale"))
    if quality.height == 0:
        return join(
            [
                _h2("s_quality", lang),
                element("p", label("missing_key_figures", lang), css_class="stkit-note"),
            ]
        )
    return join(
        [
            _h2("s_quality", lang),
            element("h3", label("missing_series", lang)),
            bullet_list(f"{code} — {name}" for code, name in missing.select("indicator", "name").iter_rows()) if missing.height else element("p", label("none_found", lang), css_class="stkit-note"),
            element("h3", label("stale_series", lang)),
            tables.simple_table(stale, lang, columns=["indicator", "name", "last_period"], headers={"name": label("indicator", lang), "indicator": label("code", lang), "last_period": label("last_period", lang)}) if stale.height else element("p", label("none_found", lang), css_class="stkit-note"),
        ]
    )  # fmt: skip


def sources_section(report: CityReport) -> HtmlBlock:
    """Programme documents, every observation source used, and the published PII sources.

    Documents are cited as the registry cites them (`stkit.reports.citations`).
    """
    lang = report.lang
    documents = document_rows(report.data.documents)
    programmes = []
    for pid in report.programmes:
        known = report.data.programme(pid, lang)
        if known is not None:
            programmes.append(f"{pid} — {known[0]}: {cited_registry(known[1], documents, lang)}")
    observed = cited_all(
        report.observations.select(
            "source", pl.col("illustrative").cast(pl.Boolean).fill_null(value=False)
        ).iter_rows(),
        documents,
        lang,
    )
    parts = [_h2("s_sources", lang)]
    for key, items in (
        ("programme_documents", programmes),
        ("observation_sources", observed),
        ("pii_sources", pii_sources(report)),
    ):
        if items:
            parts.extend([element("h3", label(key, lang)), bullet_list(items)])
    return join(parts)


def pii_sources(report: CityReport) -> list[str]:
    """Sources of the published PII figures shown for this unit."""
    published = report.pii.published
    texts = published.get_column("source").drop_nulls().to_list()
    return sorted({local_dates(in_language(text, report.lang)) for text in texts})


def ordered_profile(strengths: pl.DataFrame, kind: str) -> pl.DataFrame:
    """Strengths best first (rank 1 first), weaknesses weakest first; ties by percentile, code."""
    rows = strengths.filter(pl.col("kind") == kind)
    if kind == "strength":
        return rows.sort(["rank", "percentile", "iCode"], descending=[False, True, False])
    return rows.sort(["rank", "percentile", "iCode"], descending=[True, False, False])


def pii_section(
    pii: PiiPosition,
    *,
    lang: Lang,
    unit_names: Mapping[str, str],
    territory: Callable[[str, int], str] | None = None,
    national: bool = False,
) -> HtmlBlock:
    """Published results (score, rank, input, output, pillars) apart from the illustrative build.

    `territory(unit, year)` names the unit each published figure is for (a former unit
    before the merger). The published results' notes are written in English in the data, so they are
    shown in English reports only. Strengths and weaknesses show only indicators whose
    name is public (`name_status`), never a placeholder name.
    """
    name = "iName_en" if lang == "en" else "iName"
    parts = [_h2("s_pii", lang)]
    if national:
        return join(
            [*parts, element("p", label("missing_pii_national", lang), css_class="stkit-note")]
        )
    if pii.published.height == 0 and pii.published_pillars.height == 0:
        return join([*parts, element("p", label("missing_pii", lang), css_class="stkit-note")])
    parts.append(element("h3", label("published_pii", lang)))
    if pii.published.height:
        published = pii.published
        columns = ["year", "score", "rank", "input", "output"]
        if territory is not None:
            published = published.with_columns(
                pl.struct("unit", "year")
                .map_elements(lambda r: territory(r["unit"], r["year"]), return_dtype=pl.String)
                .alias("territory")
            )
            columns.insert(1, "territory")
        if lang == "en" and "note" in published.columns:
            columns.append("note")
        headers = {"year": label("period", lang), "territory": label("territory", lang)}
        parts.append(
            tables.simple_table(
                published, lang, columns=columns, headers=headers, digits=PII_DIGITS
            )
        )
    if pii.published_pillars.height:
        headers = {
            "year": label("period", lang),
            "pillar": label("pillar", lang),
            "score": label("score", lang),
            "rank": label("rank", lang),
        }
        parts.append(
            tables.simple_table(
                pii.published_pillars,
                lang,
                columns=["year", "pillar", "score", "rank"],
                headers=headers,
                digits=PII_DIGITS,
            )
        )
    build: list[HtmlBlock] = []
    if pii.pillars.height:
        build.append(element("h4", f"{label('pillar', lang)} — {label('peers', lang)}"))
        peers = [c for c in pii.pillars.columns if c not in ("iCode", "iName", "iName_en")]
        headers = {
            "iCode": label("code", lang),
            name: label("pillar", lang),
            **{slug: unit_names.get(slug, slug) for slug in peers},
        }
        build.append(
            tables.simple_table(pii.pillars, lang, columns=["iCode", name, *peers], headers=headers)
        )
    strengths = named_only(pii.strengths)
    if strengths.height:
        for kind, key in (("strength", "strengths"), ("weakness", "weaknesses")):
            rows = ordered_profile(strengths, kind)
            if rows.height == 0:
                continue
            build.append(element("h4", label(key, lang)))
            if rows.height > STRENGTHS_SHOWN:
                text = label("shown_of_total", lang).format(
                    shown=STRENGTHS_SHOWN, total=rows.height
                )
                build.append(element("p", text, css_class="stkit-note"))
            build.append(
                tables.simple_table(
                    rows.head(STRENGTHS_SHOWN), lang,
                    columns=["iCode", name, "score", "rank", "percentile"],
                    headers={
                        "iCode": label("code", lang), name: label("indicator", lang),
                        "score": label("score", lang), "rank": label("rank", lang),
                        "percentile": label("percentile", lang),
                    },
                )
            )  # fmt: skip
    if pii.rank_interval is not None:
        r = pii.rank_interval
        text = (
            f"{label('nominal_rank', lang)}: {r['nominal']:.0f}; {label('rank_interval', lang)}: "
            f"{r['q05']:.0f}–{r['q95']:.0f}"
        )
        build.append(element("p", text))
    if build:
        heading = element(
            "h3", f"{label('illustrative_build', lang)} ({label('illustrative_mark', lang)})"
        )
        parts.append(
            HtmlBlock(f'<div class="stkit-illustrative">\n{join([heading, *build])}\n</div>')
        )
    return join(parts)


def headline_targets(progress: pl.DataFrame) -> list[dict[str, Any]]:
    """Every progress row as headline.json's `targets` entries, values as the library gives them."""
    if progress.height == 0:
        return []
    keys = ("programme", "target_id", "target_year", "milestone", "latest_year", "latest_value",
            "status", "outcome", "projected_value", "attainment_year")  # fmt: skip
    frame = progress.with_columns(
        *(pl.lit(None).alias(k) for k in keys if k not in progress.columns)
    )
    return [{k: row[k] for k in keys} for row in frame.select(keys).iter_rows(named=True)]


def headline(
    progress: pl.DataFrame,
    tasks: pl.DataFrame,
    published: pl.DataFrame,
    *,
    unit: Unit,
    year: int,
    lang: Lang,
    illustrative: bool,
) -> Headline:
    """Headline figures: target counts by status, share on track, latest PII, illustrative flag.

    `progress` as `stkit.assess` returns it, `tasks` as `stkit.tasks.task_states`,
    `published` the unit's published PII rows in year order.
    """
    targets = progress.filter(~pl.col("milestone")) if progress.height else progress
    counts: dict[str, int] = {}
    if targets.height:
        for status, n in targets.group_by("status").len().sort("status").iter_rows():
            counts[str(status)] = int(n)
    total = sum(counts.values())
    on_track = counts.get("on_track", 0) + counts.get("achieved", 0)
    figures_: dict[str, Any] = {
        "unit": unit.slug,
        "unit_code": unit.code,
        "year": year,
        "lang": lang,
        "targets_count": total,
        "targets_by_status": counts,
        "on_track_share": round(on_track / total, 4) if total else None,
        "overdue_tasks": int(tasks.get_column("overdue").sum()) if tasks.height else 0,
        "illustrative": illustrative,
        "targets": headline_targets(progress),
    }
    published = published.filter(pl.col("score").is_not_null() | pl.col("rank").is_not_null())
    if published.height:
        last = published.row(-1, named=True)
        figures_["pii"] = {"year": last["year"], "score": last["score"], "rank": last["rank"]}
    return Headline(figures_)
