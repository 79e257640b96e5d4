"""The result of one index build: every stage's frame, scores, ranks, and a readable summary."""

from __future__ import annotations

import html
from dataclasses import dataclass

import polars as pl

from stkit.index.config import IndexConfig
from stkit.index.structure import Structure

STAGE_NAMES: tuple[str, ...] = (
    "Raw",
    "Denominated",
    "Imputed",
    "Screened",
    "Treated",
    "Normalised",
    "Aggregated",
)


@dataclass(frozen=True)
class IndexResult:
    """Stages (`uCode` + one column per indicator/aggregate), scores, ranks and treatment details.

    `scores` and `ranks` have `uCode` then one column per aggregate, the index first
    (highest level first, iMeta order within a level). `efficiency` is Output ÷ Input
    when the structure has those sub-indices, else None.
    """

    stages: dict[str, pl.DataFrame]
    scores: pl.DataFrame
    ranks: pl.DataFrame
    treatment: pl.DataFrame
    efficiency: pl.DataFrame | None
    structure: Structure
    config: IndexConfig

    @property
    def index_code(self) -> str:
        """iCode of the index itself."""
        return self.structure.top

    def table(self, n: int | None = None) -> pl.DataFrame:
        """Units by rank of the index: uCode, rank, score (top `n` if given)."""
        top = self.index_code
        frame = (
            self.scores.select("uCode", pl.col(top).alias("score"))
            .join(self.ranks.select("uCode", pl.col(top).alias("rank")), on="uCode")
            .select("uCode", "rank", "score")
            .sort("rank", nulls_last=True)
        )
        return frame if n is None else frame.head(n)

    def summary(self) -> str:
        """A few lines a planner can read: size, method, the top units."""
        s = self.structure
        levels = ", ".join(f"level {lv.number}: {len(lv.codes)}" for lv in s.levels)
        treated = self.treatment.filter(pl.col("winsorise.nwin").is_not_null()).height
        lines = [
            f"Index {s.top}: {self.scores.height} units, {len(s.indicators)} indicators ({levels}).",
            (
                f"Method: impute {self.config.impute.method}, treat {self.config.treat.method} "
                f"({treated} indicators treated), normalise {self.config.normalise.method}, "
                f"aggregate {self.config.aggregate}."
            ),
            "Top units:",
        ]
        for row in self.table(5).iter_rows(named=True):
            lines.append(f"  {row['rank']!s:>4}  {row['uCode']}  {_fmt(row['score'])}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        head, method = self.summary().split("\n")[:2]
        rows = "".join(
            f"<tr><td>{r['rank']}</td><td>{html.escape(str(r['uCode']))}</td>"
            f"<td>{_fmt(r['score'])}</td></tr>"
            for r in self.table(10).iter_rows(named=True)
        )
        return (
            f"<div><p><b>{html.escape(head)}</b><br>{html.escape(method)}</p>"
            f"<table><tr><th>rank</th><th>uCode</th><th>score</th></tr>{rows}</table></div>"
        )


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"
