"""Read stage: a file's bytes to text, format by format.

Every failure is a `ReadError` whose message is the reason a person can act on ("no text layer
(scanned?); OCR it first"); nothing here guesses an encoding it cannot vouch for.
"""

import codecs
import io
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import charset_normalizer
import docx
from bs4 import BeautifulSoup, NavigableString
from pdfminer.high_level import extract_text as pdf_text

from replies.ingest.normalize import simplifier
from replies.links import is_web_address

FORMATS = {".txt": "txt", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}
SUPPORTED = ", ".join(FORMATS)
MAX_BYTES = 20 * 1024 * 1024
# Share of characters that must be Chinese, ASCII, punctuation or space for a decoding to count.
PLAUSIBLE_SHARE = 0.97
# Share of Chinese characters that must be common ones (GB2312) for a GB18030/GBK decoding.
COMMON_SHARE = 0.9
GB_FAMILY = {"gb18030", "gbk", "gb2312"}
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
    return READERS[fmt](data)


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
            return text, name
        # GB18030 turns almost any byte pairs into Chinese characters; real simplified Chinese
        # is written almost entirely in the common (GB2312) ones.
        if plausible(text) and (name not in GB_FAMILY or common_enough(text)):
            return text, name
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and plausible(str(best)):
        return str(best), best.encoding
    tried = best.encoding if best is not None else "UTF-8, GB18030 and UTF-16"
    raise ReadError(
        f"cannot decode the text with confidence (tried {tried}): it would be garbled; "
        "save it as UTF-8 and import it again"
    )


def read_txt(data: bytes) -> ReadDocument:
    text, encoding = decode_text(data)
    return ReadDocument(text=text, format="txt", encoding=encoding)


DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)
CHROME_TAGS = [
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "button",
    "select",
    "input",
    "object",
    "embed",
    "svg",
]
CHROME_HINT = re.compile(
    r"nav|menu|breadcrumb|crumb|footer|header|share|print|toolbar|sidebar|related|position|"
    r"location|fontsize|font-size|topbar|banner|copyright|search",
    re.I,
)
BLOCK_TAGS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "dt",
    "dd",
    "ul",
    "ol",
    "center",
}
META_LABELS = {
    "索引号",
    "发布机构",
    "文号",
    "发文字号",
    "成文日期",
    "发布日期",
    "发布时间",
    "主题分类",
    "来源",
    "信息来源",
    "公开方式",
    "生效日期",
    "体裁分类",
}
META_TAGS = {
    "articletitle": "标题",
    "pubdate": "发布时间",
    "contentsource": "来源",
    "columnname": "栏目",
    "firstpublishedtime": "发布时间",
}
PUBLISHED = re.compile(r"(20\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)")


def read_html(data: bytes) -> ReadDocument:
    declared = DECLARED_CHARSET.search(data[:4096])
    text, encoding = decode_text(data, declared.group(1).decode("ascii") if declared else "")
    soup = BeautifulSoup(text, "lxml")
    meta: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = META_TAGS.get((tag.get("name") or "").lower())
        if key and tag.get("content"):
            meta.setdefault(key, tag["content"].strip())
    url = ""
    canonical = soup.find("link", rel="canonical") or soup.find("meta", property="og:url")
    if canonical is not None:
        url = (canonical.get("href") or canonical.get("content") or "").strip()
        url = url if is_web_address(url) else ""
    for tag in soup.find_all(CHROME_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.attrs is None:
            continue
        hints = " ".join([tag.get("id") or "", *(tag.get("class") or [])])
        if hints.strip() and CHROME_HINT.search(hints) and tag.name not in {"body", "html"}:
            tag.decompose()
    meta |= take_metadata_table(soup)
    for br in soup.find_all("br"):
        br.replace_with(NavigableString("\n"))
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_before(NavigableString("\n"))
        tag.insert_after(NavigableString("\n"))
    for cell in soup.find_all(["td", "th"]):
        cell.insert_after(NavigableString(" "))
    body = soup.body or soup
    lines = [" ".join(line.split()) for line in body.get_text().splitlines()]
    content = "\n".join(line for line in lines if line)
    published = meta.get("发布时间") or meta.get("发布日期") or ""
    if not published and (match := PUBLISHED.search(content[:300])):
        published = match.group(1)
    return ReadDocument(
        text=content, format="html", encoding=encoding, published_at=published, meta=meta, url=url
    )


def take_metadata_table(soup: BeautifulSoup) -> dict[str, str]:
    """The page's 索引号/发布机构/文号… table as a dict; the table leaves the content."""
    found: dict[str, str] = {}
    for table in soup.find_all("table"):
        cells = [" ".join(c.get_text(" ").split()) for c in table.find_all(["td", "th"])]
        pairs = {}
        for label, value in itertools.pairwise(cells):
            key = label.rstrip(":： ")
            if key in META_LABELS and value.rstrip(":： ") not in META_LABELS:
                pairs[key] = value
        if len(pairs) >= 2:
            found |= pairs
            table.decompose()
    return found


def read_docx(data: bytes) -> ReadDocument:
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zip, XML and key errors for damaged files
        raise ReadError(
            f"not a readable .docx (damaged or truncated?): {type(exc).__name__}"
        ) from exc
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:  # merged cells repeat; keep one
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):
                        cells.append(text)
                lines.append(" ".join(cells))
        else:
            lines.append(block.text)
    text = "\n".join(lines)
    if not text.strip():
        raise ReadError("the .docx has no text")
    return ReadDocument(text=text, format="docx")


SENTENCE_END = "。！？；：:;!?”」）)】》"
WRAPPED_SHARE = 0.85


def read_pdf(data: bytes) -> ReadDocument:
    if not data.startswith(b"%PDF"):
        raise ReadError("not a PDF file (no %PDF header)")
    try:
        text = pdf_text(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many parser errors for damaged files
        raise ReadError(
            f"not a readable PDF (damaged or encrypted?): {type(exc).__name__}"
        ) from exc
    if not "".join(text.split()):
        raise ReadError("no text layer (scanned?); OCR it first")
    return ReadDocument(text="\f".join(unwrap(page) for page in text.split("\f")), format="pdf")


def unwrap(page: str) -> str:
    """Join the lines a PDF wraps at the page width back into paragraphs, one per line.

    pdfminer may put a blank line between printed lines, so blank lines carry no meaning here;
    a line as wide as the page that stops mid-sentence continues on the next one.
    """
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    width = max((len(line) for line in lines), default=0)
    out: list[str] = []
    joining = False
    for line in lines:
        if joining:
            out[-1] += line
        else:
            out.append(line)
        joining = len(line) >= WRAPPED_SHARE * width and line[-1] not in SENTENCE_END
    return "\n".join(out)


READERS = {"txt": read_txt, "html": read_html, "docx": read_docx, "pdf": read_pdf}
