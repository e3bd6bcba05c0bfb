"""The audit trail: hash-chained, append-only, free of personal data, and tamper-evident."""

import hashlib
import json
from datetime import UTC, datetime, timedelta

import pytest

from zeef.domain.policy import rule_for
from zeef.domain.vocabulary import Category, Disposition
from zeef.pipeline.audit import (
    BAD_JSON,
    DOCUMENT_DESTROYED,
    DOCUMENT_STORED,
    EDITED,
    GENESIS,
    INSERTED,
    REMOVED,
    REORDERED,
    AuditError,
    AuditTrail,
    canonical_json,
)
from zeef.storage.local import LocalStore

CASE = "2026-0042"
DOCS = [hashlib.sha256(f"document {i}".encode()).hexdigest() for i in range(8)]
ID_BASIS = rule_for(Category.ID_COPY).legal_basis


class Clock:
    """A clock that ticks one second per call."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def trail(store, case_id=CASE):
    return AuditTrail(store, case_id, clock=Clock())


def fill(t, n):
    for i in range(n):
        t.append(
            event=DOCUMENT_STORED,
            document=DOCS[i],
            category=Category.BANK_STATEMENT,
            confidence=0.91,
            disposition=Disposition.WORKING,
            legal_reference=rule_for(Category.BANK_STATEMENT).legal_basis,
            reason="policy",
            run="run-1",
        )


@pytest.fixture
def store(tmp_path):
    return LocalStore(tmp_path / "store")


def key(seq):
    return f"audit/{CASE}/{seq:010d}.json"


def load(store, seq):
    return json.loads(store.get(key(seq)))


def save(store, seq, data, rehash=False):
    if rehash:
        body = {k: v for k, v in data.items() if k != "hash"}
        data = {**body, "hash": hashlib.sha256(canonical_json(body)).hexdigest()}
    store.put(key(seq), canonical_json(data))


# -- writing ---------------------------------------------------------------------------


def test_events_chain_from_genesis_and_are_stored_one_object_each(store):
    t = trail(store)
    fill(t, 3)
    events = t.events()
    assert [e.seq for e in events] == [0, 1, 2]
    assert events[0].prev == GENESIS
    assert events[1].prev == events[0].hash and events[2].prev == events[1].hash
    assert events[0].time == "2026-03-01T09:00:01.000000Z"
    assert events[0].actor == "pipeline" and events[0].category is Category.BANK_STATEMENT
    assert store.list(f"audit/{CASE}/") == [key(0), key(1), key(2), f"audit/{CASE}/head.json"]
    head = json.loads(store.get(f"audit/{CASE}/head.json"))
    assert head == {"case_id": CASE, "seq": 2, "hash": events[2].hash}
    stored = load(store, 1)
    body = {k: v for k, v in stored.items() if k != "hash"}
    assert stored["hash"] == hashlib.sha256(canonical_json(body)).hexdigest()
    assert t.verify().ok and t.verify().count == 3


def test_empty_trail_verifies(store):
    result = trail(store).verify()
    assert result.ok and result.count == 0 and not result.unsealed


def test_events_survive_reopening_the_store(store, tmp_path):
    fill(trail(store), 3)
    reopened = trail(LocalStore(tmp_path / "store"))
    assert [e.document for e in reopened.events()] == DOCS[:3]
    reopened.append(event=DOCUMENT_DESTROYED, document=DOCS[3], legal_reference=ID_BASIS)
    assert [e.seq for e in reopened.events()] == [0, 1, 2, 3]
    assert reopened.verify().ok


def test_documents_with(store):
    t = trail(store)
    fill(t, 2)
    t.append(event=DOCUMENT_DESTROYED, document=DOCS[5], category="id_copy")
    t.append(event="ingest_noop")
    assert t.documents_with(DOCUMENT_STORED) == {DOCS[0], DOCS[1]}
    assert t.documents_with(DOCUMENT_DESTROYED) == {DOCS[5]}
    assert t.documents_with("letter_written") == set()


def test_an_existing_event_is_never_overwritten(store):
    t1, t2 = trail(store), trail(store)
    t1.append(event=DOCUMENT_STORED)
    t2.append(event=DOCUMENT_STORED)  # reads the store: seq 1
    with pytest.raises(AuditError, match="already exists"):
        t1.append(event=DOCUMENT_STORED)  # still thinks seq 1 is next
    assert trail(store).verify().ok


def test_append_refuses_a_trail_whose_tail_does_not_verify(store):
    fill(trail(store), 3)
    data = load(store, 2)
    save(store, 2, {**data, "reason": "changed"})
    with pytest.raises(AuditError, match="run verify"):
        trail(store).append(event=DOCUMENT_STORED)


# -- refusing personal data ------------------------------------------------------------


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"event": DOCUMENT_STORED, "reason": "Fatima el Amrani"}, "reason"),
        ({"event": DOCUMENT_STORED, "reason": "mevrouw heeft diabetes"}, "reason"),
        ({"event": DOCUMENT_STORED, "reason": "x" * 65}, "reason"),
        ({"event": "Brief aan Fatima"}, "event"),
        ({"event": DOCUMENT_STORED, "actor": "Jan de Vries"}, "actor"),
        ({"event": DOCUMENT_STORED, "document": "huisartsbrief_fatima.pdf"}, "document"),
        ({"event": DOCUMENT_STORED, "document": DOCS[0].upper()}, "document"),
        ({"event": DOCUMENT_STORED, "category": "diabetes"}, "category"),
        ({"event": DOCUMENT_STORED, "disposition": "keep"}, "disposition"),
        ({"event": DOCUMENT_STORED, "legal_reference": "Fatima el Amrani"}, "legal_reference"),
        ({"event": DOCUMENT_STORED, "confidence": 1.5}, "confidence"),
        ({"event": DOCUMENT_STORED, "confidence": "high"}, "confidence"),
        ({"event": DOCUMENT_STORED, "run": "run van Fatima"}, "run"),
        ({"event": DOCUMENT_STORED, "name": "Fatima"}, "name"),
        ({"event": DOCUMENT_STORED, "seq": 7}, "seq"),
        ({"event": DOCUMENT_STORED, "hash": GENESIS}, "hash"),
        ({"event": DOCUMENT_STORED, "Fatima el Amrani": 1}, "(a field name)"),
        ({"reason": "policy"}, "event"),
    ],
)
def test_refuses_fields_that_could_carry_personal_data(store, fields, field):
    t = trail(store)
    with pytest.raises(ValueError) as exc:
        t.append(**fields)
    message = str(exc.value)
    assert message.startswith(field)
    for value in fields.values():
        if isinstance(value, str) and value != field and len(value) > 3:
            assert value not in message
    assert "Fatima" not in message
    assert store.list("audit/") == []


def test_accepts_the_closed_sets_and_fixed_codes(store):
    t = trail(store)
    e = t.append(
        event="review_decision",
        document=DOCS[0],
        category="other",
        disposition="return_to_sender",
        confidence=1,
        reason="reviewer:not_needed",
        actor="reviewer-017",
        run="2026-03-01T09:00:00Z",
    )
    assert e.category is Category.OTHER and e.disposition is Disposition.RETURN_TO_SENDER
    assert e.confidence == 1.0
    assert t.verify().ok


def test_refuses_a_naive_clock(store):
    t = AuditTrail(store, CASE, clock=lambda: datetime(2026, 3, 1))
    with pytest.raises(ValueError, match="clock"):
        t.append(event=DOCUMENT_STORED)


def test_refuses_a_case_id_that_is_not_an_id(store):
    with pytest.raises(ValueError, match="case_id"):
        AuditTrail(store, "../Fatima el Amrani")


# -- tampering -------------------------------------------------------------------------


def test_edited_event_without_recomputed_hash(store):
    fill(trail(store), 5)
    data = load(store, 2)
    save(store, 2, {**data, "disposition": "archive"})
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem, result.count) == (False, 2, EDITED, 5)


@pytest.mark.parametrize("seq", [0, 2, 4])
def test_edited_event_with_recomputed_hash(store, seq):
    fill(trail(store), 5)
    data = load(store, seq)
    save(store, seq, {**data, "category": "other", "disposition": "review"}, rehash=True)
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, seq, EDITED)


def test_edited_prev_field_is_caught(store):
    fill(trail(store), 4)
    data = load(store, 2)
    save(store, 2, {**data, "prev": GENESIS}, rehash=True)
    result = trail(store).verify()
    assert not result.ok and result.problem == EDITED and result.seq in (1, 2)


def test_removed_event_in_the_middle(store):
    fill(trail(store), 5)
    store.delete(key(2))
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, 2, REMOVED)


def test_removed_first_event(store):
    fill(trail(store), 3)
    store.delete(key(0))
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, 0, REMOVED)


def test_removed_last_event_is_caught_by_the_head(store):
    fill(trail(store), 5)
    store.delete(key(4))
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, 4, REMOVED)


def test_removed_every_event(store):
    fill(trail(store), 3)
    for seq in range(3):
        store.delete(key(seq))
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, 0, REMOVED)


def test_removed_event_with_later_ones_renamed_down(store):
    fill(trail(store), 5)
    for seq in (3, 4):
        store.put(key(seq - 1), store.get(key(seq)))
    store.delete(key(4))
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, 2, REMOVED)


def test_removed_head(store):
    fill(trail(store), 3)
    store.delete(f"audit/{CASE}/head.json")
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, None, REMOVED)


def test_reordered_events(store):
    fill(trail(store), 5)
    one, three = store.get(key(1)), store.get(key(3))
    store.put(key(1), three)
    store.put(key(3), one)
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, 1, REORDERED)


def test_reordered_with_seq_fields_rewritten_is_still_caught(store):
    fill(trail(store), 5)
    one, three = load(store, 1), load(store, 3)
    save(store, 1, {**three, "seq": 1}, rehash=True)
    save(store, 3, {**one, "seq": 3}, rehash=True)
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, 1, REORDERED)


def _forged_event(store, seq, prev):
    body = {**load(store, 0), "seq": seq, "prev": prev, "document": DOCS[7]}
    del body["hash"]
    return {**body, "hash": hashlib.sha256(canonical_json(body)).hexdigest()}


def test_inserted_event_with_later_ones_renamed_up(store):
    fill(trail(store), 5)
    for seq in (4, 3, 2):
        store.put(key(seq + 1), store.get(key(seq)))
    save(store, 2, _forged_event(store, 2, load(store, 1)["hash"]))
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, 2, INSERTED)


def test_inserted_event_with_later_seqs_rewritten(store):
    fill(trail(store), 5)
    for seq in (4, 3, 2):
        save(store, seq + 1, {**load(store, seq), "seq": seq + 1}, rehash=True)
    save(store, 2, _forged_event(store, 2, load(store, 1)["hash"]))
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, 2, INSERTED)


def test_copied_event_inserted(store):
    fill(trail(store), 4)
    store.put(key(4), store.get(key(3)))
    store.put(key(3), store.get(key(1)))
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, 3, INSERTED)


def test_stray_object_under_the_case(store):
    fill(trail(store), 2)
    store.put(f"audit/{CASE}/extra.json", b"{}")
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, None, INSERTED)


def test_event_of_another_case_dropped_in(store):
    fill(trail(store), 2)
    other = trail(store, "2026-0099")
    fill(other, 3)
    store.put(key(2), store.get(f"audit/2026-0099/{2:010d}.json"))
    store.put(f"audit/{CASE}/head.json", store.get("audit/2026-0099/head.json"))
    result = trail(store).verify()
    assert not result.ok and result.seq == 2 and result.problem in (INSERTED, EDITED)


@pytest.mark.parametrize("raw", [b"{not json", b"\xff\xfe", b"[]", b'{"seq": 1}'])
def test_bad_json(store, raw):
    fill(trail(store), 3)
    store.put(key(1), raw)
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, 1, BAD_JSON)
    with pytest.raises(AuditError, match="1 is not readable"):
        trail(store).events()


def test_bad_head(store):
    fill(trail(store), 2)
    store.put(f"audit/{CASE}/head.json", b"{oops")
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, None, BAD_JSON)


def test_head_pointing_to_an_edited_last_event(store):
    fill(trail(store), 3)
    head = json.loads(store.get(f"audit/{CASE}/head.json"))
    store.put(f"audit/{CASE}/head.json", canonical_json({**head, "hash": "1" * 64}))
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, 2, EDITED)


# -- crash safety ----------------------------------------------------------------------


class CrashBeforeHead(LocalStore):
    """A store that fails once, on the head write that follows an event write."""

    crash = True

    def put(self, key, data, metadata=None):
        if key.endswith("/head.json") and self.crash:
            self.crash = False
            raise OSError("simulated crash")
        super().put(key, data, metadata)


@pytest.mark.parametrize("before", [0, 3])
def test_crash_between_event_and_head_is_sealed_by_the_next_append(tmp_path, before):
    root = tmp_path / "store"
    fill(trail(LocalStore(root)), before)
    crashing = CrashBeforeHead(root)
    with pytest.raises(OSError):
        trail(crashing).append(event=DOCUMENT_STORED, document=DOCS[5])
    store = LocalStore(root)
    result = trail(store).verify()
    assert result.ok and result.unsealed and result.count == before + 1
    t = trail(store)
    t.append(event=DOCUMENT_STORED, document=DOCS[6])
    head = json.loads(store.get(f"audit/{CASE}/head.json"))
    assert head["seq"] == before + 1
    result = t.verify()
    assert result.ok and not result.unsealed and result.count == before + 2


def test_the_same_trail_object_recovers_after_a_failed_head_write(tmp_path):
    store = CrashBeforeHead(tmp_path / "store")
    t = trail(store)
    with pytest.raises(OSError):
        t.append(event=DOCUMENT_STORED)
    t.append(event=DOCUMENT_STORED)
    assert [e.seq for e in t.events()] == [0, 1]
    assert t.verify().ok and not t.verify().unsealed


def test_an_unsealed_event_must_still_chain(store):
    fill(trail(store), 3)
    head = store.get(f"audit/{CASE}/head.json")
    save(store, 3, _forged_event(store, 3, "2" * 64))
    store.put(f"audit/{CASE}/head.json", head)
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, 2, EDITED)
    with pytest.raises(AuditError, match="run verify"):
        trail(store).append(event=DOCUMENT_STORED)


def test_two_events_beyond_the_head_are_not_a_crash(store):
    fill(trail(store), 2)
    head = store.get(f"audit/{CASE}/head.json")
    fill(trail(store), 2)
    store.put(f"audit/{CASE}/head.json", head)
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, 3, INSERTED)


# -- hostile bytes and the check before a run --------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"confidence": NaN}',
        b'{"confidence": Infinity}',
        b'{"confidence": 1e999}',
        b" " * (65 * 1024),
    ],
    ids=["deep", "NaN", "Infinity", "1e999", "too-large"],
)
def test_hostile_bytes_are_bad_json_not_a_crash(store, raw):
    fill(trail(store), 3)
    good = json.loads(store.get(key(1)))
    if raw.startswith(b'{"confidence"'):
        number = raw.split(b": ", 1)[1].rstrip(b"}").decode()
        raw = json.dumps({**good, "confidence": 0.5}).replace("0.5", number).encode()
    store.put(key(1), raw)
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, 1, BAD_JSON)
    store.put(key(1), json.dumps(good).encode())
    store.put(f"audit/{CASE}/head.json", b"[" * 100_000 + b"]" * 100_000)
    result = trail(store).verify()
    assert (result.ok, result.seq, result.problem) == (False, None, BAD_JSON)


@pytest.mark.parametrize("damage", ["no-head", "head-mismatch", "last-edited"])
def test_check_refuses_a_damaged_tail_and_writes_nothing(store, damage):
    fill(trail(store), 3)
    if damage == "no-head":
        store.delete(f"audit/{CASE}/head.json")
    elif damage == "head-mismatch":
        store.put(
            f"audit/{CASE}/head.json",
            json.dumps({"case_id": CASE, "seq": 1, "hash": "1" * 64}).encode(),
        )
    else:
        save(store, 2, {**load(store, 2), "reason": "changed"})
    before = {k: store.get(k) for k in store.list("")}
    with pytest.raises(AuditError, match=f"case {CASE}: the audit trail is damaged") as info:
        trail(store).check()
    assert "nothing was written" in str(info.value) and "\n" not in str(info.value)
    assert {k: store.get(k) for k in store.list("")} == before


def test_check_seals_a_crash_and_accepts_a_sound_trail(tmp_path):
    root = tmp_path / "store"
    fill(trail(LocalStore(root)), 2)
    with pytest.raises(OSError):
        trail(CrashBeforeHead(root)).append(event=DOCUMENT_STORED)
    t = trail(LocalStore(root))
    t.check()
    result = t.verify()
    assert result.ok and not result.unsealed and result.count == 3
    trail(LocalStore(tmp_path / "empty")).check()  # no trail yet: fine
