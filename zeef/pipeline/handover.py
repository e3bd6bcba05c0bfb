"""A forwarded or returned document handed over: zeef's copy goes, every version of it.

What waits to be handed over is kept until someone delivers it (`route.py`): a document
forwarded to the medical adviser under ``outbox/medical_adviser/<case>/<sha256>``, one to
give back to the citizen (the case's subject) under ``returns/<case>/<sha256>``.
`handover` records that it was delivered, to whom (`to`: who it waits for, by the
record's disposition) and how (`how`: post, portal or in person), and then deletes it:

1. the audit event ``document_handed_over`` (document, category, disposition, reason
   ``<to>:<how>``, the actor);
2. the object deleted, every version of it (`Store.delete`), and checked to be gone;
3. the record rewritten with no location, who handed it over and when.

A record written last means done, as in ingest. A rerun after a crash after the event
finishes the job without a second event: the trail's last event for the document is
already a handover (``document_handed_over``, or the medical adviser's own receipt,
``medical_received`` from `review_decision.confirm_receipt`, which is the same step
taken from the adviser's side); the record then names that event's actor and time.

Under the case lock, on a trail that checks, like every other step. `HandoverError` (bad
input, nothing changed) names the field or the state, never content.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from zeef.domain.errors import ZeefError
from zeef.domain.records import DocumentRecord, RecordError, record_from_bytes, record_to_bytes
from zeef.domain.vocabulary import Disposition
from zeef.pipeline.audit import AuditTrail, Event
from zeef.pipeline.registry import load_registered
from zeef.pipeline.review_decision import MEDICAL_RECEIVED, DecisionError
from zeef.pipeline.route import MEDICAL_ADVISER, object_key, record_key
from zeef.storage import ObjectNotFound, Store
from zeef.storage.lock import case_lock

DOCUMENT_HANDED_OVER = "document_handed_over"
SUBJECT = "subject"
# Who a document waits for, by its disposition.
RECIPIENTS: dict[Disposition, str] = {
    Disposition.FORWARD_MEDICAL_ADVISER: MEDICAL_ADVISER,
    Disposition.RETURN_TO_SENDER: SUBJECT,
}
HOW = ("post", "portal", "in_person")
# The events after which a document has been handed over (no second one is written).
HANDOVER_EVENTS = frozenset({DOCUMENT_HANDED_OVER, MEDICAL_RECEIVED})

_ACTOR = re.compile(r"[a-z0-9_.:-]{1,64}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


class HandoverError(DecisionError):
    """A handover that cannot be recorded: nothing waits under that id, the recipient is
    not whom the document waits for, a field is malformed. Nothing was changed.
    (A `DecisionError`, so an `InvalidInput`: exit code 2.)"""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _check_fields(sha256: object, to: object, how: object, actor: object) -> None:
    if not isinstance(actor, str) or not _ACTOR.fullmatch(actor):
        raise HandoverError("actor: not a user id")
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
        raise HandoverError("sha256: not a sha256 (64 lowercase hex digits)")
    if to is not None and to not in RECIPIENTS.values():
        raise HandoverError(f"to: one of {', '.join(sorted(RECIPIENTS.values()))}")
    if how not in HOW:
        raise HandoverError(f"how: one of {', '.join(HOW)}")


def _load_record(store: Store, case_id: str, sha256: str) -> DocumentRecord:
    try:
        record = record_from_bytes(store.get(record_key(case_id, sha256)))
    except (ObjectNotFound, RecordError, ValueError):
        raise HandoverError("no such document in this case") from None
    if not isinstance(record, DocumentRecord):
        raise HandoverError("an e-mail is handed over part by part")
    return record


def _last_event_for(trail: AuditTrail, sha256: str) -> Event | None:
    for event in reversed(trail.events()):
        if event.document == sha256:
            return event
    return None


def _stamp(event: Event) -> str:
    """An event's time as a record's: ISO 8601, seconds, UTC."""
    when = dt.datetime.fromisoformat(event.time.replace("Z", "+00:00"))
    return when.astimezone(dt.UTC).isoformat(timespec="seconds")


def handover(
    store: Store,
    case_id: str,
    sha256: str,
    *,
    to: str | None = None,
    how: str,
    actor: str,
    now: dt.datetime | None = None,
) -> DocumentRecord:
    """Record that the document waiting in the outbox or in returns was delivered, to
    `to` (default: whom it waits for) by `how`, and delete it (see the module doc);
    returns the new record. HandoverError, and nothing changed, when it may not be."""
    _check_fields(sha256, to, how, actor)
    return _deliver(store, case_id, sha256, to, actor, now, DOCUMENT_HANDED_OVER,
                    lambda recipient: f"{recipient}:{how}")  # fmt: skip


def receipt(
    store: Store, case_id: str, sha256: str, *, actor: str, now: dt.datetime | None = None
) -> DocumentRecord:
    """The medical adviser's own receipt of a forwarded document (the web app): the same
    step, with the event ``medical_received`` (reason ``received``)."""
    _check_fields(sha256, MEDICAL_ADVISER, HOW[0], actor)
    return _deliver(store, case_id, sha256, MEDICAL_ADVISER, actor, now, MEDICAL_RECEIVED,
                    lambda recipient: "received")  # fmt: skip


def _deliver(store: Store, case_id: str, sha256: str, to: str | None, actor: str,
             now: dt.datetime | None, event: str, reason) -> DocumentRecord:  # fmt: skip
    """`handover` and `receipt`: the event, the delete, the record (the module doc)."""
    now = now or _now()
    load_registered(store, case_id)
    with case_lock(store, case_id):
        trail = AuditTrail(store, case_id)
        trail.check()
        record = _load_record(store, case_id, sha256)
        recipient = RECIPIENTS.get(record.disposition)
        if recipient is None or not record.location:
            raise HandoverError("nothing waits to be handed over under this id")
        if to is not None and to != recipient:
            raise HandoverError(f"to: this document waits for {recipient}")
        location = record.location
        if location != object_key(record.disposition, case_id, sha256):
            raise ZeefError("the document's record points outside its route; nothing changed")
        last = _last_event_for(trail, sha256)
        if last is not None and last.event in HANDOVER_EVENTS:
            # A rerun after a crash: the event is there; finish delete and record.
            by, at = last.actor, _stamp(last)
        else:
            trail.append(
                event=event,
                document=sha256,
                category=record.category.value,
                disposition=record.disposition.value,
                reason=reason(recipient),
                actor=actor,
            )
            by, at = actor, now.isoformat(timespec="seconds")
        store.delete(location)
        if store.exists(location):
            raise ZeefError("the store kept the handed-over document; try again")
        new = dataclasses.replace(record, location=None, decided_by=by, decided_at=at)
        store.put(record_key(case_id, sha256), record_to_bytes(new))
    return new
