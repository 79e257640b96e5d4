"""Runner: reports written atomically, failures isolated, retries, determinism (runs real kernels)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stkit.reports import runner
from stkit.reports.kernel import KernelFailure, KernelSession
from stkit.reports.runner import (
    ERROR_PAGE,
    FAILED_NOTEBOOK,
    HEADLINE,
    REPORT_DOCX,
    REPORT_HTML,
    REPORT_NOTEBOOK,
    REPORT_PDF,
    ReportJob,
    RunOptions,
    polars_threads_per_worker,
    run_report,
    run_reports,
)

MINI = Path(__file__).parent / "data" / "reports" / "mini.ipynb"
pytestmark = pytest.mark.slow


def _job(out: Path, unit: str) -> ReportJob:
    return ReportJob(
        unit=unit,
        year=2024,
        lang="vi",
        title=f"Test {unit}",
        notebook=MINI,
        target=out / unit / "2024",
    )


def _without_generated(text: str) -> list[str]:
    return [
        line
        for line in text.splitlines()
        if "stkit-generated" not in line and "generated_at" not in line
    ]


def test_report_files_headline_and_thread_split(tmp_path: Path) -> None:
    record = run_report(_job(tmp_path, "a"), RunOptions(polars_threads=3))
    assert record.status == "ok", record.error
    folder = tmp_path / "a" / "2024"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [REPORT_HTML, REPORT_PDF, REPORT_DOCX, REPORT_NOTEBOOK, HEADLINE]
    )
    headline = json.loads((folder / HEADLINE).read_text(encoding="utf-8"))
    assert headline == {"unit": "a", "year": 2024, "lang": "vi", "share": 0.304}
    html = (folder / REPORT_HTML).read_text(encoding="utf-8")
    assert "threads=3" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    # nothing left behind next to the report
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["2024"]


def test_failure_keeps_previous_report_and_others_run(tmp_path: Path) -> None:
    old = tmp_path / "boom" / "2024"
    old.mkdir(parents=True)
    (old / REPORT_HTML).write_text("previous good report", encoding="utf-8")
    jobs = [_job(tmp_path, "a"), _job(tmp_path, "boom"), _job(tmp_path, "c")]
    records = run_reports(jobs, workers=2)
    status = {r.unit: r.status for r in records}
    assert status == {"a": "ok", "boom": "failed", "c": "ok"}
    failed = next(r for r in records if r.unit == "boom")
    assert failed.error is not None
    assert "the boom unit always fails" in failed.error
    assert failed.attempts == 1  # a cell error is not retried
    assert (old / REPORT_HTML).read_text(encoding="utf-8") == "previous good report"
    page = (old / ERROR_PAGE).read_text(encoding="utf-8")
    assert "the boom unit always fails" in page
    assert (old / FAILED_NOTEBOOK).exists()
    assert not any(p.name.startswith(".") for p in (tmp_path / "boom").iterdir())


def test_success_clears_an_earlier_failure(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "2024"
    folder.mkdir(parents=True)
    (folder / ERROR_PAGE).write_text("old error", encoding="utf-8")
    (folder / FAILED_NOTEBOOK).write_text("{}", encoding="utf-8")
    assert run_report(_job(tmp_path, "a")).status == "ok"
    assert not (folder / ERROR_PAGE).exists()
    assert not (folder / FAILED_NOTEBOOK).exists()


def test_same_inputs_same_bytes_but_the_generation_line(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    run_report(_job(first, "a"), generated_at="2025-01-01T00:00:00+00:00")
    run_report(_job(second, "a"), generated_at="2025-06-30T12:00:00+00:00")
    for name in (REPORT_HTML, REPORT_NOTEBOOK):
        a = (first / "a" / "2024" / name).read_text(encoding="utf-8")
        b = (second / "a" / "2024" / name).read_text(encoding="utf-8")
        assert a != b
        diff = [x for x, y in zip(a.splitlines(), b.splitlines(), strict=True) if x != y]
        assert len(diff) == 1
        assert _without_generated(a) == _without_generated(b)
    assert (first / "a" / "2024" / HEADLINE).read_bytes() == (
        second / "a" / "2024" / HEADLINE
    ).read_bytes()


def test_kernel_that_dies_is_restarted_and_the_report_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = KernelSession.run
    calls: list[int] = []

    async def dies_once(self: KernelSession, nb: object, *, cell_timeout: float) -> None:
        calls.append(1)
        if len(calls) == 1:
            await self.shutdown()
            raise KernelFailure("DeadKernelError: Kernel died")
        await real(self, nb, cell_timeout=cell_timeout)  # type: ignore[arg-type]

    monkeypatch.setattr(KernelSession, "run", dies_once)
    record = run_report(_job(tmp_path, "a"), RunOptions(retries=2))
    assert record.status == "ok", record.error
    assert record.attempts == 2


def test_kernel_that_never_starts_fails_after_retries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def dead(self: KernelSession) -> None:
        raise KernelFailure("TimeoutError: Kernel didn't respond in 60 seconds")

    monkeypatch.setattr(KernelSession, "start", dead)
    monkeypatch.setattr(runner.time, "sleep", lambda _s: None)
    record = run_report(_job(tmp_path, "a"), RunOptions(retries=2))
    assert record.status == "failed"
    assert record.attempts == 3
    assert record.error is not None
    assert "respond" in record.error
    assert (tmp_path / "a" / "2024" / ERROR_PAGE).exists()
    assert not (tmp_path / "a" / "2024" / REPORT_HTML).exists()


@pytest.mark.parametrize(
    ("workers", "cores", "expected"), [(1, 8, 8), (2, 8, 4), (3, 8, 2), (4, 2, 1), (16, 4, 1)]
)
def test_polars_threads_split(workers: int, cores: int, expected: int) -> None:
    assert polars_threads_per_worker(workers, cores) == expected
