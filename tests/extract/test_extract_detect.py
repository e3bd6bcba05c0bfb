"""Detection, the registry, the common refusals, images, and safe error messages."""

from __future__ import annotations

import io
import random
import traceback
from email.message import EmailMessage

import pytest
from makers import DISTINCTIVE, encrypt_pdf, make_docx, make_pdf, png_bytes
from PIL import Image

from zeef.domain.errors import UnreadableDocument
from zeef.pipeline.extract import detect, read_bytes, read_path, readers
from zeef.pipeline.extract.docx import MEDIA_TYPE as DOCX

RANDOM = random.Random(20260303).randbytes(4096)


def test_registry_covers_every_format():
    registered = readers()
    for media_type in (
        "application/pdf",
        DOCX,
        "message/rfc822",
        "text/plain",
        "text/html",
        "image/png",
        "image/jpeg",
        "image/tiff",
        "image/gif",
        "image/bmp",
        "image/webp",
    ):
        assert media_type in registered
        assert media_type in registered[media_type].media_types


def test_magic_beats_extension():
    assert detect(make_pdf(["x"]), "brief.docx") == "application/pdf"
    assert detect(make_docx(["x"]), "brief.pdf") == DOCX
    assert detect(png_bytes(), "foto.txt") == "image/png"
    doc = read_bytes(make_pdf(["Echte PDF"]), "verkeerde-naam.docx")
    assert doc.media_type == "application/pdf"
    assert doc.name == "verkeerde-naam.docx"


def test_extension_and_declared_type_are_fallbacks():
    assert detect(b"\x00\x01\x02", "x.docx") == DOCX
    assert detect(b"\x00\x01\x02", "x.eml") == "message/rfc822"
    assert detect(b"\x00\x01\x02", "x", declared_type="application/pdf") == "application/pdf"
    assert detect(b"\x00\x01\x02", "x", declared_type="application/x-onbekend") is None
    assert detect(b"Gewone tekst\n", "x") == "text/plain"
    assert detect(b"<!DOCTYPE html><p>x</p>", "x") == "text/html"
    assert detect(b"Beste heer,\nFrom: dit is geen mail\n", "x") == "text/plain"


def test_missing_path(tmp_path):
    with pytest.raises(UnreadableDocument, match="^file not found$"):
        read_path(tmp_path / "bestaat-niet.pdf")


def test_directory(tmp_path):
    with pytest.raises(UnreadableDocument, match="directory"):
        read_path(tmp_path)


def test_empty_file(tmp_path):
    path = tmp_path / "leeg.pdf"
    path.write_bytes(b"")
    with pytest.raises(UnreadableDocument, match="^empty file$"):
        read_path(path)


@pytest.mark.parametrize("name", ["blob.bin", "blob", "blob.exe"])
def test_random_binary(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(RANDOM)
    with pytest.raises(UnreadableDocument, match="^unsupported or unrecognised format$"):
        read_path(path)


def test_size_cap(tmp_path, set_limits):
    data = make_pdf(["Groot bestand"])
    path = tmp_path / "groot.pdf"
    path.write_bytes(data)
    set_limits(max_file_bytes=len(data) - 1)
    with pytest.raises(UnreadableDocument, match="^file too large"):
        read_path(path)
    with pytest.raises(UnreadableDocument, match="^file too large"):
        read_bytes(data, "groot.pdf")
    set_limits(max_file_bytes=len(data))
    assert "Groot bestand" in read_path(path).text


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [
        ("PNG", "image/png"),
        ("JPEG", "image/jpeg"),
        ("TIFF", "image/tiff"),
        ("GIF", "image/gif"),
        ("BMP", "image/bmp"),
        ("WEBP", "image/webp"),
    ],
)
def test_images_need_ocr(tmp_path, fmt, media_type):
    data = png_bytes(fmt=fmt)
    path = tmp_path / "foto"  # no extension: found by signature
    path.write_bytes(data)
    doc = read_path(path)
    assert (doc.media_type, doc.text, doc.needs_ocr) == (media_type, "", True)
    assert doc.data == data


def test_image_extension_without_image_content():
    with pytest.raises(UnreadableDocument, match="^corrupt image"):
        read_bytes(RANDOM, "foto.jpg")


def test_text_starting_with_bm_is_not_a_bitmap():
    doc = read_bytes(b"BMW-garage: factuur voor onderhoud\n", "factuur")
    assert doc.media_type == "text/plain"


def test_bytearray_input():
    doc = read_bytes(bytearray(b"Hallo"), "x.txt")
    assert doc.text == "Hallo" and doc.data == b"Hallo"


# -- error messages never carry content ---------------------------------------------


def _unreadable_inputs() -> list[tuple[bytes, str]]:
    pdf = make_pdf([f"Brief van {DISTINCTIVE}"])
    docx = make_docx([f"Verklaring van {DISTINCTIVE}"] * 30)
    image = io.BytesIO()
    Image.new("RGB", (8, 8)).save(image, format="PNG")
    name = f"{DISTINCTIVE}.pdf"
    return [
        (encrypt_pdf(pdf, user_password="geheim"), name),
        (pdf[: len(pdf) // 2], name),
        (pdf.replace(b"%%EOF", b""), f"{DISTINCTIVE}"),
        (b"%PDF-1.4\n" + DISTINCTIVE.encode() * 50, name),
        (docx[: len(docx) // 2], f"{DISTINCTIVE}.docx"),
        (DISTINCTIVE.encode("utf-8") + b"\x00\x01\x02\x03" * 100, f"{DISTINCTIVE}.txt"),
        (DISTINCTIVE.encode("utf-8") + RANDOM, f"{DISTINCTIVE}.bin"),
        (DISTINCTIVE.encode("utf-8") + RANDOM, f"{DISTINCTIVE}.png"),
        (b"", f"{DISTINCTIVE}.txt"),
    ]


@pytest.mark.parametrize("index", range(len(_unreadable_inputs())))
def test_error_messages_hold_no_content(index):
    data, name = _unreadable_inputs()[index]
    try:
        doc = read_bytes(data, name)
    except UnreadableDocument as exc:
        message = str(exc)
        shown = "".join(traceback.format_exception(exc))
    else:  # pypdf may repair a damaged file; then there is no message to check
        assert DISTINCTIVE in doc.text
        return
    assert message and "\n" not in message and len(message) < 120
    assert message.isascii()
    for fragment in (DISTINCTIVE, "Wilhelmina", "Zwanenburg"):
        assert fragment not in message
        assert fragment not in shown  # not in a chained exception either


def test_missing_path_message_holds_no_path(tmp_path):
    with pytest.raises(UnreadableDocument) as caught:
        read_path(tmp_path / f"{DISTINCTIVE}.pdf")
    assert DISTINCTIVE not in str(caught.value)


def test_error_parts_in_email_hold_no_content():
    msg = EmailMessage()
    msg["From"] = f"{DISTINCTIVE} <w@example.nl>"
    msg["Subject"] = f"Van {DISTINCTIVE}"
    msg.set_content(f"Groet, {DISTINCTIVE}")
    for data, name in _unreadable_inputs():
        msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    doc = read_bytes(msg.as_bytes(), "x.eml")
    errors = [part.error for part in doc.parts if part.error]
    assert len(errors) >= 6
    for error in errors:
        assert DISTINCTIVE not in error and "Zwanenburg" not in error
