"""Real documents made with the real tools, for the reader tests (imported by them)."""

from __future__ import annotations

import io

import docx
from PIL import Image
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

# Appears in documents; must never appear in an error message.
DISTINCTIVE = "Wilhelmina Zwanenburg-Oudshoorn"


def png_bytes(size: tuple[int, int] = (64, 48), fmt: str = "PNG") -> bytes:
    image = Image.new("RGB", size, (250, 250, 245))
    for x in range(5, size[0] - 5):
        image.putpixel((x, size[1] // 2), (0, 0, 0))  # a "line of text"
    buf = io.BytesIO()
    image.save(buf, format=fmt)
    return buf.getvalue()


def make_pdf(pages: list[str | None]) -> bytes:
    """One page per item: a string is drawn as text lines, None gives an image-only
    page (a scan)."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    for page in pages:
        if page is None:
            pdf.drawImage(ImageReader(io.BytesIO(png_bytes((600, 800)))), 0, 0, 595, 842)
        else:
            y = 800
            for line in page.split("\n"):
                pdf.drawString(72, y, line)
                y -= 16
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def encrypt_pdf(data: bytes, user_password: str, owner_password: str = "eigenaar") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password,
                   algorithm="AES-256")  # fmt: skip
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def make_docx(
    paragraphs: list[str],
    table: list[list[str]] | None = None,
    header: str | None = None,
    footer: str | None = None,
    after_table: list[str] | None = None,
) -> bytes:
    document = docx.Document()
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    if footer is not None:
        document.sections[0].footer.paragraphs[0].text = footer
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    for text in after_table or []:
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
