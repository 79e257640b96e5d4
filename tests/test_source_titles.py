"""Source titles in the report's language: the Vietnamese/English rule and every translation.

Each title quoted in a shipped source (“…”) is Vietnamese or English by the rule of
`stkit.i18n.source_titles`; each has its translation into the other language, and a
report prints the title of record followed by it.
"""

from __future__ import annotations

import html
import re

import polars as pl
import pytest

from stkit.datadir import shipped_data_dir
from stkit.i18n.source_titles import (
    ENGLISH_TITLES_VI,
    VIETNAMESE_TITLES_EN,
    is_vietnamese,
    quoted_titles,
)
from stkit.reports.citations import cited, document_rows, in_english, in_language, in_vietnamese
from stkit.reports.city import CityReport
from stkit.reports.inputs import report_data


def _source_texts() -> set[str]:
    """Every source text of the shipped tables (the registry's documents apart)."""
    data = shipped_data_dir()
    files = [
        data / "observations.csv",
        data / "illustrative" / "observations.csv",
        *sorted((data / "pii").glob("*.csv")),
        data / "units" / "crosswalk_2025.csv",
    ]
    texts: set[str] = set()
    for file in files:
        frame = pl.read_csv(file, infer_schema=False, comment_prefix="#")
        if "source" in frame.columns:
            texts.update(frame.get_column("source").drop_nulls().to_list())
    return texts


@pytest.fixture(scope="module")
def shipped_titles() -> set[str]:
    titles = {title for text in _source_texts() for title in quoted_titles(text)}
    documents = report_data(None).documents  # the titles of record: title_vi
    for citation in documents.get_column("citation_vi").drop_nulls().to_list():
        titles.update(quoted_titles(citation))
    titles.update(documents.get_column("title_vi").drop_nulls().to_list())
    # “[…]”: a title supplied by the registry where the item has none, written in each language
    return {title for title in titles if not title.startswith("[")}


@pytest.mark.parametrize(
    ("title", "vietnamese"),
    [
        ("Hải Phòng xếp thứ 3 về chỉ số đổi mới sáng tạo cấp địa phương năm 2023", True),
        ("GDP năm 2025 tăng 8,02%", True),  # one lower-case word with a Vietnamese letter
        ("Top 10 địa phương dẫn đầu", True),
        ("Hà Nội Dẫn Đầu Về Đổi Mới Sáng Tạo", True),  # title case: most words marked
        ("Hà Nội tops Provincial Innovation Index 2024", False),  # names only
        ("Việt Nam unveils PII, Hà Nội tops 2025 rankings", False),
        ("Hai Phong ranked 4th nationwide in PII 2025", False),
        ("Viet Nam R&D Spending (% of GDP)", False),
        ("", False),
    ],
)
def test_the_rule_that_tells_a_vietnamese_title(title: str, *, vietnamese: bool) -> None:
    assert is_vietnamese(title) is vietnamese


def test_every_vietnamese_title_of_a_shipped_source_has_its_english_translation(
    shipped_titles: set[str],
) -> None:
    vietnamese = {title for title in shipped_titles if is_vietnamese(title)}
    documents = report_data(None).documents  # registry documents carry their own title_en
    translated_in_registry = set(
        documents.filter(pl.col("title_en").is_not_null()).get_column("title_vi").to_list()
    )
    missing = vietnamese - set(VIETNAMESE_TITLES_EN) - translated_in_registry
    assert missing == set()
    assert len(vietnamese) > 80


def test_every_english_title_of_a_shipped_source_has_its_vietnamese_translation(
    shipped_titles: set[str],
) -> None:
    english = {t for t in shipped_titles if not is_vietnamese(t) and len(t.split()) > 2}
    assert english - set(ENGLISH_TITLES_VI) == set()


def test_no_translation_is_kept_for_a_title_no_source_has(shipped_titles: set[str]) -> None:
    assert set(VIETNAMESE_TITLES_EN) - shipped_titles == set()
    assert set(ENGLISH_TITLES_VI) - shipped_titles == set()


def test_each_table_holds_titles_of_its_language_and_translations_of_the_other() -> None:
    for title, translation in VIETNAMESE_TITLES_EN.items():
        assert is_vietnamese(title), title
        assert not is_vietnamese(translation), translation
    for title, translation in ENGLISH_TITLES_VI.items():
        assert not is_vietnamese(title), title
        assert is_vietnamese(translation), translation


def test_translations_name_places_as_the_english_report_names_the_units() -> None:
    data = shipped_data_dir() / "units"
    names = pl.concat(
        [
            pl.read_csv(data / name, infer_schema=False).select("name_vi", "name_en")
            for name in ("units_2024.csv", "units_2025.csv", "national.csv")
        ]
    ).filter(pl.col("name_vi") != pl.col("name_en"))
    for translation in VIETNAMESE_TITLES_EN.values():
        for name_vi, name_en in names.iter_rows():
            assert not re.search(rf"\b{name_vi}\b", translation), (translation, name_en)


def test_a_source_reads_in_each_language() -> None:
    source = "Báo Đầu tư, “Hải Phòng xếp thứ 3 về chỉ số đổi mới sáng tạo cấp địa phương năm 2023”, 2024-03"
    assert in_english(source) == (
        "Báo Đầu tư, “Hải Phòng xếp thứ 3 về chỉ số đổi mới sáng tạo cấp địa phương năm 2023” "
        "(in Vietnamese; translated: “Hai Phong ranks 3rd in the 2023 Provincial Innovation "
        "Index”), 2024-03"
    )
    assert in_vietnamese(source) == source  # a Vietnamese title needs no translation
    english = "Việt Nam News, “Hà Nội tops Provincial Innovation Index 2024”, 2024-12-31"
    assert in_english(english) == english
    assert in_language(english, "vi") == (
        "Việt Nam News, “Hà Nội tops Provincial Innovation Index 2024” (tiếng Anh; tạm dịch: "
        "“Hà Nội dẫn đầu Chỉ số đổi mới sáng tạo cấp địa phương năm 2024”), 2024-12-31"
    )
    own = "My office, “Báo cáo nội bộ năm 2025”, 2025"  # a planner's title: as written
    assert in_english(own) == own
    assert in_english("NQ 202/2025/QH15 (Quốc hội, 12/06/2025)") == (
        "Resolution 202/2025/QH15 (National Assembly, 12/06/2025)"
    )


def test_no_shipped_source_keeps_a_vietnamese_title_untranslated_in_english() -> None:
    documents = document_rows(report_data(None).documents)
    for text in _source_texts():
        shown = cited(text, documents, "en")
        for title in quoted_titles(shown):
            if is_vietnamese(title):
                assert f"“{title}” (in Vietnamese; translated: “" in shown, title


def test_a_translated_title_is_not_translated_again() -> None:
    documents = document_rows(report_data(None).documents)
    for text in _source_texts():
        for lang in ("vi", "en"):
            once = in_language(text, lang)
            assert in_language(once, lang) == once
            shown = cited(text, documents, lang)
            notes = shown.count("(in Vietnamese; translated: “") + shown.count("tạm dịch: “")
            assert notes <= text.count("“")


@pytest.fixture(scope="module")
def hai_phong_en() -> CityReport:
    return CityReport.load("hai-phong", 2025, "en")


def test_the_english_report_prints_vietnamese_titles_with_their_translation(
    hai_phong_en: CityReport,
) -> None:
    sources = html.unescape(
        "\n".join(str(getattr(hai_phong_en, name)()) for name in ("key_figures", "sources"))
    )
    assert (
        "“Hải Phòng xếp thứ 3 về chỉ số đổi mới sáng tạo cấp địa phương năm 2023” "
        "(in Vietnamese; translated: “Hai Phong ranks 3rd in the 2023 Provincial Innovation "
        "Index”)"
    ) in sources
    assert (
        "“Ký kết phối hợp hoạt động giữa Bộ Khoa học và Công nghệ với thành phố Hải Phòng” "
        "(in Vietnamese; translated: “MOST and Hải Phòng sign a coordination programme”)"
    ) in sources
    for title in quoted_titles(sources):
        if is_vietnamese(title):
            assert f"“{title}” (in Vietnamese; translated: “" in sources, title
