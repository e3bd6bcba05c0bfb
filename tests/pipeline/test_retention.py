"""Retention after a decision: on a local folder and a real S3 server (a versioned bucket),
the held-out case 2026-0412 ingested and decided with one supporting document. Before
the objection period has passed nothing goes; after it, exactly the supporting document
is left of the working dossier (no other object, version or record), each destruction
an audit event, the citizen's letter written; a dry run changes nothing at all; the
audit trail verifies after every step; the archive goes once its period has passed; a
busy or damaged case is reported overdue and the others go on."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from makers import ingest_holdout
from minio.commonconfig import ENABLED
from minio.versioningconfig import VersioningConfig

from zeef.domain.case import load_case
from zeef.domain.settings import Retention, RetentionRule, Settings
from zeef.pipeline import retention
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.case_decision import decide_case, end_provision
from zeef.pipeline.registry import register_case
from zeef.pipeline.retention import add_months
from zeef.pipeline.route import record_key
from zeef.storage.lock import case_lock

HOLDOUT = Path(__file__).resolve().parents[1] / "holdout"
CASE_ID = "2026-0412"
OTHER_CASE = "2026-0418"  # registered, never decided
TODAY = dt.datetime.now(dt.UTC).date()
TWO_MONTHS = add_months(TODAY, 2)


def _ingest(store) -> None:
    ingest_holdout(store, CASE_ID)
    register_case(store, load_case(HOLDOUT / "cases" / f"{OTHER_CASE}.json"))


def _part(store, part) -> list[str]:
    prefix = f"dossier/{CASE_ID}/{part}/"
    return sorted(k[len(prefix) :] for k in store.list(prefix))


def _state(store) -> dict:
    return {k: store.get(k) for k in store.list()}


def _versions(client, store, prefix="") -> set:
    if client is None:
        return set()
    objects = client.list_objects(store.bucket, prefix=prefix or None, recursive=True,
                                  include_version=True)  # fmt: skip
    return {(o.object_name, o.version_id, o.is_delete_marker) for o in objects}


def _verified(store) -> None:
    for case_id in (CASE_ID, OTHER_CASE):
        assert AuditTrail(store, case_id).verify().ok, case_id


@pytest.fixture
def decided(store, request):
    """The case ingested into a versioned bucket (S3) and decided today with one working
    document (a bank statement) supporting the decision; every other working document
    and its record written twice (two versions on S3)."""
    client = None
    if hasattr(store, "bucket"):
        client = request.getfixturevalue("s3_server").client()
        client.set_bucket_versioning(store.bucket, VersioningConfig(ENABLED))
    _ingest(store)
    working = _part(store, "working")
    assert len(working) == 4
    records = {sha: json.loads(store.get(record_key(CASE_ID, sha))) for sha in working}
    support = next(s for s in working if records[s]["category"] == "bank_statement")
    for sha in working:
        key = f"dossier/{CASE_ID}/working/{sha}"
        store.put(key, store.get(key))
        store.put(record_key(CASE_ID, sha), store.get(record_key(CASE_ID, sha)))
    archived = _part(store, "archive")
    decide_case(store, CASE_ID, date=TODAY, supports=[support], actor="clerk.b")
    _verified(store)
    others = sorted(set(working) - {support})
    return {"store": store, "client": client, "support": support, "others": others,
            "archived": archived, "records": records}  # fmt: skip


def test_decide_then_retention_leaves_exactly_the_supporting_document(decided):
    store, client = decided["store"], decided["client"]
    support, others = decided["support"], decided["others"]
    events = len(AuditTrail(store, CASE_ID).events())

    summary = retention.run(store, now=TWO_MONTHS, dry_run=False)

    assert (summary["destroyed"], summary["overdue"], summary["failed"]) == (3, 0, 0)
    case = summary["cases"][CASE_ID]
    assert case["destroyed"] == 3 and case["decided"] is True and case["error"] is None
    assert case["working_due"] == (TODAY + dt.timedelta(weeks=6)).isoformat()
    assert case["archive_due"] is None  # the provision has not ended
    assert summary["cases"][OTHER_CASE]["decided"] is False
    # Of the working dossier exactly the supporting document is left, in the archive.
    assert _part(store, "working") == []
    assert _part(store, "archive") == sorted({*decided["archived"], support})
    for sha in others:
        assert not store.exists(record_key(CASE_ID, sha))
        assert not store.exists(f"dossier/{CASE_ID}/working/{sha}")
        assert not any(k.endswith(sha) for k in store.list(f"dossier/{CASE_ID}/"))
    if client is not None:  # no version and no delete marker left of any of them
        left = _versions(client, store, f"dossier/{CASE_ID}/working/")
        left |= _versions(client, store, f"cases/{CASE_ID}/documents/")
        assert not [v for v in left if any(v[0].endswith(s) or s + ".json" in v[0]
                                           for s in others)]  # fmt: skip
    assert store.exists(record_key(CASE_ID, support))

    trail = AuditTrail(store, CASE_ID)
    new = trail.events()[events:]
    destroyed = [e for e in new if e.event == "document_destroyed_retention"]
    assert sorted(e.document for e in destroyed) == others
    assert {e.reason for e in destroyed} == {"working_after_decision"}
    assert {e.disposition.value for e in destroyed} == {"working"}
    assert sorted(e.category.value for e in destroyed) == sorted(
        decided["records"][s]["category"] for s in others
    )
    assert new[-1].event == "letter_written" and new[-1].reason == "items_3"
    _verified(store)

    text = store.get(case["letter"].removesuffix(".pdf") + ".txt").decode("utf-8")
    assert text.count("vernietigd na het besluit") == 3
    assert "Deze documenten hebben we vernietigd" in text
    assert "Wet en regels: AVG art. 5 lid 1 sub e; Awb art. 6:7" in text
    assert store.get(case["letter"]).startswith(b"%PDF")

    # A second run finds nothing to do and writes nothing.
    before = _state(store)
    again = retention.run(store, now=TWO_MONTHS, dry_run=False)
    assert (again["destroyed"], again["overdue"]) == (0, 0)
    assert _state(store) == before
    _verified(store)


def test_a_dry_run_changes_nothing(decided):
    store, client = decided["store"], decided["client"]
    before, versions = _state(store), _versions(client, store)

    summary = retention.run(store, now=TWO_MONTHS, dry_run=True)

    assert summary["dry_run"] is True
    assert (summary["destroyed"], summary["overdue"]) == (0, 3)
    kept = len(decided["archived"]) + 1
    assert summary["cases"][CASE_ID]["kept"] == kept and summary["kept"] == kept
    assert summary["cases"][CASE_ID]["letter"] is None
    assert _state(store) == before
    assert _versions(client, store) == versions
    _verified(store)


def test_nothing_goes_before_the_objection_period_has_passed(decided):
    store = decided["store"]
    last_day = TODAY + dt.timedelta(weeks=6)
    before = _state(store)
    summary = retention.run(store, now=last_day, dry_run=False)
    assert (summary["destroyed"], summary["overdue"]) == (0, 0)
    assert summary["cases"][CASE_ID]["kept"] == len(decided["archived"]) + 4
    assert _state(store) == before
    after = retention.run(store, now=last_day + dt.timedelta(days=1), dry_run=False)
    assert after["destroyed"] == 3
    _verified(store)


def test_a_longer_working_row_keeps_the_working_dossier_longer(decided):
    store = decided["store"]
    rules = tuple(
        RetentionRule("participatiewet", "working", 3, "decision", "test", unit="months")
        if (r.law, r.part) == ("participatiewet", "working")
        else r
        for r in Retention().rules
    )
    settings = Settings(retention=Retention(rules))
    summary = retention.run(store, now=TWO_MONTHS, dry_run=False, settings=settings)
    assert summary["destroyed"] == 0
    assert summary["cases"][CASE_ID]["working_due"] == add_months(TODAY, 3).isoformat()


def test_the_archive_goes_once_its_period_has_passed(decided):
    store = decided["store"]
    end_provision(store, CASE_ID, date=TODAY, actor="clerk.b")
    rules = tuple(
        RetentionRule("participatiewet", "archive", 1, "provision_end", "test", unit="months")
        if (r.law, r.part) == ("participatiewet", "archive")
        else r
        for r in Retention().rules
    )
    settings = Settings(retention=Retention(rules))
    summary = retention.run(store, now=TWO_MONTHS, dry_run=False, settings=settings)
    archived = {*decided["archived"], decided["support"]}
    assert summary["destroyed"] == 3 + len(archived)
    assert summary["cases"][CASE_ID]["archive_due"] == add_months(TODAY, 1).isoformat()
    assert store.list(f"dossier/{CASE_ID}/") == []
    events = AuditTrail(store, CASE_ID).events()
    gone = {e.document for e in events if e.reason == "archive_period_passed"}
    assert gone == archived
    assert all(not store.exists(record_key(CASE_ID, sha)) for sha in archived)
    # The letter tells about the working documents only.
    assert events[-1].event == "letter_written" and events[-1].reason == "items_3"
    _verified(store)


def test_a_busy_case_is_overdue_and_the_next_run_completes_it(decided, set_limits):
    store = decided["store"]
    set_limits(lock_wait_seconds=0.5)
    with case_lock(store, CASE_ID):
        summary = retention.run(store, now=TWO_MONTHS, dry_run=False)
    assert (summary["destroyed"], summary["overdue"], summary["failed"]) == (0, 3, 1)
    assert summary["cases"][CASE_ID]["error"] == "CaseBusy"
    assert len(_part(store, "working")) == 3
    summary = retention.run(store, now=TWO_MONTHS, dry_run=False)
    assert (summary["destroyed"], summary["overdue"], summary["failed"]) == (3, 0, 0)
    _verified(store)


def test_a_damaged_trail_stops_its_case_only(decided):
    store = decided["store"]
    key = f"audit/{CASE_ID}/0000000001.json"
    event = json.loads(store.get(key))
    event["reason"] = "edited"
    store.put(key, json.dumps(event).encode())
    for dry_run in (True, False):
        summary = retention.run(store, now=TWO_MONTHS, dry_run=dry_run)
        assert summary["cases"][CASE_ID]["error"] == "AuditError"
        assert (summary["destroyed"], summary["overdue"], summary["failed"]) == (0, 3, 1)
        assert summary["cases"][OTHER_CASE]["error"] is None
    assert len(_part(store, "working")) == 3


def test_a_run_killed_before_the_records_went_is_completed(decided, monkeypatch):
    store = decided["store"]
    real = type(store).delete

    def crash(self, key):
        if key.startswith(f"cases/{CASE_ID}/documents/"):
            raise KeyboardInterrupt  # killed after the objects, before their records
        return real(self, key)

    monkeypatch.setattr(type(store), "delete", crash)
    with pytest.raises(KeyboardInterrupt):
        retention.run(store, now=TWO_MONTHS, dry_run=False)
    monkeypatch.setattr(type(store), "delete", real)
    assert _part(store, "working") == []
    assert all(store.exists(record_key(CASE_ID, s)) for s in decided["others"])

    summary = retention.run(store, now=TWO_MONTHS, dry_run=False)
    assert all(not store.exists(record_key(CASE_ID, s)) for s in decided["others"])
    assert summary["destroyed"] == 0 and summary["overdue"] == 0
    events = AuditTrail(store, CASE_ID).events()
    assert sum(e.event == "document_destroyed_retention" for e in events) == 3
    assert sum(e.event == "letter_written" and e.reason == "items_3" for e in events) == 1
    _verified(store)


def test_months_are_calendar_months():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 11, 15), 2) == dt.date(2027, 1, 15)
    assert add_months(dt.date(2026, 5, 1), 120) == dt.date(2036, 5, 1)
    assert add_months(dt.date(2026, 5, 1), 0) == dt.date(2026, 5, 1)
