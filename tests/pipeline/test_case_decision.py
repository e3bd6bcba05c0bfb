"""The decision on a case and the end of its provision: the supporting documents move from
the working to the archival dossier (bytes, record, event; on S3 no version of the
working copy left), the decision is kept with its event, a rerun changes nothing, a
different decision or a document outside the dossier is refused with nothing changed,
and a run killed halfway is completed by running it again. On a local folder and a real
S3 server (a versioned bucket), with the held-out case 2026-0412 ingested."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from makers import ingest_holdout
from minio.commonconfig import ENABLED
from minio.versioningconfig import VersioningConfig

from zeef.domain.policy import rule_for
from zeef.domain.records import DocumentRecord, record_from_bytes
from zeef.domain.vocabulary import Category, Disposition
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.case_decision import (
    CaseDecisionError,
    archive_basis,
    decide_case,
    end_provision,
    load_decision,
)
from zeef.pipeline.route import record_key

HOLDOUT = Path(__file__).resolve().parents[1] / "holdout"
CASE_ID = "2026-0412"
TODAY = dt.datetime.now(dt.UTC).date()


def _ingest(store) -> None:
    ingest_holdout(store, CASE_ID)


def _versioned(store, request):
    """The S3 client of a versioned bucket (None for a local folder)."""
    if not hasattr(store, "bucket"):
        return None
    client = request.getfixturevalue("s3_server").client()
    client.set_bucket_versioning(store.bucket, VersioningConfig(ENABLED))
    return client


def _versions(client, store, key) -> list:
    objects = client.list_objects(store.bucket, prefix=key, include_version=True)
    return [o for o in objects if o.object_name == key]


def _record(store, sha) -> DocumentRecord:
    return record_from_bytes(store.get(record_key(CASE_ID, sha)))


def _part(store, part) -> list[str]:
    prefix = f"dossier/{CASE_ID}/{part}/"
    return [k[len(prefix) :] for k in store.list(prefix)]


def _state(store) -> dict:
    return {k: store.get(k) for k in store.list()}


@pytest.fixture
def ingested(store, request):
    client = _versioned(store, request)
    _ingest(store)
    return store, client


def _bank_statement(store) -> str:
    for sha in _part(store, "working"):
        if _record(store, sha).category is Category.BANK_STATEMENT:
            return sha
    raise AssertionError("no bank statement in the working dossier")


def test_a_supporting_document_moves_to_the_archive(ingested):
    store, client = ingested
    working = _part(store, "working")
    assert len(working) == 4  # two tips, two bank statements
    sha = _bank_statement(store)
    data = store.get(f"dossier/{CASE_ID}/working/{sha}")
    if client is not None:  # a second version of the working copy
        store.put(f"dossier/{CASE_ID}/working/{sha}", data)
    events = len(AuditTrail(store, CASE_ID).events())

    out = decide_case(store, CASE_ID, date=TODAY, supports=[sha.upper()], actor="clerk.b")

    assert out["promoted"] == [sha] and out["supports"] == [sha]
    assert out["date"] == TODAY.isoformat() and out["provision_end"] is None
    assert store.get(f"dossier/{CASE_ID}/archive/{sha}") == data
    assert not store.exists(f"dossier/{CASE_ID}/working/{sha}")
    assert sorted(_part(store, "working")) == sorted(set(working) - {sha})
    if client is not None:
        assert _versions(client, store, f"dossier/{CASE_ID}/working/{sha}") == []
    record = _record(store, sha)
    assert record.disposition is Disposition.ARCHIVE
    assert record.location == f"dossier/{CASE_ID}/archive/{sha}"
    assert record.category is Category.BANK_STATEMENT  # what it is does not change
    # A bank statement's own row keeps it working: the basis is the decision's file.
    basis = rule_for(Category.CASE_REPORT, "participatiewet").legal_basis
    assert record.legal_basis == basis and "Archiefwet 1995 art. 3" in basis
    assert record.decided_by == "clerk.b"

    trail = AuditTrail(store, CASE_ID)
    new = trail.events()[events:]
    assert [(e.event, e.document, e.actor) for e in new] == [
        ("document_promoted", sha, "clerk.b"),
        ("case_decided", None, "clerk.b"),
    ]
    assert new[0].legal_reference == basis and new[0].disposition is Disposition.ARCHIVE
    assert new[0].reason == "supports_decision" and new[1].reason == "supports_1"
    assert trail.verify().ok

    stored = json.loads(store.get(f"cases/{CASE_ID}/decision.json"))
    assert stored == {
        "date": TODAY.isoformat(),
        "supports": [sha],
        "recorded_by": "clerk.b",
        "recorded_at": stored["recorded_at"],
        "provision_end": None,
    }
    assert load_decision(store, CASE_ID).supports == (sha,)


def test_the_same_decision_twice_changes_nothing_another_is_refused(ingested):
    store, _ = ingested
    sha = _bank_statement(store)
    decide_case(store, CASE_ID, date=TODAY, supports=[sha], actor="clerk.b")
    before = _state(store)
    again = decide_case(store, CASE_ID, date=TODAY, supports=[sha, sha], actor="clerk.b")
    assert again["promoted"] == [] and again["supports"] == [sha]
    assert _state(store) == before
    other = _part(store, "working")[0]
    for date, supports in ((TODAY, [sha, other]), (TODAY - dt.timedelta(days=1), [sha])):
        with pytest.raises(CaseDecisionError, match="already has another decision"):
            decide_case(store, CASE_ID, date=date, supports=supports, actor="clerk.b")
    assert _state(store) == before
    assert AuditTrail(store, CASE_ID).verify().ok


def test_an_archived_document_supports_without_moving(ingested):
    store, _ = ingested
    archived = _part(store, "archive")
    assert archived
    before = _state(store)
    out = decide_case(store, CASE_ID, date=TODAY, supports=[archived[0]], actor="clerk.b")
    assert out["promoted"] == []
    changed = {k for k in _state(store) if before.get(k) != store.get(k)}
    assert {k for k in changed if not k.startswith("audit/")} == {f"cases/{CASE_ID}/decision.json"}
    assert AuditTrail(store, CASE_ID).events()[-1].event == "case_decided"


@pytest.mark.parametrize(
    ("supports", "date", "message"),
    [
        (["nope"], TODAY, "supports: item 1 is not a sha256"),
        ("a" * 64, TODAY, "supports: a list"),
        (["0" * 64], TODAY, "supports: item 1 is not in the case's working or archival"),
        (None, "5 december", "date: not a date"),
        (None, TODAY + dt.timedelta(days=1), "date: in the future"),
    ],
)
def test_a_bad_decision_is_refused_with_nothing_changed(ingested, supports, date, message):
    store, _ = ingested
    good = _bank_statement(store)
    supports = [good] if supports is None else supports
    if isinstance(supports, list) and supports[0] == "0" * 64:
        supports = [good, supports[0]]  # the first is fine; the error names the second
        message = message.replace("item 1", "item 2")
    before = _state(store)
    with pytest.raises(CaseDecisionError, match=message):
        decide_case(store, CASE_ID, date=date, supports=supports, actor="clerk.b")
    assert _state(store) == before


def test_a_document_in_review_does_not_support_a_decision(ingested):
    store, _ = ingested
    in_review = store.list(f"review/{CASE_ID}/")[0].rsplit("/", 1)[1]
    before = _state(store)
    with pytest.raises(CaseDecisionError, match="not in the case's working or archival"):
        decide_case(store, CASE_ID, date=TODAY, supports=[in_review], actor="clerk.b")
    assert _state(store) == before


def test_a_run_killed_halfway_is_completed_by_running_it_again(ingested, monkeypatch):
    store, _ = ingested
    sha = _bank_statement(store)
    working = f"dossier/{CASE_ID}/working/{sha}"
    real = type(store).delete

    def crash(self, key):
        if key == working:
            raise KeyboardInterrupt  # killed after the record, before the working copy went
        return real(self, key)

    monkeypatch.setattr(type(store), "delete", crash)
    with pytest.raises(KeyboardInterrupt):
        decide_case(store, CASE_ID, date=TODAY, supports=[sha], actor="clerk.b")
    monkeypatch.setattr(type(store), "delete", real)
    assert store.exists(working) and load_decision(store, CASE_ID) is None

    decide_case(store, CASE_ID, date=TODAY, supports=[sha], actor="clerk.b")
    assert not store.exists(working) and store.exists(f"dossier/{CASE_ID}/archive/{sha}")
    trail = AuditTrail(store, CASE_ID)
    kinds = [e.event for e in trail.events()]
    assert kinds.count("document_promoted") == 1 and kinds.count("case_decided") == 1
    assert trail.verify().ok


def test_the_end_of_the_provision(ingested):
    store, _ = ingested
    with pytest.raises(CaseDecisionError, match="no decision yet"):
        end_provision(store, CASE_ID, date=TODAY, actor="clerk.b")
    day = TODAY - dt.timedelta(days=30)
    decide_case(store, CASE_ID, date=day, supports=[_bank_statement(store)], actor="clerk.b")
    with pytest.raises(CaseDecisionError, match="before the decision"):
        end_provision(store, CASE_ID, date=day - dt.timedelta(days=1), actor="clerk.b")
    out = end_provision(store, CASE_ID, date=TODAY.isoformat(), actor="clerk.b")
    assert out["provision_end"] == TODAY.isoformat() and out["date"] == day.isoformat()
    assert load_decision(store, CASE_ID).provision_end == TODAY
    before = _state(store)
    end_provision(store, CASE_ID, date=TODAY, actor="clerk.b")  # the same: nothing
    assert _state(store) == before
    with pytest.raises(CaseDecisionError, match="already recorded with another date"):
        end_provision(store, CASE_ID, date=day, actor="clerk.b")
    trail = AuditTrail(store, CASE_ID)
    assert [e.event for e in trail.events()].count("provision_ended") == 1
    assert trail.verify().ok


def test_the_archive_basis_is_always_one_the_audit_trail_takes():
    from zeef.domain.policy import LEGAL_BASES, Law

    for law in Law:
        for category in Category:
            basis = archive_basis(category, law.value)
            assert basis in LEGAL_BASES
            assert "Archiefwet 1995 art. 3" in basis
    assert (
        archive_basis(Category.APPLICATION, "wmo")
        == rule_for(Category.APPLICATION, "wmo").legal_basis
    )


def test_an_unknown_case_or_actor_is_refused(store):
    from zeef.domain.errors import UnknownCase

    with pytest.raises(UnknownCase):
        decide_case(store, "2099-0001", date=TODAY, supports=[], actor="clerk.b")
    with pytest.raises(CaseDecisionError, match="actor"):
        decide_case(store, "2099-0001", date=TODAY, supports=[], actor="Clerk B")
