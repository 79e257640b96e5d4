"""Every word the overview prints, in Vietnamese and English; dates as dd/mm/yyyy.

Kept apart from `stkit.reports.labels` (the city report's words) so the two reports can
change independently; unknown keys raise KeyError at once (a missing translation is a bug).
"""

from __future__ import annotations

import datetime as dt

from stkit.i18n import Lang

TEXTS: dict[str, tuple[str, str]] = {
    # key: (vi, en)
    "as_of": (
        "Tình hình đến {day}, trên {field} tỉnh, thành phố đang có hiệu lực ngày đó.",
        "Standing as of {day}, on the {field} provinces and cities in force on that day.",
    ),
    "banner": (
        (
            "Lưu ý: tổng quan có số liệu minh họa (không phải số liệu chính thức), "
            "đánh dấu ※. Kết quả PII là kết quả công bố, không phải số liệu minh họa."
        ),
        (
            "Note: this overview contains illustrative figures (not official data), marked ※. "
            "PII results are published results, not illustrative figures."
        ),
    ),
    # summary
    "s_summary": ("Tóm tắt", "Summary"),
    "sum_national": (
        "Cả nước: {targets} chỉ tiêu quốc gia có hiệu lực — {statuses}.",
        "The country: {targets} national targets in force — {statuses}.",
    ),
    "sum_league": (
        (
            "PII {year}: tìm được kết quả công bố của {found}/{field} tỉnh, thành phố; "
            "dẫn đầu {name} ({score} điểm)."
        ),
        (
            "PII {year}: published results found for {found} of {field} provinces and cities; "
            "first {name} ({score} points)."
        ),
    ),
    "sum_own": (
        "{count}/{field} tỉnh, thành phố có chỉ tiêu riêng: {targets} chỉ tiêu — {statuses}.",
        (
            "{count} of {field} provinces and cities have their own targets: {targets} targets — "
            "{statuses}."
        ),
    ),
    # national row
    "s_national": ("Cả nước: chỉ tiêu quốc gia", "The country: national targets"),
    "national_intro": (
        (
            "Chỉ tiêu quốc gia có hiệu lực ngày {day}, đánh giá trên chuỗi số liệu cả nước. "
            "Văn bản: {documents}."
        ),
        (
            "National targets in force on {day}, assessed on the national series. "
            "Documents: {documents}."
        ),
    ),
    "national_each": ("Từng chỉ tiêu quốc gia", "Each national target"),
    "national_each_intro": (
        (
            "Trạng thái: đã đạt hay không đạt khi đã đến năm mục tiêu; trước đó theo phương pháp "
            "ESCAP, từ giá trị dự báo cho năm mục tiêu bằng hồi quy có trọng số thời gian (đúng "
            "tiến độ nếu dự báo đạt mục tiêu; cần đẩy nhanh nếu tiến về mục tiêu nhưng chưa đủ; đi "
            "ngược nếu xa dần); cần ít nhất hai năm số liệu. Năm đạt: năm đường tăng trưởng hiện "
            "tại chạm mục tiêu (trong 50 năm)."
        ),
        (
            "Status: achieved or missed once the target year has come; before it, ESCAP's class from "
            "the value projected for the target year by a time-weighted regression (on track if the "
            "projection meets the target; accelerate if it moves towards it but falls short; reverse "
            "if it moves away); at least two years of data are needed. Reached in: the year the "
            "present growth path meets the target (within 50 years)."
        ),
    ),
    "replaced": (
        "Chỉ tiêu đã được thay thế (vẫn giữ để đối chiếu): {items}.",
        "Targets replaced by a later document (kept for reference): {items}.",
    ),
    "replaced_item": ("{old} → {new} từ {day}", "{old} → {new} from {day}"),
    "no_national": (
        "Chưa có chỉ tiêu quốc gia trong danh mục chương trình.",
        "The programme registry holds no national target.",
    ),
    # league table
    "s_league": (
        "Bảng xếp hạng PII {year} (kết quả công bố)",
        "PII {year} league table (published)",
    ),
    "league_intro": (
        (
            "Kết quả Bộ chỉ số ĐMST cấp địa phương (PII) do Bộ KH&CN công bố, theo báo chí dẫn lại; "
            "chỉ gồm {field} tỉnh, thành phố có hiệu lực năm {year}. Tìm được kết quả công bố của "
            "{found} trong {field} đơn vị; nguồn của từng số liệu ghi trong pii_results.csv."
        ),
        (
            "Provincial Innovation Index (PII) results published by the Ministry of Science and "
            "Technology, as reported in the press; only the {field} provinces and cities in force "
            "in {year}. Published results were found for {found} of the {field} units; each "
            "figure's source is in pii_results.csv."
        ),
    ),
    "no_league": (
        "Chưa có kết quả PII công bố đến năm {year}.",
        "No PII results published up to {year}.",
    ),
    # rank change
    "s_rank_change": ("Thay đổi thứ hạng PII {start} → {end}", "PII rank change {start} → {end}"),
    "rank_change_intro": (
        (
            "Thứ hạng {end} trên {field_end} tỉnh, thành phố; thứ hạng {start} trên {field_start} "
            "tỉnh, thành phố trước sắp xếp, đối chiếu qua bảng chuyển đổi theo {crosswalk}. "
            "Đơn vị không sáp nhập được so với chính nó (số bậc thay đổi; hai năm khác số đơn vị "
            "xếp hạng); đơn vị sáp nhập chỉ ghi thứ hạng {start} của đơn vị cũ cùng tên, không tính "
            "số bậc thay đổi. Số dương là tăng hạng."
        ),
        (
            "{end} rank among {field_end} provinces and cities; {start} rank among the "
            "{field_start} units before the rearrangement, matched through the crosswalk of "
            "{crosswalk}. A unit that was not merged is compared with itself (change in places; "
            "the two years rank different numbers of units); a merged unit shows only the {start} "
            "rank of the former unit of the same name, with no change in places. A positive change "
            "is a move up."
        ),
    ),
    "rank_of": ("{rank}/{field}", "{rank} of {field}"),
    "former_unit": ("{name} (cũ)", "former {name}"),
    "not_published": ("chưa tìm thấy kết quả công bố", "no published result found"),
    "merged_suffix": ("sáp nhập: không so sánh được", "merged: not comparable"),
    "not_found_short": ("chưa tìm thấy", "not found"),
    "not_comparable": ("không so sánh được", "not comparable"),
    "merged_not_comparable": (
        "không so sánh được (sáp nhập)",
        "not comparable (merged)",
    ),
    # own targets
    "s_own": (
        "Chỉ tiêu riêng của tỉnh, thành phố (nghị quyết đại hội, kế hoạch)",
        "Provinces' own targets (congress resolutions, plans)",
    ),
    "own_intro": (
        (
            "{count} trong {field} tỉnh, thành phố có chỉ tiêu riêng đã mã hóa (loại provincial_plan), "
            "đánh giá đến {day}."
        ),
        (
            "{count} of the {field} provinces and cities have their own targets encoded (kind "
            "provincial_plan), assessed as of {day}."
        ),
    ),
    "own_missing": (
        "Chưa có chỉ tiêu riêng được mã hóa: {names}.",
        "No own targets encoded yet: {names}.",
    ),
    # all targets
    "s_status_counts": ("Số chỉ tiêu theo trạng thái", "Targets by status"),
    "status_counts_intro": (
        "Mọi chỉ tiêu có hiệu lực ngày {day} (quốc gia, tỉnh và các chương trình phối hợp).",
        "Every target in force on {day} (national, provincial and cooperation programmes).",
    ),
    "s_by_unit": ("Chỉ tiêu theo đơn vị", "Targets by unit"),
    # columns
    "c_unit": ("Đơn vị", "Unit"),
    "c_programmes": ("Chương trình", "Programmes"),
    "c_targets": ("Số chỉ tiêu", "Targets"),
    "c_rank": ("Hạng", "Rank"),
    "c_score": ("Điểm", "Score"),
    "c_input": ("Đầu vào", "Input"),
    "c_output": ("Đầu ra", "Output"),
    "c_rank_end": ("Hạng {year}", "{year} rank"),
    "c_rank_start": ("Hạng {year} (đơn vị đối chiếu)", "{year} rank (unit compared)"),
    "c_change": ("Thay đổi (bậc)", "Change (places)"),
    "c_formers": ("Đơn vị cũ ({year})", "Former units ({year})"),
    "c_pii_change": ("Thay đổi hạng PII {start} → {end}", "PII rank change {start} → {end}"),
    "c_target": ("Chỉ tiêu", "Target"),
    "c_indicator": ("Chỉ số", "Indicator"),
    "c_goal": ("Mục tiêu", "Target value"),
    "c_latest": ("Mới nhất", "Latest"),
    "c_status": ("Trạng thái", "Status"),
    "c_regression": ("Dự báo năm mục tiêu", "Projected for the target year"),
    "c_attainment": ("Năm đạt theo nhịp hiện tại", "Reached at the present pace in"),
    "c_count": ("Số chỉ tiêu", "Targets"),
    # sources
    "s_sources": ("Nguồn và cách đọc", "Sources and how to read"),
    "sources_pii": (
        (
            "Kết quả PII: Bộ KH&CN công bố PII 2023, 2024, 2025; số liệu lấy từ báo chí dẫn lại, "
            "mỗi dòng ghi nhà xuất bản, tiêu đề, ngày và địa chỉ."
        ),
        (
            "PII results: the Ministry of Science and Technology's PII 2023, 2024 and 2025, taken "
            "from press reports; each row names publisher, title, date and address."
        ),
    ),
    "sources_units": (
        (
            "Đơn vị hành chính và bảng chuyển đổi: {crosswalk}; 34 tỉnh, thành phố có hiệu lực từ "
            "01/07/2025."
        ),
        "Units and crosswalk: {crosswalk}; the 34 provinces and cities in force from 01/07/2025.",
    ),
    "sources_status": (
        (
            "Trạng thái chỉ tiêu: tính bằng stkit.progress (phương pháp ghi trong báo cáo từng "
            "tỉnh, thành phố); mỗi tên đơn vị dẫn tới báo cáo của đơn vị đó."
        ),
        (
            "Target status: computed by stkit.progress (the method is set out in each unit's "
            "report); each unit's name links to its report."
        ),
    ),
}


STATUS_WORDS: dict[str, tuple[str, str]] = {
    "achieved": ("Đã đạt", "Achieved"),
    "on_track": ("Đúng tiến độ", "On track"),
    "accelerate": ("Cần đẩy nhanh", "Accelerate"),
    "reverse": ("Đi ngược mục tiêu", "Reverse trend"),
    "missed": ("Không đạt", "Missed"),
    "insufficient_data": ("Chưa đủ số liệu", "Insufficient data"),
}


def status_word(status: str | None, lang: Lang) -> str:
    """A target's status in words (`on_track` → `Đúng tiến độ`); none is insufficient data."""
    vi, en = STATUS_WORDS[status or "insufficient_data"]
    return vi if lang == "vi" else en


def text(key: str, lang: Lang, **values: object) -> str:
    """Return the overview text `key` in `lang`, with `{name}` fields filled from `values`."""
    vi, en = TEXTS[key]
    chosen = vi if lang == "vi" else en
    return chosen.format(**values) if values else chosen


def day(value: dt.date) -> str:
    """A date as dd/mm/yyyy, in either language (`31/12/2025`)."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
