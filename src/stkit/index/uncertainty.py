"""Monte Carlo uncertainty and sensitivity analysis of unit ranks, vectorised across runs.

Uncertain choices (METHODS §3.3 step 9, JRC audit of the GII): weights of a level
multiplied by U(1 − f, 1 + f) each, and alternative imputations, normalisations and
aggregations, each drawn uniformly per run. The stages up to normalisation depend only
on (imputation, normalisation), so each combination is computed once; every run is then
a slice of a (runs × units × indicators) array aggregated with batched matrix products.
Nothing is rebuilt per run.

Sensitivity: first-order share of rank variance of each choice, S_i = V(E[R | X_i]) / V(R),
and the total-effect share, by the Saltelli (2010) pick-freeze design with the Saltelli
first-order and Jansen total-effect estimators (Saltelli et al., "Variance based
sensitivity analysis of model output", Comput. Phys. Commun. 181, 2010): two
independent samples A and B of `runs` runs, and for each choice i a sample A_B^i taking
choice i from B and all others from A, so (k + 2) · runs evaluations for k choices. A
level's weight noise is one choice (a group of inputs). Per unit,
S_i = mean(f(B) · (f(A_B^i) − f(A))) / V and ST_i = mean((f(A) − f(A_B^i))²) / 2V; the
reported share pools units: Σ_u V_u S_iu / Σ_u V_u (the share of the summed rank
variance). Estimates carry Monte Carlo error of order 1/√runs and can be slightly
negative for choices without influence. Rank statistics use sample A.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
import polars as pl

from stkit.errors import StkitError
from stkit.index.aggregate import aggregate_all
from stkit.index.config import AggregateMethod, ImputeConfig, IndexConfig, NormaliseConfig
from stkit.index.normalise import normalise
from stkit.index.pipeline import build_from_structure, prepare
from stkit.index.rank import rank_desc
from stkit.index.structure import FloatArray, Structure, structure_from_imeta

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class UncertaintyResult:
    """Rank statistics per unit, sensitivity per choice, and every run's ranks (sample A)."""

    rank_stats: pl.DataFrame
    sensitivity: pl.DataFrame
    ranks: FloatArray  # runs × units
    units: tuple[str, ...]


@dataclass(frozen=True)
class _Sample:
    noise: dict[int, FloatArray]  # level -> (runs, children) multipliers
    impute: IntArray
    normalise: IntArray
    aggregate: IntArray

    def mixed(self, other: _Sample, choice: str) -> _Sample:
        """This sample with `choice` taken from `other` (the A_B^i matrix)."""
        if choice.startswith("weights_level_"):
            level = int(choice.removeprefix("weights_level_"))
            return replace(self, noise={**self.noise, level: other.noise[level]})
        return replace(self, **{choice: getattr(other, choice)})


@dataclass(frozen=True)
class _Model:
    structure: Structure
    normalised: FloatArray  # (impute alternatives × normalise alternatives, units, indicators)
    n_normalise: int
    aggregations: tuple[AggregateMethod, ...]
    noise: dict[int, float]

    def draw(self, rng: np.random.Generator, runs: int, n_impute: int) -> _Sample:
        noise = {}
        for level, f in sorted(self.noise.items()):
            width = len(self.structure.levels[level - 2].children)
            noise[level] = rng.uniform(1 - f, 1 + f, size=(runs, width))
        return _Sample(
            noise,
            rng.integers(0, n_impute, runs),
            rng.integers(0, self.n_normalise, runs),
            rng.integers(0, len(self.aggregations), runs),
        )

    def ranks(self, sample: _Sample, chunk: int = 1000) -> FloatArray:
        runs = sample.impute.size
        out = np.empty((runs, self.normalised.shape[1]))
        for start in range(0, runs, chunk):
            stop = min(start + chunk, runs)
            out[start:stop] = self._ranks(sample, slice(start, stop))
        return out

    def _ranks(self, sample: _Sample, part: slice) -> FloatArray:
        combo = sample.impute[part] * self.n_normalise + sample.normalise[part]
        values = self.normalised[combo]
        weights = {
            level: self.structure.level_weights(level) * m[part]
            for level, m in sample.noise.items()
        }
        top = np.empty(values.shape[:2])
        methods = sample.aggregate[part]
        for k, method in enumerate(self.aggregations):
            runs = np.flatnonzero(methods == k)
            if runs.size == 0:
                continue
            w = {level: arr[runs] for level, arr in weights.items()}
            top[runs] = aggregate_all(values[runs], self.structure, method, w)[:, :, -1]
        return np.asarray(rank_desc(top[:, :, None])[:, :, 0])


def _choices(model: _Model, n_impute: int) -> list[str]:
    names = [f"weights_level_{level}" for level, f in sorted(model.noise.items()) if f > 0]
    if n_impute > 1:
        names.append("impute")
    if model.n_normalise > 1:
        names.append("normalise")
    if len(model.aggregations) > 1:
        names.append("aggregate")
    return names


def uncertainty(
    idata: pl.DataFrame,
    imeta: pl.DataFrame,
    config: IndexConfig,
    *,
    runs: int | None = None,
    seed: int | None = None,
    sensitivity: bool = True,
) -> UncertaintyResult:
    """Run the Monte Carlo of `config.uncertainty`; `runs`/`seed` override the file's values."""
    structure = structure_from_imeta(imeta)
    spec = config.uncertainty
    n_runs = spec.runs if runs is None else runs
    if n_runs < 2:
        raise StkitError(
            "Uncertainty analysis needs at least 2 runs. Fix: pass --runs 100 or more. / "
            "Phân tích độ bất định cần ít nhất 2 lần chạy. Cách sửa: truyền --runs 100 trở lên."
        )
    for level in spec.weight_noise:
        if not 2 <= level <= len(structure.levels) + 1:
            raise StkitError(
                f"weight_noise names level {level}, but the aggregation levels are "
                f"2 to {len(structure.levels) + 1}. Fix: use one of those levels. / "
                f"weight_noise ghi cấp {level}, nhưng các cấp tổng hợp là 2 đến "
                f"{len(structure.levels) + 1}. Cách sửa: dùng một trong các cấp đó."
            )
    nominal = build_from_structure(idata, structure, config)
    kept = np.isin(
        idata.get_column("uCode").cast(pl.String).to_numpy(),
        nominal.scores.get_column("uCode").to_numpy(),
    )
    imputations: tuple[ImputeConfig, ...] = spec.impute or (config.impute,)
    normalisations: tuple[NormaliseConfig, ...] = spec.normalise or (config.normalise,)
    aggregations: tuple[AggregateMethod, ...] = spec.aggregate or (config.aggregate,)
    stack: list[FloatArray] = []
    for imp in imputations:
        treated = prepare(idata, structure, config, imp, kept=kept).treated
        stack.extend(normalise(treated, structure, n) for n in normalisations)
    model = _Model(
        structure, np.stack(stack), len(normalisations), aggregations, dict(spec.weight_noise)
    )
    rng = np.random.default_rng(spec.seed if seed is None else seed)
    a = model.draw(rng, n_runs, len(imputations))
    ranks_a = model.ranks(a)
    units = tuple(u for u, k in zip(idata.get_column("uCode").to_list(), kept, strict=True) if k)
    top = structure.top
    stats = pl.DataFrame(
        {
            "uCode": list(units),
            "nominal": nominal.ranks.get_column(top).cast(pl.Float64).to_numpy(),
            "mean": np.nanmean(ranks_a, axis=0),
            "median": np.nanmedian(ranks_a, axis=0),
            "q05": np.nanquantile(ranks_a, 0.05, axis=0),
            "q95": np.nanquantile(ranks_a, 0.95, axis=0),
        }
    ).with_columns(pl.col("nominal").cast(pl.Int64))
    names = _choices(model, len(imputations))
    rows: list[dict[str, object]] = []
    if sensitivity and names:
        b = model.draw(rng, n_runs, len(imputations))
        ranks_b = model.ranks(b)
        var = np.var(np.concatenate([ranks_a, ranks_b]), axis=0)
        total_var = float(var.sum())
        for name in names:
            ranks_ab = model.ranks(a.mixed(b, name))
            first = np.mean(ranks_b * (ranks_ab - ranks_a), axis=0)
            total = np.mean((ranks_a - ranks_ab) ** 2, axis=0) / 2
            rows.append(
                {
                    "choice": name,
                    "first_order": float(first.sum()) / total_var if total_var > 0 else 0.0,
                    "total": float(total.sum()) / total_var if total_var > 0 else 0.0,
                }
            )
    sens = pl.DataFrame(
        rows, schema={"choice": pl.String, "first_order": pl.Float64, "total": pl.Float64}
    )
    return UncertaintyResult(stats, sens, ranks_a, units)
