"""The record of a run: inputs with checksums, package versions, timing and status per unit."""

from __future__ import annotations

import hashlib
import platform
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from stkit.datadir import data_files

PACKAGES = (
    "stkit", "polars", "pandera", "altair", "vl-convert-python", "great_tables",
    "nbclient", "jupyter_client", "nbformat", "ipykernel", "babel",
)  # fmt: skip


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def input_files(root: Path) -> list[dict[str, Any]]:
    """List every data file under `root` (`stkit.datadir.data_files`) with its size and SHA-256.

    Only the data files' contents count: README files, scripts and caches do not.
    """
    files = data_files(root)
    return [
        {"path": p.relative_to(root).as_posix(), "bytes": p.stat().st_size, "sha256": sha256_of(p)}
        for p in files
    ]


def fingerprint(entries: Iterable[dict[str, Any]]) -> str:
    """Return one SHA-256 over a list of input entries (path and checksum of each)."""
    digest = hashlib.sha256()
    for entry in entries:
        digest.update(f"{entry['path']}\0{entry['sha256']}\n".encode())
    return digest.hexdigest()


def package_versions() -> dict[str, str]:
    """Return the installed version of each package a report depends on, plus Python's."""
    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


@dataclass(frozen=True)
class UnitRecord:
    """How one unit's report went."""

    unit: str
    year: int
    lang: str
    status: str  # "ok" or "failed"
    seconds: float
    attempts: int
    output: str
    error: str | None = None


def manifest(
    *,
    started_at: str,
    finished_at: str,
    seconds: float,
    data_dir: Path,
    notebooks: Iterable[Path],
    workers: int,
    polars_threads: int,
    records: Iterable[UnitRecord],
) -> dict[str, Any]:
    """Return the manifest of a run as a JSON-ready dict."""
    inputs = input_files(data_dir)
    return {
        "status": "complete",
        "started_at": started_at,
        "finished_at": finished_at,
        "seconds": round(seconds, 3),
        "data_dir": str(data_dir),
        "inputs_sha256": fingerprint(inputs),
        "inputs": inputs,
        "notebooks": [{"path": nb.name, "sha256": sha256_of(nb)} for nb in notebooks],
        "packages": package_versions(),
        "workers": workers,
        "polars_max_threads": polars_threads,
        "units": [asdict(r) for r in sorted(records, key=lambda r: (r.unit, r.year))],
    }


def incomplete_manifest(*, started_at: str) -> dict[str, Any]:
    """The manifest while a run goes on: reports may be half-way; nothing is final.

    Replaced by `manifest` when the run finishes; a run that is killed leaves this,
    so a reader never takes the previous run's record for the current reports.
    """
    return {
        "status": "incomplete",
        "started_at": started_at,
        "finished_at": None,
        "note": "A run started at started_at has not finished (still running, or stopped).",
        "units": [],
    }
