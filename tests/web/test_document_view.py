"""`document_view`: a document in review with its findings placed on its pages and drawn.

Real inputs only: PDFs written with PyMuPDF and reportlab (`makers.make_pdf`), scans
drawn with the DejaVu fonts and read by the real Tesseract, an e-mail, a Word file, a
hold-out case report, and broken files. Each view is built once per module."""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import os
from email.message import EmailMessage
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from makers import (
    FONT,
    GLUED_APPLICATION,
    GLUED_GP_LETTER,
    encode,
    encrypt_pdf,
    make_docx,
    make_pdf,
    page_image,
)
from PIL import Image

from zeef.domain.case import parse_case
from zeef.pipeline.document_view import (
    PART_SEPARATOR,
    REFERENCE_WIDTH,
    ROLE_COLOURS,
    ROLE_OUTLINES,
    DocumentView,
    Mark,
    build_view,
    render_page,
)
from zeef.pipeline.extract import ocr

HOLDOUT = Path(__file__).resolve().parents[1] / "holdout"
CASE = parse_case({"case_id": "c-1", "law": "wmo", "subject": {"name": "Anna de Vries"}})
SUBJECT, THIRD, ADDRESS = "Anna de Vries", "Pieter Bakker", "Kerkstraat 12, 1234 AB Zeefdam"
LINES = [
    "Gemeente Zeefdam, afdeling Wmo",
    "Melding over mevrouw Anna de Vries",
    "Mijn buurman Pieter Bakker woont op Kerkstraat 12, 1234 AB Zeefdam.",
    "Hij zegt dat mevrouw Anna de Vries niet alleen woont.",
]
needs_ocr = pytest.mark.skipif(not ocr.available(), reason="tesseract with nld not installed")
needs_fonts = pytest.mark.skipif(not os.path.exists(FONT), reason="fonts-dejavu not installed")


def text_pdf(lines: list[str], rotate: int = 0) -> bytes:
    document = pymupdf.open()
    page = document.new_page()
    for n, line in enumerate(lines):
        page.insert_text((72, 100 + 20 * n), line, fontsize=11)
    page.set_rotation(rotate)
    return document.tobytes()


def scan(lines: list[str], pad: int = 60) -> Image.Image:
    return page_image(lines, pad=pad)


# -- helpers: marks, pixels ---------------------------------------------------------------


def marks_of(view: DocumentView, text: str) -> list[Mark]:
    found = [m for m in view.marks if text in m.text]
    assert found, f"no mark holds {text!r}"
    return found


def within_page(view: DocumentView) -> None:
    """Every box lies within its page, and every mark is its text's span."""
    for mark in view.marks:
        assert view.text[mark.start : mark.end] == mark.text
        for x0, y0, x1, y1 in mark.boxes:
            width, height = view.page_sizes[mark.page - 1]
            assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height


def pixels(png: bytes) -> np.ndarray:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    return np.asarray(image.convert("RGB")).astype(int)


def area(array: np.ndarray, box, width: int, grow: int = 0) -> np.ndarray:
    """The pixels under a box (reference pixels) of a page rendered `width` wide."""
    k = width / REFERENCE_WIDTH
    x0, y0, x1, y1 = (round(v * k) for v in box)
    return array[max(0, y0 - grow) : y1 + grow + 1, max(0, x0 - grow) : x1 + grow + 1]


def has_colour(region: np.ndarray, colour) -> bool:
    return bool(np.all(region == np.array(colour), axis=-1).any())


def check_drawn(data: bytes, view: DocumentView, mark: Mark, width: int) -> None:
    """The page renders `width` wide; under the mark's box there is ink (the found text
    is really there), and drawn over it: the role's outline colour, a tint of it over the
    white paper, and nothing changed far from every box."""
    marked = pixels(render_page(data, "x", view, mark.page, width=width))
    plain = pixels(render_page(data, "x", dataclasses.replace(view, marks=[]), mark.page,
                               width=width))  # fmt: skip
    assert marked.shape == plain.shape and marked.shape[1] == width
    colour = ROLE_COLOURS[mark.role]
    for box in mark.boxes:
        before, after = area(plain, box, width), area(marked, box, width)
        along = 0 if before.shape[1] >= before.shape[0] else 1  # along the line of text
        ink = np.nonzero((before.sum(axis=-1) < 200).any(axis=along))[0]
        assert len(ink) and ink[-1] - ink[0] > 0.7 * max(before.shape[:2]), "box not on text"
        assert (before != after).any()
        assert has_colour(area(marked, box, width, grow=3), colour)
        paper = np.all(before == 255, axis=-1)
        assert paper.any()
        alpha = 70 / 255
        tint = 255 * (1 - alpha) + np.array(colour) * alpha
        assert (np.abs(after[paper] - tint) <= 2).all(axis=-1).mean() > 0.5
    drawn = np.zeros(marked.shape[:2], dtype=bool)
    for other in (m for m in view.marks if m.page == mark.page):
        for box in other.boxes:
            area(drawn, box, width, grow=8)[...] = True
    assert (marked[~drawn] == plain[~drawn]).all()


# -- a text PDF ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf():
    data = text_pdf(LINES)
    return data, build_view(data, "melding.pdf", CASE)


def test_a_text_pdf_has_its_findings_on_the_page_with_their_roles(pdf):
    _, view = pdf
    assert view.error is None and view.media_type == "application/pdf"
    assert view.page_count == 1 and view.page_sizes[0][0] == REFERENCE_WIDTH
    within_page(view)
    assert {m.role for m in marks_of(view, SUBJECT)} == {"subject"}
    (third,) = marks_of(view, THIRD)
    (address,) = marks_of(view, ADDRESS)
    assert (third.role, third.entity_type) == ("third_party", "PERSON")
    assert (address.role, address.entity_type) == ("third_party", "ADDRESS")
    assert all(m.page == 1 and len(m.boxes) == 1 for m in view.marks)
    # the name and the address stand on one line, the name first
    assert third.boxes[0][2] < address.boxes[0][0]
    assert abs(third.boxes[0][1] - address.boxes[0][1]) < 2


def test_each_mention_of_a_name_is_boxed_where_it_stands(pdf):
    _, view = pdf
    first, second = marks_of(view, SUBJECT)
    assert first.start < second.start
    assert first.boxes[0][1] < second.boxes[0][1]  # the second mention is a line lower


def test_render_draws_the_third_party_in_its_colour_over_the_name(pdf):
    data, view = pdf
    check_drawn(data, view, marks_of(view, THIRD)[0], width=800)
    check_drawn(data, view, marks_of(view, SUBJECT)[0], width=1000)
    assert ROLE_COLOURS["third_party"] != ROLE_COLOURS["subject"]
    assert len(set(ROLE_OUTLINES.values())) == len(ROLE_OUTLINES) == len(ROLE_COLOURS)


def test_a_page_width_or_data_out_of_range_is_a_value_error(pdf):
    data, view = pdf
    for page in (0, 2, -1):
        with pytest.raises(ValueError, match="no such page"):
            render_page(data, "melding.pdf", view, page)
    with pytest.raises(ValueError, match="width"):
        render_page(data, "melding.pdf", view, 1, width=100_000)
    with pytest.raises(ValueError, match="does not match"):
        render_page(text_pdf(["Iets anders"]), "melding.pdf", view, 1)


def test_nothing_found_is_logged_and_reprs_hold_no_text(caplog):
    caplog.set_level(logging.DEBUG)
    view = build_view(text_pdf(LINES), "melding.pdf", CASE)
    assert view.marks
    for text in (SUBJECT, THIRD, "Kerkstraat", "Bakker"):
        assert text not in caplog.text
        assert text not in repr(view)


def test_a_rotated_page_has_its_boxes_where_the_page_shows_the_name():
    data = text_pdf(LINES, rotate=90)
    view = build_view(data, "gedraaid.pdf", CASE)
    width, height = view.page_sizes[0]
    assert width == REFERENCE_WIDTH and height < width  # landscape as displayed
    within_page(view)
    (third,) = marks_of(view, THIRD)
    x0, y0, x1, y1 = third.boxes[0]
    assert y1 - y0 > x1 - x0  # the name runs down the page
    check_drawn(data, view, third, width=700)


# -- a glued PDF: an application and a GP letter ------------------------------------------

GLUED_SUBJECT = {"name": "Willeke de Bruijn", "birth_date": "1965-03-10"}
GLUED_CASE = parse_case({"case_id": "c-2", "law": "participatiewet", "subject": GLUED_SUBJECT})
APPLICATION, GP_LETTER = GLUED_APPLICATION, GLUED_GP_LETTER


def test_a_glued_pdf_has_its_segments_and_marks_on_each_page():
    data = make_pdf([APPLICATION, GP_LETTER])
    view = build_view(data, "stukken.pdf", GLUED_CASE)
    assert [(s.pages, s.category) for s in view.segments] == [
        ((1,), "application"),
        ((2,), "medical"),
    ]
    assert view.segments[1].disposition == "forward_medical_adviser"
    assert view.page_count == 2
    within_page(view)
    (subject,) = marks_of(view, "Willeke de Bruijn")
    (doctor,) = marks_of(view, "P. Jansen")
    assert (subject.page, subject.role) == (1, "subject")
    assert (doctor.page, doctor.role) == (2, "professional")
    check_drawn(data, view, doctor, width=600)


def test_a_case_report_has_its_diagnostic_language_marked_on_the_page():
    case = parse_case(json.loads((HOLDOUT / "cases" / "2026-0418.json").read_text()))
    lines = (HOLDOUT / "docs" / "h065.txt").read_text().split("\n")
    data = make_pdf(["\n".join(lines[:30]), "\n".join(lines[30:])])
    view = build_view(data, "verslag.pdf", case)
    assert "diagnostic_language" in view.reasons
    within_page(view)
    diagnostic = [m for m in view.marks if m.role == "diagnostic"]
    assert {m.entity_type for m in diagnostic} >= {"DIAGNOSIS", "MEDICATION"}
    assert all(m.page == 1 and m.boxes for m in diagnostic)
    check_drawn(data, view, diagnostic[0], width=900)


# -- documents without pages --------------------------------------------------------------


def test_a_text_document_has_marks_as_spans_of_its_text():
    case = parse_case(json.loads((HOLDOUT / "cases" / "2026-0418.json").read_text()))
    data = (HOLDOUT / "docs" / "h065.txt").read_bytes()
    view = build_view(data, "h065.txt", case)
    assert (view.page_count, view.page_sizes, view.error) == (0, [], None)
    assert view.text == data.decode()
    within_page(view)
    assert all(m.page == 0 and m.boxes == () for m in view.marks)
    assert {m.role for m in marks_of(view, "Scholten-ten Brink")} == {"third_party"}
    assert {m.role for m in marks_of(view, "H.J. ten Brink")} == {"subject"}
    assert any(m.role == "diagnostic" and m.text == "suikerziekte" for m in view.marks)
    with pytest.raises(ValueError, match="no such page"):
        render_page(data, "h065.txt", view, 1)


def test_an_e_mail_shows_its_attachment_after_its_text_with_its_marks():
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "wijk@zeefdam.nl", "wmo@zeefdam.nl", "x"
    message.set_content("Beste,\n\nMevrouw Anna de Vries kan niet meer alleen wonen.\n")
    message.add_attachment(b"Verklaring van Karel Jansen, buurman van mevrouw.",
                           maintype="text", subtype="plain", filename="verklaring.txt")  # fmt: skip
    view = build_view(bytes(message), "melding.eml", CASE)
    assert view.media_type == "message/rfc822" and view.page_count == 0
    body, attachment = view.text.split(PART_SEPARATOR)
    assert "Anna de Vries" in body and "Karel Jansen" in attachment
    within_page(view)
    (other,) = marks_of(view, "Karel Jansen")
    assert other.role == "third_party" and other.start > len(body)
    assert {m.role for m in marks_of(view, SUBJECT)} == {"subject"}


def test_a_word_file_has_no_pages_and_its_marks_in_its_text():
    data = make_docx(LINES)
    view = build_view(data, "melding.docx", CASE)
    assert view.page_count == 0 and view.error is None
    within_page(view)
    assert marks_of(view, THIRD)[0].role == "third_party"
    assert all(m.page == 0 and not m.boxes for m in view.marks)


# -- scans and photos ---------------------------------------------------------------------

SCAN_LINES = [
    "Melding over mevrouw Anna de Vries.",
    "Haar buurman Pieter Bakker woont",
    "op Kerkstraat 12, 1234 AB Zeefdam.",
]


@pytest.fixture(scope="module")
def png():
    data = encode(scan(SCAN_LINES, pad=400), dpi=(300, 300))  # far wider than the reference
    return data, build_view(data, "scan.png", CASE)


@needs_ocr
@needs_fonts
def test_a_scan_has_its_findings_boxed_by_the_ocr_words(png):
    data, view = png
    assert view.media_type == "image/png" and view.page_count == 1 and view.error is None
    within_page(view)
    (third,) = marks_of(view, THIRD)
    (subject,) = marks_of(view, SUBJECT)
    assert third.role == "third_party" and subject.role == "subject"
    assert third.page == subject.page == 1 and len(third.boxes) == 1
    assert subject.boxes[0][3] <= third.boxes[0][1] + 5  # the subject's line is above
    check_drawn(data, view, third, width=600)
    check_drawn(data, view, subject, width=1200)


@needs_ocr
@needs_fonts
def test_an_image_is_rendered_only_within_the_pixel_cap(png, set_limits):
    data, view = png
    set_limits(max_image_pixels=10_000)
    with pytest.raises(ValueError, match="image"):
        render_page(data, "scan.png", view, 1)
    assert build_view(data, "scan.png", CASE).error == "image too large"


@needs_ocr
@needs_fonts
def test_a_photo_turned_by_its_exif_orientation_has_its_boxes_on_the_upright_page():
    upright = scan(SCAN_LINES)
    exif = Image.Exif()
    exif[0x0112] = 6  # stored on its side: shown turned a quarter clockwise
    data = encode(upright.transpose(Image.Transpose.ROTATE_90).convert("RGB"), "JPEG",
                  exif=exif, quality=95)  # fmt: skip
    view = build_view(data, "foto.jpg", CASE)
    width, height = view.page_sizes[0]
    assert height / width == pytest.approx(upright.height / upright.width, rel=0.01)
    within_page(view)
    (third,) = marks_of(view, THIRD)
    check_drawn(data, view, third, width=700)


@needs_ocr
@needs_fonts
def test_a_scanned_pdf_page_has_its_boxes_from_ocr_beside_a_text_page():
    document = pymupdf.open()
    document.new_page().insert_image(
        pymupdf.Rect(50, 50, 545, 225), stream=encode(scan(SCAN_LINES))
    )
    document.new_page().insert_text((72, 100), "Getuige Karel Jansen zag het.", fontsize=11)
    data = document.tobytes()
    view = build_view(data, "gemengd.pdf", CASE)
    assert view.page_count == 2
    within_page(view)
    (third,) = marks_of(view, THIRD)
    (witness,) = marks_of(view, "Karel Jansen")
    assert (third.page, third.role, witness.page, witness.role) == (1, "third_party", 2,
                                                                   "third_party")  # fmt: skip
    x0, y0, _, y1 = third.boxes[0]
    assert 50 * REFERENCE_WIDTH / 595 < x0 and y1 < 225 * REFERENCE_WIDTH / 595  # on the image
    check_drawn(data, view, third, width=800)
    check_drawn(data, view, witness, width=800)


@needs_ocr
@needs_fonts
def test_a_multi_page_tiff_has_its_marks_on_the_right_page():
    second = scan(["Tweede pagina.", "Getuige Karel Jansen zag het."])
    out = io.BytesIO()
    scan(SCAN_LINES).save(out, "TIFF", save_all=True, append_images=[second], dpi=(300, 300))
    data = out.getvalue()
    view = build_view(data, "scan.tif", CASE)
    assert view.page_count == 2 and len(view.page_sizes) == 2
    within_page(view)
    (witness,) = marks_of(view, "Karel Jansen")
    assert (witness.page, witness.role) == (2, "third_party")
    assert marks_of(view, THIRD)[0].page == 1
    check_drawn(data, view, witness, width=500)
    with pytest.raises(ValueError, match="no such page"):
        render_page(data, "scan.tif", view, 3)


# -- what cannot be read ------------------------------------------------------------------

SECRET = b"Wilhelmina Zwanenburg-Oudshoorn"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("kapot.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog " + SECRET + b"\n%%EOF"),
        ("half.pdf", text_pdf(LINES)[:400]),
        ("slot.pdf", encrypt_pdf(make_pdf(["Wilhelmina Zwanenburg-Oudshoorn"]), "geheim")),
        ("kapot.png", b"\x89PNG\r\n\x1a\n" + SECRET),
        ("leeg.pdf", b""),
    ],
)
def test_an_unreadable_document_gives_an_error_and_no_exception(name, data):
    view = build_view(data, name, CASE)
    assert view.error and "Wilhelmina" not in view.error and "Zwanenburg" not in view.error
    assert (view.page_count, view.marks, view.segments, view.text) == (0, [], [], "")
    assert view.disposition == "review"
    with pytest.raises(ValueError, match="no such page"):
        render_page(data, name, view, 1)
    broken = dataclasses.replace(view, page_count=1)  # a view that claims a page
    with pytest.raises(ValueError) as caught:
        render_page(data, name, broken, 1)
    assert "Wilhelmina" not in str(caught.value)
