"""A Word document's text in reading order, read from its XML rather than python-docx's
paragraph.text, which loses what letters often hold: the letterhead in a text box, fields in
content controls (w:sdt), and tracked insertions (w:ins). Deleted text (w:del), field codes
and the duplicate fallback of a drawing (mc:Fallback) are left out.

A text box's paragraphs come as lines before the paragraph that anchors it, where the page
shows them; tables give one line per row, cells separated by a space, a merged cell once.
"""

from collections.abc import Iterator

import docx
from docx.table import Table
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
LEFT_OUT = {W + "del", W + "delText", W + "instrText", W + "rPr", W + "pPr", MC + "Fallback"}
# Elements that wrap blocks (paragraphs, tables) without being one.
BLOCK_WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo"}


def document_lines(document: docx.document.Document) -> list[str]:
    return list(block_lines(document.element.body, document))


def block_lines(container: etree._Element, document) -> Iterator[str]:
    for child in container.iterchildren():
        if child.tag == W + "p":
            yield from paragraph_lines(child, document)
        elif child.tag == W + "tbl":
            yield from table_lines(Table(child, document))
        elif child.tag in BLOCK_WRAPPERS:
            yield from block_lines(child, document)


def paragraph_lines(paragraph: etree._Element, document) -> Iterator[str]:
    pieces: list[str] = []
    boxes: list[str] = []
    collect(paragraph, pieces, boxes, document)
    yield from boxes
    yield "".join(pieces)


def collect(element: etree._Element, pieces: list[str], boxes: list[str], document) -> None:
    """The paragraph's own text into `pieces`, its text boxes' lines into `boxes`."""
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in LEFT_OUT:
            continue
        if tag == W + "t":
            pieces.append(child.text or "")
        elif tag == W + "tab":
            pieces.append("\t")
        elif tag in (W + "br", W + "cr"):
            pieces.append("\n")
        elif tag == W + "noBreakHyphen":
            pieces.append("-")
        elif tag == W + "txbxContent":
            boxes.extend(line for line in block_lines(child, document) if line.strip())
        else:
            collect(child, pieces, boxes, document)


def table_lines(table: Table) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:  # merged cells repeat; keep one
            text = " ".join(" ".join(line for line in block_lines(cell._tc, cell) if line).split())
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        yield " ".join(cells)
