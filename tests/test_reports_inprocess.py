"""The in-process engine: the same notebook and page as a kernel, failures handled alike, no leaks."""

from __future__ import annotations

import builtins
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import altair as alt
import nbformat
import polars as pl
import pytest

from stkit.reports.batch import report_one
from stkit.reports.executed import clean_notebook
from stkit.reports.inprocess import InProcessSession, language_info
from stkit.reports.runner import (
    ERROR_PAGE,
    FAILED_NOTEBOOK,
    HEADLINE,
    REPORT_HTML,
    REPORT_NOTEBOOK,
    KernelPool,
    ReportJob,
    RunOptions,
    run_report,
)

WARM = Path(__file__).parent / "data" / "reports" / "warm.ipynb"
MINI = Path(__file__).parent / "data" / "reports" / "mini.ipynb"
STAMP = "2025-01-01T00:00:00+00:00"
pytestmark = pytest.mark.slow

INPROCESS = RunOptions(engine="inprocess", formats=("html",))
KERNEL = RunOptions(engine="kernel", formats=("html",))


def _notebook(folder: Path, *sources: str, name: str = "nb.ipynb") -> Path:
    nb = nbformat.v4.new_notebook()  # type: ignore[no-untyped-call]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    params = 'unit = "a"\nyear = 2024\nlang = "vi"\ndata_dir = None'
    nb.cells = [nbformat.v4.new_code_cell(params, metadata={"tags": ["parameters"]})]  # type: ignore[no-untyped-call]
    nb.cells += [nbformat.v4.new_code_cell(source) for source in sources]  # type: ignore[no-untyped-call]
    path = folder / name
    nbformat.write(nb, path)  # type: ignore[no-untyped-call]
    return path


def _job(notebook: Path, out: Path, unit: str = "a") -> ReportJob:
    return ReportJob(
        unit=unit, year=2024, lang="vi", title=unit, notebook=notebook, target=out / unit / "2024"
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in (REPORT_HTML, REPORT_NOTEBOOK, HEADLINE)}


def test_city_report_in_process_is_byte_for_byte_the_kernel_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    folders = {}
    for engine in ("inprocess", "kernel"):
        options = RunOptions(engine=engine, formats=("html",))  # type: ignore[arg-type]
        result = report_one(
            "hai-phong", year=2025, lang="en", out=tmp_path / engine, options=options
        )
        assert result.records[0].status == "ok", result.records[0].error
        folders[engine] = Path(result.records[0].output)
    assert _files(folders["inprocess"]) == _files(folders["kernel"])
    nb = json.loads((folders["inprocess"] / REPORT_NOTEBOOK).read_text(encoding="utf-8"))
    assert nb["metadata"]["language_info"] == language_info()
    charts = [
        o
        for c in nb["cells"]
        for o in c.get("outputs", [])
        if "application/vnd.vegalite.v6+json" in o.get("data", {})
    ]
    assert charts, "the charts are display_data outputs, as from a kernel"
    assert "<figure" in (folders["inprocess"] / REPORT_HTML).read_text(encoding="utf-8")


SHOWCASE = (
    "print('one')\nprint('two')\n1 + 1",
    "from IPython.display import display, HTML\ndisplay(HTML('<b>x</b>'), {'a': (1, 2)})\nNone",
    "from stkit.reports.display import Headline\nHeadline({'t': (1, 2), 'n': 0.304})",
    "import sys\nprint('careful', file=sys.stderr)\nx = 3",
    "",
    "x * 2",
)


def test_every_kind_of_output_is_recorded_as_a_kernel_records_it(tmp_path: Path) -> None:
    notebook = _notebook(tmp_path, *SHOWCASE)
    cleaned = {}
    for engine, options in (("inprocess", INPROCESS), ("kernel", KERNEL)):
        record = run_report(_job(notebook, tmp_path / engine), options, generated_at=STAMP)
        assert record.status == "ok", record.error
        path = tmp_path / engine / "a" / "2024" / REPORT_NOTEBOOK
        cleaned[engine] = clean_notebook(nbformat.read(path, as_version=4))  # type: ignore[no-untyped-call]
    assert cleaned["inprocess"] == cleaned["kernel"]
    # cells: parameters, injected parameters, then SHOWCASE
    cells = cleaned["inprocess"].cells
    assert cells[2].outputs[0] == {"output_type": "stream", "name": "stdout", "text": "one\ntwo\n"}
    assert cells[2].outputs[1]["execution_count"] == cells[2].execution_count == 3
    assert [o["output_type"] for o in cells[3].outputs] == ["display_data", "display_data"]
    assert cells[4].outputs[0]["data"]["application/json"] == {"t": [1, 2], "n": 0.304}
    assert cells[5].outputs[0]["name"] == "stderr"
    assert cells[6].outputs == []  # an empty cell is not run and has no count
    assert cells[6].execution_count is None
    assert cells[7].outputs[0]["data"]["text/plain"] == "6"


def test_a_failing_cell_fails_its_report_and_keeps_the_previous_one(tmp_path: Path) -> None:
    old = tmp_path / "boom" / "2024"
    old.mkdir(parents=True)
    (old / REPORT_HTML).write_text("previous good report", encoding="utf-8")
    with KernelPool(1, INPROCESS) as pool:
        records = pool.run(
            [_job(WARM, tmp_path, "a"), _job(WARM, tmp_path, "boom"), _job(WARM, tmp_path, "c")]
        )
    status = {r.unit: (r.status, r.attempts) for r in records}
    assert status == {"a": ("ok", 1), "boom": ("failed", 1), "c": ("ok", 1)}
    failed = next(r for r in records if r.unit == "boom")
    assert failed.error == "ValueError: the boom unit always fails"
    assert (old / REPORT_HTML).read_text(encoding="utf-8") == "previous good report"
    assert "the boom unit always fails" in (old / ERROR_PAGE).read_text(encoding="utf-8")
    partial = json.loads((old / FAILED_NOTEBOOK).read_text(encoding="utf-8"))
    errors = [
        o for c in partial["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"
    ]
    assert [e["ename"] for e in errors] == ["ValueError"]
    assert any("boom unit" in line for line in errors[0]["traceback"])


def test_each_report_in_process_starts_as_a_fresh_kernel_would(tmp_path: Path) -> None:
    with KernelPool(1, INPROCESS) as pool:
        records = pool.run([_job(WARM, tmp_path, "first"), _job(WARM, tmp_path, "second")])
    assert [r.status for r in records] == ["ok", "ok"], [r.error for r in records]
    first, second = (
        json.loads((tmp_path / unit / "2024" / HEADLINE).read_text(encoding="utf-8"))
        for unit in ("first", "second")
    )
    assert first["pid"] == second["pid"] == os.getpid()
    assert second == {**first, "unit": "second"}
    assert second["leaked"] is False
    assert second["cwd_is_kernel_home"] is True
    assert second["tbl_rows"] is None


def test_a_cell_that_runs_too_long_fails_its_report_and_the_next_runs(tmp_path: Path) -> None:
    slow = _notebook(
        tmp_path, "import time\nif unit == 'slow':\n    while True:\n        time.sleep(0.05)"
    )
    started = time.monotonic()
    with KernelPool(1, RunOptions(engine="inprocess", formats=("html",), cell_timeout=2)) as pool:
        records = pool.run([_job(slow, tmp_path, "slow"), _job(slow, tmp_path, "c")])
    assert time.monotonic() - started < 30
    status = {r.unit: r.status for r in records}
    assert status == {"slow": "failed", "c": "ok"}
    slow = next(r for r in records if r.unit == "slow")
    assert slow.error is not None
    assert "longer than 2 s" in slow.error
    assert slow.attempts == 1
    assert (tmp_path / "slow" / "2024" / ERROR_PAGE).exists()


def test_a_python_loop_past_the_timeout_is_stopped_in_its_thread(tmp_path: Path) -> None:
    notebook = _notebook(tmp_path, "n = 0\nwhile True:\n    n += 1", "print('never')")
    before = set(threading.enumerate())
    record = run_report(_job(notebook, tmp_path), RunOptions(engine="inprocess", cell_timeout=1))
    assert record.status == "failed"
    assert record.error is not None
    assert "longer than 1 s" in record.error
    time.sleep(0.5)
    cells = [t for t in threading.enumerate() if t.name == "stkit-cells" and t not in before]
    assert cells == []  # the cells' thread ended, none left behind


def test_ctrl_c_stops_the_running_cell_and_keeps_the_previous_report(tmp_path: Path) -> None:
    notebook = _notebook(tmp_path, "import time\nwhile True:\n    time.sleep(0.02)")
    old = tmp_path / "a" / "2024"
    old.mkdir(parents=True)
    (old / REPORT_HTML).write_text("previous good report", encoding="utf-8")
    timer = threading.Timer(1.5, os.kill, (os.getpid(), signal.SIGINT))
    started = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt), KernelPool(1, INPROCESS) as pool:
            pool.run([_job(notebook, tmp_path)])
    finally:
        timer.cancel()
    assert time.monotonic() - started < 15
    assert (old / REPORT_HTML).read_text(encoding="utf-8") == "previous good report"
    deadline = time.monotonic() + 10
    while not (old / ERROR_PAGE).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "stopped" in (old / ERROR_PAGE).read_text(encoding="utf-8")
    assert not list(old.parent.glob(".2024.staging-*"))


LEAKY = (
    (
        "import os, sys, builtins\nimport polars as pl\nimport altair as alt\n"
        "seen = {'tbl_rows': pl.Config.state().get('POLARS_FMT_MAX_ROWS'), 'theme': alt.theme.active,"
        " 'threads': os.environ.get('POLARS_MAX_THREADS')}\n"
        "pl.Config.set_tbl_rows(3)\npl.Config.set_float_precision(1)\nalt.theme.enable('dark')\n"
        "alt.data_transformers.disable_max_rows()\n"
        "sys.path.insert(0, '/nowhere')\nsys.argv.append('--odd')\nos.environ['STKIT_LEAK'] = '1'\n"
        "os.environ.pop('STKIT_KEEP', None)\nos.chdir('/')\nbuiltins.leaked = True\n"
        "sys.displayhook = None\nsys.excepthook = None"
    ),
    "seen",
)


def _process_state() -> dict[str, Any]:
    """What a notebook run in this process could change and must leave as it found it."""
    return {
        "polars": pl.Config.save(),
        "theme": alt.theme.active,
        "transformer": (alt.data_transformers.active, dict(alt.data_transformers.options)),
        "path": list(sys.path),
        "argv": list(sys.argv),
        "env": dict(os.environ),
        "main": sys.modules["__main__"],
        "hooks": (sys.displayhook, sys.excepthook, sys.stdout, sys.stderr),
        "builtins": sorted(vars(builtins)),
    }


def test_nothing_a_notebook_changes_stays_in_the_callers_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notebook = _notebook(tmp_path, *LEAKY)
    monkeypatch.setenv("STKIT_KEEP", "yes")
    monkeypatch.chdir(tmp_path)
    with pl.Config(tbl_rows=7):
        before = _process_state()
        record = run_report(_job(notebook, tmp_path / "out"), INPROCESS, generated_at=STAMP)
        assert record.status == "ok", record.error
        after = _process_state()
    assert after == before
    assert Path.cwd() == tmp_path
    from IPython.core.interactiveshell import InteractiveShell  # noqa: PLC0415

    assert not InteractiveShell.initialized()
    nb = json.loads((tmp_path / "out" / "a" / "2024" / REPORT_NOTEBOOK).read_text(encoding="utf-8"))
    shown = next(
        o for c in nb["cells"] for o in c.get("outputs", []) if o["output_type"] == "execute_result"
    )
    # the notebook saw polars and altair at their defaults, and the run's environment
    assert "'tbl_rows': None" in "".join(shown["data"]["text/plain"])
    assert "'theme': 'default'" in "".join(shown["data"]["text/plain"])
    assert "'threads': '" in "".join(shown["data"]["text/plain"])


def test_the_in_process_engine_runs_one_notebook_at_a_time() -> None:
    with pytest.raises(ValueError, match="one worker"):
        KernelPool(2, INPROCESS)


def test_auto_is_in_process_for_one_report_and_kernels_otherwise() -> None:
    assert RunOptions().resolved(one_report=True).engine == "inprocess"
    assert RunOptions().resolved(one_report=False).engine == "kernel"
    assert RunOptions(engine="kernel").resolved(one_report=True).engine == "kernel"


def test_mini_report_in_process_equals_the_kernel_report(tmp_path: Path) -> None:
    for engine, options in (
        ("inprocess", RunOptions(engine="inprocess")),
        ("kernel", RunOptions(engine="kernel")),
    ):
        record = run_report(_job(MINI, tmp_path / engine), options, generated_at=STAMP)
        assert record.status == "ok", record.error
    ours, theirs = (tmp_path / e / "a" / "2024" for e in ("inprocess", "kernel"))
    assert _files(ours) == _files(theirs)
    for name in ("report.pdf", "report.docx"):
        assert (ours / name).read_bytes() == (theirs / name).read_bytes(), name


def test_a_stopped_session_refuses_to_run() -> None:
    session = InProcessSession(cwd=Path.cwd())
    import asyncio  # noqa: PLC0415

    asyncio.run(session.start())
    asyncio.run(session.shutdown())
    assert not session.alive


def test_altair_first_imported_by_a_notebook_is_left_at_its_defaults() -> None:
    from stkit.reports.inprocess import _restore_altair  # noqa: PLC0415

    alt.theme.enable("dark")
    try:
        _restore_altair(None)  # what the run saw before: altair not imported
        assert alt.theme.active == "default"
    finally:
        alt.theme.enable("default")


IN_PROCESS_BATCH = """
import sys
from pathlib import Path
from stkit.reports.batch import report_all
from stkit.reports.runner import ReportJob, RunOptions
notebook, out = Path(sys.argv[1]), Path(sys.argv[2])
jobs = [ReportJob(unit="a", year=2024, lang="vi", title="a", notebook=notebook, target=out / "a" / "2024")]
report_all(jobs, out=out, data_dir=None, workers=1, options=RunOptions(engine="inprocess"))
"""


def test_sigterm_mid_report_in_process_exits_promptly_and_cleans_up(tmp_path: Path) -> None:
    notebook = _notebook(tmp_path, "import time\ntime.sleep(600)")
    out = tmp_path / "out"
    old = out / "a" / "2024"
    old.mkdir(parents=True)
    (old / REPORT_HTML).write_text("previous good report", encoding="utf-8")
    run = subprocess.Popen(
        [sys.executable, "-c", IN_PROCESS_BATCH, str(notebook), str(out)],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    tmp = Path(tempfile.gettempdir())
    try:
        deadline = time.monotonic() + 180
        while not list(old.parent.glob(".2024.staging-*")) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert list(tmp.glob(f"stkit-kernel-{run.pid}-*")), "the cells' private folder"
        time.sleep(1)  # the cell is sleeping now
        started = time.monotonic()
        run.send_signal(signal.SIGTERM)
        code = run.wait(timeout=120)
        assert time.monotonic() - started < 30  # not the 600 s cell
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait(timeout=30)
    assert code == 128 + signal.SIGTERM
    assert list(tmp.glob(f"stkit-inputs-{run.pid}-*")) == []
    assert (old / REPORT_HTML).read_text(encoding="utf-8") == "previous good report"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "incomplete"
