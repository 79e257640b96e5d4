"""Validate the input tables and report every problem at once, in words a planner can act on.

Order: read each table as text (`stkit.readers.read_raw`), check its columns, turn
text into typed values (bad cells become problems, not guesses), run the table's
pandera schema (`stkit.schemas`) lazily and translate its failure cases, then run the
cross-table checks (units that exist for the period, indicators in the catalogue,
shares within 0–100, counts, programmes and tasks in the registry).

Every problem names the file, the sheet, the row as seen in Excel (header = row 1),
the column, the value, the rule, and a fix in Vietnamese or English
(`stkit.i18n.messages`). All checks are vectorised, and their problems stay one polars
frame (`stkit.problems`); Python loops run over distinct values, whole-row schema
failures and the few problems written out in `ValidationFailed`'s message.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandera.errors as pa_errors
import polars as pl

from stkit import units
from stkit.i18n import VIETNAM_TZ, Lang, today_in_vietnam
from stkit.i18n import messages as _messages
from stkit.inputs import Inputs
from stkit.problems import (
    PROBLEM_COLUMNS,
    Problem,
    ValidationFailed,
    empty_problems,
    problem_rows,
    problems_frame,
    shown,
    to_frame,
)
from stkit.readers import (
    ROW,
    NumberFormat,
    RawTable,
    ReadProblem,
    number_readings,
    parse_number_columns,
    sheet_names,
)
from stkit.schemas import (
    EARLIEST_YEAR,
    FRAME_RULE_COLUMN,
    LATEST_TARGET_YEAR,
    TABLES,
    TableSpec,
    first_rows,
    schema_for,
)

TABLE_ORDER: tuple[str, ...] = ("indicators", "observations", "targets", "task_status")
SHEETS: Mapping[str, str] = {name: name for name in TABLE_ORDER}
"""Sheet holding each table in a workbook (a one-sheet workbook may use any name)."""

VIETNAM = VIETNAM_TZ

_TRUE = ("true", "1", "yes", "y", "có", "co", "đúng", "x")
_FALSE = ("false", "0", "no", "n", "không", "khong", "sai")


# ------------------------------------------------------------------------------------------
# Reference data and results
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """What input tables are checked against: units, crosswalk, programmes and tasks.

    `programme_targets` and `programme_task_status` are the registry's own tables,
    used when no targets / task-status file is given.
    """

    units: pl.DataFrame
    """code, slug, name_vi, name_en, valid_from, valid_to (both generations)."""
    crosswalk: pl.DataFrame
    """old_code, old_slug, new_code, new_slug."""
    programmes: tuple[str, ...]
    tasks: pl.DataFrame
    """programme, task."""
    programme_targets: pl.DataFrame
    programme_task_status: pl.DataFrame


def load_reference(data_dir: Path | None = None) -> Reference:
    """Load units (`stkit.units`) and the programme registry (`stkit.programmes`)."""
    # imported here: the registry's loader may itself use the readers of this package
    from stkit import programmes  # noqa: PLC0415

    registry = programmes.load_registry(data_dir)
    return Reference(
        units=units.load_units(data_dir, national=True),
        crosswalk=units.load_crosswalk(data_dir),
        programmes=tuple(registry.ids),
        tasks=programmes.tasks_frame(registry).select("programme", "task"),
        programme_targets=programmes.targets_frame(registry),
        programme_task_status=programmes.task_status_frame(registry),
    )


def load_inputs(
    data_dir: Path | None = None,
    *,
    indicators: str | Path | None = None,
    observations: str | Path | None = None,
    targets: str | Path | None = None,
    tasks: str | Path | None = None,
    number_format: NumberFormat | None = None,
    reference: Reference | None = None,
    today: dt.date | None = None,
) -> Inputs:
    """Same as `stkit.load` (kept for existing callers)."""
    from stkit._load import load  # noqa: PLC0415 - stkit._load builds on this module

    return load(
        data_dir,
        indicators=indicators,
        observations=observations,
        targets=targets,
        tasks=tasks,
        number_format=number_format,
        reference=reference,
        today=today,
    )


def sheet_of(path: Path, table: str) -> str | None:
    """The sheet holding `table` in an .xlsx file (None for other files)."""
    if path.suffix.lower() != ".xlsx" or not path.exists():
        return None
    try:
        names = sheet_names(path)
    except ReadProblem:
        return None
    return names[0] if len(names) == 1 else SHEETS[table]


def from_read_problem(table: str, error: ReadProblem) -> Problem:
    """A reader's problem as a validation `Problem` of `table`."""
    return Problem(
        table=table,
        file=error.file,
        sheet=error.sheet,
        row=error.row,
        column=error.column,
        value=error.value,
        rule=error.rule,
        params=tuple(sorted(error.params.items())),
    )


# ------------------------------------------------------------------------------------------
# Per-table checks
# ------------------------------------------------------------------------------------------


def validate_tables(
    raws: Mapping[str, RawTable], reference: Reference, *, current_year: int
) -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    """Check each table, then across tables; return typed frames and every problem.

    Problems come as one frame (`stkit.problems.PROBLEM_SCHEMA`), in the order found.
    A table with a missing required column gets no row checks (every row would
    fail); cross-table checks skip tables that could not be typed.
    """
    typed: dict[str, pl.DataFrame] = {}
    problems: list[pl.DataFrame] = []
    usable: dict[str, pl.DataFrame] = {}
    for table in TABLE_ORDER:
        spec = TABLES[table]
        raw = raws.get(table)
        if raw is None:
            typed[table] = spec.empty()
            continue
        frame, found = check_table(raw, table, current_year=current_year)
        problems.append(found)
        if frame is not None:
            usable[table] = frame
            typed[table] = frame.select(spec.names)
        else:
            typed[table] = spec.empty()
    problems.extend(_cross_table(usable, raws, reference))
    return typed, pl.concat(problems, how="vertical") if problems else empty_problems()


def check_table(
    raw: RawTable, table: str, *, current_year: int
) -> tuple[pl.DataFrame | None, pl.DataFrame]:
    """Check one table: columns, cell types, then its pandera schema.

    Returns the typed frame (with `_row`; cells that failed to parse are null) or
    None when a required column is missing, and the problems found as a frame
    (`stkit.problems.PROBLEM_SCHEMA`).
    """
    spec = TABLES[table]
    frame = raw.frame
    present = [c for c in frame.columns if c != ROW]
    out: list[Problem] = []

    def add(rule: str, column: str | None, **params: str) -> None:
        out.append(
            Problem(table, raw.file, raw.sheet, None, column, None, rule, tuple(params.items()))
        )

    unknown = [c for c in present if c not in spec.names]
    missing = [c.name for c in spec.columns if c.required and c.name not in present]
    for name in missing:
        close = difflib.get_close_matches(name, unknown, n=1, cutoff=0.6)
        add(
            "column_missing",
            name,
            suggestion_vi=f" (cột '{close[0]}' có phải là cột này?)" if close else "",
            suggestion_en=f" (is '{close[0]}' meant to be it?)" if close else "",
        )
    for name in unknown:
        add("column_unknown", name, allowed=", ".join(spec.names))
    if missing:
        return None, to_frame(out)
    for column in spec.columns:
        if column.name not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(column.name))
    unreported = not_reported(frame, table)
    if unreported.any():
        frame = frame.filter(~unreported)

    columns: list[pl.Series] = [frame[ROW]]
    cell_problems: list[pl.DataFrame] = []
    number_format = raw.number_format
    numeric = [c.name for c in spec.columns if c.kind in ("number", "integer", "year")]
    parsed_numbers = parse_number_columns(frame, numeric, number_format)
    for column in spec.columns:
        text = frame[column.name]
        if column.kind == "text":
            columns.append(text)
        elif column.kind == "bool":
            parsed = _parse_bool(text)
            columns.append(parsed)
            if parsed.null_count():
                cell_problems.append(_cells(frame, column.name, parsed.is_null(), "not_a_bool"))
        else:
            numbers = parsed_numbers[column.name]
            columns_problem = numbers.problem
            value = numbers.value
            if column.kind in ("integer", "year"):
                fractional = value != value.round(0)  # null where the cell is empty
                # a year too large for a whole-number column is out of range, as written
                huge = (value.abs() > _HUGE_WHOLE) & (column.kind == "year")
                columns_problem = pl.select(
                    pl.when(fractional)
                    .then(pl.lit("not_an_integer"))
                    .when(huge)
                    .then(pl.lit("year_range"))
                    .otherwise(columns_problem)
                    .alias(column.name)
                ).to_series()
                value = (
                    pl.select(pl.when(~fractional & ~huge).then(value).alias(column.name))
                    .to_series()
                    .cast(pl.Int64, strict=False)
                )
            columns.append(value.alias(column.name))
            if columns_problem.null_count() < len(columns_problem):
                cell_problems.append(
                    _number_cells(frame, column.name, columns_problem, number_format)
                )
        # a column's null count is known without a pass: filter only columns with gaps
        if column.required and not column.blank and text.null_count():
            cell_problems.append(_cells(frame, column.name, text.is_null(), "required"))
    typed = pl.DataFrame(columns)
    cell_frame = (
        pl.concat([c for c in cell_problems if c.height], how="diagonal_relaxed")
        if any(c.height for c in cell_problems)
        else None
    )
    found = [to_frame(out)]
    if cell_frame is not None:
        found.append(_to_problems(cell_frame, table, raw))
    already = cell_frame.select(ROW, "column") if cell_frame is not None else None
    found.extend(_schema_problems(typed, table, raw, already, current_year))
    return typed, pl.concat(found, how="vertical")


_HUGE_WHOLE = 2.0**53
"""Beyond this a float no longer holds every whole number (nor a year in any sensible range)."""


def _parse_bool(text: pl.Series) -> pl.Series:
    """Yes/no cells (`_TRUE`, `_FALSE`, any case; empty = no) as Boolean, null if neither.

    Read once per distinct text (a column holds a handful), then mapped onto the rows.
    """
    distinct = text.unique().drop_nulls()
    lowered = distinct.str.to_lowercase()
    meaning = (
        pl.select(pl.when(lowered.is_in(_TRUE)).then(True).when(lowered.is_in(_FALSE)).then(False))
        .to_series()
        .cast(pl.Boolean)
    )
    mapped = text.replace_strict(distinct, meaning, default=None, return_dtype=pl.Boolean)
    if text.null_count():
        mapped = pl.select(pl.when(text.is_null()).then(False).otherwise(mapped)).to_series()
    return mapped.alias(text.name)


REPORTED_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "observations": ("value", "source", "note"),
    "task_status": ("status", "evidence", "source"),
}
"""Columns that say something; a row with all of them empty was not reported."""


def not_reported(frame: pl.DataFrame, table: str) -> pl.Series:
    """Rows that name what they are about but report nothing (a template row left as it was).

    A department with nothing to report on an indicator or a task leaves its row of
    the template untouched: value, source and note (status, evidence and source for
    tasks) empty. Such a row is "not reported", not an error, and is not read.
    """
    columns = [c for c in REPORTED_COLUMNS.get(table, ()) if c in frame.columns]
    if not columns:
        return pl.Series(ROW, [False] * frame.height, dtype=pl.Boolean)
    return frame.select(pl.all_horizontal(pl.col(columns).is_null()).alias(ROW)).to_series()


def _cells(frame: pl.DataFrame, column: str, bad: pl.Series, rule: str) -> pl.DataFrame:
    """Problem rows for the cells of `column` where `bad` is true."""
    return frame.filter(bad.fill_null(False)).select(
        pl.col(ROW),
        pl.lit(column).alias("column"),
        pl.col(column).alias("value"),
        pl.lit(rule).alias("rule"),
    )


def _number_cells(
    frame: pl.DataFrame, column: str, problem: pl.Series, number_format: NumberFormat
) -> pl.DataFrame:
    rows = frame.with_columns(problem.alias("_problem")).filter(pl.col("_problem").is_not_null())
    if rows.height == 0:
        return rows.select(ROW)
    years = pl.col("_problem") == "year_range"
    base = rows.select(
        pl.col(ROW),
        pl.lit(column).alias("column"),
        pl.col(column).alias("value"),
        pl.col("_problem").alias("rule"),
        pl.when(years).then(pl.lit(str(EARLIEST_YEAR))).alias("low"),
        pl.when(years).then(pl.lit(str(LATEST_TARGET_YEAR))).alias("high"),
    )
    grouping = "," if number_format.decimal == "." else "."
    extra: dict[str, list[str]] = {
        "decimal": [],
        "grouping": [],
        "reading_a": [],
        "reading_b": [],
        "suggestion": [],
    }
    for value in base["value"].to_list():
        a, b = number_readings(value or "", number_format)
        extra["decimal"].append(number_format.decimal)
        extra["grouping"].append(grouping)
        extra["reading_a"].append(a)
        extra["reading_b"].append(b)
        extra["suggestion"].append((value or "").replace(".", "").replace(",", "."))
    return base.with_columns(pl.DataFrame(extra))


def _to_problems(frame: pl.DataFrame, table: str, raw: RawTable) -> pl.DataFrame:
    """Problem rows of a check (_row, column, value, rule, params...) as a problem frame."""
    return problem_rows(frame, table, raw.file, raw.sheet)


def _schema_problems(
    typed: pl.DataFrame,
    table: str,
    raw: RawTable,
    already: pl.DataFrame | None,
    current_year: int,
) -> list[pl.DataFrame]:
    """Run the pandera schema lazily; translate failure cases into problem frames."""
    spec = TABLES[table]
    # duplicates: hashed keys (pandera would build a failure case per repeated row)
    first = first_rows(typed, spec)
    found: list[pl.DataFrame] = []
    if first.null_count() < typed.height:
        found.append(_duplicate_problems(spec, typed, first, table, raw))
    schema = schema_for(table, current_year=current_year, key_check=False)
    try:
        schema.validate(typed, lazy=True)
    except pa_errors.SchemaErrors as errors:
        cases = errors.failure_cases
    else:
        return found
    rows = typed.select(pl.col(ROW), pl.int_range(pl.len()).cast(pl.Int32).alias("index"))
    check = pl.col("check").cast(pl.String)
    cases = (
        cases.filter(pl.col("index").is_not_null())
        .with_row_index("_case")
        .join(rows, on="index", how="left", maintain_order="left")
        .with_columns(
            check.alias("check"),
            pl.when(check == "not_nullable")
            .then(pl.lit("required"))
            .when(check.is_in(list(_messages.RULES)))
            .then(check)
            .otherwise(pl.lit("schema_other"))
            .alias("rule"),
        )
    )
    by_column = cases.filter(pl.col("schema_context") == "Column")
    if already is not None:  # a cell reported when its text could not be read
        seen = already.select(pl.col(ROW).cast(by_column.schema[ROW]), "column").unique()
        repeat = by_column.filter(pl.col("check") == "not_nullable").join(
            seen, on=[ROW, "column"], how="semi"
        )
        by_column = by_column.join(repeat.select("_case"), on="_case", how="anti")
    found.append(_column_cases(spec, by_column, table, raw, current_year))
    problems: list[Problem] = []
    positions: list[int] = []
    for case in cases.filter(pl.col("schema_context") != "Column").to_dicts():
        rule = str(case["rule"])
        params: dict[str, str] = {"check": str(case["check"])}
        column, value, params = _frame_case(spec, typed, int(case["index"]), rule, params)
        problems.append(
            Problem(
                table, raw.file, raw.sheet, case[ROW], column, value, rule, tuple(params.items())
            )
        )
        positions.append(int(case["_case"]))
    by_frame = to_frame(problems).with_columns(pl.Series("_case", positions, dtype=pl.UInt32))
    # in pandera's order, cells and whole rows alike
    found.append(pl.concat([found.pop(), by_frame], how="vertical").sort("_case").drop("_case"))
    return found


def _column_cases(
    spec: TableSpec, cases: pl.DataFrame, table: str, raw: RawTable, current_year: int
) -> pl.DataFrame:
    """Pandera's failure cases of single cells as problem rows (with `_case`), vectorised."""
    allowed = {c.name: ", ".join(c.allowed) for c in spec.columns if c.allowed}
    rule = pl.col("rule")
    years = rule.is_in(["year_range", "year_future"])
    rows = cases.select(
        pl.col(ROW),
        pl.col("column"),
        pl.col("failure_case").cast(pl.String).alias("value"),
        rule,
        pl.col("check"),
        pl.when(rule == "allowed_values")
        .then(pl.col("column").replace_strict(allowed, default=None, return_dtype=pl.String))
        .alias("allowed"),
        pl.when(years).then(pl.lit(str(EARLIEST_YEAR))).alias("low"),
        pl.when(years).then(pl.lit(str(LATEST_TARGET_YEAR))).alias("high"),
        pl.when(years).then(pl.lit(str(current_year))).alias("current"),
    )
    return problem_rows(rows, table, raw.file, raw.sheet).with_columns(
        cases["_case"].cast(pl.UInt32)
    )


def _frame_case(
    spec: TableSpec,
    typed: pl.DataFrame,
    index: int,
    rule: str,
    params: dict[str, str],
) -> tuple[str, str | None, dict[str, str]]:
    """Column, value and parameters of a failed row-wise check (duplicates excepted)."""
    record = typed.row(index, named=True)
    column = FRAME_RULE_COLUMN.get(rule, spec.key[0])
    if rule == "baseline_after_target":
        params["year"] = str(record["year"])
    return column, _text(record.get(column)), params


def _duplicate_problems(
    spec: TableSpec, typed: pl.DataFrame, first: pl.Series, table: str, raw: RawTable
) -> pl.DataFrame:
    """Rows repeating an earlier row's key, each with the row it repeats, as problem rows.

    `first` gives, on each repeated row, the position of its key's first row
    (`stkit.schemas.first_rows`): linear in rows however many repeat, and no Python
    object per row.
    """
    key = list(spec.key)
    shown_key = [
        pl.col(k).cast(pl.String) if typed.schema[k] != pl.Float64 else _format_number(pl.col(k))
        for k in key
    ]
    # the key columns holding a value on this row (an empty optional column is left out)
    written = pl.concat_str(
        [pl.when(pl.col(k).is_not_null()).then(pl.lit(k)) for k in key],
        separator=", ",
        ignore_nulls=True,
    )
    repeats = first.is_not_null()
    # the parameters (check, keys, first) as the JSON `problem_rows` would encode, written
    # directly: key names and row numbers hold nothing JSON must escape
    first_row = pl.col("first").cast(pl.String)
    params = pl.concat_str(
        pl.lit('{"check":"duplicate","keys":'),
        pl.when(written.is_null()).then(pl.lit("null")).otherwise('"' + written + '"'),
        pl.lit(',"first":'),
        pl.when(first_row.is_null()).then(pl.lit("null")).otherwise('"' + first_row + '"'),
        pl.lit("}"),
    )
    found = (
        typed.lazy()
        .select(ROW, *key)
        .filter(repeats)
        .with_columns(typed[ROW].gather(first.filter(repeats)).alias("first"))
        .select(
            pl.col(ROW),
            written.alias("column"),
            pl.concat_str(shown_key, separator=" / ", ignore_nulls=True).alias("value"),
            pl.lit("duplicate").alias("rule"),
            params.alias("params"),
        )
        .collect()
    )
    return _to_problems(found, table, raw)


def _text(value: object) -> str | None:
    """A cell value as text for reports: whole floats without `.0`."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ------------------------------------------------------------------------------------------
# Cross-table checks
# ------------------------------------------------------------------------------------------


def _cross_table(
    frames: Mapping[str, pl.DataFrame], raws: Mapping[str, RawTable], reference: Reference
) -> list[pl.DataFrame]:
    problems: list[pl.DataFrame] = []
    catalogue = frames.get("indicators")
    for table, frame in frames.items():
        raw = raws[table]
        found: list[pl.DataFrame] = []
        if catalogue is not None:
            if table == "indicators":
                found.append(_unknown_indicator(frame, catalogue, "weight_indicator"))
            if table in ("observations", "targets"):
                found.append(_unknown_indicator(frame, catalogue, "indicator"))
                value_columns = (
                    ["value"] if table == "observations" else ["value", "baseline_value"]
                )
                period = "period" if table == "observations" else "year"
                found.append(_kind_problems(frame, catalogue, value_columns, reference, period))
        if table == "observations":
            resolved = _resolve_units(frame, "period", reference)
            found.append(_unit_problems(resolved, reference))
            found.append(_alias_duplicates(frame, resolved))
        if table == "targets":
            found.append(_unit_problems(_resolve_units(frame, "year", reference), reference))
        if table in ("targets", "task_status"):
            found.append(_unknown_programme(frame, reference))
        if table == "task_status":
            found.append(_unknown_task(frame, reference))
        nonempty = [f for f in found if f.height]
        if nonempty:
            problems.append(_to_problems(pl.concat(nonempty, how="diagonal_relaxed"), table, raw))
    return problems


def _suggest(value: str, choices: Iterable[str]) -> dict[str, str]:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    if not close:
        return {"suggestion_vi": "", "suggestion_en": ""}
    return {
        "suggestion_vi": f" (có phải '{close[0]}'?)",
        "suggestion_en": f" (did you mean '{close[0]}'?)",
    }


def _with_suggestions(rows: pl.DataFrame, choices: Iterable[str]) -> pl.DataFrame:
    """Add suggestion columns to problem rows (Python over distinct bad values only)."""
    pool = list(choices)
    distinct = rows["value"].unique().drop_nulls().to_list()
    table = pl.DataFrame(
        [{"value": v, **_suggest(v, pool)} for v in distinct],
        schema={"value": pl.String, "suggestion_vi": pl.String, "suggestion_en": pl.String},
    )
    return rows.join(table, on="value", how="left")


def _unknown_indicator(frame: pl.DataFrame, catalogue: pl.DataFrame, column: str) -> pl.DataFrame:
    codes = catalogue["code"].drop_nulls()
    rows = frame.filter(
        pl.col(column).is_not_null() & ~pl.col(column).is_in(codes.implode())
    ).select(
        pl.col(ROW),
        pl.lit(column).alias("column"),
        pl.col(column).alias("value"),
        pl.lit("unknown_indicator").alias("rule"),
    )
    return _with_suggestions(rows, codes.to_list()) if rows.height else rows


_RANK_UNITS = ("rank", "hạng", "thứ hạng", "thứ bậc")
_SCALE = r"\(\s*(-?\d+(?:\.\d+)?)\s*[–—-]\s*(-?\d+(?:\.\d+)?)\s*\)"
INDEX_RANGE = (0.0, 100.0)
"""Scale of an index score unless the catalogue's unit says otherwise, e.g. `points (0–10)`."""


def _indicator_ranges(catalogue: pl.DataFrame) -> pl.DataFrame:
    """Per indicator: its kind as checked (`rank` for index ranks) and the score scale."""
    unit = pl.col("unit").str.to_lowercase().str.strip_chars()
    return (
        catalogue.select(pl.col("code").alias("indicator"), "kind", "unit")
        .unique("indicator", keep="first")
        .with_columns(
            kind=pl.when((pl.col("kind") == "index") & unit.is_in(_RANK_UNITS))
            .then(pl.lit("rank"))
            .otherwise(pl.col("kind")),
            low=pl.col("unit")
            .str.extract(_SCALE, 1)
            .cast(pl.Float64, strict=False)
            .fill_null(INDEX_RANGE[0]),
            high=pl.col("unit")
            .str.extract(_SCALE, 2)
            .cast(pl.Float64, strict=False)
            .fill_null(INDEX_RANGE[1]),
        )
        .drop("unit")
    )


def _units_in_force(periods: pl.Series, reference: Reference) -> pl.DataFrame:
    """Number of provincial units in force on each period's day (the most a rank can be)."""
    # a year no date can have (300000) is reported as year_range; it counts no unit here
    known = periods.unique().drop_nulls()
    days = pl.DataFrame({"period": known.filter(known.is_between(1, 9999))}).with_columns(
        day=pl.when(pl.col("period") == units.MERGER_DATE.year)
        .then(pl.lit(units.LAST_DAY_OF_OLD_UNITS))
        .otherwise(pl.date(pl.col("period"), 12, 31))
    )
    provinces = reference.units
    if "level" in provinces.columns:  # the national unit is never counted among them
        provinces = provinces.filter(pl.col("level") != units.NATIONAL)
    spans = provinces.select(
        pl.col("code").cast(pl.String),
        pl.col("valid_from").cast(pl.Date),
        pl.col("valid_to").cast(pl.Date),
    ).unique()
    return (
        days.join(spans, how="cross")
        .filter(
            (pl.col("valid_from") <= pl.col("day"))
            & (pl.col("valid_to").is_null() | (pl.col("valid_to") >= pl.col("day")))
        )
        .group_by("period")
        .agg(units=pl.col("code").n_unique())
    )


def _kind_problems(
    frame: pl.DataFrame,
    catalogue: pl.DataFrame,
    value_columns: list[str],
    reference: Reference,
    period: str,
) -> pl.DataFrame:
    """Shares outside 0–100; counts negative or fractional; index scores off their scale;
    ranks not whole or below 1, and observed ranks above the number of units in force.

    A target's rank is a threshold (`rank <= 40`) that may date from before the 2025
    merger, when there were 63 units: it is not held to today's 34.
    """
    kinds = _indicator_ranges(catalogue).filter(
        pl.col("kind").is_in(["share", "count", "index", "rank"])
    )
    counts = _units_in_force(frame[period], reference)
    joined = (
        frame.lazy()
        .select(ROW, "indicator", period, *value_columns)
        .join(kinds.lazy(), on="indicator", how="inner", maintain_order="left")
        .join(counts.lazy(), left_on=period, right_on="period", how="left", maintain_order="left")
        .with_columns(pl.col("units").fill_null(0))
    )
    parts = []
    for column in value_columns:
        v = pl.col(column)
        kind = pl.col("kind")
        rank_bad = (v != v.round(0)) | (v < 1)
        if period == "period":  # an observed rank; a target's is a threshold set back then
            rank_bad = rank_bad | ((pl.col("units") > 0) & (v > pl.col("units")))
        rule = (
            pl.when(v.is_null())
            .then(pl.lit(None, dtype=pl.String))
            .when((kind == "share") & ((v < 0) | (v > 100)))
            .then(pl.lit("share_range"))
            .when((kind == "count") & (v < 0))
            .then(pl.lit("count_negative"))
            .when((kind == "count") & (v != v.round(0)))
            .then(pl.lit("count_not_integer"))
            .when((kind == "index") & ((v < pl.col("low")) | (v > pl.col("high"))))
            .then(pl.lit("index_range"))
            .when((kind == "rank") & rank_bad)
            .then(pl.lit("rank_invalid"))
        )
        # the rule first, on every row; texts for messages only on the rows that fail it
        parts.append(
            joined.with_columns(rule.alias("rule"))
            .filter(pl.col("rule").is_not_null())
            .select(
                pl.col(ROW),
                pl.lit(column).alias("column"),
                _format_number(v).alias("value"),
                pl.col("rule"),
                pl.col("indicator"),
                _format_number(pl.col("low")).alias("low"),
                _format_number(pl.col("high")).alias("high"),
                pl.col("units").cast(pl.String),
                pl.col(period).cast(pl.String).alias("period"),
            )
        )
    # one plan: the joins are shared by the value columns' checks
    return pl.concat(parts).collect()


def _format_number(expr: pl.Expr) -> pl.Expr:
    """Numbers for messages: whole numbers without `.0`."""
    return (
        pl.when(expr == expr.round(0))
        .then(expr.cast(pl.Int64, strict=False).cast(pl.String))
        .otherwise(expr.cast(pl.String))
    )


def _unit_keys(reference: Reference) -> pl.DataFrame:
    """Every way to name a unit (`stkit.units.unit_keys`) → the unit's identity and validity."""
    return units.unit_keys(reference.units).with_columns(
        pl.col("valid_from").cast(pl.Date), pl.col("valid_to").cast(pl.Date)
    )


def _key_expr(column: str, frame: pl.DataFrame) -> pl.Expr:
    """Unit as written → lookup key (`stkit.units.unit_key`), over the distinct values only."""
    keys = {text: units.unit_key(text) for text in frame[column].drop_nulls().unique().to_list()}
    return pl.col(column).replace_strict(keys, default=None, return_dtype=pl.String)


_PAIR = ["unit", "period", "territory"]


@dataclass(frozen=True)
class _Resolved:
    """Units resolved once per distinct (unit, period, territory), and the rows naming them."""

    rows: pl.DataFrame
    """_row, unit, period, territory (empty = "") of the rows with a unit and a period."""
    pairs: pl.DataFrame
    """One row per distinct (unit, period, territory) with its resolution."""

    def rows_of(self, pairs: pl.DataFrame) -> pl.DataFrame:
        """The rows naming `pairs` (some of `self.pairs`), with their resolution, in row order."""
        return self.rows.join(pairs, on=_PAIR, how="inner", maintain_order="left")


def _resolve_units(frame: pl.DataFrame, period: str, reference: Reference) -> _Resolved:
    """Match each row's unit against the units in force on its period's day.

    The day is `stkit.units.period_date`'s: 31 December, except 30 June for 2025, so
    2025 figures are on the old units like every year before it — unless the row's
    `territory` is `current` (31 December 2025: the units in force since 1 July 2025).
    Returns, per distinct (unit, period, territory), joined to its rows only where a check
    needs them: matched (some unit has that name), valid (one was in force), identity
    (code@valid_from of the unit in force), the code of a matched unit that had ended by
    then, the code of a matched unit formed by the 2025 merger (and whether the name
    matches only such units), and names of a matched unit for messages. A name that also
    matches an older unit not yet in force (Hà Nội before its 2008 borders) is outside the
    tables and is not reported.
    """
    keys = _unit_keys(reference)
    territory = (
        pl.col("territory").fill_null("")
        if "territory" in frame.columns
        else pl.lit("", dtype=pl.String)
    )
    # an empty cell or a year outside the sane range is reported by its own rule
    # (`required`, `year_range`); no unit was in force on such a day
    in_range = pl.col(period).is_between(EARLIEST_YEAR, LATEST_TARGET_YEAR)
    if not frame.select(
        pl.col("unit").is_not_null().all() & in_range.all(ignore_nulls=False)
    ).item():
        frame = frame.filter(pl.col("unit").is_not_null() & in_range.fill_null(value=False))
    rows = frame.select(
        pl.col(ROW), pl.col("unit"), pl.col(period).alias("period"), territory.alias("territory")
    )
    # resolve each distinct (unit, period, territory) once: a few thousand, not every row
    pairs = (
        rows.select(_PAIR)
        .unique()
        .pipe(lambda p: p.with_columns(_key_expr("unit", p).alias("key")))
    )
    day = units.period_day(pl.col("period"), pl.col("territory"))
    joined = pairs.join(keys, on="key", how="left").with_columns(
        valid=(pl.col("valid_from") <= day)
        & (pl.col("valid_to").is_null() | (pl.col("valid_to") >= day)),
        ended=pl.col("valid_to") < day,
    )
    resolved = joined.group_by(_PAIR).agg(
        matched=pl.col("code").is_not_null().any(),
        valid=pl.col("valid").fill_null(False).any(),
        identity=(pl.col("code") + "@" + pl.col("valid_from").cast(pl.String))
        .filter(pl.col("valid").fill_null(False))
        .first(),
        ended_code=pl.col("code").filter(pl.col("ended").fill_null(False)).first(),
        merger_code=pl.col("code").filter(pl.col("valid_from") == units.MERGER_DATE).first(),
        only_merger_units=(pl.col("valid_from") == units.MERGER_DATE).fill_null(False).all(),
        code=pl.col("code").first(),
        name_vi=pl.col("name_vi").first(),
        name_en=pl.col("name_en").first(),
    )
    return _Resolved(rows, resolved)


def _territory_problems(resolved: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Split off rows whose `territory` cannot hold in their period or names no unit on it.

    Returns (problems, the other rows). `former` after 2025 or `current` before 2025 is
    `territory_period`; a 2025 `current` row naming a unit that ended on 30 June 2025 (e.g.
    `hai-duong`) is `territory_unit`, naming the unit in force since 1 July 2025 it is part
    of. Other unknown or ended units are left to the usual unit checks.
    """
    allowed = units.territory_allowed(pl.col("period"), pl.col("territory"))
    wrong_period = resolved.filter(~allowed)
    period_rows = wrong_period.select(
        pl.col(ROW),
        pl.lit("territory").alias("column"),
        pl.col("territory").alias("value"),
        pl.lit("territory_period").alias("rule"),
        pl.col("period").cast(pl.String),
    )
    rest = resolved.filter(allowed)
    on_current = (
        (pl.col("territory") == units.CURRENT)
        & (pl.col("period") == units.MERGER_DATE.year)
        & pl.col("matched")
        & ~pl.col("valid")
        & pl.col("ended_code").is_not_null()
    )
    ended = rest.filter(on_current).select(
        pl.col(ROW),
        pl.lit("territory").alias("column"),
        pl.col("territory").alias("value"),
        pl.lit("territory_unit").alias("rule"),
        pl.col("period").cast(pl.String),
        pl.col("unit"),
        pl.col("ended_code"),
        pl.col("name_vi"),
        pl.col("name_en"),
    )
    return pl.concat([period_rows, ended], how="diagonal_relaxed"), rest.filter(~on_current)


def _unit_problems(found: _Resolved, reference: Reference) -> pl.DataFrame:
    allowed = units.territory_allowed(pl.col("period"), pl.col("territory"))
    # every unit problem is of a (unit, period, territory) on the wrong territory, unknown,
    # ended or not yet formed by the merger: only the rows of those are read
    suspect = found.pairs.filter(
        ~allowed
        | ~pl.col("matched")
        | (~pl.col("valid") & (pl.col("ended_code").is_not_null() | pl.col("only_merger_units")))
    )
    if suspect.height == 0:
        return pl.DataFrame(schema={ROW: pl.Int64, "column": pl.String, "rule": pl.String})
    territorial, resolved = _territory_problems(found.rows_of(suspect))
    unknown = resolved.filter(~pl.col("matched")).select(
        pl.col(ROW),
        pl.lit("unit").alias("column"),
        pl.col("unit").alias("value"),
        pl.lit("unknown_unit").alias("rule"),
        pl.col("period"),
    )
    parts = []
    if unknown.height:
        parts.append(_unit_suggestions(unknown, reference).drop("period"))
    invalid = resolved.filter(pl.col("matched") & ~pl.col("valid"))
    if invalid.height:
        parts.append(_merged_or_not_yet(invalid, reference))
    if territorial.height:
        parts.append(_with_successor(territorial, reference))
    if not parts:
        return unknown
    return pl.concat(parts, how="diagonal_relaxed")


def _with_successor(rows: pl.DataFrame, reference: Reference) -> pl.DataFrame:
    """`territory_unit` rows get the slug and names of the unit the ended one became part of."""
    if "ended_code" not in rows.columns:
        return rows
    new_units = reference.units.filter(pl.col("valid_to").is_null()).select(
        pl.col("code").cast(pl.String).alias("new_code"),
        pl.col("name_vi").alias("successor_vi"),
        pl.col("name_en").alias("successor_en"),
    )
    crosswalk = reference.crosswalk.select(
        pl.col("old_code").cast(pl.String).alias("ended_code"),
        pl.col("new_code").cast(pl.String),
        pl.col("new_slug").alias("successor"),
    )
    return (
        rows.join(crosswalk, on="ended_code", how="left", maintain_order="left")
        .join(new_units, on="new_code", how="left", maintain_order="left")
        .drop("ended_code", "new_code")
    )


def _unit_suggestions(rows: pl.DataFrame, reference: Reference) -> pl.DataFrame:
    """Suggest units in force in the row's period (`stkit.units.suggestions`)."""
    found = []
    for value, period in rows.select("value", "period").unique().iter_rows():
        close = units.suggestions(value, reference.units, on=units.period_date(period), n=1)
        found.append(
            {
                "value": value,
                "period": period,
                "suggestion_vi": f" (có phải '{close[0]}'?)" if close else "",
                "suggestion_en": f" (did you mean '{close[0]}'?)" if close else "",
            }
        )
    table = pl.DataFrame(
        found,
        schema={
            "value": pl.String,
            "period": rows.schema["period"],
            "suggestion_vi": pl.String,
            "suggestion_en": pl.String,
        },
        orient="row",
    )
    return rows.join(table, on=["value", "period"], how="left")


def _merged_or_not_yet(invalid: pl.DataFrame, reference: Reference) -> pl.DataFrame:
    """Hints for units named for a period when they did not exist: successor or predecessors."""
    new_units = reference.units.filter(pl.col("valid_to").is_null()).select(
        pl.col("code").cast(pl.String).alias("new_code"),
        pl.col("name_vi").alias("successor_vi"),
        pl.col("name_en").alias("successor_en"),
    )
    crosswalk = reference.crosswalk.select(
        pl.col("old_code").cast(pl.String),
        pl.col("old_slug"),
        pl.col("new_code").cast(pl.String),
        pl.col("new_slug").alias("successor"),
    )
    merged = (
        invalid.filter(pl.col("ended_code").is_not_null())
        .join(crosswalk, left_on="ended_code", right_on="old_code", how="left")
        .join(new_units, on="new_code", how="left")
        .select(
            pl.col(ROW),
            pl.lit("unit").alias("column"),
            pl.col("unit").alias("value"),
            pl.lit("unit_merged").alias("rule"),
            pl.col("period").cast(pl.String),
            "name_vi",
            "name_en",
            "successor",
            "successor_vi",
            "successor_en",
        )
    )
    predecessors = crosswalk.group_by("new_code").agg(
        pl.col("old_slug").sort().str.join(", ").alias("predecessors")
    )
    not_yet = (
        invalid.filter(pl.col("ended_code").is_null() & pl.col("only_merger_units"))
        .join(predecessors, left_on="merger_code", right_on="new_code", how="left")
        .select(
            pl.col(ROW),
            pl.lit("unit").alias("column"),
            pl.col("unit").alias("value"),
            pl.lit("unit_not_yet").alias("rule"),
            pl.col("period").cast(pl.String),
            "name_vi",
            "name_en",
            pl.col("predecessors").fill_null("?"),
        )
    )
    return pl.concat([merged, not_yet], how="diagonal_relaxed")


def _alias_duplicates(frame: pl.DataFrame, found: _Resolved) -> pl.DataFrame:
    """Rows naming one unit two ways for the same indicator and period.

    Two ways: slug and code, or the same slug with an empty `territory` and `former` (both
    the unit in force until 30 June 2025). The same slug on both territories in 2025 names
    two units (different identities) and passes.
    """
    pairs = found.pairs.filter(pl.col("identity").is_not_null())
    # only units written more than one way can repeat a row under another name
    spellings = pairs.select("identity", "unit", "territory").unique()
    several = spellings.filter(pl.len().over("identity") > 1).select("identity").unique()
    if several.height == 0:
        return pl.DataFrame(schema={ROW: pl.Int64, "column": pl.String, "rule": pl.String})
    resolved = found.rows_of(pairs.join(several, on="identity", how="semi"))
    rows = resolved.join(frame.select(ROW, "indicator"), on=ROW).filter(
        pl.col("indicator").is_not_null()
    )
    key = ["identity", "indicator", "period"]
    flagged = (
        rows.sort(ROW)
        .with_columns(
            first=pl.col(ROW).first().over(key),
            other=pl.col("unit").first().over(key),
            other_territory=pl.col("territory").first().over(key),
            repeat_same=~pl.struct("unit", "indicator", "period", "territory").is_first_distinct(),
        )
        .filter(
            (pl.col(ROW) != pl.col("first"))
            & ~pl.col("repeat_same")
            # same text, territory empty on one row and `former` on the other: one unit too
            & (
                (pl.col("unit") != pl.col("other"))
                | (pl.col("territory") != pl.col("other_territory"))
            )
        )
    )
    return flagged.select(
        pl.col(ROW),
        pl.lit("unit").alias("column"),
        pl.col("unit").alias("value"),
        pl.lit("unit_alias_duplicate").alias("rule"),
        pl.col("first").cast(pl.String),
        pl.col("other"),
    )


def _unknown_programme(frame: pl.DataFrame, reference: Reference) -> pl.DataFrame:
    known = pl.Series(list(reference.programmes), dtype=pl.String)
    return frame.filter(
        pl.col("programme").is_not_null() & ~pl.col("programme").is_in(known.implode())
    ).select(
        pl.col(ROW),
        pl.lit("programme").alias("column"),
        pl.col("programme").alias("value"),
        pl.lit("unknown_programme").alias("rule"),
        pl.lit(", ".join(reference.programmes)).alias("allowed"),
    )


def _unknown_task(frame: pl.DataFrame, reference: Reference) -> pl.DataFrame:
    known = pl.Series(list(reference.programmes), dtype=pl.String)
    tasks = reference.tasks.select(
        pl.col("programme").cast(pl.String), pl.col("task").cast(pl.String)
    )
    rows = (
        frame.filter(pl.col("task").is_not_null() & pl.col("programme").is_in(known.implode()))
        .join(tasks, on=["programme", "task"], how="anti")
        .select(
            pl.col(ROW),
            pl.lit("task").alias("column"),
            pl.col("task").alias("value"),
            pl.lit("unknown_task").alias("rule"),
            pl.col("programme"),
        )
    )
    if rows.height == 0:
        return rows
    suggestions: list[dict[str, Any]] = []
    for programme, task in rows.select("programme", "value").unique().iter_rows():
        pool = tasks.filter(pl.col("programme") == programme)["task"].to_list()
        suggestions.append({"programme": programme, "value": task, **_suggest(task, pool)})
    return rows.join(pl.DataFrame(suggestions), on=["programme", "value"], how="left")


__all__ = [
    "PROBLEM_COLUMNS",
    "SHEETS",
    "TABLE_ORDER",
    "Inputs",
    "Lang",
    "Problem",
    "Reference",
    "ValidationFailed",
    "check_table",
    "from_read_problem",
    "load_inputs",
    "load_reference",
    "not_reported",
    "problems_frame",
    "sheet_of",
    "shown",
    "today_in_vietnam",
    "validate_tables",
]
