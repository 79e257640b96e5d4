"""Run report notebooks with papermill: retries, parallel workers, failure isolation, atomic writes.

One notebook run per report. Each report is built in a staging folder next to
its target (`<out>/<unit>/.<year>.staging-*`, same file system) and moved into
place file by file with `os.replace`, so a reader always sees a whole file, and
a failed run never touches the previous good `report.html`: it writes
`report.failed.ipynb` (the partial notebook) and `report.error.html` beside it.

Workers are threads: each one only waits on its own kernel process, and the
kernels share the machine's cores, so each kernel gets
`POLARS_MAX_THREADS = cores // workers`. A kernel that fails to start (or dies
before answering) is retried; an error raised by a cell is not, since running
the same notebook on the same data fails the same way.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import nbformat
from jupyter_client.manager import AsyncKernelManager

from stkit.i18n import Lang
from stkit.reports.executed import (
    clean_notebook,
    generation_time,
    headline_of,
    write_notebook,
)
from stkit.reports.html import render_error_page, render_report
from stkit.reports.manifest import UnitRecord

REPORT_HTML = "report.html"
REPORT_NOTEBOOK = "report.ipynb"
HEADLINE = "headline.json"
FAILED_NOTEBOOK = "report.failed.ipynb"
ERROR_PAGE = "report.error.html"
KERNEL_NAME = "python3"


@dataclass(frozen=True)
class ReportJob:
    """One report to make: which notebook, with which parameters, into which folder."""

    unit: str
    year: int
    lang: Lang
    title: str
    notebook: Path
    target: Path
    data_dir: Path | None = None
    extra_parameters: Mapping[str, Any] = field(default_factory=dict)

    def parameters(self) -> dict[str, Any]:
        """Return the notebook parameters (`data_dir` stays None for the shipped data)."""
        base: dict[str, Any] = {
            "unit": self.unit,
            "year": self.year,
            "lang": self.lang,
            "data_dir": None if self.data_dir is None else str(self.data_dir),
        }
        return {**base, **self.extra_parameters}


@dataclass(frozen=True)
class RunOptions:
    """How notebooks are run; defaults suit a laptop and a CI runner."""

    retries: int = 2
    start_timeout: float = 60.0
    cell_timeout: float = 600.0
    polars_threads: int | None = None
    kernel_name: str = KERNEL_NAME


class CellError(Exception):
    """A cell of the report notebook raised an error (not retried)."""


def polars_threads_per_worker(workers: int, cores: int | None = None) -> int:
    """Split the machine's cores between workers: at least one thread each."""
    total = cores if cores is not None else (os.cpu_count() or 1)
    return max(1, total // max(1, workers))


def _kernel_manager_class(
    env: Mapping[str, str], log: IO[bytes], cwd: Path
) -> type[AsyncKernelManager]:
    """Return a kernel manager starting its kernel in `cwd`, with `env` added, output to `log`.

    papermill's own `cwd` option changes the whole process's folder, which is not
    safe with worker threads; the kernel's folder is set on its process instead.
    """

    class ReportKernelManager(AsyncKernelManager):
        async def start_kernel(self, **kw: Any) -> None:  # type: ignore[override]
            kw["env"] = {**os.environ, **kw.get("env", {}), **env}
            kw.setdefault("stdout", log)
            kw.setdefault("stderr", log)
            kw["cwd"] = str(cwd)
            await super().start_kernel(**kw)

    return ReportKernelManager


def _execute(
    notebook: Path,
    output: Path,
    parameters: dict[str, Any],
    *,
    cwd: Path,
    options: RunOptions,
    env: Mapping[str, str],
    log: IO[bytes],
) -> None:
    """Execute `notebook` into `output` with papermill; raise CellError when a cell fails."""
    import papermill  # noqa: PLC0415 - heavy; only when running
    from papermill.exceptions import PapermillExecutionError  # noqa: PLC0415

    try:
        papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            kernel_name=options.kernel_name,
            progress_bar=False,
            start_timeout=int(options.start_timeout),
            execution_timeout=int(options.cell_timeout),
            kernel_manager_class=_kernel_manager_class(env, log, cwd),
        )
    except PapermillExecutionError as error:
        raise CellError(f"{error.ename}: {error.evalue}") from error
    finally:
        _close_thread_loop()


def _close_thread_loop() -> None:
    """Close the event loop nbclient opened for this thread (one per worker thread otherwise leaks)."""
    from jupyter_core.utils import ensure_event_loop  # noqa: PLC0415 - with papermill

    loop = ensure_event_loop()
    if not loop.is_running():
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()


def _is_start_failure(error: BaseException) -> bool:
    """Return whether `error` looks like a kernel that failed to start or died before replying."""
    return isinstance(error, RuntimeError | TimeoutError | OSError) and not isinstance(
        error, CellError
    )


@contextlib.contextmanager
def _staging(target: Path) -> Iterator[Path]:
    """Yield a fresh folder next to `target` (same file system), removed afterwards."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _publish(stage: Path, target: Path, names: Sequence[str], *, remove: Sequence[str]) -> None:
    """Move `names` from `stage` into `target` one by one (each an atomic rename), then drop `remove`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        (stage / name).replace(target / name)
    for name in remove:
        (target / name).unlink(missing_ok=True)


def _read_notebook(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call,no-any-return]


def _tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    kept = [line for line in text.splitlines() if "without encryption" not in line]
    return "\n".join(kept[-lines:])


def run_report(
    job: ReportJob,
    options: RunOptions | None = None,
    *,
    generated_at: str | None = None,
) -> UnitRecord:
    """Make one report; never raises for a failing notebook, returns its record instead."""
    options = options or RunOptions()
    job = dataclasses.replace(job, notebook=job.notebook.resolve(), target=job.target.resolve())
    stamp = generated_at or generation_time()
    threads = options.polars_threads or polars_threads_per_worker(1)
    env = {"POLARS_MAX_THREADS": str(threads), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    started = time.perf_counter()
    attempts = 0
    with _staging(job.target) as stage:
        work = stage / "work"
        work.mkdir()
        raw = work / "executed.ipynb"
        log_path = work / "kernel.log"
        error: str | None = None
        while True:
            attempts += 1
            try:
                with log_path.open("ab") as log:
                    _execute(
                        job.notebook,
                        raw,
                        job.parameters(),
                        cwd=work,
                        options=options,
                        env=env,
                        log=log,
                    )
                error = None
                break
            except CellError as failure:
                error = str(failure)
                break
            except Exception as failure:  # noqa: BLE001 - any start-up failure is reported
                error = f"{type(failure).__name__}: {failure}"
                tail = _tail(log_path)
                if tail:
                    error += f"\n{tail}"
                if not _is_start_failure(failure) or attempts > options.retries:
                    break
                time.sleep(0.5 * attempts)
        executed = _read_notebook(raw) if raw.exists() else None
        if error is None and executed is not None:
            error = _finish(job, executed, stage, stamp)
        elif error is None:
            error = "the notebook produced no output"
        if error is not None:
            _fail(job, executed, stage, stamp, error)
    return UnitRecord(
        unit=job.unit,
        year=job.year,
        lang=job.lang,
        status="ok" if error is None else "failed",
        seconds=round(time.perf_counter() - started, 3),
        attempts=attempts,
        output=str(job.target),
        error=error,
    )


def _finish(job: ReportJob, executed: nbformat.NotebookNode, stage: Path, stamp: str) -> str | None:
    """Write the report files into `stage` and publish them; return an error text on failure."""
    try:
        cleaned = clean_notebook(executed, generated_at=stamp)
        headline = {"unit": job.unit, "year": job.year, "lang": job.lang, **headline_of(cleaned)}
        html = render_report(cleaned, title=job.title, lang=job.lang, generated_at=stamp)
        (stage / REPORT_NOTEBOOK).write_text(write_notebook(cleaned), encoding="utf-8")
        (stage / HEADLINE).write_text(
            json.dumps(headline, ensure_ascii=False, sort_keys=True, indent=2) + "\n",
            encoding="utf-8",
        )
        (stage / REPORT_HTML).write_text(html, encoding="utf-8")
    except Exception as failure:  # noqa: BLE001 - reported in the run's record
        return f"could not write the report: {type(failure).__name__}: {failure}"
    _publish(
        stage,
        job.target,
        (REPORT_NOTEBOOK, HEADLINE, REPORT_HTML),
        remove=(FAILED_NOTEBOOK, ERROR_PAGE),
    )
    return None


def _fail(
    job: ReportJob,
    executed: nbformat.NotebookNode | None,
    stage: Path,
    stamp: str,
    error: str,
) -> None:
    """Write the partial notebook and an error page beside the previous good report."""
    cleaned = clean_notebook(executed, generated_at=stamp) if executed is not None else None
    try:
        page = render_error_page(
            cleaned, title=job.title, lang=job.lang, error=error, generated_at=stamp
        )
    except Exception:  # noqa: BLE001 - fall back to a page without the notebook
        page = render_error_page(
            None, title=job.title, lang=job.lang, error=error, generated_at=stamp
        )
    names = [ERROR_PAGE]
    (stage / ERROR_PAGE).write_text(page, encoding="utf-8")
    if cleaned is not None:
        (stage / FAILED_NOTEBOOK).write_text(write_notebook(cleaned), encoding="utf-8")
        names.append(FAILED_NOTEBOOK)
    _publish(stage, job.target, names, remove=())


def run_reports(
    jobs: Sequence[ReportJob],
    *,
    workers: int = 2,
    options: RunOptions | None = None,
    on_done: Callable[[UnitRecord], None] | None = None,
) -> list[UnitRecord]:
    """Make many reports with `workers` kernels at a time; one failure does not stop the others."""
    workers = max(1, min(workers, len(jobs) or 1))
    base = options or RunOptions()
    shared = RunOptions(
        retries=base.retries,
        start_timeout=base.start_timeout,
        cell_timeout=base.cell_timeout,
        polars_threads=base.polars_threads or polars_threads_per_worker(workers),
        kernel_name=base.kernel_name,
    )
    stamp = generation_time()
    records: list[UnitRecord] = []
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="stkit-report") as pool:
        futures = [pool.submit(run_report, job, shared, generated_at=stamp) for job in jobs]
        for future in as_completed(futures):
            record = future.result()
            records.append(record)
            if on_done is not None:
                on_done(record)
    return sorted(records, key=lambda r: (r.unit, r.year))


def write_json_atomic(path: Path, payload: Mapping[str, Any]) -> None:
    """Write JSON to `path` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(payload, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    Path(tmp).replace(path)


__all__ = [
    "ERROR_PAGE",
    "FAILED_NOTEBOOK",
    "HEADLINE",
    "REPORT_HTML",
    "REPORT_NOTEBOOK",
    "ReportJob",
    "RunOptions",
    "polars_threads_per_worker",
    "run_report",
    "run_reports",
    "write_json_atomic",
]
