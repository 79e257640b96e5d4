"""Report labels in Vietnamese and English; numbers and dates follow `stkit.i18n`.

Every word a report prints comes from `LABELS`, so a report is entirely in one
language. Unknown keys raise KeyError at once: a missing translation is a bug.
"""

from __future__ import annotations

import datetime as dt

from stkit.i18n import Lang, format_date, format_number, format_percent

LABELS: dict[str, tuple[str, str]] = {
    # key: (vi, en)
    "report_title": ("Báo cáo tiến độ KH,CN&ĐMST", "STI progress report"),
    "overview_title": (
        "Tổng quan tiến độ KH,CN&ĐMST các tỉnh, thành phố",
        "STI progress overview, all units",
    ),
    "unit": ("Đơn vị hành chính", "Provincial unit"),
    "year": ("Năm báo cáo", "Report year"),
    "data_vintage": ("Dữ liệu", "Data"),
    "latest_observation": ("quan sát mới nhất", "latest observation"),
    "inputs_fingerprint": ("mã dữ liệu đầu vào", "inputs fingerprint"),
    "illustrative_banner": (
        "Lưu ý: báo cáo có số liệu minh họa (không phải số liệu chính thức); các số liệu này được đánh dấu ※.",
        "Note: this report contains illustrative figures (not official data); they are marked ※.",
    ),
    "generated": ("Tạo lúc", "Generated"),
    "s_scorecard": ("Bảng theo dõi chỉ tiêu", "Target scorecard"),
    "s_charts": ("Diễn biến từng chỉ tiêu", "Each target over time"),
    "s_commitments": ("Thực hiện nhiệm vụ", "Commitments"),
    "s_pii": (
        "Vị trí trong Bộ chỉ số ĐMST cấp địa phương (PII)",
        "Position in the Provincial Innovation Index (PII)",
    ),
    "s_quality": ("Chất lượng dữ liệu", "Data quality"),
    "s_sources": ("Nguồn số liệu", "Sources"),
    "s_league": ("Bảng xếp hạng", "League table"),
    "s_status_counts": ("Số chỉ tiêu theo trạng thái", "Targets by status"),
    "s_on_track": ("Đơn vị đúng tiến độ", "Units on track"),
    "target": ("Chỉ tiêu", "Target"),
    "indicator": ("Chỉ số", "Indicator"),
    "programme": ("Chương trình", "Programme"),
    "baseline": ("Cơ sở", "Baseline"),
    "latest": ("Mới nhất", "Latest"),
    "target_value": ("Mục tiêu", "Target value"),
    "share_of_way": ("Phần đã đi được", "Share of the way"),
    "share_of_time": ("Phần thời gian đã qua", "Share of time elapsed"),
    "status": ("Trạng thái", "Status"),
    "trend": ("Xu hướng", "Trend"),
    "observed": ("Quan sát", "Observed"),
    "milestone": ("Mốc", "Milestone"),
    "straight_path": ("Lộ trình đều từ năm cơ sở", "Straight path from baseline"),
    "projection": ("Dự báo", "Projection"),
    "value": ("Giá trị", "Value"),
    "period": ("Năm", "Year"),
    "series": ("Chuỗi", "Series"),
    "category": ("Nhóm nhiệm vụ", "Category"),
    "lead_unit": ("Đơn vị chủ trì", "Lead unit"),
    "task": ("Nhiệm vụ", "Task"),
    "deadline": ("Hạn", "Deadline"),
    "evidence": ("Minh chứng", "Evidence"),
    "source": ("Nguồn", "Source"),
    "overdue_tasks": ("Nhiệm vụ quá hạn", "Overdue tasks"),
    "no_overdue": ("Không có nhiệm vụ quá hạn.", "No overdue tasks."),
    "due": ("Đến hạn", "Due"),
    "done": ("Hoàn thành", "Done"),
    "completion": ("Tỷ lệ hoàn thành", "Completion"),
    "score": ("Điểm", "Score"),
    "rank": ("Thứ hạng", "Rank"),
    "input": ("Đầu vào", "Input"),
    "output": ("Đầu ra", "Output"),
    "pillar": ("Trụ cột", "Pillar"),
    "peers": ("Các thành phố so sánh", "Peer cities"),
    "strengths": ("Điểm mạnh", "Strengths"),
    "weaknesses": ("Điểm yếu", "Weaknesses"),
    "rank_interval": ("Khoảng thứ hạng (5 %–95 %)", "Rank interval (5th–95th percentile)"),
    "nominal_rank": ("Thứ hạng danh nghĩa", "Nominal rank"),
    "missing_series": ("Chuỗi thiếu số liệu", "Missing series"),
    "stale_series": ("Chuỗi số liệu cũ", "Stale series"),
    "last_period": ("Năm có số liệu gần nhất", "Last year with data"),
    "none_found": ("Không có.", "None."),
    "not_available": ("Chưa có số liệu.", "No data yet."),
    "illustrative_mark": ("※ minh họa", "※ illustrative"),
    "units_count": ("Số đơn vị", "Units"),
    "on_track_count": ("Số chỉ tiêu đúng tiến độ", "Targets on track"),
    "report_failed": ("Không tạo được báo cáo", "The report could not be made"),
    "previous_kept": (
        "Báo cáo tốt gần nhất (nếu có) vẫn được giữ nguyên bên cạnh trang này.",
        "The last good report (if any) is kept unchanged beside this page.",
    ),
    # statuses (progress classes and task states)
    "st_achieved": ("Đã đạt", "Achieved"),
    "st_on_track": ("Đúng tiến độ", "On track"),
    "st_maintain": ("Giữ nhịp", "Maintain progress"),
    "st_accelerate": ("Cần đẩy nhanh", "Accelerate progress"),
    "st_reverse": ("Đi ngược mục tiêu", "Reverse trend"),
    "st_insufficient": ("Chưa đủ số liệu", "Insufficient data"),
    "st_not_started": ("Chưa bắt đầu", "Not started"),
    "st_in_progress": ("Đang thực hiện", "In progress"),
    "st_done": ("Hoàn thành", "Done"),
    "st_dropped": ("Dừng", "Dropped"),
    "st_overdue": ("Quá hạn", "Overdue"),
    "st_no_report": ("Chưa có báo cáo", "No report yet"),
    # column headers
    "code": ("Mã", "Code"),
    "measure": ("Đơn vị tính", "Unit of measure"),
    "note": ("Ghi chú", "Note"),
    "percentile": ("Phân vị", "Percentile"),
    "task_title": ("Nội dung", "Task"),
    "in_progress": ("Đang thực hiện", "In progress"),
    "no_report": ("Chưa có báo cáo", "No report yet"),
    "status_year": ("Năm báo cáo tình hình", "Status reported for"),
    # key figures
    "s_key_figures": ("Số liệu chính", "Key figures"),
    "key_figures_intro": (
        "Số liệu quan sát mới nhất của đơn vị cho từng chỉ số, kèm năm và nguồn.",
        "The unit's latest observation of each indicator, with its year and source.",
    ),
    "illustrative_source": (
        "※ số liệu minh họa, không phải thống kê chính thức",
        "※ illustrative figure, not an official statistic",
    ),
    # commitments
    "task_list": ("Danh sách nhiệm vụ", "Tasks"),
    "tasks_count": ("Số nhiệm vụ", "Tasks"),
    "tasks_summary": (
        (
            "{tasks} nhiệm vụ thuộc {programmes} chương trình; {reported} nhiệm vụ đã có báo cáo "
            "tình hình, {unreported} nhiệm vụ chưa có báo cáo (được tính là chưa bắt đầu)."
        ),
        (
            "{tasks} tasks in {programmes} programme(s); {reported} with a status report, "
            "{unreported} with no report yet (counted as not started)."
        ),
    ),
    "cat_other": ("Khác", "Other"),
    # strengths and weaknesses
    "shown_of_total": (
        "Hiển thị {shown} mục nổi bật nhất trên tổng số {total} mục.",
        "Showing the {shown} most marked of {total} in all.",
    ),
    # charts
    "observed_reexpressed": (
        "Quan sát, tính lại trên đơn vị sau sáp nhập",
        "Observed, re-expressed on the merged unit",
    ),
    "stated_baseline": ("Giá trị cơ sở theo văn bản", "Baseline as stated"),
    "reexpressed_note": (
        (
            "Các năm đến 2025 được tính lại trên đơn vị sau sáp nhập ngày 1/7/2025 "
            "(cộng dồn hoặc bình quân gia quyền các đơn vị cũ)."
        ),
        (
            "Years up to 2025 are re-expressed on the unit formed on 1 July 2025 "
            "(the old units added up or averaged with weights)."
        ),
    ),
    # sources
    "programme_documents": ("Văn bản của chương trình", "Programme documents"),
    "observation_sources": ("Nguồn số liệu quan sát", "Sources of observations"),
    "pii_sources": ("Nguồn kết quả PII công bố", "Sources of published PII results"),
}

CATEGORY_LABELS: dict[str, tuple[str, str]] = {
    # task categories of the programme registry (stkit.programmes.model.CATEGORIES)
    "research": ("Nghiên cứu, phát triển công nghệ", "Research and technology development"),
    "transfer": ("Ứng dụng, chuyển giao công nghệ", "Application and technology transfer"),
    "training": ("Đào tạo nhân lực KH&CN", "Training of S&T human resources"),
    "experts": ("Tư vấn KH&CN, thu hút chuyên gia", "S&T consulting and attracting experts"),
    "information": ("Trao đổi thông tin KH&CN", "S&T information exchange"),
    "policy": ("Cơ chế, chính sách", "Policies and regulations"),
    "infrastructure": ("Hạ tầng KH&CN", "S&T infrastructure"),
    "standards": ("Tiêu chuẩn, đo lường, chất lượng", "Standards, metrology and quality"),
    "intellectual_property": ("Sở hữu trí tuệ", "Intellectual property"),
    "resources": ("Bố trí nguồn lực", "Resources"),
}

MEASURE_UNITS: dict[str, tuple[str, str]] = {
    # the `unit` column of the indicator catalogue, as written there (English) → (vi, en)
    "%": ("%", "%"),
    "organisations": ("tổ chức", "organisations"),
    "persons": ("người", "persons"),
    "VND billion": ("tỷ đồng", "VND billion"),
    "networks": ("mạng lưới", "networks"),
    "funds": ("quỹ", "funds"),
    "spaces": ("không gian", "spaces"),
    "local units": ("đơn vị", "local units"),
    "points (0–100)": ("điểm (0–100)", "points (0–100)"),
    "rank": ("thứ hạng", "rank"),
}

COMPARATOR_SIGNS: dict[str, str] = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}


def label(key: str, lang: Lang) -> str:
    """Return the label `key` in `lang`."""
    vi, en = LABELS[key]
    return vi if lang == "vi" else en


def status_label(status: str | None, lang: Lang) -> str:
    """Return a progress class or task status in words; unknown codes are shown as given."""
    if status is None:
        return label("st_insufficient", lang)
    key = "st_" + status.strip().lower().replace(" ", "_").replace("-", "_")
    aliases = {
        "st_maintain_progress": "st_maintain",
        "st_accelerate_progress": "st_accelerate",
        "st_reverse_trend": "st_reverse",
        "st_insufficient_data": "st_insufficient",
        "st_target_achieved": "st_achieved",
        "st_met": "st_achieved",
    }
    key = aliases.get(key, key)
    return label(key, lang) if key in LABELS else status


def category_label(category: str | None, lang: Lang) -> str:
    """Return a task category in words (`research` → `Nghiên cứu, ...`); none → "Other"."""
    if category is None:
        return label("cat_other", lang)
    known = CATEGORY_LABELS.get(category)
    if known is None:
        return category
    return known[0] if lang == "vi" else known[1]


def measure_unit(unit: str | None, lang: Lang) -> str:
    """Return an indicator's unit of measure in `lang`; one the table does not know is shown as given."""
    if not unit:
        return ""
    known = MEASURE_UNITS.get(unit)
    if known is None:
        return unit
    return known[0] if lang == "vi" else known[1]


def comparator_sign(comparator: str | None) -> str:
    """Return a target's comparator as a sign (`>=` → `≥`)."""
    return COMPARATOR_SIGNS.get(comparator or "", comparator or "")


def number(value: float | None, lang: Lang, digits: int = 1) -> str:
    """Format a number in `lang` (`30,4` / `30.4`), `–` when missing."""
    return format_number(value, lang, digits)


def percent(value: float | None, lang: Lang, digits: int = 1) -> str:
    """Format a value already in percent (`30,4 %` / `30.4%`), `–` when missing."""
    return format_percent(value, lang, digits)


def date(value: dt.date, lang: Lang) -> str:
    """Format a date (`24/12/2021` / `24 Dec 2021`)."""
    return format_date(value, lang)
