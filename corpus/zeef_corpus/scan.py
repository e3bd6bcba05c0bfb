"""Scans and photos of generated documents: page images with scanner and camera artefacts.

Three opt-in formats of the corpus generator (``--formats scan,png,jpg``):

- ``scan``: an image-only PDF (no text layer), every page as a JPEG (gray or colour) or a
  CCITT G4 bilevel image, as an office scanner or a scan app writes it: slight skew
  (0 to 3 degrees), now and then a page stack fed upside down, sensor noise, blur, paper
  tone, dust, a lid shadow at one edge, 150 to 300 dpi.
- ``png`` / ``jpg``: one image of the document's first page: either a flat desk scan
  (as above, one page) or a phone photo: the page on a background margin, turned a few
  degrees, sometimes a perspective skew, uneven lighting and vignette, noise, blur,
  JPEG compression, sometimes turned 90, 180 or 270 degrees (no EXIF orientation). PNG
  desk scans are gray (a scan app's document mode), keeping the lossless files small.

Pages are drawn as vectors first and rasterised with PyMuPDF (`get_pixmap`), so the image
shows exactly what the generator's PDF shows (no font files needed for that):

- ordinary documents: the reportlab PDF of `render.render_pdf`;
- ID copies (except the desk's copy sheet, which is a letter page): a card or passport
  data page drawn here with PyMuPDF on an A4 photocopy sheet: header lines, printed fields
  (Dutch labels from the template), a photo placeholder and the 2 or 3 MRZ lines in a
  monospace font (DejaVu Sans Mono, or PyMuPDF's built-in Courier when DejaVu is not
  installed: Debian ``fonts-dejavu-core``). A two-sided document (identity card,
  driving licence) gives two cards, front and back, as a copier's "ID copy" mode does.
  A photo shows the sheet cut to the card(s).

Every random choice comes from the `random.Random` handed in (numpy noise from a seed
drawn from it), PDFs carry fixed dates: output is byte-for-byte reproducible per seed.
`render` returns the text as drawn on the pages shown (`meta["text"]`), so the generator
keeps in the labels only personal-data strings the image really shows (a photo of page 1
of a three-page letter does not show page 3).
"""

from __future__ import annotations

import io
import math
import random
import re
import time
from dataclasses import dataclass, field

from PIL import Image, ImageFilter

from zeef_corpus import render as vector
from zeef_corpus.doc import Block, Doc

FORMATS = ("scan", "png", "jpg")
EXTENSIONS = {"scan": "pdf", "png": "png", "jpg": "jpg"}
# Fixed dates in the PDF info, so that the bytes depend on the seed only.
_PDF_DATE = time.struct_time((2026, 1, 1, 0, 0, 0, 3, 1, 0))


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def visible(strings: list[str], text: str) -> list[str]:
    """The strings that occur in `text` (white space collapsed), in their order."""
    t = norm(text)
    return [s for s in strings if norm(s) in t]


# --- fonts (PyMuPDF) ---------------------------------------------------------------------

_TTF = {"reg": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf", "mono": "DejaVuSansMono.ttf"}
_BUILTIN = {"reg": "helv", "bold": "hebo", "mono": "cour"}


class _Fonts:
    """DejaVu when installed (every character the generator writes), else base-14."""

    def __init__(self) -> None:
        import pymupdf

        paths = {k: vector._find(v) for k, v in _TTF.items()}
        self.files = paths if all(paths.values()) else {}
        if self.files:
            self.names = {k: f"dv{k}" for k in _TTF}
            self.font = {k: pymupdf.Font(fontfile=p) for k, p in self.files.items()}
        else:
            self.names = dict(_BUILTIN)
            self.font = {k: pymupdf.Font(v) for k, v in _BUILTIN.items()}

    def install(self, page) -> None:
        for k, p in self.files.items():
            page.insert_font(fontname=self.names[k], fontfile=p)

    def width(self, key: str, text: str, size: float) -> float:
        return self.font[key].text_length(text, fontsize=size)


_FONTS: _Fonts | None = None


def _fonts() -> _Fonts:
    global _FONTS
    if _FONTS is None:
        _FONTS = _Fonts()
    return _FONTS


# --- ID cards ----------------------------------------------------------------------------

# Card kinds: width and least height in points at 1:1 (ID-1 85.6 x 54 mm; TD3 data page
# 125 x 88 mm), fill colour.
_CARD = {
    "td3": (354.0, 249.0, (0.95, 0.93, 0.95)),
    "td1": (243.0, 153.0, (0.92, 0.95, 0.98)),
    "licence": (243.0, 153.0, (0.98, 0.92, 0.94)),
}
_LABEL, _VALUE, _ITEM, _HEAD, _MIN_VALUE, _MIN_LABEL = 5.5, 8.5, 8.0, 7.5, 6.5, 4.5
_MARGIN = 9.0
_MRZ_LEAD = 1.5  # line pitch of the zone in font sizes (6.6 mm at 12.5 pt, as on a TD3 page)
_INK = (0.08, 0.08, 0.16)
_LABEL_INK = (0.25, 0.25, 0.33)
_SIDE = re.compile(r"^\W*(voor|achter)(zijde|kant)\W*$", re.IGNORECASE)
_KOPIE = re.compile(r"^(KOPIE|Kopie|kopie) (voor|alleen voor|t\.b\.v\.) ")


def is_card(d: Doc) -> bool:
    """Whether `d` is drawn as a card: every ID copy but the desk's copy sheet."""
    return d.category == "id_copy" and d.layout != "intake_copy"


@dataclass
class _Op:
    kind: str  # card (the card's outline), rect, oval, text
    x: float
    y: float
    text: str = ""
    font: str = "reg"
    size: float = 0.0
    color: tuple[float, float, float] = _INK
    x1: float = 0.0
    y1: float = 0.0
    fill: tuple[float, float, float] | None = None


@dataclass
class _Card:
    width: float
    height: float
    kind: str
    caption: str = ""
    ops: list[_Op] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


def _split_card(d: Doc) -> tuple[list[str], list[list[Block]], list[str]]:
    """(captions above, the sides' blocks, captions below) of an ID copy."""
    blocks = list(d.blocks)
    top: list[str] = []
    bottom: list[str] = []
    if (
        blocks
        and blocks[0].kind == "lines"
        and len(blocks[0].lines) == 1
        and (d.layout == "compact" or (len(blocks) > 1 and blocks[1].kind == "blank"))
    ):
        top.append(blocks.pop(0).lines[0])
    while blocks and blocks[-1].kind == "lines" and all(_KOPIE.match(x) for x in blocks[-1].lines):
        bottom[:0] = blocks.pop().lines
    sides: list[list[Block]] = [[]]
    for k, b in enumerate(blocks):
        if b.kind in ("blank", "rule"):
            nxt = next((x for x in blocks[k + 1 :] if x.kind not in ("blank", "rule")), None)
            if nxt is not None and nxt.kind != "mrz" and sides[-1]:
                sides.append([])
            continue
        sides[-1].append(b)
    return top, [s for s in sides if s], bottom


def _fit(fonts: _Fonts, key: str, text: str, size: float, width: float, least: float) -> float:
    while size > least and fonts.width(key, text, size) > width:
        size -= 0.25
    return size


def _layout_side(
    d: Doc, blocks: list[Block], kind: str, first: bool, photo: bool, fonts: _Fonts
) -> _Card:
    width, least_h, fill = _CARD[kind]
    card = _Card(width, least_h, kind)
    blocks = list(blocks)
    if blocks and blocks[0].kind == "lines" and blocks[0].lines and _SIDE.match(blocks[0].lines[0]):
        card.caption = blocks[0].lines[0]
        rest = blocks[0].lines[1:]
        blocks[0] = Block("lines", lines=rest)
        if not rest:
            blocks.pop(0)
    header: list[str] = []
    while first and blocks and blocks[0].kind == "lines" and len(blocks[0].lines) <= 3:
        header += [x for x in blocks.pop(0).lines if x.strip()]
    cells: list[tuple[str, str]] = []  # (label, value); label "" for a line of its own
    mrz: list[str] = []
    for b in blocks:
        if b.kind == "kv":
            cells += [(k, v) for k, v in b.rows]
        elif b.kind == "mrz":
            mrz = list(b.lines)
        elif b.kind == "lines":
            cells += [("", x) for x in b.lines if x.strip()]
        elif b.kind in ("h", "p"):
            cells.append(("", b.text))
        elif b.kind == "table":
            cells += [("", "  ".join(r)) for r in b.rows]
    m = _MARGIN
    inner = width - 2 * m
    # Fields wider than the card at the least size make the card wider (rare).
    for label, value in cells:
        need = max(
            fonts.width("reg", label, _LABEL),
            fonts.width("bold" if label else "reg", value, _MIN_VALUE) if value else 0,
        )
        if need > inner + (inner * 0.27 + 8 if photo else 0) and " " not in value:
            width = max(width, need + 2 * m)
    inner = width - 2 * m
    y = m
    for line in header:
        size = _fit(fonts, "bold", line, _HEAD, inner, 5.0)
        y += size * 1.25
        x = m + (inner - fonts.width("bold", line, size)) / 2
        card.ops.append(_Op("text", x, y, line, "bold", size))
        card.texts.append(line)
    y += 4 if header else 0
    top = y
    fx = m
    if photo:
        pw = round(inner * 0.27, 1)
        ph = round(pw * 1.3, 1)
        card.ops.append(_Op("rect", m, top, x1=m + pw, y1=top + ph, fill=(0.80, 0.80, 0.82)))
        cx = m + pw / 2
        gray = (0.64, 0.64, 0.68)
        head = (cx - pw * 0.2, top + ph * 0.15, cx + pw * 0.2, top + ph * 0.55)
        body = (cx - pw * 0.42, top + ph * 0.6, cx + pw * 0.42, top + ph * 1.3)
        for x0, y0, x1, y1 in (head, body):
            card.ops.append(_Op("oval", x0, y0, x1=x1, y1=min(y1, top + ph), fill=gray))
        fx = m + pw + 8
        photo_bottom = top + ph
    else:
        photo_bottom = top
    fw = width - m - fx
    ncol = 2 if fw >= 140 and len(cells) > 4 else 1
    colw = (fw - 8 * (ncol - 1)) / ncol
    prot = d.protected()

    def measure(label: str, value: str, span: float) -> tuple[float, list[str], float]:
        key = "bold" if label else "reg"
        base = _VALUE if label else _ITEM
        size = _fit(fonts, key, value, base, span, _MIN_VALUE) if value else base
        lines = [value] if value else []
        if value and fonts.width(key, value, size) > span:
            lines = vector.wrap(value, lambda t: fonts.width(key, t, size), span, prot)
        height = (_LABEL * 1.3 if label else 0) + len(lines) * size * 1.22 + 3
        return size, lines, height

    col = 0
    row_h = 0.0
    for label, value in cells:
        size, lines, h = measure(label, value, colw)
        wide = ncol > 1 and (
            len(lines) > 1
            or fonts.width("bold" if label else "reg", value, size) > colw
            or fonts.width("reg", label, _MIN_LABEL) > colw
        )
        if wide:
            if col:
                y += row_h
                col, row_h = 0, 0.0
            size, lines, h = measure(label, value, fw)
        x = fx + col * (colw + 8)
        yy = y
        key = "bold" if label else "reg"
        if label:
            yy += _LABEL * 1.1
            lsize = _fit(fonts, "reg", label, _LABEL, fw if wide else colw, _MIN_LABEL)
            card.ops.append(_Op("text", x, yy, label, "reg", lsize, _LABEL_INK))
            card.texts.append(label)
            yy += 1.5
        for ln in lines:
            yy += size * 1.05
            card.ops.append(_Op("text", x, yy, ln, key, size))
            yy += size * 0.17
        card.texts.append(value)
        row_h = max(row_h, h)
        if wide or col == ncol - 1:
            y += row_h
            col, row_h = 0, 0.0
        else:
            col += 1
    y += row_h
    y = max(y, photo_bottom) + 4
    if mrz:
        n = max(len(x) for x in mrz)
        size = min(12.5, inner / (fonts.width("mono", "<" * n, 1.0)))
        lead = size * _MRZ_LEAD
        y = max(y + 6, least_h - m - len(mrz) * lead)
        for line in mrz:
            y += lead
            card.ops.append(_Op("text", m, y - size * 0.2, line, "mono", size))
            card.texts.append(line)
        y += 2
    card.width = width
    card.height = max(least_h, y + m)
    card.ops.insert(0, _Op("card", 0, 0, x1=width, y1=card.height, fill=fill))
    return card


@dataclass
class _Sheet:
    """Vector pages to rasterise: PDF bytes, per page the region shown and the text."""

    pdf: bytes
    clips: list[tuple[float, float, float, float] | None]
    texts: list[str]


def _card_sheet(d: Doc, rng: random.Random) -> _Sheet:
    """An A4 photocopy sheet with the card(s) of an ID copy, captions around them."""
    import pymupdf

    fonts = _fonts()
    kind = "licence"
    for b in d.blocks:
        if b.kind == "mrz":
            kind = "td3" if len(b.lines) == 2 else "td1"
    top, sides, bottom = _split_card(d)
    cards = [_layout_side(d, s, kind, k == 0, k == 0, fonts) for k, s in enumerate(sides)]
    pw, ph = 595.0, 842.0
    scale = rng.choice((1.0, 1.15, 1.25, 1.4)) if kind != "td3" else rng.choice((1.0, 1.1, 1.2))
    while True:
        need = sum(c.height * scale + (14 if c.caption else 0) + 22 for c in cards)
        need += 18 * (len(top) + len(bottom)) + 120
        if need <= ph or scale <= 0.8:
            break
        scale -= 0.05
    widest = max(c.width for c in cards) * scale
    x0 = round(rng.uniform(50, max(52, min(140, pw - widest - 50))), 1)
    y = round(rng.uniform(55, 90), 1)
    texts: list[str] = []
    doc = pymupdf.open()
    page = doc.new_page(width=pw, height=ph)
    fonts.install(page)
    box = [x0, y, x0 + widest, y]

    def caption(s: str, size: float) -> None:
        nonlocal y
        y += size * 1.3
        page.insert_text((x0, y), s, fontname=fonts.names["reg"], fontsize=size, color=_INK)
        box[2] = max(box[2], x0 + fonts.width("reg", s, size))
        texts.append(s)
        y += size * 0.4

    for s in top:
        caption(s, 11)
    if top:
        y += 10
    for c in cards:
        if c.caption:
            caption(c.caption, 9)
            y += 2
        for op in c.ops:
            ox, oy = x0 + op.x * scale, y + op.y * scale
            if op.kind == "card":
                r = pymupdf.Rect(ox, oy, x0 + op.x1 * scale, y + op.y1 * scale)
                page.draw_rect(r, color=(0.55, 0.55, 0.6), fill=op.fill, width=0.6, radius=0.04)
            elif op.kind == "rect":
                r = pymupdf.Rect(ox, oy, x0 + op.x1 * scale, y + op.y1 * scale)
                page.draw_rect(r, color=None, fill=op.fill)
            elif op.kind == "oval":
                r = pymupdf.Rect(ox, oy, x0 + op.x1 * scale, y + op.y1 * scale)
                page.draw_oval(r, color=None, fill=op.fill)
            else:
                page.insert_text(
                    (ox, oy),
                    op.text,
                    fontname=fonts.names[op.font],
                    fontsize=op.size * scale,
                    color=op.color,
                )
        texts += c.texts
        y += c.height * scale + 22
    y -= 10
    for s in bottom:
        caption(s, 10)
    box[3] = y + 6
    data = doc.tobytes(garbage=3, deflate=True, no_new_id=True)
    doc.close()
    return _Sheet(data, [tuple(box)], ["\n".join(texts)])


def _page_sheet(d: Doc, rng: random.Random) -> _Sheet:
    from pypdf import PdfReader

    data, _ = vector.render_pdf(d, rng)
    reader = PdfReader(io.BytesIO(data))
    texts = [p.extract_text() or "" for p in reader.pages]
    return _Sheet(data, [None] * len(texts), texts)


# --- rasterising and degrading -----------------------------------------------------------


def _raster(
    sheet: _Sheet, index: int, dpi: int, color: bool, pad: float | None = None
) -> Image.Image:
    """Page `index` at `dpi`; with `pad`, only its region of interest plus `pad` points."""
    import pymupdf

    doc = pymupdf.open(stream=sheet.pdf, filetype="pdf")
    try:
        page = doc[index]
        clip = sheet.clips[index]
        rect = None
        if clip is not None and pad is not None:
            x0, y0, x1, y1 = clip
            rect = pymupdf.Rect(x0 - pad, y0 - pad, x1 + pad, y1 + pad) & page.rect
        cs = pymupdf.csRGB if color else pymupdf.csGRAY
        pix = page.get_pixmap(dpi=dpi, colorspace=cs, alpha=False, clip=rect)
        mode = "RGB" if color else "L"
        img = Image.frombuffer(mode, (pix.width, pix.height), pix.samples, "raw", mode,
                               pix.stride, 1).copy()  # fmt: skip
    finally:
        doc.close()
    return img


def _np_rng(rng: random.Random):
    import numpy as np

    return np.random.default_rng(rng.getrandbits(63))


def _tone(img: Image.Image, ink: int, paper: tuple[int, ...]) -> Image.Image:
    """Black to `ink`, white to the paper colour (per channel)."""
    import numpy as np

    a = np.asarray(img, dtype=np.float32) / 255.0
    if img.mode == "L":
        out = ink + a * (paper[0] - ink)
    else:
        p = np.array(paper[:3], dtype=np.float32)
        out = ink + a * (p - ink)
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), img.mode)


def _noise(img: Image.Image, sigma: float, nrng) -> Image.Image:
    import numpy as np

    a = np.asarray(img, dtype=np.float32)
    a = a + nrng.standard_normal(a.shape, dtype=np.float32) * sigma
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), img.mode)


def _light(img: Image.Image, strength: float, angle: float, vignette: float) -> Image.Image:
    """Uneven lighting: a linear fall-off in direction `angle` and a darker rim."""
    import numpy as np

    w, h = img.size
    ys = np.linspace(-1.0, 1.0, h, dtype=np.float32)[:, None]
    xs = np.linspace(-1.0, 1.0, w, dtype=np.float32)[None, :]
    ramp = 1.0 - strength * (0.5 + 0.5 * (math.cos(angle) * xs + math.sin(angle) * ys))
    rim = 1.0 - vignette * (xs * xs + ys * ys) / 2.0
    f = ramp * rim
    a = np.asarray(img, dtype=np.float32)
    a = a * (f[:, :, None] if a.ndim == 3 else f)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), img.mode)


def _dust(img: Image.Image, count: int, rng: random.Random) -> Image.Image:
    from PIL import ImageDraw

    if not count:
        return img
    img = img.copy()
    draw = ImageDraw.Draw(img)
    w, h = img.size
    dark = 40 if img.mode == "L" else (40, 40, 40)
    for _ in range(count):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.choice((0, 0, 1, 1, 2))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=dark)
    return img


def _shadow(img: Image.Image, side: str, width: int, depth: int) -> Image.Image:
    """A scanner lid's gray band along one edge of the page."""
    import numpy as np

    a = np.asarray(img, dtype=np.float32).copy()
    ramp = np.linspace(depth, 0, width, dtype=np.float32)
    if side == "left":
        band = ramp[None, :]
        a[:, :width] = a[:, :width] - (band[..., None] if a.ndim == 3 else band)
    else:
        band = ramp[:, None]
        a[:width, :] = a[:width, :] - (band[..., None] if a.ndim == 3 else band)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), img.mode)


_TURN = {
    0: None,
    90: Image.Transpose.ROTATE_90,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_270,
}


def _scan_params(rng: random.Random, kind: str, fmt: str) -> dict:
    # PNG is lossless: a noisy 300 dpi page would be 6 MB or more; PNG scans stay lower.
    dpi = rng.choice((150, 200, 200, 240, 300, 300) if fmt != "png" else (150, 200, 200, 240))
    mode = rng.choices(("gray", "rgb", "bw"), weights=(60, 25, 15))[0]
    if mode == "bw" and (dpi < 200 or kind != "scan"):
        mode = "gray"
    if fmt == "png" and mode == "rgb":
        mode = "gray"  # a scan app's PNG export is gray ("document" mode); colour stays JPEG
    skewed = rng.random() < 0.7
    rotate = round(rng.uniform(-3.0, 3.0) if skewed else rng.uniform(-0.5, 0.5), 2)
    r = rng.random()
    turn = 180 if r < 0.06 else (90 if r < 0.08 and kind != "scan" else 0)
    p = {
        "kind": kind,
        "dpi": dpi,
        "color": mode,
        "rotate": rotate,
        "turn": turn,
        "noise": round(rng.uniform(2.0, 9.0 if fmt != "png" else 5.0), 1),
        "blur": round(rng.uniform(0.0, 0.9), 2),
        "paper": rng.randrange(226, 252),
        "ink": rng.randrange(0, 55),
        "dust": rng.choice((0, 0, 10, 40, 120)),
        "shadow": rng.choice((0, 0, 0, 20, 45)),
    }
    if mode != "bw" and fmt != "png":
        p["jpeg_quality"] = rng.randrange(45, 86) if fmt == "scan" else rng.randrange(55, 93)
    return p


def _scan_page(img: Image.Image, p: dict, rng: random.Random, nrng) -> Image.Image:
    paper = (p["paper"], p["paper"] - 2, p["paper"] - 7) if img.mode == "RGB" else (p["paper"],)
    img = _tone(img, p["ink"], paper)
    if p["rotate"]:
        fill = paper if img.mode == "RGB" else paper[0]
        img = img.rotate(p["rotate"], resample=Image.Resampling.BILINEAR, fillcolor=fill)
    if p["shadow"]:
        width = max(4, int(img.width * 0.03))
        img = _shadow(img, rng.choice(("left", "top")), width, p["shadow"])
    if p["blur"] >= 0.05:
        img = img.filter(ImageFilter.GaussianBlur(p["blur"]))
    img = _noise(img, p["noise"], nrng)
    img = _dust(img, p["dust"], rng)
    if p["color"] == "bw":
        cut = (p["ink"] + p["paper"]) // 2
        img = img.point(lambda v: 255 if v > cut else 0).convert("1", dither=Image.Dither.NONE)
    method = _TURN[p["turn"]]
    return img.transpose(method) if method is not None else img


def _perspective_coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]):
    """Coefficients for `Image.transform(PERSPECTIVE)`: output point -> input point."""
    import numpy as np

    a, b = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b += [u, v]
    return [float(c) for c in np.linalg.solve(np.array(a), np.array(b))]


def _photo_params(rng: random.Random, fmt: str) -> dict:
    r = rng.random()
    turn = 90 if r < 0.05 else 270 if r < 0.09 else 180 if r < 0.13 else 0
    return {
        "kind": "photo",
        "dpi": rng.choice((150, 170, 200, 220, 250, 300) if fmt != "png" else (150, 170, 200)),
        "color": "rgb",
        "rotate": round(rng.uniform(-3.0, 3.0), 2),
        "turn": turn,
        "perspective": round(rng.uniform(0.005, 0.03), 3) if rng.random() < 0.4 else 0.0,
        "margin": round(rng.uniform(0.03, 0.1), 3),
        "lighting": round(rng.uniform(0.08, 0.35), 2),
        "vignette": round(rng.uniform(0.05, 0.3), 2),
        "noise": round(rng.uniform(3.0, 9.0 if fmt != "png" else 6.0), 1),
        "blur": round(rng.uniform(0.3, 1.1), 2),
        **({"jpeg_quality": rng.randrange(55, 93)} if fmt == "jpg" else {}),
    }


def _photo(img: Image.Image, p: dict, rng: random.Random, nrng) -> Image.Image:
    import numpy as np

    warm = rng.uniform(-6, 10)
    paper = (round(248 + warm * 0.3), 244, round(238 - warm))
    img = _tone(img, rng.randrange(10, 50), paper).convert("RGBA")
    w, h = img.size
    src = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)]
    th = math.radians(p["rotate"])
    cx, cy = w / 2, h / 2
    jit = p["perspective"] * max(w, h)
    dst = []
    for x, y in src:
        dx, dy = x - cx, y - cy
        dst.append(
            (
                cx + dx * math.cos(th) - dy * math.sin(th) + rng.uniform(-jit, jit),
                cy + dx * math.sin(th) + dy * math.cos(th) + rng.uniform(-jit, jit),
            )
        )
    pad = p["margin"] * max(w, h)
    minx, miny = min(x for x, _ in dst), min(y for _, y in dst)
    dst = [(x - minx + pad, y - miny + pad) for x, y in dst]
    size = (
        math.ceil(max(x for x, _ in dst) + pad),
        math.ceil(max(y for _, y in dst) + pad),
    )
    coeffs = _perspective_coeffs(dst, src)
    page = img.transform(
        size, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR, fillcolor=(0, 0, 0, 0)
    )
    base = (rng.randrange(60, 170), rng.randrange(50, 150), rng.randrange(40, 140))
    coarse = nrng.normal(0.0, 12.0, (6, 6, 3)).astype(np.float32)
    field = Image.fromarray(np.clip(np.array(base, np.float32) + coarse, 0, 255).astype(np.uint8))
    ground = field.resize(size, Image.Resampling.BICUBIC)
    out = Image.alpha_composite(ground.convert("RGBA"), page).convert("RGB")
    out = _light(out, p["lighting"], rng.uniform(0, 2 * math.pi), p["vignette"])
    out = out.filter(ImageFilter.GaussianBlur(p["blur"]))
    out = _noise(out, p["noise"], nrng)
    method = _TURN[p["turn"]]
    return out.transpose(method) if method is not None else out


# --- the formats -------------------------------------------------------------------------


def render(
    d: Doc, fmt: str, rng: random.Random, overrides: dict | None = None
) -> tuple[bytes, dict]:
    """`d` as `fmt` (scan, png or jpg). meta: ``degradation`` (what was done, for the
    labels) and ``text`` (the text drawn on the pages the file shows). `overrides`
    replaces drawn degradation settings (e.g. ``{"dpi": 300, "turn": 0}``, for tests)
    after they are drawn, so the random stream is the same with or without them."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    r = random.Random(rng.getrandbits(64))  # the image's own stream
    sheet = _card_sheet(d, r) if is_card(d) else _page_sheet(d, r)
    nrng = _np_rng(r)
    if fmt == "scan":
        p = {**_scan_params(r, "scan", fmt), **(overrides or {})}
        pages = []
        for k in range(len(sheet.texts)):
            img = _raster(sheet, k, p["dpi"], p["color"] == "rgb")
            pages.append(_scan_page(img, p, r, nrng))
        buf = io.BytesIO()
        jpeg = {"quality": p["jpeg_quality"]} if p["color"] != "bw" and "jpeg_quality" in p else {}
        pages[0].save(
            buf,
            "PDF",
            save_all=True,
            append_images=pages[1:],
            resolution=float(p["dpi"]),
            **jpeg,
            title="",
            author="",
            creator=r.choice(("", "Scanner", "HP Scan", "Canon iR-ADV", "Adobe Scan")),
            producer="",
            creationDate=_PDF_DATE,
            modDate=_PDF_DATE,
        )
        p["pages"] = len(pages)
        return buf.getvalue(), {"degradation": _public(p), "text": "\n".join(sheet.texts)}
    photo = r.random() < (0.65 if fmt == "jpg" else 0.25)
    if overrides and "kind" in overrides:
        photo = overrides["kind"] == "photo"
    if photo:
        p = {**_photo_params(r, fmt), **(overrides or {})}
        img = _raster(sheet, 0, p["dpi"], True, pad=r.uniform(8, 20))
        img = _photo(img, p, r, nrng)
    else:
        p = {**_scan_params(r, "desk", fmt), **(overrides or {})}
        img = _raster(sheet, 0, p["dpi"], p["color"] == "rgb", pad=r.uniform(10, 30))
        img = _scan_page(img, p, r, nrng)
    buf = io.BytesIO()
    dpi = (72, 72) if photo else (p["dpi"], p["dpi"])
    if fmt == "jpg":
        img.save(buf, "JPEG", quality=p["jpeg_quality"], dpi=dpi)
    else:
        img.save(buf, "PNG", dpi=dpi)
    p["pages"] = 1
    if len(sheet.texts) > 1:
        p["of_pages"] = len(sheet.texts)
    p["width"], p["height"] = img.size
    return buf.getvalue(), {"degradation": _public(p), "text": sheet.texts[0]}


def _public(p: dict) -> dict:
    """The degradation record of the labels: what was applied, zero effects left out."""
    keep = ("turn", "perspective", "dust", "shadow", "blur")
    return {k: v for k, v in p.items() if not (k in keep and not v)}
