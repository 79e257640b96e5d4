"""Readers: CSV (BOM, declared decimal comma, Excel's sep= line), XLSX, Parquet, number parsing."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st

from stkit.readers import (
    POINT,
    ROW,
    VIETNAMESE,
    NumberFormat,
    ReadProblem,
    number_readings,
    parse_number_columns,
    parse_numbers,
    read_raw,
    read_table,
    sheet_names,
)

HEADER = "unit,indicator,period,value,source\n"


def _parse(values: list[str | None], number_format: NumberFormat = POINT) -> list[object]:
    parsed = parse_numbers(pl.Series("v", values, dtype=pl.String), number_format)
    return list(zip(parsed.value.to_list(), parsed.problem.to_list(), strict=True))


def test_point_format_reads_plain_numbers_and_refuses_commas() -> None:
    assert _parse(["30.4", "-5", "1e3", " 12 ", None, "30,4", "1,234", "1.234,5", "12%", "x"]) == [
        (30.4, None),
        (-5.0, None),
        (1000.0, None),
        (12.0, None),
        (None, None),
        (None, "decimal_comma_undeclared"),
        (None, "ambiguous_number"),
        (None, "decimal_comma_undeclared"),
        (None, "percent_sign"),
        (None, "not_a_number"),
    ]


def test_point_format_with_comma_thousands() -> None:
    fmt = NumberFormat(decimal=".", thousands=",")
    assert _parse(["1,234", "1,234,567.5", "12,34"], fmt) == [
        (1234.0, None),
        (1234567.5, None),
        (None, "decimal_comma_undeclared"),
    ]


def test_comma_format_without_thousands_refuses_every_dot() -> None:
    fmt = NumberFormat(decimal=",")
    assert _parse(["30,4", "1,234", "1.234", "30.4", "1.234,5"], fmt) == [
        (30.4, None),
        (1.234, None),
        (None, "ambiguous_number"),
        (None, "ambiguous_number"),
        (None, "not_a_number"),
    ]


def test_vietnamese_format_groups_by_three() -> None:
    assert _parse(["1.234", "1.234.567,8", "30,4", "1.23", "12.3456", "−7"], VIETNAMESE) == [
        (1234.0, None),
        (1234567.8, None),
        (30.4, None),
        (None, "ambiguous_number"),
        (None, "ambiguous_number"),
        (-7.0, None),
    ]


def test_readings_of_an_ambiguous_number() -> None:
    assert number_readings("1,234", POINT) == ("1.234", "1234")
    assert number_readings("1.234", NumberFormat(decimal=",")) == ("1.234", "1234")


def test_number_format_rejects_equal_separators() -> None:
    with pytest.raises(ValueError, match="cannot be the decimal"):
        NumberFormat(decimal=",", thousands=",")


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=0, max_value=99))
def test_vietnamese_written_numbers_read_back(whole: int, cents: int) -> None:
    sign = "-" if whole < 0 else ""
    grouped = f"{abs(whole):,}".replace(",", ".")
    text = f"{sign}{grouped},{cents:02d}"
    ((value, problem),) = _parse([text], VIETNAMESE)
    assert problem is None
    expected = abs(whole) + cents / 100
    assert value == pytest.approx(-expected if whole < 0 else expected, rel=1e-12, abs=1e-9)


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_point_numbers_round_trip(number: float) -> None:
    ((value, problem),) = _parse([repr(number)])
    assert problem is None
    assert value == number


def test_csv_with_bom_and_nfc(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    decomposed = unicodedata.normalize("NFD", "Hà Nội")
    assert len(decomposed) > len("Hà Nội")
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + f"ha-noi,T1401,2023,5,{decomposed}\n").encode())
    raw = read_raw(path)
    assert raw.frame.columns == ["unit", "indicator", "period", "value", "source", ROW]
    assert raw.frame["source"][0] == "Hà Nội"
    assert raw.frame[ROW].to_list() == [2]


def test_csv_header_names_are_trimmed_and_lowered(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text(
        " Unit ,INDICATOR,period,value,source\n\nhn,T1,2023,5,s\n,,,,\n", encoding="utf-8"
    )
    raw = read_raw(path)
    assert raw.frame.columns[:2] == ["unit", "indicator"]
    assert raw.frame.height == 1


def test_excel_sep_line_and_marker_shift_rows(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text(
        "sep=;\n# stkit: decimal=, thousands=.\nunit;value\nhn;1.234,5\nhcm;30,4\n",
        encoding="utf-8",
    )
    raw = read_raw(path)
    assert raw.number_format == VIETNAMESE
    assert raw.frame[ROW].to_list() == [4, 5]
    typed = read_table(path)
    assert typed["value"].to_list() == [1234.5, 30.4]
    assert typed["unit"].to_list() == ["hn", "hcm"]


def test_marker_conflicting_with_caller(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text("# stkit: decimal=,\nunit,value\nhn,1\n", encoding="utf-8")
    with pytest.raises(ReadProblem) as caught:
        read_raw(path, number_format=POINT)
    assert caught.value.rule == "marker_conflict"


def test_read_table_infers_csv_types(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text(HEADER + "hn,T1,2023,5.5,s\n", encoding="utf-8")
    frame = read_table(path)
    assert frame.schema["period"] == pl.Int64
    assert frame.schema["value"] == pl.Float64


def test_read_table_keeps_text_when_a_cell_is_not_a_number(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text('# stkit: decimal=,\nunit,value\nhn,"30,4"\nhcm,n/a\n', encoding="utf-8")
    frame = read_table(path)
    assert frame["value"].to_list() == ["30,4", "n/a"]


def test_xlsx_by_sheet_and_types(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("notes").write(0, 0, "ghi chú")
    sheet = book.add_worksheet("observations")
    sheet.write_row(0, 0, ["unit", "period", "value", "illustrative"])
    sheet.write_row(1, 0, ["hai-phong", 2023, 30.4, True])
    sheet.write_row(3, 0, ["can-tho", 2024, 12, False])
    book.close()
    assert sheet_names(path) == ["notes", "observations"]
    raw = read_raw(path, sheet="Observations")
    assert raw.sheet == "observations"
    assert raw.frame.to_dicts() == [
        {"unit": "hai-phong", "period": "2023", "value": "30.4", "illustrative": "true", ROW: 2},
        {"unit": "can-tho", "period": "2024", "value": "12", "illustrative": "false", ROW: 4},
    ]
    typed = read_table(path, sheet="observations")
    assert typed["value"].to_list() == [30.4, None, 12.0]  # as read: the empty row stays


def test_parquet_read_as_text_and_typed(tmp_path: Path) -> None:
    path = tmp_path / "obs.parquet"
    pl.DataFrame({"Unit": ["hn"], "period": [2023], "value": [1.5]}).write_parquet(path)
    assert read_table(path)["period"].to_list() == [2023]
    raw = read_raw(path)
    assert raw.frame.to_dicts() == [{"unit": "hn", "period": "2023", "value": "1.5", ROW: 2}]


def test_missing_file_and_unknown_type(tmp_path: Path) -> None:
    with pytest.raises(ReadProblem) as caught:
        read_raw(tmp_path / "nothing.csv")
    assert caught.value.rule == "file_missing"
    odd = tmp_path / "table.json"
    odd.write_text("{}", encoding="utf-8")
    with pytest.raises(ReadProblem) as caught:
        read_table(odd)
    assert caught.value.rule == "file_format"
    assert "json" in str(caught.value)


# --- hostile numbers and files ------------------------------------------------------------


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_finite_float_written_by_python_reads_back_exactly(number: float) -> None:
    parsed = parse_numbers(pl.Series([repr(number)]))
    assert parsed.value.to_list() == [number]
    assert parsed.problem.to_list() == [None]


@given(st.integers(min_value=1, max_value=10**12), st.sampled_from([" ", "\u00a0", "\u202f"]))
def test_space_grouping_reads_only_when_declared(number: int, space: str) -> None:
    grouped = f"{number:,}".replace(",", space)
    declared = parse_numbers(pl.Series([grouped]), NumberFormat(thousands=" "))
    assert declared.value.to_list() == [float(number)]
    undeclared = parse_numbers(pl.Series([grouped]))
    expected = [None] if number >= 1000 else [float(number)]
    assert undeclared.value.to_list() == expected
    if number >= 1000:
        assert undeclared.problem.to_list() == ["space_in_number"]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("1e309", "not_finite"),
        ("-1E400", "not_finite"),
        ("inf", "not_finite"),
        ("-Infinity", "not_finite"),
        ("NaN", "not_finite"),
        ("4 5", "space_in_number"),
        ("12 34 5", "space_in_number"),
        ("#DIV/0!", "excel_error"),
        ("#N/A", "excel_error"),
        ("#NAME?", "excel_error"),
        ("khoảng 30", "not_a_number"),
    ],
)
def test_hostile_numbers_are_refused_by_name(text: str, rule: str) -> None:
    parsed = parse_numbers(pl.Series([text]))
    assert parsed.value.to_list() == [None]
    assert parsed.problem.to_list() == [rule]


def test_plain_and_analysed_cells_keep_their_places() -> None:
    parsed = parse_numbers(pl.Series(["1", "1e309", None, "2,5", "3", "4 5"]))
    assert parsed.value.to_list() == [1.0, None, None, None, 3.0, None]
    assert parsed.problem.to_list() == [
        None,
        "not_finite",
        None,
        "decimal_comma_undeclared",
        None,
        "space_in_number",
    ]


def test_marker_declares_space_grouping(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text(
        "# stkit: decimal=, thousands=space\n" + HEADER + "hai-phong,T1401,2023,1 234,5,src\n",
        encoding="utf-8",
    )
    with pytest.raises(ReadProblem):  # an unquoted decimal comma splits the row
        read_raw(path)
    path.write_text(
        "# stkit: decimal=, thousands=space\n" + HEADER + 'hai-phong,T1401,2023,"1 234,5",src\n',
        encoding="utf-8",
    )
    raw = read_raw(path)
    assert raw.number_format == NumberFormat(decimal=",", thousands=" ")
    assert parse_numbers(raw.frame["value"], raw.number_format).value.to_list() == [1234.5]


def test_semicolon_csv_is_read_by_its_header(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text(
        HEADER.replace(",", ";") + "hai-phong;T1401;2023;100;Sở KH&CN\n", encoding="utf-8"
    )
    frame = read_raw(path).frame
    assert frame.columns == ["unit", "indicator", "period", "value", "source", ROW]
    assert frame.row(0) == ("hai-phong", "T1401", "2023", "100", "Sở KH&CN", 2)


def test_nfd_vietnamese_is_normalised_even_without_a_mark_in_the_first_rows(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    nfd = unicodedata.normalize("NFD", "Sở Khoa học Hải Phòng")
    path.write_text(HEADER + f"a,T1,2023,1,x\nb,T1,2023,1,{nfd}\n", encoding="utf-8")
    assert read_raw(path).frame["source"].to_list() == ["x", "Sở Khoa học Hải Phòng"]


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("Niên giám thống kê tỉnh – “Hải Phòng”", False),
        (unicodedata.normalize("NFD", "Hải Phòng"), True),
        ("a\u20d0", True),
        ("x\ufe0f", True),
        ("\U000e0100", True),
        ("ᄀ", True),  # Hangul jamo compose under NFC
        ("Привет", False),
        ("plain ascii", False),
    ],
)
def test_mark_scan_on_bytes(text: str, marks: bool) -> None:
    from stkit.readers import _may_hold_marks  # noqa: PLC0415

    assert _may_hold_marks(text.encode()) is marks
    if not marks:
        assert unicodedata.normalize("NFC", text) == text


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from stkit.readers import Limits  # noqa: PLC0415

    monkeypatch.setenv("STKIT_MAX_CELLS", "1234")
    monkeypatch.setenv("STKIT_MAX_CSV_BYTES", "not a number")
    limits = Limits.from_environment()
    assert limits.cells == 1234
    assert limits.csv_bytes == Limits().csv_bytes


def test_hidden_sheet_is_refused_even_when_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("visible").write_string(0, 0, "unit")
    hidden = book.add_worksheet("observations")
    hidden.write_string(0, 0, "unit")
    hidden.hide()
    book.close()
    with pytest.raises(ReadProblem) as caught:
        read_raw(path, sheet="observations")
    assert caught.value.rule == "sheet_hidden"
    assert caught.value.sheet == "observations"
    assert read_raw(path, sheet="visible").frame.columns == ["unit", ROW]


_NUMBER_TEXT = st.one_of(
    st.none(),
    st.text(alphabet="0123456789+-.,eE %#\u2212\u00a0\u202f\t", max_size=12),
    st.sampled_from(["inf", " 1e309", "NaN ", "1.234,5", "\u22121", " 2 ", "1 234"]),
)


@given(
    st.lists(_NUMBER_TEXT, max_size=20),
    st.sampled_from([POINT, VIETNAMESE, NumberFormat(thousands=" "), NumberFormat(",", "")]),
)
def test_cells_read_at_once_read_as_the_full_rules_read_them(
    values: list[str | None], number_format: NumberFormat
) -> None:
    """Plain cells skip trimming and the other rules; the result is the same for every cell."""
    from stkit.readers import _parse_rest  # noqa: PLC0415

    text = pl.Series("v", values, dtype=pl.String)
    parsed = parse_numbers(text, number_format)
    value, problem = _parse_rest(text, number_format)
    assert parsed.value.to_list() == value.to_list()
    assert parsed.problem.to_list() == problem.to_list()
    assert parsed.value.name == parsed.problem.name == "v"
    # several columns at once read as each on its own
    frame = pl.DataFrame({"v": text, "w": text.reverse()})
    together = parse_number_columns(frame, ["v", "w"], number_format)
    alone = parse_numbers(frame["w"], number_format)
    assert together["v"].value.to_list() == parsed.value.to_list()
    assert together["v"].problem.to_list() == parsed.problem.to_list()
    assert together["w"].value.to_list() == alone.value.to_list()
    assert together["w"].problem.to_list() == alone.problem.to_list()
