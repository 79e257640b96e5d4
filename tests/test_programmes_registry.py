"""The shipped registry against hand counts and facts read from the five source documents.

The national frame and the provinces' own targets are checked in test_programmes_frame.py.

Documents: ndo-2022-07-29 (Nhân Dân, P1 signing 29/07/2022), hp-review-2023 (P1 2023 review
conference), haiphong-gov-2021-12-24 (Hải Phòng DOST 2021 year-end review on haiphong.gov.vn),
baoxaydung-can-tho-2022 (Báo Xây dựng, P2 signing), qd-02-ubnd-2021 (Decision 02/QĐ-UBND of
04/01/2021, P3).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter

import pytest

from stkit.errors import StkitError
from stkit.programmes import Registry, load_registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def test_programme_ids(registry: Registry) -> None:
    # P1 MOST × Hải Phòng (Nhân Dân signing, 2023 review), P2 MOST × Cần Thơ (Báo Xây dựng
    # signing), P3 Decision 02/QĐ-UBND; N1, N2 the national frame; PP-* provinces' own targets.
    programmes = {p.id for p in registry.programmes if p.kind not in ("provincial_plan",)}
    assert programmes == {"N1", "N2", "P1", "P2", "P3"}
    assert len(registry.ids) == len(set(registry.ids))


def test_counts_match_the_sources(registry: Registry) -> None:
    p1, p2, p3 = (registry.get(pid) for pid in ("P1", "P2", "P3"))
    # Nhân Dân 29/07/2022, "Hải Phòng phấn đấu đến năm 2030, ...": TFP 50 %, innovation rate
    # 20 %, high-tech share > 50 %. The other four documents state no other quantitative target.
    assert [len(p.targets) for p in (p1, p2, p3)] == [3, 0, 0]
    # Nhân Dân 29/07/2022: MOST supports 5 things ("Bộ KH&CN hỗ trợ Hải Phòng ... hợp tác quốc tế"),
    # the city commits 2 (own resources for 45-NQ/TW; counterpart resources), both sides aim
    # at 3 ("Hai bên cùng hướng tới ...").
    assert len(p1.tasks) == 5 + 2 + 3
    # Báo Xây dựng, P2 signing: 11 MOST unit actions (Vụ CNC 2, Cục PTTT&DN 1, Vụ PTKH&CN
    # địa phương 1, Tổng cục TCĐLCL 2, Cục SHTT 1, Học viện 1, Viện NLNTVN 3). The 6 city items
    # are the city's proposals to MOST ("những đề xuất, kiến nghị của thành phố"): requests.
    assert len(p2.tasks) == 2 + 1 + 1 + 2 + 1 + 1 + 3
    # Decision 02/QĐ-UBND, section II: 2 branches × 5 categories, and the dash-led actions:
    # domestic a 2, b 4, c 3, d 2, đ 2 (one paragraph, two sentences);
    # international a 4, b 6, c 3, d 2, đ 2.
    assert len(p3.tasks) == 2 + 10 + (2 + 4 + 3 + 2 + 2) + (4 + 6 + 3 + 2 + 2)
    # 2023 review conference (29/03/2024): 2023 results against 7 P1 commitments (MOST.3,
    # MOST.4, MOST.5, HP.1, HP.2, JOINT.1, JOINT.3) and two 2024 events (Conclusion 312 of
    # 15/02/2024 under HP.1; the chip-design agreement signed at the conference under JOINT.1).
    # P3: 3 from the 2021 year-end review and 3 from the 2023 conference.
    assert [len(p.statuses) for p in (p1, p2, p3)] == [9, 0, 6]
    # Nhân Dân 29/07/2022: three 2025 milestones, two for 2030; Decision 02/QĐ-UBND
    # section I: one for 2025.
    assert [len(p.milestones) for p in (p1, p2, p3)] == [5, 0, 1]
    # 2023 review conference, Party Secretary's closing speech: two requests to MOST (innovation
    # centre, Đồ Sơn house) and one to the city People's Committee; the Minister's ask of the
    # city (Báo Đầu tư). P2: the city's 6 proposals to MOST and the Minister's 3 asks of the city.
    assert [len(p.requests) for p in (p1, p2, p3)] == [3 + 1, 6 + 3, 0]
    # Báo Xây dựng: the technology supply–demand connection point and the Vietnam–Korea incubator.
    assert [len(p.situation) for p in (p1, p2, p3)] == [0, 2, 0]
    # Báo Xây dựng, P2 signing: the S&T market at signing (60+ orgs, 14, 2, 2, 6).
    assert [len(p.baselines) for p in (p1, p2, p3)] == [0, 5, 0]
    # Báo Xây dựng: monitoring focal point; Decision 02/QĐ-UBND section III: III.1 and III.2
    # (four bodies).
    assert [len(p.responsibilities) for p in (p1, p2, p3)] == [0, 1, 5]
    # The 2023 review conference and the 2021 DOST year-end review.
    assert [len(p.reviews) for p in (p1, p2, p3)] == [1, 0, 1]


def test_p1_targets_as_stated(registry: Registry) -> None:
    targets = {t.indicator: t for t in registry.get("P1").targets}
    tfp, rate, hitech = targets["TFP_SHARE"], targets["T1405"], targets["HITECH_IND_SHARE"]
    assert (tfp.comparator, tfp.value, tfp.year) == (">=", 50.0, 2030)
    assert (rate.comparator, rate.value, rate.year) == (">=", 20.0, 2030)
    assert (hitech.comparator, hitech.value, hitech.year) == (">", 50.0, 2030)  # "trên 50%"
    assert {t.unit for t in targets.values()} == {"hai-phong"}
    assert tfp.baseline is not None
    assert (tfp.baseline.value, tfp.baseline.year) == (41.0, 2021)


def test_p1_frame(registry: Registry) -> None:
    p1 = registry.get("P1")
    assert p1.signed_on == dt.date(2022, 7, 29)  # "Chiều 29/7" (2022)
    assert (p1.period_start, p1.period_end, p1.horizon) == (
        dt.date(2022, 1, 1),
        dt.date(2025, 12, 31),
        2030,
    )
    signatories = {party.signatory for party in p1.parties}
    assert signatories == {"Huỳnh Thành Đạt", "Nguyễn Văn Tùng"}
    strategy = p1.document(p1.parent_strategy or "")
    assert (strategy.number, strategy.date, strategy.issuer) == (
        "569/QĐ-TTg",
        dt.date(2022, 5, 11),
        "prime-minister",
    )
    resolution = p1.document("nq-45-tw-2019")
    assert (resolution.number, resolution.date, resolution.issuer) == (
        "45-NQ/TW",
        dt.date(2019, 1, 24),
        "politburo",
    )


def test_p3_tree_has_both_branches_and_five_categories(registry: Registry) -> None:
    p3 = registry.get("P3")
    assert [t.code for t in p3.children(None)] == ["II.1", "II.2"]
    for branch, name in (("II.1", "domestic"), ("II.2", "international")):
        categories = p3.children(branch)
        assert [t.code for t in categories] == [f"{branch}.{x}" for x in "abcdđ"]
        assert [t.category for t in categories] == [
            "research",
            "transfer",
            "training",
            "experts",
            "information",
        ]
        for category in categories:
            actions = p3.children(category.code)
            assert actions, category.code
            assert {a.category for a in actions} == {category.category}
            assert {a.branch for a in actions} == {name}
    vin = p3.task("II.1.b.2")
    assert vin.partner_units == ("vingroup", "lg-innotek", "lg-display", "lg-electronics")
    assert p3.task("II.2.a.3").partner_countries == ("JP", "KR", "US", "IL")
    assert "VINAREN" in p3.task("II.2.đ.2").title_vi


def test_p2_assignments_each_have_a_lead(registry: Registry) -> None:
    leads = Counter(t.lead_unit for t in registry.get("P2").tasks if t.code.startswith("MOST."))
    assert leads == {
        "most-hitech": 2,
        "most-natec": 1,
        "most-local": 1,
        "most-stameq": 2,
        "most-ip": 1,
        "most-academy": 1,
        "most-vinatom": 3,
    }


def test_every_fact_cites_a_document_of_its_programme(registry: Registry) -> None:
    for programme in registry.programmes:
        records = [
            *programme.parties,
            *programme.targets,
            *programme.baselines,
            *programme.milestones,
            *programme.tasks,
            *programme.statuses,
            *programme.requests,
            *programme.responsibilities,
            *programme.reviews,
        ]
        for record in records:
            document = programme.document(record.source)
            assert document.title_vi
            assert document.archive_file or document.url or document.kind == "legal"


def test_legal_documents_carry_number_date_and_issuer(registry: Registry) -> None:
    for programme in registry.programmes:
        for document in programme.documents:
            if document.kind == "legal":
                # a Party congress resolution has no number: issuer and date identify it
                assert document.number or document.unnumbered
                assert document.date
                assert document.issuer
                registry.agency(document.issuer)


def test_registry_is_immutable(registry: Registry) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        registry.programmes[0].id = "P9"  # type: ignore[misc]
    assert isinstance(registry.programmes, tuple)
    assert isinstance(registry.programmes[0].tasks, tuple)


def test_unknown_programme_lists_known_ids(registry: Registry) -> None:
    with pytest.raises(
        StkitError, match=r"Unknown programme 'P9'\. Known programmes: N1, N2, P1, P2"
    ):
        registry.get("P9")


def test_deadline_falls_back_to_period_end(registry: Registry) -> None:
    p2 = registry.get("P2")
    assert p2.deadline_of(p2.task("MOST.1")) == dt.date(2025, 12, 31)
