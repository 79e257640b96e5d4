"""Runner: reports written atomically, failures isolated, retries, determinism (runs real kernels)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stkit._atomic import write_json_atomic
from stkit.reports import runner
from stkit.reports.executed import generation_time, source_date_epoch
from stkit.reports.kernel import KernelFailure, KernelSession, kernel_environment
from stkit.reports.runner import (
    ERROR_PAGE,
    FAILED_NOTEBOOK,
    HEADLINE,
    REPORT_DOCX,
    REPORT_HTML,
    REPORT_NOTEBOOK,
    REPORT_PDF,
    OutputRefused,
    ReportJob,
    RunOptions,
    polars_threads_per_worker,
    run_report,
    run_reports,
    sweep_leftovers,
    write_run_record,
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


# --- faults: nothing left behind, nothing overwritten, named reasons ------------------------


def _dying_kernelspec(root: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A kernel whose process exits at once (what a broken environment looks like)."""
    spec = root / "kernels" / "dies-at-once"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-c", "import sys; sys.exit(3)", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "dies", "language": "python"}),
        encoding="utf-8",
    )
    monkeypatch.setenv("JUPYTER_PATH", str(root))
    return "dies-at-once"


def test_kernel_dead_on_start_fails_fast_with_its_exit_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = _dying_kernelspec(tmp_path / "jupyter", monkeypatch)
    monkeypatch.setattr(runner.time, "sleep", lambda _s: None)
    started = time.monotonic()
    record = run_report(
        _job(tmp_path / "out", "a"), RunOptions(retries=1, kernel_name=name, start_timeout=60)
    )
    elapsed = time.monotonic() - started
    assert record.status == "failed"
    assert record.attempts == 2
    assert record.error is not None
    assert "exited during start-up (exit status 3)" in record.error
    assert "Empty" not in record.error
    assert elapsed < 30  # not start_timeout × attempts


def test_bad_source_date_epoch_does_not_stop_the_kernel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    record = run_report(_job(tmp_path, "a"))
    assert record.status == "ok", record.error
    assert generation_time().endswith("+00:00")


@pytest.mark.parametrize("text", ["yesterday", "-1", "1e9", "99999999999999999999", " ", "١٢٣"])
def test_unusable_source_date_epoch_is_ignored(text: str) -> None:
    assert source_date_epoch(text) is None
    assert "SOURCE_DATE_EPOCH" not in kernel_environment({"SOURCE_DATE_EPOCH": text})


def test_usable_source_date_epoch_fixes_the_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert source_date_epoch() == 1_700_000_000
    assert generation_time() == "2023-11-14T22:13:20+00:00"  # date -u -d @1700000000


def test_report_into_a_symlinked_unit_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "a").symlink_to(outside, target_is_directory=True)
    record = run_report(_job(out, "a"))
    assert record.status == "failed"
    assert record.error is not None
    assert "symbolic link" in record.error
    assert list(outside.iterdir()) == []


def test_json_files_follow_the_umask_and_records_are_never_overwritten(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        first = write_run_record(tmp_path / "runs" / "t.json", {"run": 1})
        second = write_run_record(tmp_path / "runs" / "t.json", {"run": 2})
        latest = tmp_path / "manifest.json"
        write_json_atomic(latest, {"run": 2})
    finally:
        os.umask(old)
    assert first.name == "t.json"
    assert second.name == "t-2.json"
    assert json.loads(first.read_text(encoding="utf-8")) == {"run": 1}
    assert json.loads(second.read_text(encoding="utf-8")) == {"run": 2}
    for path in (first, second, latest):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["t-2.json", "t.json"]


def test_json_into_a_symlinked_runs_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "runs").symlink_to(outside, target_is_directory=True)
    with pytest.raises(OutputRefused, match="symbolic link"):
        write_run_record(tmp_path / "runs" / "t.json", {"run": 1})
    assert list(outside.iterdir()) == []


def test_leftovers_of_ended_processes_are_swept_and_live_ones_kept(tmp_path: Path) -> None:
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    dead_pid = int(ended.stdout)
    dead = tmp_path / f".2024.staging-{dead_pid}-abc"
    live = tmp_path / f".2024.staging-{os.getpid()}-def"
    other = tmp_path / ".2024.staging-xyz"  # not ours to judge: no process id
    for folder in (dead, live, other):
        folder.mkdir()
    removed = sweep_leftovers(tmp_path, ".2024.staging-*", ".2024.staging-")
    assert removed == [dead]
    assert not dead.exists()
    assert live.exists()
    assert other.exists()
