"""Two runs on one case at once (as Airflow will start them): one writer per case is a
guarantee on both backends. Real concurrency: two `zeef ingest` processes started
together, repeated; then the lock's own behaviour (a busy case, a crashed holder, a lease
that ran out or was taken over) and put_new's atomic create under threads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
from makers import ZEEF, message_lines, one_case_corpus
from s3server import fresh_bucket

from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.route import ROUTE_EVENTS
from zeef.storage.local import LocalStore
from zeef.storage.lock import CaseBusy, LockLost, S3Lease, _machine, _started, case_lock

ROUNDS = 3


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return one_case_corpus(tmp_path_factory.mktemp("corpus"), 1, seed=31)


def _backend(kind, tmp_path, request):
    """(store, env for a subprocess, --store URL) of a fresh store of `kind`."""
    if kind == "local":
        root = tmp_path / "store"
        return LocalStore(root), dict(os.environ), str(root)
    server = request.getfixturevalue("s3_server")
    bucket = fresh_bucket()
    env = {**os.environ, **server.env(), "ZEEF_S3_RETRY_SECONDS": "5"}
    return server.store(bucket), env, f"s3://{bucket}"


def _check_once(store, case_id, summaries):
    """The trail verifies and is sealed; every document routed has one record and one
    routing event; no document bytes are stored without a record; no document was new
    in both runs."""
    result = AuditTrail(store, case_id).verify()
    assert result.ok and not result.unsealed, result
    documents, heads = {}, set()
    for summary in summaries:
        heads |= message_lines(summary)
        for d in summary["documents"]:
            documents.setdefault(d["sha256"], []).append(d)
    events = AuditTrail(store, case_id).events()
    routed = Counter(e.document for e in events if e.event in ROUTE_EVENTS)
    assert set(routed) == set(documents) - heads
    assert set(routed.values()) == {1}
    records = {
        k.rsplit("/", 1)[1][: -len(".json")] for k in store.list(f"cases/{case_id}/documents/")
    }
    assert records == set(documents)
    for key in store.list(""):
        name = key.rsplit("/", 1)[1]
        if len(name) == 64 and key.split("/")[0] in ("dossier", "review", "returns", "outbox"):
            assert name in records, "bytes stored without a record"
    parts = [d for ds in documents.values() for d in ds if d["sha256"] not in heads]
    new = Counter(d["sha256"] for d in parts if d["new"])
    assert set(new.values()) <= {1}, "a document was new in both runs"


@pytest.mark.parametrize("kind", ["local", "s3"])
def test_two_ingests_at_once_never_corrupt_the_case(kind, corpus, tmp_path, request):
    docs, case_file, case_id = corpus
    files = sorted(str(p) for p in docs.iterdir())
    half = len(files) // 2
    splits = [
        (files, files),  # the same documents
        (files[:half], files[half:]),  # different documents
        (files[: half + 2], files[half - 2 :]),  # some in both
    ]
    for round_ in range(ROUNDS):
        store, env, url = _backend(kind, tmp_path / f"r{round_}", request)
        env["ZEEF_LOCK_WAIT_SECONDS"] = "300"  # the second waits for the first, then runs
        first, second = splits[round_ % len(splits)]
        procs = [
            subprocess.Popen(
                [ZEEF, "ingest", *paths, "--case", str(case_file), "--store", url],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for paths in (first, second)
        ]
        outs = [p.communicate(timeout=600) for p in procs]
        for proc, (_, err) in zip(procs, outs, strict=True):
            assert proc.returncode == 0, err
            assert "Traceback" not in err
        _check_once(store, case_id, [json.loads(out) for out, _ in outs])


@pytest.mark.parametrize("kind", ["local", "s3"])
def test_a_busy_case_waits_then_exits_1_with_one_line_and_writes_nothing(
    kind, corpus, tmp_path, request
):
    docs, case_file, case_id = corpus
    store, env, url = _backend(kind, tmp_path, request)
    env["ZEEF_LOCK_WAIT_SECONDS"] = "1"
    before = store.list("")
    with case_lock(store, case_id, wait=0):  # another run, in this process
        start = time.monotonic()
        proc = subprocess.run(
            [ZEEF, "ingest", str(docs), "--case", str(case_file), "--store", url],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        f"zeef: error: case {case_id} is being written by another run; try again"
    ]
    assert proc.stdout == ""
    assert time.monotonic() - start < 60
    assert store.list("") == before


@pytest.mark.parametrize("kind", ["local", "s3"])
def test_one_holder_at_a_time_across_threads(kind, tmp_path, request):
    store, _, _ = _backend(kind, tmp_path, request)
    inside, overlaps, done = [0], [], []
    guard = threading.Lock()

    def worker():
        with case_lock(store, "c-1", wait=60, lease=10):
            with guard:
                inside[0] += 1
                overlaps.append(inside[0])
            time.sleep(0.05)
            with guard:
                inside[0] -= 1
        done.append(1)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(done) == 6 and max(overlaps) == 1


@pytest.mark.parametrize("kind", ["local", "s3"])
def test_put_new_is_an_atomic_create(kind, tmp_path, request):
    store, _, _ = _backend(kind, tmp_path, request)
    for n in range(3):
        key = f"audit/c-1/{n:010d}.json"
        results = []
        barrier = threading.Barrier(8)

        def racer(i, key=key, barrier=barrier, results=results):
            barrier.wait()
            results.append((store.put_new(key, f"writer {i}".encode()), i))

        threads = [threading.Thread(target=racer, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        winners = [i for ok, i in results if ok]
        assert len(results) == 8 and len(winners) == 1
        assert store.get(key) == f"writer {winners[0]}".encode()


_HOLD = """
import sys, time
from zeef.storage import open_store
from zeef.storage.lock import case_lock
lock = case_lock(open_store(sys.argv[1]), "c-1", wait=0, lease=60)
print("held", flush=True)
time.sleep(600)
"""


@pytest.mark.parametrize("kind", ["local", "s3"])
def test_a_killed_holder_does_not_block_the_next_run(kind, tmp_path, request):
    """SIGKILL: no release. Local: the kernel drops the flock. S3: the lease names a
    process of this machine that is gone, so it is taken over at once (the lease itself
    would last 60 s)."""
    store, env, url = _backend(kind, tmp_path, request)
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLD, url], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "held"
        with pytest.raises(CaseBusy):
            case_lock(store, "c-1", wait=0.3)
    finally:
        proc.kill()
        proc.wait()
    start = time.monotonic()
    with case_lock(store, "c-1", wait=5):
        pass
    assert time.monotonic() - start < 5


def _lease_body(**fields) -> bytes:
    body = {"owner": "0" * 32, "expires": time.time() + 600, "machine": None, "pid": 1}
    return json.dumps({**body, **fields}).encode()


def test_s3_lease_of_another_machine_waits_until_it_expires(s3_server):
    store = s3_server.store()
    key = ".zeef-locks/c-1"
    store._put_if(key, _lease_body(machine="f" * 32), if_none_match=True)
    with pytest.raises(CaseBusy, match="case c-1 is being written by another run"):
        case_lock(store, "c-1", wait=0.5)
    # Expired (by more than the allowed clock skew): taken over with a compare-and-swap.
    store._put_if(key, _lease_body(machine="f" * 32, expires=time.time() - 60))
    with case_lock(store, "c-1", wait=0.5) as lock:
        lock.check()
    assert store._get_raw(key) is None  # released


def test_s3_lease_of_a_process_here_that_is_gone_is_taken_over(s3_server):
    store = s3_server.store()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True)  # fmt: skip
    pid = int(gone.stdout)
    store._put_if(".zeef-locks/c-1", _lease_body(machine=_machine(), pid=pid), if_none_match=True)
    with case_lock(store, "c-1", wait=0.5):
        pass
    # A live process of this machine (this one) is waited for.
    me = _lease_body(machine=_machine(), pid=os.getpid(), started=_started(os.getpid()))
    store._put_if(".zeef-locks/c-1", me, if_none_match=True)
    with pytest.raises(CaseBusy):
        case_lock(store, "c-1", wait=0.5)


def test_s3_lease_is_renewed_and_a_takeover_stops_the_holder(s3_server):
    store = s3_server.store()
    lock = case_lock(store, "c-1", wait=0, lease=2)  # renewed every 0.5 s
    assert isinstance(lock, S3Lease)
    time.sleep(3)  # longer than the lease: still held, because renewed
    lock.check()
    with pytest.raises(CaseBusy):
        case_lock(store, "c-1", wait=0.2, lease=2)
    # Someone takes the lease over (as an expired lease is): the holder notices at its
    # next renewal and stops; its release leaves the new holder's lease alone.
    found = store._get_raw(".zeef-locks/c-1")
    assert store._put_if(".zeef-locks/c-1", _lease_body(), if_match=found[1]) is not None
    deadline = time.monotonic() + 5
    with pytest.raises(LockLost):
        while time.monotonic() < deadline:
            lock.check()
            time.sleep(0.1)
    lock.release()
    assert json.loads(store._get_raw(".zeef-locks/c-1")[0])["owner"] == "0" * 32


def test_s3_lease_objects_are_not_store_objects(s3_server):
    store = s3_server.store()
    with case_lock(store, "c-1", wait=0):
        assert store.list("") == []
