"""A corpus of broken programme files, each with the exact message the loader must give."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from stkit.datadir import shipped_data_dir
from stkit.programmes import RegistryError, load_registry

needs_units = pytest.mark.skipif(
    importlib.util.find_spec("stkit.units") is None,
    reason="unit checks need stkit.units (the units module)",
)

MINIMAL = """\
id = "PX"
title_vi = "Chương trình thử"
title_en = "Test programme"
short_vi = "Thử"
short_en = "Test"
kind = "coordination"
unit = "hai-phong"
period_start = 2022-01-01
period_end = 2025-12-31
source = "doc-a"

[[documents]]
id = "doc-a"
kind = "legal"
doc_type_vi = "Quyết định"
number = "1/QĐ-UBND"
date = 2022-01-01
issuer = "hai-phong-pc"
title_vi = "Quyết định thử"
title_en = "Test decision"

[[targets]]
id = "PX-T1"
unit = "hai-phong"
indicator = "TFP_SHARE"
comparator = ">="
value = 50
year = 2030
text_vi = "đạt 50%"
text_en = "reaches 50 %"
source = "doc-a"
baseline = { value = 41.0, year = 2021, source = "doc-a" }

[[tasks]]
code = "A"
title_vi = "Nhiệm vụ A"
title_en = "Task A"
lead_unit = "most"
source = "doc-a"

[[tasks]]
code = "A.1"
parent = "A"
title_vi = "Nhiệm vụ A.1"
title_en = "Task A.1"
lead_unit = "hai-phong-dost"
deadline = 2024-06-30
source = "doc-a"

[[status]]
task = "A.1"
year = 2023
status = "in_progress"
evidence_vi = "Đang làm."
evidence_en = "Under way."
source = "doc-a"
"""

ANOTHER = MINIMAL.replace('id = "PX"', 'id = "PY"', 1).replace('"PX-T1"', '"PY-T1"')


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data directory with the shipped agencies and units and no programme yet."""
    root = tmp_path / "data"
    (root / "programmes").mkdir(parents=True)
    shipped = shipped_data_dir()
    shutil.copy(shipped / "agencies.csv", root / "agencies.csv")
    if (shipped / "units").is_dir():
        shutil.copytree(shipped / "units", root / "units")
    return root


def _write(data_dir: Path, text: str, name: str = "px.toml") -> Path:
    path = data_dir / "programmes" / name
    path.write_text(text, encoding="utf-8")
    return path


def _line(text: str, block: str, number: int) -> int:
    """Line of the `number`-th `[[block]]` header (both counted from 1)."""
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line == f"[[{block}]]"]
    return lines[number - 1]


def _problems(data_dir: Path) -> list[str]:
    with pytest.raises(RegistryError) as caught:
        load_registry(data_dir)
    return [str(problem) for problem in caught.value.problems]


def test_minimal_file_loads(data_dir: Path) -> None:
    _write(data_dir, MINIMAL)
    registry = load_registry(data_dir)
    programme = registry.get("PX")
    assert [t.code for t in programme.tasks] == ["A", "A.1"]
    assert programme.targets[0].value == 50.0


# (name, old text, new text, block, block number, path, message, fix)
CASES = [
    (
        "unknown-key",
        'code = "A"\n',
        'code = "A"\nowner = "most"\n',
        "tasks",
        1,
        "tasks[1].owner",
        (
            "unknown key 'owner': not part of the programme file format "
            "(data/programmes/README.md lists the keys)."
        ),
        "Remove the key or correct its spelling.",
    ),
    (
        "misspelt-key",
        'parent = "A"\n',
        'parnet = "A"\n',
        "tasks",
        2,
        "tasks[2].parnet",
        (
            "unknown key 'parnet': not part of the programme file format "
            "(data/programmes/README.md lists the keys)."
        ),
        "did you mean 'parent'? Remove the key or correct its spelling.",
    ),
    (
        "number-as-text",
        "value = 50\n",
        'value = "50"\n',
        "targets",
        1,
        "targets[1].value",
        "expected a number, found text '50'.",
        "write a number.",
    ),
    (
        "date-as-text",
        "deadline = 2024-06-30\n",
        'deadline = "30/6/2024"\n',
        "tasks",
        2,
        "tasks[2].deadline",
        "expected a date, found the text '30/6/2024'.",
        "write a TOML date without quotes, year-month-day: 2024-06-30.",
    ),
    (
        "comparator-symbol",
        'comparator = ">="\n',
        'comparator = "≥"\n',
        "targets",
        1,
        "targets[1].comparator",
        "'≥' is not allowed here; allowed values: >=, >, <=, <, =.",
        "use one of the allowed values.",
    ),
    (
        "status-value",
        'status = "in_progress"\n',
        'status = "ongoing"\n',
        "status",
        1,
        "status[1].status",
        "'ongoing' is not allowed here; allowed values: not_started, in_progress, done, dropped.",
        "use one of the allowed values.",
    ),
    (
        "missing-required",
        'text_en = "reaches 50 %"\n',
        "",
        "targets",
        1,
        "targets[1].text_en",
        "required key is missing.",
        "add `text_en = ...`.",
    ),
    (
        "empty-title",
        'title_en = "Task A"\n',
        'title_en = " "\n',
        "tasks",
        1,
        "tasks[1].title_en",
        "must not be empty.",
        "write the text, or remove the key.",
    ),
    (
        "partner-not-a-list",
        'lead_unit = "most"\n',
        'lead_unit = "most"\npartner_units = "hai-phong-pc"\n',
        "tasks",
        1,
        "tasks[1].partner_units",
        'expected a list of texts, e.g. ["a", "b"], found text \'hai-phong-pc\'.',
        'write a list of texts, e.g. ["a", "b"].',
    ),
    (
        "unknown-lead-agency",
        'lead_unit = "hai-phong-dost"\n',
        'lead_unit = "so-khcn"\n',
        "tasks",
        2,
        "tasks[2].lead_unit",
        "unknown agency 'so-khcn': it is not an id in agencies.csv.",
        "use an id from agencies.csv, or add the agency there (id, names, kind, source).",
    ),
    (
        "unknown-partner-agency",
        'lead_unit = "most"\n',
        'lead_unit = "most"\npartner_units = ["hai-phong-pc", "lg"]\n',
        "tasks",
        1,
        "tasks[1].partner_units[2]",
        "unknown agency 'lg': it is not an id in agencies.csv.",
        "use an id from agencies.csv, or add the agency there (id, names, kind, source).",
    ),
    (
        "status-unknown-task",
        'task = "A.1"\n',
        'task = "A.2"\n',
        "status",
        1,
        "status[1].task",
        "names task 'A.2', which this programme does not define.",
        "use the code of a task in this file's [[tasks]].",
    ),
    (
        "unknown-parent",
        'parent = "A"\n',
        'parent = "B"\n',
        "tasks",
        2,
        "tasks[2].parent",
        "parent task 'B' is not defined in this file.",
        "use the code of another task here, or remove `parent` for a top-level task.",
    ),
    (
        "deadline-after-period",
        "deadline = 2024-06-30\n",
        "deadline = 2026-03-01\n",
        "tasks",
        2,
        "tasks[2].deadline",
        "deadline 2026-03-01 is outside the programme period 2022-01-01 to 2025-12-31.",
        "correct the deadline, or the programme's period_start / period_end.",
    ),
    (
        "unknown-source-document",
        'lead_unit = "most"\nsource = "doc-a"\n',
        'lead_unit = "most"\nsource = "doc-b"\n',
        "tasks",
        1,
        "tasks[1].source",
        "names document 'doc-b', which this file does not define.",
        "add a [[documents]] block with that id, or correct the id.",
    ),
    (
        "legal-document-without-issuer",
        'issuer = "hai-phong-pc"\n',
        "",
        "documents",
        1,
        "documents[1].issuer",
        (
            "a legal document is identified by number, date and issuer together "
            "(45-NQ/TW names three resolutions); 'issuer' is missing."
        ),
        "add `issuer = ...` as the document itself states it.",
    ),
    (
        "baseline-after-target",
        "baseline = { value = 41.0, year = 2021,",
        "baseline = { value = 41.0, year = 2031,",
        "targets",
        1,
        "targets[1].baseline.year",
        "the baseline year 2031 is after the target year 2030.",
        "use a baseline from before the target year.",
    ),
    (
        "milestone-after-target",
        'source = "doc-a" }\n',
        'source = "doc-a" }\nmilestones = [{ year = 2030, value = 45, comparator = ">=" }]\n',
        "targets",
        1,
        "targets[1].milestones[1].year",
        "a milestone (2030) must come before the target year 2030.",
        "use an earlier year, or make it the target itself.",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "block", "number", "path", "message", "fix"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_broken_file_gives_exact_message(
    data_dir: Path,
    old: str,
    new: str,
    block: str,
    number: int,
    path: str,
    message: str,
    fix: str,
) -> None:
    assert old in MINIMAL
    text = MINIMAL.replace(old, new, 1)
    file = _write(data_dir, text)
    line = _line(text, block, number)
    assert _problems(data_dir) == [f"{file}: {path} (block at line {line}): {message} Fix: {fix}"]


def test_duplicate_task_code(data_dir: Path) -> None:
    text = MINIMAL + '\n[[tasks]]\ncode = "A"\ntitle_vi = "x"\ntitle_en = "x"\n'
    text += 'lead_unit = "most"\nsource = "doc-a"\n'
    file = _write(data_dir, text)
    line = _line(text, "tasks", 3)
    assert _problems(data_dir) == [
        (
            f"{file}: tasks[3] (block at line {line}): duplicate task code 'A' (first at tasks[1]). "
            "Fix: give every entry of [[tasks]] its own task code."
        )
    ]


def test_two_status_entries_for_one_task_and_year(data_dir: Path) -> None:
    status = MINIMAL[MINIMAL.index("[[status]]") :]
    text = MINIMAL + "\n" + status
    file = _write(data_dir, text)
    line = _line(text, "status", 2)
    assert _problems(data_dir) == [
        (
            f"{file}: status[2] (block at line {line}): duplicate task and year 'A.1 2023' "
            "(first at status[1]). Fix: keep one status entry per task and year; "
            "put all the evidence in it."
        )
    ]


def test_period_ending_before_it_starts(data_dir: Path) -> None:
    text = MINIMAL.replace("period_end = 2025-12-31", "period_end = 2020-12-31")
    text = text.replace("deadline = 2024-06-30\n", "")
    file = _write(data_dir, text)
    assert _problems(data_dir) == [
        (
            f"{file}: period_end: the period ends (2020-12-31) before it starts (2022-01-01). "
            "Fix: swap or correct period_start and period_end."
        )
    ]


def test_toml_syntax_error_names_the_file(data_dir: Path) -> None:
    file = _write(data_dir, MINIMAL.replace('id = "PX"', 'id = "PX', 1))
    (problem,) = _problems(data_dir)
    assert problem.startswith(f"{file}: not a valid UTF-8 TOML file: ")
    assert "(at line 1" in problem
    assert problem.endswith(
        "Fix: correct the syntax at the place named (quotes, brackets, '=' signs)."
    )


def test_every_problem_is_reported_at_once(data_dir: Path) -> None:
    text = MINIMAL.replace('lead_unit = "most"', 'lead_unit = "x1"').replace(
        'lead_unit = "hai-phong-dost"', 'lead_unit = "x2"'
    )
    _write(data_dir, text)
    with pytest.raises(RegistryError, match=r"^The programme registry has 2 problems:\n  - "):
        load_registry(data_dir)


def test_duplicate_programme_id_across_files(data_dir: Path) -> None:
    _write(data_dir, MINIMAL, "a.toml")
    second = _write(data_dir, MINIMAL, "b.toml")
    first = data_dir / "programmes" / "a.toml"
    assert _problems(data_dir) == [
        (
            f"{second}: id: duplicate programme id 'PX' (also in {first}). "
            "Fix: give every programme file its own id."
        )
    ]


def test_one_legal_document_has_one_id_across_files(data_dir: Path) -> None:
    _write(data_dir, MINIMAL, "a.toml")
    second = _write(data_dir, ANOTHER.replace('"doc-a"', '"qd-1"'), "b.toml")
    first = data_dir / "programmes" / "a.toml"
    line = _line(ANOTHER, "documents", 1)
    assert _problems(data_dir) == [
        (
            f"{second}: documents[1] (block at line {line}): 1/QĐ-UBND of 2022-01-01 by "
            f"hai-phong-pc is already document 'doc-a' in {first}. Fix: use the id 'doc-a' for it "
            "here too."
        )
    ]


def test_same_number_other_date_and_issuer_is_another_document(data_dir: Path) -> None:
    # 45-NQ/TW: Politburo 24/01/2019 (Hải Phòng) and Central Committee 24/11/2023 (intellectuals).
    first = MINIMAL.replace('number = "1/QĐ-UBND"', 'number = "45-NQ/TW"').replace(
        'issuer = "hai-phong-pc"', 'issuer = "politburo"'
    )
    second = ANOTHER.replace('"doc-a"', '"nq-45-2023"').replace(
        'number = "1/QĐ-UBND"', 'number = "45-NQ/TW"'
    )
    second = second.replace("date = 2022-01-01", "date = 2023-11-24").replace(
        'issuer = "hai-phong-pc"', 'issuer = "party-central-committee"'
    )
    _write(data_dir, first, "a.toml")
    _write(data_dir, second, "b.toml")
    registry = load_registry(data_dir)
    numbers = [p.documents[0].number for p in registry.programmes]
    assert numbers == ["45-NQ/TW", "45-NQ/TW"]


def test_same_document_id_must_mean_one_document(data_dir: Path) -> None:
    _write(data_dir, MINIMAL, "a.toml")
    second = _write(data_dir, ANOTHER.replace("date = 2022-01-01", "date = 2022-02-01"), "b.toml")
    first = data_dir / "programmes" / "a.toml"
    line = _line(ANOTHER, "documents", 1)
    assert _problems(data_dir) == [
        (
            f"{second}: documents[1] (block at line {line}): document id 'doc-a' names a different "
            f"document in {first}. Fix: use one id per document: same number, date and issuer "
            "everywhere."
        )
    ]


@needs_units
def test_target_on_a_unit_that_no_longer_exists(data_dir: Path) -> None:
    text = MINIMAL.replace('unit = "hai-phong"\nindicator', 'unit = "hai-duong"\nindicator')
    file = _write(data_dir, text)
    line = _line(text, "targets", 1)
    assert _problems(data_dir) == [
        (
            f"{file}: targets[1].unit (block at line {line}): 'hai-duong' is not a province unit "
            "in 2030 (the 34 units since 1 July 2025 apply). Fix: use a slug or official code of a "
            "unit in force that year (`stkit units --as-of YYYY-MM-DD`), or 'viet-nam' for the "
            "country."
        )
    ]


@needs_units
def test_old_unit_is_fine_before_the_merger(data_dir: Path) -> None:
    text = MINIMAL.replace('unit = "hai-phong"\nindicator', 'unit = "hai-duong"\nindicator')
    text = text.replace("year = 2030", "year = 2024")
    _write(data_dir, text)
    assert load_registry(data_dir).get("PX").targets[0].unit == "hai-duong"


def test_agency_parent_must_exist(data_dir: Path) -> None:
    agencies = data_dir / "agencies.csv"
    with agencies.open("a", encoding="utf-8") as handle:
        handle.write("x-dept,Phòng X,Office X,city_department,nowhere,test\n")
    rows = agencies.read_text(encoding="utf-8").splitlines()
    _write(data_dir, MINIMAL)
    assert _problems(data_dir) == [
        (
            f"{agencies}: row {len(rows)}, column parent: parent 'nowhere' is not an agency id in "
            "this file. Fix: use the id of an agency listed here, or leave the cell empty."
        )
    ]


def test_duplicate_agency_id(data_dir: Path) -> None:
    agencies = data_dir / "agencies.csv"
    with agencies.open("a", encoding="utf-8") as handle:
        handle.write("most,Bộ X,Ministry X,ministry,,test\n")
    rows = agencies.read_text(encoding="utf-8").splitlines()
    _write(data_dir, MINIMAL)
    assert _problems(data_dir) == [
        (
            f"{agencies}: row {len(rows)}, column id: duplicate agency id 'most' (first on row 2). "
            "Fix: give every agency its own id."
        )
    ]


def test_agency_header_must_match(data_dir: Path) -> None:
    agencies = data_dir / "agencies.csv"
    agencies.write_text("id,name\nmost,Bộ\n", encoding="utf-8")
    _write(data_dir, MINIMAL)
    problems = _problems(data_dir)
    assert problems[0] == (
        f"{agencies}: row 1: the header is id, name; it must be exactly "
        "id, name_vi, name_en, kind, parent, source. Fix: rename or reorder the columns."
    )


def test_no_programme_files(data_dir: Path) -> None:
    with pytest.raises(Exception, match=r"no programme files \(\*\.toml\) found"):
        load_registry(data_dir)
