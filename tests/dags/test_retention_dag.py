"""The zeef_retention DAG: it parses (no import errors, daily, one run at a time, retries
and a timeout, a `dry_run` param that defaults to false, one task), and it runs for real:
`dag.test()` in a subprocess (as `airflow dags test` runs it) on a local store holding
the held-out case 2026-0412, ingested and decided with one supporting document, first as
a dry run (nothing changes), then two months after the decision (the rest of the working
dossier destroyed); XCom holds the counts only."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from makers import ingest_holdout

from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.case_decision import decide_case
from zeef.pipeline.retention import add_months
from zeef.pipeline.route import record_key
from zeef.storage import open_store

DAGS = Path(__file__).resolve().parents[2] / "dags"
DAG_FILE = DAGS / "zeef_retention.py"
DAG_ID = "zeef_retention"
HOLDOUT = Path(__file__).resolve().parents[1] / "holdout"
CASE_ID = "2026-0412"
COUNTS = {"now", "dry_run", "destroyed", "kept", "overdue", "failed"}

# `dag.test()` of dags/zeef_retention.py in a fresh process, run after the given day with
# the given conf; prints `ZEEF-RESULT {json}`.
DRIVER = r"""
import datetime as dt, importlib.util, json, sys
spec = importlib.util.spec_from_file_location("zeef_retention", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
when = dt.datetime.fromisoformat(sys.argv[2]).replace(tzinfo=dt.UTC)
run = module.retention_dag.test(run_after=when, run_conf=json.loads(sys.argv[3]))
states = {ti.task_id: [str(ti.state), ti.try_number] for ti in run.get_task_instances()}
print("ZEEF-RESULT " + json.dumps({"state": str(run.state), "run_id": run.run_id,
                                   "tasks": states}))
"""


@pytest.fixture(scope="module")
def dagbag(airflow_home):
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS))


def test_the_dag_parses_daily_with_one_task(dagbag):
    from airflow.sdk import CronTriggerTimetable
    from airflow.sdk.definitions.param import ParamsDict

    assert not {k: v for k, v in dagbag.import_errors.items() if k.endswith(DAG_FILE.name)}
    dag = dagbag.dags[DAG_ID]
    assert isinstance(dag.timetable, CronTriggerTimetable)
    assert dag.timetable.expression == "30 2 * * *"
    assert dag.catchup is False and dag.max_active_runs == 1
    assert dag.tags and dag.owner == "zeef"
    assert dag.task_ids == ["run"]
    task = dag.get_task("run")
    assert task.retries >= 2 and task.execution_timeout is not None
    params = dag.params if isinstance(dag.params, ParamsDict) else ParamsDict(dag.params)
    assert params.get_param("dry_run").value is False


def _run_dag(airflow_home, store_dir: Path, when: dt.date, conf: dict) -> dict:
    env = {**os.environ, **airflow_home.env, "ZEEF_STORE": str(store_dir)}
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER, str(DAG_FILE), when.isoformat(), json.dumps(conf)],
        capture_output=True, text=True, env=env, timeout=180,
    )  # fmt: skip
    output = proc.stdout + proc.stderr
    lines = [x for x in proc.stdout.splitlines() if x.startswith("ZEEF-RESULT ")]
    assert proc.returncode == 0 and lines, output[-4000:]
    result = json.loads(lines[-1][len("ZEEF-RESULT ") :])
    with sqlite3.connect(airflow_home.database) as db:
        row = db.execute(
            "select value from xcom where dag_id=? and run_id=? and task_id='run'"
            " and key='return_value'",
            (DAG_ID, result["run_id"]),
        ).fetchone()
    result["xcom"] = json.loads(row[0]) if row else None
    return result


def test_a_dry_run_then_a_run_two_months_after_the_decision(airflow_home, tmp_path):
    store_dir = tmp_path / "store"
    store = open_store(str(store_dir))
    ingest_holdout(store, CASE_ID)
    prefix = f"dossier/{CASE_ID}/working/"
    working = [k[len(prefix) :] for k in store.list(prefix)]
    today = dt.datetime.now(dt.UTC).date()
    decide_case(store, CASE_ID, date=today, supports=[working[0]], actor="clerk.b")
    before = {k: store.get(k) for k in store.list()}
    later = add_months(today, 2)

    dry = _run_dag(airflow_home, store_dir, later, {"dry_run": True})
    assert dry["state"] == "success" and dry["tasks"]["run"][0] == "success", dry
    assert dry["xcom"] == {"now": later.isoformat(), "dry_run": True, "destroyed": 0,
                           "kept": dry["xcom"]["kept"], "overdue": 3, "failed": 0}  # fmt: skip
    assert {k: store.get(k) for k in store.list()} == before

    real = _run_dag(airflow_home, store_dir, later + dt.timedelta(days=1), {})
    assert real["state"] == "success", real
    assert set(real["xcom"]) == COUNTS
    assert (real["xcom"]["destroyed"], real["xcom"]["overdue"], real["xcom"]["dry_run"]) == (
        3,
        0,
        False,
    )
    assert store.list(prefix) == []
    assert store.exists(f"dossier/{CASE_ID}/archive/{working[0]}")
    assert all(not store.exists(record_key(CASE_ID, sha)) for sha in working[1:])
    assert AuditTrail(store, CASE_ID).verify().ok
