"""The index method as a typed, immutable value, read from a TOML file.

Every threshold is a parameter whose default is the published value (METHODS §3.3).
Defaults without a file: denominate, no imputation, no screening, winsorise with the
documented counting rule, min–max 0–100, weighted arithmetic mean.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from stkit.errors import DataFileError

ImputeMethod = Literal["none", "mean", "median", "group_mean", "group_median"]
TreatMethod = Literal["none", "winsorise"]
Counting = Literal["documented", "coinr"]
NormaliseMethod = Literal[
    "minmax", "zscore", "rank", "percentile_rank", "goalposts", "distance_to_target"
]
AggregateMethod = Literal["amean", "gmean", "hmean"]

IMPUTE_METHODS: tuple[str, ...] = ("none", "mean", "median", "group_mean", "group_median")
TREAT_METHODS: tuple[str, ...] = ("none", "winsorise")
COUNTINGS: tuple[str, ...] = ("documented", "coinr")
NORMALISE_METHODS: tuple[str, ...] = (
    "minmax",
    "zscore",
    "rank",
    "percentile_rank",
    "goalposts",
    "distance_to_target",
)
AGGREGATE_METHODS: tuple[str, ...] = ("amean", "gmean", "hmean")


@dataclass(frozen=True)
class ImputeConfig:
    """How missing values are filled; `group` names a `*_group` column of iData."""

    method: ImputeMethod = "none"
    group: str | None = None


@dataclass(frozen=True)
class TreatConfig:
    """Outlier treatment: winsorise until |skew| < skew OR kurtosis < kurtosis, else log."""

    method: TreatMethod = "winsorise"
    winmax: int = 5
    skew: float = 2.0
    kurtosis: float = 3.5
    counting: Counting = "documented"
    log_fallback: bool = True


@dataclass(frozen=True)
class NormaliseConfig:
    """Normalisation after multiplying by direction.

    `range` is [l, u] for min–max; `mean`/`sd` for z-scores; `scale` multiplies the
    0–1 result of rank-free methods (percentile rank, goalposts, distance to target).
    """

    method: NormaliseMethod = "minmax"
    range: tuple[float, float] = (0.0, 100.0)
    mean: float = 0.0
    sd: float = 1.0
    scale: float = 100.0


@dataclass(frozen=True)
class UncertaintyConfig:
    """Uncertain choices for Monte Carlo; an empty alternatives list keeps the nominal choice."""

    weight_noise: dict[int, float] = field(default_factory=dict)
    normalise: tuple[NormaliseConfig, ...] = ()
    aggregate: tuple[AggregateMethod, ...] = ()
    impute: tuple[ImputeConfig, ...] = ()
    runs: int = 1000
    seed: int = 1


@dataclass(frozen=True)
class IndexConfig:
    """A whole index method: one field per pipeline stage, plus uncertainty and profiles."""

    denominate: bool = True
    impute: ImputeConfig = ImputeConfig()
    min_coverage: float = 0.0
    treat: TreatConfig = TreatConfig()
    normalise: NormaliseConfig = NormaliseConfig()
    aggregate: AggregateMethod = "amean"
    uncertainty: UncertaintyConfig = UncertaintyConfig()
    efficiency_input: str = "Input"
    efficiency_output: str = "Output"
    strength_share: float = 0.10
    strength_rank: int = 3


def _bad(
    file: Path,
    key: str,
    message: tuple[str, str],
    fix: tuple[str, str] | None = None,
) -> DataFileError:
    """The method file's key `key` breaks a rule: `message` and `fix` as (English, Vietnamese)."""
    return DataFileError(
        file,
        message[0],
        where=f"key {key}",
        fix=fix[0] if fix else None,
        message_vi=message[1],
        fix_vi=fix[1] if fix else None,
        where_vi=f"khoá {key}",
    )


def _choice(file: Path, key: str, value: object, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        choices = ", ".join(allowed)
        raise _bad(
            file,
            key,
            (f"{value!r} is not a known choice.", f"{value!r} không phải lựa chọn hợp lệ."),
            (f"use one of: {choices}.", f"dùng một trong: {choices}."),
        )
    return value


def _number(file: Path, key: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad(file, key, (f"{value!r} is not a number.", f"{value!r} không phải là số."))
    return float(value)


def _table(file: Path, key: str, value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _bad(
            file, key, ("expected a table.", "cần một bảng."), (f"write [{key}].", f"viết [{key}].")
        )
    return cast(dict[str, Any], value)


def _impute(file: Path, key: str, raw: dict[str, Any]) -> ImputeConfig:
    method = _choice(file, f"{key}.method", raw.get("method", "none"), IMPUTE_METHODS)
    group = raw.get("group")
    if method.startswith("group_") and not isinstance(group, str):
        raise _bad(
            file,
            f"{key}.group",
            (
                f"imputation {method!r} needs a group column.",
                f"cách ước lượng {method!r} cần một cột nhóm.",
            ),
            (
                'name a column of iData, e.g. group = "EurAsia_group".',
                'ghi tên một cột của iData, ví dụ group = "EurAsia_group".',
            ),
        )
    return ImputeConfig(cast(ImputeMethod, method), group if isinstance(group, str) else None)


def _normalise(file: Path, key: str, raw: dict[str, Any]) -> NormaliseConfig:
    method = _choice(file, f"{key}.method", raw.get("method", "minmax"), NORMALISE_METHODS)
    bounds = raw.get("range", [0, 100])
    if not isinstance(bounds, list) or len(bounds) != 2:
        raise _bad(
            file,
            f"{key}.range",
            ("range must be two numbers [l, u].", "range phải là hai số [l, u]."),
        )
    low, high = (_number(file, f"{key}.range", b) for b in bounds)
    if not low < high:
        raise _bad(file, f"{key}.range", ("range needs l < u.", "range cần l < u."))
    sd = _number(file, f"{key}.sd", raw.get("sd", 1.0))
    if sd <= 0:
        raise _bad(file, f"{key}.sd", ("sd must be positive.", "sd phải dương."))
    return NormaliseConfig(
        method=cast(NormaliseMethod, method),
        range=(low, high),
        mean=_number(file, f"{key}.mean", raw.get("mean", 0.0)),
        sd=sd,
        scale=_number(file, f"{key}.scale", raw.get("scale", 100.0)),
    )


def _uncertainty(file: Path, raw: dict[str, Any]) -> UncertaintyConfig:
    noise: dict[int, float] = {}
    for level, factor in _table(
        file, "uncertainty.weight_noise", raw.get("weight_noise", {})
    ).items():
        if not str(level).isdigit():
            raise _bad(
                file,
                "uncertainty.weight_noise",
                (f"{level!r} is not a level number.", f"{level!r} không phải số cấp."),
            )
        f = _number(file, f"uncertainty.weight_noise.{level}", factor)
        if not 0 <= f < 1:
            raise _bad(
                file,
                f"uncertainty.weight_noise.{level}",
                (
                    f"noise factor {f} must lie in [0, 1).",
                    f"hệ số nhiễu {f} phải nằm trong [0, 1).",
                ),
            )
        noise[int(level)] = f
    normalise = tuple(
        _normalise(file, f"uncertainty.normalise[{i}]", _table(file, "uncertainty.normalise", n))
        for i, n in enumerate(raw.get("normalise", []))
    )
    aggregate = tuple(
        cast(AggregateMethod, _choice(file, "uncertainty.aggregate", a, AGGREGATE_METHODS))
        for a in raw.get("aggregate", [])
    )
    impute = tuple(
        _impute(file, f"uncertainty.impute[{i}]", _table(file, "uncertainty.impute", m))
        for i, m in enumerate(raw.get("impute", []))
    )
    runs = int(_number(file, "uncertainty.runs", raw.get("runs", 1000)))
    seed = int(_number(file, "uncertainty.seed", raw.get("seed", 1)))
    return UncertaintyConfig(noise, normalise, aggregate, impute, runs, seed)


def config_from_dict(raw: dict[str, Any], file: str | Path = "<method>") -> IndexConfig:
    """Build an `IndexConfig` from a parsed TOML document; unknown choices raise `DataFileError`."""
    path = Path(file)
    den = _table(path, "denominate", raw.get("denominate", {}))
    imp = _table(path, "impute", raw.get("impute", {}))
    scr = _table(path, "screen", raw.get("screen", {}))
    trt = _table(path, "treat", raw.get("treat", {}))
    nrm = _table(path, "normalise", raw.get("normalise", {}))
    agg = _table(path, "aggregate", raw.get("aggregate", {}))
    eff = _table(path, "efficiency", raw.get("efficiency", {}))
    prof = _table(path, "profile", raw.get("profile", {}))
    coverage = _number(path, "screen.min_coverage", scr.get("min_coverage", 0.0))
    if not 0 <= coverage <= 1:
        raise _bad(
            path,
            "screen.min_coverage",
            ("min_coverage must lie in [0, 1].", "min_coverage phải nằm trong [0, 1]."),
        )
    treat = TreatConfig(
        method=cast(
            TreatMethod,
            _choice(path, "treat.method", trt.get("method", "winsorise"), TREAT_METHODS),
        ),
        winmax=int(_number(path, "treat.winmax", trt.get("winmax", 5))),
        skew=_number(path, "treat.skew", trt.get("skew", 2.0)),
        kurtosis=_number(path, "treat.kurtosis", trt.get("kurtosis", 3.5)),
        counting=cast(
            Counting, _choice(path, "treat.counting", trt.get("counting", "documented"), COUNTINGS)
        ),
        log_fallback=bool(trt.get("log_fallback", True)),
    )
    return IndexConfig(
        denominate=bool(den.get("enabled", True)),
        impute=_impute(path, "impute", imp),
        min_coverage=coverage,
        treat=treat,
        normalise=_normalise(path, "normalise", nrm),
        aggregate=cast(
            AggregateMethod,
            _choice(path, "aggregate.method", agg.get("method", "amean"), AGGREGATE_METHODS),
        ),
        uncertainty=_uncertainty(path, _table(path, "uncertainty", raw.get("uncertainty", {}))),
        efficiency_input=str(eff.get("input", "Input")),
        efficiency_output=str(eff.get("output", "Output")),
        strength_share=_number(path, "profile.top_share", prof.get("top_share", 0.10)),
        strength_rank=int(_number(path, "profile.top_rank", prof.get("top_rank", 3))),
    )


def load_config(path: str | Path) -> IndexConfig:
    """Read an index method from a TOML file."""
    file = Path(path)
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(
            file,
            f"not valid TOML ({error}).",
            fix="check quotes and brackets.",
            message_vi=f"không phải TOML hợp lệ ({error}).",
            fix_vi="kiểm tra dấu ngoặc kép và dấu ngoặc.",
        ) from None
    return config_from_dict(raw, file)
