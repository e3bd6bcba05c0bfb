"""`make cluster-test`: zeef's production topology as processes, and what it must survive.

    python -m deploy.cluster [--keep] [--per-category 18] [--scanned-per-category 2]

Starts PostgreSQL, Redis, SeaweedFS (S3), and Airflow's api-server, scheduler,
dag-processor and Celery workers (each worker one task at a time), configured from
`docker-compose config` of docker-compose.yml (deploy/cluster/airflow_cluster.py). Then
three runs of zeef_intake, each over the same ~200 documents uploaded to a fresh inbox
and stored in a fresh bucket with object lock:

1. one worker, pool zeef_ocr 1: documents per second;
2. two workers, pool 2: documents per second;
3. two workers, one of them SIGKILLed (its whole process group) once half the
   documents are done: the run must still complete.

After each: every document recorded exactly once (deploy/cluster/inbox.py). Prints a
line per step, then as its last line the JSON of the issue's contract. Exit 0 only when
nothing was lost or duplicated in any run, the killed run completed, and every health
check passed; the throughput ratio is reported, not enforced (a figure, not a test).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from .airflow_cluster import AirflowCluster
from .inbox import exactly_once, fill, make_documents
from .services import ClusterError, Postgres, Redis, make_bucket, s3_server

DAG_ID = "zeef_intake"


def say(text: str) -> None:
    print(f"cluster-test: {text}", flush=True)


def _process_tasks(cluster: AirflowCluster, run_id: str) -> list[dict]:
    return [t for t in cluster.task_instances(DAG_ID, run_id) if t["task_id"] == "process"]


def _kill_when_busy(cluster: AirflowCluster, run_id: str, victim: str, total: int,
                    timeout: float) -> dict:  # fmt: skip
    """Waits until half the documents are done and both workers are running one
    (each takes one task at a time, so `victim` is busy), then SIGKILLs `victim`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        tasks = _process_tasks(cluster, run_id)
        done = sum(1 for t in tasks if t["state"] == "success")
        running = sum(1 for t in tasks if t["state"] == "running")
        if done >= total // 2 and running >= 2:
            cluster.workers[victim].kill()
            return {"done_before": done, "running": running}
        time.sleep(0.5)
    raise ClusterError("the workers were never both busy")


def _span(tasks: list[dict]) -> float:
    """Seconds from the first process task's start to the last one's end."""
    starts = [t["start_date"] for t in tasks if t.get("start_date")]
    ends = [t["end_date"] for t in tasks if t.get("end_date")]
    if not starts or not ends:
        return 0.0
    first = datetime.fromisoformat(min(starts).replace("Z", "+00:00"))
    last = datetime.fromisoformat(max(ends).replace("Z", "+00:00"))
    return (last - first).total_seconds()


def one_run(cluster: AirflowCluster, s3, name: str, documents, cases, workers: int,
            kill: bool = False, timeout: float = 1500) -> dict:  # fmt: skip
    store_bucket, inbox_bucket = f"zeef-{name}", f"inbox-{name}"
    make_bucket(s3, store_bucket, object_lock=True)
    make_bucket(s3, inbox_bucket, object_lock=False)
    store = s3.store(store_bucket)
    client = s3.client()
    fill(store, client, inbox_bucket, documents, cases)
    cluster.set_variable("zeef_store", f"s3://{store_bucket}")
    cluster.set_variable("zeef_inbox", f"s3://{inbox_bucket}/inbox")
    for index in range(1, workers + 1):
        if f"w{index}" not in cluster.workers or not cluster.workers[f"w{index}"].running:
            cluster.start_worker(f"w{index}")
    for extra in [w for w in cluster.workers if int(w[1:]) > workers]:
        cluster.workers.pop(extra).stop()
    # Each worker runs one task at a time; the pool lets one more wait queued in Redis
    # behind each, so that a worker takes its next document when it finishes one rather
    # than after the scheduler's next loop.
    cluster.set_pool(2 * workers)
    started = time.monotonic()
    run_id = cluster.trigger(DAG_ID)
    killed = None
    if kill:
        killed = _kill_when_busy(cluster, run_id, f"w{workers}", len(documents), timeout)
        say(f"{name}: SIGKILLed worker w{workers} with {killed['done_before']} documents done "
            f"and {killed['running']} running")
    state = cluster.wait_run(DAG_ID, run_id, timeout)
    seconds = time.monotonic() - started
    tasks = _process_tasks(cluster, run_id)
    tries = sum(max(1, int(t.get("try_number") or 1)) for t in tasks)
    outcome = exactly_once(store, client, inbox_bucket, documents)
    result = {
        "run": name, "documents": len(documents), "workers": workers, "state": state,
        "seconds": round(seconds, 1),
        "docs_per_s": round(len(documents) / seconds, 3), "records": outcome.records,
        "lost": len(outcome.lost), "duplicated": len(outcome.duplicated),
        "unverified_trails": len(outcome.unverified), "left_in_inbox": outcome.left_in_inbox,
        "left_staged": outcome.left_staged, "process_tasks": len(tasks),
        "process_tries": tries, "exactly_once": outcome.exactly_once,
        # The mapped `process` tasks alone, without collect, park and the letters.
        "process_docs_per_s": round(len(documents) / max(_span(tasks), 0.001), 3),
        # Documents that failed every try and were parked in review (`park`).
        "parked_for_review": sum(1 for t in tasks if t["state"] == "failed"),
    }  # fmt: skip
    if killed:
        result["killed"] = killed
    say(f"{name}: " + json.dumps(result, sort_keys=True))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.cluster")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--per-category", type=int, default=21)
    parser.add_argument("--scanned-per-category", type=int, default=1)
    args = parser.parse_args(argv)
    # SIGTERM (a CI timeout, Ctrl-C's cousin) stops the servers too, through `finally`.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    root = Path(tempfile.mkdtemp(prefix="zeef-cluster-"))
    root.chmod(0o755)  # PostgreSQL runs as `postgres` when this runs as root
    servers: list = []
    cluster = None
    results: list[dict] = []
    health: dict[str, bool] = {}
    begun = time.monotonic()
    try:
        documents, cases = make_documents(root / "documents", args.per_category,
                                          args.scanned_per_category)  # fmt: skip
        formats = Counter(doc.format for doc in documents)
        say(f"{len(documents)} documents in {len(cases)} cases: "
            + ", ".join(f"{n} {f}" for f, n in sorted(formats.items())))
        postgres, redis = Postgres(root), Redis(root)
        postgres.start()
        servers.append(postgres.service)
        redis.start()
        servers.append(redis.service)
        s3 = s3_server(root)
        servers.append(s3)
        cluster = AirflowCluster(root, postgres, redis, s3)
        cluster.init(pool_slots=1)
        cluster.start()
        cluster.wait_for_dag(DAG_ID)
        cluster.start_worker("w1")
        # The run the scheduler starts on unpausing goes to buckets of its own.
        make_bucket(s3, "zeef-warm-up", object_lock=True)
        make_bucket(s3, "inbox-warm-up", object_lock=False)
        cluster.set_variable("zeef_store", "s3://zeef-warm-up")
        cluster.set_variable("zeef_inbox", "s3://inbox-warm-up/inbox")
        settled = cluster.unpause_and_settle(DAG_ID)
        say(f"unpaused {DAG_ID}: {settled} scheduled run(s) over an empty inbox first")
        health = {
            "postgres": postgres.health(), "redis": redis.health(),
            "api-server": True, "scheduler": True,  # waited on their health URLs above
            "dag-processor": cluster.jobs_check("DagProcessorJob"),
            "worker": cluster.worker_answers("w1"),
        }  # fmt: skip
        say(f"started in {time.monotonic() - begun:.0f} s; health checks: "
            + json.dumps(health, sort_keys=True))
        results.append(one_run(cluster, s3, "one-worker", documents, cases, workers=1))
        results.append(one_run(cluster, s3, "two-workers", documents, cases, workers=2))
        results.append(one_run(cluster, s3, "worker-killed", documents, cases, workers=2,
                               kill=True))  # fmt: skip
    except ClusterError as exc:
        say(f"error: {exc}")
        return 1
    finally:
        if cluster is not None:
            cluster.stop()
        for server in reversed(servers):
            with contextlib.suppress(Exception):
                server.stop()
        if args.keep:
            say(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
        say(f"took {time.monotonic() - begun:.0f} s")
        if results:
            print(json.dumps(summary(results), sort_keys=True), flush=True)
    ok = (all(r["exactly_once"] and r["state"] == "success" for r in results)
          and len(results) == 3 and all(health.values()))  # fmt: skip
    return 0 if ok else 1


def summary(results: list[dict]) -> dict:
    by_name = {r["run"]: r for r in results}
    one, two = by_name.get("one-worker"), by_name.get("two-workers")
    killed = by_name.get("worker-killed")
    return {
        "documents": results[0]["documents"],
        "lost": sum(r["lost"] for r in results),
        "duplicated": sum(r["duplicated"] for r in results),
        "worker_killed": bool(killed and killed.get("killed") and killed["state"] == "success"),
        "workers": {"1": one and one["docs_per_s"], "2": two and two["docs_per_s"]},
        "speedup": round(two["docs_per_s"] / one["docs_per_s"], 2) if one and two else None,
    }


if __name__ == "__main__":
    sys.exit(main())
