"""Dates a reply carries: the letter's own date at its signature (also as the store damaged it:
2024719, 20246月14), and the page's publication date, which is evidence of the year only.
"""

import datetime as dt
import re
from collections.abc import Callable

from replies.ingest import pagemeta
from replies.ingest.records import CHINA_TZ
from replies.numerals import CHINESE_DIGITS, chinese_int, digit_string

DATE = re.compile(
    rf"(?P<y>(?:19|20)\d{{2}}|[{CHINESE_DIGITS}0O]{{4}})\s*年?\s*(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})"
    r"\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日?"
)
# A date in figures only, accepted under a signature: 2023-06-30, 2023.6.30, 2023/6/30.
NUMERIC_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})")
# A date whose 年/月/日 the store dropped: 2024719, 20241018, alone on its line.
DIGIT_DATE = re.compile(r"^(?P<y>(?:19|20)\d{2})(?P<rest>\d{2,4})$")
# A page's date, and its time where it gives one (OCR may drop the space: 2020-05-1815:08).
PAGE_DATE = re.compile(
    r"(?P<y>20\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})日?(?:\s*(?P<t>\d{1,2}:\d{2}))?"
)
# Any date on a signature line, damaged ones included, to tell the signer from its date.
DATE_ON_LINE = re.compile(
    r"(?:19|20)\d{2}\s*年?\s*\d{1,2}\s*月?\s*\d{1,2}\s*日?|[〇一二三四五六七八九零O0]{4}年.{1,4}月.{1,4}日"
)
PUBLISHED_LABELLED = re.compile(
    r"(?:发布|生成|更新)?(?:时间|日期)\s*[:：]?\s*(?P<when>20\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?(?:\s*\d{1,2}:\d{2})?)"
)
# A breadcrumb's year folder: 首页 > 建议提案 > 2015年 > 2015年提案
BREADCRUMB_YEAR = re.compile(r"[>＞]\s*(?P<y>20\d{2})年(?:提案|建议|议案)?\s*(?=[>＞]|$)")
PUBLISHED_LABELS = ("发布时间", "发布日期", "生成日期", "更新时间", "成文日期", "成文时间")


def parse_date(match: re.Match) -> dt.date | None:
    year = digit_string(match.group("y"))
    month, day = chinese_int(match.group("m")), chinese_int(match.group("d"))
    try:
        return dt.date(year, month, day) if year and month and day else None
    except ValueError:
        return None


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


def find_letter_date(lines: list[str], signer: Callable[[str], object]) -> dt.date | None:
    """The date at the signature: the last line that is a date, alone or after the signer,
    including dates whose 年/月/日 the store lost (2024719, 20246月14). `signer` tells whether
    a line (or what a date leaves of it) names the signing unit."""
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index].strip(" |")
        if (
            index
            and pagemeta.LABEL.search(lines[index - 1])
            and lines[index - 1].endswith(("：", ":"))
        ):
            continue  # the value of a 发布日期: label on the line before
        if match := DIGIT_DATE.match(line):
            if found := digit_date(match):
                return found
            continue
        if index and signer(lines[index - 1]) and (match := NUMERIC_DATE.fullmatch(line)):
            return parse_date(match)  # 2023-06-30 / 2023.6.30 under the signature
        match = DATE.search(line)
        if not match:
            continue
        rest = (line[: match.start()] + line[match.end() :]).strip(" |")
        if not rest or signer(rest):
            return parse_date(match)
    return None


def digit_date(match: re.Match) -> dt.date | None:
    """20241018 → 2024-10-18, 2024719 → 2024-07-19; None where month and day could split two
    ways (2024111: 1-11 or 11-1)."""
    year, rest = int(match.group("y")), match.group("rest")
    found = set()
    for cut in (1, 2):
        month, day = rest[:cut], rest[cut:]
        if not day or len(day) > 2 or (month.startswith("0") and cut == 1):
            continue
        try:
            found.add(dt.date(year, int(month), int(day)))
        except ValueError:
            continue
    return found.pop() if len(found) == 1 else None


def find_published(head_found: list[pagemeta.Field], head: list[str]) -> str:
    """When the page says it published the letter (never the letter's own date)."""
    for field in head_found:
        if field.label in PUBLISHED_LABELS and (match := PAGE_DATE.match(field.value)):
            return match.group()
    for line in head:
        if match := PUBLISHED_LABELLED.search(line):
            return match.group("when")
    for line in head:
        if match := PAGE_DATE.match(pagemeta.BULLET.sub("", line)):
            return match.group()
    return published_line(head)


# A page's publication line: labelled, or a date with its time (2025-05-22 15:52). A bare date
# near the top is as likely the letter's own (a short letter's signature).
PUBLICATION_LINE = re.compile(r"发布|时间|日期|更新|来源|\d{1,2}:\d{2}")


def published_line(lines: list[str]) -> str:
    """The date and time of the first line that reads as the page's publication line
    (来源:政府办 2017-08-15 16:44, 发布日期: | 2018-05-30 |)."""
    for line in lines:
        if PUBLICATION_LINE.search(line) and (match := PAGE_DATE.search(line)):
            return match.group()
    return ""


def shown(published: str) -> str:
    """A publication time as a note shows it, whatever the page's style: 2018-08-22, or to the
    minute (2015-10-15 17:04) where the page gives the time, as the record stores it."""
    when = to_datetime(published)
    if when is None:
        return published.strip()
    timed = (match := PAGE_DATE.search(published)) and match.group("t")
    return when.strftime("%Y-%m-%d %H:%M" if timed else "%Y-%m-%d")
