"""A reviewer's decision, the medical adviser's receipt and advice, and the letter that
tells the citizen: on a local folder and on a real S3 server (versioned bucket for the
receipt), with a held-out case (2026-0412, never used for training) ingested."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from makers import ingest_holdout
from minio.commonconfig import ENABLED
from minio.versioningconfig import VersioningConfig

from zeef.domain.case import load_case
from zeef.domain.records import DocumentRecord, IdDocumentNote, record_from_bytes
from zeef.domain.vocabulary import Category, Disposition
from zeef.pipeline import pending_letters
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.ingest import IngestRun, write_run_letter
from zeef.pipeline.review_decision import (
    Decision,
    DecisionError,
    confirm_receipt,
    decide,
    record_advice,
)
from zeef.pipeline.route import record_key

HOLDOUT = Path(__file__).resolve().parents[1] / "holdout"
CASE_ID = "2026-0412"


def _ingest(store) -> None:
    ingest_holdout(store, CASE_ID)


def _record(store, sha) -> DocumentRecord:
    return record_from_bytes(store.get(record_key(CASE_ID, sha)))


def _in(store, prefix) -> str:
    keys = store.list(f"{prefix}/{CASE_ID}/")
    assert keys, f"nothing under {prefix}/ for the held-out case"
    return keys[0].rsplit("/", 1)[1]


@pytest.fixture
def ingested(store):
    _ingest(store)
    return store


def test_decision_routes_out_of_review_with_its_event_note_and_record(ingested):
    store = ingested
    sha = _in(store, "review")
    data = store.get(f"review/{CASE_ID}/{sha}")
    events = len(AuditTrail(store, CASE_ID).events())
    decision = Decision.parse("application", "archive", "category_corrected", "aanvraag  bijlage")
    new = decide(store, CASE_ID, sha, decision, actor="rita")

    assert store.get(f"dossier/{CASE_ID}/archive/{sha}") == data
    assert not store.exists(f"review/{CASE_ID}/{sha}")
    assert new.disposition is Disposition.ARCHIVE and new.category is Category.APPLICATION
    assert new.location == f"dossier/{CASE_ID}/archive/{sha}"
    assert new.review_deadline is None and new.decided_by == "rita"
    assert _record(store, sha) == new
    trail = AuditTrail(store, CASE_ID)
    last = trail.events()[-1]
    assert len(trail.events()) == events + 1
    assert (last.event, last.actor, last.document, last.reason) == (
        "review_decision",
        "rita",
        sha,
        "category_corrected",
    )
    assert last.legal_reference == new.legal_basis
    assert trail.verify().ok
    note = json.loads(store.get(f"cases/{CASE_ID}/decisions/{sha}.json"))
    assert note["motivation"] == "aanvraag bijlage" and note["by"] == "rita"
    assert not pending_letters.waiting(store, CASE_ID)  # kept: nothing to tell

    with pytest.raises(DecisionError, match="no longer waits"):
        decide(store, CASE_ID, sha, decision, actor="rita")


def test_a_disposition_the_table_forbids_changes_nothing(ingested):
    store = ingested
    sha = _in(store, "review")
    before = {key: store.get(key) for key in store.list()}
    for category, disposition in (("medical", "archive"), ("id_copy", "working")):
        decision = Decision.parse(category, disposition, "category_corrected")
        with pytest.raises(DecisionError, match="not allowed"):
            decide(store, CASE_ID, sha, decision, actor="rita")
    assert {key: store.get(key) for key in store.list()} == before


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        (("other", "working", "because I say so"), "reason"),
        (("letter", "working", "not_needed"), "category"),
        (("other", "review", "not_needed"), "disposition"),
        (("id_copy", "destroy", "id_established"), "ID copy"),
    ],
)
def test_a_malformed_decision_names_its_field(fields, field):
    with pytest.raises(DecisionError, match=field):
        Decision.parse(*fields)


def test_returned_document_waits_for_the_next_letter_and_is_told_once(ingested):
    store = ingested
    sha = _in(store, "review")
    decide(store, CASE_ID, sha, Decision.parse("other", "return_to_sender", "not_needed"),
           actor="rita")  # fmt: skip
    assert store.exists(f"returns/{CASE_ID}/{sha}")
    assert pending_letters.waiting(store, CASE_ID) == [sha]
    assert pending_letters.cases_waiting(store) == [CASE_ID]

    case = load_case(HOLDOUT / "cases" / f"{CASE_ID}.json")
    key = write_run_letter(store, case, "20261205T120000Z-abcdef")
    assert key is not None
    text = store.get(key.removesuffix(".pdf") + ".txt").decode("utf-8")
    assert "terug" in text.lower()
    assert pending_letters.waiting(store, CASE_ID) == []
    with IngestRun(store, case) as run:  # the next run has nothing more to tell
        assert run.letter_items() == []


def test_id_copy_destroyed_by_a_reviewer_keeps_only_number_and_expiry(ingested):
    store = ingested
    sha = _in(store, "review")
    decision = Decision.parse(
        "id_copy", "destroy", "id_established", id_number="nx12 3456 7", id_valid_until="2031-02-03"
    )
    new = decide(store, CASE_ID, sha, decision, actor="rita")
    assert new.location is None
    assert not any(key.endswith(sha) for key in store.list(f"review/{CASE_ID}/"))
    note = IdDocumentNote.from_json(
        json.loads(store.get(f"cases/{CASE_ID}/id_documents/{sha}.json"))
    )
    assert (note.number, note.valid_until, note.identity_established) == (
        "NX1234567",
        "2031-02-03",
        True,
    )
    assert pending_letters.waiting(store, CASE_ID) == [sha]


def test_receipt_deletes_every_version_and_keeps_the_record(ingested, request):
    store = ingested
    if hasattr(store, "bucket"):  # S3: a versioned bucket, the forwarded copy rewritten
        server = request.getfixturevalue("s3_server")
        client = server.client()
        client.set_bucket_versioning(store.bucket, VersioningConfig(ENABLED))
    sha = _in(store, "outbox/medical_adviser")
    key = f"outbox/medical_adviser/{CASE_ID}/{sha}"
    store.put(key, store.get(key))  # a second version of it
    new = confirm_receipt(store, CASE_ID, sha, actor="mark")

    assert not store.exists(key)
    if hasattr(store, "bucket"):
        left = [
            o
            for o in client.list_objects(store.bucket, prefix=key, include_version=True)
            if o.object_name == key
        ]
        assert left == []
    assert new.location is None and new.decided_by == "mark"
    assert _record(store, sha).location is None
    last = AuditTrail(store, CASE_ID).events()[-1]
    assert (last.event, last.actor, last.document) == ("medical_received", "mark", sha)
    with pytest.raises(DecisionError):
        confirm_receipt(store, CASE_ID, sha, actor="mark")


def test_an_advice_is_a_new_medical_advice_document_routed_by_the_policy(ingested):
    store = ingested
    record = record_advice(store, CASE_ID, "Belastbaar voor 20 uur per week.", actor="mark")
    assert record.category is Category.MEDICAL_ADVICE
    assert record.disposition is Disposition.ARCHIVE  # Participatiewet: archive
    assert store.get(record.location) == b"Belastbaar voor 20 uur per week."
    event = AuditTrail(store, CASE_ID).events()[-1]
    assert (event.actor, event.reason) == ("mark", "medical_advice_recorded")
    with pytest.raises(DecisionError, match="empty"):
        record_advice(store, CASE_ID, "  ", actor="mark")
