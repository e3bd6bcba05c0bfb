"""Records: what ingest writes is what dossier, letters and reruns read back, typed."""

import json

import pytest

from zeef.domain.records import (
    DocumentRecord,
    IdDocumentNote,
    MessageRecord,
    RecordError,
    record_from_bytes,
    record_from_json,
    record_to_bytes,
)
from zeef.domain.vocabulary import Category, Disposition

SHA = "a" * 64


def _document(**more) -> DocumentRecord:
    fields = dict(
        sha256=SHA,
        name="brief.pdf",
        media_type="application/pdf",
        category=Category.ID_COPY,
        confidence=0.97,
        disposition=Disposition.DESTROY,
        legal_basis="Participatiewet art. 17 lid 3",
        received="2026-12-04T10:00:00+00:00",
        run="20261204T100000Z-abcdef",
        reasons=("low_confidence",),
        id_document={"number": "SPECI2014", "valid_until": "2031-03-09"},
    )
    fields.update(more)
    return DocumentRecord(**fields)


def test_a_document_record_survives_bytes_both_ways():
    record = _document(message="b" * 64, part="bijlage-1.pdf")
    again = record_from_bytes(record_to_bytes(record))
    assert again == record
    assert isinstance(again, DocumentRecord) and again.category is Category.ID_COPY


def test_a_message_record_survives_bytes_both_ways():
    record = MessageRecord(
        sha256=SHA,
        name="mail.eml",
        category=Category.MEDICAL,
        confidence=0.9,
        disposition=Disposition.FORWARD_MEDICAL_ADVISER,
        parts=("b" * 64, "c" * 64),
        received="2026-12-04T10:00:00+00:00",
        run="r",
    )
    again = record_from_bytes(record_to_bytes(record))
    assert again == record and again.kind == "message"


def test_a_record_without_kind_is_a_document_record():
    # Records written before `kind` existed are documents.
    data = _document().to_json()
    del data["kind"]
    assert isinstance(record_from_json(data), DocumentRecord)


@pytest.mark.parametrize(
    "change, field",
    [
        ({"category": "secret_stuff"}, "category"),
        ({"disposition": "keep_forever"}, "disposition"),
        ({"sha256": None}, "sha256"),
        ({"reasons": "not a list"}, "reasons"),
        ({"kind": "invoice"}, "kind"),
        ({"id_document": ["x"]}, "id_document"),
    ],
)
def test_a_damaged_record_is_a_record_error_naming_the_field(change, field):
    data = {**_document().to_json(), **change}
    with pytest.raises(RecordError) as err:
        record_from_json(data)
    assert field in str(err.value)


def test_bytes_that_are_no_record_are_a_record_error():
    for raw in (b"\xff\xfe", b"{not json", json.dumps([1, 2]).encode()):
        with pytest.raises(RecordError):
            record_from_bytes(raw)


def test_an_id_document_note_keeps_number_and_expiry_only():
    note = IdDocumentNote(number="SPECI2014", valid_until="2031-03-09", type="id_card")
    data = note.to_json()
    assert set(data) == {"number", "valid_until", "type", "identity_established", "recorded"}
    assert IdDocumentNote.from_json(data) == note
