"""Turn a request (`hai-phong`, or every unit) into report jobs: checked unit, year, title, folder.

Default year: the latest period with an observation for the unit or for an old
unit merged into it; for a unit with no observation at all (and for `--all`),
the latest period in the whole observations table, so every unit's report in a
batch is for the same year.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polars as pl

from stkit.datadir import shipped_notebooks_dir
from stkit.errors import StkitError
from stkit.i18n import Lang
from stkit.i18n.messages import error
from stkit.reports import overview_links
from stkit.reports.labels import label
from stkit.reports.paths import OVERVIEW_FOLDER, member_keys, report_dir
from stkit.reports.runner import ReportJob
from stkit.units import MERGER_DATE, NATIONAL, PROVINCE, Unit, load_units, resolve_unit

CITY_NOTEBOOK = "city_progress.ipynb"
OVERVIEW_NOTEBOOK = "overview.ipynb"


def report_unit(key: str, data_dir: Path | None = None) -> Unit:
    """Return the province in force since 1 July 2025, or the national unit, named by `key`.

    `key` is anything the resolver accepts (slug, code, name as planners type it, e.g.
    "Hải Phòng", "TP. Hải Phòng"; `stkit.units.unit_key`); `viet-nam` gives the national
    report. A unit merged away is refused with the name of its successor.
    """
    unit = resolve_unit(key, on=MERGER_DATE, data_dir=data_dir)
    if unit.level not in (PROVINCE, NATIONAL):
        raise StkitError(error("unit_not_reportable", value=repr(key)))
    return unit


def current_units(data_dir: Path | None = None) -> list[Unit]:
    """Return the 34 units in force since 1 July 2025, in code order."""
    frame = load_units(data_dir, as_of=MERGER_DATE).sort("code")
    return [
        Unit(
            code=row["code"],
            slug=row["slug"],
            name_vi=row["name_vi"],
            name_en=row["name_en"],
            region=row["region"],
            valid_from=row["valid_from"],
            valid_to=row["valid_to"],
        )
        for row in frame.select(
            "code", "slug", "name_vi", "name_en", "region", "valid_from", "valid_to"
        ).iter_rows(named=True)
    ]


def latest_period(observations: pl.DataFrame, keys: set[str] | None = None) -> int | None:
    """Return the latest period with a value, over the given unit keys (or all units)."""
    rows = observations.filter(pl.col("value").is_not_null())
    if keys is not None:
        rows = rows.filter(pl.col("unit").cast(pl.String).is_in(sorted(keys)))
    if rows.height == 0:
        return None
    return int(rows.get_column("period").cast(pl.Int64).max())  # type: ignore[arg-type]


def default_year(unit: Unit, observations: pl.DataFrame, crosswalk: pl.DataFrame) -> int:
    """Return the report year used when none is given (see the module docstring)."""
    own = latest_period(observations, member_keys(unit.slug, unit.code, crosswalk))
    if own is not None:
        return own
    overall = latest_period(observations)
    if overall is None:
        raise StkitError(error("no_observations_year"))
    return overall


def report_title(unit_name: str, year: int, lang: Lang) -> str:
    """Return the title of a city report."""
    return f"{label('report_title', lang)} — {unit_name} — {year}"


def city_job(
    unit: Unit,
    year: int,
    lang: Lang,
    out: Path,
    data_dir: Path | None,
    notebook: Path | None = None,
) -> ReportJob:
    """Return the job for one city report into `out/<slug>/<year>/<lang>`."""
    name = unit.name_vi if lang == "vi" else unit.name_en
    return ReportJob(
        unit=unit.slug,
        year=year,
        lang=lang,
        title=report_title(name, year, lang),
        notebook=notebook or shipped_notebooks_dir() / CITY_NOTEBOOK,
        target=report_dir(out, unit.slug, year, lang),
        data_dir=data_dir,
    )


def overview_job(
    year: int, lang: Lang, out: Path, data_dir: Path | None, notebook: Path | None = None
) -> ReportJob:
    """Return the job for the all-units overview into `out/overview/<year>/<lang>`."""
    return ReportJob(
        unit=OVERVIEW_FOLDER,
        year=year,
        lang=lang,
        title=f"{label('overview_title', lang)} — {year}",
        notebook=notebook or shipped_notebooks_dir() / OVERVIEW_NOTEBOOK,
        target=report_dir(out, OVERVIEW_FOLDER, year, lang),
        data_dir=data_dir,
    )


def all_jobs(
    units: Sequence[Unit], year: int, lang: Lang, out: Path, data_dir: Path | None
) -> list[ReportJob]:
    """Return a job per unit plus the overview (linking each unit's report), all for `year`."""
    jobs = [city_job(unit, year, lang, out, data_dir) for unit in units]
    jobs.append(overview_links.with_links(overview_job(year, lang, out, data_dir), jobs))
    return jobs
