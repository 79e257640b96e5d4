"""The command frame: version, global options and the promise of exit status 2 without traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

import stkit.cli as cli
from stkit import __version__, readers
from stkit.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"stkit {__version__}"


def test_unknown_command_exits_2_without_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no-such-command"]) == 2
    err = capsys.readouterr().err
    assert "No such command" in err
    assert "Traceback" not in err


def test_missing_data_dir_exits_2_with_plain_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "absent"
    assert main(["--data-dir", str(missing), "programmes", "list"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lỗi: ")  # Vietnamese unless asked otherwise
    assert "absent" in err
    assert "Traceback" not in err


def test_unexpected_error_is_a_plain_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "app", broken)
    monkeypatch.delenv("STKIT_DEBUG", raising=False)
    assert main(["units"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lỗi: stkit không hoàn tất được (ZeroDivisionError: division by zero).")
    monkeypatch.setenv("STKIT_LANG", "en")
    assert main(["units"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: stkit could not finish (ZeroDivisionError: division by zero).")
    assert "STKIT_DEBUG=1" in err
    monkeypatch.setenv("STKIT_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["units"])


def test_unexpected_error_names_the_file_being_read(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "observations.csv"
    data.write_text("unit,indicator,period,value,source\n", encoding="utf-8")

    real = readers._csv_to_raw

    def broken(file: Path, *args: object) -> object:
        if file == data:
            raise ValueError("unexpected byte")
        return real(file, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(readers, "_csv_to_raw", broken)
    monkeypatch.delenv("STKIT_DEBUG", raising=False)
    assert main(["validate", "--observations", str(data), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: stkit could not finish reading {data} (ValueError: unexpected")
    assert "Nothing was written" in err
