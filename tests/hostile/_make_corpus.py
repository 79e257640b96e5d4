"""Write the hostile-input corpus and its expected outcomes: `python tests/hostile/_make_corpus.py`.

Each case is one file that replaces one table of the valid set in `valid/` (the
malformed corpus's set plus PII score and rank indicators). `expected.csv` says,
for each case, the exact outcome judged by hand: `refused` with every problem
(sheet, row, column, value, rule), or `accepted` with the values read. A few
cases set a limit through the environment (`env`) so that a small file stands for
a huge one; the cases that cannot be files in a repository (a pipe, device links,
a folder named `.csv`, a missing file) are listed with `made_by=fixture` and built
by the test itself.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from pathlib import Path

import polars as pl
import xlsxwriter

HERE = Path(__file__).parent
VALID = HERE / "valid"
MALFORMED_VALID = HERE.parent / "malformed" / "valid"

HEADER = "unit,indicator,period,value,source,note,illustrative"
SOURCE = "Sở KH&CN Hải Phòng 2024"
EXTRA_INDICATORS = (
    "PII,Chỉ số PII,PII score,points (0–100),increase,index,none,,MOST PII 2023\n"
    "PII_RANK,Thứ hạng PII,PII rank,rank,decrease,index,none,,MOST PII 2023\n"
    "SCORE10,Điểm thang 10,Score out of 10,points (0–10),increase,index,none,,Illustrative\n"
)

Row = tuple[str, str, str, str, str, str, str, str, str, str]
ROWS: list[Row] = []


def refused(
    case: str,
    *problems: tuple[str | None, int | None, str | None, str | None, str],
    table: str = "observations",
    env: str = "",
    made_by: str = "file",
) -> None:
    for sheet, row, column, value, rule in problems:
        ROWS.append(
            (
                case,
                table,
                "refused",
                sheet or "",
                "" if row is None else str(row),
                column or "",
                value if value is not None else "",
                rule,
                env,
                made_by,
            )
        )


def accepted(case: str, values: list[float], *, env: str = "", table: str = "observations") -> None:
    ROWS.append(
        (case, table, "accepted", "", "", "", "|".join(repr(v) for v in values), "", env, "file")
    )


def obs_csv(case: str, value: str, *, unit: str = "hai-phong", indicator: str = "T1407",
            period: str = "2023", pre: str = "", note: str = "") -> None:  # fmt: skip
    line = f"{unit},{indicator},{period},{_quote(value)},{SOURCE},{_quote(note)},false"
    (HERE / case).write_text(f"{pre}{HEADER}\n{line}\n", encoding="utf-8")


def _quote(text: str) -> str:
    return f'"{text}"' if any(c in text for c in ',"\n') else text


# ------------------------------------------------------------------------------------------
# numbers
# ------------------------------------------------------------------------------------------


def numbers() -> None:
    for case, value, rule in (
        ("num_1e309.csv", "1e309", "not_finite"),
        ("num_minus_1e309.csv", "-1e309", "not_finite"),
        ("num_inf.csv", "inf", "not_finite"),
        ("num_infinity.csv", "-Infinity", "not_finite"),
        ("num_nan.csv", "NaN", "not_finite"),
        ("num_space_4_5.csv", "4 5", "space_in_number"),
        ("num_space_12_34_5.csv", "12 34 5", "space_in_number"),
        ("num_nbsp.csv", "1\u00a0234", "space_in_number"),
        ("num_narrow_nbsp.csv", "1\u202f234", "space_in_number"),
        ("num_tab_inside.csv", "1\t234", "space_in_number"),
        ("num_percent.csv", "45%", "percent_sign"),
        ("num_div0.csv", "#DIV/0!", "excel_error"),
        ("num_na.csv", "#N/A", "excel_error"),
        ("num_ref.csv", "#REF!", "excel_error"),
        ("num_value_error.csv", "#VALUE!", "excel_error"),
        ("num_fullwidth_digits.csv", "\uff14\uff15", "not_a_number"),
        ("num_zero_width.csv", "4\u200b5", "not_a_number"),
        ("num_hex.csv", "0x1F", "not_a_number"),
        ("num_underscore.csv", "1_000", "not_a_number"),
        ("num_indian_grouping.csv", "1,23,456", "not_a_number"),
    ):
        obs_csv(case, value)
        refused(case, (None, 2, "value", value, rule))
    obs_csv("num_space_declared_bad_group.csv", "12 34", pre="# stkit: thousands=space\n")
    refused("num_space_declared_bad_group.csv", (None, 3, "value", "12 34", "not_a_number"))
    obs_csv("num_declared_comma_grouping.csv", "1,23,456", pre="# stkit: thousands=,\n")
    refused("num_declared_comma_grouping.csv", (None, 3, "value", "1,23,456", "not_a_number"))
    # accepted: what is written is what is read
    obs_csv("num_negative.csv", "-2.5")
    accepted("num_negative.csv", [-2.5])
    obs_csv("num_unicode_minus.csv", "\u22122.5")
    accepted("num_unicode_minus.csv", [-2.5])
    obs_csv("num_1e308.csv", "1e308")
    accepted("num_1e308.csv", [1e308])
    obs_csv("num_leading_plus.csv", "+12")
    accepted("num_leading_plus.csv", [12.0])
    obs_csv("num_space_declared.csv", "1 234 567.5", pre="# stkit: thousands=space\n")
    accepted("num_space_declared.csv", [1234567.5])
    obs_csv(
        "num_nbsp_declared_comma.csv", "1\u00a0234,5", pre="# stkit: decimal=, thousands=space\n"
    )
    accepted("num_nbsp_declared_comma.csv", [1234.5])
    obs_csv("num_padded_nbsp.csv", "\u00a012.5\u00a0")
    accepted("num_padded_nbsp.csv", [12.5])


# ------------------------------------------------------------------------------------------
# index scores and ranks
# ------------------------------------------------------------------------------------------


def ranges() -> None:
    for case, indicator, period, value, rule in (
        ("pii_score_120.csv", "PII", "2023", "120", "index_range"),
        ("pii_score_negative.csv", "PII", "2023", "-0.5", "index_range"),
        ("score10_at_11.csv", "SCORE10", "2023", "11", "index_range"),
        ("pii_rank_3_5.csv", "PII_RANK", "2023", "3.5", "rank_invalid"),
        ("pii_rank_0.csv", "PII_RANK", "2023", "0", "rank_invalid"),
        ("pii_rank_64_of_63.csv", "PII_RANK", "2023", "64", "rank_invalid"),
        ("pii_rank_35_of_34.csv", "PII_RANK", "2026", "35", "rank_invalid"),
        ("share_1e309.csv", "HITECH_IND_SHARE", "2023", "1e309", "not_finite"),
    ):
        obs_csv(case, value, indicator=indicator, period=period)
        refused(case, (None, 2, "value", value, rule))
    for case, period in (
        ("year_300000.csv", "300000"),
        ("year_negative.csv", "-5"),
        ("year_int64_max.csv", "9223372036854775807"),
    ):
        obs_csv(case, "12", period=period)
        refused(case, (None, 2, "period", period, "year_range"))
    obs_csv("pii_rank_63_of_63.csv", "63", indicator="PII_RANK", period="2023")
    accepted("pii_rank_63_of_63.csv", [63.0])
    obs_csv("pii_score_100.csv", "100", indicator="PII", period="2024")
    accepted("pii_score_100.csv", [100.0])
    obs_csv("score10_at_10.csv", "10", indicator="SCORE10", period="2023")
    accepted("score10_at_10.csv", [10.0])


# ------------------------------------------------------------------------------------------
# text: invisible and look-alike characters
# ------------------------------------------------------------------------------------------


def text() -> None:
    # the unit resolver reads a name through invisible characters (one spelling rule) ...
    for case, unit in (
        ("unit_zero_width.csv", "hai\u200b-phong"),
        ("unit_nul.csv", "hai-phong\x00"),
        ("unit_rtl_override.csv", "\u202ehai-phong"),
    ):
        obs_csv(case, "100", unit=unit)
        accepted(case, [100.0])
    # ... but never through a look-alike letter of another script
    obs_csv("unit_cyrillic_a.csv", "100", unit="h\u0430i-phong")
    refused("unit_cyrillic_a.csv", (None, 2, "unit", "h\u0430i-phong", "unknown_unit"))
    for case, code in (
        ("indicator_zero_width.csv", "T14\u200b07"),
        ("indicator_nul.csv", "T1407\x00"),
    ):
        obs_csv(case, "100", indicator=code)
        refused(case, (None, 2, "indicator", code, "unknown_indicator"))
    obs_csv("indicator_cyrillic_t.csv", "100", indicator="\u0422" + "1407")
    refused(
        "indicator_cyrillic_t.csv", (None, 2, "indicator", "\u0422" + "1407", "unknown_indicator")
    )
    obs_csv("formula_in_source.csv", "100", note='=HYPERLINK("http://x","y")')
    accepted("formula_in_source.csv", [100.0])
    obs_csv("html_in_note.csv", "100", note="<script>alert(1)</script>")
    accepted("html_in_note.csv", [100.0])
    obs_csv("long_note.csv", "100", note="x" * 100_000)
    accepted("long_note.csv", [100.0])
    obs_csv("newline_in_note.csv", "100", note="line one\nline two")
    accepted("newline_in_note.csv", [100.0])


# ------------------------------------------------------------------------------------------
# CSV structure and encodings
# ------------------------------------------------------------------------------------------


def structure() -> None:
    semi = HEADER.replace(",", ";")
    line = f"hai-phong;T1407;2023;100;{SOURCE};;false"
    (HERE / "semicolon.csv").write_text(f"{semi}\n{line}\n", encoding="utf-8")
    accepted("semicolon.csv", [100.0])
    line_comma = f"hai-phong;T1407;2023;12,5;{SOURCE};;false"
    (HERE / "semicolon_decimal_comma.csv").write_text(f"{semi}\n{line_comma}\n", encoding="utf-8")
    refused("semicolon_decimal_comma.csv", (None, 2, "value", "12,5", "decimal_comma_undeclared"))
    (HERE / "semicolon_declared.csv").write_text(
        f"# stkit: decimal=,\n{semi}\n{line_comma}\n", encoding="utf-8"
    )
    accepted("semicolon_declared.csv", [12.5])
    (HERE / "semicolon_excel_sep_line.csv").write_text(f"sep=;\n{semi}\n{line}\n", encoding="utf-8")
    accepted("semicolon_excel_sep_line.csv", [100.0])
    tab = HEADER.replace(",", "\t")
    (HERE / "tab_separated.csv").write_text(
        f"{tab}\nhai-phong\tT1407\t2023\t100\t{SOURCE}\t\tfalse\n", encoding="utf-8"
    )
    accepted("tab_separated.csv", [100.0])
    ok = f"hai-phong,T1407,2023,100,{SOURCE},,false"
    (HERE / "bom_crlf.csv").write_bytes(b"\xef\xbb\xbf" + f"{HEADER}\r\n{ok}\r\n".encode())
    accepted("bom_crlf.csv", [100.0])
    (HERE / "header_only.csv").write_text(f"{HEADER}\n", encoding="utf-8")
    accepted("header_only.csv", [])
    (HERE / "utf16.csv").write_bytes(f"{HEADER}\n{ok}\n".encode("utf-16"))
    refused("utf16.csv", (None, 1, None, None, "encoding"))
    (HERE / "latin1.csv").write_bytes(
        f"{HEADER}\nhai-phong,T1407,2023,100,Sở,,false\n".encode("cp1258", "replace").replace(
            b"S?", b"S\xf5"
        )
    )
    refused("latin1.csv", (None, 2, None, None, "encoding"))
    (HERE / "binary_garbage.csv").write_bytes(bytes(range(256)) * 4)
    refused("binary_garbage.csv", (None, 2, None, None, "encoding"))  # byte 0x80 after "\\n"
    (HERE / "ragged.csv").write_text(f"{HEADER}\n{ok},extra\n", encoding="utf-8")
    refused("ragged.csv", (None, 2, None, None, "ragged_row"))
    (HERE / "empty.csv").write_bytes(b"")
    refused(
        "empty.csv",
        *[
            (None, None, c, None, "column_missing")
            for c in ("unit", "indicator", "period", "value", "source")
        ],
    )
    (HERE / "too_large.csv").write_text(f"{HEADER}\n" + f"{ok}\n" * 400, encoding="utf-8")
    refused("too_large.csv", (None, None, None, None, "file_too_large"),
            env="STKIT_MAX_CSV_BYTES=20000")  # fmt: skip
    (HERE / "wrong_suffix.json").write_text("{}", encoding="utf-8")
    refused("wrong_suffix.json", (None, None, None, None, "file_format"))


# ------------------------------------------------------------------------------------------
# Excel
# ------------------------------------------------------------------------------------------

OBS_COLUMNS = HEADER.split(",")


def _book(path: Path, rows: list[list[object]], *, sheet: str = "observations",
          formulas: dict[tuple[int, int], tuple[str, float]] | None = None,
          hidden: str | None = None, first: str | None = None) -> None:  # fmt: skip
    book = xlsxwriter.Workbook(
        str(path), {"strings_to_numbers": False, "strings_to_formulas": False}
    )
    if first is not None:
        front = book.add_worksheet(first)
        _rows(front, rows)
    data = book.add_worksheet(sheet)
    _rows(data, rows)
    for (r, c), (formula, cached) in (formulas or {}).items():
        data.write_formula(r, c, formula, None, cached)
    if hidden == "hidden":
        data.hide()
    elif hidden == "veryHidden":
        data.very_hidden()
    book.close()


def _rows(sheet: object, rows: list[list[object]]) -> None:
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, int | float):
                sheet.write_number(r, c, value)  # type: ignore[attr-defined]
            else:
                sheet.write_string(r, c, str(value))  # type: ignore[attr-defined]


def _patch(path: Path, member: str, change: object) -> None:
    """Rewrite one member of an .xlsx archive (`change` maps its text to new text)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == member:
                data = change(data.decode("utf-8")).encode("utf-8")  # type: ignore[operator]
            out.writestr(info.filename, data)
    path.write_bytes(buffer.getvalue())


def excel() -> None:
    good = [OBS_COLUMNS, ["hai-phong", "T1407", 2023, 100, SOURCE, None, "false"]]
    _book(HERE / "xlsx_ok.xlsx", good)
    accepted("xlsx_ok.xlsx", [100.0])
    # one cell at the last cell Excel allows: the span would be 17 billion cells
    path = HERE / "xlsx_cell_xfd1048576.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("observations").write_string(1048575, 16383, "x")
    book.close()
    refused(
        "xlsx_cell_xfd1048576.xlsx",
        ("observations", None, None, "A1:XFD1048576", "sheet_too_large"),
    )
    # references beyond Excel's limits (column XFE, row 1048577)
    _book(HERE / "xlsx_column_beyond_xfd.xlsx", good)
    _patch(HERE / "xlsx_column_beyond_xfd.xlsx", "xl/worksheets/sheet1.xml",
           lambda t: t.replace('r="G2"', 'r="XFE2"'))  # fmt: skip
    refused("xlsx_column_beyond_xfd.xlsx", ("observations", None, None, "XFE2", "file_unreadable"))
    _book(HERE / "xlsx_row_beyond_limit.xlsx", good)
    _patch(HERE / "xlsx_row_beyond_limit.xlsx", "xl/worksheets/sheet1.xml",
           lambda t: t.replace('r="G2"', 'r="G1048577"'))  # fmt: skip
    refused(
        "xlsx_row_beyond_limit.xlsx", ("observations", None, None, "G1048577", "file_unreadable")
    )
    # hidden sheets named after the table, beside a visible data sheet
    _book(HERE / "xlsx_hidden_observations.xlsx", good, hidden="hidden", first="Sheet1")
    refused("xlsx_hidden_observations.xlsx", ("observations", None, None, None, "sheet_hidden"))
    _book(HERE / "xlsx_very_hidden_observations.xlsx", good, hidden="veryHidden", first="Sheet1")
    refused(
        "xlsx_very_hidden_observations.xlsx", ("observations", None, None, None, "sheet_hidden")
    )
    # a formula written by a program that does not compute it (cached 0, recalc on load)
    rows = [OBS_COLUMNS, ["hai-phong", "T1407", 2023, None, SOURCE, None, "false"]]
    _book(HERE / "xlsx_formula_uncomputed.xlsx", rows, formulas={(1, 3): ("=40+60", 0)})
    refused(
        "xlsx_formula_uncomputed.xlsx", ("observations", 2, "D", "=40+60", "formula_uncomputed")
    )
    # the same formula as Excel saves it: computed value stored, no recalculation asked
    _book(HERE / "xlsx_formula_computed.xlsx", rows, formulas={(1, 3): ("=40+60", 100)})
    _patch(HERE / "xlsx_formula_computed.xlsx", "xl/workbook.xml",
           lambda t: re.sub(r'\s*fullCalcOnLoad="1"', "", t))  # fmt: skip
    accepted("xlsx_formula_computed.xlsx", [100.0])
    # a formula whose stored result is an Excel error
    _book(HERE / "xlsx_error_cell.xlsx", rows, formulas={(1, 3): ("=1/0", 0)})
    _patch(HERE / "xlsx_error_cell.xlsx", "xl/workbook.xml",
           lambda t: re.sub(r'\s*fullCalcOnLoad="1"', "", t))  # fmt: skip
    _patch(HERE / "xlsx_error_cell.xlsx", "xl/worksheets/sheet1.xml",
           lambda t: t.replace('<c r="D2"><f>1/0</f><v>0</v></c>',
                               '<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'))  # fmt: skip
    refused("xlsx_error_cell.xlsx", ("observations", 2, "value", "#DIV/0!", "excel_error"))
    # text cells
    for case, value, rule in (
        ("xlsx_text_1e309.xlsx", "1e309", "not_finite"),
        ("xlsx_text_space_4_5.xlsx", "4 5", "space_in_number"),
        ("xlsx_text_div0.xlsx", "#DIV/0!", "excel_error"),
    ):
        _book(
            HERE / case, [OBS_COLUMNS, ["hai-phong", "T1407", 2023, value, SOURCE, None, "false"]]
        )
        refused(case, ("observations", 2, "value", value, rule))
    # an archive that unpacks far beyond its size (limit lowered to stand for 512 MB)
    bomb_rows = [OBS_COLUMNS] + [
        ["hai-phong", "T1407", 2023, 100, SOURCE, "x" * 200, "false"] for _ in range(2000)
    ]
    _book(HERE / "xlsx_unpacks_large.xlsx", bomb_rows)
    refused("xlsx_unpacks_large.xlsx", (None, None, None, None, "file_too_large"),
            env="STKIT_MAX_XLSX_UNPACKED_BYTES=200000")  # fmt: skip
    _book(HERE / "xlsx_many_cells.xlsx", bomb_rows[:50])
    refused("xlsx_many_cells.xlsx", ("observations", None, None, "A1:G50", "sheet_too_large"),
            env="STKIT_MAX_CELLS=100")  # fmt: skip
    (HERE / "xlsx_not_a_zip.xlsx").write_text("unit,indicator\n", encoding="utf-8")
    refused("xlsx_not_a_zip.xlsx", (None, None, None, None, "file_unreadable"))
    data = (HERE / "xlsx_ok.xlsx").read_bytes()
    (HERE / "xlsx_truncated.xlsx").write_bytes(data[: len(data) // 2])
    refused("xlsx_truncated.xlsx", (None, None, None, None, "file_unreadable"))


# ------------------------------------------------------------------------------------------
# Parquet
# ------------------------------------------------------------------------------------------


def parquet() -> None:
    def frame(values: list[float]) -> pl.DataFrame:
        n = len(values)
        return pl.DataFrame(
            {
                "unit": ["hai-phong"] * n,
                "indicator": ["T1407"] * n,
                "period": [2023] * n,
                "value": values,
                "source": [SOURCE] * n,
            }
        )

    frame([100.0]).write_parquet(HERE / "parquet_ok.parquet")
    accepted("parquet_ok.parquet", [100.0])
    frame([float("inf")]).write_parquet(HERE / "parquet_inf.parquet")
    refused("parquet_inf.parquet", (None, 2, "value", "inf", "not_finite"))
    frame([float("nan")]).write_parquet(HERE / "parquet_nan.parquet")
    refused("parquet_nan.parquet", (None, 2, "value", "NaN", "not_finite"))
    data = (HERE / "parquet_ok.parquet").read_bytes()
    (HERE / "parquet_truncated.parquet").write_bytes(data[: len(data) - 20])
    refused("parquet_truncated.parquet", (None, None, None, None, "file_unreadable"))
    (HERE / "parquet_text.parquet").write_text("not parquet at all", encoding="utf-8")
    refused("parquet_text.parquet", (None, None, None, None, "file_unreadable"))
    frame([1.0] * 1000).with_columns(period=pl.int_range(1000) % 30 + 1995).write_parquet(
        HERE / "parquet_many_rows.parquet"
    )
    refused("parquet_many_rows.parquet", (None, None, None, None, "sheet_too_large"),
            env="STKIT_MAX_CELLS=1000")  # fmt: skip
    refused("parquet_many_rows.parquet#unpacked", (None, None, None, None, "file_too_large"),
            env="STKIT_MAX_PARQUET_UNPACKED_BYTES=1000")  # fmt: skip


# ------------------------------------------------------------------------------------------
# the file system: cases built by the test (a pipe, devices, a folder, nothing)
# ------------------------------------------------------------------------------------------


def file_system() -> None:
    for case in ("fifo.csv", "dev_urandom_link.csv", "dev_zero_link.csv", "folder.csv"):
        refused(case, (None, None, None, None, "not_regular_file"), made_by="fixture")
    refused("missing.csv", (None, None, None, None, "file_missing"), made_by="fixture")


def main() -> None:
    for old in HERE.iterdir():
        if old.is_file() and not old.name.startswith(("_", "test_")) and old.suffix != ".py":
            old.unlink()
    VALID.mkdir(exist_ok=True)
    for name in ("observations.csv", "targets.csv", "task_status.csv"):
        shutil.copy(MALFORMED_VALID / name, VALID / name)
    catalogue = (MALFORMED_VALID / "indicators.csv").read_text(encoding="utf-8")
    (VALID / "indicators.csv").write_text(catalogue + EXTRA_INDICATORS, encoding="utf-8")
    numbers()
    ranges()
    text()
    structure()
    excel()
    parquet()
    file_system()
    with (HERE / "expected.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(
            [
                "case",
                "table",
                "outcome",
                "sheet",
                "row",
                "column",
                "value",
                "rule",
                "env",
                "made_by",
            ]
        )
        writer.writerows(ROWS)


if __name__ == "__main__":
    main()
