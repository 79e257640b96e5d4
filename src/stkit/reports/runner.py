"""Run report notebooks on warm kernels: retries, parallel workers, failure isolation, atomic writes.

`KernelPool` starts `workers` kernels at once (each preloads the report modules
while the caller validates the inputs) and hands reports to whichever is free; a
kernel serves report after report, reset in between (`stkit.reports.kernel`), so
kernel start-up and imports are paid once per worker, not once per report.
Workers are threads: each waits on its own kernel process and then writes that
report's files (drawing its charts with vl-convert, which runs outside the GIL);
the kernels share the machine's cores, so each gets `POLARS_MAX_THREADS =
cores // workers`.

Each report is built in a staging folder next to its target
(`<out>/<unit>/.<year>.staging-*`, same file system) and moved into place file by
file with `os.replace`, so a reader always sees a whole file, and a failed run
never touches the previous good `report.html`: it writes `report.failed.ipynb`
(the partial notebook) and `report.error.html` beside it. A kernel that fails to
start or dies is restarted and the report retried; a cell that raises is not
retried (the same notebook on the same data fails the same way); a cell that
times out fails its report and its kernel is restarted for the next one.

With `RunOptions(engine="inprocess")` (what `report_one` uses by default) the pool
has one worker and no kernel: the notebook runs in this process
(`stkit.reports.inprocess`), with the same files, failures and records.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import os
import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

import nbformat

from stkit._atomic import current_umask
from stkit.i18n import Lang
from stkit.reports.executed import (
    clean_notebook,
    generation_time,
    headline_of,
    write_notebook,
)
from stkit.reports.html import render_error_page, render_report
from stkit.reports.inprocess import InProcessSession
from stkit.reports.kernel import (
    PRELOAD,
    CellError,
    CellTimeout,
    KernelFailure,
    KernelSession,
    parameterised,
)
from stkit.reports.labels import shown_time
from stkit.reports.manifest import UnitRecord
from stkit.reports.pdf_processes import PdfPrinter, PdfProcesses, print_here
from stkit.reports.svg import warm_up

REPORT_HTML = "report.html"
REPORT_PDF = "report.pdf"
REPORT_DOCX = "report.docx"
FORMATS = ("html", "pdf", "docx")
"""The formats a report is written in, by default all: HTML page, A4 PDF, Word draft."""
REPORT_NOTEBOOK = "report.ipynb"
HEADLINE = "headline.json"
FAILED_NOTEBOOK = "report.failed.ipynb"
ERROR_PAGE = "report.error.html"
KERNEL_NAME = "python3"
STOP_WAIT = 5.0
WAIT_STEP = 0.25
"""Seconds between two looks at the finished reports (see `KernelPool._next_done`)."""
Engine = Literal["auto", "kernel", "inprocess"]
ENGINES: tuple[Engine, ...] = ("auto", "kernel", "inprocess")
"""Seconds a stopped run waits for its workers before leaving (their kernels then exit)."""


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
    preload: tuple[str, ...] = PRELOAD
    formats: tuple[str, ...] = FORMATS
    pdf_processes: int | None = None
    """Processes printing PDFs beside the kernels: None or 0 = in each report's worker
    thread (Typst prints a report in about 0.2 s; with one worker and None, in a thread
    beside it while it builds the Word draft), n = n spawned processes."""
    engine: Engine = "auto"
    """Where notebooks run: "kernel" (warm Jupyter kernels: isolation, parallel workers, a
    timeout that stops any cell), "inprocess" (this process, `stkit.reports.inprocess`:
    no kernel start), "auto" = "inprocess" for one report (`report_one`, `stkit report
    <unit>`) and "kernel" for every other run."""

    def resolved(self, *, one_report: bool) -> RunOptions:
        """These options with "auto" replaced by the engine it stands for."""
        if self.engine != "auto":
            return self
        return dataclasses.replace(self, engine="inprocess" if one_report else "kernel")


def polars_threads_per_worker(workers: int, cores: int | None = None) -> int:
    """Split the machine's cores between workers: at least one thread each."""
    total = cores if cores is not None else (os.cpu_count() or 1)
    return max(1, total // max(1, workers))


class OutputRefused(Exception):
    """The output folder cannot be written safely (a symbolic link inside it)."""


def refuse_symlinks(path: Path, *, within: int = 1) -> None:
    """Raise `OutputRefused` if `path` or one of its `within` parents is a symbolic link.

    Reports are written inside the output folder only: a link there (planted or left
    over) would send them, or the run records, somewhere else.
    """
    for candidate in [path, *list(path.parents)[:within]]:
        if candidate.is_symlink():
            raise OutputRefused(
                f"{candidate} is a symbolic link; reports are written only into real folders "
                "inside the output folder. Remove the link or choose another --out."
            )


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _owner_pid(name: str, marker: str) -> int | None:
    """The process id a temporary folder was named with (`<marker><pid>-<random>`)."""
    rest = name.split(marker, 1)[1] if marker in name else ""
    digits = rest.split("-", 1)[0]
    return int(digits) if digits.isdigit() else None


def sweep_leftovers(folder: Path, pattern: str, marker: str) -> list[Path]:
    """Remove folders matching `pattern` in `folder` whose owning process has ended.

    Temporary folders carry their process id in their name, so a run killed (SIGKILL,
    power loss) leaves folders the next run removes, without touching those of a run
    still going on beside it. Returns the folders removed.
    """
    removed = []
    with contextlib.suppress(OSError):
        for path in folder.glob(pattern):
            pid = _owner_pid(path.name, marker)
            if pid is None or _pid_alive(pid) or path.is_symlink() or not path.is_dir():
                continue
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def sweep_temporary() -> list[Path]:
    """Sweep the system temporary folder of stkit folders left by ended processes."""
    root = Path(tempfile.gettempdir())
    return [
        *sweep_leftovers(root, "stkit-kernel-*", "stkit-kernel-"),
        *sweep_leftovers(root, "stkit-inputs-*", "stkit-inputs-"),
    ]


def private_folder(prefix: str, parent: Path | None = None) -> Path:
    """A new folder named `<prefix><pid>-<random>` (so a later run can sweep it if we die)."""
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))


@contextlib.contextmanager
def _staging(target: Path) -> Iterator[Path]:
    """Yield a fresh folder next to `target` (same file system), removed afterwards.

    Staging folders of ended runs beside `target` are swept first.
    """
    refuse_symlinks(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    marker = f".{target.name}.staging-"
    sweep_leftovers(target.parent, f"{marker}*", marker)
    stage = private_folder(marker, target.parent)
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


def _tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    kept = [line for line in text.splitlines() if "without encryption" not in line]
    return "\n".join(kept[-lines:])


def _make_report(
    job: ReportJob,
    session: KernelSession | InProcessSession,
    loop: asyncio.AbstractEventLoop,
    options: RunOptions,
    stamp: str,
    log_path: Path,
    printer: PdfPrinter = print_here,
) -> UnitRecord:
    """Make one report on `session`; never raises for a failing notebook, returns its record."""
    refuse_symlinks(job.target)
    job = dataclasses.replace(job, notebook=job.notebook.resolve(), target=job.target.resolve())
    started = time.perf_counter()
    attempts = 0
    with _staging(job.target) as stage:
        error: str | None = None
        while True:
            attempts += 1
            executed: nbformat.NotebookNode | None = None
            try:
                nb = parameterised(job.notebook, job.parameters())
            except (OSError, ValueError) as failure:  # missing or unreadable notebook
                error = f"could not read the notebook {str(job.notebook)!r}: {failure}"
                break
            try:
                if not session.alive:
                    loop.run_until_complete(session.start())
                loop.run_until_complete(session.reset())
                executed = nb
                loop.run_until_complete(session.run(nb, cell_timeout=options.cell_timeout))
                error = None
                break
            except (CellError, CellTimeout) as failure:
                error = str(failure)
                break
            except KernelFailure as failure:
                error = str(failure)
                tail = _tail(log_path)
                if tail:
                    error += f"\n{tail}"
                if attempts > options.retries:
                    break
                time.sleep(0.5 * attempts)
        if error is None and executed is not None:
            error = _finish(job, executed, stage, stamp, options.formats, printer)
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


class KernelPool:
    """`workers` warm kernels, each driven by its own thread; reports go to the next free one.

    Use as a context manager: kernels start on entry (so the caller can validate
    inputs meanwhile) and stop on exit. `env` is added to every kernel's environment.
    """

    def __init__(
        self,
        workers: int = 1,
        options: RunOptions | None = None,
        *,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.workers = max(1, workers)
        base = options or RunOptions()
        threads = base.polars_threads or polars_threads_per_worker(self.workers)
        self.options = dataclasses.replace(base, polars_threads=threads)
        self.env = {
            "POLARS_MAX_THREADS": str(threads),
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            **(env or {}),
        }
        self.in_process = self.options.engine == "inprocess"
        if self.in_process and self.workers > 1:
            raise ValueError("the in-process engine runs one notebook at a time: use one worker")
        self._sessions: list[KernelSession | InProcessSession] = []
        self._jobs: queue.Queue[tuple[ReportJob, str] | None] = queue.Queue()
        self._done: queue.Queue[UnitRecord] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._warming: threading.Thread | None = None
        self._pdf: PdfProcesses | None = None
        self._pdf_thread: _Beside | None = None

    def __enter__(self) -> Self:
        sweep_temporary()
        if "pdf" in self.options.formats and (count := self._pdf_processes()) > 0:
            # started first: each spawned process imports the PDF printer while kernels start
            self._pdf = PdfProcesses(count).__enter__()
        elif (
            "pdf" in self.options.formats
            and self.options.pdf_processes is None
            and self.workers == 1
        ):
            # one worker: its PDF printed in a thread beside it, while it builds the Word draft
            self._pdf_thread = _pdf_thread()
        self._threads = [
            threading.Thread(target=self._serve, name=f"stkit-report-{i}", daemon=True)
            for i in range(self.workers)
        ]
        for thread in self._threads:
            thread.start()
        return self

    def _pdf_processes(self) -> int:
        """PDF processes for this run: as asked, else none.

        Typst prints a report in about 0.2 s, less than starting a process to print it
        (a new interpreter and its imports), so by default each PDF is printed in its
        report's thread (docs/reports.md, Speed).
        """
        return max(0, self.options.pdf_processes or 0)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for _ in range(self.workers):
            self._jobs.put(None)
        # stopped (SIGTERM, Ctrl-C): do not wait for a long cell; what a worker leaves
        # behind carries this process's id and is swept by the next run
        stopping = kind is not None and issubclass(kind, SystemExit | KeyboardInterrupt)
        if stopping and self._pdf is not None:
            self._pdf.stop()
        if stopping:
            for session in self._sessions:
                if isinstance(session, InProcessSession):
                    session.stop()  # a kernel gets Ctrl-C itself, or ends with this process
        for thread in self._threads:
            thread.join(timeout=STOP_WAIT if stopping else None)
        if self._pdf is not None:
            self._pdf.__exit__(kind, error, trace)

    def run(
        self,
        jobs: Sequence[ReportJob],
        *,
        generated_at: str | None = None,
        on_done: Callable[[UnitRecord], None] | None = None,
    ) -> list[UnitRecord]:
        """Make every report of `jobs`; one failure does not stop the others. Sorted by unit, year."""
        stamp = generated_at or generation_time()
        if not self._warming:
            # vl-convert's first chart holds the GIL for about 1 s: start it once the caller
            # has done its own work and only waits, while the kernels run notebooks.
            beside = self._pdf is not None or self._pdf_thread is not None
            if self._pdf_thread is not None:  # its fonts then made in the thread that prints
                self._pdf_thread.submit(_warm_up_pdf)
            self._warming = threading.Thread(
                target=_warm_up,
                args=(("html",) if beside else self.options.formats,),
                name="stkit-warm-up",
                daemon=True,  # a stopped run does not wait for the warm-up to end
            )
            self._threads.append(self._warming)
            self._warming.start()
        for job in jobs:
            self._jobs.put((job, stamp))
        records: list[UnitRecord] = []
        for _ in jobs:
            record = self._next_done()
            records.append(record)
            if on_done is not None:
                on_done(record)
        return sorted(records, key=lambda r: (r.unit, r.year))

    def _next_done(self) -> UnitRecord:
        """The next finished report's record; waits in short steps so that a signal
        (Ctrl-C, SIGTERM) is acted on at once even when another thread received it."""
        while True:
            with contextlib.suppress(queue.Empty):
                return self._done.get(timeout=WAIT_STEP)

    def _serve(self) -> None:
        """A worker: start a kernel at once, then make the reports it is handed until told to stop."""
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        home = private_folder("stkit-kernel-")
        log_path = home / "kernel.log"
        try:
            with log_path.open("ab") as log:
                session: KernelSession | InProcessSession = (
                    InProcessSession(cwd=home, env=self.env)
                    if self.in_process
                    else KernelSession(
                        kernel_name=self.options.kernel_name,
                        env=self.env,
                        cwd=home,
                        log=log,
                        start_timeout=self.options.start_timeout,
                        preload=self.options.preload,
                    )
                )
                self._sessions.append(session)
                with contextlib.suppress(KernelFailure):  # the first report will retry
                    loop.run_until_complete(session.start())
                try:
                    while (item := self._jobs.get()) is not None:
                        self._done.put(self._one(item[0], session, loop, item[1], log_path))
                finally:
                    loop.run_until_complete(session.shutdown())
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()
            asyncio.set_event_loop(None)
            shutil.rmtree(home, ignore_errors=True)

    def _print_beside(self, html: str) -> Callable[[], bytes]:
        """A `PdfPrinter` printing in the pool's PDF thread (see `__enter__`)."""
        beside = self._pdf_thread
        return print_here(html) if beside is None else beside.submit(print_here(html)).result

    def _one(
        self,
        job: ReportJob,
        session: KernelSession | InProcessSession,
        loop: asyncio.AbstractEventLoop,
        stamp: str,
        log_path: Path,
    ) -> UnitRecord:
        try:
            printer = (
                self._pdf.submit
                if self._pdf is not None
                else self._print_beside
                if self._pdf_thread is not None
                else print_here
            )
            return _make_report(job, session, loop, self.options, stamp, log_path, printer)
        except Exception as failure:  # noqa: BLE001 - a record, never a hung run
            reason = str(failure) if isinstance(failure, OutputRefused) else None
            return UnitRecord(
                unit=job.unit,
                year=job.year,
                lang=job.lang,
                status="failed",
                seconds=0.0,
                attempts=1,
                output=str(job.target),
                error=reason or f"{type(failure).__name__}: {failure}",
            )


def _warm_up(formats: Sequence[str]) -> None:
    """Start the chart converter, and the PDF printer when PDFs are made (off the critical path)."""
    warm_up()
    if "pdf" in formats:
        _warm_up_pdf()


_pdf_warmed = threading.Event()
_pdf_beside: list[_Beside] = []
_pdf_beside_lock = threading.Lock()


def _pdf_thread() -> _Beside:
    """This process's thread printing PDFs beside a single worker (made on first use, kept:
    the printer's compiler and fonts are made once per thread)."""
    with _pdf_beside_lock:
        if not _pdf_beside:
            _pdf_beside.append(_Beside("stkit-pdf"))
        return _pdf_beside[0]


def _warm_up_pdf() -> None:
    """Import the PDF printer and print a line, once per process (a later run needs no more)."""
    if _pdf_warmed.is_set():
        return
    from stkit.reports.pdf import warm_up as warm_up_pdf  # noqa: PLC0415 - PDF only

    with contextlib.suppress(Exception):  # a broken install is reported with the report
        warm_up_pdf()
        _pdf_warmed.set()


class _Beside:
    """One daemon thread running what it is given, in order (a stopped run does not wait)."""

    def __init__(self, name: str) -> None:
        self._work: queue.Queue[tuple[Callable[[], Any], Future[Any]] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._serve, name=name, daemon=True)
        self._thread.start()

    def submit(self, action: Callable[[], Any]) -> Future[Any]:
        """Run `action` after what was given before; its future holds the result or error."""
        future: Future[Any] = Future()
        self._work.put((action, future))
        return future

    def _serve(self) -> None:
        while (item := self._work.get()) is not None:
            action, future = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(action())
            except BaseException as error:  # noqa: BLE001 - handed to whoever waits
                future.set_exception(error)


def run_report(
    job: ReportJob,
    options: RunOptions | None = None,
    *,
    generated_at: str | None = None,
    env: Mapping[str, str] | None = None,
) -> UnitRecord:
    """Make one report on a kernel of its own (or in this process: `options.engine`);
    never raises for a failing notebook."""
    with KernelPool(
        1, options or RunOptions(polars_threads=polars_threads_per_worker(1)), env=env
    ) as pool:
        return pool.run([job], generated_at=generated_at)[0]


def _finish(
    job: ReportJob,
    executed: nbformat.NotebookNode,
    stage: Path,
    stamp: str,
    formats: Sequence[str] = FORMATS,
    printer: PdfPrinter = print_here,
) -> str | None:
    """Write the report files into `stage` and publish them; return an error text on failure."""
    names = [REPORT_NOTEBOOK, HEADLINE]
    try:
        cleaned = clean_notebook(executed, generated_at=stamp)
        headline = {"unit": job.unit, "year": job.year, "lang": job.lang, **headline_of(cleaned)}
        shown = shown_time(stamp, job.lang)  # the page shows Vietnam time, dd/mm/yyyy
        html = render_report(cleaned, title=job.title, lang=job.lang, generated_at=shown)
        (stage / REPORT_NOTEBOOK).write_text(write_notebook(cleaned), encoding="utf-8")
        (stage / HEADLINE).write_text(
            json.dumps(headline, ensure_ascii=False, sort_keys=True, indent=2) + "\n",
            encoding="utf-8",
        )
        names.extend(_write_formats(html, stage, formats, printer, stamp))
    except Exception as failure:  # noqa: BLE001 - reported in the run's record
        return f"could not write the report: {type(failure).__name__}: {failure}"
    _publish(stage, job.target, names, remove=(FAILED_NOTEBOOK, ERROR_PAGE))
    return None


def _write_formats(
    html: str,
    stage: Path,
    formats: Sequence[str],
    printer: PdfPrinter = print_here,
    stamp: str | None = None,
) -> list[str]:
    """Write the report page in each chosen format into `stage`; return the files' names.

    The PDF is started first (`printer`: in a PDF process when the run has them) and
    waited for last, so the Word draft is built in this thread meanwhile.
    """
    printing = printer(html) if "pdf" in formats else None
    names: list[str] = []
    if "html" in formats:
        (stage / REPORT_HTML).write_text(html, encoding="utf-8")
        names.append(REPORT_HTML)
    if "docx" in formats:
        from stkit.reports.docx import docx_of  # noqa: PLC0415 - python-docx, Word only

        (stage / REPORT_DOCX).write_bytes(docx_of(html, generated_at=stamp))
        names.append(REPORT_DOCX)
    if printing is not None:
        (stage / REPORT_PDF).write_bytes(printing())
        names.append(REPORT_PDF)
    return names


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
            cleaned,
            title=job.title,
            lang=job.lang,
            error=error,
            generated_at=shown_time(stamp, job.lang),
        )
    except Exception:  # noqa: BLE001 - fall back to a page without the notebook
        page = render_error_page(
            None,
            title=job.title,
            lang=job.lang,
            error=error,
            generated_at=shown_time(stamp, job.lang),
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
    env: Mapping[str, str] | None = None,
) -> list[UnitRecord]:
    """Make many reports on `workers` warm kernels; one failure does not stop the others."""
    workers = max(1, min(workers, len(jobs) or 1))
    with KernelPool(workers, options, env=env) as pool:
        return pool.run(jobs, on_done=on_done)


def write_run_record(path: Path, payload: Mapping[str, Any]) -> Path:
    """Write JSON to `path` without ever replacing a file there: a run's own record.

    Runs started in the same second (concurrent schedulers) each keep their record:
    when `path` exists, `name-2.json`, `name-3.json`... is taken instead. The file is
    written in full beside its target, then linked in one step (an existing name is
    never overwritten), with the mode a plain `open` gives (0666 less the umask); the
    temporary file is removed on every path, a full disk included. Returns the path.
    """
    refuse_symlinks(path.parent, within=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), 0o666 & ~current_umask())
            json.dump(payload, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
        for number in range(1, 10_000):
            chosen = path if number == 1 else path.with_name(f"{path.stem}-{number}{path.suffix}")
            try:
                os.link(tmp, chosen)
            except FileExistsError:
                continue
            return chosen
        raise FileExistsError(path)
    finally:
        Path(tmp).unlink(missing_ok=True)


__all__ = [
    "ERROR_PAGE",
    "FAILED_NOTEBOOK",
    "FORMATS",
    "HEADLINE",
    "REPORT_DOCX",
    "REPORT_HTML",
    "REPORT_NOTEBOOK",
    "REPORT_PDF",
    "Engine",
    "KernelPool",
    "OutputRefused",
    "ReportJob",
    "RunOptions",
    "polars_threads_per_worker",
    "refuse_symlinks",
    "run_report",
    "run_reports",
    "sweep_temporary",
    "write_run_record",
]
