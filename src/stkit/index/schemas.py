"""Pandera schemas of COINr's iMeta and iData tables, as COINr writes them."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from stkit.errors import DataFileError
from stkit.vocab import Lang

IMETA_TYPES = ("Indicator", "Aggregate", "Group", "Denominator", "Other")

IMETA_SCHEMA = pa.DataFrameSchema(
    {
        "Level": pa.Column(pl.Int64, nullable=True, checks=pa.Check.ge(1)),
        "iCode": pa.Column(pl.String, unique=True),
        "iName": pa.Column(pl.String, nullable=True, required=False),
        "Direction": pa.Column(pl.Int64, nullable=True, checks=pa.Check.isin([-1, 1])),
        "Weight": pa.Column(pl.Float64, nullable=True, checks=pa.Check.ge(0)),
        "Parent": pa.Column(pl.String, nullable=True),
        "Type": pa.Column(pl.String, checks=pa.Check.isin(list(IMETA_TYPES))),
    },
    coerce=True,
    strict=False,
)

IDATA_SCHEMA = pa.DataFrameSchema(
    {"uCode": pa.Column(pl.String, unique=True, nullable=False)},
    coerce=True,
    strict=False,
)


REQUIRED_IMETA = ("Level", "iCode", "Direction", "Weight", "Parent", "Type")
REQUIRED_IDATA = ("uCode",)

# pandera check name -> rule in a planner's words
_RULES: dict[str, tuple[str, str]] = {
    "field_uniqueness": (
        "appears more than once; each code must be unique",
        "xuất hiện nhiều lần; mỗi mã phải là duy nhất",
    ),
    "not_nullable": ("is empty; a value is required", "đang trống; cần một giá trị"),
    "isin([-1, 1])": (
        "must be 1 (higher is better) or -1 (lower is better)",
        "phải là 1 (càng cao càng tốt) hoặc -1 (càng thấp càng tốt)",
    ),
    "greater_than_or_equal_to(0)": ("must be 0 or more", "phải từ 0 trở lên"),
    "greater_than_or_equal_to(1)": ("must be a level of 1 or more", "phải là cấp từ 1 trở lên"),
}
"""Pandera's checks in the planner's words: (English, Vietnamese)."""


def validate_imeta(frame: pl.DataFrame, file: str = "iMeta") -> pl.DataFrame:
    """Return iMeta with COINr's column types, or raise `DataFileError` naming every problem."""
    return _validate(IMETA_SCHEMA, REQUIRED_IMETA, frame, file)


def validate_idata(frame: pl.DataFrame, file: str = "iData") -> pl.DataFrame:
    """Return iData checked for a unique, complete `uCode` column."""
    return _validate(IDATA_SCHEMA, REQUIRED_IDATA, frame, file)


def _validate(
    schema: pa.DataFrameSchema, required: tuple[str, ...], frame: pl.DataFrame, file: str
) -> pl.DataFrame:
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise DataFileError(
            file,
            f"required column(s) {', '.join(missing)} missing (found: {', '.join(frame.columns)}).",
            fix="add the column(s) with COINr's header names; headers are case-sensitive.",
            message_vi=f"thiếu cột bắt buộc {', '.join(missing)} (hiện có: "
            f"{', '.join(frame.columns)}).",
            fix_vi="thêm các cột với đúng tên cột của COINr; phân biệt chữ hoa, chữ thường.",
        )
    try:
        return schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        raise DataFileError(
            file,
            "does not follow COINr's format: "
            + "; ".join(_describe(errors.failure_cases, frame))
            + ".",
            fix="compare with COINr's iMeta/iData format (Level, iCode, Direction ±1, "
            "Weight ≥ 0, Parent, Type; one row per uCode).",
            message_vi="không theo định dạng của COINr: "
            + "; ".join(_describe(errors.failure_cases, frame, lang="vi"))
            + ".",
            fix_vi="đối chiếu với định dạng iMeta/iData của COINr (Level, iCode, Direction ±1, "
            "Weight ≥ 0, Parent, Type; mỗi uCode một dòng).",
        ) from None


def _describe(
    cases: pl.DataFrame, frame: pl.DataFrame, limit: int = 20, *, lang: Lang = "en"
) -> list[str]:
    """Turn pandera's failure cases into `row N, column C: value V rule` lines (header = row 1).

    A cell that cannot be converted fails the whole column's type check and every check
    on that column; only the cell itself is reported.
    """
    lines: list[str] = []
    for case in cases.iter_rows(named=True):
        check = str(case.get("check") or "")
        value = str(case.get("failure_case"))
        index = case.get("index")
        if index is None or "Error(" in value or check.startswith("dtype("):
            continue  # a consequence of a bad cell reported on its own row
        row = int(index)
        column = case.get("column") or _column_holding(frame, row, value)
        vi = lang == "vi"
        if check.startswith("coerce_dtype"):
            rule = "không phải là số" if vi else "is not a number"
        elif check in _RULES:
            rule = _RULES[check][1 if vi else 0]
        elif check.startswith("isin("):
            one_of = "không thuộc" if vi else "is not one of"
            rule = f"{one_of} {check.removeprefix('isin(').removesuffix(')')}"
        else:
            rule = check
        if vi:
            lines.append(f"dòng {row + 2}, cột {column}: giá trị {value!r} {rule}")
        else:
            lines.append(f"row {row + 2}, column {column}: value {value!r} {rule}")
        if len(lines) == limit:
            more = (
                "… và còn nữa ({count} lỗi tất cả)"
                if vi
                else "… and more ({count} failure cases in all)"
            )
            lines.append(more.format(count=cases.height))
            break
    empty = "các cột sai kiểu dữ liệu" if lang == "vi" else "the columns have the wrong types"
    return lines or [empty]


def _column_holding(frame: pl.DataFrame, row: int, value: str) -> str:
    """Name the column whose cell in `row` reads `value` (pandera omits it for type errors)."""
    if row < frame.height:
        for column in frame.columns:
            if str(frame.item(row, column)) == value:
                return column
    return "?"
