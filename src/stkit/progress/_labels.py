"""Text columns of a closed set of labels (status, trend, method), chosen by number.

A `when/then` chain whose branches are texts builds a text column at every branch; the
same chain on small whole numbers is a few passes over bytes, and one gather from the
table of labels turns the numbers into the texts at the end (docs/progress.md, Speed).
"""

from __future__ import annotations

import polars as pl


class Labels:
    """A closed set of text labels, numbered in the order given (at least two)."""

    def __init__(self, *names: str) -> None:
        self.names = names

    def __call__(self, name: str) -> pl.Expr:
        """The number of label `name`, as a literal for a `when/then` chain."""
        return pl.lit(self.names.index(name), dtype=pl.UInt8)

    def text(self, number: pl.Expr) -> pl.Expr:
        """The labels of the numbers in `number` (null stays null)."""
        return pl.lit(pl.Series(self.names, dtype=pl.String)).gather(number)
