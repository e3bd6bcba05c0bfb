"""The zeef_inzage DAG's approval answered from zeef's web app (its privacy page): the
web app asks Airflow's Core REST API which approvals wait and answers them as its own
Airflow account ("zeef-web", `ZEEF_WEB_AIRFLOW_USER` in the run's environment), naming
the signed-in officer in the answer's `approver` field; the run then releases the
package and its audit event names the officer.

The end-to-end scenario reuses test_inzage_dag_run.py's pieces: a store made with `zeef
cases add` and `zeef ingest`, one `dag.test()` run in a subprocess, Airflow's Core API in
this process behind a TestClient (the web app's `AirflowApprovals` wraps a TestClient
carrying a JWT for "zeef-web" instead of an httpx.Client). While the run waits, privacy
officer "pia" signs in to the web app, sees "wacht in Airflow" and approves.

The cheaper tests: `_decision` and the approval's field check on the DAG module itself
(a plain Airflow user who fills in `approver` is still recorded as themselves), and the
privacy page against an Airflow faked with httpx's MockTransport (the preparer refused
before Airflow is asked, Airflow unreachable, a run busy, a rejection passed on)."""

from __future__ import annotations

import importlib.util
import json
import re
import secrets
import warnings
from types import SimpleNamespace

import httpx
import pytest
from airflow_db import database_text
from test_inzage_dag_run import DAG_FILE, PREPARER, HitlApi, _bsn, _documents, _zeef, run_inzage

from zeef.pipeline import accounts
from zeef.pipeline.audit import AuditTrail
from zeef.storage import open_store
from zeef.web.airflow_hitl import AirflowApiError, AirflowApprovals

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note on httpx
    from fastapi.testclient import TestClient

WEB_USER = "zeef-web"
OFFICER, PASSWORD = "pia", "pia-officer-pw-123"
CASE = "inz-web"
SUBJECT = ("Gerarda Wolfswinkel", "Biltstraat 101, 3572 AJ Utrecht")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _signed_in(app, name: str = OFFICER, password: str = PASSWORD) -> TestClient:
    web = TestClient(app, follow_redirects=False)
    r = web.post("/login", data={"username": name, "password": password})
    assert r.status_code == 303, r.text[:500]
    return web


def _csrf(web: TestClient) -> str:
    return CSRF.search(web.get("/privacy").text).group(1)


def _row(html: str, case_id: str) -> str:
    found = re.search(rf'<tr class="case" data-case="{re.escape(case_id)}">(.*?)</tr>', html, re.S)
    assert found, case_id
    return found.group(1)


# -- end to end: a DAG run approved from the web app -------------------------------------


class WebOfficer:
    """What `run_inzage` calls while the run waits (as it calls HitlApi): `waiting`
    through the web app's adapter, `answer` as the officer clicking Goedkeuren on the
    privacy page. Keeps the pages and responses for the asserts."""

    def __init__(self, adapter: AirflowApprovals, web: TestClient) -> None:
        self.adapter, self.web = adapter, web
        self.pages: list[str] = []
        self.responses = []

    def waiting(self, case_id: str) -> dict | None:
        return self.adapter.waiting(case_id)

    def answer(self, detail: dict, case_id: str) -> int:
        page = self.web.get("/privacy")
        self.pages.append(page.text)
        token = CSRF.search(page.text).group(1)
        r = self.web.post(f"/privacy/inzage/{case_id}/release", data={"csrf_token": token})
        self.responses.append(r)
        if r.status_code == 303:
            self.pages.append(self.web.get(r.headers["location"]).text)
        return r.status_code


@pytest.fixture(scope="module")
def core_api(airflow_home):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AIRFLOW__API_AUTH__JWT_SECRET", secrets.token_hex(32))
        yield HitlApi()


@pytest.fixture(scope="module")
def web_run(airflow_home, core_api, tmp_path_factory):
    from zeef.web.app import create_app

    root = tmp_path_factory.mktemp("inzage-web")
    store_dir = root / "store"
    name, address = SUBJECT
    bsn = _bsn(223456700)
    case = {"case_id": CASE, "law": "participatiewet",
            "subject": {"name": name, "bsn": bsn, "address": address},
            "enforcement_investigation": False}  # fmt: skip
    (root / "case.json").write_text(json.dumps(case), "utf-8")
    docs = root / "docs"
    docs.mkdir()
    for file, text in _documents(name, bsn, address).items():
        (docs / file).write_text(text, "utf-8")
    _zeef("cases", "add", str(root / "case.json"), "--store", str(store_dir))
    _zeef("ingest", str(docs), "--case", str(root / "case.json"), "--store", str(store_dir))
    store = open_store(str(store_dir))
    accounts.add(store, OFFICER, "privacy_officer", PASSWORD)

    app = create_app(store, secure_cookies=False)
    token = core_api._token(WEB_USER)
    airflow = TestClient(core_api.client.app, headers={"Authorization": f"Bearer {token}"})
    app.state.web.airflow = AirflowApprovals(airflow)
    officer = WebOfficer(app.state.web.airflow, _signed_in(app))
    # With assigned officers the web app's account is assigned too (the DAG adds it).
    env = {"ZEEF_STORE": str(store_dir), "ZEEF_PRIVACY_OFFICERS": "officer.a",
           "ZEEF_WEB_AIRFLOW_USER": WEB_USER}  # fmt: skip
    run = run_inzage(env, CASE, officer, [(CASE,)])
    return {"run": run, "store": store, "store_dir": store_dir, "officer": officer,
            "app": app, "secrets": {name, bsn, address, *name.split()}}  # fmt: skip


def test_approved_in_the_web_app_the_run_releases_in_the_officers_name(web_run):
    run, store = web_run["run"], web_run["store"]
    assert run["result"]["state"] == "success", (run["result"], run["output"][-3000:])
    tasks = {task: state for task, (state, _) in run["result"]["tasks"].items()}
    assert tasks == {"prepare": "success", "needs_approval": "success", "approval": "success",
                     "release": "success", "reject": "skipped"}  # fmt: skip
    assert run["statuses"] == [303]
    assert {"id": WEB_USER, "name": WEB_USER} in run["asked"]["assigned_users"]
    outbox = store.list(f"outbox/subject/{CASE}/")
    assert outbox and store.list(f"inzage/{CASE}/prepared/") == []
    events = [(e.event, e.actor) for e in AuditTrail(store, CASE).events()]
    assert ("inzage_prepared", PREPARER) in events
    assert events[-1] == ("inzage_released", OFFICER)
    assert not any(actor == WEB_USER for _, actor in events)
    verify = json.loads(_zeef("audit", "verify", CASE, "--store", str(web_run["store_dir"])))
    assert verify["ok"] is True


def test_the_page_showed_the_wait_and_then_the_notice(web_run):
    before, after = web_run["officer"].pages
    assert "wacht in Airflow" in _row(before, CASE)
    assert "Goedkeuren en vrijgeven" in _row(before, CASE)
    assert f"Goedkeuring voor zaak {CASE} doorgegeven aan Airflow" in after
    assert "Airflow rondt de vrijgave af" in after
    # Once the run is done nothing waits and nothing is prepared any more.
    now = _signed_in(web_run["app"]).get("/privacy").text
    assert "wacht in Airflow" not in _row(now, CASE)
    assert "Goedkeuren en vrijgeven" not in _row(now, CASE)


def test_airflow_recorded_the_web_apps_account_and_the_officer(web_run, airflow_home):
    import sqlite3

    with sqlite3.connect(airflow_home.database) as db:
        rows = db.execute(
            "select value from xcom where dag_id='zeef_inzage' and run_id=? and "
            "task_id='approval' and key='return_value'", (web_run["run"]["result"]["run_id"],),
        ).fetchall()  # fmt: skip
    answer = json.loads(rows[0][0])
    assert answer["responded_by_user"]["name"] == WEB_USER
    assert answer["params_input"] == {"reason": None, "approver": OFFICER}
    db = database_text(airflow_home.database)
    output = web_run["run"]["output"]
    for where, text in (("database", db), ("output", output)):
        leaked = sorted(s for s in web_run["secrets"] if s.lower() in text.lower())
        assert leaked == [], (where, len(leaked))


def test_run_took(web_run):
    """Not a limit: the timing, for the record (-rA shows it)."""
    print("seconds (total, until the approval waited):", web_run["run"]["seconds"],
          web_run["run"]["waited"])  # fmt: skip
    assert web_run["run"]["seconds"] < 300


# -- the DAG's side: who the approver is ---------------------------------------------------


def _dag_module(monkeypatch, web_user: str | None, officers: str = ""):
    if web_user is None:
        monkeypatch.delenv("ZEEF_WEB_AIRFLOW_USER", raising=False)
    else:
        monkeypatch.setenv("ZEEF_WEB_AIRFLOW_USER", web_user)
    monkeypatch.setenv("ZEEF_PRIVACY_OFFICERS", officers)
    spec = importlib.util.spec_from_file_location("zeef_inzage_web_module", DAG_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _decided(module, user: str, fields: dict, option: str = "Approve"):
    response = {"chosen_options": [option], "params_input": fields,
                "responded_at": "2026-05-01T10:00:00+00:00",
                "responded_by_user": {"id": user, "name": user}}  # fmt: skip
    ti = SimpleNamespace(xcom_pull=lambda task_ids: response)
    context = {"ti": ti, "dag_run": SimpleNamespace(triggering_user_name=PREPARER)}
    return module._decision(context)


def test_only_the_web_apps_account_may_name_the_approver(airflow_home, monkeypatch):
    from airflow.sdk.exceptions import AirflowFailException

    module = _dag_module(monkeypatch, WEB_USER)
    # A plain Airflow user filling in `approver` is recorded as themselves.
    assert _decided(module, "officer.b", {"reason": None, "approver": OFFICER})[1] == "officer.b"
    assert _decided(module, "officer.b", {"reason": None})[1] == "officer.b"
    # The web app's account: the officer it names.
    assert _decided(module, WEB_USER, {"reason": None, "approver": OFFICER}) == (
        "Approve", OFFICER, None)  # fmt: skip
    assert _decided(module, WEB_USER, {"reason": "no", "approver": OFFICER}, "Reject") == (
        "Reject", OFFICER, "no")  # fmt: skip
    bad = ({"reason": None}, {"reason": None, "approver": None},
           {"reason": None, "approver": "Jan de Vries"}, {"reason": None, "approver": 7},
           {"reason": None, "approver": WEB_USER})  # fmt: skip
    for fields in bad:
        with pytest.raises(AirflowFailException, match="names no approver"):
            _decided(module, WEB_USER, fields)
    # The preparer check holds for the officer the web app names.
    with pytest.raises(AirflowFailException, match="must not be the one who prepared"):
        _decided(module, WEB_USER, {"reason": None, "approver": PREPARER})
    # Without ZEEF_WEB_AIRFLOW_USER nobody's `approver` counts, not even this account's.
    off = _dag_module(monkeypatch, None)
    assert _decided(off, WEB_USER, {"reason": None, "approver": OFFICER})[1] == WEB_USER


def test_the_approval_accepts_the_approver_field_and_assigns_the_web_app(airflow_home,
                                                                         monkeypatch):  # fmt: skip
    module = _dag_module(monkeypatch, WEB_USER, officers="officer.a")
    approval = module.inzage_dag.get_task("approval")
    assert set(approval.params) == {"reason"}  # no form field in Airflow's UI
    assert {"id": WEB_USER, "name": WEB_USER} in approval.assigned_users
    approval.validate_params_input({"reason": None, "approver": OFFICER})
    approval.validate_params_input({"reason": "why"})
    approval.validate_params_input({})
    for fields in ({"reason": None, "approver": 7}, {"reason": None, "other": 1}, {"x": 1}):
        with pytest.raises(ValueError):
            approval.validate_params_input(fields)
    assert _dag_module(monkeypatch, None, officers="officer.a").inzage_dag.get_task(
        "approval").assigned_users == [{"id": "officer.a", "name": "officer.a"}]  # fmt: skip


# -- the web app's side, against a fake Airflow ------------------------------------------


class FakeAirflow:
    """Airflow's API as httpx's MockTransport answers it: the approvals in `waits` (case
    ids), the active runs in `active`; every request kept in `calls`."""

    def __init__(self, waits=(), active=(), down=False, patch_status=200) -> None:
        self.waits, self.active, self.down = set(waits), set(active) | set(waits), down
        self.patch_status = patch_status
        self.calls: list[httpx.Request] = []
        transport = httpx.MockTransport(self.handle)
        self.client = httpx.Client(base_url="http://airflow.test", transport=transport)

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request)
        if self.down:
            raise httpx.ConnectError("refused")
        path = request.url.path
        if request.method == "GET" and path.endswith("/hitlDetails"):
            details = [{"subject": f"Inzage {c}: release the inspection package to the subject?",
                        "task_instance": {"dag_id": "zeef_inzage", "dag_run_id": f"manual__{c}",
                                          "task_id": "approval", "map_index": -1,
                                          "state": "awaiting_input"}}
                       for c in sorted(self.waits)]  # fmt: skip
            body = {"hitl_details": details, "total_entries": len(details)}
            return httpx.Response(200, json=body)
        if request.method == "GET" and path.endswith("/dagRuns"):
            runs = [{"conf": {"case_id": c}, "state": "running"} for c in sorted(self.active)]
            return httpx.Response(200, json={"dag_runs": runs, "total_entries": len(runs)})
        if request.method == "PATCH":
            return httpx.Response(self.patch_status, json={"detail": "x"})
        return httpx.Response(404, json={"detail": "not found"})


@pytest.fixture
def web(tmp_path):
    """The web app on a store with two registered cases whose packages wait (written by
    hand: a manifest without files), prepared by clerk.b and by pia."""
    from zeef.domain.case import parse_case
    from zeef.pipeline.registry import register_case
    from zeef.storage.local import LocalStore
    from zeef.web.app import create_app

    store = LocalStore(tmp_path / "store")
    for n, (case_id, preparer) in enumerate((("inz-a", PREPARER), ("inz-own", OFFICER))):
        subject = {"name": "Test Persoon", "bsn": _bsn(323456700 + 1000 * n)}
        register_case(store, parse_case({"case_id": case_id, "law": "participatiewet",
                                         "subject": subject}))  # fmt: skip
        manifest = {"prepared_by": preparer, "prepared_at": "2026-05-01T10:00:00+00:00",
                    "files": {}}  # fmt: skip
        store.put(f"inzage/{case_id}/prepared.json", json.dumps(manifest).encode())
    accounts.add(store, OFFICER, "privacy_officer", PASSWORD)
    app = create_app(store, secure_cookies=False)
    return SimpleNamespace(app=app, store=store, client=_signed_in(app))


def _post(web, case_id: str, action: str = "release", **data):
    return web.client.post(f"/privacy/inzage/{case_id}/{action}",
                           data={"csrf_token": _csrf(web.client), **data})  # fmt: skip


def test_the_preparer_is_refused_before_airflow_is_asked(web):
    fake = FakeAirflow(waits={"inz-own"})
    web.app.state.web.airflow = AirflowApprovals(fake.client)
    token = _csrf(web.client)
    fake.calls.clear()
    r = web.client.post("/privacy/inzage/inz-own/release", data={"csrf_token": token})
    assert r.status_code == 400 and "zelf klaargezet" in r.text
    assert fake.calls == []
    assert web.store.exists("inzage/inz-own/prepared.json")


def test_a_rejection_is_passed_to_the_waiting_run(web):
    fake = FakeAirflow(waits={"inz-a"})
    web.app.state.web.airflow = AirflowApprovals(fake.client)
    page = web.client.get("/privacy").text
    assert "wacht in Airflow" in _row(page, "inz-a")
    assert "wacht in Airflow" not in _row(page, "inz-own")
    r = _post(web, "inz-a", "reject", reason="  de index mist een document ")
    assert r.status_code == 303 and r.headers["location"].startswith("/privacy?airflow=inz-a")
    patch = [c for c in fake.calls if c.method == "PATCH"]
    assert len(patch) == 1
    assert patch[0].url.path == (
        "/api/v2/dags/zeef_inzage/dagRuns/manual__inz-a/taskInstances/approval/-1/hitlDetails"
    )
    assert json.loads(patch[0].content) == {
        "chosen_options": ["Reject"],
        "params_input": {"reason": "de index mist een document", "approver": OFFICER},
    }
    # Nothing done here: the run rejects it.
    assert web.store.exists("inzage/inz-a/prepared.json")
    assert "Airflow rondt de afkeuring af" in web.client.get(r.headers["location"]).text
    # A rejection without a reason is not passed on.
    fake.calls.clear()
    assert _post(web, "inz-a", "reject", reason=" ").status_code == 400
    assert not any(c.method == "PATCH" for c in fake.calls)


def test_without_a_run_the_step_is_taken_here(web):
    fake = FakeAirflow()
    web.app.state.web.airflow = AirflowApprovals(fake.client)
    r = _post(web, "inz-a")
    assert r.status_code == 303 and r.headers["location"] == "/privacy?klaar=inz-a"
    assert not web.store.exists("inzage/inz-a/prepared.json")
    assert [(e.event, e.actor) for e in AuditTrail(web.store, "inz-a").events()][-1] == (
        "inzage_released", OFFICER)  # fmt: skip


def test_a_busy_run_or_airflow_down_changes_nothing(web):
    fake = FakeAirflow(active={"inz-a"})
    web.app.state.web.airflow = AirflowApprovals(fake.client)
    assert "Airflow werkt hieraan" in _row(web.client.get("/privacy").text, "inz-a")
    r = _post(web, "inz-a")
    assert r.status_code == 409 and "Airflow werkt nu aan dit inzageverzoek" in r.text
    down = FakeAirflow(down=True)
    web.app.state.web.airflow = AirflowApprovals(down.client)
    assert "Airflow is nu niet bereikbaar" in web.client.get("/privacy").text
    r = _post(web, "inz-a")
    assert r.status_code == 503 and "niet bereikbaar" in r.text
    answered = FakeAirflow(waits={"inz-a"}, patch_status=409)
    web.app.state.web.airflow = AirflowApprovals(answered.client)
    r = _post(web, "inz-a")
    assert r.status_code == 409 and "al beantwoord" in r.text
    assert web.store.exists("inzage/inz-a/prepared.json")
    assert not any(e.event == "inzage_released" for e in AuditTrail(web.store, "inz-a").events())


def test_the_adapter_fails_with_fixed_messages_and_reads_from_the_environment(monkeypatch):
    down = AirflowApprovals(FakeAirflow(down=True).client)
    with pytest.raises(AirflowApiError, match="^Airflow's API could not be reached$") as info:
        down.waiting("inz-a")
    assert info.value.status is None
    refused = AirflowApprovals(FakeAirflow(waits={"inz-a"}, patch_status=403).client)
    detail = refused.waiting("inz-a")
    assert detail["task_instance"]["dag_run_id"] == "manual__inz-a"
    assert refused.waiting("inz-b") is None
    with pytest.raises(AirflowApiError, match="^Airflow's API refused the request$") as info:
        refused.answer(detail, "Approve", OFFICER, None)
    assert info.value.status == 403
    monkeypatch.delenv("ZEEF_AIRFLOW_API_URL", raising=False)
    monkeypatch.delenv("ZEEF_AIRFLOW_API_TOKEN", raising=False)
    assert AirflowApprovals.from_env() is None
    monkeypatch.setenv("ZEEF_AIRFLOW_API_URL", "http://airflow.test:8080")
    from zeef.domain.errors import SettingsError

    with pytest.raises(SettingsError):
        AirflowApprovals.from_env()
    monkeypatch.setenv("ZEEF_AIRFLOW_API_TOKEN", "a.b.c")
    approvals = AirflowApprovals.from_env()
    assert str(approvals.client.base_url) == "http://airflow.test:8080"
    assert approvals.client.headers["Authorization"] == "Bearer a.b.c"
    approvals.client.close()
