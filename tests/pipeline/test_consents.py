"""The subject's consents recorded per case (FAQ Q19, Q21, Q32): added, withdrawn and
found active, with their audit events, on a local folder and on a real S3 server."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from zeef.domain.case import parse_case
from zeef.domain.errors import AuditError, UnknownCase
from zeef.pipeline import consents
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.consents import ConsentError, add, withdraw
from zeef.pipeline.registry import register_case

CASE_ID = "2026-0101"
SCOPE = "Verslag keukentafelgesprek 2025 uit het Jeugdwet-dossier van Noah de Vries"
D = dt.date


@pytest.fixture
def case_store(store):
    register_case(
        store,
        parse_case({"case_id": CASE_ID, "law": "wmo", "subject": {"name": "Noah de Vries"}}),
    )
    return store


def _add(store, **changes):
    args = {
        "purpose": "wmo_assessment",
        "scope": SCOPE,
        "until": D(2026, 6, 30),
        "form": "written",
        "recorded_by": "a.bakker",
        "on": D(2026, 3, 2),
    }
    return add(store, CASE_ID, **{**args, **changes})


def _everything(store) -> dict[str, bytes]:
    return {key: store.get(key) for key in store.list("")}


def test_a_consent_is_a_record_of_the_case_with_its_audit_event(case_store):
    store = case_store
    consent = _add(store)
    key = f"cases/{CASE_ID}/consents/{consent.consent_id}.json"
    assert store.list(f"cases/{CASE_ID}/consents/") == [key]
    data = json.loads(store.get(key))
    assert data == {
        "consent_id": consent.consent_id,
        "case_id": CASE_ID,
        "purpose": "wmo_assessment",
        "scope": SCOPE,
        "form": "written",
        "given_on": "2026-03-02",
        "until": "2026-06-30",
        "recorded_by": "a.bakker",
        "recorded_at": consent.recorded_at,
        "withdrawn_on": None,
        "withdrawn_by": None,
    }
    assert len(consent.consent_id) == 16 and consent.recorded_at.endswith("Z")

    trail = AuditTrail(store, CASE_ID)
    [event] = trail.events()
    assert (event.event, event.actor, event.reason, event.run) == (
        "consent_recorded",
        "a.bakker",
        "written",
        consent.consent_id,
    )
    assert event.legal_reference == "AVG art. 7 lid 1"
    assert trail.verify().ok
    # The officer's words stay in the consent, never in the trail.
    trail_bytes = b"".join(store.get(k) for k in store.list(f"audit/{CASE_ID}/"))
    for word in (b"Noah", b"Jeugdwet", b"wmo_assessment"):
        assert word not in trail_bytes


def test_active_by_purpose_and_day(case_store):
    store = case_store
    consent = _add(store, form="oral")
    found = consents.active(store, CASE_ID, "wmo_assessment", D(2026, 3, 2))
    assert [c.consent_id for c in found] == [consent.consent_id]
    assert consents.active(store, CASE_ID, "wmo_assessment", D(2026, 6, 30)) == found
    assert consents.active(store, CASE_ID, "wmo_assessment", D(2026, 3, 1)) == []
    assert consents.active(store, CASE_ID, "wmo_assessment", D(2026, 7, 1)) == []
    assert consents.active(store, CASE_ID, "case_consultation", D(2026, 4, 1)) == []
    assert consents.list_consents(store, CASE_ID) == found


def test_a_withdrawn_consent_no_longer_holds_from_that_day_faq_q32(case_store):
    store = case_store
    consent = _add(store)
    new = withdraw(store, CASE_ID, consent.consent_id, by="a.bakker", on=D(2026, 4, 10))
    assert (new.withdrawn_on, new.withdrawn_by) == ("2026-04-10", "a.bakker")
    stored = json.loads(store.get(consents.consent_key(CASE_ID, consent.consent_id)))
    assert stored == new.to_json()
    assert consents.active(store, CASE_ID, "wmo_assessment", D(2026, 4, 9)) == [new]
    assert consents.active(store, CASE_ID, "wmo_assessment", D(2026, 4, 10)) == []
    assert consents.list_consents(store, CASE_ID) == [new]  # kept, with its withdrawal

    trail = AuditTrail(store, CASE_ID)
    last = trail.events()[-1]
    assert (last.event, last.actor, last.reason, last.run, last.legal_reference) == (
        "consent_withdrawn",
        "a.bakker",
        None,
        consent.consent_id,
        "AVG art. 7 lid 3",
    )
    assert trail.verify().ok
    with pytest.raises(ConsentError, match="withdrawn already"):
        withdraw(store, CASE_ID, consent.consent_id, by="a.bakker", on=D(2026, 4, 11))
    assert len(trail.events()) == 2


def test_a_withdrawal_whose_event_a_crash_left_out_gets_it_on_the_next_try(case_store):
    store = case_store
    consent = _add(store)
    key = consents.consent_key(CASE_ID, consent.consent_id)
    crashed = {**json.loads(store.get(key)), "withdrawn_on": "2026-04-10", "withdrawn_by": "x"}
    store.put(key, json.dumps(crashed).encode())  # the withdrawal written, then a crash
    again = withdraw(store, CASE_ID, consent.consent_id, by="a.bakker", on=D(2026, 4, 12))
    assert again.withdrawn_on == "2026-04-10"  # the first withdrawal's day stands
    events = [e.event for e in AuditTrail(store, CASE_ID).events()]
    assert events == ["consent_recorded", "consent_withdrawn"]
    with pytest.raises(ConsentError, match="withdrawn already"):
        withdraw(store, CASE_ID, consent.consent_id, by="a.bakker")


@pytest.mark.parametrize(
    "changes, option",
    [
        ({"purpose": "Wmo onderzoek"}, "--purpose"),
        ({"purpose": ""}, "--purpose"),
        ({"scope": "   "}, "--scope"),
        ({"scope": "x" * 2001}, "--scope"),
        ({"form": "email"}, "--form"),
        ({"recorded_by": "Anna Bakker"}, "--recorded-by"),
        ({"until": D(2026, 3, 1)}, "--until"),
        ({"until": "2026-06-30"}, "--until"),
    ],
)
def test_bad_arguments_are_refused_naming_the_option_and_write_nothing(case_store, changes, option):
    before = _everything(case_store)
    with pytest.raises(ConsentError) as exc:
        _add(case_store, **changes)
    assert str(exc.value).startswith(option)
    assert "Anna" not in str(exc.value) and "onderzoek" not in str(exc.value)
    assert _everything(case_store) == before


def test_unknown_case_and_unknown_consent(case_store):
    with pytest.raises(UnknownCase):
        add(case_store, "2026-9999", purpose="p", scope="s", until=D(2026, 6, 30),
            form="oral", recorded_by="a.bakker")  # fmt: skip
    with pytest.raises(ConsentError, match="has no consent"):
        withdraw(case_store, CASE_ID, "0123456789abcdef", by="a.bakker")
    with pytest.raises(ConsentError, match="CONSENT_ID"):
        withdraw(case_store, CASE_ID, "../x", by="a.bakker")
    consent = _add(case_store)
    with pytest.raises(ConsentError, match="--on"):
        withdraw(case_store, CASE_ID, consent.consent_id, by="a.bakker", on=D(2026, 3, 1))
    assert consents.active(case_store, CASE_ID, "wmo_assessment", D(2026, 3, 3)) == [consent]


def test_a_damaged_trail_refuses_and_nothing_is_written(case_store):
    store = case_store
    consent = _add(store)
    store.delete(f"audit/{CASE_ID}/head.json")
    store.put(f"audit/{CASE_ID}/0000000001.json", b"{}")
    before = _everything(store)
    with pytest.raises(AuditError):
        _add(store)
    with pytest.raises(AuditError):
        withdraw(store, CASE_ID, consent.consent_id, by="a.bakker")
    assert _everything(store) == before


def test_a_damaged_consent_record_is_one_clear_error(case_store):
    store = case_store
    consent = _add(store)
    store.put(consents.consent_key(CASE_ID, consent.consent_id), b'{"purpose": "x"}')
    with pytest.raises(ConsentError, match="damaged"):
        consents.active(store, CASE_ID, "wmo_assessment")
