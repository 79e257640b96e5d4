"""Warm kernels: isolation between consecutive reports, recovery after failures, same bytes as fresh."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stkit.reports.batch import report_all, report_one
from stkit.reports.jobs import city_job, current_units
from stkit.reports.runner import (
    ERROR_PAGE,
    HEADLINE,
    REPORT_HTML,
    REPORT_NOTEBOOK,
    KernelPool,
    ReportJob,
    RunOptions,
    run_report,
)

WARM = Path(__file__).parent / "data" / "reports" / "warm.ipynb"
pytestmark = pytest.mark.slow


def _job(out: Path, unit: str) -> ReportJob:
    return ReportJob(
        unit=unit, year=2024, lang="vi", title=unit, notebook=WARM, target=out / unit / "2024"
    )


def _headline(out: Path, unit: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(
        (out / unit / "2024" / HEADLINE).read_text(encoding="utf-8")
    )
    return loaded


def test_a_report_sees_nothing_of_the_previous_one_in_the_same_kernel(tmp_path: Path) -> None:
    with KernelPool(1) as pool:
        records = pool.run([_job(tmp_path, "first"), _job(tmp_path, "second")])
    assert [r.status for r in records] == ["ok", "ok"], [r.error for r in records]
    first, second = _headline(tmp_path, "first"), _headline(tmp_path, "second")
    assert first["pid"] == second["pid"]  # one kernel served both
    assert second["leaked"] is False  # variables of the first report are gone
    assert second["cwd_is_kernel_home"] is True  # its os.chdir("/") is undone
    assert second["tbl_rows"] is None  # its polars display setting is undone
    assert first == {**second, "unit": "first"}


def test_a_failing_unit_then_the_next_succeeds_on_the_same_kernel(tmp_path: Path) -> None:
    old = tmp_path / "boom" / "2024"
    old.mkdir(parents=True)
    (old / REPORT_HTML).write_text("previous good report", encoding="utf-8")
    with KernelPool(1) as pool:
        records = pool.run([_job(tmp_path, "a"), _job(tmp_path, "boom"), _job(tmp_path, "c")])
    status = {r.unit: (r.status, r.attempts) for r in records}
    assert status == {"a": ("ok", 1), "boom": ("failed", 1), "c": ("ok", 1)}
    assert _headline(tmp_path, "a")["pid"] == _headline(tmp_path, "c")["pid"]
    assert (old / REPORT_HTML).read_text(encoding="utf-8") == "previous good report"
    assert "the boom unit always fails" in (old / ERROR_PAGE).read_text(encoding="utf-8")


def test_a_cell_that_times_out_fails_its_unit_and_the_kernel_is_replaced(tmp_path: Path) -> None:
    with KernelPool(1, RunOptions(cell_timeout=3)) as pool:
        records = pool.run([_job(tmp_path, "a"), _job(tmp_path, "slow"), _job(tmp_path, "c")])
    status = {r.unit: r.status for r in records}
    assert status == {"a": "ok", "slow": "failed", "c": "ok"}
    slow = next(r for r in records if r.unit == "slow")
    assert slow.error is not None
    assert "longer than 3 s" in slow.error
    assert slow.attempts == 1  # a timeout is not retried
    assert _headline(tmp_path, "a")["pid"] != _headline(tmp_path, "c")["pid"]


def test_a_missing_notebook_fails_its_unit_with_an_error_page(tmp_path: Path) -> None:
    job = ReportJob(
        unit="a", year=2024, lang="en", title="a", notebook=tmp_path / "nowhere.ipynb",
        target=tmp_path / "a" / "2024",
    )  # fmt: skip
    with KernelPool(1) as pool:
        records = pool.run([job, _job(tmp_path, "c")])
    assert [r.status for r in records] == ["failed", "ok"]
    assert records[0].error is not None
    assert "nowhere.ipynb" in records[0].error
    assert (tmp_path / "a" / "2024" / ERROR_PAGE).exists()


def _without_generated(text: str) -> list[str]:
    return [
        line
        for line in text.splitlines()
        if "stkit-generated" not in line and "generated_at" not in line
    ]


def _same_but_generated(a: Path, b: Path) -> None:
    for name in (REPORT_HTML, REPORT_NOTEBOOK):
        left = (a / name).read_text(encoding="utf-8")
        right = (b / name).read_text(encoding="utf-8")
        assert _without_generated(left) == _without_generated(right), name
        assert len(left.splitlines()) == len(right.splitlines())
    assert (a / HEADLINE).read_bytes() == (b / HEADLINE).read_bytes()


def test_city_report_from_a_warm_kernel_is_the_fresh_report(tmp_path: Path) -> None:
    units = {u.slug: u for u in current_units()}
    warm_out, fresh_out, alone_out = tmp_path / "warm", tmp_path / "fresh", tmp_path / "alone"
    # warm: Hà Nội first, then Hải Phòng on the same kernel, inputs shared by the parent
    jobs = [city_job(units[slug], 2025, "vi", warm_out, None) for slug in ("ha-noi", "hai-phong")]
    result = report_all(jobs, out=warm_out, data_dir=None, workers=1)
    assert [r.status for r in result.records] == ["ok", "ok"]
    # fresh: its own kernel, inputs validated and shared for this unit alone
    assert report_one("hai-phong", year=2025, out=fresh_out).records[0].status == "ok"
    # alone: a kernel without shared inputs, which validates and assesses by itself
    alone = run_report(city_job(units["hai-phong"], 2025, "vi", alone_out, None))
    assert alone.status == "ok", alone.error
    reference = fresh_out / "hai-phong" / "2025" / "vi"
    _same_but_generated(warm_out / "hai-phong" / "2025" / "vi", reference)
    _same_but_generated(alone_out / "hai-phong" / "2025" / "vi", reference)
    notebook = json.loads((reference / REPORT_NOTEBOOK).read_text(encoding="utf-8"))
    counts = [c["execution_count"] for c in notebook["cells"] if c["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1))
