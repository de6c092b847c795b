"""Write real .docx and .pdf files for tests and samples (python-docx, reportlab)."""

import io
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

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


def write_pdf(path: Path, paragraphs: list[str], indent: bool = True) -> Path:
    """A PDF with a real text layer; long paragraphs wrap across lines as in print, each
    paragraph's first line indented two characters as GB/T 9704 sets a letter (or flush, as a
    page printed from a web site is)."""
    pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    style = ParagraphStyle(
        "body",
        fontName=CJK_FONT,
        fontSize=12,
        leading=18,
        wordWrap="CJK",
        firstLineIndent=24 if indent else 0,
    )
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph(escape(text) or "&nbsp;", style) for text in paragraphs]  # as printed
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


def write_scan(path: Path, paragraphs: list[str], dpi: int = 200, seed: int = 0) -> Path:
    """A letter as the office scans it: printed (reportlab), rendered at `dpi`, a red seal
    stamped over the signature and date (multiplied, as ink is), turned 0.8°, with noise.
    Saved as an image, or as an image-only PDF when `path` ends in .pdf."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    printed = write_pdf(path.with_suffix(".printed.pdf"), paragraphs)
    pages = [
        page.render(scale=dpi / 72).to_pil().convert("RGB")
        for page in pdfium.PdfDocument(str(printed))
    ]
    printed.unlink()
    last = np.asarray(pages[-1].convert("L"))
    inked = np.flatnonzero((last < 128).any(axis=1))
    bands = np.split(inked, np.flatnonzero(np.diff(inked) > 1) + 1)  # printed lines
    if not inked.size:  # a blank last page: nothing to stamp
        bands = [np.arange(last.shape[0] // 2, last.shape[0] // 2 + 1)]
    top, bottom = bands[max(len(bands) - 2, 0)][0], bands[-1][-1]  # the signing unit and date
    columns = np.flatnonzero((last[top : bottom + 1] < 128).any(axis=0))
    centre = ((columns[0] + columns[-1]) // 2, (top + bottom) // 2)
    stamp = Image.new("RGB", pages[-1].size, "white")
    draw = ImageDraw.Draw(stamp)
    radius = dpi * 3 // 4
    x, y = int(centre[0]), int(centre[1])
    draw.ellipse([x - radius, y - radius, x + radius, y + radius], outline=(225, 35, 35), width=9)
    draw.regular_polygon((x, y, radius // 3), 5, fill=(225, 35, 35))  # the seal's star
    for angle in range(200, 341, 14):  # the seal's ring of characters, as strokes
        draw.arc(
            [x - radius * 0.8, y - radius * 0.8, x + radius * 0.8, y + radius * 0.8],
            angle,
            angle + 8,
            fill=(225, 35, 35),
            width=14,
        )
    pages[-1] = Image.fromarray(
        (np.asarray(pages[-1], dtype=np.uint16) * np.asarray(stamp) // 255).astype(np.uint8)
    )
    noise = np.random.default_rng(seed)
    scans = []
    for page in pages:
        turned = page.rotate(0.8, resample=Image.BICUBIC, fillcolor="white")
        pixels = np.asarray(turned, dtype=np.int16) + noise.normal(0, 12, (*turned.size[::-1], 3))
        scans.append(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)))
    if path.suffix == ".pdf":
        scans[0].save(path, save_all=True, append_images=scans[1:], resolution=dpi)
    elif path.suffix == ".ofd":
        write_image_ofd(path, scans)
    else:
        scans[0].save(path, save_all=len(scans) > 1, append_images=scans[1:])
    return path


def write_image_ofd(path: Path, pages: list) -> Path:
    """An OFD of page images and no text layer, as a scanner's OFD export makes one: each page
    an ImageObject over the whole A4 page, its PNG a MultiMedia resource of the document."""
    media = "".join(
        f'<ofd:MultiMedia ID="{100 + n}" Type="Image" Format="PNG">'
        f"<ofd:MediaFile>page_{n}.png</ofd:MediaFile></ofd:MultiMedia>"
        for n in range(len(pages))
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        resources = "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>"
        write_ofd_document(archive, len(pages), resources)
        archive.writestr(
            "Doc_0/DocumentRes.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res">'
            f"<ofd:MultiMedias>{media}</ofd:MultiMedias></ofd:Res>",
        )
        for n, page in enumerate(pages):
            image = io.BytesIO()
            page.save(image, format="PNG")
            archive.writestr(f"Doc_0/Res/page_{n}.png", image.getvalue())
            archive.writestr(
                f"Doc_0/Pages/Page_{n}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}">'
                f'<ofd:Content><ofd:Layer ID="{300 + n}"><ofd:ImageObject ID="{400 + n}" '
                f'Boundary="0 0 210 297" CTM="210 0 0 297 0 0" ResourceID="{100 + n}"/>'
                "</ofd:Layer></ofd:Content></ofd:Page>",
            )
    return path


OFD_NS = "http://www.ofdspec.org/2016"
OFD_LINE_CHARS = 38  # characters a line of A4 holds at 4.2 mm


def write_ofd_document(archive: zipfile.ZipFile, pages: int, resources: str) -> None:
    """An OFD package's entry (OFD.xml) and its one document (A4 pages at
    Doc_0/Pages/Page_N/Content.xml, with the given resource declaration)."""
    page_list = "".join(
        f'<ofd:Page ID="{900_000 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(pages)
    )
    archive.writestr(
        "OFD.xml",
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" '
        'Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
        "<ofd:DocID>0123456789abcdef0123456789abcdef</ofd:DocID></ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
    )
    archive.writestr(
        "Doc_0/Document.xml",
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}">'
        "<ofd:CommonData><ofd:MaxUnitID>999999</ofd:MaxUnitID><ofd:PageArea>"
        "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
        f"{resources}</ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages></ofd:Document>",
    )


def write_ofd(path: Path, paragraphs: list[str]) -> Path:
    """An OFD file (GB/T 33190) as a document system exports one: each paragraph printed in
    lines of OFD_LINE_CHARS characters, its first line indented two characters, a TextObject
    per line placed where it is printed, pages of 40 lines."""
    lines = []  # (indent in characters, text)
    for paragraph in paragraphs:
        rest, indent = paragraph.strip(), 2
        while rest:
            lines.append((indent, rest[: OFD_LINE_CHARS - indent]))
            rest, indent = rest[OFD_LINE_CHARS - indent :], 0
    pages = [lines[start : start + 40] for start in range(0, len(lines), 40)] or [[]]
    next_id = iter(range(10, 10**6))

    def page_xml(page_lines: list[tuple[int, str]]) -> str:
        objects = "".join(
            f'<ofd:TextObject ID="{next(next_id)}" Boundary="{25 + 4.2 * indent:.1f} '
            f'{25 + 6.5 * n:.1f} {4.2 * len(text):.1f} 6" Font="2" Size="4.2">'
            f'<ofd:TextCode X="0" Y="4.2" DeltaX="g {max(len(text) - 1, 1)} 4.2">'
            f"{escape(text)}</ofd:TextCode></ofd:TextObject>"
            for n, (indent, text) in enumerate(page_lines)
        )
        return (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}">'
            f'<ofd:Content><ofd:Layer ID="{next(next_id)}">{objects}</ofd:Layer></ofd:Content>'
            "</ofd:Page>"
        )

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        write_ofd_document(archive, len(pages), "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>")
        archive.writestr(
            "Doc_0/PublicRes.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res">'
            '<ofd:Fonts><ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>',
        )
        for n, page_lines in enumerate(pages):
            archive.writestr(f"Doc_0/Pages/Page_{n}/Content.xml", page_xml(page_lines))
    return path
