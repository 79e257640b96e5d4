"""State shared by every command: the global options, and the language of the messages.

The language of every message (errors included) is, in order: the command's own
`--lang` (report, validate, programmes), else the global `stkit --lang`, else the
`STKIT_LANG` environment variable, else Vietnamese. A command takes its language
before it reads anything, so an error found while reading (a missing `--data-dir`,
a broken file) is told in that language. A `--lang` that is neither vi nor en is
refused in both languages, since no choice was made.
"""

from __future__ import annotations

import os
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

import typer

from stkit.datadir import resolve_data_dir
from stkit.errors import StkitError
from stkit.i18n import Lang

LANG_ENV = "STKIT_LANG"
"""Environment variable naming the language of the command line's messages (vi or en)."""

_MESSAGES_IN: ContextVar[Lang] = ContextVar("stkit_messages_in", default="vi")


class UnknownLanguage(StkitError):
    """A `--lang` (or `STKIT_LANG`) that is neither vi nor en: told in both languages."""

    def text(self, lang: Lang) -> str:
        """Both languages: the user has not chosen one yet."""
        del lang
        return str(self)


@dataclass(frozen=True)
class CliState:
    """Global options given before the command name (the data directory not yet checked)."""

    data_dir: Path | None = None
    lang: Lang = "vi"


def chosen_lang(value: str, option: str = "--lang") -> Lang:
    """Return `value` as a language, or refuse it in both languages (exit 2)."""
    if value == "vi":
        return "vi"
    if value == "en":
        return "en"
    from stkit.i18n.messages import error  # noqa: PLC0415 - texts only where raised

    raise UnknownLanguage(error("option_lang_unknown", option=option, value=repr(value)))


def default_lang() -> Lang:
    """The language without any `--lang`: `STKIT_LANG` if set, else Vietnamese."""
    value = os.environ.get(LANG_ENV, "").strip()
    return chosen_lang(value, LANG_ENV) if value else "vi"


def messages_in() -> Lang:
    """The language the command line's messages (and errors) are written in now."""
    return _MESSAGES_IN.get()


def speak(lang: Lang) -> Lang:
    """Write the command line's messages in `lang` from now on; return it."""
    _MESSAGES_IN.set(lang)
    return lang


def command_lang(ctx: typer.Context, value: str | None) -> Lang:
    """The language of a command: its own `--lang` if given, else the global one (see above)."""
    if value is not None:
        return speak(chosen_lang(value))
    state = ctx.find_object(CliState)
    return speak(state.lang if state else default_lang())


def data_dir_of(ctx: typer.Context, override: Path | None = None) -> Path:
    """Return the data directory: a command's own `--data-dir`, else the global one, else shipped.

    Checked here, when the command reads, not when the global option is parsed: by then
    the command has taken its language (`command_lang`).
    """
    state = ctx.find_object(CliState)
    chosen = override if override is not None else (state.data_dir if state else None)
    return resolve_data_dir(chosen)


def given_data_dir(ctx: typer.Context, override: Path | None = None) -> Path | None:
    """The data directory named by an option (checked), or None for the shipped data."""
    state = ctx.find_object(CliState)
    if override is None and (state is None or state.data_dir is None):
        return None
    return data_dir_of(ctx, override)
