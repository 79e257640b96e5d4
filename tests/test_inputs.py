"""Canonical inputs (issue 9): `stkit.load`, one unit resolver, no file below the readers.

Each reproduction of the issue is a test here; numbers are hand-worked.
"""

from __future__ import annotations

import builtins
import datetime as dt
import doctest
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import stkit
from stkit import _load, api, merger, progress, units
from stkit.cli import main
from stkit.datadir import shipped_data_dir
from stkit.errors import StkitError
from stkit.reports.manifest import fingerprint, input_files
from stkit.tasks import summarise_tasks, task_states
from stkit.validation import ValidationFailed

AFTER = dt.date(2026, 1, 1)
BEFORE = dt.date(2024, 12, 31)
STATUS_COLUMNS = ["unit", "target_id", "target_year", "status", "latest_value", "latest_year"]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """An editable copy of the shipped data (as `stkit init` writes it)."""
    folder = tmp_path / "my-data"
    assert main(["init", str(folder)]) == 0
    return folder


def _rewrite_units(folder: Path, spellings: list[str]) -> None:
    """Write Hải Phòng's observation rows with the given spellings, in turn."""
    path = folder / "observations.csv"
    frame = pl.read_csv(path, infer_schema=False)
    rows = frame.with_row_index("_i")
    mine = rows.filter(pl.col("unit") == "hai-phong")["_i"].to_list()
    spelled = {i: spellings[n % len(spellings)] for n, i in enumerate(mine)}
    frame = rows.with_columns(
        pl.col("_i").replace_strict(spelled, default=None, return_dtype=pl.String).alias("_u")
    ).select(pl.coalesce("_u", "unit").alias("unit"), pl.exclude("_i", "_u", "unit"))
    frame.select("unit", *[c for c in frame.columns if c != "unit"]).write_csv(path)


# --- one resolver ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "31",
        "hai-phong",
        "Hải Phòng",
        "Hai Phong",
        "TP. Hải Phòng",
        "Thành phố Hải Phòng",
        unicodedata.normalize("NFD", "Thành phố Hải Phòng"),
        unicodedata.normalize("NFC", "Hải Phòng"),
        "  hai phong ",
    ],
)
def test_resolver_accepts_what_planners_type(typed: str) -> None:
    for day in (BEFORE, AFTER):
        assert units.resolve_unit(typed, on=day).slug == "hai-phong"


def test_old_unit_after_the_merger_says_what_it_merged_into_and_when() -> None:
    with pytest.raises(StkitError, match=r"until 2025-06-30.*since 2025-07-01.*'hai-phong'"):
        units.resolve_unit("Hải Dương", on=AFTER)


def test_suggestions_name_units_in_force() -> None:
    after = units.suggestions("hai-duongg", units.load_units(), on=AFTER)
    before = units.suggestions("hai-duongg", units.load_units(), on=BEFORE)
    assert "hai-duong" not in after
    assert before[0] == "hai-duong"
    with pytest.raises(StkitError, match="Unknown provincial unit") as caught:
        units.resolve_unit("hai-duongg", on=AFTER)
    assert "'hai-duong'" not in str(caught.value)


@pytest.mark.parametrize(
    "typed", ["viet-nam", "00", "Việt Nam", "Viet Nam", "toàn quốc", "cả nước"]
)
def test_national_unit_resolves(typed: str) -> None:
    unit = units.resolve_unit(typed, on=AFTER)
    assert (unit.slug, unit.code, unit.level) == ("viet-nam", "00", "national")


def test_national_unit_is_not_a_province() -> None:
    assert units.load_units(as_of=BEFORE).height == 63
    assert units.load_units(as_of=AFTER).height == 34
    assert units.load_units().height == 97
    with_national = units.load_units(as_of=AFTER, national=True)
    assert with_national.height == 35
    assert with_national.filter(level="national")["slug"].to_list() == ["viet-nam"]


def test_national_observations_and_targets_are_usable(data_copy: Path) -> None:
    path = data_copy / "observations.csv"
    frame = pl.read_csv(path, infer_schema=False)
    extra = pl.DataFrame(
        {"unit": ["toàn quốc", "cả nước"], "indicator": ["T1401", "T1401"]}
        | {"period": ["2023", "2026"], "value": ["100", "120"], "source": ["test", "test"]},
    )
    pl.concat([frame, extra], how="diagonal").write_csv(path)
    # the shipped data has national series of its own; only the two rows added here are T1401
    observed = stkit.load(data_copy).observations.filter(unit="viet-nam", indicator="T1401")
    assert observed.sort("period")["value"].to_list() == [100.0, 120.0]


# --- reproduction 1: official codes and names reach `assess` -----------------------------------


def test_observations_keyed_by_code_or_name_are_assessed_like_slugs(data_copy: Path) -> None:
    reference = stkit.assess(stkit.load(), year=2025).select(STATUS_COLUMNS)
    # Hải Phòng's P1 targets have series: with literal matching of `31` they would lose them
    assessed = reference.filter(unit="hai-phong").filter(pl.col("status") != "insufficient_data")
    assert assessed.height >= 2
    _rewrite_units(data_copy, ["31", "Hải Phòng", "TP. Hải Phòng", "Hai Phong"])
    inputs = stkit.load(data_copy)
    assert set(inputs.observations["unit"]) == set(stkit.load().observations["unit"])
    assert stkit.assess(inputs, year=2025).select(STATUS_COLUMNS).equals(reference)


def test_assess_returns_hai_phongs_targets() -> None:
    result = stkit.assess(stkit.load(), year=2025)
    mine = result.filter(unit="hai-phong")
    p1 = result.filter(pl.col("programme") == "P1")
    assert p1.height > 0
    assert set(p1["target_id"]) <= set(mine["target_id"])
    assert stkit.assess(stkit.load(), year=2025, unit="31").equals(mine)


# --- reproduction 2: no file opened below the readers ------------------------------------------


def test_no_file_is_opened_below_the_readers(monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = stkit.load()
    opened: list[str] = []

    def refuse(name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            opened.append(f"{name}{args[:1]}")
            raise AssertionError(f"{name} called below the readers")

        return call

    monkeypatch.setattr(builtins, "open", refuse("open"))
    monkeypatch.setattr(Path, "open", refuse("Path.open"))
    monkeypatch.setattr(Path, "read_text", refuse("Path.read_text"))
    monkeypatch.setattr(Path, "read_bytes", refuse("Path.read_bytes"))
    for reader in ("read_csv", "scan_csv", "read_ipc", "read_parquet", "read_excel"):
        monkeypatch.setattr(pl, reader, refuse(f"pl.{reader}"))
    assessed = stkit.assess(inputs, year=2030)
    series = progress.assessed_series(
        inputs.targets,
        inputs.observations,
        inputs.indicators,
        year=2030,
        crosswalk=inputs.crosswalk,
    )
    moved = merger.reexpress(
        inputs.observations.filter(pl.col("period") <= 2025),
        inputs.indicators,
        crosswalk=inputs.crosswalk,
    )
    tasks = stkit.commitments(inputs, year=2025)
    assert opened == []
    assert min(assessed.height, series.height, moved.height, tasks.height) > 0


def test_crosswalk_is_required() -> None:
    inputs = stkit.load()
    with pytest.raises(TypeError, match="crosswalk"):
        progress.assess(  # type: ignore[call-arg]
            inputs.targets, inputs.observations, inputs.indicators, year=2030
        )
    with pytest.raises(TypeError, match="crosswalk"):
        merger.reexpress(inputs.observations, inputs.indicators)  # type: ignore[call-arg]


def test_inputs_carry_the_data_directorys_own_tables(data_copy: Path) -> None:
    inputs = stkit.load(data_copy)
    assert inputs.data_dir == data_copy.resolve()
    assert inputs.crosswalk.equals(units.load_crosswalk(data_copy))
    assert inputs.registry is not None
    assert set(inputs.agencies["id"]) == {a.id for a in inputs.registry.agencies}


# --- illustrative rows live apart ----------------------------------------------------------------


def _illustrative(folder: Path, rows: list[tuple[str, str, int, float]]) -> Path:
    """Replace the data directory's illustrative observations with `rows`."""
    path = folder / _load.ILLUSTRATIVE_OBSERVATIONS
    path.parent.mkdir(exist_ok=True)
    pl.DataFrame(rows, schema=["unit", "indicator", "period", "value"], orient="row").with_columns(
        source=pl.lit("made for the demonstration")
    ).write_csv(path)
    return path


def test_illustrative_observations_are_read_and_flagged(data_copy: Path) -> None:
    _illustrative(data_copy, [("Đà Nẵng", "T1401", 2023, 7.0)])
    inputs = stkit.load(data_copy)
    row = inputs.observations.filter(unit="da-nang", indicator="T1401", period=2023)
    assert row.select("value", "illustrative").rows() == [(7.0, True)]
    shipped = pl.read_csv(shipped_data_dir() / _load.ILLUSTRATIVE_OBSERVATIONS).height
    assert inputs.observations.height == stkit.load().observations.height - shipped + 1


def test_illustrative_row_may_not_shadow_a_sourced_one(data_copy: Path) -> None:
    # can-tho T1401 2022 = 60 is sourced; "Cần Thơ" names the same unit.
    path = _illustrative(
        data_copy, [("da-nang", "T1401", 2023, 7.0), ("Cần Thơ", "T1401", 2022, 99.0)]
    )
    with pytest.raises(ValidationFailed) as caught:
        stkit.load(data_copy)
    problems = caught.value.problems
    assert [(p.rule, p.row, p.file) for p in problems] == [
        ("illustrative_shadows_sourced", 3, str(path))
    ]
    assert "never shadow" in problems[0].message("en")
    assert "số liệu minh họa" in problems[0].message("vi")


# --- editable data: init, relative paths, fingerprint ------------------------------------------


def test_init_writes_a_copy_with_a_readme_and_refuses_to_overwrite(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    assert main(["init", str(folder)]) == 0
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for name in ("observations.csv", "units/crosswalk_2025.csv", "units/national.csv"):
        assert (folder / name).is_file()
        assert f"`{name}`" in readme
    assert not list(folder.rglob("*.py"))
    assert main(["init", str(folder)]) == 2
    assert main(["--data-dir", str(folder), "validate"]) == 0


def test_relative_data_dir_and_environment_variable(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(data_copy.parent)
    assert main(["--data-dir", data_copy.name, "validate"]) == 0
    assert str(data_copy.resolve()) in capsys.readouterr().out
    monkeypatch.setenv("STKIT_DATA_DIR", data_copy.name)
    assert main(["validate"]) == 0
    assert str(data_copy.resolve()) in capsys.readouterr().out
    assert stkit.load(data_copy.name).data_dir == data_copy.resolve()


def test_an_edit_in_the_data_copy_reaches_the_report(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stkit.reports.city import CityReport  # noqa: PLC0415 - report machinery only here

    monkeypatch.chdir(data_copy.parent)
    path = data_copy / "observations.csv"
    frame = pl.read_csv(path, infer_schema=False)
    frame.with_columns(
        pl.when((pl.col("unit") == "can-tho") & (pl.col("indicator") == "T1401"))
        .then(pl.lit("61"))
        .otherwise(pl.col("value"))
        .alias("value")
    ).write_csv(path)
    report = CityReport.load("Cần Thơ", 2025, "en", data_dir=data_copy.name)
    assert report.data.data_dir == data_copy.resolve()
    values = report.observations.filter(indicator="T1401", unit="can-tho")["value"]
    assert values.to_list() == [61.0]


def test_fingerprint_covers_data_contents_only(data_copy: Path) -> None:
    before = fingerprint(input_files(data_copy))
    (data_copy / "README.md").write_text("changed", encoding="utf-8")
    (data_copy / "pii" / "__pycache__").mkdir()
    (data_copy / "pii" / "__pycache__" / "make.cpython-311.pyc").write_bytes(b"\0")
    (data_copy / "notes.py").write_text("x = 1\n", encoding="utf-8")
    assert fingerprint(input_files(data_copy)) == before
    path = data_copy / "indicators.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert fingerprint(input_files(data_copy)) != before
    assert fingerprint(input_files(shipped_data_dir())) == fingerprint(
        input_files(_fresh_copy(shipped_data_dir(), data_copy.parent / "again"))
    )


def _fresh_copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


# --- validate what is given ---------------------------------------------------------------------


def test_own_catalogue_and_observations_validate_on_their_own(tmp_path: Path) -> None:
    catalogue = pl.read_csv(shipped_data_dir() / "indicators.csv", infer_schema=False)
    mine = catalogue.filter(pl.col("code") == "T1401")
    mine.write_csv(tmp_path / "indicators.csv")
    pl.DataFrame(
        {"unit": ["Cần Thơ", "31"], "indicator": ["T1401", "T1401"], "period": [2023, 2024]}
        | {"value": [61, 70], "source": ["my survey", "my survey"]}
    ).write_csv(tmp_path / "observations.csv")
    args = ["--indicators", str(tmp_path / "indicators.csv")]
    args += ["--observations", str(tmp_path / "observations.csv")]
    assert main(["validate", *args]) == 0
    inputs = stkit.load(
        indicators=tmp_path / "indicators.csv", observations=tmp_path / "observations.csv"
    )
    assert inputs.targets.height == 0
    assert inputs.observations["unit"].to_list() == ["can-tho", "hai-phong"]
    with pytest.raises(ValidationFailed) as caught:
        stkit.load(
            indicators=tmp_path / "indicators.csv",
            observations=tmp_path / "observations.csv",
            registry=True,
        )
    assert {(p.table, p.rule) for p in caught.value.problems} == {("targets", "unknown_indicator")}


# --- commitments computed once -----------------------------------------------------------------

TASKS = pl.DataFrame(
    {
        "programme": ["P", "P", "P"],
        "task": ["A", "B", "C"],
        "parent": pl.Series([None, None, None], dtype=pl.String),
        "title_vi": ["a", "b", "c"],
        "title_en": ["a", "b", "c"],
        "category": ["research"] * 3,
        "lead_unit": ["dost"] * 3,
        "deadline": [dt.date(2024, 6, 30), dt.date(2024, 6, 30), dt.date(2030, 1, 1)],
        "source": ["decision"] * 3,
    }
)
STATUS = pl.DataFrame(
    {
        "programme": ["P", "P"],
        "task": ["A", "B"],
        "year": [2024, 2024],
        "status": ["done", "dropped"],
        "evidence": ["report", "cancelled"],
        "evidence_en": ["report", "cancelled"],
        "source": ["review", "review"],
    }
)


def test_dropped_task_is_outside_the_denominator_everywhere() -> None:
    # A done (due), B dropped (never due), C not due until 2030: completion 1 ÷ 1.
    summary = summarise_tasks(TASKS, STATUS, year=2025).row(0, named=True)
    assert (summary["due"], summary["done"], summary["dropped"]) == (1, 1, 1)
    assert summary["completion_rate"] == 1.0
    from stkit.reports.commitments import completion  # noqa: PLC0415

    shown = completion(task_states(TASKS, STATUS, year=2025), "category", "en").row(0, named=True)
    assert (shown["due"], shown["done"], shown["dropped"], shown["completion"]) == (
        1,
        1,
        1,
        "100%",
    )


# --- the analyst's path -----------------------------------------------------------------------


def test_public_api() -> None:
    assert set(stkit.__all__) >= {"load", "assess", "commitments", "build_index", "write_report"}
    for name in stkit.__all__:
        assert getattr(stkit, name) is not None
    assert isinstance(stkit.load(), stkit.Inputs)


@pytest.mark.parametrize("module", [_load, api, units])
def test_docstring_examples_run(module: Any) -> None:
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert attempted > 0
    assert failed == 0


# --- issue 10, item 10: unchanged territories keep their series ----------------------------------

RANK_CATALOGUE = pl.DataFrame(
    {
        "code": ["R"],
        "direction": ["increase"],
        "kind": ["index"],
        "merge_rule": ["none"],
        "weight_indicator": pl.Series([None], dtype=pl.String),
    }
)


def _target_on(unit: str) -> dict[str, Any]:
    return {
        "programme": "P",
        "target_id": f"t-{unit}",
        "unit": unit,
        "indicator": "R",
        "comparator": ">=",
        "value": 20.0,
        "year": 2030,
        "baseline_value": None,
        "baseline_year": None,
    }


@pytest.mark.parametrize("unit", ["ha-noi", "quang-ninh", "thanh-hoa", "nghe-an", "son-la"])
def test_unchanged_province_keeps_its_series_with_merge_rule_none(unit: str) -> None:
    # Hand-worked: 10 (2020) → 14 (2024) toward ≥ 20 in 2030, assessed in 2026. The territory
    # did not change on 1 July 2025, so both points stay: baseline 10 (2020), latest 14
    # (2024), share of the way (14 − 10) ÷ (20 − 10) = 0.4.
    targets = pl.DataFrame([_target_on(unit)])
    observations = pl.DataFrame(
        {"unit": [unit, unit], "indicator": ["R", "R"], "period": [2020, 2024]}
        | {"value": [10.0, 14.0], "illustrative": [False, False]}
    )
    row = progress.assess(
        targets, observations, RANK_CATALOGUE, year=2026, crosswalk=units.load_crosswalk()
    ).row(0, named=True)
    assert (row["baseline_year"], row["baseline_value"]) == (2020, 10.0)
    assert (row["latest_year"], row["latest_value"]) == (2024, 14.0)
    assert row["share_of_way"] == pytest.approx(0.4)
    assert row["status"] != "insufficient_data"


def test_merged_province_still_refuses_rule_none() -> None:
    targets = pl.DataFrame([_target_on("hai-phong")])
    observations = pl.DataFrame(
        {"unit": ["hai-phong", "hai-duong"], "indicator": ["R", "R"], "period": [2024, 2024]}
        | {"value": [3.0, 20.0], "illustrative": [False, False]}
    )
    row = progress.assess(
        targets, observations, RANK_CATALOGUE, year=2026, crosswalk=units.load_crosswalk()
    ).row(0, named=True)
    assert row["latest_value"] is None
    assert "cannot be re-expressed" in str(row["reason"])


@pytest.mark.slow
def test_report_all_with_a_relative_data_dir_writes_every_report(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(data_copy.parent)
    args = ["--data-dir", data_copy.name, "report", "--all", "--out", "out", "--workers", "2"]
    assert main(args) == 0
    written = sorted(data_copy.parent.glob("out/*/*/vi/report.html"))
    assert len(written) == 34 + 1  # every unit in force, and the overview


# --- one home per concept ---------------------------------------------------------------------


def test_one_home_per_concept() -> None:
    from stkit import i18n, schemas, validation  # noqa: PLC0415
    from stkit.i18n import messages as _messages  # noqa: PLC0415

    assert merger.MERGE_RULES is schemas.MERGE_RULES
    assert validation.Lang is i18n.Lang
    assert _messages.Lang is i18n.Lang
    assert validation.VIETNAM is i18n.VIETNAM_TZ
    assert progress.LAST_OLD_PERIOD is units.LAST_OLD_PERIOD
    assert validation.Inputs is stkit.Inputs


def test_units_does_not_import_merger() -> None:
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    code = "import sys, stkit.units; print('stkit.merger' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


def test_a_checkout_uses_its_own_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A source checkout (editable install) reads its own `data/`; a wheel its packed copy."""
    import stkit.datadir  # noqa: PLC0415

    checkout = tmp_path / "checkout"
    (checkout / "src" / "stkit").mkdir(parents=True)
    (checkout / "data").mkdir()
    (checkout / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    monkeypatch.setattr(stkit.datadir, "_PACKAGE_DIR", checkout / "src" / "stkit")
    assert shipped_data_dir() == checkout / "data"
    wheel = tmp_path / "site-packages" / "stkit"
    (wheel / "_data").mkdir(parents=True)
    monkeypatch.setattr(stkit.datadir, "_PACKAGE_DIR", wheel)
    assert shipped_data_dir() == wheel / "_data"


def test_cli_units_find(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["units", "find", "TP. Hải Phòng", "--as-of", "2026-01-01", "--format", "csv"]) == 0
    assert "31,hai-phong" in capsys.readouterr().out
    assert main(["--lang", "en", "units", "find", "Hải Dương", "--as-of", "2026-01-01"]) == 2
    assert "part of 'hai-phong'" in capsys.readouterr().err


def test_report_takes_the_national_unit_as_planners_name_it() -> None:
    from stkit.reports.jobs import report_unit  # noqa: PLC0415

    # issue 13: `stkit report viet-nam` writes the national report
    assert report_unit("toàn quốc").slug == "viet-nam"


def test_registry_accepts_a_national_target_named_as_planners_write(data_copy: Path) -> None:
    before = dict(stkit.load(data_copy).targets.group_by("unit").len().iter_rows())
    path = data_copy / "programmes" / "p1-most-hai-phong.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    targets = [i for i, line in enumerate(lines) if line == 'unit = "hai-phong"'][1:]
    lines[targets[0]] = 'unit = "cả nước"'
    lines[targets[1]] = 'unit = "TP. Hải Phòng"'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    after = dict(stkit.load(data_copy).targets.group_by("unit").len().iter_rows())
    assert after["viet-nam"] == before["viet-nam"] + 1
    assert after["hai-phong"] == before["hai-phong"] - 1


def test_validate_says_which_tables_were_not_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalogue = pl.read_csv(shipped_data_dir() / "indicators.csv", infer_schema=False)
    catalogue.head(1).write_csv(tmp_path / "indicators.csv")
    assert main(["validate", "--lang", "en", "--indicators", str(tmp_path / "indicators.csv")]) == 2
    capsys.readouterr()  # the shipped observations use indicators outside this catalogue
    pl.DataFrame(schema=["unit", "indicator", "period", "value", "source"]).write_csv(
        tmp_path / "observations.csv"
    )
    args = ["--indicators", str(tmp_path / "indicators.csv")]
    args += ["--observations", str(tmp_path / "observations.csv")]
    assert main(["validate", "--lang", "en", *args]) == 0
    out = capsys.readouterr().out
    assert "targets: not checked" in out
    assert "task_status: not checked" in out
