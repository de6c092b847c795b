"""Parse stage: a read document to a `ParsedReply`. Pure: no database, no guessing.

Each field has one function that reads it off the folded text (see normalize.fold); who answers
is `responder`'s, the people named are `people`'s, the page's labelled fields `pagemeta`'s, the
proposal's session, number and title `proposal`'s, dates `dates`'. What
a document does not state stays empty, and a warning says so when a reviewer should look.
"""

import dataclasses
import re
from dataclasses import dataclass

from replies import departments, gazetteer
from replies.ingest import pagemeta, people, responder
from replies.ingest.dates import (
    BREADCRUMB_YEAR,
    PAGE_DATE,
    find_letter_date,
    find_published,
    shown,
    to_datetime,
)
from replies.ingest.normalize import clean, fold, resegment
from replies.ingest.proposal import (
    body_from_wording,
    find_proposal_number,
    find_proposal_title,
    find_session,
    receipt_sentence,
    region_for_level,
)
from replies.ingest.read import ReadDocument
from replies.ingest.records import HandlingStats, ParsedReply
from replies.metrics import extract

CN = r"[\u4e00-\u9fff]"
COLON = r"\s*[:：]\s*"
REPLY_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、)?答复(?:意见|内容|正文)\s*$", re.M)
PROPOSAL_MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、)?(?:提案|建议)(?:内容|正文|原文)\s*$", re.M
)
UNIT_LINE = re.compile(r"^\s*(?:主办|会办|协办|领衔|办理)(?:单位|人)", re.M)
# The head ends at the first line this long when no salutation marks where the letter starts.
PROSE = 60
FOOTER_LINES = 15  # a page's footer: where portals print their own name
LETTER_STARTS = re.compile(r"收悉|答复如下|回复如下|函复如下")
TITLE_START = re.compile(r"^(?:关于|对)")
TITLE_MAX = 150  # the longest heading a letter prints; the archive stores up to 300
TITLE_CUT = re.compile(r"^.*?(?:的答复函|答复意见的函|答复的函|的答复|的复函|的函|答复|回复)")
TITLE_END = re.compile(r"(?:答复|复函|的函|答复意见|回复)$")
DOC_NUMBER = re.compile(
    rf"(?P<prefix>{CN}{{1,12}})\s*(?P<open>[〔【\[(（［])\s*(?P<year>(?:19|20)\d{{2}})\s*"
    r"(?P<close>[〕】\])）］])\s*(?P<number>\d{1,5})\s*(?P<hao>[号號])"
)
# A 文号 the store damaged, its closing bracket and 号 lost (通区府议〔202323), alone on its line.
DOC_NUMBER_DAMAGED = re.compile(rf"^(?P<all>{CN}{{1,12}}[〔【\[［](?:19|20)\d{{2}}\d{{1,4}})$")
DOC_YEAR = re.compile(r"[〔【\[(（［]\s*((?:19|20)\d{2})")
GRADE = "ABCDabcd"
TYPE_LABELLED = re.compile(
    rf"(?:答复|办理|办复)?(?:类\s*型|类\s*别|结\s*果)\s*[:：]?\s*[(（]?\s*(?P<t>[{GRADE}])\s*[)）]?\s*类?"
    r"(?![A-Za-z\u4e00-\u9fff])"
)
TYPE_ALONE = re.compile(rf"^[(（]?\s*(?P<t>[{GRADE}])\s*类?\s*[)）]?\s*类?$")
TYPE_AFTER_NUMBER = re.compile(
    rf"[号號]\s*[(（]?\s*(?P<t>[{GRADE}])\s*[)）]?\s*类|〕\s*\d{{1,5}}\s*[号號]\s*[(（]\s*(?P<u>[{GRADE}])\s*[)）]"
)
# In or after the heading: …的答复函 B / …的答复(D) / 办理情况(B)的函
TYPE_IN_HEADING = re.compile(
    rf"(?:答复|复函|的函|回复)\s*[(（]?\s*(?P<t>[{GRADE}])\s*[)）]?\s*类?$"
    rf"|[(（]\s*(?P<u>[{GRADE}])\s*类?\s*[)）]\s*的?(?:函|答复|复函)"
)
SHORT_LINE = 24
CC = re.compile(rf"^抄\s*送{COLON}(?P<list>.+)$", re.M)
INLINE_COLON = r"[ \t]*[:：][ \t]*"
LEAD_LINE = re.compile(rf"^主办单位(?:{INLINE_COLON}|[ \t]+)(?P<v>\S.*)$", re.M)
CO_LINE = re.compile(rf"^(?:会办|协办|分办)单位(?:{INLINE_COLON}|[ \t]+)(?P<v>\S.*)$", re.M)
CO_CONSULTED = re.compile(r"经商\s*[(（]\s*(?:会办|协办|分办)单位\s*[:：]?\s*(?P<v>[^)）]+)[)）]")
LEAD_AND_CO = re.compile(
    r"由(?P<lead>[^，,。]{2,20}?)主办[，,、]\s*(?P<co>[^。]+?)(?:会办|协办|分办)"
)
# The database pages' table: a header row 主办单位 会办 交办日期, then the values split by ;
UNITS_TABLE = re.compile(r"^主办单位\s*会办(?:单位)?\s*交办日期$")  # OCR loses the gaps
PRONOUN = re.compile(r"^(?:我|贵|你|本)(?:单位|局|委|厅|办|部门)$")
CO_HANDLER_HEADING = re.compile(r"(?:会办|协办|分办)意见")
CO_HANDLER_SAYS = re.compile(r"我(?:单位|局|委|厅|办)(?:协办|会办|分办)")
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


@dataclass(frozen=True)
class Layout:
    """Where the parts of a document are, as offsets into the clean/folded text."""

    reply_start: int
    proposal: tuple[int, int] | None  # the proposal's own text, on pages that carry it


@dataclass(frozen=True)
class Parts:
    """The document's lines, split where the letter starts (its salutation)."""

    lines: list[str]  # every non-empty line, stripped
    head: list[str]  # before the salutation: page chrome, metadata, letterhead, heading
    letter: list[str]  # from the salutation on
    salutation: people.Salutation


def parse(document: ReadDocument) -> ParsedReply:
    text = clean(document.text)
    folded = resegment(fold(text))
    layout = find_layout(folded)
    reply = folded[layout.reply_start :]
    parts = split_parts(folded, layout)
    head = "\n".join(parts.head)
    # What a web page's own markup said (meta tags, its 索引号/发布机构 table) comes first.
    found = [pagemeta.Field(label=k, value=fold(v), line=-1) for k, v in document.meta.items()]
    found += pagemeta.fields(parts.lines)
    head_found = [f for f in found if f.line < len(parts.head)]
    warnings: list[str] = []
    source_meta = dict(document.meta)
    if document.ocr_confidence is not None:
        warnings.append(f"文字由OCR识别（平均置信度{document.ocr_confidence:.0%}），请与原件核对")
        source_meta["OCR"] = f"RapidOCR，平均置信度 {document.ocr_confidence:.2f}"

    salutation = parts.salutation
    letter = letter_text(parts)
    receipt = receipt_sentence(letter)
    title = find_title(parts.head) or find_title(parts.lines[:12])
    headings = [h for h in (title, *heading_lines(parts.head)) if h]
    session = find_session(
        "\n".join(filter(None, [*headings, receipt, head])),
        gazetteer.last_named("\n".join(headings)),
    )

    proposal_title = find_proposal_title(letter, receipt, first_paragraphs(parts), found, headings)
    department, as_written, sector, place = find_department(parts, found, folded, headings)
    if department is None:
        warnings.append("未找到答复单位")
        # The page's place: its publisher, its heading, what the proposal is about, its portal.
        chrome = [*parts.head, *parts.lines[-FOOTER_LINES:]]
        place = responder.page_place(found, [*headings, proposal_title or ""], chrome)
    elif place is None:
        warnings.append(f"无法确定“{department}”所在地区")
    if session["level"] and not session["region"]:
        session["region"] = region_for_level(session["level"], place)

    if not proposal_title:
        warnings.append("未找到提案标题")
    proposers = people.form_proposers(found) or list(salutation.names)
    co_handler_letter = is_co_handler_letter(headings, parts.letter)
    if not proposers and people.is_group(salutation.unit) and not co_handler_letter:
        proposers = [salutation.unit]  # a group addressed as such: 九三学社…委员会
    if not proposers and (co_handler_letter or salutation.line < 0 or salutation.unit):
        proposers = people.body_proposers("\n".join(parts.letter))
    body = session["body"] or body_from_wording(salutation.role, folded)

    reply_date = find_letter_date(parts.letter or parts.lines, signer=responder.bare_department)
    published = document.published_at or find_published(head_found, parts.head)
    published_at = to_datetime(published)
    doc_number = canonical_doc_number(find_doc_number(parts, head_found))
    year, year_note = reply_date.year if reply_date else None, None
    if reply_date is None:
        if doc_number and (number_year := DOC_YEAR.search(doc_number)):
            year = int(number_year.group(1))
            year_note = f"原文未注明日期，年份取自文号 {doc_number}"
        elif published_at:
            year = published_at.year
            year_note = f"原文未注明日期，年份取自网页发布时间 {shown(published)}"
        elif folder := next(filter(None, map(BREADCRUMB_YEAR.search, parts.head)), None):
            year = int(folder.group("y"))
            year_note = f"原文未注明日期，年份取自网页栏目 {folder.group('y')}年"
        warnings.append(year_note or "原文未注明日期，年份不详")

    reply_type = find_reply_type(parts.head, parts.lines)
    if reply_type is None:
        warnings.append("未标注答复类型")
    contact_person, contact_phone = people.find_contact(parts.letter or parts.lines)
    lead_unit, co_handlers = find_units(folded, parts.lines)
    if co_handler_letter and as_written:
        co_handlers = [as_written[0]]
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
        signer=people.find_signer(head) or people.find_signer(folded),
        body=body,
        committee_level=session["level"],
        committee_region=session["region"],
        term=session["term"],
        meeting=session["meeting"],
        session_as_written=session["as_written"],
        proposal_number=find_proposal_number(headings, receipt, head, head_found),
        proposal_title=proposal_title,
        proposers=tuple(proposers),
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
        source_meta=source_meta,
        warnings=tuple(warnings),
    )


def find_layout(folded: str) -> Layout:
    """Pages that carry the proposal mark it (提案内容 … 答复意见); the reply follows its marker.
    Headings of that kind inside a letter (一、建议内容 after the salutation) are not a layout."""
    reply_marker = REPLY_MARKER.search(folded)
    if reply_marker:
        proposal_markers = list(PROPOSAL_MARKER.finditer(folded, 0, reply_marker.start()))
        if proposal_markers and not salutation_before(folded, proposal_markers[0].start()):
            start = proposal_markers[-1].end()
            units = UNIT_LINE.search(folded, start, reply_marker.start())
            end = units.start() if units else reply_marker.start()
            return Layout(reply_start=reply_marker.end(), proposal=(start, end))
    return Layout(reply_start=0, proposal=None)


def salutation_before(folded: str, offset: int) -> bool:
    lines = [line.strip() for line in folded[:offset].splitlines() if line.strip()]
    return people.find_salutation(lines).line >= 0


def split_parts(folded: str, layout: Layout) -> Parts:
    lines = [line.strip() for line in folded.splitlines() if line.strip()]
    first = len([x for x in folded[: layout.reply_start].splitlines() if x.strip()])
    found = people.find_salutation(lines[first:], limit=80)
    if found.line >= 0:
        at = first + found.line
        salutation = dataclasses.replace(found, line=at)
        return Parts(lines=lines, head=lines[:at], letter=lines[at:], salutation=salutation)
    # No salutation: the head ends where the letter acknowledges the proposal, or prose starts.
    at = next(
        (
            i
            for i, line in enumerate(lines)
            if i >= first and (len(line) >= PROSE or LETTER_STARTS.search(line))
        ),
        len(lines),
    )
    return Parts(lines=lines, head=lines[:at], letter=lines[at:], salutation=people.NO_SALUTATION)


def heading_lines(head: list[str]) -> list[str]:
    """Head lines that read as the letter's heading (关于/对…的答复 and the like)."""
    return [line for line in head if responder.HEADING.search(line) and len(line) <= 120]


def is_co_handler_letter(headings: list[str], letter: list[str]) -> bool:
    """A co-handler's opinion to the lead unit (会办意见, 协办意见; 我单位协办)."""
    return any(CO_HANDLER_HEADING.search(h) for h in headings) or any(
        CO_HANDLER_SAYS.search(line) for line in letter[:6]
    )


# A 文号's year in whatever brackets the page used ([2021], 【2023】, (2020)): GB/T 9704's 〔〕,
# so that one 文号 is one string in every format (OCR cannot tell 〔 from [ or 【).
DOC_YEAR = re.compile(r"[\[［【〔(（]\s*((?:19|20)\d{2})\s*[\]］】〕)）]")


def canonical_doc_number(number: str | None) -> str | None:
    return DOC_YEAR.sub(r"〔\1〕", number, count=1) if number else number


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
            if len(title) > TITLE_MAX and (end := TITLE_CUT.search(title)):
                title = title[: end.end()]  # a heading run into the letter on one line
            if re.search(r"答复|复函|函$", title) and len(title) <= TITLE_MAX:
                return title
    return None


def split_list(value: str) -> list[str]:
    return [part.strip(" 。.") for part in LIST_SPLIT.split(value.strip()) if part.strip(" 。.")]


def find_cc(text: str) -> list[str]:
    match = CC.search(text)
    return split_list(match.group("list")) if match else []


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


def find_department(
    parts: Parts, found: list[pagemeta.Field], folded: str, headings: list[str]
) -> tuple[str | None, list[str], str | None, gazetteer.Place | None]:
    """(canonical name, names as written, sector, place) of the answering department."""
    who = responder.find_responder(
        head_lines=parts.head,
        letter_lines=parts.letter or parts.lines,
        found=found,
        bullets=pagemeta.bullet_values(parts.head),
    )
    if who is None:
        return None, [], None, None
    plain = responder.strip_spam(folded)
    primary = responder.complete(who.written[0], plain)
    places = gazetteer.names_in(plain)
    fallback = responder.page_place(found, headings)
    name = departments.identify(primary, places, fallback=fallback)
    written = list(dict.fromkeys([primary, *who.written]))
    if name.place is not None:
        level = "市" if name.place.county is None else (name.place.county[-1])
        short = [k for k, v in departments.ABBREVIATIONS.items() if v == name.unit]
        for abbreviation in short:
            alias = level + abbreviation
            if alias in folded and alias not in written:
                written.append(alias)
    return name.canonical, written, name.sector or None, name.place


def first_paragraphs(parts: Parts) -> list[str]:
    """The letter's opening paragraphs, after its salutation where it has one."""
    return parts.letter[1:4] if parts.salutation.line >= 0 else parts.letter[:3]


def letter_text(parts: Parts) -> str:
    """The letter from just after its salutation (which may share a line with the text)."""
    if parts.salutation.line < 0:
        return "\n".join(parts.letter)
    first = parts.letter[0]
    colon = re.search(r"[:：]", first)
    return "\n".join([first[colon.end() :] if colon else "", *parts.letter[1:]])


def find_reply_type(head: list[str], lines: list[str]) -> str | None:
    short = [line for line in lines if len(line) <= SHORT_LINE]
    for line in [*head, *short]:
        for pattern in (TYPE_LABELLED, TYPE_AFTER_NUMBER, TYPE_IN_HEADING):
            if len(line) <= 80 and (match := pattern.search(line)):
                return (match.group("t") or match.groupdict().get("u") or "").upper() or None
        if match := TYPE_ALONE.match(line):
            return match.group("t").upper()
    return None


def find_doc_number(parts: Parts, head_found: list[pagemeta.Field]) -> str | None:
    """The reply's own 文号: in the page's 文号 field or the head, or on a short line of the
    letter; never one the text quotes in brackets (依据《…》(濮价〔2008〕132号))."""
    field = pagemeta.first(head_found, "发文字号", "文号", "文件编号")
    candidates = [field.value] if field else []
    candidates += parts.head
    candidates += [line for line in parts.letter if len(line) <= 40]
    for line in candidates:
        for match in DOC_NUMBER.finditer(line):
            before = line[: match.start()].rstrip()
            if before.endswith(("(", "（", "《", "依据", "根据")):
                continue
            return re.sub(r"\s", "", match.group())
        if match := DOC_NUMBER_DAMAGED.match(line):
            return match.group("all")
    return None


def find_units(text: str, lines: list[str]) -> tuple[str | None, list[str]]:
    lead = co = None
    match = LEAD_LINE.search(text)
    if (
        match
        and not responder.PORTAL_FOOTER.search(match.group("v"))
        and not UNITS_TABLE.match(match.group())
    ):
        lead = match.group("v").strip()
    if (match := CO_LINE.search(text)) or (match := CO_CONSULTED.search(text)):
        co = split_list(match.group("v"))
    if match := LEAD_AND_CO.search(text):
        if not PRONOUN.match(match.group("lead").strip()):
            lead = lead or match.group("lead").strip()
        co = co or [c for c in split_list(match.group("co")) if not PRONOUN.match(c)]
    for index, line in enumerate(lines[:-1]):
        if UNITS_TABLE.match(line):
            values = [v.strip() for v in re.split(r"[;；]", lines[index + 1]) if v.strip()]
            if values and PAGE_DATE.match(values[-1]):
                lead = lead or values[0]
                co = co or values[1:-1]
    return lead, co or []
