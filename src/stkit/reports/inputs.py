"""The inputs of a report run: validated once in the parent, shared with every kernel as files.

The process that runs the reports validates the inputs (`stkit.validation`, pandera)
and reads the programme registry (`validated_inputs`), assesses every target for the
run's year and builds the PII tables once (`with_shared`), then writes them as Arrow IPC files
(`write_inputs`) into a folder named in the kernels' environment by
`STKIT_REPORT_INPUTS`. A report notebook reads that folder (`report_data`) instead
of validating again, so a kernel never imports pandera or the index pipeline, and a
warm kernel reads it once: the reader is cached by folder and by the files'
modification times and sizes. IPC keeps every column type exactly, so a report
from these files is the same as one from a fresh validation.

A report run in this process (`stkit.reports.inprocess`, one report) needs no files:
`shared_in_process` hands the same object to `report_data` for the run's duration.

A notebook run by hand (variable unset, or naming another data folder) validates
its inputs itself, cached the same way by the data files' times and sizes; progress
and the PII tables are then computed for the one unit it shows.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from polars._typing import PolarsDataType

from stkit.datadir import resolve_data_dir
from stkit.errors import StkitError
from stkit.i18n import Lang
from stkit.reports.manifest import fingerprint, input_files
from stkit.reports.pii import PiiTables, pii_tables
from stkit.vocab import LANGS

INPUTS_ENV = "STKIT_REPORT_INPUTS"
_META = "meta.json"
TABLES = (
    "indicators",
    "observations",
    "targets",
    "tasks",
    "task_status",
    "programmes",
    "agencies",
    "documents",
    "baselines",
    "units",
    "crosswalk",
    "requests",
    "milestones",
    "spans",
)
_PII = ("published", "scores", "strengths", "rank_stats", "pillar_results")

Stamp = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class ReportData:
    """The validated input tables of a report run, with what is computed once for every unit."""

    data_dir: Path  # resolved
    fingerprint: str  # SHA-256 over the data folder's files
    indicators: pl.DataFrame
    observations: pl.DataFrame
    targets: pl.DataFrame
    tasks: pl.DataFrame
    task_status: pl.DataFrame  # public format (evidence in Vietnamese) + evidence_en
    programmes: (
        pl.DataFrame
    )  # programme, unit, kind, period_start, title_vi, title_en, citation_vi, citation_en
    agencies: pl.DataFrame  # id, name_vi, name_en
    documents: pl.DataFrame  # programme, id, title_vi, title_en, author, citation_vi, citation_en
    baselines: pl.DataFrame  # unit, indicator, comparator, value, year: figures stated at signing
    units: pl.DataFrame = field(default_factory=pl.DataFrame)  # both generations + national
    crosswalk: pl.DataFrame = field(default_factory=pl.DataFrame)  # from the same data folder
    requests: pl.DataFrame = field(default_factory=pl.DataFrame)  # `requests_frame`
    milestones: pl.DataFrame = field(default_factory=pl.DataFrame)  # `milestones_frame`
    spans: pl.DataFrame = field(default_factory=pl.DataFrame)  # `spans_frame`: targets in force
    progress: Mapping[int, pl.DataFrame] = field(default_factory=dict)  # year -> every target
    series: Mapping[int, pl.DataFrame] = field(default_factory=dict)  # year -> assessed points
    pii: PiiTables | None = None

    def programme(self, programme_id: str, lang: Lang) -> tuple[str, str] | None:
        """Return a programme's title in `lang` and the citation of its sources, if it is known."""
        rows = self.programmes.filter(pl.col("programme") == programme_id)
        if rows.height == 0:
            return None
        row = rows.row(0, named=True)
        first, second = ("title_vi", "title_en") if lang == "vi" else ("title_en", "title_vi")
        return str(row[first] or row[second] or programme_id), str(row[f"citation_{lang}"] or "")


def files_stamp(root: Path) -> Stamp:
    """Return (path, mtime_ns, size) of every file under `root`: a cheap cache key for its content."""
    entries = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            stat = path.stat()
            entries.append((relative.as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


_CITATION_SEPARATOR = "; "


def _programmes_frame(registry: Any) -> pl.DataFrame:
    """One row per programme: unit, titles and its sources cited as the registry cites them."""
    from stkit.programmes import cite  # noqa: PLC0415 - only where inputs are validated

    rows = [
        {
            "programme": p.id,
            "unit": p.unit,
            "kind": p.kind,
            "period_start": p.period_start,
            "title_vi": p.title_vi,
            "title_en": p.title_en,
            "short_vi": p.short_vi,
            "short_en": p.short_en,
            **{
                f"citation_{lang}": _CITATION_SEPARATOR.join(
                    cite(registry, p, document, lang) for document in (p.sources or (p.source,))
                )
                for lang in LANGS
            },
        }
        for p in registry.programmes
    ]
    schema: dict[str, PolarsDataType] = {
        **dict.fromkeys(["programme", "unit", "kind"], pl.String),
        "period_start": pl.Date,
        **dict.fromkeys(
            ["title_vi", "title_en", "short_vi", "short_en", "citation_vi", "citation_en"],
            pl.String,
        ),
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


REQUEST_SCHEMA: dict[str, PolarsDataType] = {
    "programme": pl.String,
    "id": pl.String,
    "kind": pl.String,
    "year": pl.Int64,
    "asked_on": pl.Date,
    "requested_by": pl.String,
    "addressee": pl.String,
    "title_vi": pl.String,
    "title_en": pl.String,
    "state": pl.String,
    "follow_ups": pl.Int64,
    "last_follow_up_on": pl.Date,
}


def requests_frame(registry: Any) -> pl.DataFrame:
    """Every request or proposal of every programme: who asked whom, when, its state, follow-ups."""
    rows = [
        (p.id, r.id, r.kind, int(r.year), r.asked_on, r.requested_by, r.addressee,
         r.title_vi, r.title_en, r.state, len(r.follow_ups),
         max((f.on for f in r.follow_ups if f.on is not None), default=None))
        for p in registry.programmes
        for r in p.requests
    ]  # fmt: skip
    return pl.DataFrame(rows, schema=REQUEST_SCHEMA, orient="row")


MILESTONE_SCHEMA: dict[str, PolarsDataType] = {
    "programme": pl.String,
    "id": pl.String,
    "year": pl.Int64,
    "text_vi": pl.String,
    "text_en": pl.String,
}


def milestones_frame(registry: Any) -> pl.DataFrame:
    """Every dated milestone without a number ("by 2025 a national marine S&T centre")."""
    rows = [
        (p.id, m.id, int(m.year), m.text_vi, m.text_en)
        for p in registry.programmes
        for m in p.milestones
    ]
    return pl.DataFrame(rows, schema=MILESTONE_SCHEMA, orient="row")


SPAN_SCHEMA: dict[str, PolarsDataType] = {
    "programme": pl.String,
    "target_id": pl.String,
    "unit": pl.String,
    "indicator": pl.String,
    "comparator": pl.String,
    "value": pl.Float64,
    "value_high": pl.Float64,
    "year": pl.Int64,
    "text_vi": pl.String,
    "text_en": pl.String,
    "in_force_from": pl.Date,
    "superseded_by": pl.String,
    "superseded_on": pl.Date,
}


def spans_frame(registry: Any) -> pl.DataFrame:
    """Every target with the day it took effect and the target that replaced it, if any."""
    from stkit.programmes.in_force import target_spans  # noqa: PLC0415 - where inputs are validated

    rows = [
        (s.programme, s.target.id, s.target.unit, s.target.indicator, s.target.comparator,
         float(s.target.value), s.target.value_high, int(s.target.year), s.target.text_vi,
         s.target.text_en, s.in_force_from, s.superseded_by, s.superseded_on)
        for s in target_spans(registry)
    ]  # fmt: skip
    return pl.DataFrame(rows, schema=SPAN_SCHEMA, orient="row")


def _agencies_frame(registry: Any) -> pl.DataFrame:
    rows = [(a.id, a.name_vi, a.name_en) for a in registry.agencies]
    return pl.DataFrame(
        rows, schema=dict.fromkeys(("id", "name_vi", "name_en"), pl.String), orient="row"
    )


def _documents_frame(registry: Any) -> pl.DataFrame:
    """Every document of every programme with its citation in both languages."""
    from stkit.programmes import citation  # noqa: PLC0415 - only where inputs are validated

    rows = [
        (p.id, d.id, None if d.title_supplied else d.title_vi,
         None if d.title_supplied else d.title_en, d.author,
         citation(registry, d, "vi"), citation(registry, d, "en"))
        for p in registry.programmes
        for d in p.documents
    ]  # fmt: skip
    columns = ("programme", "id", "title_vi", "title_en", "author", "citation_vi", "citation_en")
    return pl.DataFrame(rows, schema=dict.fromkeys(columns, pl.String), orient="row")


def _baselines_frame(registry: Any) -> pl.DataFrame:
    """Figures a programme states without a target, with their comparator ("more than 60")."""
    rows = [
        (b.unit, b.indicator, b.comparator, float(b.value), int(b.year))
        for p in registry.programmes
        for b in p.baselines
    ]
    schema = {"unit": pl.String, "indicator": pl.String, "comparator": pl.String,
              "value": pl.Float64, "year": pl.Int64}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row")


def _validate(folder: Path) -> ReportData:
    """Validate the inputs in `folder` and read the registry (imports pandera)."""
    from stkit._load import load  # noqa: PLC0415 - heavy; only where inputs are validated
    from stkit.programmes import task_status_frame  # noqa: PLC0415

    inputs = load(folder)
    registry = inputs.registry
    if registry is None:  # pragma: no cover - load() reads the registry of a data directory
        raise StkitError(
            f"{folder}: the programme registry could not be read. Fix: run `stkit validate`. / "
            f"{folder}: không đọc được sổ đăng ký chương trình. Cách sửa: chạy `stkit validate`."
        )
    status_en = task_status_frame(registry, lang="en").get_column("evidence")
    return ReportData(
        data_dir=folder,
        fingerprint=fingerprint(input_files(folder)),
        indicators=inputs.indicators,
        observations=inputs.observations,
        targets=inputs.targets,
        tasks=inputs.task_list,
        task_status=task_status_frame(registry).with_columns(status_en.alias("evidence_en")),
        programmes=_programmes_frame(registry),
        agencies=_agencies_frame(registry),
        documents=_documents_frame(registry),
        baselines=_baselines_frame(registry),
        units=inputs.units,
        crosswalk=inputs.crosswalk,
        requests=requests_frame(registry),
        milestones=milestones_frame(registry),
        spans=spans_frame(registry),
    )


@functools.lru_cache(maxsize=4)  # bounded: one entry per data folder state
def _validated(folder: Path, stamp: Stamp) -> ReportData:
    del stamp  # part of the cache key only
    return _validate(folder)


def validated_inputs(data_dir: Path | None) -> ReportData:
    """Validate the inputs (raises `ValidationFailed`); cached while the data files are unchanged."""
    folder = resolve_data_dir(data_dir).resolve()
    return _validated(folder, files_stamp(folder))


def with_shared(
    data: ReportData, *, years: Iterable[int], pii_units: Iterable[str] | None = None
) -> ReportData:
    """Add what every report of a run shares: every target assessed for `years`, the PII tables.

    `pii_units`: profile only these units' PII strengths (default: every unit).
    """
    from stkit.progress import assess, assessed_series  # noqa: PLC0415 - only where inputs are prepared

    chosen = sorted({int(year) for year in years})
    progress = {
        year: assess(
            data.targets, data.observations, data.indicators, year=year, crosswalk=data.crosswalk
        )
        if data.targets.height
        else pl.DataFrame()
        for year in chosen
    }
    series = {
        year: assessed_series(
            data.targets, data.observations, data.indicators, year=year, crosswalk=data.crosswalk
        )
        if data.targets.height
        else pl.DataFrame()
        for year in chosen
    }
    pii = pii_tables(data.data_dir, pii_units)
    return dataclasses.replace(
        data,
        progress={**data.progress, **progress},
        series={**data.series, **series},
        pii=pii,
    )


def _write(frame: pl.DataFrame, path: Path) -> None:
    frame.write_ipc(path, compression="uncompressed")


def write_inputs(data: ReportData, folder: Path) -> None:
    """Write `data` into `folder` as Arrow IPC files and a small JSON (meta.json last)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        _write(getattr(data, name), folder / f"{name}.arrow")
    for year, frame in data.progress.items():
        _write(frame, folder / f"progress_{year}.arrow")
    for year, frame in data.series.items():
        _write(frame, folder / f"series_{year}.arrow")
    if data.pii is not None:
        for name in _PII:
            _write(getattr(data.pii, name), folder / f"pii_{name}.arrow")
    meta = {
        "data_dir": str(data.data_dir),
        "fingerprint": data.fingerprint,
        "years": sorted(data.progress),
        "series_years": sorted(data.series),
        "pii_profiled": None if data.pii is None else list(data.pii.profiled),
    }
    (folder / _META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def _read(path: Path) -> pl.DataFrame:
    return pl.read_ipc(path.read_bytes())  # bytes: no mapping of a file removed after the run


@functools.lru_cache(maxsize=4)  # bounded: one entry per data folder state
def _read_inputs(folder: Path, stamp: Stamp) -> ReportData:
    del stamp  # part of the cache key only
    meta = json.loads((folder / _META).read_text(encoding="utf-8"))
    tables = {name: _read(folder / f"{name}.arrow") for name in TABLES}
    profiled = meta["pii_profiled"]
    pii = (
        None
        if profiled is None
        else PiiTables(
            **{name: _read(folder / f"pii_{name}.arrow") for name in _PII},
            profiled=tuple(profiled),
        )
    )
    return ReportData(
        data_dir=Path(meta["data_dir"]),
        fingerprint=str(meta["fingerprint"]),
        progress={int(y): _read(folder / f"progress_{y}.arrow") for y in meta["years"]},
        series={int(y): _read(folder / f"series_{y}.arrow") for y in meta["series_years"]},
        pii=pii,
        **tables,
    )


def read_inputs(folder: Path) -> ReportData:
    """Read what `write_inputs` wrote (cached while the files are unchanged)."""
    return _read_inputs(folder, files_stamp(folder))


_in_process: list[ReportData] = []


@contextlib.contextmanager
def shared_in_process(data: ReportData) -> Iterator[None]:
    """Let `report_data` return `data` (for its data folder) while the block runs.

    The in-process runner's counterpart of `write_inputs`: the same tables, not copied.
    """
    _in_process.append(data)
    try:
        yield
    finally:
        del _in_process[next(i for i, d in enumerate(_in_process) if d is data)]


def report_data(data_dir: Path | None) -> ReportData:
    """Return the report inputs: the run's shared inputs if they are for `data_dir`, else validate.

    Shared inputs are those of `shared_in_process`, then the files named by
    `STKIT_REPORT_INPUTS`. See the module docstring; every path is cached while the
    files are unchanged.
    """
    folder = resolve_data_dir(data_dir).resolve()
    for data in reversed(_in_process):
        if data.data_dir == folder:
            return data
    shared = os.environ.get(INPUTS_ENV)
    if shared and (Path(shared) / _META).is_file():
        data = read_inputs(Path(shared))
        if data.data_dir == folder:
            return data
    return validated_inputs(folder)
