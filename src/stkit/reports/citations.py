"""Sources as a report prints them: registry documents cited the registry's way.

An observation's `source` is free text written by whoever entered the figure. When it
names a document of the programme registry (it contains the document's title, or its
author in brackets, as in "News report (Khánh An) on ..."), the report prints the
registry's citation in the report language instead (`stkit.programmes.citation`:
outlet or issuer, title, date). Illustrative figures are labelled as such. Any other
text is printed as written: it is the planner's own citation, and the report cannot
translate it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import polars as pl

from stkit.i18n import Lang
from stkit.reports.labels import label

MIN_TITLE_CHARS = 20  # shorter titles could match by accident
_DAY = re.compile(r"(?<![\w/.-])(\d{4})-(\d{2})-(\d{2})(?![\w/-])")
_MONTH = re.compile(r"(?<![\w/.-])(\d{4})-(\d{2})(?![\w/-])")


ENGLISH_TITLES_VI: dict[str, str] = {
    # English titles of sources in the data → Vietnamese translation (shown after the title)
    "Dong Nai ranks 12th out of 34 provinces and cities in the 2025 Provincial Innovation "
    "Index": "Đồng Nai xếp thứ 12/34 tỉnh, thành phố về Chỉ số đổi mới sáng tạo cấp địa "
    "phương năm 2025",
    "Enhancing the innovation index": "Nâng cao chỉ số đổi mới sáng tạo",
    "Hai Phong ranked 4th nationwide in PII 2025": "Hải Phòng xếp thứ 4 cả nước về PII năm 2025",
    "Industry and Trade Sector: Playing a Key Role in the Economy": (
        "Ngành Công Thương: giữ vai trò then chốt trong nền kinh tế"
    ),
    "Long An ranks 12th nationwide in Provincial Innovation Index": (
        "Long An xếp thứ 12 cả nước về Chỉ số đổi mới sáng tạo cấp địa phương"
    ),
    "Provincial Innovation Index: Thai Nguyen ranked first in Northern Midlands and "
    "Mountainous Region": "Chỉ số đổi mới sáng tạo cấp địa phương: Thái Nguyên đứng đầu vùng "
    "trung du và miền núi phía Bắc",
    "Release of the Global Innovation Index 2020": "Công bố Chỉ số Đổi mới sáng tạo toàn cầu 2020",
    "Viet Nam R&D Spending (% of GDP)": "Chi cho nghiên cứu và phát triển của Việt Nam (% GDP)",
    "Vietnam leaps two places in Global Innovation Index in 2023": (
        "Việt Nam tăng hai bậc trong Chỉ số Đổi mới sáng tạo toàn cầu năm 2023"
    ),
    "Vietnam aims to be in top 40 innovative countries by 2030": (
        "Việt Nam phấn đấu vào nhóm 40 quốc gia đổi mới sáng tạo hàng đầu vào năm 2030"
    ),
    "MoST, Can Tho City sign agreement on innovation activities": (
        "Bộ KH&CN và thành phố Cần Thơ ký kết thỏa thuận về hoạt động đổi mới sáng tạo"
    ),
    "1st Dak Lak Provincial Party Congress, term 2025-2030, closes": (
        "Bế mạc Đại hội đại biểu Đảng bộ tỉnh Đắk Lắk lần thứ I, nhiệm kỳ 2025-2030"
    ),
    "Vietnam releases provincial innovation index for first time": (
        "Việt Nam lần đầu công bố chỉ số đổi mới sáng tạo cấp địa phương"
    ),
}
"""Every English title among the shipped sources (a test checks none is missing)."""

ENGLISH_PHRASES_VI: tuple[tuple[str, str], ...] = (
    # notes written in English beside the sources in the data, in order of application
    (r"MOST, PII (\d{4}), as reported by:", r"Bộ KH&CN, PII \1, theo:"),
    (r"news report by ", "tin của "),
    (r"English copy of ", "bản tiếng Anh của "),
    (r"English copy", "bản tiếng Anh"),
    (r"English edition", "bản tiếng Anh"),
    (r"Japanese edition", "bản tiếng Nhật"),
    (r"undated copy", "bản lưu không ghi ngày"),
    (r"reports the results of (\d{4})", r"đưa tin kết quả năm \1"),
    (r"GSO release of ", "số liệu Tổng cục Thống kê công bố ngày "),
    (r"after Resolution ", "sau Nghị quyết "),
    (r"before the meeting of ", "trước cuộc họp ngày "),
    (r"figures of the statistics office's press conference of ", "số liệu họp báo của cơ quan thống kê ngày "),
    (r"meeting ahead of ", "cuộc họp trước ngày "),
    (r"quotes the province's draft year-end report", "dẫn dự thảo báo cáo cuối năm của tỉnh"),
    (r"signing reported ", "lễ ký được đưa tin ngày "),
    (r"press conference of ", "họp báo ngày "),
    (r"date of the conference", "ngày hội nghị"),
    (r", no URL in the stored copy", ", bản lưu không có địa chỉ web"),
    (r"copy on ", "bản lưu trên "),
    (r"compilation by ", "tổng hợp của "),
    (r", reporting the General Statistics Office", ", dẫn Tổng cục Thống kê"),
    (r", from VietnamFinance", ", dẫn VietnamFinance"),
    (r", compiling World Bank WDI indicator (\S+) from UNESCO UIS",
     r", tổng hợp chỉ tiêu WDI \1 của Ngân hàng Thế giới từ UNESCO UIS"),
    (r"UIS data published (\S+), accessed by the World Bank (\S+)",
     r"số liệu UIS công bố \1, Ngân hàng Thế giới truy cập \2"),
    (r"\(% of GDP\)", "(% GDP)"),
    (r"copy of a report on the (.+?) merger", r"bản sao bài viết về việc hợp nhất \1"),
    (r"HĐND session of ", "kỳ họp HĐND ngày "),
    (r"\(from ", "(dẫn "),
    (r"the (.+?) Statistics Office's year-end figures", r"số liệu cuối năm của Cục Thống kê \1"),
    (r" of (\d{1,2}/\d{1,2}/\d{4})", r" ngày \1"),
)  # fmt: skip
_PHRASES_VI = tuple((re.compile(pattern), words) for pattern, words in ENGLISH_PHRASES_VI)


def in_vietnamese(text: str) -> str:
    """A source text for a Vietnamese report: English notes in Vietnamese, English titles translated.

    An English title keeps its words (it is the title of record) followed by its
    translation: “Title” (tiếng Anh; tạm dịch: “Tiêu đề”).
    """
    for title, translation in ENGLISH_TITLES_VI.items():
        quoted = f"“{title}”"
        if quoted in text:
            text = text.replace(quoted, f"{quoted} (tiếng Anh; tạm dịch: “{translation}”)")
    for pattern, words in _PHRASES_VI:
        text = pattern.sub(words, text)
    return text


def local_dates(text: str) -> str:
    """Write ISO dates in `text` as dd/mm/yyyy (days) and mm/yyyy (months), web addresses untouched."""
    words = text.split(" ")
    for i, word in enumerate(words):
        if "://" in word or word.startswith("www."):
            continue
        days = _DAY.sub(lambda m: f"{m[3]}/{m[2]}/{m[1]}", word)
        words[i] = _MONTH.sub(lambda m: f"{m[2]}/{m[1]}", days)
    return " ".join(words)


@functools.lru_cache(maxsize=8)
def _matchers(
    documents: tuple[tuple[str | None, str | None, str | None, str, str], ...],
) -> tuple[tuple[tuple[str, ...], str, str], ...]:
    out = []
    for title_vi, title_en, author, vi, en in documents:
        needles = tuple(
            t for t in (title_vi, title_en) if t is not None and len(t) >= MIN_TITLE_CHARS
        ) + ((f"({author})",) if author else ())
        out.append((needles, vi, en))
    return tuple(out)


def document_rows(
    documents: pl.DataFrame,
) -> tuple[tuple[str | None, str | None, str | None, str, str], ...]:
    """Return the registry documents as hashable rows (title_vi, title_en, author, citations)."""
    if documents.height == 0:
        return ()
    return tuple(
        documents.select("title_vi", "title_en", "author", "citation_vi", "citation_en").iter_rows()
    )


def cited(
    source: str | None,
    documents: tuple[tuple[str | None, str | None, str | None, str, str], ...],
    lang: Lang,
    *,
    illustrative: bool = False,
) -> str:
    """Return how the report cites `source` (see the module docstring); `–` for none."""
    if illustrative:
        return label("illustrative_source", lang)
    if not source:
        return "–"
    for needles, vi, en in _matchers(documents):
        if any(needle in source for needle in needles):
            return local_dates(in_vietnamese(vi) if lang == "vi" else en)
    return local_dates(in_vietnamese(source) if lang == "vi" else source)


def cited_all(
    sources: Iterable[tuple[str | None, bool]],
    documents: tuple[tuple[str | None, str | None, str | None, str, str], ...],
    lang: Lang,
) -> list[str]:
    """Return the distinct citations of (source, illustrative) pairs, sorted."""
    return sorted({cited(s, documents, lang, illustrative=i) for s, i in sources if s or i})
