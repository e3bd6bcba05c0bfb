"""Crash safety, for real: `zeef ingest` is killed with SIGKILL at random points of a run
over a corpus, then run again. Every document ends up exactly once (one record, one
routing event, its bytes where its disposition says), no object is half-written, and
the audit chain verifies after every kill."""

from __future__ import annotations

import hashlib
import json
import random
import signal
import subprocess
import time
from collections import Counter

import pytest
from makers import ZEEF, message_lines, one_case_corpus

from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.route import ROUTE_EVENTS
from zeef.storage.local import LocalStore

KILLS = 6


@pytest.fixture(scope="module")
def one_case(tmp_path_factory):
    """A generated corpus's documents, all ingested into its first case."""
    return one_case_corpus(tmp_path_factory.mktemp("corpus"), 5, seed=8)


def audit_count(store_dir, case_id) -> int:
    folder = store_dir / "audit" / case_id
    if not folder.is_dir():
        return 0
    return sum(1 for p in folder.iterdir() if p.name[0].isdigit())


def assert_whole(store: LocalStore, case_id: str) -> None:
    """No half-written object: every document object is the sha256 of its bytes, every
    record and event parses, and the chain verifies."""
    for key in store.list(""):
        data = store.get(key)
        name = key.rsplit("/", 1)[1]
        if len(name) == 64 and key.split("/")[0] in ("dossier", "review", "returns", "outbox"):
            assert hashlib.sha256(data).hexdigest() == name, key
        elif key.endswith(".json"):
            json.loads(data)
    assert AuditTrail(store, case_id).verify().ok


def test_killed_runs_then_a_rerun_leave_every_document_exactly_once(tmp_path, one_case):
    docs, case_file, case_id = one_case
    rng = random.Random(11)
    store_dir = tmp_path / "store"
    store = LocalStore(store_dir)
    command = [ZEEF, "ingest", str(docs), "--case", str(case_file), "--store", str(store_dir)]
    total_events = len(list(docs.iterdir()))  # at least one event per file
    for _ in range(KILLS):
        target = audit_count(store_dir, case_id) + rng.randint(1, max(2, total_events // KILLS))
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while proc.poll() is None and audit_count(store_dir, case_id) < target:
            if time.monotonic() > deadline:
                break
            time.sleep(rng.uniform(0.001, 0.02))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert_whole(store, case_id)

    final = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stderr
    summary = json.loads(final.stdout)
    assert_whole(store, case_id)

    heads = message_lines(summary)
    documents = {d["sha256"]: d for d in summary["documents"]}
    records = store.list(f"cases/{case_id}/documents/")
    assert len(records) == len(documents)  # one record per document and message
    events = AuditTrail(store, case_id).events()
    routed = Counter(e.document for e in events if e.event in ROUTE_EVENTS)
    assert set(routed) == set(documents) - heads
    assert set(routed.values()) == {1}  # exactly once, however often it was interrupted
    split = Counter(e.document for e in events if e.event == "message_split")
    assert set(split) == heads and set(split.values()) <= {1}
    for sha, d in documents.items():
        if sha in heads:
            continue
        record = json.loads(store.get(f"cases/{case_id}/documents/{sha}.json"))
        assert record["disposition"] == d["disposition"]
        where = [k for k in store.list("") if k.endswith("/" + sha)]
        if record["location"]:
            assert where == [record["location"]]
        else:
            assert where == []  # destroyed or excluded: stored nowhere

    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert all(d["new"] is False for d in json.loads(again.stdout)["documents"])
