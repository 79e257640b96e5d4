"""Validation: the malformed corpus (exact problems per file), cross-table rules, messages, API."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expected_problems import ExpectedProblem, expected_problem, problem_order
from stkit.errors import StkitError
from stkit.i18n import messages as _messages
from stkit.problems import SHOWN, SHOWN_PER_RULE, to_problems
from stkit.readers import ROW, VIETNAMESE, RawTable, frame_to_raw
from stkit.validation import (
    Inputs,
    Problem,
    Reference,
    ValidationFailed,
    check_table,
    load_inputs,
    load_reference,
    problems_frame,
    shown,
    validate_tables,
)

MALFORMED = Path(__file__).parent / "malformed"
VALID = MALFORMED / "valid"
TODAY = dt.date(2026, 3, 1)

ARGUMENT = {
    "indicators": "indicators",
    "observations": "observations",
    "targets": "targets",
    "task_status": "tasks",
}


def _expected() -> dict[str, tuple[str, list[ExpectedProblem]]]:
    cases: dict[str, tuple[str, list[ExpectedProblem]]] = {}
    with (MALFORMED / "expected.csv").open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            _table, rows = cases.setdefault(record["case"], (record["table"], []))
            rows.append(expected_problem(record))
    return cases


CASES = _expected()


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference()


def _valid_files() -> dict[str, Path]:
    return {
        "indicators": VALID / "indicators.csv",
        "observations": VALID / "observations.csv",
        "targets": VALID / "targets.csv",
        "tasks": VALID / "task_status.csv",
    }


def test_corpus_has_at_least_40_malformed_files() -> None:
    files = [p for p in MALFORMED.iterdir() if p.is_file() and not p.name.startswith("_")]
    cases = [p for p in files if p.name != "expected.csv"]
    assert len(cases) >= 40
    assert {p.name for p in cases} == set(CASES)


def test_valid_set_passes(reference: Reference) -> None:
    inputs = load_inputs(None, **_valid_files(), reference=reference, today=TODAY)
    assert inputs.observations.height == 4
    assert inputs.observations["illustrative"].to_list() == [False] * 4
    assert inputs.targets["baseline_year"].to_list() == [2021, None, None]
    assert inputs.tasks["status"].to_list() == ["in_progress", "done"]


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_file_reports_exactly_its_problems(case: str, reference: Reference) -> None:
    table, expected = CASES[case]
    files = _valid_files()
    files[ARGUMENT[table]] = MALFORMED / case
    with pytest.raises(ValidationFailed) as caught:
        load_inputs(None, **files, reference=reference, today=TODAY)
    problems = caught.value.problems
    assert {p.table for p in problems} == {table}
    assert {Path(p.file).name for p in problems} == {case}
    found = sorted(
        ((p.sheet, p.row, p.column, p.value, p.rule) for p in problems), key=problem_order
    )
    assert found == sorted(expected, key=problem_order)
    for problem in problems:
        for lang in ("vi", "en"):
            text = problem.message(lang) + problem.fix(lang)
            assert "{" not in text
            assert "}" not in text


def test_messages_name_successor_and_predecessors(reference: Reference) -> None:
    files = _valid_files()
    files["observations"] = MALFORMED / "obs_unit_merged.csv"
    with pytest.raises(ValidationFailed) as caught:
        load_inputs(None, **files, reference=reference, today=TODAY)
    (problem,) = caught.value.problems
    assert "Hải Phòng" in problem.message("vi")
    assert "'hai-phong'" in problem.fix("en")
    files["observations"] = MALFORMED / "obs_unit_not_yet.csv"
    with pytest.raises(ValidationFailed) as caught:
        load_inputs(None, **files, reference=reference, today=TODAY)
    (problem,) = caught.value.problems
    assert "thua-thien-hue" in problem.message("en")


def test_suggestions_for_close_names(reference: Reference) -> None:
    files = _valid_files()
    files["observations"] = MALFORMED / "obs_unknown_unit.csv"
    with pytest.raises(ValidationFailed) as caught:
        load_inputs(None, **files, reference=reference, today=TODAY)
    assert "did you mean 'hai-phong'?" in caught.value.problems[0].fix("en")
    files["observations"] = MALFORMED / "obs_misspelled_column.csv"
    with pytest.raises(ValidationFailed) as caught:
        load_inputs(None, **files, reference=reference, today=TODAY)
    missing = next(p for p in caught.value.problems if p.rule == "column_missing")
    assert "'indicatr'" in missing.fix("en")


def test_decimal_comma_declared_by_marker_reads_values(
    reference: Reference, tmp_path: Path
) -> None:
    path = tmp_path / "obs.csv"
    path.write_text(
        "# stkit: decimal=, thousands=.\n"
        "unit,indicator,period,value,source,note,illustrative\n"
        'hai-phong,T1407,2023,"1.234,5",src,,\n'
        'can-tho,T1405,2024,"30,4",src,,có\n',
        encoding="utf-8",
    )
    files = _valid_files()
    files["observations"] = path
    inputs = load_inputs(None, **files, reference=reference, today=TODAY)
    assert inputs.observations["value"].to_list() == [1234.5, 30.4]
    assert inputs.observations["illustrative"].to_list() == [False, True]


def test_decimal_comma_declared_by_caller(reference: Reference, tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text(
        'unit,indicator,period,value,source\nhai-phong,T1407,2023,"1.234,5",src\n',
        encoding="utf-8",
    )
    files = _valid_files()
    files["observations"] = path
    inputs = load_inputs(None, **files, number_format=VIETNAMESE, reference=reference, today=TODAY)
    assert inputs.observations["value"].to_list() == [1234.5]


def test_year_2025_is_on_old_units(reference: Reference, tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text(
        "unit,indicator,period,value,source\n"
        "hai-duong,T1401,2025,10,src\n"
        "thua-thien-hue,T1401,2025,10,src\n"
        "hue,T1401,2025,10,src\n",
        encoding="utf-8",
    )
    files = _valid_files()
    files["observations"] = path
    with pytest.raises(ValidationFailed) as caught:
        load_inputs(None, **files, reference=reference, today=TODAY)
    assert [(p.row, p.rule) for p in caught.value.problems] == [(4, "unit_not_yet")]


def test_shipped_data_set_is_valid() -> None:
    inputs = load_inputs(today=TODAY)
    summary = inputs.summary()
    assert summary["table"].to_list() == ["indicators", "observations", "targets", "task_status"]
    assert all(rows > 0 for rows in summary["rows"].to_list())


def test_problem_frame_orders_by_table_then_row() -> None:
    problems = [
        Problem("observations", "b.csv", None, 5, "value", "x", "not_a_number"),
        Problem("indicators", "a.csv", None, 3, "kind", "y", "allowed_values"),
        Problem("observations", "b.csv", None, 2, "unit", "z", "unknown_unit"),
    ]
    frame = problems_frame(problems, "en")
    assert frame.columns == [
        "table",
        "file",
        "sheet",
        "row",
        "column",
        "value",
        "rule",
        "message",
        "fix",
    ]
    assert frame["row"].to_list() == [3, 2, 5]
    assert frame["message"][2] == "'x' is not a number."


def test_validation_failed_is_a_plain_stkit_error() -> None:
    problems = [
        Problem("observations", "b.csv", None, i, "value", "x", "not_a_number") for i in range(25)
    ]
    error = ValidationFailed(problems)
    assert isinstance(error, StkitError)
    text = str(error)
    assert text.startswith("25 problem(s)")
    assert "b.csv, row 0, column value: 'x' is not a number." in text
    assert "b.csv, row 4, column value" in text
    assert "b.csv, row 5, column value" not in text  # five of a rule are written out
    assert "... and 20 more rows with this problem (rule 'not_a_number' in b.csv)." in text
    assert "Traceback" not in text
    assert error.count == 25
    assert len(error.shown) == SHOWN_PER_RULE
    assert len(error.problems) == 25
    assert error.frame("en").height == 25


def test_every_rule_renders_in_both_languages() -> None:
    for rule in _messages.RULES:
        for lang in ("vi", "en"):
            text = _messages.render(rule, "message", lang, {}) + _messages.render(
                rule, "fix", lang, {}
            )
            assert text.strip()
            assert not re.search(r"[{}]", text)


def test_missing_required_column_skips_row_checks() -> None:
    raw = frame_to_raw(
        pl.DataFrame({"unit": ["hai-phong"], "indicator": ["T1401"], "period": ["20x4"]}),
        file="obs.csv",
    )
    typed, problems = check_table(raw, "observations", current_year=2026)
    assert typed is None
    assert sorted(p.column or "" for p in to_problems(problems)) == ["source", "value"]


def test_tables_that_could_not_be_typed_are_skipped_across(reference: Reference) -> None:
    raws: dict[str, RawTable] = {
        "observations": frame_to_raw(
            pl.DataFrame({"unit": ["nowhere"], "indicator": ["T1"], "period": ["2023"]}),
            file="obs.csv",
        )
    }
    typed, problems = validate_tables(raws, reference, current_year=2026)
    assert typed["indicators"].height == 0
    assert set(problems["rule"]) == {"column_missing"}


def test_data_dir_override(reference: Reference, tmp_path: Path) -> None:
    shutil.copy(VALID / "indicators.csv", tmp_path / "indicators.csv")
    shutil.copy(VALID / "observations.csv", tmp_path / "observations.csv")
    # the registry's own targets use indicators beyond this 7-indicator catalogue
    targets = VALID / "targets.csv"
    inputs = load_inputs(tmp_path, targets=targets, reference=reference, today=TODAY)
    assert isinstance(inputs, Inputs)
    assert inputs.indicators.height == 7
    assert dict(inputs.origins)["observations"] == str(tmp_path / "observations.csv")


# --- hostile inputs: ranges, duplicates at scale, not reported, escaped values -------------

PII_CATALOGUE = (
    "code,name_vi,name_en,unit,direction,kind,merge_rule,weight_indicator,source\n"
    "PII,Chỉ số PII,PII,points (0–100),increase,index,none,,MOST\n"
    "PII_RANK,Thứ hạng PII,PII rank,rank,decrease,index,none,,MOST\n"
    "STARS,Số sao,Stars,points (1–5),increase,index,none,,Illustrative\n"
)


def _load_observations(folder: Path, reference: Reference) -> None:
    """Validate `folder`'s indicators.csv and obs.csv (every other table the shipped one)."""
    load_inputs(
        None,
        indicators=folder / "indicators.csv",
        observations=folder / "obs.csv",
        reference=reference,
        today=TODAY,
    )


def _ranges(reference: Reference, tmp_path: Path, rows: list[str]) -> list[tuple[int, str, str]]:
    (tmp_path / "indicators.csv").write_text(PII_CATALOGUE, encoding="utf-8")
    (tmp_path / "obs.csv").write_text(
        "unit,indicator,period,value,source\n" + "".join(f"{r},MOST\n" for r in rows),
        encoding="utf-8",
    )
    try:
        _load_observations(tmp_path, reference)
    except ValidationFailed as failed:
        return [
            (p.row or 0, p.value or "", p.rule)
            for p in failed.problems
            if p.table == "observations"
        ]
    return []


def test_index_scores_and_ranks_within_their_scales(reference: Reference, tmp_path: Path) -> None:
    rows = [
        "hai-phong,PII,2023,100",  # top of 0–100: fine
        "can-tho,PII,2023,100.5",  # above
        "ha-noi,PII,2023,0",  # bottom: fine
        "hai-phong,PII_RANK,2023,1",  # first of 63: fine
        "can-tho,PII_RANK,2023,63",  # last of 63: fine
        "ha-noi,PII_RANK,2023,64",  # 63 units in 2023
        "hai-phong,PII_RANK,2024,3.5",  # not whole
        "can-tho,PII_RANK,2024,0",  # below 1
        "hai-phong,PII_RANK,2026,34",  # last of 34: fine
        "can-tho,PII_RANK,2026,35",  # 34 units since July 2025
        "hai-phong,STARS,2023,0",  # the catalogue's scale is 1–5
        "can-tho,STARS,2023,5",  # fine
    ]
    assert _ranges(reference, tmp_path, rows) == [
        (3, "100.5", "index_range"),
        (7, "64", "rank_invalid"),
        (8, "3.5", "rank_invalid"),
        (9, "0", "rank_invalid"),
        (11, "35", "rank_invalid"),
        (12, "0", "index_range"),
    ]


def test_rank_message_names_the_number_of_units(reference: Reference, tmp_path: Path) -> None:
    (tmp_path / "indicators.csv").write_text(PII_CATALOGUE, encoding="utf-8")
    (tmp_path / "obs.csv").write_text(
        "unit,indicator,period,value,source\nhai-phong,PII_RANK,2026,35,MOST\n", encoding="utf-8"
    )
    with pytest.raises(ValidationFailed) as caught:
        _load_observations(tmp_path, reference)
    (problem,) = [p for p in caught.value.problems if p.table == "observations"]
    assert "from 1 to 34" in problem.message("en")
    assert "2026" in problem.message("en")


def test_many_duplicates_each_name_the_row_they_repeat() -> None:
    keys = [("hai-phong", "T1401", str(2000 + i % 7)) for i in range(5000)]
    frame = pl.DataFrame(
        {
            "unit": [k[0] for k in keys],
            "indicator": [k[1] for k in keys],
            "period": [k[2] for k in keys],
            "value": ["1"] * len(keys),
            "source": ["s"] * len(keys),
        }
    )
    _typed, problems = check_table(
        frame_to_raw(frame, file="obs.csv"), "observations", current_year=2026
    )
    duplicates = [p for p in to_problems(problems) if p.rule == "duplicate"]
    assert len(duplicates) == 5000 - 7
    for problem in duplicates:
        row = problem.row or 0
        first = 2 + (row - 2) % 7  # the first row of the same year
        assert dict(problem.params)["first"] == str(first)
        assert problem.value == f"hai-phong / T1401 / {2000 + (row - 2) % 7}"


def test_rows_with_nothing_reported_are_not_errors() -> None:
    frame = pl.DataFrame(
        {
            "unit": ["hai-phong", "can-tho", "hue"],
            "indicator": ["T1401", "T1401", "T1401"],
            "period": ["2023", "2023", "2023"],
            "value": [None, "5", None],
            "source": [None, None, "s"],
            "note": [None, None, None],
        },
        schema_overrides={"value": pl.String, "source": pl.String, "note": pl.String},
    )
    typed, problems = check_table(
        frame_to_raw(frame, file="obs.csv"), "observations", current_year=2026
    )
    assert typed is not None
    assert typed[ROW].to_list() == [3, 4]  # row 2 reported nothing
    assert sorted((p.row or 0, p.column or "", p.rule) for p in to_problems(problems)) == [
        (3, "source", "required"),
        (4, "value", "required"),
    ]


@pytest.mark.parametrize(
    ("text", "shown_as"),
    [
        ("hai-phong", "hai-phong"),
        ("Hải Phòng", "Hải Phòng"),
        ("hai\u200b-phong", "hai⟨U+200B⟩-phong"),
        ("a\x00b", "a⟨U+0000⟩b"),
        ("\u202eabc", "⟨U+202E⟩abc"),
        ("1\u00a0234", "1⟨U+00A0⟩234"),
        ("T\ufeff1", "T⟨U+FEFF⟩1"),
        ("h\u0430i", "h⟨U+0430 CYRILLIC SMALL LETTER A⟩i"),
        ("\u0391BC", "⟨U+0391 GREEK CAPITAL LETTER ALPHA⟩BC"),
    ],
)
def test_values_in_messages_show_invisible_and_look_alike_characters(
    text: str, shown_as: str
) -> None:
    assert shown(text) == shown_as
    problem = Problem("observations", "f.csv", None, 2, "unit", text, "unknown_unit")
    assert shown_as in problem.message("en")


# --- problems as a frame: bounded message, every row in frame() -----------------------------


def test_message_counts_the_rows_it_does_not_write_out() -> None:
    rules = ["not_a_number", "required", "unknown_unit", "duplicate", "allowed_values"]
    problems = [
        Problem("observations", "b.csv", None, 2 + i, "value", f"v{i}", rules[i % 5])
        for i in range(60)
    ]
    error = ValidationFailed(problems)
    text = str(error)
    written = [line for line in text.splitlines() if line.startswith("  - ")]
    assert len(written) == len(error.shown) == SHOWN  # four rules of five, then the cap
    per_rule = {rule: sum(p.rule == rule for p in error.shown) for rule in rules}
    assert per_rule == dict.fromkeys(rules[:4], SHOWN_PER_RULE) | {"allowed_values": 0}
    # each rule written out says how many more of it there are; the fifth is counted at the end
    assert text.count("... and 7 more rows with this problem") == 4
    assert text.endswith("... and 12 more of other kinds; run `stkit validate`.")
    assert error.count == 60
    assert error.frame("en").height == 60


def test_problems_and_frames_combine_in_the_order_found() -> None:
    first = Problem("indicators", "a.csv", None, 3, "kind", "y", "allowed_values")
    frame = ValidationFailed(
        [Problem("observations", "b.csv", None, 9, "unit", "z", "unknown_unit")]
    ).rows
    error = ValidationFailed([first, frame, first])
    assert [p.row for p in error.problems] == [3, 9, 3]
    assert error.problems[0] == first


def test_frame_renders_every_rule_as_each_problem_does() -> None:
    """The per-rule expressions of `frame()` give the text `Problem.message`/`fix` give."""
    problems = [
        Problem(
            "targets",
            "t.csv",
            "targets",
            2 + i,
            "unit",
            "hai\u200b-phong" if i % 2 else f"x{i}",
            rule,
            (("first", "7"), ("keys", "unit, year"), ("allowed", "a, b"), ("low", "0")),
        )
        for i, rule in enumerate(_messages.RULES)
    ]
    for lang in ("vi", "en"):
        frame = problems_frame(problems, lang)
        expected = sorted(
            (p.row, p.message(lang), p.fix(lang), shown(p.value or "")) for p in problems
        )
        found = sorted(
            zip(frame["row"], frame["message"], frame["fix"], frame["value"], strict=True)
        )
        assert found == expected


def test_many_duplicates_stay_a_frame_until_listed(reference: Reference, tmp_path: Path) -> None:
    shutil.copy(VALID / "indicators.csv", tmp_path / "indicators.csv")
    rows = "".join(f"hai-phong,T1401,{2000 + i % 3},{i},MOST\n" for i in range(3000))
    (tmp_path / "obs.csv").write_text("unit,indicator,period,value,source\n" + rows)
    with pytest.raises(ValidationFailed) as caught:
        _load_observations(tmp_path, reference)
    failed = caught.value
    assert failed.count == 3000 - 3
    assert len(failed.shown) == SHOWN_PER_RULE
    assert "... and 2992 more rows with this problem (rule 'duplicate'" in str(failed)
    frame = failed.frame("en")
    assert frame.height == 2997
    last = frame.row(-1, named=True)
    assert last["row"] == 3001  # row 3001 holds i = 2999, year 2002, first held by row 4
    assert last["message"] == failed.problems[-1].message("en")
    assert "4" in last["message"]


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.one_of(st.none(), st.text(max_size=8)), min_size=1, max_size=12),
    first=st.one_of(st.none(), st.text(max_size=4)),
    rule=st.sampled_from(sorted(_messages.RULES)),
)
def test_frame_text_equals_problem_text(
    values: list[str | None], first: str | None, rule: str
) -> None:
    params = () if first is None else (("first", first), ("column", first))
    problems = [
        Problem("observations", "o.csv", None, i, "unit", value, rule, params)
        for i, value in enumerate(values)
    ]
    frame = problems_frame(problems, "en")
    for problem, message, fix in zip(problems, frame["message"], frame["fix"], strict=True):
        assert message == problem.message("en")
        assert fix == problem.fix("en")


def test_yes_no_cells_read_in_any_case_empty_is_no() -> None:
    from stkit.validation import _parse_bool  # noqa: PLC0415

    text = pl.Series(
        "illustrative", ["True", "CÓ", "x", "Không", None, "maybe", "0", "Đúng", "SAI"]
    )
    assert _parse_bool(text).to_list() == [True, True, True, False, False, None, False, True, False]
    assert _parse_bool(pl.Series("b", [None, None], dtype=pl.String)).to_list() == [False, False]
    assert _parse_bool(pl.Series("b", ["yes", "no"])).to_list() == [True, False]
