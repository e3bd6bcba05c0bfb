"""Reading another case of the same subject for this one, where the law allows it
(`zeef dossier OTHER_CASE --for CASE_ID --purpose P [--reason R]`).

The same lines `zeef.pipeline.dossier` gives for the other case, after these checks, in
this order; the first that fails refuses the read:

1. the other case is one of the asking case's `related_cases` (`not_related`), and the
   two case files do not name different BSNs (`other_subject`);
2. the rule for the pair of laws (`zeef.domain.reuse`): `refused` is refused
   (`no_legal_basis`); `needs_consent` needs a consent of the asking case for the same
   purpose that holds on the day (`zeef.pipeline.consents`; `no_active_consent`);
   `needs_reason` needs a concrete reason in words (`no_reason`).

Every attempt is logged, allowed or refused, in both cases' audit trails, with the
same `run` (the read's id, ``reuse-<UTC time>-<hex>``) so the two events can be paired:

| trail | allowed | refused |
|---|---|---|
| the asking case (`for_case`) | `cross_case_read` | `cross_case_refused` |
| the case read (`other_case`) | `read_for_other_case` | `read_for_other_case_refused` |

`actor` is the user, `legal_reference` the rule's article, `reason` a code: `allowed`,
`consent` or `reason_recorded` for a read; the refusal's code for a refusal. The purpose,
the reason in the user's words, the consent relied on and the other case are in the read's
record, ``cases/<for_case>/reuse/<run>.json``, written for an allowed read only. A refused
read writes its two audit events and nothing else, and raises `ReuseRefused`.

Both cases' locks are held (taken in the order of their ids) and both trails checked
before anything is written: a damaged trail refuses with `AuditError`, writing nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from contextlib import ExitStack

from zeef.domain.errors import InvalidInput
from zeef.domain.reuse import Kind, Rule, rule_for
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.consents import USER, active, check_purpose
from zeef.pipeline.dossier import dossier_lines
from zeef.pipeline.registry import load_registered
from zeef.storage import Store, check_key
from zeef.storage.lock import case_lock

CROSS_CASE_READ = "cross_case_read"
CROSS_CASE_REFUSED = "cross_case_refused"
READ_FOR_OTHER_CASE = "read_for_other_case"
READ_FOR_OTHER_CASE_REFUSED = "read_for_other_case_refused"

# The reason codes of a read.
ALLOWED = "allowed"
WITH_CONSENT = "consent"
WITH_REASON = "reason_recorded"
_READ_CODE = {
    Kind.ALLOWED: ALLOWED,
    Kind.NEEDS_CONSENT: WITH_CONSENT,
    Kind.NEEDS_REASON: WITH_REASON,
}

# The refusals: code -> the fixed message (ids and articles only).
NOT_RELATED = "not_related"
OTHER_SUBJECT = "other_subject"
NO_LEGAL_BASIS = "no_legal_basis"
NO_ACTIVE_CONSENT = "no_active_consent"
NO_REASON = "no_reason"
REFUSALS: dict[str, str] = {
    NOT_RELATED: "the case read is not one of the related_cases of the case it is read for",
    OTHER_SUBJECT: "the two case files name different subjects (BSN)",
    NO_LEGAL_BASIS: "no rule of law allows data of the other case's law to be used under "
    "this case's law (FAQ Q21)",
    NO_ACTIVE_CONSENT: "the subject's consent for this purpose is needed "
    "(Wmo 2015 art. 5.1.1 lid 4) and none holds on the day of the read; record it with "
    "`zeef consent add`",
    NO_REASON: "a concrete reason is needed (Participatiewet art. 53a lid 6): give --reason",
}
MAX_REASON = 2000  # characters


class ReuseRefused(InvalidInput):
    """The read is refused (exit code 2); only its audit events were written. `code` is
    one of `REFUSALS`."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"reading the other case is refused: {REFUSALS[code]}")


def reuse_key(for_case: str, run: str) -> str:
    return check_key(f"cases/{for_case}/reuse/{run}.json")


def _new_run(now: dt.datetime) -> str:
    return f"reuse-{now.strftime('%Y%m%dT%H%M%S%fZ')}-{secrets.token_hex(4)}"


def read_other_dossier(
    store: Store,
    other_case: str,
    *,
    for_case: str,
    purpose: str,
    actor: str,
    reason: str | None = None,
    on: dt.date | None = None,
) -> list[dict]:
    """The dossier lines of `other_case` (as `dossier.dossier_lines`), read for
    `for_case` by `actor` for `purpose` (a code, as a consent's), with `reason` (the
    concrete reason in words, where the rule asks for one) on `on` (default: today, UTC:
    the day a consent must hold). ReuseRefused when the law does not allow it (its audit
    events written); InvalidInput or UnknownCase for bad arguments (nothing written)."""
    if not isinstance(actor, str) or not USER.fullmatch(actor):
        raise InvalidInput("--actor: a user id of [a-z0-9_.:-], at most 64 characters")
    check_purpose(purpose)
    if reason is not None and not isinstance(reason, str):
        raise InvalidInput("--reason: must be text")
    words = " ".join((reason or "").split())
    if len(words) > MAX_REASON:
        raise InvalidInput(f"--reason: at most {MAX_REASON} characters")
    asking = load_registered(store, for_case)
    read = load_registered(store, other_case)
    if asking.case_id == read.case_id:
        raise InvalidInput("--for: the case itself; use `zeef dossier CASE_ID`")
    rule = rule_for(asking.law, read.law)
    now = dt.datetime.now(dt.UTC)
    day = on or now.date()
    run = _new_run(now)

    with ExitStack() as locks:
        for case_id in sorted((asking.case_id, read.case_id)):
            locks.enter_context(case_lock(store, case_id))
        asking_trail = AuditTrail(store, asking.case_id)
        read_trail = AuditTrail(store, read.case_id)
        asking_trail.check()
        read_trail.check()

        refusal, consent_id = _check(store, asking, read, rule, purpose, words, day)
        if refusal is not None:
            _log(asking_trail, read_trail, rule, actor, run, refusal, refused=True)
            raise ReuseRefused(refusal)
        record = {
            "run": run,
            "time": now.isoformat(timespec="microseconds").replace("+00:00", "Z"),
            "on": day.isoformat(),
            "for_case": asking.case_id,
            "other_case": read.case_id,
            "laws": [asking.law, read.law],
            "rule": rule.kind.value,
            "legal_reference": rule.legal_reference,
            "purpose": purpose,
            "actor": actor,
            "consent_id": consent_id,
            "reason": words or None,
        }
        data = json.dumps(record, ensure_ascii=False, sort_keys=True).encode()
        store.put(reuse_key(asking.case_id, run), data, {"kind": "reuse"})
        _log(asking_trail, read_trail, rule, actor, run, _READ_CODE[rule.kind], refused=False)
        return list(dossier_lines(store, read.case_id))


def _check(store, asking, read, rule: Rule, purpose: str, words: str, day: dt.date):
    """(the refusal's code or None, the id of the consent relied on or None)."""
    if read.case_id not in asking.related_cases:
        return NOT_RELATED, None
    bsns = (asking.subject.bsn, read.subject.bsn)
    if None not in bsns and bsns[0] != bsns[1]:
        return OTHER_SUBJECT, None
    if rule.kind is Kind.REFUSED:
        return NO_LEGAL_BASIS, None
    if rule.kind is Kind.NEEDS_CONSENT:
        held = active(store, asking.case_id, purpose, day)
        if not held:
            return NO_ACTIVE_CONSENT, None
        return None, held[-1].consent_id
    if rule.kind is Kind.NEEDS_REASON and not words:
        return NO_REASON, None
    return None, None


def _log(asking_trail, read_trail, rule: Rule, actor: str, run: str, code: str, *, refused):
    common = {"actor": actor, "reason": code, "legal_reference": rule.legal_reference, "run": run}
    asking_trail.append(event=CROSS_CASE_REFUSED if refused else CROSS_CASE_READ, **common)
    read_trail.append(
        event=READ_FOR_OTHER_CASE_REFUSED if refused else READ_FOR_OTHER_CASE, **common
    )
