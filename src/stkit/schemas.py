"""The public input tables: their columns, and pandera schemas of their typed form.

A `TableSpec` says which columns a table has, what each holds and which are
required (the one declaration of each table's columns: `TableSpec.dtypes` is the frame
schema the registry's exports and progress use); `schema_for` builds the pandera (`pandera.polars`) schema that checks a
typed frame of that table. Every check is named after the rule it enforces (see
`stkit.i18n.messages`), so that `stkit.validation` can turn pandera's failure cases into
problems a planner can act on.

Year limits: figures and statuses from `EARLIEST_YEAR` (1990, before any provincial
S&T statistics in use) to the current year; target years up to `LATEST_TARGET_YEAR`
(2100: programmes state visions to 2045).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import polars as pl

from stkit.errors import StkitError
from stkit.i18n.messages import error, table_name
from stkit.vocab import (
    COMPARATORS,
    DIRECTIONS,
    INDICATOR_KINDS,
    MERGE_RULES,
    TASK_STATUSES,
    TERRITORIES,
)

if TYPE_CHECKING:
    import pandera.polars as pa

__all__ = [
    "DIRECTIONS",
    "INDICATORS",
    "KINDS",
    "MERGE_RULES",
    "OBSERVATIONS",
    "STATUSES",
    "TABLES",
    "TARGETS",
    "TASK_STATUS",
    "ColumnSpec",
    "TableSpec",
    "schema_for",
]

ColumnKind = Literal["text", "number", "integer", "year", "bool"]

EARLIEST_YEAR = 1990
LATEST_TARGET_YEAR = 2100

KINDS = INDICATOR_KINDS
"""Indicator kinds (`stkit.vocab.INDICATOR_KINDS`)."""
STATUSES = TASK_STATUSES
"""Task statuses (`stkit.vocab.TASK_STATUSES`)."""

CODE_PATTERN = r"^[A-Z][A-Z0-9_]*$"

DTYPES: Mapping[ColumnKind, pl.DataType] = {
    "text": pl.String(),
    "number": pl.Float64(),
    "integer": pl.Int64(),
    "year": pl.Int64(),
    "bool": pl.Boolean(),
}


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a public table."""

    name: str
    kind: ColumnKind
    required: bool = True
    allowed: tuple[str, ...] = ()
    """Accepted values of a text column (empty: any text)."""
    future: bool = False
    """For year columns: whether years after the current one are accepted (target years)."""
    blank: bool = False
    """A required column whose cells may be empty (a target without a value: best performers)."""


@dataclass(frozen=True)
class TableSpec:
    """A public table: its name, its columns and the columns that identify a row."""

    name: str
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Column names in the public order."""
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> ColumnSpec:
        """Return the spec of column `name`."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def dtypes(self) -> dict[str, pl.DataType]:
        """Column name → polars dtype, in the public order (a frame's `schema`)."""
        return {c.name: DTYPES[c.kind] for c in self.columns}

    def empty(self) -> pl.DataFrame:
        """Return an empty typed frame with this table's columns."""
        return pl.DataFrame(schema=self.dtypes)


INDICATORS = TableSpec(
    "indicators",
    (
        ColumnSpec("code", "text"),
        ColumnSpec("name_vi", "text"),
        ColumnSpec("name_en", "text", required=False),
        ColumnSpec("unit", "text"),
        ColumnSpec("direction", "text", allowed=DIRECTIONS),
        ColumnSpec("kind", "text", allowed=KINDS),
        ColumnSpec("merge_rule", "text", allowed=MERGE_RULES),
        ColumnSpec("weight_indicator", "text", required=False),
        ColumnSpec("source", "text", required=False),
    ),
    key=("code",),
)

OBSERVATIONS = TableSpec(
    "observations",
    (
        ColumnSpec("unit", "text"),
        ColumnSpec("indicator", "text"),
        ColumnSpec("period", "year"),
        ColumnSpec("value", "number"),
        ColumnSpec("source", "text"),
        ColumnSpec("note", "text", required=False),
        ColumnSpec("illustrative", "bool", required=False),
        # which generation of units `unit` is on: `former` (the 63, until 30 June 2025) or
        # `current` (the 34, since 1 July 2025); empty = by period (docs/units.md)
        ColumnSpec("territory", "text", required=False, allowed=TERRITORIES),
    ),
    key=("unit", "indicator", "period", "territory"),
)

TARGETS = TableSpec(
    "targets",
    (
        ColumnSpec("programme", "text"),
        ColumnSpec("target_id", "text"),
        ColumnSpec("unit", "text"),
        ColumnSpec("indicator", "text"),
        ColumnSpec("comparator", "text", allowed=COMPARATORS),
        ColumnSpec("value", "number", blank=True),
        ColumnSpec("year", "year", future=True),
        ColumnSpec("baseline_value", "number", required=False),
        ColumnSpec("baseline_year", "year", required=False),
    ),
    key=("programme", "target_id", "year"),
)

TASK_STATUS = TableSpec(
    "task_status",
    (
        ColumnSpec("programme", "text"),
        ColumnSpec("task", "text"),
        ColumnSpec("year", "year"),
        ColumnSpec("status", "text", allowed=STATUSES),
        ColumnSpec("evidence", "text", required=False),
        ColumnSpec("source", "text"),
    ),
    key=("programme", "task", "year"),
)

TABLES: Mapping[str, TableSpec] = {
    spec.name: spec for spec in (INDICATORS, OBSERVATIONS, TARGETS, TASK_STATUS)
}

# Checks that span columns: rule → the column a problem is reported against.
FRAME_RULE_COLUMN: Mapping[str, str] = {
    "weight_missing": "weight_indicator",
    "baseline_after_target": "baseline_year",
    "baseline_incomplete": "baseline_value",
}


def _column_check(rule: str, make: Callable[[pl.Expr], pl.Expr]) -> pa.Check:
    """A named column check from an expression builder (`True` = the cell passes)."""
    import pandera.polars as pa  # noqa: PLC0415 - pandera only where a schema is built

    def check(data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(make(pl.col(data.key)))

    return pa.Check(check, name=rule)


def _frame_check(rule: str, passes: pl.Expr) -> pa.Check:
    """A named row-wise check over several columns (`True` = the row passes)."""
    import pandera.polars as pa  # noqa: PLC0415 - pandera only where a schema is built

    def check(data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(passes.alias(rule))

    return pa.Check(check, name=rule)


def _checks_of(spec: ColumnSpec, current_year: int) -> list[pa.Check]:
    checks: list[pa.Check] = []
    if spec.allowed:
        allowed = list(spec.allowed)
        checks.append(_column_check("allowed_values", lambda c: c.is_in(allowed)))
    if spec.kind == "year":
        checks.append(
            _column_check("year_range", lambda c: (c >= EARLIEST_YEAR) & (c <= LATEST_TARGET_YEAR))
        )
        if not spec.future:
            # years beyond the sane range are reported once, as year_range
            checks.append(
                _column_check(
                    "year_future", lambda c: (c <= current_year) | (c > LATEST_TARGET_YEAR)
                )
            )
    return checks


def _key_passes(spec: TableSpec) -> pl.Expr:
    """The `duplicate` rule: true on a key's first row and on rows with an empty required
    key cell; an empty optional key cell is a value like any other."""
    keys = [pl.col(k) for k in spec.key]
    first = pl.struct(keys).is_first_distinct()
    required = [pl.col(k).is_null() for k in spec.key if spec.column(k).required]
    return first | pl.any_horizontal(required)


def _key_check(spec: TableSpec) -> pa.Check:
    """Rows repeating the key (`_key_passes`)."""
    return _frame_check("duplicate", _key_passes(spec))


def duplicate_rows(frame: pl.DataFrame, spec: TableSpec) -> pl.Series:
    """Rows repeating an earlier row's key (a row with an empty required key cell never does).

    The `duplicate` rule, as the schema's `_key_check` declares it, for callers that
    report many duplicates: see `first_rows`.
    """
    return first_rows(frame, spec).is_not_null().alias("duplicate")


def first_rows(
    frame: pl.DataFrame, spec: TableSpec, *, hashes: pl.Series | None = None
) -> pl.Series:
    """For each row repeating an earlier row's key, the position of the key's first row.

    Null on every other row: a key's first row, and a row with an empty required key
    cell (never a repeat). An empty optional key cell is a value like any other. The
    same rows as the schema's `duplicate` check (`_key_check`), found faster on large
    tables: the key is hashed once (64 bits), repeats are found among the hashes, then
    every repeated row's key is compared with its first row's; only if two different
    keys share a hash does the key itself decide (`_first_rows_by_key`). `hashes`
    (one per row) replaces the key's hash, for tests of that case.
    """
    key = list(spec.key)
    required = [pl.col(k).is_null() for k in key if spec.column(k).required]
    hashed = frame.select(
        (pl.struct(key).hash() if hashes is None else pl.lit(hashes)).alias("hash"),
        (pl.any_horizontal(required) if required else pl.lit(value=False)).alias("blank"),
    ).with_row_index("index")
    nothing = _no_rows(frame.height)
    if hashed["hash"].n_unique() == frame.height:  # every key differs from every other
        return nothing
    seen = hashed.with_columns(pl.col("hash").is_first_distinct().alias("new"))
    firsts = seen.filter(pl.col("new")).select("hash", pl.col("index").alias("first"))
    repeats = seen.filter(~pl.col("new") & ~pl.col("blank")).join(
        firsts, on="hash", how="left", maintain_order="left"
    )
    keys = frame.select(key)
    same = keys.gather(repeats["index"]).select(
        pl.all_horizontal(
            pl.col(k).eq_missing(pl.lit(keys[k].gather(repeats["first"]))) for k in key
        )
    )
    if not bool(same.to_series().all()):  # two keys with one hash
        return _first_rows_by_key(frame, spec)
    return nothing.scatter(repeats["index"], repeats["first"])


def _first_rows_by_key(frame: pl.DataFrame, spec: TableSpec) -> pl.Series:
    """`first_rows` by comparing keys, as `_key_check` declares the rule."""
    key = list(spec.key)
    rows = frame.select(key).with_row_index("index")
    repeated = frame.select(~_key_passes(spec)).to_series()
    firsts = rows.filter(~repeated).select(*key, pl.col("index").alias("first"))
    found = rows.filter(repeated).join(
        firsts, on=key, how="left", maintain_order="left", nulls_equal=True
    )
    return _no_rows(frame.height).scatter(found["index"], found["first"])


def _no_rows(height: int) -> pl.Series:
    return pl.repeat(None, height, dtype=pl.get_index_type(), eager=True).alias("first")


def schema_for(table: str, *, current_year: int, key_check: bool = True) -> pa.DataFrameSchema:
    """Return the pandera schema of the typed `table` (a key of `TABLES`).

    Extra columns are allowed (validation keeps a `_row` column alongside). Checks
    are named after rules in `stkit.i18n.messages`; nulls pass value checks and fail
    only the columns that are required. `key_check=False` leaves out the
    `duplicate` rule (checked then with `first_rows`).
    """
    import pandera.polars as pa  # noqa: PLC0415 - importing the specs stays light

    spec = TABLES[table]
    columns = {
        c.name: pa.Column(
            DTYPES[c.kind],
            checks=_checks_of(c, current_year),
            nullable=(not c.required or c.blank) and c.kind != "bool",
            required=True,
        )
        for c in spec.columns
    }
    checks = [_key_check(spec)] if key_check else []
    if table == "indicators":
        checks.append(
            _frame_check(
                "weight_missing",
                (pl.col("merge_rule") != "weighted_mean").fill_null(True)
                | pl.col("weight_indicator").is_not_null(),
            )
        )
        columns["code"] = pa.Column(
            pl.String,
            checks=[_column_check("code_format", lambda c: c.str.contains(CODE_PATTERN))],
            nullable=False,
        )
    if table == "targets":
        checks.append(
            _frame_check(
                "baseline_after_target",
                (pl.col("baseline_year") <= pl.col("year")).fill_null(True),
            )
        )
        checks.append(
            _frame_check(
                "baseline_incomplete",
                pl.col("baseline_value").is_null() == pl.col("baseline_year").is_null(),
            )
        )
    return pa.DataFrameSchema(columns, checks=checks, strict=False, name=table)


def require_columns(frame: pl.DataFrame, needed: Iterable[str], table: str) -> None:
    """Raise `StkitError` (vi and en) naming the columns of `needed` that `frame` lacks.

    For the library's functions that take frames (progress, tasks): the table is named as
    planners know it (`table_name`), e.g. "task status".
    """
    missing = [name for name in needed if name not in frame.columns]
    if missing:
        raise StkitError(
            error(
                "table_columns_missing",
                table=table,
                table_vi=table_name(table.replace(" ", "_"), "vi"),
                columns=", ".join(missing),
            )
        )
