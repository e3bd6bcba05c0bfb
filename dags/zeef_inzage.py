"""zeef_inzage: a subject's inspection request (inzage, AVG art. 15), approved by a
privacy officer before anything leaves the municipality.

A thin DAG over `zeef.pipeline.inzage.flow` (docs/airflow.md), triggered by hand with
the conf `{"case_id": "..."}`; no schedule:

    prepare ─▶ needs_approval ─▶ approval (ApprovalOperator) ─▶ release ─▶ reject
                (short-circuit)   (a privacy officer)            (Approve)   (Reject)

- `prepare` builds the package into the store (`inzage/<case>/prepared/`), prepared by
  the user who triggered the run ("pipeline" when unknown); while the case's enforcement
  investigation runs it writes the refusal letter instead (state `refused`), and
  `needs_approval` skips everything after it: no approval waits.
- `approval` waits (task state `awaiting_input`, no triggerer needed) for a privacy
  officer's Approve or Reject in the UI's Required Actions or the HITL REST API, or in
  zeef's web app (its privacy page answers through the REST API as its own Airflow
  account, `ZEEF_WEB_AIRFLOW_USER`).
- `release` (on Approve): the package into `outbox/subject/<case>/`, audit event
  `inzage_released` naming the approver. The approver must not be the preparer.
  The approver is the user who answered; only when that is the web app's account
  (`ZEEF_WEB_AIRFLOW_USER`, unset: nobody) is it the officer the answer names in the
  extra field `approver` (a user id), i.e. whoever was signed in to the web app. Anyone
  else's `approver` is ignored: an Airflow user cannot answer in someone else's name.
- `reject` (on Reject, which skips `release`): audit event `inzage_rejected`, the
  prepared package removed, the officer's reason kept in the store. It comes after
  `release` with the trigger rule none_failed: after an Approve it skips itself, and a
  failed `release` (the preparer approving their own package) fails the run.

Parsing this file reads no Variable, Connection, database or network; the store is read
inside the tasks. XCom and the approval request carry the case id, states, counts and
object keys only, never a name or other personal data of the subject.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime, timedelta

from airflow.providers.standard.operators.hitl import ApprovalOperator
from airflow.sdk import Param, TriggerRule, dag, get_current_context, task

from zeef.airflow_settings import store as _store

log = logging.getLogger(__name__)

DAG_ID = "zeef_inzage"
UNKNOWN_PREPARER = "pipeline"

# Parse-time settings come from the environment only (no database at import time).
RETRIES = int(os.environ.get("ZEEF_RETRIES", "3"))
RETRY_DELAY = timedelta(seconds=float(os.environ.get("ZEEF_RETRY_DELAY_SECONDS", "60")))
MAX_RETRY_DELAY = timedelta(minutes=float(os.environ.get("ZEEF_MAX_RETRY_DELAY_MINUTES", "30")))
STEP_TIMEOUT = timedelta(minutes=float(os.environ.get("ZEEF_STEP_TIMEOUT_MINUTES", "10")))
# Building a package redacts (and may OCR) every document of the dossier.
PREPARE_TIMEOUT = timedelta(
    minutes=float(os.environ.get("ZEEF_INZAGE_PREPARE_TIMEOUT_MINUTES", "60"))
)
# How long one approval request waits for an answer. Unanswered, the approval task fails
# and its retries ask again: with 3 retries at most 4 × 7 = 28 days, inside the month
# AVG art. 12 lid 3 gives for the answer.
APPROVAL_TIMEOUT = timedelta(days=float(os.environ.get("ZEEF_INZAGE_APPROVAL_DAYS", "7")))
# Optional: the Airflow user ids of the privacy officers, comma separated. When set, only
# they can answer the approval (the API answers anyone else 403).
OFFICERS = [u.strip() for u in os.environ.get("ZEEF_PRIVACY_OFFICERS", "").split(",") if u.strip()]
# Optional: the Airflow user name of zeef's web app (docs/airflow.md, "Approving from the
# web app"). Its answers name the officer signed in to the web app in the field
# `approver`, who is then the approver; unset, nobody's `approver` is taken. With
# ZEEF_PRIVACY_OFFICERS set, the web app's account is one of the assigned users too.
WEB_USER = os.environ.get("ZEEF_WEB_AIRFLOW_USER", "").strip() or None
APPROVER_FIELD = "approver"
if WEB_USER and OFFICERS and WEB_USER not in OFFICERS:
    OFFICERS.append(WEB_USER)
# One run per request; runs wait days for an officer, so more than one may be active.
MAX_ACTIVE_RUNS = int(os.environ.get("ZEEF_INZAGE_MAX_ACTIVE_RUNS", "16"))

DEFAULT_ARGS = {
    "owner": "zeef",
    "retries": RETRIES,
    "retry_delay": RETRY_DELAY,
    "retry_exponential_backoff": 2.0,  # a multiplier since Airflow 3.2 (see zeef_intake)
    "max_retry_delay": MAX_RETRY_DELAY,
    "execution_timeout": STEP_TIMEOUT,
}

# What prepare's result may carry into XCom (flow.prepare's keys, projected).
RESULT_INTS = ("files", "documents", "included")

BODY = """\
{%- set p = ti.xcom_pull(task_ids='prepare') -%}
The inspection package of case **{{ p.case_id }}** is prepared: {{ p.documents }}
documents, {{ p.included }} of them included, in {{ p.files }} files, in the store under
`inzage/{{ p.case_id }}/prepared/`.

Check it, then:
- **Approve**: the package goes to `outbox/subject/{{ p.case_id }}/` for the subject.
  You may not approve a package you prepared yourself.
- **Reject**: give a reason below; the prepared package is removed and the request is
  open again. The reason is kept: write no names or other personal data in it.
"""


class StepFailed(Exception):
    """A step failed in a way a retry may mend (the store, the case lock, a bug). The
    message is a zeef error's (safe to log by zeef's rule) or only an exception's type."""


class OfficerApproval(ApprovalOperator):
    """Airflow's ApprovalOperator, whose answer reaches `reject` too. On Reject the
    operator skips its downstream task by raising DownstreamTasksSkipped, which ends the
    task before Airflow pushes its return value (Airflow 3.3.2, providers-standard
    1.21.0): the same answer is pushed as the return value first, so that `reject` can
    read who rejected and why."""

    def validate_params_input(self, params_input):
        """Airflow's check (exactly the declared fields), with one more field allowed:
        `approver`, the web app's officer (a user id, or null). It is no declared Param,
        so that the UI's form does not offer it: `_decision` reads it from the web app's
        answers only."""
        fields = dict(params_input or {})
        approver = fields.pop(APPROVER_FIELD, None)
        if approver is not None and not (isinstance(approver, str) and len(approver) <= 64):
            raise ValueError("params_input: approver must be a user id or null")
        super().validate_params_input(fields)

    def execute_complete(self, context, event):
        from airflow.sdk.exceptions import DownstreamTasksSkipped

        try:
            return super().execute_complete(context, event)
        except DownstreamTasksSkipped:  # Reject, checked by the operator
            answer = {
                "chosen_options": list(event["chosen_options"]),
                "params_input": dict(event.get("params_input") or {}),
                "responded_at": event["responded_at"],
                "responded_by_user": event["responded_by_user"],
            }
            context["ti"].xcom_push(key="return_value", value=answer)
            raise


# -- settings, read at run time inside the tasks ------------------------------------------


# The store and the settings: `zeef.airflow_settings` (imported above; Airflow's
# Variables are read only inside the tasks).


def _case_id(context) -> str:
    from airflow.sdk.exceptions import AirflowFailException

    from zeef.domain.case import CASE_ID

    case_id = context["params"].get("case_id")
    if not isinstance(case_id, str) or not CASE_ID.fullmatch(case_id):
        raise AirflowFailException("the conf needs a case_id (letters, digits, . _ -)")
    return case_id


def _preparer(context) -> str:
    """The user who triggered the run (as the audit trail records users), or "pipeline"
    when the run was not triggered by a user."""
    from airflow.sdk.exceptions import AirflowFailException

    from zeef.domain.errors import InvalidInput
    from zeef.pipeline.inzage.flow import actor_id

    name = context["dag_run"].triggering_user_name
    if not name:
        return UNKNOWN_PREPARER
    try:
        return actor_id(name)
    except InvalidInput:
        raise AirflowFailException("the triggering user's name is not a user id") from None


def _call(step, *args, **kwargs) -> dict:
    """A flow step; its failure as an Airflow failure that shows no personal data. Bad
    input, a refused approval, an unsafe redaction, a damaged audit trail: no retry. The
    store, the case lock, anything else: retried."""
    from airflow.sdk.exceptions import AirflowFailException

    from zeef.domain.errors import AuditError, InvalidInput, RedactError, ZeefError

    try:
        return step(*args, **kwargs)
    except (InvalidInput, RedactError, AuditError) as exc:
        raise AirflowFailException(f"{type(exc).__name__}: {exc}") from None
    except ZeefError as exc:
        raise StepFailed(f"{type(exc).__name__}: {exc}") from None
    except Exception as exc:
        raise StepFailed(type(exc).__name__) from None


def _decision(context) -> tuple[str, str, str | None]:
    """(the option chosen, the approver's user id, the reason) from the approval's
    response; fails when the approver is the preparer. The approver is the responding
    user, or, when that is the web app's account (WEB_USER), the officer its answer
    names in `approver`."""
    from airflow.sdk.exceptions import AirflowFailException

    from zeef.domain.errors import InvalidInput
    from zeef.pipeline.inzage.flow import actor_id

    response = context["ti"].xcom_pull(task_ids="approval") or {}
    chosen = (response.get("chosen_options") or [None])[0]
    user = response.get("responded_by_user") or {}
    fields = response.get("params_input") or {}
    via_web = WEB_USER is not None and user.get("name") == WEB_USER
    named = fields.get(APPROVER_FIELD)
    name = (named if isinstance(named, str) else None) if via_web else user.get("name")
    try:
        approver = actor_id(name)
        if via_web and approver == WEB_USER.lower():
            raise InvalidInput("the web app's own account approves nothing")
    except InvalidInput:
        raise AirflowFailException(
            "the web app's answer names no approver with a user id"
            if via_web
            else "the approval has no responding user with a user id"
        ) from None
    if not via_web and named is not None:
        log.warning("the approver field is ignored: the answer is not the web app's")
    if approver == _preparer(context):
        raise AirflowFailException("the approver must not be the one who prepared the package")
    reason = (response.get("params_input") or {}).get("reason")
    return chosen, approver, reason


# -- the DAG ------------------------------------------------------------------------------


@dag(
    dag_id=DAG_ID,
    schedule=None,
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=MAX_ACTIVE_RUNS,
    dagrun_timeout=(RETRIES + 1) * APPROVAL_TIMEOUT + timedelta(days=1),
    default_args=DEFAULT_ARGS,
    params={
        "case_id": Param(
            type="string",
            pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
            title="Case id",
            description="The registered case whose subject asked for inspection.",
        )
    },
    tags=["zeef", "inzage"],
    doc_md=__doc__,
)
def zeef_inzage():
    @task(execution_timeout=PREPARE_TIMEOUT)
    def prepare() -> dict:
        """The package for approval, or the refusal letter while an enforcement
        investigation runs: case id, state, counts, the letter's key."""
        from zeef.pipeline.inzage import flow

        context = get_current_context()
        case_id = _case_id(context)
        result = _call(flow.prepare, _store(), case_id, actor=_preparer(context))
        out = {"case_id": case_id, "state": str(result["state"])}
        if out["state"] == "prepared":
            out.update({k: int(result[k]) for k in RESULT_INTS if k in result})
        elif out["state"] == "refused":
            letter = str(result["letter"])
            if not letter.startswith(f"inzage/{case_id}/"):
                raise ValueError("the refusal letter's key is not under the case's inzage/")
            out["letter"] = letter
        log.info("case %s: %s", case_id, out["state"])
        return out

    @task.short_circuit
    def needs_approval(prepared: dict) -> bool:
        """False for a refused case: everything after it is skipped, no approval waits."""
        if prepared["state"] not in ("prepared", "refused"):
            raise ValueError("prepare returned an unknown state")
        return prepared["state"] == "prepared"

    approval = OfficerApproval(
        task_id="approval",
        subject="Inzage {{ ti.xcom_pull(task_ids='prepare')['case_id'] }}: "
        "release the inspection package to the subject?",
        body=BODY,
        params={
            "reason": Param(
                None,
                type=["null", "string"],
                maxLength=500,
                title="Reason (when rejecting)",
                description="Why the package may not go out. No names or other personal data.",
            )
        },
        response_timeout=APPROVAL_TIMEOUT,
        assigned_users=[{"id": u, "name": u} for u in OFFICERS] or None,
    )

    @task
    def release() -> dict:
        """Approved: the package into the subject's outbox (audit `inzage_released`)."""
        from airflow.sdk.exceptions import AirflowFailException

        from zeef.pipeline.inzage import flow

        context = get_current_context()
        chosen, approver, _ = _decision(context)
        if chosen != ApprovalOperator.APPROVE:
            raise AirflowFailException("release runs only after Approve")
        case_id = _case_id(context)
        result = _call(flow.release, _store(), case_id, approver=approver)
        log.info("case %s: released, %d files", case_id, int(result["files"]))
        return {"case_id": case_id, "state": "released", "files": int(result["files"])}

    @task(trigger_rule=TriggerRule.NONE_FAILED)
    def reject() -> dict:
        """Rejected (the approval skipped `release`): the prepared package removed, the
        reason kept (audit `inzage_rejected`). After an Approve: skipped."""
        from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

        from zeef.pipeline.inzage import flow

        context = get_current_context()
        response = context["ti"].xcom_pull(task_ids="approval") or {}
        if (response.get("chosen_options") or [None])[0] != ApprovalOperator.REJECT:
            raise AirflowSkipException("not rejected")
        _, approver, reason = _decision(context)
        if not (reason or "").strip():
            raise AirflowFailException(
                "a rejection needs a reason: clear the approval task to answer again"
            )
        case_id = _case_id(context)
        _call(flow.reject, _store(), case_id, approver=approver, reason=reason)
        log.info("case %s: rejected", case_id)
        return {"case_id": case_id, "state": "rejected"}

    prepared = prepare()
    needs_approval(prepared) >> approval >> release() >> reject()


inzage_dag = zeef_inzage()
