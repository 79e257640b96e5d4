"""Problems found in input tables: kept as one polars frame, made into objects only to be shown.

Like pandera's lazy validation, validation collects every problem before it raises.
Every check returns its problems as rows of a frame with `PROBLEM_SCHEMA` (table,
file, sheet, row, column, value, rule, params), so a million repeated rows stay a
million frame rows, not a million Python objects. `ValidationFailed` holds that
frame (`rows`). Its message writes out the first `SHOWN_PER_RULE` problems of each
rule and file, kinds in the order first found, at most `SHOWN` in all; a kind with
more rows ends with "... and N more rows with this problem", and a last line counts
the problems of kinds not written out. `ValidationFailed.frame()` (and so `stkit
validate` in every format) gives every problem row with its message and fix,
filled in per rule with polars expressions rather than per row.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from string import Formatter

import polars as pl

from stkit.errors import StkitError
from stkit.i18n import Lang
from stkit.i18n import messages as _messages
from stkit.readers import ROW

PROBLEM_SCHEMA: Mapping[str, pl.DataType] = {
    "table": pl.String(),
    "file": pl.String(),
    "sheet": pl.String(),
    "row": pl.Int64(),
    "column": pl.String(),
    "value": pl.String(),
    "rule": pl.String(),
    "params": pl.String(),
}
"""Columns of a problem frame: where (table, file, sheet, Excel row, column), what, which
rule, and the parameters filled into the rule's texts as a JSON object of text values
(JSON, because polars builds it from a check's columns far faster than a list of pairs)."""

PROBLEM_COLUMNS: tuple[str, ...] = (
    "table",
    "file",
    "sheet",
    "row",
    "column",
    "value",
    "rule",
    "message",
    "fix",
)
"""Columns of `problems_frame` (what `stkit validate --format csv|json` writes)."""

SHOWN_PER_RULE = 5
"""Problems of one rule in one file written out in `ValidationFailed`'s message."""
SHOWN = 20
"""Problems written out in `ValidationFailed`'s message in all."""

_LOOK_ALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "FULLWIDTH")


def _hidden_char(char: str) -> bool:
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp") or (category == "Zs" and char != " "):
        return True
    if category.startswith("M"):
        return False  # Vietnamese tone marks (after NFC only where no precomposed form exists)
    name = unicodedata.name(char, "")
    return name.startswith(_LOOK_ALIKE_SCRIPTS)


def shown(text: str) -> str:
    """`text` for a message: invisible and look-alike characters written as code points (`U+200B`).

    A zero-width space, a NUL or a Cyrillic `а` in a cell looks like nothing or like
    its Latin twin; written out, the planner sees why the value is refused.

    Examples
    --------
    >>> shown("hai\u200b-phong")
    'hai⟨U+200B⟩-phong'
    >>> shown("h\u0430i-phong")
    'h⟨U+0430 CYRILLIC SMALL LETTER A⟩i-phong'
    """
    if text.isascii() and text.isprintable():
        return text
    out = []
    for char in text:
        if not _hidden_char(char):
            out.append(char)
            continue
        name = unicodedata.name(char, "")
        label = f"U+{ord(char):04X} {name}" if name.startswith(_LOOK_ALIKE_SCRIPTS) else ""
        out.append(f"⟨{label or f'U+{ord(char):04X}'}⟩")
    return "".join(out)


_TABLE_ORDER = {name: index for index, name in enumerate(_messages.TABLE_NAMES)}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an input table, with where it is and how to fix it."""

    table: str
    file: str
    sheet: str | None
    row: int | None
    """Row as seen in Excel (header = row 1); None for file- or column-level problems."""
    column: str | None
    value: str | None
    rule: str
    params: tuple[tuple[str, str], ...] = ()

    def _params(self, lang: Lang) -> dict[str, str]:
        params = dict(self.params)
        params.setdefault("column", self.column or "")
        params["value"] = shown(self.value or "")
        params["table"] = _messages.table_name(self.table, lang)
        return params

    def message(self, lang: Lang = "vi") -> str:
        """What is wrong, in `lang`."""
        return _messages.render(self.rule, "message", lang, self._params(lang))

    def fix(self, lang: Lang = "vi") -> str:
        """How to fix it, in `lang`."""
        return _messages.render(self.rule, "fix", lang, self._params(lang))


# ------------------------------------------------------------------------------------------
# Frames of problems
# ------------------------------------------------------------------------------------------


def empty_problems() -> pl.DataFrame:
    """A problem frame without rows."""
    return pl.DataFrame(schema=dict(PROBLEM_SCHEMA))


def problem_rows(frame: pl.DataFrame, table: str, file: str, sheet: str | None) -> pl.DataFrame:
    """A check's output as problem rows.

    `frame` has `_row`, `column`, `value` and `rule` (any may be missing), and one
    column per parameter of the rule's texts; a parameter null on a row is as if absent.
    A check may give the parameters already as a JSON object in a column `params`.
    """
    fixed = {ROW, "column", "value", "rule", "params"}
    extras = [c for c in frame.columns if c not in fixed]
    if "params" in frame.columns:
        params = pl.col("params")
    elif extras:
        params = pl.struct(pl.col(extras).cast(pl.String)).struct.json_encode()
    else:
        params = pl.lit("{}")

    def text(name: str) -> pl.Expr:
        present = name in frame.columns
        return (pl.col(name) if present else pl.lit(None)).cast(pl.String).alias(name)

    return frame.select(
        pl.lit(table, dtype=pl.String).alias("table"),
        pl.lit(file, dtype=pl.String).alias("file"),
        pl.lit(sheet, dtype=pl.String).alias("sheet"),
        (pl.col(ROW) if ROW in frame.columns else pl.lit(None)).cast(pl.Int64).alias("row"),
        text("column"),
        text("value"),
        text("rule"),
        params.alias("params"),
    )


def to_frame(problems: Iterable[Problem]) -> pl.DataFrame:
    """`Problem`s as a problem frame (`PROBLEM_SCHEMA`), in the given order."""
    rows = [
        (
            p.table,
            p.file,
            p.sheet,
            p.row,
            p.column,
            p.value,
            p.rule,
            json.dumps({k: str(v) for k, v in p.params}, ensure_ascii=False),
        )
        for p in problems
    ]
    return pl.DataFrame(rows, schema=dict(PROBLEM_SCHEMA), orient="row")


def to_problems(frame: pl.DataFrame) -> list[Problem]:
    """The rows of a problem frame as `Problem`s (for the few that are shown)."""
    return [
        Problem(
            table,
            file,
            sheet,
            row,
            column,
            value,
            rule,
            tuple((k, v) for k, v in json.loads(params or "{}").items() if v is not None),
        )
        for table, file, sheet, row, column, value, rule, params in frame.select(
            PROBLEM_SCHEMA.keys()
        ).iter_rows()
    ]


def combine(parts: Iterable[Problem | pl.DataFrame]) -> pl.DataFrame:
    """One problem frame from `Problem`s and problem frames, in the given order."""
    frames: list[pl.DataFrame] = []
    pending: list[Problem] = []
    for part in parts:
        if isinstance(part, Problem):
            pending.append(part)
            continue
        if pending:
            frames.append(to_frame(pending))
            pending = []
        frames.append(part.select(PROBLEM_SCHEMA.keys()).cast(pl.Schema(PROBLEM_SCHEMA)))
    if pending:
        frames.append(to_frame(pending))
    return pl.concat(frames, how="vertical") if frames else empty_problems()


# ------------------------------------------------------------------------------------------
# Messages, rendered per rule
# ------------------------------------------------------------------------------------------


def _params(names: Iterable[str]) -> pl.Expr:
    """The parameters `names` of each row, decoded from its JSON (missing ones null)."""
    return pl.col("params").str.json_decode(pl.Struct(dict.fromkeys(sorted(names), pl.String)))


def _shown_values(frame: pl.DataFrame) -> pl.Expr:
    """`value` with invisible characters escaped (`shown`), calling Python only where needed."""
    odd = (
        frame.filter(pl.col("value").str.contains(r"[^ -~]")).get_column("value").unique().to_list()
    )
    mapping = {value: shown(value) for value in odd}
    return pl.col("value").replace(mapping) if mapping else pl.col("value")


def _filled(template: str, fields: Mapping[str, pl.Expr]) -> pl.Expr:
    pieces: list[pl.Expr] = []
    for literal, name, _spec, _conversion in Formatter().parse(template):
        if literal:
            pieces.append(pl.lit(literal))
        if name:
            pieces.append(fields[name])
    return pl.concat_str(pieces) if pieces else pl.lit("")


def _render(frame: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """`frame` with `message` and `fix` in `lang`, one set of expressions per rule."""
    indexed = frame.with_row_index("_index")
    value = _shown_values(frame).fill_null("")
    tables = {t: _messages.table_name(t, lang) for t in frame["table"].unique().to_list()}
    table = pl.col("table").replace_strict(tables, default=pl.col("table"))
    parts = [indexed.select("_index").with_columns(message=pl.lit(""), fix=pl.lit("")).head(0)]
    for rule in frame["rule"].unique(maintain_order=True).to_list():
        texts = _messages.RULES[rule]
        message, fix = texts.message(lang), texts.fix(lang)
        names = {n for t in (message, fix) for _, n, _, _ in Formatter().parse(t) if n}
        wanted = names - {"value", "table"}
        rows = indexed.filter(pl.col("rule") == rule)
        if wanted:
            rows = rows.with_columns(_params(wanted).alias("_params"))
        fields: dict[str, pl.Expr] = {}
        for name in names:
            param = pl.col("_params").struct.field(name)
            if name == "value":
                fields[name] = value
            elif name == "table":
                fields[name] = table
            elif name == "column":
                fields[name] = pl.coalesce(param, pl.col("column"), pl.lit(""))
            else:
                fields[name] = param.fill_null("")
        parts.append(
            rows.select(
                "_index",
                _filled(message, fields).alias("message"),
                _filled(fix, fields).alias("fix"),
            )
        )
    texts_frame = pl.concat(parts, how="vertical_relaxed")
    return indexed.join(texts_frame, on="_index", how="left").sort("_index").drop("_index")


def problems_frame(problems: Iterable[Problem] | pl.DataFrame, lang: Lang = "vi") -> pl.DataFrame:
    """Problems as a frame with columns `PROBLEM_COLUMNS`, in table, file and row order."""
    frame = problems if isinstance(problems, pl.DataFrame) else to_frame(problems)
    rendered = _render(frame, lang).with_columns(_shown_values(frame).alias("value"))
    return (
        rendered.with_columns(_order=pl.col("table").replace_strict(_TABLE_ORDER, default=99))
        .sort(["_order", "file", "row"], nulls_last=False, maintain_order=True)
        .select(PROBLEM_COLUMNS)
    )


# ------------------------------------------------------------------------------------------
# The error
# ------------------------------------------------------------------------------------------


def _where(p: Problem) -> str:
    return ", ".join(
        part
        for part in (
            p.file,
            f"sheet {p.sheet}" if p.sheet else "",
            f"row {p.row}" if p.row is not None else "",
            f"column {p.column}" if p.column else "",
        )
        if part
    )


class ValidationFailed(StkitError):
    """The input tables break rules; `rows` holds every problem found, as a frame.

    Parameters
    ----------
    problems
        `Problem`s and problem frames (`PROBLEM_SCHEMA`), in the order found.
    """

    def __init__(self, problems: Iterable[Problem | pl.DataFrame]) -> None:
        self.rows = combine(problems)
        """Every problem (`PROBLEM_SCHEMA`), in the order found."""
        self.count = self.rows.height
        """How many problems."""
        group = ["table", "file", "rule"]
        ranked = self.rows.with_row_index("_index").with_columns(
            _rank=pl.int_range(pl.len()).over(group),
            _total=pl.len().over(group),
            _group=pl.col("_index").min().over(group),
        )
        # kinds in the order first found, each kind's rows together
        chosen = (
            ranked.filter(pl.col("_rank") < SHOWN_PER_RULE).sort("_group", "_index").head(SHOWN)
        )
        self.shown: tuple[Problem, ...] = tuple(to_problems(chosen))
        """The problems written out in the message."""
        lines = [f"{self.count} problem(s) in the input tables:"]
        last = chosen.with_columns(
            _last=pl.col("_rank") == pl.col("_rank").max().over(group)
        ).select("_last", "_total", "_rank")
        for p, (is_last, total, rank) in zip(self.shown, last.iter_rows(), strict=True):
            lines.append(f"  - {_where(p)}: {p.message('en')} Fix: {p.fix('en')}")
            if is_last and total > rank + 1:
                lines.append(
                    f"    ... and {total - rank - 1} more rows with this problem "
                    f"(rule '{p.rule}' in {p.file})."
                )
        listed = chosen.select(group).unique()
        rest = ranked.join(listed, on=group, how="anti", nulls_equal=True).height
        if rest:
            lines.append(f"  ... and {rest} more of other kinds; run `stkit validate`.")
        super().__init__("\n".join(lines))

    @cached_property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem as a `Problem` (slow for millions of rows: prefer `rows`, `frame`)."""
        return tuple(to_problems(self.rows))

    def frame(self, lang: Lang = "vi") -> pl.DataFrame:
        """Every problem with its message and fix in `lang` (see `problems_frame`)."""
        return problems_frame(self.rows, lang)
