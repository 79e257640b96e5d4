"""Translations of the titles of the shipped sources, both ways, and the rule that tells them apart.

A report prints each source in its own language: the title of record as published,
then, when the source is in the other language, a translation of the title —
“Hải Phòng xếp thứ 3…” (in Vietnamese; translated: “Hai Phong ranks 3rd…”) in an
English report, “Hai Phong ranked 4th…” (tiếng Anh; tạm dịch: “Hải Phòng xếp thứ 4…”)
in a Vietnamese one (`stkit.reports.citations`).

Which titles are Vietnamese (`is_vietnamese`): a title is the text between “ and ” in a
source; it is Vietnamese when a word of it that does not start with a capital carries a
Vietnamese letter (ă â đ ê ô ơ ư or a tone mark), or when at least half of its words do.
English text uses Vietnamese letters only in names, which are capitalised
(“Hà Nội tops Provincial Innovation Index 2024” is English). A title in square brackets
(“[Resolution 57-NQ/TW: five breakthroughs]”) is one the registry supplies for an item
without a title of its own; it is written in each language and needs no translation.

Names in the translations: places as the English report names the units
(`name_en` of data/units: Hai Phong, Hanoi, Hue, Ho Chi Minh City, Viet Nam), so that a
translated title reads like the rest of the report; numbers in each language's way
(7,09 % → 7.09%). Outlets and offices are names and stay as published (Báo Đầu tư).

Why in code and not a data table: the translations belong to the shipped sources and
change with them, in the same review; the tests bind the two (a shipped title without
its translation fails `tests/test_source_titles.py`). A data table would be one more
input with its own schema, reader and errors, for text only the maintainers write. A
planner who cites a source in the other language writes the translation into the source
text itself (`“Tiêu đề” (translated: “Title”)`); the report prints it as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = [
    "ENGLISH_PHRASES_VI",
    "ENGLISH_TITLES_VI",
    "VIETNAMESE_LETTERS",
    "VIETNAMESE_PHRASES_EN",
    "VIETNAMESE_TITLES_EN",
    "is_vietnamese",
    "quoted_titles",
]

VIETNAMESE_LETTERS = "ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
"""Letters (lower case) that occur in Vietnamese and not in English."""

_LETTER = re.compile(f"[{VIETNAMESE_LETTERS}]")
_WORD = re.compile(r"[^\W\d_]+")
_QUOTED = re.compile(r"“([^”]*)”")


def is_vietnamese(title: str) -> bool:
    """Whether `title` is in Vietnamese (the rule of the module docstring).

    Examples
    --------
    >>> is_vietnamese("Hải Phòng xếp thứ 3 về Chỉ số đổi mới sáng tạo")
    True
    >>> is_vietnamese("Hà Nội tops Provincial Innovation Index 2024")
    False
    >>> is_vietnamese("Hai Phong ranked 4th nationwide in PII 2025")
    False
    """
    words = _WORD.findall(title)
    marked = [word for word in words if _LETTER.search(word.lower())]
    if any(not word[0].isupper() for word in marked):
        return True
    return bool(words) and 2 * len(marked) >= len(words)


def quoted_titles(text: str) -> list[str]:
    """The titles quoted in a source text (between “ and ”), in order."""
    return _QUOTED.findall(text)


VIETNAMESE_TITLES_EN: Mapping[str, str] = {
    # Vietnamese titles of shipped sources → English translation (shown after the title)
    "10 tỉnh thành có quy mô kinh tế lớn nhất cả nước năm 2025": (
        "The 10 provinces and cities with the largest economies in the country in 2025"
    ),
    "16 tỉnh thành đứng đầu các vùng kinh tế về đổi mới sáng tạo": (
        "16 provinces and cities lead their economic regions in innovation"
    ),
    "20 năm TP Cần Thơ trực thuộc T.Ư: thu nhập bình quân tăng 9,2 lần": (
        "20 years of Can Tho as a centrally governed city: average income up 9.2 times"
    ),
    "34 tỉnh thành tăng trưởng kinh tế ra sao trong năm 2025": (
        "How the economies of the 34 provinces and cities grew in 2025"
    ),
    "5 địa phương dẫn đầu chỉ số đổi mới sáng tạo cấp địa phương năm 2025": (
        "The 5 localities leading the 2025 Provincial Innovation Index"
    ),
    "Ba tỉnh sáp nhập thành tỉnh lớn nhất cả nước, kinh tế có gì đáng chú ý?": (
        "Three provinces merge into the country's largest: what stands out in its economy?"
    ),
    "Bất ngờ quy mô kinh tế của 11 tỉnh, thành phố không thuộc diện sắp xếp": (
        "The surprising size of the economies of the 11 provinces and cities not merged"
    ),
    "Bắc Ninh đặt mục tiêu vào nhóm 10 tỉnh thành dẫn đầu đổi mới sáng tạo": (
        "Bac Ninh aims to join the 10 provinces and cities leading in innovation"
    ),
    "Bắc Ninh đứng Top đầu toàn quốc về Chỉ số đổi mới sáng tạo năm 2023": (
        "Bac Ninh among the country's leaders in the 2023 Innovation Index"
    ),
    "Bộ chỉ số PII - công cụ đo sức khỏe tổng thể kinh tế địa phương": (
        "The PII: a tool to measure the overall health of local economies"
    ),
    "Chỉ số đổi mới sáng tạo cấp địa phương (PII) tại Việt Nam năm 2025": (
        "The Provincial Innovation Index (PII) in Viet Nam in 2025"
    ),
    "Chỉ số đổi mới sáng tạo toàn cầu năm 2024: Việt Nam tăng 2 bậc so với năm 2023": (
        "Global Innovation Index 2024: Viet Nam up 2 places on 2023"
    ),
    "Công bố kết quả xếp hạng Chỉ số đổi mới sáng tạo cấp địa phương năm 2023": (
        "Rankings of the 2023 Provincial Innovation Index announced"
    ),
    "Công bố số liệu thống kê kinh tế xã hội tỉnh Quảng Trị năm 2023": (
        "Socio-economic statistics of Quang Tri province for 2023 released"
    ),
    "Công nghiệp chế biến, chế tạo Hải Phòng tiếp tục tăng trưởng": (
        "Hai Phong's processing and manufacturing industry keeps growing"
    ),
    "Cơ cấu, tốc độ tăng GRDP của 6 thành phố trực thuộc Trung ương": (
        "Structure and growth rate of the GRDP of the 6 centrally governed cities"
    ),
    "Cận cảnh SVĐ lớn nhất miền núi phía Bắc sắp hoàn thành, cách Hà Nội 80 km": (
        "A close look at the largest stadium of the northern mountains, nearly finished, "
        "80 km from Hanoi"
    ),
    "Diện mạo 3 tỉnh dự kiến trở thành thành phố trực thuộc trung ương sau vài năm nữa": (
        "A profile of 3 provinces expected to become centrally governed cities in a few years"
    ),
    "Diện mạo của tỉnh nhỏ nhất Việt Nam sau sáp nhập: quy mô công nghiệp đứng đầu cả "
    "nước, chiếm 1/5 FDI": (
        "Viet Nam's smallest province after the merger: the country's largest industry, "
        "a fifth of FDI"
    ),
    "Diện mạo kinh tế mới của Đồng bằng sông Cửu Long sau sáp nhập": (
        "The new economic face of the Mekong Delta after the merger"
    ),
    "Dự kiến sáp nhập, tỉnh nào sẽ thay thế Bắc Ninh trở thành tỉnh nhỏ nhất nước ta": (
        "With the planned merger, which province will replace Bac Ninh as the country's smallest?"
    ),
    "GDP Việt Nam năm 2024 tăng trưởng ấn tượng 7,09%": (
        "Viet Nam's GDP grows an impressive 7.09% in 2024"
    ),
    "GDP năm 2025 tăng 8,02%": "GDP up 8.02% in 2025",
    "GRDP bình quân đầu người một tỉnh miền Bắc vượt mốc 10.000 USD, cao hơn Bà Rịa - Vũng "
    "Tàu nếu không tính dầu khí": (
        "GRDP per head of a northern province passes 10,000 USD, higher than Ba Ria - Vung "
        "Tau without oil and gas"
    ),
    "Gia Lai họp báo công bố số liệu thống kê kinh tế - xã hội năm 2025": (
        "Gia Lai holds a press conference on its 2025 socio-economic statistics"
    ),
    "Gia Lai xếp vị trí thứ 21/34 tỉnh thành về đổi mới sáng tạo năm 2025": (
        "Gia Lai ranks 21st of 34 provinces and cities in innovation in 2025"
    ),
    "Giải pháp đồng bộ nhằm thực hiện Nghị quyết số 57-NQ/TW về đột phá phát triển khoa "
    "học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia tại Bắc Ninh": (
        "Coordinated measures to carry out Resolution 57-NQ/TW on breakthroughs in science, "
        "technology, innovation and national digital transformation in Bac Ninh"
    ),
    "Hà Nội ba năm liên tiếp đứng đầu cả nước về chỉ số đổi mới sáng tạo cấp địa phương": (
        "Hanoi tops the country in the Provincial Innovation Index for the third year running"
    ),
    "Hà Nội dẫn đầu về Chỉ số đổi mới sáng tạo năm 2024": ("Hanoi leads the 2024 Innovation Index"),
    "Hà Nội tiếp tục dẫn đầu cả nước về đổi mới sáng tạo": (
        "Hanoi continues to lead the country in innovation"
    ),
    "Hà Nội tiếp tục dẫn đầu về Chỉ số đổi mới sáng tạo năm 2024": (
        "Hanoi continues to lead the 2024 Innovation Index"
    ),
    "Hà Nội tiếp tục là địa phương có điểm số cao nhất về đổi mới sáng tạo năm 2024": (
        "Hanoi remains the locality with the highest innovation score in 2024"
    ),
    "Hà Nội, TP. Hồ Chí Minh, Quảng Ninh, Hải Phòng và Thành phố Huế có tin vui": (
        "Good news for Hanoi, Ho Chi Minh City, Quang Ninh, Hai Phong and Hue"
    ),
    "Hạ tầng giao thông tạo đòn bẩy bất động sản Nghệ An": (
        "Transport infrastructure, a lever for real estate in Nghe An"
    ),
    "Hải Dương đứng thứ 17 cả nước về thu hút đầu tư nước ngoài năm 2022": (
        "Hai Duong ranks 17th in the country for attracting foreign investment in 2022"
    ),
    "Hải Phòng xếp thứ 3 về Chỉ số đổi mới sáng tạo cấp địa phương năm 2023": (
        "Hai Phong ranks 3rd in the 2023 Provincial Innovation Index"
    ),
    "Hải Phòng xếp thứ 3 về chỉ số đổi mới sáng tạo cấp địa phương năm 2023": (
        "Hai Phong ranks 3rd in the 2023 Provincial Innovation Index"
    ),
    "Hậu Giang: tăng trưởng kinh tế năm 2022 khởi sắc": (
        "Hau Giang: economic growth picks up in 2022"
    ),
    "Họp báo Công bố số liệu thống kê kinh tế - xã hội tỉnh Hậu Giang năm 2020": (
        "Press conference releasing the 2020 socio-economic statistics of Hau Giang province"
    ),
    "Họp báo công bố số liệu thống kê KT-XH năm 2022": (
        "Press conference releasing the 2022 socio-economic statistics"
    ),
    "Hội nghị đánh giá kết quả Chương trình phối hợp hoạt động KH,CN&ĐMST giữa Bộ KH&CN "
    "và UBND TP Hải Phòng năm 2023": (
        "Conference reviewing the 2023 results of the science, technology and innovation "
        "coordination programme between the Ministry of Science and Technology and the Hai "
        "Phong People's Committee"
    ),
    "Kinh tế Bình Thuận, Lâm Đồng, Đắk Nông trước sáp nhập tỉnh": (
        "The economies of Binh Thuan, Lam Dong and Dak Nong before the merger"
    ),
    "Kinh tế số năm 2024 góp 1,5 triệu tỷ đồng, chiếm 13,17% GDP": (
        "The digital economy contributes 1.5 million billion dong in 2024, 13.17% of GDP"
    ),
    "Kinh tế số năm 2025 chiếm hơn 14% GDP": "The digital economy is over 14% of GDP in 2025",
    "Kinh tế số đã đóng góp 20,69% vào GRDP Đà Nẵng": (
        "The digital economy has contributed 20.69% of Da Nang's GRDP"
    ),
    "Kinh tế Đồng Nai năm 2024: Tăng trưởng mạnh mẽ, thu hút đầu tư": (
        "Dong Nai's economy in 2024: strong growth, investment attracted"
    ),
    "Lần đầu tiên Huế vào top 5 địa phương dẫn đầu về chỉ số đổi mới sáng tạo": (
        "Hue enters the top 5 localities in the innovation index for the first time"
    ),
    "Một địa phương lần đầu tiên lọt top 5 tỉnh thành quy mô kinh tế lớn nhất Việt Nam "
    "2024, thu ngân sách đạt kỷ lục": (
        "A locality enters the 5 largest provincial economies of Viet Nam for the first time "
        "in 2024, with record budget revenue"
    ),
    "Nghệ An lập kỷ lục thu ngân sách": "Nghe An sets a budget revenue record",
    "Nghệ An xếp hạng 37 về Chỉ số đổi mới sáng tạo cấp địa phương": (
        "Nghe An ranks 37th in the Provincial Innovation Index"
    ),
    "Ninh Bình thực hiện thành công mục tiêu kép năm 2022, vừa kiểm soát thành công dịch "
    "Covid-19, vừa phát triển KT-XH": (
        "Ninh Binh meets its dual goal in 2022: Covid-19 under control and socio-economic "
        "development"
    ),
    "Nâng cao chỉ số đổi mới sáng tạo": "Enhancing the innovation index",
    "Năm 2024, quy mô kinh tế Đà Nẵng mở rộng hơn 17 nghìn tỷ đồng": (
        "In 2024, Da Nang's economy grew by over 17 thousand billion dong"
    ),
    "Nỗ lực nâng cao Chỉ số đổi mới sáng tạo": "Efforts to raise the Innovation Index",
    "PII - Định vị đổi mới sáng tạo phát triển kinh tế - xã hội TP Cần Thơ": (
        "PII: positioning innovation for the socio-economic development of Can Tho city"
    ),
    "Quảng Nam xếp vị thứ 31/63 tỉnh, thành phố trong cả nước về tốc độ tăng trưởng": (
        "Quang Nam ranks 31st of the country's 63 provinces and cities in growth rate"
    ),
    "Sau sáp nhập, bất ngờ quy mô kinh tế của tỉnh có diện tích nhỏ nhất Việt Nam": (
        "After the merger, the surprising size of the economy of Viet Nam's smallest province"
    ),
    "Sóc Trăng: Nhiều ngành, lĩnh vực khởi sắc trong năm 2023": (
        "Soc Trang: many sectors pick up in 2023"
    ),
    "Thành phố Huế đạt top 5 địa phương dẫn đầu Chỉ số đổi mới sáng tạo cấp địa phương "
    "năm 2025": "Hue among the top 5 localities in the 2025 Provincial Innovation Index",
    "Thái Nguyên đứng đầu vùng trung du và miền núi phía Bắc về Chỉ số đổi mới sáng tạo": (
        "Thai Nguyen leads the Northern Midlands and Mountains in the Innovation Index"
    ),
    "Thấy gì qua các chỉ số xếp hạng quốc tế về Việt Nam": (
        "What the international rankings say about Viet Nam"
    ),
    "Thừa Thiên Huế: Nhiều điểm sáng về kinh tế trong năm 2024": (
        "Thua Thien Hue: many economic bright spots in 2024"
    ),
    "Tiếp tục khẳng định bản lĩnh, trí tuệ và khát vọng vươn lên": (
        "Continuing to affirm resilience, intellect and the aspiration to rise"
    ),
    "Top 10 địa phương dẫn đầu chỉ số đổi mới sáng tạo năm 2024": (
        "The top 10 localities in the 2024 innovation index"
    ),
    "Top 20 tỉnh, TP có quy mô kinh tế lớn nhất Việt Nam 2021": (
        "The 20 provinces and cities with the largest economies in Viet Nam, 2021"
    ),
    "Trước khi sáp nhập, quy mô kinh tế Hà Nam, Ninh Bình, Nam Định có gì đặc biệt?": (
        "Before the merger, what sets the economies of Ha Nam, Ninh Binh and Nam Dinh apart?"
    ),
    "Trước khi về chung một nhà, quy mô kinh tế của Quảng Nam và Đà Nẵng ra sao": (
        "Before they become one, how large are the economies of Quang Nam and Da Nang"
    ),
    "Trước sáp nhập, bất ngờ quy mô kinh tế của Vĩnh Phúc, Phú Thọ, Hòa Bình": (
        "Before the merger, the surprising size of the economies of Vinh Phuc, Phu Tho and Hoa Binh"
    ),
    "Tuyên Quang đứng thứ 5 khu vực Trung du và miền núi phía Bắc về Chỉ số đổi mới sáng "
    "tạo địa phương": (
        "Tuyen Quang ranks 5th in the Northern Midlands and Mountains in the Provincial "
        "Innovation Index"
    ),
    "Tình hình kinh tế - xã hội tháng 12, quý IV và năm 2021 tỉnh Hậu Giang": (
        "Socio-economic situation of Hau Giang province in December, the fourth quarter and "
        "the year 2021"
    ),
    "Tình hình kinh tế 8 tỉnh sẽ cất cánh lên thành phố trực thuộc trung ương": (
        "The economies of 8 provinces set to become centrally governed cities"
    ),
    "Tăng trưởng kinh tế (GRDP) tỉnh Bắc Ninh năm 2023: Thực trạng và giải pháp": (
        "Economic growth (GRDP) of Bac Ninh province in 2023: situation and solutions"
    ),
    "Tăng trưởng kinh tế năm 2024 của Hải Dương đứng thứ 6 cả nước": (
        "Hai Duong's economic growth in 2024 ranks 6th in the country"
    ),
    "Tỉnh 'non trẻ' 20 tuổi đạt tăng trưởng thuộc hàng cao nhất 2023, gấp đôi TP.HCM, hơn "
    "Đà Nẵng gần 5 lần": (
        "A 'young' province of 20 has among the highest growth of 2023, twice Ho Chi Minh "
        "City's and almost 5 times Da Nang's"
    ),
    "Tỉnh duy nhất ở Tây Nguyên sẽ lên thành phố trực thuộc Trung ương tăng trưởng ra sao "
    "trong năm qua?": (
        "How did the only Central Highlands province to become a centrally governed city "
        "grow last year?"
    ),
    "Tỉnh nhỏ nhất và rộng nhất Việt Nam có quy mô kinh tế chênh lệch bao nhiêu": (
        "How far apart are the economies of Viet Nam's smallest and largest provinces"
    ),
    "Tổng sản phẩm trên địa bàn thành phố Đà Nẵng ước tăng 7,51%": (
        "Da Nang's gross regional domestic product estimated up 7.51%"
    ),
    "Việt Nam duy trì thứ hạng 44 về chỉ số đổi mới sáng tạo toàn cầu": (
        "Viet Nam holds 44th place in the Global Innovation Index"
    ),
    "Việt Nam xếp thứ 44 chỉ số đổi mới sáng tạo toàn cầu 2021": (
        "Viet Nam ranks 44th in the Global Innovation Index 2021"
    ),
    "Xếp hạng tỉnh thành: 28 địa phương có quy mô GRDP tương đương nơi giàu nhất nước": (
        "Provincial rankings: 28 localities with a GRDP comparable to the country's richest"
    ),
    "Xếp thứ 6 toàn quốc, Bắc Ninh tiếp tục khẳng định vị thế dẫn đầu về đổi mới sáng tạo": (
        "6th in the country, Bac Ninh again confirms its lead in innovation"
    ),
    "Đầu tư phát triển tạo chuyển biến căn bản về kinh tế, văn hóa, xã hội vùng đồng bào DTTS": (
        "Development investment brings fundamental change to the economy, culture and "
        "society of ethnic minority areas"
    ),
    "Đồng Tháp - Tiền Giang: Động lực tăng trưởng mới của miền Tây": (
        "Dong Thap - Tien Giang: a new growth engine of the Mekong Delta"
    ),
    "Đổi mới sáng tạo - bước đệm vững chắc phát triển kinh tế tại địa phương": (
        "Innovation: a firm springboard for local economic development"
    ),
    "Đổi mới sáng tạo cấp địa phương 2025: Hà Nội dẫn đầu, Huế tạo dấu ấn mới": (
        "Provincial innovation 2025: Hanoi leads, Hue makes a new mark"
    ),
}
"""Every Vietnamese title among the shipped sources (a test checks none is missing).

The titles of the programme registry's documents are not repeated here: the registry
holds their translation (`title_en`), and a source naming such a document is cited the
registry's way (`stkit.reports.citations.cited`).
"""

ENGLISH_TITLES_VI: Mapping[str, str] = {
    # English titles of shipped sources → Vietnamese translation (shown after the title)
    "Dong Nai ranks 12th out of 34 provinces and cities in the 2025 Provincial Innovation "
    "Index": "Đồng Nai xếp thứ 12/34 tỉnh, thành phố về Chỉ số đổi mới sáng tạo cấp địa "
    "phương năm 2025",
    "Enhancing the innovation index": "Nâng cao chỉ số đổi mới sáng tạo",
    "Hai Phong ranked 4th nationwide in PII 2025": "Hải Phòng xếp thứ 4 cả nước về PII năm 2025",
    "Hà Nội tops Provincial Innovation Index 2024": (
        "Hà Nội dẫn đầu Chỉ số đổi mới sáng tạo cấp địa phương năm 2024"
    ),
    "Industry and Trade Sector: Playing a Key Role in the Economy": (
        "Ngành Công Thương: giữ vai trò then chốt trong nền kinh tế"
    ),
    "Long An ranks 12th nationwide in Provincial Innovation Index": (
        "Long An xếp thứ 12 cả nước về Chỉ số đổi mới sáng tạo cấp địa phương"
    ),
    "Provincial Innovation Index: Thai Nguyen ranked first in Northern Midlands and "
    "Mountainous Region": "Chỉ số đổi mới sáng tạo cấp địa phương: Thái Nguyên đứng đầu vùng "
    "trung du và miền núi phía Bắc",
    "Release of the Global Innovation Index 2020": "Công bố Chỉ số Đổi mới sáng tạo toàn cầu 2020",
    "Viet Nam R&D Spending (% of GDP)": "Chi cho nghiên cứu và phát triển của Việt Nam (% GDP)",
    "Việt Nam unveils PII, Hà Nội tops 2025 rankings": (
        "Việt Nam công bố PII, Hà Nội dẫn đầu bảng xếp hạng năm 2025"
    ),
    "Vietnam leaps two places in Global Innovation Index in 2023": (
        "Việt Nam tăng hai bậc trong Chỉ số Đổi mới sáng tạo toàn cầu năm 2023"
    ),
    "Vietnam aims to be in top 40 innovative countries by 2030": (
        "Việt Nam phấn đấu vào nhóm 40 quốc gia đổi mới sáng tạo hàng đầu vào năm 2030"
    ),
    "MoST, Can Tho City sign agreement on innovation activities": (
        "Bộ KH&CN và thành phố Cần Thơ ký kết thỏa thuận về hoạt động đổi mới sáng tạo"
    ),
    "1st Dak Lak Provincial Party Congress, term 2025-2030, closes": (
        "Bế mạc Đại hội đại biểu Đảng bộ tỉnh Đắk Lắk lần thứ I, nhiệm kỳ 2025-2030"
    ),
    "Vietnam releases provincial innovation index for first time": (
        "Việt Nam lần đầu công bố chỉ số đổi mới sáng tạo cấp địa phương"
    ),
}
"""Every English title among the shipped sources (a test checks none is missing)."""

ENGLISH_PHRASES_VI: tuple[tuple[str, str], ...] = (
    # notes written in English beside the sources in the data, in order of application
    (r"MOST, PII (\d{4}), as reported by:", r"Bộ KH&CN, PII \1, theo:"),
    (r"news report by ", "tin của "),
    (r"English copy of ", "bản tiếng Anh của "),
    (r"English copy", "bản tiếng Anh"),
    (r"English edition", "bản tiếng Anh"),
    (r"Japanese edition", "bản tiếng Nhật"),
    (r"undated copy", "bản lưu không ghi ngày"),
    (r"reports the results of (\d{4})", r"đưa tin kết quả năm \1"),
    (r"GSO release of ", "số liệu Tổng cục Thống kê công bố ngày "),
    (r"after Resolution ", "sau Nghị quyết "),
    (r"before the meeting of ", "trước cuộc họp ngày "),
    (r"figures of the statistics office's press conference of ", "số liệu họp báo của cơ quan thống kê ngày "),
    (r"meeting ahead of ", "cuộc họp trước ngày "),
    (r"quotes the province's draft year-end report", "dẫn dự thảo báo cáo cuối năm của tỉnh"),
    (r"signing reported ", "lễ ký được đưa tin ngày "),
    (r"press conference of ", "họp báo ngày "),
    (r"date of the conference", "ngày hội nghị"),
    (r", no URL in the stored copy", ", bản lưu không có địa chỉ web"),
    (r"copy on ", "bản lưu trên "),
    (r"compilation by ", "tổng hợp của "),
    (r", reporting the General Statistics Office", ", dẫn Tổng cục Thống kê"),
    (r", from VietnamFinance", ", dẫn VietnamFinance"),
    (r", compiling World Bank WDI indicator (\S+) from UNESCO UIS",
     r", tổng hợp chỉ tiêu WDI \1 của Ngân hàng Thế giới từ UNESCO UIS"),
    (r"UIS data published (\S+), accessed by the World Bank (\S+)",
     r"số liệu UIS công bố \1, Ngân hàng Thế giới truy cập \2"),
    (r"\(% of GDP\)", "(% GDP)"),
    (r"copy of a report on the (.+?) merger", r"bản sao bài viết về việc hợp nhất \1"),
    (r"HĐND session of ", "kỳ họp HĐND ngày "),
    (r"\(from ", "(dẫn "),
    (r"the (.+?) Statistics Office's year-end figures", r"số liệu cuối năm của Cục Thống kê \1"),
    (r" of (\d{1,2}/\d{1,2}/\d{4})", r" ngày \1"),
)  # fmt: skip
"""English words of the shipped source texts (outside titles) → Vietnamese, as regex pairs."""

VIETNAMESE_PHRASES_EN: tuple[tuple[str, str], ...] = (
    # Vietnamese words of the shipped source texts outside titles, in order of application
    (r"HĐND session of ", "People's Council session of "),
    (r"\bNQ (\d+/\d{4}/QH\d+)", r"Resolution \1"),
    (r"\bQĐ (\d+/\d{4}/QĐ-TTg)", r"Decision \1"),
    (r"\(Quốc hội, ", "(National Assembly, "),
    (r"\(Thủ tướng Chính phủ, ", "(Prime Minister, "),
)  # fmt: skip
"""Vietnamese words of the shipped source texts (outside titles) → English, as regex pairs."""
