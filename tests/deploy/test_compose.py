"""The deployment files (docs/deployment.md), checked without Docker: docker-compose.yml
through Debian's `docker-compose config` (1.29, offline), the Dockerfile as text, the
secrets' path from .env.example, and deploy/check-store.py against a real S3 server.

Skipped only when the `docker-compose` binary is missing (`make system` installs it)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKERFILE = ROOT / "Dockerfile"
CONSTRAINTS = ROOT / "deploy" / "constraints.txt"
CHECK_STORE = ROOT / "deploy" / "check-store.py"

SERVICES = {
    "postgres",
    "redis",
    "minio",
    "minio-init",
    "airflow-init",
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
    "airflow-worker",
    "zeef-review",
    "dovecot",
}
ONE_SHOTS = {"minio-init", "airflow-init"}
# Names of environment variables whose values are secrets (or carry one, as a URL does).
SECRET_NAME = re.compile(
    r"PASSWORD|SECRET|TOKEN|FERNET|ACCESS_KEY|_AUTH$|SQL_ALCHEMY_CONN|BROKER_URL|RESULT_BACKEND"
)
NOT_SECRET = re.compile(r"_FILE$")  # a path to a secret, e.g. the password file's place
# Secrets that may be left empty, so `${VAR:-}`: the web app's Airflow token (empty: it
# never calls Airflow) and the Dovecot password (only the `mail` profile needs it; its
# container refuses to start without one).
OPTIONAL_SECRETS = {"ZEEF_AIRFLOW_API_TOKEN", "DOVECOT_INTAKE_PASSWORD"}


def _docker_compose() -> str:
    found = shutil.which("docker-compose")
    if found is None:
        pytest.skip(
            "the docker-compose binary is missing: `make system` installs Debian's "
            "docker-compose (apt-get install -y docker-compose)"
        )
    return found


def _config(env_file: Path) -> subprocess.CompletedProcess:
    """`docker-compose config` with only this env file: a clean environment, so that no
    variable of the shell running the tests stands in for one .env must give."""
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(env_file.parent)}
    return subprocess.run(
        [_docker_compose(), "-f", str(COMPOSE), "--env-file", str(env_file), "config"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def config() -> dict:
    run = _config(ENV_EXAMPLE)
    assert run.returncode == 0, run.stderr
    return yaml.safe_load(run.stdout)


@pytest.fixture(scope="module")
def raw() -> dict:
    """The file as written (anchors merged, `${...}` not yet replaced)."""
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def _env_example() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def _required_variables() -> list[str]:
    return sorted(set(re.findall(r"\$\{([A-Z0-9_]+):\?", COMPOSE.read_text(encoding="utf-8"))))


# -- docker-compose config ----------------------------------------------------------------


def test_docker_compose_accepts_the_file_with_every_service(config):
    assert SERVICES <= set(config["services"])
    assert config["services"]["dovecot"].get("profiles") == ["mail"]


def test_every_long_running_service_has_a_health_check(config):
    services = config["services"]
    missing = [
        name
        for name, service in services.items()
        if name not in ONE_SHOTS and "test" not in service.get("healthcheck", {})
    ]
    assert missing == []
    for name in ONE_SHOTS:
        assert services[name].get("restart") == "no", name


def test_the_airflow_services_wait_for_what_they_need(config):
    services = config["services"]
    for name in ("airflow-apiserver", "airflow-scheduler", "airflow-dag-processor",
                 "airflow-triggerer", "airflow-worker"):  # fmt: skip
        needs = services[name]["depends_on"]
        assert needs["postgres"]["condition"] == "service_healthy", name
        assert needs["redis"]["condition"] == "service_healthy", name
        assert needs["airflow-init"]["condition"] == "service_completed_successfully", name
    assert services["airflow-init"]["depends_on"]["minio-init"]["condition"] == (
        "service_completed_successfully"
    )
    assert services["minio-init"]["depends_on"]["minio"]["condition"] == "service_healthy"
    assert services["zeef-review"]["depends_on"]["minio-init"]["condition"] == (
        "service_completed_successfully"
    )


def test_airflow_runs_celery_on_postgres_and_redis(config):
    env = config["services"]["airflow-scheduler"]["environment"]
    assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].startswith("postgresql+psycopg2://")
    assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].endswith("@postgres:5432/airflow")
    assert env["AIRFLOW__CELERY__BROKER_URL"].startswith("redis://")
    assert env["AIRFLOW__CELERY__RESULT_BACKEND"].startswith("db+postgresql://")
    assert env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"] == (
        "http://airflow-apiserver:8080/execution/"
    )
    assert env["AIRFLOW__CORE__DAGS_FOLDER"] == "/opt/zeef/dags"
    worker = config["services"]["airflow-worker"]["environment"]
    assert worker["ZEEF_STORE"] == "s3://zeef"
    assert worker["ZEEF_S3_ENDPOINT"] == "http://minio:9000"


def test_the_worker_can_be_scaled(config):
    worker = config["services"]["airflow-worker"]
    assert "container_name" not in worker
    assert "ports" not in worker  # a fixed host port would clash at --scale
    assert worker["command"][:3] == ["airflow", "celery", "worker"]


def test_published_ports_are_on_localhost_only(config):
    for name, service in config["services"].items():
        for port in service.get("ports", []):
            text = port if isinstance(port, str) else f"{port.get('host_ip')}:{port}"
            assert text.startswith("127.0.0.1:"), (name, port)


# -- secrets ------------------------------------------------------------------------------


def test_no_service_holds_a_literal_secret(raw):
    """Every secret-like value in the file as written is a `${VAR:?...}` reference (a
    URL's password too): nothing to fall back on, nothing to leak from the file."""
    literal = []
    for name, service in raw["services"].items():
        env = service.get("environment") or {}
        assert isinstance(env, dict), name
        for key, value in env.items():
            if not SECRET_NAME.search(key) or NOT_SECRET.search(key):
                continue
            value = str(value)
            refs = re.findall(r"\$\{[A-Z0-9_]+(:[?-][^}]*)?\}", value)
            if not refs:
                literal.append((name, key))
            elif key not in OPTIONAL_SECRETS:
                # A required secret: `${VAR:?...}`, never a default.
                if not all(ref.startswith(":?") for ref in refs):
                    literal.append((name, key))
    assert literal == []


def test_no_password_in_a_url_of_the_file():
    text = COMPOSE.read_text(encoding="utf-8")
    assert re.findall(r"://[^:/\s@]*:(?!\$\{)[^@\s]+@", text) == []


def test_every_secret_comes_from_the_env_file(config):
    """With .env.example, every secret-like value is the example's placeholder (or an
    optional one left empty): each came from the env file and from nowhere else."""
    stray = []
    for name, service in config["services"].items():
        for key, value in (service.get("environment") or {}).items():
            if not SECRET_NAME.search(key) or NOT_SECRET.search(key):
                continue
            if "change-me" not in str(value) and not (key in OPTIONAL_SECRETS and not value):
                stray.append((name, key))
    assert stray == []


def test_without_an_env_file_compose_refuses_and_names_the_variable(tmp_path):
    empty = tmp_path / "empty.env"
    empty.write_text("")
    run = _config(empty)
    assert run.returncode != 0
    assert re.search(r"set [A-Z0-9_]+ in \.env", run.stderr), run.stderr


def test_each_required_variable_alone_is_required(tmp_path):
    """No required variable has a fallback: leaving out any one of them stops compose
    with a message naming it."""
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    required = _required_variables()
    assert len(required) >= 12
    for name in required:
        env_file = tmp_path / f"without-{name}.env"
        env_file.write_text("\n".join(x for x in lines if not x.startswith(f"{name}=")) + "\n")
        run = _config(env_file)
        assert run.returncode != 0, name
        assert f"set {name} in .env" in run.stderr, (name, run.stderr)


def test_the_env_example_lists_every_variable_with_placeholders_only():
    text = COMPOSE.read_text(encoding="utf-8")
    example_text = ENV_EXAMPLE.read_text(encoding="utf-8")
    values = _env_example()
    for name in _required_variables():
        assert values.get(name) == "change-me" or name == "AIRFLOW_USERS", name
    assert values["AIRFLOW_USERS"].split(",")[:2] == ["admin:admin", "zeef-web:user"]
    for name in set(re.findall(r"\$\{([A-Z0-9_]+):-", text)):
        # optional: listed, possibly commented out with its default
        assert re.search(rf"^#? ?{name}=", example_text, re.M), name
    for name, value in values.items():
        if SECRET_NAME.search(name) and name not in OPTIONAL_SECRETS:
            assert value == "change-me", name


# -- the image ----------------------------------------------------------------------------


def _dockerfile() -> str:
    return DOCKERFILE.read_text(encoding="utf-8")


def test_the_image_has_tesseract_with_the_dutch_model():
    text = _dockerfile()
    assert re.search(r"^FROM python:3\.11-slim-bookworm\b", text, re.M)
    assert re.search(r"apt-get install[^\n]*(\\\n[^\n]*)*\btesseract-ocr-nld\b", text)
    assert "tesseract --list-langs" in text  # the build fails without the model


def test_the_image_does_not_run_as_root():
    users = re.findall(r"^USER\s+(\S+)", _dockerfile(), re.M)
    assert users, "no USER line"
    assert users[-1] not in ("root", "0") and not users[-1].startswith(("root:", "0:"))


def test_the_image_pins_are_exact_and_locked():
    """The image installs zeef[web,airflow,celery] under deploy/constraints.txt, which
    agrees with every exact pin of those extras (deploy/lock.sh regenerates it)."""
    assert re.search(r'"/opt/zeef/src\[web,airflow,celery\]"', _dockerfile())
    assert "--constraint /opt/zeef/constraints.txt" in _dockerfile()
    locked = dict(
        line.split("==")
        for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    assert {"apache-airflow-providers-celery", "apache-airflow-providers-postgres",
            "psycopg2-binary", "redis", "celery"} <= {  # fmt: skip
        r.partition("==")[0] for r in extras["celery"]
    }
    for requirement in extras["airflow"] + extras["celery"]:
        name, _, version = requirement.partition("==")
        assert version, (requirement, "the airflow and celery extras pin exactly")
        assert locked.get(name) == version, (requirement, "run deploy/lock.sh")


def test_the_scripts_parse():
    for script in sorted((ROOT / "deploy").rglob("*.sh")):
        shell = "bash" if script.read_text(encoding="utf-8").startswith("#!/bin/bash") else "sh"
        run = subprocess.run([shell, "-n", str(script)], capture_output=True, text=True)
        assert run.returncode == 0, (script.name, run.stderr)


def test_dockerignore_keeps_secrets_out_of_the_image():
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert ".env" in ignored and "!.env.example" in ignored


# -- deploy/check-store.py against a real S3 server ---------------------------------------


def _check_store(server, bucket: str, **extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **server.env(), "ZEEF_STORE": f"s3://{bucket}"}
    env.pop("ZEEF_S3_AUDIT_LOCK_DAYS", None)
    env.update(extra)
    return subprocess.run(
        [sys.executable, str(CHECK_STORE)], env=env, capture_output=True, text=True, timeout=60
    )


def test_check_store_wants_object_lock_without_default_retention(s3_server):
    from minio.objectlockconfig import COMPLIANCE, DAYS, ObjectLockConfig
    from s3server import fresh_bucket

    client = s3_server.client()
    locked, plain, everything = fresh_bucket(), fresh_bucket(), fresh_bucket()
    client.make_bucket(locked, object_lock=True)
    client.make_bucket(plain)
    client.make_bucket(everything, object_lock=True)
    client.set_object_lock_config(everything, ObjectLockConfig(COMPLIANCE, 1, DAYS))

    ok = _check_store(s3_server, locked)
    assert ok.returncode == 0, ok.stderr
    assert "object lock on" in ok.stdout

    no_lock = _check_store(s3_server, plain)
    assert no_lock.returncode == 1 and "has no object lock" in no_lock.stderr
    switched_off = _check_store(s3_server, plain, ZEEF_S3_AUDIT_LOCK_DAYS="0")
    assert switched_off.returncode == 0, switched_off.stderr

    default_retention = _check_store(s3_server, everything)
    assert default_retention.returncode == 1
    assert "default retention" in default_retention.stderr

    missing = _check_store(s3_server, fresh_bucket())
    assert missing.returncode == 1 and "does not exist" in missing.stderr


def test_check_store_refuses_placeholders_and_never_prints_a_secret(s3_server):
    from s3server import fresh_bucket

    bucket = fresh_bucket()
    s3_server.client().make_bucket(bucket, object_lock=True)
    placeholder = _check_store(s3_server, bucket, ZEEF_WEB_SECRET="change-me")
    assert placeholder.returncode == 1 and "ZEEF_WEB_SECRET" in placeholder.stderr
    wrong = _check_store(s3_server, bucket, ZEEF_S3_SECRET_KEY="not-the-secret-key")
    assert wrong.returncode == 1 and "refused" in wrong.stderr
    for run in (placeholder, wrong):
        assert s3_server.secret_key not in run.stdout + run.stderr
        assert "not-the-secret-key" not in run.stdout + run.stderr
