"""OCR of images and scanned PDF pages, with real Tesseract on images drawn here with a
real font. Skipped (with the reason) where tesseract or its Dutch model is missing; CI
installs both, so there they run."""

from __future__ import annotations

import logging
import os
import shutil
import struct
import subprocess
import time
import zlib

import pymupdf
import pytest
from makers import DISTINCTIVE, FONT, encode, page_image
from PIL import Image, ImageDraw

from zeef.domain.errors import UnreadableDocument
from zeef.pipeline.extract import ocr, read_bytes, read_path
from zeef.pipeline.extract.ocr import engine
from zeef.pipeline.extract.ocr import page as ocr_page
from zeef.pipeline.extract.pdf import PAGE_SEPARATOR


def _has_dutch_tesseract() -> bool:
    if shutil.which("tesseract") is None:
        return False
    try:
        done = subprocess.run(["tesseract", "--list-langs"], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return "nld" in (done.stdout + done.stderr).decode("utf-8", "replace").split()


needs_tesseract = pytest.mark.skipif(
    not _has_dutch_tesseract(),
    reason="tesseract with the Dutch model is not installed "
    "(apt-get install tesseract-ocr tesseract-ocr-nld)",
)
needs_font = pytest.mark.skipif(
    not os.path.exists(FONT), reason=f"font {FONT} not installed (fonts-dejavu)"
)

LETTER = [
    f"Geachte mevrouw {DISTINCTIVE},",
    "Uw aanvraag voor bijzondere bijstand is ontvangen.",
    "De financiële situatie van het café is beoordeeld",
    "door de coördinator op 12 maart 2024.",
]
SECOND = ["Tweede pagina: bankafschrift", "Saldo per 1 april 2024"]
THIRD = ["Derde pagina: zorgverzekering", "Premie per maand"]


def page_texts(doc) -> list[str]:
    ends = [start - len(PAGE_SEPARATOR) for start in doc.page_starts[1:]] + [len(doc.text)]
    return [doc.text[start:end] for start, end in zip(doc.page_starts, ends, strict=True)]


def scanned_pdf(pages: list[list[str] | Image.Image | str]) -> bytes:
    """One A4 page per item: a list of lines is drawn as an image only (a scan), an
    Image is placed as is, a string is written as a text layer."""
    document = pymupdf.open()
    for item in pages:
        page = document.new_page(width=595, height=842)
        if isinstance(item, str):
            page.insert_text((72, 100), item, fontsize=12)
            continue
        image = item if isinstance(item, Image.Image) else page_image(item)
        width = 451
        height = width * image.height / image.width
        page.insert_image(pymupdf.Rect(72, 72, 72 + width, 72 + height), stream=encode(image))
    data = document.tobytes()
    document.close()
    return data


def assert_letter(text: str) -> None:
    for word in ("Geachte", "bijzondere", "bijstand", "financiële", "café", "coördinator"):
        assert word in text, word
    assert "Zwanenburg-Oudshoorn" in text


@pytest.fixture(scope="module")
def letter():
    image = page_image(LETTER)
    doc = read_bytes(encode(image, dpi=(300, 300)), "brief.png")
    return image, doc


# ------------------------------------------------------------------------- images


@needs_tesseract
@needs_font
def test_dutch_letter_image_is_read_with_accents(letter):
    _, doc = letter
    assert doc.media_type == "image/png"
    assert not doc.needs_ocr
    assert doc.page_starts == [0]
    assert_letter(doc.text)


@needs_tesseract
@needs_font
def test_word_boxes_inside_the_page_and_on_the_ink(letter):
    image, doc = letter
    result = doc.ocr
    assert result is not None and result.words
    assert [p.status for p in result.pages] == [ocr.OK]
    assert (result.pages[0].width, result.pages[0].height) == image.size
    for word in result.words:
        assert word.page == 0
        assert 0 <= word.left and word.left + word.width <= image.width
        assert 0 <= word.top and word.top + word.height <= image.height
        assert word.width > 0 and word.height > 0
        assert 0 <= word.confidence <= 100
        assert doc.text[word.start : word.end] == word.text
        # The box shows ink: redaction can paint it.
        crop = image.crop((word.left, word.top, word.left + word.width, word.top + word.height))
        assert crop.getextrema()[0] < 128
    names = [w for w in result.words if w.text.startswith("Zwanenburg")]
    assert names and names[0].top < image.height // 3  # on the first line
    spans = [(s, e) for s, e, w in doc.ocr_words() if w.text == "café"]
    assert spans and doc.text[spans[0][0] : spans[0][1]] == "café"


@needs_tesseract
@needs_font
@pytest.mark.parametrize("turn", [90, 180])
def test_turned_scan_is_read(turn):
    image = page_image(LETTER)
    turned = image.rotate(turn, expand=True)
    doc = read_bytes(encode(turned, "JPEG", quality=90), "scan.jpg")
    assert not doc.needs_ocr
    assert_letter(doc.text)
    result = doc.ocr
    assert result.pages[0].passes == 2  # the upright reading, then one with OSD
    for word in result.words:  # boxes refer to the image as given, not as turned
        assert word.left + word.width <= turned.width
        assert word.top + word.height <= turned.height
    crop = [w for w in result.words if w.text == "bijstand"][0]
    box = turned.crop((crop.left, crop.top, crop.left + crop.width, crop.top + crop.height))
    assert box.convert("L").getextrema()[0] < 128


@needs_tesseract
@needs_font
@pytest.mark.parametrize("turn", [90, 180])
def test_turned_scan_without_osd_tries_each_rotation(monkeypatch, turn):
    found = engine._probe()
    monkeypatch.setattr(engine, "_engine", engine._Engine(found.executable, osd=False))
    # PIL turns counter-clockwise: this page needs 270 (then 180) to read upright.
    image = page_image(LETTER[:2]).rotate(turn, expand=True)
    doc = read_bytes(encode(image), "scan.png")
    assert "bijzondere bijstand" in doc.text
    result = doc.ocr
    # The upright reading, then turned ones until one reads well (Tesseract's --psm 3
    # itself reads some pages that lie on their side, so it may stop early).
    assert 2 <= result.pages[0].passes <= 4
    for word in result.words:
        assert word.left + word.width <= image.width and word.top + word.height <= image.height
        box = image.crop((word.left, word.top, word.left + word.width, word.top + word.height))
        assert box.getextrema()[0] < 128


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_boxes_found_on_a_turned_page_map_back(turn):
    size = (300, 200)
    image = Image.new("L", size, 255)
    ImageDraw.Draw(image).rectangle((40, 30, 119, 49), fill=0)  # the box 40,30 80x20
    turned = image.transpose(ocr_page._TURNS[turn])
    left, top, right, bottom = turned.point(lambda v: 255 - v).getbbox()
    box = ocr_page._box_back((left, top, right - left, bottom - top), turn, size)
    assert box == (40, 30, 80, 20)


@needs_tesseract
@needs_font
def test_multi_page_tiff_has_page_starts():
    frames = [page_image(LETTER), page_image(SECOND), page_image(THIRD)]
    data = encode(frames[0], "TIFF", save_all=True, append_images=frames[1:],
                  compression="tiff_deflate")  # fmt: skip
    doc = read_bytes(data, "scan.tif")
    assert doc.media_type == "image/tiff"
    assert not doc.needs_ocr
    assert len(doc.page_starts) == 3
    texts = page_texts(doc)
    assert_letter(texts[0])
    assert "bankafschrift" in texts[1] and "Saldo" in texts[1]
    assert "zorgverzekering" in texts[2] and "Premie" in texts[2]
    result = doc.ocr
    assert {w.page for w in result.words} == {0, 1, 2}
    for word in result.words:
        start = doc.page_starts[word.page] + word.start
        assert doc.text[start : start + len(word.text)] == word.text


@needs_tesseract
@needs_font
def test_text_on_transparent_background_and_exif_orientation():
    # Black text on a transparent background (a screenshot): read, not a black page.
    text_only = page_image(SECOND).convert("L")
    rgba = Image.new("RGBA", text_only.size, (0, 0, 0, 0))
    rgba.putalpha(text_only.point(lambda v: 255 - v))
    doc = read_bytes(encode(rgba), "schermafdruk.png")
    assert "bankafschrift" in doc.text
    # A phone photo stored upside down with EXIF "rotate 180": one pass, boxes as shown.
    exif = Image.Exif()
    exif[0x0112] = 3
    stored = page_image(THIRD).rotate(180).convert("RGB")
    doc = read_bytes(encode(stored, "JPEG", quality=90, exif=exif), "foto.jpg")
    assert "zorgverzekering" in doc.text
    assert doc.ocr.pages[0].passes == 1


@needs_tesseract
@needs_font
def test_downscaled_image_keeps_boxes_in_its_own_pixels(monkeypatch):
    monkeypatch.setattr(engine, "MAX_OCR_PIXELS", 700_000)
    image = page_image(LETTER, size=80)  # about 2.1 MP: OCR'd at a third of that
    doc = read_bytes(encode(image.convert("RGB"), dpi=(600, 600)), "groot.png")
    assert_letter(doc.text)
    page = doc.ocr.pages[0]
    assert (page.width, page.height) == image.size
    assert round(page.dpi) == 600
    for word in page.words:
        assert word.left + word.width <= image.width and word.top + word.height <= image.height
        box = image.crop((word.left, word.top, word.left + word.width, word.top + word.height))
        assert box.getextrema()[0] < 128


@needs_tesseract
@needs_font
def test_sixteen_bit_and_palette_images():
    import numpy as np

    pixels = np.asarray(page_image(SECOND), dtype=np.uint16) * 257
    deep = Image.fromarray(pixels)
    assert deep.mode.startswith("I;16")
    assert "bankafschrift" in read_bytes(encode(deep), "scan16.png").text
    palette = page_image(THIRD).convert("P")
    white = palette.getpixel((0, 0))
    assert "zorgverzekering" in read_bytes(encode(palette, transparency=white), "p.png").text


@needs_tesseract
def test_image_without_text_still_needs_ocr():
    image = Image.new("RGB", (400, 300), (240, 240, 235))
    ImageDraw.Draw(image).ellipse((100, 60, 300, 240), fill=(90, 60, 40))  # a "photo"
    doc = read_bytes(encode(image), "foto.png")
    assert (doc.text, doc.needs_ocr) == ("", True)


# ---------------------------------------------------------------------------- PDF


@needs_tesseract
@needs_font
def test_scanned_pdf_is_read():
    doc = read_bytes(scanned_pdf([LETTER, SECOND]), "scan.pdf")
    assert not doc.needs_ocr
    assert len(doc.page_starts) == 2 and doc.page_starts[0] == 0
    texts = page_texts(doc)
    assert_letter(texts[0])
    assert "bankafschrift" in texts[1]
    assert doc.text[doc.page_starts[1] - len(PAGE_SEPARATOR) : doc.page_starts[1]] == (
        PAGE_SEPARATOR
    )
    result = doc.ocr
    assert sorted(p.index for p in result.pages) == [0, 1]
    pages = {p.index: p for p in result.pages}
    for page in result.pages:  # A4 rendered at 300 dpi
        assert page.dpi == 300
        assert abs(page.width - 595 * 300 / 72) <= 1 and abs(page.height - 842 * 300 / 72) <= 1
    for word in result.words:
        page = pages[word.page]
        assert word.left + word.width <= page.width and word.top + word.height <= page.height
        start = doc.page_starts[word.page] + word.start
        assert doc.text[start : start + len(word.text)] == word.text


@needs_tesseract
@needs_font
def test_pdf_with_a_text_page_and_a_scanned_page():
    doc = read_bytes(scanned_pdf(["Eerste pagina met tekstlaag", LETTER]), "mix.pdf")
    assert not doc.needs_ocr
    texts = page_texts(doc)
    assert texts[0].strip() == "Eerste pagina met tekstlaag"
    assert_letter(texts[1])
    result = doc.ocr
    assert [p.index for p in result.pages] == [1]  # only the page without a text layer
    assert {w.page for w in result.words} == {1}


@needs_tesseract
def test_blank_page_does_not_need_ocr():
    doc = read_bytes(scanned_pdf(["Pagina met tekst", Image.new("L", (200, 300), 255)]), "x.pdf")
    assert not doc.needs_ocr
    assert [t.strip() for t in page_texts(doc)] == ["Pagina met tekst", ""]
    assert doc.ocr.pages[0].status == ocr.BLANK


@needs_tesseract
@needs_font
def test_too_many_pages_to_ocr_is_left_for_review_quickly(set_limits, caplog):
    set_limits(max_ocr_pages=1)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="zeef"):
        doc = read_bytes(scanned_pdf([LETTER, SECOND]), f"{DISTINCTIVE}.pdf")
        frames = [page_image(SECOND), page_image(THIRD)]
        tiff = read_bytes(encode(frames[0], "TIFF", save_all=True, append_images=frames[1:]),
                          "scan.tif")  # fmt: skip
    assert time.monotonic() - started < 5
    assert (doc.text, doc.needs_ocr, doc.page_starts) == ("", True, [0, 0])
    assert (tiff.text, tiff.needs_ocr) == ("", True)
    assert "more than 1 pages to OCR" in caplog.text
    assert DISTINCTIVE not in caplog.text and "Zwanenburg" not in caplog.text


@needs_tesseract
@needs_font
def test_page_out_of_time_is_left_unread(set_limits):
    set_limits(ocr_page_seconds=0.01)
    doc = read_bytes(encode(page_image(LETTER)), "brief.png")
    assert doc.needs_ocr
    assert doc.ocr.pages[0].status == ocr.TIMEOUT


# ---------------------------------------------------------------------- bad input


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims `width` x `height` pixels (one tiny compressed row follows)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * (width + 1))  # compresses to almost nothing
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@needs_tesseract
@pytest.mark.parametrize(
    ("width", "height"),
    [(60_000, 60_000), (10_001, 10_000)],  # over Pillow's own limit; just over our cap
)
def test_decompression_bomb_is_refused_quickly(width, height):
    started = time.monotonic()
    with pytest.raises(UnreadableDocument, match=r"^image too large$"):
        read_bytes(png_header(width, height), f"{DISTINCTIVE}.png")
    assert time.monotonic() - started < 2


@needs_tesseract
@needs_font
def test_tiff_page_over_the_cap_is_refused(set_limits):
    frames = [page_image(SECOND), page_image(LETTER, size=80)]
    data = encode(frames[0], "TIFF", save_all=True, append_images=frames[1:])
    set_limits(max_image_pixels=frames[0].width * frames[0].height + 1)
    with pytest.raises(UnreadableDocument, match=r"^image too large$"):
        read_bytes(data, "scan.tif")


@needs_tesseract
@needs_font
def test_truncated_jpeg_is_unreadable():
    data = encode(page_image(LETTER).convert("RGB"), "JPEG", quality=95)
    with pytest.raises(UnreadableDocument, match=r"^corrupt image") as caught:
        read_bytes(data[: len(data) // 2], f"{DISTINCTIVE}.jpg")
    assert DISTINCTIVE not in str(caught.value) and "Zwanenburg" not in str(caught.value)


@needs_tesseract
def test_corrupt_png_body_is_unreadable():
    data = encode(Image.new("L", (300, 200), 200))
    broken = data[:40] + b"\x00" * 40 + data[80:]
    with pytest.raises(UnreadableDocument, match=r"^corrupt image"):
        read_bytes(broken, "x.png")


def test_empty_image_file_is_unreadable(tmp_path):
    path = tmp_path / f"{DISTINCTIVE}.png"
    path.write_bytes(b"")
    with pytest.raises(UnreadableDocument, match=r"^empty file$"):
        read_path(path)


@needs_tesseract
@needs_font
def test_errors_and_logs_hold_no_personal_data(caplog, set_limits):
    letter_png = encode(page_image(LETTER))
    cases = [
        letter_png[: len(letter_png) // 3],
        png_header(60_000, 60_000),
    ]
    with caplog.at_level(logging.DEBUG, logger="zeef"):
        for data in cases:
            with pytest.raises(UnreadableDocument) as caught:
                read_bytes(data, f"{DISTINCTIVE}.png")
            message = str(caught.value)
            assert DISTINCTIVE not in message and "Zwanenburg" not in message
            assert "/" not in message  # no paths
        set_limits(ocr_page_seconds=0.01)
        read_bytes(letter_png, f"{DISTINCTIVE}.png")
    assert "Zwanenburg" not in caplog.text and "Wilhelmina" not in caplog.text


# ------------------------------------------------------------ tesseract missing


def test_without_tesseract_images_keep_needing_ocr(monkeypatch, caplog):
    monkeypatch.setattr(engine.shutil, "which", lambda name: None)
    monkeypatch.setattr(engine, "_warned", set())
    engine._reset_probe()
    try:
        with caplog.at_level(logging.WARNING, logger="zeef"):
            first = read_bytes(encode(Image.new("L", (300, 200), 128)), f"{DISTINCTIVE}.png")
            second = read_bytes(encode(Image.new("L", (300, 200), 128), "JPEG"), "b.jpg")
        assert (first.text, first.needs_ocr) == ("", True)
        assert (second.media_type, second.text, second.needs_ocr) == ("image/jpeg", "", True)
        assert first.ocr is None
        warnings = [r for r in caplog.records if "OCR unavailable" in r.getMessage()]
        assert len(warnings) == 1  # once, not per document
        assert DISTINCTIVE not in caplog.text
    finally:
        engine._reset_probe()
