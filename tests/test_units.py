"""Provincial unit tables, the 1 July 2025 crosswalk, lookups and the `stkit units` command."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stkit.cli import main
from stkit.datadir import shipped_data_dir
from stkit.errors import DataFileError, StkitError
from stkit.units import (
    MERGER_DATE,
    REGIONS,
    Unit,
    load_crosswalk,
    load_units,
    members,
    period_date,
    resolve_unit,
    slugify,
    successor,
)

BEFORE = dt.date(2025, 6, 30)
AFTER = dt.date(2025, 7, 1)

# Resolution 202/2025/QH15, art. 1: new unit → the old units it was formed from.
MERGERS: dict[str, set[str]] = {
    "tuyen-quang": {"ha-giang", "tuyen-quang"},
    "lao-cai": {"yen-bai", "lao-cai"},
    "thai-nguyen": {"bac-kan", "thai-nguyen"},
    "phu-tho": {"vinh-phuc", "hoa-binh", "phu-tho"},
    "bac-ninh": {"bac-giang", "bac-ninh"},
    "hung-yen": {"thai-binh", "hung-yen"},
    "hai-phong": {"hai-duong", "hai-phong"},
    "ninh-binh": {"ha-nam", "nam-dinh", "ninh-binh"},
    "quang-tri": {"quang-binh", "quang-tri"},
    "da-nang": {"quang-nam", "da-nang"},
    "quang-ngai": {"kon-tum", "quang-ngai"},
    "gia-lai": {"gia-lai", "binh-dinh"},
    "khanh-hoa": {"ninh-thuan", "khanh-hoa"},
    "lam-dong": {"dak-nong", "binh-thuan", "lam-dong"},
    "dak-lak": {"phu-yen", "dak-lak"},
    "ho-chi-minh": {"ba-ria-vung-tau", "binh-duong", "ho-chi-minh"},
    "dong-nai": {"binh-phuoc", "dong-nai"},
    "tay-ninh": {"long-an", "tay-ninh"},
    "can-tho": {"can-tho", "soc-trang", "hau-giang"},
    "vinh-long": {"ben-tre", "vinh-long", "tra-vinh"},
    "dong-thap": {"tien-giang", "dong-thap"},
    "ca-mau": {"bac-lieu", "ca-mau"},
    "an-giang": {"an-giang", "kien-giang"},
}
UNCHANGED = {
    "ha-noi": "ha-noi",
    "thua-thien-hue": "hue",
    "lai-chau": "lai-chau",
    "dien-bien": "dien-bien",
    "son-la": "son-la",
    "lang-son": "lang-son",
    "quang-ninh": "quang-ninh",
    "thanh-hoa": "thanh-hoa",
    "nghe-an": "nghe-an",
    "ha-tinh": "ha-tinh",
    "cao-bang": "cao-bang",
}
# Decision 19/2025/QĐ-TTg: codes of the 34 units since 1 July 2025.
NEW_CODES = {
    "ha-noi": "01", "cao-bang": "04", "tuyen-quang": "08", "dien-bien": "11", "lai-chau": "12",
    "son-la": "14", "lao-cai": "15", "thai-nguyen": "19", "lang-son": "20", "quang-ninh": "22",
    "bac-ninh": "24", "phu-tho": "25", "hai-phong": "31", "hung-yen": "33", "ninh-binh": "37",
    "thanh-hoa": "38", "nghe-an": "40", "ha-tinh": "42", "quang-tri": "44", "hue": "46",
    "da-nang": "48", "quang-ngai": "51", "gia-lai": "52", "khanh-hoa": "56", "dak-lak": "66",
    "lam-dong": "68", "dong-nai": "75", "ho-chi-minh": "79", "tay-ninh": "80", "dong-thap": "82",
    "vinh-long": "86", "an-giang": "91", "can-tho": "92", "ca-mau": "96",
}  # fmt: skip
# Decision 124/2004/QĐ-TTg: a sample of old codes.
OLD_CODES = {
    "ha-noi": "01", "ha-giang": "02", "hai-duong": "30", "hai-phong": "31",
    "thua-thien-hue": "46", "ba-ria-vung-tau": "77", "ho-chi-minh": "79", "can-tho": "92",
    "hau-giang": "93", "soc-trang": "94", "ca-mau": "96", "dak-nong": "67", "bac-giang": "24",
}  # fmt: skip


@pytest.fixture
def units_copy(tmp_path: Path) -> Path:
    """A data directory holding a copy of the shipped unit tables."""
    shutil.copytree(shipped_data_dir() / "units", tmp_path / "units")
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- tables -------------------------------------------------------------------------------


def test_generations_have_63_and_34_units() -> None:
    every = load_units()
    assert every.height == 97
    assert every.columns[:7] == [
        "code", "slug", "name_vi", "name_en", "region", "valid_from", "valid_to",
    ]  # fmt: skip
    assert load_units(as_of=BEFORE).height == 63
    assert load_units(as_of=AFTER).height == 34
    assert load_units(as_of=dt.date(2030, 1, 1)).height == 34
    assert load_units(as_of=dt.date(2000, 1, 1)).height == 0


def test_every_row_has_a_source_and_a_known_region() -> None:
    every = load_units()
    assert every["source"].null_count() == 0
    assert set(every["region"]) == set(REGIONS)
    assert (
        every.select(pl.col("region").replace_strict(REGIONS) == pl.col("region_vi"))
        .to_series()
        .all()
    )


def test_old_units_by_region_follow_resolution_81_2023() -> None:
    counts = dict(load_units(as_of=BEFORE).group_by("region").len().iter_rows())
    assert counts == {
        "Northern Midlands and Mountains": 14,
        "Red River Delta": 11,
        "North Central and Central Coast": 14,
        "Central Highlands": 5,
        "Southeast": 6,
        "Mekong River Delta": 13,
    }


def test_codes_are_the_official_ones() -> None:
    new = dict(load_units(as_of=AFTER).select("slug", "code").iter_rows())
    assert new == NEW_CODES
    old = dict(load_units(as_of=BEFORE).select("slug", "code").iter_rows())
    assert {slug: old[slug] for slug in OLD_CODES} == OLD_CODES


def test_slugs_follow_the_slug_rule() -> None:
    every = load_units()
    for slug, name in every.select("slug", "name_vi").iter_rows():
        assert slugify(name) == slug
    assert every.filter(pl.col("slug") == "ho-chi-minh")["name_en"].to_list() == [
        "Ho Chi Minh City",
        "Ho Chi Minh City",
    ]


def test_crosswalk_matches_resolution_202_2025() -> None:
    crosswalk = load_crosswalk()
    assert crosswalk.height == 63
    assert crosswalk["old_code"].n_unique() == 63
    merged = {
        new: set(group["old_slug"])
        for (new,), group in crosswalk.group_by("new_slug")
        if group.height > 1
    }
    assert merged == MERGERS
    assert sum(len(olds) for olds in merged.values()) == 52
    singles = {
        old: new for old, new in crosswalk.select("old_slug", "new_slug").iter_rows()
        if new not in MERGERS
    }  # fmt: skip
    assert singles == UNCHANGED


def test_hai_phong_and_can_tho_absorbed_their_neighbours() -> None:
    assert [m.slug for m in members("hai-phong")] == ["hai-duong", "hai-phong"]
    assert [m.code for m in members("can-tho")] == ["92", "93", "94"]
    assert successor("hai-duong").slug == "hai-phong"
    assert successor("94").slug == "can-tho"
    assert successor("hau-giang").code == "92"
    assert successor("thua-thien-hue").slug == "hue"


# --- slugs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Thành phố Hải Phòng", "hai-phong"),
        ("Cần Thơ", "can-tho"),
        ("Thành phố Hồ Chí Minh", "ho-chi-minh"),
        ("TP. Hồ Chí Minh", "ho-chi-minh"),
        ("Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"),
        ("Bà Rịa – Vũng Tàu", "ba-ria-vung-tau"),
        ("Thừa Thiên Huế", "thua-thien-hue"),
        ("Tỉnh Đắk Lắk", "dak-lak"),
        ("Hoà Bình", "hoa-binh"),
        ("Hòa Bình", "hoa-binh"),
        ("  ĐÀ NẴNG ", "da-nang"),
        ("hai-phong", "hai-phong"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


@given(st.text())
def test_slugify_is_idempotent_and_well_formed(text: str) -> None:
    slug = slugify(text)
    assert slugify(slug) == slug
    assert slug == "" or re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)


# --- lookups --------------------------------------------------------------------------------


def test_hai_phong_resolves_by_date() -> None:
    old = resolve_unit("hai-phong", on=BEFORE)
    new = resolve_unit("hai-phong", on=MERGER_DATE)
    assert old.valid_to == BEFORE
    assert new.valid_from == AFTER
    assert new.valid_to is None
    assert old != new
    assert old.code == new.code == "31"


def test_resolve_by_code_name_or_short_code() -> None:
    assert resolve_unit("30", on=BEFORE).slug == "hai-duong"
    assert resolve_unit("1", on=AFTER).slug == "ha-noi"
    assert resolve_unit("Thành phố Cần Thơ", on=AFTER).code == "92"
    # Code 24 is Bắc Giang before the merger and the new Bắc Ninh after it.
    assert resolve_unit("24", on=BEFORE).slug == "bac-giang"
    assert resolve_unit("24", on=AFTER).slug == "bac-ninh"


def test_unit_helpers() -> None:
    unit = resolve_unit("can-tho", on=AFTER)
    assert isinstance(unit, Unit)
    assert unit.region_vi == "Đồng bằng sông Cửu Long"
    assert unit.in_force_on(dt.date(2040, 1, 1))
    assert not unit.in_force_on(BEFORE)


def test_old_unit_after_merger_names_its_successor() -> None:
    with pytest.raises(StkitError, match=r"'hai-duong'.*until 2025-06-30.*'hai-phong'.*Fix"):
        resolve_unit("hai-duong", on=AFTER)


def test_new_unit_before_merger_names_its_predecessors() -> None:
    with pytest.raises(StkitError, match=r"'hue'.*only from 2025-07-01.*'thua-thien-hue'"):
        resolve_unit("hue", on=dt.date(2024, 5, 1))


def test_unknown_unit_suggests_close_slugs() -> None:
    with pytest.raises(StkitError, match=r"Unknown provincial unit 'hai-phng'.*'hai-phong'"):
        resolve_unit("hai-phng", on=BEFORE)


def test_date_before_tables_start() -> None:
    with pytest.raises(StkitError, match=r"not in force on 2006-01-01.*2008-08-01"):
        resolve_unit("ha-noi", on=dt.date(2006, 1, 1))


def test_period_date_places_2025_on_old_units() -> None:
    assert period_date(2024) == dt.date(2024, 12, 31)
    assert period_date(2025) == BEFORE
    assert period_date(2026) == dt.date(2026, 12, 31)
    assert resolve_unit("hai-duong", on=period_date(2025)).code == "30"


# --- loading checks -------------------------------------------------------------------------


def test_user_data_dir_is_read(units_copy: Path) -> None:
    _edit(units_copy / "units" / "units_2025.csv", "Hanoi", "Ha Noi Capital")
    assert resolve_unit("ha-noi", on=AFTER, data_dir=units_copy).name_en == "Ha Noi Capital"
    assert resolve_unit("ha-noi", on=AFTER).name_en == "Hanoi"


def test_edited_table_is_reloaded(units_copy: Path) -> None:
    path = units_copy / "units" / "units_2025.csv"
    assert load_units(units_copy, as_of=AFTER).height == 34
    _edit(path, "Hanoi", "Ha Noi Capital")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert resolve_unit("01", on=AFTER, data_dir=units_copy).name_en == "Ha Noi Capital"


def test_returned_frames_are_copies() -> None:
    frame = load_units()
    frame.insert_column(0, pl.Series("extra", range(frame.height)))
    assert "extra" not in load_units().columns


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("units_2024.csv", "\n30,hai-duong", "\n31,hai-duong", r"units_2024\.csv: line \d+, column code: code appears on more than one row"),
        ("units_2024.csv", "\n30,hai-duong", "\n30,hai-phong", r"line \d+, column slug: slug appears"),
        ("units_2025.csv", "2025-07-01", "1/7/2025", r"units_2025\.csv: line 2, column valid_from: valid_from is not a date\. Fix: write dates as YYYY-MM-DD"),
        ("units_2025.csv", "Red River Delta", "Delta", r"line 2, column region: unknown region"),
        ("units_2025.csv", "\n01,ha-noi", "\n001,ha-noi", r"line 2, column code: .*two-digit"),
        ("units_2025.csv", "\n01,ha-noi", "\n01,Ha Noi", r"line 2, column slug"),
        ("units_2024.csv", "2008-08-01,2025-06-30", "2008-08-01,2005-06-30", r"line 2, column valid_to: valid_to is before valid_from"),
        ("units_2024.csv", "Hanoi,", ",", r"line 2, column name_en: name_en is empty"),
        ("crosswalk_2025.csv", "30,hai-duong,31,hai-phong", "30,hai-duong,99,hai-phong", r"crosswalk_2025\.csv: line \d+, column new_code: new_code is not a unit of units/units_2025\.csv"),
        ("crosswalk_2025.csv", "30,hai-duong,31,hai-phong", "30,hai-duong,31,hai-duong", r"column new_slug: new_slug does not match"),
        ("crosswalk_2025.csv", "30,hai-duong,31,hai-phong", "98,hai-duong,31,hai-phong", r"column old_code: old_code is not a unit"),
        ("crosswalk_2025.csv", "30,hai-duong,31,hai-phong", "30,hai-dong,31,hai-phong", r"column old_slug: old_slug does not match"),
        ("crosswalk_2025.csv", "30,hai-duong,31,hai-phong", "31,hai-phong,31,hai-phong", r"column old_code: this old unit is mapped more than once"),
        ("crosswalk_2025.csv", "old_code,", "code,", r"header \(line 1\): missing column\(s\) old_code"),
    ],
)  # fmt: skip
def test_broken_tables_are_named(
    units_copy: Path, file: str, old: str, new: str, expected: str
) -> None:
    _edit(units_copy / "units" / file, old, new)
    with pytest.raises(DataFileError, match=expected) as caught:
        load_units(units_copy)
    assert "Fix:" in str(caught.value)


def test_crosswalk_must_cover_every_old_unit(units_copy: Path) -> None:
    path = units_copy / "units" / "crosswalk_2025.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if ",hai-duong," not in line), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"old unit\(s\) hai-duong have no row"):
        load_crosswalk(units_copy)


def test_every_new_unit_needs_a_member(units_copy: Path) -> None:
    path = units_copy / "units" / "crosswalk_2025.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",46,hue,", ",01,ha-noi,"), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"new unit\(s\) hue have no member"):
        load_crosswalk(units_copy)


def test_short_codes_from_excel_are_padded(units_copy: Path) -> None:
    _edit(units_copy / "units" / "units_2025.csv", "\n01,ha-noi", "\n1,ha-noi")
    _edit(units_copy / "units" / "crosswalk_2025.csv", "01,ha-noi,01,ha-noi", "1,ha-noi,1,ha-noi")
    assert resolve_unit("ha-noi", on=AFTER, data_dir=units_copy).code == "01"


def test_missing_file_is_named(units_copy: Path) -> None:
    (units_copy / "units" / "crosswalk_2025.csv").unlink()
    with pytest.raises(DataFileError, match=r"crosswalk_2025\.csv: the file is missing"):
        load_units(units_copy)


# --- command line ---------------------------------------------------------------------------


def _csv(capsys: pytest.CaptureFixture[str], argv: list[str]) -> pl.DataFrame:
    assert main(argv) == 0
    return pl.read_csv(capsys.readouterr().out.encode(), infer_schema=False)


def test_cli_lists_units_on_a_day(capsys: pytest.CaptureFixture[str]) -> None:
    before = _csv(capsys, ["units", "--as-of", "2025-06-30", "--format", "csv"])
    assert before.height == 63
    assert before.columns == ["code", "slug", "name_vi", "name_en", "region"]
    assert "hai-duong" in before["slug"].to_list()
    after = _csv(capsys, ["units", "--as-of", "2025-07-01", "--format", "csv"])
    assert after.height == 34
    assert after["code"].to_list() == sorted(NEW_CODES.values())


def test_cli_default_is_today(capsys: pytest.CaptureFixture[str]) -> None:
    today = dt.datetime.now(tz=dt.timezone(dt.timedelta(hours=7))).date()
    listed = _csv(capsys, ["units", "--format", "csv"])
    assert listed.height == load_units(as_of=today).height


def test_cli_table_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["units", "--as-of", "2026-01-01"]) == 0
    out = capsys.readouterr().out
    assert "| 31   | hai-phong" in out
    assert "Hải Phòng" in out
    assert out.count("\n") == 34 + 2


def test_cli_crosswalk(capsys: pytest.CaptureFixture[str]) -> None:
    table = _csv(capsys, ["units", "crosswalk", "--format", "csv"])
    assert table.height == 63
    assert table.columns == ["old_code", "old_slug", "new_code", "new_slug"]
    row = table.filter(pl.col("old_slug") == "soc-trang").row(0, named=True)
    assert row == {
        "old_code": "94",
        "old_slug": "soc-trang",
        "new_code": "92",
        "new_slug": "can-tho",
    }


def test_cli_uses_global_data_dir(units_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(units_copy / "units" / "units_2025.csv", "Hanoi", "Ha Noi Capital")
    argv = ["--data-dir", str(units_copy), "units", "--as-of", "2025-07-01", "--format", "csv"]
    assert "Ha Noi Capital" in _csv(capsys, argv)["name_en"].to_list()


@pytest.mark.parametrize("day", ["2025-13-01", "1/7/2025", "tomorrow"])
def test_cli_bad_date_exits_2(capsys: pytest.CaptureFixture[str], day: str) -> None:
    assert main(["--lang", "en", "units", "--as-of", day]) == 2
    err = capsys.readouterr().err
    assert "is not a date" in err
    assert "YYYY-MM-DD" in err
    assert "Traceback" not in err


def test_cli_day_before_tables_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "units", "--as-of", "1999-01-01"]) == 2
    assert "No provincial unit is in force on 1999-01-01" in capsys.readouterr().err


def test_cli_broken_table_exits_2(units_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(units_copy / "units" / "units_2025.csv", "2025-07-01", "July 2025")
    assert main(["--data-dir", str(units_copy), "units", "crosswalk"]) == 2
    err = capsys.readouterr().err
    assert "units_2025.csv: dòng 2, cột valid_from: valid_from không phải là ngày." in err
    assert main(["--data-dir", str(units_copy), "--lang", "en", "units", "crosswalk"]) == 2
    err = capsys.readouterr().err
    assert "units_2025.csv: line 2, column valid_from" in err
