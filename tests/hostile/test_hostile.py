"""Hostile inputs: each file of the corpus is refused precisely or read exactly as written.

The corpus and its expected outcomes are written by `_make_corpus.py`
(`expected.csv`). A refused case must give exactly its problems (sheet, row,
column, value, rule), with messages that name the file and show invisible
characters escaped; an accepted case must give exactly the values written. No case
may raise anything but `ValidationFailed`, and `stkit validate` must exit 2 on
every refused case with the file named and no traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from expected_problems import ExpectedProblem, expected_problem, problem_order
from stkit.cli import main
from stkit.validation import Reference, ValidationFailed, load_inputs, load_reference

HERE = Path(__file__).parent
VALID = HERE / "valid"
TODAY = dt.date(2026, 3, 1)
ARGUMENT = {"indicators": "indicators", "observations": "observations", "targets": "targets"}
ARGUMENT["task_status"] = "tasks"


@dataclass
class Case:
    name: str
    table: str
    outcome: str
    env: dict[str, str]
    made_by: str
    problems: list[ExpectedProblem] = field(default_factory=list)
    values: list[float] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        return self.name.split("#", 1)[0]


def _cases() -> dict[str, Case]:
    cases: dict[str, Case] = {}
    with (HERE / "expected.csv").open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            env = dict(part.split("=", 1) for part in record["env"].split(";") if "=" in part)
            case = cases.setdefault(
                record["case"],
                Case(record["case"], record["table"], record["outcome"], env, record["made_by"]),
            )
            if case.outcome == "accepted":
                text = record["value"]
                case.values = [float(v) for v in text.split("|")] if text else []
            else:
                case.problems.append(expected_problem(record))
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cases that cannot be files in a repository: a pipe, device links, a folder."""
    folder = tmp_path_factory.mktemp("hostile-fs")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.csv")
    for name, device in (
        ("dev_urandom_link.csv", "/dev/urandom"),
        ("dev_zero_link.csv", "/dev/zero"),
    ):
        if Path(device).exists():
            (folder / name).symlink_to(device)
    (folder / "folder.csv").mkdir()
    return folder


def _path_of(case: Case, built: Path) -> Path:
    if case.made_by == "fixture":
        path = built / case.file_name
        if case.file_name != "missing.csv" and not (path.exists() or path.is_symlink()):
            pytest.skip(f"{case.file_name}: not available on this system")
        return path
    return HERE / case.file_name


def _files(case: Case, path: Path) -> dict[str, Path]:
    files = {
        "indicators": VALID / "indicators.csv",
        "observations": VALID / "observations.csv",
        "targets": VALID / "targets.csv",
        "tasks": VALID / "task_status.csv",
    }
    files[ARGUMENT[case.table]] = path
    return files


def test_corpus_has_at_least_60_files() -> None:
    on_disk = {p.name for p in HERE.iterdir() if p.is_file()} - {"expected.csv"}
    corpus = {name for name in on_disk if not name.endswith(".py")}
    assert len(corpus) >= 60
    listed = {c.file_name for c in CASES.values() if c.made_by == "file"}
    assert corpus == listed


def test_valid_set_passes(reference: Reference) -> None:
    inputs = load_inputs(
        None,
        indicators=VALID / "indicators.csv",
        observations=VALID / "observations.csv",
        targets=VALID / "targets.csv",
        tasks=VALID / "task_status.csv",
        reference=reference,
        today=TODAY,
    )
    assert inputs.observations.height == 4


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_case_has_its_exact_outcome(
    name: str, reference: Reference, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = CASES[name]
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    path = _path_of(case, built)
    files = _files(case, path)
    if case.outcome == "accepted":
        inputs = load_inputs(None, **files, reference=reference, today=TODAY)
        assert inputs.observations["value"].to_list() == case.values
        return
    with pytest.raises(ValidationFailed) as caught:
        load_inputs(None, **files, reference=reference, today=TODAY)
    problems = caught.value.problems
    assert {p.table for p in problems} == {case.table}
    assert {Path(p.file).name for p in problems} == {case.file_name}
    found = sorted(
        ((p.sheet, p.row, p.column, p.value, p.rule) for p in problems), key=problem_order
    )
    assert found == sorted(case.problems, key=problem_order)
    for problem in problems:
        for lang in ("vi", "en"):
            text = problem.message(lang) + problem.fix(lang)
            assert "{" not in text
            assert "}" not in text
            assert "\u200b" not in text
            assert "\x00" not in text
            assert "\u202e" not in text
            assert "\u0430" not in text
    if path.suffix == ".parquet":
        assert all("Excel" not in p.fix("en") for p in problems)
    assert str(path) in str(caught.value)  # the summary names the file


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("indicator_zero_width.csv", "T14⟨U+200B⟩07"),
        ("unit_cyrillic_a.csv", "h⟨U+0430 CYRILLIC SMALL LETTER A⟩i-phong"),
        ("indicator_nul.csv", "T1407⟨U+0000⟩"),
        ("num_zero_width.csv", "4⟨U+200B⟩5"),
        ("num_nbsp.csv", "1⟨U+00A0⟩234"),
    ],
)
def test_invisible_characters_are_shown_escaped(
    name: str, shown: str, reference: Reference, built: Path
) -> None:
    case = CASES[name]
    with pytest.raises(ValidationFailed) as caught:
        load_inputs(None, **_files(case, _path_of(case, built)), reference=reference, today=TODAY)
    (problem,) = caught.value.problems
    assert shown in problem.message("en")
    assert shown in problem.message("vi")
    assert caught.value.frame("en")["value"].to_list() == [shown]


def test_excel_error_is_called_an_excel_error(reference: Reference, built: Path) -> None:
    case = CASES["xlsx_error_cell.xlsx"]
    with pytest.raises(ValidationFailed) as caught:
        load_inputs(None, **_files(case, HERE / case.file_name), reference=reference, today=TODAY)
    (problem,) = caught.value.problems
    assert "Excel error '#DIV/0!'" in problem.message("en")
    assert "lỗi Excel" in problem.message("vi")


REFUSED_FILES = sorted(
    {c.file_name for c in CASES.values() if c.outcome == "refused" and c.made_by == "file"}
    - {c.file_name for c in CASES.values() if c.env}
)


@pytest.mark.parametrize("name", REFUSED_FILES)
def test_cli_refuses_with_status_2_naming_the_file(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    case = next(c for c in CASES.values() if c.file_name == name)
    option = f"--{ARGUMENT[case.table]}"
    code = main(["validate", option, str(HERE / name), "--lang", "en", "--format", "json"])
    captured = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in captured.err
    assert "could not finish" not in captured.err
    assert name in captured.out


CLI = "import sys; from stkit.cli import main; sys.exit(main(sys.argv[1:]))"


def test_process_survives_the_xfd1048576_cell() -> None:
    """The cell at the corner of Excel's grid once aborted the process (exit 134)."""
    path = HERE / "xlsx_cell_xfd1048576.xlsx"
    run = subprocess.run(
        [sys.executable, "-c", CLI, "validate", "--observations", str(path), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 2, run.stderr
    assert "sheet_too_large" in run.stdout or "spans" in run.stdout
    assert "panicked" not in run.stderr
