"""The inspection request register: when a request came in, by when it must be answered,
and where the answer is.

One open request per case, ``inzage/<case>/request.json`` (dates, codes and user ids
only). The answer is due one month after receipt; it may be extended once by two further
months, with a reason, where the request is complex or there are many (AVG art. 12 lid 3);
the subject must then be told within the first month. A request that was released,
rejected for good or refused is kept under ``inzage/<case>/history/`` when a new one comes.

States: ``requested`` → ``prepared`` (a package waits for a privacy officer) →
``released`` (in the subject's outbox) or back to ``requested`` after a rejection;
``refused`` while an enforcement investigation runs.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, replace

from zeef.domain.deadlines import add_months
from zeef.domain.errors import InvalidInput
from zeef.storage import ObjectNotFound, Store

ANSWER_WITHIN_MONTHS = 1
EXTENSION_MONTHS = 2
# Why the answer may take longer (AVG art. 12 lid 3): the request's complexity, or the
# number of requests.
EXTENSION_REASONS = ("complex", "many_requests")
STATES = ("requested", "prepared", "released", "refused")
OPEN_STATES = ("requested", "prepared")


class RequestError(InvalidInput):
    """A request step that cannot be taken now (none open, one open already, ...)."""


def request_key(case_id: str) -> str:
    return f"inzage/{case_id}/request.json"


@dataclass(frozen=True)
class InzageRequest:
    received: str  # YYYY-MM-DD
    deadline: str  # received + one month, or the extended deadline
    state: str = "requested"
    extended: bool = False
    extension_reason: str | None = None
    prepared_by: str | None = None
    prepared_at: str | None = None
    decided_by: str | None = None
    decided_at: str | None = None
    decision: str | None = None  # released, rejected

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> InzageRequest:
        return cls(**{k: data.get(k) for k in cls.__dataclass_fields__ if k in data})

    def status(self, today: dt.date) -> dict:
        done = self.state in ("released", "refused")
        return {
            **self.to_json(),
            "days_left": (dt.date.fromisoformat(self.deadline) - today).days,
            "overdue": not done and today.isoformat() > self.deadline,
        }


def load(store: Store, case_id: str) -> InzageRequest | None:
    try:
        return InzageRequest.from_json(json.loads(store.get(request_key(case_id))))
    except ObjectNotFound:
        return None


def save(store: Store, case_id: str, request: InzageRequest) -> None:
    store.put(request_key(case_id), json.dumps(request.to_json()).encode(), {"kind": "inzage"})


def register(store: Store, case_id: str, received: dt.date) -> InzageRequest:
    """A new request, received on `received`; RequestError while one is still open."""
    old = load(store, case_id)
    if old is not None and old.state in OPEN_STATES:
        raise RequestError(f"case {case_id} has an open inspection request already")
    if old is not None:
        history = f"inzage/{case_id}/history/{old.received}.json"
        store.put(history, json.dumps(old.to_json()).encode())
    deadline = add_months(received, ANSWER_WITHIN_MONTHS).isoformat()
    new = InzageRequest(received=received.isoformat(), deadline=deadline)
    save(store, case_id, new)
    return new


def extend(store: Store, case_id: str, reason: str) -> InzageRequest:
    """The open request's deadline moved two months on, once, for `reason`."""
    if reason not in EXTENSION_REASONS:
        raise RequestError(f"extension reason: must be one of {', '.join(EXTENSION_REASONS)}")
    old = load(store, case_id)
    if old is None or old.state not in OPEN_STATES:
        raise RequestError(f"case {case_id} has no open inspection request")
    if old.extended:
        raise RequestError("the deadline was extended once already (AVG art. 12 lid 3)")
    deadline = add_months(dt.date.fromisoformat(old.deadline), EXTENSION_MONTHS).isoformat()
    new = replace(old, deadline=deadline, extended=True, extension_reason=reason)
    save(store, case_id, new)
    return new


def update(store: Store, case_id: str, **changes) -> InzageRequest | None:
    """The open request with `changes` (a step of `flow`); None when there is none."""
    old = load(store, case_id)
    if old is None:
        return None
    new = replace(old, **changes)
    save(store, case_id, new)
    return new
