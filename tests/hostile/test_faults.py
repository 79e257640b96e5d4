"""Faults during a batch: a kill mid-run, a full disk, concurrent runs. Nothing half-written,
nothing left behind for good, no run's record lost."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import nbformat
import pytest

from stkit._atomic import write_json_atomic
from stkit.reports.runner import ReportJob, run_report, write_run_record

MINI = Path(__file__).parents[1] / "data" / "reports" / "mini.ipynb"


def _sleeping_notebook(folder: Path, seconds: int) -> Path:
    """The mini report notebook with a cell that sleeps first (a long report)."""
    nb = nbformat.read(MINI, as_version=4)  # type: ignore[no-untyped-call]
    cell = nbformat.v4.new_code_cell(f"import time\ntime.sleep({seconds})")  # type: ignore[no-untyped-call]
    nb.cells.insert(1, cell)
    path = folder / "sleepy.ipynb"
    nbformat.write(nb, path)  # type: ignore[no-untyped-call]
    return path


BATCH = """
import sys
from pathlib import Path
from stkit.reports.batch import report_all
from stkit.reports.runner import ReportJob
notebook, out = Path(sys.argv[1]), Path(sys.argv[2])
jobs = [ReportJob(unit=u, year=2024, lang="vi", title=u, notebook=notebook, target=out / u / "2024")
        for u in ("a", "b")]
report_all(jobs, out=out, data_dir=None, workers=1)
"""


def _wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
def test_kill_mid_batch_leaves_an_incomplete_manifest_and_leftovers_are_swept(
    tmp_path: Path,
) -> None:
    notebook = _sleeping_notebook(tmp_path, 600)
    out = tmp_path / "out"
    out.mkdir()
    previous = {"status": "complete", "started_at": "earlier", "units": [{"unit": "old"}]}
    (out / "manifest.json").write_text(json.dumps(previous), encoding="utf-8")
    batch = subprocess.Popen(
        [sys.executable, "-c", BATCH, str(notebook), str(out)],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        staged = _wait_for(lambda: any((out / "a").glob(".2024.staging-*")), timeout=180)
        assert staged, "the batch never reached its first report"
        os.killpg(batch.pid, signal.SIGKILL)
        batch.wait(timeout=30)
    finally:
        if batch.poll() is None:
            os.killpg(batch.pid, signal.SIGKILL)
            batch.wait(timeout=30)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "incomplete"  # not the previous run's record
    assert not (out / "a" / "2024" / "report.html").exists()
    assert not (out / "runs").exists()
    tmp = Path(tempfile.gettempdir())
    left = [
        *(out / "a").glob(".2024.staging-*"),
        *tmp.glob(f"stkit-kernel-{batch.pid}-*"),
        *tmp.glob(f"stkit-inputs-{batch.pid}-*"),
    ]
    assert left, "a SIGKILL cannot clean up: the next run must"
    # the next run (another report into the same folder) sweeps what the killed one left
    record = run_report(
        ReportJob(
            unit="a", year=2024, lang="vi", title="a", notebook=MINI, target=out / "a" / "2024"
        )
    )
    assert record.status == "ok", record.error
    assert not any(path.exists() for path in left)
    assert list((out / "a").glob(".2024.staging-*")) == []


def test_disk_full_while_writing_json_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "manifest.json"
    target.write_text('{"status": "complete"}\n', encoding="utf-8")

    real_write = Path.write_text

    def full(self: Path, text: str, *args: object, **kwargs: object) -> int:
        real_write(self, text[: len(text) // 2], encoding="utf-8")  # half, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    with pytest.raises(OSError, match="No space left"):
        write_json_atomic(target, {"status": "incomplete"})
    monkeypatch.undo()
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]
    assert json.loads(target.read_text(encoding="utf-8")) == {"status": "complete"}


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 64 KB tmpfs where the system allows mounting one (root, Linux); else skipped."""
    mount = tmp_path / "small"
    mount.mkdir()
    if sys.platform != "linux" or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs Linux")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root, or no permission)")
    yield mount
    subprocess.run(["umount", str(mount)], capture_output=True, check=False)


def test_real_disk_full_leaves_the_previous_manifest_whole(small_tmpfs: Path) -> None:
    target = small_tmpfs / "manifest.json"
    write_json_atomic(target, {"status": "complete", "units": []})
    with pytest.raises(OSError) as caught:
        write_json_atomic(target, {"status": "complete", "units": ["x" * 1000] * 200})
    assert caught.value.errno == errno.ENOSPC
    assert [p.name for p in small_tmpfs.iterdir()] == ["manifest.json"]
    assert json.loads(target.read_text(encoding="utf-8")) == {"status": "complete", "units": []}


def test_concurrent_run_records_are_all_kept(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    written: list[Path] = []
    lock = threading.Lock()

    def record(number: int) -> None:
        path = write_run_record(runs / "20260101T000000Z.json", {"run": number})
        with lock:
            written.append(path)

    threads = [threading.Thread(target=record, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({p.name for p in written}) == 8
    runs_seen = sorted(json.loads(p.read_text(encoding="utf-8"))["run"] for p in written)
    assert runs_seen == list(range(8))
    assert sorted(p.name for p in runs.iterdir()) == sorted(p.name for p in written)


RECORD = """
import sys
from pathlib import Path
from stkit.reports.runner import write_run_record
print(write_run_record(Path(sys.argv[1]), {"pid": int(sys.argv[2])}).name)
"""


def test_concurrent_processes_never_overwrite_a_run_record(tmp_path: Path) -> None:
    target = tmp_path / "runs" / "20260101T000000Z.json"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", RECORD, str(target), str(n)], stdout=subprocess.PIPE, text=True
        )
        for n in range(4)
    ]
    names = [p.communicate(timeout=60)[0].strip() for p in processes]
    assert all(p.returncode == 0 for p in processes)
    assert len(set(names)) == 4
    pids = sorted(
        json.loads((target.parent / name).read_text(encoding="utf-8"))["pid"] for name in names
    )
    assert pids == [0, 1, 2, 3]


@pytest.mark.slow
def test_sigterm_mid_batch_exits_promptly_and_removes_the_shared_inputs(tmp_path: Path) -> None:
    notebook = _sleeping_notebook(tmp_path, 600)
    out = tmp_path / "out"
    batch = subprocess.Popen(
        [sys.executable, "-c", BATCH, str(notebook), str(out)],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    tmp = Path(tempfile.gettempdir())
    try:
        staged = _wait_for(lambda: any((out / "a").glob(".2024.staging-*")), timeout=180)
        assert staged, "the batch never reached its first report"
        assert list(tmp.glob(f"stkit-inputs-{batch.pid}-*"))
        started = time.monotonic()
        batch.send_signal(signal.SIGTERM)
        code = batch.wait(timeout=180)
        # not the 600 s cell (generous: kernels shut down slowly on a loaded machine)
        assert time.monotonic() - started < 120
    finally:
        if batch.poll() is None:
            os.killpg(batch.pid, signal.SIGKILL)
            batch.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(batch.pid, signal.SIGKILL)  # its kernels, if any outlived it
    assert code == 128 + signal.SIGTERM
    assert list(tmp.glob(f"stkit-inputs-{batch.pid}-*")) == []
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "incomplete"
