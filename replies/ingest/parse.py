"""Parse stage: a read document to a `ParsedReply`. Pure: no database, no guessing.

Each field has one function that reads it off the folded text (see normalize.fold). What a
document does not state stays empty, and a warning says so when a reviewer should look.
"""

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from replies import departments, gazetteer
from replies.ingest.normalize import clean, fold
from replies.ingest.read import ReadDocument
from replies.ingest.records import CHINA_TZ, HandlingStats, ParsedReply
from replies.metrics import extract
from replies.numerals import CHINESE_DIGITS, chinese_int, digit_string

CN = r"[\u4e00-\u9fff]"
COLON = r"\s*[:：]\s*"
REPLY_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、)?答复(?:意见|内容|正文)\s*$", re.M)
PROPOSAL_MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、)?(?:提案|建议)(?:内容|正文|原文)\s*$", re.M
)
UNIT_LINE = re.compile(r"^\s*(?:主办|会办|协办|领衔|办理)(?:单位|人)", re.M)
SALUTATION = re.compile(r"^(?:尊敬的)?(?P<names>[^:：，。；]{2,80}?)(?:委员|代表)?们?\s*[:：]$")
SALUTATION_FOLLOWS = re.compile(r"收悉|^(?:您|你|贵)|^现(?:将|就)|^来信")
LABEL_LINE = re.compile(
    r"^(?:联\s*系|签\s*发|答复|办理|类\s*[型别]|抄\s*送|来\s*源|主办|会办|协办|附件)"
)
TITLE_START = re.compile(r"^(?:关于|对)")
TITLE_END = re.compile(r"(?:答复|复函|的函|答复意见)$")
DOC_NUMBER = re.compile(
    rf"(?P<prefix>{CN}{{1,12}})\s*(?P<open>[〔【\[(（［])\s*(?P<year>(?:19|20)\d{{2}})\s*"
    r"(?P<close>[〕】\])）］])\s*(?P<number>\d{1,5})\s*(?P<hao>[号號])"
)
TYPE_LABELLED = re.compile(
    r"(?:答复|办理)?(?:类\s*型|类\s*别|结\s*果)\s*[:：]?\s*[(（]?\s*(?P<t>[ABCabc])\s*[)）]?(?![A-Za-z\u4e00-\u9fff])"
)
TYPE_ALONE = re.compile(r"^[(（]\s*(?P<t>[ABCabc])\s*[)）]$|^(?P<u>[ABCabc])\s*类$")
TYPE_AFTER_NUMBER = re.compile(r"[号號]\s*(?P<t>[ABCabc])\s*类")
SHORT_LINE = 24
SIGNER = re.compile(rf"签\s*发\s*人{COLON}(?P<name>{CN}[\u4e00-\u9fff·]{{1,4}})")
SESSION = re.compile(
    r"(?P<span>第?(?P<term>[一二三四五六七八九十\d]{1,3})届(?P<mid>委员会|人大|人民代表大会)?"
    r"(?:常委会)?第?(?P<meeting>[一二三四五六七八九十\d]{1,3})次(?:全体)?会议)"
)
PROPOSAL_NUMBER = re.compile(r"第\s*(?P<n>[0-9A-Za-z][0-9A-Za-z\-]*)\s*号")
DATE = re.compile(
    rf"(?P<y>(?:19|20)\d{{2}}|[{CHINESE_DIGITS}0O]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})"
    r"\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
PUBLISHED_LINE = re.compile(
    r"^(?:发布(?:时间|日期)[:：]?\s*)?(?P<when>20\d{2}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2})?)"
)
CONTACT_PERSON = re.compile(rf"联\s*系\s*人(?:及电话)?{COLON}(?P<name>{CN}[\u4e00-\u9fff·]{{1,3}})")
PHONE = re.compile(r"(?<!\d)(?:1[3-9]\d{9}|(?:0\d{2,3}[-－—]?)?\d{7,8})(?!\d)")
PHONE_LABEL = re.compile(rf"(?:联系)?电\s*话{COLON}")
CC = re.compile(rf"^抄\s*送{COLON}(?P<list>.+)$", re.M)
LEAD_LINE = re.compile(rf"^主办单位(?:{COLON}|\s+)(?P<v>.+)$", re.M)
CO_LINE = re.compile(rf"^(?:会办|协办)单位(?:{COLON}|\s+)(?P<v>.+)$", re.M)
CO_CONSULTED = re.compile(r"经商\s*[(（]\s*(?:会办|协办)单位\s*[:：]?\s*(?P<v>[^)）]+)[)）]")
LEAD_AND_CO = re.compile(r"由(?P<lead>[^，,。]{2,20}?)主办[，,、]\s*(?P<co>[^。]+?)(?:会办|协办)")
LIST_SPLIT = re.compile(r"[、，,；;]\s*")
HANDLING = re.compile(
    r"(?P<all>(?:提案|建议)?中?提出(?:意见)?建议\s*\d+\s*条.*?落实率\s*\d+(?:\.\d+)?\s*%)"
)
METHODS = [
    "电话",
    "座谈",
    "面商",
    "当面",
    "实地走访",
    "上门走访",
    "走访",
    "书面",
    "邮件",
    "微信",
    "视频",
    "见面",
]
PROPOSAL_TITLE_QUOTED = re.compile(r"《(?P<t>[^》]+)》|“(?P<q>[^”]+)”")
PROPOSAL_TITLE_BARE = re.compile(r"提出的(?P<t>关于.{4,60}?的(?:建议|提案|意见))")


@dataclass(frozen=True)
class Layout:
    """Where the parts of a document are, as offsets into the clean/folded text."""

    head_end: int  # end of the letterhead and title block
    reply_start: int
    proposal: tuple[int, int] | None  # the proposal's own text, on pages that carry it


def parse(document: ReadDocument) -> ParsedReply:
    text = clean(document.text)
    folded = fold(text)
    layout = find_layout(folded)
    reply = folded[layout.reply_start :]
    head = folded[: layout.head_end]
    lines = [line.strip() for line in folded.splitlines() if line.strip()]
    reply_lines = [line.strip() for line in reply.splitlines() if line.strip()]
    warnings: list[str] = []

    salutation, names, role = find_salutation(reply_lines)
    places = gazetteer.names_in(folded)
    published_by = [fold(document.meta.get(k, "")) for k in ("发布机构", "来源")]
    department, as_written, sector, place = find_department(
        lines, reply_lines, folded, reply, places, published_by
    )
    if department is None:
        warnings.append("未找到答复单位")
    elif place is None:
        warnings.append(f"无法确定“{department}”所在地区")

    title = find_title(head.splitlines())
    doc_number = first_match(DOC_NUMBER, head) or first_match(
        DOC_NUMBER, "\n".join(line for line in lines if len(line) <= 40)
    )
    session_source = "\n".join(filter(None, [title or "", receipt_sentence(reply), head]))
    session = find_session(session_source, place)
    proposal_title = find_proposal_title(reply, salutation)
    if not proposal_title:
        warnings.append("未找到提案标题")
    body = session["body"] or body_from_wording(role, folded)

    reply_date = find_letter_date(reply_lines)
    published = document.published_at or find_published(head)
    published_at = to_datetime(published)
    year, year_note = reply_date.year if reply_date else None, None
    if reply_date is None:
        if doc_number:
            year = int(DOC_NUMBER.search(doc_number).group("year"))
            year_note = f"原文未注明日期，年份取自文号 {doc_number}"
        elif published_at:
            year = published_at.year
            year_note = f"原文未注明日期，年份取自网页发布时间 {published}"
        warnings.append(year_note or "原文未注明日期，年份不详")

    reply_type = find_reply_type(head, lines)
    if reply_type is None:
        warnings.append("未标注答复类型")
    contact_person, contact_phone = find_contact(reply_lines)
    lead_unit, co_handlers = find_units(folded)
    reply_text = text[layout.reply_start :].strip() if layout.proposal else text
    proposal_text = text[slice(*layout.proposal)].strip() if layout.proposal else ""
    return ParsedReply(
        text=reply_text,
        department=department,
        department_as_written=tuple(as_written),
        department_sector=sector,
        province=place.province if place else None,
        city=place.city if place else None,
        county=place.county if place else None,
        reply_title=title,
        reply_date=reply_date,
        year=year,
        year_note=year_note,
        published_at=published_at,
        reply_type=reply_type,
        doc_number=doc_number,
        signer=first_group(SIGNER, head, "name") or first_group(SIGNER, folded, "name"),
        body=body,
        committee_level=session["level"],
        committee_region=session["region"],
        term=session["term"],
        meeting=session["meeting"],
        session_as_written=session["as_written"],
        proposal_number=find_proposal_number(title, reply, head),
        proposal_title=proposal_title,
        proposers=tuple(names),
        lead_unit=lead_unit,
        co_handlers=tuple(co_handlers),
        contact_person=contact_person,
        contact_phone=contact_phone,
        cc=tuple(find_cc(folded)),
        communication=find_communication(reply),
        has_proposal_text=layout.proposal is not None,
        proposal_text=proposal_text,
        suggestions=find_handling(reply),
        metrics=(*extract(reply_text, "reply"), *extract(proposal_text, "proposal")),
        source_meta=dict(document.meta),
        warnings=tuple(warnings),
    )


def find_layout(folded: str) -> Layout:
    reply_marker = REPLY_MARKER.search(folded)
    if reply_marker:
        proposal_markers = list(PROPOSAL_MARKER.finditer(folded, 0, reply_marker.start()))
        if proposal_markers:
            start = proposal_markers[-1].end()
            units = UNIT_LINE.search(folded, start, reply_marker.start())
            end = units.start() if units else reply_marker.start()
            head_end = proposal_markers[0].start()
            return Layout(head_end=head_end, reply_start=reply_marker.end(), proposal=(start, end))
    lines = folded.splitlines(keepends=True)
    offset = 0
    for index, line in enumerate(lines):
        if is_salutation(line.strip(), [entry.strip() for entry in lines[index + 1 : index + 4]]):
            return Layout(head_end=offset, reply_start=0, proposal=None)
        offset += len(line)
    return Layout(head_end=min(len(folded), 400), reply_start=0, proposal=None)


def is_salutation(line: str, following: list[str]) -> bool:
    if not SALUTATION.match(line) or LABEL_LINE.match(line) or len(line) > 80:
        return False
    return any(SALUTATION_FOLLOWS.search(entry) for entry in following if entry)


def find_salutation(lines: list[str]) -> tuple[str, list[str], str]:
    """(the salutation line, the proposers in order, 委员 or 代表 or '')."""
    for index, line in enumerate(lines[:40]):
        if is_salutation(line, lines[index + 1 : index + 4]):
            names_part = SALUTATION.match(line).group("names")
            role = (
                "代表"
                if line.rstrip("：: ").endswith("代表")
                else ("委员" if "委员" in line[len(names_part) :] else "")
            )
            return line, split_names(names_part), role
    return "", [], ""


def split_names(names: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"[、，,；;\s]+", names) if p.strip()]
    if parts:
        parts[-1] = re.sub(r"等(?:\d+|[一二三四五六七八九十]+)?(?:位|名|人)?$", "", parts[-1])
    return [p for p in parts if p]


def find_title(head_lines: list[str]) -> str | None:
    lines = [line.strip() for line in head_lines if line.strip()]
    for index, line in enumerate(lines):
        if TITLE_START.match(line) and not departments.looks_like_department(line):
            title = line
            for follower in lines[index + 1 : index + 3]:
                if TITLE_END.search(re.sub(r"\s", "", title)):
                    break
                title += follower
            title = re.sub(r"\s", "", title)
            if re.search(r"答复|复函|函$", title):
                return title
    return None


def first_match(pattern: re.Pattern, text: str) -> str | None:
    match = pattern.search(text)
    return re.sub(r"\s", "", match.group()) if match else None


def first_group(pattern: re.Pattern, text: str, group: str) -> str | None:
    match = pattern.search(text)
    return match.group(group) if match else None


def receipt_sentence(reply: str) -> str:
    """The sentence that acknowledges the proposal: 您提出的《…》收悉."""
    match = re.search(r"[^。\n]*收悉", reply)
    return match.group() if match else ""


def find_session(text: str, place: gazetteer.Place | None) -> dict:
    empty = dict.fromkeys(("body", "level", "region", "term", "meeting", "as_written"))
    match = SESSION.search(text)
    if not match:
        return empty
    before = text[max(0, match.start() - 16) : match.start()]
    mid = match.group("mid") or ""
    body = None
    if "政协" in before or mid == "委员会":
        body = "政协"
    elif "人大" in before or mid in {"人大", "人民代表大会"}:
        body = "人大"
    named = gazetteer.names_in(before)
    region = level = None
    if named:
        region = named[-1]
        level = region[-1] if region[-1] in "省市区县" else None
    else:
        bare = re.search(r"([省市区县])(?:政协|人大)?$", before)
        if bare:
            level = bare.group(1)
            region = region_for_level(level, place)
    return {
        "body": body,
        "level": level,
        "region": region,
        "term": chinese_int(match.group("term")),
        "meeting": chinese_int(match.group("meeting")),
        "as_written": match.group("span"),
    }


def region_for_level(level: str, place: gazetteer.Place | None) -> str | None:
    """Which of the department's own places a bare 区/县/市/省 names."""
    if place is None:
        return None
    for name in (place.county, place.city, place.province):
        if name and name.endswith(level):
            return name
    return None


def body_from_wording(role: str, text: str) -> str | None:
    if role == "代表" or re.search(r"代表(?:们)?[:：]|人大代表|议案", text):
        return "人大"
    if role == "委员" or "提案" in text:
        return "政协"
    return None


def find_proposal_title(reply: str, salutation: str) -> str | None:
    start = reply.find(salutation) + len(salutation) if salutation else 0
    sentence = receipt_sentence(reply[start:]) or reply[start : start + 300]
    match = PROPOSAL_TITLE_QUOTED.search(sentence)
    if match:
        return (match.group("t") or match.group("q")).strip()
    match = PROPOSAL_TITLE_BARE.search(sentence)
    return match.group("t") if match else None


def find_proposal_number(title: str | None, reply: str, head: str) -> str | None:
    for text in (title or "", receipt_sentence(reply), head):
        match = PROPOSAL_NUMBER.search(text)
        if match:
            return match.group("n")
    return None


def find_reply_type(head: str, lines: list[str]) -> str | None:
    short = [line for line in lines if len(line) <= SHORT_LINE]
    for line in [*head.splitlines(), *short]:
        line = line.strip()
        for pattern in (TYPE_LABELLED, TYPE_AFTER_NUMBER):
            if line and len(line) <= 60 and (match := pattern.search(line)):
                return match.group("t").upper()
        if match := TYPE_ALONE.match(line):
            return (match.group("t") or match.group("u")).upper()
    return None


def parse_date(match: re.Match) -> dt.date | None:
    year = digit_string(match.group("y"))
    month, day = chinese_int(match.group("m")), chinese_int(match.group("d"))
    try:
        return dt.date(year, month, day) if year and month and day else None
    except ValueError:
        return None


def find_letter_date(lines: list[str]) -> dt.date | None:
    """The date at the signature: the last line that is a date, alone or after the signer."""
    for line in reversed(lines):
        match = DATE.search(line)
        if not match:
            continue
        rest = (line[: match.start()] + line[match.end() :]).strip()
        if not rest or departments.looks_like_department(rest):
            return parse_date(match)
    return None


def find_published(head: str) -> str:
    for line in head.splitlines():
        if match := PUBLISHED_LINE.match(line.strip()):
            return match.group("when")
    return ""


def to_datetime(published: str) -> dt.datetime | None:
    if not published:
        return None
    match = re.match(
        r"(\d{4})\D(\d{1,2})\D(\d{1,2})日?(?:\s*(\d{1,2}):(\d{2}))?", published.strip()
    )
    if not match:
        return None
    year, month, day, hour, minute = (int(g) if g else 0 for g in match.groups())
    try:
        return dt.datetime(year, month, day, hour, minute, tzinfo=CHINA_TZ)
    except ValueError:
        return None


def find_contact(lines: list[str]) -> tuple[str | None, str | None]:
    person = phone = None
    for index, line in enumerate(lines):
        if person is None and (match := CONTACT_PERSON.search(line)):
            person = match.group("name")
            after = line[match.end() :]
            if phone is None and (number := PHONE.search(after)):
                phone = number.group()
            elif phone is None and index + 1 < len(lines) and PHONE.fullmatch(lines[index + 1]):
                phone = lines[index + 1]
        label = PHONE_LABEL.search(line) if phone is None else None
        if label and (number := PHONE.search(line, label.end())):
            phone = number.group()
    return person, phone


def split_list(value: str) -> list[str]:
    return [part.strip(" 。.") for part in LIST_SPLIT.split(value.strip()) if part.strip(" 。.")]


def find_cc(text: str) -> list[str]:
    match = CC.search(text)
    return split_list(match.group("list")) if match else []


def find_units(text: str) -> tuple[str | None, list[str]]:
    lead = co = None
    if match := LEAD_LINE.search(text):
        lead = match.group("v").strip()
    if (match := CO_LINE.search(text)) or (match := CO_CONSULTED.search(text)):
        co = split_list(match.group("v"))
    if match := LEAD_AND_CO.search(text):
        lead = lead or match.group("lead").strip()
        co = co or split_list(match.group("co"))
    return lead, co or []


def find_handling(reply: str) -> HandlingStats | None:
    match = HANDLING.search(reply)
    if not match:
        return None
    sentence = match.group("all")

    def number(pattern: str) -> int | None:
        found = re.search(pattern, sentence)
        return int(found.group(1)) if found else None

    rate = re.search(r"落实率\s*(\d+(?:\.\d+)?)\s*%", sentence)
    return HandlingStats(
        suggestions=number(r"建议\s*(\d+)\s*条"),
        aspects=number(r"条\s*(\d+)\s*个方面"),
        ours=number(r"涉及我单位\s*(\d+)"),
        co_handlers=number(r"涉及协办单位\s*(\d+)"),
        adopted=number(r"已采纳落实(?:[(（]解决[)）])?\s*(\d+)"),
        adoption_rate=f"{rate.group(1)}%" if rate else None,
        as_written=sentence,
    )


def find_communication(reply: str) -> str | None:
    for sentence in re.split(r"[。\n]", reply):
        if "沟通" in sentence and re.search(r"委员|代表", sentence):
            found = [(sentence.find(m), m) for m in METHODS if m in sentence]
            if found:
                return min(found)[1]
    return None


def department_candidates(
    lines: list[str], reply_lines: list[str], folded: str, published_by: list[str]
) -> Iterator[str]:
    """How the document names its author, most formal first: letterhead, signature, the page's
    publisher, 联系单位/来源 lines, then the lead unit."""
    for line in lines[:3]:
        if departments.looks_like_department(line):
            yield line.removesuffix("文件")
    tail = [line for line in reply_lines[-10:] if not LABEL_LINE.match(line)]
    for index in range(len(tail) - 1, -1, -1):
        line = DATE.sub("", tail[index]).strip()
        if departments.looks_like_department(line):
            yield line
            break
    yield from (name for name in published_by if departments.looks_like_department(name))
    for pattern in (rf"联系单位{COLON}(\S+)", rf"^来\s*源{COLON}(\S+)"):
        if (match := re.search(pattern, folded, re.M)) and departments.looks_like_department(
            match.group(1)
        ):
            yield match.group(1)
    if match := LEAD_LINE.search(folded):
        yield match.group("v").strip()


def find_department(
    lines: list[str],
    reply_lines: list[str],
    folded: str,
    reply: str,
    places: list[str],
    published_by: list[str],
) -> tuple[str | None, list[str], str | None, gazetteer.Place | None]:
    """(canonical name, names as written, sector, place) of the answering department."""
    candidates = list(
        dict.fromkeys(department_candidates(lines, reply_lines, folded, published_by))
    )
    if not candidates:
        return None, [], None, None

    def specificity(name: str) -> tuple[int, int]:
        regions, level_char, _ = departments.split_name(name)
        return len(regions), bool(level_char)

    primary = max(candidates, key=specificity)  # max keeps the first among equals
    name = departments.identify(primary, places)
    written = list(candidates)
    if name.place is not None:
        level = "市" if name.place.county is None else (name.place.county[-1])
        short = [k for k, v in departments.ABBREVIATIONS.items() if v == name.unit]
        for abbreviation in short:
            alias = level + abbreviation
            if alias in reply and alias not in written:
                written.append(alias)
    return name.canonical, written, name.sector or None, name.place
