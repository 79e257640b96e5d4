"""Report speed: trivial 3-cell notebook vs one city report vs all 34 units with workers.

Figures are ratios against the trivial notebook run by the same runner in the same
process, so kernel start-up (which dominates) cancels out. Goals (issue 6): one city
report ≤ 3 × trivial; all 34 ≤ 1.5 × (34 × trivial ÷ workers).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import nbformat

from stkit.reports.jobs import city_job, current_units
from stkit.reports.runner import (
    ReportJob,
    RunOptions,
    polars_threads_per_worker,
    run_report,
    run_reports,
)

YEAR = 2025
UNITS = 34


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


def _timed(job: ReportJob, options: RunOptions) -> float:
    started = time.perf_counter()
    record = run_report(job, options)
    if record.status != "ok":
        raise SystemExit(f"{job.unit}: {record.error}")
    return time.perf_counter() - started


def main() -> None:
    workers = max(1, min(4, os.cpu_count() or 1))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        trivial = _trivial_notebook(out)
        units = current_units()
        hai_phong = next(u for u in units if u.slug == "hai-phong")
        single = RunOptions(polars_threads=polars_threads_per_worker(1))
        warm = city_job(hai_phong, YEAR, "vi", out / "warm", None)
        _timed(warm, single)  # warm the parent's HTML and chart converters once
        trivial_job = ReportJob("trivial", YEAR, "vi", "trivial", trivial, out / "t" / "2025")
        base = min(_timed(trivial_job, single) for _ in range(3))
        city = min(
            _timed(city_job(hai_phong, YEAR, "vi", out / "one", None), single) for _ in range(2)
        )
        jobs = [city_job(u, YEAR, "vi", out / "all", None) for u in units[:UNITS]]
        started = time.perf_counter()
        records = run_reports(jobs, workers=workers)
        batch = time.perf_counter() - started
        failed = [r.unit for r in records if r.status != "ok"]
    ideal = len(jobs) * base / workers
    print(f"trivial notebook (baseline)      : {base:6.2f} s = 1.00")
    print(
        f"one city report (hai-phong)      : {city:6.2f} s = {city / base:.2f} x trivial (goal <= 3)"
    )
    print(
        f"all {len(jobs)} units, {workers} workers        : {batch:6.2f} s = "
        f"{batch / ideal:.2f} x ({len(jobs)} x trivial / {workers}) (goal <= 1.5)"
    )
    print(f"cores {os.cpu_count()}, polars threads per kernel {polars_threads_per_worker(workers)}")
    if failed:
        print(f"failed: {', '.join(failed)}")
