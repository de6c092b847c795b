"""Who answers: the department as the document writes it, and the place it belongs to.

A letter names its author in several places, and real pages damage each of them: the signature
(right-aligned, cut short, its place name replaced by spam), the heading (濮阳市城市管理局关于…),
the letterhead, the page's 发布机构/来源 fields, a 建议办理单's 主办单位, or only the body's third
person (区教育局高度重视…). The most formal names come first; a bare name (交通运输局) is
completed by a fuller mention elsewhere in the text (主办:济源产城融合示范区交通运输局).
"""

import re
from dataclasses import dataclass

from replies import departments, gazetteer
from replies.gazetteer import Place
from replies.ingest import pagemeta
from replies.ingest.dates import DATE_ON_LINE

CN = "\u4e00-\u9fff"
# Gambling spam that hijacked mirrors put where a place or department name was: runs of Latin
# letters, digits and Chinese glued with _ or -, ending in a site word (下载安装, 官网 …).
SPAM = re.compile(
    r"(?:[A-Za-z]+\d+|\d+[A-Za-z]+|[\u4e00-\u9fff]{2,6}[_\-]|[(（【])"
    r"[A-Za-z0-9_\-\u4e00-\u9fff【】*()（）]*?(?:app下载安装|app下载|下载安装|官方网站|官网】|官网)"
)
HEADING = re.compile(r"(?:关于|对).*(?:答复|复函|函|意见|回复|办理)|(?:答复|复函)")
HEADING_CUT = re.compile(r"关于|对|[:：\s]")
# The stamp a printed signature leaves room for: 浏阳市交通运输局（盖章）
SEAL = re.compile(r"[(（]\s*(?:盖章|公章|印章|章)\s*[)）]")
LABEL_LINE = re.compile(rf"^[{CN}\s]{{1,10}}[:：]")
THIRD_PERSON = re.compile(
    rf"^(?P<name>[{CN}]{{2,20}}?{departments.UNIT_SUFFIX})(?:高度重视|接到|收到|认真|已)"
)
ZONE_ENDS = ("示范区", "开发区", "高新区", "新区", "园区", "试验区", "合作区")
PUBLISHER_LABELS = (
    "发布机构",
    "发文机关",
    "信息来源",
    "来源",
    "文章来源",
    "责任部门",
    "作者",
    "联系单位",
)
FORM_LEAD_LABELS = ("主办单位",)
# A portal's own footer, not the letter's author: 主办单位:…人民政府办公室 地址:… 邮编:…
PORTAL_FOOTER = re.compile(r"地址|邮编|备案|ICP|电话|版权")
# A letter in a unit's voice is not its government's, whoever publishes the page.
UNIT_VOICE = re.compile(r"我(?:单位|局|委|厅|办|中心|所|队|院)")
GOVERNMENT = re.compile(r"政府$")
# A unit that is another's branch (济南市公安局历下区分局): never the start of a second unit.
BRANCH = re.compile(r"^[^局委厅办院]*?(?:分局|支队|大队|中队|派出所|分中心|分院)")


@dataclass(frozen=True)
class Responder:
    written: tuple[str, ...]  # the names as written, the one used first
    source: str  # signature, heading, letterhead, page, body


def strip_spam(text: str) -> str:
    return SPAM.sub(" ", text)


def bare_department(line: str) -> str | None:
    """The department a line consists of: one name, or the first of a joint signature, or the
    last part where spam split the line (环球国际 教育局)."""
    line = SEAL.sub("", strip_spam(line)).strip(" |\t")
    line = line.removesuffix("文件").strip()
    if departments.looks_like_department(line):
        # one name, or a joint signature run together as OCR reads one (its gaps lost)
        return first_of_glued(line) or line
    parts = line.split()
    if len(parts) >= 2:
        if all(departments.looks_like_department(p) for p in parts):
            return parts[0]
        if departments.looks_like_department(parts[-1]):
            return parts[-1]
    return None


def first_of_glued(line: str) -> str | None:
    """The first unit of a joint signature run together (浏阳市交通运输局浏阳市财政局, as OCR
    reads one): a department, then from a place or level on (市财政局, 浏阳市…) the rest, which
    is a department too and not the first one's branch (济南市公安局历下区分局 is one unit)."""
    for end in re.finditer(departments.UNIT_SUFFIX, line):
        head, rest = line[: end.end()], line[end.end() :]
        names = gazetteer.names_in(rest[:8])
        at_place = (rest[:1] in "省市县区" and rest[:2] != "市场") or (
            names and rest.startswith(names[0])
        )
        if (
            at_place
            and not BRANCH.match(rest)
            and departments.looks_like_department(head)
            and departments.looks_like_department(rest)
        ):
            return head
    return None


def leading_department(line: str) -> str | None:
    """The department a heading starts with: 濮阳市城市管理局关于对… → 濮阳市城市管理局."""
    head = HEADING_CUT.split(strip_spam(line).strip(), maxsplit=1)[0]
    head = re.match(rf"[{CN}]*", head).group()
    for end in range(len(head), 2, -1):
        if departments.looks_like_department(head[:end]):
            return head[:end]
    return None


def signature(letter_lines: list[str]) -> str | None:
    """The department that signs: the last one dated (on its line or the two after it), else
    the last line of the letter that is a department (a list of links after it has no date)."""
    named = [
        (index, name)
        for index, line in enumerate(letter_lines)
        if not LABEL_LINE.match(line)
        and len(line) <= 60
        and (name := bare_department(DATE_ON_LINE.sub(" ", line)))
    ]
    for index, name in reversed(named):
        if any(DATE_ON_LINE.search(x) for x in letter_lines[index : index + 3]):
            return name
    return named[-1][1] if named else None


def find_responder(
    *,
    head_lines: list[str],
    letter_lines: list[str],
    found: list[pagemeta.Field],
    bullets: list[str],
) -> Responder | None:
    """The department that answers, as written, from the most formal place that names it."""
    formal: list[tuple[str, str]] = []
    if name := signature(letter_lines):
        formal.append((name, "signature"))
    titles = [f.value for f in found if f.label in {"标题", "名称", "信息名称", "文件名称"}]
    for line in [*head_lines, *titles]:
        if HEADING.search(line) and (name := leading_department(line)):
            formal.append((name, "heading"))
            break
    unit_voice = UNIT_VOICE.search("\n".join([*head_lines, *letter_lines]))
    values = {field.line for field in found}
    for index, line in enumerate(head_lines):
        if pagemeta.BULLET.match(line) or LABEL_LINE.match(line) or index in values:
            continue  # navigation and metadata (a value under its label), not a letterhead
        if (name := bare_department(line)) and not (unit_voice and GOVERNMENT.search(name)):
            formal.append((name, "letterhead"))
            break
    if formal:

        def specificity(item: tuple[str, str]) -> tuple[int, int]:
            regions, level_char, _ = departments.split_name(item[0])
            return len(regions), bool(level_char)

        best = max(formal, key=specificity)  # max keeps the first among equals
        # The page's publisher may write the same unit with its place (县经信局 signs a page
        # published by 德清县经济和信息化局): the fuller name goes first.
        unit = departments.expand(departments.split_name(best[0])[2])
        for field in found:
            name = bare_department(field.value) if field.label in PUBLISHER_LABELS else None
            if (
                name
                and departments.expand(departments.split_name(name)[2]) == unit
                and specificity((name, "")) > specificity(best)
            ):
                best = (name, "page")
                formal.insert(0, best)
                break
        written = [best[0], *(n for n, _ in formal if n != best[0])]
        return Responder(written=tuple(dict.fromkeys(written)), source=best[1])
    for field in found:
        if field.label in PUBLISHER_LABELS and (name := bare_department(field.value)):
            if unit_voice and GOVERNMENT.search(name):
                continue  # a government's portal publishing a unit's letter (我单位…)
            return Responder(written=(name,), source="page")
    for value in bullets:
        if name := bare_department(value):
            return Responder(written=(name,), source="page")
    for field in found:
        if (
            field.label in FORM_LEAD_LABELS
            and field.line < len(head_lines)  # the 建议办理单 before the letter, not a footer
            and (name := bare_department(field.value))
        ):
            return Responder(written=(name,), source="form")
    for line in letter_lines:
        # 县委县政府高度重视 is the government backing a unit, not the unit that answers.
        if (match := THIRD_PERSON.match(line)) and not GOVERNMENT.search(match.group("name")):
            return Responder(written=(match.group("name"),), source="body")
    return None


def complete(name: str, text: str) -> str:
    """A name without any place (交通运输局, 公安局) completed by the fullest mention of it in
    the text (spam already stripped): a zone (济源产城融合示范区交通运输局), place names, or a
    bare level (市公安局)."""
    regions, level_char, unit = departments.split_name(name)
    if regions or level_char or departments.ZONE.search(unit):
        return name
    best = name
    for match in re.finditer(rf"([{CN}]{{1,20}}){re.escape(name)}", text):
        run = match.group(1)
        prefix = completion(run)
        if prefix and len(prefix) + len(name) > len(best):
            best = prefix + name
    return best


def completion(run: str) -> str:
    """The end of `run` that names a place for the unit after it."""
    for start in range(len(run)):
        tail = run[start:]
        is_zone = departments.ZONE.search(tail) and tail.endswith(ZONE_ENDS)
        if is_zone and (gazetteer.place_by_short_name(tail) or gazetteer.names_in(tail[:4])):
            return tail
        names = gazetteer.names_in(tail)
        if names and "".join(names) == tail:
            return tail
    if run[-1:] in departments.LEVEL_CHARS:
        return run[-1]
    return ""


# A portal names itself after its place: 番禺政府网, 马关县人民政府门户网.
SITE_NAME = re.compile(rf"(?P<place>[{CN}]{{2,8}}?)(?:人民)?政府(?:门户)?网")


def page_place(
    found: list[pagemeta.Field], headings: list[str], chrome: list[str] = ()
) -> Place | None:
    """Where the page itself is from, for a responder that names no place: a publisher that is a
    government with its place (潘集区人民政府), else the places the heading names, else the
    portal's own name (番禺政府网)."""
    for field in found:
        if field.label in PUBLISHER_LABELS:
            regions, _, _ = departments.split_name(strip_spam(field.value).strip())
            if regions and (place := gazetteer.resolve(regions[-1], regions)):
                return place
    for line in headings:
        if place := gazetteer.last_named(line):
            return place
    for line in chrome:
        for match in SITE_NAME.finditer(line):
            if place := gazetteer.resolve_written(match.group("place")):
                return place
    return None
