"""Texts of every error and command-line line, in Vietnamese and English.

`RULES`: each input problem that validation reports (a rule, its message and its fix per
language). Placeholders are filled from the problem's parameters; `{column}` and `{value}`
are always available. `ERRORS`: the errors raised outside validation (data directory,
merger re-expression, registry, commitments, CLI options). `TEXTS`: the command line's own
lines and fragments of messages. A raised error gives both languages (`both`): English,
then Vietnamese.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from string import Formatter
from typing import Literal

from stkit.vocab import Lang


@dataclass(frozen=True)
class RuleText:
    """The message and the fix of one rule, in both languages."""

    message_vi: str
    fix_vi: str
    message_en: str
    fix_en: str

    def message(self, lang: Lang) -> str:
        """Return the message template in `lang`."""
        return self.message_vi if lang == "vi" else self.message_en

    def fix(self, lang: Lang) -> str:
        """Return the fix template in `lang`."""
        return self.fix_vi if lang == "vi" else self.fix_en


RULES: Mapping[str, RuleText] = {
    # --- reading a file ---------------------------------------------------------------
    "file_missing": RuleText(
        "Không tìm thấy tệp.",
        "Kiểm tra lại đường dẫn và tên tệp.",
        "The file does not exist.",
        "Check the path and the file name.",
    ),
    "file_format": RuleText(
        "Không đọc được loại tệp '{suffix}'.",
        "Lưu tệp dưới dạng CSV (UTF-8), Excel (.xlsx) hoặc Parquet.",
        "Files of type '{suffix}' cannot be read.",
        "Save the file as CSV (UTF-8), Excel (.xlsx) or Parquet.",
    ),
    "file_unreadable": RuleText(
        "Tệp bị hỏng hoặc không đúng định dạng {kind}{detail}.",
        "{how_vi}",
        "The file is damaged or is not a valid {kind} file{detail}.",
        "{how_en}",
    ),
    "encoding": RuleText(
        "Tệp không được mã hoá UTF-8 (byte lạ ở dòng {row}); chữ tiếng Việt sẽ bị sai.",
        "Trong Excel chọn Lưu thành › 'CSV UTF-8 (Comma delimited)'.",
        "The file is not UTF-8 encoded (unexpected byte on row {row}); Vietnamese text "
        "would be garbled.",
        "In Excel choose Save As › 'CSV UTF-8 (Comma delimited)'.",
    ),
    "marker_invalid": RuleText(
        "Dòng khai báo '{value}' không hợp lệ: {reason}.",
        "Viết ví dụ '# stkit: decimal=, thousands=.' (dấu thập phân là dấu phẩy, "
        "dấu chấm ngăn cách hàng nghìn) hoặc xoá dòng này.",
        "The declaration line '{value}' is not valid: {reason}.",
        "Write for example '# stkit: decimal=, thousands=.' (decimal comma, thousands dot) "
        "or delete the line.",
    ),
    "marker_conflict": RuleText(
        "Tệp khai báo dấu thập phân '{declared}' nhưng lệnh yêu cầu '{requested}'.",
        "Bỏ tuỳ chọn --decimal hoặc sửa dòng khai báo trong tệp cho thống nhất.",
        "The file declares decimal separator '{declared}' but '{requested}' was requested.",
        "Drop the --decimal option or correct the declaration line in the file.",
    ),
    "ragged_row": RuleText(
        "Dòng có {found} ô trong khi dòng tiêu đề có {expected} cột.",
        "Kiểm tra dấu phẩy thừa; đặt văn bản có dấu phẩy trong ngoặc kép.",
        "The row has {found} cells but the header has {expected} columns.",
        "Look for a stray comma; put text containing commas in double quotes.",
    ),
    "sheet_missing": RuleText(
        "Bảng tính không có trang '{sheet}'. Các trang hiện có: {sheets}.",
        "Đổi tên trang chứa bảng {table} thành '{sheet}'.",
        "The workbook has no sheet '{sheet}'. Sheets present: {sheets}.",
        "Rename the sheet holding the {table} table to '{sheet}'.",
    ),
    "merged_cells": RuleText(
        "Trang có ô gộp ({value}); không đọc được dữ liệu trong ô gộp.",
        "Bỏ gộp ô (Trang đầu › Gộp và Căn giữa) và điền giá trị vào từng ô.",
        "The sheet has merged cells ({value}); data in merged cells cannot be read.",
        "Unmerge the cells (Home › Merge & Center) and fill every cell.",
    ),
    "header_offset": RuleText(
        "Dòng tiêu đề phải là dòng 1, cột A; dòng tiêu đề có vẻ nằm ở ô {value}.",
        "Xoá các dòng tiêu đề phụ, dòng trống phía trên và cột trống bên trái để "
        "tên cột nằm ở dòng 1 bắt đầu từ cột A.",
        "The header must be row 1 starting at column A; it seems to be at cell {value}.",
        "Delete titles and empty rows above it and empty columns to its left, so that "
        "the column names are in row 1 from column A.",
    ),
    "header_blank": RuleText(
        "Cột {column_letter} có dữ liệu nhưng không có tên cột ở dòng 1.",
        "Ghi tên cột vào dòng 1 hoặc xoá cột này.",
        "Column {column_letter} holds data but has no name in row 1.",
        "Write the column name in row 1 or delete the column.",
    ),
    "header_duplicate": RuleText(
        "Tên cột '{column}' xuất hiện nhiều lần.",
        "Giữ một cột '{column}' và xoá hoặc đổi tên các cột còn lại.",
        "The column name '{column}' appears more than once.",
        "Keep one '{column}' column and delete or rename the others.",
    ),
    # --- columns ----------------------------------------------------------------------
    "column_missing": RuleText(
        "Thiếu cột bắt buộc '{column}'.",
        "Thêm cột '{column}'{suggestion_vi}.",
        "Required column '{column}' is missing.",
        "Add a column named '{column}'{suggestion_en}.",
    ),
    "column_unknown": RuleText(
        "Cột '{column}' không thuộc bảng {table}.",
        "Xoá cột này hoặc đổi tên thành một trong: {allowed}.",
        "Column '{column}' is not part of the {table} table.",
        "Delete the column or rename it to one of: {allowed}.",
    ),
    # --- cells: types -----------------------------------------------------------------
    "required": RuleText(
        "Ô bắt buộc đang để trống.",
        "Điền giá trị cho cột '{column}'.",
        "This required cell is empty.",
        "Fill in the '{column}' column.",
    ),
    "not_a_number": RuleText(
        "'{value}' không phải là số.",
        "Ghi một số, ví dụ 30.4 (hoặc 30,4 nếu tệp khai báo dấu thập phân là dấu phẩy).",
        "'{value}' is not a number.",
        "Write a number such as 30.4 (or 30,4 if the file declares a decimal comma).",
    ),
    "percent_sign": RuleText(
        "'{value}' có ký hiệu %; cột chỉ nhận con số.",
        "Bỏ ký hiệu %, ví dụ ghi 30.4 thay cho 30.4 %.",
        "'{value}' carries a % sign; the column takes the bare number.",
        "Drop the % sign: write 30.4 rather than 30.4 %.",
    ),
    "decimal_comma_undeclared": RuleText(
        "'{value}' dùng dấu phẩy thập phân nhưng tệp không khai báo điều này.",
        "Ghi {suggestion}, hoặc thêm dòng đầu '# stkit: decimal=,' (hoặc dùng --decimal ,) "
        "nếu cả tệp dùng dấu phẩy thập phân.",
        "'{value}' uses a decimal comma but the file does not declare one.",
        "Write {suggestion}, or add the first line '# stkit: decimal=,' (or pass --decimal ,) "
        "if the whole file uses decimal commas.",
    ),
    "ambiguous_number": RuleText(
        "'{value}' có thể hiểu theo hai cách ({reading_a} hoặc {reading_b}) với định dạng "
        "số của tệp (dấu thập phân '{decimal}').",
        "Ghi số không có dấu ngăn cách hàng nghìn; nếu cả tệp dùng '{grouping}' để ngăn cách "
        "hàng nghìn, khai báo ở dòng đầu: '# stkit: decimal={decimal} thousands={grouping}'.",
        "'{value}' can be read two ways ({reading_a} or {reading_b}) under the file's number "
        "format (decimal '{decimal}').",
        "Write the number without thousands separators; if the whole file groups thousands "
        "with '{grouping}', declare it on the first line: "
        "'# stkit: decimal={decimal} thousands={grouping}'.",
    ),
    "not_finite": RuleText(
        "'{value}' không phải là một số hữu hạn (quá lớn, vô cực hoặc không xác định).",
        "Ghi giá trị thực của số liệu; kiểm tra số mũ (ví dụ 1e309) hoặc ô bị lỗi.",
        "'{value}' is not a finite number (too large, infinite or undefined).",
        "Write the actual figure; check the exponent (such as 1e309) or a broken cell.",
    ),
    "space_in_number": RuleText(
        "'{value}' có khoảng trắng bên trong con số.",
        "Xoá khoảng trắng; nếu cả tệp dùng khoảng trắng để ngăn cách hàng nghìn, khai báo ở "
        "dòng đầu: '# stkit: decimal={decimal} thousands=space'.",
        "'{value}' has a space inside the number.",
        "Remove the space; if the whole file groups thousands with spaces, declare it on the "
        "first line: '# stkit: decimal={decimal} thousands=space'.",
    ),
    "excel_error": RuleText(
        "Ô chứa lỗi Excel '{value}' (công thức không tính được), không phải số liệu.",
        "Sửa công thức trong Excel (ví dụ chia cho 0) hoặc ghi số liệu trực tiếp.",
        "The cell holds the Excel error '{value}' (a formula that could not be computed), "
        "not a figure.",
        "Fix the formula in Excel (for example a division by zero) or type the figure.",
    ),
    "formula_uncomputed": RuleText(
        "Ô chứa công thức '{value}' chưa được Excel tính (tệp do chương trình khác ghi).",
        "Mở tệp trong Excel, để Excel tính lại rồi lưu; hoặc ghi số liệu thay cho công thức.",
        "The cell holds the formula '{value}' that Excel never computed (the file was "
        "written by another program).",
        "Open the file in Excel so it computes the formulas, then save; or type the figures.",
    ),
    "index_range": RuleText(
        "Điểm chỉ số {value} nằm ngoài khoảng {low}–{high}.",
        "Kiểm tra lại điểm số (thang {low}–{high}) của chỉ tiêu {indicator}.",
        "The index score {value} is outside {low}–{high}.",
        "Check the score ({low}–{high} scale) of indicator {indicator}.",
    ),
    "rank_invalid": RuleText(
        "Thứ hạng {value} không hợp lệ: phải là số nguyên từ 1 đến {units} (số đơn vị "
        "hành chính năm {period}).",
        "Ghi thứ hạng là số nguyên từ 1 đến {units}.",
        "The rank {value} is not valid: it must be a whole number from 1 to {units} (the "
        "number of units in {period}).",
        "Write the rank as a whole number from 1 to {units}.",
    ),
    "sheet_hidden": RuleText(
        "Trang tính '{sheet}' đang bị ẩn; không đọc trang ẩn để tránh đọc nhầm số liệu.",
        "Trong Excel chọn Bỏ ẩn (Unhide) trang '{sheet}' nếu đó là số liệu cần nộp, hoặc xoá "
        "trang ẩn đi.",
        "Sheet '{sheet}' is hidden; hidden sheets are not read so that no data is misread.",
        "In Excel, Unhide sheet '{sheet}' if it holds the data to submit, or delete it.",
    ),
    "sheet_too_large": RuleText(
        "Bảng '{sheet}' trải trên {cells} ô — vượt giới hạn {limit} ô.",
        "Xoá các ô ở xa vùng số liệu (chọn các dòng/cột trống ở cuối và Xoá), lưu lại; hoặc "
        "nâng giới hạn bằng biến môi trường {setting}.",
        "'{sheet}' spans {cells} cells, above the limit of {limit}.",
        "Delete stray cells far from the data (select the empty rows/columns at the end and "
        "Delete), then save; or raise the limit with the environment variable {setting}.",
    ),
    "not_regular_file": RuleText(
        "Đây không phải là một tệp thông thường (thư mục, thiết bị hoặc ống dẫn); không đọc.",
        "Chỉ định một tệp CSV, Excel (.xlsx) hoặc Parquet đã lưu trên đĩa.",
        "This is not a regular file (a folder, a device or a pipe); it is not read.",
        "Name a CSV, Excel (.xlsx) or Parquet file saved on disk.",
    ),
    "file_too_large": RuleText(
        "Tệp {kind} có {size} — vượt giới hạn {limit}.",
        "Chia tệp thành các tệp nhỏ hơn, hoặc nâng giới hạn bằng biến môi trường {setting}.",
        "The {kind} file is {size}, above the limit of {limit}.",
        "Split the file into smaller files, or raise the limit with the environment "
        "variable {setting}.",
    ),
    "not_an_integer": RuleText(
        "'{value}' không phải là số nguyên.",
        "Ghi một số nguyên, không có phần thập phân.",
        "'{value}' is not a whole number.",
        "Write a whole number, without decimals.",
    ),
    "not_a_bool": RuleText(
        "'{value}' không phải là giá trị đúng/sai.",
        "Ghi true hoặc false (có/không cũng được); để trống nghĩa là false.",
        "'{value}' is not a yes/no value.",
        "Write true or false (yes/no also work); empty means false.",
    ),
    # --- cells: values ----------------------------------------------------------------
    "allowed_values": RuleText(
        "'{value}' không phải giá trị hợp lệ của cột '{column}'.",
        "Chọn một trong: {allowed}.",
        "'{value}' is not an accepted value of '{column}'.",
        "Use one of: {allowed}.",
    ),
    "code_format": RuleText(
        "Mã chỉ tiêu '{value}' chỉ được gồm chữ in hoa, chữ số và dấu gạch dưới.",
        "Viết lại mã, ví dụ T1405 hoặc HITECH_IND_SHARE.",
        "Indicator code '{value}' may hold only capital letters, digits and underscores.",
        "Rewrite the code, e.g. T1405 or HITECH_IND_SHARE.",
    ),
    "year_range": RuleText(
        "Năm {value} nằm ngoài khoảng hợp lý {low}–{high}.",
        "Ghi năm đủ bốn chữ số (ví dụ 2024); nếu ô là ngày tháng, đổi thành số năm.",
        "Year {value} is outside the sensible range {low}–{high}.",
        "Write a four-digit year (e.g. 2024); if the cell is a date, turn it into the year.",
    ),
    "year_future": RuleText(
        "Năm {value} ở tương lai (năm hiện tại là {current}).",
        "Chỉ ghi số liệu, tình trạng hoặc năm gốc đã xảy ra; kiểm tra lỗi đánh máy.",
        "Year {value} is in the future (the current year is {current}).",
        "Only record figures, statuses or baselines that have happened; check for a typo.",
    ),
    "duplicate": RuleText(
        "Dòng này trùng khoá ({keys}) với dòng {first}.",
        "Giữ một dòng cho mỗi khoá; xoá hoặc sửa dòng trùng.",
        "This row repeats the key ({keys}) of row {first}.",
        "Keep one row per key; delete or correct the repeated row.",
    ),
    "weight_missing": RuleText(
        "Chỉ tiêu gộp theo trung bình có trọng số nhưng chưa ghi chỉ tiêu trọng số.",
        "Ghi mã chỉ tiêu dùng làm trọng số vào cột 'weight_indicator', hoặc đổi "
        "'merge_rule' thành sum hoặc none.",
        "The indicator merges by weighted mean but names no weight indicator.",
        "Put the code of the weight indicator in 'weight_indicator', or set 'merge_rule' "
        "to sum or none.",
    ),
    "baseline_after_target": RuleText(
        "Năm gốc {value} sau năm mục tiêu {year}.",
        "Kiểm tra hai cột 'baseline_year' và 'year'; năm gốc phải trước hoặc bằng năm mục tiêu.",
        "The baseline year {value} is after the target year {year}.",
        "Check 'baseline_year' and 'year'; the baseline must come no later than the target.",
    ),
    "baseline_incomplete": RuleText(
        "Chỉ có một trong hai cột 'baseline_value' và 'baseline_year'.",
        "Điền cả giá trị gốc và năm gốc, hoặc để trống cả hai.",
        "Only one of 'baseline_value' and 'baseline_year' is filled in.",
        "Give both the baseline value and its year, or neither.",
    ),
    "schema_other": RuleText(
        "Giá trị '{value}' không đạt kiểm tra '{check}'.",
        "Sửa giá trị theo định dạng của bảng (xem docs/inputs.md).",
        "Value '{value}' fails the check '{check}'.",
        "Correct the value following the table format (see docs/inputs.md).",
    ),
    # --- cross-table ------------------------------------------------------------------
    "unknown_indicator": RuleText(
        "Mã chỉ tiêu '{value}' không có trong danh mục chỉ tiêu.",
        "Dùng một mã trong data/indicators.csv{suggestion_vi}, hoặc thêm chỉ tiêu vào danh mục.",
        "Indicator code '{value}' is not in the indicator catalogue.",
        "Use a code from data/indicators.csv{suggestion_en}, or add the indicator to it.",
    ),
    "unknown_unit": RuleText(
        "Không có tỉnh/thành nào có mã hoặc tên '{value}'.",
        "Ghi tên (ví dụ Hải Phòng), tên viết liền không dấu (slug, ví dụ hai-phong) hoặc mã "
        "hai chữ số{suggestion_vi}.",
        "No province or city has the code, name or slug '{value}'.",
        "Write the slug (e.g. hai-phong), the name or the two-digit official code{suggestion_en}.",
    ),
    "unit_merged": RuleText(
        "{name_vi} ('{value}') không còn là đơn vị hành chính từ 01/07/2025; năm {period} "
        "thuộc {successor_vi}.",
        "Ghi '{successor}' cho năm {period}, hoặc sửa năm nếu số liệu thuộc giai đoạn trước "
        "sáp nhập.",
        "{name_en} ('{value}') is no longer a provincial unit from 1 July 2025; in {period} it "
        "is part of {successor_en}.",
        "Use '{successor}' for {period}, or correct the year if the figure is from before "
        "the merger.",
    ),
    "unit_not_yet": RuleText(
        "{name_vi} ('{value}') theo địa giới mới chỉ có từ 01/07/2025; năm {period} dùng "
        "các đơn vị cũ: {predecessors}.",
        "Ghi số liệu năm {period} theo từng đơn vị cũ ({predecessors}), hoặc sửa năm.",
        "{name_en} ('{value}') within its new borders exists only from 1 July 2025; "
        "{period} uses the old units: {predecessors}.",
        "Record {period} figures per old unit ({predecessors}), or correct the year.",
    ),
    "territory_period": RuleText(
        "Cột territory ghi '{value}' nhưng năm {period} không có địa giới đó: 'former' (63 "
        "đơn vị trước 01/07/2025) chỉ dùng đến năm 2025, 'current' (34 đơn vị từ 01/07/2025) "
        "chỉ từ năm 2025.",
        "Để trống cột territory (năm đến 2025 theo 63 đơn vị cũ, từ 2026 theo 34 đơn vị mới), "
        "hoặc sửa năm.",
        "Column territory says '{value}', which does not exist in {period}: 'former' (the 63 "
        "units before 1 July 2025) is for years up to 2025, 'current' (the 34 units since 1 "
        "July 2025) for years from 2025.",
        "Leave territory empty (years up to 2025 on the 63 former units, from 2026 on the 34 "
        "current ones), or correct the year.",
    ),
    "territory_unit": RuleText(
        "Dòng năm {period} ghi territory 'current' (34 đơn vị từ 01/07/2025) nhưng {name_vi} "
        "('{unit}') đã hợp nhất vào {successor_vi} từ 01/07/2025.",
        "Ghi '{successor}' nếu số liệu là của {successor_vi} sau sáp nhập, hoặc ghi territory "
        "'former' (hay để trống) nếu số liệu là của {name_vi} trước sáp nhập.",
        "The {period} row says territory 'current' (the 34 units since 1 July 2025), but "
        "{name_en} ('{unit}') became part of {successor_en} on 1 July 2025.",
        "Write '{successor}' if the figure is for the merged {successor_en}, or territory "
        "'former' (or leave it empty) if it is for {name_en} before the merger.",
    ),
    # --- resolving a unit on a day (`stkit.units.resolve_unit`) ---------------------------
    "resolve_unknown": RuleText(
        "Không có tỉnh/thành nào tên hoặc mã '{value}'.{suggestion_vi}",
        "Dùng slug, mã hoặc tên trong danh sách `stkit units --as-of {day}`.",
        "Unknown provincial unit '{value}'.{suggestion_en}",
        "Use a slug, official code or name listed by `stkit units --as-of {day}`.",
    ),
    "resolve_ended": RuleText(
        "{label} còn hiệu lực đến {valid_to}: từ {merger} thuộc '{successor}' (mã {new_code}).",
        "Dùng '{successor}' cho ngày {day}, hoặc một ngày trước khi sáp nhập.",
        "{label} was in force until {valid_to}: since {merger} it is part of '{successor}' "
        "(code {new_code}).",
        "Use '{successor}' for {day}, or a date before the merger.",
    ),
    "resolve_not_yet": RuleText(
        "{label} chỉ có từ {valid_from}; ngày {day} địa bàn thuộc {predecessors}.",
        "Dùng các đơn vị đó cho ngày trước, hoặc quy đổi chuỗi số liệu cũ bằng "
        "stkit.merger.reexpress.",
        "{label} exists only from {valid_from}; on {day} its territory belonged to {predecessors}.",
        "Use those units for earlier dates, or re-express old series with stkit.merger.reexpress.",
    ),
    "resolve_too_early": RuleText(
        "{label} không có hiệu lực ngày {day}: bảng đơn vị của stkit bắt đầu từ {valid_from}.",
        "Dùng một ngày muộn hơn.",
        "{label} is not in force on {day}: stkit's unit tables start on {valid_from}.",
        "Use a later date.",
    ),
    "illustrative_shadows_sourced": RuleText(
        "Số liệu minh họa này trùng đơn vị '{value}', chỉ tiêu {indicator} và năm {period} với "
        "một dòng có nguồn trong observations.csv; số liệu minh họa không được thay số có nguồn.",
        "Xóa dòng này khỏi illustrative/observations.csv (số liệu có nguồn được giữ).",
        "This illustrative row has the same unit '{value}', indicator {indicator} and period "
        "{period} as a sourced row of observations.csv; an illustrative value may never "
        "shadow a sourced one.",
        "Delete this row from illustrative/observations.csv (the sourced value stays).",
    ),
    "unit_alias_duplicate": RuleText(
        "Dòng này trùng với dòng {first}: cùng đơn vị (ghi '{other}' ở dòng kia), chỉ tiêu và năm.",
        "Giữ một dòng cho mỗi đơn vị, chỉ tiêu và năm.",
        "This row repeats row {first}: the same unit (written '{other}' there), indicator "
        "and period.",
        "Keep one row per unit, indicator and period.",
    ),
    "share_range": RuleText(
        "Tỷ lệ {value} nằm ngoài khoảng 0–100 (chỉ tiêu {indicator} tính bằng %).",
        "Ghi tỷ lệ phần trăm từ 0 đến 100, ví dụ 30.4 cho 30,4 %.",
        "Share {value} is outside 0–100 (indicator {indicator} is a percentage).",
        "Write the percentage between 0 and 100, e.g. 30.4 for 30.4 %.",
    ),
    "count_negative": RuleText(
        "Số đếm {value} âm (chỉ tiêu {indicator} là số lượng).",
        "Ghi số lượng từ 0 trở lên.",
        "Count {value} is negative (indicator {indicator} counts things).",
        "Write a count of 0 or more.",
    ),
    "count_not_integer": RuleText(
        "Số đếm {value} không phải số nguyên (chỉ tiêu {indicator} là số lượng).",
        "Ghi số nguyên, ví dụ 12.",
        "Count {value} is not a whole number (indicator {indicator} counts things).",
        "Write a whole number, e.g. 12.",
    ),
    "unknown_programme": RuleText(
        "Không có chương trình mã '{value}'.",
        "Dùng một trong các mã: {allowed}.",
        "There is no programme '{value}'.",
        "Use one of: {allowed}.",
    ),
    "unknown_task": RuleText(
        "Chương trình {programme} không có nhiệm vụ mã '{value}'.",
        "Dùng mã nhiệm vụ trong sổ đăng ký chương trình{suggestion_vi}.",
        "Programme {programme} has no task '{value}'.",
        "Use a task code from the programme registry{suggestion_en}.",
    ),
}


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def render(
    rule: str, part: Literal["message", "fix"], lang: Lang, params: Mapping[str, str]
) -> str:
    """Fill the `part` template of `rule` (of `RULES` or `ERRORS`) in `lang`.

    Missing parameters render as empty text.
    """
    text = RULES[rule] if rule in RULES else ERRORS[rule]
    template = text.message(lang) if part == "message" else text.fix(lang)
    values = {name: params.get(name, "") for name in _placeholders(template)}
    return template.format(**values)


TABLE_NAMES: Mapping[str, tuple[str, str]] = {
    "indicators": ("danh mục chỉ tiêu", "indicators"),
    "observations": ("số liệu", "observations"),
    "targets": ("chỉ tiêu mục tiêu", "targets"),
    "task_status": ("tình trạng nhiệm vụ", "task status"),
    "tasks": ("danh sách nhiệm vụ", "tasks"),
}


def both(
    rule: str,
    params: Mapping[str, str],
    localised: Mapping[Lang, Mapping[str, str]] | None = None,
) -> str:
    """The message and fix of `rule` in English, then in Vietnamese (for raised errors).

    `localised` adds parameters that differ by language (lists of fragments of `TEXTS`).

    Examples
    --------
    >>> both("data_dir_missing", {"given": "'x'", "path": "/x"}).split(" / ")[0][:29]
    "Data directory 'x' (/x) does "
    """
    parts = []
    for lang in ("en", "vi"):
        values = {**params, **(localised or {}).get(lang, {})}
        fix = "Fix" if lang == "en" else "Cách sửa"
        message = render(rule, "message", lang, values)
        parts.append(f"{message} {fix}: {render(rule, 'fix', lang, values)}")
    return " / ".join(parts)


def error(rule: str, **params: object) -> str:
    """`both` for a rule of `ERRORS`, its parameters given as keywords (shown with `str`)."""
    return both(rule, {name: str(value) for name, value in params.items()})


ERRORS: Mapping[str, RuleText] = {
    # --- the data directory (`stkit.datadir`) -----------------------------------------
    "data_dir_missing": RuleText(
        "Thư mục dữ liệu {given} ({path}) không tồn tại hoặc không phải là thư mục.",
        "Truyền --data-dir là một thư mục có sẵn, sắp xếp như thư mục data/ của stkit "
        "(`stkit init DIR` tạo một bản).",
        "Data directory {given} ({path}) does not exist or is not a folder.",
        "pass --data-dir with an existing folder laid out like stkit's data/ "
        "(`stkit init DIR` writes one).",
    ),
    "shipped_data_missing": RuleText(
        "Bản cài đặt này thiếu bộ dữ liệu đi kèm stkit.",
        "Cài đặt lại stkit.",
        "The shipped data set is missing from this installation.",
        "reinstall stkit.",
    ),
    "notebooks_missing": RuleText(
        "Bản cài đặt này thiếu các sổ tay (notebook) mẫu của báo cáo.",
        "Cài đặt lại stkit.",
        "The report notebooks are missing from this installation.",
        "reinstall stkit.",
    ),
    # --- re-expressing old units on new ones (`stkit.merger`) ----------------------------
    "merger_crosswalk_columns": RuleText(
        "Bảng chuyển đổi đơn vị thiếu cột {columns}.",
        "Truyền một bảng như stkit.units.load_crosswalk() trả về.",
        "The crosswalk lacks column(s) {columns}.",
        "pass a frame like stkit.units.load_crosswalk() returns.",
    ),
    "merger_observations_columns": RuleText(
        "Bảng số liệu thiếu cột {columns}.",
        "Dùng định dạng số liệu chung: unit, indicator, period, value, source, note, illustrative.",
        "The observations lack column(s) {columns}.",
        "use the public observations format: unit, indicator, period, value, source, note, "
        "illustrative.",
    ),
    "merger_indicators_columns": RuleText(
        "Danh mục chỉ tiêu thiếu cột {columns}.",
        "Dùng định dạng danh mục chỉ tiêu chung (code, ..., merge_rule, weight_indicator).",
        "The indicator catalogue lacks column(s) {columns}.",
        "use the public indicators format (code, ..., merge_rule, weight_indicator).",
    ),
    "merger_not_numbers": RuleText(
        "Số liệu: năm (period) phải là số nguyên và giá trị (value) phải là số ({error}).",
        "Sửa các ô không phải là số.",
        "Observations: period must be a whole year and value a number ({error}).",
        "correct the cells that are not numbers.",
    ),
    "merger_duplicates": RuleText(
        "Số liệu: {count} bộ (đơn vị, chỉ tiêu, năm) xuất hiện nhiều lần ({listed}).",
        "Giữ một giá trị cho mỗi đơn vị, chỉ tiêu và năm.",
        "Observations: {count} (unit, indicator, period) appear more than once ({listed}).",
        "keep one value per unit, indicator and period.",
    ),
    "merger_national_duplicates": RuleText(
        "Số liệu: đơn vị cả nước có nhiều hơn một giá trị cho {listed}.",
        "Giữ một giá trị cho mỗi đơn vị, chỉ tiêu và năm.",
        "Observations: the national unit has more than one value for {listed}.",
        "keep one value per unit, indicator and period.",
    ),
    "merger_territory": RuleText(
        "Số liệu: cột territory không hợp lệ ở {listed}.",
        "Để trống territory, hoặc ghi 'former' (63 đơn vị cũ, các năm đến 2025) hoặc "
        "'current' (34 đơn vị mới, các năm từ 2025).",
        "Observations: territory cannot hold for {listed}.",
        "leave territory empty, or write 'former' (the 63 units, years up to 2025) or "
        "'current' (the 34 units, years from 2025).",
    ),
    "merger_unplaced": RuleText(
        "Số liệu ghi những đơn vị không tồn tại trong năm của dòng: {parts}{more}.",
        "Các năm đến 2025 dùng 63 đơn vị cũ, từ 2026 dùng 34 đơn vị mới "
        "(`stkit units --as-of DATE`, `stkit units crosswalk`).",
        "Observations name units that do not exist in their period: {parts}{more}.",
        "periods up to 2025 use the 63 old units, periods from 2026 the 34 new ones "
        "(`stkit units --as-of DATE`, `stkit units crosswalk`).",
    ),
    "merger_no_rule": RuleText(
        "Chỉ tiêu {codes} chưa có merge_rule trong danh mục chỉ tiêu.",
        "Thêm các chỉ tiêu này vào indicators.csv với merge_rule {choices}.",
        "Indicator(s) {codes} have no merge_rule in the indicator catalogue.",
        "add them to indicators.csv with merge_rule {choices}.",
    ),
    "merger_unknown_rule": RuleText(
        "Quy tắc gộp (merge_rule) không hợp lệ ở chỉ tiêu {listed}.",
        "Dùng một trong: {choices}.",
        "Unknown merge rule for indicator(s) {listed}.",
        "use one of {choices}.",
    ),
    "merger_no_weight": RuleText(
        "Chỉ tiêu {codes} gộp theo trung bình có trọng số (weighted_mean) nhưng chưa ghi "
        "weight_indicator.",
        "Ghi mã chỉ tiêu có giá trị dùng làm trọng số cho các đơn vị cũ (ví dụ số doanh "
        "nghiệp hoặc dân số).",
        "Indicator(s) {codes} use merge_rule weighted_mean but name no weight_indicator.",
        "name the indicator whose values weigh the old units (e.g. a count of enterprises "
        "or the population).",
    ),
    # --- the programme registry and commitments ------------------------------------------
    "unknown_programme_id": RuleText(
        "Không có chương trình mã {value}. Các chương trình hiện có: {known}.",
        "Dùng một trong các mã này (xem `stkit programmes list`).",
        "Unknown programme {value}. Known programmes: {known}.",
        "use one of these ids (see `stkit programmes list`).",
    ),
    "table_columns_missing": RuleText(
        "Bảng {table_vi} thiếu cột {columns}.",
        "Dùng định dạng chung của bảng {table_vi} (docs/architecture.md).",
        "The {table} table lacks the column(s) {columns}.",
        "use the public {table} format (docs/architecture.md).",
    ),
    # --- progress (`stkit.progress`) ------------------------------------------------------
    "repeated_period": RuleText(
        "Số liệu quan sát: đơn vị '{unit}', chỉ tiêu '{indicator}' có nhiều hơn một giá trị "
        "cho năm {period} (quy tắc: mỗi đơn vị, chỉ tiêu và năm chỉ một giá trị).",
        "Giữ một dòng cho năm đó, xoá hoặc sửa các dòng trùng.",
        "Observations: unit '{unit}', indicator '{indicator}' has more than one value for "
        "{period} (rule: one value per unit, indicator and period), so the result would "
        "depend on row order.",
        "keep one row for that year; delete or correct the others.",
    ),
    "target_comparator": RuleText(
        "Chỉ tiêu mục tiêu {target} ({programme}) có phép so sánh {value}; chỉ nhận: {allowed}.",
        "Ghi một trong các phép so sánh này vào cột comparator.",
        "Target {target} ({programme}) has comparator {value}; allowed: {allowed}.",
        "write one of these in the comparator column.",
    ),
    # --- command-line options ------------------------------------------------------------
    "option_unit_unknown": RuleText(
        "--unit {value}: không có đơn vị này.",
        "Dùng slug của một đơn vị trong `stkit units`, ví dụ hai-phong.",
        "--unit {value}: no such unit.",
        "use a unit slug from `stkit units`, e.g. hai-phong.",
    ),
    "option_lang_unknown": RuleText(
        "{option} {value}: không phải ngôn ngữ của stkit.",
        "Chọn vi (tiếng Việt) hoặc en (tiếng Anh).",
        "{option} {value}: not a language of stkit.",
        "choose vi (Vietnamese) or en (English).",
    ),
    "option_all_or_unit": RuleText(
        "Chọn một đơn vị (ví dụ `stkit report hai-phong`) hoặc --all, không chọn cả hai.",
        "Bỏ tên đơn vị khi dùng --all, hoặc bỏ --all.",
        "Name one unit (e.g. `stkit report hai-phong`) or pass --all, not both.",
        "drop the unit with --all, or drop --all.",
    ),
    "option_year_future": RuleText(
        "--year {year}: năm báo cáo sau năm hiện tại ({this_year}) — chưa thể có số liệu.",
        "Chọn một năm từ {this_year} trở về trước.",
        "--year {year}: the report year is after the current year ({this_year}), so there "
        "can be no data yet.",
        "choose {this_year} or an earlier year.",
    ),
    "report_no_data": RuleText(
        "Chưa có số liệu nào của {name_vi} cho năm {year} (không có số liệu quan sát hay kết "
        "quả PII tới năm này), nên không lập báo cáo.",
        "Chọn một năm muộn hơn.",
        "No data for {name_en} in {year} (no observation or PII result up to that year), so "
        "no report is written.",
        "choose a later year.",
    ),
    "option_format_unknown": RuleText(
        "--format: không có định dạng {named_vi}.",
        "Chọn một hay nhiều trong {known} (cách nhau bằng dấu phẩy, ví dụ --format html,pdf).",
        "--format: no format {named_en}.",
        "choose one or more of {known} (comma-separated, e.g. --format html,pdf).",
    ),
    "option_date_invalid": RuleText(
        "{option} {value}: không phải là ngày.",
        "Viết theo dạng YYYY-MM-DD, ví dụ 2025-07-01.",
        "{option} {value} is not a date.",
        "write it as YYYY-MM-DD, e.g. 2025-07-01.",
    ),
    "units_none_in_force": RuleText(
        "Bảng đơn vị của stkit không có tỉnh, thành phố nào có hiệu lực ngày {day}.",
        "Chọn một ngày từ 01/08/2008 trở đi.",
        "No provincial unit is in force on {day} in stkit's tables.",
        "use a date from 2008-08-01 on.",
    ),
    "init_not_empty": RuleText(
        "Thư mục {folder} đã có và không trống; chưa ghi gì.",
        "Đặt tên thư mục mới, ví dụ `stkit init du-lieu`.",
        "{folder} already exists and is not an empty folder; nothing was written.",
        "name a new folder, e.g. `stkit init my-data`.",
    ),
    "no_observations_year": RuleText(
        "Bảng số liệu không có giá trị nào, nên không có năm mặc định để báo cáo.",
        "Thêm số liệu vào observations.csv, hoặc truyền --year.",
        "The observations table has no values, so there is no default report year.",
        "add observations to observations.csv, or pass --year.",
    ),
    "no_target_matches": RuleText(
        "Không có chỉ tiêu mục tiêu nào khớp với các tuỳ chọn đã chọn{chosen_vi}.",
        "Kiểm tra mã chương trình và slug đơn vị bằng `stkit programmes targets`.",
        "No target matches the options given{chosen_en}.",
        "check the programme id and unit slug with `stkit programmes targets`.",
    ),
    "unit_not_reportable": RuleText(
        "{value} không phải tỉnh, thành phố hay cả nước.",
        "Chọn một trong 34 tỉnh, thành phố (`stkit units`) hoặc viet-nam.",
        "{value} is not a province, a centrally-run city or the country.",
        "name one of the 34 units (`stkit units`) or viet-nam.",
    ),
    "unit_key_invalid": RuleText(
        "{value} không phải tên đơn vị: đơn vị là một slug như 'hai-phong' hoặc mã chính thức "
        "hai chữ số như '31' (chỉ chữ thường, chữ số và dấu gạch ngang).",
        "Chạy `stkit units` để xem danh sách đơn vị.",
        "{value} is not a unit name: a unit is a slug such as 'hai-phong' or a two-digit "
        "official code such as '31' (lower-case letters, digits and hyphens only).",
        "run `stkit units` to list the units.",
    ),
    "report_lang_unknown": RuleText(
        "{value} không phải ngôn ngữ báo cáo.",
        "Dùng vi hoặc en.",
        "{value} is not a report language.",
        "use vi or en.",
    ),
    "report_outside_out": RuleText(
        "Không ghi báo cáo của {slug} ra ngoài thư mục kết quả {root}.",
        "Chọn --out là thư mục sẽ chứa báo cáo.",
        "Refusing to write a report for {slug} outside the output folder {root}.",
        "choose as --out the folder the reports go to.",
    ),
    "option_year_implausible": RuleText(
        "--year {value}: năm không hợp lệ.",
        "Ví dụ --year 2024.",
        "--year {value}: not a plausible year.",
        "e.g. --year 2024.",
    ),
}
"""Errors raised outside validation, in both languages (`error`, `both`)."""


TEXTS: Mapping[str, tuple[str, str]] = {
    # (Vietnamese, English) of the command line's own lines
    "validate_summary": (
        "{table}: {rows} dòng hợp lệ — {source}",
        "{table}: {rows} rows valid — {source}",
    ),
    "validate_not_checked": (
        "{table}: không kiểm tra (danh mục chỉ tiêu riêng; thêm --targets / --tasks để kiểm tra)",
        "{table}: not checked (your own indicator catalogue; add --targets / --tasks to check)",
    ),
    "validate_failed": (
        "{count} lỗi trong dữ liệu đầu vào; chưa tính toán gì. Sửa các lỗi trên rồi chạy lại.",
        "{count} problem(s) in the input tables; nothing was computed. Fix them and run again.",
    ),
    "validate_illustrative": (
        "  gồm {rows} dòng minh họa — {source}",
        "  of which {rows} illustrative rows — {source}",
    ),
    # fragments of `merger_unplaced`
    "unplaced_no_unit": (
        "một dòng không ghi đơn vị (năm {period})",
        "a row without a unit (period {period})",
    ),
    "unplaced_ceased": (
        "{unit} năm {period}: đơn vị này không còn từ 01/07/2025; dùng đơn vị kế tiếp {successor}",
        "{unit} in {period}: that unit ceased on 30 June 2025; use its successor {successor}",
    ),
    "unplaced_not_yet": (
        "{unit} năm {period}: đơn vị này chỉ có từ 01/07/2025",
        "{unit} in {period}: that unit exists only from 1 July 2025",
    ),
    "unplaced_unknown": (
        "{unit} năm {period}: không phải đơn vị cấp tỉnh",
        "{unit} in {period}: not a provincial unit",
    ),
    "and_more": (" và {count} dòng khác", " and {count} more"),
    # the command line's own lines (`stkit.cli`)
    "error_prefix": ("lỗi: ", "error: "),
    "failed_prefix": ("không lập được: ", "failed: "),
    "see_file": ("  xem {path}", "  see {path}"),
    "no_target_programme": (" (chương trình {programme})", " (programme {programme})"),
    "no_target_unit": (" (đơn vị {unit})", " (unit {unit})"),
    "empty": ("(trống)", "(empty)"),
    "illustrative_note": (
        (
            "Lưu ý: các dòng có illustrative = true dùng giá trị dựng để minh họa, không phải "
            "số liệu chính thức (xem data/README-observations.md)."
        ),
        (
            "Note: rows marked illustrative = true use values made for demonstration, not "
            "official statistics (see data/README-observations.md)."
        ),
    ),
    "unexpected": (
        (
            "stkit không hoàn tất được{reading} ({kind}: {detail}). Chưa ghi gì. Chạy lại với "
            "STKIT_DEBUG=1 để xem chi tiết."
        ),
        (
            "stkit could not finish{reading} ({kind}: {detail}). Nothing was written. Run "
            "again with STKIT_DEBUG=1 to see the details."
        ),
    ),
    "unexpected_reading": (" khi đọc {file}", " reading {file}"),
    "os_missing": ("Không có tệp hay thư mục này: {file}", "No such file or directory: {file}"),
    "os_permission": ("Không có quyền đọc hoặc ghi: {file}", "Permission denied: {file}"),
    "os_is_dir": ("Đây là thư mục, không phải tệp: {file}", "Is a directory: {file}"),
    "os_not_dir": ("Không phải thư mục: {file}", "Not a directory: {file}"),
    "problems_head": (
        "{count} lỗi trong dữ liệu đầu vào:",
        "{count} problem(s) in the input tables:",
    ),
    "problems_more": (
        "  ... và {count} lỗi khác; chạy `stkit validate` để xem tất cả.",
        "  ... and {count} more; run `stkit validate` to see them all.",
    ),
    "problem_line": ("  - {where}: {message} Cách sửa: {fix}", "  - {where}: {message} Fix: {fix}"),
    "where_sheet": ("trang {sheet}", "sheet {sheet}"),
    "where_row": ("dòng {row}", "row {row}"),
    "where_column": ("cột {column}", "column {column}"),
    "reports_bar": ("Báo cáo", "Reports"),
    "reports_written": (
        "đã ghi {ok}/{count} báo cáo vào {out}",
        "{ok} of {count} reports written to {out}",
    ),
    "manifest_line": ("danh mục kết quả: {path} ({seconds} s)", "manifest: {path} ({seconds} s)"),
    "init_wrote": (
        "đã ghi {count} tệp dữ liệu vào {target}",
        "wrote {count} data files to {target}",
    ),
    "init_next": (
        "tiếp theo: sửa các tệp, rồi chạy `stkit --data-dir {folder} validate`",
        "next: edit them, then `stkit --data-dir {folder} validate`",
    ),
    "index_wrote": ("Đã ghi {count} tệp vào {out}.", "Wrote {count} files to {out}."),
    "index_runs": (
        "{runs} lần chạy trên {units} đơn vị; đã ghi {out}.",
        "{runs} runs over {units} units; wrote {out}.",
    ),
    "index_scores": ("{unit}: điểm và thứ hạng", "{unit}: scores and ranks"),
    "index_profile": ("Điểm mạnh và điểm yếu", "Strengths and weaknesses"),
}


def text(key: str, lang: Lang, **params: object) -> str:
    """The text `key` of `TEXTS` in `lang`, filled with `params`."""
    vi, en = TEXTS[key]
    return (vi if lang == "vi" else en).format(**params)


def table_name(table: str, lang: Lang) -> str:
    """Return the planner's name of `table` in `lang`."""
    vi, en = TABLE_NAMES.get(table, (table, table))
    return vi if lang == "vi" else en
