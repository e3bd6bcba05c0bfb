"""The pieces of `make cluster-test` (deploy/cluster/) that can be checked in seconds: it
runs the Airflow configuration docker-compose.yml gives, with every container address
replaced; its exactly-once check finds a lost, a duplicated and a left-over document on
a real S3 server; and the Celery workers load zeef's classifier before their pool forks.
The cluster test itself runs from `make cluster-test` (.ci/run, after `make test`)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _docker_compose() -> None:
    if shutil.which("docker-compose") is None:
        pytest.skip("the docker-compose binary is missing: `make system` installs it")


def test_the_cluster_runs_the_compose_files_airflow_settings(tmp_path, s3_server):
    _docker_compose()
    from deploy.cluster.airflow_cluster import TEST_SETTINGS, AirflowCluster, compose_environment

    worker_env, init_env = compose_environment(tmp_path)
    assert worker_env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    assert worker_env["AIRFLOW__CELERY__CELERY_CONFIG_OPTIONS"] == (
        "zeef.airflow_worker.CELERY_CONFIG"
    )
    assert {"AIRFLOW_ADMIN_PASSWORD", "AIRFLOW_WEB_PASSWORD"} <= set(init_env)
    # Fresh secrets, none left at the example's placeholder.
    assert "change-me" not in json.dumps([worker_env, init_env])

    postgres = SimpleNamespace(url="airflow:pg-secret@127.0.0.1:5999/airflow")
    redis = SimpleNamespace(password="redis-secret", port=6999)
    cluster = AirflowCluster.__new__(AirflowCluster)
    cluster.api_port, cluster.health_port, cluster.home = 7999, 8999, tmp_path / "airflow"
    cluster.root = tmp_path
    env = cluster._localise(worker_env, postgres, redis, s3_server)
    text = json.dumps(env)
    for container_address in ("@postgres:", "@redis:", "minio:9000", "airflow-apiserver",
                              "/opt/zeef", "/opt/airflow"):  # fmt: skip
        assert container_address not in text, container_address
    assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] == (
        "postgresql+psycopg2://airflow:pg-secret@127.0.0.1:5999/airflow"
    )
    assert env["AIRFLOW__CELERY__BROKER_URL"] == "redis://:redis-secret@127.0.0.1:6999/0"
    assert env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"] == "http://127.0.0.1:7999/execution/"
    assert env["AIRFLOW__CORE__DAGS_FOLDER"] == str(ROOT / "dags")
    assert env["ZEEF_S3_ENDPOINT"] == s3_server.endpoint
    # Everything else as compose says, but the listed test settings.
    for name, value in worker_env.items():
        if name not in TEST_SETTINGS and not any(
            s in value for s in ("@postgres:", "@redis:", "minio:", "airflow-apiserver", "/opt/")
        ) and not name.startswith("ZEEF_S3_"):
            assert env[name] == value, name


def _ingest(store, server, monkeypatch, tmp_path):
    """Three generated documents of one case through the intake's own steps."""
    from deploy.cluster.inbox import Document, fill
    from zeef.pipeline import intake

    corpus = tmp_path / "corpus"
    subprocess.run([str(Path(sys.executable).parent / "zeef"), "corpus", "generate",
                    str(corpus), "--per-category", "1", "--seed", "7"],
                   check=True, capture_output=True)  # fmt: skip
    labels = [json.loads(line) for line in (corpus / "labels.jsonl").read_text().splitlines()]
    case = labels[0]["case"]
    docs = [Document(corpus / label["file"], Path(case).stem, label["sha256"], label["format"])
            for label in labels if label["case"] == case][:3]  # fmt: skip
    inbox_bucket = f"inbox-{store.bucket}"
    client = server.client()
    client.make_bucket(inbox_bucket)
    fill(store, client, inbox_bucket, docs, [corpus / case])
    for name, value in server.env().items():
        monkeypatch.setenv(name, value)
    for item in intake.collect_inbox(store, f"s3://{inbox_bucket}/inbox", "run-1"):
        intake.process_item(store, item["case_id"], item["staged"], "run-1")
    return client, inbox_bucket, docs


def test_exactly_once_finds_lost_duplicated_and_left_over(s3_server, monkeypatch, tmp_path):
    from deploy.cluster.inbox import exactly_once
    from zeef.pipeline.audit import AuditTrail

    store = s3_server.store()
    client, inbox_bucket, docs = _ingest(store, s3_server, monkeypatch, tmp_path)
    outcome = exactly_once(store, client, inbox_bucket, docs)
    assert outcome.exactly_once, outcome
    assert outcome.records >= len(docs)

    case_id = docs[0].case_id
    AuditTrail(store, case_id).append(event="document_stored", document=docs[0].sha256,
                                      actor="test")  # fmt: skip
    store.delete(f"cases/{case_id}/documents/{docs[1].sha256}.json")
    client.put_object(inbox_bucket, f"inbox/{case_id}/late.txt", _Bytes(b"te laat"), 7)
    outcome = exactly_once(store, client, inbox_bucket, docs)
    assert outcome.duplicated == [docs[0].sha256[:12]]
    assert docs[1].sha256[:12] in outcome.lost
    assert outcome.left_in_inbox == 1
    assert not outcome.exactly_once


class _Bytes:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        out, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return out


@pytest.mark.parametrize("signal_sent", [False, True])
def test_a_worker_loads_the_classifier_before_its_pool_forks(signal_sent):
    """Celery's worker_init (sent by a worker's main process only) loads the analyzer,
    so the tasks forked from it inherit it; importing the settings alone loads nothing
    (the scheduler and api-server read them too)."""
    code = (
        "import zeef.airflow_worker as w\n"
        "from celery.signals import worker_init\n"
        + ("worker_init.send(sender=None)\n" if signal_sent else "")
        + "from zeef.classifiers.analyzer import analyzer\n"
        "print(analyzer.cache_info().currsize)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=300)  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().splitlines()[-1] == ("1" if signal_sent else "0")
