"""Paragraphs from printed lines: what a PDF, an OFD file or a scan holds is lines as they were
set on the page, and a paragraph that wrapped is several of them. They are joined again from
where each line sits, not from what it says.

A letter set to GB/T 9704 indents each paragraph's first line by two characters, so a line that
starts at the column's left edge after a line that reaches its right edge continues that line,
and an indented line begins a paragraph, wherever the line before it stopped. A page set without
indents (one printed from a web page) gives no such sign: there a line that reaches the right
edge continues unless it ends a sentence or a heading.

Either way a salutation (张三代表：) or a numbered item (一、) begins its own paragraph, and so
does any line after one that stops short of the right edge (a title, a signature, a paragraph's
last line). Pages are read in order, so a paragraph that a page break splits is joined too.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from statistics import median, quantiles

from replies.ingest.normalize import HEADING, HEADING_END

# A full line that ends so ends its paragraph on a page without indents; one that ends in a
# closing quote or bracket (…实施“科技成果转化贷款” / 项目，…) goes on, as printed lines stop
# anywhere.
SENTENCE_END = "。！？；：:;!?"
# A line reaches the right edge when it stops within this many characters of it (line breaking
# keeps a closing mark off a line's start, so a full line may end a character short).
FULL_SLACK = 1.5
# A line starts at the left edge within this share of a character; an indent is about two.
FLUSH_SLACK = 0.6
INDENT_MIN, INDENT_MAX = 1.5, 2.6
# A line that opens the letter: 张三代表：, 尊敬的李四委员, 各位委员:
SALUTATION_START = re.compile(r"^(?:尊敬的)?[^，。,；;]{1,24}?(?:委员|代表|主席|同志)们?\s*[:：]")


@dataclass(frozen=True)
class PrintedLine:
    """One line as printed: its text, where it starts and stops across the page, and the size
    of its characters, all in one unit (points, millimetres or pixels)."""

    text: str
    left: float
    right: float
    size: float


@dataclass(frozen=True)
class Piece:
    """Text placed on a page (an OFD text run, an OCR box): its box, top down."""

    text: str
    left: float
    right: float
    top: float
    bottom: float


# Pieces whose vertical extents overlap by this share of the smaller one are on one line.
LINE_OVERLAP = 0.5
# Pieces on one line further apart than this many characters keep a space between them.
GAP = 0.8


def set_in_lines(pieces: Iterable[Piece]) -> list[PrintedLine]:
    """The pieces as printed lines, top to bottom, each read left to right."""
    rows: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda piece: piece.top):
        row = rows[-1] if rows else None
        if row:
            top, bottom = min(p.top for p in row), max(p.bottom for p in row)
            overlap = min(bottom, piece.bottom) - max(top, piece.top)
            if overlap > LINE_OVERLAP * min(bottom - top, piece.bottom - piece.top):
                row.append(piece)
                continue
        rows.append([piece])
    lines = []
    for row in rows:
        row.sort(key=lambda piece: piece.left)
        size = median(piece.bottom - piece.top for piece in row)
        text = row[0].text
        for before, piece in pairwise(row):
            text += (" " if piece.left - before.right > GAP * size else "") + piece.text
        lines.append(PrintedLine(text, row[0].left, max(p.right for p in row), size))
    return lines


def paragraphs(pages: Iterable[Sequence[PrintedLine]]) -> str:
    """The pages' text, one paragraph per line. The column (its edges, its character size,
    whether paragraphs are indented) is the document's, not each page's: a last page of short
    lines (a signature, a site's links) has no line that reaches the right edge or sits at the
    left one, and measured alone would make its longest line look full."""
    lines = [line for page in pages for line in page if line.text.strip()]
    if not lines:
        return ""
    size = median(line.size for line in lines) or 1.0
    left = min(line.left for line in lines)
    right = right_edge(lines, left)
    indents = any(INDENT_MIN <= (line.left - left) / size <= INDENT_MAX for line in lines)
    out: list[str] = []
    joining = spaced = False
    room = 0.0  # how far short of the right edge the line before stopped
    for line in lines:
        text = line.text.strip()
        flush = line.left - left <= FLUSH_SLACK * size
        # The line before was full if what this one starts with would not have fitted on it:
        # line breaking keeps a number or a Latin word whole and a closing mark off a line's
        # start, so a full line may stop several characters short of the edge.
        full = room < max(FULL_SLACK * size, unit_width(text, size))
        # After a heading's end only the rest of that end goes on (…建议答复 / 的函).
        heading = out and ends_heading(out[-1]) and not HEADING_END.fullmatch(text)
        if out and joining and full and flush and not heading and not opens_paragraph(text):
            out[-1] += (" " if spaced else "") + text
        else:
            out.append(text)
        room = right - line.right
        spaced = line.text[-1].isspace()  # a space the line ended with, kept if it goes on
        joining = indents or text[-1] not in SENTENCE_END
    return "\n".join(out)


# Lines that reach this share of the widest line's extent are the column's full lines.
LONG_LINE = 0.8


def right_edge(lines: Sequence[PrintedLine], left: float) -> float:
    """Where the column's full lines stop: the upper quartile of the long lines' ends. The
    widest line alone is no measure: a closing mark may hang past the edge, and a full line
    that stopped a little short of it would then look like a paragraph's last."""
    widest = max(line.right for line in lines)
    ends = [line.right for line in lines if line.right - left >= LONG_LINE * (widest - left)]
    return quantiles(ends, n=4, method="inclusive")[2] if len(ends) > 1 else widest


# What line breaking keeps together at a line's start: opening marks with what follows, a run
# of digits or Latin letters, marked ones too (pinyin: fù), or one character, and the closing
# marks after it.
FIRST_UNIT = re.compile(
    r"^[（《“‘〔【\[(「]*(?:[A-Za-z0-9\u00c0-\u024f.,%‰/_\-:]+|.)[）》”’〕】\]),.，。、；：？！%」…]*"
)
HALF_WIDTH = re.compile(r"[\x21-\x7e\u00c0-\u024f]")  # ASCII, and Latin letters with marks


def unit_width(text: str, size: float) -> float:
    """The width of what line breaking would have moved to this line as one piece (a digit or
    Latin letter is about half a Chinese character)."""
    unit = FIRST_UNIT.match(text)
    piece = unit.group() if unit else text[:1]
    half = len(HALF_WIDTH.findall(piece))
    return (len(piece) - half + 0.55 * half) * size


def ends_heading(paragraph: str) -> bool:
    """A letter's heading ends here (…的答复, …复函): the paragraph so far ends so and has no
    sentence punctuation, as a sentence that wraps after 现答复 has."""
    return bool(HEADING_END.search(paragraph)) and not IN_SENTENCE.search(paragraph)


IN_SENTENCE = re.compile(r"[，,。；;]")


def opens_paragraph(text: str) -> bool:
    return bool(SALUTATION_START.match(text) or HEADING.match(text))
