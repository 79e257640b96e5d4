"""The index framework read from iMeta: indicators, aggregates level by level, weights."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

from stkit.errors import DataFileError

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Level:
    """One aggregation level: `codes` of its aggregates and the children→parent membership."""

    number: int
    codes: tuple[str, ...]
    children: tuple[str, ...]
    membership: FloatArray  # children × codes, 1 where the child belongs to the aggregate


@dataclass(frozen=True)
class Structure:
    """Indicators (level 1) with direction, denominator and target; aggregate levels above."""

    indicators: tuple[str, ...]
    direction: FloatArray
    denominator: tuple[str | None, ...]
    target: FloatArray
    goalposts: FloatArray  # indicators × (lower, upper); NaN where iMeta gives none
    weights: dict[str, float]
    levels: tuple[Level, ...]
    groups: tuple[str, ...]
    names: dict[str, str]

    @property
    def aggregates(self) -> tuple[str, ...]:
        """Aggregate codes, lowest level first."""
        return tuple(code for level in self.levels for code in level.codes)

    @property
    def top(self) -> str:
        """The code of the index itself (the single aggregate of the highest level)."""
        return self.levels[-1].codes[0]

    def level_weights(self, number: int) -> FloatArray:
        """Weights of the children aggregated at level `number` (children of that level)."""
        level = self.levels[number - 2]
        return np.array([self.weights[c] for c in level.children], dtype=np.float64)

    def with_weights(self, weights: dict[str, float]) -> Structure:
        """Return a copy with some weights replaced."""
        merged = {**self.weights, **weights}
        return Structure(
            self.indicators,
            self.direction,
            self.denominator,
            self.target,
            self.goalposts,
            merged,
            self.levels,
            self.groups,
            self.names,
        )


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _float(value: object) -> float:
    if value is None or value == "":
        return float("nan")
    return float(str(value))


def structure_from_imeta(imeta: pl.DataFrame, file: str = "iMeta") -> Structure:
    """Build the framework from a validated iMeta frame; a broken tree raises `DataFileError`."""
    rows = imeta.to_dicts()
    ind_rows = [r for r in rows if r["Type"] == "Indicator"]
    agg_rows = [r for r in rows if r["Type"] == "Aggregate"]
    if not ind_rows or not agg_rows:
        raise DataFileError(
            file,
            "needs at least one Indicator row and one Aggregate row.",
            message_vi="cần ít nhất một dòng Indicator và một dòng Aggregate.",
        )
    weights: dict[str, float] = {}
    parent: dict[str, str | None] = {}
    level_of: dict[str, int] = {}
    for row in ind_rows + agg_rows:
        code = str(row["iCode"])
        if row["Level"] is None:
            raise DataFileError(
                file,
                "Level is missing.",
                where=f"row {code}",
                fix="give its level (1 = indicator).",
                message_vi="thiếu Level.",
                fix_vi="ghi cấp của nó (1 = chỉ số thành phần).",
                where_vi=f"dòng {code}",
            )
        weights[code] = 1.0 if row["Weight"] is None else float(row["Weight"])
        parent[code] = _text(row["Parent"])
        level_of[code] = int(row["Level"])
    for row in ind_rows:
        if level_of[str(row["iCode"])] != 1:
            raise DataFileError(
                file,
                "an Indicator must be at Level 1.",
                where=f"row {row['iCode']}",
                message_vi="một Indicator phải ở Level 1.",
                where_vi=f"dòng {row['iCode']}",
            )
    top_level = max(level_of.values())
    for code, par in parent.items():
        if level_of[code] == top_level:
            continue
        if par is None or par not in level_of:
            raise DataFileError(
                file,
                f"Parent {par!r} is not an aggregate in this file.",
                where=f"row {code}",
                fix="name an Aggregate of the next level as Parent.",
                message_vi=f"Parent {par!r} không phải một Aggregate trong tệp này.",
                fix_vi="ghi ở Parent một Aggregate của cấp kế trên.",
                where_vi=f"dòng {code}",
            )
        if level_of[par] != level_of[code] + 1:
            raise DataFileError(
                file,
                f"Parent {par} sits at level {level_of[par]}, not {level_of[code] + 1}.",
                where=f"row {code}",
                message_vi=f"Parent {par} ở cấp {level_of[par]}, không phải cấp "
                f"{level_of[code] + 1}.",
                where_vi=f"dòng {code}",
            )
    indicators = tuple(str(r["iCode"]) for r in ind_rows)
    levels: list[Level] = []
    for number in range(2, top_level + 1):
        codes = tuple(str(r["iCode"]) for r in agg_rows if int(r["Level"]) == number)
        children = tuple(c for c in (indicators + tuple(level_of)) if level_of[c] == number - 1)
        children = tuple(dict.fromkeys(children))
        membership = np.zeros((len(children), len(codes)), dtype=np.float64)
        for i, child in enumerate(children):
            membership[i, codes.index(str(parent[child]))] = 1.0
        empty = [c for j, c in enumerate(codes) if membership[:, j].sum() == 0]
        if empty:
            raise DataFileError(
                file,
                f"aggregate(s) {', '.join(empty)} have no children.",
                message_vi=f"Aggregate {', '.join(empty)} không có thành phần nào.",
            )
        levels.append(Level(number, codes, children, membership))
    if len(levels[-1].codes) != 1:
        raise DataFileError(
            file,
            f"the top level {top_level} has {len(levels[-1].codes)} aggregates; the index needs one.",
            message_vi=f"cấp cao nhất {top_level} có {len(levels[-1].codes)} Aggregate; chỉ số "
            "chỉ cần một.",
        )
    return Structure(
        indicators=indicators,
        direction=np.array(
            [1.0 if r["Direction"] is None else float(r["Direction"]) for r in ind_rows]
        ),
        denominator=tuple(_text(r.get("Denominator")) for r in ind_rows),
        target=np.array([_float(r.get("Target")) for r in ind_rows], dtype=np.float64),
        goalposts=np.array(
            [[_float(r.get("goalpost_lower")), _float(r.get("goalpost_upper"))] for r in ind_rows],
            dtype=np.float64,
        ).reshape(len(ind_rows), 2),
        weights=weights,
        levels=tuple(levels),
        groups=tuple(str(r["iCode"]) for r in rows if r["Type"] == "Group"),
        names={str(r["iCode"]): str(r.get("iName") or r["iCode"]) for r in rows},
    )
