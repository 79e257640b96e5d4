"""The report's summary, method note, task columns, national reference targets and layout."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

import nbformat
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stkit
from stkit.cli import main
from stkit.index.pii import load_pii_results
from stkit.reports.citations import in_vietnamese, local_dates
from stkit.reports.city import CityReport
from stkit.reports.commitments import BUCKETS, bucket_counts, task_table, totals
from stkit.reports.labels import label, shown_time
from stkit.reports.paths import city_link, overview_link, report_dir
from stkit.reports.reference import national_in_force
from stkit.reports.summary import sentences, target_sentence
from stkit.reports.tables import time_elapsed
from stkit.tasks import task_states

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "city_progress.ipynb"


@pytest.fixture(scope="module")
def hai_phong() -> dict[str, CityReport]:
    return {lang: CityReport.load("Hải Phòng", 2025, lang) for lang in ("vi", "en")}


@pytest.fixture(scope="module")
def viet_nam() -> CityReport:
    return CityReport.load("viet-nam", 2025, "vi")


def _text(block: object) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", str(block)))


ROW: dict[str, Any] = {
    "comparator": ">=",
    "latest_value": 44.3,
    "latest_year": 2025,
    "target_value": 50.0,
    "target_year": 2030,
    "attainment_year": 2032,
    "projected_value": 48.7,
    "status": "accelerate",
    "outcome": None,
}


def test_target_sentence_as_a_planner_reads_it() -> None:
    en = target_sentence(ROW, name="TFP", measure="%", year=2025, lang="en")
    assert en == (
        "TFP: 44.3% in 2025; 50.0% needed by 2030; at the present pace reached in 2032 — "
        "accelerate progress"
    )
    vi = target_sentence(ROW, name="TFP", measure="%", year=2025, lang="vi")
    assert vi == (
        "TFP: 44,3 % năm 2025; cần đạt 50,0 % vào năm 2030; theo nhịp hiện nay đạt vào năm "
        "2032 — cần đẩy nhanh"
    )


def test_target_sentence_past_target_without_data_and_never_reached() -> None:
    past = {**ROW, "target_year": 2024, "outcome": "missed", "status": "missed"}
    assert target_sentence(past, name="TFP", measure="%", year=2025, lang="en").endswith(
        "target 50.0% by 2024 — missed"
    )
    empty = {**ROW, "latest_value": None, "latest_year": None, "status": "insufficient_data"}
    assert target_sentence(empty, name="TFP", measure="%", year=2025, lang="en") == (
        "TFP: 50.0% needed by 2030; no figure yet to assess it"
    )
    never = {**ROW, "attainment_year": None}
    assert "at the present pace not reached within 50 years" in target_sentence(
        never, name="TFP", measure="%", year=2025, lang="en"
    )


def test_a_target_stated_as_a_range_reads_as_one() -> None:
    row = {**ROW, "latest_value": None, "target_value": 1.2, "value_high": 1.5}
    assert target_sentence(row, name="S&T", measure="%", year=2025, lang="vi") == (
        "S&T: cần đạt 1,2–1,5 % vào năm 2030; chưa có số liệu để đánh giá"
    )
    row = {**row, "target_value": 25.0, "value_high": 30.0}
    assert target_sentence(row, name="Orgs", measure="organisations", year=2025, lang="en") == (
        "Orgs: 25–30 organisations needed by 2030; no figure yet to assess it"
    )


def test_time_elapsed_counts_from_the_programme_start() -> None:
    # 01/01/2022 → 31/12/2025 is 1460 days of 3286 to 31/12/2030
    assert time_elapsed(dt.date(2022, 1, 1), 2025, 2030) == pytest.approx(1460 / 3286)
    assert time_elapsed(dt.date(2022, 1, 1), 2040, 2030) == 1.0
    assert time_elapsed(None, 2025, 2030) is None


def test_summary_comes_first_and_says_each_target(hai_phong: dict[str, CityReport]) -> None:
    cells = [c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code"]
    calls = [c for c in cells if c.startswith("report.")]
    assert calls[0] == "report.summary()"
    assert calls.index("report.summary()") < calls.index("report.scorecard()")
    assert "report.methods()" in calls
    report = hai_phong["vi"]
    summary = str(report.summary())
    assert summary.startswith('<section id="summary">')
    assert 'class="stkit-banner"' in summary  # illustrative figures in the report
    targets = report.progress.filter(~pl.col("milestone"))
    assert summary.count("<li>") == targets.height  # at most 3 without data: one sentence each
    assert 'href="../../../overview/2025/vi/report.html"' in summary
    assert 'id="scorecard"' in str(report.scorecard())
    methods = str(report.methods())
    assert methods.startswith('<section id="methods">')
    assert "ESCAP" in methods
    assert "Open SDG" in methods


def test_scorecard_shows_projection_attainment_outcome_and_legend(
    hai_phong: dict[str, CityReport],
) -> None:
    markup = html.unescape(str(hai_phong["en"].scorecard()))
    for header in ("Projected at target year", "Attainment year (projected)", "Outcome"):
        assert header in markup
    assert "Time elapsed (since start)" in markup
    assert "Status legend" in markup


def test_task_columns_add_up_and_a_deadline_on_the_report_day_is_not_overdue() -> None:
    tasks = pl.DataFrame(
        {
            "programme": ["P"] * 5,
            "task": ["a", "b", "c", "d", "e"],
            "parent": pl.Series([None] * 5, dtype=pl.String),
            "category": ["research"] * 5,
            "lead_unit": ["x"] * 5,
            "deadline": [dt.date(2025, 12, 31), dt.date(2025, 6, 30), dt.date(2025, 6, 30),
                         dt.date(2030, 1, 1), dt.date(2024, 1, 1)],
        }
    )  # fmt: skip
    status = pl.DataFrame(
        {
            "programme": ["P"] * 4,
            "task": ["a", "b", "c", "e"],
            "year": [2025, 2025, 2025, 2024],
            "status": ["in_progress", "in_progress", "done", "dropped"],
        }
    )
    states = task_states(tasks, status, year=2025)
    assert totals(states) == {
        "total": 5,
        "not_started": 1,  # d, due in 2030
        "in_progress": 1,  # a: its deadline is the report day, not yet overdue
        "done": 1,
        "dropped": 1,
        "overdue": 1,  # b: deadline passed, in progress
    }


statuses = st.sampled_from(["not_started", "in_progress", "done", "dropped"])


@given(st.lists(st.tuples(statuses, st.booleans(), st.sampled_from("xyz")), max_size=40))
def test_task_columns_always_add_up(rows: list[tuple[str, bool, str]]) -> None:
    frame = pl.DataFrame(
        [(s, o and s not in ("done", "dropped"), g) for s, o, g in rows],
        schema={"status": pl.String, "overdue": pl.Boolean, "group": pl.String},
        orient="row",
    )
    counts = bucket_counts(frame, ["group"])
    assert counts.select(BUCKETS).sum_horizontal().to_list() == counts["tasks"].to_list()
    assert int(counts["tasks"].sum()) == len(rows)
    assert int(counts["overdue"].sum()) == int(frame["overdue"].sum())


def test_commitments_show_columns_evidence_milestones_and_requests(
    hai_phong: dict[str, CityReport],
) -> None:
    report = hai_phong["vi"]
    markup = html.unescape(str(report.commitments()))
    assert "<details>" in markup
    assert label("tasks_definitions", "vi").format(year=2025) in markup
    assert label("latest_evidence", "vi") in markup
    assert label("s_milestones", "vi") in markup
    assert label("s_requests", "vi") in markup
    assert "Bộ Khoa học và Công nghệ" in markup  # a request's addressee by name
    by_programme = bucket_counts(task_table(report), ["programme"])
    assert by_programme["tasks"].sum() == task_table(report).height


def test_national_targets_for_reference_never_as_the_province_s_own(
    hai_phong: dict[str, CityReport], viet_nam: CityReport
) -> None:
    for lang, tag in (
        ("vi", "chỉ tiêu quốc gia, để tham chiếu"),
        ("en", "national target, for reference"),
    ):
        report = hai_phong[lang]
        reference = html.unescape(str(report.reference()))
        national = national_in_force(report.data.spans, 2025)
        assert national.height > 0
        rows = reference.count("<tr>") - reference.count("<thead>")
        assert rows + reference.count("<li>") == national.height
        assert reference.count(tag) == rows + 1  # each row, and the compact list's heading
        own = set(report.progress.get_column("programme"))
        assert not own & {"N1", "N2"}  # not in the scorecard or the summary
        assert "PP-hai-phong" in own  # the city's own congress targets are its own
    assert str(viet_nam.reference()) == ""
    # N1's 2030 targets raised by N2 stay in the scorecard, marked, and leave the summary
    replaced = viet_nam.replaced
    assert replaced
    for (_, target), (successor, on) in replaced.items():
        assert on <= dt.date(2025, 12, 31)
        assert f"{target} (thay bằng {successor} từ {on:%d/%m/%Y})" in html.unescape(
            str(viet_nam.scorecard())
        )
    summary = _text(viet_nam.summary())
    assert f"{len(replaced)} chỉ tiêu đã được thay bằng" in summary
    assert set(viet_nam.progress.get_column("programme")) <= {"N1", "N2"}
    assert viet_nam.progress.height > 0


def test_a_target_replaced_by_a_later_document_leaves_the_reference() -> None:
    spans = pl.DataFrame(
        {
            "unit": ["viet-nam", "viet-nam"],
            "target_id": ["old", "new"],
            "in_force_from": [dt.date(2022, 5, 11), dt.date(2024, 12, 22)],
            "superseded_on": [dt.date(2024, 12, 22), None],
        }
    )
    assert national_in_force(spans, 2023)["target_id"].to_list() == ["old"]
    assert national_in_force(spans, 2025)["target_id"].to_list() == ["new"]


def test_sections_in_the_report_language(hai_phong: dict[str, CityReport]) -> None:
    vi = _text(hai_phong["vi"].summary()) + _text(hai_phong["vi"].commitments())
    en = _text(hai_phong["en"].summary()) + _text(hai_phong["en"].commitments())
    assert "needed by" not in vi
    assert "cần đạt" in vi
    assert "cần đạt" not in en
    assert "needed by" in en


def test_a_unit_without_figures_gets_one_line_per_section() -> None:
    report = CityReport.load("lao-cai", 2025, "vi")
    charts = _text(report.target_charts())
    assert label("not_available", "vi") not in charts
    assert label("not_available", "vi") not in _text(report.commitments())


def test_layout_and_relative_links(tmp_path: Path) -> None:
    city = report_dir(tmp_path, "hai-phong", 2025, "vi")
    overview = report_dir(tmp_path, "overview", 2025, "vi")
    assert (city / overview_link(2025, "vi")).resolve() == overview / "report.html"
    assert (overview / city_link("hai-phong", 2025, "vi")).resolve() == city / "report.html"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--year", "2999"], "năm báo cáo sau năm hiện tại"),
        (["--year", "2010"], "Chưa có số liệu nào của Hải Phòng cho năm 2010"),
        (["--year", "2010", "--lang", "en"], "No data for Hai Phong in 2010"),
    ],
)
def test_future_and_empty_years_refused_in_the_chosen_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    out = tmp_path / "out"
    assert main(["report", "Hải Phòng", *args, "--out", str(out)]) == 2
    assert words in capsys.readouterr().err
    assert not out.exists()


def test_unit_errors_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["report", "atlantis", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "Không có tỉnh/thành" in err
    assert "Unknown" not in err
    assert main(["report", "atlantis", "--lang", "en", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "Unknown provincial unit" in err
    assert "Không có" not in err


def test_iso_dates_in_sources_are_written_day_month_year() -> None:
    text = "CafeF, “Một”, 2025-01-13, https://cafef.vn/a-2024-12-01.chn; Báo Đầu tư, 2024-03"
    assert local_dates(text) == (
        "CafeF, “Một”, 13/01/2025, https://cafef.vn/a-2024-12-01.chn; Báo Đầu tư, 03/2024"
    )
    assert local_dates("2021-2025 plan") == "2021-2025 plan"


def test_no_iso_date_in_the_vietnamese_sources(hai_phong: dict[str, CityReport]) -> None:
    text = _text(hai_phong["vi"].sources()) + _text(hai_phong["vi"].key_figures())
    assert re.findall(r"(?<![\w/.-])\d{4}-\d{2}-\d{2}(?![\w/-])", text) == []


def test_a_former_unit_s_pii_rank_is_named_as_such() -> None:
    summary = _text(CityReport.load("lao-cai", 2023, "vi").summary())
    assert "xếp hạng 58 (Yên Bái (trước 1/7/2025))" in summary
    own = _text(CityReport.load("hai-phong", 2025, "vi").summary())
    assert "PII 2025 (công bố): 58,09 điểm, xếp hạng 4." in own


def test_reference_shows_the_scorecard_s_latest_for_a_target_indicator(
    hai_phong: dict[str, CityReport],
) -> None:
    report = hai_phong["en"]
    tfp = report.progress.filter(pl.col("indicator") == "TFP_SHARE").row(0, named=True)
    reference = html.unescape(str(report.reference()))
    assert f"{tfp['latest_value']:.1f}% ※ ({tfp['latest_year']})" in reference
    assert "1.2–1.5% (2025)" in reference  # a range, the unit said once


ENGLISH_NOTE = re.compile(r"\(([\x00-\x27\x2a-\x7f]*\s[\x00-\x27\x2a-\x7f]*)\)")
ENGLISH_TITLE = re.compile(r"“([\x00-\x7f–’‘]+)”(?! \(tiếng Anh; tạm dịch)")


ENGLISH_WORD = re.compile(r"\b(?:the|of|from|copy|session|reports?|by|with)\b")
PROPER_NAME = "Statistics of the World"  # a publisher's name, not a note


def test_every_shipped_source_reads_in_vietnamese() -> None:
    inputs = stkit.load()
    report = CityReport.load("hai-phong", 2025, "vi")
    texts = {
        *inputs.observations["source"].drop_nulls().to_list(),
        *load_pii_results()["source"].drop_nulls().to_list(),
        *report.data.documents["citation_vi"].drop_nulls().to_list(),
        *report.data.programmes["citation_vi"].drop_nulls().to_list(),
    }
    left = set()
    for text in texts:
        shown = local_dates(in_vietnamese(text))
        without_titles = re.sub(r"“[^”]*”", "", shown)
        left.update(m for m in ENGLISH_NOTE.findall(without_titles) if "://" not in m)
        left.update(m for m in ENGLISH_TITLE.findall(shown) if len(m.split()) > 2)
        bare = re.sub(r"https?://\S+", "", without_titles).replace(PROPER_NAME, "")
        left.update(ENGLISH_WORD.findall(bare))
    assert left == set()


SECTIONS = ("summary", "scorecard", "key_figures", "reference", "target_charts", "commitments",
            "pii_position", "coverage", "data_quality", "methods", "sources")  # fmt: skip


@pytest.mark.slow
def test_no_report_of_all_has_a_section_that_only_says_no_data() -> None:
    from stkit.reports.jobs import current_units  # noqa: PLC0415

    empty = []
    for unit in [*current_units(), "viet-nam"]:
        report = CityReport.load(unit if isinstance(unit, str) else unit.slug, 2025, "vi")
        for name in SECTIONS:
            block = getattr(report, name)()
            text = html.unescape(str(getattr(block, "heading", block)))
            if label("not_available", "vi") in text:
                empty.append((report.unit.slug, name))
    assert empty == []


def test_generation_time_in_vietnam_time_day_month_year() -> None:
    assert shown_time("2026-11-30T13:26:00+00:00", "vi") == "30/11/2026 20:26 (giờ Việt Nam)"
    assert shown_time("2026-12-31T20:00:00+00:00", "en") == "01/01/2027 03:00 (Vietnam time)"
    assert shown_time("not a time", "vi") == "not a time"


def test_a_2025_figure_is_the_former_unit_s_unless_marked_current(
    hai_phong: dict[str, CityReport],
) -> None:
    report = hai_phong["vi"]
    former = "Hải Phòng cũ (trước 1/7/2025)"
    assert report.territory(2024) == former
    assert report.territory(2025) == former  # an empty cell: the 63 units up to 2025
    assert report.territory(2025, "current") == "Hải Phòng"
    assert report.territory(2026) == "Hải Phòng"
    assert report.pii_territory("hai-phong", 2025) == "Hải Phòng"  # PII 2025: the 34 units
    assert report.pii_territory("hai-duong", 2024) == "Hải Dương (trước 1/7/2025)"
    assert CityReport.load("ha-noi", 2025, "vi").territory(2024) == "Hà Nội"  # not merged


def test_a_rank_reads_as_a_number_and_grouped_targets_keep_their_ranges() -> None:
    rank = {**ROW, "comparator": "<=", "latest_value": 44.0, "target_value": 40.0}
    assert target_sentence(rank, name="GII", measure="rank", year=2025, lang="en").startswith(
        "GII: 44 in 2025; ≤ 40 needed by 2030"
    )
    empty = pl.DataFrame(
        {
            "programme": ["N"] * 4,
            "target_id": ["a", "b", "c", "d"],
            "indicator": ["X"] * 4,
            "comparator": [">="] * 4,
            "target_value": [1.2, 2.0, 3.0, 4.0],
            "target_year": [2025, 2030, 2030, 2030],
            "latest_value": pl.Series([None] * 4, dtype=pl.Float64),
            "milestone": [False] * 4,
        }
    )
    said = sentences(
        empty, names={"X": "S&T"}, measures={"X": "%"}, year=2025, lang="en",
        highs={("N", "a"): 1.5},
    )  # fmt: skip
    assert said == [
        (
            "4 targets have no figure yet to assess them: S&T (≥ 1.2–1.5%, 2025); S&T (≥ 2.0%, "
            "2030); S&T (≥ 3.0%, 2030); S&T (≥ 4.0%, 2030)."
        )
    ]
