"""Whether a value meets a target: comparators `>=`, `>`, `<=`, `<` and `=` within a tolerance."""

from __future__ import annotations

import polars as pl


def tolerance(target: pl.Expr, relative: float, absolute: float) -> pl.Expr:
    """Half-width of the band around `target` that counts as equal: max(relative·|V|, absolute)."""
    return pl.max_horizontal(target.abs() * relative, pl.lit(absolute))


def meets(value: pl.Expr, comparator: pl.Expr, target: pl.Expr, band: pl.Expr) -> pl.Expr:
    """True when `value` satisfies `comparator` against `target`; strict for `>` and `<`.

    Null when the value or the target is null.
    """
    return (
        pl.when(comparator == ">=")
        .then(value >= target)
        .when(comparator == ">")
        .then(value > target)
        .when(comparator == "<=")
        .then(value <= target)
        .when(comparator == "<")
        .then(value < target)
        .otherwise((value - target).abs() <= band)
    )


def wanted_direction(comparator: pl.Expr, target: pl.Expr, baseline: pl.Expr) -> pl.Expr:
    """+1 when the value must rise to meet the target, -1 when it must fall (`=`: towards V)."""
    return (
        pl.when(comparator.is_in([">=", ">"]))
        .then(pl.lit(1.0))
        .when(comparator.is_in(["<=", "<"]))
        .then(pl.lit(-1.0))
        .otherwise((target - baseline).sign())
    )
