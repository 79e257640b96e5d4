"""Run a report notebook in this process: an IPython shell of its own, no kernel to start.

For one report (`stkit report <unit>`) a kernel costs more than the notebook: starting
it and importing the report modules takes about 1.1 s, while this process has them
imported already. `InProcessSession` executes the cells with a fresh IPython
`InteractiveShell` (the shell inside ipykernel) and records what a kernel would have
sent as nbclient records it: `execute_result` (with the cell's execution count),
`display_data`, `stream` and `error` outputs, the cell's execution count, and the
notebook's `language_info`. Rich outputs go through the same IPython formatters and
the same JSON round trip as the kernel's messages, so the executed notebook and the
page are those of a kernel run (tested byte for byte).

What a notebook can change in the process is put back when it ends (`_ProcessState`):
working folder (the cells run in a private folder, as in a kernel), environment
variables, `sys.path`, `sys.argv`, `__main__`, builtins, the display and exception
hooks, polars' settings (a notebook starts from polars' defaults, as in a fresh
kernel), altair's theme and data transformer, warnings filters and IPython's current
shell. Printing from other threads is not captured (the shell's streams are per
thread).

Cells run in a thread of their own, one notebook after another, and the caller waits
for each with the cell timeout. A cell that runs too long, or a run being stopped
(Ctrl-C, SIGTERM), gets an exception raised in that thread (the next time it runs
Python code) and its report fails; a cell blocked inside native code keeps its
thread until it returns, so the thread is left behind (a daemon, its outputs
dropped). Notebooks whose timeout must cut a cell off at once, or that must not
share the process (a crash would end it), run on a kernel (`RunOptions.engine`).
"""

from __future__ import annotations

import builtins
import contextlib
import ctypes
import io
import json
import os
import queue
import sys
import threading
import types
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode

from stkit.reports.kernel import CellError, CellTimeout, KernelFailure, kernel_environment

SKIP_TAG = "skip-execution"
ERRORS_ALLOWED_TAG = "raises-exception"
STOP_GRACE = 2.0
"""Seconds a stopped cell is given to end before its thread is left behind."""


def language_info() -> dict[str, Any]:
    """The `language_info` ipykernel reports (nbclient copies it into the notebook)."""
    return {
        "codemirror_mode": {"name": "ipython", "version": sys.version_info[0]},
        "file_extension": ".py",
        "mimetype": "text/x-python",
        "name": "python",
        "nbconvert_exporter": "python",
        "pygments_lexer": f"ipython{sys.version_info[0]}",
        "version": sys.version.split()[0],
    }


class Stopped(BaseException):
    """Raised inside a running cell to stop it (timeout, or the run being stopped)."""


def _as_message_json(value: Any) -> Any:
    """`value` as a kernel message carries it: through JSON (tuples become lists...)."""
    from jupyter_client.jsonutil import json_default  # noqa: PLC0415 - small, only here

    return json.loads(json.dumps(value, default=json_default, ensure_ascii=False))


@dataclass
class _Cell:
    """What one cell produced: its outputs, execution count and error (if any)."""

    outputs: list[NotebookNode] = field(default_factory=list)
    execution_count: int | None = None
    error: tuple[str, str] | None = None
    clear_before_next: bool = False

    def add(self, output: NotebookNode) -> None:
        if self.clear_before_next:
            self.outputs.clear()
            self.clear_before_next = False
        self.outputs.append(output)

    def stream(self, name: str, text: str) -> None:
        last = self.outputs[-1] if self.outputs and not self.clear_before_next else None
        if last is not None and last.output_type == "stream" and last.name == name:
            last.text += text
        else:
            self.add(nbformat.v4.new_output("stream", name=name, text=text))  # type: ignore[no-untyped-call]


class _CellStream(io.TextIOBase):
    """`sys.stdout`/`sys.stderr` while cells run: the cells' thread writes into its cell."""

    def __init__(
        self, name: str, real: Any, owner: threading.Thread, sink: Callable[[], _Cell | None]
    ) -> None:
        self.name = name
        self.real = real
        self.owner = owner
        self.sink = sink

    def write(self, text: str) -> int:
        cell = self.sink() if threading.current_thread() is self.owner else None
        if cell is None:
            return int(self.real.write(text))
        cell.stream(self.name, text)
        return len(text)

    def flush(self) -> None:
        if threading.current_thread() is not self.owner:
            self.real.flush()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"


def _shell(sink: Callable[[], _Cell | None]) -> Any:
    """A new IPython shell whose displays, results and errors go into the current cell."""
    from IPython.core.displayhook import DisplayHook  # noqa: PLC0415 - IPython only here
    from IPython.core.displaypub import DisplayPublisher  # noqa: PLC0415
    from IPython.core.interactiveshell import InteractiveShell  # noqa: PLC0415
    from traitlets.config import Config  # noqa: PLC0415

    class Publisher(DisplayPublisher):
        def publish(self, data: Any, metadata: Any = None, *_: Any, **__: Any) -> None:
            cell = sink()
            if cell is not None:
                cell.add(
                    nbformat.v4.new_output(  # type: ignore[no-untyped-call]
                        "display_data",
                        data=_as_message_json(data),
                        metadata=_as_message_json(metadata or {}),
                    )
                )

        def clear_output(self, wait: bool = False) -> None:
            cell = sink()
            if cell is None:
                return
            if wait:
                cell.clear_before_next = True
            else:
                cell.outputs.clear()

    class Hook(DisplayHook):
        def start_displayhook(self) -> None:
            self._shown: tuple[Any, Any] | None = None

        def write_output_prompt(self) -> None:
            pass

        def write_format_data(self, format_dict: Any, md_dict: Any = None) -> None:
            self._shown = (format_dict, md_dict or {})

        def finish_displayhook(self) -> None:
            cell, shown = sink(), getattr(self, "_shown", None)
            if cell is not None and shown is not None and shown[0]:
                cell.add(
                    nbformat.v4.new_output(  # type: ignore[no-untyped-call]
                        "execute_result",
                        data=_as_message_json(shown[0]),
                        metadata=_as_message_json(shown[1]),
                        execution_count=cell.execution_count,
                    )
                )
            self._shown = None

    class Shell(InteractiveShell):
        def _showtraceback(self, etype: Any, evalue: Any, stb: Any) -> None:
            cell = sink()
            if cell is None:
                return
            name, text = str(etype.__name__), str(evalue)
            cell.add(
                nbformat.v4.new_output(  # type: ignore[no-untyped-call]
                    "error", ename=name, evalue=text, traceback=list(stb)
                )
            )
            cell.error = (name, text)

        def init_display_pub(self) -> None:
            make: Any = Publisher
            self.display_pub = make(shell=self, parent=self)
            configurables: Any = self.configurables
            configurables.append(self.display_pub)

        def init_displayhook(self) -> None:
            from IPython.core.display_trap import DisplayTrap  # noqa: PLC0415

            make: Any = Hook
            self.displayhook = make(shell=self, cache_size=self.cache_size, parent=self)
            configurables: Any = self.configurables
            configurables.append(self.displayhook)
            trap: Any = DisplayTrap
            self.display_trap = trap(hook=self.displayhook)

    config = Config()
    config.HistoryManager.enabled = False  # no history file written
    module = types.ModuleType("__main__")
    make: Any = Shell
    shell = make(config=config, user_module=module)
    import atexit  # noqa: PLC0415

    atexit.unregister(shell.atexit_operations)  # nothing to save; do not keep it alive
    return shell


class _ProcessState:
    """What a notebook may change in this process, saved before and put back after it."""

    def __init__(self) -> None:
        from IPython.core.interactiveshell import InteractiveShell  # noqa: PLC0415

        self.cwd = Path.cwd()
        self.environ = dict(os.environ)
        self.path = list(sys.path)
        self.argv = list(sys.argv)
        self.main = sys.modules.get("__main__")
        self.builtins = dict(vars(builtins))
        self.hooks = (sys.displayhook, sys.excepthook, sys.stdout, sys.stderr)
        self.instances = {
            cls: cls.__dict__["_instance"]
            for cls in InteractiveShell.mro()
            if "_instance" in cls.__dict__
        }
        self.polars = _polars_settings()
        self.altair = _altair_settings()

    def restore(self) -> None:
        from IPython.core.interactiveshell import InteractiveShell  # noqa: PLC0415

        for cls in InteractiveShell.mro():
            if "_instance" in cls.__dict__ and cls not in self.instances:
                delattr(cls, "_instance")
        for cls, instance in self.instances.items():
            cls._instance = instance  # type: ignore[attr-defined]
        sys.displayhook, sys.excepthook, sys.stdout, sys.stderr = self.hooks
        current = vars(builtins)
        for name in set(current) - set(self.builtins):
            del current[name]
        current.update(self.builtins)
        if self.main is not None:
            sys.modules["__main__"] = self.main
        sys.argv[:] = self.argv
        sys.path[:] = self.path
        for name in set(os.environ) - set(self.environ):
            del os.environ[name]
        for name, value in self.environ.items():
            if os.environ.get(name) != value:
                os.environ[name] = value
        _restore_polars(self.polars)
        _restore_altair(self.altair)
        with contextlib.suppress(OSError):
            os.chdir(self.cwd)


def _polars_settings() -> str | None:
    polars = sys.modules.get("polars")
    return None if polars is None else str(polars.Config.save())


def _restore_polars(saved: str | None) -> None:
    polars = sys.modules.get("polars")
    if polars is None:
        return
    polars.Config.restore_defaults()
    if saved is not None:
        polars.Config.load(saved)


def _altair_registries() -> list[Any]:
    """altair's data transformers, renderers and themes, if altair is imported."""
    altair = sys.modules.get("altair")
    if altair is None:
        return []
    themes = getattr(getattr(altair, "theme", None), "_themes", None)  # altair >= 5.5
    if themes is None:
        themes = getattr(altair, "themes", None)  # earlier versions
    registries = [altair.data_transformers, altair.renderers, themes]
    return [registry for registry in registries if registry is not None]


def _altair_settings() -> list[tuple[Any, str, dict[str, Any]]] | None:
    """What is enabled in each altair registry; None when altair is not imported."""
    if "altair" not in sys.modules:
        return None
    return [(r, r.active, dict(r.options)) for r in _altair_registries()]


def _restore_altair(saved: list[tuple[Any, str, dict[str, Any]]] | None) -> None:
    if saved is None:  # imported by the notebook: back to what a first import gives
        _altair_defaults()
        return
    for registry, name, options in saved:
        with contextlib.suppress(Exception):
            registry.enable(name, **options)


def _altair_defaults() -> None:
    for registry in _altair_registries():
        with contextlib.suppress(Exception):
            registry.enable("default")


def _fresh_settings() -> None:
    """Start a notebook as a fresh kernel would: polars and altair at their defaults."""
    polars = sys.modules.get("polars")
    if polars is not None:
        polars.Config.restore_defaults()
    _altair_defaults()


@contextlib.contextmanager
def process_state_kept(cwd: Path, env: Mapping[str, str] | None = None) -> Iterator[None]:
    """Run the block in `cwd`, with `env` added to the environment (as a kernel's) and fresh
    polars/altair settings; put the process back as it was after."""
    saved = _ProcessState()
    try:
        os.environ.clear()
        os.environ.update(kernel_environment(env or {}, base=saved.environ))
        with warnings.catch_warnings():
            warnings.resetwarnings()  # Python's own defaults, as in a new kernel process
            for category in (
                DeprecationWarning,
                PendingDeprecationWarning,
                ImportWarning,
                ResourceWarning,
            ):
                warnings.simplefilter("ignore", category)
            warnings.filterwarnings("default", category=DeprecationWarning, module="__main__")
            os.chdir(cwd)
            _fresh_settings()
            yield
    finally:
        saved.restore()


def _make_current(shell: Any) -> None:
    """Make `shell` IPython's current one (what `IPython.display.display` looks up)."""
    from IPython.core.interactiveshell import InteractiveShell  # noqa: PLC0415

    for cls in type(shell).mro():
        if issubclass(cls, InteractiveShell):
            cls._instance = shell


def _raise_in(thread: threading.Thread) -> None:
    """Raise `Stopped` in `thread` the next time it runs Python code."""
    if thread.ident is not None and thread.is_alive():
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(thread.ident), ctypes.py_object(Stopped)
        )


class InProcessSession:
    """Runs notebooks in this process, one at a time; the interface of `KernelSession`."""

    def __init__(self, *, cwd: Path, env: Mapping[str, str] | None = None) -> None:
        self.cwd = cwd
        self.env = dict(env or {})
        self.starts = 0
        self._started = False
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    @property
    def alive(self) -> bool:
        """Whether `start` was called and the session was not shut down since."""
        return self._started

    async def start(self) -> None:
        """Nothing to start (the modules are this process's); counted as a kernel start would be."""
        self.starts += 1
        self._started = True

    async def reset(self) -> None:
        """Nothing to reset: every notebook gets a new shell and namespace."""
        if not self._started:
            raise KernelFailure("the in-process session was shut down")

    async def shutdown(self) -> None:
        """End the session (a notebook still running is stopped)."""
        if self._thread is not None:
            _raise_in(self._thread)
        self._started = False

    def stop(self) -> None:
        """Stop the running cell, if any (the run is being stopped)."""
        self._stopping.set()
        if self._thread is not None:
            _raise_in(self._thread)

    async def run(self, nb: NotebookNode, *, cell_timeout: float) -> None:
        """Execute every cell of `nb` in place (outputs kept up to a failing cell)."""
        self.run_blocking(nb, cell_timeout=cell_timeout)

    def run_blocking(self, nb: NotebookNode, *, cell_timeout: float) -> None:
        """Execute `nb`'s code cells in a thread of their own; raise as `KernelSession.run` does."""
        if self._stopping.is_set():
            raise CellError("the run was stopped")
        nb.metadata["language_info"] = language_info()
        cells = [
            (index, cell)
            for index, cell in enumerate(nb.cells)
            if cell.cell_type == "code"
            and cell.source.strip()
            and SKIP_TAG not in cell.metadata.get("tags", [])
        ]
        for _, cell in cells:
            cell.outputs = []
        ready: queue.Queue[tuple[int, _Cell] | BaseException] = queue.Queue()
        go: queue.Queue[int | None] = queue.Queue()
        current: list[_Cell | None] = [None]
        thread = threading.Thread(
            target=self._cells, args=(cells, current, go, ready), name="stkit-cells", daemon=True
        )
        with process_state_kept(self.cwd, self.env):
            sys.stdout = _CellStream("stdout", sys.stdout, thread, lambda: current[0])
            sys.stderr = _CellStream("stderr", sys.stderr, thread, lambda: current[0])
            self._thread = thread
            thread.start()
            try:
                self._drive(cells, go, ready, thread, cell_timeout)
            finally:
                go.put(None)
                self._thread = None

    def _drive(
        self,
        cells: list[tuple[int, NotebookNode]],
        go: queue.Queue[int | None],
        ready: queue.Queue[tuple[int, _Cell] | BaseException],
        thread: threading.Thread,
        cell_timeout: float,
    ) -> None:
        for position, (_, cell) in enumerate(cells):
            go.put(position)
            try:
                answer = ready.get(timeout=cell_timeout)
            except queue.Empty:
                _raise_in(thread)
                thread.join(STOP_GRACE)
                self._started = False  # as a stuck kernel: the next report starts afresh
                raise CellTimeout(
                    f"a cell ran longer than {cell_timeout:.0f} s and was stopped"
                ) from None
            if not isinstance(answer, BaseException):
                _, result = answer
                cell.outputs = result.outputs
                if result.execution_count is not None:
                    cell["execution_count"] = result.execution_count
            if self._stopping.is_set():
                raise CellError("the run was stopped")
            if isinstance(answer, BaseException):
                self._started = False
                raise KernelFailure(f"{type(answer).__name__}: {answer}") from answer
            if result.error is not None and ERRORS_ALLOWED_TAG not in cell.metadata.get("tags", []):
                raise CellError(f"{result.error[0]}: {result.error[1]}")

    def _cells(
        self,
        cells: list[tuple[int, NotebookNode]],
        current: list[_Cell | None],
        go: queue.Queue[int | None],
        ready: queue.Queue[tuple[int, _Cell] | BaseException],
    ) -> None:
        """The cells' thread: a new shell, then each cell when the caller says go."""
        try:
            shell = _shell(lambda: current[0])
            _make_current(shell)
            while (position := go.get()) is not None:
                index, cell = cells[position]
                result = _Cell(execution_count=shell.execution_count)
                current[0] = result
                try:
                    shell.run_cell(cell.source, store_history=True)
                finally:
                    current[0] = None
                ready.put((index, result))
        except BaseException as error:  # noqa: BLE001 - handed to the caller
            ready.put(error)


__all__ = ["InProcessSession", "Stopped", "language_info", "process_state_kept"]
