"""Print PDFs in processes of their own, beside the report threads — only when asked.

Typst prints a report in about 0.2 s, less than a spawned interpreter takes to
start, so a run prints each PDF in its report's thread (`print_here`) unless
`RunOptions(pdf_processes=n)` asks for processes (docs/reports.md, Speed).
`PdfProcesses` keeps `processes` spawned interpreters (not forked: the parent has
threads and kernels' sockets open), each loading the printer as soon as it starts.
A worker thread hands the page over and waits for the bytes; the file is still
written by the thread into its staging folder, so what is published, and when, does
not change. A process that dies (killed, out of memory) makes the pool useless:
that PDF, and every later one, is printed in the calling thread instead.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Self

from stkit.reports.pdf import pdf_of, warm_up

PdfWaiter = Callable[[], bytes]
"""Returns the PDF's bytes once printed (raises what printing raised)."""
PdfPrinter = Callable[[str], PdfWaiter]
"""Takes a report page and starts printing it; returns how to wait for the bytes."""


def print_here(html: str) -> PdfWaiter:
    """A `PdfPrinter` that prints in the calling thread, when its bytes are asked for."""
    return lambda: pdf_of(html)


def _start_process() -> None:
    """Run first in each PDF process: the printer imported and its fonts loaded."""
    with contextlib.suppress(Exception):  # a broken install is reported with the report
        warm_up()


class PdfProcesses:
    """`processes` warm PDF printers in spawned processes; `submit(html)` starts one PDF.

    Use as a context manager. On a normal exit the processes finish what they were
    given; `stop()` (a run stopped by SIGTERM or Ctrl-C) cancels what waits and ends
    the processes at once.
    """

    def __init__(self, processes: int) -> None:
        self.processes = max(1, processes)
        self._executor: ProcessPoolExecutor | None = None
        self._broken = False
        self._stopped = False
        self._lock = threading.Lock()

    def __enter__(self) -> Self:
        self._executor = ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_process,
        )
        # processes start on demand: one no-op task each starts them all now
        for _ in range(self.processes):
            self._executor.submit(int)
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None

    def stop(self) -> None:
        """Cancel waiting PDFs and end the processes now (the run is being stopped)."""
        self._stopped = True
        executor, self._executor = self._executor, None
        if executor is None:
            return
        processes = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(Exception):
                process.terminate()

    def submit(self, html: str) -> PdfWaiter:
        """Start printing `html` in a PDF process (in this thread if the processes are gone)."""
        with self._lock:
            executor = None if self._broken else self._executor
        if executor is None:
            return print_here(html)
        try:
            future = executor.submit(pdf_of, html)
        except (BrokenProcessPool, RuntimeError):  # broken, or shut down by a stop
            self._mark_broken()
            return print_here(html)
        return lambda: self._wait(future, html)

    def _wait(self, future: Future[bytes], html: str) -> bytes:
        try:
            return future.result()
        except BrokenProcessPool:  # a process died: print this one here, and the next ones
            if self._stopped:  # ended by `stop()`: the run is leaving
                raise
            self._mark_broken()
            return pdf_of(html)

    def _mark_broken(self) -> None:
        with self._lock:
            self._broken = True


__all__ = ["PdfPrinter", "PdfProcesses", "PdfWaiter", "print_here"]
