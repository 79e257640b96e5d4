"""Errors a planner can act on: what went wrong, where, and how to fix it.

A raised error carries both languages, English then Vietnamese
("… Fix: … / … Cách sửa: …", `stkit.i18n.messages.both`), because the library does not
know who reads it; `StkitError.text` gives one of them, and the command line prints the
one its user chose.
"""

from __future__ import annotations

from pathlib import Path

from stkit.vocab import Lang

_FIX_VI = "Cách sửa"
_SEPARATOR = " / "


def one_language(message: str, lang: Lang) -> str:
    """The part of a two-language message ("English. Fix: … / Tiếng Việt. Cách sửa: …") in `lang`.

    A message without both parts is returned whole.

    Examples
    --------
    >>> text = "No such unit. Fix: run `stkit units`. / Không có đơn vị này. Cách sửa: chạy `stkit units`."
    >>> one_language(text, "en")
    'No such unit. Fix: run `stkit units`.'
    >>> one_language(text, "vi")
    'Không có đơn vị này. Cách sửa: chạy `stkit units`.'
    >>> one_language("Only English.", "vi")
    'Only English.'
    """
    fix_vi = message.find(_FIX_VI)
    split = message.rfind(_SEPARATOR, 0, fix_vi) if fix_vi > 0 else -1
    if split < 0:
        return message
    return message[split + len(_SEPARATOR) :] if lang == "vi" else message[:split]


class StkitError(Exception):
    """Base of every error stkit raises on purpose; the CLI prints it and exits 2."""

    def text(self, lang: Lang) -> str:
        """The message in `lang` (`one_language`): what the command line prints."""
        return one_language(str(self), lang)


class DataFileError(StkitError):
    """A data file breaks a rule: names the file, the place in it, the rule and the fix.

    `message`, `where` and `fix` are in English (and `str` says them); `message_vi`,
    `fix_vi` and `where_vi` (default: `where`, e.g. a key name) give the Vietnamese that
    `text("vi")` says.
    """

    def __init__(
        self,
        file: str | Path,
        message: str,
        *,
        where: str | None = None,
        fix: str | None = None,
        message_vi: str | None = None,
        fix_vi: str | None = None,
        where_vi: str | None = None,
    ) -> None:
        self.file = str(file)
        self.where = where
        self.message = message
        self.fix = fix
        self.message_vi = message_vi
        self.fix_vi = fix_vi
        self.where_vi = where_vi if where_vi is not None else where
        super().__init__(self.text("en"))

    def text(self, lang: Lang) -> str:
        """The file, the place, the message and the fix in `lang` (English if not given)."""
        vietnamese = lang == "vi" and self.message_vi is not None
        where = self.where_vi if vietnamese else self.where
        parts = [self.file, where] if where else [self.file]
        message = self.message_vi if vietnamese else self.message
        fix = self.fix_vi if vietnamese else self.fix
        text = f"{': '.join(parts)}: {message}"
        if fix:
            text += f" {_FIX_VI if vietnamese else 'Fix'}: {fix}"
        return text
