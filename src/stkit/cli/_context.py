"""State shared by every command: the global options."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import typer

from stkit.datadir import resolve_data_dir


@dataclass(frozen=True)
class CliState:
    """Global options given before the command name."""

    data_dir: Path | None = None


def data_dir_of(ctx: typer.Context, override: Path | None = None) -> Path:
    """Return the data directory: a command's own `--data-dir`, else the global one, else shipped."""
    state = ctx.find_object(CliState)
    chosen = override if override is not None else (state.data_dir if state else None)
    return resolve_data_dir(chosen)
