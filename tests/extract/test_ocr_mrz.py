"""Second readings of a scanned ID copy's machine-readable zone (`ocr.mrz_readings`):
found by its shape, levelled, read with the zone's alphabet only. Real images drawn with
a real monospace font, real Tesseract."""

from __future__ import annotations

import os
import random

import pytest
from makers import FONT, MONO, encode
from PIL import Image, ImageDraw, ImageFont, ImageOps

from zeef.domain.case import parse_case
from zeef.pipeline.classify import classify_path
from zeef.pipeline.extract import ocr, read_bytes

pytestmark = [
    pytest.mark.skipif(not ocr.available(), reason="tesseract with nld not installed"),
    pytest.mark.skipif(not os.path.exists(MONO), reason="fonts-dejavu-core not installed"),
]

ZONE = [
    "I<NLDXN84RT2K66999999990<<<<<8",
    "8507239F3105146NLD<<<<<<<<<<<8",
    "DE<VRIES<<ANNA<<<<<<<<<<<<<<<<",
]
CASE = parse_case({"case_id": "c-1", "law": "wmo", "subject": {"name": "Anna de Vries"}})


def card(skew: float = 0.0, noise: int = 0, seed: int = 1) -> Image.Image:
    """The back of an identity card photographed: a few printed fields and the zone."""
    image = Image.new("L", (1500, 700), 235)
    draw = ImageDraw.Draw(image)
    sans, mono = ImageFont.truetype(FONT, 30), ImageFont.truetype(MONO, 34)
    draw.text((60, 40), "IDENTITEITSKAART / IDENTITY CARD", font=sans, fill=20)
    draw.text((60, 100), "Documentnummer: XN84RT2K6", font=sans, fill=20)
    draw.text((60, 150), "Geboortedatum: 23-07-1985", font=sans, fill=20)
    for n, line in enumerate(ZONE):
        draw.text((60, 420 + n * 60), line, font=mono, fill=15)
    if noise:
        rng = random.Random(seed)
        pixels = image.load()
        for _ in range(image.width * image.height // 6):
            x, y = rng.randrange(image.width), rng.randrange(image.height)
            pixels[x, y] = max(0, min(255, pixels[x, y] + rng.randint(-noise, noise)))
    if skew:
        image = image.rotate(skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=235)
    return image


def test_the_zone_of_a_skewed_card_is_found_with_its_tilt():
    """The zone is found by its shape (`mrz_locate`), and its tilt measured, so that the
    crop Tesseract reads is level."""
    from zeef.pipeline.extract.ocr import mrz_locate

    for skew in (0.0, 3.0):
        found = mrz_locate.locate(card(skew=skew))
        assert found and found[0].lines == 3 and found[0].turn == 0
        assert abs(found[0].angle - skew) < 1.0


def test_no_second_readings_for_a_document_not_read_by_ocr():
    doc = read_bytes(b"I<NLDXN84RT2K66999999990<<<<<8\n", "zone.txt")
    assert list(ocr.mrz_readings(doc)) == []


@pytest.mark.parametrize(
    ("skew", "turn"), [(2.5, None), (-3.0, Image.Transpose.ROTATE_90)], ids=["skewed", "turned"]
)
def test_a_skewed_or_turned_card_photo_gives_its_exact_number(tmp_path, skew, turn):
    """The first reading of these photos finds no trusted zone (checked when written);
    the second readings do."""
    image = card(skew=skew, noise=40)
    if turn is not None:
        image = image.transpose(turn)
    path = tmp_path / "kaart.jpg"
    path.write_bytes(encode(ImageOps.grayscale(image), "JPEG", quality=80))
    result = classify_path(path, CASE)
    assert result.category.value == "id_copy"
    assert result.id_document == {"number": "XN84RT2K6", "valid_until": "2031-05-14"}
    assert result.disposition.value == "destroy"
