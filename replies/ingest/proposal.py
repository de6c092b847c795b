"""What a reply says of the proposal it answers: the session, the proposal's number and title,
and whether it went to the 政协 or the 人大.
"""

import re

from replies import gazetteer
from replies.ingest import pagemeta
from replies.numerals import chinese_int

SESSION = re.compile(
    r"(?P<span>第?(?P<term>[一二三四五六七八九十\d]{1,3})\s*届\s*"
    r"(?P<mid>(?:[\u4e00-\u9fff]{2,8}?[省市区县州旗])?委员会|政协|人大|人民代表大会)?"
    r"(?:常委会)?\s*第?(?P<meeting>[一二三四五六七八九十\d]{1,3})\s*次(?:全体)?会议)"
)
PROPOSAL_NUMBER = re.compile(r"第\s*(?P<n>[0-9A-Za-z][0-9A-Za-z\-\s]*?)\s*号")
# A number without 第: …会议温36号建议 (a delegation's prefix), …试点的68号提案
PROPOSAL_NUMBER_BARE = re.compile(
    r"(?:会议|的|[)）])(?P<n>[\u4e00-\u9fff]?[0-9A-Za-z\-]{1,14})\s*号(?:代表)?(?:建议|提案|议案|意见)"
)
PROPOSAL_NUMBER_UNCLOSED = re.compile(r"第\s*(?P<n>\d{1,6})\s*(?:建议|提案|议案)")
PROPOSAL_TITLE_QUOTED = re.compile(r"《(?P<t>[^》\n]+)》|“(?P<q>[^”\n]+)”")
# An opening 《 the store never closed: 《关于…的建议(第24号建议)收悉
PROPOSAL_TITLE_UNCLOSED = re.compile(
    r"《(?P<t>[^》\n]{4,80}?(?:建议|提案|意见|议案))(?=[(（]|收悉|已收悉)"
)
# Unquoted: 提出(的)关于…的建议收悉, or any title before 收悉 (融文于城,…的提案收悉)
PROPOSAL_TITLE_BARE = re.compile(
    r"提出的?(?P<t>关于[^。\n]{2,80}?(?:意见建议|建议|提案|意见|议案))"
    r"(?=[，,]?\s*(?:已)?收悉|[，,]\s*(?:已交|现|我|经)|$)"
)
PROPOSAL_TITLE_BEFORE_RECEIPT = re.compile(
    r"提出的(?P<t>[^。\n《“]{6,80}?(?:建议|提案|意见|议案))[，,]?\s*(?:已)?收悉"
)
# In the receipt 关于“加快龙湾港开发建设”的建议: the title is 关于…的建议 without the quotes.
QUOTE_INSIDE_TITLE = re.compile(r"关于“(?P<q>[^”\n]+)”(?P<end>的(?:建议|提案|意见))")
FORM_TITLE_LABELS = ("题目", "案由", "事由")
NUMBER_LABELS = ("提案编号", "建议编号", "新编号", "编号")
# A heading that quotes the proposal: 对《关于…的建议》的答复
QUOTED_IN_HEADING = re.compile(r"《(?P<t>[^》]{4,100}(?:建议|提案|意见|议案))》")


def receipt_sentence(reply: str) -> str:
    """The sentence that acknowledges the proposal: 您提出的《…》收悉 (the first sentence that
    says 收悉, up to its last 收悉). Found with str.find: the pattern [^。\n]*收悉 rescanned a
    long line without 收悉 from every position (quadratic)."""
    first = reply.find("收悉")
    if first == -1:
        return ""
    start = max(reply.rfind("。", 0, first), reply.rfind("\n", 0, first)) + 1
    ends = [i for i in (reply.find("。", first), reply.find("\n", first)) if i != -1]
    end = reply.rfind("收悉", first, min(ends, default=len(reply))) + len("收悉")
    return reply[start:end]


def find_session(text: str, place: gazetteer.Place | None) -> dict:
    empty = dict.fromkeys(("body", "level", "region", "term", "meeting", "as_written"))
    match = SESSION.search(text)
    if not match:
        return empty
    before = text[max(0, match.start() - 16) : match.start()]
    mid = match.group("mid") or ""
    body = None
    if "政协" in before or mid.endswith("委员会") or mid == "政协":
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
        "as_written": re.sub(r"\s", "", match.group("span")),
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
    if role == "代表":
        return "人大"
    if role in {"委员", "主席", "副主席"}:
        return "政协"
    if re.search(r"代表(?:们)?[:：]|人大代表|议案", text):
        return "人大"
    return "政协" if "提案" in text else None


def find_proposal_title(
    letter: str,
    receipt: str,
    paragraphs: list[str],
    found: list[pagemeta.Field],
    headings: list[str],
) -> str | None:
    """The proposal's title: a form's 题目/案由/事由, else the `receipt` sentence's quoted or
    bare title, else the heading's 《…》, else the start of `letter` (the text after the
    salutation), else a 关于…的建议 the first `paragraphs` name."""
    if (field := pagemeta.first(found, *FORM_TITLE_LABELS)) and len(field.value) >= 4:
        return field.value
    quoted_headings = [m.group("t") for h in headings if (m := QUOTED_IN_HEADING.search(h))]
    if receipt and (title := title_in(cut_receipt(receipt))):
        return title
    if quoted_headings:
        return quoted_headings[0]
    if title := title_in(cut_receipt(letter[:300])):
        return title
    for paragraph in paragraphs:
        if match := PROPOSAL_TITLE_BARE.search(re.split(r"[，,]\s*我", paragraph)[0] + "收悉"):
            return kind_word_dropped(match.group("t").strip())
    return None


def title_in(sentence: str) -> str | None:
    if match := QUOTE_INSIDE_TITLE.search(sentence):
        return "关于" + match.group("q") + match.group("end")
    if match := PROPOSAL_TITLE_QUOTED.search(sentence):
        return (match.group("t") or match.group("q")).strip()
    for pattern in (PROPOSAL_TITLE_UNCLOSED, PROPOSAL_TITLE_BARE, PROPOSAL_TITLE_BEFORE_RECEIPT):
        if match := pattern.search(sentence):
            return kind_word_dropped(match.group("t").strip())
    return None


def kind_word_dropped(title: str) -> str:
    """…的建议意见: 意见 is what the page calls the item, not part of the title (…的意见建议 is)."""
    return title.removesuffix("意见") if title.endswith("建议意见") else title


def cut_receipt(sentence: str) -> str:
    """The receipt sentence, cut where the letter goes on to other documents (已交我们研究…)."""
    return re.split(r"[，,]\s*已交|现答复如下|现将", sentence)[0]


def find_proposal_number(
    headings: list[str], receipt: str, head: str, found: list[pagemeta.Field] = ()
) -> str | None:
    field = pagemeta.first(list(found), *NUMBER_LABELS)
    numbered = [field.value] if field else []
    if field and (bare := re.fullmatch(r"[A-Za-z]?\d{1,8}", field.value.strip())):
        numbered = [f"第{bare.group()}号"]
    for text in (*headings, receipt, *numbered, head):
        for pattern in (PROPOSAL_NUMBER, PROPOSAL_NUMBER_BARE, PROPOSAL_NUMBER_UNCLOSED):
            if match := pattern.search(text):
                return re.sub(r"(?<=\d)\s+(?=\d)", "", match.group("n").strip())
    return None
