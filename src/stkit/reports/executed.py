"""Make an executed notebook reproducible: same inputs give the same bytes but for one line.

papermill and the kernel leave run-specific traces: timestamps and durations in
cell and notebook metadata, random cell ids (the injected parameters cell),
input/output paths. These are removed; cell ids become `cell-00`, `cell-01`, ...
The only varying line left is `"generated_at"` under the notebook's `stkit`
metadata (one line in the written JSON).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
from typing import Any

import nbformat
from nbformat import NotebookNode

HEADLINE_TAG = "headline"
GENERATED_MARK = "generated_at"
_CELL_METADATA_DROP = ("papermill", "execution", "collapsed", "scrolled", "ExecuteTime")


def generation_time() -> str:
    """Return the generation time (UTC, to the second); `SOURCE_DATE_EPOCH` fixes it if set."""
    epoch = source_date_epoch()
    when = (
        dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
        if epoch is not None
        else dt.datetime.now(tz=dt.UTC)
    )
    return when.replace(microsecond=0).isoformat()


def source_date_epoch(text: str | None = None) -> int | None:
    """`SOURCE_DATE_EPOCH` as seconds, or None when unset or not a usable time.

    `text` defaults to the environment's value. The reproducible-builds convention is a decimal count of seconds; anything else
    (`yesterday`, `-1`, a number past the year 9999) is ignored rather than fatal.
    """
    if text is None:
        text = os.environ.get("SOURCE_DATE_EPOCH", "")
    text = text.strip()
    if not text.isdigit() or not text.isascii():
        return None
    seconds = int(text)
    try:
        dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return seconds


def clean_notebook(nb: NotebookNode, *, generated_at: str | None = None) -> NotebookNode:
    """Return a copy of `nb` without run-specific metadata, with fixed cell ids."""
    out = copy.deepcopy(nb)
    out.metadata.pop("papermill", None)
    out.metadata.pop("widgets", None)
    if generated_at is not None:
        out.metadata["stkit"] = {GENERATED_MARK: generated_at}
    for index, cell in enumerate(out.cells):
        cell["id"] = f"cell-{index:02d}"
        for key in _CELL_METADATA_DROP:
            cell.metadata.pop(key, None)
        for output in cell.get("outputs", []):
            output.pop("transient", None)
    return out


def write_notebook(nb: NotebookNode) -> str:
    """Return the notebook as JSON text with sorted keys (nbformat's own layout)."""
    return str(nbformat.writes(nb, version=4)) + "\n"  # type: ignore[no-untyped-call]


def headline_of(nb: NotebookNode) -> dict[str, Any]:
    """Return the JSON output of the cell tagged `headline`, or an empty dict if none ran."""
    for cell in nb.cells:
        if HEADLINE_TAG not in cell.metadata.get("tags", []):
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "application/json" in data:
                value = data["application/json"]
                parsed = json.loads(value) if isinstance(value, str) else value
                return dict(parsed)
    return {}


def error_of(nb: NotebookNode) -> str | None:
    """Return `Name: message` of the first error output in `nb`, if any."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
    return None
