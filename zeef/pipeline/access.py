"""Who opened what: every view of a document, and every refused attempt, is an event in
the case's audit trail; the access report reads them back.

An event names the user (``actor``), the document (its sha256) and, in ``reason``, the
user's role and the purpose as fixed codes (``reviewer:triage``); never anything of the
document. A view that cannot be recorded (the case busy for too long, a damaged trail)
is not shown: `record_view` raises and the web app answers with an error page.
"""

from __future__ import annotations

import datetime as dt
import re

from zeef.pipeline.audit import AuditTrail
from zeef.storage import Store
from zeef.storage.lock import case_lock

DOCUMENT_VIEWED = "document_viewed"
ACCESS_REFUSED = "access_refused"
# The app's own trail, for what is not one case's (a refused page listing many cases).
WEB_TRAIL = "zeef.web"
DOSSIER_LISTED = "dossier_listed"
# Why a person reads: the codes a view or a listing records (`--purpose`, the web app).
PURPOSES = (
    "triage",  # a reviewer placing a document waiting in review
    "medical_assessment",  # the medical adviser
    "access_report",
    "inspection",  # preparing the subject's inspection request
    "case_handling",  # a case worker handling the application (the command line's default)
    "objection",  # handling an objection or appeal
    "supervision",  # the privacy officer or an auditor checking the handling
    "reuse",  # read for another case of the same subject (`zeef dossier --for`)
)
CLI_ROLE = "cli"  # the command line knows the user, not their role
_CODE = re.compile(r"[a-z0-9_]{1,30}")
_VIEW_WAIT = 10.0  # seconds a view waits for a case an ingest run is writing


def _reason(role: str, purpose: str) -> str:
    if not _CODE.fullmatch(role) or purpose not in PURPOSES:
        raise ValueError("role or purpose: not a code")
    return f"{role}:{purpose}"


def record_view(
    store: Store, case_id: str, sha256: str, *, actor: str, role: str, purpose: str
) -> None:
    """The audit event of one view, written before the document is shown."""
    with case_lock(store, case_id, wait=_VIEW_WAIT):
        trail = AuditTrail(store, case_id)
        trail.check()
        trail.append(
            event=DOCUMENT_VIEWED, document=sha256, actor=actor, reason=_reason(role, purpose)
        )


def record_listing(store: Store, case_id: str, *, actor: str, role: str, purpose: str) -> None:
    """The audit event of a dossier listing (`zeef dossier`), written before it is shown."""
    with case_lock(store, case_id, wait=_VIEW_WAIT):
        trail = AuditTrail(store, case_id)
        trail.check()
        trail.append(event=DOSSIER_LISTED, actor=actor, reason=_reason(role, purpose))


def record_refusal(
    store: Store, case_id: str, sha256: str | None, *, actor: str, role: str
) -> None:
    """The audit event of an attempt to open what the role may not see."""
    with case_lock(store, case_id, wait=_VIEW_WAIT):
        trail = AuditTrail(store, case_id)
        trail.check()
        trail.append(
            event=ACCESS_REFUSED,
            document=sha256,
            actor=actor,
            reason=f"{role}:forbidden" if _CODE.fullmatch(role) else "forbidden",
        )


def report(store: Store, case_id: str, since: dt.date | None = None) -> list[dict]:
    """Every person's event on the case, oldest first: time, user, event, document,
    reason (codes), and whether it was a view, a refusal or a decision."""
    out = []
    for event in AuditTrail(store, case_id).events():
        if event.actor == "pipeline" and event.event not in (DOCUMENT_VIEWED, ACCESS_REFUSED):
            continue
        if since is not None and event.time[:10] < since.isoformat():
            continue
        out.append(
            {
                "seq": event.seq,
                "time": event.time,
                "actor": event.actor,
                "event": event.event,
                "document": event.document,
                "reason": event.reason,
            }
        )
    return out
