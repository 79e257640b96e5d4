"""How the command line tells an error: in the language of the command (`_context`).

Errors stkit raises on purpose (`StkitError`) and a file that cannot be opened end the
command with exit status 2 and one message on stderr, never a traceback. The message
is in the command's language: the matching half of a two-language message, a
validation failure rewritten from its problems, an operating-system error in words.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from stkit.cli._context import UnknownLanguage, messages_in
from stkit.errors import StkitError
from stkit.i18n import Lang
from stkit.i18n.messages import text
from stkit.problems import Problem, ValidationFailed

FILE_ERRORS = (FileNotFoundError, PermissionError, IsADirectoryError, NotADirectoryError)
"""Errors of the operating system a user can act on (a path to correct, a right to grant)."""

_OS_TEXT: dict[type[OSError], str] = {
    FileNotFoundError: "os_missing",
    PermissionError: "os_permission",
    IsADirectoryError: "os_is_dir",
    NotADirectoryError: "os_not_dir",
}


def _where(problem: Problem, lang: Lang) -> str:
    parts = [
        problem.file,
        text("where_sheet", lang, sheet=problem.sheet) if problem.sheet else "",
        text("where_row", lang, row=problem.row) if problem.row is not None else "",
        text("where_column", lang, column=problem.column) if problem.column else "",
    ]
    return ", ".join(part for part in parts if part)


def validation_text(error: ValidationFailed, lang: Lang) -> str:
    """The problems of a failed validation in `lang` (English: the error's own message)."""
    if lang == "en":
        return str(error)
    lines = [text("problems_head", lang, count=error.count)]
    lines += [
        text("problem_line", lang, where=_where(p, lang), message=p.message(lang), fix=p.fix(lang))
        for p in error.shown
    ]
    if error.count > len(error.shown):
        lines.append(text("problems_more", lang, count=error.count - len(error.shown)))
    return "\n".join(lines)


def file_error_text(error: OSError, lang: Lang) -> str:
    """A file that could not be opened, in `lang`."""
    key = next((key for kind, key in _OS_TEXT.items() if isinstance(error, kind)), "os_missing")
    return text(key, lang, file=error.filename)


def error_text(error: BaseException, lang: Lang) -> str:
    """The line(s) printed for `error` in `lang`, after "error: " / "lỗi: "."""
    if isinstance(error, ValidationFailed):
        return validation_text(error, lang)
    if isinstance(error, StkitError):
        return error.text(lang)
    if isinstance(error, OSError):
        return file_error_text(error, lang)
    return str(error)  # pragma: no cover - only the kinds above are passed


def tell(error: BaseException, lang: Lang) -> None:
    """Print `error` on stderr in `lang`, prefixed "error: " / "lỗi: " (both if no language)."""
    if isinstance(error, UnknownLanguage):
        prefix = f"{text('error_prefix', 'en')[:-2]} / {text('error_prefix', 'vi')}"
    else:
        prefix = text("error_prefix", lang)
    typer.echo(f"{prefix}{error_text(error, lang)}", err=True)


class Commands(TyperGroup):
    """The `stkit` group: a `StkitError` or file error in any command is told, exit 2."""

    def invoke(self, ctx: Any) -> Any:  # typer's own click Context
        """Run the command; tell a planner's error in the command's language and exit 2."""
        try:
            return super().invoke(ctx)
        except (StkitError, *FILE_ERRORS) as error:
            tell(error, messages_in())
            raise typer.Exit(2) from None
