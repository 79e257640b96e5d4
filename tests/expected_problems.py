"""How the malformed and hostile corpora write an expected problem, read back as a tuple.

Each corpus keeps an `expected.csv` with one line per problem: sheet, row, column,
value and rule, an empty cell meaning "none". Both test modules compare these tuples
with the problems stkit reports.
"""

from __future__ import annotations

from collections.abc import Mapping

ExpectedProblem = tuple[str | None, int | None, str | None, str | None, str]
"""(sheet, row, column, value, rule)."""


def expected_problem(record: Mapping[str, str]) -> ExpectedProblem:
    """The problem a line of an `expected.csv` names."""
    return (
        record["sheet"] or None,
        int(record["row"]) if record["row"] else None,
        record["column"] or None,
        record["value"] or None,
        record["rule"],
    )


def problem_order(problem: ExpectedProblem) -> tuple[str, int, str, str, str]:
    """A sort key for expected and reported problems alike (empty cells first)."""
    sheet, number, column, value, rule = problem
    return (sheet or "", number or 0, column or "", value or "", rule)
