"""A web page's reply: its main text, the page's metadata (meta tags, the 索引号/发布机构/文号
table) and its canonical address.

Works on lxml's tree in passes that each visit an element once (prune, find the flat tables,
read the metadata table, write the text), so a page costs time linear in its size however deep
or wide it is: 8,000 nested elements or 20,000 sibling scripts are a fraction of a second.
"""

import itertools
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from replies.ingest.normalize import FOOTER_CHARS, SITE_FOOTER
from replies.links import is_web_address

CHROME_TAGS = {
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
    "template",
}
CHROME_HINT = re.compile(
    r"nav|menu|breadcrumb|crumb|footer|header|share|print|toolbar|sidebar|related|position|"
    r"location|fontsize|font-size|topbar|banner|copyright|search",
    re.I,
)
BLOCK_TAGS = {
    *("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section"),
    *("article", "blockquote", "pre", "dt", "dd", "ul", "ol", "center"),
}
CELL_TAGS = {"td", "th"}
MENU_LINKS = 3  # links in a block, at least, for it to be a menu
MENU_SHARE = 0.7  # of its text in links
# A site's footer block: a footer line of any text (normalize.SITE_FOOTER), and in a short leaf
# block 技术支持： wherever it stands.
FOOTER = re.compile(SITE_FOOTER.pattern + r"|技术支持[:：]", re.I)
META_LABELS = {
    *("索引号", "发布机构", "文号", "发文字号", "成文日期", "发布日期", "发布时间", "主题分类"),
    *("来源", "信息来源", "公开方式", "生效日期", "体裁分类"),
}
META_TAGS = {
    "articletitle": "标题",
    "pubdate": "发布时间",
    "contentsource": "来源",
    "columnname": "栏目",
    "firstpublishedtime": "发布时间",
}


class PageError(ValueError):
    """The page cannot be read whole; the message says why."""


@dataclass(frozen=True)
class Page:
    text: str
    meta: dict[str, str] = field(default_factory=dict)
    url: str = ""


def read_page(text: str) -> Page:
    """The page's main text (one line per block, white space collapsed), metadata and address."""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=True)
    root = lxml.html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    # libxml2 stops at limits of its own (2,048 nested elements) and returns what it read so
    # far; a page cut short is refused rather than stored in part.
    for error in parser.error_log:
        if error.level_name == "FATAL":
            raise PageError(f"the page cannot be read whole (damaged or hostile?): {error.message}")
    meta: dict[str, str] = {}
    url = ""
    for tag in root.iter("meta", "link"):
        name = (tag.get("name") or "").lower()
        if tag.tag == "meta" and name in META_TAGS and tag.get("content"):
            meta.setdefault(META_TAGS[name], tag.get("content").strip())
        address = (
            tag.get("href")
            if tag.tag == "link" and "canonical" in (tag.get("rel") or "").lower().split()
            else tag.get("content")
            if tag.tag == "meta" and tag.get("property") == "og:url"
            else None
        )
        if address and not url:
            url = address.strip() if is_web_address(address) else ""
    body = root.find("body")
    body = body if body is not None else root
    drop_chrome(body)
    meta |= take_metadata_tables(body)
    lines = [" ".join(line.split()) for line in "".join(text_of(body)).splitlines()]
    return Page(text="\n".join(line for line in lines if line), meta=meta, url=url)


def elements(root: etree._Element):
    """Every element under root (root included), once each, without recursion."""
    stack = [root]
    while stack:
        element = stack.pop()
        yield element
        stack.extend(reversed(element))


def is_chrome(element: etree._Element) -> bool:
    if not isinstance(element.tag, str):  # processing instructions, entities
        return True
    if element.tag in CHROME_TAGS:
        return True
    hints = f"{element.get('id') or ''} {element.get('class') or ''}"
    return bool(hints.strip() and CHROME_HINT.search(hints))


def drop_chrome(body: etree._Element) -> None:
    """Remove navigation, scripts, forms and blocks whose id or class names them (menu,
    breadcrumb, share…); then, for sites laid out in tables with no such names, the blocks that
    are mostly links (a menu) and the site's footer. The text after each (its tail) stays."""
    doomed, stack = [], list(body)
    while stack:
        element = stack.pop()
        if is_chrome(element):
            doomed.append(element)  # and nothing inside it is looked at
        else:
            stack.extend(element)
    for element in doomed:
        element.drop_tree()
    drop_link_lists_and_footers(body)


def drop_link_lists_and_footers(body: etree._Element) -> None:
    """Readability's measure, used to remove rather than to choose (choosing one container
    loses a signature or date kept in the next cell): a block whose text is mostly the text of
    its links is navigation, and a short block naming the site's copyright, ICP licence or
    address is its footer. Sizes are summed bottom-up once, so this is linear."""
    ordered = list(elements(body))
    size: dict[etree._Element, int] = {}
    linked: dict[etree._Element, int] = {}
    links: dict[etree._Element, int] = {}
    holds_block: set[etree._Element] = set()  # a footer is a leaf block, not what holds one
    blocks = BLOCK_TAGS | CELL_TAGS
    for element in reversed(ordered):  # children before parents
        if any(c.tag in blocks or c in holds_block for c in element):
            holds_block.add(element)
        own = len((element.text or "").strip())
        inner = sum(size[c] + len((c.tail or "").strip()) for c in element)
        size[element] = own + inner
        is_link = element.tag == "a"
        linked[element] = size[element] if is_link else sum(linked[c] for c in element)
        links[element] = int(is_link) + sum(links[c] for c in element)
    doomed, stack = [], [c for c in body if isinstance(c.tag, str)]
    while stack:
        element = stack.pop()
        if element.tag in blocks and (
            (links[element] >= MENU_LINKS and linked[element] >= MENU_SHARE * size[element])
            or (
                element not in holds_block
                and size[element] <= FOOTER_CHARS
                and FOOTER.search(element.text_content())
            )
        ):
            doomed.append(element)
        else:
            stack.extend(c for c in element if isinstance(c.tag, str))
    for element in doomed:
        element.drop_tree()


def flat_tables(body: etree._Element) -> list[etree._Element]:
    """Tables with no table inside them, in document order (one bottom-up pass)."""
    holds_table: set[etree._Element] = set()
    ordered = list(elements(body))
    for element in reversed(ordered):  # children before parents
        parent = element.getparent()
        if parent is not None and (element.tag == "table" or element in holds_table):
            holds_table.add(parent)
    return [e for e in ordered if e.tag == "table" and e not in holds_table]


def take_metadata_tables(body: etree._Element) -> dict[str, str]:
    """The page's 索引号/发布机构/文号… table as a dict; the table leaves the content."""
    found: dict[str, str] = {}
    for table in flat_tables(body):
        cells = [
            " ".join(cell.text_content().split()) for cell in table.iter() if cell.tag in CELL_TAGS
        ]
        pairs = {}
        for label, value in itertools.pairwise(cells):
            key = label.rstrip(":： ")
            if key in META_LABELS and value.rstrip(":： ") not in META_LABELS:
                pairs[key] = value
        if len(pairs) >= 2:
            found |= pairs
            table.drop_tree()
    return found


def text_of(root: etree._Element):
    """The text pieces under root in reading order: a line break around each block and for
    each <br>, a space after each table cell."""
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag
        if closing:
            if tag in BLOCK_TAGS:
                yield "\n"
            elif tag in CELL_TAGS:
                yield " "
            if element is not root and element.tail:
                yield element.tail
            continue
        if tag == "br" or tag in BLOCK_TAGS:
            yield "\n"
        if element.text and tag != "br":
            yield element.text
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
