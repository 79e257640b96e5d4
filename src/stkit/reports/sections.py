"""The sections of a city report as HTML blocks (called by `CityReport`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import polars as pl

from stkit.i18n import Lang
from stkit.reports import tables
from stkit.reports.charts import ChartOutput, TargetSeries, chart_id, figure, target_chart
from stkit.reports.display import Headline, HtmlBlock, bullet_list, element, escape, join
from stkit.reports.labels import label, percent, status_label

if TYPE_CHECKING:
    from stkit.reports.city import CityReport

DONE_STATES = ("done", "dropped")


@dataclass(frozen=True)
class ChartGroup:
    """A heading and charts; displayed as one output each (the notebook shows them in order)."""

    heading: HtmlBlock
    charts: tuple[ChartOutput, ...]

    def _ipython_display_(self) -> None:
        from IPython.display import display  # noqa: PLC0415 - only inside a kernel

        display(self.heading, *self.charts)  # type: ignore[no-untyped-call]


def programme_id(programme: Any) -> str:
    """Return a registry programme's id (`P1`)."""
    return str(getattr(programme, "id", None) or programme.programme_id)


def programme_title(programme: Any, lang: Lang) -> str:
    """Return a programme's title in `lang`, falling back to the other language, then its id."""
    first, second = ("title_vi", "title_en") if lang == "vi" else ("title_en", "title_vi")
    return str(
        getattr(programme, first, None)
        or getattr(programme, second, None)
        or programme_id(programme)
    )


def programme_source(programme: Any) -> str:
    """Return the document a programme rests on, as text."""
    for name in ("source", "legal_basis", "sources"):
        value = getattr(programme, name, None)
        if value:
            return value if isinstance(value, str) else "; ".join(str(v) for v in value)
    return ""


def _h2(key: str, lang: Lang) -> HtmlBlock:
    return element("h2", label(key, lang))


def header(report: CityReport, vintage: str) -> HtmlBlock:
    """Title, unit, year, data vintage; a banner when any figure is illustrative."""
    lang = report.lang
    name = report.unit.name_vi if lang == "vi" else report.unit.name_en
    latest_period = report.observations.get_column("period").max()
    latest = "–" if latest_period is None else str(latest_period)
    parts = [
        element("h1", f"{label('report_title', lang)} — {name} — {report.year}"),
        element("p", f"{label('unit', lang)}: {name} ({report.unit.code})", css_class="stkit-meta"),
        element("p", f"{label('year', lang)}: {report.year}", css_class="stkit-meta"),
        element(
            "p",
            f"{label('data_vintage', lang)}: {label('latest_observation', lang)} "
            f"{latest}; {label('inputs_fingerprint', lang)} {vintage}",
            css_class="stkit-meta",
        ),
    ]
    if report.illustrative:
        parts.append(
            HtmlBlock(
                f'<div class="stkit-banner" role="note">{escape(label("illustrative_banner", lang))}</div>'
            )
        )
    return join(parts)


def scorecard_section(report: CityReport) -> HtmlBlock:
    """The scorecard (great_tables) with status colour bands."""
    lang = report.lang
    if report.progress.height == 0:
        return join(
            [
                _h2("s_scorecard", lang),
                element("p", label("not_available", lang), css_class="stkit-note"),
            ]
        )
    table = tables.scorecard(
        report.progress, lang, names=report.indicator_names, table_id="scorecard"
    )
    return join([_h2("s_scorecard", lang), table])


def _observed(report: CityReport, unit: str, indicator: str) -> pl.DataFrame:
    return (
        report.data.observations.filter(
            (pl.col("unit").cast(pl.String) == unit)
            & (pl.col("indicator") == indicator)
            & (pl.col("period") <= report.year)
            & pl.col("value").is_not_null()
        )
        .select(
            pl.col("period").cast(pl.Int64),
            pl.col("value").cast(pl.Float64),
            pl.col("illustrative").cast(pl.Boolean).fill_null(value=False),
        )
        .sort("period")
    )


def charts_section(report: CityReport) -> HtmlBlock | ChartGroup:
    """One chart per target (milestones drawn on their target's chart)."""
    lang = report.lang
    progress = report.progress
    if progress.height == 0:
        return join(
            [
                _h2("s_charts", lang),
                element("p", label("not_available", lang), css_class="stkit-note"),
            ]
        )
    units = dict(report.data.indicators.select("code", "unit").iter_rows())
    blocks: list[ChartOutput] = []
    for row in progress.filter(~pl.col("milestone")).iter_rows(named=True):
        rows = progress.filter(
            (pl.col("programme") == row["programme"])
            & (pl.col("target_id") == row["target_id"])
            & (pl.col("unit") == row["unit"])
        )
        name = report.indicator_names.get(row["indicator"], row["indicator"])
        series = TargetSeries(
            title=name,
            observed=_observed(report, str(row["unit"]), row["indicator"]),
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
            unit_label=str(units.get(row["indicator"]) or ""),
        )
        caption = f"{row['programme']} · {row['target_id']} — {name}"
        ident = chart_id(row["programme"], row["target_id"], row["unit"])
        blocks.append(figure(target_chart(series, lang), ident=ident, caption=caption, lang=lang))
    return ChartGroup(_h2("s_charts", lang), tuple(blocks))


def _programmes_of(report: CityReport) -> list[str]:
    return sorted(
        set(
            report.data.targets.filter(pl.col("unit").cast(pl.String).is_in(sorted(report.keys)))
            .get_column("programme")
            .to_list()
        )
    )


def task_table(report: CityReport) -> pl.DataFrame:
    """Tasks of this unit's programmes with their status in the report year and whether overdue."""
    programmes = _programmes_of(report)
    tasks = report.data.tasks.filter(pl.col("programme").is_in(programmes))
    status = (
        report.data.task_status.filter(pl.col("year") <= report.year)
        .sort("year")
        .group_by("programme", "task", maintain_order=True)
        .agg(
            pl.col("status").last(),
            pl.col("evidence").last(),
            pl.col("source").last().alias("status_source"),
        )
    )
    return (
        tasks.join(status, on=["programme", "task"], how="left")
        .with_columns(pl.col("status").fill_null("not_started"))
        .with_columns(
            (
                pl.col("deadline").is_not_null()
                & (pl.col("deadline") < report.year_end)
                & ~pl.col("status").is_in(DONE_STATES)
            ).alias("overdue"),
            (pl.col("deadline").is_not_null() & (pl.col("deadline") <= report.year_end)).alias(
                "due"
            ),
        )
        .sort("programme", "task")
    )


def _completion(frame: pl.DataFrame, by: str, lang: Lang) -> pl.DataFrame:
    return (
        frame.group_by(by)
        .agg(
            pl.len().alias("tasks"),
            pl.col("due").sum().alias("due"),
            (pl.col("status") == "done").sum().alias("done"),
            pl.col("overdue").sum().alias("overdue"),
        )
        .with_columns(
            pl.when(pl.col("due") > 0)
            .then(pl.col("done").cast(pl.Float64) / pl.col("due") * 100.0)
            .alias("completion")
        )
        .sort(by)
        .with_columns(
            pl.col("completion").map_elements(lambda v: percent(v, lang, 0), return_dtype=pl.String)
        )
    )


def commitments_section(report: CityReport) -> HtmlBlock:
    """Completion by category and by lead unit; overdue tasks with their evidence."""
    lang = report.lang
    frame = task_table(report)
    if frame.height == 0:
        return join(
            [
                _h2("s_commitments", lang),
                element("p", label("not_available", lang), css_class="stkit-note"),
            ]
        )
    headers = {"tasks": label("task", lang), "overdue": label("st_overdue", lang)}
    overdue = frame.filter(pl.col("overdue")).with_columns(
        pl.concat_str(pl.col("programme"), pl.lit(" · "), pl.col("task")).alias("task"),
        pl.col("status").map_elements(lambda v: status_label(v, lang), return_dtype=pl.String),
        pl.col("title_vi" if lang == "vi" else "title_en")
        .fill_null(pl.col("title_vi"))
        .alias("title"),
    )
    return join(
        [
            _h2("s_commitments", lang),
            element("h3", label("category", lang)),
            tables.simple_table(_completion(frame, "category", lang), lang, headers=headers),
            element("h3", label("lead_unit", lang)),
            tables.simple_table(_completion(frame, "lead_unit", lang), lang, headers=headers),
            element("h3", label("overdue_tasks", lang)),
            tables.simple_table(
                overdue, lang, columns=["task", "title", "lead_unit", "deadline", "status", "evidence"],
                headers={"title": label("task", lang), "status": label("status", lang)},
            ) if overdue.height else element("p", label("no_overdue", lang), css_class="stkit-note"),
        ]
    )  # fmt: skip


def quality_table(report: CityReport, stale_after: int) -> pl.DataFrame:
    """Indicators of this unit's targets with their last period, flagged missing or stale."""
    wanted = (
        report.progress.get_column("indicator").unique().to_list() if report.progress.height else []
    )
    last = (
        report.observations.filter(pl.col("value").is_not_null())
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
            (pl.col("last_period") < report.year - stale_after + 1)
            .fill_null(value=False)
            .alias("stale"),
        )
        .sort("indicator")
    )


def quality_section(report: CityReport, stale_after: int) -> HtmlBlock:
    """Missing series (no value at all) and stale ones (none in the last `stale_after` years)."""
    lang = report.lang
    frame = quality_table(report, stale_after).with_columns(
        pl.col("indicator")
        .replace_strict(report.indicator_names, default=pl.col("indicator"))
        .alias("name")
    )
    missing = frame.filter(pl.col("missing"))
    stale = frame.filter(pl.col("stale"))
    return join(
        [
            _h2("s_quality", lang),
            element("h3", label("missing_series", lang)),
            bullet_list(f"{code} — {name}" for code, name in missing.select("indicator", "name").iter_rows()) if missing.height else element("p", label("none_found", lang), css_class="stkit-note"),
            element("h3", label("stale_series", lang)),
            tables.simple_table(stale, lang, columns=["indicator", "name", "last_period"], headers={"name": label("indicator", lang), "indicator": "", "last_period": label("last_period", lang)}) if stale.height else element("p", label("none_found", lang), css_class="stkit-note"),
        ]
    )  # fmt: skip


def sources_section(report: CityReport) -> HtmlBlock:
    """Programme documents, indicator definitions and every observation source used."""
    lang = report.lang
    programmes = []
    for pid in _programmes_of(report):
        known = report.data.programme(pid, lang)
        if known is not None:
            programmes.append(f"{pid}: {known[0]} — {known[1]}")
    observed = sorted(set(report.observations.get_column("source").drop_nulls().to_list()))
    pii = pii_sources(report)
    return join([_h2("s_sources", lang), bullet_list(programmes + observed + pii)])


def pii_sources(report: CityReport) -> list[str]:
    """Sources of the published PII figures shown for this unit."""
    published = report.pii.published
    return sorted(set(published.get_column("source").drop_nulls().to_list()))


def pii_section(report: CityReport) -> HtmlBlock:
    """Published score and rank over time; pillars against peers; strengths; rank interval."""
    lang = report.lang
    pii = report.pii
    parts = [_h2("s_pii", lang)]
    if pii.published.height:
        headers = {
            "year": label("period", lang),
            "unit": label("unit", lang),
            "score": label("score", lang),
            "rank": label("rank", lang),
            "input": label("input", lang),
            "output": label("output", lang),
            "note": "",
        }
        parts.append(
            tables.simple_table(
                pii.published,
                lang,
                columns=["year", "unit", "score", "rank", "input", "output", "note"],
                headers=headers,
            )
        )
    else:
        parts.append(element("p", label("not_available", lang), css_class="stkit-note"))
    if pii.pillars.height:
        parts.append(
            element(
                "h3",
                f"{label('pillar', lang)} — {label('peers', lang)} ({label('illustrative_mark', lang)})",
            )
        )
        headers = {"iCode": "", "iName": label("pillar", lang)}
        parts.append(tables.simple_table(pii.pillars, lang, headers=headers))
    if pii.strengths.height:
        for kind, key in (("strength", "strengths"), ("weakness", "weaknesses")):
            rows = pii.strengths.filter(pl.col("kind") == kind)
            parts.append(element("h3", f"{label(key, lang)} ({label('illustrative_mark', lang)})"))
            parts.append(
                tables.simple_table(
                    rows,
                    lang,
                    columns=["iCode", "iName", "score", "rank", "percentile"],
                    headers={
                        "iCode": "",
                        "iName": label("indicator", lang),
                        "score": label("score", lang),
                        "rank": label("rank", lang),
                        "percentile": "%",
                    },
                )
            )
    if pii.rank_interval is not None:
        r = pii.rank_interval
        text = (
            f"{label('nominal_rank', lang)}: {r['nominal']:.0f}; {label('rank_interval', lang)}: "
            f"{r['q05']:.0f}–{r['q95']:.0f} ({label('illustrative_mark', lang)})"
        )
        parts.append(element("p", text))
    return join(parts)


def headline(report: CityReport) -> Headline:
    """Headline figures: target counts by status, share on track, latest PII, illustrative flag."""
    targets = (
        report.progress.filter(~pl.col("milestone")) if report.progress.height else report.progress
    )
    counts: dict[str, int] = {}
    if targets.height:
        for status, n in targets.group_by("status").len().sort("status").iter_rows():
            counts[str(status)] = int(n)
    total = sum(counts.values())
    on_track = counts.get("on_track", 0) + counts.get("achieved", 0)
    figures_: dict[str, Any] = {
        "unit": report.unit.slug,
        "unit_code": report.unit.code,
        "year": report.year,
        "lang": report.lang,
        "targets": total,
        "targets_by_status": counts,
        "on_track_share": round(on_track / total, 4) if total else None,
        "overdue_tasks": int(task_table(report).get_column("overdue").sum())
        if report.data.tasks.height
        else 0,
        "illustrative": report.illustrative,
    }
    published = report.pii.published.filter(
        pl.col("score").is_not_null() | pl.col("rank").is_not_null()
    )
    if published.height:
        last = published.row(-1, named=True)
        figures_["pii"] = {"year": last["year"], "score": last["score"], "rank": last["rank"]}
    return Headline(figures_)
