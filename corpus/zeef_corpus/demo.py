"""The main job on sample documents (`make demo`): a labelled sample generated, its cases
registered, its documents laid in a local inbox (`INBOX/CASE_ID/file`), one run of the
Airflow DAG `zeef_intake` over it (`airflow dags test`, SQLite metadata database under
OUT/airflow), what went where printed, and the sample's classification scored.

    python -m zeef_corpus.demo OUT [--per-category N] [--seed S] [--without-airflow]

Without Airflow installed (or with --without-airflow) the same documents go through
`zeef ingest`, case by case, and the demo says so.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from zeef.domain.case import load_case
from zeef.domain.records import DocumentRecord, record_from_bytes
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.evaluate import evaluate_folder, format_report
from zeef.pipeline.ingest import ingest_paths
from zeef.pipeline.labelled import read_labelled_folder
from zeef.pipeline.route import records_prefix
from zeef.storage.local import LocalStore
from zeef_corpus.generate import generate_corpus

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[2]


def _airflow_env(home: Path, store: Path, inbox: Path) -> dict[str, str]:
    return {
        **os.environ,
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(home / "logs"),
        "ZEEF_STORE": str(store),
        "ZEEF_INBOX": str(inbox),
    }


def _airflow(env: dict[str, str], *args: str) -> None:
    run = subprocess.run(
        [str(BIN / "airflow"), *args], env=env, capture_output=True, text=True, timeout=600
    )
    if run.returncode != 0:
        sys.stderr.write(run.stdout[-3000:] + run.stderr[-3000:])
        raise SystemExit(f"demo: `airflow {' '.join(args[:2])}` failed ({run.returncode})")


def through_airflow(out: Path, store: LocalStore, by_case: dict[Path, list[Path]]) -> None:
    """Register the cases, fill the inbox, run zeef_intake once with `airflow dags test`."""
    case_files = [str(p) for p in sorted(by_case)]
    subprocess.run(
        [str(BIN / "zeef"), "cases", "add", *case_files, "--store", str(store.root)],
        check=True,
        capture_output=True,
    )
    inbox = out / "inbox"
    for case_path, files in by_case.items():
        folder = inbox / load_case(case_path).case_id
        folder.mkdir(parents=True, exist_ok=True)
        for file in files:
            shutil.copy2(file, folder / file.name)
    env = _airflow_env(out / "airflow", store.root, inbox)
    started = time.monotonic()
    _airflow(env, "db", "migrate")
    _airflow(env, "pools", "set", "zeef_ocr", "2", "zeef: documents read at once")
    _airflow(env, "dags", "test", "zeef_intake")
    left = [p for p in inbox.rglob("*") if p.is_file()]
    print(
        f"airflow dags test zeef_intake: {time.monotonic() - started:.0f} s; "
        f"inbox {'empty' if not left else f'still holds {len(left)} files'}; "
        f"metadata database {out / 'airflow' / 'airflow.db'}"
    )


def through_ingest(store: LocalStore, by_case: dict[Path, list[Path]]) -> None:
    for case_path, files in sorted(by_case.items()):
        ingest_paths(store, load_case(case_path), [str(f) for f in files], progress=False)


def report(store: LocalStore, by_case: dict[Path, list[Path]]) -> None:
    totals: Counter = Counter()
    for case_path in sorted(by_case):
        case_id = load_case(case_path).case_id
        records = [record_from_bytes(store.get(k)) for k in store.list(records_prefix(case_id))]
        parts = Counter(r.disposition.value for r in records if isinstance(r, DocumentRecord))
        totals.update(parts)
        ok = AuditTrail(store, case_id).verify().ok
        print(
            f"case {case_id}: {sum(parts.values())} documents {json.dumps(dict(parts))}; "
            f"audit trail {'verifies' if ok else 'BROKEN'}"
        )
    letters = [k for k in store.list("letters/") if k.endswith(".pdf")]
    review = store.list("review/")
    print(f"\nstore: {store.url} ({len(store.list(''))} objects)")
    print(f"dispositions: {json.dumps(dict(sorted(totals.items())))}")
    print(f"letters written: {len(letters)}; waiting in the review queue: {len(review)}")
    print("see: zeef dossier CASE_ID --store " + store.url + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zeef_corpus.demo")
    parser.add_argument("out", type=Path)
    parser.add_argument("--per-category", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--without-airflow", action="store_true")
    args = parser.parse_args(argv)

    args.out = args.out.resolve()  # Airflow wants absolute paths (its SQLite URL)
    corpus = generate_corpus(args.out / "sample", args.per_category, args.seed)
    store = LocalStore(args.out / "zeef-data")
    by_case: dict[Path, list[Path]] = defaultdict(list)
    for doc in read_labelled_folder(corpus):
        by_case[doc.case_path].append(doc.path)
    if args.without_airflow or not (BIN / "airflow").exists():
        print("demo: through `zeef ingest` (Airflow is not installed or not asked for)")
        through_ingest(store, by_case)
    else:
        through_airflow(args.out, store, by_case)
    report(store, by_case)
    print(format_report(evaluate_folder(corpus)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
