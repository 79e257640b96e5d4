"""Write the malformed-input corpus and its expected problems: `python tests/malformed/_make_cases.py`.

Each case is one file that replaces one table of the valid set in `valid/`; the
expected problems (`expected.csv`: case, table, sheet, row, column, value, rule) are
written here by hand, next to the file they describe. `test_validation.py` checks
that validation reports exactly these problems, no more and no fewer.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import polars as pl
import xlsxwriter

HERE = Path(__file__).parent
VALID = HERE / "valid"

OBS_HEADER = "unit,indicator,period,value,source,note,illustrative"
OBS_OK = "hai-phong,T1401,2023,100,Sở KH&CN Hải Phòng 2024,,false"

INDICATORS = """code,name_vi,name_en,unit,direction,kind,merge_rule,weight_indicator,source
T1401,Số tổ chức khoa học và công nghệ,S&T organisations,organisations,increase,count,sum,,Circular 03/2018/TT-BKHCN
T1405,"Tốc độ đổi mới công nghệ, thiết bị",Technology innovation rate,%,increase,rate,weighted_mean,GRDP,Circular 03/2018/TT-BKHCN
T1407,Chi cho nghiên cứu và phát triển,R&D spending,VND billion,increase,amount,sum,,Circular 03/2018/TT-BKHCN
HITECH_IND_SHARE,Tỷ trọng sản phẩm công nghệ cao,High-tech share of industry,%,increase,share,weighted_mean,IND_OUTPUT,Programme P1
TFP_SHARE,Đóng góp của TFP vào tăng trưởng GRDP,TFP contribution to growth,%,increase,rate,weighted_mean,GRDP,Programme P1
GRDP,Tổng sản phẩm trên địa bàn,GRDP,VND billion,increase,amount,sum,,GSO
IND_OUTPUT,Giá trị sản xuất công nghiệp,Industrial output,VND billion,increase,amount,sum,,GSO
"""

OBSERVATIONS = f"""{OBS_HEADER}
{OBS_OK}
can-tho,T1405,2024,12.5,Sở KH&CN Cần Thơ 2025,,false
hai-phong,HITECH_IND_SHARE,2023,40.2,Sở KH&CN Hải Phòng 2024,,
hai-phong,T1401,2026,120,Sở KH&CN Hải Phòng 2026,after the merger,false
hue,T1407,2025,,,,
"""
# the last line above is replaced below: a valid set has no empty cells
OBSERVATIONS = OBSERVATIONS.replace("hue,T1407,2025,,,,\n", "")

TARGETS = """programme,target_id,unit,indicator,comparator,value,year,baseline_value,baseline_year
P1,P1-T1,hai-phong,TFP_SHARE,>=,50,2030,41,2021
P1,P1-T2,hai-phong,T1405,>=,20,2030,,
P1,P1-T3,hai-phong,HITECH_IND_SHARE,>,50,2030,,
"""

TASK_STATUS = """programme,task,year,status,evidence,source
P1,MOST.3,2023,in_progress,PII data built with MOST,Hội nghị tổng kết 2023
P1,MOST.4,2023,done,Techfest Hải Phòng 2023,Hội nghị tổng kết 2023
"""

Case = tuple[str, str, str | None, int | None, str | None, str | None, str]
EXPECTED: list[Case] = []


def expect(
    case: str, table: str, *problems: tuple[str | None, int | None, str | None, str | None, str]
) -> None:
    """Record the problems (sheet, row, column, value, rule) of `case`."""
    for sheet, row, column, value, rule in problems:
        EXPECTED.append((case, table, sheet, row, column, value, rule))


def text_case(
    name: str,
    table: str,
    content: str,
    *problems: tuple[str | None, int | None, str | None, str | None, str],
) -> None:
    (HERE / name).write_text(content, encoding="utf-8")
    expect(name, table, *problems)


def obs(
    name: str,
    rows: list[str],
    *problems: tuple[str | None, int | None, str | None, str | None, str],
    header: str = OBS_HEADER,
    pre: str = "",
) -> None:
    text_case(name, "observations", pre + header + "\n" + "\n".join(rows) + "\n", *problems)


def with_line(base: str, line_no: int, new: str | None) -> str:
    """`base` with line `line_no` (1-based, header = 1) replaced; None deletes; appended past the end."""
    lines = base.rstrip("\n").split("\n")
    if line_no > len(lines):
        lines.append(new or "")
    elif new is None:
        del lines[line_no - 1]
    else:
        lines[line_no - 1] = new
    return "\n".join(lines) + "\n"


def workbook(name: str, build: object) -> Path:
    path = HERE / name
    book = xlsxwriter.Workbook(
        str(path), {"strings_to_numbers": False, "strings_to_formulas": False}
    )
    build(book)  # type: ignore[operator]
    book.close()
    return path


def main() -> None:
    VALID.mkdir(exist_ok=True)
    for old in HERE.glob("*.*"):
        if old.name not in ("_make_cases.py", "README.md"):
            old.unlink()
    (VALID / "indicators.csv").write_text(INDICATORS, encoding="utf-8")
    (VALID / "observations.csv").write_text(OBSERVATIONS, encoding="utf-8")
    (VALID / "targets.csv").write_text(TARGETS, encoding="utf-8")
    (VALID / "task_status.csv").write_text(TASK_STATUS, encoding="utf-8")
    N = None

    # --- observations: numbers -------------------------------------------------------
    obs(
        "obs_decimal_comma_undeclared.csv",
        [OBS_OK, 'can-tho,T1405,2024,"30,4",src,,'],
        (N, 3, "value", "30,4", "decimal_comma_undeclared"),
    )
    obs(
        "obs_vietnamese_number_undeclared.csv",
        ['hai-phong,T1407,2023,"1.234,5",src,,'],
        (N, 2, "value", "1.234,5", "decimal_comma_undeclared"),
    )
    obs(
        "obs_ambiguous_comma.csv",
        ['hai-phong,T1401,2023,"1,234",src,,'],
        (N, 2, "value", "1,234", "ambiguous_number"),
    )
    obs(
        "obs_declared_comma_dot.csv",
        ["hai-phong,T1407,2023,1.234,src,,", 'can-tho,T1405,2024,"30,4",src,,'],
        (N, 3, "value", "1.234", "ambiguous_number"),
        pre="# stkit: decimal=,\n",
    )
    obs(
        "obs_declared_grouping.csv",
        ['hai-phong,T1407,2023,"1.234,5",src,,', "can-tho,T1407,2024,1.23,src,,"],
        (N, 4, "value", "1.23", "ambiguous_number"),
        pre="# stkit: decimal=, thousands=.\n",
    )
    obs(
        "obs_percent_sign.csv",
        ["can-tho,T1405,2024,30.4 %,src,,"],
        (N, 2, "value", "30.4 %", "percent_sign"),
    )
    obs(
        "obs_not_a_number.csv",
        ["can-tho,T1405,2024,khoảng 30,src,,"],
        (N, 2, "value", "khoảng 30", "not_a_number"),
    )
    # --- observations: required cells and columns -----------------------------------
    obs(
        "obs_missing_source.csv",
        [OBS_OK, "can-tho,T1405,2024,12,,,"],
        (N, 3, "source", N, "required"),
    )
    obs("obs_blank_source.csv", ['can-tho,T1405,2024,12,"   ",,'], (N, 2, "source", N, "required"))
    obs("obs_missing_value.csv", ["can-tho,T1405,2024,,src,,"], (N, 2, "value", N, "required"))
    obs(
        "obs_missing_column.csv",
        ["hai-phong,T1401,2023,100,,false"],
        (N, N, "source", N, "column_missing"),
        header="unit,indicator,period,value,note,illustrative",
    )
    obs(
        "obs_misspelled_column.csv",
        ["hai-phong,T1401,2023,100,src,,"],
        (N, N, "indicator", N, "column_missing"),
        (N, N, "indicatr", N, "column_unknown"),
        header="unit,indicatr,period,value,source,note,illustrative",
    )
    obs(
        "obs_extra_column.csv",
        ["hai-phong,T1401,2023,100,src,,,x"],
        (N, N, "comment", N, "column_unknown"),
        header=OBS_HEADER + ",comment",
    )
    # --- observations: units ---------------------------------------------------------
    obs(
        "obs_unknown_unit.csv",
        ["haiphong,T1401,2023,100,src,,"],
        (N, 2, "unit", "haiphong", "unknown_unit"),
    )
    obs(
        "obs_unit_merged.csv",
        [OBS_OK, "hai-duong,T1401,2026,40,src,,"],
        (N, 3, "unit", "hai-duong", "unit_merged"),
    )
    obs("obs_unit_code_merged.csv", ["30,T1401,2026,40,src,,"], (N, 2, "unit", "30", "unit_merged"))
    obs("obs_unit_not_yet.csv", ["hue,T1401,2024,40,src,,"], (N, 2, "unit", "hue", "unit_not_yet"))
    obs(
        "obs_alias_duplicate.csv",
        [OBS_OK, "31,T1401,2023,101,src,,"],
        (N, 3, "unit", "31", "unit_alias_duplicate"),
    )
    # --- observations: indicators and values -----------------------------------------
    obs(
        "obs_unknown_indicator.csv",
        ["hai-phong,T1499,2023,100,src,,"],
        (N, 2, "indicator", "T1499", "unknown_indicator"),
    )
    obs(
        "obs_share_above_100.csv",
        ["hai-phong,HITECH_IND_SHARE,2023,120,src,,"],
        (N, 2, "value", "120", "share_range"),
    )
    obs(
        "obs_share_negative.csv",
        ["hai-phong,HITECH_IND_SHARE,2023,-1,src,,"],
        (N, 2, "value", "-1", "share_range"),
    )
    obs(
        "obs_count_negative.csv",
        ["hai-phong,T1401,2023,-3,src,,"],
        (N, 2, "value", "-3", "count_negative"),
    )
    obs(
        "obs_count_fraction.csv",
        ["hai-phong,T1401,2023,12.5,src,,"],
        (N, 2, "value", "12.5", "count_not_integer"),
    )
    obs(
        "obs_duplicate.csv",
        [OBS_OK, "can-tho,T1405,2024,12,src,,", OBS_OK],
        (N, 4, "unit, indicator, period", "hai-phong / T1401 / 2023", "duplicate"),
    )
    # --- observations: years and flags -----------------------------------------------
    obs(
        "obs_year_future.csv",
        ["hai-phong,T1401,2030,100,src,,"],
        (N, 2, "period", "2030", "year_future"),
    )
    obs(
        "obs_year_two_digits.csv",
        ["hai-phong,T1401,24,100,src,,"],
        (N, 2, "period", "24", "year_range"),
    )
    obs(
        "obs_year_fraction.csv",
        ["hai-phong,T1401,2024.5,100,src,,"],
        (N, 2, "period", "2024.5", "not_an_integer"),
    )
    obs(
        "obs_year_range_text.csv",
        ["hai-phong,T1401,2023-2024,100,src,,"],
        (N, 2, "period", "2023-2024", "not_a_number"),
    )
    obs(
        "obs_not_bool.csv",
        ["hai-phong,T1401,2023,100,src,,maybe"],
        (N, 2, "illustrative", "maybe", "not_a_bool"),
    )
    obs(
        "obs_many_problems.csv",
        [
            "hai-phong,T1401,2023,abc,src,,",
            ",T1401,2023,5,src,,",
            "hai-phong,T1405,2019,12,,,",
            "hai-phong,HITECH_IND_SHARE,2023,150,src,,yes",
            "hai-phong,T1401,1980,5,src,,",
        ],
        (N, 2, "value", "abc", "not_a_number"),
        (N, 3, "unit", N, "required"),
        (N, 4, "source", N, "required"),
        (N, 5, "value", "150", "share_range"),
        (N, 6, "period", "1980", "year_range"),
    )
    # --- observations: files that cannot be read as a table ---------------------------
    content = OBS_HEADER + "\n" + OBS_OK + "\nda-nang,T1401,2023,50,Sở KH&CN Đà Nẵng,,\n"
    (HERE / "obs_windows_1258.csv").write_bytes(
        unicodedata.normalize("NFD", content).encode("cp1258", errors="replace")
    )
    expect("obs_windows_1258.csv", "observations", (N, 2, N, N, "encoding"))
    (HERE / "obs_utf16.csv").write_bytes(content.encode("utf-16"))
    expect("obs_utf16.csv", "observations", (N, 1, N, N, "encoding"))
    obs("obs_ragged_row.csv", [OBS_OK, "can-tho,T1405,2024,30,4,src,,"], (N, 3, N, N, "ragged_row"))
    obs(
        "obs_blank_header.csv",
        [OBS_OK + ",stray"],
        (N, 1, N, N, "header_blank"),
        header=OBS_HEADER + ",",
    )
    obs(
        "obs_duplicate_header.csv",
        [OBS_OK + ",1"],
        (N, 1, "value", N, "header_duplicate"),
        header=OBS_HEADER + ",value",
    )
    obs(
        "obs_bad_marker.csv",
        [OBS_OK],
        (N, 1, N, "# stkit: decimal=;", "marker_invalid"),
        pre="# stkit: decimal=;\n",
    )
    (HERE / "obs_spreadsheet.ods").write_bytes(b"PK\x03\x04 not really an ods")
    expect("obs_spreadsheet.ods", "observations", (N, N, N, N, "file_format"))
    (HERE / "obs_damaged.xlsx").write_bytes(b"this is not a zip archive")
    expect("obs_damaged.xlsx", "observations", (N, N, N, N, "file_unreadable"))
    (HERE / "obs_damaged.parquet").write_bytes(b"PAR1 truncated")
    expect("obs_damaged.parquet", "observations", (N, N, N, N, "file_unreadable"))
    pl.DataFrame(
        {
            "unit": ["hai-phong", "can-tho"],
            "indicator": ["T1401", "T1401"],
            "period": [2023, 2024],
            "value": [100.0, -3.0],
            "source": ["src", "src"],
        }
    ).write_parquet(HERE / "obs_negative_count.parquet")
    expect("obs_negative_count.parquet", "observations", (N, 3, "value", "-3", "count_negative"))

    # --- observations: Excel ----------------------------------------------------------
    header = OBS_HEADER.split(",")

    def merged(book: xlsxwriter.Workbook) -> None:
        sheet = book.add_worksheet("observations")
        sheet.write_row(0, 0, header)
        sheet.write_row(1, 0, ["hai-phong", "T1401", 2023, 100, "src"])
        sheet.merge_range("A3:A4", "can-tho")
        sheet.write_row(2, 1, ["T1405", 2024, 12.5, "src"])
        sheet.write_row(3, 1, ["T1405", 2023, 11.5, "src"])

    workbook("obs_merged_cells.xlsx", merged)
    expect(
        "obs_merged_cells.xlsx", "observations", ("observations", 3, "A", "A3:A4", "merged_cells")
    )

    def title_row(book: xlsxwriter.Workbook) -> None:
        sheet = book.add_worksheet("observations")
        sheet.write(0, 0, "Số liệu KH&CN năm 2023")
        sheet.write_row(2, 0, header)
        sheet.write_row(3, 0, ["hai-phong", "T1401", 2023, 100, "src"])

    workbook("obs_title_row.xlsx", title_row)
    expect("obs_title_row.xlsx", "observations", ("observations", 3, N, "A3", "header_offset"))

    def offset_column(book: xlsxwriter.Workbook) -> None:
        sheet = book.add_worksheet("observations")
        sheet.write_row(0, 1, header)
        sheet.write_row(1, 1, ["hai-phong", "T1401", 2023, 100, "src"])

    workbook("obs_offset_column.xlsx", offset_column)
    expect("obs_offset_column.xlsx", "observations", ("observations", 1, N, "B1", "header_offset"))

    def text_number(book: xlsxwriter.Workbook) -> None:
        sheet = book.add_worksheet("observations")
        sheet.write_row(0, 0, header)
        sheet.write_row(1, 0, ["hai-phong", "T1401", 2023, 100, "src"])
        sheet.write_row(2, 0, ["can-tho", "T1405", 2024, "30,4", "src"])

    workbook("obs_text_decimal_comma.xlsx", text_number)
    expect(
        "obs_text_decimal_comma.xlsx",
        "observations",
        ("observations", 3, "value", "30,4", "decimal_comma_undeclared"),
    )

    def wrong_sheets(book: xlsxwriter.Workbook) -> None:
        book.add_worksheet("data").write_row(0, 0, header)
        book.add_worksheet("notes").write(0, 0, "ghi chú")

    workbook("obs_wrong_sheet.xlsx", wrong_sheets)
    expect("obs_wrong_sheet.xlsx", "observations", ("observations", N, N, N, "sheet_missing"))

    def blank_column(book: xlsxwriter.Workbook) -> None:
        sheet = book.add_worksheet("observations")
        sheet.write_row(0, 0, header)
        sheet.write_row(1, 0, ["hai-phong", "T1401", 2023, 100, "src", None, False, "x"])

    workbook("obs_blank_header.xlsx", blank_column)
    expect("obs_blank_header.xlsx", "observations", ("observations", 1, N, N, "header_blank"))

    # --- indicators ----------------------------------------------------------------
    def ind(
        name: str,
        line: int,
        new: str | None,
        *problems: tuple[str | None, int | None, str | None, str | None, str],
    ) -> None:
        text_case(name, "indicators", with_line(INDICATORS, line, new), *problems)

    ind(
        "ind_bad_direction.csv",
        4,
        "T1407,Chi cho R&D,R&D spending,VND billion,up,amount,sum,,src",
        (N, 4, "direction", "up", "allowed_values"),
    )
    ind(
        "ind_bad_kind.csv",
        4,
        "T1407,Chi cho R&D,R&D spending,VND billion,increase,money,sum,,src",
        (N, 4, "kind", "money", "allowed_values"),
    )
    ind(
        "ind_weight_missing.csv",
        3,
        "T1405,Tốc độ đổi mới công nghệ,Rate,%,increase,rate,weighted_mean,,src",
        (N, 3, "weight_indicator", N, "weight_missing"),
    )
    ind(
        "ind_unknown_weight.csv",
        3,
        "T1405,Tốc độ đổi mới công nghệ,Rate,%,increase,rate,weighted_mean,POPULATION,src",
        (N, 3, "weight_indicator", "POPULATION", "unknown_indicator"),
    )
    ind(
        "ind_code_format.csv",
        9,
        "t1409,Số bằng sáng chế,Patents,patents,increase,count,sum,,src",
        (N, 9, "code", "t1409", "code_format"),
    )
    ind(
        "ind_duplicate_code.csv",
        9,
        "T1401,Số tổ chức KH&CN (trùng),Duplicate,organisations,increase,count,sum,,src",
        (N, 9, "code", "T1401", "duplicate"),
    )

    # --- targets ---------------------------------------------------------------------
    def tgt(
        name: str,
        line: int,
        new: str | None,
        *problems: tuple[str | None, int | None, str | None, str | None, str],
    ) -> None:
        text_case(name, "targets", with_line(TARGETS, line, new), *problems)

    tgt(
        "tgt_baseline_after_target.csv",
        3,
        "P1,P1-T2,hai-phong,T1405,>=,20,2024,15,2025",
        (N, 3, "baseline_year", "2025", "baseline_after_target"),
    )
    tgt(
        "tgt_baseline_incomplete.csv",
        3,
        "P1,P1-T2,hai-phong,T1405,>=,20,2030,15,",
        (N, 3, "baseline_value", "15", "baseline_incomplete"),
    )
    tgt(
        "tgt_comparator.csv",
        3,
        "P1,P1-T2,hai-phong,T1405,≥,20,2030,,",
        (N, 3, "comparator", "≥", "allowed_values"),
    )
    tgt(
        "tgt_unknown_programme.csv",
        5,
        "P9,P9-T1,hai-phong,T1405,>=,20,2030,,",
        (N, 5, "programme", "P9", "unknown_programme"),
    )
    tgt(
        "tgt_unit_merged.csv",
        5,
        "P1,P1-T9,hai-duong,T1405,>=,20,2030,,",
        (N, 5, "unit", "hai-duong", "unit_merged"),
    )
    tgt(
        "tgt_share_range.csv",
        4,
        "P1,P1-T3,hai-phong,HITECH_IND_SHARE,>,150,2030,,",
        (N, 4, "value", "150", "share_range"),
    )

    # --- task status -----------------------------------------------------------------
    def task(
        name: str,
        line: int,
        new: str | None,
        *problems: tuple[str | None, int | None, str | None, str | None, str],
    ) -> None:
        text_case(name, "task_status", with_line(TASK_STATUS, line, new), *problems)

    task(
        "task_unknown_task.csv",
        4,
        "P1,MOST.99,2023,done,evidence,source",
        (N, 4, "task", "MOST.99", "unknown_task"),
    )
    task(
        "task_bad_status.csv",
        3,
        "P1,MOST.4,2023,completed,evidence,source",
        (N, 3, "status", "completed", "allowed_values"),
    )
    task(
        "task_year_future.csv",
        3,
        "P1,MOST.4,2027,done,evidence,source",
        (N, 3, "year", "2027", "year_future"),
    )
    task(
        "task_duplicate.csv",
        4,
        "P1,MOST.3,2023,done,again,source",
        (N, 4, "programme, task, year", "P1 / MOST.3 / 2023", "duplicate"),
    )
    task(
        "task_missing_source.csv",
        3,
        "P1,MOST.4,2023,done,evidence,",
        (N, 3, "source", N, "required"),
    )

    with (HERE / "expected.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["case", "table", "sheet", "row", "column", "value", "rule"])
        for record in EXPECTED:
            writer.writerow(["" if v is None else v for v in record])


if __name__ == "__main__":
    main()
