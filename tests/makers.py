"""Real documents made with the real tools, for the reader tests (imported by them)."""

from __future__ import annotations

import io
import json
import os
import sys

import docx
from PIL import Image
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

# TrueType fonts for drawing scans (Debian fonts-dejavu-core, installed by `make setup`).
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
# The installed `zeef` command, for tests that run it as users do.
ZEEF = os.path.join(os.path.dirname(sys.executable), "zeef")

# Appears in documents; must never appear in an error message.
DISTINCTIVE = "Wilhelmina Zwanenburg-Oudshoorn"


def png_bytes(size: tuple[int, int] = (64, 48), fmt: str = "PNG") -> bytes:
    image = Image.new("RGB", size, (250, 250, 245))
    for x in range(5, size[0] - 5):
        image.putpixel((x, size[1] // 2), (0, 0, 0))  # a "line of text"
    buf = io.BytesIO()
    image.save(buf, format=fmt)
    return buf.getvalue()


def page_image(lines: list[str], size: int = 40, pad: int = 60) -> Image.Image:
    """A scanned page: `lines` drawn in black on white with a real font, in gray."""
    from PIL import ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, size)
    step = int(size * 1.6)
    width = max(int(font.getlength(line)) for line in lines) + 2 * pad
    image = Image.new("L", (width, len(lines) * step + 2 * pad), 255)
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((pad, pad + n * step), line, font=font, fill=0)
    return image


def encode(image: Image.Image, fmt: str = "PNG", **params) -> bytes:
    """`image` as the bytes of an image file."""
    buf = io.BytesIO()
    image.save(buf, format=fmt, **params)
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


def one_case_corpus(folder, per_category: int, seed: int):
    """A generated corpus whose documents are all taken into its first case: (the docs
    folder, that case file, its case id)."""
    from zeef_corpus.generate import generate_corpus

    root = generate_corpus(folder, n_per_category=per_category, seed=seed)
    case = sorted((root / "cases").iterdir())[0]
    return root / "docs", case, json.loads(case.read_text())["case_id"]


def message_lines(summary: dict) -> set[str]:
    """The sha256s of an ingest summary's e-mail lines (their parts are what was routed)."""
    return {d["message"] for d in summary["documents"] if "message" in d}
