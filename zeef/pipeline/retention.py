"""Retention: what the dossier no longer needs is destroyed, on a date the settings set.

`run` (``zeef retention run [--now DATE] [--dry-run]``, and the daily DAG
``zeef_retention``) goes over every registered case (``cases/<id>/case.json``):

- **the working dossier, after the decision.** Once the case has a decision
  (`case_decision.decide_case`) and its objection period has passed (settings
  ``deadlines.objection_period_weeks``, six weeks: Awb art. 6:7), every document still in
  ``dossier/<case>/working/`` is destroyed: what supported the decision was moved to the
  archive when it was taken (FAQ Q1, Q14). The working row of the retention table
  (settings ``[retention.<law>.working]``) may keep it longer, never shorter. A document
  received after the decision's date is not covered by it and is kept. The citizen is
  told in a letter (``letters/<case>/<run>.txt`` and ``.pdf``, "vernietigd na het
  besluit", event ``letter_written``).
- **the archive, after its retention period.** A document in ``dossier/<case>/archive/``
  is destroyed once the archive row of the case's law (``[retention.<law>.archive]``:
  years or months after the decision or the end of the provision,
  `case_decision.end_provision`) has passed. Without that event recorded, nothing is due.

A document's last day is its event's date plus the period (for the working dossier: at
the earliest the decision's date plus the objection period); it is destroyed by a run
whose `now` is later than that day.

Destroying a document means its object with every version (`Store.delete`) and its
record (``cases/<case>/documents/<sha256>.json``, every version); the audit trail keeps
the fact (event ``document_destroyed_retention``: the sha256, category, the part it was
in, and the reason code ``working_after_decision`` or ``archive_period_passed``), never
the content. Each case is done under its lock, its whole trail verified first; a case
that cannot be done (another run holds it, a damaged trail, a damaged decision or
record) is reported and the others go on; a rerun completes what a killed run left
(``cases/<case>/retention.pending`` marks a case while its documents are destroyed; an
event is not written twice, a letter not written twice).

The summary (JSON, ids, dates and counts only)::

    {"now": "2026-06-20", "dry_run": false,
     "destroyed": 4, "kept": 5, "overdue": 0, "failed": 0,
     "cases": {"2026-0412": {"decided": true, "destroyed": 4, "kept": 5, "overdue": 0,
                             "after_decision": 0, "working_due": "2026-06-01",
                             "archive_due": null, "letter": "letters/2026-0412/...pdf",
                             "error": null}}}

- ``destroyed``: documents destroyed by this run (0 in a dry run).
- ``kept``: documents in a dossier (either part) whose last day has not passed, or that
  nothing makes due (no decision, no end of provision, received after the decision).
- ``overdue``: documents whose last day has passed but that are still held when the
  run ends: in a dry run, every document a real run would destroy; in a real run, those
  of a case that could not be done (``error``: the error's type name). A real run that
  ends with ``overdue`` above 0 needs a person (or a rerun, for a busy case).
- ``failed``: cases with an ``error``.
- per case ``working_due`` / ``archive_due``: the last day of each part (null: nothing
  makes it due yet).

A dry run writes nothing at all: no lock, no audit event, no letter; the trail is
verified read-only.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import hashlib
import logging

from zeef.domain import settings as settings_module
from zeef.domain.case import Case
from zeef.domain.errors import AuditError, StoreError, ZeefError
from zeef.domain.policy import law_of
from zeef.domain.records import DocumentRecord, MessageRecord, record_from_bytes
from zeef.domain.settings import ARCHIVE, DECISION, WORKING, RetentionRule, Settings
from zeef.domain.vocabulary import Disposition
from zeef.pipeline import audit
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.case_decision import CaseDecision, load_decision
from zeef.pipeline.registry import load_registered, registered_case_ids
from zeef.pipeline.route import letter_key, record_key
from zeef.storage import CaseBusy, ObjectNotFound, Store
from zeef.storage.lock import case_lock

log = logging.getLogger(__name__)

DOCUMENT_DESTROYED_RETENTION = "document_destroyed_retention"
WORKING_AFTER_DECISION = "working_after_decision"
ARCHIVE_PERIOD_PASSED = "archive_period_passed"
REASONS = {WORKING: WORKING_AFTER_DECISION, ARCHIVE: ARCHIVE_PERIOD_PASSED}
PARTS = (ARCHIVE, WORKING)


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus `months` calendar months; the 31st becomes the month's last day."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _event_date(decision: CaseDecision, rule: RetentionRule) -> dt.date | None:
    return decision.date if rule.after == DECISION else decision.provision_end


def last_days(
    decision: CaseDecision | None, law: str, settings: Settings
) -> dict[str, dt.date | None]:
    """The last day each part of the dossier is kept ({"working": d, "archive": d}); None
    where nothing makes it due yet (no decision, or no end of provision recorded)."""
    out: dict[str, dt.date | None] = {WORKING: None, ARCHIVE: None}
    if decision is None:
        return out
    for part in PARTS:
        rule = settings.retention.rule(law, part)
        event = _event_date(decision, rule)
        if event is None:
            continue
        last = add_months(event, rule.months)
        if part == WORKING:
            weeks = settings.deadlines.objection_period_weeks
            last = max(last, decision.date + dt.timedelta(weeks=weeks))
        out[part] = last
    return out


@dataclasses.dataclass(frozen=True)
class _Held:
    """A document in the dossier: its part, object key and record (None: no record)."""

    sha: str
    part: str
    key: str
    record: DocumentRecord | None


@dataclasses.dataclass
class _Plan:
    case: Case
    decision: CaseDecision | None
    last: dict[str, dt.date | None]
    due: list[_Held]
    kept: list[_Held]
    after_decision: int


def _record(store: Store, case_id: str, sha: str) -> DocumentRecord | None:
    try:
        record = record_from_bytes(store.get(record_key(case_id, sha)))
    except ObjectNotFound:
        return None
    return record if isinstance(record, DocumentRecord) else None


def _held(store: Store, case_id: str) -> list[_Held]:
    held = []
    for part in PARTS:
        prefix = f"dossier/{case_id}/{part}/"
        for key in store.list(prefix):
            sha = key[len(prefix) :]
            if "/" in sha:
                continue
            held.append(_Held(sha, part, key, _record(store, case_id, sha)))
    return held


def _received(held: _Held) -> dt.date | None:
    if held.record is None:
        return None
    try:
        return dt.date.fromisoformat(held.record.received[:10])
    except ValueError:
        return None


def _plan(store: Store, case_id: str, now: dt.date, settings: Settings) -> _Plan:
    """What is due in the case on `now` (reads only)."""
    case = load_registered(store, case_id)
    law = law_of(case.law).value
    decision = load_decision(store, case_id)
    last = last_days(decision, law, settings)
    due, kept, later = [], [], 0
    for held in _held(store, case_id):
        day = last[held.part]
        if held.part == WORKING and decision is not None:
            received = _received(held)
            # A document received after the decision is not covered by it. One without a
            # record (an ingest killed before its record) was not promoted: covered.
            if received is not None and received > decision.date:
                later += 1
                kept.append(held)
                continue
        if day is not None and now > day:
            due.append(held)
        else:
            kept.append(held)
    return _Plan(case, decision, last, due, kept, later)


def _description(store: Store, case_id: str, record: DocumentRecord) -> str:
    """How the letter names the document, as ingest's letter does."""
    if record.source is not None and "#" in record.name:
        glued, _, label = record.name.rpartition("#")
        pages = label.removeprefix("pages-").split("-")
        where = (
            f"pagina {pages[0]}"
            if len(pages) == 1
            else (f"pagina {pages[0]} tot en met {pages[-1]}")
        )
        return f"{where} van uw bestand {glued}"
    if record.message is not None:
        try:
            message = record_from_bytes(store.get(record_key(case_id, record.message)))
        except (ObjectNotFound, ZeefError, ValueError):
            message = None
        name = message.name if isinstance(message, MessageRecord) else ""
        return f"bijlage {record.part or ''} bij uw e-mail {name}".replace("  ", " ").strip()
    return record.name


def _letter(
    store: Store,
    case: Case,
    records: list[DocumentRecord],
    now: dt.date,
    trail: AuditTrail,
    actor: str,
) -> str | None:
    """The citizen's letter about the working documents destroyed after the decision;
    its PDF's key. Its run id is the day and a digest of the documents: a rerun for the
    same documents finds it written and writes nothing."""
    from zeef.pipeline.letters import LetterItem, render_pdf, render_text

    if not records:
        return None
    digest = hashlib.sha256(
        ("retention/" + ",".join(sorted(r.sha256 for r in records))).encode()
    ).hexdigest()[:6]
    run_id = f"{now:%Y%m%d}T000000Z-{digest}"
    key = letter_key(case.case_id, run_id)
    if store.exists(key):
        return key
    items = [
        LetterItem(
            description=_description(store, case.case_id, r),
            received=_received(_Held(r.sha256, WORKING, "", r)),
            disposition=Disposition.DESTROY,
            category=r.category,
            law=case.law,
            after_decision=True,
        )
        for r in sorted(records, key=lambda r: (r.received, r.sha256))
    ]
    text = render_text(case, items, on=now)
    pdf = render_pdf(case, items, on=now)
    store.put(letter_key(case.case_id, run_id, ".txt"), text.encode(), {"kind": "letter"})
    store.put(key, pdf, {"kind": "letter"})
    trail.append(event=audit.LETTER_WRITTEN, reason=f"items_{len(items)}", actor=actor,
                 run=run_id)  # fmt: skip
    return key


def _destroy(
    store: Store, case_id: str, now: dt.date, settings: Settings, actor: str
) -> tuple[_Plan, list[_Held], str | None]:
    """Destroy what is due in one case, under its lock; (the plan, what was destroyed,
    the letter's key)."""
    with case_lock(store, case_id) as lock:
        trail = AuditTrail(store, case_id)
        trail.check()
        # Destruction cannot be undone: the whole chain verified first, not only its end.
        if not trail.verify().ok:
            raise AuditError(f"case {case_id}: the audit trail does not verify; nothing destroyed")
        plan = _plan(store, case_id, now, settings)
        store.put(_pending_key(case_id), b"", {"kind": "retention_pending"})
        events = trail.events()
        done_before = {
            e.document: e.reason
            for e in events
            if e.event == DOCUMENT_DESTROYED_RETENTION and e.document
        }
        for held in plan.due:
            if held.sha not in done_before:
                lock.check()
                trail.append(
                    event=DOCUMENT_DESTROYED_RETENTION,
                    document=held.sha,
                    category=None if held.record is None else held.record.category.value,
                    disposition=Disposition.WORKING.value
                    if held.part == WORKING
                    else Disposition.ARCHIVE.value,
                    reason=REASONS[held.part],
                    actor=actor,
                )
                done_before[held.sha] = REASONS[held.part]
            store.delete(held.key)
            if store.exists(held.key):
                raise StoreError("the store kept a destroyed document; run retention again")
        # Records of documents destroyed here or by a run killed before it removed them.
        finishing = []
        for sha, reason in sorted(done_before.items()):
            record = _record(store, case_id, sha)
            if record is None:
                continue
            if record.location and store.exists(record.location):
                continue  # held again (ingested anew): not this record's to remove
            finishing.append((record, reason))
        told = [r for r, reason in finishing if reason == WORKING_AFTER_DECISION]
        letter = _letter(store, plan.case, told, now, trail, actor)
        for record, _ in finishing:
            store.delete(record_key(case_id, record.sha256))
        store.delete(_pending_key(case_id))
    return plan, plan.due, letter


def _case_summary(plan: _Plan | None) -> dict:
    if plan is None:
        return {"decided": None, "destroyed": 0, "kept": 0, "overdue": 0,
                "after_decision": 0, "working_due": None, "archive_due": None,
                "letter": None, "error": None}  # fmt: skip
    last = plan.last
    return {
        "decided": plan.decision is not None,
        "destroyed": 0,
        "kept": len(plan.kept),
        "overdue": len(plan.due),
        "after_decision": plan.after_decision,
        "working_due": None if last[WORKING] is None else last[WORKING].isoformat(),
        "archive_due": None if last[ARCHIVE] is None else last[ARCHIVE].isoformat(),
        "letter": None,
        "error": None,
    }


def run_case(
    store: Store,
    case_id: str,
    *,
    now: dt.date,
    dry_run: bool,
    actor: str = "pipeline",
    settings: Settings | None = None,
) -> dict:
    """One case of `run` (its summary entry). StoreError (the store failing) is raised;
    anything else that stops the case is its ``error``."""
    settings = settings or settings_module.current()
    try:
        plan = _plan(store, case_id, now, settings)
    except StoreError:
        raise
    except ZeefError as exc:
        out = _case_summary(None)
        out["error"] = type(exc).__name__
        return out
    out = _case_summary(plan)
    if dry_run:
        if not AuditTrail(store, case_id).verify().ok:
            out["error"] = AuditError.__name__
        return out
    if not plan.due and not _unfinished(store, case_id):
        return out
    try:
        plan, destroyed, letter = _destroy(store, case_id, now, settings, actor)
    except StoreError:
        raise
    except (CaseBusy, ZeefError) as exc:
        out["error"] = type(exc).__name__
        return out
    out = _case_summary(plan)
    out.update(destroyed=len(destroyed), overdue=0, letter=letter)
    return out


def _pending_key(case_id: str) -> str:
    """Present while a run destroys in the case: a killed run left work behind."""
    return f"cases/{case_id}/retention.pending"


def _unfinished(store: Store, case_id: str) -> bool:
    """Whether a killed run left records of destroyed documents behind (one look-up)."""
    return store.exists(_pending_key(case_id))


def run(
    store: Store,
    *,
    now: dt.date,
    dry_run: bool,
    actor: str = "pipeline",
    settings: Settings | None = None,
) -> dict:
    """Every registered case through retention on `now` (see the module doc for what is
    destroyed and the summary's keys). `settings`: those in force when not given."""
    if isinstance(now, dt.datetime):
        now = now.date()
    settings = settings or settings_module.current()
    cases = {}
    for case_id in registered_case_ids(store):
        cases[case_id] = run_case(
            store, case_id, now=now, dry_run=dry_run, actor=actor, settings=settings
        )
        entry = cases[case_id]
        if entry["destroyed"] or entry["overdue"] or entry["error"]:
            log.info("retention case=%s destroyed=%d overdue=%d error=%s", case_id,
                     entry["destroyed"], entry["overdue"], entry["error"])  # fmt: skip
    summary = {
        "now": now.isoformat(),
        "dry_run": bool(dry_run),
        "destroyed": sum(c["destroyed"] for c in cases.values()),
        "kept": sum(c["kept"] for c in cases.values()),
        "overdue": sum(c["overdue"] for c in cases.values()),
        "failed": sum(c["error"] is not None for c in cases.values()),
        "cases": cases,
    }
    return summary


def counts(summary: dict) -> dict:
    """The summary without its cases: what the DAG hands on (XCom)."""
    return {k: summary[k] for k in ("now", "dry_run", "destroyed", "kept", "overdue", "failed")}


__all__ = [
    "ARCHIVE_PERIOD_PASSED",
    "DOCUMENT_DESTROYED_RETENTION",
    "WORKING_AFTER_DECISION",
    "add_months",
    "counts",
    "last_days",
    "run",
    "run_case",
]
