"""Hostile input: a copy of someone else's ID document handed in under a case.

Only the subject's own document establishes the subject's identity (Pw art. 17 lid 3,
Wmo 2015 art. 2.3.4). Another person's copy is still destroyed (there is no basis to
keep it), but its number is noted nowhere: not in the ID note (`identity_established`
false, reason `id_document_not_subject`, no name), not in the record, not in the
classify line, not in the citizen's letter (which says a copy of someone else's ID was
destroyed), not in the audit trail. The holder's own copy under the holder's own case is
handled as before. Generated ID cards: typed text and drawn images read by Tesseract."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from makers import FONT, MONO, encode
from PIL import Image, ImageDraw, ImageFont

from zeef.domain.case import parse_case
from zeef.pipeline.classify import classify_path
from zeef.pipeline.extract import ocr
from zeef.pipeline.ingest import ingest_paths, process_incoming, stage, write_run_letter
from zeef.pipeline.mupdf import pymupdf
from zeef.pipeline.route import id_document_key, letter_key, record_key
from zeef.storage import sha256_hex
from zeef.storage.local import LocalStore
from zeef_corpus import mrz

NUMBER, EXPIRY = "XN84RT2K6", dt.date(2031, 5, 14)
# The card's holder, and the subject of the case the card is handed in under.
HOLDER = {"name": "Willeke de Bruijn", "birth_date": "1965-03-10"}
SUBJECT = {"name": "Anna de Vries", "birth_date": "1985-07-23"}


def case_of(subject: dict, case_id: str = "2026-0901"):
    return parse_case({"case_id": case_id, "law": "participatiewet", "subject": subject})


def zone() -> list[str]:
    return mrz.td1(doc_type="I", issuing="NLD", name="DE<BRUIJN<<WILLEKE", number=NUMBER,
                   nationality="NLD", birth=dt.date(1965, 3, 10), sex="F", expiry=EXPIRY,
                   optional1="999999990")  # fmt: skip


def card_text() -> str:
    return "\n".join(
        [
            "KONINKRIJK DER NEDERLANDEN  KINGDOM OF THE NETHERLANDS",
            "IDENTITEITSKAART  IDENTITY CARD",
            "Naam / Surname: DE BRUIJN",
            "Voornamen / Given names: WILLEKE",
            "Geboortedatum / Date of birth: 10 03 1965",
            f"Documentnummer / Document no.: {NUMBER}",
            "Vervaldatum / Date of expiry: 14 05 2031",
            "",
            *zone(),
            "",
        ]
    )


def card_image() -> bytes:
    """The card photographed: printed fields and the zone in a monospace font."""
    image = Image.new("L", (1500, 760), 235)
    draw = ImageDraw.Draw(image)
    sans, mono = ImageFont.truetype(FONT, 30), ImageFont.truetype(MONO, 34)
    draw.text((60, 40), "IDENTITEITSKAART / IDENTITY CARD", font=sans, fill=20)
    draw.text((60, 100), "Naam: DE BRUIJN", font=sans, fill=20)
    draw.text((60, 150), f"Documentnummer: {NUMBER}", font=sans, fill=20)
    draw.text((60, 200), "Geboortedatum: 10-03-1965", font=sans, fill=20)
    for n, line in enumerate(zone()):
        draw.text((60, 460 + n * 60), line, font=mono, fill=15)
    return encode(image, "PNG")


def everything(store) -> dict[str, bytes]:
    return {key: store.get(key) for key in store.list("")}


def letter_text(store, letter: str) -> str:
    text = store.get(letter.replace(".pdf", ".txt")).decode()
    with pymupdf.open(stream=store.get(letter), filetype="pdf") as pdf:
        assert NUMBER not in "".join(page.get_text() for page in pdf)
    return text


def letter_text_with_number(store, letter: str) -> str:
    return store.get(letter.replace(".pdf", ".txt")).decode()


def assert_not_subjects(store, summary, sha: str, case_id: str, expect_type: str = "id_card"):
    line = next(d for d in summary["documents"] if d["sha256"] == sha)
    assert (line["category"], line["disposition"]) == ("id_copy", "destroy")
    assert line["reasons"] == ["id_document_not_subject"]
    note = json.loads(store.get(id_document_key(case_id, sha)))
    assert note == {
        "number": None,
        "valid_until": None,
        "type": expect_type,
        "identity_established": False,
        "recorded": note["recorded"],
        "reason": "id_document_not_subject",
    }
    record = json.loads(store.get(record_key(case_id, sha)))
    assert record["id_document"] is None and record["location"] is None
    assert "id_document_not_subject" in record["reasons"]
    # Not the number, the expiry or whose it was, anywhere in the store.
    for key, data in everything(store).items():
        for secret in (NUMBER, "2031-05-14", "BRUIJN", "Bruijn", "WILLEKE", "650310"):
            assert secret.encode() not in data, (key, secret)
    text = letter_text(store, summary["letter"])
    assert "identiteitsbewijs van iemand anders" in text
    assert "Genoteerd" not in text and "2031" not in text


def test_someone_elses_id_card_is_destroyed_and_noted_nowhere(tmp_path):
    path = tmp_path / "id-kaart.txt"
    path.write_text(card_text())
    store = LocalStore(tmp_path / "store")
    summary = ingest_paths(store, case_of(SUBJECT), [str(path)], progress=False)
    assert_not_subjects(store, summary, sha256_hex(path.read_bytes()), "2026-0901")
    # the classify line: no id_document, the reason
    line = classify_path(path, case_of(SUBJECT)).to_json()
    assert line["id_document"] is None and line["reasons"] == ["id_document_not_subject"]
    assert line["disposition"] == "destroy" and NUMBER not in json.dumps(line)


def test_without_a_birth_date_in_the_case_file_the_name_decides(tmp_path):
    path = tmp_path / "id-kaart.txt"
    path.write_text(card_text())
    store = LocalStore(tmp_path / "store")
    subject = {"name": "Anna de Vries"}
    summary = ingest_paths(store, case_of(subject), [str(path)], progress=False)
    assert_not_subjects(store, summary, sha256_hex(path.read_bytes()), "2026-0901")


def test_an_unreadable_holder_goes_to_review(tmp_path):
    path = tmp_path / "id-kaart.txt"
    lines = zone()
    # the name line lost and the case file without a birth date: whose is it?
    path.write_text("IDENTITEITSKAART\n" + "\n".join(lines[:2]) + "\n")
    result = classify_path(path, case_of({"name": "Anna de Vries"}))
    assert result.category.value == "id_copy"
    assert result.disposition.value == "review" and result.id_document is None
    assert result.reasons == ["id_document_holder_unknown"]


def test_the_holders_own_card_under_the_holders_own_case_is_noted_as_before(tmp_path):
    path = tmp_path / "id-kaart.txt"
    path.write_text(card_text())
    store = LocalStore(tmp_path / "store")
    summary = ingest_paths(store, case_of(HOLDER, "2026-0902"), [str(path)], progress=False)
    sha = sha256_hex(path.read_bytes())
    line = next(d for d in summary["documents"] if d["sha256"] == sha)
    assert (line["disposition"], line.get("reasons")) == ("destroy", None)
    note = json.loads(store.get(id_document_key("2026-0902", sha)))
    assert (note["number"], note["valid_until"]) == (NUMBER, "2031-05-14")
    assert note["identity_established"] is True and "reason" not in note
    record = json.loads(store.get(record_key("2026-0902", sha)))
    assert record["id_document"] == {"number": NUMBER, "valid_until": "2031-05-14"}
    text = letter_text_with_number(store, summary["letter"])
    assert f"documentnummer {NUMBER}, geldig tot 14 mei 2031" in text
    # and without a case, as `zeef classify` always did
    line = classify_path(path, None).to_json()
    assert line["id_document"] == {"number": NUMBER, "valid_until": "2031-05-14"}


def test_the_dag_steps_write_the_same_letter_from_the_records(tmp_path):
    store = LocalStore(tmp_path / "store")
    case = case_of(SUBJECT)
    run = "20261201T090000Z-abc123"
    key = stage(store, card_text().encode(), "id-kaart.txt")
    process_incoming(store, case, key, run)
    letter = write_run_letter(store, case, run)
    assert letter == letter_key(case.case_id, run)
    text = letter_text(store, letter)
    assert "identiteitsbewijs van iemand anders" in text and NUMBER not in text


@pytest.fixture(scope="module")
def photo(tmp_path_factory):
    path = tmp_path_factory.mktemp("photo") / "kaart.png"
    path.write_bytes(card_image())
    return path


@pytest.mark.skipif(not ocr.available(), reason="tesseract with nld not installed")
@pytest.mark.skipif(not os.path.exists(MONO), reason="fonts-dejavu-core not installed")
@pytest.mark.parametrize("whose", ["someone_else", "own"])
def test_a_photographed_card(tmp_path, photo, whose):
    store = LocalStore(tmp_path / "store")
    case = case_of(SUBJECT) if whose == "someone_else" else case_of(HOLDER, "2026-0902")
    summary = ingest_paths(store, case, [str(photo)], progress=False)
    sha = sha256_hex(photo.read_bytes())
    if whose == "someone_else":
        assert_not_subjects(store, summary, sha, case.case_id)
    else:
        note = json.loads(store.get(id_document_key(case.case_id, sha)))
        assert (note["number"], note["identity_established"]) == (NUMBER, True)
        assert NUMBER in letter_text_with_number(store, summary["letter"])
