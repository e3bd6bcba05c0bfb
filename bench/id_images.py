"""ID copies for the zone bench (bench/id_zone_bench.py), drawn here with Pillow and
numpy, another way than the corpus generator (which draws with PyMuPDF, in DejaVu Sans
Mono, on a photocopy sheet): this script does not import `zeef_corpus` or `zeef`.

    python bench/id_images.py OUT [--count N] [--seed S] [--fonts DIR]

Writes N (default 78) images or image-only PDFs to OUT and OUT/truth.jsonl, one line per
file: the file, the document kind (``td1`` identity card, ``td3`` passport data page,
``residence`` residence permit, TD1 with the code ``IR``), the zone's lines, its number
(without fillers) and expiry (ISO), whether its check digits are valid (every 13th file
has one check digit broken on purpose: a reading of it must never be trusted), the
scene and its artefacts, and the fonts used.

What is drawn:
- a card (85.6 x 54 mm) or passport data page (125 x 88 mm) at 10 to 14 px/mm: a pastel
  background, guilloche-like curves and wave bands in colour, a header, a photo box with
  a silhouette at varied places, Dutch/English labels and values, the zone at the bottom
  in a monospace font or a proportional one set in fixed cells (OCR-B from Debian
  ``fonts-ocr-b``, DejaVu Sans Mono, Liberation Mono, FreeMono, DejaVu Serif: whichever
  are installed), 2.54 mm pitch give or take 6 %;
- scenes: a flat desk scan (PNG or JPEG, small skew); a phone photo (the card on a
  table, perspective warp, rotation up to 3 degrees, now and then turned 90, 180 or 270
  degrees, blur, noise, uneven light, JPEG quality 40 to 70, downscaled to a phone
  photo's size); a photo of a screen (moiré); an image-only PDF scan (A4 at 150 to 300
  dpi, gray or colour, JPEG inside, sometimes two pages, front then back), as e-mail
  attachments often are.

Deterministic per seed for the same fonts, Pillow and numpy (the fonts found are
recorded in each truth line). Fonts are looked up under /usr/share/fonts and under
--fonts DIR (or $ZEEF_BENCH_FONTS), so fonts unpacked from a Debian package without
installing it can be used too.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import random
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

# --------------------------------------------------------------------------- the zone

_VALUES = {c: i for i, c in enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")} | {"<": 0}


def check_digit(data: str) -> str:
    """ICAO 9303: weights 7, 3, 1; A-Z = 10-35; '<' = 0 (written here again on purpose,
    not imported from zeef, so that a bug there cannot hide in the truth)."""
    return str(sum(_VALUES[c] * (7, 3, 1)[i % 3] for i, c in enumerate(data)) % 10)


def _field(s: str, n: int) -> str:
    return (s + "<" * n)[:n]


def _yymmdd(d: date) -> str:
    return d.strftime("%y%m%d")


def _name_field(surname: str, given: str, n: int) -> str:
    return _field(surname.replace(" ", "<") + "<<" + given.replace(" ", "<"), n)


def td1(code, state, number, birth, sex, expiry, nat, opt1, opt2, surname, given):
    line1 = code + state + _field(number, 9) + check_digit(_field(number, 9)) + _field(opt1, 15)
    b, e = _yymmdd(birth), _yymmdd(expiry)
    line2 = b + check_digit(b) + sex + e + check_digit(e) + nat + _field(opt2, 11)
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    line2 += check_digit(composite)
    return [line1, line2, _name_field(surname, given, 30)]


def td3(state, number, birth, sex, expiry, nat, personal, surname, given):
    line1 = "P<" + state + _name_field(surname, given, 39)
    num, b, e = _field(number, 9), _yymmdd(birth), _yymmdd(expiry)
    pers = _field(personal, 14)
    pers_cd = "<" if not personal else check_digit(pers)
    line2 = num + check_digit(num) + nat + b + check_digit(b) + sex + e + check_digit(e)
    line2 += pers + pers_cd
    line2 += check_digit(line2[0:10] + line2[13:20] + line2[21:43])
    return [line1, line2]


def _break(lines: list[str], rng: random.Random) -> list[str]:
    """One check digit changed: the number's, the expiry's or the composite."""
    lines = list(lines)
    td1_zone = len(lines) == 3
    row, col = rng.choice([(0, 14), (1, 14), (1, 29)] if td1_zone else [(1, 9), (1, 27), (1, 43)])
    old = lines[row][col]
    new = str((int(old) + rng.randint(1, 9)) % 10)
    lines[row] = lines[row][:col] + new + lines[row][col + 1 :]
    return lines


_SURNAMES = ["JANSEN", "DE BOER", "VAN DER MEER", "BAKKER", "OZTURK", "EL AMRANI", "SMIT",
             "NOWAK", "PEREIRA", "VAN DIJK", "MULDER", "VISSER", "KOWALSKI", "HENDRIKS",
             "DOS SANTOS", "BRINK", "HOEKSTRA", "YILMAZ", "VERMEULEN", "DE GROOT"]  # fmt: skip
_GIVEN = ["PIETER", "FATIMA", "SANNE", "JOHANNES MARIA", "LOTTE", "MEHMET", "ANNA",
          "WILLEM", "NOOR", "KEES", "EMMA", "DAAN", "SOFIA", "THIJS", "YASMINE", "LUCAS",
          "MARIA ELENA", "BRAM"]  # fmt: skip
_STATES = ["NLD", "NLD", "NLD", "BEL", "D<<", "FRA", "POL", "UTO", "ESP", "TUR"]
_NUMBER_LETTERS = "ABCDEFGHIJKLMNPQRSTUVWXYZ"  # no O, as on Dutch documents
_ALNUM = _NUMBER_LETTERS + "0123456789"


def _number(rng: random.Random, state: str) -> str:
    if state == "NLD":  # two letters, six letters or digits, one digit
        return (
            "".join(rng.choice(_NUMBER_LETTERS) for _ in range(2))
            + "".join(rng.choice(_ALNUM) for _ in range(6))
            + rng.choice("0123456789")
        )
    if state == "BEL" or rng.random() < 0.2:  # all digits, sometimes short
        return "".join(rng.choice("0123456789") for _ in range(rng.choice((8, 9, 9))))
    return "".join(rng.choice(_ALNUM) for _ in range(9))


def make_zone(kind: str, rng: random.Random) -> dict:
    state = rng.choice(_STATES)
    nat = state if rng.random() < 0.8 else rng.choice(["NLD", "SYR", "MAR", "TUR", "POL"])
    number = _number(rng, state)
    birth = date(1940, 1, 1) + timedelta(days=rng.randrange(66 * 365))
    expiry = date(2025, 1, 1) + timedelta(days=rng.randrange(11 * 365))
    sex = rng.choice("MFF<" if rng.random() < 0.1 else "MF")
    surname, given = rng.choice(_SURNAMES), rng.choice(_GIVEN)
    if kind == "td3":
        personal = "".join(rng.choice("0123456789") for _ in range(9)) if rng.random() < 0.6 else ""
        lines = td3(state, number, birth, sex, expiry, nat, personal, surname, given)
    else:
        code = "IR" if kind == "residence" else rng.choice(["I<", "ID", "I<"])
        if kind == "residence":
            state = "NLD"
        opt1 = "".join(rng.choice("0123456789") for _ in range(9)) if rng.random() < 0.5 else ""
        opt2 = rng.choice(["", "", "E<ABC1234"])
        lines = td1(code, state, number, birth, sex, expiry, nat, opt1, opt2, surname, given)
    return {
        "lines": lines,
        "number": number,
        "valid_until": expiry.isoformat(),
        "state": state,
        "surname": surname,
        "given": given,
        "birth": birth,
        "sex": sex,
    }


# -------------------------------------------------------------------------- the fonts

_MRZ_FONT_FILES = {
    "OCR-B": "OCRB.otf",
    "DejaVu Sans Mono": "DejaVuSansMono.ttf",
    "Liberation Mono": "LiberationMono-Regular.ttf",
    "FreeMono Bold": "FreeMonoBold.ttf",
    "DejaVu Serif": "DejaVuSerif.ttf",
}
_TEXT_FONT_FILES = {
    "DejaVu Serif": "DejaVuSerif.ttf",
    "DejaVu Sans": "DejaVuSans.ttf",
    "DejaVu Sans Condensed": "DejaVuSansCondensed.ttf",
    "Liberation Sans": "LiberationSans-Regular.ttf",
    "Liberation Serif": "LiberationSerif-Regular.ttf",
    "FreeSans": "FreeSans.ttf",
}


def find_fonts(extra: str | None) -> tuple[dict[str, str], dict[str, str]]:
    roots = ["/usr/share/fonts"] + ([extra] if extra else [])
    found: dict[str, str] = {}
    for root in roots:
        for folder, _, files in sorted(os.walk(root)):
            for name in sorted(files):
                found.setdefault(name, os.path.join(folder, name))
    mrz = {k: found[f] for k, f in _MRZ_FONT_FILES.items() if f in found}
    text = {k: found[f] for k, f in _TEXT_FONT_FILES.items() if f in found}
    if not mrz or not text:
        raise SystemExit("no usable fonts found (Debian fonts-dejavu-core at least)")
    return mrz, text


def _font_for_cap_height(path: str, cap_px: float) -> ImageFont.FreeTypeFont:
    probe = ImageFont.truetype(path, 100)
    top = -probe.getbbox("H", anchor="ls")[1]
    return ImageFont.truetype(path, max(6, round(100 * cap_px / max(top, 1))))


# ------------------------------------------------------------------------- the drawing

_TITLES = {
    "td1": ["IDENTITEITSKAART", "IDENTITY CARD", "CARTE D'IDENTITE", "PERSONALAUSWEIS"],
    "td3": ["PASPOORT", "PASSPORT", "PASSEPORT", "REISEPASS"],
    "residence": ["VERBLIJFSDOCUMENT", "RESIDENCE PERMIT", "VERBLIJFSVERGUNNING"],
}
_LABELS = [("Naam / Surname", "surname"), ("Voornamen / Given names", "given"),
           ("Geboortedatum / Date of birth", "birth"), ("Geslacht / Sex", "sex"),
           ("Nationaliteit / Nationality", "nat"), ("Documentnummer / Document no.", "number"),
           ("Geldig tot / Date of expiry", "expiry"), ("Lengte / Height", "height")]  # fmt: skip


def _pastel(rng: random.Random) -> tuple[int, int, int]:
    h = rng.random()
    r, g, b = (0.5 + 0.5 * math.cos(2 * math.pi * (h + k / 3)) for k in range(3))
    return tuple(int(200 + 50 * v) for v in (r, g, b))


def _ink(rng: random.Random) -> tuple[int, int, int]:
    return rng.choice([(20, 20, 30), (25, 35, 90), (60, 30, 40), (10, 10, 10), (40, 60, 60)])


def _guilloche(draw: ImageDraw.ImageDraw, w: int, h: int, rng: random.Random) -> None:
    for _ in range(rng.randint(3, 7)):  # rosettes (hypotrochoids)
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        big, small, d = (
            rng.uniform(0.15, 0.5) * h,
            rng.uniform(0.02, 0.12) * h,
            rng.uniform(0.03, 0.15) * h,
        )
        colour = tuple(rng.randint(120, 220) for _ in range(3))
        pts = []
        for k in range(1800):
            t = k * 0.02
            x = (big - small) * math.cos(t) + d * math.cos((big - small) / small * t)
            y = (big - small) * math.sin(t) - d * math.sin((big - small) / small * t)
            pts.append((cx + x, cy + y))
        draw.line(pts, fill=colour, width=1)
    for _ in range(rng.randint(2, 5)):  # wave bands across the card
        y0, amp, period = rng.uniform(0, h), rng.uniform(3, 25), rng.uniform(40, 200)
        colour = tuple(rng.randint(140, 225) for _ in range(3))
        for j in range(rng.randint(3, 9)):
            pts = [(x, y0 + j * 4 + amp * math.sin(x / period * 2 * math.pi + j * 0.3))
                   for x in range(0, w + 8, 8)]  # fmt: skip
            draw.line(pts, fill=colour, width=1)


def _photo_box(card: Image.Image, box: tuple[int, int, int, int], rng) -> None:
    """A photo placeholder: a tinted box with a head-and-shoulders silhouette inside it."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    tone = rng.randint(120, 200)
    photo = Image.new("RGB", (w, h), (tone, tone - 10, tone - 20))
    draw = ImageDraw.Draw(photo)
    dark = (tone - 80, tone - 85, tone - 90)
    draw.ellipse((w * 0.28, h * 0.15, w * 0.72, h * 0.55), fill=dark)
    draw.ellipse((w * 0.05, h * 0.6, w * 0.95, h * 1.3), fill=dark)
    draw.rectangle((0, 0, w - 1, h - 1), outline=(90, 90, 90))
    card.paste(photo, (x0, y0))


def draw_document(kind: str, zone: dict, rng: random.Random, fonts) -> tuple[Image.Image, str]:
    """The card or data page (RGB) and the name of the zone's font."""
    mrz_fonts, text_fonts = fonts
    mm = rng.uniform(10.0, 14.0)
    size_mm = (125.0, 88.0) if kind == "td3" else (85.6, 54.0)
    w, h = round(size_mm[0] * mm), round(size_mm[1] * mm)
    card = Image.new("RGB", (w, h), _pastel(rng))
    # a soft gradient, then guilloche
    grad = np.linspace(rng.uniform(-20, 0), rng.uniform(0, 20), w, dtype=np.float32)
    arr = np.asarray(card, dtype=np.float32) + grad[None, :, None]
    card = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(card)
    _guilloche(draw, w, h, rng)
    ink = _ink(rng)
    text_name = rng.choice(sorted(text_fonts))
    text_path = text_fonts[text_name]
    title = ImageFont.truetype(text_path, round(mm * rng.uniform(3.0, 4.2)))
    label = ImageFont.truetype(text_path, round(mm * rng.uniform(1.5, 1.9)))
    value = ImageFont.truetype(text_path, round(mm * rng.uniform(2.2, 2.8)))
    state = zone["state"].replace("<", "")
    header = "KONINKRIJK DER NEDERLANDEN" if state == "NLD" else f"{state} - REPUBLIC"
    draw.text((mm * 4, mm * 3), header, font=label, fill=ink)
    draw.text((mm * 4, mm * 6), rng.choice(_TITLES[kind]), font=title, fill=ink)
    # zone geometry: 2.54 mm pitch (+- 6 %), lines 4.2 to 5 mm apart, 3 to 6 mm from the
    # bottom; the photo and the fields fill the space above it
    lines = zone["lines"]
    pitch = 2.54 * mm * rng.uniform(0.94, 1.06)
    line_gap = mm * rng.uniform(4.2, 5.0)
    zone_w = pitch * len(lines[0])
    x0 = max(mm * 2, (w - zone_w) / 2 + rng.uniform(-2, 2) * mm)
    bottom = h - mm * rng.uniform(3.0, 6.0)
    top_of_zone = bottom - line_gap * (len(lines) - 1) - 2.6 * mm
    if rng.random() < 0.5:  # a clear band behind the zone, as many documents have
        draw.rectangle((0, top_of_zone - mm, w, h), fill=tuple(min(255, c + 25) for c in
                                                               _pastel(rng)))  # fmt: skip
        if rng.random() < 0.5:
            _guilloche(ImageDraw.Draw(card), w, h, random.Random(rng.random()))
    has_photo = kind == "td3" or rng.random() < 0.6
    fields_x = mm * 4
    if has_photo:
        pw, ph = mm * rng.uniform(24, 32), mm * rng.uniform(30, 38)
        ph = min(ph, top_of_zone - mm * 14)
        left = rng.random() < 0.8
        px = mm * 4 if left else w - mm * 4 - pw
        py = mm * 12
        _photo_box(card, (round(px), round(py), round(px + pw), round(py + ph)), rng)
        if left:
            fields_x = px + pw + mm * 4
    y = mm * 12
    values = {
        "surname": zone["surname"], "given": zone["given"],
        "birth": zone["birth"].strftime("%d %m %Y"), "sex": zone["sex"].replace("<", "X"),
        "nat": zone["state"].replace("<", ""), "number": zone["number"],
        "expiry": date.fromisoformat(zone["valid_until"]).strftime("%d.%m.%Y"),
        "height": f"1,{rng.randint(55, 95)} m",
    }  # fmt: skip
    order = list(_LABELS)
    rng.shuffle(order)
    column = fields_x
    for lab, key in order:
        if y + mm * 7 > top_of_zone - mm:
            if column > w / 2 or kind != "td3":
                break
            column, y = column + (w - column) / 2, mm * 12
        draw.text((column, y), lab, font=label, fill=ink)
        draw.text((column, y + mm * 2.2), values[key], font=value, fill=ink)
        y += mm * 6.2
    # the zone, one character per cell
    mrz_name = rng.choice(sorted(mrz_fonts))
    cap = mm * rng.uniform(2.3, 2.7)
    font = _font_for_cap_height(mrz_fonts[mrz_name], cap)
    zone_ink = rng.choice([(0, 0, 0), (20, 20, 20), (35, 30, 45)])
    for n, line in enumerate(lines):
        baseline = bottom - line_gap * (len(lines) - 1 - n)
        for i, ch in enumerate(line):
            draw.text((x0 + (i + 0.5) * pitch, baseline), ch, font=font, fill=zone_ink,
                      anchor="ms")  # fmt: skip
    return card, mrz_name


# ---------------------------------------------------------------------- the artefacts


def _perspective_coeffs(src: list[tuple[float, float]], dst: list[tuple[float, float]]):
    """Coefficients for Image.transform(PERSPECTIVE) mapping output `dst` to input `src`."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return np.linalg.solve(np.array(rows, float), np.array(rhs, float)).tolist()


def _table(size: tuple[int, int], rng: random.Random, nrng) -> Image.Image:
    """A table top: a colour, a gradient and coarse grain."""
    w, h = size
    base = np.array([rng.randint(60, 200) for _ in range(3)], np.float32)
    yy = np.linspace(-1, 1, h, dtype=np.float32)[:, None, None]
    grain = nrng.normal(0, 12, (h // 8 + 1, w // 8 + 1, 1)).astype(np.float32)
    grain = np.kron(grain, np.ones((8, 8, 1), np.float32))[:h, :w]
    arr = base[None, None, :] + 25 * yy + grain
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")


def _light(img: Image.Image, strength: float, angle: float) -> Image.Image:
    """Uneven light: a linear ramp at `angle` and a vignette."""
    arr = np.asarray(img, dtype=np.float32)
    h, w = arr.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ramp = (xx / w - 0.5) * math.cos(angle) + (yy / h - 0.5) * math.sin(angle)
    vignette = ((xx / w - 0.5) ** 2 + (yy / h - 0.5) ** 2) * 0.8
    factor = 1.0 - strength * (ramp + 0.5) - vignette * strength
    arr = arr * factor[..., None] if arr.ndim == 3 else arr * factor
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), img.mode)


def _noise(img: Image.Image, sigma: float, nrng) -> Image.Image:
    arr = np.asarray(img, dtype=np.float32)
    arr = arr + nrng.normal(0, sigma, arr.shape).astype(np.float32)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), img.mode)


def _moire(img: Image.Image, rng: random.Random) -> Image.Image:
    arr = np.asarray(img, dtype=np.float32)
    h, w = arr.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    a, period = rng.uniform(0, math.pi), rng.uniform(3.0, 7.0)
    wave = np.sin((xx * math.cos(a) + yy * math.sin(a)) * 2 * math.pi / period)
    wave2 = np.sin((xx * math.cos(a + 0.1) + yy * math.sin(a + 0.1)) * 2 * math.pi / period)
    factor = 1.0 + rng.uniform(0.06, 0.14) * (wave * wave2)
    arr = arr * factor[..., None] if arr.ndim == 3 else arr * factor
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), img.mode)


def _jpeg(img: Image.Image, quality: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def _turn(img: Image.Image, turn: int) -> Image.Image:
    methods = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180,
               270: Image.Transpose.ROTATE_270}  # fmt: skip
    return img.transpose(methods[turn]) if turn else img


def phone_photo(card: Image.Image, rng: random.Random, nrng, screen: bool) -> tuple[bytes, dict]:
    """The card photographed on a table (or shown on a screen and photographed)."""
    out_w = rng.choice([1280, 1600, 2016, 2048])
    out_h = out_w * 3 // 4
    fill = rng.uniform(0.5, 0.85)  # share of the photo's width the card spans
    cw = out_w * fill
    ch = cw * card.height / card.width
    if ch > out_h * 0.9:
        ch = out_h * 0.9
        cw = ch * card.width / card.height
    cx = out_w / 2 + rng.uniform(-0.1, 0.1) * out_w
    cy = out_h / 2 + rng.uniform(-0.05, 0.05) * out_h
    angle = math.radians(rng.uniform(-3.0, 3.0))
    jitter = rng.uniform(0.0, 0.06)
    corners = []
    for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        x, y = sx * cw / 2, sy * ch / 2
        x += rng.uniform(-jitter, jitter) * cw
        y += rng.uniform(-jitter, jitter) * ch
        corners.append((cx + x * math.cos(angle) - y * math.sin(angle),
                        cy + x * math.sin(angle) + y * math.cos(angle)))  # fmt: skip
    src = [(0, 0), (card.width, 0), (card.width, card.height), (0, card.height)]
    coeffs = _perspective_coeffs(src, corners)
    scene = (
        _table((out_w, out_h), rng, nrng)
        if not screen
        else Image.new("RGB", (out_w, out_h), (15, 15, 18))
    )
    warped = card.transform((out_w, out_h), Image.Transform.PERSPECTIVE, coeffs,
                            Image.Resampling.BICUBIC)  # fmt: skip
    mask = Image.new("L", card.size, 255).transform(
        (out_w, out_h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR
    )
    scene.paste(warped, (0, 0), mask)
    p = {"size": [out_w, out_h], "fill": round(fill, 2), "angle": round(math.degrees(angle), 2),
         "perspective": round(jitter, 3)}  # fmt: skip
    if screen:
        scene = _moire(scene, rng)
        p["moire"] = True
    strength = rng.uniform(0.0, 0.45)
    scene = _light(scene, strength, rng.uniform(0, 2 * math.pi))
    blur = rng.choice([0.0, 0.6, 1.0, 1.4])
    if blur:
        scene = scene.filter(ImageFilter.GaussianBlur(blur))
    sigma = rng.uniform(2.0, 9.0)
    scene = _noise(scene, sigma, nrng)
    turn = rng.choices([0, 90, 180, 270], weights=[6, 2, 1, 1])[0]
    scene = _turn(scene, turn)
    quality = rng.randint(40, 70)
    p.update(light=round(strength, 2), blur=blur, noise=round(sigma, 1), turn=turn,
             jpeg_quality=quality)  # fmt: skip
    return _jpeg(scene, quality), p


def desk_scan(card: Image.Image, rng: random.Random, nrng, fmt: str) -> tuple[bytes, dict]:
    """The card on a flatbed at 300 dpi (scaled from its drawing), a small skew, gray or
    colour, PNG or JPEG."""
    dpi = rng.choice([200, 300])
    scale = dpi / 25.4 / (card.width / (85.6 if card.width / card.height > 1.5 else 125.0))
    img = card.resize((round(card.width * scale), round(card.height * scale)),
                      Image.Resampling.LANCZOS)  # fmt: skip
    margin = round(dpi * 0.4)
    page = Image.new("RGB", (img.width + 2 * margin, img.height + 2 * margin), (250, 250, 248))
    page.paste(img, (margin, margin))
    angle = rng.uniform(-1.5, 1.5)
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True,
                       fillcolor=(250, 250, 248))  # fmt: skip
    if rng.random() < 0.5:
        page = page.convert("L")
    page = _noise(page, rng.uniform(1.0, 5.0), nrng)
    p = {"dpi": dpi, "angle": round(angle, 2), "mode": page.mode}
    buf = io.BytesIO()
    if fmt == "png":
        page.save(buf, "PNG", dpi=(dpi, dpi))
    else:
        quality = rng.randint(40, 70)
        page.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi))
        p["jpeg_quality"] = quality
    return buf.getvalue(), p


def _front(kind: str, zone: dict, rng: random.Random, fonts) -> Image.Image:
    """The other side of a card: title, photo and fields, no zone."""
    card, _ = draw_document(kind, dict(zone, lines=["<" * 30]), rng, fonts)
    # cover the placeholder zone with the card's own colour: the front has no zone
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, card.height * 0.72, card.width, card.height), fill=card.getpixel((2, 2)))
    return card


def pdf_scan(
    kind: str, card: Image.Image, zone: dict, rng: random.Random, nrng, fonts
) -> tuple[bytes, dict]:
    """An image-only PDF: A4 at 150 to 300 dpi, the document at its real size near the
    top, sometimes a first page with the card's front; JPEG inside, gray or colour."""
    dpi = rng.choice([150, 200, 200, 300])
    px_mm = dpi / 25.4
    width_mm = 125.0 if kind == "td3" else 85.6
    gray = rng.random() < 0.6
    quality = rng.randint(45, 75)

    def page_with(img: Image.Image) -> Image.Image:
        page = Image.new("RGB", (round(210 * px_mm), round(297 * px_mm)), (252, 252, 250))
        scale = width_mm * px_mm / img.width
        small = img.resize((round(img.width * scale), round(img.height * scale)),
                           Image.Resampling.LANCZOS)  # fmt: skip
        angle = rng.uniform(-2.0, 2.0)
        small = small.convert("RGBA").rotate(angle, resample=Image.Resampling.BICUBIC,
                                             expand=True)  # fmt: skip
        x = round(rng.uniform(15, 210 - width_mm - 15) * px_mm)
        y = round(rng.uniform(15, 120) * px_mm)
        page.paste(small, (x, y), small)
        page = _light(page, rng.uniform(0.0, 0.15), rng.uniform(0, 6.28))
        page = _noise(page, rng.uniform(1.5, 6.0), nrng)
        if rng.random() < 0.4:
            page = page.filter(ImageFilter.GaussianBlur(rng.choice([0.5, 0.8])))
        return page.convert("L") if gray else page

    pages = []
    two = kind != "td3" and rng.random() < 0.4
    if two:
        pages.append(page_with(_front(kind, zone, rng, fonts)))
    pages.append(page_with(card))
    buf = io.BytesIO()
    fixed = "D:20260101000000"
    pages[0].save(buf, "PDF", resolution=dpi, quality=quality, save_all=True,
                  append_images=pages[1:], creationDate=fixed, modDate=fixed)  # fmt: skip
    return buf.getvalue(), {"dpi": dpi, "pages": len(pages), "gray": gray, "jpeg_quality": quality}


# ------------------------------------------------------------------------------ main

_SCENES = ["photo", "pdf", "photo", "scan_png", "pdf", "photo", "scan_jpg", "screen"]
_KINDS = ["td1", "td3", "residence"]


def make(out: Path, count: int, seed: int, font_dir: str | None) -> None:
    fonts = find_fonts(font_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    lines = []
    for i in range(count):
        kind = _KINDS[i % len(_KINDS)]
        scene = _SCENES[(i // len(_KINDS)) % len(_SCENES)]
        zone = make_zone(kind, rng)
        valid = i % 13 != 12
        if not valid:
            zone["lines"] = _break(zone["lines"], rng)
        card, mrz_font = draw_document(kind, zone, rng, fonts)
        if scene in ("photo", "screen"):
            data, p = phone_photo(card, rng, nrng, screen=scene == "screen")
            ext = "jpg"
        elif scene == "pdf":
            data, p = pdf_scan(kind, card, zone, rng, nrng, fonts)
            ext = "pdf"
        else:
            fmt = scene.split("_")[1]
            data, p = desk_scan(card, rng, nrng, fmt)
            ext = fmt
        name = f"{i:03d}_{kind}_{scene}.{ext}"
        (out / name).write_bytes(data)
        lines.append(
            json.dumps(
                {
                    "file": name,
                    "kind": kind,
                    "scene": scene,
                    "zone": zone["lines"],
                    "number": zone["number"],
                    "valid_until": zone["valid_until"],
                    "valid": valid,
                    "mrz_font": mrz_font,
                    "artefacts": p,
                }
            )
        )
    (out / "truth.jsonl").write_text("\n".join(lines) + "\n")
    fonts_used = sorted(set(fonts[0]))
    print(json.dumps({"images": count, "out": str(out), "zone_fonts": fonts_used}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=78)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--fonts", default=os.environ.get("ZEEF_BENCH_FONTS"))
    args = parser.parse_args()
    make(args.out, args.count, args.seed, args.fonts)


if __name__ == "__main__":
    main()
