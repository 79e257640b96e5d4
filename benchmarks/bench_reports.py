"""Report speed: one city report and all units, as ratios to papermill running a trivial notebook.

Baseline (issue 6): papermill runs a trivial three-cell notebook on a fresh kernel
(best of 3), so kernel start-up is the unit of time and machine speed cancels out.
Figures, each measured in this same process and run:

- one city report (hai-phong): `report_one` end to end — unit check, input
  validation, kernel start, notebook, HTML with SVG charts, A4 PDF, Word draft,
  manifest (best of 2, interleaved, after one untimed run of each that warms this
  process's imports, chart converter and PDF printer), "before" with the PDF printed in
  the report's worker thread and "now" with the run's default (since the PDF is
  typeset by Typst, also in the thread: docs/reports.md, Speed); the same with HTML only, and
  the PDF and the Word draft on the finished page (wall and CPU seconds);
- all units in both languages: `plan_all` + `report_all` (34 units and the overview,
  vi and en: 70 reports on `workers` warm kernels), before and now, with the CPU
  seconds used by this process and its children (kernels, PDF processes) — a figure
  the machine's other load does not change;
- the one city report with its notebook on a kernel (`RunOptions(engine="kernel")`,
  how every report ran before the in-process engine), interleaved with the others;
- `stkit report hai-phong` as a new process (Python start, imports and every
  first-call cost included: what a planner waits for), also with `STKIT_BENCH_ONE`;
- for information: the trivial notebook on stkit's runner.

Goals (issues 6 and 12): one city report in all three formats ≤ 3 × trivial; all units
in both languages ≤ 1.5 × (70 × trivial ÷ workers). `STKIT_BENCH_ONE=1` measures the one
city report only.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import nbformat

from stkit.reports.batch import plan_all, report_all, report_one
from stkit.reports.docx import docx_of
from stkit.reports.pdf import pdf_of
from stkit.reports.runner import (
    FORMATS,
    REPORT_HTML,
    Engine,
    ReportJob,
    RunOptions,
    polars_threads_per_worker,
    run_report,
)

UNIT = "hai-phong"
YEAR = 2025
LANGS = ("vi", "en")


def _trivial_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_code_cell('unit = "x"\nyear = 2025\nlang = "vi"\ndata_dir = None', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("y = year + 1"),
        nbformat.v4.new_code_cell("y"),
    ]  # fmt: skip
    path = folder / "trivial.ipynb"
    nbformat.write(nb, path)
    return path


def _best(action: Callable[[], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def _papermill_trivial(notebook: Path, out: Path) -> None:
    import papermill  # noqa: PLC0415 - the baseline's own tool

    papermill.execute_notebook(
        str(notebook), str(out), parameters={"unit": "y"}, progress_bar=False, kernel_name="python3"
    )


def _check(ok: bool, what: str) -> None:
    if not ok:
        raise SystemExit(f"benchmark run failed: {what}")


def _cpu() -> float:
    """CPU seconds used so far by this process and its ended children (kernels, PDF processes)."""
    own, ended = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + ended.ru_utime + ended.ru_stime


def _options(
    before: bool, formats: tuple[str, ...] = FORMATS, engine: Engine = "auto"
) -> RunOptions:
    return RunOptions(formats=formats, pdf_processes=0 if before else None, engine=engine)


def _cli_report(out: Path) -> float:
    """`stkit report hai-phong` as a new process: seconds until it has exited."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from stkit.cli import main; sys.exit(main(sys.argv[1:]))",
         "report", UNIT, "--year", str(YEAR), "--out", str(out)],
        capture_output=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    _check(done.returncode == 0, done.stderr.decode(errors="replace")[-500:])
    return seconds


def main() -> None:
    cores = os.cpu_count() or 1
    workers = max(1, min(4, cores))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        trivial = _trivial_notebook(out)
        _papermill_trivial(trivial, out / "warm.ipynb")  # imports papermill, warms the disk cache
        base = _best(lambda: _papermill_trivial(trivial, out / "t.ipynb"), 3)

        single = RunOptions(polars_threads=polars_threads_per_worker(1))
        job = ReportJob("trivial", YEAR, "vi", "trivial", trivial, out / "r" / "trivial" / "2025")
        runner_trivial = _best(lambda: _check(run_report(job, single).status == "ok", "trivial"), 2)

        def one(before: bool, formats: tuple[str, ...] = FORMATS, engine: Engine = "auto") -> None:
            def action() -> None:
                result = report_one(
                    UNIT, year=YEAR, out=out / "one", options=_options(before, formats, engine)
                )
                _check(all(r.status == "ok" for r in result.records), UNIT)
                folder = Path(result.records[0].output)
                _check(all((folder / f"report.{name}").exists() for name in formats), "formats")

            action()

        one(False)  # untimed: this process's imports, vl-convert engine and PDF printer
        one(True)
        one(False, engine="kernel")
        city: dict[bool, list[float]] = {True: [], False: []}
        on_kernel: list[float] = []
        for _ in range(2):  # interleaved, so all see the same load
            for before in (True, False):
                city[before].append(_best(lambda b=before: one(b), 1))  # type: ignore[misc]
            on_kernel.append(_best(lambda: one(False, engine="kernel"), 1))
        cli = min(_cli_report(out / f"cli-{n}") for n in range(2))
        city_html = _best(lambda: one(False, ("html",)), 2)
        page = next((out / "one").rglob(REPORT_HTML)).read_text(encoding="utf-8")
        pdf_seconds = _best(lambda: _check(bool(pdf_of(page)), "pdf"), 2)
        cpu = _cpu()
        pdf_of(page)
        pdf_cpu = _cpu() - cpu
        docx_seconds = _best(lambda: _check(bool(docx_of(page)), "docx"), 2)
        print(f"baseline: papermill, trivial 3-cell notebook      {base:6.2f} s = 1.00")
        for before, name in ((True, "before"), (False, "now   ")):
            best = min(city[before])
            print(f"one city report ({UNIT}), HTML + PDF + DOCX, {name}  {best:6.2f} s = {best / base:5.2f} x trivial   (goal <= 3)")  # fmt: skip
        kernel_best = min(on_kernel)
        print(f"one city report ({UNIT}), all formats, notebook on a kernel {kernel_best:6.2f} s = {kernel_best / base:5.2f} x trivial")  # fmt: skip
        print(f"one city report ({UNIT}), HTML only                {city_html:6.2f} s = {city_html / base:5.2f} x trivial")  # fmt: skip
        print(f"  on the finished page: PDF {pdf_seconds:5.2f} s = {pdf_seconds / base:4.2f} x ({pdf_cpu:.2f} s CPU), DOCX {docx_seconds:5.2f} s = {docx_seconds / base:4.2f} x")  # fmt: skip
        print(f"`stkit report {UNIT}` new process (cold, best of 2)  {cli:6.2f} s = {cli / base:5.2f} x trivial")  # fmt: skip
        if os.environ.get("STKIT_BENCH_ONE"):
            return

        def batch(before: bool, tag: str) -> tuple[float, float, int, list[str]]:
            started, cpu = time.perf_counter(), _cpu()
            jobs = [
                job
                for lang in LANGS
                for job in plan_all(year=YEAR, lang=lang, out=out / tag / lang, data_dir=None)
            ]
            options = _options(before)
            result = report_all(
                jobs, out=out / tag, data_dir=None, workers=workers, options=options
            )
            seconds, used = time.perf_counter() - started, _cpu() - cpu
            return seconds, used, len(jobs), [r.unit for r in result.records if r.status != "ok"]

        batches = {before: batch(before, f"all-{before}") for before in (True, False)}

    print(f"cores {cores}; workers {workers}; polars threads per kernel {polars_threads_per_worker(workers)}")  # fmt: skip
    for before, name in ((True, "before"), (False, "now   ")):
        seconds, used, count, failed = batches[before]
        ideal = count * base / workers
        print(
            f"all units, vi + en: {count} reports, {name}   {seconds:6.2f} s = "
            f"{seconds / ideal:5.2f} x ({count} x trivial / {workers} workers = {ideal:.2f} s)   (goal <= 1.5)"
        )
        print(f"  per report: {seconds / count * workers:.2f} s of a worker's time; CPU {used:.1f} s in all, {used / seconds:.2f} cores busy on average")  # fmt: skip
        if failed:
            print(f"  FAILED: {', '.join(failed)}")
    print(f"for information: trivial notebook on stkit's runner  {runner_trivial:6.2f} s = {runner_trivial / base:5.2f} x")  # fmt: skip
