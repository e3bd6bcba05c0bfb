"""Airflow's services for `make cluster-test`, configured from the compose file.

`compose_environment` runs `docker-compose config` on docker-compose.yml with an env file
of fresh secrets and takes the environment compose gives `airflow-worker` (Airflow's
settings and zeef's store settings): the test runs what the compose file says, not a
copy of it. Only what must differ outside containers is changed: host names become the
local servers' addresses, container paths become folders here, and the few timeouts a
killed worker waits on are shortened (listed in TEST_SETTINGS, each with the production
value it stands for).
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

from .services import ROOT, ClusterError, Postgres, Redis, Service, _http_ok, _wait, free_port

# What the test changes from the compose file's values, so that a killed worker's tasks
# come back in seconds rather than minutes. Production keeps Airflow's defaults.
TEST_SETTINGS = {
    # A task whose heartbeats stop (its worker died) is failed, then retried, after
    # this long (default 300 s).
    "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": "20",
    "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT_DETECTION_INTERVAL": "5",
    # A task queued to Celery that no worker started is queued again after this long
    # (default 600 s): a message the dead worker had taken but not begun.
    "AIRFLOW__SCHEDULER__TASK_QUEUED_TIMEOUT": "45",
    # The case lock's S3 lease (default 60 s): a killed task's lease blocks its case's
    # other documents until it runs out.
    "ZEEF_LOCK_LEASE_SECONDS": "15",
    # zeef_intake's retry delay (default 60 s, doubling).
    "ZEEF_RETRY_DELAY_SECONDS": "2",
    # No scheduled run in the middle of a measurement: only the runs the test triggers.
    "ZEEF_INTAKE_CRON": "0 0 1 1 *",
}

_PLACEHOLDER = "change-me"


def _fresh_env_file(path: Path) -> None:
    """.env.example with every change-me replaced by a fresh value."""
    lines = []
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        name, sep, value = line.partition("=")
        if sep and not line.startswith("#") and value.strip() == _PLACEHOLDER:
            if name == "AIRFLOW_FERNET_KEY":
                value = base64.urlsafe_b64encode(os.urandom(32)).decode()
            else:
                value = secrets.token_hex(16)
            line = f"{name}={value}"
        lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o600)


def compose_environment(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The environment `docker-compose config` gives airflow-worker, and airflow-init's
    extra variables (the passwords of admin and zeef-web, the pool's size)."""
    env_file = root / "compose.env"
    _fresh_env_file(env_file)
    run = subprocess.run(
        ["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "--env-file", str(env_file),
         "config"],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    if run.returncode != 0:
        raise ClusterError("docker-compose config refused the compose file: "
                           + (run.stderr.strip().splitlines() or ["?"])[-1])  # fmt: skip
    services = yaml.safe_load(run.stdout)["services"]
    worker = {k: str(v) for k, v in services["airflow-worker"]["environment"].items()}
    init = {k: str(v) for k, v in services["airflow-init"]["environment"].items()
            if k not in worker}  # fmt: skip
    return worker, init


class AirflowCluster:
    """api-server, scheduler, dag-processor and N Celery workers, one AIRFLOW_HOME."""

    def __init__(self, root: Path, postgres: Postgres, redis: Redis, s3) -> None:
        self.root = root
        self.home = root / "airflow"
        self.home.mkdir(parents=True)
        self.api_port = free_port()
        self.health_port = free_port()
        self.s3 = s3
        worker_env, self.init_env = compose_environment(root)
        self.env = self._localise(worker_env, postgres, redis, s3)
        self.services: dict[str, Service] = {}
        self.workers: dict[str, Service] = {}
        self._token: str | None = None

    def _localise(self, env: dict[str, str], postgres: Postgres, redis: Redis, s3) -> dict:
        out = {}
        for name, value in env.items():
            value = re.sub(r"airflow:[^@]*@postgres:5432/airflow", postgres.url, value)
            value = re.sub(r"redis://:[^@]*@redis:6379/",
                           f"redis://:{redis.password}@127.0.0.1:{redis.port}/", value)
            value = value.replace("http://airflow-apiserver:8080",
                                  f"http://127.0.0.1:{self.api_port}")  # fmt: skip
            value = value.replace("http://minio:9000", s3.endpoint)
            value = value.replace("/opt/zeef/dags", str(ROOT / "dags"))
            value = value.replace("/opt/airflow/auth", str(self.home))
            out[name] = value
        # SeaweedFS here has one identity: zeef's keys are its keys.
        out.update(s3.env())
        out.update(TEST_SETTINGS)
        out.update({
            "AIRFLOW_HOME": str(self.home),
            "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{self.api_port}",
            "AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_PORT": str(self.health_port),
            # One short audit lock: the buckets are thrown away with the folder.
            "ZEEF_S3_AUDIT_LOCK_DAYS": "1",
            "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
            "HOME": os.environ.get("HOME", str(self.root)),
            "LANG": "C.UTF-8",
        })  # fmt: skip
        return out

    # -- commands --------------------------------------------------------------------------

    def airflow(self, *args: str, timeout: float = 300) -> str:
        run = subprocess.run(["airflow", *args], capture_output=True, text=True,
                             env=self.env, timeout=timeout, cwd=self.home)  # fmt: skip
        if run.returncode != 0:
            tail = (run.stderr.strip().splitlines() or ["?"])[-1]
            raise ClusterError(f"airflow {args[0]} failed: {tail[:300]}")
        return run.stdout

    def init(self, pool_slots: int) -> None:
        """What airflow-init does: migrate, the passwords file, the pool."""
        self.airflow("db", "migrate", timeout=600)
        passwords = {"admin": self.init_env["AIRFLOW_ADMIN_PASSWORD"],
                     "zeef-web": self.init_env["AIRFLOW_WEB_PASSWORD"]}  # fmt: skip
        path = Path(self.env["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"])
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps(passwords) + "\n")
        self.set_pool(pool_slots)

    def set_pool(self, slots: int) -> None:
        self.airflow("pools", "set", "zeef_ocr", str(slots), "zeef: documents at once")

    def _start(self, name: str, *args: str, env: dict | None = None) -> Service:
        service = Service(name, ["airflow", *args], self.root / f"{name}.log",
                          env=env or self.env, cwd=self.home)  # fmt: skip
        self.services[name] = service
        return service

    def start(self) -> None:
        api = self._start("api-server", "api-server", "--port", str(self.api_port))
        self._start("scheduler", "scheduler")
        self._start("dag-processor", "dag-processor")
        _wait("api-server", lambda: _http_ok(self.url("/api/v2/monitor/health")), 180,
              api.proc, api.log)  # fmt: skip
        scheduler = self.services["scheduler"]
        _wait("scheduler", lambda: _http_ok(f"http://127.0.0.1:{self.health_port}/health"),
              180, scheduler.proc, scheduler.log)  # fmt: skip

    def start_worker(self, name: str, concurrency: int = 1) -> Service:
        """A Celery worker taking `concurrency` tasks at once, its log server on a port
        of its own."""
        env = {**self.env, "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port())}
        worker = Service(
            name,
            ["airflow", "celery", "worker", "--concurrency", str(concurrency),
             "--celery-hostname", f"{name}@%h"],
            self.root / f"{name}.log", env=env, cwd=self.home,
        )  # fmt: skip
        self.workers[name] = worker
        _wait(name, lambda: self.worker_answers(name), 180, worker.proc, worker.log)
        return worker

    def worker_answers(self, name: str) -> bool:
        """The compose file's worker health check: `celery inspect ping` of itself."""
        run = subprocess.run(
            ["celery", "--app", "airflow.providers.celery.executors.celery_executor.app",
             "inspect", "ping", "-d", f"{name}@{os.uname().nodename}", "--timeout", "5"],
            capture_output=True, text=True, env=self.env, cwd=self.home, timeout=60,
        )  # fmt: skip
        return run.returncode == 0

    def jobs_check(self, job_type: str) -> bool:
        """The compose file's dag-processor and triggerer check."""
        try:
            self.airflow("jobs", "check", "--job-type", job_type, "--local", timeout=120)
        except ClusterError:
            return False
        return True

    def stop(self) -> None:
        for service in [*self.workers.values(), *reversed(list(self.services.values()))]:
            service.stop()

    # -- the REST API ------------------------------------------------------------------------

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.api_port}{path}"

    def _request(self, method: str, path: str, body: dict | None = None) -> dict:
        if self._token is None and path != "/auth/token":
            login = self._request("POST", "/auth/token", {
                "username": "admin", "password": self.init_env["AIRFLOW_ADMIN_PASSWORD"]})
            self._token = login["access_token"]
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url(path), data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if self._token and path != "/auth/token":
            req.add_header("Authorization", f"Bearer {self._token}")
        try:
            with urllib.request.urlopen(req, timeout=30) as answer:
                raw = answer.read()
        except urllib.error.HTTPError as exc:
            raise ClusterError(f"{method} {path}: HTTP {exc.code}") from None
        return json.loads(raw) if raw else {}

    def wait_for_dag(self, dag_id: str, timeout: float = 180) -> None:
        """Until the dag-processor has parsed the DAG."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                self._request("GET", f"/api/v2/dags/{dag_id}")
                break
            except ClusterError:
                time.sleep(1)
        else:
            raise ClusterError(f"{dag_id} not parsed after {timeout:.0f} s")

    def unpause_and_settle(self, dag_id: str, wait: float = 30, timeout: float = 300) -> int:
        """Unpauses the DAG, then waits until the run the scheduler makes at once (the
        latest cron time since the start date: catchup is off) has finished, so that no
        scheduled run takes a measured run's documents. How many runs there were."""
        self._request("PATCH", f"/api/v2/dags/{dag_id}", {"is_paused": False})
        deadline, seen = time.monotonic() + timeout, time.monotonic() + wait
        while time.monotonic() < deadline:
            runs = self._request("GET", f"/api/v2/dags/{dag_id}/dagRuns?limit=100")["dag_runs"]
            active = [r for r in runs if r["state"] in ("queued", "running")]
            if runs and not active:
                return len(runs)
            if not runs and time.monotonic() > seen:
                return 0
            time.sleep(1)
        raise ClusterError(f"{dag_id}'s first scheduled run not finished after {timeout:.0f} s")

    def set_variable(self, key: str, value: str) -> None:
        try:
            self._request("PATCH", f"/api/v2/variables/{key}", {"key": key, "value": value})
        except ClusterError:
            self._request("POST", "/api/v2/variables", {"key": key, "value": value})

    def trigger(self, dag_id: str) -> str:
        run = self._request("POST", f"/api/v2/dags/{dag_id}/dagRuns",
                            {"logical_date": None})  # fmt: skip
        return run["dag_run_id"]

    def run_state(self, dag_id: str, run_id: str) -> str:
        return self._request("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}")["state"]

    def task_instances(self, dag_id: str, run_id: str) -> list[dict]:
        out, offset = [], 0
        while True:
            page = self._request(
                "GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}/taskInstances"
                f"?limit=100&offset={offset}")  # fmt: skip
            out += page["task_instances"]
            offset += 100
            if offset >= page["total_entries"]:
                return out

    def wait_run(self, dag_id: str, run_id: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.run_state(dag_id, run_id)
            if state in ("success", "failed"):
                return state
            time.sleep(1)
        raise ClusterError(f"{dag_id} run not finished after {timeout:.0f} s")
