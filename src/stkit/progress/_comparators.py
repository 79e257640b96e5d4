"""Whether a value meets a target: comparators `>=`, `>`, `<=`, `<` and `=` within a tolerance.

The comparator text is read once into boolean columns (`comparator_flags`); the tests below
then read those flags instead of comparing text for every use (several per target).
"""

from __future__ import annotations

import polars as pl

#: Boolean column per comparator other than `=`; a row with none of them set is `=`.
FLAGS: dict[str, str] = {">=": "_cmp_ge", ">": "_cmp_gt", "<=": "_cmp_le", "<": "_cmp_lt"}
EQUAL_FLAG = "_cmp_eq"


def comparator_flags(comparator: pl.Expr) -> list[pl.Expr]:
    """Columns FLAGS and EQUAL_FLAG (false where the comparator is missing)."""
    return [
        *((comparator == text).fill_null(value=False).alias(name) for text, name in FLAGS.items()),
        (comparator == "=").fill_null(value=False).alias(EQUAL_FLAG),
    ]


def tolerance(target: pl.Expr, relative: float, absolute: float) -> pl.Expr:
    """Half-width of the band around `target` that counts as equal: max(relative·|V|, absolute)."""
    return pl.max_horizontal(target.abs() * relative, pl.lit(absolute))


def meets(value: pl.Expr, target: pl.Expr, band: pl.Expr) -> pl.Expr:
    """True when `value` satisfies the row's comparator against `target`; strict for `>`, `<`.

    Needs the `comparator_flags` columns; any other comparator counts as `=` (within
    `band`). Null when the value or the target is null.

    Written as "flag and test" terms joined by "or", which polars evaluates on bit masks
    (faster than a `when/then` chain). At most one flag is set on a row, so every other
    term is false and the row's own test decides, null included (false or null is null).
    """
    c = pl.col
    ge, gt, le, lt = (c(FLAGS[text]) for text in (">=", ">", "<=", "<"))
    other = ~(ge | gt | le | lt)
    return (
        (ge & (value >= target))
        | (gt & (value > target))
        | (le & (value <= target))
        | (lt & (value < target))
        | (other & ((value - target).abs() <= band))
    )


def rising() -> pl.Expr:
    """The comparator needs the value to rise (`>=`, `>`); needs the `comparator_flags`."""
    return pl.col(FLAGS[">="]) | pl.col(FLAGS[">"])


def falling() -> pl.Expr:
    """The comparator needs the value to fall (`<=`, `<`); needs the `comparator_flags`."""
    return pl.col(FLAGS["<="]) | pl.col(FLAGS["<"])


def wanted_direction(target: pl.Expr, baseline: pl.Expr) -> pl.Expr:
    """+1 when the value must rise to meet the target, -1 when it must fall (`=`: towards V)."""
    return (
        pl.when(rising())
        .then(pl.lit(1.0))
        .when(falling())
        .then(pl.lit(-1.0))
        .otherwise((target - baseline).sign())
    )
