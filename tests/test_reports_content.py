"""What a city report says: labels in one language, names not ids, citations, key figures, charts.

Built in-process from the shipped data (no kernel): each section's HTML is what the
notebook cell shows.
"""

from __future__ import annotations

import html
import re
from typing import Any

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stkit.programmes.model import CATEGORIES
from stkit.reports.charts import POINT_KINDS
from stkit.reports.citations import cited, document_rows
from stkit.reports.city import CityReport
from stkit.reports.commitments import completion, task_table
from stkit.reports.figures import key_figures_table
from stkit.reports.labels import category_label, label
from stkit.reports.pii import named_only
from stkit.reports.sections import STRENGTHS_SHOWN, ChartGroup, ordered_profile

SECTIONS = ("header", "key_figures", "scorecard", "commitments", "pii_position", "data_quality",
            "sources")  # fmt: skip


@pytest.fixture(scope="module")
def hai_phong_vi() -> CityReport:
    return CityReport.load("hai-phong", 2025, "vi")


@pytest.fixture(scope="module")
def hai_phong_en() -> CityReport:
    return CityReport.load("hai-phong", 2025, "en")


@pytest.fixture(scope="module")
def can_tho_vi() -> CityReport:
    return CityReport.load("can-tho", 2025, "vi")


def page(report: CityReport) -> str:
    """Every section's markup, charts as their captions, unescaped for plain comparisons."""
    parts = [str(getattr(report, name)()) for name in SECTIONS]
    charts = report.target_charts()
    if isinstance(charts, ChartGroup):
        parts += [c.caption for c in charts.charts] + [str(charts.note or "")]
    return html.unescape("\n".join(parts))


def cells(markup: str, tag: str = "t[dh]") -> set[str]:
    return set(re.findall(rf"<{tag}>([^<]*)</{tag}>", markup))


def test_every_registry_category_has_a_label_in_each_language() -> None:
    for category in CATEGORIES:
        assert category_label(category, "vi") != category
        assert category_label(category, "en") != category
    assert category_label("research", "vi") == "Nghiên cứu, phát triển công nghệ"
    assert category_label("research", "en") == "Research and technology development"
    assert category_label("intellectual_property", "vi") == "Sở hữu trí tuệ"
    assert category_label("intellectual_property", "en") == "Intellectual property"
    assert category_label(None, "vi") == "Khác"


def test_column_headers_are_words() -> None:
    assert (label("code", "vi"), label("code", "en")) == ("Mã", "Code")
    assert (label("note", "vi"), label("note", "en")) == ("Ghi chú", "Note")
    assert (label("percentile", "vi"), label("percentile", "en")) == ("Phân vị", "Percentile")


@pytest.mark.parametrize("which", ["hai_phong_vi", "hai_phong_en", "can_tho_vi"])
def test_no_raw_category_agency_or_unit_id_in_a_table(which: str, request: Any) -> None:
    report: CityReport = request.getfixturevalue(which)
    markup = page(report)
    ids = set(CATEGORIES) | set(report.data.agencies.get_column("id").to_list())
    ids |= {"ha-noi", "ho-chi-minh", "da-nang", "hai-phong", "can-tho", "hue"}
    assert not cells(markup) & ids
    assert not cells(markup, "th") & {"iCode", "iName", "note", "%", "unit", ""}
    assert "hai-phong-pc" not in page(report)


def test_lead_units_and_categories_by_name(
    hai_phong_vi: CityReport, hai_phong_en: CityReport
) -> None:
    vi, en = cells(page(hai_phong_vi)), cells(page(hai_phong_en))
    assert {"Ủy ban nhân dân thành phố Hải Phòng", "Bộ Khoa học và Công nghệ"} <= vi
    assert {"Ứng dụng, chuyển giao công nghệ", "Cơ chế, chính sách"} <= vi
    assert "Application and technology transfer" in en
    assert "Ministry of Science and Technology (MOST)" in en


def test_peer_cities_named_and_pii_names_in_the_report_language(
    hai_phong_vi: CityReport, hai_phong_en: CityReport
) -> None:
    vi, en = cells(page(hai_phong_vi)), cells(page(hai_phong_en))
    assert {"Hà Nội", "Thành phố Hồ Chí Minh", "Đà Nẵng", "Thể chế", "Trụ cột"} <= vi
    assert {"Hanoi", "Ho Chi Minh City", "Institutions", "Human capital and R&D", "Pillar"} <= en
    assert "Thể chế" not in en


def test_stale_series_table_has_a_code_and_an_indicator_column(
    hai_phong_vi: CityReport, hai_phong_en: CityReport
) -> None:
    vi = html.unescape(str(hai_phong_vi.data_quality()))
    en = html.unescape(str(hai_phong_en.data_quality()))
    assert "<th>Mã</th><th>Chỉ số</th><th>Năm có số liệu gần nhất</th>" in vi
    assert "<th>Code</th><th>Indicator</th><th>Last year with data</th>" in en


def test_pii_results_have_no_unit_column_and_notes_only_in_english(
    hai_phong_vi: CityReport, hai_phong_en: CityReport
) -> None:
    vi = html.unescape(str(hai_phong_vi.pii_position()))
    en = html.unescape(str(hai_phong_en.pii_position()))
    assert (
        "<th>Năm</th><th>Địa bàn</th><th>Điểm</th><th>Thứ hạng</th><th>Đầu vào</th><th>Đầu ra</th></tr>"
        in vi
    )
    assert "<td>2023</td><td>Hải Phòng cũ (trước 1/7/2025)</td>" in vi
    assert "<td>2025</td><td>Hải Phòng</td>" in vi
    assert "score not found in press" not in vi
    assert (
        "<th>Year</th><th>Territory</th><th>Score</th><th>Rank</th><th>Input</th><th>Output</th>"
        "<th>Note</th>" in en
    )
    assert "<td>score not found in press</td>" in en


def test_sources_cited_as_the_registry_cites_them(
    hai_phong_vi: CityReport, hai_phong_en: CityReport
) -> None:
    vi, en = page(hai_phong_vi), page(hai_phong_en)
    for document_id in hai_phong_vi.data.documents.get_column("id").to_list():
        assert document_id not in vi
        assert document_id not in en
    assert (
        "Báo Nhân Dân điện tử (NDO), “Ký kết phối hợp hoạt động giữa Bộ Khoa học và Công nghệ "
        "với thành phố Hải Phòng”, 29/07/2022"
    ) in vi
    assert (
        "Báo Nhân Dân điện tử (NDO), “Ký kết phối hợp hoạt động giữa Bộ Khoa học và Công nghệ với "
        "thành phố Hải Phòng” (in Vietnamese; translated: “MOST and Hải Phòng sign a "
        "coordination programme”), 29 Jul 2022" in en
    )
    assert "Quyết định 02/QĐ-UBND ngày 04/01/2021 của Ủy ban nhân dân thành phố Hải Phòng" in vi
    assert "illustrative: made for demonstration" not in vi


def test_an_observation_source_naming_a_registry_document_is_cited_the_registry_way(
    can_tho_vi: CityReport,
) -> None:
    documents = document_rows(can_tho_vi.data.documents)
    source = (
        "Báo Xây dựng (baoxaydung.com.vn), 'Ký kết Chương trình hợp tác hoạt động khoa học, "
        "công nghệ và đổi mới sáng tạo' — signing of the MOST × Cần Thơ STI cooperation programme"
    )
    expected = "Báo Xây dựng, “Ký kết Chương trình hợp tác hoạt động khoa học, công nghệ và đổi mới sáng tạo”, không ghi ngày"
    assert cited(source, documents, "vi") == expected
    assert cited("News report (Khánh An) on the 2023 review", documents, "vi").startswith(
        "Báo Bảo vệ pháp luật"
    )
    assert cited("Statistical yearbook 2024", documents, "vi") == "Statistical yearbook 2024"
    assert cited("anything", documents, "en", illustrative=True) == label(
        "illustrative_source", "en"
    )
    assert cited(None, documents, "vi") == "–"


def test_strengths_and_weaknesses_at_most_ten_best_first_with_the_total(
    hai_phong_vi: CityReport,
) -> None:
    markup = html.unescape(str(hai_phong_vi.pii_position()))
    every = ordered_profile(hai_phong_vi.pii.strengths, "strength")
    strengths = ordered_profile(named_only(hai_phong_vi.pii.strengths), "strength")
    total = strengths.height
    # 37 indicators at or above the 90th percentile or ranked ≤ 3 (illustrative data), of
    # which those with a public name are shown
    assert every.height == 37
    assert set(strengths.get_column("name_status")) <= {"public", "public_en"}
    assert total == every.filter(pl.col("name_status") != "not_public").height > STRENGTHS_SHOWN
    assert "tên chưa công bố" not in markup
    assert f"Hiển thị 10 mục nổi bật nhất trên tổng số {total} mục." in markup
    section = markup.split("Điểm mạnh")[1].split("Điểm yếu")[0]
    assert section.count("<tr>") == 1 + STRENGTHS_SHOWN  # header row + 10
    shown = strengths.head(STRENGTHS_SHOWN).get_column("iCode").to_list()
    positions = [section.index(f"<td>{code}</td>") for code in shown]
    assert positions == sorted(positions)  # best rank first


rows = st.lists(
    st.tuples(st.sampled_from(["strength", "weakness"]), st.integers(1, 34), st.floats(0, 100)),
    max_size=30,
)


@given(rows)
def test_profile_order_strengths_best_first_weaknesses_weakest_first(
    data: list[tuple[str, int, float]],
) -> None:
    frame = pl.DataFrame(
        [(k, f"I{i}", r, p) for i, (k, r, p) in enumerate(data)],
        schema={"kind": pl.String, "iCode": pl.String, "rank": pl.Int64, "percentile": pl.Float64},
        orient="row",
    )
    strong = ordered_profile(frame, "strength").get_column("rank").to_list()
    weak = ordered_profile(frame, "weakness").get_column("rank").to_list()
    assert strong == sorted(strong)
    assert weak == sorted(weak, reverse=True)
    assert len(strong) + len(weak) == frame.height


def test_can_tho_commitments_show_its_tasks_without_status(can_tho_vi: CityReport) -> None:
    tasks = task_table(can_tho_vi)
    assert tasks.height == 11  # P2: 11 MOST unit assignments (the city's 6 items are requests)
    assert not tasks.get_column("reported").any()
    assert set(tasks.get_column("status").to_list()) == {"not_started"}
    markup = html.unescape(str(can_tho_vi.commitments()))
    assert "11 nhiệm vụ thuộc 1 chương trình; 0 nhiệm vụ đã có báo cáo tình hình" in markup
    assert markup.count("<td>Chưa có báo cáo</td>") == 11
    assert "<summary>P2 — Danh sách nhiệm vụ (11)" in markup
    assert "<td>MOST.1</td>" in markup
    assert (
        "<th>Nhóm nhiệm vụ</th><th>Tổng</th><th>Chưa bắt đầu</th><th>Đang thực hiện</th>"
        "<th>Hoàn thành</th><th>Dừng</th><th>Quá hạn</th>" in markup
    )
    assert "Viện Năng lượng nguyên tử Việt Nam" in markup
    assert label("not_available", "vi") not in markup


def test_completion_counts_add_up_to_the_tasks(hai_phong_vi: CityReport) -> None:
    tasks = task_table(hai_phong_vi)
    assert tasks.height == 40  # P1: 10, P3: 30 tasks without sub-tasks (12 headings left out)
    for by in ("category", "lead_unit"):
        table = completion(tasks, by, "vi")
        assert table.get_column("tasks").sum() == tasks.height
        assert table.get_column("no_report").sum() == (~tasks.get_column("reported")).sum()
        assert (table.get_column("done") <= table.get_column("due")).all()


def test_key_figures_of_can_tho_at_signing(can_tho_vi: CityReport) -> None:
    figures = key_figures_table(can_tho_vi).filter(~pl.col("illustrative"))
    values = {
        code: (period, value)
        for code, period, value in figures.select("indicator", "period", "value").iter_rows()
    }
    assert values["T1401"] == (2022, 60.0)
    assert values["ST_INTERMEDIARIES"] == (2022, 14.0)
    assert values["ST_NETWORKS"] == (2022, 2.0)
    assert values["STARTUP_FUNDS"] == (2022, 2.0)
    assert values["STARTUP_SPACES"] == (2022, 6.0)
    markup = html.unescape(str(can_tho_vi.key_figures()))
    assert (
        "<td>Số tổ chức khoa học và công nghệ</td><td>> 60</td><td>tổ chức</td><td>2022</td>"
        "<td>Cần Thơ cũ (trước 1/7/2025)</td><td>Báo Xây dựng, “Ký kết" in markup
    )


def test_key_figures_of_hai_phong_sourced_first_illustrative_marked(
    hai_phong_vi: CityReport, hai_phong_en: CityReport
) -> None:
    table = key_figures_table(hai_phong_vi)
    flags = table.get_column("illustrative").to_list()
    assert flags == sorted(flags)  # sourced (False) first
    markup = html.unescape(str(hai_phong_vi.key_figures()))
    assert "<td>30,4</td><td>%</td><td>2021</td><td>Hải Phòng cũ (trước 1/7/2025)</td>" in markup
    assert "<td>12</td><td>đơn vị</td><td>2023</td>" in markup
    # one figure per indicator: the targets' indicators show in the scorecard only, on the
    # merged city (not the old city's or an illustrative 2025 figure here), the PII in its section
    assessed = hai_phong_vi.progress.filter(pl.col("latest_value").is_not_null())
    assert not set(assessed.get_column("indicator")) & set(table.get_column("indicator"))
    # a 2025 figure published on the merged city (territory `current`) is the city's own
    assert "<td>734.420</td><td>tỷ đồng</td><td>2025</td><td>Hải Phòng</td>" in markup
    assert not {"PII", "PII_RANK"} & set(table.get_column("indicator"))
    english = html.unescape(str(hai_phong_en.key_figures()))
    assert (
        "<td>30.4</td><td>%</td><td>2021</td><td>former Hai Phong (before 1 July 2025)</td>"
        in english
    )
    assert "<th>Note</th>" in english
    assert "<th>Ghi chú</th>" not in markup


def _points(chart: Any, lang: str) -> list[dict[str, Any]]:
    data = chart.spec["datasets"][chart.spec["vconcat"][0]["data"]["name"]]
    kinds = {label(kind, lang) for kind in POINT_KINDS}  # type: ignore[arg-type]
    return sorted((row for row in data if row["series"] in kinds), key=lambda r: r["period"])


@pytest.mark.parametrize("which", ["hai_phong_vi", "hai_phong_en"])
def test_chart_last_point_is_the_scorecard_latest_value(which: str, request: Any) -> None:
    report: CityReport = request.getfixturevalue(which)
    group = report.target_charts()
    assert isinstance(group, ChartGroup)
    assert len(group.charts) == report.progress.filter(~pl.col("milestone")).height
    # P1's three targets first; the city's own congress target (PP-hai-phong) has no data yet
    targets = report.progress.filter(~pl.col("milestone") & (pl.col("programme") == "P1"))
    assert targets.height == 3
    for chart, row in zip(group.charts[:3], targets.iter_rows(named=True), strict=True):
        points = _points(chart, report.lang)
        if row["latest_value"] is None:  # P1-T3: no high-tech share published, none drawn
            assert points == []
            continue
        last = points[-1]
        assert last["period"] == row["latest_year"]
        assert last["value"] == pytest.approx(row["latest_value"], rel=1e-11)
    tfp = _points(group.charts[0], report.lang)
    # P1-T1 on the merged Hải Phòng (Hải Phòng + Hải Dương, weighted by their sourced 2024
    # GRDP 445 995 and 212 386), not the old city's 46.3: (46.3·445995 + 40.6·212386) / 658381
    assert (tfp[-1]["period"], round(tfp[-1]["value"], 2)) == (2024, 44.46)
    assert tfp[0]["series"] == label("stated_baseline", report.lang)
    assert tfp[-1]["series"] == label("observed_reexpressed", report.lang)
    legend = [row["text"] for row in group.charts[0].spec["vconcat"][1]["data"]["values"]]
    assert label("observed_reexpressed", report.lang) in legend
    assert group.note is not None
    assert "re-expressed" in str(group.note) or "tính lại" in str(group.note)
