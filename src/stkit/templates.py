"""Excel data-collection templates for one programme and year, and formula-injection guards.

`write_template` writes a workbook a department fills in: an instruction sheet in
Vietnamese (`huong_dan`), one sheet per table (`observations`, `task_status`) with
the public header in row 1, rows pre-filled with the programme's units, indicators
and tasks, and drop-down lists for units, indicators, statuses and yes/no cells
(their lists live on a hidden `_lists` sheet). A filled template passes
`stkit validate` unchanged, and so does an untouched one: rows left empty are "not
reported" (`stkit.validation.not_reported`), as the instruction sheet says.

Every text cell written goes through `neutralise_cell`: text starting with `=`,
`+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, so that
spreadsheet programs show it as text instead of running it as a formula (OWASP,
"CSV injection").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import xlsxwriter

from stkit import units
from stkit._atomic import atomic_file
from stkit.datadir import resolve_data_dir
from stkit.errors import StkitError
from stkit.exports import safe_cell, safe_frame
from stkit.readers import read_raw
from stkit.schemas import EARLIEST_YEAR, LATEST_TARGET_YEAR, OBSERVATIONS, STATUSES, TASK_STATUS

INSTRUCTIONS_SHEET = "huong_dan"
LISTS_SHEET = "_lists"
TEMPLATE_TABLES = ("observations", "task_status")
EXTRA_ROWS = 200
"""Rows below the pre-filled ones that carry the drop-down lists too."""


def neutralise_cell(text: str) -> str:
    """Return `text` safe to write to Excel or CSV (`stkit.exports.safe_cell`)."""
    return safe_cell(text)


def neutralise_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Apply `neutralise_cell` to every text column of `frame` (`stkit.exports.safe_frame`)."""
    return safe_frame(frame)


@dataclass(frozen=True)
class TemplateContent:
    """What goes into a template: the tables, drop-down lists and instruction text."""

    programme: str
    year: int
    tables: Mapping[str, pl.DataFrame]
    units: tuple[str, ...]
    indicators: pl.DataFrame
    """code, name_vi of the indicator catalogue."""
    tasks: pl.DataFrame
    """task, title_vi of the programme's tasks."""
    title_vi: str


def template_content(programme: str, year: int, *, data_dir: Path | None = None) -> TemplateContent:
    """Collect the rows and lists of a template for `programme` and reporting `year`.

    Observation rows: one per (unit, indicator) of the programme's targets, the unit
    as in force in `year` (an old unit after the merger becomes its successor). Task
    rows: one per task of the programme. Values, statuses and sources are left empty.
    """
    # imported here: the registry's loader may itself use the readers of this package
    from stkit import programmes  # noqa: PLC0415

    if not EARLIEST_YEAR <= year <= LATEST_TARGET_YEAR:
        raise StkitError(
            f"Year {year} is outside {EARLIEST_YEAR}–{LATEST_TARGET_YEAR}. "
            "Fix: pass the reporting year, e.g. --year 2025. / "
            f"Năm {year} nằm ngoài {EARLIEST_YEAR}–{LATEST_TARGET_YEAR}. "
            "Cách sửa: truyền năm báo cáo, ví dụ --year 2025."
        )
    root = resolve_data_dir(data_dir)
    registry = programmes.load_registry(root)
    record = registry.get(programme)
    day = units.period_date(year)
    in_force = units.load_units(root, as_of=day)
    targets = programmes.targets_frame(registry, programme)
    pairs = targets.select("unit", "indicator").unique(maintain_order=True)
    unit_of = {key: _unit_in_force(key, day, root) for key in pairs["unit"].unique().to_list()}
    observations = (
        pairs.with_columns(pl.col("unit").replace_strict(unit_of, return_dtype=pl.String))
        .unique(maintain_order=True)
        .select(
            "unit",
            "indicator",
            pl.lit(year, dtype=pl.Int64).alias("period"),
            pl.lit(None, dtype=pl.Float64).alias("value"),
            pl.lit(None, dtype=pl.String).alias("source"),
            pl.lit(None, dtype=pl.String).alias("note"),
            pl.lit(value=False).alias("illustrative"),
            pl.lit(None, dtype=pl.String).alias("territory"),
        )
    )
    tasks = programmes.tasks_frame(registry, programme)
    status = tasks.select(
        pl.col("programme"),
        pl.col("task"),
        pl.lit(year, dtype=pl.Int64).alias("year"),
        pl.lit(None, dtype=pl.String).alias("status"),
        pl.lit(None, dtype=pl.String).alias("evidence"),
        pl.lit(None, dtype=pl.String).alias("source"),
    )
    catalogue = read_raw(root / "indicators.csv").frame.select("code", "name_vi")
    return TemplateContent(
        programme=programme,
        year=year,
        tables={"observations": observations, "task_status": status},
        units=tuple(sorted(in_force["slug"].to_list())),
        indicators=catalogue,
        tasks=tasks.select("task", "title_vi"),
        title_vi=record.title_vi,
    )


def _unit_in_force(key: str, day: dt.date, data_dir: Path) -> str:
    """The slug of the unit `key` names on `day`, or of its successor after the merger."""
    try:
        return units.resolve_unit(key, on=day, data_dir=data_dir).slug
    except StkitError:
        return units.successor(key, data_dir=data_dir).slug


def write_template(
    out: str | Path,
    *,
    programme: str,
    year: int,
    data_dir: Path | None = None,
    filled: Mapping[str, pl.DataFrame] | None = None,
) -> Path:
    """Write the template workbook to `out` atomically; return its path.

    `filled` replaces the pre-filled rows of a table (same columns): it is how a
    filled template is produced for tests and for re-issuing last year's figures.
    """
    content = template_content(programme, year, data_dir=data_dir)
    if filled:
        content = TemplateContent(
            programme=content.programme,
            year=content.year,
            tables={**content.tables, **filled},
            units=content.units,
            indicators=content.indicators,
            tasks=content.tasks,
            title_vi=content.title_vi,
        )
    return write_workbook(out, content)


def write_workbook(out: str | Path, content: TemplateContent) -> Path:
    """Write `content` as an .xlsx workbook at `out`, via a temporary file and `os.replace`."""
    target = Path(out)
    if target.suffix.lower() != ".xlsx":
        raise StkitError(
            f"{target}: a template must be an .xlsx file. Fix: name it e.g. p1-2025.xlsx. / "
            f"{target}: mẫu biểu phải là tệp .xlsx. Cách sửa: đặt tên ví dụ p1-2025.xlsx."
        )
    with atomic_file(target, suffix=".xlsx") as temp:
        _write(temp, content)
    return target


def _write(path: Path, content: TemplateContent) -> None:
    book = xlsxwriter.Workbook(
        str(path),
        {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
    )
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    instructions = book.add_worksheet(INSTRUCTIONS_SHEET)
    sheets = {name: book.add_worksheet(name) for name in TEMPLATE_TABLES}
    lists = book.add_worksheet(LISTS_SHEET)
    ranges = _write_lists(lists, content)
    lists.hide()
    _write_instructions(instructions, content, bold, wrap)
    specs = {"observations": OBSERVATIONS, "task_status": TASK_STATUS}
    for name, sheet in sheets.items():
        spec = specs[name]
        frame = content.tables[name].select(spec.names)
        _write_table(sheet, frame, header)
        last = frame.height + EXTRA_ROWS
        for column, kind in _validations(name).items():
            index = spec.names.index(column)
            options = _validation_options(kind, ranges)
            sheet.data_validation(1, index, last, index, options)
        sheet.freeze_panes(1, 0)
    instructions.activate()
    book.close()


def _write_table(sheet: Any, frame: pl.DataFrame, header: Any) -> None:
    for col, name in enumerate(frame.columns):
        sheet.write_string(0, col, name, header)
        sheet.set_column(col, col, max(12, len(name) + 4))
    for row, record in enumerate(frame.iter_rows(), start=1):
        for col, value in enumerate(record):
            _write_cell(sheet, row, col, value)


def _write_cell(sheet: Any, row: int, col: int, value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value)
    else:
        sheet.write_string(row, col, neutralise_cell(str(value)))


def _write_lists(sheet: Any, content: TemplateContent) -> dict[str, str]:
    columns: dict[str, Sequence[str]] = {
        "unit": content.units,
        "indicator": tuple(content.indicators["code"].to_list()),
        "status": STATUSES,
        "bool": ("true", "false"),
    }
    ranges = {}
    for col, (name, values) in enumerate(columns.items()):
        letter = chr(ord("A") + col)
        sheet.write_string(0, col, name)
        for row, value in enumerate(values, start=1):
            sheet.write_string(row, col, neutralise_cell(value))
        ranges[name] = f"={LISTS_SHEET}!${letter}$2:${letter}${max(2, len(values) + 1)}"
    return ranges


def _validations(table: str) -> dict[str, str]:
    if table == "observations":
        return {
            "unit": "unit",
            "indicator": "indicator",
            "period": "year",
            "value": "number",
            "illustrative": "bool",
        }
    return {"year": "year", "status": "status"}


def _validation_options(kind: str, ranges: Mapping[str, str]) -> dict[str, Any]:
    if kind == "year":
        return {
            "validate": "integer",
            "criteria": "between",
            "minimum": EARLIEST_YEAR,
            "maximum": LATEST_TARGET_YEAR,
            "error_message": "Ghi năm bốn chữ số, ví dụ 2025.",
        }
    if kind == "number":
        return {
            "validate": "decimal",
            "criteria": "between",
            "minimum": -1e15,
            "maximum": 1e15,
            "error_message": "Ghi một số (không ghi chữ, không ghi ký hiệu %).",
        }
    return {
        "validate": "list",
        "source": ranges[kind],
        "error_message": "Chọn một giá trị trong danh sách.",
    }


_STEPS = (
    (
        "1. Điền số liệu vào trang 'observations': mỗi dòng là một chỉ tiêu của một tỉnh/thành "
        "trong một năm. Cột 'value' ghi con số (không ghi %, không ghi chữ); cột 'source' ghi "
        "nguồn số liệu (văn bản, báo cáo, ngày) — bắt buộc."
    ),
    (
        "2. Điền tình trạng nhiệm vụ vào trang 'task_status': chọn 'status' trong danh sách "
        "(not_started = chưa bắt đầu, in_progress = đang thực hiện, done = hoàn thành, "
        "dropped = dừng thực hiện); ghi minh chứng vào 'evidence' và nguồn vào 'source'."
    ),
    (
        "3. Chọn đơn vị, chỉ tiêu và tình trạng từ danh sách thả xuống. Đơn vị ghi theo tên viết "
        "liền không dấu (ví dụ hai-phong) hoặc mã hai chữ số; từ 01/07/2025 dùng 34 đơn vị mới."
    ),
    (
        "4. Không đổi tên trang, không đổi tên hay thứ tự cột, không gộp ô, không chèn dòng "
        "tiêu đề phía trên dòng 1. Có thể thêm dòng mới ở cuối bảng."
    ),
    (
        "5. Số liệu minh hoạ (không có nguồn chính thức) ghi 'true' ở cột 'illustrative'. Cột "
        "'territory' để trống; chỉ ghi 'current' cho số liệu năm 2025 công bố theo 34 đơn vị "
        "mới (ví dụ GRDP 2025 của Hải Phòng sau hợp nhất với Hải Dương)."
    ),
    (
        "6. Chỉ tiêu hoặc nhiệm vụ nào không có gì để báo cáo: giữ nguyên dòng đó, để trống "
        "'value', 'source' và 'note' (trang task_status: để trống 'status', 'evidence' và "
        "'source'). Dòng để trống được hiểu là 'chưa báo cáo', không bị coi là lỗi. Một dòng "
        "đã ghi số liệu thì phải ghi đủ cả nguồn."
    ),
    "7. Kiểm tra tệp trước khi gửi: stkit validate --observations <tệp>.xlsx --tasks <tệp>.xlsx",
)


def _write_instructions(sheet: Any, content: TemplateContent, bold: Any, wrap: Any) -> None:
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 1, 110)
    sheet.write_string(0, 0, "Hướng dẫn", bold)
    sheet.write_string(
        0,
        1,
        neutralise_cell(f"Mẫu thu thập số liệu — {content.title_vi} — năm {content.year}"),
        bold,
    )
    sheet.write_string(1, 0, "Chương trình")
    sheet.write_string(1, 1, neutralise_cell(content.programme))
    row = 3
    for step in _STEPS:
        sheet.write_string(row, 1, step, wrap)
        row += 1
    row += 1
    sheet.write_string(row, 0, "Mã chỉ tiêu", bold)
    sheet.write_string(row, 1, "Tên chỉ tiêu", bold)
    for code, name in content.indicators.select("code", "name_vi").iter_rows():
        row += 1
        sheet.write_string(row, 0, neutralise_cell(str(code)))
        sheet.write_string(row, 1, neutralise_cell(str(name or "")), wrap)
    row += 2
    sheet.write_string(row, 0, "Mã nhiệm vụ", bold)
    sheet.write_string(row, 1, "Nội dung nhiệm vụ", bold)
    for task, title in content.tasks.iter_rows():
        row += 1
        sheet.write_string(row, 0, neutralise_cell(str(task)))
        sheet.write_string(row, 1, neutralise_cell(str(title or "")), wrap)
