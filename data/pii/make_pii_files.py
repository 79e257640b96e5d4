"""Write the PII structure (pii_imeta.csv) and the ILLUSTRATIVE indicator data for 34 units.

Run from the repository root: `python data/pii/make_pii_files.py`. Deterministic (seed
2025): the same files come out every time. No indicator-level PII data is public; the
values in pii_idata_illustrative.csv are made up to show the pipeline end to end.
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

PRESS_2023 = "MOST PII 2023 announcement (12/03/2024), press: baodautu.vn, vnexpress.net"
NOT_PUBLIC = "not public in the sources checked; placeholder name"

# (code, name_vi, name_en, sub-index, indicator count). Pillar names: MOST PII 2023 report
# as reported by vnexpress.net (12/03/2024) and baodautu.vn; the counts per pillar are
# not public and are an assumption (52 in all: 39 from central statistics, 13 from
# provinces, per diendandoanhnghiep.vn).
PILLARS = [
    ("INST", "Thể chế", "Institutions", "Input", 8),
    ("HUMAN", "Vốn con người và nghiên cứu và phát triển", "Human capital and R&D", "Input", 8),
    ("INFRA", "Cơ sở hạ tầng", "Infrastructure", "Input", 7),
    ("MARKET", "Trình độ phát triển của thị trường", "Market sophistication", "Input", 7),
    ("BUSINESS", "Trình độ phát triển của doanh nghiệp", "Business sophistication", "Input", 7),
    (
        "KNOW",
        "Sản phẩm tri thức, sáng tạo và công nghệ",
        "Knowledge and technology outputs",
        "Output",
        8,
    ),
    ("IMPACT", "Tác động", "Impact", "Output", 7),
]

# Indicators named in press coverage of the PII 2023 report: (pillar, position, vi, en, source)
NAMED = {
    ("INST", 1): (
        "Chính sách thúc đẩy KH,CN&ĐMST phục vụ phát triển kinh tế - xã hội",
        "Policies promoting STI for socio-economic development",
        "baodautu.vn (Hải Phòng xếp thứ 3 về PII 2023)",
    ),
    ("INST", 2): ("Cải cách hành chính", "Administrative reform", "baodautu.vn (PII 2023)"),
    ("HUMAN", 1): (
        "Tỷ lệ học sinh trung học tham gia cuộc thi nghiên cứu khoa học kỹ thuật",
        "Share of secondary pupils in science and engineering contests",
        "baodautu.vn (PII 2023)",
    ),
    ("MARKET", 1): (
        "Vốn sản xuất kinh doanh bình quân hằng năm của doanh nghiệp",
        "Average annual business capital of enterprises",
        "vnexpress.net (16 tỉnh thành đứng đầu các vùng, 03/2024)",
    ),
    ("BUSINESS", 1): (
        "Doanh nghiệp có vốn đầu tư trực tiếp nước ngoài",
        "Foreign direct investment enterprises",
        "vnexpress.net (03/2024)",
    ),
    ("KNOW", 1): ("Sáng chế", "Patents", "baodautu.vn (PII 2023)"),
    ("KNOW", 2): ("Số lượng doanh nghiệp", "Number of enterprises", "baodautu.vn (PII 2023)"),
    ("IMPACT", 1): ("Giá trị xuất khẩu", "Export value", "vnexpress.net (03/2024)"),
}


def imeta_rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for code, _vi, _en, _sub, count in PILLARS:
        for k in range(1, count + 1):
            named = NAMED.get((code, k))
            rows.append(
                {
                    "Level": 1,
                    "iCode": f"{code}_{k}",
                    "iName": named[0] if named else f"Chỉ số thành phần {k} – {code}",
                    "iName_en": named[1] if named else f"Indicator {k} of {code}",
                    "Direction": 1,
                    "Weight": 1,
                    "Parent": code,
                    "Type": "Indicator",
                    "name_status": "public" if named else "not_public",
                    "source": named[2] if named else NOT_PUBLIC,
                }
            )
    for code, vi, en, sub, _count in PILLARS:
        rows.append(
            {
                "Level": 2,
                "iCode": code,
                "iName": vi,
                "iName_en": en,
                "Direction": 1,
                "Weight": 1,
                "Parent": sub,
                "Type": "Aggregate",
                "name_status": "public",
                "source": PRESS_2023,
            }
        )
    for code, vi, en in (
        ("Input", "Đầu vào ĐMST", "Innovation input"),
        ("Output", "Đầu ra ĐMST", "Innovation output"),
    ):
        rows.append(
            {
                "Level": 3,
                "iCode": code,
                "iName": vi,
                "iName_en": en,
                "Direction": 1,
                "Weight": 1,
                "Parent": "PII",
                "Type": "Aggregate",
                "name_status": "public",
                "source": PRESS_2023,
            }
        )
    rows.append(
        {
            "Level": 4,
            "iCode": "PII",
            "iName": "Chỉ số đổi mới sáng tạo cấp địa phương",
            "iName_en": "Provincial Innovation Index",
            "Direction": 1,
            "Weight": 1,
            "Parent": "",
            "Type": "Aggregate",
            "name_status": "public",
            "source": PRESS_2023
            + "; index = mean of Input and Output (Hải Phòng 2023: 56.45, 48.20 -> 52.32)",
        }
    )
    rows.append(
        {
            "Level": "",
            "iCode": "Region_group",
            "iName": "Vùng kinh tế - xã hội",
            "iName_en": "Socio-economic region",
            "Direction": "",
            "Weight": "",
            "Parent": "",
            "Type": "Group",
            "name_status": "public",
            "source": "data/units/units_2025.csv",
        }
    )
    return rows


def _published_strength(units: list[dict[str, str]], rng: np.random.Generator) -> np.ndarray:
    """Latent strength per new unit, anchored on the published PII 2023 scores.

    A new unit takes the best published 2023 score among the old units it was formed
    from; units without a published score (ranked 12th to 59th, scores not public) get a
    draw between 30 and 46, inside the published range. The illustrative index then
    keeps roughly the published order instead of an arbitrary one.
    """
    with RESULTS.open(encoding="utf-8") as f:
        published = {
            r["unit"]: float(r["score"])
            for r in csv.DictReader(f)
            if r["year"] == "2023" and r["score"]
        }
    with CROSSWALK.open(encoding="utf-8") as f:
        members: dict[str, list[str]] = {}
        for r in csv.DictReader(f):
            members.setdefault(r["new_slug"], []).append(r["old_slug"])
    scores = np.array(
        [
            max((published[m] for m in members[u["slug"]] if m in published), default=np.nan)
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
