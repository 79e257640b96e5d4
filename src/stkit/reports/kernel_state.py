"""Run inside a report kernel between two notebooks: leave it as a fresh kernel would be.

What a notebook can change and the next one could see: the user namespace and the
input/output history (cleared by IPython's own reset, which also sets the execution
counter back to 1 so outputs are numbered as in a fresh kernel), the working
folder, and polars' display settings (restored to their defaults). Imported modules
stay loaded: that is the point of a warm kernel, and the report modules keep no
state but the read-only input cache of `stkit.reports.inputs`.
"""

from __future__ import annotations

import os
import sys
from typing import Any


def reset(cwd: str) -> None:
    """Clear the user namespace and history, go back to `cwd`, restore polars display settings."""
    from IPython import get_ipython  # noqa: PLC0415 - only inside a kernel

    shell: Any = get_ipython()
    if shell is not None:
        shell.reset(new_session=True)
    os.chdir(cwd)
    polars = sys.modules.get("polars")
    if polars is not None:
        polars.Config.restore_defaults()
