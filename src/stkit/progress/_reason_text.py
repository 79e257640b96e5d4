"""The `reason` column: notes joined by "; " in a fixed order, for all targets at once.

Most notes are a fixed text shown where a condition holds (`Note`). Joining text row by
row costs in proportion to the number of columns joined, and a column of fixed text per
note costs a pass of its own, so each run of consecutive fixed notes becomes one column:
the conditions form a bit mask, and the mask picks the run's texts, joined beforehand for
every combination, from a small table (a gather, no text built per row).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

SEPARATOR = "; "

#: Most fixed notes in one lookup table (2**RUN_LIMIT joined texts); longer runs are split.
RUN_LIMIT = 10


@dataclass(frozen=True)
class Note:
    """The fixed `text`, on the rows where `condition` is true."""

    condition: pl.Expr
    text: str


def joined_notes(parts: list[pl.Expr | Note]) -> pl.Expr:
    """The texts of `parts` that apply to a row, in order, joined by SEPARATOR ("" if none).

    An expression part is a text column (null: no note); a `Note` applies where its
    condition is true (null counts as false).
    """
    columns: list[pl.Expr] = []
    run: list[Note] = []
    for part in parts:
        if isinstance(part, Note):
            run.append(part)
            continue
        columns += _fixed(run)
        run = []
        columns.append(part)
    columns += _fixed(run)
    return pl.concat_str(columns, separator=SEPARATOR, ignore_nulls=True)


def _fixed(run: list[Note]) -> list[pl.Expr]:
    """One column per RUN_LIMIT notes of `run`: their joined texts where they apply."""
    return [_lookup(run[at : at + RUN_LIMIT]) for at in range(0, len(run), RUN_LIMIT)]


def _lookup(notes: list[Note]) -> pl.Expr:
    """The texts of `notes` that apply to a row, joined; null where none applies."""
    if len(notes) == 1:
        return pl.when(notes[0].condition).then(pl.lit(notes[0].text))
    mask = pl.sum_horizontal(
        note.condition.fill_null(value=False).cast(pl.UInt32) * pl.lit(1 << bit, dtype=pl.UInt32)
        for bit, note in enumerate(notes)
    )
    texts = [
        SEPARATOR.join(note.text for bit, note in enumerate(notes) if combination >> bit & 1)
        or None
        for combination in range(1 << len(notes))
    ]
    return pl.lit(pl.Series(texts, dtype=pl.String)).gather(mask)
