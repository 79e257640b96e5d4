"""Summaries of many series at once, from rows sorted by series key and period.

Works on contiguous runs instead of hashing: a run starts where a key changes (one
comparison of each key with the row before it), so a run's first and last points are its
first and last rows. Everything else is array arithmetic over the whole column, then one
`reduceat` per sum over the run starts: a single pass for every series, no group-by and no
hash table. Whether the rows were in order is checked on the run heads (one row per series);
if not, the rows are sorted once and the runs recomputed.

Runs are cut into blocks whose temporaries stay in the processor's cache, summed one after
the other: two threads summing blocks cost more processor time than they saved (the
blocks' many small numpy calls contend for the interpreter lock). Meanwhile a second
thread has polars check the run heads' order (polars releases the lock).

Why numpy here: a polars `group_by(...).agg(...)` that needs per-row values relative to
each series' first period (the regression offsets) evaluates them group by group, several
times slower than these flat passes (docs/progress.md, "Speed").
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from itertools import pairwise

import numpy as np
import numpy.typing as npt
import polars as pl

from stkit.errors import StkitError

SUMMARY_COLUMNS: tuple[str, ...] = (
    "n_points",
    "t0",
    "x0",
    "tc",
    "xc",
    "ts",
    "xs",
    "x_recent_mean",
    "sw",
    "swu",
    "swx",
    "swuu",
    "swux",
    "illustrative",
)

_DTYPES: dict[str, type[np.generic]] = {
    **dict.fromkeys(SUMMARY_COLUMNS, np.float64),
    "n_points": np.uint32,
    "t0": np.int64,
    "tc": np.int64,
    "ts": np.int64,
    "illustrative": np.bool_,
}

#: Rows per block of the summary (2**18: a block's temporaries fit in a processor cache).
BLOCK_ROWS = 2**18

_Ints = npt.NDArray[np.int64]
_Floats = npt.NDArray[np.float64]


def _run_starts(frame: pl.DataFrame, keys: list[str]) -> tuple[_Ints, bool]:
    """(Row of each run's start, whether periods increase within every run).

    A run starts on each row whose keys differ from the row before it (and on the first
    row). Each row is compared with the row before it through two zero-copy slices of the
    column (no shifted copy), and the starts come back as row numbers, never as a boolean
    array converted row by row. Keys have no nulls here.
    """
    rows = frame.height
    if rows < 2:
        return np.zeros(rows, dtype=np.int64), True
    changed: pl.Series | None = None
    for key in keys:
        column = frame.get_column(key)
        differs = column.slice(1) != column.slice(0, rows - 1)
        changed = differs if changed is None else changed | differs
    assert changed is not None
    period = frame.get_column("period")
    in_order = (changed | (period.slice(1) > period.slice(0, rows - 1))).all()
    later = changed.arg_true().cast(pl.Int64).to_numpy() + 1
    return np.concatenate([np.zeros(1, dtype=np.int64), later]), bool(in_order)


def _heads_in_order(heads: pl.DataFrame, keys: list[str]) -> bool:
    """True when run heads increase strictly in the lexicographic order of `keys`.

    Adjacent heads differ by construction, so non-decreasing order means no key comes back
    in a later run.
    """
    if heads.height < 2:
        return True
    order: pl.Expr | None = None
    for key in reversed(keys):
        now, before = pl.col(key), pl.col(key).shift(1)
        order = now > before if order is None else (now > before) | ((now == before) & order)
    assert order is not None
    return bool(heads.select(order.fill_null(value=True).all()).item())


def _trend_start(period: _Ints, first: _Ints, last: _Ints, cutoff: _Ints) -> _Ints:
    """Row of each run's latest point at or before `cutoff` (cutoff ≥ the run's first period).

    Steps back from the last row while the period is after the cutoff; with unique whole-year
    periods that is at most `trend_window` steps, each a pass over one value per run.
    """
    at = last.copy()
    while True:
        after = (period[at] > cutoff) & (at > first)
        if not after.any():
            return at
        at -= after


def _recent_mean(period: _Ints, value: _Floats, last: _Ints, first: _Ints, years: int) -> _Floats:
    """Mean of each run's points in its last `years` years (periods > tc − years)."""
    tc = period[last]
    total = np.zeros(last.size)
    count = np.zeros(last.size)
    at = last.copy()
    inside = np.ones(last.size, dtype=bool)
    while inside.any():
        total += np.where(inside, value[at], 0.0)
        count += inside
        step = inside & (at > first)
        at -= step
        inside = step & (period[at] > tc - years)
    return total / count


def _empty(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    schema: dict[str, pl.DataType | type[pl.DataType]] = {k: frame.schema[k] for k in keys}
    schema.update(
        dict.fromkeys(SUMMARY_COLUMNS, pl.Float64),
        n_points=pl.UInt32,
        t0=pl.Int64,
        tc=pl.Int64,
        ts=pl.Int64,
        illustrative=pl.Boolean,
    )
    return pl.DataFrame(schema=schema)


def _sort_codes(frame: pl.DataFrame, keys: list[str]) -> list[pl.Series] | None:
    """Non-negative integer codes per key whose order groups equal keys (None: not possible)."""
    codes = []
    for key in keys:
        column = frame.get_column(key)
        if column.dtype == pl.String or isinstance(column.dtype, pl.Categorical):
            codes.append(column.cast(pl.Categorical).to_physical().cast(pl.Int64))
        elif column.dtype.is_integer() and column.min() >= 0:  # type: ignore[operator]
            codes.append(column.cast(pl.Int64))
        else:
            return None
    return codes


def _series_order(frame: pl.DataFrame, keys: list[str]) -> pl.Series:
    """Row order grouping each series' rows together, by period within a series.

    Packs the keys' integer codes (categorical codes for text) and the period into one
    64-bit number when they fit, so a single-column sort does the work of a multi-column
    sort on text (several times faster); otherwise sorts by the columns themselves.
    """
    period = frame.get_column("period").cast(pl.Int64)
    codes = _sort_codes(frame, keys)
    if codes is not None:
        parts = [*codes, period - period.min()]
        packed = pl.Series(np.zeros(frame.height, dtype=np.int64))
        span = 1
        for part in parts:
            size = int(part.max()) + 1  # type: ignore[arg-type]
            span *= size
            if span >= 2**62:
                break
            packed = packed * size + part
        else:
            return packed.arg_sort()
    return frame.select(pl.arg_sort_by(*keys, "period")).to_series()


def summarise_series(
    frame: pl.DataFrame,
    keys: list[str],
    *,
    trend_window: int,
    regression_power: float,
    rate_average_years: int,
) -> pl.DataFrame:
    """Per series (`keys`): count, first/last points, trend start, recent mean, weighted sums.

    `frame` has the keys, period, value (no nulls) and illustrative; periods are unique
    within a series. Rows with a null key are left out (they match no target). Trend start
    (ts, xs): the latest point at or before tc − k, k = min(trend_window, tc − t0) (SDSN).
    Regression weights (t − t0 + 1)^regression_power give later years more weight; periods
    are counted from t0 to keep sums well conditioned. Fastest when rows come sorted by
    keys and period (as data files usually are); otherwise they are sorted once.
    """
    frame = frame.select(*keys, "period", "value", "illustrative")
    if any(frame.get_column(k).null_count() for k in keys):
        frame = frame.drop_nulls(keys)
    if frame.height == 0:
        return _empty(frame, keys)
    work = partial(
        _run_statistics,
        trend_window=trend_window,
        regression_power=regression_power,
        rate_average_years=rate_average_years,
    )
    first, in_order = _run_starts(frame, keys)
    heads = None
    if in_order:  # heads checked by polars in a second thread while numpy sums the runs
        with ThreadPoolExecutor(max_workers=1) as pool:
            checked = pool.submit(_ordered_heads, frame, keys, first)
            columns = _columns(frame, first, work)
            heads = checked.result()
    if heads is None:  # a key comes back in a later run: sort once, sum again
        frame = frame.gather(_series_order(frame, keys))
        first, in_order = _run_starts(frame, keys)
        if not in_order:
            _raise_repeated(frame, keys)
        heads = frame.select(keys).gather(first)
        columns = _columns(frame, first, work)
    return pl.concat([heads, pl.DataFrame(columns)], how="horizontal")


def _ordered_heads(frame: pl.DataFrame, keys: list[str], first: _Ints) -> pl.DataFrame | None:
    """The keys of each run's first row, or None when they are not in increasing order."""
    heads = frame.select(keys).gather(first)
    return heads if _heads_in_order(heads, keys) else None


def _columns(
    frame: pl.DataFrame,
    first: _Ints,
    work: Callable[..., dict[str, npt.NDArray[np.generic]]],
) -> dict[str, npt.NDArray[np.generic]]:
    """SUMMARY_COLUMNS of the runs starting at rows `first`, one block of runs at a time.

    One array per column, not one chunk per block (the measures read whole columns): each
    block writes its rows into arrays allocated once, so nothing is concatenated after.
    """
    period = frame.get_column("period").cast(pl.Int64).to_numpy()
    value = frame.get_column("value").cast(pl.Float64).to_numpy()
    illustrative = frame.get_column("illustrative").cast(pl.Boolean).fill_null(value=False)
    flags = illustrative.to_numpy() if illustrative.any() else None  # None: no flag set
    blocks = _blocks(first, period.size)
    if len(blocks) == 1:
        return work(period, value, flags, first)
    columns = {name: np.empty(first.size, dtype=_DTYPES[name]) for name in SUMMARY_COLUMNS}
    for a, b, lo, hi in blocks:
        part = None if flags is None else flags[lo:hi]
        found = work(period[lo:hi], value[lo:hi], part, first[a:b] - lo)
        for name, column in columns.items():
            column[a:b] = found[name]
    return columns


class RepeatedPeriodError(StkitError):
    """A series has two values for one period; `key` names the series, `period` the year."""

    def __init__(self, key: dict[str, object], period: int) -> None:
        self.key = key
        self.period = period
        super().__init__(f"series {key} has more than one value for {period}")


def _raise_repeated(frame: pl.DataFrame, keys: list[str]) -> None:
    """Raise RepeatedPeriodError for the first repeated period of rows sorted by keys, period."""
    c = pl.col
    same = pl.all_horizontal([c(k) == c(k).shift(1) for k in [*keys, "period"]])
    row = frame.select(same.fill_null(value=False).arg_true().first()).item()
    found = frame.row(int(row), named=True)
    raise RepeatedPeriodError({k: found[k] for k in keys}, int(found["period"]))


def _blocks(first: _Ints, rows: int) -> list[tuple[int, int, int, int]]:
    """Split runs into blocks of about BLOCK_ROWS rows: (first run, end run, first row, end row).

    A block's temporary arrays stay in the processor's cache (about twice as fast as one
    pass over whole columns).
    """
    cuts = np.unique(np.append(np.searchsorted(first, np.arange(0, rows, BLOCK_ROWS)), first.size))
    ends = np.append(first, rows)
    return [(int(a), int(b), int(ends[a]), int(ends[b])) for a, b in pairwise(cuts)]


def _yearly_weight_sums(counts: _Ints) -> tuple[_Floats, _Floats, _Floats]:
    """Σw, Σw·u, Σw·u² of runs of n = `counts` yearly points, u = 0 … n−1, w = u + 1.

    Closed forms in whole numbers: Σu = n(n−1)/2, Σu² = (n−1)n(2n−1)/6, Σu³ = (Σu)².
    Every term and partial sum of the summed forms is a whole number far below 2**53, so
    the floating-point sums are exact and equal these.
    """
    n = counts.astype(np.int64)
    s1 = n * (n - 1) // 2
    s2 = (n - 1) * n * (2 * n - 1) // 6
    s3 = s1 * s1
    return (s1 + n).astype(np.float64), (s2 + s1).astype(np.float64), (s3 + s2).astype(np.float64)


def _run_statistics(
    period: _Ints,
    value: _Floats,
    illustrative: npt.NDArray[np.bool_] | None,
    first: _Ints,
    *,
    trend_window: int,
    regression_power: float,
    rate_average_years: int,
) -> dict[str, npt.NDArray[np.generic]]:
    """SUMMARY_COLUMNS of runs starting at rows `first` (rows ordered by period in a run)."""
    counts = np.diff(first, append=period.size)
    last = first + counts - 1
    t0, tc = period[first], period[last]
    offset = np.empty(period.size)
    np.subtract(period, np.repeat(t0, counts), out=offset, casting="unsafe")
    # every run one point a year from t0 to tc (periods increase strictly within a run)
    yearly = bool(np.array_equal(tc - t0, counts - 1))
    if regression_power == 0.0:
        weight = np.ones(period.size)
    else:
        weight = offset + 1.0
        if regression_power != 1.0:
            np.power(weight, regression_power, out=weight)
    weighted = weight * value
    swx = np.add.reduceat(weighted, first)
    if yearly and regression_power == 1.0:
        sw, swu, swuu = _yearly_weight_sums(counts)
        np.multiply(weight, offset, out=weight)  # w·u
    else:
        sw = np.add.reduceat(weight, first)
        np.multiply(weight, offset, out=weight)  # w·u
        swu = np.add.reduceat(weight, first)
    np.multiply(weight, value, out=weighted)  # w·u·x
    swux = np.add.reduceat(weighted, first)
    if not (yearly and regression_power == 1.0):
        np.multiply(weight, offset, out=weight)  # w·u·u
        swuu = np.add.reduceat(weight, first)

    back = np.minimum(trend_window, tc - t0)
    # yearly: the point `back` years before tc is `back` rows before it
    trend = last - np.maximum(back, 0) if yearly else _trend_start(period, first, last, tc - back)
    if illustrative is not None:
        flags = np.logical_or.reduceat(illustrative, first)
    else:
        flags = np.zeros(first.size, dtype=bool)
    recent = (
        _recent_mean(period, value, last, first, rate_average_years)
        if rate_average_years > 1
        else value[last]
    )
    return {
        "n_points": counts.astype(np.uint32),
        "t0": t0,
        "x0": value[first],
        "tc": tc,
        "xc": value[last],
        "ts": period[trend],
        "xs": value[trend],
        "x_recent_mean": recent,
        "sw": sw,
        "swu": swu,
        "swx": swx,
        "swuu": swuu,
        "swux": swux,
        "illustrative": flags,
    }
