"""Tables of a report: the target scorecard (great_tables, colour bands) and plain escaped tables.

Every cell from data is escaped: great_tables escapes text unless told it is
Markdown or HTML (never done here), and `simple_table` escapes each value.
Colour bands follow the progress class, as a DHIS2-style legend set that a
caller may replace (`STATUS_BANDS`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl
from great_tables import GT, loc, style

from stkit.i18n import Lang
from stkit.reports.display import HtmlBlock, element, escape
from stkit.reports.labels import comparator_sign, date, label, number, percent, status_label


def not_available(lang: Lang) -> HtmlBlock:
    """The note a section shows when it has nothing to show ("Chưa có số liệu.")."""
    return element("p", label("not_available", lang), css_class="stkit-note")


STATUS_BANDS: dict[str, str] = {
    # ESCAP's traffic lights (green, amber, red, grey); an outcome (achieved, missed) in
    # a deeper shade of its colour, so every status in the legend has its own band
    "achieved": "#7cc7a2",
    "on_track": "#b7e1cd",
    "accelerate": "#fce8b2",
    "reverse": "#f4c7c3",
    "missed": "#e89a92",
    "insufficient_data": "#e8eaed",
}
TREND_ARROWS: dict[str, str] = {
    "on_track": "↑",
    "moderately_improving": "↗",
    "stagnating": "→",
    "decreasing": "↓",
}


def _fraction_percent(value: float | None, lang: Lang) -> str:
    return percent(None if value is None else value * 100.0, lang, digits=0)


def time_elapsed(start: dt.date | None, year: int, target_year: int) -> float | None:
    """Share of the programme's time gone by on 31 December of `year` (0–1), from its start.

    From `start` (the programme's start) to 31 December of `target_year`; None without a
    start or when the target year ends before the start.
    """
    if start is None:
        return None
    end = dt.date(int(target_year), 12, 31)
    span = (end - start).days
    if span <= 0:
        return None
    gone = (dt.date(int(year), 12, 31) - start).days
    return min(1.0, max(0.0, gone / span))


def scorecard_rows(
    progress: pl.DataFrame,
    lang: Lang,
    names: Mapping[str, str],
    *,
    year: int | None = None,
    starts: Mapping[str, dt.date] | None = None,
    former_baselines: frozenset[tuple[str, str]] = frozenset(),
    replaced: Mapping[tuple[str, str], tuple[str, dt.date]] | None = None,
) -> pl.DataFrame:
    """Return the scorecard as display strings, one row per target.

    Milestones are left out unless their year has come (their outcome shows). `starts`:
    programme → start day, for the time elapsed; `former_baselines`: (programme,
    target_id) whose stated baseline is a former unit's (marked †).
    """
    rows: list[dict[str, str]] = []
    shown = progress.filter(~pl.col("milestone"))
    if year is not None:
        shown = progress.filter(~pl.col("milestone") | (pl.col("target_year") <= year))
    for row in shown.iter_rows(named=True):
        mark = " ※" if row["illustrative"] else ""
        trend = row["trend"]
        outcome = row.get("outcome")
        elapsed = (
            time_elapsed((starts or {}).get(row["programme"]), year, row["target_year"])
            if year is not None
            else row.get("expected_share")
        )
        attained = row.get("attainment_year")
        baseline = _value_year(row["baseline_value"], row["baseline_year"], lang)
        if (row["programme"], row["target_id"]) in former_baselines:
            baseline += " †"
        rows.append(
            {
                "target": f"{row['programme']} · {row['target_id']}"
                + _replaced_text((replaced or {}).get((row["programme"], row["target_id"])), lang),
                "indicator": names.get(row["indicator"], row["indicator"]) + mark,
                "baseline": baseline,
                "latest": _value_year(row["latest_value"], row["latest_year"], lang),
                "target_value": f"{comparator_sign(row['comparator'])} "
                + _value_year(row["target_value"], row["target_year"], lang),
                "share_of_way": _fraction_percent(row["share_of_way"], lang),
                "time_elapsed": _fraction_percent(elapsed, lang),
                "projected": _value_year(row.get("projected_value"), None, lang),
                "attainment_year": "–" if attained is None else str(int(attained)),
                "status": status_label(row["status"], lang),
                "outcome": "–" if not outcome else status_label(outcome, lang),
                "trend": TREND_ARROWS.get(trend, "–") if trend else "–",
                "_status": row["status"] or "insufficient_data",
            }
        )
    columns = ["target", "indicator", "baseline", "latest", "target_value", "share_of_way",
               "time_elapsed", "projected", "attainment_year", "status", "outcome", "trend",
               "_status"]  # fmt: skip
    return pl.DataFrame(rows, schema=dict.fromkeys(columns, pl.String), orient="row")


def _replaced_text(successor: tuple[str, dt.date] | None, lang: Lang) -> str:
    if successor is None:
        return ""
    words = label("replaced_short", lang).format(target=successor[0], date=date(successor[1], lang))
    return f" ({words})"


def status_legend(lang: Lang) -> HtmlBlock:
    """The colour of each status, in words, on one line (under the scorecard)."""
    items = " · ".join(
        f'<span class="stkit-swatch" style="background:{colour}">&#160;&#160;&#160;</span>&#160;'
        f"{escape(status_label(status, lang))}"
        for status, colour in STATUS_BANDS.items()
    )
    return HtmlBlock(
        f'<p class="stkit-legend"><strong>{escape(label("legend", lang))}:</strong> {items}</p>'
    )


def _value_year(value: float | None, year: int | None, lang: Lang) -> str:
    if value is None:
        return "–"
    text = number(value, lang, digits=1 if abs(value) < 1000 else 0)
    return f"{text} ({year})" if year is not None else text


def scorecard(
    progress: pl.DataFrame,
    lang: Lang,
    *,
    names: Mapping[str, str] | None = None,
    table_id: str = "scorecard",
    year: int | None = None,
    starts: Mapping[str, dt.date] | None = None,
    former_baselines: frozenset[tuple[str, str]] = frozenset(),
    replaced: Mapping[tuple[str, str], tuple[str, dt.date]] | None = None,
) -> HtmlBlock:
    """Return the great_tables scorecard as HTML: status cells banded by colour."""
    rows = scorecard_rows(
        progress, lang, names or {}, year=year, starts=starts,
        former_baselines=former_baselines, replaced=replaced,
    )  # fmt: skip
    if rows.height == 0:
        return not_available(lang)
    headers: dict[str, Any] = {c: label(c, lang) for c in rows.columns if c != "_status"}
    table = GT(rows.drop("_status"), id=table_id).cols_label(**headers)
    for status, colour in STATUS_BANDS.items():
        indices = [
            i for i, value in enumerate(rows.get_column("_status").to_list()) if value == status
        ]
        if indices:
            table = table.tab_style(
                style=style.fill(color=colour), locations=loc.body(columns="status", rows=indices)
            )
    table = table.tab_options(table_font_size="14px", table_width="100%")
    return HtmlBlock(str(table.as_raw_html()))


def simple_table(
    frame: pl.DataFrame,
    lang: Lang,
    *,
    columns: Sequence[str] | None = None,
    headers: Mapping[str, str] | None = None,
    css_class: str = "stkit-simple",
    digits: Mapping[str, int] | None = None,
) -> HtmlBlock:
    """Return a plain HTML table of `frame` with every header and value escaped.

    Numbers show one decimal unless `digits` gives a column its own (published PII scores
    have two, and a figure shown twice must read the same).
    """
    chosen = list(columns or frame.columns)
    places = [(digits or {}).get(c, 1) for c in chosen]
    if frame.height == 0:
        return HtmlBlock(f'<p class="stkit-note">{escape(label("none_found", lang))}</p>')
    head = "".join(f"<th>{escape((headers or {}).get(c) or _header(c, lang))}</th>" for c in chosen)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{escape(_cell(value, lang, n))}</td>"
            for value, n in zip(row, places, strict=True)
        )
        + "</tr>"
        for row in frame.select(chosen).iter_rows()
    )
    return HtmlBlock(
        f'<table class="{escape(css_class)}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def _header(column: str, lang: Lang) -> str:
    try:
        return label(column, lang)
    except KeyError:
        return column


def _cell(value: Any, lang: Lang, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, float):
        return number(value, lang, digits)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if hasattr(value, "isoformat") and not isinstance(value, int | str):
        return date(value, lang)
    return str(value)
