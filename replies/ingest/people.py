"""The people a reply names: its proposers (salutation or form), its signer and its contact.

Names are read where the letter puts them, never guessed from prose: a salutation that ends in
a role (委员, 代表, 主席 …), a form's 代表姓名/领衔代表/提案者 field, a 签发人 line or the sentence
"此复函已经…局长审签", a 联系人/承办人/经办人 line in the footer.
"""

import re
from dataclasses import dataclass

from replies.ingest import pagemeta

CN = "\u4e00-\u9fff"
# A person's name: Han characters, with middle dots in Uyghur, Kazakh and Mongolian names.
NAME = rf"[{CN}]{{1,8}}(?:[·•][{CN}]{{1,10}})*"
NAMES = rf"{NAME}(?:\s*[、，,;；]\s*{NAME})*"
ROLE = r"委员|代表|副主席|主席|同志|先生|女士|议员"
COUNT = r"等(?:\d+|[一二三四五六七八九十]+)?(?:位|名)?"
SALUTATION = re.compile(
    rf"^(?:尊敬的)?\s*(?P<names>{NAMES})\s*(?:{COUNT})?\s*(?P<role>{ROLE})们?\s*(?:[:：].*)?$"
)
# A salutation run into the letter on one line: …的答复 林景华代表: 您提出…
INLINE_SALUTATION = re.compile(
    rf"(?:^|\s)(?:尊敬的)?(?P<names>{NAMES})\s*(?:{COUNT})?\s*(?P<role>{ROLE})们?\s*[:：]\s*(?=您|你)"
)
# A salutation without a role: a group (九三学社吴江区基层委员会:) or, in a co-handler's
# letter, the lead unit (真如镇街道:). Never a page label (问题答复:, 访问量:, 正文:).
UNIT_SALUTATION = re.compile(rf"^(?:尊敬的)?(?P<unit>[{CN}、]{{2,24}})\s*[:：]$")
NOT_A_SALUTATION = re.compile(
    r"(?:答复|内容|正文|时间|日期|量|字体|来源|标题|附件|情况|事由|意见|如下|目录|位置|分类|机构|号|您好|你好)$"
)
FOLLOWS = re.compile(r"收悉|^(?:您|你|贵)|^现(?:将|就)|^来信|^[^。]{0,40}?提出")
# A proposer named in the letter's first sentence: 夏海萍委员提出的…
NAMED_IN_BODY = re.compile(
    rf"(?P<names>{NAME}(?:、{NAME})*)\s*(?:{COUNT})?\s*(?P<role>委员|代表)(?:在[^，。]{{0,40}})?(?:领衔)?提出"
)
FORM_LABELS = ("代表姓名", "领衔代表", "提案者", "提案人", "建议人")
ROLE_TAG = re.compile(r"[\[【(（]\s*(?:委员|代表)\s*[\]】)）]")
NOT_NAMES = {"您好", "你好", "各位", "同志们"}


@dataclass(frozen=True)
class Salutation:
    line: int  # index into the lines searched, -1 if none
    names: tuple[str, ...] = ()
    role: str = ""  # 委员, 代表 … or '' for a unit
    unit: str = ""  # addressed without a role: a group of proposers, or the lead unit


NO_SALUTATION = Salutation(line=-1)


# Who proposes as a group: parties, federations, 界别 and groups of members. A unit addressed
# without a role (柳北区政府:) is instead the lead unit a co-handler writes to.
GROUP = re.compile(
    r"民革|民盟|民建|民进|农工|致公|九三|台盟|工商联|界别|小组|联组|学社|协会|商会|党派"
)


def is_group(unit: str) -> bool:
    return bool(unit) and bool(GROUP.search(unit))


def find_salutation(lines: list[str], limit: int = 60) -> Salutation:
    """The letter's salutation among the first `limit` stripped lines."""
    for index, line in enumerate(lines[:limit]):
        following = lines[index + 1 : index + 4]
        if match := SALUTATION.match(line):
            rest = line[match.end("role") :].lstrip("们 :：")
            if rest[:1] in "您你" or any(FOLLOWS.search(x) for x in following):
                return from_match(index, match)
        elif match := UNIT_SALUTATION.match(line):
            unit = match.group("unit")
            if following and FOLLOWS.search(following[0]) and not NOT_A_SALUTATION.search(unit):
                return Salutation(line=index, unit=unit)
        elif match := INLINE_SALUTATION.search(line):
            return from_match(index, match)
    return NO_SALUTATION


def from_match(index: int, match: re.Match) -> Salutation:
    role = match.group("role")
    names = tuple(n for n in split_names(match.group("names")) if n not in NOT_NAMES)
    return Salutation(line=index, names=names, role=role)


def split_names(names: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"[、，,；;]", names) if p.strip()]
    if parts:
        parts[-1] = re.sub(rf"{COUNT}$", "", parts[-1])
    return [p for p in parts if p]


def form_proposers(found: list[pagemeta.Field]) -> list[str]:
    """The proposers a 建议办理单 or database page lists (代表姓名: 甲、乙; 领衔代表: 甲;乙;)."""
    field = pagemeta.first(found, *FORM_LABELS)
    if field is None:
        return []
    value = ROLE_TAG.sub("", field.value)
    separators = r"[、，,；;]" if re.search(r"[、，,；;]", value) else r"\s+"
    return [closed_up(p) for p in re.split(separators, value) if p.strip()]


# Words that end up before 委员/代表 in prose without being anyone's name (对政协委员提出的…).
NOT_A_NAME = re.compile(r"政协|人大|会议|届|各位|广大|全体|有关|^[对由向各经]")


def body_proposers(text: str) -> list[str]:
    """Proposers the first sentences name, for letters addressed to a unit."""
    match = NAMED_IN_BODY.search(text[:400])
    names = split_names(match.group("names")) if match else []
    return [] if any(NOT_A_NAME.search(n) for n in names) else names


SIGNER = re.compile(
    r"(?:签\s*发\s*(?:人|领导)?|主要签发领导)\s*[:：]\s*"
    # a name stops where the next label begins, glued on as OCR reads it (孙家辉联系人:)
    rf"(?P<name>[{CN}](?:[ \t]{{0,3}}(?!联系|承办|经办|电话)[{CN}·]){{1,4}})"
)
# 此复函已经我局余兵局长审签 / 已经霍小燕副书记审签
SIGNED_IN_SENTENCE = re.compile(
    rf"已经(?:我(?:局|委|厅|办|单位|部|院))?(?P<name>[{CN}]{{2,3}}?)"
    r"(?:副?(?:局长|主任|书记|厅长|区长|县长|镇长|市长|处长|主席|部长|院长)|同志)审(?:签|定|核)"
)


def find_signer(text: str) -> str | None:
    for pattern in (SIGNER, SIGNED_IN_SENTENCE):
        if match := pattern.search(text):
            # A word after a gap is the next label's (孙家辉 联系人:, the gap collapsed).
            return closed_up(match.group("name")).split()[0]
    return None


def closed_up(name: str) -> str:
    """A name letter-spaced to line up with longer ones (李  兵, 杜 娱) as one word."""
    parts = name.split()
    return "".join(parts) if all(len(part) == 1 for part in parts) else name.strip()


# 联系人 / 承办人 / 经办人 / 具体经办人, letter-spaced or not, with 姓名 or 及(联系)电话 after;
# a label that lost its first characters (  人:黎浩) where a footer starts the line with 人.
CONTACT_LABEL = re.compile(
    # after no character, or glued to a 2–3 character name before it, as OCR reads
    # 签发人：孙家辉 联系人： with the gap lost
    r"(?:(?:(?<![\u4e00-\u9fff])|(?<=[:：][\u4e00-\u9fff]{2})|(?<=[:：][\u4e00-\u9fff]{3}))"
    r"(?:联\s*系|承\s*办|具\s*体\s*经\s*办|经\s*办)\s*人|^人)"
    r"\s*(?:姓\s*名)?\s*(?:及\s*(?:联\s*系)?\s*电\s*话)?\s*[:：]"
)
PHONE = re.compile(
    r"(?<![\d-])(?:1[3-9]\d{9}|(?:0\d{2,3}\s*[-－—─–]?\s*)?\d{7,8}(?:[-－—─–]\d{1,5})?)(?!\d)"
)
PHONE_LABEL = re.compile(r"(?:联\s*系)?电\s*话\s*[:：]?|联系方式\s*[:：]|手\s*机\s*[:：]")
# Lines that print the site's or a leader's number, not the contact's.
NOT_CONTACT_LINE = re.compile(r"主办|承办单位|地址|邮编|备案|ICP|版权|领导|负责人")
NEXT_LABEL = re.compile(r"\s+[\u4e00-\u9fff]{2,6}\s*[:：]")
UNIT_END = re.compile(r"^.*(?:处|科|室|局|委|办|所|中心|队|站|股|部)(?=[\u4e00-\u9fff]{2,3}$)")
TITLE_END = re.compile(r"(?:科长|处长|主任|局长|科员|干部|同志)$")
# A post printed before the name with no space (OCR loses it): 管理科科长李吉东.
POST_BEFORE_NAME = re.compile(
    r"^.*(?:科长|处长|主任|局长|股长|站长|所长|部长|科员|干事|专员)(?=[\u4e00-\u9fff]{2,3}$)"
)


def find_contact(lines: list[str]) -> tuple[str | None, str | None]:
    """(contact person, contact phone) from the footer lines of the letter."""
    person = phone = None
    for index, line in enumerate(lines):
        if not (match := CONTACT_LABEL.search(line)):
            continue
        after = line[match.end() :]
        # The name comes before its phone and before the next label on the line.
        value = PHONE_LABEL.split(after, maxsplit=1)[0]
        if person := contact_name(NEXT_LABEL.split(PHONE.split(value, maxsplit=1)[0], 1)[0]):
            if (number := PHONE.search(after)) or (
                index + 1 < len(lines) and (number := PHONE.fullmatch(lines[index + 1]))
            ):
                phone = clean_phone(number.group())
            break
    if phone is None:
        for line in lines:
            if NOT_CONTACT_LINE.search(line):
                continue
            label = PHONE_LABEL.search(line)
            if label and (number := PHONE.search(line, label.end())):
                phone = clean_phone(number.group())
                break
    return person, phone


def contact_name(value: str) -> str | None:
    """The name in a contact value: 城市建设管理科科长 李吉东 / 通川区交运局冉观偲 / 戴 彬."""
    value = PHONE.sub(" ", value)
    tokens = [t for t in re.split(r"[\s,，;；()（）]+", value) if t]
    if (
        len(tokens) >= 2
        and all(len(t) == 1 for t in tokens[-2:])
        and not TITLE_END.search(tokens[-3] if len(tokens) > 2 else "")
    ):
        tokens = [*tokens[:-2], tokens[-2] + tokens[-1]]
    tokens = [t for t in tokens if re.fullmatch(rf"[{CN}·]+", t) and not TITLE_END.search(t)]
    if not tokens:
        return None
    name = tokens[-1]
    if len(name) > 4:
        name = UNIT_END.sub("", POST_BEFORE_NAME.sub("", name))
    return name if 2 <= len(name) <= 4 or "·" in name else None


def clean_phone(number: str) -> str:
    return re.sub(r"\s", "", number)
