"""Report speed: one city report and all units, as ratios to papermill running a trivial notebook.

Baseline (issue 6): papermill runs a trivial three-cell notebook on a fresh kernel
(best of 3), so kernel start-up is the unit of time and machine speed cancels out.
Figures, each measured in this same process and run:

- one city report (hai-phong): `report_one` end to end — unit check, input
  validation, kernel start, notebook, HTML with SVG charts, A4 PDF, Word draft,
  manifest (best of 2, after one untimed run that warms this process's imports,
  chart converter and WeasyPrint); and the same with HTML only, so the cost of the
  PDF and the Word draft shows, with each format's own time on the finished page;
- all units: `plan_all` + `report_all`, as `stkit report --all` runs them
  (34 units and the overview, on `workers` warm kernels);
- for information: the trivial notebook on stkit's runner, and `stkit report
  hai-phong` as a new process (Python start and imports included).

Goals (issues 6 and 12): one city report in all three formats ≤ 3 × trivial; all units
≤ 1.5 × (jobs × trivial ÷ workers). `STKIT_BENCH_ONE=1` measures the one city report only.
"""

from __future__ import annotations

import os
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
    ReportJob,
    RunOptions,
    polars_threads_per_worker,
    run_report,
)

UNIT = "hai-phong"
YEAR = 2025


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


def _print_one(base: float, city: float, html: float, pdf: float, docx: float) -> None:
    print(f"baseline: papermill, trivial 3-cell notebook      {base:6.2f} s = 1.00")
    print(
        f"one city report ({UNIT}), HTML + PDF + DOCX        {city:6.2f} s = {city / base:5.2f} x trivial   (goal <= 3)"
    )
    print(
        f"one city report ({UNIT}), HTML only                {html:6.2f} s = {html / base:5.2f} x trivial"
    )
    print(
        f"  on the finished page: PDF {pdf:5.2f} s = {pdf / base:4.2f} x, DOCX {docx:5.2f} s = {docx / base:4.2f} x"
    )


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

        def one(formats: tuple[str, ...] = FORMATS) -> None:
            options = RunOptions(formats=formats)
            result = report_one(UNIT, year=YEAR, out=out / "one", options=options)
            _check(all(r.status == "ok" for r in result.records), UNIT)
            folder = Path(result.records[0].output)
            _check(all((folder / f"report.{name}").exists() for name in formats), "formats")

        one()  # untimed: this process's imports, vl-convert engine and WeasyPrint
        city = _best(one, 2)
        city_html = _best(lambda: one(("html",)), 2)
        page = (out / "one" / UNIT / str(YEAR) / REPORT_HTML).read_text(encoding="utf-8")
        pdf_seconds = _best(lambda: _check(bool(pdf_of(page)), "pdf"), 2)
        docx_seconds = _best(lambda: _check(bool(docx_of(page)), "docx"), 2)
        if os.environ.get("STKIT_BENCH_ONE"):
            _print_one(base, city, city_html, pdf_seconds, docx_seconds)
            return

        started = time.perf_counter()
        jobs = plan_all(year=YEAR, lang="vi", out=out / "all", data_dir=None)
        result = report_all(jobs, out=out / "all", data_dir=None, workers=workers)
        batch = time.perf_counter() - started
        failed = [r.unit for r in result.records if r.status != "ok"]

        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", "import sys; from stkit.cli import main; sys.exit(main(sys.argv[1:]))",
             "report", UNIT, "--year", str(YEAR), "--out", str(out / "cli")],
            capture_output=True, check=False,
        )  # fmt: skip
        cli = time.perf_counter() - started
        _check(done.returncode == 0, done.stderr.decode(errors="replace")[-500:])

    ideal = len(jobs) * base / workers
    print(
        f"cores {cores}; workers {workers}; polars threads per kernel {polars_threads_per_worker(workers)}"
    )
    _print_one(base, city, city_html, pdf_seconds, docx_seconds)
    print(
        f"all units: {len(jobs)} reports ({len(jobs) - 1} units + overview)   {batch:6.2f} s = "
        f"{batch / ideal:5.2f} x ({len(jobs)} x trivial / {workers} workers = {ideal:.2f} s)   (goal <= 1.5)"
    )
    print(f"  per report on a warm kernel: {batch / len(jobs) * workers:.2f} s of a worker's time")
    print(
        f"for information: trivial notebook on stkit's runner  {runner_trivial:6.2f} s = {runner_trivial / base:5.2f} x"
    )
    print(
        f"for information: `stkit report {UNIT}` new process   {cli:6.2f} s = {cli / base:5.2f} x"
    )
    if failed:
        print(f"FAILED: {', '.join(failed)}")
