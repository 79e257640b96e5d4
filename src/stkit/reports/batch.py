"""Make reports end to end: check the unit, validate inputs, run, write the run's manifest.

Kernels start as soon as the unit is checked, so they load the report modules while
this process validates the inputs and computes what every report shares
(`stkit.reports.inputs`); no notebook runs before validation has passed. The
manifest goes to `<out>/manifest.json` (the latest run) and a copy to
`<out>/runs/<UTC time>.json` (`-2`, `-3`... when runs start in the same second), so a
scheduler keeps a history of every run. While a run goes on, `manifest.json` says
`"status": "incomplete"`; a finished run's says `"complete"`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from stkit._atomic import write_json_atomic
from stkit.datadir import resolve_data_dir
from stkit.errors import StkitError
from stkit.i18n import Lang
from stkit.reports.executed import generation_time
from stkit.reports.inputs import (
    INPUTS_ENV,
    shared_in_process,
    validated_inputs,
    with_shared,
    write_inputs,
)
from stkit.reports.jobs import all_jobs, city_job, current_units, default_year, latest_period
from stkit.reports.jobs import report_unit as _report_unit
from stkit.reports.manifest import UnitRecord, incomplete_manifest, manifest
from stkit.reports.runner import (
    KernelPool,
    ReportJob,
    RunOptions,
    polars_threads_per_worker,
    private_folder,
    refuse_symlinks,
    write_run_record,
)

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class RunResult:
    """What a run did: one record per report, and where its manifest is."""

    records: list[UnitRecord]
    manifest_path: Path


def validated_observations(data_dir: Path | None) -> pl.DataFrame:
    """Validate every input table (raising one error listing all problems); return observations."""
    return validated_inputs(data_dir).observations


@contextlib.contextmanager
def _shared_folder() -> Iterator[Path]:
    """A private temporary folder for the inputs shared with the run's kernels.

    Named with this process's id, so that the next run sweeps it if this one is killed
    (`stkit.reports.runner.sweep_temporary`); removed on every other exit, SIGTERM
    included (`_terminate_as_exit`).
    """
    folder = private_folder("stkit-inputs-")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """Turn SIGTERM into `SystemExit` while a run goes on, so its clean-up code runs.

    Only from the main thread and only when no other handler was installed.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous is not signal.SIG_DFL:
        yield
        return

    received: list[int] = []

    def stop(signum: int, _frame: object) -> None:
        received.append(signum)
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        if received:
            # the run's own clean-up has run (the contexts inside this one); end now rather
            # than finalise the interpreter while native worker threads (chart and PDF
            # renderers) may still hold state, which can abort the process (SIGABRT)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(128 + received[0])


def _begin_run(out: Path, started_at: str) -> None:
    """Mark `out/manifest.json` as describing a run not yet finished."""
    refuse_symlinks(out / MANIFEST, within=0)
    write_json_atomic(out / MANIFEST, incomplete_manifest(started_at=started_at))


def report_one(
    unit: str,
    *,
    year: int | None = None,
    lang: Lang = "vi",
    out: Path = Path("reports"),
    data_dir: Path | None = None,
    options: RunOptions | None = None,
) -> RunResult:
    """Make one unit's report into `out/<slug>/<year>/<lang>/`; the unit is checked before anything runs.

    A relative `data_dir` is resolved against the current folder first (kernels run elsewhere).
    The notebook runs in this process unless `options.engine` says "kernel"
    (`RunOptions.engine`; docs/reports.md, Speed).
    """
    data_dir = _absolute(data_dir)
    chosen = _report_unit(unit, data_dir)
    run_options = (options or RunOptions(polars_threads=polars_threads_per_worker(1))).resolved(
        one_report=True
    )
    in_process = run_options.engine == "inprocess"
    started_at, started = generation_time(), time.perf_counter()
    with (
        _terminate_as_exit(),
        _shared_folder() as shared,
        KernelPool(1, run_options, env={INPUTS_ENV: str(shared)}) as pool,
    ):
        data = validated_inputs(data_dir)
        if year is None:
            year = default_year(chosen, data.observations, data.crosswalk)
        data = with_shared(data, years=[year], pii_units=[chosen.slug])
        if not in_process:
            write_inputs(data, shared)
        job = city_job(chosen, year, lang, out, data_dir)
        _begin_run(out, started_at)
        with shared_in_process(data) if in_process else contextlib.nullcontext():
            records = pool.run([job], generated_at=started_at)
    path = _write_manifest(out, data_dir, [job], records, started_at, started, 1, run_options)
    return RunResult(records=records, manifest_path=path)


def _absolute(data_dir: Path | None) -> Path | None:
    return None if data_dir is None else resolve_data_dir(data_dir)


def plan_all(*, year: int | None, lang: Lang, out: Path, data_dir: Path | None) -> list[ReportJob]:
    """Return the jobs of `--all`: every unit in force, then the overview, for one year."""
    data_dir = _absolute(data_dir)
    observations = validated_observations(data_dir)
    if year is None:
        year = latest_period(observations)
        if year is None:
            raise StkitError(
                "The observations table has no values, so there is no default report year. "
                "Fix: pass --year."
            )
    return all_jobs(current_units(data_dir), year, lang, out, data_dir)


def report_all(
    jobs: Sequence[ReportJob],
    *,
    out: Path,
    data_dir: Path | None,
    workers: int,
    options: RunOptions | None = None,
    on_done: Callable[[UnitRecord], None] | None = None,
) -> RunResult:
    """Run `jobs` on `workers` warm kernels and write the run's manifest.

    `options.engine` "inprocess" runs them one after another in this process (one worker).
    """
    data_dir = _absolute(data_dir)
    workers = max(1, min(workers, len(jobs) or 1))
    run_options = (
        options or RunOptions(polars_threads=polars_threads_per_worker(workers))
    ).resolved(one_report=False)
    in_process = run_options.engine == "inprocess"
    if in_process:
        workers = 1
    started_at, started = generation_time(), time.perf_counter()
    with (
        _terminate_as_exit(),
        _shared_folder() as shared,
        KernelPool(workers, run_options, env={INPUTS_ENV: str(shared)}) as pool,
    ):
        data = validated_inputs(data_dir)  # validated by plan_all: cached
        _begin_run(out, started_at)
        data = with_shared(data, years={job.year for job in jobs})
        if not in_process:
            write_inputs(data, shared)
        with shared_in_process(data) if in_process else contextlib.nullcontext():
            records = pool.run(jobs, generated_at=started_at, on_done=on_done)
    path = _write_manifest(out, data_dir, jobs, records, started_at, started, workers, run_options)
    return RunResult(records=records, manifest_path=path)


def _write_manifest(
    out: Path,
    data_dir: Path | None,
    jobs: Sequence[ReportJob],
    records: Sequence[UnitRecord],
    started_at: str,
    started: float,
    workers: int,
    options: RunOptions,
) -> Path:
    payload = manifest(
        started_at=started_at,
        finished_at=generation_time(),
        seconds=time.perf_counter() - started,
        data_dir=resolve_data_dir(data_dir),
        notebooks=sorted({job.notebook for job in jobs}),
        workers=workers,
        polars_threads=options.polars_threads or polars_threads_per_worker(workers),
        records=records,
    )
    path = out / MANIFEST
    refuse_symlinks(out / "runs", within=0)
    stamp = started_at.replace(":", "").replace("+0000", "Z")
    # the run's record first (never overwriting another run's), then the latest manifest
    write_run_record(out / "runs" / f"{stamp}.json", payload)
    write_json_atomic(path, payload)
    return path
