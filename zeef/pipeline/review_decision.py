"""A reviewer's decision on a document waiting in review, and the medical adviser's steps.

`decide` routes a document out of ``review/<case>/<sha256>`` through the same route table
as ingest (`route.ROUTES`): its bytes to where the new disposition keeps them (or
nowhere), an ID copy's number and expiry noted, the audit event ``review_decision``
naming the reviewer, the record rewritten, the citizen's next letter told when the
document is returned, forwarded or destroyed (`pending_letters`), and only then the copy
in review removed. The reviewer's own words (the motivation) are kept with the decision
under ``cases/<case>/decisions/<sha256>.json``, never in the audit trail.

`confirm_receipt`: the medical adviser has the forwarded document; zeef keeps no copy
(every version deleted), with the event ``medical_received``. `record_advice`: the
adviser's advice, a new ``medical_advice`` document routed by the policy table.

Every step holds the case lock and refuses a damaged trail, like ingest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

from zeef.domain import review_choices
from zeef.domain.errors import InvalidInput
from zeef.domain.policy import LETTER_DISPOSITIONS, rule_for
from zeef.domain.policy import decide as policy_decide
from zeef.domain.records import DocumentRecord, IdDocumentNote, record_from_bytes, record_to_bytes
from zeef.domain.vocabulary import Category, Disposition
from zeef.pipeline import audit, pending_letters
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.registry import load_registered
from zeef.pipeline.route import ROUTES, id_document_key, object_key, record_key
from zeef.storage import ObjectNotFound, Store, sha256_hex
from zeef.storage.lock import case_lock

MEDICAL_RECEIVED = "medical_received"
MEDICAL_ADVICE_RECORDED = "medical_advice_recorded"
NOT_SUBJECT = "id_document_not_subject"  # as classify's: another person's ID copy
MAX_MOTIVATION = 500
MAX_ADVICE = 20_000
_ID_NUMBER = re.compile(r"[A-Z0-9]{6,12}")
_ACTOR = re.compile(r"[a-z0-9_.:-]{1,64}")


class DecisionError(InvalidInput):
    """A decision that cannot be taken: the document no longer waits, the category and
    disposition do not go together, a field is missing. Nothing was changed."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _actor(actor: str) -> str:
    if not isinstance(actor, str) or not _ACTOR.fullmatch(actor):
        raise DecisionError("actor: not a user id")
    return actor


def _load_record(store: Store, case_id: str, sha256: str) -> DocumentRecord:
    try:
        record = record_from_bytes(store.get(record_key(case_id, sha256)))
    except (ObjectNotFound, ValueError):
        raise DecisionError("no such document in this case") from None
    if not isinstance(record, DocumentRecord):
        raise DecisionError("an e-mail or glued file is decided part by part")
    return record


def decision_key(case_id: str, sha256: str) -> str:
    return f"cases/{case_id}/decisions/{sha256}.json"


@dataclasses.dataclass(frozen=True)
class Decision:
    category: Category
    disposition: Disposition
    reason: str
    motivation: str = ""
    id_number: str | None = None
    id_valid_until: str | None = None  # YYYY-MM-DD

    @classmethod
    def parse(
        cls,
        category: str,
        disposition: str,
        reason: str,
        motivation: str = "",
        id_number: str | None = None,
        id_valid_until: str | None = None,
    ) -> Decision:
        """From a form's strings; DecisionError naming the field for anything wrong."""
        try:
            cat = Category(category)
        except ValueError:
            raise DecisionError("category: not a known category") from None
        try:
            disp = Disposition(disposition)
        except ValueError:
            raise DecisionError("disposition: not a known disposition") from None
        if disp is Disposition.REVIEW:
            raise DecisionError("disposition: a decision takes the document out of review")
        if reason not in review_choices.REASONS:
            raise DecisionError("reason: not one of the listed reasons")
        motivation = " ".join((motivation or "").split())
        if len(motivation) > MAX_MOTIVATION:
            raise DecisionError(f"motivation: at most {MAX_MOTIVATION} characters")
        number = (id_number or "").replace(" ", "").upper() or None
        until = (id_valid_until or "").strip() or None
        if number is not None and not _ID_NUMBER.fullmatch(number):
            raise DecisionError("id_number: 6 to 12 letters and digits")
        if until is not None:
            try:
                until = dt.date.fromisoformat(until).isoformat()
            except ValueError:
                raise DecisionError("id_valid_until: not a date (YYYY-MM-DD)") from None
        if disp is Disposition.DESTROY and reason != "not_about_subject":
            if number is None or until is None:
                raise DecisionError(
                    "an ID copy is destroyed with its number and expiry noted, or as "
                    "someone else's (reason not_about_subject)"
                )
        return cls(cat, disp, reason, motivation, number, until)


def decide(
    store: Store,
    case_id: str,
    sha256: str,
    decision: Decision,
    *,
    actor: str,
    now: dt.datetime | None = None,
) -> DocumentRecord:
    """Take `decision` on the document waiting in review (see the module doc); returns
    its new record. DecisionError, and nothing changed, when it may not be taken."""
    actor = _actor(actor)
    now = now or _now()
    case = load_registered(store, case_id)
    try:
        choice = review_choices.allowed(decision.category, decision.disposition, case.law)
    except ValueError:
        raise DecisionError("this disposition is not allowed for this category") from None
    with case_lock(store, case_id):
        trail = AuditTrail(store, case_id)
        trail.check()
        record = _load_record(store, case_id, sha256)
        if record.disposition is not Disposition.REVIEW:
            raise DecisionError("this document no longer waits in review")
        key = object_key(decision.disposition, case_id, sha256)
        data = b""
        if key is not None and record.location:  # destroyed or excluded: never read
            try:
                data = store.get(record.location)
            except ObjectNotFound:
                data = b""
        if key is not None and data:
            meta = {
                "sha256": sha256,
                "category": decision.category.value,
                "disposition": decision.disposition.value,
            }
            if record.source:
                meta["source"] = record.source
            store.put(key, data, meta)
        elif key is not None:
            key = None  # nothing was kept (too large to read): nothing to move
        reasons = tuple(r for r in record.reasons if r != NOT_SUBJECT)
        id_document = None
        if decision.disposition is Disposition.DESTROY:
            if decision.reason == "not_about_subject":
                reasons = (*reasons, NOT_SUBJECT)
                note = IdDocumentNote(
                    None,
                    None,
                    None,
                    identity_established=False,
                    recorded=now.date().isoformat(),
                    reason=NOT_SUBJECT,
                )
            else:
                id_document = {"number": decision.id_number, "valid_until": decision.id_valid_until}
                note = IdDocumentNote(
                    decision.id_number,
                    decision.id_valid_until,
                    None,
                    recorded=now.date().isoformat(),
                )
            store.put(id_document_key(case_id, sha256), json.dumps(note.to_json()).encode())
        trail.append(
            event=audit.REVIEW_DECISION,
            document=sha256,
            category=decision.category.value,
            disposition=decision.disposition.value,
            legal_reference=choice.legal_basis,
            reason=decision.reason,
            actor=actor,
        )
        stamp = now.isoformat(timespec="seconds")
        note = {
            "by": actor,
            "at": stamp,
            "category": decision.category.value,
            "disposition": decision.disposition.value,
            "reason": decision.reason,
            "motivation": decision.motivation,
            "was": {"category": record.category.value, "confidence": record.confidence},
        }
        store.put(
            decision_key(case_id, sha256), json.dumps(note, ensure_ascii=False).encode("utf-8")
        )
        rule = rule_for(decision.category, case.law)
        new = dataclasses.replace(
            record,
            category=decision.category,
            disposition=decision.disposition,
            legal_basis=choice.legal_basis,
            location=key,
            purpose=rule.purpose,
            review_deadline=None,
            reasons=reasons,
            id_document=id_document if id_document else record.id_document,
            decided_by=actor,
            decided_at=stamp,
        )
        store.put(record_key(case_id, sha256), record_to_bytes(new))
        if decision.disposition in LETTER_DISPOSITIONS:
            pending_letters.add(store, case_id, sha256)
        if record.location and record.location != key:
            store.delete(record.location)
    return new


def confirm_receipt(
    store: Store, case_id: str, sha256: str, *, actor: str, now: dt.datetime | None = None
) -> DocumentRecord:
    """The medical adviser has the forwarded document: zeef's copy goes (every version),
    with the event ``medical_received``; the record stays, with no location. The same
    step as a handover to the medical adviser (`handover.receipt`)."""
    from zeef.pipeline.handover import receipt  # it builds on this module's errors

    return receipt(store, case_id, sha256, actor=_actor(actor), now=now)


def record_advice(
    store: Store, case_id: str, text: str, *, actor: str, now: dt.datetime | None = None
) -> DocumentRecord:
    """The medical adviser's advice (its conclusion on capacity, without diagnosis) as a
    new `medical_advice` document of the case, routed by the policy table."""
    actor = _actor(actor)
    now = now or _now()
    text = (text or "").strip()
    if not text:
        raise DecisionError("the advice is empty")
    if len(text) > MAX_ADVICE:
        raise DecisionError(f"the advice: at most {MAX_ADVICE} characters")
    case = load_registered(store, case_id)
    data = text.encode("utf-8")
    sha = sha256_hex(data)
    rule = rule_for(Category.MEDICAL_ADVICE, case.law)
    disposition = policy_decide(Category.MEDICAL_ADVICE, case.medical_policy, law=case.law)
    with case_lock(store, case_id):
        trail = AuditTrail(store, case_id)
        trail.check()
        if store.exists(record_key(case_id, sha)):
            return _load_record(store, case_id, sha)
        key = object_key(disposition, case_id, sha)
        if key is not None:
            store.put(
                key,
                data,
                {
                    "sha256": sha,
                    "category": Category.MEDICAL_ADVICE.value,
                    "disposition": disposition.value,
                },
            )
        stamp = now.isoformat(timespec="seconds")
        trail.append(
            event=ROUTES[disposition].event,
            document=sha,
            category=Category.MEDICAL_ADVICE.value,
            confidence=1.0,
            disposition=disposition.value,
            legal_reference=rule.legal_basis,
            reason=MEDICAL_ADVICE_RECORDED,
            actor=actor,
        )
        record = DocumentRecord(
            sha256=sha,
            name=f"advies-{now.date().isoformat()}.txt",
            media_type="text/plain",
            category=Category.MEDICAL_ADVICE,
            confidence=1.0,
            disposition=disposition,
            legal_basis=rule.legal_basis,
            received=stamp,
            run=f"advice-{now.strftime('%Y%m%dT%H%M%SZ')}",
            reasons=(MEDICAL_ADVICE_RECORDED,),
            location=key,
            law=case.law,
            purpose=rule.purpose,
            decided_by=actor,
            decided_at=stamp,
        )
        store.put(record_key(case_id, sha), record_to_bytes(record))
    return record
