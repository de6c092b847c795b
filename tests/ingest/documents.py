"""Write real .docx and .pdf files for tests and samples (python-docx, reportlab)."""

import zipfile
import zlib
from pathlib import Path

import docx
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

CJK_FONT = "STSong-Light"  # one of the CID fonts every PDF reader has; no font file needed


def write_docx(
    path: Path,
    paragraphs: list[str],
    table: list[list[str]] | None = None,
    table_after: int | None = None,
) -> Path:
    """A Word file: the paragraphs, with a table inserted after paragraph `table_after`."""
    document = docx.Document()
    for index, text in enumerate(paragraphs):
        document.add_paragraph(text)
        if table and index == table_after:
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for row, values in zip(grid.rows, table, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value
    document.save(path)
    return path


def write_pdf(path: Path, paragraphs: list[str]) -> Path:
    """A PDF with a real text layer; long paragraphs wrap across lines as in print."""
    pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    style = ParagraphStyle("body", fontName=CJK_FONT, fontSize=12, leading=18, wordWrap="CJK")
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph(text or "&nbsp;", style) for text in paragraphs]
    )
    return path


def write_blank_pdf(path: Path) -> Path:
    """A PDF whose page has no text layer, like a scan."""
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph("&nbsp;", ParagraphStyle("x"))])
    return path


def write_docx_bomb(path: Path, megabytes: int) -> Path:
    """A real .docx whose document.xml expands to `megabytes` MB of one repeated paragraph
    (a few hundred KB on disk): a zip bomb in Word's clothing."""
    write_docx(path, ["关于第1号提案的答复"])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    paragraph = "<w:p><w:r><w:t>答复内容答复内容答复内容</w:t></w:r></w:p>"
    body = paragraph * (megabytes * 1024 * 1024 // len(paragraph.encode()))
    parts["word/document.xml"] = xml.replace("<w:body>", "<w:body>" + body, 1).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def write_pdf_bomb(path: Path, megabytes: int) -> Path:
    """A one-page PDF whose content stream expands to `megabytes` MB (white space after one
    line of text): a few KB on disk."""
    content = b"BT /F1 12 Tf 72 720 Td (reply) Tj ET\n" + b" " * (megabytes * 1024 * 1024)
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


WORD_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def word_xml(fragment: str):
    """A WordprocessingML element from its XML text (namespaces declared here)."""
    from lxml import etree

    return etree.fromstring(f"<w:wrap {WORD_NAMESPACES}>{fragment}</w:wrap>")[0]


def run(text: str) -> str:
    return f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>"


def text_box(lines: list[str]) -> str:
    """A drawing text box as Word 2010+ saves it: the shape, and a VML fallback repeating it."""
    content = "".join(f"<w:p>{run(line)}</w:p>" for line in lines)
    return (
        "<w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wps:wsp><wps:txbx>"
        f"<w:txbxContent>{content}</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:shape><v:textbox>"
        f"<w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def write_word_letter(path: Path, blocks: list[str]) -> Path:
    """A .docx whose body is the given WordprocessingML blocks (paragraphs, tables, content
    controls), saved by python-docx."""
    document = docx.Document()
    body = document.element.body
    for block in blocks:
        body.insert(len(body) - 1, word_xml(block))  # before the section properties
    document.save(path)
    return path
