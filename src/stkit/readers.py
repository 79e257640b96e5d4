"""Read CSV, Excel (.xlsx) and Parquet tables into polars frames, refusing what would be misread.

Two entry points:

- `read_table(path, sheet=...)`: the table with the file's own types (CSV types are
  inferred by polars; a declared decimal comma is honoured), for code that only needs
  the data;
- `read_raw(path, sheet=...)`: every cell as trimmed text plus the Excel row number
  of each row, for validation, which turns text into numbers itself
  (`parse_numbers`) so that every bad cell can be reported by place.

Numbers are never guessed: a CSV uses a decimal point unless the caller passes
`NumberFormat(decimal=",")` or the file starts with a declaration line such as
`# stkit: decimal=, thousands=.`. Excel numbers come from numeric cells; text that
looks like a number with a comma is reported, not read.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
import stat
import zipfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

import fastexcel
import numpy as np
import polars as pl

from stkit.errors import DataFileError

ROW = "_row"
"""Name of the column `read_raw` adds: the row number a person sees in Excel (header = 1)."""

_BOM = b"\xef\xbb\xbf"
_MARKER = "# stkit:"
_EXCEL_SEP = "sep="
_SEPARATORS = {",", ";", "\t", "|"}

Decimal = Literal[".", ","]
Thousands = Literal["", ".", ",", " "]

_SPACES = "\u0020\u00a0\u202f\u2009"
"""Characters a space-grouped number may use between groups: space, NBSP, narrow NBSP, thin."""


@dataclass(frozen=True)
class NumberFormat:
    """How numbers are written in a text file: decimal separator and thousands separator."""

    decimal: Decimal = "."
    thousands: Thousands = ""

    def __post_init__(self) -> None:
        if self.decimal not in (".", ","):
            raise ValueError(f"decimal must be '.' or ',', not {self.decimal!r}")
        if self.thousands not in ("", ".", ",", " "):
            raise ValueError(f"thousands must be '', '.', ',' or ' ', not {self.thousands!r}")
        if self.thousands == self.decimal:
            raise ValueError("the thousands separator cannot be the decimal separator")


POINT = NumberFormat()
"""Decimal point, no thousands separator: the default for every file."""

VIETNAMESE = NumberFormat(decimal=",", thousands=".")
"""Vietnamese convention: `1.234,5`."""


@dataclass(frozen=True)
class Limits:
    """Largest input the readers accept; each can be set by an environment variable.

    Checked before anything is decoded, so that a hostile file is refused, not read:
    file size per format, the cells an `.xlsx` sheet spans and the bytes its archive
    unpacks to, the rows and unpacked bytes a Parquet file declares.
    """

    csv_bytes: int = 256 * 2**20
    xlsx_bytes: int = 64 * 2**20
    parquet_bytes: int = 256 * 2**20
    xlsx_unpacked_bytes: int = 512 * 2**20
    cells: int = 20_000_000
    parquet_unpacked_bytes: int = 2 * 2**30

    @classmethod
    def from_environment(cls) -> Limits:
        """Defaults, overridden by `STKIT_MAX_<FIELD>` (e.g. `STKIT_MAX_CSV_BYTES`)."""
        values: dict[str, int] = {}
        for name in cls.__dataclass_fields__:
            text = os.environ.get(f"STKIT_MAX_{name.upper()}", "").strip()
            if text.isdigit():
                values[name] = int(text)
        return cls(**values)


def _size_text(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return str(size)  # pragma: no cover


def _too_large(file: Path, kind: str, size: int, limit: int, setting: str) -> ReadProblem:
    return ReadProblem(
        file,
        "file_too_large",
        f"the {kind} is {_size_text(size)}, above the limit of {_size_text(limit)} "
        f"(environment variable {setting}).",
        params={
            "kind": kind,
            "size": _size_text(size),
            "limit": _size_text(limit),
            "setting": setting,
        },
    )


_HOW = {
    "CSV": (
        "Xuất lại tệp dưới dạng CSV UTF-8 từ chương trình đã tạo ra nó.",
        "Export the file again as CSV UTF-8 from the program that made it.",
    ),
    "Excel (.xlsx)": (
        "Mở tệp trong Excel và lưu lại dưới dạng Excel Workbook (.xlsx).",
        "Open the file in Excel and save it again as Excel Workbook (.xlsx).",
    ),
    "Parquet": (
        "Ghi lại tệp Parquet từ chương trình đã tạo ra nó (polars, pyarrow, DuckDB...).",
        "Write the Parquet file again from the program that made it (polars, pyarrow, DuckDB...).",
    ),
}


def _unreadable(file: Path, kind: str, detail: str = "") -> ReadProblem:
    how_vi, how_en = _HOW[kind]
    return ReadProblem(
        file,
        "file_unreadable",
        f"the file is damaged or is not a valid {kind} file{detail}.",
        params={"kind": kind, "detail": detail, "how_vi": how_vi, "how_en": how_en},
    )


class ReadProblem(DataFileError):
    """A file cannot be read as a table; carries the rule and its parameters for reports."""

    def __init__(
        self,
        file: str | Path,
        rule: str,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        params: dict[str, str] | None = None,
    ) -> None:
        where = ", ".join(
            part
            for part in (
                f"sheet {sheet}" if sheet else "",
                f"row {row}" if row is not None else "",
                f"column {column}" if column else "",
            )
            if part
        )
        super().__init__(file, message, where=where or None)
        self.rule = rule
        self.sheet = sheet
        self.row = row
        self.column = column
        self.value = value
        self.params = dict(params or {})


class ReadProblems(DataFileError):
    """Several problems found while reading one file (e.g. several merged ranges)."""

    def __init__(self, problems: Sequence[ReadProblem]) -> None:
        first = problems[0]
        super().__init__(first.file, f"{len(problems)} problems; first: {first}")
        self.problems = tuple(problems)


@dataclass(frozen=True)
class RawTable:
    """A table read as text: every column `String` (trimmed, empty → null) plus `_row`."""

    frame: pl.DataFrame
    file: str
    sheet: str | None = None
    number_format: NumberFormat = field(default_factory=NumberFormat)


# ------------------------------------------------------------------------------------------
# Public entry points
# ------------------------------------------------------------------------------------------


def read_table(
    path: str | Path, *, sheet: str | None = None, number_format: NumberFormat | None = None
) -> pl.DataFrame:
    """Read a CSV, XLSX or Parquet table with the file's own types.

    CSV column types are inferred from all rows; with a decimal comma (declared by
    `number_format` or the file's marker line) a column whose every cell parses as a
    number becomes Float64. XLSX is read with fastexcel (`sheet` defaults to the
    first one), Parquet as stored.
    """
    file = Path(path)
    kind = _kind_of(file)
    if kind == "parquet":
        return _read_parquet(file)
    if kind == "xlsx":
        return _read_xlsx_typed(file, sheet)
    body, pre_lines, declared, sep = _read_csv_text(file, number_format)
    if declared.decimal == "." and not declared.thousands:
        try:
            return pl.read_csv(body, separator=sep, infer_schema_length=None, try_parse_dates=True)
        except pl.exceptions.PolarsError as error:
            raise _csv_problem(file, body, sep, pre_lines, error) from error
    raw = _csv_to_raw(file, body, pre_lines, declared, sep)
    frame = raw.frame.drop(ROW)
    converted = []
    for name in frame.columns:
        parsed = parse_numbers(frame[name], declared)
        filled = frame[name].is_not_null()
        ok = bool((parsed.value.is_not_null() | ~filled).all()) and bool(filled.any())
        converted.append(parsed.value.alias(name) if ok else frame[name])
    return pl.DataFrame(converted)


def read_raw(
    path: str | Path, *, sheet: str | None = None, number_format: NumberFormat | None = None
) -> RawTable:
    """Read every cell of a table as text, with the Excel row number in column `_row`.

    Header names are trimmed and lower-cased; cells are trimmed, Unicode-normalised
    (NFC) and empty cells become null; rows with no value at all are dropped.
    Raises `ReadProblem` (or `ReadProblems`) when the file cannot be read as a table.
    """
    file = Path(path)
    kind = _kind_of(file)
    if kind == "parquet":
        return RawTable(_to_raw_frame(_read_parquet(file), first_row=2), str(file))
    if kind == "xlsx":
        return _read_xlsx_raw(file, sheet)
    body, pre_lines, declared, sep = _read_csv_text(file, number_format)
    return _csv_to_raw(file, body, pre_lines, declared, sep)


def frame_to_raw(frame: pl.DataFrame, *, file: str, first_row: int | None = 2) -> RawTable:
    """Turn an in-memory frame into a `RawTable` (rows numbered from `first_row`, or null)."""
    return RawTable(_to_raw_frame(frame, first_row=first_row), file)


# ------------------------------------------------------------------------------------------
# Numbers
# ------------------------------------------------------------------------------------------

_SCI = r"(?:[eE][+-]?\d+)?"
_PLAIN_POINT = rf"^[+-]?(?:\d+\.?\d*|\.\d+){_SCI}$"
_PLAIN_COMMA = r"^[+-]?\d+(?:,\d+)?$"
_GROUPED_COMMA = r"^[+-]?\d{1,3}(?:,\d{3})+$"
_GROUPED_DOT = r"^[+-]?\d{1,3}(?:\.\d{3})+$"
_DOT_DECIMAL = r"^[+-]?\d*\.\d+$"
_COMMA_DECIMAL = r"^[+-]?\d*,\d+$"


@dataclass(frozen=True)
class ParsedNumbers:
    """Result of `parse_numbers`: values (null where unreadable) and why each failed."""

    value: pl.Series
    """Float64; null where the text was null or could not be read."""
    problem: pl.Series
    """String; null where fine, else a rule: not_a_number, not_finite, percent_sign,
    space_in_number, decimal_comma_undeclared, ambiguous_number, excel_error."""


def parse_numbers(text: pl.Series, number_format: NumberFormat = POINT) -> ParsedNumbers:
    """Read numbers written as text under `number_format`, vectorised; never guess.

    Rules (docs/inputs.md): with a decimal point, `30,4` is a decimal comma the file
    did not declare and `1,234` is ambiguous (1.234 or 1234) unless `thousands=","`;
    with a decimal comma, `1.234` is ambiguous unless `thousands="."`, in which case
    dots must group digits by three (`1.234.567,8`). One grouping rule per format:
    groups of three after a first group of one to three digits. Spaces (and
    no-break spaces) inside a number are refused unless `thousands=" "` declares
    them as the separator. A `%` sign is refused, not dropped; a number too large
    to hold (`1e309`), `inf` and `nan` are refused as not finite.
    """
    raw = text.cast(pl.String).alias(text.name)
    return _parse_plain_first(raw, _plain_values(raw, number_format), number_format)


def parse_number_columns(
    frame: pl.DataFrame, names: Sequence[str], number_format: NumberFormat = POINT
) -> dict[str, ParsedNumbers]:
    """`parse_numbers` of the columns `names` of `frame`, their plain cells read in one pass.

    The columns' plain cells are read together (polars runs the columns in parallel);
    the other cells of each column follow the rules of `parse_numbers`.
    """
    plain = frame.select(_plain_expr(pl.col(n).cast(pl.String), number_format) for n in names)
    return {
        name: _parse_plain_first(frame[name].cast(pl.String), plain[name], number_format)
        for name in names
    }


def _parse_plain_first(
    raw: pl.Series, fast: pl.Series, number_format: NumberFormat
) -> ParsedNumbers:
    """`parse_numbers` given `fast`, the values of the cells that are plain numbers as read.

    Most cells are plain numbers as read (trimmed, no U+2212 minus); the other rules run
    on the rest only, which gives the same result (a plain number has nothing to trim or
    replace).
    """
    done = fast.is_finite().fill_null(False) | raw.is_null()
    problem = pl.repeat(None, len(raw), dtype=pl.String, eager=True).alias(raw.name)
    if bool(done.all()):
        return ParsedNumbers(value=fast.alias(raw.name), problem=problem)
    rest = done.not_().arg_true()
    value, why = _parse_rest(raw.gather(rest), number_format)
    return ParsedNumbers(
        value=fast.alias(raw.name).scatter(rest, value), problem=problem.scatter(rest, why)
    )


def _parse_rest(text: pl.Series, number_format: NumberFormat) -> tuple[pl.Series, pl.Series]:
    """`parse_numbers` for cells that are not plain numbers as read: trimmed, then read."""
    s = text.str.replace_all("\u2212", "-", literal=True).str.strip_chars()
    fast = _plain_values(s, number_format)
    done = fast.is_finite().fill_null(False) | s.is_null()
    problem = pl.repeat(None, len(s), dtype=pl.String, eager=True)
    if bool(done.all()):
        return fast, problem
    rest = done.not_().arg_true()
    value, why = _parse_slow(s.gather(rest), number_format)
    return fast.scatter(rest, value), problem.scatter(rest, why)


def _plain_values(s: pl.Series, number_format: NumberFormat) -> pl.Series:
    """Float64 of the cells of `s` written as plain numbers (null elsewhere)."""
    return pl.DataFrame({"s": s}).select(_plain_expr(pl.col("s"), number_format)).to_series()


def _plain_expr(text: pl.Expr, number_format: NumberFormat) -> pl.Expr:
    """`text` as Float64 where it is written as a plain number (null elsewhere)."""
    if number_format.decimal == ".":  # a plain decimal-point number has no comma to replace
        plain, number = _PLAIN_POINT, text
    else:
        plain, number = _PLAIN_COMMA, text.str.replace(",", ".", literal=True)
    return pl.when(text.str.contains(plain)).then(number).cast(pl.Float64, strict=False)


def _parse_slow(s: pl.Series, number_format: NumberFormat) -> tuple[pl.Series, pl.Series]:
    """`parse_numbers` for cells that are not plain numbers: grouping, and why not."""
    dec, thou = number_format.decimal, number_format.thousands
    original = s
    spaced = pl.col("o").str.contains(f"[\\s{_SPACES}]") & pl.col("o").str.contains(
        f"^[+-]?[\\d.,]*\\d[\\s{_SPACES}]+\\d[\\d.,\\s{_SPACES}]*$"
    )
    if thou == " ":
        # a declared space separator: any of the space characters, then as a "," rule
        s = s.str.replace_all(f"(\\d)[{_SPACES}](\\d)", "${1}\u0001${2}")
    frame = pl.DataFrame({"s": s, "o": original})
    col = pl.col("s")
    sep = "\u0001" if thou == " " else thou
    if dec == ".":
        grouped = col.str.contains(
            rf"^[+-]?\d{{1,3}}(?:{re.escape(sep or ',')}\d{{3}})+(?:\.\d+)?$"
        )
        valid = col.str.contains(_PLAIN_POINT) | (grouped if thou in (",", " ") else pl.lit(False))
        cleaned = col.str.replace_all(re.escape(sep), "", literal=False) if sep else col
        ambiguous = col.str.contains(_GROUPED_COMMA) & pl.lit(thou != ",")
        wrong_decimal = (
            col.str.contains(_COMMA_DECIMAL) | col.str.contains(r"^[+-]?\d{1,3}(?:\.\d{3})+,\d+$")
        ) & ~ambiguous
    else:
        group = re.escape(sep or ".")
        grouped = col.str.contains(rf"^[+-]?\d{{1,3}}(?:{group}\d{{3}})+(?:,\d+)?$")
        valid = col.str.contains(_PLAIN_COMMA) | (grouped if thou in (".", " ") else pl.lit(False))
        cleaned = (col.str.replace_all(re.escape(sep), "") if sep else col).str.replace_all(
            ",", "."
        )
        ambiguous = (col.str.contains(_GROUPED_DOT) | col.str.contains(_DOT_DECIMAL)) & pl.lit(
            thou != "."
        )
        ambiguous = ambiguous | (col.str.contains(r"\.") & ~valid & pl.lit(thou == "."))
        wrong_decimal = pl.lit(False)
    value = pl.when(valid).then(cleaned).cast(pl.Float64, strict=False)
    out = frame.with_columns(value=value).select(
        value=pl.when(pl.col("value").is_finite()).then(pl.col("value")),
        problem=pl.when(col.is_null() | pl.col("value").is_finite())
        .then(pl.lit(None, dtype=pl.String))
        .when(pl.col("value").is_not_null())
        .then(pl.lit("not_finite"))
        .when(col.str.ends_with("%"))
        .then(pl.lit("percent_sign"))
        .when(spaced & pl.lit(thou != " "))
        .then(pl.lit("space_in_number"))
        .when(ambiguous)
        .then(pl.lit("ambiguous_number"))
        .when(wrong_decimal)
        .then(pl.lit("decimal_comma_undeclared"))
        .when(col.str.contains(r"^#[A-Z0-9/]+[!?]?[A-Z]*$"))
        .then(pl.lit("excel_error"))
        .when(col.str.to_lowercase().str.contains(r"^[+-]?(?:inf|infinity|nan)$"))
        .then(pl.lit("not_finite"))
        .otherwise(pl.lit("not_a_number")),
    )
    return out["value"], out["problem"]


def number_readings(value: str, number_format: NumberFormat) -> tuple[str, str]:
    """The two readings of an ambiguous number, for messages: (as decimal, as thousands)."""
    bare = re.sub(f"[{_SPACES}]", "", value)
    if number_format.decimal == ".":
        return bare.replace(",", "."), bare.replace(",", "")
    return bare, bare.replace(".", "")


# ------------------------------------------------------------------------------------------
# CSV
# ------------------------------------------------------------------------------------------


def _kind_of(file: Path) -> Literal["csv", "xlsx", "parquet"]:
    """The file's format by suffix; refuse what is missing, not a regular file or too large.

    The file is examined with `stat` only: a pipe, a device (`/dev/zero` behind a
    `.csv` link) or a folder is refused without reading a byte.
    """
    suffix = file.suffix.lower()
    try:
        info = file.stat()
    except FileNotFoundError:
        raise ReadProblem(file, "file_missing", "the file does not exist.") from None
    except OSError as error:
        raise ReadProblem(
            file,
            "not_regular_file",
            f"the file cannot be examined ({error.strerror}).",
        ) from None
    if not stat.S_ISREG(info.st_mode):
        raise ReadProblem(
            file,
            "not_regular_file",
            "this is not a regular file (a folder, a device or a pipe).",
        )
    kinds: dict[str, Literal["csv", "xlsx", "parquet"]] = {
        ".csv": "csv",
        ".txt": "csv",
        ".xlsx": "xlsx",
        ".parquet": "parquet",
        ".pq": "parquet",
    }
    if suffix not in kinds:
        raise ReadProblem(
            file,
            "file_format",
            f"files of type {suffix or '(none)'!r} cannot be read; use CSV, XLSX or Parquet.",
            params={"suffix": suffix or "(none)"},
        )
    kind = kinds[suffix]
    limits = Limits.from_environment()
    limit = {"csv": limits.csv_bytes, "xlsx": limits.xlsx_bytes}.get(kind, limits.parquet_bytes)
    if info.st_size > limit:
        label = {"csv": "CSV file", "xlsx": "Excel file"}.get(kind, "Parquet file")
        raise _too_large(file, label, info.st_size, limit, f"STKIT_MAX_{kind.upper()}_BYTES")
    return kind


def _read_bytes(file: Path) -> bytes:
    """The file's bytes, read from a descriptor checked again to be a regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(file, flags)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ReadProblem(
                file,
                "not_regular_file",
                "this is not a regular file (a folder, a device or a pipe).",
            )
        return handle.read(Limits.from_environment().csv_bytes + 1)


def _read_csv_text(
    file: Path, requested: NumberFormat | None
) -> tuple[bytes, int, NumberFormat, str]:
    """Read a CSV; return (bytes after declaration lines, their count, format, separator).

    Only the first lines are decoded here; polars checks the rest is UTF-8 while
    reading it (`_csv_problem` finds the row of a bad byte).
    """
    data = _read_bytes(file)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadProblem(
            file, "encoding", "the file is UTF-16, not UTF-8.", row=1, params={"row": "1"}
        )
    data = data.removeprefix(_BOM)
    head_end = _nth_newline(data, 4)
    head = _decode(file, data[:head_end], 0)
    lines = head[: _nth_newline(head, 3)].split("\n")  # declarations: first lines only
    pre = 0
    declared: NumberFormat | None = None
    sep = ","
    while pre < min(len(lines) - 1, 2):
        line = lines[pre].strip().lstrip("\ufeff")
        if line.lower().startswith(_MARKER):
            declared = _parse_marker(file, line, pre + 1)
        elif line.lower().startswith(_EXCEL_SEP) and len(line) == len(_EXCEL_SEP) + 1:
            sep = line[-1]
            if sep not in _SEPARATORS:
                raise _marker_error(file, line, pre + 1, f"separator {sep!r} is not supported")
        else:
            break
        pre += 1
    if declared is not None and requested is not None and declared != requested:
        raise ReadProblem(
            file,
            "marker_conflict",
            f"the file declares decimal {declared.decimal!r} but {requested.decimal!r} "
            "was requested.",
            row=1,
            params={"declared": declared.decimal, "requested": requested.decimal},
        )
    chosen = declared or requested or POINT
    body = data[_nth_newline(data, pre) + 1 :] if pre else data
    if sep == ",":
        sep = _sniff_separator(_decode(file, body[: _nth_newline(body, 1)], pre))
    return body, pre, chosen, sep


def _decode(file: Path, data: bytes, rows_before: int) -> str:
    """`data` as UTF-8 text, or the `encoding` problem naming the row of the bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        row = rows_before + data[: error.start].count(b"\n") + 1
        raise ReadProblem(
            file,
            "encoding",
            f"the file is not UTF-8 (unexpected byte on row {row}).",
            row=row,
            params={"row": str(row)},
        ) from error


def _sniff_separator(text: str) -> str:
    """`;` (Excel under a Vietnamese or European locale) or tab when the header says so.

    Only when the header has a single cell with commas and several with the other
    separator; otherwise the comma stays.
    """
    first = text.split("\n", 1)[0]
    if len(_header_cells(first, ",")) > 1:
        return ","
    for other in (";", "\t"):
        if len(_header_cells(first, other)) > 1:
            return other
    return ","


def _marker_error(file: Path, line: str, row: int, reason: str) -> ReadProblem:
    return ReadProblem(
        file,
        "marker_invalid",
        f"the declaration line {line!r} is not valid: {reason}.",
        row=row,
        value=line,
        params={"reason": reason},
    )


def _parse_marker(file: Path, line: str, row: int) -> NumberFormat:
    """Parse `# stkit: decimal=, thousands=.` (thousands may be `none` or `space`)."""
    settings: dict[str, str] = {}
    for token in line[len(_MARKER) :].replace(";", " ").split():
        key, eq, value = token.partition("=")
        if not eq or key not in ("decimal", "thousands"):
            raise _marker_error(file, line, row, f"unknown setting {token!r}")
        settings[key] = {"": "", "none": "", "space": " "}.get(value, value)
    decimal = settings.get("decimal", ".")
    thousands = settings.get("thousands", "")
    if decimal not in (".", ",") or thousands not in ("", ".", ",", " ") or decimal == thousands:
        raise _marker_error(
            file, line, row, "decimal must be '.' or ',' and thousands a different one or none"
        )
    return NumberFormat(decimal=decimal, thousands=thousands)  # type: ignore[arg-type]


def _nth_newline(text: str | bytes, count: int) -> int:
    """Index of the `count`-th newline of `text` (len(text) if there are fewer)."""
    index = -1
    newline: str | bytes = "\n" if isinstance(text, str) else b"\n"
    for _ in range(count):
        index = text.find(newline, index + 1)  # type: ignore[arg-type]
        if index < 0:
            return len(text)
    return index


def _header_cells(text: str, sep: str) -> list[str]:
    end = text.find("\n")
    first = (text if end < 0 else text[:end]).rstrip("\r")
    return next(csv.reader([first], delimiter=sep), [])


def _csv_to_raw(
    file: Path, body: bytes, pre_lines: int, number_format: NumberFormat, sep: str
) -> RawTable:
    header_row = pre_lines + 1
    first_line = _decode(file, body[: _nth_newline(body, 1)], pre_lines)
    names = [_norm_header(name) for name in _header_cells(first_line, sep)]
    _check_header(file, None, names, header_row, first_col=0, has_data=None)
    names = [name or f"__blank_{index}" for index, name in enumerate(names)]
    # the byte scan for combining marks runs while polars parses (both release the GIL)
    with ThreadPoolExecutor(max_workers=1) as scan:
        marks = scan.submit(_may_hold_marks, body)
        if not body or body.isspace():  # without copying a large body to strip it
            frame = pl.DataFrame({name: pl.Series([], dtype=pl.String) for name in names})
        else:
            try:
                frame = pl.read_csv(
                    body,
                    separator=sep,
                    infer_schema=False,
                    new_columns=names,
                    truncate_ragged_lines=False,
                )
            except pl.exceptions.PolarsError as error:
                raise _csv_problem(file, body, sep, pre_lines, error) from error
        blank = [n for n in frame.columns if n.startswith("__blank_")]
        filled_blank = [
            n for n in blank if (frame[n].str.strip_chars().str.len_chars().fill_null(0) > 0).any()
        ]
        if filled_blank:
            letters = [_col_letter(frame.columns.index(n)) for n in filled_blank]
            raise ReadProblems(
                [
                    ReadProblem(
                        file,
                        "header_blank",
                        f"column {letter} holds data but has no name in row {header_row}.",
                        row=header_row,
                        params={"column_letter": letter},
                    )
                    for letter in letters
                ]
            )
        frame = frame.drop(blank)
        cleaned = _clean(frame, first_row=header_row + 1, marks=marks.result())
    return RawTable(cleaned, str(file), number_format=number_format)


_MARK_LEADS = np.zeros(256, dtype=bool)
_MARK_LEADS[[0xCC, 0xCD, 0xD2, *range(0xD6, 0xE1), *range(0xE3, 0xEF), *range(0xF0, 0xF5)]] = True
"""UTF-8 lead bytes of blocks holding combining marks (U+0300–036F; Cyrillic, Hebrew,
Arabic... marks; U+0800–0FFF; U+3000–EFFF; planes 1–16) or composing under NFC."""
_MARKS_AFTER = {0xE1: None, 0xE2: (0x83, 0xB3, 0xB7), 0xEF: (0xAC, 0xB8)}
"""Three-byte leads checked on their second byte: E1 holds marks except in the Vietnamese
block (E1 BA, E1 BB); E2 only at U+20D0, U+2CEF, U+2DE0; EF only at U+FB1E, U+FE00–FE2F."""


def _may_hold_marks(data: bytes) -> bool:
    """Whether `data` may hold combining marks (so NFC may change it): a byte-level scan.

    Vietnamese typed precomposed (U+1EA0–1EF9, Latin-1, Latin Extended) never does;
    NFD-typed Vietnamese (U+0300–036F) does. A false "may" only costs a scan.
    """
    codes = np.frombuffer(data, dtype=np.uint8)
    high = np.flatnonzero(codes[:-1] >= 0xCC)  # every lead byte that matters is >= 0xCC
    leads = codes[high]
    if bool(_MARK_LEADS[leads].any()) or (codes.size and codes[-1] >= 0xCC):
        return True
    for lead, marked in _MARKS_AFTER.items():
        where = high[leads == lead] + 1
        if not where.size:
            continue
        second = codes[where]
        if marked is None:
            if bool(((second != 0xBA) & (second != 0xBB)).any()):
                return True
        elif bool(np.isin(second, marked).any()):
            return True
    return False


def _csv_problem(
    file: Path, body: bytes, sep: str, pre_lines: int, error: Exception
) -> ReadProblem:
    """What made polars refuse a CSV (failure path only): a bad byte, then a ragged row."""
    text = _decode(file, body, pre_lines)
    return _ragged_problem(file, text, sep, pre_lines, error)


def _ragged_problem(
    file: Path, text: str, sep: str, pre_lines: int, error: Exception
) -> ReadProblem:
    """Find the first row whose cell count differs from the header's (failure path only)."""
    rows = csv.reader(io.StringIO(text), delimiter=sep)
    expected: int | None = None
    for index, cells in enumerate(rows):
        if expected is None:
            expected = len(cells)
            continue
        if len(cells) > expected:
            row = pre_lines + index + 1
            return ReadProblem(
                file,
                "ragged_row",
                f"row {row} has {len(cells)} cells but the header has {expected} columns.",
                row=row,
                params={"found": str(len(cells)), "expected": str(expected)},
            )
    return _unreadable(file, "CSV", f" ({type(error).__name__})")


# ------------------------------------------------------------------------------------------
# Excel
# ------------------------------------------------------------------------------------------


def _open_workbook(file: Path) -> fastexcel.ExcelReader:
    _check_archive(file)
    try:
        return fastexcel.read_excel(file)
    except Exception as error:  # fastexcel raises its own error types for damaged files
        raise _unreadable(file, "Excel (.xlsx)") from error


def _check_archive(file: Path) -> None:
    """Refuse a workbook that is not a zip archive or unpacks to more than the limit."""
    limit = Limits.from_environment().xlsx_unpacked_bytes
    try:
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _unreadable(file, "Excel (.xlsx)") from error
    if unpacked > limit:
        raise _too_large(
            file, "unpacked Excel workbook", unpacked, limit, "STKIT_MAX_XLSX_UNPACKED_BYTES"
        )


@dataclass(frozen=True)
class _SheetFacts:
    """What the workbook's XML says about one sheet, found before any cell is decoded."""

    merged: list[str]
    formulas: list[tuple[str, str]]
    """(cell reference, formula text) of formula cells whose value cannot be trusted."""
    errors: list[tuple[int, int, str]] = field(default_factory=list)
    """(row, column, text) of cells holding an Excel error (`#DIV/0!`), both 1-based."""


_MAX_ROW = 1_048_576
_MAX_COL = 16_384
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REF = re.compile(rb'\br="([A-Za-z]+)(\d+)"')
_ROW_REF = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.DOTALL)
_VALUE = re.compile(rb"<(?:\w+:)?v\b")
_VALUE_TEXT = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_ERROR_TYPE = re.compile(rb'\bt="e"')
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')


def _col_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _inspect_sheet(file: Path, sheet: str) -> _SheetFacts:
    """Check one sheet's XML as a stream: hidden state, cell span, formulas, merged cells.

    Refuses a hidden sheet, a cell reference beyond Excel's limits and a sheet whose
    span from A1 holds more cells than `Limits.cells`, before the Excel reader would
    allocate it. Formula cells are kept when Excel computed them; a workbook that asks
    to be recalculated on opening (`fullCalcOnLoad`, what non-Excel writers set) or a
    formula without a stored value gives untrusted formula cells.
    """
    limits = Limits.from_environment()
    try:
        with zipfile.ZipFile(file) as archive:
            workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
            rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
            rel_id = None
            state = "visible"
            for attrs in re.findall(r"<(?:\w+:)?sheet\b([^>]*)/?>", workbook):
                found = dict(re.findall(r'([\w:]+)="([^"]*)"', attrs))
                if html.unescape(found.get("name", "")) == sheet:
                    rel_id = found.get("r:id")
                    state = found.get("state", "visible")
            if state in ("hidden", "veryHidden"):
                raise ReadProblem(
                    file,
                    "sheet_hidden",
                    f"sheet {sheet!r} is hidden ({state}); hidden sheets are not read.",
                    sheet=sheet,
                    params={"sheet": sheet},
                )
            recalc = re.search(r'\bfullCalcOnLoad="(?:1|true)"', workbook) is not None
            target = None
            for attrs in re.findall(r"<Relationship\b([^>]*)/?>", rels):
                found = dict(re.findall(r'([\w:]+)="([^"]*)"', attrs))
                if found.get("Id") == rel_id:
                    target = found.get("Target", "")
            if not target:
                return _SheetFacts([], [], [])
            member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            with archive.open(member) as stream:
                return _scan_sheet(file, sheet, stream, recalc, limits.cells)
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise _unreadable(file, "Excel (.xlsx)") from error


def _scan_sheet(file: Path, sheet: str, stream: IO[bytes], recalc: bool, cells: int) -> _SheetFacts:
    merged: list[str] = []
    errors: list[tuple[int, int, str]] = []
    formulas: list[tuple[str, str]] = []
    max_row = max_col = 0
    pending = b""
    while True:
        chunk = stream.read(4 * 2**20)
        buffer = pending + chunk
        cut = len(buffer) if not chunk else buffer.rfind(b"</row>") + len(b"</row>")
        if cut < len(b"</row>") and chunk:
            cut = buffer.rfind(b">") + 1 if len(buffer) > 64 * 2**20 else 0
        part, pending = buffer[:cut], buffer[cut:]
        for match in _ROW_REF.finditer(part):
            max_row = max(max_row, int(match.group(1)))
        for match in _CELL.finditer(part):
            ref = _REF.search(match.group(1))
            where = ""
            if ref is not None:
                letters, digits = ref.group(1).decode(), int(ref.group(2))
                where = f"{letters.upper()}{digits}"
                col = _col_number(letters)
                if col > _MAX_COL or digits > _MAX_ROW or digits < 1 or len(letters) > 3:
                    raise ReadProblem(
                        file,
                        "file_unreadable",
                        f"cell reference {where} is beyond Excel's limits (XFD{_MAX_ROW}).",
                        sheet=sheet,
                        value=where,
                        params={
                            "kind": "Excel (.xlsx)",
                            "detail": f" (cell {where} is beyond Excel's limits)",
                            "how_vi": _HOW["Excel (.xlsx)"][0],
                            "how_en": _HOW["Excel (.xlsx)"][1],
                        },
                    )
                max_row, max_col = max(max_row, digits), max(max_col, col)
            body = match.group(2) or b""
            if ref is not None and _ERROR_TYPE.search(match.group(1)):
                shown_error = _VALUE_TEXT.search(body)
                text = shown_error.group(1).decode("utf-8", "replace") if shown_error else "#?"
                errors.append((digits, col, html.unescape(text)))
            formula = _FORMULA.search(body)
            if formula is not None and (recalc or _VALUE.search(body) is None):
                text = html.unescape((formula.group(1) or b"").decode("utf-8", "replace"))
                formulas.append((where, "=" + text if text else "(shared formula)"))
        merged.extend(m.decode() for m in _MERGE.findall(part))
        if max_row * max(max_col, 1) > cells:
            span = f"A1:{_col_letter(max(max_col, 1) - 1)}{max_row}"
            raise ReadProblem(
                file,
                "sheet_too_large",
                f"sheet {sheet!r} spans {span} ({max_row * max(max_col, 1):,} cells), "
                f"above the limit of {cells:,} (environment variable STKIT_MAX_CELLS).",
                sheet=sheet,
                value=span,
                params={
                    "sheet": sheet,
                    "cells": f"{max_row * max(max_col, 1):,}",
                    "limit": f"{cells:,}",
                    "setting": "STKIT_MAX_CELLS",
                },
            )
        if not chunk:
            return _SheetFacts(merged, formulas, errors)


def _pick_sheet(file: Path, reader: fastexcel.ExcelReader, sheet: str | None) -> str:
    names: list[str] = list(reader.sheet_names)
    if sheet is None:
        return names[0]
    if sheet in names:
        return sheet
    folded = [n for n in names if n.strip().casefold() == sheet.casefold()]
    if folded:
        return folded[0]
    raise ReadProblem(
        file,
        "sheet_missing",
        f"the workbook has no sheet {sheet!r}; sheets present: {', '.join(names)}.",
        sheet=sheet,
        params={"sheet": sheet, "sheets": ", ".join(names)},
    )


def sheet_names(path: str | Path) -> list[str]:
    """Names of the sheets of an .xlsx workbook, in workbook order."""
    file = Path(path)
    _kind_of(file)
    return list(_open_workbook(file).sheet_names)


def _read_xlsx_typed(file: Path, sheet: str | None) -> pl.DataFrame:
    reader = _open_workbook(file)
    name = _pick_sheet(file, reader, sheet)
    facts = _inspect_sheet(file, name)
    if facts.formulas:
        raise ReadProblems([_formula_problem(file, name, ref, f) for ref, f in facts.formulas])
    try:
        frame: pl.DataFrame = reader.load_sheet(name).to_polars()
    except Exception as error:  # fastexcel raises its own error types
        raise _unreadable(file, "Excel (.xlsx)") from error
    return frame


def _with_errors(grid: pl.DataFrame, facts: _SheetFacts, first_col: int) -> pl.DataFrame:
    """Put the text of Excel error cells (`#DIV/0!`) into the grid, which reads them as empty.

    So that an error is reported as an Excel error in its column, not as an empty cell.
    """
    by_column: dict[int, tuple[list[int], list[str]]] = {}
    for row, col, text in facts.errors:
        index = col - 1 - first_col
        if 0 <= index < grid.width and 0 <= row - 1 < grid.height:
            rows, texts = by_column.setdefault(index, ([], []))
            rows.append(row - 1)
            texts.append(text)
    for index, (rows, texts) in by_column.items():
        name = grid.columns[index]
        grid = grid.with_columns(grid[name].scatter(rows, texts))
    return grid


def _formula_problem(file: Path, sheet: str, ref: str, formula: str) -> ReadProblem:
    letters = re.sub(r"\d+", "", ref)
    digits = re.sub(r"[A-Z]+", "", ref)
    return ReadProblem(
        file,
        "formula_uncomputed",
        f"cell {ref} holds the formula {formula!r}, which Excel never computed.",
        sheet=sheet,
        row=int(digits) if digits else None,
        column=letters or None,
        value=formula,
    )


def _read_xlsx_raw(file: Path, sheet: str | None) -> RawTable:
    reader = _open_workbook(file)
    name = _pick_sheet(file, reader, sheet)
    facts = _inspect_sheet(file, name)
    merged = facts.merged
    if facts.formulas:
        raise ReadProblems([_formula_problem(file, name, ref, f) for ref, f in facts.formulas])
    if merged:
        raise ReadProblems(
            [
                ReadProblem(
                    file,
                    "merged_cells",
                    f"merged cells {ref} cannot be read.",
                    sheet=name,
                    row=int(re.sub(r"[A-Z]+", "", ref.split(":")[0])),
                    column=re.sub(r"\d+", "", ref.split(":")[0]),
                    value=ref,
                )
                for ref in merged
            ]
        )
    try:
        loaded = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string")
        columns = loaded.available_columns()
        grid: pl.DataFrame = loaded.to_polars()
    except Exception as error:  # fastexcel raises its own error types
        raise _unreadable(file, "Excel (.xlsx)") from error
    first_col = columns[0].absolute_index if columns else 0
    grid = _with_errors(grid.select(pl.all().str.strip_chars().replace("", None)), facts, first_col)
    if grid.height == 0:
        return RawTable(pl.DataFrame({ROW: pl.Series([], dtype=pl.Int64)}), str(file), name)
    header = [None if v is None else str(v) for v in grid.row(0)]
    has_data = [bool(grid[c].slice(1).is_not_null().any()) for c in grid.columns]
    names = [_norm_header(h or "") for h in header]
    _check_header(file, name, names, 1, first_col=first_col, has_data=has_data, grid=grid)
    body = grid.slice(1)
    body.columns = [n if n else f"__blank_{i}" for i, n in enumerate(names)]
    body = body.select([c for c in body.columns if not c.startswith("__blank_")])
    return RawTable(_clean(body, first_row=2), str(file), name)


# ------------------------------------------------------------------------------------------
# Shared helpers
# ------------------------------------------------------------------------------------------


def _read_parquet(file: Path) -> pl.DataFrame:
    _check_parquet(file)
    try:
        return pl.read_parquet(file)
    except Exception as error:  # polars/arrow raise several error types for damaged files
        raise _unreadable(file, "Parquet") from error


def _check_parquet(file: Path) -> None:
    """Refuse a Parquet file whose metadata declares more cells or bytes than the limits."""
    import pyarrow.parquet as pq  # noqa: PLC0415  (only Parquet needs it)

    limits = Limits.from_environment()
    try:
        meta = pq.read_metadata(file)
        unpacked = sum(
            max(
                meta.row_group(i).total_byte_size,
                sum(
                    meta.row_group(i).column(j).total_uncompressed_size
                    for j in range(meta.row_group(i).num_columns)
                ),
            )
            for i in range(meta.num_row_groups)
        )
        cells = meta.num_rows * max(meta.num_columns, 1)
    except Exception as error:  # pyarrow raises several error types for damaged files
        raise _unreadable(file, "Parquet") from error
    if cells > limits.cells:
        raise ReadProblem(
            file,
            "sheet_too_large",
            f"the file declares {meta.num_rows:,} rows × {meta.num_columns} columns "
            f"({cells:,} cells), above the limit of {limits.cells:,} "
            "(environment variable STKIT_MAX_CELLS).",
            params={
                "cells": f"{cells:,}",
                "limit": f"{limits.cells:,}",
                "setting": "STKIT_MAX_CELLS",
                "sheet": file.name,
            },
        )
    if unpacked > limits.parquet_unpacked_bytes:
        raise _too_large(
            file,
            "unpacked Parquet data",
            unpacked,
            limits.parquet_unpacked_bytes,
            "STKIT_MAX_PARQUET_UNPACKED_BYTES",
        )


def _norm_header(name: str) -> str:
    return name.strip().lstrip("\ufeff").strip().lower()


def _col_letter(index: int) -> str:
    """Excel column letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _check_header(
    file: Path,
    sheet: str | None,
    names: list[str],
    header_row: int,
    *,
    first_col: int,
    has_data: list[bool] | None,
    grid: pl.DataFrame | None = None,
) -> None:
    """Refuse a header that does not start at row 1 / column A, has holes or repeats."""
    if grid is not None and (first_col > 0 or not any(names) or _looks_like_title(names)):
        row, col = _find_header(grid)
        raise ReadProblem(
            file,
            "header_offset",
            f"the header must be row 1 from column A; it seems to be at "
            f"{_col_letter(first_col + col)}{row}.",
            sheet=sheet,
            row=row,
            value=f"{_col_letter(first_col + col)}{row}",
        )
    problems: list[ReadProblem] = []
    if has_data is not None:
        for index, (name, filled) in enumerate(zip(names, has_data, strict=True)):
            if not name and filled:
                letter = _col_letter(first_col + index)
                problems.append(
                    ReadProblem(
                        file,
                        "header_blank",
                        f"column {letter} holds data but has no name in row {header_row}.",
                        sheet=sheet,
                        row=header_row,
                        params={"column_letter": letter},
                    )
                )
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            problems.append(
                ReadProblem(
                    file,
                    "header_duplicate",
                    f"column name {name!r} appears more than once.",
                    sheet=sheet,
                    row=header_row,
                    column=name,
                )
            )
        seen.add(name)
    if problems:
        raise ReadProblems(problems)


def _looks_like_title(names: list[str]) -> bool:
    """A first row with a single filled cell followed by blanks is a title, not a header."""
    filled = [bool(n) for n in names]
    return len(names) > 1 and filled[0] and not any(filled[1:])


def _find_header(grid: pl.DataFrame) -> tuple[int, int]:
    """Best guess of where a header was put: first row (1-based) filling the most columns."""
    counts = grid.head(30).select(pl.sum_horizontal(pl.all().is_not_null())).to_series()
    best = int(counts.arg_max() or 0)
    row_values = grid.row(best)
    col = next((i for i, v in enumerate(row_values) if v is not None), 0)
    return best + 1, col


def _to_raw_frame(frame: pl.DataFrame, *, first_row: int | None) -> pl.DataFrame:
    renamed = frame.rename({c: _norm_header(c) for c in frame.columns})
    text = renamed.select(pl.col(c).cast(pl.String) for c in renamed.columns)
    return _clean(text, first_row=first_row)


def _clean(frame: pl.DataFrame, *, first_row: int | None, marks: bool = True) -> pl.DataFrame:
    """Trim and NFC-normalise text, empty → null, number rows, drop rows with no value.

    `marks=False` says the source bytes hold no combining marks (`_may_hold_marks`),
    so no column needs normalising.
    """
    columns = frame.columns
    # NFC only where combining marks occur (NFD-typed Vietnamese): a scan is ~5x cheaper;
    # trimming removes no mark, so the untrimmed text is scanned
    decomposed: set[str] = set()
    if marks and columns:
        found = frame.select(
            pl.col(c).cast(pl.String).str.contains(r"\p{M}").any() for c in columns
        )
        decomposed = {c for c in columns if found[c][0]}

    def cleaned(name: str) -> pl.Expr:
        text = pl.col(name).cast(pl.String).str.strip_chars()
        if name in decomposed:
            text = text.str.normalize("NFC")
        return text.replace("", None)

    if first_row is None:
        row = pl.lit(None, dtype=pl.Int64)
    else:
        row = (pl.int_range(pl.len()) + first_row).cast(pl.Int64)
    # one plan: trim, normalise, empty → null and the row filter run in one pass
    plan = frame.lazy().select(cleaned(c) for c in columns).with_columns(row.alias(ROW))
    if columns:
        plan = plan.filter(pl.any_horizontal(pl.col(columns).is_not_null()))
    return plan.collect()
