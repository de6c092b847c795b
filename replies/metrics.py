"""Figures a reply states: 获批资金共140万元, 1404家, 增长13.57%, 用地223亩, 100MW.

A grammar over the folded text (full-width digits made ASCII, same length as the stored text):
number, optional 万/亿 multiplier and 余/多, unit; with approximation words around it, lists that
share a unit and ranges. Dates, 文号 years, proposal and session numbers, list markers, phone
numbers and quoted names are not figures. Chinese numerals are read only on the isolated span.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from replies import dictionary
from replies.ingest.normalize import fold
from replies.ingest.records import ParsedMetric
from replies.numerals import chinese_int


@dataclass(frozen=True)
class Unit:
    kind: str
    base: str
    factor: Decimal = Decimal(1)


MONEY = {
    "元": Unit("money", "元"),
    "千元": Unit("money", "元", Decimal(1000)),
    "万元": Unit("money", "元", Decimal(10) ** 4),
    "亿元": Unit("money", "元", Decimal(10) ** 8),
    "万亿元": Unit("money", "元", Decimal(10) ** 12),
}
PERCENT = {
    "%": Unit("percent", "%"),
    "％": Unit("percent", "%"),
    "个百分点": Unit("percentage_point", "个百分点"),
}
SIZES = {
    "平方公里": Unit("area", "平方公里"),
    "平方米": Unit("area", "平方米"),
    "亩": Unit("area", "亩"),
    "公顷": Unit("area", "公顷"),
    "公里": Unit("length", "公里"),
    "千米": Unit("length", "公里"),
    "米": Unit("length", "米"),
    "吨": Unit("weight", "吨"),
    "公斤": Unit("weight", "公斤"),
    "千克": Unit("weight", "公斤"),
    "MWh": Unit("energy", "MWh"),
    "MW": Unit("energy", "MW"),
    "GWh": Unit("energy", "GWh"),
    "GW": Unit("energy", "GW"),
    "kWh": Unit("energy", "kWh"),
    "kW": Unit("energy", "kW"),
    "千瓦时": Unit("energy", "千瓦时"),
    "千瓦": Unit("energy", "千瓦"),
    "度": Unit("energy", "千瓦时"),
}
MEASURE_WORDS = [
    *("人次", "家次", "场次", "项次", "户次", "批次", "个月", "小时"),
    *"个家人名位项件笔份场次支所处条批户台套辆篇例门册座栋间张本期轮款株头只部起宗单棵盏块种类组天",
]
COUNTS = {word: Unit("count", word) for word in MEASURE_WORDS}
UNITS = MONEY | PERCENT | SIZES | COUNTS
MULTIPLIERS = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8, "千": Decimal(1000)}
# Units that also take a 万/亿 multiplier in front (1.8万人, 15.71万平方米, 2.3万份).
SCALABLE = set(COUNTS) | set(SIZES) - {"度"}

# Repetitions are bounded so that a run of digits, numerals or list items costs a constant at
# each position, never a rescan to its end (a 4,000-digit run took 3.8 s, quadratic): no
# figure a reply states needs more than 16 digits, 12 numerals or 12 listed numbers.
ARABIC = r"\d{1,16}(?:,\d{3}){0,6}(?:\.\d{1,8})?"
# A Chinese numeral starts with a digit or 十/百/千 (never 万: 单位：万元 is not a figure) and may
# hold 万/亿 sections (一亿二千万) and capital digits (壹佰万).
NUMERAL_CHARS = "零〇两一二三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟"
CHINESE = rf"[{NUMERAL_CHARS}][{NUMERAL_CHARS}万亿]{{0,15}}"
LISTED_MAX = 12
NUMBER = rf"(?:{ARABIC}|{CHINESE})"
UNIT_ALT = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
FIGURE = re.compile(
    rf"(?P<pre>(?<![签节预制契履违邀集条公])约|(?<![附最就邻临])近|超过|超|逾|不足|不到|至少|达到?)?"
    rf"(?P<list>(?:{NUMBER}\s*[、和及]\s*){{0,{LISTED_MAX}}})"
    rf"(?P<num>{NUMBER})(?:\s*(?P<sep>[-~～—至到])\s*(?P<upper>{NUMBER}))?"
    rf"\s*(?P<mult>万亿|万|亿|千)?\s*(?P<yu>余|多)?\s*(?P<unit>{UNIT_ALT})"
    rf"(?P<post>以上|左右|余|多)?"
)
# Characters that, right before a number, make it part of something else: a code, a name, an
# ordinal (第3批), a 文号 (〔2023〕) or a decimal we did not start at.
GLUED_BEFORE = re.compile(r"[0-9A-Za-z.〔【\[第+#＋]$")
SESSION_BEFORE = re.compile(r"届\s*$")
SESSION_AFTER = re.compile(r"\s*(?:会议|全会|全体会议)")
QUOTED_NAME = re.compile(r"[“\"‘「][^”\"’」\n]{1,12}[”\"’」]")
PHONE_LIKE = re.compile(r"(?<!\d)(?:0\d{2,3}-)?\d{7,8}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)")
SENTENCE_END = "。！？；\n"
CLAUSE_BREAK = re.compile(r"[，,。；;：:、！？\n]")
AFTER_STOP = re.compile(
    r"[，,。；;：:、！？（）()\n]|获批|申请|纳入|入选|参评|通过|完成|开展|进入|获得|获|被|为|的|在|和|"
    r"与|等|中|共|编制|申报|成功|入围|对接|实现|提供|接受|参加|开发|研究|作为|进行|同比|较|达|实施|引进|"
    r"投入|推进|推动|已|将|均|全部|累计|新增|占|兑现|入库|首次|\d"
)
FILLERS = re.compile(
    r"(?:共计|合计|总计|累计|共|达到|达|为|(?<![签节预制契履违邀集条公])约|(?<![附最就邻临])近|"
    r"超过|超|逾|过|突破|有|是|计|了|的|已|再|分别|各|"
    r"给予|获得|获)+$"
)
CUT_WORDS = re.compile(
    r"(?:等|各项|各类|其中|全区|全市|全县|全省|我区|我市|我县|我局|以来|目前|已|和|及|与|向|对|"
    r"在|给予|申请|发放|带动|实现|完成|入库|引进|推荐|指导|组织|开展|举办|签订|建成|争取|兑现|"
    r"安排|投入|培训|对接|拥有|共有|评选|吸引|协调|印发|整理|办理|申领|走访|落实|提供|帮助|促成|"
    r"签约|新签约|较上年|较年初|同比|培育|认定|设立|服务|建立|完善|达到|出台|下达|筹措|申报|"
    r"联合|协助|支持|推动|新发放|面向|填报)"
)
LABEL_MAX = 16
CONTEXT_REACH = 300  # characters either side of a figure searched for its sentence's ends
APPROXIMATE_BEFORE = {"近", "约", "超过", "超", "逾", "不足", "不到", "至少"}


def parse_number(text: str) -> Decimal | None:
    if re.fullmatch(ARABIC, text):
        return Decimal(text.replace(",", ""))
    value = chinese_int(text)
    return Decimal(value) if value is not None else None


def extract(text: str, source: str = "reply") -> list[ParsedMetric]:
    """Every figure stated in `text`, in order; offsets and contexts refer to `text` itself."""
    folded = fold(text)
    excluded = excluded_spans(folded)
    found: list[ParsedMetric] = []
    for match in FIGURE.finditer(folded):
        start = match.start("list") if match.group("list") else match.start("num")
        if not accept(folded, match, start, excluded):
            continue
        for number_match in numbers_of(match):
            metric = build(text, folded, match, number_match, source)
            if metric is None:
                continue
            if not metric.label and found and shares_label(folded, found[-1], metric):
                metric = replace(metric, label=found[-1].label)
            found.append(metric)
    return found


def shares_label(folded: str, previous: ParsedMetric, metric: ParsedMetric) -> bool:
    """300万元、100万元: the second figure of a list measures what the first does."""
    between = folded[previous.offset : metric.offset]
    return bool(re.fullmatch(r"[^，,。；;]{1,12}[、和及]", between))


def excluded_spans(folded: str) -> list[tuple[int, int]]:
    """Quoted names and phone numbers, merged into disjoint spans in order (for bisect)."""
    spans = [
        m.span()
        for m in QUOTED_NAME.finditer(folded)
        if re.search(r"\d|[一二三四五六七八九十]", m.group())
    ]
    spans += [m.span() for m in PHONE_LIKE.finditer(folded)]
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether `position` falls in one of the disjoint, ordered spans."""
    index = bisect_right(spans, position, key=lambda span: span[0]) - 1
    return index >= 0 and position < spans[index][1]


def accept(folded: str, match: re.Match, start: int, excluded: list[tuple[int, int]]) -> bool:
    if GLUED_BEFORE.search(folded[max(0, start - 3) : start]):
        return False
    if SESSION_BEFORE.search(folded[max(0, start - 3) : start]):
        return False  # 十届二次会议: the 次 of a session
    if match.group("unit") == "次" and SESSION_AFTER.match(folded, match.end()):
        return False
    if inside(excluded, match.start("num")):
        return False
    number = match.group("num")
    if not re.fullmatch(ARABIC, number) and match.group("unit") == "期":
        return False  # 二期, 三期: the phase in a project's name
    if number == "一" and not match.group("yu"):
        # 一批, 一项, 一家: idioms, not quantities; 两个, 三家 and 十余家 are quantities.
        return match.group("unit") in MONEY
    return True


def numbers_of(match: re.Match) -> list[re.Match]:
    """The number itself and, for 300、100万元, each listed number that shares its unit."""
    listed = [m for m in re.finditer(NUMBER, match.group("list") or "")]
    return [*listed, match]


def build(
    text: str, folded: str, match: re.Match, number: re.Match, source: str
) -> ParsedMetric | None:
    is_main = number is match
    raw = number.group("num") if is_main else number.group()
    offset = match.start("num") if is_main else match.start("list") + number.start()
    value = parse_number(raw)
    if value is None:
        return None
    unit_text = match.group("unit")
    unit = UNITS[unit_text]
    multiplier = match.group("mult") or ""
    upper_raw = match.group("upper") if is_main else None
    upper = parse_number(upper_raw) if upper_raw else None
    if not multiplier and (tail := myriad_tail(upper_raw or raw)):
        # 三十万元, 一亿二千万元, 三至五万元: the numeral's last 万/亿 is the unit's multiplier,
        # as in 30万元, so the figure reads as printed (30 万元) and normalises the same.
        multiplier = tail
        if myriad_tail(raw):
            value /= MULTIPLIERS[tail]
        if upper is not None:
            upper /= MULTIPLIERS[tail]
    if multiplier and unit_text not in MONEY and unit_text not in SCALABLE:
        return None
    factor = unit.factor * (MULTIPLIERS[multiplier] if multiplier else 1)
    if multiplier == "万亿":
        factor = unit.factor * Decimal(10) ** 12
    approximate = bool(
        match.group("pre") in APPROXIMATE_BEFORE or match.group("yu") or match.group("post")
    )
    normalized = value * factor
    return ParsedMetric(
        value=raw.replace(",", "") if re.fullmatch(ARABIC, raw) else plain(value),
        upper_value=plain(upper) if upper is not None else None,
        unit=f"{multiplier}{unit_text}",
        kind=unit.kind,
        normalized_value=plain(normalized),
        base_unit=unit.base,
        approximate=approximate,
        label=label_for(folded, first_start(match), match.end(), unit.kind),
        context=sentence_at(text, offset),
        offset=offset,
        source=source,
    )


def myriad_tail(number: str) -> str:
    """万 or 亿 when a Chinese numeral ends with it (三十万, 一亿二千万), else ""."""
    if number and not re.fullmatch(ARABIC, number) and number[-1] in "万亿":
        return number[-1]
    return ""


def first_start(match: re.Match) -> int:
    """Where the figure's words begin: at 近/约, else at the first listed number."""
    for group in ("pre", "list", "num"):
        if match.group(group):
            return match.start(group)
    return match.start()


def plain(value: Decimal) -> str:
    """A decimal as printed without exponent or trailing zeros after the point: 1400000, 9695.5."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def label_for(folded: str, start: int, end: int, kind: str) -> str:
    """What the figure measures: for counts the noun after the measure word (5家企业), else the
    phrase before the number (获批资金共140万元), trimmed of verbs and fillers; '' where what is
    left names nothing (解决, 目前, 增长, 我单位): the table then says 未识别."""
    if kind == "count" and (noun := noun_after(folded, end)) and names_something(noun):
        return noun
    phrase = phrase_before(folded, start)
    return phrase if names_something(phrase) else ""


# Words that stand before a figure without measuring anything: a pronoun and a generic noun
# (我单位, 其中, 本局), a place's whole (全市, 全县).
NAMES_NOTHING = re.compile(r"^(?:我|本|贵|其|该|此|各|全)(?:单位|部门|局|委|办|中|市|县|区|省)$")


def names_something(label: str) -> bool:
    """Whether the label ends in a noun (by jieba's dictionary; a word it does not know, such
    as a name, counts as one) and is more than a pronoun and a generic noun."""
    label = label.strip()
    if len(label) < 2 or NAMES_NOTHING.match(label):
        return False
    words = [word for word in dictionary.segmenter().lcut(label) if word.strip()]
    if not words:
        return False
    return word_tags().get(words[-1], "n") in NOUN_TAGS or words[-1] in MONEY_VERBS


# Verbs that name the money they move when they stand before a sum (累计投入1.2亿元: the
# investment), though jieba's dictionary tags them as verbs.
MONEY_VERBS = {"投入", "投资", "拨付", "补助", "补贴", "奖励", "奖补", "支出", "下达", "争取"}
# jieba's tags that name a thing: nouns, verbal and adjectival nouns, fixed phrases, short forms.
NOUN_TAGS = {"n", "ng", "nr", "nrfg", "nrt", "ns", "nt", "nz", "vn", "an", "l", "j", "i"}


@cache
def word_tags() -> dict[str, str]:
    """Each word of the dictionary jieba ships with its part of speech (n noun, v verb, t time)."""
    return {word: tag for word, _, tag in dictionary.entries()}


def noun_after(folded: str, end: int) -> str:
    stop = AFTER_STOP.search(folded, end, end + LABEL_MAX)
    noun = folded[end : stop.start() if stop else end + LABEL_MAX].strip()
    if noun.count("“") > noun.count("”"):
        noun = noun[: noun.rfind("“")]
    return noun if len(noun) >= 2 and re.match(r"[\u4e00-\u9fff“]", noun) else ""


def phrase_before(folded: str, start: int) -> str:
    window = max(0, start - 40)
    clause_start = max(
        (m.end() for m in CLAUSE_BREAK.finditer(folded, window, start)), default=window
    )
    phrase = FILLERS.sub("", folded[clause_start:start].strip())
    # Cut after the last verb or determiner that still leaves a noun phrase (申请|科创贷).
    for cut in reversed(list(CUT_WORDS.finditer(phrase))):
        if len(phrase) - cut.end() >= 2:
            phrase = phrase[cut.end() :]
            break
    phrase = FILLERS.sub("", phrase.lstrip("的之")).strip('（）()《》“”"')
    return phrase[-LABEL_MAX:]


def sentence_at(text: str, offset: int) -> str:
    """The sentence around `offset`, looked for within CONTEXT_REACH characters either side (a
    text without sentence ends would otherwise be read to its ends for every figure)."""
    lo, hi = max(0, offset - CONTEXT_REACH), min(len(text), offset + CONTEXT_REACH)
    before = max(text.rfind(ch, lo, offset) for ch in SENTENCE_END)
    start = before + 1 if before != -1 else lo
    ends = [i for i in (text.find(ch, offset, hi) for ch in SENTENCE_END) if i != -1]
    end = min(ends) + 1 if ends else hi
    return text[start:end].strip()
