"""Read parsed TOML against a key table, collecting every problem with its field path.

Hand-written rather than a validation library so that each message names the file, the
field path as a planner finds it (`tasks[3].lead_unit`, counting `[[tasks]]` blocks from 1,
with the block's line), the rule broken and the fix, in our words.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from stkit.errors import DataFileError
from stkit.programmes._schema import Key
from stkit.vocab import Lang

_BLOCK = re.compile(r"^\s*\[\[\s*([A-Za-z_]+)\s*\]\]")
_DATE_TEXT = re.compile(r"^\s*(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})\s*$")

_KIND_WORDS = {
    "str": ("text in quotes", "văn bản trong ngoặc kép"),
    "int": ("a whole number", "một số nguyên"),
    "float": ("a number", "một số"),
    "date": ("a date", "một ngày"),
    "bool": ("true or false", "true hoặc false"),
    "strs": ('a list of texts, e.g. ["a", "b"]', 'một danh sách văn bản, ví dụ ["a", "b"]'),
    "table": (
        "a table, e.g. { value = 1.0, year = 2021 }",
        "một bảng, ví dụ { value = 1.0, year = 2021 }",
    ),
    "tables": ("a list of [[...]] blocks", "một danh sách khối [[...]]"),
}
"""What each kind of value is, in English and Vietnamese."""

_TYPE_WORDS = {
    "true/false": "true/false",
    "number": "số",
    "text": "văn bản",
    "date": "ngày",
    "list": "danh sách",
    "table": "bảng",
}


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "table"
    return type(value).__name__


class FileReader:
    """Reads one programme file; `problems` holds every rule broken, in file order."""

    def __init__(self, file: Path, text: str) -> None:
        self.file = file
        self.problems: list[DataFileError] = []
        self._blocks: dict[str, list[int]] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            match = _BLOCK.match(line)
            if match:
                self._blocks.setdefault(match.group(1), []).append(number)

    def where(self, path: str, lang: Lang = "en") -> str:
        """Return `path` with the line of its top-level `[[block]]` when known."""
        match = re.match(r"^([A-Za-z_]+)\[(\d+)\]", path)
        if match:
            lines = self._blocks.get(match.group(1), [])
            index = int(match.group(2)) - 1
            if 0 <= index < len(lines):
                block = "khối ở dòng" if lang == "vi" else "block at line"
                return f"{path} ({block} {lines[index]})"
        return path

    def problem(self, path: str, message: str, fix: str, *, vi: tuple[str, str]) -> None:
        """Record one problem at `path`: its message and fix in English, then `vi`."""
        self.problems.append(
            DataFileError(
                self.file,
                message,
                where=self.where(path),
                fix=fix,
                message_vi=vi[0],
                fix_vi=vi[1],
                where_vi=self.where(path, "vi"),
            )
        )

    def table(self, raw: Mapping[str, Any], spec: Mapping[str, Key], path: str) -> dict[str, Any]:
        """Return the values of `raw` checked against `spec`; absent keys become None."""
        prefix = f"{path}." if path else ""
        for key in raw:
            if key not in spec:
                close = difflib.get_close_matches(key, list(spec), n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                hint_vi = f"có phải {close[0]!r}? " if close else ""
                self.problem(
                    f"{prefix}{key}",
                    f"unknown key {key!r}: not part of the programme file format "
                    "(data/programmes/README.md lists the keys).",
                    f"{hint}Remove the key or correct its spelling.",
                    vi=(
                        (
                            f"khoá {key!r} không thuộc định dạng tệp chương trình "
                            "(data/programmes/README.md liệt kê các khoá)."
                        ),
                        f"{hint_vi}Xoá khoá này hoặc sửa chính tả.",
                    ),
                )
        values: dict[str, Any] = {}
        for key, rule in spec.items():
            here = f"{prefix}{key}"
            if key not in raw:
                if rule.required:
                    self.problem(
                        here,
                        "required key is missing.",
                        f"add `{key} = ...`.",
                        vi=("thiếu khoá bắt buộc.", f"thêm `{key} = ...`."),
                    )
                values[key] = None
                continue
            values[key] = self.value(raw[key], rule, here)
        return values

    def value(self, value: object, rule: Key, path: str) -> Any:
        """Return `value` converted to the rule's kind, or None after recording a problem."""
        kind = rule.kind
        if kind == "tables":
            if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
                self._wrong(value, rule, path)
                return None
            return [self.table(item, rule.sub, f"{path}[{n}]") for n, item in enumerate(value, 1)]
        if kind == "table":
            if not isinstance(value, dict):
                self._wrong(value, rule, path)
                return None
            return self.table(value, rule.sub, path)
        if kind == "strs":
            if not isinstance(value, list) or not all(
                isinstance(item, str) and item.strip() for item in value
            ):
                self._wrong(value, rule, path)
                return None
            return tuple(value)
        return self._scalar(value, rule, path)

    def _scalar(self, value: object, rule: Key, path: str) -> Any:
        kind = rule.kind
        ok: bool
        if kind == "str":
            ok = isinstance(value, str) and bool(value.strip())
        elif kind == "int":
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif kind == "float":
            ok = isinstance(value, int | float) and not isinstance(value, bool)
            value = float(value) if ok else value  # type: ignore[arg-type]
        elif kind == "date":
            ok = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
        else:
            ok = isinstance(value, bool)
        if not ok:
            self._wrong(value, rule, path)
            return None
        if rule.choices and value not in rule.choices:
            self.problem(
                path,
                f"{value!r} is not allowed here; allowed values: {', '.join(rule.choices)}.",
                "use one of the allowed values.",
                vi=(
                    (
                        f"{value!r} không được dùng ở đây; các giá trị được dùng: "
                        f"{', '.join(rule.choices)}."
                    ),
                    "dùng một trong các giá trị đó.",
                ),
            )
            return None
        return value

    def _wrong(self, value: object, rule: Key, path: str) -> None:
        expected, expected_vi = _KIND_WORDS[rule.kind]
        if rule.kind == "str" and isinstance(value, str):
            self.problem(
                path,
                "must not be empty.",
                "write the text, or remove the key.",
                vi=("không được để trống.", "viết nội dung, hoặc xoá khoá này."),
            )
            return
        if rule.kind == "date" and isinstance(value, str):
            match = _DATE_TEXT.match(value)
            example = "2022-07-29"
            if match:
                first, month, last = match.groups()
                year, day = (first, last) if len(first) == 4 else (last, first)
                if len(year) == 4:
                    example = f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
            self.problem(
                path,
                f"expected a date, found the text {value!r}.",
                f"write a TOML date without quotes, year-month-day: {example}.",
                vi=(
                    f"cần một ngày, nhưng gặp văn bản {value!r}.",
                    f"viết ngày kiểu TOML, không có ngoặc kép, năm-tháng-ngày: {example}.",
                ),
            )
            return
        self.problem(
            path,
            f"expected {expected}, found {_type_name(value)} {value!r}.",
            f"write {expected}.",
            vi=(
                (
                    f"cần {expected_vi}, nhưng gặp "
                    f"{_TYPE_WORDS.get(_type_name(value), _type_name(value))} {value!r}."
                ),
                f"viết {expected_vi}.",
            ),
        )
