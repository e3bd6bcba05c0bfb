"""Every DAG in dags/ (astronomer's DAG integrity pattern): imports without errors, fast,
without touching a database or the network; has tags, an owner, retries, no catchup and
one run at a time (a scheduled DAG; a DAG run per request has a bound). zeef_intake's
shape: the schedule (every 15 minutes or the S3 inbox's Asset), one mapped task per
document with its pool, retries, backoff and timeout, and a task that parks what failed
every try. zeef_inzage's: manual only with a required case id, prepare, a short-circuit
for refused cases, the privacy officer's ApprovalOperator with a response timeout, and
release / reject after it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

DAGS = Path(__file__).resolve().parents[2] / "dags"
POOL = "zeef_ocr"
# The dag-processor imports every .py file in the folder.
DAG_FILES = sorted(DAGS.glob("*.py"))
MAX_IMPORT_SECONDS = 2.0

# Imports a DAG file in a fresh process with an empty AIRFLOW_HOME (no metadata database)
# and Python's audit hooks on: any SQLite connection or socket fails it. (Not subprocesses:
# croniter's import runs `file -b python` through platform.architecture().)
# Prints {"airflow": s, "module": s, "events": [...]}: airflow.sdk's own import, then the
# DAG module's.
PROBE = r"""
import importlib.util, json, sys, time
events = []
WATCH = ("sqlite3.connect", "socket.connect", "socket.getaddrinfo", "socket.bind",
         "http.client.connect")
sys.addaudithook(lambda e, a: events.append(e) if e.startswith(WATCH) else None)
t0 = time.perf_counter()
import airflow.sdk
t1 = time.perf_counter()
# Airflow 3 answers a parse-time Variable.get without the database (the default, or the
# dag-processor's API), so these are watched themselves: settings are read in the tasks.
from airflow.sdk import BaseHook, Connection, Variable
for owner, name in ((Variable, "get"), (Connection, "get"), (BaseHook, "get_connection")):
    def spy(*args, _what=f"{owner.__name__}.{name}", **kwargs):
        events.append(_what)
        return None
    setattr(owner, name, spy)
spec = importlib.util.spec_from_file_location("dag_under_test", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
t2 = time.perf_counter()
print(json.dumps({"airflow": t1 - t0, "module": t2 - t1, "events": sorted(set(events))}))
"""


@pytest.fixture(scope="module")
def dagbag(airflow_home):
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS))


def test_there_are_dag_files():
    assert [p.name for p in DAG_FILES] == ["zeef_intake.py", "zeef_inzage.py", "zeef_retention.py"]


def test_no_import_errors(dagbag):
    assert dagbag.import_errors == {}
    assert sorted(dagbag.dag_ids) == ["zeef_intake", "zeef_inzage", "zeef_retention"]
    assert {s.file.lstrip("/") for s in dagbag.dagbag_stats} == {p.name for p in DAG_FILES}


def test_each_file_parses_in_under_two_seconds(dagbag):
    slow = {s.file: s.duration for s in dagbag.dagbag_stats
            if s.duration > timedelta(seconds=MAX_IMPORT_SECONDS)}  # fmt: skip
    assert slow == {}


@pytest.mark.parametrize("path", DAG_FILES, ids=lambda p: p.name)
def test_importing_touches_no_database_or_network(path, tmp_path, airflow_settings):
    """Parsing reads no Variable or Connection (at run time they come from the database
    or the API server): at import time no Variable.get, Connection.get, SQLite connection
    or socket at all."""
    env = {**os.environ, **airflow_settings(tmp_path / "home")}
    env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = f"sqlite:///{tmp_path / 'none' / 'x.db'}"
    proc = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True,
                          text=True, env=env, timeout=60)  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    probe = json.loads(proc.stdout.strip().splitlines()[-1])
    assert probe["events"] == []
    assert probe["module"] < MAX_IMPORT_SECONDS, probe
    # airflow.sdk's own import is ~1.3 s here; a DAG must not add imports of that size
    # (zeef's pipeline, spaCy, Presidio load inside the tasks).
    assert probe["airflow"] + probe["module"] < 3 * MAX_IMPORT_SECONDS, probe
    assert not (tmp_path / "none").exists() and not (tmp_path / "home" / "airflow.db").exists()


def test_every_dag_has_tags_owner_retries_no_catchup_one_run(dagbag):
    for dag_id, dag in dagbag.dags.items():
        assert dag.tags, dag_id
        assert dag.owner and dag.owner != "airflow", dag_id
        assert dag.default_args.get("retries", 0) >= 2, dag_id
        assert dag.catchup is False, dag_id
        if dag.timetable.can_be_scheduled:
            assert dag.max_active_runs == 1, dag_id
        else:  # a run per request, waiting for a person: several at once, bounded
            assert 1 <= dag.max_active_runs <= 64, dag_id
        for task in dag.tasks:
            assert task.retries >= 2, (dag_id, task.task_id)
            assert task.execution_timeout is not None, (dag_id, task.task_id)


def test_intake_schedule_is_every_15_minutes_or_the_inbox_asset(dagbag):
    from airflow.sdk import Asset, AssetOrTimeSchedule, CronTriggerTimetable

    schedule = dagbag.dags["zeef_intake"].timetable
    assert isinstance(schedule, AssetOrTimeSchedule)
    assert isinstance(schedule.timetable, CronTriggerTimetable)
    assert schedule.timetable.expression == "*/15 * * * *"
    assert isinstance(schedule.asset_condition, Asset)
    assert schedule.asset_condition.uri.startswith("s3://")


def test_intake_tasks(dagbag):
    from airflow.sdk import TriggerRule

    dag = dagbag.dags["zeef_intake"]
    assert set(dag.task_ids) == {"collect", "process", "park", "cases", "letter",
                                 "acknowledge", "summary"}  # fmt: skip
    process = dag.get_task("process")
    assert process.is_mapped and dag.get_task("letter").is_mapped
    assert process.pool == POOL
    assert process.retries >= 2 and process.retry_exponential_backoff >= 2
    assert timedelta(0) < process.execution_timeout <= timedelta(hours=1)
    park = dag.get_task("park")
    assert park.trigger_rule == TriggerRule.ALL_DONE
    assert "process" in park.upstream_task_ids
    assert dag.get_task("summary").trigger_rule == TriggerRule.NONE_FAILED
    assert {"letter", "acknowledge", "park"} <= dag.get_task("summary").upstream_task_ids


def test_inzage_is_manual_with_a_required_case_id(dagbag):
    from airflow.sdk.definitions.param import ParamsDict

    dag = dagbag.dags["zeef_inzage"]
    assert dag.timetable.can_be_scheduled is False  # schedule=None: triggered by hand
    params = dag.params if isinstance(dag.params, ParamsDict) else ParamsDict(dag.params)
    schema = params.get_param("case_id").schema
    assert schema["type"] == "string" and "pattern" in schema
    with pytest.raises(Exception):  # noqa: B017 - no default: a run without it is refused
        params.validate()


def test_inzage_tasks(dagbag):
    from airflow.providers.standard.operators.hitl import ApprovalOperator
    from airflow.sdk import TriggerRule

    dag = dagbag.dags["zeef_inzage"]
    assert set(dag.task_ids) == {"prepare", "needs_approval", "approval", "release", "reject"}
    gate = dag.get_task("needs_approval")
    assert gate.upstream_task_ids == {"prepare"}
    assert gate.ignore_downstream_trigger_rules is True  # refused: nothing after it runs
    approval = dag.get_task("approval")
    assert isinstance(approval, ApprovalOperator)
    assert approval.upstream_task_ids == {"needs_approval"}
    assert approval.fail_on_reject is False and approval.defaults is None  # no silent answer
    assert timedelta(hours=1) <= approval.response_timeout <= timedelta(days=31)
    assert approval.execution_timeout is not None
    assert set(approval.params) == {"reason"}
    # Approve runs release; Reject skips it (the operator skips its direct downstream)
    # and reject acts; a failed release fails reject (upstream_failed), and so the run.
    assert dag.get_task("release").upstream_task_ids == {"approval"}
    reject = dag.get_task("reject")
    assert reject.upstream_task_ids == {"release"}
    assert reject.trigger_rule == TriggerRule.NONE_FAILED
    assert dag.dagrun_timeout > approval.response_timeout
