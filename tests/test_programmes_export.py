"""Registry exports in the public formats, and the `stkit programmes` commands."""

from __future__ import annotations

import datetime as dt
import io
import json

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stkit.cli import main
from stkit.i18n import Lang
from stkit.programmes import (
    Programme,
    Registry,
    Target,
    TargetMilestone,
    load_registry,
    targets_frame,
    task_status_frame,
    tasks_frame,
)
from stkit.programmes.export import TARGETS_SCHEMA, TASK_STATUS_SCHEMA, cite

LANGS: tuple[Lang, ...] = ("vi", "en")


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def test_targets_frame_p1(registry: Registry) -> None:
    frame = targets_frame(registry, "P1")
    assert frame.schema == pl.Schema(TARGETS_SCHEMA)
    assert frame.rows() == [
        ("P1", "P1-T1", "hai-phong", "TFP_SHARE", ">=", 50.0, 2030, 41.0, 2021),
        ("P1", "P1-T2", "hai-phong", "T1405", ">=", 20.0, 2030, None, None),
        ("P1", "P1-T3", "hai-phong", "HITECH_IND_SHARE", ">", 50.0, 2030, None, None),
    ]


def test_targets_frame_empty_programme_keeps_the_format(registry: Registry) -> None:
    frame = targets_frame(registry, "P2")
    assert frame.height == 0
    assert frame.schema == pl.Schema(TARGETS_SCHEMA)


def test_task_status_frame(registry: Registry) -> None:
    frame = task_status_frame(registry)
    assert frame.schema == pl.Schema(TASK_STATUS_SCHEMA)
    # P1: 7 results of 2023 and 2 events of 2024 from the review of 29/03/2024; P3: 6.
    assert frame.height == 15
    row = frame.filter(pl.col("task") == "II.2.c.2").row(0, named=True)
    assert (row["programme"], row["year"], row["status"]) == ("P3", 2021, "not_started")
    assert row["source"].startswith("Cổng thông tin điện tử thành phố Hải Phòng")
    assert row["source"].endswith("triển khai nhiệm vụ năm 2022”, 24/12/2021")
    english = task_status_frame(registry, "P1", lang="en")
    assert english.filter(pl.col("task") == "MOST.3")["evidence"].item().startswith("Data for")


def test_tasks_frame(registry: Registry) -> None:
    frame = tasks_frame(registry, "P3")
    assert frame.columns[:10] == [
        "programme",
        "task",
        "parent",
        "title_vi",
        "title_en",
        "category",
        "lead_unit",
        "partner_units",
        "deadline",
        "source",
    ]
    assert frame.height == 42
    row = frame.filter(pl.col("task") == "II.1.b.2").row(0, named=True)
    assert row["parent"] == "II.1.b"
    assert row["partner_units"] == ["vingroup", "lg-innotek", "lg-display", "lg-electronics"]
    assert row["deadline"] == dt.date(2025, 12, 31)
    assert row["deadline_stated"] is False
    assert row["source"] == (
        "Quyết định 02/QĐ-UBND ngày 04/01/2021 của Ủy ban nhân dân thành phố Hải Phòng"
    )
    leaves = frame.filter(~pl.col("task").is_in(frame["parent"].drop_nulls().implode()))
    assert leaves.height == 30
    assert leaves.group_by("branch").len().sort("branch").rows() == [
        ("domestic", 13),
        ("international", 17),
    ]


def test_citations_name_outlet_title_and_date_not_the_archive_file(registry: Registry) -> None:
    p1, p3 = registry.get("P1"), registry.get("P3")
    assert cite(registry, p1, "ndo-2022-07-29", "en") == (
        "Báo Nhân Dân điện tử (NDO), “MOST and Hải Phòng sign a coordination programme”, 29/07/2022"
    )
    assert cite(registry, p3, "hp-review-2023", "en") == (
        "Báo Bảo vệ pháp luật, “[Conference reviewing the 2023 results of the "
        "MOST × Hải Phòng coordination programme]”, undated"
    )
    archived = 0
    for programme in registry.programmes:
        for document in programme.documents:
            if document.archive_file:
                archived += 1
                for lang in LANGS:
                    text = cite(registry, programme, document.id, lang)
                    assert document.archive_file not in text
    assert archived == 6


_steps = st.lists(
    st.tuples(
        st.integers(2021, 2029),
        st.floats(0, 100, allow_nan=False),
        st.sampled_from([">=", ">", "<=", "<", "="]),
    ),
    max_size=4,
    unique_by=lambda step: step[0],
)


@given(steps=_steps, target_value=st.floats(0, 100, allow_nan=False))
def test_targets_frame_rows_are_milestones_then_target(
    steps: list[tuple[int, float, str]], target_value: float
) -> None:
    milestones = tuple(
        TargetMilestone(year=y, value=v, comparator=c)  # type: ignore[arg-type]
        for y, v, c in steps
    )
    target = Target(
        id="T",
        unit="hai-phong",
        indicator="TFP_SHARE",
        comparator=">=",
        value=target_value,
        year=2030,
        text_vi="x",
        text_en="x",
        source="d",
        milestones=milestones,
    )
    programme = Programme(
        id="PX",
        title_vi="x",
        title_en="x",
        short_vi="x",
        short_en="x",
        kind="coordination",
        unit="hai-phong",
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2025, 12, 31),
        source="d",
        file="x.toml",
        targets=(target,),
    )
    frame = targets_frame(Registry(programmes=(programme,)))
    assert frame.height == len(steps) + 1
    assert frame["year"].to_list() == sorted(frame["year"].to_list())
    last = frame.row(-1, named=True)
    assert (last["year"], last["value"], last["comparator"]) == (2030, target_value, ">=")
    assert frame["target_id"].unique().to_list() == ["T"]


def test_cli_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["programmes", "list", "--format", "csv"]) == 0
    frame = pl.read_csv(io.StringIO(capsys.readouterr().out))
    assert frame["id"].to_list()[:5] == ["N1", "N2", "P1", "P2", "P3"]
    assert frame["id"].to_list()[5:] == sorted(frame["id"].to_list()[5:])
    assert frame["tasks"].to_list()[:5] == [0, 0, 10, 11, 42]
    assert main(["programmes", "list", "--lang", "en"]) == 0
    assert "MOST × Cần Thơ 2022–2025" in capsys.readouterr().out


def test_cli_show_vi_and_en(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["programmes", "show", "P1"]) == 0
    text = capsys.readouterr().out
    assert "Quyết định 569/QĐ-TTg ngày 11/05/2022 của Thủ tướng Chính phủ" in text
    assert "P1-T3 HITECH_IND_SHARE > 50,0 (2030, hai-phong)" in text
    assert "▸ 2023 · đang thực hiện" in text
    assert main(["programmes", "show", "P3", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "II.2.đ.2 Make better use of the VINAREN network" in text
    assert "Standing agency of the programme" in text


def test_cli_targets_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["programmes", "targets", "P1", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "programme,target_id,unit,indicator,comparator,value,year,baseline_value,baseline_year"
    )
    assert lines[1] == "P1,P1-T1,hai-phong,TFP_SHARE,>=,50.0,2030,41.0,2021"


def test_cli_tasks_and_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["programmes", "tasks", "P2", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[-1]["task"] == "MOST.11"
    assert rows[0]["task"] == "MOST.1"
    assert main(["programmes", "tasks", "P3", "--format", "csv"]) == 0
    assert "vingroup;lg-innotek;lg-display;lg-electronics" in capsys.readouterr().out
    assert main(["programmes", "tasks", "P1", "--status", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("programme,task,year,status,evidence,source\n")
    assert main(["programmes", "status", "P3", "--format", "csv"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1 + 6


def test_cli_unknown_programme_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["programmes", "show", "P9", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "Unknown programme 'P9'. Known programmes: N1, N2, P1, P2, P3, PP-" in err
    assert "Traceback" not in err


def test_cli_bad_lang_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["programmes", "show", "P1", "--lang", "fr"]) == 2
    assert "choose vi (Vietnamese) or en (English)" in capsys.readouterr().err
