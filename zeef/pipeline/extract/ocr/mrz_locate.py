"""Finding a machine-readable zone by its shape, and cutting it out level.

ICAO 9303 zones are two or three lines of 30, 36 or 44 evenly spaced characters of one
size near the bottom of a card or data page. `locate` finds them in a page image
without reading it (after PassportEye's detector, with numpy and scipy.ndimage):

1. the page is reduced to two working sizes (long side `_WORK_SIDES`: small print on a
   large scan, large print on a close-up photo), and each is looked at as it is and
   turned a quarter (the lines of a card photographed sideways then run across);
2. dark print is brought out by a black-hat (a grey closing with a wide flat kernel,
   minus the image), and once more by the black-hat divided by the closing (how much
   darker than its surroundings, as a share of their brightness: a zone in a photo's
   shadow has little contrast left, but as much, relatively, as print in the light);
   in each, its horizontal gradient (Sobel) is closed along the lines so that
   a line's characters join, and thresholded (Otsu among the pixels with a response:
   faint guilloche falls below, print above);
3. the connected blobs are measured by their moments and extents (centre, tilt,
   length, thickness); a line is long, thin, full and tilted at most `_MAX_TILT`
   degrees; two or three lines of about the same length, tilt and left edge, stacked
   evenly at a line's distance, are a zone (a blob as thick as a whole zone, where blur
   merged its lines, is one too);
4. the candidates of all sizes, turns and both black-hats are merged where they overlap
   (a zone found in both is cut as the plain black-hat found it) and ranked (three
   lines before two, two before a merged blob, longer before shorter); at most
   `_MAX_CANDIDATES` are kept.

`zone_image` cuts a candidate out of the page at full resolution with a margin, turns
it level (the detector's tilt, then the small angle whose rows of ink are sharpest),
trims dark edges beyond it (a card's edge, the table) and finds its lines (the row
profile). `mrz_read` reads it.

Bounds: the detector works on at most `_WORK_SIDES[0]` pixels a side whatever the page
size (0.3 to 0.6 s a page). Nothing here reads text, logs or raises.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image
from scipy import ndimage as ndi

_WORK_SIDES = (1200, 700)  # long side of the two detection images
_BLACKHAT = (7, 21)  # rows, columns: wider than a character's strokes
_JOIN = (3, 17)  # closes the gaps between a line's characters, not between lines
_MAX_TILT = 12.0  # degrees; more is another quarter turn's business
_MIN_LENGTH = 0.2  # of the working image's shorter side
_MAX_CANDIDATES = 3
_MARGIN = 1.0  # of a line's thickness, above and below the zone


@dataclass(frozen=True)
class Candidate:
    """A zone found by its shape, in the coordinates of the page turned `turn` degrees
    (PIL, counter-clockwise) at full resolution."""

    turn: int
    cx: float
    cy: float
    angle: float  # degrees the lines rise to the right (image y points down)
    length: float
    height: float  # the whole zone, top of its first line to bottom of its last
    lines: int  # line blobs found; 0 for one blob where the lines had merged
    score: float


@dataclass(frozen=True)
class _Blob:
    cx: float
    cy: float
    angle: float
    length: float
    thick: float
    fill: float


# ------------------------------------------------------------------------ detection


def _otsu(values: np.ndarray) -> float:
    """Otsu's threshold of an array of values in 0..255."""
    hist = np.bincount(np.clip(values, 0, 255).astype(np.uint8).ravel(), minlength=256)
    hist = hist.astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128.0
    levels = np.arange(256, dtype=np.float64)
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * levels)
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean[-1] * weight - mean * total) ** 2 / (weight * (total - weight))
    between = np.nan_to_num(between)
    return float(np.argmax(between))


def _closing(arr: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Grey closing with a flat rows x cols rectangle, as four 1-D passes."""
    out = ndi.maximum_filter1d(arr, cols, axis=1)
    out = ndi.maximum_filter1d(out, rows, axis=0)
    out = ndi.minimum_filter1d(out, rows, axis=0)
    return ndi.minimum_filter1d(out, cols, axis=1)


def _print_maps(work: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How much darker than its surroundings each pixel of a working image is (a
    black-hat: >= 0, a closing never darkens): as it is, and as a share of the
    surroundings' brightness, in which print in a photo's shadow is as dark as print
    in the light."""
    background = _closing(work, *_BLACKHAT)
    absolute = background - work
    relative = absolute.astype(np.float32) / np.maximum(background, 1).astype(np.float32)
    return absolute, (relative * 255.0).astype(np.uint8)


def _blobs(blackhat: np.ndarray) -> list[_Blob]:
    """Long, thin blobs of dark print in a black-hat of a working image."""
    gradient = np.abs(ndi.sobel(blackhat.astype(np.int16), axis=1))
    counts = np.bincount(np.minimum(gradient, 4095).ravel(), minlength=4096)
    top = int(np.searchsorted(np.cumsum(counts), 0.995 * gradient.size))
    if top <= 4:
        return []  # no print at all
    gradient = np.minimum(gradient * (255.0 / top), 255.0).astype(np.uint8)
    joined = _closing(gradient, *_JOIN)
    # Otsu among the pixels with some response: print from the fainter background
    # patterns (guilloche), not everything from the paper
    lit = joined[joined > 24]
    if lit.size < 100:
        return []
    mask = joined > max(_otsu(lit), 60.0)
    mask = ndi.binary_opening(mask, structure=np.ones((2, 5), bool))
    labels, count = ndi.label(mask, structure=np.ones((3, 3), bool))
    if not count:
        return []
    min_length = _MIN_LENGTH * min(blackhat.shape)
    out = []
    for index, box in enumerate(ndi.find_objects(labels), start=1):
        if box is None:
            continue
        rows, cols = box
        if cols.stop - cols.start < min_length:
            continue
        ys, xs = np.nonzero(labels[box] == index)
        if len(xs) < 20:
            continue
        ys = ys.astype(np.float64) + rows.start
        xs = xs.astype(np.float64) + cols.start
        cx, cy = xs.mean(), ys.mean()
        cov = np.cov(np.vstack((xs - cx, ys - cy)))
        evals, evecs = np.linalg.eigh(cov)
        major = evecs[:, 1]
        angle = math.degrees(math.atan2(-major[1], major[0]))
        if angle > 90:
            angle -= 180
        elif angle < -90:
            angle += 180
        a = math.radians(angle)
        along = (xs - cx) * math.cos(a) - (ys - cy) * math.sin(a)
        across = (xs - cx) * math.sin(a) + (ys - cy) * math.cos(a)
        start, end = float(along.min()), float(along.max())
        top, bottom = np.percentile(across, (2, 98))
        length, thick = float(end - start), max(float(bottom - top), 1.0)
        if abs(angle) > _MAX_TILT or length < min_length:
            continue
        # the centre of the blob's extent (print is heavier at a zone's left end)
        mid, middle = (start + end) / 2, (top + bottom) / 2
        cx += mid * math.cos(a) + middle * math.sin(a)
        cy += -mid * math.sin(a) + middle * math.cos(a)
        out.append(_Blob(float(cx), float(cy), angle, length, thick, len(xs) / (length * thick)))
    return out


def _across(blob: _Blob, angle: float) -> float:
    """The blob's centre measured across lines tilted `angle` degrees (downwards)."""
    a = math.radians(angle)
    return blob.cx * math.sin(a) + blob.cy * math.cos(a)


def _along(blob: _Blob, angle: float) -> float:
    a = math.radians(angle)
    return blob.cx * math.cos(a) - blob.cy * math.sin(a)


def _zones(blobs: list[_Blob]) -> list[tuple[list[_Blob], float]]:
    """Groups of blobs that may be a zone, each with a score."""
    lines = [b for b in blobs if b.length >= 10 * b.thick and b.fill >= 0.45]
    merged = [b for b in blobs if 3 <= b.length / b.thick < 10 and b.fill >= 0.6]
    out: list[tuple[list[_Blob], float]] = []
    lines.sort(key=lambda b: b.cy)
    for i, first in enumerate(lines):
        group = [first]
        for other in lines[i + 1 :]:
            last = group[-1]
            angle = (first.angle + other.angle) / 2
            gap = _across(other, angle) - _across(last, angle)
            thick = (last.thick + other.thick) / 2
            if not 1.2 * thick <= gap <= 3.6 * thick:
                continue
            if abs(other.angle - first.angle) > 3.0:
                continue
            if min(other.length, first.length) < 0.8 * max(other.length, first.length):
                continue
            if abs(_along(other, angle) - _along(first, angle)) > 0.12 * first.length:
                continue
            if len(group) > 1:  # evenly spaced
                previous = _across(group[-1], angle) - _across(group[-2], angle)
                if not 0.75 * previous <= gap <= 1.33 * previous:
                    continue
            group.append(other)
            if len(group) == 3:
                break
        if len(group) >= 2:
            out.append((group, 2.0 + len(group)))
        else:
            out.append((group, 1.0))
    out += [([b], 3.0) for b in merged]
    return out


def _candidates_in(blackhat: np.ndarray, turn: int, factor: float) -> list[Candidate]:
    """Candidates in a black-hat of a working image turned `turn` (0 or 90), in
    full-resolution coordinates of the page turned the same way."""
    found = []
    for group, score in _zones(_blobs(blackhat)):
        angle = sum(b.angle for b in group) / len(group)
        cx = sum(b.cx for b in group) / len(group)
        cy = sum(b.cy for b in group) / len(group)
        length = max(b.length for b in group)
        thick = sum(b.thick for b in group) / len(group)
        if len(group) > 1:
            height = _across(group[-1], angle) - _across(group[0], angle) + thick
            lines = len(group)
        elif group[0].length >= 10 * group[0].thick:
            height, lines = thick, 1
        else:
            height, lines = thick, 0
        score += min(length / min(blackhat.shape), 1.0)  # longer first
        found.append(
            Candidate(
                turn,
                cx * factor,
                cy * factor,
                angle,
                length * factor,
                height * factor,
                lines,
                score,
            )  # fmt: skip
        )
    return found


def _same(a: Candidate, b: Candidate) -> bool:
    if a.turn != b.turn:
        return False
    return abs(a.cx - b.cx) < 0.3 * max(a.length, b.length) and abs(a.cy - b.cy) < max(
        a.height, b.height
    )


def locate(gray: Image.Image) -> list[Candidate]:
    """Zones found by their shape in a gray page, best first (at most
    `_MAX_CANDIDATES`); turn 0 or 90 (a zone upside down is found the right way up or
    half a turn from it: `readings` tries both)."""
    if gray.mode != "L":
        gray = gray.convert("L")
    width, height = gray.size
    if min(width, height) < 32:
        return []
    low, high = gray.getextrema()
    if high - low < 32:
        return []
    found: list[Candidate] = []
    in_shadow: list[Candidate] = []
    for side in _WORK_SIDES:
        factor = max(width, height) / side
        small = gray
        if factor > 1.0:
            reduce = int(factor // 2)
            if reduce >= 2:  # cheap first step for a huge page
                small = small.reduce(reduce)
            small = small.resize(
                (max(1, round(width / factor)), max(1, round(height / factor))),
                Image.Resampling.BILINEAR,
            )
        else:
            factor = 1.0
        work = np.asarray(small, dtype=np.uint8)
        for turn in (0, 90):
            image = work if turn == 0 else np.ascontiguousarray(np.rot90(work))
            absolute, relative = _print_maps(image)
            found += _candidates_in(absolute, turn, factor)
            in_shadow += _candidates_in(relative, turn, factor)
    kept: list[Candidate] = []
    # a zone found both ways is cut as the plain black-hat found it, unless the other
    # found more of its lines (the first line of a zone half in shadow); one found only
    # relative to its surroundings is added
    for cand in sorted(found, key=lambda c: -c.score) + sorted(in_shadow, key=lambda c: -c.score):
        same = next((k for k, other in enumerate(kept) if _same(cand, other)), None)
        if same is None:
            kept.append(cand)
        elif cand.lines > kept[same].lines >= 1:
            kept[same] = cand
    kept.sort(key=lambda c: -c.score)
    return kept[:_MAX_CANDIDATES]


# -------------------------------------------------------------------------- cropping


def _turned(gray: Image.Image, turn: int) -> Image.Image:
    if turn == 90:
        return gray.transpose(Image.Transpose.ROTATE_90)
    if turn == 180:
        return gray.transpose(Image.Transpose.ROTATE_180)
    if turn == 270:
        return gray.transpose(Image.Transpose.ROTATE_270)
    return gray


def crop(gray: Image.Image, cand: Candidate) -> Image.Image:
    """The candidate's zone from the page at full resolution, level, with a margin."""
    page = _turned(gray, cand.turn)
    line = cand.height if cand.lines <= 1 else cand.height / (cand.lines * 1.4)
    if cand.lines == 1:  # one line seen: its neighbours may be there all the same
        half_h = 2.6 * cand.height + _MARGIN * line
    else:
        half_h = cand.height / 2 + _MARGIN * line
    half_w = cand.length / 2 + max(1.5 * line, 0.03 * cand.length)
    reach = math.hypot(half_w, half_h)
    box = (
        max(0, int(cand.cx - reach)),
        max(0, int(cand.cy - reach)),
        min(page.width, int(cand.cx + reach) + 1),
        min(page.height, int(cand.cy + reach) + 1),
    )
    region = page.crop(box)
    cx, cy = cand.cx - box[0], cand.cy - box[1]
    level = region.rotate(
        -cand.angle, resample=Image.Resampling.BICUBIC, center=(cx, cy), fillcolor=255
    )
    return level.crop(
        (max(0, round(cx - half_w)), max(0, round(cy - half_h)),
         min(level.width, round(cx + half_w)), min(level.height, round(cy + half_h)))
    )  # fmt: skip


def _ink(gray: np.ndarray) -> np.ndarray:
    return gray < _otsu(gray)


def _level(zone: Image.Image, limit: float = 2.5, step: float = 0.25) -> Image.Image:
    """The crop turned by the small angle whose rows of ink are sharpest."""
    small = zone.copy()
    small.thumbnail((700, 700))
    ink = Image.fromarray((_ink(np.asarray(small)) * 255).astype(np.uint8))
    best, best_score = 0.0, -1.0
    for k in range(round(-limit / step), round(limit / step) + 1):
        turned = ink.rotate(k * step, resample=Image.Resampling.NEAREST, fillcolor=0)
        score = float(np.asarray(turned, dtype=np.float32).sum(axis=1).var())
        if score > best_score:
            best, best_score = k * step, score
    if abs(best) < 0.2:
        return zone
    return zone.rotate(best, resample=Image.Resampling.BICUBIC, fillcolor=255)


def _bands(zone: Image.Image) -> list[tuple[int, int]]:
    """The text lines of a level crop: (top, bottom) rows, from the row profile."""
    arr = np.asarray(zone)
    ink = _ink(arr)
    profile = ink.mean(axis=1)
    if profile.max() <= 0:
        return []
    smooth = ndi.uniform_filter1d(profile, size=3)
    on = smooth > 0.25 * smooth.max()
    bands = []
    start = None
    for y, value in enumerate(on):
        if value and start is None:
            start = y
        elif not value and start is not None:
            bands.append((start, y))
            start = None
    if start is not None:
        bands.append((start, len(on)))
    if not bands:
        return []
    tallest = max(b - a for a, b in bands)
    return [(a, b) for a, b in bands if b - a >= 0.4 * tallest]


def _trim(zone: Image.Image) -> Image.Image:
    """The crop without what lies beyond a dark column (dark from top to bottom: a
    card's edge, the table it lies on) in its outer sixths: Tesseract reads such edges
    as characters. Print never fills a column: there is space between the lines."""
    solid = np.flatnonzero(_ink(np.asarray(zone)).mean(axis=0) > 0.85)
    width = zone.width
    left = [x for x in solid if x < width / 6]
    right = [x for x in solid if x > width * 5 / 6]
    x0 = left[-1] + 2 if left else 0
    x1 = right[0] - 2 if right else width
    if x0 == 0 and x1 == width or x1 - x0 < width / 2:
        return zone
    return zone.crop((x0, 0, x1, zone.height))


def zone_image(gray: Image.Image, cand: Candidate) -> tuple[Image.Image, list[tuple[int, int]]]:
    """The candidate's zone, level and trimmed, and its lines (top and bottom rows)."""
    zone = crop(gray, cand)
    if zone.width < 16 or zone.height < 8:
        return zone, []
    zone = _trim(_level(zone))
    return zone, _bands(zone)
