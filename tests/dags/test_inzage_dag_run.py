"""The zeef_inzage DAG run for real: `dag.test()` in a subprocess (as `airflow dags test`
runs it) on a store with cases registered by `zeef cases add` and documents by `zeef
ingest`; the privacy officer's answer given while the run waits, through Airflow's own
REST API (in this process) as a user of its auth manager.

How the approval is answered: on Airflow 3.3 the `ApprovalOperator` writes its request
(`hitl_detail`) and parks the task in `awaiting_input`; `dag.test()` keeps the run alive
("Waiting for Human-in-the-loop input") until a response written from outside flips the
task back to `scheduled`. That is what the UI's Required Actions page does: it calls
`PATCH /api/v2/dags/{dag}/dagRuns/{run}/taskInstances/{task}/{map}/hitlDetails` with
`{"chosen_options": [...], "params_input": {...}}`, and the responding user is the one
the request's token names. Here the Core API app (`create_app(apps="core")`) runs in
this process behind FastAPI's `TestClient`, sharing the session's SQLite database with
the run, and each request carries a JWT the simple auth manager signs for the officer
(`generate_jwt`): the same code path as a click in the UI, without an api-server.

`dag.test()` records the triggering user as "dag_test"; the driver puts in the user a
UI or REST API trigger would record (`ZEEF_TEST_TRIGGERED_BY`), since the preparer is
the user who triggered the run.

Scenarios: approved by an officer (and first refused to a user who is not one of the
assigned officers); rejected with a reason; "approved" by the preparer themselves; a case
whose enforcement investigation runs (refused, no approval asked). Afterwards nothing in
Airflow's database, logs or output holds a subject's name, BSN or address or a third
party's name."""

from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from airflow_db import database_text
from makers import ZEEF

from zeef.pipeline.audit import AuditTrail
from zeef.storage import open_store

DAG_FILE = Path(__file__).resolve().parents[2] / "dags" / "zeef_inzage.py"
DAG_ID = "zeef_inzage"
PREPARER = "clerk.b"  # triggers the runs
OFFICER = "officer.a"  # the privacy officer
THIRD_PARTY = "Hendrik Oosterbeek"

# Runs `dag.test()` on dags/zeef_inzage.py in a fresh process with the conf
# ZEEF_TEST_CONF, as if triggered by ZEEF_TEST_TRIGGERED_BY ("" for no user), and prints
# one line `ZEEF-RESULT {json}`.
DRIVER = r"""
import importlib.util, json, os, sys
from airflow.models import dagrun

real = dagrun.get_or_create_dagrun

def get_or_create_dagrun(**kwargs):
    kwargs["triggering_user_name"] = os.environ["ZEEF_TEST_TRIGGERED_BY"] or None
    return real(**kwargs)

dagrun.get_or_create_dagrun = get_or_create_dagrun
spec = importlib.util.spec_from_file_location("zeef_inzage", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
run = module.inzage_dag.test(run_conf=json.loads(os.environ["ZEEF_TEST_CONF"]))
tasks = {ti.task_id: [str(ti.state), ti.try_number] for ti in run.get_task_instances()}
print("ZEEF-RESULT " + json.dumps({"state": str(run.state), "run_id": run.run_id,
                                   "triggered_by": run.triggering_user_name, "tasks": tasks}))
"""


# -- the world: cases and documents in a store, through the `zeef` command ---------------


def _bsn(seed: int) -> str:
    """A valid BSN (11-proef) made from `seed`."""
    for n in range(seed, seed + 1000):
        digits = f"{n:09d}"
        total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
        if (total - int(digits[8])) % 11 == 0 and digits[0] != "0":
            return digits
    raise AssertionError("no BSN")


SUBJECTS = {  # case id → (name, address, enforcement investigation running)
    "inz-approved": ("Fatima el Amrani", "Lindelaan 4, 3511 AB Utrecht", False),
    "inz-rejected": ("Wilhelmina Zwanenburg", "Kanaalweg 17, 3526 KL Utrecht", False),
    "inz-self": ("Jurgen Brouwersgracht", "Vleutenseweg 230, 3532 HR Utrecht", False),
    "inz-refused": ("Priscilla Veenendaal", "Amsterdamsestraatweg 99, 3513 AB Utrecht", True),
}


def _documents(name: str, bsn: str, address: str) -> dict[str, str]:
    return {
        "aanvraag.txt": (
            "Aanvraag bijstandsuitkering\n\n"
            f"Naam: {name}\nBSN: {bsn}\nAdres: {address}\n\n"
            "Hierbij vraag ik een bijstandsuitkering aan op grond van de Participatiewet.\n"
            f"Met vriendelijke groet,\n{name}\n"
        ),
        "melding.txt": (
            "Melding\n\n"
            f"Ik, {THIRD_PARTY}, woonachtig Kerkstraat 12 te Utrecht, wil melden dat "
            f"{name} volgens mij samenwoont. Ik zie elke ochtend iemand vertrekken.\n"
            f"{THIRD_PARTY}, telefoon 06-12345678\n"
        ),
    }


def _zeef(*args: str) -> str:
    proc = subprocess.run([ZEEF, *args], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, (args[:2], proc.stderr[-2000:])
    return proc.stdout


def _make_world(root: Path) -> tuple[Path, dict[str, dict]]:
    store_dir = root / "store"
    cases = {}
    for n, (case_id, (name, address, investigation)) in enumerate(SUBJECTS.items()):
        bsn = _bsn(123456700 + 1000 * n)
        case = {"case_id": case_id, "law": "participatiewet",
                "subject": {"name": name, "bsn": bsn, "address": address},
                "enforcement_investigation": investigation}  # fmt: skip
        path = root / f"{case_id}.json"
        path.write_text(json.dumps(case), "utf-8")
        docs = root / "docs" / case_id
        docs.mkdir(parents=True)
        for file, text in _documents(name, bsn, address).items():
            (docs / file).write_text(text, "utf-8")
        cases[case_id] = {**case, "file": path, "docs": docs}
    _zeef("cases", "add", *(str(c["file"]) for c in cases.values()), "--store", str(store_dir))
    for case in cases.values():
        if not case["enforcement_investigation"]:
            _zeef("ingest", str(case["docs"]), "--case", str(case["file"]),
                  "--store", str(store_dir))  # fmt: skip
    return store_dir, cases


def _secrets(cases: dict[str, dict]) -> set[str]:
    """What must never reach Airflow: the subjects' names (whole, and each part of four
    letters or more), BSNs and addresses (and their streets), the third party's name."""
    found = {THIRD_PARTY, *THIRD_PARTY.split()}
    for case in cases.values():
        s = case["subject"]
        found |= {s["name"], s["bsn"], s["address"], s["address"].split(",")[0]}
        found |= {part for part in re.split(r"[\s,-]+", s["name"]) if len(part) >= 4}
    return found


# -- the officer's answer, through Airflow's REST API in this process --------------------


class HitlApi:
    """Airflow's Core REST API in this process (the session's database), as the users of
    the simple auth manager: what the UI's Required Actions page calls."""

    def __init__(self) -> None:
        from airflow.api_fastapi.app import create_app, get_auth_manager
        from airflow.api_fastapi.auth.managers.simple.user import SimpleAuthManagerUser
        from fastapi.testclient import TestClient

        self.client = TestClient(create_app(apps="core"))
        self._token = lambda user: get_auth_manager().generate_jwt(
            SimpleAuthManagerUser(username=user, role="user")
        )

    def _headers(self, user: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token(user)}"}

    def waiting(self, case_id: str, user: str = OFFICER) -> dict | None:
        """The approval request of `case_id` waiting for an answer, or None."""
        r = self.client.get(
            f"/api/v2/dags/{DAG_ID}/dagRuns/~/hitlDetails",
            params={"response_received": False},
            headers=self._headers(user),
        )
        assert r.status_code == 200, r.text[:500]
        for detail in r.json()["hitl_details"]:
            waits = detail["task_instance"]["state"] == "awaiting_input"
            if waits and detail["subject"].startswith(f"Inzage {case_id}:"):
                return detail
        return None

    def answer(self, detail: dict, user: str, option: str, reason: str | None) -> int:
        ti = detail["task_instance"]
        url = (f"/api/v2/dags/{ti['dag_id']}/dagRuns/{ti['dag_run_id']}/taskInstances/"
               f"{ti['task_id']}/{ti['map_index']}/hitlDetails")  # fmt: skip
        body = {"chosen_options": [option], "params_input": {"reason": reason}}
        return self.client.patch(url, json=body, headers=self._headers(user)).status_code


@pytest.fixture(scope="module")
def hitl_api(airflow_home):
    with pytest.MonkeyPatch.context() as mp:
        # The key the auth manager signs the users' tokens with (and the API checks).
        mp.setenv("AIRFLOW__API_AUTH__JWT_SECRET", secrets.token_hex(32))
        yield HitlApi()


def run_inzage(env: dict[str, str], case_id: str, api: HitlApi | None = None,
               answers: list[tuple[str, str, str | None]] = (), timeout: float = 180,
               triggered_by: str = PREPARER) -> dict:  # fmt: skip
    """One run for `case_id`; while it waits, each of `answers` (user, option, reason) is
    given in turn. Returns the run's result, everything it printed, the request as the
    officer saw it and the API's status code per answer."""
    out_dir = Path(env["ZEEF_STORE"]).parent / "runs"
    out_dir.mkdir(exist_ok=True)
    stdout, stderr = out_dir / f"{case_id}.out", out_dir / f"{case_id}.err"
    run_env = {**os.environ, **env, "ZEEF_TEST_TRIGGERED_BY": triggered_by,
               "ZEEF_TEST_CONF": json.dumps({"case_id": case_id})}  # fmt: skip
    started = time.monotonic()
    with stdout.open("w") as out, stderr.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(DAG_FILE)], stdout=out,
                                stderr=err, text=True, env=run_env)  # fmt: skip
        asked, statuses, waited = None, [], None
        try:
            while proc.poll() is None and time.monotonic() - started < timeout:
                if api is not None and len(statuses) < len(answers):
                    detail = api.waiting(case_id)
                    if detail is not None:
                        asked = asked or detail
                        waited = waited or time.monotonic() - started
                        statuses.append(api.answer(detail, *answers[len(statuses)]))
                        continue
                time.sleep(0.5)
            proc.wait(timeout=max(1, timeout - (time.monotonic() - started)))
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    output = stdout.read_text("utf-8", "replace") + stderr.read_text("utf-8", "replace")
    lines = [x for x in stdout.read_text("utf-8").splitlines() if x.startswith("ZEEF-RESULT ")]
    assert proc.returncode == 0 and lines, output[-4000:]
    result = json.loads(lines[-1][len("ZEEF-RESULT ") :])
    return {"result": result, "output": output, "asked": asked, "statuses": statuses,
            "seconds": round(time.monotonic() - started, 1), "waited": waited}  # fmt: skip


@pytest.fixture(scope="module")
def runs(airflow_home, hitl_api, tmp_path_factory):
    """The four scenarios, each one run, on one local store."""
    store_dir, cases = _make_world(tmp_path_factory.mktemp("inzage-dag"))
    env = {"ZEEF_STORE": str(store_dir), "ZEEF_PRIVACY_OFFICERS": ""}
    out = {"store": open_store(str(store_dir)), "store_dir": store_dir, "cases": cases}
    # Only the assigned officer may answer: the preparer's answer is refused (403) first.
    officers = {**env, "ZEEF_PRIVACY_OFFICERS": f"{OFFICER},officer.c"}
    answers = [(PREPARER, "Approve", None), (OFFICER, "Approve", None)]
    out["approved"] = run_inzage(officers, "inz-approved", hitl_api, answers)
    out["rejected"] = run_inzage(env, "inz-rejected", hitl_api,
                                 [(OFFICER, "Reject", "the index misses a document")])  # fmt: skip
    out["self"] = run_inzage(env, "inz-self", hitl_api, [(PREPARER, "Approve", None)])
    out["refused"] = run_inzage(env, "inz-refused", hitl_api)
    return out


def _events(store, case_id: str) -> list[tuple[str, str]]:
    return [(e.event, e.actor) for e in AuditTrail(store, case_id).events()]


def _tasks(run: dict) -> dict[str, str]:
    return {task: state for task, (state, _) in run["result"]["tasks"].items()}


def test_approved_by_another_user_is_released(runs):
    from zeef.pipeline.inzage import flow

    run, store = runs["approved"], runs["store"]
    assert run["result"]["state"] == "success", run["result"]
    assert run["result"]["triggered_by"] == PREPARER
    assert _tasks(run) == {
        "prepare": "success",
        "needs_approval": "success",
        "approval": "success",
        "release": "success",
        "reject": "skipped",
    }
    # The preparer is not an assigned officer: the API refused their answer.
    assert run["statuses"] == [403, 200]
    assert {"id": OFFICER, "name": OFFICER} in run["asked"]["assigned_users"]
    outbox = store.list("outbox/subject/inz-approved/")
    assert outbox and all(not k.endswith("/") for k in outbox)
    assert store.list("inzage/inz-approved/prepared/") == []
    events = _events(store, "inz-approved")
    assert ("inzage_prepared", PREPARER) in events
    assert ("inzage_released", OFFICER) in events
    assert events[-1] == ("inzage_released", OFFICER)
    status = flow.status(store, "inz-approved")
    assert status["prepared"] is False and status["released_files"] == len(outbox)
    verify = json.loads(_zeef("audit", "verify", "inz-approved", "--store", str(runs["store_dir"])))
    assert verify["ok"] is True


def test_the_officer_is_asked_with_ids_and_counts_only(runs):
    asked = runs["approved"]["asked"]
    assert asked["options"] == ["Approve", "Reject"] and asked["multiple"] is False
    assert "inz-approved" in asked["subject"]
    assert "inzage/inz-approved/prepared/" in asked["body"]
    assert "outbox/subject/inz-approved/" in asked["body"]
    assert set(asked["params"]) == {"reason"}
    assert asked["responded_by_user"] is None  # the request as it waited


def test_rejected_is_not_released_and_the_reason_kept(runs):
    run, store = runs["rejected"], runs["store"]
    assert run["result"]["state"] == "success", run["result"]
    assert run["statuses"] == [200]
    assert _tasks(run) == {
        "prepare": "success",
        "needs_approval": "success",
        "approval": "success",
        "release": "skipped",
        "reject": "success",
    }
    assert store.list("outbox/subject/inz-rejected/") == []
    assert store.list("inzage/inz-rejected/prepared/") == []
    events = _events(store, "inz-rejected")
    assert events[-1] == ("inzage_rejected", OFFICER)
    assert not any(e == "inzage_released" for e, _ in events)
    notes = store.list("inzage/inz-rejected/rejections/")
    assert len(notes) == 1
    note = json.loads(store.get(notes[0]))
    assert note["by"] == OFFICER and note["reason"] == "the index misses a document"


def test_the_preparer_cannot_approve_their_own_package(runs):
    from zeef.pipeline.inzage import flow

    run, store = runs["self"], runs["store"]
    assert run["result"]["state"] == "failed", run["result"]
    assert run["statuses"] == [200]  # Airflow takes the answer; the DAG refuses it
    tasks = run["result"]["tasks"]
    assert tasks["approval"][0] == "success"
    assert tasks["release"] == ["failed", 1]  # no retry: a refusal, not a fault
    assert tasks["reject"][0] == "upstream_failed"
    assert store.list("outbox/subject/inz-self/") == []
    events = _events(store, "inz-self")
    assert ("inzage_prepared", PREPARER) in events
    assert not any(e in ("inzage_released", "inzage_rejected") for e, _ in events)
    assert flow.status(store, "inz-self")["prepared"] is True  # still waits for an officer
    assert "the approver must not be the one who prepared the package" in run["output"]


def test_a_refused_case_ends_after_prepare_without_an_approval(runs, airflow_home):
    run, store = runs["refused"], runs["store"]
    assert run["result"]["state"] == "success", run["result"]
    assert _tasks(run) == {
        "prepare": "success",
        "needs_approval": "success",
        "approval": "skipped",
        "release": "skipped",
        "reject": "skipped",
    }
    assert run["asked"] is None and "Waiting for Human-in-the-loop" not in run["output"]
    with sqlite3.connect(airflow_home.database) as db:
        prepared = db.execute(
            "select value from xcom where dag_id=? and run_id=? and task_id='prepare'"
            " and key='return_value'",
            (DAG_ID, run["result"]["run_id"]),
        ).fetchone()
        asked = db.execute(
            "select count(*) from hitl_detail join task_instance ti on ti.id = hitl_detail.ti_id"
            " where ti.run_id=?", (run["result"]["run_id"],),
        ).fetchone()[0]  # fmt: skip
    assert asked == 0
    result = json.loads(prepared[0])
    assert result["state"] == "refused" and result["case_id"] == "inz-refused"
    assert store.exists(result["letter"]) and result["letter"].startswith("inzage/inz-refused/")
    assert store.list("inzage/inz-refused/prepared/") == []
    assert store.list("outbox/subject/inz-refused/") == []
    assert _events(store, "inz-refused")[-1][0] == "inzage_refused"


def test_airflow_keeps_no_personal_data(runs, airflow_home):
    found = _secrets(runs["cases"])
    assert len(found) > 15
    # The store does hold them (the package is for the subject): the check can find them.
    outbox = runs["store"].list("outbox/subject/inz-approved/")
    held = b"".join(runs["store"].get(k) for k in outbox).decode("utf-8", "replace")
    assert SUBJECTS["inz-approved"][0] in held
    db = database_text(airflow_home.database)
    assert DAG_ID in db and "inz-approved" in db and "outbox/subject/" in db
    output = "\n".join(runs[k]["output"] for k in ("approved", "rejected", "self", "refused"))
    logs = "\n".join(p.read_text("utf-8", "replace")
                     for p in (airflow_home.home / "logs").rglob("*") if p.is_file())  # fmt: skip
    # dag.test() runs the tasks in its own process: their logs are in its output.
    assert "case inz-approved: released" in output
    for where, text in (("database", db), ("logs", logs), ("output", output)):
        leaked = sorted(s for s in found if s.lower() in text.lower())
        assert leaked == [], (where, len(leaked))


def test_xcom_holds_ids_states_counts_and_the_answer_only(runs, airflow_home):
    with sqlite3.connect(airflow_home.database) as db:
        rows = list(db.execute("select task_id, key, value from xcom where dag_id=?", (DAG_ID,)))
    assert rows
    results = {}
    for task_id, key, value in rows:
        assert len(str(value)) < 2000, (task_id, key)
        if key == "return_value":
            results.setdefault(task_id, []).append(json.loads(value))
    for prepared in results["prepare"]:
        assert set(prepared) <= {"case_id", "state", "files", "documents", "included", "letter"}
    assert all(set(r) == {"case_id", "state", "files"} for r in results["release"])
    assert all(set(r) == {"case_id", "state"} for r in results["reject"])
    for answer in results["approval"]:
        assert set(answer) == {"chosen_options", "params_input", "responded_at",
                               "responded_by_user"}, answer  # fmt: skip
        assert set(answer["params_input"]) <= {"reason", "approver"}


def test_runs_took(runs):
    """Not a limit: the timings, for the record (-rA shows them)."""
    took = {k: (runs[k]["seconds"], runs[k]["waited"])
            for k in ("approved", "rejected", "self", "refused")}  # fmt: skip
    print("seconds per run (total, until the approval waited):", took)
    assert all(seconds < 300 for seconds, _ in took.values())


def test_the_preparer_is_the_triggering_user_or_pipeline(airflow_home):
    """Runs the scheduler starts itself (or another DAG's trigger without a user) have
    no triggering user: the preparer is "pipeline". A user is recorded as the audit
    trail records users (lower case); a name that is no user id fails the run."""
    import importlib.util
    from types import SimpleNamespace

    from airflow.sdk.exceptions import AirflowFailException

    spec = importlib.util.spec_from_file_location("zeef_inzage_module", DAG_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def preparer(name):
        return module._preparer({"dag_run": SimpleNamespace(triggering_user_name=name)})

    assert preparer(None) == preparer("") == "pipeline"
    assert preparer("Clerk.B") == "clerk.b"
    with pytest.raises(AirflowFailException):
        preparer("Jan de Vries")
