"""Report labels in Vietnamese and English; numbers and dates follow `stkit.i18n`.

Every word a report prints comes from `LABELS`, so a report is entirely in one
language. Unknown keys raise KeyError at once: a missing translation is a bug.
"""

from __future__ import annotations

import datetime as dt

from stkit.i18n import VIETNAM_TZ, Lang, format_date, format_number, format_percent

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
        (
            "Số liệu quan sát mới nhất của đơn vị cho từng chỉ số khác, kèm năm, địa bàn và nguồn "
            "(chỉ số của các chỉ tiêu ở bảng theo dõi chỉ tiêu, PII ở mục PII)."
        ),
        (
            "The unit's latest observation of each other indicator, with its year, territory and "
            "source (the targets' indicators are in the scorecard, the PII in its own section)."
        ),
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
    "persons per 10 000": ("người trên một vạn dân", "persons per 10,000"),
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


PII_DIGITS = {"score": 2, "input": 2, "output": 2}
"""Decimals of published PII figures (58,09 as MOST publishes them), wherever a report shows one."""


def number(value: float | None, lang: Lang, digits: int = 1) -> str:
    """Format a number in `lang` (`30,4` / `30.4`), `–` when missing."""
    return format_number(value, lang, digits)


def percent(value: float | None, lang: Lang, digits: int = 1) -> str:
    """Format a value already in percent (`30,4 %` / `30.4%`), `–` when missing."""
    return format_percent(value, lang, digits)


def date(value: dt.date, lang: Lang) -> str:
    """Format a date (`24/12/2021` in both languages)."""
    return format_date(value, lang)


LABELS.update(
    {
        # summary
        "s_summary": ("Tóm tắt", "Summary"),
        "overview_link": ("Tổng quan các tỉnh, thành phố", "Overview of all units"),
        "sentence_pace": (
            (
                "{name}: {latest} năm {latest_year}; cần đạt {target} vào năm {target_year}; "
                "theo nhịp hiện nay {pace} — {status}"
            ),
            (
                "{name}: {latest} in {latest_year}; {target} needed by {target_year}; "
                "at the present pace {pace} — {status}"
            ),
        ),
        "sentence_outcome": (
            "{name}: {latest} năm {latest_year}; chỉ tiêu {target} vào năm {target_year} — {status}",
            "{name}: {latest} in {latest_year}; target {target} by {target_year} — {status}",
        ),
        "sentence_no_data": (
            "{name}: cần đạt {target} vào năm {target_year}; chưa có số liệu để đánh giá",
            "{name}: {target} needed by {target_year}; no figure yet to assess it",
        ),
        "no_data_group": (
            "{n} chỉ tiêu chưa có số liệu để đánh giá: {names}.",
            "{n} targets have no figure yet to assess them: {names}.",
        ),
        "replaced_note": (
            (
                "{n} chỉ tiêu đã được thay bằng chỉ tiêu của văn bản sau (vẫn hiện trong bảng theo "
                "dõi, có ghi chú) không được tính ở đây."
            ),
            (
                "{n} targets replaced by a later document's (still in the scorecard, marked) are "
                "not counted here."
            ),
        ),
        "replaced_short": ("thay bằng {target} từ {date}", "replaced by {target} from {date}"),
        "pace_reached": ("đạt vào năm {year}", "reached in {year}"),
        "pace_already": ("đã đạt", "already met"),
        "pace_not_reached": ("chưa đạt trong 50 năm tới", "not reached within 50 years"),
        "pace_unknown": ("chưa ước tính được", "not estimable"),
        "status_counts": ("Số chỉ tiêu theo trạng thái: {counts}.", "Targets by status: {counts}."),
        "tasks_glance": (
            (
                "Nhiệm vụ: {total} nhiệm vụ — {not_started} chưa bắt đầu, {in_progress} đang thực "
                "hiện, {done} hoàn thành, {dropped} dừng, {overdue} quá hạn."
            ),
            (
                "Tasks: {total} in all — {not_started} not started, {in_progress} in progress, "
                "{done} done, {dropped} dropped, {overdue} overdue."
            ),
        ),
        "pii_glance": (
            "PII {year} (công bố): {score} điểm, xếp hạng {rank}.",
            "PII {year} (published): score {score}, rank {rank}.",
        ),
        "no_own_targets": (
            "Chưa có chỉ tiêu định lượng riêng của đơn vị trong danh mục chương trình.",
            "No quantitative target of the unit's own in the programme registry.",
        ),
        # methods
        "s_methods": ("Phương pháp", "Method"),
        "m_status": (
            (
                "Trạng thái (theo phương pháp ESCAP của Liên Hợp Quốc): kẻ đường hồi quy bình phương "
                "nhỏ nhất có trọng số thời gian qua các điểm số liệu (năm gần đây nặng hơn) và đọc "
                "giá trị của đường ở năm mục tiêu. Nếu giá trị đó đạt chỉ tiêu: «đúng tiến độ»; nếu "
                "tiến về chỉ tiêu nhưng chưa tới: «cần đẩy nhanh»; nếu đi ra xa chỉ tiêu: «đi ngược "
                "mục tiêu»; dưới 2 điểm số liệu: «chưa đủ số liệu». Nguồn: UN ESCAP, Tracking "
                "progress towards the SDGs (tiếng Anh; tạm dịch: Theo dõi tiến độ thực hiện các "
                "Mục tiêu phát triển bền vững), SD/WP/05 (2017)."
            ),
            (
                "Status (UN ESCAP's method): a time-weighted least-squares line through the data "
                "points (recent years weigh more) is read at the target year. If it meets the "
                "target: on track; if it moves towards the target but falls short: accelerate; if "
                "it moves away: reverse trend; fewer than 2 points: insufficient data. Source: UN "
                "ESCAP, Tracking progress towards the SDGs, SD/WP/05 (2017)."
            ),
        ),
        "m_outcome": (
            (
                "Kết quả: khi năm mục tiêu đã tới, so giá trị của năm đó (hoặc năm gần nhất trước đó) "
                "với chỉ tiêu: «đã đạt» hoặc «không đạt» (sai số tương đối 1 % với chỉ tiêu bằng)."
            ),
            (
                "Outcome: once the target year has come, the value of that year (or the latest "
                "before it) is compared with the target: achieved or missed (1 % relative tolerance "
                "for an equality target)."
            ),
        ),
        "m_projection": (
            (
                "Dự báo: từ giá trị mới nhất, kéo dài tốc độ tăng bình quân năm (CAGR) từ năm cơ sở "
                "tới năm mục tiêu; nếu không tính được CAGR thì kéo dài đường thẳng qua năm cơ sở và "
                "năm mới nhất. Năm đạt là năm đầu tiên đường dự báo chạm chỉ tiêu (xét trong 50 năm)."
            ),
            (
                "Projection: from the latest value, the average annual growth (CAGR) since the "
                "baseline carried on to the target year; where no CAGR can be computed, the straight "
                "line through the baseline and the latest year. The attainment year is the first "
                "year the projected path meets the target (looked for within 50 years)."
            ),
        ),
        "m_trend": (
            (
                "Xu hướng (theo SDSN): so tốc độ gần đây (tối đa 5 năm) với tốc độ cần thiết: ≥ 1 "
                "lần ↑ đúng tiến độ, ≥ 0,5 lần ↗ cải thiện vừa, ≥ 0 → đứng yên, < 0 ↓ giảm. Nguồn: "
                "SDSN, Sustainable Development Report (tiếng Anh; tạm dịch: Báo cáo Phát triển "
                "bền vững), phụ lục phương pháp."
            ),
            (
                "Trend (SDSN): the recent pace (up to 5 years) against the pace needed: ≥ 1 × ↑ on "
                "track, ≥ 0.5 × ↗ moderately improving, ≥ 0 → stagnating, < 0 ↓ decreasing. Source: "
                "SDSN, Sustainable Development Report, methodology annex."
            ),
        ),
        "m_opensdg": (
            (
                "Thước đo Open SDG (phương pháp của Cơ quan Thống kê Canada): tỷ số giữa tốc độ tăng "
                "thực tế và tốc độ cần thiết, quy ra điểm từ −5 đến 5; ≥ 2,5 tiến bộ rõ, ≥ 0 tiến bộ "
                "vừa, ≥ −2,5 tiến bộ hạn chế, dưới đó là đi xuống. Nguồn: Open SDG sdg-build, "
                "ProgressMeasure."
            ),
            (
                "Open SDG measure (Statistics Canada's method): the ratio of the actual growth to "
                "the growth needed, turned into a score from −5 to 5; ≥ 2.5 substantial progress, "
                "≥ 0 moderate, ≥ −2.5 limited, below that deterioration. Source: Open SDG "
                "sdg-build, ProgressMeasure."
            ),
        ),
        "m_time": (
            "Thời gian đã qua được tính từ ngày bắt đầu chương trình tới ngày 31/12 của năm báo cáo.",
            "Time elapsed is counted from the programme's start to 31 December of the report year.",
        ),
        "m_territory": (
            (
                "Mỗi số liệu là của đơn vị hành chính có hiệu lực trong năm của số liệu. Từ ngày "
                "1/7/2025 các tỉnh sáp nhập được tính lại trên đơn vị mới (cộng dồn hoặc bình quân "
                "gia quyền); số liệu của đơn vị cũ được ghi rõ là của đơn vị cũ."
            ),
            (
                "Every figure is for the unit in force in its year. From 1 July 2025 merged "
                "provinces are re-expressed on the new unit (added up or averaged with weights); a "
                "figure of a former unit is labelled as such."
            ),
        ),
        "legend": ("Chú giải trạng thái", "Status legend"),
        # scorecard columns
        "projected": ("Dự báo năm mục tiêu", "Projected at target year"),
        "attainment_year": ("Năm đạt (dự báo)", "Attainment year (projected)"),
        "outcome": ("Kết quả", "Outcome"),
        "time_elapsed": ("Thời gian đã qua (từ khi bắt đầu)", "Time elapsed (since start)"),
        "st_missed": ("Không đạt", "Missed"),
        "former_unit": ("{name} cũ (trước 1/7/2025)", "former {name} (before 1 July 2025)"),
        "former_baseline_note": (
            (
                "† Giá trị cơ sở theo văn bản, của {name} cũ (trước 1/7/2025); giá trị mới nhất là "
                "của đơn vị sau sáp nhập."
            ),
            (
                "† Baseline as stated in the document, for former {name} (before 1 July 2025); the "
                "latest value is for the merged unit."
            ),
        ),
        "territory": ("Địa bàn", "Territory"),
        "old_unit": ("{name} (trước 1/7/2025)", "{name} (before 1 July 2025)"),
        # commitments
        "tasks_definitions": (
            (
                "Ngày báo cáo là 31/12/{year}. Nhiệm vụ «đến hạn» khi hạn chót vào hoặc trước ngày "
                "báo cáo; «quá hạn» khi hạn chót đã qua trước ngày báo cáo mà chưa hoàn thành (hạn "
                "chót đúng ngày báo cáo thì chưa quá hạn). Mỗi nhiệm vụ thuộc đúng một cột, nên các "
                "cột cộng lại bằng tổng số. Năm trong ngoặc sau trạng thái là năm của báo cáo tình "
                "hình gần nhất."
            ),
            (
                "The report day is 31/12/{year}. A task is due when its deadline falls on or before "
                "the report day; overdue when its deadline passed before the report day and it is "
                "not done (a deadline on the report day is not yet overdue). Each task is in exactly "
                "one column, so the columns add up to the total. The year after a status is the "
                "year of the task's last status report."
            ),
        ),
        "by_programme": ("Theo chương trình", "By programme"),
        "latest_evidence": ("Minh chứng mới nhất", "Latest evidence"),
        "status_last_report": ("Trạng thái (năm)", "Status (year)"),
        "last_report_year": ("Năm báo cáo gần nhất", "Year of last report"),
        "s_milestones": ("Các mốc", "Milestones"),
        "s_requests": ("Đề nghị chưa được giải quyết", "Open requests"),
        "asked_by": ("Bên đề nghị", "Asked by"),
        "addressee": ("Bên được đề nghị", "Addressed to"),
        "asked_on": ("Ngày", "Date"),
        "request": ("Nội dung", "Request"),
        "follow_ups": ("Số lần phản hồi", "Follow-ups"),
        "no_requests": ("Không có đề nghị đang mở.", "No open request."),
        "total": ("Tổng", "Total"),
        # national reference and coverage
        "s_reference": (
            "Chỉ tiêu quốc gia, để tham chiếu",
            "National targets, for reference",
        ),
        "reference_label": ("chỉ tiêu quốc gia, để tham chiếu", "national target, for reference"),
        "reference_intro": (
            (
                "Các chỉ tiêu dưới đây là chỉ tiêu của cả nước (không phải cam kết của {name}); "
                "số liệu của {name} được đặt cạnh để tham chiếu."
            ),
            (
                "The targets below are the country's (not {name}'s commitments); {name}'s figures "
                "stand beside them for reference."
            ),
        ),
        "national_target": ("Chỉ tiêu quốc gia", "National target"),
        "reference_others": (
            "Các chỉ tiêu quốc gia khác, chưa có số liệu của {name}",
            "Other national targets, no figure of {name} yet",
        ),
        "unit_value": ("Số liệu của đơn vị", "Unit's figure"),
        "document": ("Văn bản", "Document"),
        "replaced_by": ("được thay bằng {target} từ {date}", "replaced by {target} from {date}"),
        "s_coverage": ("Độ phủ số liệu", "Data coverage"),
        "coverage_counts": (
            (
                "{sourced} số liệu có nguồn, {illustrative} số liệu minh họa, {missing} số liệu còn "
                "thiếu (các chỉ số của chỉ tiêu và PII, các năm {first}–{last})."
            ),
            (
                "{sourced} sourced figures, {illustrative} illustrative, {missing} missing (the "
                "targets' indicators and the PII, {first}–{last})."
            ),
        ),
        "coverage_counts_national": (
            (
                "{sourced} số liệu có nguồn, {illustrative} số liệu minh họa, {missing} số liệu "
                "còn thiếu (các chỉ số của chỉ tiêu quốc gia, các năm {first}–{last})."
            ),
            (
                "{sourced} sourced figures, {illustrative} illustrative, {missing} missing (the "
                "national targets' indicators, {first}–{last})."
            ),
        ),
        "missing_key_figures": (
            (
                "Chưa có số liệu thống kê của đơn vị; số liệu do Cục Thống kê (Bộ Tài chính) và Sở "
                "Khoa học và Công nghệ công bố."
            ),
            (
                "No statistics of the unit yet; they are published by the General Statistics Office "
                "and the provincial Department of Science and Technology."
            ),
        ),
        "missing_targets": (
            (
                "Chưa tìm thấy chỉ tiêu KH,CN&ĐMST riêng của đơn vị; chỉ tiêu do Nghị quyết Đại hội "
                "Đảng bộ tỉnh và kế hoạch KH,CN&ĐMST của UBND tỉnh đặt ra."
            ),
            (
                "No STI target of the unit's own found yet; such targets are set by the provincial "
                "Party congress resolution and the People's Committee's STI plan."
            ),
        ),
        "missing_tasks": (
            (
                "Chưa có nhiệm vụ nào của đơn vị trong danh mục chương trình; nhiệm vụ do các chương "
                "trình phối hợp giữa Bộ Khoa học và Công nghệ và UBND tỉnh giao."
            ),
            (
                "No task of the unit in the programme registry yet; tasks are set by the "
                "coordination programmes between the Ministry of Science and Technology and the "
                "People's Committee."
            ),
        ),
        "missing_tasks_national": (
            (
                "Chưa có nhiệm vụ nào của khung quốc gia trong danh mục chương trình; nhiệm vụ do "
                "Thủ tướng Chính phủ và Bộ Chính trị giao cho các bộ, ngành (Quyết định 569/QĐ-TTg, "
                "Nghị quyết 57-NQ/TW)."
            ),
            (
                "No task of the national frame in the programme registry yet; tasks are assigned to "
                "ministries by the Prime Minister and the Politburo (Decision 569/QĐ-TTg, Resolution "
                "57-NQ/TW)."
            ),
        ),
        "missing_pii": (
            (
                "Chưa có kết quả PII công bố cho đơn vị; kết quả do Bộ Khoa học và Công nghệ công bố "
                "hằng năm."
            ),
            (
                "No published PII result for the unit yet; results are published each year by the "
                "Ministry of Science and Technology."
            ),
        ),
        "missing_pii_national": (
            "PII là chỉ số cấp tỉnh; báo cáo cả nước không có thứ hạng PII.",
            "The PII ranks provinces; the national report has no PII rank.",
        ),
        "no_data_year": (
            (
                "Chưa có số liệu nào của {name} cho năm {year}: không có số liệu quan sát, chỉ tiêu "
                "hay kết quả PII tới năm này."
            ),
            "No data for {name} in {year}: no observation, target or PII result up to that year.",
        ),
        "published_pii": ("Kết quả PII đã công bố", "Published PII results"),
        "illustrative_build": (
            "Tính thử chỉ số trên dữ liệu minh họa (không phải kết quả chính thức)",
            "Index built on illustrative data (not an official result)",
        ),
        "vn_time": ("giờ Việt Nam", "Vietnam time"),
        "own_targets": ("Chỉ tiêu của đơn vị", "The unit's own targets"),
    }
)


def shown_time(stamp: str, lang: Lang) -> str:
    """A generation time (ISO 8601, any offset) as a reader reads it: Vietnam time, dd/mm/yyyy.

    `2026-11-30T13:26:00+00:00` → `30/11/2026 20:26 (giờ Việt Nam)` / `(Vietnam time)`;
    text that is not an ISO time is returned as given.
    """
    try:
        when = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    local = when.astimezone(VIETNAM_TZ)
    return f"{local:%d/%m/%Y %H:%M} ({label('vn_time', lang)})"
