"""The steps of an inspection request, as the CLI and the `zeef_inzage` DAG take them.

- `prepare`: the package built (`package.build`) and kept in the store under
  ``inzage/<case>/prepared/`` with a manifest (who prepared it, each file's sha256), for a
  privacy officer to approve; or, while an enforcement investigation runs, the refusal
  letter under ``inzage/<case>/refusals/`` (state ``refused``);
- `release`: by a privacy officer who is not the preparer: the prepared files checked
  against the manifest and copied to ``outbox/subject/<case>/``, then removed from
  ``prepared/``;
- `reject`: the prepared package removed, the reason kept in
  ``inzage/<case>/rejections/`` (not in the audit trail, which gets the code
  ``rejected``); the request is open again;
- `status`: the request, its deadline and the investigation, for `zeef inzage status`.
Every step writes an audit event naming the actor (a user id), under the case lock.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace

from zeef.domain.errors import InvalidInput, ZeefError
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.inzage import consent, investigation, request
from zeef.pipeline.inzage.package import InzageRefused, Package, build, refusal_letter, refusal_name
from zeef.pipeline.registry import load_registered
from zeef.storage import Store, sha256_hex
from zeef.storage.lock import case_lock

_ACTOR = re.compile(r"[a-z0-9_.:-]{1,64}")
OUTBOX = "outbox/subject/{case}/"
PREPARED = "inzage/{case}/prepared/"
MANIFEST = "inzage/{case}/prepared.json"


class ApprovalError(InvalidInput):
    """A release or rejection that may not be made (the preparer approving their own
    package, nothing prepared)."""


def actor_id(name: str | None) -> str:
    """A user id as the audit trail records it; InvalidInput for anything else."""
    actor = (name or "").strip().lower()
    if not _ACTOR.fullmatch(actor):
        raise InvalidInput("user: must be a user id (letters, digits, . _ : -)")
    return actor


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def _manifest(store: Store, case_id: str) -> dict | None:
    try:
        return json.loads(store.get(MANIFEST.format(case=case_id)))
    except Exception:  # ObjectNotFound, or a damaged manifest: nothing to release
        return None


def build_package(store: Store, case_id: str, *, actor: str, on: dt.date | None = None):
    """The package of a registered case (refused: the letter's bytes in InzageRefused's
    `letter`), with the audit event; shared by `prepare` and `zeef inzage --out`."""
    actor = actor_id(actor)
    on = on or _today()
    case = load_registered(store, case_id)
    with case_lock(store, case_id):
        trail = AuditTrail(store, case_id)
        trail.check()
        open_request = request.load(store, case_id)
        received = deadline = None
        if open_request is not None and open_request.state in request.OPEN_STATES:
            received = dt.date.fromisoformat(open_request.received)
            deadline = dt.date.fromisoformat(open_request.deadline)
        try:
            package = build(store, case, on=on, received=received, deadline=deadline)
        except InzageRefused as exc:
            exc.letter = refusal_letter(case, on)
            trail.append(event="inzage_refused", reason="enforcement_investigation", actor=actor)
            if open_request is not None and open_request.state in request.OPEN_STATES:
                request.update(store, case_id, state="refused")
            raise
        trail.append(event="inzage_prepared", reason=f"documents_{package.included}", actor=actor)
    return package


def prepare(store: Store, case_id: str, *, actor: str) -> dict:
    """Build the package into the store for approval (see the module doc)."""
    actor = actor_id(actor)
    try:
        package: Package = build_package(store, case_id, actor=actor)
    except InzageRefused as exc:
        key = f"inzage/{case_id}/refusals/{_today().isoformat()}-{refusal_name(case_id)}"
        store.put(key, exc.letter, {"kind": "inzage_refusal"})
        return {"case_id": case_id, "state": "refused", "letter": key}
    prefix = PREPARED.format(case=case_id)
    for old in store.list(prefix):
        store.delete(old)
    for path, data in package.files.items():
        store.put(prefix + path, data, {"kind": "inzage"})
    manifest = {
        "prepared_by": actor,
        "prepared_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "files": {path: sha256_hex(data) for path, data in package.files.items()},
    }
    store.put(MANIFEST.format(case=case_id), json.dumps(manifest).encode())
    request.update(store, case_id, state="prepared", prepared_by=actor,
                   prepared_at=manifest["prepared_at"])  # fmt: skip
    summary = package.summary()
    return {"case_id": case_id, "state": "prepared", "files": len(package.files),
            "documents": summary["documents"], "included": summary["included"]}  # fmt: skip


def _decide(store: Store, case_id: str, approver: str) -> tuple[str, dict]:
    approver = actor_id(approver)
    manifest = _manifest(store, case_id)
    if manifest is None:
        raise ApprovalError(f"case {case_id}: no inspection package waits for approval")
    if manifest.get("prepared_by") == approver:
        raise ApprovalError("the approver must not be the one who prepared the package")
    return approver, manifest


def release(store: Store, case_id: str, *, approver: str) -> dict:
    """The prepared package into the subject's outbox (see the module doc)."""
    approver, manifest = _decide(store, case_id, approver)
    prefix, outbox = PREPARED.format(case=case_id), OUTBOX.format(case=case_id)
    with case_lock(store, case_id):
        trail = AuditTrail(store, case_id)
        trail.check()
        files = {}
        for path, sha in manifest["files"].items():
            data = store.get(prefix + path)
            if sha256_hex(data) != sha:
                raise ZeefError(f"case {case_id}: a prepared file changed after preparation")
            files[path] = data
        for path, data in files.items():
            store.put(outbox + path, data, {"kind": "inzage"})
        trail.append(event="inzage_released", reason=f"files_{len(files)}", actor=approver)
        for path in files:
            store.delete(prefix + path)
        store.delete(MANIFEST.format(case=case_id))
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        request.update(store, case_id, state="released", decided_by=approver, decided_at=now,
                       decision="released")  # fmt: skip
    return {"case_id": case_id, "state": "released", "files": len(files)}


def reject(store: Store, case_id: str, *, approver: str, reason: str) -> dict:
    """The prepared package removed; the reason kept apart from the audit trail."""
    approver, manifest = _decide(store, case_id, approver)
    if not reason.strip():
        raise InvalidInput("a rejection needs a reason")
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with case_lock(store, case_id):
        trail = AuditTrail(store, case_id)
        trail.check()
        stamp = now.replace(":", "").replace("+", "Z")
        key = f"inzage/{case_id}/rejections/{stamp}.json"
        note = {"by": approver, "at": now, "reason": reason.strip()}
        store.put(key, json.dumps(note, ensure_ascii=False).encode("utf-8"))
        trail.append(event="inzage_rejected", reason="rejected", actor=approver)
        prefix = PREPARED.format(case=case_id)
        for path in manifest["files"]:
            store.delete(prefix + path)
        store.delete(MANIFEST.format(case=case_id))
        request.update(store, case_id, state="requested", decided_by=approver, decided_at=now,
                       decision="rejected")  # fmt: skip
    return {"case_id": case_id, "state": "rejected"}


def record_consent(store: Store, case_id: str, person: str, decision: str, *, by: str,
                   on: dt.date, outweighed: bool = False, weighing: str = "") -> dict:  # fmt: skip
    """A third party's answer in the consent register, with the audit event (its code and
    the officer's id; never the person)."""
    by = actor_id(by)
    with case_lock(store, case_id):
        trail = AuditTrail(store, case_id)
        trail.check()
        entry = consent.record(store, case_id, person, decision, by=by, on=on,
                               outweighed=outweighed, weighing=weighing)  # fmt: skip
        trail.append(event="third_party_decision", reason=entry.code, actor=by)
    return {"case_id": case_id, "decision": entry.code}


def status(store: Store, case_id: str, today: dt.date | None = None) -> dict:
    """Where the case's inspection request is: ids, codes and dates only."""
    today = today or _today()
    case = load_registered(store, case_id)
    found = request.load(store, case_id)
    inv = investigation.load(store, case_id, case.enforcement_investigation)
    inv = replace(inv, running=case.enforcement_investigation)  # the case file decides
    out = {
        "case_id": case_id,
        "request": None if found is None else found.status(today),
        "investigation": inv.status(today),
        "prepared": _manifest(store, case_id) is not None,
        "released_files": len(store.list(OUTBOX.format(case=case_id))),
    }
    if case.enforcement_investigation:
        out["inspection"] = "refused_while_investigation_runs"
    return out
