"""Errors a planner can act on: what went wrong, where, and how to fix it."""

from __future__ import annotations

from pathlib import Path


class StkitError(Exception):
    """Base of every error stkit raises on purpose; the CLI prints it and exits 2."""


class DataFileError(StkitError):
    """A data file breaks a rule: names the file, the place in it, the rule and the fix."""

    def __init__(
        self,
        file: str | Path,
        message: str,
        *,
        where: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.file = str(file)
        self.where = where
        self.message = message
        self.fix = fix
        parts = [self.file]
        if where:
            parts.append(where)
        text = f"{': '.join(parts)}: {message}"
        if fix:
            text += f" Fix: {fix}"
        super().__init__(text)
