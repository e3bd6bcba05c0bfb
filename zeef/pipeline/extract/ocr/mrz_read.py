"""Reading a machine-readable zone that `mrz_locate` found: several ways, one text each.

`readings` cuts each zone the locator finds out of the page (`mrz_locate.zone_image`),
scales it so that the characters are `_CAP_HEIGHT` pixels high, pads it white and reads
it in the ways `_VARIANTS` lists: binarisations (the grey image stretched, a
Sauvola-like local threshold, the background divided out and Otsu), page segmentation
(one block, ``--psm 6``, or line by line, ``--psm 7``/``13``) and alphabets, with
Tesseract limited to ``A-Z0-9<`` (the ``mrz`` or ``ocrb`` model when Tesseract has one,
English otherwise, its dictionaries off). A candidate whose first reading does not look
like a zone is read turned half a turn (a card upside down), then once more in another
binarisation, and dropped when it still does not. Long filler runs, which Tesseract
reads short, are grown to the zone's width at a line's end (`fit_widths`); readings
made without the letters that stand for digits only change the document number's
field of a whole-alphabet reading, one character (`digits_from`).

Each reading is yielded as a text; the caller (`zones.mrz_readings`) lets the check
digits judge. The readings stop, without raising, at the caller's deadline. Nothing
here logs or raises what was read.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Iterator

import numpy as np
from PIL import Image, ImageOps
from scipy import ndimage as ndi

from zeef.pipeline.extract.ocr import engine as _tess
from zeef.pipeline.extract.ocr.engine import _Engine
from zeef.pipeline.extract.ocr.mrz_locate import Candidate, _otsu, locate, zone_image

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
# Models made for the zone's font (OCR-B), used when Tesseract lists one.
_ZONE_MODELS = ("mrz", "ocrb")
_CAP_HEIGHT = 32  # pixels: the characters' height Tesseract gets


# ----------------------------------------------------------------------- binarising


def _stretched(zone: Image.Image) -> Image.Image:
    return ImageOps.autocontrast(zone, cutoff=1)


def _sauvola(zone: Image.Image, cap: float) -> Image.Image:
    arr = np.asarray(zone, dtype=np.float32)
    window = max(15, int(cap * 1.5) | 1)
    mean = ndi.uniform_filter(arr, window)
    sq = ndi.uniform_filter(arr * arr, window)
    std = np.sqrt(np.maximum(sq - mean * mean, 0.0))
    threshold = mean * (1.0 + 0.2 * (std / 128.0 - 1.0))
    return Image.fromarray(np.where(arr > threshold, 255, 0).astype(np.uint8))


def _flattened(zone: Image.Image, cap: float) -> Image.Image:
    """The background (a grey closing wider than the characters) divided out, then Otsu."""
    arr = np.asarray(zone, dtype=np.float32)
    size = max(9, int(cap * 1.6))
    background = ndi.grey_closing(arr, size=(size, size))
    flat = np.clip(arr / np.maximum(background, 1.0) * 255.0, 0, 255)
    return Image.fromarray(np.where(flat > _otsu(flat), 255, 0).astype(np.uint8))


# Alphabets without letters that Tesseract's English model reads for digits (a 0 between
# letters comes out as O or Q): without them it reads such a glyph as the next best
# character, mostly the digit, but elsewhere in the zone a letter it may no longer read
# becomes another letter (an R for a B in the optional data, which only the composite
# check digit covers), and a Q may become a G (which weighs the same). So such a
# reading is never given as it stands: it only tells what the letters it could not read
# are, in the document number's field of a reading with the whole alphabet
# (`digits_from`), where the check digit tells them apart. Left out: O and Q (0), I (1,
# J), Z (2), B (8); not S (read as 8, which weighs the same) nor G (6).
_NO_O = "".join(ch for ch in ALPHABET if ch not in "OQ")
_NO_LOOKALIKES = "".join(ch for ch in ALPHABET if ch not in "OQIZB")
_LEFT_OUT = frozenset("OQIZB")

# (binarisation, cap height factor, psm: 6 one block, 7 or 13 line by line, alphabet)
_VARIANTS = (
    ("grey", 1.0, 6, ALPHABET),
    ("grey", 1.0, 6, _NO_O),
    ("grey", 1.0, 6, _NO_LOOKALIKES),
    ("sauvola", 1.0, 6, ALPHABET),
    ("grey", 1.0, 7, ALPHABET),
    ("flat", 1.15, 6, _NO_O),
    ("sauvola", 1.25, 13, ALPHABET),
    ("grey", 0.8, 6, ALPHABET),
    ("flat", 1.0, 7, _NO_LOOKALIKES),
)
_SECOND_LOOK = ("sauvola", 1.0, 6, ALPHABET)


def _binarised(zone: Image.Image, kind: str, cap: float) -> Image.Image:
    if kind == "sauvola":
        return _sauvola(zone, cap)
    if kind == "flat":
        return _flattened(zone, cap)
    return _stretched(zone)


def _padded(image: Image.Image, pad: int) -> Image.Image:
    return ImageOps.expand(image, border=pad, fill=255)


# --------------------------------------------------------------------------- reading

_ZONE_LINE = re.compile(r"[A-Z0-9<]{20,}")


def looks_like_zone(text: str) -> bool:
    """Two lines of at least 20 zone characters, or one of 28 with a filler run: a zone
    read, rightly or not (a page read upside down gives short or filler-less lines)."""
    runs = [m for line in text.splitlines() for m in _ZONE_LINE.findall(line.replace(" ", ""))]
    if len(runs) >= 2 and any("<<" in r or "KK" in r for r in runs):
        return True
    return any(len(r) >= 28 and "<<" in r for r in runs)


_FILLERS = re.compile(r"<[<K]*<")
_LAST_RUN = re.compile(r"<+(?=[A-Z0-9]{0,2}$)")
_WIDTHS = (30, 36, 44)


def fit_widths(text: str) -> str:
    """The zone lines of a reading with their last filler run grown to the zone's width
    (30, 36 or 44: the smallest that the longest line, give or take two, fits):
    Tesseract reads long runs of '<' short. Only the run at a line's end (or before its
    last one or two characters, the check digits) grows: past the document number, the
    dates and their check digits, in the optional data or the name, which the composite
    check digit covers or nothing is read from. Other lines stay as read."""
    lines = [re.sub(r"\s+", "", line) for line in text.splitlines()]
    zone = [line for line in lines if len(line) >= 20 and _ZONE_LINE.fullmatch(line)]
    if not zone:
        return text
    longest = max(len(line) for line in zone)
    width = next((w for w in _WIDTHS if w >= longest - 2), None)
    if width is None:
        return text
    out = []
    for line in lines:
        if line in zone and len(line) < width:
            line = _FILLERS.sub(lambda m: "<" * len(m.group()), line)
            run = _LAST_RUN.search(line)
            if run is not None:
                line = line[: run.end()] + "<" * (width - len(line)) + line[run.end() :]
        out.append(line)
    return "\n".join(out)


def _zone_lines(text: str) -> list[str]:
    lines = [re.sub(r"\s+", "", line) for line in text.splitlines()]
    return [line for line in lines if len(line) >= 20 and _ZONE_LINE.fullmatch(line)]


def _weight(ch: str) -> int:
    """A zone character's value modulo 10: what a check digit sees of it."""
    return 0 if ch == "<" else int(ch, 36) % 10


def digits_from(base: str, restricted: str) -> str | None:
    """`base` (a reading with the whole alphabet) where, in its document number's field,
    a letter that `restricted` (a reading without it) could not read is what
    `restricted` read there instead: one such character only, and only where the two
    weigh differently for the check digits (so that a wrong change fails the number's
    check digit: never an S for an 8 or a G for a 6; two changes could cancel out).
    None when the two do not line up (zone lines of other widths, any other difference
    in the field) or nothing would change; the rest of `base` stays as it was read."""
    ours, theirs = _zone_lines(base), _zone_lines(restricted)
    width = len(ours[0]) if ours else 0
    if width not in _WIDTHS or len(ours) < 2 or len(theirs) != len(ours):
        return None
    if any(len(line) != width for line in ours + theirs):
        return None
    row, start, end = (0, 5, 15) if width == 30 else (1, 0, 10)
    line, other = ours[row], theirs[row]
    changes = [i for i in range(start, end) if line[i] != other[i]]
    if len(changes) != 1:
        return None  # two changes can cancel out in a check digit
    i = changes[0]
    if line[i] not in _LEFT_OUT or _weight(line[i]) == _weight(other[i]):
        return None
    ours[row] = line[:i] + other[i] + line[i + 1 :]
    return "\n".join(ours)


def zone_config(engine: _Engine, alphabet: str = ALPHABET) -> tuple[str, ...]:
    model = next((m for m in _ZONE_MODELS if m in engine.languages), "eng")
    return (
        "-l", model, "-c", f"tessedit_char_whitelist={alphabet}",
        "-c", "load_system_dawg=0", "-c", "load_freq_dawg=0",
    )  # fmt: skip


def _read(
    engine: _Engine, image: Image.Image, psm: int, alphabet: str, deadline: float
) -> tuple[str, float]:
    """Tesseract on one prepared image: (text, mean confidence). Raises TimeoutError."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    reading = _tess._tesseract(engine, image, psm, None, left, zone_config(engine, alphabet))
    if reading is None:
        return "", 0.0
    lines: dict[tuple[int, int, int], list[str]] = {}
    for block, par, row, text, *_ in reading.words:
        lines.setdefault((block, par, row), []).append(text)
    return "\n".join("".join(words) for words in lines.values()), reading.score


def _variant(
    engine: _Engine, zone: Image.Image, bands, variant: tuple[str, float, int, str],
    deadline: float,
) -> tuple[str, float]:  # fmt: skip
    kind, factor, psm, alphabet = variant
    cap = _cap(zone, bands)
    scale = _CAP_HEIGHT * factor / cap
    size = (max(1, round(zone.width * scale)), max(1, round(zone.height * scale)))
    if size[0] * size[1] > _tess.MAX_OCR_PIXELS:
        return "", 0.0
    image = zone.resize(size, Image.Resampling.LANCZOS)
    image = _binarised(image, kind, _CAP_HEIGHT * factor)
    if psm == 6 or not bands:
        return _read(engine, _padded(image, 20), 6, alphabet, deadline)
    texts, scores = [], []
    for top, bottom in bands:
        pad = (bottom - top) * 0.35
        line = image.crop(
            (0, max(0, round((top - pad) * scale)), image.width,
             min(image.height, round((bottom + pad) * scale)))
        )  # fmt: skip
        text, score = _read(engine, _padded(line, 16), psm, alphabet, deadline)
        texts.append(text.replace("\n", ""))
        scores.append(score)
    return "\n".join(texts), sum(scores) / len(scores)


def _cap(zone: Image.Image, bands) -> float:
    """The characters' height in the crop: the median band, or a share of the crop."""
    if bands:
        heights = sorted(b - a for a, b in bands)
        return max(float(heights[len(heights) // 2]), 4.0)
    return max(zone.height / 4.0, 4.0)


def readings(engine: _Engine, gray: Image.Image, deadline: float) -> Iterator[str]:
    """Texts read from the zones `locate` finds in the page, one per reading (see the
    module's docstring). Stops, without raising, at `deadline`."""
    try:
        for cand in locate(gray):
            yield from _readings_of(engine, gray, cand, deadline)
    except TimeoutError:
        return


def _first_look(
    engine: _Engine, zone: Image.Image, bands, deadline: float
) -> tuple[Image.Image, list[tuple[int, int]], str, bool] | None:
    """The zone the right way up, its lines, its first reading and whether it was
    turned half a turn; None when it reads as no zone."""
    text, score = _variant(engine, zone, bands, _VARIANTS[0], deadline)
    if looks_like_zone(text):
        return zone, bands, text, False
    upside = zone.transpose(Image.Transpose.ROTATE_180)
    upside_bands = [(zone.height - b, zone.height - a) for a, b in reversed(bands)]
    other, other_score = _variant(engine, upside, upside_bands, _VARIANTS[0], deadline)
    flipped = looks_like_zone(other) or other_score > score
    if flipped:
        zone, bands, text = upside, upside_bands, other
    if not looks_like_zone(text):
        # one more try (another binarisation) before the candidate counts as no zone
        text, _ = _variant(engine, zone, bands, _SECOND_LOOK, deadline)
        if not looks_like_zone(text):
            return None
    return zone, bands, text, flipped


def _readings_of(engine: _Engine, gray: Image.Image, cand: Candidate, deadline: float):
    zone, bands = zone_image(gray, cand)
    if zone.width < 16 or zone.height < 8:
        return
    first = _first_look(engine, zone, bands, deadline)
    if first is None:
        return
    zone, bands, text, _ = first
    bases, restricted, given = [fit_widths(text)], [], set()
    yield bases[0]
    for variant in _VARIANTS[1:]:
        text, _ = _variant(engine, zone, bands, variant, deadline)
        text = fit_widths(text)
        if variant[3] == ALPHABET:
            bases.append(text)
            yield text
            pairs = [(text, other) for other in restricted]
        else:
            restricted.append(text)
            pairs = [(base, text) for base in bases]
        for base, other in pairs:
            merged = digits_from(base, other)
            if merged is not None and merged not in given:
                given.add(merged)
                yield merged


def zone_lines(
    engine: _Engine, gray: Image.Image, deadline: float
) -> list[tuple[str, tuple[int, int, int, int]]]:
    """For a page where the first reading found no text: the first zone found by its
    shape that reads as one (one reading), as its lines, each with a box (left, top,
    width, height) in `gray`'s pixels: the zone's box cut in equal strips, enough for
    the words of a page that is only an ID copy. [] when there is none. Raises
    TimeoutError."""
    for cand in locate(gray):
        zone, bands = zone_image(gray, cand)
        if zone.width < 16 or zone.height < 8:
            continue
        first = _first_look(engine, zone, bands, deadline)
        if first is None:
            continue
        _, _, text, flipped = first
        lines = [line for line in fit_widths(text).splitlines() if line.strip()]
        boxes = _strips(gray.size, cand, len(lines))
        if flipped:
            boxes.reverse()
        return list(zip(lines, boxes, strict=True))
    return []


def _strips(size: tuple[int, int], cand: Candidate, count: int) -> list[tuple[int, int, int, int]]:
    """`count` boxes, one per line, across the candidate's zone, in the page's pixels."""
    a = math.radians(cand.angle)
    thick = cand.height / count
    boxes = []
    for k in range(count):
        offset = (k - (count - 1) / 2) * thick
        cx, cy = cand.cx + offset * math.sin(a), cand.cy + offset * math.cos(a)
        half_w = cand.length / 2 * abs(math.cos(a)) + thick / 2 * abs(math.sin(a))
        half_h = cand.length / 2 * abs(math.sin(a)) + thick / 2 * abs(math.cos(a))
        box = (cx - half_w, cy - half_h, 2 * half_w, 2 * half_h)
        if cand.turn == 90:  # found on the page turned a quarter: back to the page
            left, top, w, h = box
            box = (size[0] - top - h, left, h, w)
        boxes.append(tuple(max(0, round(v)) for v in box))
    return boxes
