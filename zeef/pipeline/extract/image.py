"""Images (photos and scans): recognised by their signature, read with OCR (`ocr/`).

`text` is the OCR text (a multi-page TIFF's pages joined with "\\n\\f\\n", their starts
in `page_starts`); `needs_ocr` stays set when OCR found no text or left a page unread
(then the document goes to review). Word boxes: `doc.ocr` (`doc.ocr_words()`).

Where OCR cannot run (tesseract or its Dutch model not installed; a warning is logged
once) or the format is one Pillow cannot decode here (HEIC/HEIF), the image comes back
as before OCR existed: empty text, `needs_ocr` set. A file that only carries an image
extension but not an image signature is refused as corrupt; so is image data that
cannot be decoded (truncated, corrupt) and an image over the pixel cap ("image too
large", over ``settings.limits().max_image_pixels``).
"""

from __future__ import annotations

import functools

from zeef.domain.document import ReadDocument
from zeef.domain.errors import OcrUnavailable, UnreadableDocument
from zeef.pipeline.extract import Reader, ocr

PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
GIF = "image/gif"
BMP = "image/bmp"
WEBP = "image/webp"
HEIC = "image/heic"
HEIF = "image/heif"
AVIF = "image/avif"

_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis"}
_HEIF_BRANDS = {b"mif1", b"msf1", b"heif"}
_AVIF_BRANDS = {b"avif", b"avis"}
_BMP_HEADER_SIZES = {12, 16, 40, 52, 56, 64, 108, 124}


def sniff(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):  # TIFF, BigTIFF
        return TIFF
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        if brand in _HEIC_BRANDS:
            return HEIC
        if brand in _HEIF_BRANDS:
            return HEIF
        if brand in _AVIF_BRANDS:
            return AVIF
    # "BM" alone is too weak (a text may start with it): also check the reserved
    # fields (zero) and the size of the info header.
    if data[:2] == b"BM" and len(data) >= 18 and data[6:10] == b"\x00\x00\x00\x00":
        if int.from_bytes(data[14:18], "little") in _BMP_HEADER_SIZES:
            return BMP
    return None


@functools.cache
def _decodable(media_type: str) -> bool:
    """HEIC/HEIF need a Pillow plug-in (pillow-heif) that zeef does not install; AVIF
    depends on how Pillow was built. Such images are left for review, not refused."""
    if media_type in (HEIC, HEIF):
        return False
    if media_type == AVIF:
        from PIL import features

        return bool(features.check("avif"))
    return True


def read(data: bytes, name: str, media_type: str) -> ReadDocument:
    found = sniff(data)
    if found is None:
        raise UnreadableDocument("corrupt image (no image signature)")
    unread = ReadDocument(name=name, media_type=found, text="", needs_ocr=True)
    if not _decodable(found) or not ocr.available():
        return unread
    try:
        result = ocr.ocr_image(data)
    except OcrUnavailable:
        return unread
    document = ReadDocument(
        name=name,
        media_type=found,
        text=result.text,
        page_starts=result.page_starts,
        needs_ocr=result.needs_ocr,
        ocr=result,
    )
    return document


READER = Reader(
    media_types=(PNG, JPEG, TIFF, GIF, BMP, WEBP, HEIC, HEIF, AVIF),
    read=read,
    sniff=sniff,
    extensions={
        ".png": PNG,
        ".jpg": JPEG,
        ".jpeg": JPEG,
        ".jpe": JPEG,
        ".tif": TIFF,
        ".tiff": TIFF,
        ".gif": GIF,
        ".bmp": BMP,
        ".webp": WEBP,
        ".heic": HEIC,
        ".heif": HEIF,
        ".avif": AVIF,
    },
    order=20,
)
