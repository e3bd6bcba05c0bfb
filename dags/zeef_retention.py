"""zeef_retention: once a day, what the dossiers no longer need is destroyed.

A thin DAG over `zeef.pipeline.retention.run` (docs/case-life.md): one task, `run`, on the
store of the Variable zeef_store (else the environment's ZEEF_STORE), with the run's
date as `now`: the working dossier of every case whose objection period has passed
since its decision, and the archive whose retention period (settings `[retention]`) has
passed, destroyed with an audit event each; the citizen's letter for the first.

The task returns the counts only (`retention.counts`: now, dry_run, destroyed, kept,
overdue, failed), never case ids or documents' ids. When a case could not be done (its
lock held, a damaged trail), the counts are logged and the task fails, so that the
retries take it up again and a lasting fault is seen. The param `dry_run` (false)
reports without writing anything. Parsing this file reads no Variable, no Connection, no
database and no network.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime, timedelta

from airflow.sdk import CronTriggerTimetable, Param, dag, get_current_context, task

from zeef.airflow_settings import store as _store

log = logging.getLogger(__name__)

DAG_ID = "zeef_retention"
SCHEDULE = os.environ.get("ZEEF_RETENTION_CRON", "30 2 * * *")  # daily, 02:30 UTC
RETRIES = int(os.environ.get("ZEEF_RETRIES", "3"))
RETRY_DELAY = timedelta(seconds=float(os.environ.get("ZEEF_RETRY_DELAY_SECONDS", "60")))
RUN_TIMEOUT = timedelta(minutes=float(os.environ.get("ZEEF_RETENTION_TIMEOUT_MINUTES", "60")))

DEFAULT_ARGS = {
    "owner": "zeef",
    "retries": RETRIES,
    "retry_delay": RETRY_DELAY,
    "retry_exponential_backoff": 2.0,
    "max_retry_delay": timedelta(minutes=30),
    "execution_timeout": RUN_TIMEOUT,
}


# -- settings, read at run time inside the task -------------------------------------------


# The store and the settings: `zeef.airflow_settings` (imported above; Airflow's
# Variables are read only inside the tasks).


def _today(context):
    """The run's day (UTC): `run_after`, always set in Airflow 3; a rerun of the same
    run destroys by the same date."""
    dag_run = context["dag_run"]
    when = dag_run.run_after or dag_run.logical_date
    return when.astimezone(UTC).date()


class RetentionIncomplete(Exception):
    """Some case could not be done this try (its message: counts only)."""


@dag(
    dag_id=DAG_ID,
    schedule=CronTriggerTimetable(SCHEDULE, timezone="UTC"),
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=6),
    default_args=DEFAULT_ARGS,
    params={"dry_run": Param(False, type="boolean", description="report only; write nothing")},
    tags=["zeef", "retention"],
    doc_md=__doc__,
)
def zeef_retention():
    @task
    def run() -> dict:
        """`retention.run` over every registered case; the counts."""
        from zeef.pipeline import retention

        context = get_current_context()
        dry_run = bool(context["params"].get("dry_run", False))
        summary = retention.run(_store(), now=_today(context), dry_run=dry_run)
        counts = retention.counts(summary)
        log.info("retention %s", json.dumps(counts, sort_keys=True))
        if counts["failed"] and not dry_run:
            raise RetentionIncomplete(
                f"{counts['failed']} cases could not be done; {counts['overdue']} documents overdue"
            )
        return counts

    run()


retention_dag = zeef_retention()
