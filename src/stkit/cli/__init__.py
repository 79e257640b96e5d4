"""The `stkit` command: one sub-module per group of commands, each with `register(app)`.

Errors a user can act on (`StkitError`, missing files) exit with status 2 and a
plain message on stderr in the command's language (`stkit.cli._errors`), never a
traceback; so does anything unexpected, with the file being read when one is known and
a hint to set `STKIT_DEBUG=1` for the traceback. The language: the command's `--lang`,
else the global `stkit --lang`, else `STKIT_LANG`, else Vietnamese (`stkit.cli._context`).
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from stkit import __version__
from stkit.cli._context import LANG_ENV, CliState, chosen_lang, default_lang, messages_in, speak
from stkit.cli._errors import FILE_ERRORS, Commands, tell
from stkit.errors import StkitError
from stkit.i18n.messages import text

DATA_DIR_ENV = "STKIT_DATA_DIR"
"""Environment variable naming the data directory, as `--data-dir` does."""

# Each module defines `register(app: typer.Typer) -> None`.
_COMMAND_MODULES: tuple[str, ...] = (
    # one line per command module, e.g. "stkit.cli.units",
    "stkit.cli.units",
    "stkit.cli.index",
    "stkit.cli.report",
    "stkit.cli.validate",
    "stkit.cli.programmes",
    "stkit.cli.progress",
    "stkit.cli.data",
    "stkit.cli.init",
)

app = typer.Typer(
    name="stkit",
    help="Track STI programmes of Vietnamese provinces: targets, commitments, the PII, reports.",
    cls=Commands,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(show: bool) -> None:
    if show:
        typer.echo(f"stkit {__version__}")
        raise typer.Exit


@app.callback()
def _root(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            envvar=DATA_DIR_ENV,
            help="Use this data directory (relative paths allowed; `stkit init DIR` writes "
            "one) instead of the data set shipped with stkit.",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            envvar=LANG_ENV,
            help="Language of the messages and errors of commands without their own --lang: "
            "vi (default) or en. A command's --lang (report, validate, programmes) wins.",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    del version
    chosen = speak(chosen_lang(lang, f"--lang/{LANG_ENV}") if lang else "vi")
    # the data directory is checked when a command reads it, in the command's language
    ctx.obj = CliState(data_dir=data_dir, lang=chosen)


for _name in _COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def _names_a_file(value: object) -> bool:
    if not isinstance(value, str | Path) or not str(value):
        return False
    try:
        return Path(value).is_file()
    except (OSError, ValueError):  # a name too long, a NUL: not a file name
        return False


def file_in_use(error: BaseException) -> str | None:
    """The file stkit was reading when `error` was raised, if one is known.

    The error's own `filename` (an `OSError`), else the `file` or `path` of the
    innermost stkit function on the traceback that names an existing file (the
    readers keep the file they read in such a variable).
    """
    name = getattr(error, "filename", None)
    if isinstance(name, str | Path) and str(name):
        return str(name)
    found = None
    trace = error.__traceback__
    while trace is not None:
        frame = trace.tb_frame
        if str(frame.f_globals.get("__name__", "")).startswith("stkit."):
            for key in ("file", "path"):
                value = frame.f_locals.get(key)
                if _names_a_file(value):
                    found = str(value)
                    break
        trace = trace.tb_next
    return found


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit status (usage errors and `StkitError` give 2)."""
    try:
        speak(default_lang())
    except StkitError:
        speak("vi")  # an unknown STKIT_LANG is refused by the root command, in both languages
    try:
        app(args=argv, prog_name="stkit")
    except SystemExit as stop:  # click's standalone mode always ends here
        code = stop.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except (StkitError, *FILE_ERRORS) as error:  # raised outside a command (the group tells)
        tell(error, messages_in())
        return 2
    except Exception as error:
        if os.environ.get("STKIT_DEBUG"):
            raise
        lang = messages_in()
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
        file = file_in_use(error)
        reading = text("unexpected_reading", lang, file=file) if file else ""
        typer.echo(
            text("error_prefix", lang)
            + text(
                "unexpected", lang, reading=reading, kind=type(error).__name__, detail=first_line
            ),
            err=True,
        )
        return 2
    return 0  # pragma: no cover - standalone mode always raises SystemExit


def entry() -> None:  # pragma: no cover - console-script shim
    """Console-script entry point."""
    sys.exit(main())
