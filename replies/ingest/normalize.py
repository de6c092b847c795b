"""Normalise stage: the text we store, and the folded view the parser reads.

`clean` keeps what the document says but drops what is not part of it (and reads radicals and
compatibility ideographs as the characters they stand for, ⺠ as 民): Word artifacts, site
chrome (字号, 分享, 【打印此页】), mirror sites' pinyin glosses (關(guān)于 → 關于), and the
splits a page break leaves in a paragraph.
`fold` maps full-width digits and letters to ASCII and traditional script to simplified,
character for character, so a position in the folded text is the same position in the clean text.
"""

import re
from functools import cache

import opencc

from replies.ingest.unified import script_matters, unify

ARTIFACT = re.compile(r"\[bookmark:[^\]]*\]|\[(?:image|picture|图片)[^\]]*\]", re.I)
INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
CHROME = re.compile(
    r"【[^】\n]{0,8}(?:打印|关闭|收藏|返回|顶部|纠错)[^】\n]{0,8}】"
    r"|\[(?:打印|关闭|返回)[^\]\n]{0,6}\]"
    r"|字号\s*[:：]?\s*(?:[大中小]\s*)*"
    r"|分享(?:到)?\s*[:：]?"
    r"|打印本页|打印此页|关闭窗口|返回顶部|收藏本页|视力保护色|默认字号|扫一扫在手机打开当前页"
)
# A site's footer line: copyright, ICP licence, police filing, the site's code, its map, who
# runs it and where. Never part of a letter; a footer is short (a long line that mentions 版权所有
# is a letter's).
SITE_FOOTER = re.compile(
    r"©|\bCopyright\b|Powered\s*by|版权所有|ICP备|公网安备|网站标识码|网站地图"
    r"|(?:^|[\s|丨])技术支持[:：]|主办单位[:：]?.{0,40}(?:地址|邮编)",
    re.I,
)
FOOTER_CHARS = 200
# Mirror sites gloss characters with pinyin in brackets: 關(guān)于, 會(huì)議. A gloss is
# lower-case Latin with at least one tone mark, right after a Chinese character.
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_GLOSS = re.compile(
    rf"(?<=[\u4e00-\u9fff])\((?=[a-z{TONED}]*[{TONED}])[a-z{TONED}ü]{{1,7}}\)"
    # as OCR reads one: the tone mark lost, the letters spaced (关(gu a n)于)
    r"|(?<=[\u4e00-\u9fff])\((?=[a-zü]+ )(?:[a-zü] ?){1,6}[a-zü]\)(?=[\u4e00-\u9fff])"
)
# On a page that glosses (three glosses or more), every bracket of lower-case Latin after a
# character is one, however OCR spelled it: (fa), (ji ), (ch ä ng). Elsewhere (km) is text.
GLOSSED_PAGE = 3
LOOSE_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zà-öø-ÿāēěīōūǎǐǒǔǖǘǚǜ ]{1,12}[)）]")
LEFTOVER = " \t:：|/·-"
# A numbered item's start: 一、 （二） 3． 第四， (3.5亿元 is a figure, not item 3, and
# 第四次会议 is text).
HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:、|[.．](?!\d))"
    r"|第[一二三四五六七八九十]+[、，,.．：:])"
)
SENTENCE_END = "。！？；：:;!?”」）)】》…"
LABELLED = re.compile(r"^[\u4e00-\u9fff\s]{1,8}[:：]|[:：]\s*\S{0,12}$")
# A letter's heading ends so; what follows it (the salutation) is never its continuation.
HEADING_END = re.compile(r"(?:答复|复函|的函|回复|意见)$")
# Nor is a salutation, colon or not (康凤娥代表), a continuation of the line before it.
SALUTATION_LIKE = re.compile(r"(?:委员|代表|主席|同志)们?\s*[:：]?$")
LAYOUT_GAP = "   "
# A site's path to the page: 首页->信息公开->建议提案办理, 首页 > 政务公开 » 提案
BREADCRUMB = re.compile(r"\S\s*(?:-?>|»|＞|›)\s*\S")
# A paragraph split by a page break: a long line that stops mid-sentence.
SPLIT_LINE_MIN = 25


def clean(raw: str) -> str:
    """The text to store: document content only, paragraphs whole, lines trimmed."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = unify(text, simplified=not (script_matters(text) and is_traditional(text)))
    text, glosses = PINYIN_GLOSS.subn("", INVISIBLE.sub("", ARTIFACT.sub("", text)))
    if glosses >= GLOSSED_PAGE:
        text = LOOSE_GLOSS.sub("", text)
    lines = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and not CHROME.sub("", stripped).strip(LEFTOVER) and CHROME.search(stripped):
            continue
        if len(stripped) <= FOOTER_CHARS and SITE_FOOTER.search(stripped):
            continue
        lines.append(stripped)
    return "\n".join(join_page_breaks(lines)).strip()


def join_page_breaks(lines: list[str]) -> list[str]:
    """Rejoin a paragraph that a page break split (宣传资 / 料 2000 余份)."""
    out: list[str] = []
    pending_blank = 0
    for line in lines:
        if not line or line == "\f":
            pending_blank += 1
            continue
        line = line.strip("\f").strip()
        previous = out[-1] if out else ""
        if pending_blank and is_split(previous, line):
            out[-1] = previous + line
        else:
            out.extend([""] * min(pending_blank, 1))
            out.append(line)
        pending_blank = 0
    return out


def is_split(previous: str, line: str) -> bool:
    """A prose line cut mid-sentence, continued by prose: not a heading, label or layout line."""
    return (
        len(previous.replace(" ", "")) >= SPLIT_LINE_MIN
        and "\u4e00" <= previous[-1] <= "\u9fff"
        and not HEADING_END.search(previous)
        and not HEADING_END.search(line)  # a heading on its own (…的答复) continues nothing
        and not BREADCRUMB.search(previous)
        and not SALUTATION_LIKE.search(line)
        and not any(
            HEADING.match(x) or LABELLED.search(x) or LAYOUT_GAP in x for x in (previous, line)
        )
    )


FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}
FULL_WIDTH |= {code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)}
FULL_WIDTH |= {code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)}
FULL_WIDTH[0x3000] = 0x20


@cache
def simplifier() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# A text is in traditional script when more than this share of its distinct Chinese characters
# are traditional forms (a simplified letter may quote a name or two in traditional script).
TRADITIONAL_SHARE = 0.05


def is_traditional(text: str) -> bool:
    distinct = {ch for ch in text if "\u4e00" <= ch <= "\u9fff"}
    changed = sum(1 for ch in distinct if simplifier().convert(ch) != ch)
    return changed > TRADITIONAL_SHARE * max(len(distinct), 1)


# Traditional pages write 答覆 for 答复; 覆 is also a simplified character, so OpenCC keeps it.
REPLY_WORDS = re.compile(r"(?<=[答函回])覆|覆(?=函)")


def fold(text: str) -> str:
    """Same length as `text`: full-width digits/letters to ASCII, traditional to simplified."""
    narrowed = text.translate(FULL_WIDTH)
    simplified = simplifier().convert(narrowed)
    if len(simplified) == len(narrowed):
        return REPLY_WORDS.sub("复", simplified)
    # A phrase conversion changed the length; fall back to one character at a time.
    return REPLY_WORDS.sub(
        "复",
        "".join(
            converted if len(converted := simplifier().convert(ch)) == 1 else ch for ch in narrowed
        ),
    )


# A page stored without its line breaks (the letter run into one line, its paragraphs and
# footer separated by spaces). Chinese prose has no spaces between words, so in such a line a
# space after a sentence's end, or before a date, a footer label or a salutation, was a break.
RUN_ON = 120
BREAK_AT = re.compile(
    r"(?<=[。！？!?：:；;）)”])[ \t]+(?=\S)"
    r"|[ \t]+(?=(?:19|20)\d{2}\s*年?\s*\d{1,2}\s*月|(?:19|20)\d{6}\b|(?:19|20)\d{2}\d{3}\b)"
    r"|[ \t]+(?=(?:联\s*系|签\s*发|抄\s*送|承\s*办|经\s*办|主\s*办|协\s*办|附\s*件|类\s*别)"
    r"[^\n:：]{0,6}[:：])"
    r"|[ \t]+(?=(?:尊敬的)?[\u4e00-\u9fff·、]{2,40}?(?:委员|代表)们?\s*[:：])"
    r"|[ \t]+(?=(?:尊敬的)?[\u4e00-\u9fff·、]{2,40}?(?:委员|代表)们?[ \t]+(?:您|你))"
    r"|(?<=委员|代表)[ \t]+(?=您|你)"
    # a heading, a page label, and what follows a date (the date ends its line)
    r"|[ \t]+(?=(?:关于|对)[^\s]{4,80}?(?:答复|复函|的函|意见))"
    r"|[ \t]+(?=(?:发布时间|发布日期|信息来源|来源|索引号|发布机构|成文日期|生成日期|文号"
    r"|发文字号)\s*[:：])"
    r"|(?<=日)[ \t]+|(?<=(?<!\d)20\d{5})[ \t]+|(?<=(?<!\d)20\d{6})[ \t]+"
)


def resegment(folded: str) -> str:
    """Line breaks back in run-on lines, space for newline, so every offset stays the same."""
    if all(len(line) <= RUN_ON for line in folded.split("\n")):
        return folded
    return "\n".join(
        BREAK_AT.sub(lambda m: "\n" + m.group()[1:], line) if len(line) > RUN_ON else line
        for line in folded.split("\n")
    )
