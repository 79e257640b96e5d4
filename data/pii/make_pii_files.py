"""Write the PII frame (pii_imeta.csv) and the ILLUSTRATIVE indicator data for 34 units.

Run from the repository root: `python data/pii/make_pii_files.py`. Deterministic (seed
2025): the same files come out every time. The frame is 52 indicators -> 18 groups -> 7
pillars -> Input/Output -> PII; names and placements not public are flagged in the
`name_status` and `placement` columns. No indicator-level PII data is public; the values
in pii_idata_illustrative.csv are made up to show the pipeline end to end, on the 34
units in force since 1 July 2025, and are never published results.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
UNITS = HERE.parent / "units" / "units_2025.csv"
CROSSWALK = HERE.parent / "units" / "crosswalk_2025.csv"
RESULTS = HERE / "pii_results.csv"
SEED = 2025

FRAME_SOURCES = (
    "Báo Đồng Nai, Enhancing the innovation index, 01/12/2025 (PII 2025: 52 indicators, 7 "
    "pillars, 5 input and 2 output); VnEconomy, Lần đầu tiên Huế vào top 5 địa phương dẫn đầu "
    "về chỉ số đổi mới sáng tạo, 01/10/2025 (7 pillars, 18 groups, 52 indicators); "
    "Cục Thông tin KH&CN quốc gia (vista.gov.vn), Công bố Chỉ số đổi mới sáng tạo cấp địa "
    "phương năm 2024, 30/12/2024 (PII 2024: 52 indicators, 7 pillars, pillar names)"
)
FRAMES = "2023;2024;2025"
NOT_PUBLIC = "not public in the sources checked"
ASSUMED_GROUPS = (
    "group level public (18 groups, VnEconomy 01/10/2025); group names, the number of groups "
    "per pillar and the indicators in each group are not public: assumed"
)

# (code, name_vi, name_en, sub-index, indicators per group). Pillar names: vista.gov.vn
# (30/12/2024) and vneconomy.vn (03/2024). Totals are public: 52 indicators, 7 pillars,
# 18 groups. Per pillar, 7, 7 and 5 indicators in the first three pillars follow the audit
# of the 2024 frame (issue 11) and were not confirmed in the sources searched; the split of
# the other 33 indicators and of the 18 groups over the pillars is an assumption.
PILLARS = [
    ("INST", "Thể chế", "Institutions", "Input", (3, 2, 2)),
    (
        "HUMAN",
        "Vốn con người và nghiên cứu và phát triển",
        "Human capital and R&D",
        "Input",
        (3, 2, 2),
    ),
    ("INFRA", "Cơ sở hạ tầng", "Infrastructure", "Input", (3, 2)),
    ("MARKET", "Trình độ phát triển của thị trường", "Market sophistication", "Input", (4, 4)),
    (
        "BUSINESS",
        "Trình độ phát triển của doanh nghiệp",
        "Business sophistication",
        "Input",
        (3, 3, 3),
    ),
    (
        "KNOW",
        "Sản phẩm tri thức, sáng tạo và công nghệ",
        "Knowledge and technology outputs",
        "Output",
        (3, 3, 2),
    ),
    ("IMPACT", "Tác động", "Impact", "Output", (4, 4)),
]
COUNT_STATUS = {
    "INST": "audit of the 2024 frame (issue 11), not confirmed in the sources searched",
    "HUMAN": "audit of the 2024 frame (issue 11), not confirmed in the sources searched",
    "INFRA": "audit of the 2024 frame (issue 11), not confirmed in the sources searched",
}

BAODAUTU_2023 = (
    "Báo Đầu tư, Hải Phòng xếp thứ 3 về chỉ số đổi mới sáng tạo cấp địa phương năm 2023, "
    "03/2024, https://amp.baodautu.vn/hai-phong-xep-thu-3-ve-chi-so-doi-moi-sang-tao-cap-dia-"
    "phuong-nam-2023-d210701.html"
)
BAONGHEAN_2024 = (
    "Báo Nghệ An, Nghệ An xếp hạng 37 về Chỉ số đổi mới sáng tạo cấp địa phương, 01/2025, "
    "https://baonghean.vn/nghe-an-xep-hang-37-ve-chi-so-doi-moi-sang-tao-cap-dia-phuong-"
    "10288812.html (strengths of Nghệ An, PII 2024)"
)
VNEXPRESS_2023 = (
    "VnExpress, 16 tỉnh thành đứng đầu các vùng kinh tế về đổi mới sáng tạo, 03/2024, "
    "https://vnexpress.net/16-tinh-thanh-dung-dau-cac-vung-kinh-te-ve-doi-moi-sang-tao-"
    "4721102.html"
)

BAOLONGAN_2024 = (
    "Báo Long An (English edition), Long An ranks 12th nationwide in Provincial Innovation "
    "Index, 2025, https://news.baolongan.vn/long-an-ranks-12th-nationwide-in-provincial-"
    "innovation-index-a188315.html (strengths and weaknesses of Long An, PII 2024; English "
    "names only)"
)
TINHDOAN_2023 = (
    "Tỉnh Đoàn Bắc Ninh, Bắc Ninh đứng Top đầu toàn quốc về Chỉ số đổi mới sáng tạo năm 2023, "
    "13/03/2024, https://tinhdoanbacninh.gov.vn/bac-ninh-dung-top-dau-toan-quoc-ve-chi-so-doi-"
    "moi-sang-tao-nam-2023-p-304"
)
TRANSLATED = " (dịch từ tên tiếng Anh)"

# Indicators named in press coverage: (pillar, position) -> (vi, en, name_status, placement,
# source). name_status "public" = the Vietnamese name is in the source; "public_en" = only
# the English name is public and the Vietnamese one is a translation, marked as such.
# placement "public" when the source ties the indicator to its pillar, else "assumed".
NAMED = {
    ("INST", 1): (
        "Chính sách thúc đẩy KH,CN&ĐMST phục vụ phát triển kinh tế - xã hội",
        "Policies promoting STI for socio-economic development",
        "public",
        "public",
        BAODAUTU_2023,
    ),
    ("INST", 2): (
        "Cải cách hành chính",
        "Administrative reform",
        "public",
        "assumed",
        BAODAUTU_2023,
    ),
    ("INST", 3): (
        "Chính sách hỗ trợ doanh nghiệp",
        "Policies supporting enterprises",
        "public",
        "assumed",
        BAONGHEAN_2024,
    ),
    ("INST", 4): (
        "Tính năng động của chính quyền địa phương" + TRANSLATED,
        "Dynamism of local government",
        "public_en",
        "assumed",
        BAOLONGAN_2024,
    ),
    ("HUMAN", 1): (
        "Tỷ lệ học sinh trung học tham gia cuộc thi nghiên cứu khoa học kỹ thuật",
        "Share of secondary pupils in science and engineering contests",
        "public",
        "assumed",
        BAODAUTU_2023,
    ),
    ("HUMAN", 2): (
        "Điểm trung bình thi tốt nghiệp THPT",
        "Average upper-secondary graduation exam score",
        "public",
        "assumed",
        BAONGHEAN_2024,
    ),
    ("HUMAN", 3): (
        "Chi cho giáo dục đào tạo bình quân",
        "Average spending on education and training",
        "public",
        "public",
        TINHDOAN_2023 + " (named with human capital and R&D)",
    ),
    ("HUMAN", 4): (
        "Số tổ chức khoa học và công nghệ/10.000 dân" + TRANSLATED,
        "Number of science and technology organisations per 10,000 people",
        "public_en",
        "assumed",
        BAOLONGAN_2024,
    ),
    ("HUMAN", 5): (
        "Tỷ lệ lao động qua đào tạo từ 15 tuổi trở lên (%)" + TRANSLATED,
        "Rate of trained workers aged 15 and over (%)",
        "public_en",
        "assumed",
        BAOLONGAN_2024,
    ),
    ("MARKET", 1): (
        "Vốn sản xuất kinh doanh bình quân hằng năm của doanh nghiệp",
        "Average annual business capital of enterprises",
        "public",
        "assumed",
        VNEXPRESS_2023,
    ),
    ("MARKET", 2): (
        "Đóng góp trong GDP cả nước",
        "Share of national GDP",
        "public",
        "assumed",
        BAONGHEAN_2024,
    ),
    ("BUSINESS", 1): (
        "Đầu tư trực tiếp nước ngoài/GRDP" + TRANSLATED,
        "Foreign direct investment / GRDP",
        "public_en",
        "public",
        BAOLONGAN_2024
        + "; "
        + VNEXPRESS_2023
        + " ('trình độ phát triển doanh nghiệp với đầu tư trực tiếp của nước ngoài')",
    ),
    ("BUSINESS", 2): (
        "Tỷ lệ doanh nghiệp có hoạt động nghiên cứu và phát triển",
        "Share of enterprises with R&D activity",
        "public",
        "assumed",
        BAONGHEAN_2024,
    ),
    ("BUSINESS", 3): (
        "Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo",
        "Share of enterprises with innovation activity",
        "public",
        "assumed",
        BAONGHEAN_2024,
    ),
    ("BUSINESS", 4): (
        "Số doanh nghiệp dịch vụ KH&CN/1.000 doanh nghiệp" + TRANSLATED,
        "Science and technology service enterprises per 1,000 enterprises",
        "public_en",
        "assumed",
        BAOLONGAN_2024,
    ),
    ("BUSINESS", 5): (
        "Tỷ lệ chi đào tạo lao động trong tổng chi của doanh nghiệp (%)" + TRANSLATED,
        "Share of labour training in total enterprise expenditure (%)",
        "public_en",
        "assumed",
        BAOLONGAN_2024,
    ),
    ("BUSINESS", 6): (
        "Tỷ lệ dự án đầu tư đang hoạt động trong các khu công nghiệp",
        "Share of investment projects operating in industrial parks",
        "public",
        "assumed",
        TINHDOAN_2023,
    ),
    ("KNOW", 1): ("Sáng chế", "Patents", "public", "assumed", BAODAUTU_2023),
    ("KNOW", 2): (
        "Số lượng doanh nghiệp",
        "Number of enterprises",
        "public",
        "assumed",
        BAODAUTU_2023,
    ),
    ("KNOW", 3): (
        "Số doanh nghiệp có chứng chỉ ISO/1.000 doanh nghiệp" + TRANSLATED,
        "Enterprises with ISO certificates per 1,000 enterprises",
        "public_en",
        "assumed",
        BAOLONGAN_2024,
    ),
    ("KNOW", 4): (
        "Đơn đăng ký nhãn hiệu/1.000 doanh nghiệp" + TRANSLATED,
        "Trademark applications per 1,000 enterprises",
        "public_en",
        "assumed",
        BAOLONGAN_2024,
    ),
    ("KNOW", 5): (
        "Đơn đăng ký kiểu dáng công nghiệp/10.000 dân" + TRANSLATED,
        "Industrial design applications per 10,000 people",
        "public_en",
        "assumed",
        BAOLONGAN_2024,
    ),
    ("IMPACT", 1): (
        "Giá trị xuất khẩu/GRDP",
        "Export value / GRDP",
        "public",
        "assumed",
        TINHDOAN_2023 + "; " + VNEXPRESS_2023 + " ('giá trị xuất khẩu')",
    ),
    ("IMPACT", 2): (
        "Tỷ lệ giảm nghèo" + TRANSLATED,
        "Poverty reduction rate",
        "public_en",
        "assumed",
        BAOLONGAN_2024,
    ),
}


def _row(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "Level": "",
        "iCode": "",
        "iName": "",
        "iName_en": "",
        "Direction": 1,
        "Weight": 1,
        "Parent": "",
        "Type": "Aggregate",
        "name_status": "public",
        "placement": "public",
        "frames": FRAMES,
        "source": FRAME_SOURCES,
    }
    base.update(fields)
    return base


def imeta_rows() -> list[dict[str, object]]:
    """Indicators (level 1) -> 18 groups (2) -> 7 pillars (3) -> Input/Output (4) -> PII (5)."""
    rows: list[dict[str, object]] = []
    for code, _vi, _en, _sub, groups in PILLARS:
        k = 0
        for g, count in enumerate(groups, start=1):
            for _ in range(count):
                k += 1
                named = NAMED.get((code, k))
                icode = f"{code}_{k}"
                rows.append(
                    _row(
                        Level=1,
                        iCode=icode,
                        iName=named[0] if named else f"Chỉ số {icode} (tên chưa công bố)",
                        iName_en=named[1] if named else f"Indicator {icode} (name not public)",
                        Parent=f"{code}_G{g}",
                        Type="Indicator",
                        name_status=named[2] if named else "not_public",
                        placement=named[3] if named else "assumed",
                        source=(named[4] if named else NOT_PUBLIC) + "; group: assumed",
                    )
                )
    for code, vi, en, _sub, groups in PILLARS:
        for g in range(1, len(groups) + 1):
            rows.append(
                _row(
                    Level=2,
                    iCode=f"{code}_G{g}",
                    iName=f"Nhóm chỉ số {g} của trụ cột {vi} (tên chưa công bố)",
                    iName_en=f"Group {g} of {en} (name not public)",
                    Parent=code,
                    name_status="not_public",
                    placement="assumed",
                    source=ASSUMED_GROUPS,
                )
            )
    for code, vi, en, sub, groups in PILLARS:
        status = COUNT_STATUS.get(code, "assumed")
        rows.append(
            _row(
                Level=3,
                iCode=code,
                iName=vi,
                iName_en=en,
                Parent=sub,
                source=f"{FRAME_SOURCES}; {sum(groups)} indicators: {status}",
            )
        )
    for code, vi, en in (
        ("Input", "Đầu vào ĐMST", "Innovation input"),
        ("Output", "Đầu ra ĐMST", "Innovation output"),
    ):
        rows.append(_row(Level=4, iCode=code, iName=vi, iName_en=en, Parent="PII"))
    rows.append(
        _row(
            Level=5,
            iCode="PII",
            iName="Chỉ số đổi mới sáng tạo cấp địa phương",
            iName_en="Provincial Innovation Index",
            source=FRAME_SOURCES
            + "; index = mean of Input and Output (Hải Phòng 2023: 56.45, 48.20 -> 52.32; "
            "Huế 2025: 51.50, 47.23 -> 49.37)",
        )
    )
    rows.append(
        _row(
            iCode="Region_group",
            iName="Vùng kinh tế - xã hội",
            iName_en="Socio-economic region",
            Direction="",
            Weight="",
            Type="Group",
            source="data/units/units_2025.csv",
        )
    )
    return rows


def _published_strength(units: list[dict[str, str]], rng: np.random.Generator) -> np.ndarray:
    """Latent strength per new unit, anchored on the published PII 2023 scores.

    A unit takes its published PII 2025 score when there is one, else the best published
    2023 score among the old units it was formed from; units with neither get a draw
    between 30 and 46, inside the published range. The illustrative index then keeps
    roughly the published order instead of an arbitrary one.
    """
    with RESULTS.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["score"]]
    published = {r["unit"]: float(r["score"]) for r in rows if r["year"] == "2023"}
    latest = {r["unit"]: float(r["score"]) for r in rows if r["year"] == "2025"}
    with CROSSWALK.open(encoding="utf-8") as f:
        members: dict[str, list[str]] = {}
        for r in csv.DictReader(f):
            members.setdefault(r["new_slug"], []).append(r["old_slug"])
    scores = np.array(
        [
            latest.get(
                u["slug"],
                max((published[m] for m in members[u["slug"]] if m in published), default=np.nan),
            )
            for u in units
        ]
    )
    missing = np.isnan(scores)
    scores[missing] = rng.uniform(30.0, 46.0, int(missing.sum()))
    return (scores - scores.mean()) / scores.std()


def idata_rows(indicators: list[str]) -> list[dict[str, object]]:
    rng = np.random.default_rng(SEED)
    with UNITS.open(encoding="utf-8") as f:
        units = list(csv.DictReader(f))
    strength = _published_strength(units, rng)
    rows: list[dict[str, object]] = []
    for i, unit in enumerate(units):
        row: dict[str, object] = {
            "uName": unit["name_vi"],
            "uCode": unit["slug"],
            "Region_group": unit["region"],
            "Time": 2025,
            "illustrative": "true",
        }
        for j, code in enumerate(indicators):
            latent = 0.9 * strength[i] + 0.45 * rng.normal()
            # every fourth indicator is a skewed count-like figure, the rest bounded scores
            value = float(np.exp(2.0 + 0.9 * latent)) if j % 4 == 3 else 50 + 15 * latent
            row[code] = "" if rng.random() < 0.02 else round(value, 3)
        rows.append(row)
    return rows


def write(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    meta = imeta_rows()
    write(HERE / "pii_imeta.csv", meta)
    indicators = [str(r["iCode"]) for r in meta if r["Type"] == "Indicator"]
    write(HERE / "pii_idata_illustrative.csv", idata_rows(indicators))


if __name__ == "__main__":
    main()
