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

# The hand-written holdout (tests/holdout: never used for training).
HOLDOUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "holdout")


def holdout_case_file(case_id: str) -> str:
    return os.path.join(HOLDOUT, "cases", f"{case_id}.json")


def holdout_files(case_id: str) -> list[str]:
    """The held-out documents of one case, in the labels' order."""
    with open(os.path.join(HOLDOUT, "labels.jsonl"), encoding="utf-8") as f:
        labels = [json.loads(line) for line in f if line.strip()]
    return [
        os.path.join(HOLDOUT, x["file"]) for x in labels if x["case"] == f"cases/{case_id}.json"
    ]


def ingest_holdout(store, case_id: str, extra: list[str] = ()) -> dict:
    """One held-out case's documents (and `extra` files) ingested into `store`."""
    from zeef.domain.case import load_case
    from zeef.pipeline.ingest import ingest_paths

    files = [*holdout_files(case_id), *extra]
    return ingest_paths(store, load_case(holdout_case_file(case_id)), files, progress=False)


def run_zeef(*args: str, stdin: str | None = None):
    """`python -m zeef.cli ARGS` as a user runs it: the completed process (text)."""
    import subprocess

    return subprocess.run([sys.executable, "-m", "zeef.cli", *args], input=stdin,
                          capture_output=True, text=True)  # fmt: skip


# A glued PDF's two documents: an application with a GP letter behind it.
GLUED_APPLICATION = """Gemeente Zeefdam - Afdeling Werk en Inkomen
Aanvraagformulier bijstand levensonderhoud (Participatiewet)
Pagina 1 van 1
Naam aanvrager: Willeke de Bruijn
Geboortedatum: 10-03-1965
Ik vraag een bijstandsuitkering aan per 1 december 2026.
Woonsituatie: alleenstaand, huurwoning.
Inkomen: geen. Vermogen: spaarrekening met een saldo van 312,45 euro.
Ik verklaar dat ik dit formulier naar waarheid heb ingevuld.
Handtekening aanvrager, datum 28-11-2026"""
GLUED_GP_LETTER = """Huisartsenpraktijk De Linde
Lindelaan 12, 1234 AB Zeefdam, tel. 010-1234567
Zeefdam, 20 november 2026
Betreft: mevrouw W. de Bruijn, geboren 10-03-1965
Geachte collega,
Mevrouw is bij mij bekend met een depressie en chronische rugklachten (hernia L5-S1).
Zij gebruikt sertraline 50 mg en paracetamol. Behandeling door de fysiotherapeut loopt.
De prognose is onzeker; herstel wordt binnen zes maanden verwacht.
Met collegiale groet,
P. Jansen, huisarts"""

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
