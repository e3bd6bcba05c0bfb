"""An inspection request from registration to release, on both stores (a folder and a
real S3 server): the one-month deadline and its one extension (AVG art. 12 lid 3), the
package prepared into the store, approved by a privacy officer who did not prepare it and
released into the subject's outbox, or rejected; the third parties' consent register."""

from __future__ import annotations

import datetime as dt

import pytest
from case_docs import write_case, write_documents

from zeef.domain.case import load_case
from zeef.domain.errors import InvalidInput
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.ingest import ingest_paths
from zeef.pipeline.inzage import consent, flow, request


@pytest.fixture
def case_in(store, tmp_path):
    case = load_case(write_case(tmp_path))
    docs = write_documents(tmp_path / "docs", scan=False)
    ingest_paths(store, case, [str(d) for d in docs], progress=False)
    return store


def test_the_deadline_is_one_month_and_may_be_extended_once_by_two(store, tmp_path):
    store_ = store
    request.register(store_, "2026-7001", dt.date(2026, 1, 31))
    found = request.load(store_, "2026-7001")
    assert found.deadline == "2026-02-28"  # no 31 February: the month's last day
    with pytest.raises(request.RequestError):
        request.register(store_, "2026-7001", dt.date(2026, 2, 2))  # one open at a time
    with pytest.raises(request.RequestError):
        request.extend(store_, "2026-7001", "because")
    assert request.extend(store_, "2026-7001", "complex").deadline == "2026-04-28"
    with pytest.raises(request.RequestError):
        request.extend(store_, "2026-7001", "many_requests")
    status = request.load(store_, "2026-7001").status(dt.date(2026, 4, 29))
    assert status["overdue"] is True and status["extension_reason"] == "complex"


def test_prepared_then_released_by_another_privacy_officer(case_in):
    store = case_in
    request.register(store, "2026-7001", dt.date.today())
    prepared = flow.prepare(store, "2026-7001", actor="alice")
    assert prepared["state"] == "prepared" and prepared["included"] == 3
    assert store.list("outbox/subject/2026-7001/") == []
    with pytest.raises(flow.ApprovalError):
        flow.release(store, "2026-7001", approver="Alice")  # the preparer, in any case
    released = flow.release(store, "2026-7001", approver="bob")
    keys = store.list("outbox/subject/2026-7001/")
    assert released["files"] == len(keys) == prepared["files"]
    assert "outbox/subject/2026-7001/index.json" in keys
    assert store.list("inzage/2026-7001/prepared/") == []
    events = [(e.event, e.actor) for e in AuditTrail(store, "2026-7001").events()]
    assert ("inzage_prepared", "alice") in events and ("inzage_released", "bob") in events
    status = flow.status(store, "2026-7001")
    assert status["request"]["state"] == "released" and status["released_files"] == len(keys)
    with pytest.raises(flow.ApprovalError):
        flow.release(store, "2026-7001", approver="carol")  # nothing waits any more


def test_rejected_packages_are_removed_and_the_request_stays_open(case_in):
    store = case_in
    request.register(store, "2026-7001", dt.date.today())
    flow.prepare(store, "2026-7001", actor="alice")
    with pytest.raises(InvalidInput):
        flow.reject(store, "2026-7001", approver="bob", reason=" ")
    flow.reject(store, "2026-7001", approver="bob", reason="De melding van 3 mei ontbreekt.")
    assert store.list("inzage/2026-7001/prepared/") == []
    assert store.list("outbox/subject/2026-7001/") == []
    assert request.load(store, "2026-7001").state == "requested"
    trail = AuditTrail(store, "2026-7001").events()
    assert trail[-1].event == "inzage_rejected" and trail[-1].reason == "rejected"
    assert all("melding" not in (e.reason or "") for e in trail)  # the words stay apart


def test_a_consenting_third_party_keeps_their_name(case_in):
    store = case_in
    with pytest.raises(InvalidInput):  # a refusal outweighed needs its weighing
        consent.record(store, "2026-7001", "Karim Bouzid", "refusal", by="pia",
                       on=dt.date.today(), outweighed=True)  # fmt: skip
    consent.record(store, "2026-7001", "Karim Bouzid", "consent", by="pia", on=dt.date.today())
    consent.record(store, "2026-7001", "Gerrit de Wit", "refusal", by="pia", on=dt.date.today())
    package = flow.build_package(store, "2026-7001", actor="alice")
    tip = next(v for k, v in package.files.items() if k.endswith("melding.txt")).decode()
    assert "Karim Bouzid" in tip
    assert "Gerrit" not in tip and "06-41278391" not in tip


def test_a_refusal_the_subjects_interest_outweighs_discloses_the_name(case_in):
    store = case_in
    consent.record(store, "2026-7001", "Gerrit de Wit", "refusal", by="pia",
                   on=dt.date.today(), outweighed=True,
                   weighing="Het belang van betrokkene weegt zwaarder.")  # fmt: skip
    package = flow.build_package(store, "2026-7001", actor="alice")
    tip = next(v for k, v in package.files.items() if k.endswith("melding.txt")).decode()
    assert "Gerrit de Wit" in tip
    assert "Karim Bouzid" not in tip
    assert "06-41278391" not in tip  # their name only: the phone number still goes
