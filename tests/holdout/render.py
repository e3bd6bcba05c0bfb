"""Render the hand-written hold-out texts into the formats citizens really send.

    .venv/bin/python tests/holdout/render.py OUT [--limit N] [--seed S]

writes a labelled folder OUT: the renderings under ``OUT/files/``, the case files under
``OUT/cases/`` and ``OUT/labels.jsonl`` with the labels of ``tests/holdout/labels.jsonl``
(``file`` now pointing to the rendering) plus ``format``, ``pages`` and ``source`` (the
text it was made from). Formats:

- ``pdf_text``: a PDF with a real text layer (PyMuPDF, DejaVu fonts embedded);
- ``pdf_image``: scanned pages saved as an image-only PDF (Pillow);
- ``scan_png`` / ``scan_jpeg``: one scanned page (150-300 dpi, slight rotation, noise,
  grey or yellowish paper, blur, specks, JPEG artefacts);
- ``photo_jpeg``: a phone photo of the paper on a table (perspective, uneven light, a
  shadow, lower resolution); ``photo_pdf`` when the text needs more than one page;
- ``tiff``: scanned pages in one multi-page TIFF (LZW grey or CCITT G4 black-and-white);
- ``screenshot_png``: a phone screenshot (only for the banking-app texts).

Everything is drawn here with Pillow, NumPy and PyMuPDF; nothing comes from the
project's corpus generator. The output is deterministic for a given ``--seed``.
The helpers (layout, page drawing, scan and photo effects, writers) are reused by
``glued.py``.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pymupdf
from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
DEFAULT_SEED = 20260301
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {
    "mono": "DejaVuSansMono.ttf",
    "serif": "DejaVuSerif.ttf",
    "sans": "DejaVuSans.ttf",
    # No handwriting font is available: a condensed oblique sans, drawn with jitter.
    "hand": "DejaVuSansCondensed-Oblique.ttf",
}
MIN_SIZE = 6.5  # pt
MONO_ADVANCE = 0.602  # DejaVu Sans Mono advance width, in em

# A4 in PDF points and the margins of every page.
PAGE_W, PAGE_H = 595.0, 842.0
LEFT, RIGHT, TOP, BOTTOM = 56.0, 56.0, 60.0, 66.0
LEAD = 1.32  # line height / font size
FIXED_DATE = "D:20260301120000+01'00'"
_FIXED_DT = time.strptime("2026-03-01 11:00:00", "%Y-%m-%d %H:%M:%S")  # Pillow wants struct_time

FOOTER_STYLES = ("Pagina {i} van {n}", "pagina {i}/{n}", "- {i} -", "Blad {i} van {n}", "{i}/{n}")

# Which formats each category is rendered to (cycled over the documents of a category).
FORMATS_BY_CATEGORY = {
    "bank_statement": ["scan_jpeg", "photo_jpeg", "pdf_image", "scan_png", "tiff"],
    "personal_note": ["photo_jpeg", "scan_png", "scan_jpeg", "photo_jpeg"],
    "application": ["scan_jpeg", "pdf_text", "photo_jpeg", "pdf_image", "tiff"],
    "id_copy": ["photo_jpeg", "scan_jpeg", "scan_png"],
    "case_report": ["pdf_text", "pdf_image", "tiff", "scan_png"],
    "medical": ["pdf_text", "scan_jpeg", "pdf_image", "photo_jpeg", "tiff"],
    "medical_advice": ["pdf_text", "scan_png", "tiff"],
    "third_party_tip": ["scan_jpeg", "pdf_text", "photo_jpeg"],
    "other": ["pdf_text", "photo_jpeg", "scan_jpeg"],
}
# The banking-app texts are also rendered as the phone screenshot they are.
SCREENSHOTS = {"docs/h085.txt", "docs/h090.txt"}
SINGLE_IMAGE = {"scan_png", "scan_jpeg", "photo_jpeg", "screenshot_png"}
EXTENSION = {
    "pdf_text": "pdf",
    "pdf_image": "pdf",
    "photo_pdf": "pdf",
    "scan_png": "png",
    "scan_jpeg": "jpg",
    "photo_jpeg": "jpg",
    "screenshot_png": "png",
    "tiff": "tif",
}


# ---------------------------------------------------------------- labels and text


def read_labels(holdout: Path = HERE) -> list[dict]:
    rows = []
    for line in (holdout / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return rows


def read_text(row: dict, holdout: Path = HERE) -> str:
    return (holdout / row["file"]).read_text(encoding="utf-8").expandtabs(4)


def rng_for(seed: int, *parts: object) -> random.Random:
    """A generator of its own per item: str seeds are hashed with SHA-512, stable across runs."""
    return random.Random(":".join([str(seed), *map(str, parts)]))


def np_rng(rng: random.Random) -> np.random.Generator:
    return np.random.default_rng(rng.getrandbits(63))


_GLYPHS: dict[str, pymupdf.Font] = {}


def _has_glyphs(kind: str, text: str) -> bool:
    font = _GLYPHS.get(kind)
    if font is None:
        font = _GLYPHS[kind] = pymupdf.Font(fontfile=str(FONT_DIR / FONTS[kind]))
    return all(ch in " \n" or font.has_glyph(ord(ch)) for ch in set(text))


def font_kind(text: str, category: str, handwriting: bool = True) -> str:
    """Mono for column layouts (forms, statements, lists), sans for e-mails and typed
    notes, the oblique 'hand' for hand-written notes, serif for letters."""
    lines = text.splitlines()
    aligned = sum(
        1
        for ln in lines
        if re.search(r"\S {3,}\S", ln)
        or re.search(r"\.{4,}", ln)
        or re.search(r"[│┌├└─]|\+-{3,}", ln)
    )
    if aligned >= 3:
        kind = "mono"
    elif re.search(r"^(Van|From|Aan|Bericht van):", text, re.M) or "Oorspronkelijk bericht" in text:
        kind = "sans"
    elif handwriting and (
        category == "personal_note"
        or text.lstrip().lower().startswith(("[handgeschreven", "[gescand, handgeschreven"))
    ):
        kind = "hand"
    else:
        kind = "serif"
    if not _has_glyphs(kind, text):
        kind = "mono"
    return kind


# ---------------------------------------------------------------- layout


@dataclass
class Page:
    lines: list[str]
    font: str
    size: float  # pt
    footer: str | None = None
    card: bool = False  # an ID document drawn as a card
    seed: int = 0  # for the hand-writing jitter
    lead: float = LEAD  # line height / font size


_MEASURE: dict[str, ImageFont.FreeTypeFont] = {}


def text_width(kind: str, text: str, size: float) -> float:
    """Width of text in points at size pt."""
    font = _MEASURE.get(kind)
    if font is None:
        font = _MEASURE[kind] = ImageFont.truetype(str(FONT_DIR / FONTS[kind]), 200)
    return font.getlength(text) * size / 200.0


def _wrap(line: str, kind: str, size: float, width: float) -> list[str]:
    if text_width(kind, line, size) <= width:
        return [line]
    indent = re.match(r"\s*", line).group(0)
    out, cur = [], ""
    for word in re.split(r"(?<=\s)(?=\S)", line):
        if cur and text_width(kind, cur + word, size) > width:
            out.append(cur.rstrip())
            cur = indent + "  " + word.lstrip()
        else:
            cur += word
    if cur.strip():
        out.append(cur.rstrip())
    final = []
    for part in out:  # a single word longer than the line: cut it
        while text_width(kind, part, size) > width and len(part) > 8:
            cut = len(part)
            while cut > 8 and text_width(kind, part[:cut], size) > width:
                cut -= 1
            final.append(part[:cut])
            part = indent + "  " + part[cut:]
        final.append(part)
    return final


def capacity(size: float, lead: float = LEAD) -> int:
    return int((PAGE_H - TOP - BOTTOM) // (size * lead))


def _fit(lines: list[str], kind: str, size: float, grow: bool = False) -> tuple[list[str], float]:
    """Shrink a mono layout until its longest line fits (not below MIN_SIZE), then wrap.
    With `grow` the size is kept (large type) and long lines are wrapped."""
    avail = PAGE_W - LEFT - RIGHT
    if grow:
        pass
    elif kind == "mono":
        longest = max((len(ln) for ln in lines), default=1)
        size = max(MIN_SIZE, min(size, avail / (MONO_ADVANCE * max(longest, 1))))
    else:  # a little smaller type rather than many wrapped lines
        widest = max((text_width(kind, ln, size) for ln in lines), default=1.0)
        if widest > avail:
            size = max(size * 0.82, size * avail / widest)
    wrapped = [w for ln in lines for w in _wrap(ln, kind, size, avail)]
    return wrapped, size


def _break_near(lines: list[str], target: int, lo: int, hi: int) -> int:
    """The cut nearest to target in [lo, hi] that starts a new paragraph, else target."""
    best = None
    for j in range(max(lo, 1), min(hi, len(lines) - 1) + 1):
        if not lines[j - 1].strip() or not lines[j].strip():
            if best is None or abs(j - target) < abs(best - target):
                best = j
    return best if best is not None else target


def _trim(chunk: list[str]) -> list[str]:
    while chunk and not chunk[0].strip():
        chunk = chunk[1:]
    while chunk and not chunk[-1].strip():
        chunk = chunk[:-1]
    return chunk


def split_pages(
    lines: list[str], size: float, pages: int | None = None, lead: float = LEAD
) -> list[list[str]]:
    """Cut lines into pages: by capacity, or into `pages` near-even parts at paragraph
    breaks (more parts when a part would not fit)."""
    cap = capacity(size, lead)
    n = len(lines)
    if pages is None:
        out, start = [], 0
        while start < n:
            end = min(start + cap, n)
            if end < n:
                end = _break_near(lines, end, max(start + cap - 10, start + 1), end)
            out.append(_trim(lines[start:end]))
            start = end
        return [c for c in out if c] or [[""]]
    pages = max(1, min(pages, max(1, n // 14)))
    while True:
        cuts, prev = [0], 0
        for i in range(1, pages):
            target = round(i * n / pages)
            cut = _break_near(lines, target, max(prev + 3, target - 7), target + 7)
            cut = max(cut, prev + 1)
            cuts.append(cut)
            prev = cut
        cuts.append(n)
        chunks = [_trim(lines[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]
        if all(len(c) <= cap for c in chunks) and all(chunks):
            return chunks
        pages += 1


def base_size(kind: str, rng: random.Random) -> float:
    return {
        "mono": rng.uniform(8.6, 9.8),
        "serif": rng.uniform(10.0, 11.5),
        "sans": rng.uniform(9.6, 11.0),
        "hand": rng.uniform(11.0, 13.0),
    }[kind]


def is_card(row: dict) -> bool:
    return row["category"] == "id_copy"


def layout(
    text: str,
    row: dict,
    rng: random.Random,
    *,
    kind: str | None = None,
    pages: int | None = None,
    one_page: bool = False,
    footer: bool | None = None,
    handwriting: bool = True,
) -> list[Page]:
    """Lay the text out on A4 pages. `pages`: the number of pages wanted (None: as many as
    needed); `one_page`: shrink the type to fit one page when possible; `footer`: put
    page numbers on a multi-page document (None: let rng decide)."""
    kind = kind or font_kind(text, row["category"], handwriting)
    lines = text.rstrip("\n").split("\n")
    seed = rng.getrandbits(32)
    if is_card(row):
        size = rng.uniform(8.0, 9.0)
        return [Page(lines=lines, font="mono", size=size, card=True, seed=seed)]
    wrapped, size = _fit(lines, kind, base_size(kind, rng))
    if one_page:
        while len(wrapped) > capacity(size) and size > 7.0:
            wrapped, size = _fit(lines, kind, size - 0.4)
    if pages is not None:
        pages = max(1, min(pages, len(wrapped) // 14))  # no nearly empty pages
    if pages is not None and pages > len(split_pages(wrapped, size)):
        # Spread a short text over more pages the way a letter in large type and wide
        # spacing would be, rather than leaving pages nearly empty. Columns (mono) keep
        # their lines whole: only the spacing grows.
        usable = PAGE_H - TOP - BOTTOM
        widest = PAGE_W - LEFT - RIGHT
        if kind == "mono":
            longest = max((len(ln) for ln in lines), default=1)
            widest = widest / (MONO_ADVANCE * max(longest, 1))  # the largest size that fits
        for _ in range(3):
            target = min(13.0, (pages - 0.3) * usable / LEAD / max(len(wrapped), 1))
            if kind == "mono":
                target = min(target, widest)
            if target <= size + 0.2:
                break
            wrapped, size = _fit(lines, kind, target, grow=True)
        need = (pages - 0.3) * usable / (max(len(wrapped), 1) * size)
        lead = min(2.0, max(LEAD, need))
    else:
        lead = LEAD
    chunks = split_pages(wrapped, size, pages, lead)
    out = [
        Page(lines=c, font=kind, size=size, seed=seed + i, lead=lead) for i, c in enumerate(chunks)
    ]
    if len(out) > 1:
        if footer is None:
            footer = rng.random() < 0.55
        if footer:
            style = rng.choice(FOOTER_STYLES)
            for i, page in enumerate(out, 1):
                page.footer = style.format(i=i, n=len(out))
    return out


# ---------------------------------------------------------------- drawing


def _font(kind: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / FONTS[kind]), max(px, 6))


def _card_box(page: Page) -> tuple[float, float, float, float, float]:
    """The ID card's rectangle (pt) and the width of its photo field."""
    text_w = max((text_width("mono", ln, page.size) for ln in page.lines), default=100)
    photo_w = 62.0
    w = text_w + photo_w + 3 * 12
    h = len(page.lines) * page.size * LEAD + 2 * 14
    x0, y0 = LEFT + 10, TOP + 30
    return x0, y0, x0 + w, y0 + h, photo_w


def draw_page(page: Page, dpi: int) -> Image.Image:
    """The page as a clean grey-scale image (white paper, black ink) at dpi."""
    s = dpi / 72.0
    img = Image.new("L", (round(PAGE_W * s), round(PAGE_H * s)), 255)
    d = ImageDraw.Draw(img)
    jitter = random.Random(page.seed)
    size = page.size
    x = LEFT
    baseline = TOP + size
    if page.card:
        x0, y0, x1, y1, photo_w = _card_box(page)
        d.rounded_rectangle(
            [x0 * s, y0 * s, x1 * s, y1 * s],
            radius=10 * s,
            fill=228,
            outline=150,
            width=max(1, round(0.8 * s)),
        )
        for k in range(0, int((x1 - x0) / 6)):  # a faint guilloche
            pts = [
                ((x0 + 6 * k + 4 * math.sin(t / 9.0 + k)) * s, (y0 + t) * s)
                for t in range(2, int(y1 - y0) - 2, 3)
            ]
            d.line(pts, fill=214, width=1)
        d.rectangle(
            [(x0 + 12) * s, (y0 + 14) * s, (x0 + 12 + photo_w) * s, (y0 + 14 + photo_w * 1.3) * s],
            fill=165,
        )
        x = x0 + photo_w + 24
        baseline = y0 + 14 + size
    font = _font(page.font, round(size * s))
    for line in page.lines:
        dx = dy = 0.0
        if page.font == "hand":
            dx, dy = jitter.uniform(-2.5, 2.5), jitter.uniform(-1.2, 1.2)
        if line.strip():
            d.text(((x + dx) * s, (baseline + dy) * s), line, font=font, fill=0, anchor="ls")
        baseline += size * page.lead
    if page.footer:
        ffont = _font("sans" if page.font == "hand" else page.font, round(8 * s))
        d.text((PAGE_W / 2 * s, (PAGE_H - 34) * s), page.footer, font=ffont, fill=0, anchor="ms")
    return img


@dataclass
class ScanProfile:
    """What one scanner does to every page it scans."""

    dpi: int
    paper: float
    ink: float
    noise: float
    blur: float
    quality: int
    color: bool
    tint: tuple[float, float, float]

    @classmethod
    def random(cls, rng: random.Random, dpi: int | None = None) -> ScanProfile:
        return cls(
            dpi=dpi or rng.choice([150, 200, 200, 300]),
            paper=rng.uniform(218, 246),
            ink=rng.uniform(18, 75),
            noise=rng.uniform(3, 11),
            blur=rng.uniform(0.25, 0.9),
            quality=rng.randint(38, 80),
            color=rng.random() < 0.3,
            tint=(1.0, rng.uniform(0.96, 1.0), rng.uniform(0.86, 0.97)),
        )


def scan(page: Page, profile: ScanProfile, rng: random.Random) -> Image.Image:
    """A scanned page: grey or yellowish paper, ink not quite black, a gradient, noise,
    specks, a little blur, a slight rotation, sometimes a dark band at an edge, and a
    JPEG round trip."""
    clean = draw_page(page, profile.dpi)
    g = np_rng(rng)
    a = np.asarray(clean, dtype=np.float32) / 255.0
    h, w = a.shape
    arr = profile.ink + a * (profile.paper - profile.ink)
    yy = np.linspace(0.0, 1.0, h, dtype=np.float32)[:, None]
    xx = np.linspace(0.0, 1.0, w, dtype=np.float32)[None, :]
    arr = arr + rng.uniform(-12, 12) * xx + rng.uniform(-12, 12) * yy
    arr = arr + g.normal(0.0, profile.noise, size=(h, w)).astype(np.float32)
    n = int(h * w * rng.uniform(1e-5, 8e-5))
    arr[g.integers(0, h, n), g.integers(0, w, n)] = g.uniform(0, 110, n)
    if rng.random() < 0.35:  # the scanner lid's shadow along one edge
        band = max(2, int(w * rng.uniform(0.006, 0.02)))
        if rng.random() < 0.5:
            arr[:, :band] *= 0.35
        else:
            arr[:, -band:] *= 0.35
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    img = img.filter(ImageFilter.GaussianBlur(profile.blur * profile.dpi / 200))
    img = img.rotate(
        rng.uniform(-1.6, 1.6),
        resample=Image.Resampling.BICUBIC,
        fillcolor=int(profile.paper * 0.9),
    )
    if profile.color:
        img = Image.merge(
            "RGB", [img.point(lambda v, t=t: min(255, int(v * t))) for t in profile.tint]
        )
    return jpeg_roundtrip(img, profile.quality)


def jpeg_roundtrip(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    out = Image.open(buf)
    out.load()
    return out


def _perspective(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> list[float]:
    """Coefficients for Image.transform(PERSPECTIVE): output point (dst) -> input (src)."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rhs.append(u)
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.append(v)
    return np.linalg.solve(np.array(rows, float), np.array(rhs, float)).tolist()


def photo(page: Page, rng: random.Random, long_side: int | None = None) -> Image.Image:
    """A phone photo of the printed page on a table: tilted and skewed, light falling
    unevenly with a soft shadow, slightly out of focus, colour noise, downscaled, RGB."""
    dpi = 300 if page.card else 150
    clean = draw_page(page, dpi)
    mask = None
    if page.card:  # an ID card is photographed on its own, not on a sheet of paper
        x0, y0, x1, y1, _ = _card_box(page)
        s = dpi / 72.0
        box = (round(x0 * s), round(y0 * s), round(x1 * s), round(y1 * s))
        clean = clean.crop(box)
        mask = Image.new("L", clean.size, 0)
        ImageDraw.Draw(mask).rounded_rectangle(
            [0, 0, clean.width - 1, clean.height - 1], radius=round(10 * s), fill=255
        )
    g = np_rng(rng)
    a = np.asarray(clean, dtype=np.float32)[..., None] / 255.0
    paper = np.array(
        [rng.uniform(228, 250), rng.uniform(224, 244), rng.uniform(205, 232)], dtype=np.float32
    )
    ink = np.array(
        [rng.uniform(25, 55), rng.uniform(25, 55), rng.uniform(45, 90)], dtype=np.float32
    )
    sheet = Image.fromarray(np.clip(ink + a * (paper - ink), 0, 255).astype(np.uint8), "RGB")
    if page.font == "hand" and rng.random() < 0.7:  # lined note paper
        sd = ImageDraw.Draw(sheet)
        step = page.size * page.lead * dpi / 72
        y = (TOP + page.size) * dpi / 72 + 3
        while y < sheet.height - 40:
            sd.line([(0, y), (sheet.width, y)], fill=(170, 190, 225), width=2)
            y += step
    sw, sh = sheet.size
    table = tuple(
        int(c)
        for c in rng.choice(
            [(118, 92, 66), (70, 70, 76), (150, 140, 128), (40, 44, 52), (186, 170, 150)]
        )
    )
    cw, ch = int(sw * rng.uniform(1.18, 1.35)), int(sh * rng.uniform(1.12, 1.25))
    canvas = Image.new("RGB", (cw, ch), table)
    ox, oy = (cw - sw) // 2, (ch - sh) // 2
    canvas.paste(sheet, (ox, oy), mask)
    src = [(ox, oy), (ox + sw, oy), (ox + sw, oy + sh), (ox, oy + sh)]
    jx, jy = sw * 0.07, sh * 0.05
    dst = [(x + rng.uniform(-jx, jx), y + rng.uniform(-jy, jy)) for x, y in src]
    pic = canvas.transform(
        (cw, ch),
        Image.Transform.PERSPECTIVE,
        _perspective(src, dst),
        Image.Resampling.BICUBIC,
        fillcolor=table,
    )
    arr = np.asarray(pic, dtype=np.float32)
    yy, xx = np.mgrid[0:ch, 0:cw].astype(np.float32)
    cx, cy = rng.uniform(0.3, 0.7) * cw, rng.uniform(0.2, 0.6) * ch
    r2 = ((xx - cx) / cw) ** 2 + ((yy - cy) / ch) ** 2
    light = 1.08 - rng.uniform(0.5, 1.0) * r2 + rng.uniform(-0.12, 0.12) * (xx / cw)
    sx, sy = rng.uniform(0.15, 0.35) * cw, rng.uniform(0.15, 0.4) * ch
    bx, by = rng.uniform(0, cw), rng.uniform(0.5, 1.0) * ch
    light *= 1 - rng.uniform(0.15, 0.4) * np.exp(
        -((xx - bx) ** 2 / (2 * sx**2) + (yy - by) ** 2 / (2 * sy**2))
    )
    arr = arr * light[..., None]
    arr = arr + g.normal(0.0, rng.uniform(2.5, 6.0), size=arr.shape).astype(np.float32)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.3)))
    long_side = long_side or rng.choice([1280, 1440, 1600, 1800])
    if page.card:
        long_side = min(long_side, 1400)
    factor = long_side / max(img.size)
    img = img.resize(
        (round(img.width * factor), round(img.height * factor)), Image.Resampling.LANCZOS
    )
    return jpeg_roundtrip(img, rng.randint(66, 86))


def screenshot(text: str) -> Image.Image:
    """A phone screenshot (1080 px wide) of an app screen written as text."""
    lines = text.rstrip("\n").split("\n")
    width, margin = 1080, 36
    longest = max(len(ln) for ln in lines)
    px = min(40, int((width - 2 * margin) / (MONO_ADVANCE * longest)))
    lead = int(px * 1.55)
    height = max(2340, margin * 2 + lead * (len(lines) + 1))
    img = Image.new("RGB", (width, height), (250, 250, 252))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, width, lead + 20], fill=(236, 238, 242))
    font = _font("mono", px)
    y = margin + px
    for line in lines:
        d.text((margin, y), line, font=font, fill=(28, 30, 36), anchor="ls")
        y += lead
    return img


# ---------------------------------------------------------------- writers


def _pdf_metadata(doc: pymupdf.Document, title: str) -> None:
    doc.set_metadata(
        {
            "title": title,
            "producer": "zeef hold-out render.py",
            "creator": "zeef hold-out",
            "creationDate": FIXED_DATE,
            "modDate": FIXED_DATE,
        }
    )


def add_text_page(doc: pymupdf.Document, page: Page) -> None:
    pg = doc.new_page(width=PAGE_W, height=PAGE_H)
    kind = "sans" if page.font == "hand" else page.font
    name = "F" + kind
    pg.insert_font(fontname=name, fontfile=str(FONT_DIR / FONTS[kind]))
    baseline = TOP + page.size
    for line in page.lines:
        if line.strip():
            pg.insert_text((LEFT, baseline), line, fontname=name, fontsize=page.size)
        baseline += page.size * page.lead
    if page.footer:
        w = text_width(kind, page.footer, 8)
        pg.insert_text(((PAGE_W - w) / 2, PAGE_H - 34), page.footer, fontname=name, fontsize=8)


def add_image_page(doc: pymupdf.Document, img: Image.Image, dpi: int | None = None) -> None:
    """An image page (a scan fills the page; a photo is placed on A4 keeping its aspect)."""
    pg = doc.new_page(width=PAGE_W, height=PAGE_H)
    buf = io.BytesIO()
    img.convert("RGB" if img.mode == "RGB" else "L").save(buf, "JPEG", quality=85)
    if dpi is None:  # a photo: fit inside the page
        scale = min(PAGE_W / img.width, PAGE_H / img.height)
        w, h = img.width * scale, img.height * scale
        rect = pymupdf.Rect((PAGE_W - w) / 2, (PAGE_H - h) / 2, (PAGE_W + w) / 2, (PAGE_H + h) / 2)
    else:
        rect = pg.rect
    pg.insert_image(rect, stream=buf.getvalue())


_CMAP_BLOCK = re.compile(r"\d+ begin(bfchar|bfrange)\n(.*?)\nend\1", re.S)


def _fix_tounicode(doc: pymupdf.Document) -> None:
    """MuPDF writes the ToUnicode entries of DejaVu's glyphs beyond the BMP as odd-length
    hex strings, which strict readers (pypdf) reject line by line with warnings. None of
    those glyphs is used here: drop the entries and recount the blocks."""

    def block(m: re.Match) -> str:
        kind, body = m.group(1), m.group(2)
        keep = [
            ln
            for ln in body.split("\n")
            if ln.strip() and all(len(h) % 2 == 0 for h in re.findall(r"<([0-9a-fA-F]*)>", ln))
        ]
        if not keep:
            return ""
        return f"{len(keep)} begin{kind}\n" + "\n".join(keep) + f"\nend{kind}"

    done = set()
    for xref in range(1, doc.xref_length()):
        kind, value = doc.xref_get_key(xref, "ToUnicode")
        if kind != "xref":
            continue
        target = int(value.split()[0])
        if target in done:
            continue
        done.add(target)
        cmap = doc.xref_stream(target).decode("latin-1")
        doc.update_stream(target, _CMAP_BLOCK.sub(block, cmap).encode("latin-1"))


def save_pdf(doc: pymupdf.Document, path: Path, title: str) -> None:
    _pdf_metadata(doc, title)
    doc.subset_fonts()  # embed only the glyphs used
    _fix_tounicode(doc)
    doc.save(str(path), garbage=4, deflate=True, no_new_id=True, reproducible=True)
    doc.close()


def write_text_pdf(pages: list[Page], path: Path, title: str) -> None:
    doc = pymupdf.open()
    for page in pages:
        add_text_page(doc, page)
    save_pdf(doc, path, title)


def write_image_pdf(images: list[Image.Image], path: Path, dpi: int, title: str) -> None:
    """An image-only PDF as a scanner writes it (Pillow's PDF writer)."""
    rgb = [im.convert("RGB") if im.mode not in ("L", "RGB") else im for im in images]
    rgb[0].save(
        path,
        "PDF",
        resolution=float(dpi),
        save_all=True,
        append_images=rgb[1:],
        title=title,
        producer="zeef hold-out render.py",
        creator="scanner",
        creationDate=_FIXED_DT,
        modDate=_FIXED_DT,
    )


def write_tiff(images: list[Image.Image], path: Path, dpi: int, bilevel: bool) -> None:
    if bilevel:
        frames = [
            im.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1") for im in images
        ]
        compression = "group4"
    else:
        frames = [im.convert("L") for im in images]
        compression = "tiff_lzw"
    frames[0].save(
        path,
        "TIFF",
        save_all=True,
        append_images=frames[1:],
        compression=compression,
        dpi=(dpi, dpi),
    )


# ---------------------------------------------------------------- the rendering plan


def plan(rows: list[dict]) -> list[tuple[dict, str]]:
    """Which document goes to which format: every document once, every third of a
    category a second time, the app screens also as a screenshot."""
    seen: dict[str, int] = {}
    entries = []
    for row in rows:
        fmts = FORMATS_BY_CATEGORY[row["category"]]
        i = seen.get(row["category"], 0)
        seen[row["category"]] = i + 1
        entries.append((row, fmts[i % len(fmts)]))
        second = fmts[(i + 2) % len(fmts)]
        if i % 3 == 2 and second != fmts[i % len(fmts)]:
            entries.append((row, second))
        if row["file"] in SCREENSHOTS:
            entries.append((row, "screenshot_png"))
    return entries


def limit_plan(entries: list[tuple[dict, str]], limit: int | None) -> list[tuple[dict, str]]:
    """The first `limit` entries taken round-robin over the formats, so a small run still
    covers every format."""
    if limit is None or limit >= len(entries):
        return entries
    by_fmt: dict[str, list] = {}
    for e in entries:
        by_fmt.setdefault(e[1], []).append(e)
    order = sorted(by_fmt)
    out, k = [], 0
    while len(out) < limit:
        for fmt in order:
            if k < len(by_fmt[fmt]) and len(out) < limit:
                out.append(by_fmt[fmt][k])
        k += 1
    return out


def render_one(
    row: dict, fmt: str, out_dir: Path, seed: int, holdout: Path = HERE
) -> tuple[str, str, int]:
    """Render one document; returns (relative file, actual format, pages)."""
    rng = rng_for(seed, row["file"], fmt)
    text = read_text(row, holdout)
    stem = Path(row["file"]).stem
    if fmt == "screenshot_png":
        name = f"files/{stem}.{fmt}.png"
        screenshot(text).save(out_dir / name, "PNG")
        return name, fmt, 1
    # Multi-page formats: a third of the documents set in larger type over two pages.
    wanted = rng.choice([None, None, 2]) if fmt in ("pdf_text", "pdf_image", "tiff") else None
    pages = layout(
        text,
        row,
        rng,
        pages=wanted,
        one_page=fmt in SINGLE_IMAGE,
        handwriting=fmt != "pdf_text",
    )
    if fmt in SINGLE_IMAGE and len(pages) > 1:
        fmt = "photo_pdf" if fmt == "photo_jpeg" else "tiff"
    name = f"files/{stem}.{fmt}.{EXTENSION[fmt]}"
    path = out_dir / name
    title = f"holdout {stem}"
    if fmt == "pdf_text":
        write_text_pdf(pages, path, title)
    elif fmt in ("scan_png", "scan_jpeg"):
        profile = ScanProfile.random(rng)
        img = scan(pages[0], profile, rng)
        if fmt == "scan_png":
            img.save(path, "PNG", dpi=(profile.dpi, profile.dpi))
        else:
            img.save(path, "JPEG", quality=profile.quality, dpi=(profile.dpi, profile.dpi))
    elif fmt == "photo_jpeg":
        photo(pages[0], rng).save(path, "JPEG", quality=rng.randint(70, 88))
    elif fmt == "photo_pdf":
        doc = pymupdf.open()
        for page in pages:
            add_image_page(doc, photo(page, rng))
        save_pdf(doc, path, title)
    elif fmt == "pdf_image":
        profile = ScanProfile.random(rng)
        write_image_pdf([scan(p, profile, rng) for p in pages], path, profile.dpi, title)
    elif fmt == "tiff":
        profile = ScanProfile.random(rng)
        bilevel = rng.random() < 0.4
        write_tiff([scan(p, profile, rng) for p in pages], path, profile.dpi, bilevel)
    else:
        raise ValueError(f"unknown format {fmt}")
    return name, fmt, len(pages)


def copy_cases(out_dir: Path, holdout: Path = HERE) -> None:
    (out_dir / "cases").mkdir(parents=True, exist_ok=True)
    for case in sorted((holdout / "cases").glob("*.json")):
        shutil.copyfile(case, out_dir / "cases" / case.name)


def prepare_out(out_dir: Path) -> None:
    """A fresh output folder; an earlier run's files are removed, nothing else is."""
    files = out_dir / "files"
    if files.exists() and (out_dir / "labels.jsonl").exists():
        shutil.rmtree(files)
    files.mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="output folder (labelled: OUT/labels.jsonl)")
    ap.add_argument("--limit", type=int, default=None, help="render only N items")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = ap.parse_args(argv)
    rows = read_labels()
    entries = limit_plan(plan(rows), args.limit)
    prepare_out(args.out)
    copy_cases(args.out)
    labels, counts = [], {}
    for row, fmt in entries:
        name, actual, n = render_one(row, fmt, args.out, args.seed)
        counts[actual] = counts.get(actual, 0) + 1
        out = dict(row)
        out.update(file=name, format=actual, pages=n, source=row["file"])
        labels.append(out)
    with open(args.out / "labels.jsonl", "w", encoding="utf-8") as fh:
        for out in labels:
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"{len(labels)} renderings in {args.out}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
