"""When a case's enforcement investigation (handhavingsonderzoek) ran, and by when the
subject must be told of it.

While an investigation runs, inspection may be refused (UAVG art. 41 lid 1 sub h); once
it is closed, the right of access applies again and the subject must be informed of the
investigation within three months (FAQ Q12). The case file's `enforcement_investigation`
flag says whether one runs; when a registered case's flag changes, `note_change` records
the date in ``cases/<case>/investigation.json`` (dates and a flag only).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass

from zeef.domain.deadlines import add_months
from zeef.storage import ObjectNotFound, Store

INFORM_WITHIN_MONTHS = 3


def investigation_key(case_id: str) -> str:
    return f"cases/{case_id}/investigation.json"


@dataclass(frozen=True)
class Investigation:
    running: bool
    started: str | None = None  # YYYY-MM-DD
    closed: str | None = None
    inform_by: str | None = None  # closed + three months
    informed: str | None = None  # when the subject was told

    def to_json(self) -> dict:
        return asdict(self)

    def status(self, today: dt.date) -> dict:
        """What `zeef inzage status` shows of it."""
        out: dict = {"running": self.running}
        if self.closed:
            out["closed"] = self.closed
            out["inform_subject_by"] = self.inform_by
            out["subject_informed"] = self.informed
            out["inform_subject_overdue"] = bool(
                not self.informed and self.inform_by and today.isoformat() > self.inform_by
            )
        return out


def load(store: Store, case_id: str, running_now: bool) -> Investigation:
    """The recorded investigation; for a case with nothing recorded, what its flag says."""
    try:
        data = json.loads(store.get(investigation_key(case_id)))
        return Investigation(**{k: data.get(k) for k in Investigation.__dataclass_fields__})
    except (ObjectNotFound, ValueError, TypeError):
        return Investigation(running=running_now)


def note_change(store: Store, case_id: str, was: bool, now: bool, today: dt.date) -> str | None:
    """Record that the investigation started or closed (`was` → `now`); the event's name
    (``investigation_started``, ``investigation_closed``) or None when nothing changed."""
    if was == now:
        return None
    old = load(store, case_id, was)
    if now:
        new = Investigation(running=True, started=today.isoformat())
        event = "investigation_started"
    else:
        inform_by = add_months(today, INFORM_WITHIN_MONTHS).isoformat()
        new = Investigation(False, old.started, today.isoformat(), inform_by)
        event = "investigation_closed"
    store.put(investigation_key(case_id), json.dumps(new.to_json()).encode())
    return event


def note_informed(store: Store, case_id: str, on: dt.date) -> Investigation:
    """The subject was told of the closed investigation on `on`."""
    old = load(store, case_id, False)
    if old.running or not old.closed:
        from zeef.domain.errors import InvalidInput

        raise InvalidInput("no closed investigation to inform the subject of")
    new = Investigation(False, old.started, old.closed, old.inform_by, on.isoformat())
    store.put(investigation_key(case_id), json.dumps(new.to_json()).encode())
    return new
