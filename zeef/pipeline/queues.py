"""What waits for a person (`zeef queues`): one line per item in the medical adviser's
outbox, in returns, in review and in the unmatched queue, with its age and deadline.

- ``outbox``: ``outbox/medical_adviser/<case>/<sha256>``, forwarded, until the adviser
  has it (`handover`, or the adviser's receipt);
- ``returns``: ``returns/<case>/<sha256>``, until handed back to the citizen (`handover`);
- ``review``: ``review/<case>/<sha256>``, as `review_queue.waiting` lists it (its deadline
  in working days, set when it was recorded: one for an ID copy or a medical document);
- ``unmatched``: ``unmatched/<sha256>``, an intake item no case was found for (`intake`).

``since`` is when the item started waiting: for the outbox and returns the day it was
routed there (the record's ``decided_at`` when a reviewer's decision put it there, else
``received``); for review ``received``; for an unmatched item the day of its event in the
intake trail. The outbox's and returns' deadlines are calendar days after ``since``
(settings ``[deadlines]`` ``outbox_days``, ``returns_days``); an unmatched item has none.
An item stored by a run that crashed before its record (a rerun ends it) is listed with
no category, date or deadline. Past its deadline an item is overdue; overdue items come
first, then by deadline. Ids, codes and dates only.
"""

from __future__ import annotations

import datetime as dt

from zeef.domain import settings
from zeef.domain.records import DocumentRecord, RecordError, record_from_bytes
from zeef.domain.vocabulary import Disposition
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.review_queue import waiting
from zeef.pipeline.route import ROUTES, record_key
from zeef.storage import ObjectNotFound, Store

OUTBOX = "outbox"
RETURNS = "returns"
REVIEW = "review"
UNMATCHED = "unmatched"
QUEUES = (OUTBOX, RETURNS, REVIEW, UNMATCHED)

# As `zeef.pipeline.intake` names them (intake imports the whole NLP stack, which
# `zeef queues` does not need; a test checks that the two agree).
INTAKE_TRAIL = "zeef.intake"
UNMATCHED_PREFIX = "unmatched/"
ITEM_UNMATCHED = "intake_unmatched"

_ROUTED = {
    OUTBOX: (Disposition.FORWARD_MEDICAL_ADVISER, "outbox_days"),
    RETURNS: (Disposition.RETURN_TO_SENDER, "returns_days"),
}


def _prefix(disposition: Disposition) -> str:
    return ROUTES[disposition].prefix.split("{", 1)[0]


def _line(queue, case_id, sha, category, since, deadline, today) -> dict:
    return {
        "queue": queue,
        "case_id": case_id,
        "sha256": sha,
        "category": category,
        "since": since.isoformat() if since else None,
        "age_days": (today - since).days if since else None,
        "deadline": deadline.isoformat() if deadline else None,
        "overdue": deadline is not None and today > deadline,
    }


def _date(stamp: str | None) -> dt.date | None:
    if not stamp:
        return None
    try:
        return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _routed(store: Store, queue: str, today: dt.date) -> list[dict]:
    disposition, setting = _ROUTED[queue]
    days = getattr(settings.current().deadlines, setting)
    prefix = _prefix(disposition)
    lines = []
    for key in store.list(prefix):
        case_id, _, sha = key[len(prefix) :].rpartition("/")
        if not case_id or len(sha) != 64:
            continue
        try:
            record = record_from_bytes(store.get(record_key(case_id, sha)))
        except (ObjectNotFound, RecordError, ValueError):
            record = None
        if not isinstance(record, DocumentRecord):
            lines.append(_line(queue, case_id, sha, None, None, None, today))
            continue
        # Put there by a reviewer's decision: from that day; by ingest: from receipt.
        since = _date(record.decided_at) or _date(record.received) or today
        deadline = since + dt.timedelta(days=days)
        lines.append(_line(queue, case_id, sha, record.category.value, since, deadline, today))
    return lines


def _review(store: Store, today: dt.date) -> list[dict]:
    lines = []
    for item in waiting(store, today=today):
        since = _date(item["received"])
        deadline = dt.date.fromisoformat(item["deadline"]) if item["deadline"] else None
        lines.append(
            _line(REVIEW, item["case_id"], item["sha256"], item["category"], since, deadline, today)
        )
    return lines


def _unmatched(store: Store, today: dt.date) -> list[dict]:
    keys = store.list(UNMATCHED_PREFIX)
    if not keys:
        return []
    parked: dict[str, dt.date] = {}
    for event in AuditTrail(store, INTAKE_TRAIL).events():
        if event.event == ITEM_UNMATCHED and event.document and event.document not in parked:
            day = _date(event.time)
            if day is not None:
                parked[event.document] = day
    lines = []
    for key in keys:
        sha = key[len(UNMATCHED_PREFIX) :]
        if "/" in sha or len(sha) != 64:
            continue
        # No event yet: parked by a run that crashed before it (the next run writes it).
        lines.append(_line(UNMATCHED, None, sha, None, parked.get(sha), None, today))
    return lines


def queues(store: Store, today: dt.date | None = None) -> list[dict]:
    """One line per waiting item: `queue` (outbox, returns, review, unmatched),
    `case_id` (None for unmatched), `sha256`, `category`, `since` (YYYY-MM-DD), `age_days`,
    `deadline` (YYYY-MM-DD or None), `overdue`; overdue first, then by deadline."""
    today = today or dt.datetime.now(dt.UTC).date()
    lines = [
        *_routed(store, OUTBOX, today),
        *_routed(store, RETURNS, today),
        *_review(store, today),
        *_unmatched(store, today),
    ]
    lines.sort(
        key=lambda x: (
            not x["overdue"],
            x["deadline"] or "9999-12-31",
            QUEUES.index(x["queue"]),
            x["case_id"] or "",
            x["sha256"],
        )
    )
    return lines
