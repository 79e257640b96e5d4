"""Provincial units: the 63 in force until 30 June 2025, the 34 since 1 July 2025, the crosswalk.

A slug alone is ambiguous across the merger (`hai-phong` before 1 July 2025 is not the
`hai-phong` after it), so every lookup takes a date. Period (year) rule, the one home of
it, used wherever a year has to be placed on one generation (`period_date`,
`period_day`, `LAST_OLD_PERIOD`): a period up to 2024 is on the old units, from 2026 on the
new ones, and 2025 is on the old units unless its unit key exists only after the merger
(`hue`, or a code that only the new list has) — most 2025 statistics are compiled for the
provinces as they stood for most of the year (see docs/units.md). An observation's optional
`territory` (`former` | `current`, `TERRITORIES`) overrides that default for 2025: a 2025
figure marked `current` is on the unit in force since 1 July 2025 (an annual figure
published in 2026 on the 34 units), one marked `former` on the unit in force until 30 June
2025. `former` is refused after 2025 and `current` before 2025 (`territory_allowed`).

One resolver (`unit_key`, `unit_keys`, `canonical_slugs`, `resolve_unit`) serves
validation, the CLI and the reports. It accepts what planners type: the slug, the official
code (`31`, or `1` for `01`), the Vietnamese or English name with or without diacritics
and with or without the "Thành phố" / "Tỉnh" / "TP." prefix, in NFC or NFD. Besides the
provinces, an optional `units/national.csv` declares the national unit (`viet-nam`,
code 00, also "toàn quốc", "cả nước"): resolvable and usable in observations and targets,
with `level = national`, never counted among the 63 / 34 provinces.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl

from stkit import vocab
from stkit.datadir import resolve_data_dir
from stkit.errors import DataFileError, StkitError

__all__ = [
    "CROSSWALK_FILE",
    "CURRENT",
    "FIRST_NEW_PERIOD",
    "FORMER",
    "LAST_DAY_OF_OLD_UNITS",
    "LAST_OLD_PERIOD",
    "MERGER_DATE",
    "NATIONAL",
    "NATIONAL_FILE",
    "NEW_UNITS_FILE",
    "OLD_UNITS_FILE",
    "PROVINCE",
    "REGIONS",
    "TERRITORIES",
    "Unit",
    "canonical_slugs",
    "load_crosswalk",
    "load_units",
    "members",
    "period_date",
    "period_day",
    "resolve_unit",
    "slugify",
    "slugs_named",
    "successor",
    "suggestions",
    "territory_allowed",
    "unit_key",
    "unit_keys",
]

MERGER_DATE = dt.date(2025, 7, 1)
LAST_DAY_OF_OLD_UNITS = dt.date(2025, 6, 30)
LAST_OLD_PERIOD = 2025
"""Last period (year) placed on the units in force until 30 June 2025."""
FIRST_NEW_PERIOD = 2026
"""First period always placed on the units in force since 1 July 2025."""
FORMER = "former"
"""`territory` of a row on the units in force until 30 June 2025 (the 63)."""
CURRENT = "current"
"""`territory` of a row on the units in force since 1 July 2025 (the 34)."""
TERRITORIES = vocab.TERRITORIES
"""Accepted values of the optional observations column `territory` (`stkit.vocab`)."""
LAST_DAY_OF_MERGER_YEAR = dt.date(2025, 12, 31)

OLD_UNITS_FILE = "units/units_2024.csv"
NEW_UNITS_FILE = "units/units_2025.csv"
CROSSWALK_FILE = "units/crosswalk_2025.csv"
NATIONAL_FILE = "units/national.csv"
NATIONAL = "national"
"""`level` of the national unit; provinces have level `province`."""
PROVINCE = "province"

# The six socio-economic regions (Resolution 81/2023/QH15, art. 3.1.a): English → Vietnamese.
REGIONS: dict[str, str] = {
    "Northern Midlands and Mountains": "Trung du và miền núi phía Bắc",
    "Red River Delta": "Đồng bằng sông Hồng",
    "North Central and Central Coast": "Bắc Trung Bộ và duyên hải miền Trung",
    "Central Highlands": "Tây Nguyên",
    "Southeast": "Đông Nam Bộ",
    "Mekong River Delta": "Đồng bằng sông Cửu Long",
}

UNIT_COLUMNS = ("code", "slug", "name_vi", "name_en", "region", "valid_from", "valid_to")
_UNIT_FILE_COLUMNS = (*UNIT_COLUMNS[:5], "region_vi", "valid_from", "valid_to", "source")
_CROSSWALK_COLUMNS = ("old_code", "old_slug", "new_code", "new_slug", "source")
_NATIONAL_COLUMNS = ("code", "slug", "name_vi", "name_en", "aliases", "valid_from", "valid_to")
_CODE = re.compile(r"^\d{2}$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_PREFIXES = ("thành phố ", "tỉnh ", "tp. ", "tp.", "tp ")


@dataclass(frozen=True)
class Unit:
    """One provincial-level unit in one generation (before or after 1 July 2025)."""

    code: str
    slug: str
    name_vi: str
    name_en: str
    region: str
    valid_from: dt.date
    valid_to: dt.date | None
    level: str = PROVINCE
    """`province`, or `national` for the national unit (`viet-nam`)."""

    @property
    def region_vi(self) -> str:
        """The region's Vietnamese name."""
        return REGIONS.get(self.region, self.region)

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the unit existed on `day` (both ends inclusive)."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def slugify(name_vi: str) -> str:
    """Return the slug of a Vietnamese unit name: `Thành phố Hải Phòng` → `hai-phong`.

    Rule: drop a leading "Thành phố", "Tỉnh" or "TP." (any case), map đ/Đ to d, strip every
    other diacritic (Unicode NFD, combining marks removed), lowercase, and join the runs of
    letters and digits with single hyphens (`Bà Rịa - Vũng Tàu` → `ba-ria-vung-tau`).
    A slug passed in comes back unchanged.
    """
    text = unicodedata.normalize("NFC", name_vi).strip()
    lowered = text.lower()
    for prefix in _PREFIXES:
        if lowered.startswith(prefix):
            text = text[len(prefix) :]
            break
    text = text.replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def period_date(period: int, territory: str | None = None) -> dt.date:
    """Return the day on which a yearly figure is placed: 30 June for 2025, else 31 December.

    So 2025 resolves on the old units and any other year on the units in force at its end.
    `territory` `current` places 2025 on 31 December 2025 (the units in force since 1 July
    2025); `former`, or none, keeps the default. Whether the pair is allowed at all is
    `territory_allowed`'s question.

    Examples
    --------
    >>> period_date(2025), period_date(2026), period_date(2025, "current")
    (datetime.date(2025, 6, 30), datetime.date(2026, 12, 31), datetime.date(2025, 12, 31))
    """
    if period == MERGER_DATE.year and territory != CURRENT:
        return LAST_DAY_OF_OLD_UNITS
    return dt.date(period, 12, 31)


def period_day(period: pl.Expr, territory: pl.Expr | None = None) -> pl.Expr:
    """`period_date` as a polars expression over a column of years (and of territories)."""
    on_old = period == MERGER_DATE.year
    if territory is not None:
        on_old = on_old & (territory.fill_null("") != CURRENT)
    return pl.when(on_old).then(pl.lit(LAST_DAY_OF_OLD_UNITS)).otherwise(pl.date(period, 12, 31))


def territory_allowed(period: pl.Expr, territory: pl.Expr) -> pl.Expr:
    """Whether a row's `territory` can hold in its period (true when `territory` is empty).

    `former` (the 63 units) ends with 2025, `current` (the 34 units) starts with 2025.

    Examples
    --------
    >>> frame = pl.DataFrame({"p": [2024, 2025, 2026, 2024, 2026], "t": [None, "current",
    ...     "current", "current", "former"]})
    >>> frame.select(territory_allowed(pl.col("p"), pl.col("t")))["p"].to_list()
    [True, True, True, False, False]
    """
    return (
        pl.when(territory == FORMER)
        .then(period <= LAST_OLD_PERIOD)
        .when(territory == CURRENT)
        .then(period >= MERGER_DATE.year)
        .otherwise(pl.lit(value=True))
    )


def load_units(
    data_dir: Path | None = None, *, as_of: dt.date | None = None, national: bool = False
) -> pl.DataFrame:
    """Return the provincial units in force on `as_of` (both generations, 97 rows, when None).

    Columns: code, slug, name_vi, name_en, region, valid_from, valid_to, region_vi, source,
    level, aliases. With `national`, the national unit (level `national`) is included too.
    Raises DataFileError naming file, line and fix when a table breaks a rule.
    """
    units = _tables(resolve_data_dir(data_dir)).units
    if not national:
        units = units.filter(pl.col("level") == PROVINCE)
    if as_of is not None:
        in_force = (pl.col("valid_from") <= as_of) & (
            pl.col("valid_to").is_null() | (pl.col("valid_to") >= as_of)
        )
        units = units.filter(in_force)
    return units.clone()


def load_crosswalk(data_dir: Path | None = None) -> pl.DataFrame:
    """Return the crosswalk old unit → new unit (63 rows): old_code, old_slug, new_code, new_slug, source."""
    return _tables(resolve_data_dir(data_dir)).crosswalk.clone()


def resolve_unit(
    key: str,
    *,
    on: dt.date,
    data_dir: Path | None = None,
    units: pl.DataFrame | None = None,
    crosswalk: pl.DataFrame | None = None,
) -> Unit:
    """Return the unit named by `key` in force on `on`.

    `key` is a slug, an official code or a name (see `unit_key`). `units` and `crosswalk`
    (as `load_units(national=True)` / `load_crosswalk` return them) default to those of
    `data_dir`. Raises StkitError when no such unit exists that day; for an old unit after
    the merger the message names its successor and the day, for a new unit before it the
    old units it was formed from; for an unknown name it suggests units in force that day.

    Examples
    --------
    >>> import datetime as dt
    >>> resolve_unit("TP. Hải Phòng", on=dt.date(2026, 1, 1)).slug
    'hai-phong'
    >>> resolve_unit("31", on=dt.date(2026, 1, 1)).name_vi
    'Hải Phòng'
    """
    if units is None or crosswalk is None:
        tables = _tables(resolve_data_dir(data_dir))
        units = tables.units if units is None else units
        crosswalk = tables.crosswalk if crosswalk is None else crosswalk
    matches = _matching(units, key)
    in_force = [unit for unit in matches if unit.in_force_on(on)]
    if in_force:
        return in_force[0]
    raise StkitError(_why_not_found(units, crosswalk, key, matches, on))


def successor(old_slug_or_code: str, *, data_dir: Path | None = None) -> Unit:
    """Return the unit in force since 1 July 2025 that an old unit became part of."""
    tables = _tables(resolve_data_dir(data_dir))
    old = resolve_unit(old_slug_or_code, on=LAST_DAY_OF_OLD_UNITS, data_dir=data_dir)
    row = tables.crosswalk.filter(pl.col("old_code") == old.code).row(0, named=True)
    return resolve_unit(row["new_code"], on=MERGER_DATE, data_dir=data_dir)


def members(new_slug: str, *, data_dir: Path | None = None) -> list[Unit]:
    """Return the old units (in force until 30 June 2025) a new unit was formed from, by code."""
    tables = _tables(resolve_data_dir(data_dir))
    new = resolve_unit(new_slug, on=MERGER_DATE, data_dir=data_dir)
    old_codes = tables.crosswalk.filter(pl.col("new_code") == new.code)["old_code"].sort()
    return [resolve_unit(code, on=LAST_DAY_OF_OLD_UNITS, data_dir=data_dir) for code in old_codes]


# --- the resolver ----------------------------------------------------------------------


def unit_key(text: str) -> str:
    """Return the lookup key of what a planner typed: a two-digit code, else a slug.

    Examples
    --------
    >>> [unit_key(t) for t in ("31", "1", "Hải Phòng", "Hai Phong", "Thành phố Hải Phòng")]
    ['31', '01', 'hai-phong', 'hai-phong', 'hai-phong']
    """
    stripped = str(text).strip()
    if stripped.isdigit() and len(stripped) <= 2:
        return stripped.zfill(2)
    return slugify(stripped)


def unit_keys(units: pl.DataFrame) -> pl.DataFrame:
    """Every accepted way to name each unit → the unit.

    Columns: key, code, slug, name_vi, name_en, region, valid_from, valid_to, level. Keys are the
    code, the slug, the slugs of both names and of each `aliases` entry ("|"-separated).
    """
    frame = units.with_columns(
        pl.col("aliases").fill_null("")
        if "aliases" in units.columns
        else pl.lit("").alias("aliases"),
        pl.col("level") if "level" in units.columns else pl.lit(PROVINCE).alias("level"),
    )
    identity = ("code", "slug", "name_vi", "name_en", "region", "valid_from", "valid_to", "level")
    rows: list[dict[str, object]] = []
    for row in frame.select(*identity, "aliases").iter_rows(named=True):
        names = [row["code"], row["slug"], row["name_vi"], row["name_en"]]
        names += [a for a in str(row["aliases"]).split("|") if a.strip()]
        keys = {unit_key(str(name)) for name in names if name}
        rows.extend({"key": key, **{c: row[c] for c in identity}} for key in sorted(keys))
    schema: dict[str, pl.DataType] = {"key": pl.String(), **{c: frame.schema[c] for c in identity}}
    return pl.DataFrame(rows, schema=schema, orient="row")


def canonical_slugs(
    frame: pl.DataFrame,
    units: pl.DataFrame,
    *,
    unit: str = "unit",
    period: str = "period",
    territory: str | None = "territory",
) -> pl.Series:
    """The slug of the unit each row names, in force on its period's day (null if none).

    One resolution per distinct (unit, period, territory); the day is `period_date`'s, with
    the row's `territory` when `frame` has that column.

    Examples
    --------
    >>> rows = pl.DataFrame({"unit": ["31", "Hai Phong", "hai-phong"], "period": [2024, 2024, 2026]})
    >>> canonical_slugs(rows, load_units(national=True)).to_list()
    ['hai-phong', 'hai-phong', 'hai-phong']
    """
    given = territory is not None and territory in frame.columns
    pairs = frame.select(
        pl.col(unit).cast(pl.String).alias("_unit"),
        pl.col(period).alias("_period"),
        (pl.col(territory).cast(pl.String) if given and territory else pl.lit(None, pl.String))
        .fill_null("")
        .alias("_territory"),
    )
    key = ["_unit", "_period", "_territory"]
    distinct = pairs.unique().drop_nulls()
    key_of = {text: unit_key(text) for text in distinct["_unit"].unique().to_list()}
    day = period_day(pl.col("_period"), pl.col("_territory"))
    resolved = (
        distinct.with_columns(
            pl.col("_unit").replace_strict(key_of, return_dtype=pl.String).alias("key")
        )
        .join(unit_keys(units), on="key", how="inner")
        .filter(
            (pl.col("valid_from") <= day)
            & (pl.col("valid_to").is_null() | (pl.col("valid_to") >= day))
        )
        .sort("valid_from")
        .group_by(key)
        .agg(pl.col("slug").first().alias("_slug"))
    )
    joined = pairs.join(resolved, on=key, how="left", maintain_order="left")
    return joined["_slug"].alias(unit)


def slugs_named(key: str, units: pl.DataFrame) -> list[str]:
    """Every slug `key` names in any generation (`31` → `hai-phong`); `[key]` if none.

    Examples
    --------
    >>> slugs_named("Thừa Thiên Huế", load_units())
    ['thua-thien-hue']
    """
    found = unit_keys(units).filter(pl.col("key") == unit_key(key))["slug"]
    return sorted(set(found.to_list())) or [key]


def suggestions(key: str, units: pl.DataFrame, *, on: dt.date, n: int = 3) -> list[str]:
    """Slugs of units in force on `on` that are closest to `key` (a likely misspelling)."""
    in_force = units.filter(
        (pl.col("valid_from") <= on) & (pl.col("valid_to").is_null() | (pl.col("valid_to") >= on))
    )
    known = unit_keys(in_force)
    close = difflib.get_close_matches(unit_key(key), known["key"].unique().to_list(), n=n)
    slug_of = dict(known.select("key", "slug").iter_rows())
    return list(dict.fromkeys(slug_of[c] for c in close))


def _matching(units: pl.DataFrame, key: str) -> list[Unit]:
    found = unit_keys(units).filter(pl.col("key") == unit_key(key)).sort("valid_from")
    return [
        _unit(row)
        for row in found.unique(["code", "valid_from"], maintain_order=True).iter_rows(named=True)
    ]


def _unit(row: dict[str, object]) -> Unit:
    valid_from = row["valid_from"]
    valid_to = row["valid_to"]
    assert isinstance(valid_from, dt.date)
    assert valid_to is None or isinstance(valid_to, dt.date)
    return Unit(
        code=str(row["code"]),
        slug=str(row["slug"]),
        name_vi=str(row["name_vi"]),
        name_en=str(row["name_en"]),
        region=str(row.get("region") or ""),
        valid_from=valid_from,
        valid_to=valid_to,
        level=str(row.get("level") or PROVINCE),
    )


def _labels(unit: Unit) -> dict[vocab.Lang, dict[str, str]]:
    """The unit named in an error, in each language (the `label` of the resolve rules)."""
    return {
        "vi": {"label": f"'{unit.slug}' ({unit.name_vi}, mã {unit.code})"},
        "en": {"label": f"'{unit.slug}' ({unit.name_vi}, code {unit.code})"},
    }


def _why_not_found(
    units: pl.DataFrame, crosswalk: pl.DataFrame, key: str, matches: list[Unit], on: dt.date
) -> str:
    """Why `key` names no unit on `on`, and the fix, in English and Vietnamese."""
    from stkit.i18n import messages as _messages  # noqa: PLC0415 - texts only where raised

    day = on.isoformat()
    if not matches:
        close = ", ".join(repr(c) for c in suggestions(key, units, on=on))
        return _messages.both(
            "resolve_unknown",
            {
                "value": key,
                "day": day,
                "suggestion_en": f" Did you mean {close}?" if close else "",
                "suggestion_vi": f" Có phải {close}?" if close else "",
            },
        )
    latest = matches[-1]
    if latest.valid_to is not None and on > latest.valid_to:
        row = crosswalk.filter(pl.col("old_code") == latest.code).row(0, named=True)
        return _messages.both(
            "resolve_ended",
            {
                "valid_to": latest.valid_to.isoformat(),
                "merger": MERGER_DATE.isoformat(),
                "successor": str(row["new_slug"]),
                "new_code": str(row["new_code"]),
                "day": day,
            },
            _labels(latest),
        )
    earliest = matches[0]
    if on < MERGER_DATE <= earliest.valid_from:
        olds = crosswalk.filter(pl.col("new_code") == earliest.code)["old_slug"]
        return _messages.both(
            "resolve_not_yet",
            {
                "valid_from": earliest.valid_from.isoformat(),
                "day": day,
                "predecessors": ", ".join(repr(s) for s in olds.sort()),
            },
            _labels(earliest),
        )
    return _messages.both(
        "resolve_too_early",
        {"day": day, "valid_from": earliest.valid_from.isoformat()},
        _labels(earliest),
    )


def __getattr__(name: str) -> object:
    """`stkit.units.reexpress` is `stkit.merger.reexpress` (kept for old import paths)."""
    if name == "reexpress":
        from stkit.merger import reexpress  # noqa: PLC0415 - stkit.merger imports this module

        return reexpress
    raise AttributeError(name)


# --- loading and checking ----------------------------------------------------------------


@dataclass(frozen=True)
class _Tables:
    units: pl.DataFrame
    crosswalk: pl.DataFrame


def _tables(data_dir: Path) -> _Tables:
    paths = [data_dir / name for name in (OLD_UNITS_FILE, NEW_UNITS_FILE, CROSSWALK_FILE)]
    for path in paths:
        if not path.is_file():
            raise DataFileError(
                path,
                "the file is missing.",
                fix="copy it from stkit's shipped data/units/ folder into your data directory.",
                message_vi="thiếu tệp này.",
                fix_vi="chép tệp từ thư mục data/units/ đi kèm stkit vào thư mục dữ liệu của bạn.",
            )
    national = data_dir / NATIONAL_FILE
    if national.is_file():
        paths.append(national)
    stamps = tuple(path.stat().st_mtime_ns for path in paths)
    return _load_tables(str(data_dir), stamps)


@lru_cache(maxsize=8)
def _load_tables(data_dir: str, stamps: tuple[int, ...]) -> _Tables:
    """Read and check the tables; `stamps` (file mtimes) make edits invalidate the cache."""
    root = Path(data_dir)
    old = _read_units(root / OLD_UNITS_FILE)
    new = _read_units(root / NEW_UNITS_FILE)
    crosswalk = _read_crosswalk(root / CROSSWALK_FILE, old, new)
    with_file = len(stamps) > len((OLD_UNITS_FILE, NEW_UNITS_FILE, CROSSWALK_FILE))
    national = _read_national(root / NATIONAL_FILE) if with_file else _national_default()
    units = pl.concat([old, new, national], how="diagonal_relaxed")
    return _Tables(units=units, crosswalk=crosswalk)


def _national_default() -> pl.DataFrame:
    """The national unit when a data directory has no `units/national.csv` (an older copy)."""
    return pl.DataFrame(
        {
            "code": ["00"],
            "slug": ["viet-nam"],
            "name_vi": ["Việt Nam"],
            "name_en": ["Viet Nam"],
            "region": [None],
            "valid_from": [dt.date(1976, 7, 2)],
            "valid_to": [None],
            "region_vi": [None],
            "source": [f"stkit default (no {NATIONAL_FILE} in the data directory)"],
            "level": [NATIONAL],
            "aliases": ["toàn quốc|cả nước"],
        },
        schema_overrides={"region": pl.String, "valid_to": pl.Date, "region_vi": pl.String},
    )


def _read_national(path: Path) -> pl.DataFrame:
    """The national unit(s): code, slug, names, `|`-separated aliases, validity, source."""
    frame = _read_text_table(path, (*_NATIONAL_COLUMNS, "source"))
    for column in ("code", "slug", "name_vi", "name_en", "valid_from", "source"):
        _require(
            frame,
            path,
            pl.col(column).is_null(),
            column,
            f"{column} is empty.",
            f"fill in {column}.",
            vi=(f"{column} đang để trống.", f"điền {column}."),
        )
    dated = frame.with_columns(
        pl.col(c).str.to_date("%Y-%m-%d", strict=False) for c in ("valid_from", "valid_to")
    )
    _require(
        dated,
        path,
        pl.col("valid_from").is_null(),
        "valid_from",
        "valid_from is not a date.",
        "write dates as YYYY-MM-DD, e.g. 1976-07-02.",
        vi=("valid_from không phải là ngày.", "ghi ngày theo dạng YYYY-MM-DD, ví dụ 1976-07-02."),
    )
    return dated.with_columns(
        pl.lit(None, dtype=pl.String).alias("region"),
        pl.lit(None, dtype=pl.String).alias("region_vi"),
        pl.lit(NATIONAL).alias("level"),
    ).select(*UNIT_COLUMNS, "region_vi", "source", "level", "aliases")


def _read_text_table(path: Path, columns: tuple[str, ...]) -> pl.DataFrame:
    try:
        frame = pl.read_csv(path, infer_schema=False, encoding="utf8")
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as error:
        raise DataFileError(
            path,
            f"cannot be read as CSV ({error}).",
            fix="save it as UTF-8 CSV.",
            message_vi=f"không đọc được dưới dạng CSV ({error}).",
            fix_vi="lưu tệp dưới dạng CSV UTF-8.",
        ) from error
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataFileError(
            path,
            f"missing column(s) {', '.join(missing)}.",
            where="header (line 1)",
            fix=f"the header must be: {','.join(columns)}.",
            message_vi=f"thiếu cột {', '.join(missing)}.",
            fix_vi=f"dòng tiêu đề phải là: {','.join(columns)}.",
            where_vi="dòng tiêu đề (dòng 1)",
        )
    stripped = frame.select(pl.col(c).str.strip_chars() for c in columns)
    # Excel drops leading zeros: accept "1" for code "01" (longer codes are caught later).
    codes = [c for c in columns if c.endswith("code")]
    return stripped.with_columns(pl.col(c).str.zfill(2).alias(c) for c in codes)


def _first_bad(frame: pl.DataFrame, bad: pl.Expr) -> int | None:
    """Return the file line (header = line 1) of the first row where `bad` holds."""
    hits = frame.with_row_index("_i").filter(bad)["_i"]
    return int(hits[0]) + 2 if len(hits) else None


def _require(
    frame: pl.DataFrame,
    path: Path,
    bad: pl.Expr,
    column: str,
    msg: str,
    fix: str,
    *,
    vi: tuple[str, str],
) -> None:
    """Raise for the first row where `bad` holds: `msg` and `fix` in English, `vi` in Vietnamese."""
    line = _first_bad(frame, bad)
    if line is not None:
        raise DataFileError(
            path,
            msg,
            where=f"line {line}, column {column}",
            fix=fix,
            message_vi=vi[0],
            fix_vi=vi[1],
            where_vi=f"dòng {line}, cột {column}",
        )


def _read_units(path: Path) -> pl.DataFrame:
    frame = _read_text_table(path, _UNIT_FILE_COLUMNS)
    for column in ("code", "slug", "name_vi", "name_en", "region", "valid_from", "source"):
        _require(
            frame,
            path,
            pl.col(column).is_null(),
            column,
            f"{column} is empty.",
            f"fill in {column}; every unit needs it (source: the legal document that lists it).",
            vi=(
                f"{column} đang để trống.",
                f"điền {column}; đơn vị nào cũng cần (nguồn: văn bản pháp lý liệt kê đơn vị).",
            ),
        )
    _require(
        frame,
        path,
        ~pl.col("code").str.contains(_CODE.pattern),
        "code",
        "the code is not a two-digit official code.",
        "use the code of the official list, e.g. 01 for Hà Nội.",
        vi=(
            "mã không phải mã chính thức hai chữ số.",
            "dùng mã trong danh mục chính thức, ví dụ 01 cho Hà Nội.",
        ),
    )
    _require(
        frame,
        path,
        ~pl.col("slug").str.contains(_SLUG.pattern),
        "slug",
        "the slug must be lowercase letters and digits joined by hyphens.",
        "write the name without diacritics, e.g. hai-phong (see stkit.units.slugify).",
        vi=(
            "slug phải là chữ thường và chữ số nối bằng dấu gạch ngang.",
            "viết tên không dấu, ví dụ hai-phong (xem stkit.units.slugify).",
        ),
    )
    _require(
        frame,
        path,
        ~pl.col("region").is_in(list(REGIONS)),
        "region",
        "unknown region.",
        f"use one of: {', '.join(REGIONS)}.",
        vi=("vùng không hợp lệ.", f"dùng một trong: {', '.join(REGIONS)}."),
    )
    for column in ("code", "slug"):
        _require(
            frame,
            path,
            pl.col(column).is_duplicated(),
            column,
            f"{column} appears on more than one row.",
            f"give each unit its own {column}; remove the duplicate row.",
            vi=(
                f"{column} xuất hiện ở nhiều hơn một dòng.",
                f"cho mỗi đơn vị một {column} riêng; xoá dòng trùng.",
            ),
        )
    units = frame.with_columns(
        pl.col(c).str.to_date("%Y-%m-%d", strict=False).alias(f"_{c}")
        for c in ("valid_from", "valid_to")
    )
    for column in ("valid_from", "valid_to"):
        _require(
            units,
            path,
            pl.col(column).is_not_null() & pl.col(f"_{column}").is_null(),
            column,
            f"{column} is not a date.",
            "write dates as YYYY-MM-DD, e.g. 2025-07-01.",
            vi=(
                f"{column} không phải là ngày.",
                "ghi ngày theo dạng YYYY-MM-DD, ví dụ 2025-07-01.",
            ),
        )
    _require(
        units,
        path,
        pl.col("_valid_to") < pl.col("_valid_from"),
        "valid_to",
        "valid_to is before valid_from.",
        "swap the dates or correct the year.",
        vi=("valid_to trước valid_from.", "đổi chỗ hai ngày hoặc sửa năm."),
    )
    return units.select(
        "code",
        "slug",
        "name_vi",
        "name_en",
        "region",
        pl.col("_valid_from").alias("valid_from"),
        pl.col("_valid_to").alias("valid_to"),
        "region_vi",
        "source",
        pl.lit(PROVINCE).alias("level"),
        pl.lit(None, dtype=pl.String).alias("aliases"),
    )


def _read_crosswalk(path: Path, old: pl.DataFrame, new: pl.DataFrame) -> pl.DataFrame:
    frame = _read_text_table(path, _CROSSWALK_COLUMNS)
    old_pairs = old.select(old_code="code", _old_slug="slug")
    new_pairs = new.select(new_code="code", _new_slug="slug")
    joined = frame.join(old_pairs, on="old_code", how="left", maintain_order="left").join(
        new_pairs, on="new_code", how="left", maintain_order="left"
    )
    old_file, new_file = OLD_UNITS_FILE, NEW_UNITS_FILE
    _require(
        joined,
        path,
        pl.col("_old_slug").is_null(),
        "old_code",
        f"old_code is not a unit of {old_file}.",
        f"use a code listed in {old_file}.",
        vi=(f"old_code không phải đơn vị trong {old_file}.", f"dùng một mã có trong {old_file}."),
    )
    _require(
        joined,
        path,
        pl.col("_old_slug") != pl.col("old_slug"),
        "old_slug",
        f"old_slug does not match the slug {old_file} gives this old_code.",
        "copy the slug from the units table.",
        vi=(
            f"old_slug không khớp slug mà {old_file} ghi cho old_code này.",
            "chép slug từ bảng đơn vị.",
        ),
    )
    _require(
        joined,
        path,
        pl.col("_new_slug").is_null(),
        "new_code",
        f"new_code is not a unit of {new_file}.",
        f"use a code listed in {new_file}.",
        vi=(f"new_code không phải đơn vị trong {new_file}.", f"dùng một mã có trong {new_file}."),
    )
    _require(
        joined,
        path,
        pl.col("_new_slug") != pl.col("new_slug"),
        "new_slug",
        f"new_slug does not match the slug {new_file} gives this new_code.",
        "copy the slug from the units table.",
        vi=(
            f"new_slug không khớp slug mà {new_file} ghi cho new_code này.",
            "chép slug từ bảng đơn vị.",
        ),
    )
    _require(
        joined,
        path,
        pl.col("old_code").is_duplicated(),
        "old_code",
        "this old unit is mapped more than once.",
        "keep one row per old unit: each old unit became part of exactly one new unit.",
        vi=(
            "đơn vị cũ này được chuyển đổi nhiều hơn một lần.",
            "giữ một dòng cho mỗi đơn vị cũ: mỗi đơn vị cũ thuộc đúng một đơn vị mới.",
        ),
    )
    unmapped = old.filter(~pl.col("code").is_in(frame["old_code"].to_list())).sort("code")
    if unmapped.height:
        raise DataFileError(
            path,
            f"old unit(s) {', '.join(unmapped['slug'])} have no row.",
            fix="add one row per old unit naming the new unit it became part of.",
            message_vi=f"đơn vị cũ {', '.join(unmapped['slug'])} chưa có dòng nào.",
            fix_vi="thêm mỗi đơn vị cũ một dòng, ghi đơn vị mới mà nó thuộc về.",
        )
    memberless = new.filter(~pl.col("code").is_in(frame["new_code"].to_list())).sort("code")
    if memberless.height:
        raise DataFileError(
            path,
            f"new unit(s) {', '.join(memberless['slug'])} have no member old unit.",
            fix="add the old unit(s) each new unit was formed from.",
            message_vi=f"đơn vị mới {', '.join(memberless['slug'])} không có đơn vị cũ nào.",
            fix_vi="thêm các đơn vị cũ hợp thành mỗi đơn vị mới.",
        )
    return frame.select(_CROSSWALK_COLUMNS)
