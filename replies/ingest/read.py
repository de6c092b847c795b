"""Read stage: a file's bytes to text, format by format.

Every failure is a `ReadError` whose message is the reason a person can act on ("no text layer
(scanned?); OCR it first"); nothing here guesses an encoding it cannot vouch for.
"""

import codecs
import io
import posixpath
import re
import struct
import unicodedata
import zipfile
import zlib
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import charset_normalizer
import docx
import ofdkit
import pypdfium2 as pdfium
from ofdkit.package import Package as OFDPackage
from pdfminer import pdfinterp, pdftypes
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTContainer, LTTextLine
from pdfminer.pdffont import PDFCIDFont
from PIL import Image, ImageSequence, UnidentifiedImageError

from replies import dictionary
from replies.ingest import dates, ocr
from replies.ingest.converter import ConversionError, to_docx
from replies.ingest.normalize import simplifier
from replies.ingest.printed import Piece, PrintedLine, paragraphs, set_in_lines
from replies.ingest.webpage import PageError, read_page
from replies.ingest.worddoc import document_lines

FORMATS = {
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".doc": "doc",
    ".wps": "wps",
    ".pdf": "pdf",
    ".ofd": "ofd",
    **dict.fromkeys((".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp"), "image"),
}
SUPPORTED = ", ".join(FORMATS)
# Files an office keeps replies in, read or not yet: in a folder, these fail when they cannot be
# read (someone should know), while anything else (README.md, an index .json, a spreadsheet of
# contents) is skipped and counted.
DOCUMENT_TYPES = {
    *FORMATS,
    *(".doc", ".wps", ".wpt", ".dot", ".rtf", ".odt", ".ofd", ".xps", ".mht", ".mhtml"),
    *(".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif", ".webp"),
}
MB = 1024 * 1024
MAX_BYTES = 20 * MB
# The longest text stored: about a thousand printed pages, a hundred times the longest real reply
# seen; past it a file fails rather than burdening search, pages and figures.
MAX_CHARS = 2_000_000
# Decompression caps: what one part of a .docx or one PDF stream may expand to, and by what
# ratio (only parts past RATIO_FLOOR are held to it: small parts compress well legitimately).
DOCX_PART_MAX = 100 * MB
PDF_STREAM_MAX = 64 * MB
MAX_RATIO = 100
PDF_MAX_RATIO = 1000  # a flate-encoded blank image compresses that well
RATIO_FLOOR = 1 * MB
# Share of characters that must be Chinese, ASCII, punctuation or space for a decoding to count.
PLAUSIBLE_SHARE = 0.97
# Share of Chinese characters that must be common ones (GB2312) for a GB18030/GBK decoding.
COMMON_SHARE = 0.9
GB_FAMILY = {"gb18030", "gbk", "gb2312"}
FREQUENT_COUNT = 1000
FREQUENT_SHARE = 0.5
FREQUENT_SAMPLE_MIN = 20
LATIN_MOJIBAKE = 0.5  # share of non-ASCII characters in Latin-1 …
HAN_FLOOR = 0.2  # … with so few Chinese ones: Chinese once read as Latin-1
UTF8_FAMILY = {"utf-8", "utf-8-sig"}


class ReadError(Exception):
    """The file cannot be read; the message says why."""


@dataclass(frozen=True)
class ReadDocument:
    text: str
    format: str
    encoding: str = ""
    published_at: str = ""  # as the page prints it, e.g. "2025-05-22 15:52"
    meta: dict[str, str] = field(default_factory=dict)
    url: str = ""
    ocr_confidence: float | None = None  # set when the text was recognised from images


def read_document(path: Path, max_bytes: int = MAX_BYTES) -> ReadDocument:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ReadError(
            f"unsupported format {path.suffix or '(no extension)'}; supported: {SUPPORTED}"
        )
    size = path.stat().st_size
    if size == 0:
        raise ReadError("empty file")
    if size > max_bytes:
        raise ReadError(
            f"file is {size / 1048576:.1f} MB, over the {max_bytes // 1048576} MB limit"
        )
    data = path.read_bytes()
    document = READERS[fmt](data)
    if len(document.text) > MAX_CHARS:
        raise ReadError(
            f"the text is {len(document.text):,} characters, over the {MAX_CHARS:,} limit "
            "(split the document)"
        )
    return document


def expansion_problem(name: str, size: int, packed: int, limit: int, ratio: int) -> str:
    """Why a compressed part may not be expanded ("" when it may): a zip or stream bomb."""
    if size > limit:
        return f"{name} expands to more than the {limit // MB} MB limit (a compression bomb?)"
    if size > RATIO_FLOOR and size > ratio * max(packed, 1):
        return (
            f"{name} expands {size // max(packed, 1):,} times ({packed / 1024:,.0f} KB to "
            f"{size / MB:,.0f} MB), over the {ratio}:1 limit (a compression bomb?)"
        )
    return ""


def has_controls(text: str) -> bool:
    """Control characters other than line and page breaks: binary data, not a document."""
    return any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f" for ch in text)


def plausible(text: str) -> bool:
    """Decoded Chinese text, not mojibake: almost all characters are ones a reply uses."""
    if not text.strip() or "\ufffd" in text or has_controls(text):
        return False
    good = 0
    for ch in text:
        code = ord(ch)
        if (
            ch in "\n\r\t\f"
            or 0x20 <= code < 0x7F
            or 0x4E00 <= code <= 0x9FFF
            or 0x3000 <= code <= 0x303F
            or 0xFF00 <= code <= 0xFFEF
            or 0x2000 <= code <= 0x206F
            or unicodedata.category(ch).startswith(("P", "Z"))
            or ch in "·×÷°±≤≥～"
            or 0x00C0 <= code <= 0x024F  # accented Latin: pinyin glosses (guān, hào)
        ):
            good += 1
    return good / len(text) >= PLAUSIBLE_SHARE


@cache
def common_hanzi() -> frozenset[str]:
    """The 6,763 characters of GB2312, decoded from the standard's own byte ranges."""
    pairs = (bytes([lead, trail]) for lead in range(0xB0, 0xF8) for trail in range(0xA1, 0xFF))
    return frozenset(pair.decode("gb2312", errors="ignore") for pair in pairs) - {""}


def common_enough(text: str) -> bool:
    """Real Chinese: almost all its characters are common ones, once traditional script (which
    GBK also encodes) is read as simplified; mojibake's rare characters stay rare."""
    if common_share(text) >= COMMON_SHARE:
        return True
    return common_share(simplifier().convert(text)) >= COMMON_SHARE


@cache
def frequent_hanzi() -> frozenset[str]:
    """The FREQUENT_COUNT characters most used in Chinese, by the word frequencies of the
    dictionary jieba ships (no download)."""
    weights: Counter[str] = Counter()
    for word, count, _ in dictionary.entries():
        for ch in word:
            weights[ch] += count
    return frozenset(ch for ch, _ in weights.most_common(FREQUENT_COUNT) if is_hanzi(ch))


def is_hanzi(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def reads_as_chinese(text: str) -> bool:
    """Chinese, not another language's bytes read as Chinese characters: in real Chinese most
    characters are frequent ones (at least 84% in every real reply seen, once simplified),
    while Korean read as GB18030 or Japanese read as UTF-16 gives 14% or less."""
    hanzi = [ch for ch in simplifier().convert(text) if is_hanzi(ch)]
    if len(hanzi) < FREQUENT_SAMPLE_MIN:
        return True  # too few to tell; the other checks decide
    frequent = frequent_hanzi()
    return sum(ch in frequent for ch in hanzi) / len(hanzi) >= FREQUENT_SHARE


def common_share(text: str) -> float:
    hanzi = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not hanzi:
        return 1.0
    common = common_hanzi()
    return sum(ch in common for ch in hanzi) / len(hanzi)


BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode_text(data: bytes, declared: str = "") -> tuple[str, str]:
    """(text, encoding) for bytes in UTF-8 (with or without BOM), GB18030/GBK, UTF-16 or a declared
    charset; ReadError when no decoding gives plausible text."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            candidates = [encoding]
            break
    else:
        candidates = [declared] if declared else []
        candidates += ["utf-8", "gb18030", "utf-16-le", "utf-16-be"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
            name = codecs.lookup(encoding).name
        except (UnicodeDecodeError, LookupError):
            continue
        # Bytes that are valid UTF-8 are UTF-8 (traditional script, pinyin glosses and all): the
        # plausibility guard is for the legacy encodings, which accept almost any bytes.
        if name in UTF8_FAMILY and not has_controls(text):
            if not garbled(text):
                return text, name
            raise ReadError(
                "the text is valid UTF-8 but garbled (mojibake: saved after being decoded "
                "with the wrong encoding); import the original file"
            )
        if chinese(text):
            return text, name
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and chinese(str(best)):
        return str(best), best.encoding
    tried = ", ".join(dict.fromkeys(codecs.lookup(c).name for c in candidates if known(c)))
    if best is not None:
        tried += f" and {best.encoding}" + (f" ({best.language})" if best.language else "")
    raise ReadError(
        f"cannot decode the text as Chinese with confidence (tried {tried}): it would be "
        "garbled; save it as UTF-8 and import it again"
    )


def known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def garbled(text: str) -> bool:
    """UTF-8 that holds mojibake: Chinese bytes once read as Latin-1 (Ã¤Â¸Â­…) or as the wrong
    Chinese encoding (涓浗…), then saved. Measured on the sixty real replies made into 300
    such files (five ways), 237 were stored as text before this check; none is now, and every
    real reply in UTF-8 still reads."""
    foreign = [ch for ch in text if ord(ch) > 0x7F]
    if not foreign:
        return False
    latin = sum(0x80 <= ord(ch) <= 0xFF for ch in foreign)
    hanzi = sum(is_hanzi(ch) for ch in foreign)
    if latin > LATIN_MOJIBAKE * len(foreign) and hanzi < HAN_FLOOR * len(foreign):
        return True
    return not reads_as_chinese(text)


def chinese(text: str) -> bool:
    """A legacy decoding to accept: plausible characters, and Chinese ones. GB18030 and
    UTF-16 turn almost any bytes into Chinese characters; real Chinese is written almost all
    in the common (GB2312) ones, and mostly in the frequent ones (Korean read as GB18030 is
    common characters, but not frequent ones)."""
    return plausible(text) and common_enough(text) and reads_as_chinese(text)


def read_txt(data: bytes) -> ReadDocument:
    text, encoding = decode_text(data)
    return ReadDocument(text=text, format="txt", encoding=encoding)


DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)


def read_html(data: bytes) -> ReadDocument:
    declared = DECLARED_CHARSET.search(data[:4096])
    text, encoding = decode_text(data, declared.group(1).decode("ascii") if declared else "")
    try:
        page = read_page(text)
    except PageError as exc:
        raise ReadError(str(exc)) from exc
    if not page.text:
        raise ReadError("the page has no text once navigation and scripts are left out")
    published = page.meta.get("发布时间") or page.meta.get("发布日期") or ""
    if not published:
        published = dates.published_line(page.text[:300].splitlines())
    return ReadDocument(
        text=page.text,
        format="html",
        encoding=encoding,
        published_at=published,
        meta=page.meta,
        url=page.url,
    )


def check_zip_parts(data: bytes, kind: str) -> None:
    """Refuse a zip-based document (.docx, .ofd) whose parts would expand past the caps, before
    anything is expanded (zipfile never gives more than a part's declared size)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise ReadError(
            f"not a readable {kind} (damaged or truncated?): {type(exc).__name__}"
        ) from exc
    for part in parts:
        problem = expansion_problem(
            part.filename, part.file_size, part.compress_size, DOCX_PART_MAX, MAX_RATIO
        )
        if problem:
            raise ReadError(f"refused {kind}: {problem}")


def read_ofd(data: bytes) -> ReadDocument:
    """An OFD (GB/T 33190) file's text layer, by ofdkit (no dependencies of its own; limits on
    entries and sizes), page by page; each text run placed where the file puts it, so lines
    wrapped at the page width are rejoined as they are for a PDF."""
    check_zip_parts(data, "OFD")
    try:
        with ofdkit.open(data) as document:
            pages = [ofd_lines(page) for page in document.pages]
    except ofdkit.OFDError as exc:
        raise ReadError(f"not a readable OFD (damaged?): {exc}") from exc
    if not any(line.text.strip() for page in pages for line in page):
        # A scanner's OFD: its pages are images, read by OCR as a scanned PDF's are.
        images = ofd_images(data)
        return recognised(images, "ofd", next(images))
    return ReadDocument(text=paragraphs(pages), format="ofd")


def ofd_images(data: bytes):
    """An OFD's page images, page by page (the count first, for the progress report): the
    largest ImageObject of each page, found through the document's MultiMedia resources."""
    try:
        found = ofd_page_images(data)
    except ofdkit.OFDError as exc:
        raise ReadError(f"not a readable OFD (damaged?): {exc}") from exc
    if not found:
        raise ReadError("the OFD has no text layer and no page images")
    if len(found) > OCR_MAX_PAGES:
        raise ReadError(f"a scan of {len(found)} pages, over the {OCR_MAX_PAGES}-page limit")
    yield len(found)
    for image in found:
        pages = image_pages(image)
        next(pages)
        yield from pages


def ofd_page_images(data: bytes) -> list[bytes]:
    """Each page's largest image, read through ofdkit's package (its path resolution, its
    limits on sizes and its XML parsing that refuses DTDs)."""
    with OFDPackage(data) as package:
        entry = package.find("OFD.xml")
        if entry is None:
            raise ofdkit.OFDFormatError("OFD.xml is missing")
        document_path = package.resolve(entry, package.read_xml(entry).findtext(".//{*}DocRoot"))
        if document_path is None:
            raise ofdkit.OFDFormatError("DocRoot not found")
        document = package.read_xml(document_path)
        media: dict[str, str] = {}
        for tag in ("DocumentRes", "PublicRes"):
            for res in document.iterfind(f"{{*}}CommonData/{{*}}{tag}"):
                if (res_path := package.resolve(document_path, res.text)) is None:
                    continue
                resources = package.read_xml(res_path)
                # Media files are relative to the resource file's BaseLoc folder.
                base = posixpath.join(
                    posixpath.dirname(res_path), resources.get("BaseLoc", ""), "_"
                )
                for item in resources.iterfind(".//{*}MultiMedia"):
                    if item.get("Type", "Image") != "Image":
                        continue
                    named = item.findtext("{*}MediaFile")
                    if (file := package.resolve(base, named)) is None:
                        raise ofdkit.OFDFormatError(f"missing part: {named}")
                    media[item.get("ID", "")] = file
        images = []
        for page in document.iterfind("{*}Pages/{*}Page"):
            if (content_path := package.resolve(document_path, page.get("BaseLoc"))) is None:
                continue
            objects = [
                (area(image.get("Boundary", "")), image.get("ResourceID", ""))
                for image in package.read_xml(content_path).iterfind(".//{*}ImageObject")
            ]
            if objects and (largest := max(objects)[1]) in media:
                images.append(package.read(media[largest]))
        return images


def area(boundary: str) -> float:
    """An OFD Boundary's area ("x y width height")."""
    numbers = [float(n) for n in boundary.split()]
    return numbers[2] * numbers[3] if len(numbers) == 4 else 0.0


def ofd_lines(page) -> list[PrintedLine]:
    """An OFD page's runs on the page (a run's y is its baseline), set in lines."""
    x0, y0, width, height = page.box
    return set_in_lines(
        Piece(run.text, run.x, run.x + run.width, run.y - run.size, run.y)
        for run in page.runs
        if x0 <= run.x <= x0 + width and y0 <= run.y <= y0 + height
    )


def read_docx(data: bytes) -> ReadDocument:
    check_zip_parts(data, ".docx")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zip, XML and key errors for damaged files
        raise ReadError(
            f"not a readable .docx (damaged or truncated?): {type(exc).__name__}"
        ) from exc
    text = "\n".join(document_lines(document))
    if not text.strip():
        raise ReadError("the .docx has no text")
    return ReadDocument(text=text, format="docx")


# What LibreOffice reads as a Word file: the OLE2 compound-file header of Word 97–2003 and of
# WPS Office's .wps.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def legacy_reader(fmt: str):
    def read_legacy(data: bytes) -> ReadDocument:
        suffix = f".{fmt}"
        if not data.startswith(OLE2_MAGIC):
            raise ReadError(f"not a {suffix} file (no Word 97–2003 header); damaged or renamed?")
        try:
            converted = to_docx(data, suffix)
        except ConversionError as exc:
            raise ReadError(str(exc)) from exc
        return replace(read_docx(converted), format=fmt)

    return read_legacy


def read_pdf(data: bytes) -> ReadDocument:
    if not data.startswith(b"%PDF"):
        raise ReadError("not a PDF file (no %PDF header)")
    try:
        with pdfminer_bounded():
            pages = [pdf_lines(page) for page in extract_pages(io.BytesIO(data))]
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many parser errors for damaged files
        raise ReadError(
            f"not a readable PDF (damaged or encrypted?): {type(exc).__name__}"
        ) from exc
    if not any(line.text.strip() for page in pages for line in page):
        images = pdf_pages(data)
        return recognised(images, "pdf", next(images))
    return ReadDocument(text=paragraphs(pages), format="pdf")


def pdf_lines(page) -> list[PrintedLine]:
    """A page's printed lines, top to bottom: pdfminer's text lines set in rows as they sit
    (its own order of text boxes puts a one-character line, a paragraph's last, after the
    paragraph below it)."""
    return set_in_lines(
        Piece(line.get_text().strip(), line.x0, line.x1, -line.y1, -line.y0)
        for line in text_lines(page)
    )


def text_lines(item):
    if isinstance(item, LTTextLine):
        yield item
    elif isinstance(item, LTContainer):
        for child in item:
            yield from text_lines(child)


OCR_DPI = 200
OCR_MAX_PAGES = 50
# Fewer Chinese characters than this from OCR is no letter (a photo, a blank page, a logo).
OCR_MIN_HANZI = 20


def pdf_pages(data: bytes):
    """A scanned PDF's pages as images at OCR_DPI."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ReadError(f"not a readable PDF (damaged or encrypted?): {exc}") from exc
    if len(document) > OCR_MAX_PAGES:
        raise ReadError(f"a scan of {len(document)} pages, over the {OCR_MAX_PAGES}-page limit")
    yield len(document)  # the count first, for the progress report
    for page in document:
        yield page.render(scale=OCR_DPI / 72).to_pil()


def image_pages(data: bytes):
    """An image's frames (a multi-page TIFF has several)."""
    try:
        image = Image.open(io.BytesIO(data))
        image.verify()  # damaged data fails here, before any decoding
        image = Image.open(io.BytesIO(data))
        frames = getattr(image, "n_frames", 1)
        if frames > OCR_MAX_PAGES:
            raise ReadError(f"an image of {frames} pages, over the {OCR_MAX_PAGES}-page limit")
        yield frames  # the count first, for the progress report
        for frame in ImageSequence.Iterator(image):
            yield frame.convert("RGB")
    except Image.DecompressionBombError as exc:
        raise ReadError(f"refused image: {exc}") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ReadError(f"not a readable image (damaged?): {type(exc).__name__}") from exc


def recognised(pages, fmt: str, total: int) -> ReadDocument:
    """The pages read by OCR; fails when they hold no Chinese text to speak of."""
    found = ocr.recognise(pages, total)
    if sum(1 for ch in found.text if is_hanzi(ch)) < OCR_MIN_HANZI:
        raise ReadError(
            "no text layer, and OCR found almost no Chinese text (not a letter, blank or "
            "too blurred?)"
        )
    confidence = round(found.confidence, 3)
    text = ocr.likelier(paragraphs(found.pages))
    return ReadDocument(text=text, format=fmt, ocr_confidence=confidence)


def read_image(data: bytes) -> ReadDocument:
    pages = image_pages(data)
    return recognised(pages, "image", next(pages))


class BoundedZlib:
    """zlib as pdfminer uses it, with a cap on what one stream may expand to: pdfminer calls
    zlib.decompress on every stream, which expands a bomb whole (about 2 GB of memory per MB
    of file). Incomplete streams still raise zlib.error, for pdfminer's own recovery."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)

    @staticmethod
    def decompress(data: bytes) -> bytes:
        stream = zlib.decompressobj()
        out = stream.decompress(data, PDF_STREAM_MAX + 1)
        size = PDF_STREAM_MAX + 1 if stream.unconsumed_tail else len(out)
        problem = expansion_problem("a stream", size, len(data), PDF_STREAM_MAX, PDF_MAX_RATIO)
        if problem:
            raise ReadError(f"refused PDF: {problem}")
        if not stream.eof:
            raise zlib.error("incomplete or truncated stream")
        return out


class UnicodeCodedFont(PDFCIDFont):
    """A CID font whose character codes are Unicode (the predefined CMaps Uni…-UCS2-H/V, as
    reportlab and several Chinese office tools write STSong-Light or KaiTi_GB2312): a code that
    pdfminer's copy of the CMap lacks is the character itself. pdfminer's UniGB-UCS2-H has no
    entry for the middle dot of Uyghur and Kazakh names (买热艳·买买提) or for •, and dropped
    them; PDF viewers read both."""

    UNMAPPED = 0x110000  # above every code point: a CID that stands for the code itself

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        name = str(self.cmap.attrs.get("CMapName", ""))
        self.codes_are_unicode = bool(UNICODE_CMAP.fullmatch(name))

    def decode(self, data: bytes):
        if not self.codes_are_unicode:
            return super().decode(data)
        cids: list[int] = []
        for (code,) in struct.iter_unpack(">H", data[: len(data) // 2 * 2]):
            cids.extend(tuple(self.cmap.decode(code.to_bytes(2, "big"))) or [self.UNMAPPED + code])
        return cids

    def to_unichr(self, cid: int) -> str:
        if cid >= self.UNMAPPED:
            return chr(cid - self.UNMAPPED)
        return super().to_unichr(cid)


UNICODE_CMAP = re.compile(r"Uni\w+-(?:UCS2|UTF16)-[HV]")


@contextmanager
def pdfminer_bounded():
    """pdfminer as the importer runs it, while a PDF is read: its stream decoding with
    BoundedZlib, and its Unicode-coded CID fonts read whole (UnicodeCodedFont)."""
    saved = pdftypes.zlib, pdfinterp.PDFCIDFont
    pdftypes.zlib, pdfinterp.PDFCIDFont = BoundedZlib, UnicodeCodedFont
    try:
        yield
    finally:
        pdftypes.zlib, pdfinterp.PDFCIDFont = saved


READERS = {
    "txt": read_txt,
    "html": read_html,
    "docx": read_docx,
    "doc": legacy_reader("doc"),
    "wps": legacy_reader("wps"),
    "pdf": read_pdf,
    "image": read_image,
    "ofd": read_ofd,
}
