"""Words of the programme registry's texts in Vietnamese and English.

Kinds of programmes, requests and follow-ups, request states and the headings of the
summary (`stkit programmes show`); the forms of a citation (`stkit.programmes.export`).
Task statuses, task categories, comparator signs and every report word live in
`stkit.reports.labels`; nothing here repeats them.

Examples
--------
>>> label("kind.coordination", "en")
'coordination programme'
"""

from __future__ import annotations

from collections.abc import Mapping

from stkit.vocab import Lang

__all__ = ["LABELS", "label"]

LABELS: Mapping[str, Mapping[Lang, str]] = {
    "kind.coordination": {"vi": "chương trình phối hợp", "en": "coordination programme"},
    "kind.cooperation": {"vi": "chương trình hợp tác", "en": "cooperation programme"},
    "kind.city_programme": {"vi": "chương trình của thành phố", "en": "city programme"},
    "kind.national_strategy": {"vi": "chiến lược, nghị quyết quốc gia", "en": "national strategy"},
    "kind.provincial_plan": {"vi": "nghị quyết, kế hoạch của tỉnh", "en": "provincial plan"},
    "request.request": {"vi": "kiến nghị", "en": "request"},
    "request.proposal": {"vi": "đề xuất", "en": "proposal"},
    "asked_by": {"vi": "của", "en": "by"},
    "to": {"vi": "gửi", "en": "to"},
    "voiced_by": {"vi": "do", "en": "voiced by"},
    "follow.general_agreement": {"vi": "đồng ý chung", "en": "general agreement"},
    "follow.assignment": {"vi": "giao đơn vị", "en": "assignment"},
    "follow.answer": {"vi": "trả lời", "en": "answer"},
    "follow.own_action": {"vi": "bên đề nghị tự thực hiện", "en": "asker's own action"},
    "replaced_by": {"vi": "thay bằng", "en": "replaced by"},
    "replaces": {"vi": "thay cho", "en": "replaces"},
    "from": {"vi": "từ", "en": "from"},
    "situation": {"vi": "Hiện trạng khi ký kết", "en": "Situation at signing"},
    "priorities": {"vi": "nhiệm vụ năm sau", "en": "priorities for the next year"},
    "held_on": {"vi": "họp ngày", "en": "held on"},
    "unit": {"vi": "Địa bàn", "en": "Unit"},
    "period": {"vi": "Giai đoạn", "en": "Period"},
    "horizon": {"vi": "định hướng đến năm", "en": "toward"},
    "signed": {"vi": "Ký/ban hành ngày", "en": "Signed/issued on"},
    "parent": {"vi": "Chiến lược quốc gia", "en": "Parent strategy"},
    "basis": {"vi": "Căn cứ pháp lý", "en": "Legal basis"},
    "parties": {"vi": "Các bên", "en": "Parties"},
    "signed_by": {"vi": "ký", "en": "signed by"},
    "objective": {"vi": "Mục tiêu", "en": "Objective"},
    "pillars": {"vi": "Trụ cột", "en": "Pillars"},
    "targets": {"vi": "Chỉ tiêu định lượng", "en": "Quantitative targets"},
    "milestones": {"vi": "Mốc định tính", "en": "Qualitative milestones"},
    "baselines": {"vi": "Số liệu nền khi ký kết", "en": "Figures at signing"},
    "tasks": {"vi": "Nhiệm vụ", "en": "Tasks"},
    "lead": {"vi": "chủ trì", "en": "lead"},
    "partners": {"vi": "phối hợp", "en": "partners"},
    "organisation": {"vi": "Tổ chức thực hiện", "en": "Organisation"},
    "requests": {"vi": "Kiến nghị, đề xuất", "en": "Requests and proposals"},
    "reviews": {"vi": "Hội nghị đánh giá", "en": "Reviews"},
    "sources": {"vi": "Nguồn", "en": "Sources"},
    "none": {"vi": "(không có)", "en": "(none)"},
    "state.open": {"vi": "chưa giải quyết", "en": "open"},
    "state.answered": {"vi": "đã trả lời", "en": "answered"},
    "state.closed": {"vi": "đã đóng", "en": "closed"},
    # citations of registry documents (`stkit.programmes.export.citation`)
    "cite.legal": {
        "vi": "{doc_type}{number} ngày {date} của {issuer}",
        "en": "{doc_type}{number} of {date}, {issuer}",
    },
    "cite.unnumbered": {
        "vi": "Nghị quyết {issuer}, thông qua ngày {date}",
        "en": "Resolution of the {issuer}, adopted {date}",
    },
    "cite.undated": {"vi": "không ghi ngày", "en": "undated"},
    "cite.outlet_not_stated": {"vi": "không rõ cơ quan đăng", "en": "outlet not stated"},
    "cite.congress_resolution": {"vi": "Nghị quyết Đại hội", "en": "congress resolution"},
}
"""Label key → text per language."""


def label(key: str, lang: Lang) -> str:
    """Return the summary label `key` in `lang` (KeyError for an unknown key)."""
    return LABELS[key][lang]
