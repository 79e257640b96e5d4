"""One home for user-facing texts: `stkit.i18n` (formats, messages, labels), in vi and en."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from stkit import merger, schemas
from stkit.cli import app
from stkit.datadir import resolve_data_dir
from stkit.errors import StkitError
from stkit.i18n import labels, messages
from stkit.programmes import load_registry
from stkit.reports import labels as report_labels
from stkit.tasks import task_states

SRC = Path(__file__).resolve().parents[1] / "src" / "stkit"


def _is_vietnamese(text: str) -> bool:
    return (
        re.search(
            r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", text.lower()
        )
        is not None
    )


def _bilingual(text: str) -> None:
    english, vietnamese = text.split(" / ", 1)
    assert "Fix:" in english
    assert "Cách sửa:" in vietnamese
    assert _is_vietnamese(vietnamese)
    assert not re.search(r"[{}]", text)


def test_every_error_text_renders_in_both_languages() -> None:
    for rule in messages.ERRORS:
        for lang in ("vi", "en"):
            text = messages.render(rule, "message", lang, {}) + messages.render(
                rule, "fix", lang, {}
            )
            assert text.strip(), rule
            assert not re.search(r"[{}]", text), rule
        assert _is_vietnamese(messages.render(rule, "message", "vi", {})), rule
    assert not set(messages.ERRORS) & set(messages.RULES)


def test_texts_are_pairs_with_the_same_placeholders() -> None:
    for key, (vi, en) in messages.TEXTS.items():
        assert messages._placeholders(vi) == messages._placeholders(en), key


def test_data_dir_error_in_both_languages(tmp_path: Path) -> None:
    with pytest.raises(StkitError) as raised:
        resolve_data_dir(tmp_path / "nowhere")
    text = str(raised.value)
    _bilingual(text)
    assert "nowhere" in text.split(" / ", maxsplit=1)[0]
    assert "does not exist" in text
    assert "không tồn tại" in text


def test_merger_errors_in_both_languages() -> None:
    crosswalk = pl.DataFrame(
        {
            "old_code": ["31", "30"],
            "old_slug": ["hai-phong", "hai-duong"],
            "new_code": ["31", "31"],
            "new_slug": ["hai-phong", "hai-phong"],
        }
    )
    observations = pl.DataFrame(
        {"unit": ["hai-phong"], "indicator": ["X"], "period": [2023], "value": [1.0]}
    )
    indicators = pl.DataFrame({"code": ["X"], "merge_rule": ["average"]})
    with pytest.raises(StkitError, match=r"Unknown merge rule for indicator\(s\) X") as raised:
        merger.reexpress(observations, indicators, crosswalk=crosswalk)
    _bilingual(str(raised.value))
    assert "Quy tắc gộp" in str(raised.value)
    with pytest.raises(StkitError, match="crosswalk lacks") as raised:
        merger.reexpress(observations, indicators, crosswalk=crosswalk.drop("new_slug"))
    _bilingual(str(raised.value))
    nowhere = observations.with_columns(unit=pl.lit("atlantis"))
    with pytest.raises(StkitError, match="'atlantis' in 2023: not a provincial unit") as raised:
        merger.reexpress(
            nowhere, indicators.with_columns(merge_rule=pl.lit("sum")), crosswalk=crosswalk
        )
    assert "'atlantis' năm 2023: không phải đơn vị cấp tỉnh" in str(raised.value)
    _bilingual(str(raised.value))


def test_registry_and_commitment_errors_in_both_languages() -> None:
    registry = load_registry()
    with pytest.raises(StkitError, match="Unknown programme 'NOPE'") as raised:
        registry.get("NOPE")
    _bilingual(str(raised.value))
    assert "Không có chương trình mã 'NOPE'" in str(raised.value)
    with pytest.raises(
        StkitError, match=r"task status table lacks the column\(s\) status"
    ) as raised:
        task_states(
            pl.DataFrame(
                schema=["programme", "task", "parent", "category", "lead_unit", "deadline"]
            ),
            pl.DataFrame(schema=["programme", "task", "year"]),
            year=2025,
        )
    _bilingual(str(raised.value))
    assert "tình trạng nhiệm vụ" in str(raised.value)


def test_cli_option_errors_in_the_chosen_language() -> None:
    for args, lang in ((["data"], "vi"), (["--lang", "en", "data"], "en")):
        result = CliRunner().invoke(app, [*args, "coverage", "--year", "1800"])
        assert result.exit_code == 2
        said = result.stderr.strip()
        assert said.startswith("lỗi: --year 1800:" if lang == "vi" else "error: --year 1800:")
        assert _is_vietnamese(said) == (lang == "vi")


def test_labels_are_not_repeated_in_the_report_words() -> None:
    report_pairs = {(vi.lower(), en.lower()) for vi, en in report_labels.LABELS.values()}
    for key, text in labels.LABELS.items():
        assert (text["vi"].lower(), text["en"].lower()) not in report_pairs, key
        assert set(text) == {"vi", "en"}, key
    assert labels.label("request.proposal", "vi") == "đề xuất"


def test_no_module_outside_the_homes_keeps_a_label_table() -> None:
    # user-facing words live in stkit.i18n (and the report words in stkit.reports.labels)
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "_LABELS: dict[str, dict[Lang" not in text, path
        assert "_SYMBOL = {" not in text, path
    assert not (SRC / "_messages.py").exists()


def test_validate_names_the_illustrative_file() -> None:
    result = CliRunner().invoke(app, ["validate", "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    observations = next(line for line in lines if line.startswith("observations:"))
    illustrative = lines[-1]
    assert illustrative.startswith("  of which ")
    assert illustrative.endswith("illustrative/observations.csv")
    rows = int(illustrative.split()[2])
    data = resolve_data_dir(None)
    assert rows == pl.read_csv(data / "illustrative" / "observations.csv").height
    sourced = pl.read_csv(data / "observations.csv", comment_prefix="#").height
    assert int(observations.split()[1]) == sourced + rows
    vi = CliRunner().invoke(app, ["validate"]).output.splitlines()[-1]
    assert vi.startswith(f"  gồm {rows} dòng minh họa")


def test_validate_of_own_observations_has_no_illustrative_line(tmp_path: Path) -> None:
    own = tmp_path / "obs.csv"
    own.write_text("unit,indicator,period,value,source\nhai-phong,TFP_SHARE,2021,41,x\n")
    result = CliRunner().invoke(app, ["validate", "--observations", str(own), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "illustrative" not in result.output


def test_progress_errors_in_both_languages() -> None:
    from stkit.progress._frames import repeated_period_error, targets_input  # noqa: PLC0415

    targets = schemas.TARGETS.empty().vstack(
        pl.DataFrame(
            {
                "programme": ["P1"],
                "target_id": ["T"],
                "unit": ["hai-phong"],
                "indicator": ["X"],
                "comparator": ["≥"],
                "value": [1.0],
                "year": [2025],
                "baseline_value": [None],
                "baseline_year": [None],
            },
            schema=schemas.TARGETS.dtypes,
        )
    )
    with pytest.raises(StkitError, match="Target 'T' \\(P1\\) has comparator '≥'") as raised:
        targets_input(targets)
    _bilingual(str(raised.value))
    with pytest.raises(StkitError, match="targets table lacks the column") as raised:
        targets_input(targets.drop("comparator"))
    _bilingual(str(raised.value))
    text = str(repeated_period_error("hai-phong", "X", 2024))
    _bilingual(text)
    assert "more than one value for 2024" in text
    assert "nhiều hơn một giá trị cho năm 2024" in text
