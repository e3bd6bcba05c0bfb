"""The zone locator and reader (`ocr/mrz_locate.py`, `ocr/mrz_read.py`) and the judge of
second readings (`ocr/zones.py`): zones found by their shape on cards drawn here with
Pillow (turned, skewed, photographed), read with real Tesseract; a broken check digit
never trusted; huge and blank images."""

from __future__ import annotations

import io
import os
import random
import time

import numpy as np
import pytest
from makers import FONT, MONO
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from zeef.classifiers.id_document import check_digit, read_id_document
from zeef.pipeline.extract import ocr, read_bytes
from zeef.pipeline.extract.ocr import engine, mrz_locate, mrz_read, zones

pytestmark = [
    pytest.mark.skipif(not ocr.available(), reason="tesseract with nld not installed"),
    pytest.mark.skipif(not os.path.exists(MONO), reason="fonts-dejavu-core not installed"),
]

NUMBER, EXPIRY = "SPECI2014", "2033-08-02"


def td1(number: str = NUMBER, broken: bool = False) -> list[str]:
    """A TD1 zone with valid check digits (or the number's broken on purpose)."""
    digit = check_digit(number)
    if broken:
        digit = str((int(digit) + 3) % 10)
    line1 = f"I<NLD{number}{digit}" + "<" * 15
    birth, expiry = "650310", "330802"
    line2 = f"{birth}{check_digit(birth)}F{expiry}{check_digit(expiry)}NLD" + "<" * 11
    line2 += check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    return [line1, line2, "DE<BRUIJN<<ELLEN<<<<<<<<<<<<<<"]


def card(lines: list[str], tint: tuple[int, int, int] = (214, 228, 236)) -> Image.Image:
    """The back of an identity card: a title, wavy background lines, a field and the
    zone in a monospace font, drawn at about 12 px/mm."""
    image = Image.new("RGB", (1030, 650), tint)
    draw = ImageDraw.Draw(image)
    for k in range(0, 650, 23):  # a guilloche-like pattern
        draw.line([(x, k + 9 * ((x // 40) % 2)) for x in range(0, 1030, 40)], fill=(170, 190, 205))
    sans, mono = ImageFont.truetype(FONT, 34), ImageFont.truetype(MONO, 40)
    draw.text((50, 40), "IDENTITEITSKAART", font=sans, fill=(30, 30, 60))
    draw.text((50, 100), "Lengte / Height  1,72 m", font=sans, fill=(30, 30, 60))
    for n, line in enumerate(lines):
        draw.text((60, 440 + n * 58), line, font=mono, fill=(10, 10, 10))
    return image


def on_table(image: Image.Image, angle: float, seed: int = 3) -> Image.Image:
    """The card photographed: on a darker table, turned `angle` degrees, a perspective
    squeeze, blurred, noisy, saved as JPEG at quality 55."""
    rng = random.Random(seed)
    scene = Image.new("RGB", (1600, 1200), (95, 80, 70))
    w, h = image.size
    quad = (40, 20, 0, h - 10, w, h, w - 30, 0)  # corners: a slight perspective
    warped = image.transform((w, h), Image.Transform.QUAD, quad, Image.Resampling.BICUBIC)
    turned = warped.convert("RGBA").rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    scene.paste(turned, (240, 220), turned)
    scene = scene.filter(ImageFilter.GaussianBlur(0.8))
    pixels = scene.load()
    for _ in range(60_000):
        x, y = rng.randrange(scene.width), rng.randrange(scene.height)
        r, g, b = pixels[x, y]
        d = rng.randint(-40, 40)
        pixels[x, y] = (max(0, min(255, r + d)), max(0, min(255, g + d)), max(0, min(255, b + d)))
    buf = io.BytesIO()
    scene.save(buf, "JPEG", quality=55)
    return Image.open(io.BytesIO(buf.getvalue())).convert("L")


def trusted_readings(gray: Image.Image) -> list[tuple[str, str | None]]:
    """(number, expiry) of every reading of the located zones that the classifier trusts."""
    tess = engine._probe()
    out = []
    for text in mrz_read.readings(tess, gray, time.monotonic() + 30):
        found = read_id_document(text)
        if found is not None and found.trusted:
            out.append((found.number, found.valid_until))
    return out


@pytest.mark.parametrize(
    ("turn", "found_turn"),
    [(Image.Transpose.ROTATE_90, 90), (Image.Transpose.ROTATE_180, 0)],
    ids=["quarter", "upside-down"],
)
def test_a_turned_card_zone_is_found_and_read(turn, found_turn):
    """A card lying sideways is found by looking for lines across the image; one upside
    down is found as it lies and read turned half a turn (its first reading is no zone)."""
    gray = card(td1()).transpose(turn).convert("L")
    found = mrz_locate.locate(gray)
    assert found[0].turn == found_turn and found[0].lines == 3
    readings = trusted_readings(gray)
    assert readings and set(readings) == {(NUMBER, EXPIRY)}


def test_a_skewed_photo_of_a_card_is_found_and_read():
    gray = on_table(card(td1()), angle=2.5)
    found = mrz_locate.locate(gray)
    assert found and found[0].lines == 3
    assert 1.5 < found[0].angle < 3.5  # the tilt, measured on the zone's lines
    assert set(trusted_readings(gray)) == {(NUMBER, EXPIRY)}


def _document(image: Image.Image) -> object:
    buf = io.BytesIO()
    image.convert("L").save(buf, "PNG")
    return read_bytes(buf.getvalue(), "kaart.png")


def test_a_zone_with_a_broken_check_digit_is_never_trusted():
    doc = _document(card(td1(broken=True)))
    assert not list(ocr.mrz_readings(doc))  # only trusted readings are given
    # while the same card with the right check digit is read
    doc = _document(card(td1()))
    texts = list(ocr.mrz_readings(doc))
    found = read_id_document("\n\n".join((doc.text, texts[0])))
    assert found.trusted and (found.number, found.valid_until) == (NUMBER, EXPIRY)


def test_two_readings_that_disagree_are_not_trusted():
    """Check digits cannot tell every misreading apart: when two readings pass with
    different numbers, or the first reading passed another number, none is trusted."""
    other = "IPECI2014"  # an I for the S: weighs the same, so passes the check digit
    judge = zones._Judge("")
    assert judge.add("\n".join(td1())) == (NUMBER, EXPIRY)
    assert not judge.conflict and judge.confirmed((NUMBER, EXPIRY))
    judge.add("\n".join(td1(other)))
    assert judge.conflict
    # the first reading passed another number's check digit (its composite failed)
    line1, line2, line3 = td1(other)
    first = "\n".join((line1, line2[:-1] + str((int(line2[-1]) + 1) % 10), line3))
    assert not read_id_document(first).trusted
    judge = zones._Judge(first)
    key = judge.add("\n".join(td1()))
    assert key == (NUMBER, EXPIRY) and not judge.confirmed(key)


def test_a_first_number_no_dutch_document_can_have_does_not_contradict():
    """The first reading passed every check digit with a number no Dutch document can
    have (an S for the 5 and an I for the 1 cancel out, and the number ends in a letter):
    it is no reading of the number, so a zone reading that passes is confirmed."""
    number = "NW5K8C7R1"
    misread = td1("NWSK8C7RI")
    assert read_id_document("\n".join(misread)).reasons == (
        "document number: not in the Dutch format",
    )
    judge = zones._Judge("\n".join(misread))
    key = judge.add("\n".join(td1(number)))
    assert key == (number, EXPIRY) and judge.confirmed(key) and not judge.conflict


def _in_shadow(image: Image.Image) -> Image.Image:
    """A photo whose lower part lies in shadow: brightness falls from 100% at the top to
    30% at the bottom, so the zone's print has a third of the contrast of the title's."""
    gray = np.asarray(image.convert("L"), np.float32)
    light = np.linspace(1.0, 0.3, gray.shape[0], dtype=np.float32)[:, None]
    return Image.fromarray((gray * light).astype(np.uint8))


def test_a_zone_in_a_photos_shadow_is_found():
    """Print is found by how much darker it is than what surrounds it, as a share of that:
    a zone in shadow has little contrast left, but as much, relatively, as print in the
    light."""
    gray = _in_shadow(card(td1()))
    found = mrz_locate.locate(gray)
    assert found and found[0].lines == 3
    assert found[0].cy > 0.6 * gray.height  # the zone, not the title
    assert set(trusted_readings(gray)) == {(NUMBER, EXPIRY)}


def test_a_blank_or_huge_image_gives_no_zone_in_bounded_time():
    start = time.monotonic()
    assert mrz_locate.locate(Image.new("L", (9000, 9000), 250)) == []
    assert mrz_locate.locate(Image.new("L", (10, 10000), 0)) == []
    rng = random.Random(5)
    noise = Image.frombytes("L", (5000, 4000), rng.randbytes(5000 * 4000))
    found = mrz_locate.locate(noise)  # pure noise: whatever is found, it reads as no zone
    assert len(found) <= 3
    assert trusted_readings(noise) == []
    assert time.monotonic() - start < 30
    # past its deadline nothing is read, and nothing raises
    tess = engine._probe()
    assert list(mrz_read.readings(tess, card(td1()).convert("L"), time.monotonic())) == []


def test_short_filler_runs_are_grown_to_the_zone_width_only_at_the_end():
    text = "I<NLDSPECI20140<<<<<\n6503108F3308020NLD<<<<<<<2\nDE<BRUIJN<<ELLEN<<<<<"
    lines = mrz_read.fit_widths(text).splitlines()
    assert [len(line) for line in lines] == [30, 30, 30]
    assert lines[1].endswith("NLD<<<<<<<<<<<2")
    assert mrz_read.fit_widths("just some words") == "just some words"
    assert mrz_read.looks_like_zone("\n".join(td1()))
    assert not mrz_read.looks_like_zone("KONINKRIJK DER NEDERLANDEN\nIDENTITEITSKAART")



@pytest.mark.parametrize("turned", [False, True], ids=["upright", "quarter"])
def test_a_page_with_no_text_found_gets_its_zone_lines_with_their_boxes(turned):
    """What `page.py` falls back on when Tesseract's layout analysis finds no text on a
    page with ink: the zone's lines, each boxed where it is printed."""
    gray = card(td1()).convert("L")
    if turned:
        gray = gray.transpose(Image.Transpose.ROTATE_90)
    lines = mrz_read.zone_lines(engine._probe(), gray, time.monotonic() + 30)
    assert len(lines) == 3
    found = read_id_document("\n".join(text for text, _ in lines))
    assert found.trusted and found.number == NUMBER
    for n, (_, (left, top, width, height)) in enumerate(lines):
        # the card draws line n from x=60, its middle at about y=440 + 58 n + 20
        x, y = 60 + 300, 440 + 58 * n + 20
        if turned:  # a quarter turn counter-clockwise: (x, y) -> (y, 1030 - x)
            x, y = y, 1030 - x
        assert left <= x <= left + width and top <= y <= top + height
