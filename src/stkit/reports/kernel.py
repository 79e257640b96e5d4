"""A Jupyter kernel kept alive across report notebooks: start once, preload, reset, run.

The notebook is executed by nbclient (the engine papermill drives) on a kernel this
object owns, so one kernel serves many reports: report modules are imported once
(`preload`) and inputs read once (`stkit.reports.inputs`). Before each notebook the
kernel is reset (`stkit.reports.kernel_state`), so a report sees a fresh namespace
and numbers its cells from 1 as a fresh kernel would. Parameters are injected as
papermill does: a cell tagged `injected-parameters` right after the cell tagged
`parameters` (the notebooks stay runnable with papermill itself).

Failures are sorted by what to do next: `CellError` (a cell raised; the kernel is
fine, the report fails), `CellTimeout` (the kernel is stuck; it is restarted, the
report fails), `KernelFailure` (the kernel could not start or died; it is
restarted and the report retried by the runner).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbformat import NotebookNode

from stkit.reports.executed import source_date_epoch

PRELOAD = (
    "stkit.reports.city",
    "stkit.reports.overview",
    "stkit.reports.charts",
    "stkit.reports.tables",
)
PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"


class CellError(Exception):
    """A cell of the report notebook raised an error (not retried: it would fail again)."""


class CellTimeout(Exception):
    """A cell ran longer than the cell timeout (the kernel is restarted; not retried)."""


class KernelFailure(Exception):
    """The kernel did not start, or died while running (retried on a new kernel)."""


def _literal(value: Any) -> str:
    """A Python literal for `value`; strings in double quotes, as papermill writes them."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and not math.isfinite(value):
        return f'float("{value}")'
    return repr(value)


def parameters_source(parameters: Mapping[str, Any]) -> str:
    """Return the source of the injected parameters cell (`name = value` per line)."""
    lines = ["# Parameters"]
    lines += [f"{name} = {_literal(value)}" for name, value in parameters.items()]
    return "\n".join(lines) + "\n"


def parameterised(notebook: Path, parameters: Mapping[str, Any]) -> NotebookNode:
    """Read `notebook` and insert the parameters cell after its `parameters` cell (or first)."""
    nb: NotebookNode = nbformat.read(notebook, as_version=4)  # type: ignore[no-untyped-call]
    cell = nbformat.v4.new_code_cell(  # type: ignore[no-untyped-call]
        parameters_source(parameters), metadata={"tags": [INJECTED_TAG]}
    )
    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.metadata.get("tags", [])]
    tagged = [i for i, c in enumerate(nb.cells) if PARAMETERS_TAG in c.metadata.get("tags", [])]
    nb.cells.insert(tagged[0] + 1 if tagged else 0, cell)
    return nb


def kernel_environment(
    extra: Mapping[str, str], *, base: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The kernel's environment: ours (or `base`) plus `extra`, without a `SOURCE_DATE_EPOCH`
    that is not a usable time (tools inside the kernel would stop on it)."""
    env = {**(os.environ if base is None else base), **extra}
    text = env.get("SOURCE_DATE_EPOCH")
    if text is not None and source_date_epoch(text) is None:
        del env["SOURCE_DATE_EPOCH"]
    return env


class KernelSession:
    """One kernel process and its client; `run` executes notebooks on it one after another."""

    def __init__(
        self,
        *,
        kernel_name: str,
        env: Mapping[str, str],
        cwd: Path,
        log: IO[bytes],
        start_timeout: float,
        preload: Sequence[str] = PRELOAD,
    ) -> None:
        self.kernel_name = kernel_name
        self.env = dict(env)
        self.cwd = cwd
        self.log = log
        self.start_timeout = start_timeout
        self.preload = tuple(preload)
        self._km: AsyncKernelManager | None = None
        self._kc: Any = None
        self.starts = 0

    @property
    def alive(self) -> bool:
        """Whether a kernel was started and not shut down since (it may still have died)."""
        return self._km is not None

    async def start(self) -> None:
        """Start the kernel, wait until it answers, import `preload`; raise KernelFailure."""
        await self.shutdown()
        self.starts += 1
        km = AsyncKernelManager(kernel_name=self.kernel_name)
        self._km = km
        try:
            await km.start_kernel(
                env=kernel_environment(self.env),
                cwd=str(self.cwd),
                stdout=self.log,
                stderr=self.log,
            )
            kc = km.client()
            self._kc = kc
            kc.start_channels()
            await self._until_ready(km, kc)
            kc.allow_stdin = False
            if self.preload:
                await self._silent(f"import {', '.join(self.preload)}", self.start_timeout)
        except KernelFailure:
            await self.shutdown()
            raise
        except Exception as error:
            reason = await self._why_down(km, error)
            await self.shutdown()
            raise KernelFailure(reason) from error

    async def _until_ready(self, km: AsyncKernelManager, kc: Any) -> None:
        """Wait for the kernel to answer, but stop at once if its process has exited."""
        ready = asyncio.ensure_future(kc.wait_for_ready(timeout=self.start_timeout))
        try:
            while not ready.done():
                await asyncio.wait({ready}, timeout=0.2)
                if not ready.done() and not await km.is_alive():
                    raise KernelFailure(await self._why_down(km, None))
            ready.result()
        finally:
            if not ready.done():
                ready.cancel()
                with contextlib.suppress(BaseException):
                    await ready

    async def _why_down(self, km: AsyncKernelManager, error: BaseException | None) -> str:
        """A reason a planner can read for a kernel that did not come up."""
        code = None
        with contextlib.suppress(Exception):
            provisioner = km.provisioner
            if provisioner is not None:
                code = await provisioner.poll()
        if code is not None:
            return f"the kernel process exited during start-up (exit status {code})"
        if (
            error is None
            or isinstance(error, TimeoutError | RuntimeError)
            or (type(error).__name__ == "Empty")
        ):
            return f"the kernel did not answer within {self.start_timeout:.0f} s of starting"
        return f"the kernel could not start: {type(error).__name__}: {error}"

    async def _silent(self, code: str, timeout: float) -> dict[str, Any]:
        """Run `code` without output or history; return the reply's content."""
        msg_id = self._kc.execute(code, silent=True, store_history=False, allow_stdin=False)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"the kernel did not answer within {timeout:.0f} s")
            reply = await self._kc.get_shell_msg(timeout=remaining)
            if reply["parent_header"].get("msg_id") == msg_id:
                return dict(reply["content"])

    async def reset(self) -> None:
        """Leave the kernel as a fresh one would be (see `stkit.reports.kernel_state`)."""
        code = (
            f"__import__('stkit.reports.kernel_state', fromlist=['reset']).reset({str(self.cwd)!r})"
        )
        try:
            content = await self._silent(code, self.start_timeout)
        except Exception as error:
            reason = str(error) or f"no answer within {self.start_timeout:.0f} s"
            raise KernelFailure(f"the kernel did not reset: {reason}") from error
        if content.get("status") != "ok":
            raise KernelFailure(
                f"the kernel did not reset: {content.get('ename')}: {content.get('evalue')}"
            )

    async def run(self, nb: NotebookNode, *, cell_timeout: float) -> None:
        """Execute every cell of `nb` in place (outputs kept up to a failing cell)."""
        from nbclient import NotebookClient  # noqa: PLC0415 - heavy; only when running
        from nbclient.exceptions import (  # noqa: PLC0415
            CellExecutionError,
            CellTimeoutError,
        )

        client = NotebookClient(
            nb,
            km=self._km,
            kernel_name=self.kernel_name,
            timeout=int(cell_timeout),
            startup_timeout=int(self.start_timeout),
            record_timing=False,
        )
        client.kc = self._kc  # ours: a second client of the same session would steal its replies
        try:
            await client.async_execute()
        except CellExecutionError as error:
            raise CellError(f"{error.ename}: {error.evalue}") from error
        except CellTimeoutError as error:
            await self.shutdown()
            raise CellTimeout(
                f"a cell ran longer than {cell_timeout:.0f} s and was stopped"
            ) from error
        except Exception as error:  # a dead kernel or a broken channel: start again
            await self.shutdown()
            raise KernelFailure(f"{type(error).__name__}: {error}") from error

    async def shutdown(self) -> None:
        """Stop the kernel (at once: it holds nothing worth saving) and its channels."""
        km, kc = self._km, self._kc
        self._km, self._kc = None, None
        if kc is not None:
            with contextlib.suppress(Exception):
                kc.stop_channels()
        if km is not None:
            with contextlib.suppress(Exception):
                if km.has_kernel:
                    await km.shutdown_kernel(now=True)
