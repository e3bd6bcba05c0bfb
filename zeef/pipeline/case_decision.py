"""The decision on a case: what supported it goes to the archival dossier; the end of the
provision it granted.

`decide_case` (``zeef cases decide CASE_ID --date D --supports SHA256...``) records the
decision taken on `date` and the documents it rests on. Each supporting document that is
still in the working dossier (``dossier/<case>/working/<sha256>``) moves to the archival
dossier (``dossier/<case>/archive/<sha256>``): the bytes put there, the event
``document_promoted`` (with the legal basis of keeping it: the policy row of its category
when that row archives, else the case report's row of the case's law, which rests on Awb
art. 3:2 and Archiefwet 1995 art. 3), the record rewritten (disposition `archive`), and
only then the working copy deleted (every version). A supporting document already in the
archive has nothing to move. The decision itself is kept last, under
``cases/<case>/decision.json``::

    {"date": "2026-04-20", "supports": ["<sha256>", ...], "recorded_by": "clerk.b",
     "recorded_at": "2026-04-20T10:12:00+00:00", "provision_end": null}

with the event ``case_decided``. What the decision leaves in the working dossier is
destroyed once the objection period has passed (`zeef.pipeline.retention`, FAQ Q1, Q14).

`end_provision` (``zeef cases end CASE_ID --date D``) records the day the provision or
benefit the decision granted ended (``provision_end``, event ``provision_ended``): the
archive's retention period (settings `[retention]`) counts from it.

Both hold the case lock and refuse a damaged audit trail, like every step. The same call
twice changes nothing the second time; a call that differs from what is recorded is
refused (`CaseDecisionError`, nothing changed). A run killed halfway is completed by
running it again: the decision is written last, and a document already promoted is not
promoted twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterable

from zeef.domain.errors import InvalidInput, ZeefError
from zeef.domain.policy import law_of, rule_for
from zeef.domain.records import DocumentRecord, record_from_bytes, record_to_bytes
from zeef.domain.vocabulary import Category, Disposition
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.registry import load_registered
from zeef.pipeline.route import object_key, record_key
from zeef.storage import ObjectNotFound, Store, sha256_hex
from zeef.storage.lock import case_lock

DOCUMENT_PROMOTED = "document_promoted"
CASE_DECIDED = "case_decided"
PROVISION_ENDED = "provision_ended"
SUPPORTS_DECISION = "supports_decision"  # the reason code of a promotion

_SHA256 = re.compile(r"[0-9a-f]{64}")
_ACTOR = re.compile(r"[a-z0-9_.:-]{1,64}")
MAX_SUPPORTS = 1000


class CaseDecisionError(InvalidInput):
    """A decision or end of provision that cannot be recorded: a bad date or document id,
    a supporting document that is not in the case's dossier, a decision that differs from
    the one recorded. Nothing was changed."""


def decision_key(case_id: str) -> str:
    return f"cases/{case_id}/decision.json"


@dataclasses.dataclass(frozen=True)
class CaseDecision:
    """What `cases/<case>/decision.json` holds."""

    date: dt.date
    supports: tuple[str, ...]  # sha256, sorted
    recorded_by: str
    recorded_at: str  # ISO 8601, seconds
    provision_end: dt.date | None = None

    def to_json(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "supports": list(self.supports),
            "recorded_by": self.recorded_by,
            "recorded_at": self.recorded_at,
            "provision_end": None if self.provision_end is None else self.provision_end.isoformat(),
        }

    @classmethod
    def from_json(cls, data: object) -> CaseDecision:
        """ZeefError (one line, no values) when the stored decision is damaged."""
        try:
            if not isinstance(data, dict):
                raise TypeError
            supports = tuple(data["supports"])
            if not all(isinstance(s, str) and _SHA256.fullmatch(s) for s in supports):
                raise ValueError
            end = data.get("provision_end")
            return cls(
                date=dt.date.fromisoformat(data["date"]),
                supports=supports,
                recorded_by=str(data["recorded_by"]),
                recorded_at=str(data["recorded_at"]),
                provision_end=None if end is None else dt.date.fromisoformat(end),
            )
        except (KeyError, TypeError, ValueError):
            raise ZeefError("the case's stored decision is damaged") from None


def load_decision(store: Store, case_id: str) -> CaseDecision | None:
    """The case's recorded decision, or None when it has none."""
    try:
        raw = store.get(decision_key(case_id))
    except ObjectNotFound:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        raise ZeefError("the case's stored decision is damaged") from None
    return CaseDecision.from_json(data)


def _store_decision(store: Store, case_id: str, decision: CaseDecision) -> None:
    data = json.dumps(decision.to_json(), sort_keys=True).encode("ascii")
    store.put(decision_key(case_id), data, {"kind": "decision"})


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _actor(actor: str) -> str:
    if not isinstance(actor, str) or not _ACTOR.fullmatch(actor):
        raise CaseDecisionError("actor: not a user id")
    return actor


def _date(value: dt.date | str, name: str, now: dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise CaseDecisionError(f"{name}: not a date (YYYY-MM-DD)") from None
    if not isinstance(value, dt.date):
        raise CaseDecisionError(f"{name}: not a date (YYYY-MM-DD)")
    if value > now.date():
        raise CaseDecisionError(f"{name}: in the future")
    return value


def _supports(supports: Iterable[str]) -> tuple[str, ...]:
    if isinstance(supports, str):
        raise CaseDecisionError("supports: a list of sha256 ids")
    out = []
    for n, sha in enumerate(supports, 1):
        sha = sha.strip().lower() if isinstance(sha, str) else ""
        if not _SHA256.fullmatch(sha):
            raise CaseDecisionError(f"supports: item {n} is not a sha256 (64 hex digits)")
        out.append(sha)
    if len(out) > MAX_SUPPORTS:
        raise CaseDecisionError(f"supports: at most {MAX_SUPPORTS} documents")
    return tuple(dict.fromkeys(out))  # in the order given (errors name the item), once


def archive_basis(category: Category, law: str | None) -> str:
    """The legal basis of keeping a document of `category` in the archival dossier: its
    own policy row when that row archives, else the case report's row of the law (the
    decision's own file: Awb art. 3:2, Archiefwet 1995 art. 3). Always one of
    `policy.LEGAL_BASES`, the audit trail's closed set."""
    rule = rule_for(category, law)
    if rule.disposition is Disposition.ARCHIVE:
        return rule.legal_basis
    return rule_for(Category.CASE_REPORT, law).legal_basis


def _record(store: Store, case_id: str, sha: str) -> DocumentRecord | None:
    try:
        record = record_from_bytes(store.get(record_key(case_id, sha)))
    except (ObjectNotFound, ValueError, ZeefError):
        return None
    return record if isinstance(record, DocumentRecord) else None


def _plan(store: Store, case_id: str, supports: tuple[str, ...]) -> list[tuple[str, bool]]:
    """(sha, in the working dossier) per supporting document; CaseDecisionError, before
    anything is written, for one that is in neither part of the dossier."""
    plan = []
    for n, sha in enumerate(supports, 1):
        working = object_key(Disposition.WORKING, case_id, sha)
        archive = object_key(Disposition.ARCHIVE, case_id, sha)
        record = _record(store, case_id, sha)
        if record is not None and store.exists(working):
            plan.append((sha, True))
        elif store.exists(archive):
            plan.append((sha, False))
        else:
            raise CaseDecisionError(
                f"supports: item {n} is not in the case's working or archival dossier"
            )
    return plan


def decide_case(
    store: Store,
    case_id: str,
    *,
    date: dt.date | str,
    supports: Iterable[str],
    actor: str,
    now: dt.datetime | None = None,
) -> dict:
    """Record the decision on `case_id` (see the module doc); returns the stored decision
    as JSON with ``promoted``: the documents moved to the archive by this call."""
    now = now or _now()
    actor = _actor(actor)
    day = _date(date, "date", now)
    given = _supports(supports)
    shas = tuple(sorted(given))
    case = load_registered(store, case_id)
    law = law_of(case.law).value
    with case_lock(store, case_id):
        trail = AuditTrail(store, case_id)
        trail.check()
        existing = load_decision(store, case_id)
        if existing is not None:
            if (existing.date, existing.supports) != (day, shas):
                raise CaseDecisionError(
                    "the case already has another decision; nothing was changed"
                )
            return {**existing.to_json(), "promoted": []}
        plan = _plan(store, case_id, given)
        # What a run killed halfway already wrote: not written twice.
        events = trail.events()
        promoted_before = {e.document for e in events if e.event == DOCUMENT_PROMOTED}
        decided_before = any(e.event == CASE_DECIDED for e in events)
        stamp = now.isoformat(timespec="seconds")
        promoted = []
        for sha, in_working in plan:
            if not in_working:
                continue
            working = object_key(Disposition.WORKING, case_id, sha)
            archive = object_key(Disposition.ARCHIVE, case_id, sha)
            record = _record(store, case_id, sha)
            data = store.get(working)
            if sha256_hex(data) != sha:
                raise ZeefError("a working-dossier document does not match its id; nothing moved")
            meta = {"sha256": sha, "category": record.category.value, "disposition": "archive"}
            if record.source:
                meta["source"] = record.source
            store.put(archive, data, meta)
            basis = archive_basis(record.category, law)
            if sha not in promoted_before:
                trail.append(
                    event=DOCUMENT_PROMOTED,
                    document=sha,
                    category=record.category.value,
                    disposition=Disposition.ARCHIVE.value,
                    legal_reference=basis,
                    reason=SUPPORTS_DECISION,
                    actor=actor,
                )
            new = dataclasses.replace(
                record,
                disposition=Disposition.ARCHIVE,
                legal_basis=basis,
                location=archive,
                decided_by=actor,
                decided_at=stamp,
            )
            store.put(record_key(case_id, sha), record_to_bytes(new))
            store.delete(working)
            if store.exists(working):
                raise ZeefError("the store kept the working copy; run the decision again")
            promoted.append(sha)
        decision = CaseDecision(day, shas, actor, stamp)
        if not decided_before:
            trail.append(event=CASE_DECIDED, reason=f"supports_{len(shas)}", actor=actor)
        _store_decision(store, case_id, decision)
    return {**decision.to_json(), "promoted": promoted}


def end_provision(
    store: Store,
    case_id: str,
    *,
    date: dt.date | str,
    actor: str,
    now: dt.datetime | None = None,
) -> dict:
    """Record the day the provision the decision granted ended (``provision_end``, event
    ``provision_ended``); returns the stored decision as JSON. The same date twice
    changes nothing; another date than the one recorded, a date before the decision, or
    a case without a decision: CaseDecisionError."""
    now = now or _now()
    actor = _actor(actor)
    day = _date(date, "date", now)
    load_registered(store, case_id)
    with case_lock(store, case_id):
        trail = AuditTrail(store, case_id)
        trail.check()
        decision = load_decision(store, case_id)
        if decision is None:
            raise CaseDecisionError("the case has no decision yet (zeef cases decide)")
        if decision.provision_end is not None:
            if decision.provision_end != day:
                raise CaseDecisionError(
                    "the provision's end is already recorded with another date; nothing was changed"
                )
            return decision.to_json()
        if day < decision.date:
            raise CaseDecisionError("date: before the decision")
        trail.append(event=PROVISION_ENDED, actor=actor)
        decision = dataclasses.replace(decision, provision_end=day)
        _store_decision(store, case_id, decision)
    return decision.to_json()
