"""Build an index: denominate → impute → screen → treat → normalise → aggregate → rank."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

from stkit.errors import DataFileError
from stkit.index.aggregate import aggregate_all
from stkit.index.config import ImputeConfig, IndexConfig
from stkit.index.denominate import denominate
from stkit.index.impute import impute
from stkit.index.normalise import normalise
from stkit.index.rank import rank_desc
from stkit.index.result import IndexResult
from stkit.index.screen import coverage_mask
from stkit.index.structure import FloatArray, Structure, structure_from_imeta
from stkit.index.treat import treat_matrix


@dataclass(frozen=True)
class Prepared:
    """Data up to treatment: what the Monte Carlo reuses for every run."""

    units: tuple[str, ...]
    raw: FloatArray
    denominated: FloatArray
    imputed: FloatArray
    kept: npt.NDArray[np.bool_]
    treated: FloatArray  # kept units only
    treatment: pl.DataFrame


def raw_matrix(idata: pl.DataFrame, structure: Structure) -> FloatArray:
    """Indicator columns of iData as a float matrix (units × indicators), NaN where missing."""
    missing = [c for c in structure.indicators if c not in idata.columns]
    if missing:
        raise DataFileError(
            "iData",
            f"indicator column(s) {', '.join(missing[:10])} named in iMeta are missing.",
            fix="add the columns to iData or remove the rows from iMeta.",
            message_vi=f"thiếu cột chỉ số {', '.join(missing[:10])} có tên trong iMeta.",
            fix_vi="thêm các cột vào iData hoặc xoá các dòng đó khỏi iMeta.",
        )
    frame = idata.select(
        pl.col(c).cast(pl.Float64, strict=False).fill_nan(None) for c in structure.indicators
    )
    unreadable = (
        idata.select(structure.indicators)
        .with_row_index("row", offset=2)
        .unpivot(index="row", variable_name="column", value_name="value")
        .with_columns(pl.col("value").cast(pl.String))
        .join(
            frame.with_row_index("row", offset=2).unpivot(
                index="row", variable_name="column", value_name="number"
            ),
            on=["row", "column"],
        )
        .filter(pl.col("value").is_not_null() & pl.col("number").is_null())
        .filter(
            pl.col("value").str.strip_chars().str.to_lowercase().is_in(["", "nan", "na"]).not_()
        )
    )
    if unreadable.height:
        shown = list(unreadable.head(10).iter_rows(named=True))
        cells = "; ".join(f"row {r['row']}, column {r['column']}: {r['value']!r}" for r in shown)
        cells_vi = "; ".join(f"dòng {r['row']}, cột {r['column']}: {r['value']!r}" for r in shown)
        raise DataFileError(
            "iData",
            f"{unreadable.height} indicator value(s) are not numbers: {cells}.",
            fix="write numbers with a decimal point (30.4) and leave missing values empty.",
            message_vi=f"{unreadable.height} giá trị chỉ số không phải là số: {cells_vi}.",
            fix_vi="ghi số với dấu chấm thập phân (30.4) và để trống giá trị thiếu.",
        )
    return frame.to_numpy().astype(np.float64)


def prepare(
    idata: pl.DataFrame,
    structure: Structure,
    config: IndexConfig,
    impute_config: ImputeConfig | None = None,
    kept: npt.NDArray[np.bool_] | None = None,
) -> Prepared:
    """Run the stages before normalisation; `kept` forces the screened unit set."""
    units = tuple(idata.get_column("uCode").cast(pl.String).to_list())
    raw = raw_matrix(idata, structure)
    den = denominate(raw, idata, structure) if config.denominate else raw.copy()
    imp = impute(den, idata, impute_config or config.impute)
    mask = coverage_mask(imp, config.min_coverage) if kept is None else kept
    if not mask.any():
        raise DataFileError(
            "iData",
            f"no unit has {config.min_coverage:.0%} of its indicators.",
            fix="lower [screen] min_coverage or add an imputation method.",
            message_vi=f"không đơn vị nào có đủ {config.min_coverage:.0%} số chỉ số.",
            fix_vi="hạ [screen] min_coverage hoặc thêm một cách ước lượng giá trị thiếu.",
        )
    treated, details = treat_matrix(imp[mask], structure.indicators, config.treat)
    return Prepared(units, raw, den, imp, mask, treated, details)


def _frame(codes: list[str], units: tuple[str, ...], values: FloatArray) -> pl.DataFrame:
    data = {"uCode": list(units)} | {c: values[:, j] for j, c in enumerate(codes)}
    return pl.DataFrame(data).with_columns(pl.col(c).fill_nan(None) for c in codes)


def build(
    idata: pl.DataFrame, imeta: pl.DataFrame, config: IndexConfig | None = None
) -> IndexResult:
    """Build the index from COINr-style iData and iMeta frames with `config`'s method."""
    method = config or IndexConfig()
    structure = structure_from_imeta(imeta)
    return build_from_structure(idata, structure, method)


def build_from_structure(
    idata: pl.DataFrame, structure: Structure, config: IndexConfig
) -> IndexResult:
    """Build with an already parsed structure (used by repeated builds)."""
    prep = prepare(idata, structure, config)
    units_kept = tuple(u for u, k in zip(prep.units, prep.kept, strict=True) if k)
    norm = normalise(prep.treated, structure, config.normalise)
    agg = aggregate_all(norm[None], structure, config.aggregate)[0]
    ind = list(structure.indicators)
    aggs = list(structure.aggregates)
    stages = {
        "Raw": _frame(ind, prep.units, prep.raw),
        "Denominated": _frame(ind, prep.units, prep.denominated),
        "Imputed": _frame(ind, prep.units, prep.imputed),
        "Screened": _frame(ind, units_kept, prep.imputed[prep.kept]),
        "Treated": _frame(ind, units_kept, prep.treated),
        "Normalised": _frame(ind, units_kept, norm),
        "Aggregated": _frame(ind + aggs, units_kept, np.concatenate([norm, agg], axis=1)),
    }
    order = [c for level in reversed(structure.levels) for c in level.codes]
    cols = [aggs.index(c) for c in order]
    scores = _frame(order, units_kept, agg[:, cols])
    ranks = _frame(order, units_kept, rank_desc(agg[:, cols])).with_columns(
        pl.col(c).cast(pl.Int64) for c in order
    )
    efficiency = None
    if config.efficiency_input in aggs and config.efficiency_output in aggs:
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = (
                agg[:, aggs.index(config.efficiency_output)]
                / agg[:, aggs.index(config.efficiency_input)]
            )
        efficiency = _frame(["Efficiency"], units_kept, ratio[:, None])
    return IndexResult(stages, scores, ranks, prep.treatment, efficiency, structure, config)
