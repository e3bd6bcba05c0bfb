"""zeef_intake: the inbox and the mailbox, every document through zeef, letters per case.

A thin DAG over `zeef.pipeline.intake` and `zeef.pipeline.mailbox` (docs/airflow.md):

    collect ─▶ process (one mapped task per staged document, pool zeef_ocr, retries)
            ─▶ park (all_done: what failed every try goes to review via park_failed)
            ─▶ cases ─▶ letter (one mapped task per case)  ─┐
            ─▶ acknowledge (the mailbox's handled messages)  ─┴▶ summary

Every 15 minutes, and whenever the S3 inbox's Asset gets an event. Parsing this file
reads no Variable, no Connection, no database and no network: the settings are read
inside the tasks, at run time. XCom carries object keys (`incoming/<sha256>`), case ids
and counts only, never names, text or file names.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from datetime import UTC, datetime, timedelta

from airflow.sdk import (
    Asset,
    AssetOrTimeSchedule,
    CronTriggerTimetable,
    TriggerRule,
    dag,
    get_current_context,
    task,
)

from zeef.airflow_settings import setting as _setting
from zeef.airflow_settings import store as _store

log = logging.getLogger(__name__)

DAG_ID = "zeef_intake"
POOL = "zeef_ocr"
IMAP_CONNECTION = "zeef_imap"

# Parse-time settings come from the environment only (no database at import time).
# The S3 inbox's Asset: an event on it (REST API, or another DAG's outlet) starts a run.
INBOX_ASSET = Asset(name="zeef_inbox", uri=os.environ.get("ZEEF_INBOX_ASSET", "s3://zeef/inbox"))
SCHEDULE = os.environ.get("ZEEF_INTAKE_CRON", "*/15 * * * *")
RETRIES = int(os.environ.get("ZEEF_RETRIES", "3"))
RETRY_DELAY = timedelta(seconds=float(os.environ.get("ZEEF_RETRY_DELAY_SECONDS", "60")))
MAX_RETRY_DELAY = timedelta(minutes=float(os.environ.get("ZEEF_MAX_RETRY_DELAY_MINUTES", "30")))
# One document: reading, OCR (bounded per page by zeef's own limits), classifying, storing.
PROCESS_TIMEOUT = timedelta(minutes=float(os.environ.get("ZEEF_PROCESS_TIMEOUT_MINUTES", "20")))
STEP_TIMEOUT = timedelta(minutes=float(os.environ.get("ZEEF_STEP_TIMEOUT_MINUTES", "10")))

DEFAULT_ARGS = {
    "owner": "zeef",
    "retries": RETRIES,
    "retry_delay": RETRY_DELAY,
    # A multiplier since Airflow 3.2: 2.0 doubles the delay per try (True would be 1.0,
    # a constant delay, on a plain operator).
    "retry_exponential_backoff": 2.0,
    "max_retry_delay": MAX_RETRY_DELAY,
    "execution_timeout": STEP_TIMEOUT,
}

ITEM_KEYS = ("case_id", "staged")
COUNT_KEYS = ("records", "review", "failed")


class ItemFailed(Exception):
    """One staged document failed: its message is the original exception's type name
    only (an exception's text or traceback could hold personal data)."""


# -- settings, read at run time inside the tasks ------------------------------------------


# The store and the settings: `zeef.airflow_settings` (imported above; Airflow's
# Variables are read only inside the tasks).


def _mailbox():
    """The mailbox of the connection `zeef_imap`, or None when there is no such
    connection (then the DAG reads the inbox only)."""
    from airflow.sdk import Connection
    from airflow.sdk.exceptions import AirflowNotFoundException

    try:
        conn = Connection.get(IMAP_CONNECTION)
    except AirflowNotFoundException:
        return None
    if conn is None or not conn.host:
        log.info("the connection %s has no host: no mailbox", IMAP_CONNECTION)
        return None
    from zeef.pipeline.mailbox import MailboxSettings

    return MailboxSettings.from_connection(conn)


def _run_id(context) -> str:
    """zeef's run id for this DAG run: the same in every task, key-safe (letters are
    `letters/<case>/<run>.pdf`), in `new_run_id`'s shape: UTC time, then 6 hex."""
    dag_run = context["dag_run"]
    when = dag_run.run_after or dag_run.logical_date  # run_after: always set in Airflow 3
    digest = hashlib.sha256(f"{DAG_ID}/{dag_run.run_id}".encode()).hexdigest()[:6]
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + digest


def _item(raw: dict) -> dict:
    """Only the keys travel: a case id and a staged object key."""
    item = {k: str(raw[k]) for k in ITEM_KEYS}
    if not item["staged"].startswith("incoming/"):
        raise ValueError("a staged item's key is not under incoming/")
    return item


def _counts(raw: dict) -> dict:
    """A result for XCom: the case id and the counts, nothing else."""
    out = {"case_id": str(raw["case_id"])}
    for key in COUNT_KEYS:
        if key in raw:
            out[key] = int(raw[key])
    return out


# -- the DAG ------------------------------------------------------------------------------


@dag(
    dag_id=DAG_ID,
    schedule=AssetOrTimeSchedule(
        timetable=CronTriggerTimetable(SCHEDULE, timezone="UTC"), assets=INBOX_ASSET
    ),
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=6),
    default_args=DEFAULT_ARGS,
    tags=["zeef", "intake"],
    doc_md=__doc__,
)
def zeef_intake():
    @task
    def collect() -> list[dict]:
        """The inbox (Variable zeef_inbox / ZEEF_INBOX) and the mailbox (connection
        zeef_imap), each document staged as `incoming/<sha256>`."""
        from zeef.pipeline import intake

        context = get_current_context()
        store, run_id = _store(), _run_id(context)
        items: list[dict] = []
        inbox = _setting("zeef_inbox", "ZEEF_INBOX")
        if inbox:
            items += intake.collect_inbox(store, inbox, run_id)
        mailbox = _mailbox()
        if mailbox is not None:
            from zeef.pipeline.mailbox import collect_mailbox

            items += collect_mailbox(store, mailbox, run_id)
        unique = list(dict.fromkeys(tuple(_item(i).items()) for i in items))
        log.info("collected %d staged documents (inbox: %s, mailbox: %s)",
                 len(unique), bool(inbox), mailbox is not None)  # fmt: skip
        return [dict(i) for i in unique]

    @task(
        pool=POOL,
        execution_timeout=PROCESS_TIMEOUT,
        map_index_template="{{ task.op_kwargs['item']['case_id'] }} "
        "{{ task.op_kwargs['item']['staged'][9:21] }}",
    )
    def process(item: dict) -> dict:
        """One staged document through zeef (exactly once). A failure is reported by
        the exception's type name only; the type is kept for `park` (XCom `error`)."""
        from airflow.sdk.exceptions import AirflowTaskTimeout

        from zeef.pipeline import intake

        context = get_current_context()
        try:
            result = intake.process_item(
                _store(), item["case_id"], item["staged"], _run_id(context)
            )
        except AirflowTaskTimeout:  # execution_timeout (a BaseException): Airflow's own
            context["ti"].xcom_push(key="error", value="AirflowTaskTimeout")
            raise
        except Exception as exc:
            error = type(exc).__name__
            context["ti"].xcom_push(key="error", value=error)
            raise ItemFailed(error) from None
        return _counts(result)

    @task(trigger_rule=TriggerRule.ALL_DONE)
    def park(items: list[dict]) -> list[dict]:
        """After every try of every document: each one without a result failed every
        try and goes to review (`park_failed`, with the error's type name)."""
        from airflow.sdk.exceptions import AirflowFailException

        from zeef.pipeline import intake

        context = get_current_context()
        if items is None:  # collect failed: nothing was handed out, nothing to park
            raise AirflowFailException("collect failed; nothing to park")
        if not items:
            return []
        ti, indexes = context["ti"], range(len(items))
        done = ti.xcom_pull(task_ids="process", map_indexes=indexes)
        errors = ti.xcom_pull(task_ids="process", key="error", map_indexes=indexes)
        store, run_id = _store(), _run_id(context)
        results = []
        for item, result, error in zip(items, done, errors, strict=True):
            if result is not None:
                results.append(result)
                continue
            parked = intake.park_failed(
                store, item["case_id"], item["staged"], run_id, str(error or "TaskLost")
            )
            results.append(_counts(parked))
        failed = sum(1 for r in done if r is None)
        log.info("%d documents processed, %d parked for review", len(done) - failed, failed)
        return results

    @task
    def cases(results: list[dict]) -> list[str]:
        """The cases this run touched, and those a reviewer's decision left news for."""
        from zeef.pipeline import pending_letters

        waiting = pending_letters.cases_waiting(_store())
        return sorted({r["case_id"] for r in results} | set(waiting))

    @task
    def letter(case_id: str) -> str | None:
        """The case's letter for this run (None: nothing to tell)."""
        from zeef.pipeline import intake

        return intake.case_letters(_store(), case_id, _run_id(get_current_context()))

    @task
    def acknowledge() -> int:
        """The mailbox's messages that were handled, moved to its processed folder."""
        mailbox = _mailbox()
        if mailbox is None:
            return 0
        from zeef.pipeline.mailbox import acknowledge_mailbox

        return int(acknowledge_mailbox(_store(), mailbox))

    @task(trigger_rule=TriggerRule.NONE_FAILED)
    def summary(results: list[dict], letters: list, acknowledged: int) -> dict:
        """Counts per case and overall (`intake.summarize`): documents, review, failed,
        unmatched, too large, letters; and the mailbox's acknowledged messages."""
        from zeef.pipeline import intake

        context = get_current_context()
        unmatched = intake.unmatched_in_run(_store(), _run_id(context))
        out = intake.summarize([results, list(letters or []), unmatched])
        out["acknowledged"] = int(acknowledged)
        log.info("summary %s", json.dumps(out["total"], sort_keys=True))
        return out

    items = collect()
    processed = process.expand(item=items)
    results = park(items)
    processed >> results
    letters = letter.expand(case_id=cases(results))
    acknowledged = acknowledge()
    results >> acknowledged
    summary(results, letters, acknowledged)


intake_dag = zeef_intake()
