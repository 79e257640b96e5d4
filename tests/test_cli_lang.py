"""Errors in the chosen language: the command's --lang, else `stkit --lang`, else STKIT_LANG, else vi.

Each error path is run through the command line (typer's CliRunner) in both languages:
the message is in that language alone, exit status 2, no traceback.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stkit.cli import app
from stkit.cli._context import chosen_lang, messages_in
from stkit.errors import StkitError

VIETNAMESE = re.compile(r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]")


def run(args: list[str], env: dict[str, str] | None = None) -> str:
    """Run `stkit ARGS`; return its stderr, checking exit status 2 and no traceback."""
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr
    return result.stderr.strip()


def said_in(message: str, lang: str) -> None:
    """`message` is in `lang` alone: its prefix, its words, no half in the other language."""
    if lang == "vi":
        assert message.startswith("lỗi: "), message
        assert VIETNAMESE.search(message.lower()), message
        assert "Fix:" not in message, message
    else:
        assert message.startswith("error: "), message
        assert not VIETNAMESE.search(message.replace("Hải Phòng", "").lower()), message
        assert "Cách sửa" not in message, message


@pytest.fixture(autouse=True)
def _no_language_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STKIT_LANG", raising=False)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_missing_global_data_dir_is_told_in_the_report_language(
    tmp_path: Path, lang: str
) -> None:
    missing = str(tmp_path / "absent")
    said = run(["--data-dir", missing, "report", "hai-phong", "--lang", lang])
    said_in(said, lang)
    assert "absent" in said


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_misspelt_unit_is_told_in_the_report_language(lang: str) -> None:
    said = run(["report", "Hai Phongg", "--lang", lang, "--format", "html"])
    said_in(said, lang)
    assert "'hai-phong'" in said  # the suggestion


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_report_option_errors_in_the_report_language(lang: str) -> None:
    said_in(run(["report", "hai-phong", "--lang", lang, "--format", "xls"]), lang)
    said_in(run(["report", "hai-phong", "--lang", lang, "--year", "2999"]), lang)
    said_in(run(["report", "hai-phong", "--all", "--lang", lang]), lang)


def test_a_command_without_lang_follows_the_global_option_then_the_environment() -> None:
    said_in(run(["progress", "--unit", "xx"]), "vi")  # the default
    said_in(run(["--lang", "en", "progress", "--unit", "xx"]), "en")
    said_in(run(["progress", "--unit", "xx"], env={"STKIT_LANG": "en"}), "en")
    said_in(run(["--lang", "vi", "progress", "--unit", "xx"], env={"STKIT_LANG": "en"}), "vi")


def test_a_commands_own_lang_wins_over_the_global_one() -> None:
    said_in(run(["--lang", "vi", "programmes", "show", "NOPE", "--lang", "en"]), "en")
    said_in(run(["programmes", "show", "NOPE"], env={"STKIT_LANG": "en"}), "en")
    said_in(run(["programmes", "show", "NOPE", "--lang", "vi"], env={"STKIT_LANG": "en"}), "vi")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_input_problems_are_listed_in_the_chosen_language(tmp_path: Path, lang: str) -> None:
    missing = str(tmp_path / "nowhere.csv")
    said = run(["--lang", lang, "progress", "--observations", missing])
    said_in(said, lang)
    assert missing in said
    head = "1 lỗi trong dữ liệu đầu vào:" if lang == "vi" else "1 problem(s) in the input tables:"
    assert said.splitlines()[0].endswith(head)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_unit_errors_in_the_chosen_language(lang: str) -> None:
    said_in(run(["--lang", lang, "units", "--as-of", "1/7/2025"]), lang)
    said_in(run(["--lang", lang, "units", "find", "atlantis"]), lang)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_init_into_a_full_folder_in_the_chosen_language(tmp_path: Path, lang: str) -> None:
    (tmp_path / "kept.txt").write_text("x", encoding="utf-8")
    said_in(run(["--lang", lang, "init", str(tmp_path)]), lang)


def test_an_unknown_language_is_refused_in_both() -> None:
    for args, env in (
        (["report", "hai-phong", "--lang", "fr"], None),
        (["--lang", "fr", "units"], None),
        (["units"], {"STKIT_LANG": "de"}),
    ):
        said = run(args, env=env)
        assert said.startswith("error / lỗi: "), said
        assert "Fix: choose vi (Vietnamese) or en (English)." in said
        assert "Cách sửa: Chọn vi (tiếng Việt) hoặc en (tiếng Anh)." in said


def test_the_language_rule_in_code() -> None:
    assert chosen_lang("en") == "en"
    with pytest.raises(StkitError, match="not a language of stkit"):
        chosen_lang("EN")
    CliRunner().invoke(app, ["--lang", "en", "units", "find", "31"])
    assert messages_in() == "en"
    CliRunner().invoke(app, ["units", "find", "31"])
    assert messages_in() == "vi"  # each run starts again from the default


@pytest.fixture(scope="module")
def broken_registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped data whose programme P1 names an unknown key and a wrong date."""
    folder = tmp_path_factory.mktemp("data") / "copy"
    assert CliRunner().invoke(app, ["init", str(folder)]).exit_code == 0
    file = folder / "programmes" / "p1-most-hai-phong.toml"
    text = file.read_text(encoding="utf-8")
    text = text.replace("kind = ", "owner = 'x'\nkind = ", 1)
    text = re.sub(r"period_start = \d{4}-\d{2}-\d{2}", 'period_start = "1/1/2022"', text, count=1)
    file.write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_registry_problems_are_listed_in_the_chosen_language(
    broken_registry: Path, lang: str
) -> None:
    said = run(["--data-dir", str(broken_registry), "programmes", "list", "--lang", lang])
    said_in(said, lang)
    lines = said.splitlines()
    if lang == "vi":
        assert lines[0] == "lỗi: Sổ đăng ký chương trình có 2 lỗi:"
        assert "owner: khoá 'owner' không thuộc định dạng tệp chương trình" in said
        assert "cần một ngày, nhưng gặp văn bản '1/1/2022'" in said
        assert (
            "Cách sửa: viết ngày kiểu TOML, không có ngoặc kép, năm-tháng-ngày: 2022-01-01." in said
        )
    else:
        assert lines[0] == "error: The programme registry has 2 problems:"
        assert "expected a date, found the text '1/1/2022'" in said


SRC = Path(__file__).resolve().parents[1] / "src" / "stkit"
BILINGUAL_MARKS = ("error(", "both(", "Cách sửa", "_why_not_found", "_unplaced_message")
ENGLISH_ONLY_STILL = {"reports/batch.py"}  # its default-year check: to join no_observations_year


def test_every_error_stkit_raises_carries_its_vietnamese() -> None:
    missing = []
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            call = ast.get_source_segment(text, node) or ""
            where = f"{path.relative_to(SRC).as_posix()}:{node.lineno}"
            said_once = (
                node.func.id == "DataFileError"
                and path.name != "errors.py"
                and not any(keyword.arg == "message_vi" for keyword in node.keywords)
            ) or (
                node.func.id == "StkitError"
                and bool(node.args)
                and not any(mark in call for mark in BILINGUAL_MARKS)
            )
            if said_once:
                missing.append(where)
    left = {where for where in missing if where.split(":")[0] not in ENGLISH_ONLY_STILL}
    assert left == set()
