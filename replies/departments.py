"""Department names: abbreviations expanded, region prefix completed, sector read off.

`区工信局` in a 台儿庄区 reply is 枣庄市台儿庄区工业和信息化局, sector 工业和信息化. The table of
abbreviations lives here and nowhere else.
"""

import re
from collections import Counter
from dataclasses import dataclass

from replies import gazetteer
from replies.gazetteer import Place

ABBREVIATIONS = {
    "工信局": "工业和信息化局",
    "经信局": "经济和信息化局",
    "经信委": "经济和信息化委员会",
    "科技局": "科学技术局",
    "人社局": "人力资源和社会保障局",
    "发改委": "发展和改革委员会",
    "发改局": "发展和改革局",
    "住建局": "住房和城乡建设局",
    "卫健委": "卫生健康委员会",
    "卫健局": "卫生健康局",
    "教体局": "教育和体育局",
    "市场监管局": "市场监督管理局",
    "自规局": "自然资源和规划局",
    "资规局": "自然资源和规划局",
    "文旅局": "文化和旅游局",
    "文广旅局": "文化广电和旅游局",
    "交通局": "交通运输局",
    "应急局": "应急管理局",
    "医保局": "医疗保障局",
    "退役军人局": "退役军人事务局",
    "城管局": "城市管理局",
    "综合执法局": "综合行政执法局",
    "审批局": "行政审批服务局",
    "农业局": "农业农村局",
    "环保局": "生态环境局",
    "金融办": "地方金融监督管理局",
}
SECTOR_SUFFIX = re.compile(r"(委员会|分局|局|厅|委|办公室|办)$")
# Every kind of responder: bureaus and commissions, governments down to towns and streets,
# zone committees, police brigades, prefecture offices.
UNIT_SUFFIX = (
    r"(?:委员会|管委会|人民政府|政府|办事处|分局|局|厅|委|办公室|政府办|公署"
    r"|服务中心|中心|署|大队|支队)"
)
UNIT_NAME = re.compile(rf"^[\u4e00-\u9fff]{{2,30}}?{UNIT_SUFFIX}$")
# Development zones name their place without its level word (济源产城融合示范区, 重庆綦江高新区);
# by convention a zone belongs to its city, never to a county.
ZONE = re.compile(r"(?:示范区|开发区|高新区|新区|园区|试验区|合作区)")
LEVEL_CHARS = "省市区县"


@dataclass(frozen=True)
class DepartmentName:
    canonical: str
    sector: str
    place: Place | None
    unit: str  # the name without its region, abbreviation expanded


def looks_like_department(text: str) -> bool:
    """A bare unit name such as 临沂市科学技术局 or 区卫健局 (also with 文件 appended)."""
    return bool(UNIT_NAME.match(text.removesuffix("文件")))


def split_name(name: str) -> tuple[list[str], str, str]:
    """(region names, bare level char such as 区, unit).

    枣庄市台儿庄区工信局 → ([枣庄市, 台儿庄区], '', 工信局); 区工信局 → ([], 区, 工信局).
    """
    regions, pos = [], 0
    pattern = gazetteer.name_pattern()
    while (match := pattern.match(name, pos)) and match.end() < len(name):
        regions.append(match.group())
        pos = match.end()
    level_char = ""
    if not regions and name[:1] in LEVEL_CHARS and len(name) > 2:
        level_char, pos = name[0], 1
    return regions, level_char, name[pos:]


def expand(unit: str) -> str:
    return ABBREVIATIONS.get(unit, unit)


def sector_of(unit: str) -> str:
    return SECTOR_SUFFIX.sub("", unit)


def place_for_level(level_char: str, context: list[str]) -> Place | None:
    """The place a bare 区/县/市/省 prefix means, from the place names the document uses most.

    A bare 市 is a city the text names, else the city holding the county it names most
    (市公安局 in a letter about 望花区 is 抚顺市's); 省 is the province of any place named.
    """
    counts = Counter(context)
    resolved = [(name, gazetteer.resolve(name, context)) for name, _ in counts.most_common()]
    resolved = [(name, place) for name, place in resolved if place is not None]
    for name, place in resolved:
        if level_char in "区县" and place.county and place.county.endswith(level_char):
            return place
        if level_char == "市" and place.level in {"city", "county"} and name.endswith("市"):
            return place
        if level_char == "省" and place.level == "province":
            return place
    if level_char == "市":
        for _, place in resolved:
            if place.county and place.city and place.city != place.province:
                return gazetteer.place_for(place.code[:4] + "00")
    if level_char == "省" and resolved:
        return gazetteer.place_for(resolved[0][1].province_code)
    return None


def identify(name: str, context: list[str], fallback: Place | None = None) -> DepartmentName:
    """Canonical name, sector and place of a department as a document writes it.

    `context` is every division name the document mentions; it decides which 市中区 is meant
    and where a bare 区工信局 sits. `fallback` places a name that carries no place at all
    (交警潘集大队), from what the page says of its publisher.
    """
    regions, level_char, unit = split_name(name)
    unit = expand(unit)
    place = zone = None
    if regions:
        place = gazetteer.resolve(regions[-1], [*regions, *context])
    elif level_char:
        place = place_for_level(level_char, context)
    elif ZONE.search(unit) and (zone := gazetteer.place_by_short_name(unit)):
        place = zone_city(zone)
    else:
        place = fallback
    if place is None:
        canonical = name  # an expansion that could not be placed would name nothing more
    elif zone:
        canonical = unit  # a zone's name already says where it is
    else:
        canonical = canonical_name(place, unit, regions)
    return DepartmentName(canonical=canonical, sector=sector_of(unit), place=place, unit=unit)


def zone_city(place: Place) -> Place:
    """A development zone's place: its city (a municipality is its own city)."""
    if place.level == "province" and place.code[:2] in gazetteer.MUNICIPALITIES:
        return Place(province=place.province, city=place.province, county=None, code=place.code)
    return place


def canonical_name(place: Place, unit: str, written: list[str] | None = None) -> str:
    """The unit after its place: the names it was written with, completed upwards
    (台儿庄区工信局 → 枣庄市台儿庄区工业和信息化局; 和布克赛尔县… keeps its short name,
    after 塔城地区)."""
    chain = [n for n in dict.fromkeys([place.city or place.province, place.county]) if n]
    if not written:
        return "".join(chain) + unit
    # The levels above the first name written, then the names as written.
    first = gazetteer.official_name(written[0])
    above = chain[: chain.index(first)] if first in chain else []
    return "".join([*above, *written]) + unit
