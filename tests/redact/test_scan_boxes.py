"""`pixels.areas_for`: which OCR words of a scan are painted for a plan.

Real images drawn with the DejaVu fonts, read by real Tesseract; each plan removes one
place as the text path would, and the test looks at which words of the page are painted:
the replacement's own words, and every other place where OCR read the same string
otherwise (spaced, glued, split, another case, punctuation attached, one letter
misread), never a name that stays."""

from __future__ import annotations

import os
import re

import pytest
from makers import FONT, MONO, encode, page_image
from PIL import Image, ImageDraw, ImageFont

from zeef.domain.document import ReadDocument
from zeef.pipeline.extract import ocr, read_bytes
from zeef.pipeline.redact import pixels
from zeef.pipeline.redact.plan import RedactionPlan, Replacement

pytestmark = [
    pytest.mark.skipif(not ocr.available(), reason="tesseract with nld not installed"),
    pytest.mark.skipif(not os.path.exists(FONT), reason="fonts-dejavu-core not installed"),
]


def scan(lines: list[str], font: str = FONT) -> ReadDocument:
    """A page with `lines`, read as `zeef redact` reads a PNG scan."""
    if font == FONT:
        image = page_image(lines)
    else:
        face = ImageFont.truetype(font, 36)
        image = Image.new("L", (max(int(face.getlength(ln)) for ln in lines) + 120,
                                len(lines) * 60 + 120), 255)  # fmt: skip
        draw = ImageDraw.Draw(image)
        for n, line in enumerate(lines):
            draw.text((60, 60 + n * 60), line, font=face, fill=0)
    return read_bytes(encode(image, dpi=(300, 300)), "scan.png")


def place(doc: ReadDocument, string: str, nth: int = 0) -> tuple[int, int]:
    """Where OCR read `string` (any white space between its words), the `nth` time."""
    pattern = r"\s+".join(map(re.escape, string.split()))
    found = list(re.finditer(rf"(?<!\w){pattern}(?!\w)", doc.text))
    assert len(found) > nth, f"OCR did not read {string!r}: {doc.text!r}"
    return found[nth].span()


def plan(doc: ReadDocument, *removed: str, kept: tuple[str, ...] = ()) -> RedactionPlan:
    """The plan that removes the first place of each string (the label its number): a
    person's name, or an account number when it starts with NL."""
    replacements = [
        Replacement(*place(doc, s), f"[derde {n}]", "IBAN_CODE" if s.startswith("NL") else "PERSON")
        for n, s in enumerate(removed, 1)
    ]
    return RedactionPlan(sorted(replacements, key=lambda r: r.start), set(kept))


def painted(doc: ReadDocument, areas: list[pixels.Area]) -> list[str]:
    """The words (as OCR read them) whose box lies under an area, in reading order."""
    out = []
    for _, _, word in sorted(doc.ocr_words(), key=lambda w: w[0]):
        x = word.left + word.width / 2
        y = word.top + word.height / 2
        if any(a.page == word.page and a.left <= x <= a.right and a.top <= y <= a.bottom
               for a in areas):  # fmt: skip
            out.append(word.text)
    return out


def test_a_name_over_a_line_break_paints_each_of_its_words_once_labelled_once():
    doc = scan(["Melding over Wouter", "de Ruiter en zijn auto."])
    areas = pixels.areas_for(doc, plan(doc, "Wouter de Ruiter"))
    assert painted(doc, areas) == ["Wouter", "de", "Ruiter"]
    assert [a.label for a in areas] == ["[derde 1]", None, None]


def test_an_iban_spaced_otherwise_elsewhere_is_painted_too():
    doc = scan(["IBAN NL91 ABNA 0417 1643 00", "zelfde rekening NL91ABNA 0417164300 ja"], MONO)
    areas = pixels.areas_for(doc, plan(doc, "NL91 ABNA 0417 1643 00"))
    words = painted(doc, areas)
    assert words[:5] == ["NL91", "ABNA", "0417", "1643", "00"]
    assert words[5:] == ["NL91ABNA", "0417164300"]
    assert "IBAN" not in words and "rekening" not in words and "ja" not in words


def test_an_iban_with_one_character_lost_elsewhere_is_painted_a_date_is_not():
    doc = scan(["IBAN NL91 ABNA 0417 1643 00 op", "ook NL91 ABNA 0417 1643 0 en",
                "op 21-03-2017 en 21-03-201 ja"], MONO)  # fmt: skip
    words = painted(doc, pixels.areas_for(doc, plan(doc, "NL91 ABNA 0417 1643 00", "21-03-2017")))
    assert words[:5] == ["NL91", "ABNA", "0417", "1643", "00"]
    assert words[5:] == ["NL91", "ABNA", "0417", "1643", "0", "21-03-2017"]


def test_other_case_and_punctuation_and_hyphens_attached_are_painted_not_longer_words():
    doc = scan(["Buurman Hofstede belde.", "(HOFSTEDE) en Hofstede-de Ruiter, ook",
                "Hofstedes open"])  # fmt: skip
    words = painted(doc, pixels.areas_for(doc, plan(doc, "Hofstede")))
    assert words == ["Hofstede", "(HOFSTEDE)", "Hofstede-de"]


def test_a_name_glued_or_split_by_ocr_is_painted():
    doc = scan(["melding over de Ruiter", "deRuiter belde", "vriend Maarten kwam",
                "Maar ten belde"])  # fmt: skip
    words = painted(doc, pixels.areas_for(doc, plan(doc, "de Ruiter", "Maarten")))
    assert words == ["de", "Ruiter", "deRuiter", "Maarten", "Maar", "ten"]


def test_one_misread_letter_is_painted_but_never_a_name_that_stays():
    doc = scan(["Sietske is ziek", "bril van Sietsko kapot", "Hendrikse belde",
                "Hendriks bleef thuis"])  # fmt: skip
    words = painted(
        doc, pixels.areas_for(doc, plan(doc, "Sietske", "Hendrikse", kept=("Hendriks",)))
    )
    assert words == ["Sietske", "Sietsko", "Hendrikse"]


def test_a_removed_name_inside_a_name_that_stays_is_not_painted_there():
    doc = scan(["Maarten belde", "Maarten Veldkamp bleef", "en MAARTEN ging"])
    words = painted(doc, pixels.areas_for(doc, plan(doc, "Maarten", kept=("Maarten Veldkamp",))))
    assert words == ["Maarten", "MAARTEN"]


def test_numbers_and_short_words_need_every_character():
    doc = scan(["geboren 21-03-2017 en", "zus 21-03-2018 ook", "Tom en Tim", "BSN 111222333"])
    words = painted(doc, pixels.areas_for(doc, plan(doc, "21-03-2017", "Tom")))
    assert words == ["21-03-2017", "Tom"]


def test_the_painted_copy_no_longer_reads_what_was_removed(tmp_path):
    doc = scan(["Mijn buurvrouw Fatima el Amrani", "woont samen met Maarten Klaver.",
                "KLAVER heeft rekening NL91 ABNA", "0417 1643 00, groet Dorien"])  # fmt: skip
    removed = plan(doc, "Maarten Klaver", "NL91 ABNA 0417 1643 00", "Dorien")
    data = pixels.redact_image(doc.data, pixels.areas_for(doc, removed), doc.ocr.pages, "PNG")
    seen = ocr.ocr_image(data).text
    for gone in ("Maarten", "Klaver", "KLAVER", "NL91", "1643", "Dorien"):
        assert gone not in seen
    for kept in ("Fatima", "Amrani", "buurvrouw", "rekening"):
        assert kept in seen


# -- the OCR text laid out in rows (`pixels.relaid`) ----------------------------------

FORM = [("Naam", "Wouter de Ruiter"), ("Geboortedatum", "12-03-1971"), ("Woonplaats", "Zeewolde"),
        ("Telefoon", "06-12345678"), ("Relatie", "buurman")]  # fmt: skip


def form_page() -> Image.Image:
    """A form: labels on the left, the answers far to the right."""
    face = ImageFont.truetype(FONT, 36)
    image = Image.new("L", (1700, 120 + 70 * len(FORM)), 255)
    draw = ImageDraw.Draw(image)
    for n, (label, value) in enumerate(FORM):
        draw.text((60, 60 + 70 * n), label, font=face, fill=0)
        draw.text((1050, 60 + 70 * n), value, font=face, fill=0)
    return image


def assert_offsets_hold(doc: ReadDocument) -> None:
    for start, end, word in doc.ocr_words():
        assert doc.text[start:end] == word.text


def test_relaid_puts_each_answer_on_its_label_s_line_and_keeps_every_box():
    doc = read_bytes(encode(form_page(), dpi=(300, 300)), "formulier.png")
    laid = pixels.relaid(doc)
    assert_offsets_hold(laid)
    boxes = sorted((w.text, w.left, w.top, w.width, w.height) for w in doc.ocr.words)
    assert sorted((w.text, w.left, w.top, w.width, w.height) for w in laid.ocr.words) == boxes
    lines = laid.text.splitlines()
    for label, value in FORM:
        row = next(line for line in lines if label in line)
        assert value in row and row.index(label) < row.index(value), row
    # and the areas of a plan on the laid-out text are the words of the value
    areas = pixels.areas_for(laid, plan(laid, "Wouter de Ruiter"))
    assert painted(laid, areas) == ["Wouter", "de", "Ruiter"]


def test_relaid_leaves_a_page_with_a_text_layer_as_it_was():
    import pymupdf

    document = pymupdf.open()
    document.new_page(width=595, height=842).insert_text((72, 100), "Getypte brief van Tjitske")
    scanned = document.new_page(width=595, height=842)
    scanned.insert_image(pymupdf.Rect(36, 36, 559, 36 + 523 * 0.3), stream=encode(form_page()))
    data = document.tobytes()
    document.close()
    doc = read_bytes(data, "gemengd.pdf")
    assert doc.ocr is not None and [p.index for p in doc.ocr.pages] == [1]
    laid = pixels.relaid(doc)
    assert_offsets_hold(laid)
    first = laid.text[: laid.page_starts[1]]
    assert first == doc.text[: doc.page_starts[1]]
    assert "Getypte brief van Tjitske" in first
    assert any("Naam" in line and "Wouter" in line for line in laid.text.splitlines())


def test_relaid_document_without_ocr_is_the_same_document():
    doc = ReadDocument(name="brief.txt", media_type="text/plain", text="Beste Tjitske,")
    assert pixels.relaid(doc) is doc
