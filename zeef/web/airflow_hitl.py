"""The `zeef_inzage` DAG's approval, answered from the web app through Airflow's Core REST
API (docs/airflow.md, "Approving from the web app").

A run of `zeef_inzage` waits in its `approval` task (a human-in-the-loop request, task
state `awaiting_input`) for a privacy officer. When the web app's officer approves or
rejects a package that such a run prepared, the web app answers that request instead of
releasing the package itself: the run then releases (or rejects) it, and its audit event
names the officer, whom the web app passes in the answer's `approver` field. The DAG
takes that field only from the web app's own Airflow account (`ZEEF_WEB_AIRFLOW_USER` in
Airflow's environment); anyone else's answer is recorded as their own.

`AirflowApprovals` wraps an httpx-compatible client (an `httpx.Client` with the base URL
and the bearer token; Starlette's TestClient in the tests). Every failure is an
`AirflowApiError` with a fixed message: never a case's data, a token or a response body.
"""

from __future__ import annotations

import os
import re
from urllib.parse import quote

from zeef.domain.errors import SettingsError, ZeefError

DAG_ID = "zeef_inzage"
APPROVE, REJECT = "Approve", "Reject"
# The request's subject, as dags/zeef_inzage.py writes it: "Inzage <case>: release ...".
SUBJECT = re.compile(r"Inzage ([A-Za-z0-9][A-Za-z0-9._-]{0,63}):")
ACTIVE_RUN_STATES = ("queued", "running")
PAGE = 100  # Airflow's default maximum page size
MAX_PAGES = 50
TIMEOUT_SECONDS = 10.0


class AirflowApiError(ZeefError):
    """Airflow's API could not be reached, refused a request or answered something
    unexpected. `status`: the HTTP status, None when there was no answer."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class AirflowApprovals:
    """The `zeef_inzage` approvals waiting in Airflow, and the web app's answers."""

    def __init__(self, client) -> None:
        self.client = client

    @classmethod
    def from_env(cls) -> AirflowApprovals | None:
        """From `ZEEF_AIRFLOW_API_URL` (Airflow's API server, e.g. http://airflow:8080)
        and `ZEEF_AIRFLOW_API_TOKEN` (a JWT of the web app's Airflow account); None when
        the URL is unset: approvals then go straight to the store, as without Airflow."""
        url = os.environ.get("ZEEF_AIRFLOW_API_URL", "").strip()
        token = os.environ.get("ZEEF_AIRFLOW_API_TOKEN", "").strip()
        if not url:
            return None
        if not token:
            raise SettingsError("ZEEF_AIRFLOW_API_URL is set but ZEEF_AIRFLOW_API_TOKEN is not")
        if not url.startswith(("http://", "https://")):
            raise SettingsError("ZEEF_AIRFLOW_API_URL: not an http(s) URL")
        import httpx

        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        return cls(httpx.Client(base_url=url, headers=headers, timeout=TIMEOUT_SECONDS))

    # -- HTTP ----------------------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs) -> dict:
        try:
            response = self.client.request(method, path, **kwargs)
        except Exception:  # unreachable, a timeout, a broken connection
            raise AirflowApiError("Airflow's API could not be reached") from None
        if response.status_code >= 400:
            raise AirflowApiError("Airflow's API refused the request", response.status_code)
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise AirflowApiError("Airflow's API answered something unexpected")
        return body

    def _pages(self, path: str, params: dict, key: str):
        offset = 0
        for _ in range(MAX_PAGES):
            page = self._call("GET", path, params={**params, "limit": PAGE, "offset": offset})
            items = page.get(key)
            if not isinstance(items, list):
                raise AirflowApiError("Airflow's API answered something unexpected")
            yield from (item for item in items if isinstance(item, dict))
            offset += len(items)
            if not items or offset >= int(page.get("total_entries") or 0):
                return

    # -- what waits ----------------------------------------------------------------------

    def waiting_all(self) -> dict[str, dict]:
        """The approval requests waiting for an answer, by case id (one request: what
        the privacy page shows)."""
        path = f"/api/v2/dags/{DAG_ID}/dagRuns/~/hitlDetails"
        out: dict[str, dict] = {}
        for detail in self._pages(path, {"response_received": "false"}, "hitl_details"):
            ti = detail.get("task_instance") or {}
            found = SUBJECT.match(str(detail.get("subject") or ""))
            if found and ti.get("state") == "awaiting_input" and ti.get("dag_id") == DAG_ID:
                out.setdefault(found.group(1), detail)
        return out

    def waiting(self, case_id: str) -> dict | None:
        """The request of `case_id` waiting for an answer, or None."""
        return self.waiting_all().get(case_id)

    def active_cases(self) -> set[str]:
        """The case ids of the queued or running `zeef_inzage` runs (waiting or not)."""
        path = f"/api/v2/dags/{DAG_ID}/dagRuns"
        params = {"state": list(ACTIVE_RUN_STATES)}
        out = set()
        for run in self._pages(path, params, "dag_runs"):
            case_id = (run.get("conf") or {}).get("case_id")
            if isinstance(case_id, str):
                out.add(case_id)
        return out

    # -- the answer ----------------------------------------------------------------------

    def answer(self, detail: dict, option: str, approver: str, reason: str | None) -> None:
        """Approve or Reject the request `detail` on behalf of `approver` (the web app's
        signed-in officer); AirflowApiError with status 409 when it was answered already."""
        if option not in (APPROVE, REJECT):
            raise ValueError("option: Approve or Reject")
        ti = detail.get("task_instance") or {}
        try:
            parts = [quote(str(ti[k]), safe="") for k in ("dag_id", "dag_run_id", "task_id")]
            map_index = int(ti["map_index"])
        except (KeyError, TypeError, ValueError):
            raise AirflowApiError("Airflow's API answered something unexpected") from None
        path = (f"/api/v2/dags/{parts[0]}/dagRuns/{parts[1]}/taskInstances/{parts[2]}/"
                f"{map_index}/hitlDetails")  # fmt: skip
        body = {
            "chosen_options": [option],
            "params_input": {"reason": reason, "approver": approver},
        }
        self._call("PATCH", path, json=body)
