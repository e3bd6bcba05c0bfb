"""Handing over a forwarded or returned document: every version of it deleted, its
record kept without a location, one audit event, the trail verifying after each step; on
a local folder and on a real S3 server (SeaweedFS, a versioned bucket), with a held-out
case (2026-0412, never used for training) ingested."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from makers import ingest_holdout
from minio.commonconfig import ENABLED
from minio.versioningconfig import VersioningConfig

from zeef.domain.errors import InvalidInput
from zeef.domain.records import DocumentRecord, record_from_bytes
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.handover import DOCUMENT_HANDED_OVER, HandoverError, handover
from zeef.pipeline.review_decision import Decision, DecisionError, confirm_receipt, decide
from zeef.pipeline.route import record_key

HOLDOUT = Path(__file__).resolve().parents[1] / "holdout"
CASE_ID = "2026-0412"
OUTBOX = f"outbox/medical_adviser/{CASE_ID}"
RETURNS = f"returns/{CASE_ID}"


def _ingest(store) -> None:
    ingest_holdout(store, CASE_ID)


def _record(store, sha) -> DocumentRecord:
    return record_from_bytes(store.get(record_key(CASE_ID, sha)))


def _in(store, prefix) -> str:
    keys = store.list(f"{prefix}/")
    assert len(keys) == 1, f"not one document under {prefix}/ for the held-out case"
    return keys[0].rsplit("/", 1)[1]


def _verified(store) -> None:
    result = AuditTrail(store, CASE_ID).verify()
    assert result.ok and not result.unsealed, result


def _handovers(store, sha) -> list:
    events = AuditTrail(store, CASE_ID).events()
    return [e for e in events if e.event == DOCUMENT_HANDED_OVER and e.document == sha]


def _snapshot(store) -> dict[str, bytes]:
    return {key: store.get(key) for key in store.list()}


def _versions(request, store, key) -> list:
    """Every version and delete marker of `key` (S3); [] on a local folder."""
    if not hasattr(store, "bucket"):
        return []
    client = request.getfixturevalue("s3_server").client()
    objects = client.list_objects(store.bucket, prefix=key, include_version=True)
    return [o for o in objects if o.object_name == key]


@pytest.fixture
def ingested(store, request):
    if hasattr(store, "bucket"):  # S3: a versioned bucket, as production keeps it
        client = request.getfixturevalue("s3_server").client()
        client.set_bucket_versioning(store.bucket, VersioningConfig(ENABLED))
    _ingest(store)
    _verified(store)
    return store


def test_forwarded_document_handed_over_leaves_nothing_of_it(ingested, request):
    store = ingested
    sha = _in(store, OUTBOX)
    key = f"{OUTBOX}/{sha}"
    data = store.get(key)
    store.put(key, data)  # a second version of it
    if hasattr(store, "bucket"):
        assert len(_versions(request, store, key)) == 2
    _verified(store)
    now = dt.datetime(2027, 1, 4, 9, 30, tzinfo=dt.UTC)
    new = handover(store, CASE_ID, sha, how="post", actor="mark", now=now)

    assert not store.exists(key)
    assert _versions(request, store, key) == []
    assert all(store.get(k) != data for k in store.list())  # no copy anywhere
    assert [k for k in store.list() if sha in k] == [record_key(CASE_ID, sha)]
    assert new.location is None
    assert (new.decided_by, new.decided_at) == ("mark", "2027-01-04T09:30:00+00:00")
    assert _record(store, sha) == new
    events = _handovers(store, sha)
    assert len(events) == 1
    event = events[0]
    assert (event.actor, event.reason, event.category.value, event.disposition.value) == (
        "mark",
        "medical_adviser:post",
        "medical",
        "forward_medical_adviser",
    )
    assert AuditTrail(store, CASE_ID).events()[-1] == event
    _verified(store)


def test_returned_document_handed_over_to_the_subject(ingested, request):
    store = ingested
    sha = _in(store, f"review/{CASE_ID}")
    decision = Decision.parse("other", "return_to_sender", "not_needed")
    decide(store, CASE_ID, sha, decision, actor="rita")
    _verified(store)
    key = f"{RETURNS}/{sha}"
    data = store.get(key)
    with pytest.raises(HandoverError, match="to: "):
        handover(store, CASE_ID, sha, to="medical_adviser", how="post", actor="rita")
    new = handover(store, CASE_ID, sha, to="subject", how="in_person", actor="rita")

    assert store.list(f"{RETURNS}/") == []
    assert _versions(request, store, key) == []
    assert all(store.get(k) != data for k in store.list())
    assert new.location is None and new.decided_by == "rita"
    assert _record(store, sha).location is None
    [event] = _handovers(store, sha)
    assert (event.reason, event.disposition.value) == ("subject:in_person", "return_to_sender")
    _verified(store)


def test_refused_handovers_change_nothing(ingested):
    store = ingested
    sha = _in(store, OUTBOX)
    archived = store.list(f"dossier/{CASE_ID}/archive/")[0].rsplit("/", 1)[1]
    before = _snapshot(store)
    refused = [
        ({"sha256": sha, "to": "subject"}, "to: this document waits for medical_adviser"),
        ({"sha256": sha, "to": "someone"}, "to: one of"),
        ({"sha256": sha, "how": "pigeon"}, "how: one of"),
        ({"sha256": sha, "actor": "Mark Jansen"}, "actor: "),
        ({"sha256": "f" * 64}, "no such document"),
        ({"sha256": "../x"}, "sha256: "),
        ({"sha256": archived}, "nothing waits"),
    ]
    for fields, message in refused:
        args = {"to": None, "how": "portal", "actor": "mark", **fields}
        with pytest.raises(HandoverError, match=message) as caught:
            handover(store, CASE_ID, args.pop("sha256"), **args)
        assert isinstance(caught.value, InvalidInput) and isinstance(caught.value, DecisionError)
        assert _snapshot(store) == before
    _verified(store)

    handover(store, CASE_ID, sha, how="portal", actor="mark")
    after = _snapshot(store)
    with pytest.raises(HandoverError, match="nothing waits"):  # twice
        handover(store, CASE_ID, sha, how="portal", actor="mark")
    with pytest.raises(DecisionError):  # the adviser's receipt agrees: nothing waits
        confirm_receipt(store, CASE_ID, sha, actor="mark")
    assert _snapshot(store) == after
    assert len(_handovers(store, sha)) == 1
    _verified(store)


def test_rerun_after_a_crash_before_the_record_writes_no_second_event(ingested, monkeypatch):
    store = ingested
    sha = _in(store, OUTBOX)
    key = f"{OUTBOX}/{sha}"
    put = store.put

    def crash_on_record(k, *args, **kwargs):
        if k == record_key(CASE_ID, sha):
            raise RuntimeError("killed")
        return put(k, *args, **kwargs)

    monkeypatch.setattr(store, "put", crash_on_record)
    with pytest.raises(RuntimeError):
        handover(store, CASE_ID, sha, how="post", actor="mark")
    monkeypatch.undo()
    assert not store.exists(key)  # deleted, but the record still says where it was
    assert _record(store, sha).location == key
    _verified(store)

    new = handover(store, CASE_ID, sha, how="portal", actor="other")
    assert new.location is None and _record(store, sha) == new
    [event] = _handovers(store, sha)
    assert (event.reason, event.actor, new.decided_by) == ("medical_adviser:post", "mark", "mark")
    _verified(store)


def test_rerun_after_a_crash_before_the_delete_deletes(ingested, monkeypatch):
    store = ingested
    sha = _in(store, OUTBOX)
    key = f"{OUTBOX}/{sha}"

    def crash(*args, **kwargs):
        raise RuntimeError("killed")

    monkeypatch.setattr(store, "delete", crash)
    with pytest.raises(RuntimeError):
        handover(store, CASE_ID, sha, how="post", actor="mark")
    monkeypatch.undo()
    assert store.exists(key) and len(_handovers(store, sha)) == 1
    _verified(store)

    handover(store, CASE_ID, sha, how="post", actor="mark")
    assert not store.exists(key) and _record(store, sha).location is None
    assert len(_handovers(store, sha)) == 1
    _verified(store)
