"""The OCR result is a field of the read document (`ReadDocument.ocr`), so it travels
with every copy and pickle (as between processes or workers), and redaction's pixel
path finds the same boxes on the copy. A real scan drawn with a real font, real
Tesseract."""

from __future__ import annotations

import copy
import os
import pickle

import pytest
from makers import FONT, encode, page_image

from zeef.domain.case import parse_case
from zeef.pipeline.extract import ocr, read_bytes
from zeef.pipeline.redact import pixels, redact_text

pytestmark = [
    pytest.mark.skipif(not ocr.available(), reason="tesseract with nld not installed"),
    pytest.mark.skipif(not os.path.exists(FONT), reason="fonts-dejavu-core not installed"),
]

CASE = parse_case(
    {
        "case_id": "2026-0042",
        "law": "participatiewet",
        "subject": {"name": "Fatima el Amrani", "address": "Lindelaan 4, 3511 AB Utrecht"},
    }
)
TIP = [
    "Melding vermoeden van uitkeringsfraude",
    "Mijn buurvrouw Fatima el Amrani woont samen",
    "met haar vriend Gerrit de Wit.",
    "Groet, Lotte Bakker",
]


@pytest.fixture(scope="module")
def scan():
    doc = read_bytes(encode(page_image(TIP), dpi=(300, 300)), "melding.png")
    assert doc.ocr is not None and not doc.needs_ocr
    assert "Lotte Bakker" in doc.text  # a third party's name, read by OCR
    return doc


def test_copies_and_pickles_keep_the_ocr_result(scan):
    words = list(scan.ocr_words())
    assert words and any(w.text == "Bakker" for _, _, w in words)
    shallow = copy.copy(scan)
    deep = copy.deepcopy(scan)
    unpickled = pickle.loads(pickle.dumps(scan))
    assert shallow.ocr is scan.ocr
    for clone in (deep, unpickled):
        assert clone.ocr is not None and clone.ocr is not scan.ocr
        assert clone.ocr == scan.ocr
    for clone in (shallow, deep, unpickled):
        assert list(clone.ocr_words()) == words
        assert (clone.text, clone.page_starts) == (scan.text, scan.page_starts)


def test_pixel_areas_are_the_same_for_the_unpickled_copy(scan):
    _, removed, plan = redact_text(scan.text, CASE)
    assert any("Bakker" in s for s in removed)
    assert not any("Amrani" in s for s in removed)  # the subject stays
    areas = pixels.areas_for(scan, plan)
    assert areas
    unpickled = pickle.loads(pickle.dumps(scan))
    assert pixels.areas_for(unpickled, plan) == areas
    # And a plan made from the copy's own text finds the same.
    _, _, own_plan = redact_text(unpickled.text, CASE)
    assert pixels.areas_for(unpickled, own_plan) == areas
