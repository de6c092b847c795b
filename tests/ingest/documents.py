"""Write real .docx and .pdf files for tests and samples (python-docx, reportlab)."""

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
