"""Text from scans and photos: RapidOCR (PP-OCR models in its wheel, run by onnxruntime on the
CPU; nothing is downloaded), page by page.

Chosen against tesseract (Debian's tesseract-ocr-chi-sim) on the same scan of a sample reply,
200 dpi, rotated 0.8°, with noise and a red seal over the signature: RapidOCR read 96.1% of the
characters right in 2.4 s, tesseract 92.4% in 5.1 s (96.1% once the seal was taken out).

A seal is taken out before reading by reading the red channel as the page: red ink is light
there and black ink stays black, so the department and date under a seal survive. The models
do not tell a half-width comma, colon, semicolon or bracket from a full-width one (they give
either for either); the room the mark takes between its neighbours does, and each mark is
printed as wide as it was (`widths`). Where no mark can be measured, ASCII colons and commas
between Chinese characters become full-width, and a 文号's [2024] or 【2024〕 its 〔2024〕, as
GB/T 9704 prints them. A gap the engine read across becomes a space, a page read with little
confidence is tried upside down, and characters the models confuse (投人 for 投入) are read as
the words they make (`likelier`).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise
from statistics import median

import numpy as np
from PIL import Image

from replies import dictionary
from replies.ingest.budget import report
from replies.ingest.normalize import is_traditional
from replies.ingest.printed import GAP, Piece, PrintedLine, set_in_lines

DETECT_MAX_SIDE = 2400
DETECT_LIMIT_SIDE = 1600
INK_LIGHTER_THAN = 170  # in the red channel, red ink is about 220, black ink under 100
HAN = r"[\u4e00-\u9fff]"
# Marks a letter prints half-width (ASCII) or full-width, as the models read them.
WIDE = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "[": "〔", "]": "〕"}
NARROW = {wide: narrow for narrow, wide in WIDE.items()}
NARROW |= {"【": "[", "】": "]", "［": "[", "］": "]"}
# A mark takes at least this share of a character's width to be full-width (a half-width one
# takes about half of it).
WIDE_MARK = 0.75
# Where no mark could be measured: a colon, comma or semicolon the models give in ASCII between
# Chinese characters is printed full-width, as most letters print it.
GUESSED_WIDTHS = [
    (re.compile(rf"(?<={HAN})\s*:\s*|\s*:\s*(?={HAN})"), "："),
    (re.compile(rf"(?<={HAN})\s*,\s*|\s*,\s*(?={HAN})"), "，"),
    (re.compile(rf"(?<={HAN})\s*;\s*"), "；"),
]
# A 文号's year in full-width brackets: GB/T 9704 prints it in 〔〕, which the models read as
# 【】, （） or a mix (a year in measured half-width brackets, [2021], stays so).
DOC_NUMBER_YEAR = re.compile(r"[［【〔（]\s*((?:19|20)\d{2})\s*[］】〕）](?=\s*\d{1,5}\s*号)")
GUESSED_YEAR = re.compile(r"[\[［【〔(（]\s*((?:19|20)\d{2})\s*[\]］】〕)）](?=\s*\d{1,5}\s*号)")
# A number among Chinese characters with 1 read as l or I (第ll9号): a run of digits and those
# letters with a digit in it and no other letter beside it (O2O and 4A stay).
NUMBER = re.compile(r"(?<![A-Za-z])(?=[0-9lI]*[0-9])(?=[0-9lI]*[lI])[0-9lI]+(?![A-Za-z])")
DIGITS = str.maketrans("lI", "11")
# A table's rule read as the character 丨 (发文字号丨民农字…): a separator, not text.
TABLE_RULE = re.compile(r"\s*丨\s*")


@dataclass(frozen=True)
class Recognised:
    pages: list[list[PrintedLine]]  # each page's lines, top to bottom
    confidence: float  # mean over the recognised lines, 0–1

    @property
    def text(self) -> str:
        return "\n".join(line.text for page in self.pages for line in page)


@dataclass(frozen=True)
class Box:
    """One line the engine read: its corners, its text and where each character's centre is
    along it."""

    corners: list
    text: str
    score: float
    centres: list[float]


@cache
def engine():
    from rapidocr_onnxruntime import RapidOCR

    # A 200-dpi A4 page is 2,339 pixels high: RapidOCR's default (2,000) shrinks it, and dense
    # lines then go undetected (one real reply lost three of seven lines). At full size, on the
    # eight worst-read real replies: 64–85% of characters right became 74–96%, for 20% more time.
    # No angle classifier: it takes a line squeezed to 192 pixels wide, and on long lines of a
    # letter turned 0.8° it called one line in five upside down (confidence 0.97), which then
    # read as nothing. Off, the twelve worst-read real replies went from 73–90% of characters
    # right to 88–97%.
    return RapidOCR(
        max_side_len=DETECT_MAX_SIDE, det_limit_side_len=DETECT_LIMIT_SIDE, use_cls=False
    )


def without_seals(image: Image.Image) -> np.ndarray:
    """The page as the OCR engine takes it, with red ink (seals, signatures' stamps) gone."""
    red = np.asarray(image.convert("RGB"))[..., 0]
    red = np.where(red > INK_LIGHTER_THAN, 255, red).astype(np.uint8)  # the seal's faint trace
    return np.stack([red] * 3, axis=-1)


def tidy(line: str, measured: bool = False) -> str:
    """The line as the letter prints it: a table's rule as a separator, a number's 1 read as a
    letter (第ll9号) as 1, and, where no mark's width could be measured (`measured`
    false), the widths most letters print."""
    line = TABLE_RULE.sub(" | ", line)
    line = NUMBER.sub(lambda match: match.group().translate(DIGITS), line)
    if measured:
        return DOC_NUMBER_YEAR.sub(r"〔\1〕", line)
    for pattern, replacement in GUESSED_WIDTHS:
        line = pattern.sub(replacement, line)
    return GUESSED_YEAR.sub(r"〔\1〕", line)


def recognise(pages: Iterable[Image.Image], total: int = 0) -> Recognised:
    """The lines of the pages and the mean line confidence; each page is reported as it is
    read (budget.report: the importer's progress bar)."""
    pages_read: list[list[Box]] = []
    for count, page in enumerate(pages, start=1):
        report(f"OCR 第 {count}/{total or '?'} 页")
        pages_read.append([box_of(*item) for item in upright(page)])
    boxes = [box for page in pages_read for box in page]
    pitch = character_pitch(boxes)
    measured = [mark_widths(box, pitch) for box in boxes]
    wide = [w for marks in measured for w in marks.values()]
    default = sum(wide) >= len(wide) / 2 if wide else None  # the letter's own habit
    marks = iter(measured)
    lines = [
        lines_of([replace(box, text=as_printed(box, next(marks), default, pitch)) for box in page])
        for page in pages_read
    ]
    scores = [box.score for box in boxes]
    confidence = sum(scores) / len(scores) if scores else 0.0
    return Recognised(pages=lines, confidence=confidence)


# A page read with less mean confidence than this may be upside down (a sheet fed the wrong way
# reads at about 0.5, with a handful of characters): it is read turned too, and the read with
# more characters, weighted by confidence, is kept.
UPRIGHT_CONFIDENCE = 0.8


def upright(page: Image.Image) -> list:
    """The engine's results for the page, the right way up (the angle classifier is off, so
    a page scanned upside down is turned here, whole)."""
    found = read_page(page)
    scores = [float(item[2]) for item in found]
    if scores and sum(scores) / len(scores) >= UPRIGHT_CONFIDENCE:
        return found
    turned = read_page(page.rotate(180))
    return turned if weight(turned) > weight(found) else found


def read_page(page: Image.Image) -> list:
    found, _ = engine()(without_seals(page), return_word_box=True)
    return found or []


def weight(found: list) -> float:
    return sum(float(item[2]) * len(item[1]) for item in found)


def as_printed(box: Box, marks: dict[int, bool], default: bool | None, pitch: float) -> str:
    """The box's text as the letter prints it: its marks' widths, its gaps, its rules."""
    text = spaced(widths(box.text, marks, default), box.centres, pitch)
    return tidy(text, measured=default is not None)


# Characters the models read for others that look alike (投入 as 投人, 门前 as 内前 or 內前,
# 已经 as 己经), and how much likelier, in jieba's word frequencies (natural log), the words
# must read with the other for it to be taken: 纳人 → 纳入 (+5.0), 增加人员 stays (−9.2),
# 出人口 stays (+0.1, too close to call).
CONFUSED = {"人": "入", "内": "门", "內": "门", "己": "已"}
LIKELIER = 3.0
CONTEXT = 8  # characters on either side that the words are read in


def likelier(text: str) -> str:
    """The text with each confusable character swapped where the words around it read far
    likelier so (read after the lines are joined: a word may wrap, 学校内 / 前). jieba's
    dictionary is in simplified script, so a text in traditional script is left as read."""
    if not any(character in text for character in CONFUSED) or is_traditional(text):
        return text
    out = list(text)
    for i, character in enumerate(text):
        if character not in CONFUSED:
            continue
        start = max(i - CONTEXT, 0)
        window = "".join(out[start : i + CONTEXT + 1])
        at = i - start
        swapped = window[:at] + CONFUSED[character] + window[at + 1 :]
        if line_score(swapped) > line_score(window) + LIKELIER:
            out[i] = CONFUSED[character]
    return "".join(out)


def line_score(text: str) -> float:
    """The log probability of jieba's likeliest segmentation of the text."""
    tokenizer = dictionary.segmenter()
    tokenizer.check_initialized()
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(text, tokenizer.get_DAG(text), route)
    return route[0][0]


def box_of(corners, text: str, score, word_boxes=(), words=(), *_) -> Box:
    """One result of the engine; with return_word_box it carries each word's corners (a
    Chinese character is a word; a Latin word's characters share its box evenly)."""
    centres: list[float] = []
    for word, box in zip(words, word_boxes, strict=False):
        xs = [x for x, _ in box]
        step = (max(xs) - min(xs)) / max(len(word), 1)
        centres += [min(xs) + (k + 0.5) * step for k in range(len(word))]
    if "".join(words) != text:
        centres = []  # the words do not spell the line: nothing to measure with
    return Box(corners, text, float(score), centres)


def character_pitch(boxes: list[Box]) -> float:
    """The distance from one Chinese character's centre to the next's, in the median."""
    steps = [
        b - a
        for box in boxes
        for (x, a), (y, b) in pairwise(zip(box.text, box.centres, strict=False))
        if re.match(HAN, x) and re.match(HAN, y)
    ]
    return median(steps) if steps else 0.0


def mark_widths(box: Box, pitch: float) -> dict[int, bool]:
    """Whether each mark with a neighbour on either side is full-width: the room between the
    neighbours' centres, less their own half widths, against a character's width."""
    found: dict[int, bool] = {}
    if not pitch or not box.centres:
        return found
    text = box.text
    for i in range(1, len(text) - 1):
        if text[i] not in WIDE and text[i] not in NARROW:
            continue
        left, right = text[i - 1], text[i + 1]
        if left.isspace() or right.isspace():
            continue
        room = box.centres[i + 1] - box.centres[i - 1]
        own = room - (width(left) + width(right)) / 2 * pitch
        found[i] = own >= WIDE_MARK * pitch
    return found


def spaced(text: str, centres: list[float], pitch: float) -> str:
    """The line with a space where the engine read on across a gap (签发人：孙家辉      联系人：
    read as one run): between two letters or digits, room for most of a character more than
    they take (the models give no spaces)."""
    if not pitch or not centres:
        return text
    out = text[:1]
    for i in range(1, len(text)):
        left, right = text[i - 1], text[i]
        room = centres[i] - centres[i - 1] - (width(left) + width(right)) / 2 * pitch
        if left.isalnum() and right.isalnum() and room >= GAP * pitch:
            out += " "
        out += right
    return out


def width(character: str) -> float:
    """A character's width in Chinese characters: half for ASCII, whole for the rest."""
    return 0.5 if character.isascii() else 1.0


def widths(text: str, measured: dict[int, bool], default: bool | None) -> str:
    """Each mark as wide as it was measured, or as the letter's other marks were."""
    if default is None:
        return text
    out = list(text)
    for i, character in enumerate(text):
        wide = measured.get(i, default)
        if wide and character in WIDE:
            out[i] = WIDE[character]
        elif not wide and character in NARROW:
            out[i] = NARROW[character]
    return "".join(out)


def lines_of(boxes: list[Box]) -> list[PrintedLine]:
    """The recognised boxes as printed lines."""
    return set_in_lines(
        Piece(
            box.text,
            min(x for x, _ in box.corners),
            max(x for x, _ in box.corners),
            min(y for _, y in box.corners),
            max(y for _, y in box.corners),
        )
        for box in boxes
    )
