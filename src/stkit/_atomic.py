"""Write files all or nothing: through a temporary sibling and one rename.

The one home of atomic writing: a reader never sees half a file, and a failed write
leaves the target as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

__all__ = [
    "atomic_file",
    "current_umask",
    "staged_folder",
    "write_json_atomic",
    "write_text_atomic",
]


def current_umask() -> int:
    """The process's file-mode mask (read without changing it where Linux allows)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_file(target: Path, *, suffix: str = "") -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target` in one step."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    os.fchmod(handle, 0o666 & ~current_umask())  # as a plain open would, not mkstemp's 0600
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        temp.replace(target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise


def write_text_atomic(target: Path, text: str) -> None:
    """Write `text` (UTF-8) to `target` atomically."""
    with atomic_file(target) as temp:
        temp.write_text(text, encoding="utf-8")


def write_json_atomic(target: Path, payload: Mapping[str, Any]) -> None:
    """Write `payload` as indented UTF-8 JSON to `target` atomically."""
    write_text_atomic(target, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


@contextlib.contextmanager
def staged_folder(out: Path) -> Iterator[Path]:
    """Yield an empty folder beside `out`; on success its files are moved into `out`.

    A new `out` is renamed into place in one step; into an existing folder each file is
    moved with an atomic replace (other files already in `out` are kept). On error
    nothing reaches `out`.
    """
    out = out.expanduser()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        yield staging
        if not out.exists():
            staging.rename(out)
        else:
            for path in sorted(staging.rglob("*")):
                if path.is_file():
                    destination = out / path.relative_to(staging)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    path.replace(destination)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
