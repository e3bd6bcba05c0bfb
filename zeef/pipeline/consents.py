"""The subject's consents, recorded per case (`zeef consent add|withdraw|list`).

Handling a request under the social-domain laws needs no consent: it is the college's
statutory task (AVG art. 6 lid 1 sub e; FAQ Q19, Q32). Consent matters where a law asks
for it: the Wmo 2015 may use data obtained under the Jeugdwet, Participatiewet or Wgs
only with the citizen's consent (art. 5.1.1 lid 4, FAQ Q21; `zeef.pipeline.reuse` looks
for one here). A consent is concrete, specific and informed: for one purpose, for the
data and sources the officer writes down as its scope, until a date; given orally or in
writing, and worth recording either way (FAQ Q32). The subject may withdraw it at any
time (AVG art. 7 lid 3); what was read before stays lawfully read.

Not to be confused with `zeef.pipeline.inzage.consent`: third parties' consent to show
their statements in the subject's inspection copy (FAQ Q12).

One object per consent, ``cases/<case>/consents/<consent_id>.json``; a withdrawal
rewrites it with `withdrawn_on` and `withdrawn_by`. The scope is the officer's words and
stays in that object: the audit events (`consent_recorded`, reason the form, `oral` or
`written`; `consent_withdrawn`) hold the user id, the form, the article and the
consent's id (in `run`), never the scope. Written under the case's lock, after
`trail.check()`. Where a crash can leave the two apart, the consent errs towards not
active: `add` writes its event before the consent, `withdraw` the withdrawal before its
event (and a repeated `withdraw` writes an event a crash left out).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from dataclasses import asdict, dataclass, fields, replace

from zeef.domain.errors import InvalidInput
from zeef.domain.policy import CONSENT_RECORDED_BASIS, CONSENT_WITHDRAWN_BASIS
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.registry import load_registered
from zeef.storage import Store, check_key
from zeef.storage.lock import case_lock

CONSENT_RECORDED = "consent_recorded"
CONSENT_WITHDRAWN = "consent_withdrawn"
ORAL = "oral"
WRITTEN = "written"
FORMS = (ORAL, WRITTEN)
# A purpose is a code the municipality chooses (`wmo_assessment`): it is matched exactly
# when another case is read for this one, so it is a word, never a sentence.
PURPOSE = re.compile(r"[a-z][a-z0-9_]{0,39}")
# A user id as the audit trail records it (`actor`).
USER = re.compile(r"[a-z0-9_.:-]{1,64}")
CONSENT_ID = re.compile(r"[0-9a-f]{16}")
MAX_SCOPE = 2000  # characters


class ConsentError(InvalidInput):
    """A consent that cannot be recorded or withdrawn as asked (exit code 2)."""


@dataclass(frozen=True)
class Consent:
    consent_id: str  # 16 hex digits
    case_id: str
    purpose: str  # a code, see PURPOSE
    scope: str  # which data, from whom: the officer's words
    form: str  # oral | written
    given_on: str  # YYYY-MM-DD
    until: str  # YYYY-MM-DD, the last day it holds
    recorded_by: str  # user id
    recorded_at: str  # UTC, ISO 8601 with Z
    withdrawn_on: str | None = None  # YYYY-MM-DD: from this day on it no longer holds
    withdrawn_by: str | None = None

    def active_on(self, day: dt.date) -> bool:
        """Given on or before `day`, not past `until`, and not withdrawn by then."""
        iso = day.isoformat()
        withdrawn = self.withdrawn_on is not None and self.withdrawn_on <= iso
        return self.given_on <= iso <= self.until and not withdrawn

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> Consent:
        """ValueError (no content) for anything but a consent as `add` writes it."""
        names = {f.name for f in fields(cls)}
        if not isinstance(data, dict) or set(data) != names:
            raise ValueError("not a consent record")
        for name in names:
            value = data[name]
            optional = name in ("withdrawn_on", "withdrawn_by")
            if not (isinstance(value, str) or (optional and value is None)):
                raise ValueError("not a consent record")
        consent = cls(**data)
        for day in (consent.given_on, consent.until, consent.withdrawn_on):
            if day is not None:
                dt.date.fromisoformat(day)
        if consent.form not in FORMS or not CONSENT_ID.fullmatch(consent.consent_id):
            raise ValueError("not a consent record")
        return consent


def consent_key(case_id: str, consent_id: str) -> str:
    return check_key(f"cases/{case_id}/consents/{consent_id}.json")


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def _check_user(value: object, option: str) -> str:
    if not isinstance(value, str) or not USER.fullmatch(value):
        raise ConsentError(f"{option}: a user id of [a-z0-9_.:-], at most 64 characters")
    return value


def check_purpose(value: object, option: str = "--purpose") -> str:
    """`value` when it is a purpose code; ConsentError naming `option` otherwise."""
    if not isinstance(value, str) or not PURPOSE.fullmatch(value):
        raise ConsentError(
            f"{option}: a purpose code of a-z, 0-9 and _, at most 40 characters "
            "(e.g. wmo_assessment)"
        )
    return value


def _load(store: Store, case_id: str, key: str) -> Consent:
    try:
        return Consent.from_json(json.loads(store.get(key)))
    except ValueError:  # also JSON and UTF-8 errors
        raise ConsentError(f"case {case_id}: a consent record is damaged") from None


def list_consents(store: Store, case_id: str) -> list[Consent]:
    """Every consent of the case, withdrawn ones too, by date given, then id."""
    load_registered(store, case_id)
    found = [_load(store, case_id, key) for key in store.list(f"cases/{case_id}/consents/")]
    return sorted(found, key=lambda c: (c.given_on, c.consent_id))


def active(store: Store, case_id: str, purpose: str, on: dt.date | None = None) -> list[Consent]:
    """The consents for `purpose` that hold on `on` (default: today, UTC)."""
    day = on or _today()
    return [c for c in list_consents(store, case_id) if c.purpose == purpose and c.active_on(day)]


def add(
    store: Store,
    case_id: str,
    *,
    purpose: str,
    scope: str,
    until: dt.date,
    form: str,
    recorded_by: str,
    on: dt.date | None = None,
) -> Consent:
    """Record the subject's consent for `purpose`, given on `on` (default: today) and
    holding until `until` (inclusive). ConsentError for a bad argument; UnknownCase for
    a case that is not registered; AuditError for a damaged trail (nothing written)."""
    load_registered(store, case_id)
    check_purpose(purpose)
    scope = " ".join(scope.split()) if isinstance(scope, str) else ""
    if not scope:
        raise ConsentError("--scope: which data, from whom, is required (FAQ Q32)")
    if len(scope) > MAX_SCOPE:
        raise ConsentError(f"--scope: at most {MAX_SCOPE} characters")
    if form not in FORMS:
        raise ConsentError(f"--form: one of {', '.join(FORMS)}")
    _check_user(recorded_by, "--recorded-by")
    given = on or _today()
    if not isinstance(until, dt.date) or not isinstance(given, dt.date):
        raise ConsentError("--until: a date as YYYY-MM-DD")
    if until < given:
        raise ConsentError("--until: before the day the consent was given")
    with case_lock(store, case_id):
        trail = AuditTrail(store, case_id)
        trail.check()
        consent_id = secrets.token_hex(8)
        while store.exists(consent_key(case_id, consent_id)):
            consent_id = secrets.token_hex(8)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        consent = Consent(
            consent_id=consent_id,
            case_id=case_id,
            purpose=purpose,
            scope=scope,
            form=form,
            given_on=given.isoformat(),
            until=until.isoformat(),
            recorded_by=recorded_by,
            recorded_at=now,
        )
        # Event first: a crash before the consent is written leaves no consent to rely on.
        trail.append(
            event=CONSENT_RECORDED,
            actor=recorded_by,
            reason=form,
            legal_reference=CONSENT_RECORDED_BASIS,
            run=consent_id,
        )
        data = json.dumps(consent.to_json(), ensure_ascii=False, sort_keys=True).encode()
        if not store.put_new(consent_key(case_id, consent_id), data, {"kind": "consent"}):
            raise ConsentError("a consent with this id exists already; try again")
    return consent


def withdraw(
    store: Store, case_id: str, consent_id: str, *, by: str, on: dt.date | None = None
) -> Consent:
    """The subject withdrew consent `consent_id` on `on` (default: today): from that day
    on it no longer holds. ConsentError for an unknown or already withdrawn consent."""
    load_registered(store, case_id)
    _check_user(by, "--by")
    if not isinstance(consent_id, str) or not CONSENT_ID.fullmatch(consent_id):
        raise ConsentError("CONSENT_ID: 16 hex digits, as `zeef consent list` shows")
    day = on or _today()
    with case_lock(store, case_id):
        trail = AuditTrail(store, case_id)
        trail.check()
        key = consent_key(case_id, consent_id)
        if not store.exists(key):
            raise ConsentError(f"case {case_id} has no consent {consent_id}")
        old = _load(store, case_id, key)
        if old.withdrawn_on is not None:
            logged = any(
                e.event == CONSENT_WITHDRAWN and e.run == consent_id for e in trail.events()
            )
            if logged:
                raise ConsentError(f"consent {consent_id} was withdrawn already")
            new = old  # a crash came between the withdrawal and its event: write the event
        else:
            if day.isoformat() < old.given_on:
                raise ConsentError("--on: before the day the consent was given")
            new = replace(old, withdrawn_on=day.isoformat(), withdrawn_by=by)
            # The withdrawal first: a crash before its event leaves it withdrawn.
            data = json.dumps(new.to_json(), ensure_ascii=False, sort_keys=True).encode()
            store.put(key, data, {"kind": "consent"})
        trail.append(
            event=CONSENT_WITHDRAWN,
            actor=by,
            legal_reference=CONSENT_WITHDRAWN_BASIS,
            run=consent_id,
        )
    return new
