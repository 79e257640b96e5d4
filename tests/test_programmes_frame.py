"""The national frame (Decision 569/QĐ-TTg, Resolution 57-NQ/TW), the provinces' own targets,
target replacement by a later document, and requests framed as requests.

Figures are the ones the cited reports print (see the `text_vi` of each target); the dates of
replacement are the dates of the documents: 569/QĐ-TTg of 11/05/2022, 57-NQ/TW of 22/12/2024.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stkit.datadir import shipped_data_dir
from stkit.programmes import (
    NATIONAL_UNIT,
    Registry,
    RegistryError,
    Target,
    TargetSpan,
    cite,
    load_registry,
    programmes_frame,
    target_spans,
    targets_in_force,
)

DECISION_569 = dt.date(2022, 5, 11)
RESOLUTION_57 = dt.date(2024, 12, 22)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def _span(registry: Registry, target_id: str) -> TargetSpan:
    return next(span for span in target_spans(registry) if span.target.id == target_id)


# --- the national frame --------------------------------------------------------------


def test_national_targets_sit_on_the_national_unit(registry: Registry) -> None:
    national = [p for p in registry.programmes if p.kind == "national_strategy"]
    assert [p.id for p in national] == ["N1", "N2"]
    assert {t.unit for p in national for t in p.targets} == {NATIONAL_UNIT}
    n1, n2 = national
    assert n1.document(n1.source).number == "569/QĐ-TTg"
    assert (n1.signed_on, n1.document(n1.source).issuer) == (DECISION_569, "prime-minister")
    assert n2.document(n2.source).number == "57-NQ/TW"
    assert (n2.signed_on, n2.document(n2.source).issuer) == (RESOLUTION_57, "politburo")


def test_569_figures_as_reported(registry: Registry) -> None:
    targets = {t.id: t for t in registry.get("N1").targets}
    # "Đến năm 2025, đầu tư cho KHCN đạt 1,2-1,5% GDP ... Đến năm 2030, ... 1,5-2% GDP"
    invest_2025, invest_2030 = targets["N1-2025-ST-INVEST"], targets["N1-2030-ST-INVEST"]
    assert (invest_2025.value, invest_2025.value_high, invest_2025.year) == (1.2, 1.5, 2025)
    assert (invest_2030.value, invest_2030.value_high, invest_2030.year) == (1.5, 2.0, 2030)
    # "10 người trên một vạn dân năm 2025 và 12 người ... 5 năm tiếp theo"
    assert targets["N1-2025-RD-STAFF"].value == 10.0
    assert targets["N1-2030-RD-STAFF"].value == 12.0
    # "TFP ... trên 50%", "tối thiểu 45%", "top 40", "tăng trung bình 10%", "16-18%", "12-14%"
    tfp = targets["N1-2030-TFP"]
    assert (tfp.comparator, tfp.value) == (">", 50.0)
    assert (targets["N1-2030-HITECH-MFG"].comparator, targets["N1-2030-HITECH-MFG"].value) == (
        ">=",
        45.0,
    )
    assert (targets["N1-2030-GII"].comparator, targets["N1-2030-GII"].value) == ("<=", 40.0)
    assert targets["N1-2030-PUB"].value == 10.0
    assert (targets["N1-2030-PATENT"].value, targets["N1-2030-PATENT"].value_high) == (16.0, 18.0)
    assert (targets["N1-2030-PVP"].value, targets["N1-2030-PVP"].value_high) == (12.0, 14.0)


def test_every_national_and_provincial_target_is_sourced(registry: Registry) -> None:
    for programme in registry.programmes:
        if programme.kind not in ("national_strategy", "provincial_plan"):
            continue
        for target in programme.targets:
            setting = programme.document(target.source)
            assert setting.date is not None, target.id
            if setting.kind == "legal":
                # the document that set the target: issuer and date (and number, if it has one)
                assert setting.issuer is not None, target.id
                registry.agency(setting.issuer)
                assert setting.number or setting.unnumbered, target.id
            else:
                assert setting.url, target.id
                assert setting.publisher, target.id
            reports = [programme.document(d) for d in target.corroborated_by]
            assert all(r.url and r.publisher for r in reports), target.id
            if setting.kind == "legal":
                # the figure is checked against at least one report of it; one report only
                # is said in the note
                assert reports, target.id
                if len(reports) < 2:
                    assert "one report" in (target.note or ""), target.id


def test_57_replaces_569_from_its_date_and_both_stay_visible(registry: Registry) -> None:
    old, new = _span(registry, "N1-2030-TFP"), _span(registry, "N2-2030-TFP")
    assert (old.target.value, new.target.value) == (50.0, 55.0)
    assert (old.in_force_from, old.superseded_by, old.superseded_on) == (
        DECISION_569,
        "N2-2030-TFP",
        RESOLUTION_57,
    )
    assert (new.in_force_from, new.superseded_by) == (RESOLUTION_57, None)

    def tfp_in_force(day: dt.date) -> list[str]:
        return [
            s.target.id
            for s in targets_in_force(registry, day, unit=NATIONAL_UNIT)
            if s.target.indicator == "TFP_SHARE"
        ]

    assert tfp_in_force(DECISION_569 - dt.timedelta(days=1)) == []
    assert tfp_in_force(RESOLUTION_57 - dt.timedelta(days=1)) == ["N1-2030-TFP"]
    assert tfp_in_force(RESOLUTION_57) == ["N2-2030-TFP"]
    # 569's investment-in-S&T target is not replaced (57 sets R&D spending, another measure)
    assert _span(registry, "N1-2030-ST-INVEST").superseded_by is None


@given(day=st.dates(dt.date(2020, 1, 1), dt.date(2046, 12, 31)))
def test_a_replaced_target_and_its_replacement_never_apply_together(
    registry: Registry, day: dt.date
) -> None:
    in_force = {span.target.id for span in targets_in_force(registry, day)}
    for span in target_spans(registry):
        if span.superseded_by is not None:
            assert not (span.target.id in in_force and span.superseded_by in in_force)
        # no target applies before its own date
        if span.target.id in in_force:
            assert span.in_force_from <= day


# --- provinces' own targets ------------------------------------------------------------


def test_at_least_ten_provinces_have_own_targets(registry: Registry) -> None:
    plans = [p for p in registry.programmes if p.kind == "provincial_plan"]
    units = {p.unit for p in plans}
    assert len(units) >= 10
    assert {"hai-phong", "can-tho", "quang-ninh", "da-nang"} <= units
    for plan in plans:
        assert plan.targets, plan.id
        assert {t.unit for t in plan.targets} == {plan.unit}
        assert all(t.year == 2030 for t in plan.targets)


def test_provincial_figures_as_reported(registry: Registry) -> None:
    def target(pid: str, indicator: str) -> Target:
        return next(t for t in registry.get(pid).targets if t.indicator == indicator)

    # Quảng Ninh: "GRDP bình quân giai đoạn 2026-2030 đạt 12%/năm", "kinh tế số ... 30%",
    # "TFP ... trên 55%"
    assert target("PP-quang-ninh", "GRDP_GROWTH").value == 12.0
    assert target("PP-quang-ninh", "DIGITAL_ECON_SHARE").value == 30.0
    assert (target("PP-quang-ninh", "TFP_SHARE").comparator, 55.0) == (">", 55.0)
    # Đà Nẵng: "Tỷ trọng kinh tế số đạt 35-40% GRDP"
    da_nang = target("PP-da-nang", "DIGITAL_ECON_SHARE")
    assert (da_nang.value, da_nang.value_high) == (35.0, 40.0)
    # Vĩnh Long: "Quy mô GRDP theo giá hiện hành 589.730 tỷ đồng", "kinh tế số ... 10,08%"
    assert target("PP-vinh-long", "GRDP").value == 589_730.0
    assert target("PP-vinh-long", "DIGITAL_ECON_SHARE").value == 10.08
    # Thái Nguyên: "GRDP theo giá hiện hành đến năm 2030 đạt 361,6 nghìn tỷ đồng"
    assert target("PP-thai-nguyen", "GRDP").value == 361_600.0


def test_congress_resolution_is_cited_by_issuer_and_day(registry: Registry) -> None:
    plan = registry.get("PP-da-nang")
    assert cite(registry, plan, "nq-dh-da-nang-2025", "vi") == (
        "Nghị quyết Đại hội đại biểu Đảng bộ thành phố Đà Nẵng lần thứ I, nhiệm kỳ 2025-2030, "
        "thông qua ngày 18/09/2025"
    )
    assert cite(registry, plan, "nq-dh-da-nang-2025", "en") == (
        "Resolution of the Đà Nẵng City Party congress (I), 2025–2030, adopted 18/09/2025"
    )
    listed = programmes_frame(registry).filter(pl.col("id") == "PP-da-nang")
    assert listed["legal_basis"].item() == "Nghị quyết Đại hội (18/09/2025)"


def test_congress_resolutions_are_identified_by_issuer_and_date(registry: Registry) -> None:
    for plan in (p for p in registry.programmes if p.kind == "provincial_plan"):
        for document in plan.documents:
            if document.kind == "legal":
                assert document.unnumbered
                assert document.number is None
                assert document.issuer == f"{plan.unit}-party-congress"
                assert plan.signed_on == document.date


# --- requests, reviews and dates (issue 11) --------------------------------------------


def test_p2_city_items_are_proposals_to_most(registry: Registry) -> None:
    p2 = registry.get("P2")
    proposals = [q for q in p2.requests if q.id.startswith("CT.")]
    assert [q.id for q in proposals] == [f"CT.{n}" for n in range(1, 7)]
    for q in proposals:
        assert (q.kind, q.requested_by, q.addressee) == ("proposal", "can-tho-pc", "most")
        assert q.asked_on == dt.date(2022, 10, 19)
        assert [f.kind for f in q.follow_ups] == ["assignment"]
    assert not any(t.code.startswith("CT.") for t in p2.tasks)
    # the Minister handed three of them to named units
    answered = {t.code: t.answers for t in p2.tasks if t.answers}
    assert answered == {"MOST.1": ("CT.3",), "MOST.3": ("CT.1",), "MOST.8": ("CT.5",)}
    asks = [q for q in p2.requests if q.requested_by == "most"]
    assert {q.addressee for q in asks} == {"can-tho-pc"}
    assert len(asks) == 3


def test_p1_requests_voiced_by_the_party_secretary_with_general_follow_ups(
    registry: Registry,
) -> None:
    p1 = registry.get("P1")
    to_most = [q for q in p1.requests if q.addressee == "most"]
    assert [q.id for q in to_most] == ["P1-Q1", "P1-Q2"]
    for q in to_most:
        assert (q.voiced_by, q.asked_on, q.year) == ("Lê Tiến Châu", dt.date(2024, 3, 29), 2024)
        assert q.voiced_by_title_vi == "Bí thư Thành ủy Hải Phòng"
        assert "answer" not in {f.kind for f in q.follow_ups}
    kinds = {q.id: sorted(f.kind for f in q.follow_ups) for q in to_most}
    assert kinds == {
        "P1-Q1": ["general_agreement"],
        "P1-Q2": ["general_agreement", "own_action"],
    }


def test_2023_review_is_dated_and_2024_events_sit_in_2024(registry: Registry) -> None:
    p1 = registry.get("P1")
    (review,) = p1.reviews
    assert (review.year, review.held_on) == (2023, dt.date(2024, 3, 29))
    # the date comes from two further reports of the conference
    assert set(review.cites) == {"baodautu-2024-hp-review", "vjst-2024-hp-review"}
    assert p1.document("hp-review-2023").publisher == "Báo Bảo vệ pháp luật"
    by_year = {(s.task, s.year): s for s in p1.statuses}
    assert "312" not in by_year[("HP.1", 2023)].evidence_vi
    assert "Kết luận số 312 ngày 15/02/2024" in by_year[("HP.1", 2024)].evidence_vi
    assert "vi mạch" not in by_year[("JOINT.1", 2023)].evidence_vi
    assert "vi mạch" in by_year[("JOINT.1", 2024)].evidence_vi
    assert ("HP.2", 2023) in by_year
    joint3 = by_year[("JOINT.3", 2023)].evidence_vi
    assert "Hội thảo khoa học về chuyển đổi số" in joint3
    assert "hệ thống chất lượng" in joint3


def test_2021_review_keeps_its_2022_priorities_and_resolution_03(registry: Registry) -> None:
    p3 = registry.get("P3")
    (review,) = p3.reviews
    assert review.held_on == dt.date(2021, 12, 24)
    assert len(review.priorities_vi) == len(review.priorities_en) == 11
    resolution = p3.document("nq-03-tu-2021")
    assert (resolution.number, resolution.date, resolution.issuer) == (
        "03-NQ/TU",
        dt.date(2021, 10, 26),
        "hai-phong-party-standing",
    )
    assert "nq-03-tu-2021" in review.cites


def test_three_resolutions_numbered_45_nq_tw_stay_apart(registry: Registry) -> None:
    found = {
        (d.number, d.date, d.issuer)
        for p in registry.programmes
        for d in p.documents
        if d.number == "45-NQ/TW"
    }
    assert found == {
        ("45-NQ/TW", dt.date(2019, 1, 24), "politburo"),  # Hải Phòng
        ("45-NQ/TW", dt.date(2005, 2, 17), "politburo"),  # Cần Thơ
    }
    note = registry.get("P1").document("nq-45-tw-2019").note or ""
    assert "24/11/2023" in note
    assert "17/02/2005" in note


def test_titles_keep_the_source_wording(registry: Registry) -> None:
    # Báo Xây dựng writes "Cục Sở hữu trí tuệ tạo chủ trì"; the stray word stays.
    assert registry.get("P2").task("MOST.7").title_vi.startswith("Cục Sở hữu trí tuệ tạo chủ trì")


# --- the loader's rules for replacements ------------------------------------------------

BASE = """\
id = "{pid}"
title_vi = "Thử"
title_en = "Test"
short_vi = "Thử"
short_en = "Test"
kind = "national_strategy"
unit = "viet-nam"
period_start = {day}
period_end = 2030-12-31
source = "{doc}"

[[documents]]
id = "{doc}"
kind = "legal"
doc_type_vi = "Nghị quyết"
number = "{number}"
date = {day}
issuer = "politburo"
title_vi = "Văn bản thử"
title_en = "Test document"

[[targets]]
id = "{tid}"
unit = "viet-nam"
indicator = "{indicator}"
comparator = ">"
value = {value}
year = 2030
text_vi = "x"
text_en = "x"
source = "{doc}"
"""


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    (root / "programmes").mkdir(parents=True)
    shipped = shipped_data_dir()
    for name in ("agencies.csv", "indicators.csv"):
        shutil.copy(shipped / name, root / name)
    if (shipped / "units").is_dir():
        shutil.copytree(shipped / "units", root / "units")
    return root


def _write(
    root: Path,
    name: str,
    *,
    pid: str,
    tid: str,
    day: str,
    number: str,
    extra: str = "",
    indicator: str = "TFP_SHARE",
    value: float = 50.0,
) -> Path:
    text = BASE.format(
        pid=pid, tid=tid, day=day, number=number, doc=f"doc-{pid}", indicator=indicator, value=value
    )
    path = root / "programmes" / name
    path.write_text(text + extra, encoding="utf-8")
    return path


def _problems(root: Path) -> list[str]:
    with pytest.raises(RegistryError) as caught:
        load_registry(root)
    return [str(problem) for problem in caught.value.problems]


def test_replacement_loads_and_supersedes(data_dir: Path) -> None:
    _write(data_dir, "a.toml", pid="A", tid="A-T", day="2022-05-11", number="1/QĐ-TTg")
    _write(
        data_dir,
        "b.toml",
        pid="B",
        tid="B-T",
        day="2024-12-22",
        number="2-NQ/TW",
        value=55.0,
        extra='replaces = "A-T"\n',
    )
    registry = load_registry(data_dir)
    assert [s.target.id for s in targets_in_force(registry, dt.date(2024, 12, 21))] == ["A-T"]
    assert [s.target.id for s in targets_in_force(registry, dt.date(2024, 12, 22))] == ["B-T"]


def test_loader_rejects_a_replacement_of_an_unknown_target(data_dir: Path) -> None:
    file = _write(
        data_dir,
        "b.toml",
        pid="B",
        tid="B-T",
        day="2024-12-22",
        number="2-NQ/TW",
        extra='replaces = "N9-2030-TFP"\n',
    )
    line = BASE.splitlines().index("[[targets]]") + 1
    assert _problems(data_dir) == [
        (
            f"{file}: targets[1].replaces (block at line {line}): replaces target 'N9-2030-TFP', "
            "which no programme file defines. Fix: use the id of the earlier target exactly as "
            "written in its file."
        )
    ]


def test_loader_rejects_a_replacement_on_another_indicator_or_an_earlier_date(
    data_dir: Path,
) -> None:
    _write(data_dir, "a.toml", pid="A", tid="A-T", day="2024-12-22", number="1/QĐ-TTg")
    _write(
        data_dir,
        "b.toml",
        pid="B",
        tid="B-T",
        day="2022-05-11",
        number="2-NQ/TW",
        indicator="GII_RANK",
        extra='replaces = "A-T"\n',
    )
    problems = _problems(data_dir)
    assert len(problems) == 2
    assert "a replacement restates the same indicator, unit and year" in problems[0]
    assert "must take effect after the target it replaces" in problems[1]
    assert "B-T: 2022-05-11; A-T: 2024-12-22" in problems[1]


def test_loader_rejects_a_target_replaced_twice(data_dir: Path) -> None:
    _write(data_dir, "a.toml", pid="A", tid="A-T", day="2022-05-11", number="1/QĐ-TTg")
    for name, pid, number in (("b.toml", "B", "2-NQ/TW"), ("c.toml", "C", "3-NQ/TW")):
        _write(
            data_dir,
            name,
            pid=pid,
            tid=f"{pid}-T",
            day="2024-12-22",
            number=number,
            extra='replaces = "A-T"\n',
        )
    (problem,) = _problems(data_dir)
    assert "'A-T' is already replaced by 'B-T'" in problem


def test_loader_rejects_an_indicator_missing_from_the_catalogue(data_dir: Path) -> None:
    file = _write(
        data_dir,
        "a.toml",
        pid="A",
        tid="A-T",
        day="2022-05-11",
        number="1/QĐ-TTg",
        indicator="NOT_AN_INDICATOR",
    )
    line = BASE.splitlines().index("[[targets]]") + 1
    assert _problems(data_dir) == [
        (
            f"{file}: targets[1].indicator (block at line {line}): indicator 'NOT_AN_INDICATOR' "
            "is not in indicators.csv. Fix: use a code from data/indicators.csv, or add the "
            "indicator at the end of it."
        )
    ]


def test_unnumbered_resolution_needs_its_date(data_dir: Path) -> None:
    file = _write(data_dir, "a.toml", pid="A", tid="A-T", day="2022-05-11", number="1/QĐ-TTg")
    text = file.read_text(encoding="utf-8")
    text = text.replace('number = "1/QĐ-TTg"\ndate = 2022-05-11\n', "unnumbered = true\n")
    file.write_text(text, encoding="utf-8")
    problems = _problems(data_dir)
    assert any(
        "documents[1].date" in p and "'date' is missing" in p and "three resolutions" in p
        for p in problems
    )


def test_programme_unit_is_read_on_the_day_its_period_starts(data_dir: Path) -> None:
    # Huế (code 46) exists from 01/07/2025: a plan adopted in October 2025 is on it.
    file = _write(data_dir, "a.toml", pid="A", tid="A-T", day="2025-10-04", number="1/QĐ-TTg")
    file.write_text(
        file.read_text(encoding="utf-8").replace(
            'unit = "viet-nam"\nperiod', 'unit = "hue"\nperiod'
        ),
        encoding="utf-8",
    )
    assert load_registry(data_dir).get("A").unit == "hue"
    text = file.read_text(encoding="utf-8").replace(
        "period_start = 2025-10-04", "period_start = 2025-01-01"
    )
    file.write_text(text, encoding="utf-8")
    (problem,) = _problems(data_dir)
    assert "'hue' is not a province unit in 2025 (the 63 units before 1 July 2025 apply)" in problem


def test_a_request_belongs_to_the_year_it_was_made(data_dir: Path) -> None:
    request = """
[[requests]]
id = "Q1"
kind = "request"
year = 2023
asked_on = 2024-03-29
requested_by = "hai-phong-pc"
addressee = "most"
title_vi = "đề nghị"
title_en = "request"
state = "open"
source = "doc-A"
"""
    file = _write(data_dir, "a.toml", pid="A", tid="A-T", day="2022-05-11", number="1/QĐ-TTg")
    file.write_text(file.read_text(encoding="utf-8") + request, encoding="utf-8")
    line = (file.read_text(encoding="utf-8").splitlines()).index("[[requests]]") + 1
    assert _problems(data_dir) == [
        (
            f"{file}: requests[1].asked_on (block at line {line}): the request was made on "
            "2024-03-29 but is filed under 2023. Fix: set `year = 2024`: a request belongs to "
            "the year it was made."
        )
    ]
