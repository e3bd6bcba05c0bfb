"""Documents per second through the Airflow DAG `zeef_intake` (`airflow dags test`,
SQLite, one process) against `zeef ingest` on the same inbox, in one run: text-only and a
mix with scans and photos. Prints JSON; never fails on a slow machine.

    python bench/intake_bench.py [--per-category N] [--seed S]

Both sides read the same documents into fresh local stores; the DAG's time includes
Airflow's start-up, `db migrate` excluded (done once before timing). Aim (issue 11):
Airflow adds at most 1.5x on the mix.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from zeef.domain.case import load_case
from zeef.pipeline.labelled import read_labelled_folder
from zeef_corpus.demo import _airflow, _airflow_env
from zeef_corpus.generate import generate_corpus

BIN = Path(sys.executable).parent


def _inbox(docs, root: Path) -> tuple[Path, list[str], dict[str, list[str]]]:
    inbox = root / "inbox"
    by_case: dict[str, list[str]] = defaultdict(list)
    cases = sorted({str(d.case_path) for d in docs})
    for doc in docs:
        case_id = load_case(doc.case_path).case_id
        folder = inbox / case_id
        folder.mkdir(parents=True, exist_ok=True)
        (folder / doc.path.name).write_bytes(doc.path.read_bytes())
        by_case[str(doc.case_path)].append(str(doc.path))
    return inbox, cases, by_case


def measure(name: str, formats: tuple[str, ...], per_category: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="zeef-intake-bench-") as tmp:
        root = Path(tmp)
        corpus = generate_corpus(root / "corpus", per_category, seed, formats=formats)
        docs = read_labelled_folder(corpus)
        inbox, cases, by_case = _inbox(docs, root)

        # zeef ingest, case by case (as an operator would without Airflow).
        started = time.monotonic()
        for case_file, files in by_case.items():
            subprocess.run([str(BIN / "zeef"), "ingest", *files, "--case", case_file,
                            "--store", str(root / "store-cli")],
                           check=True, capture_output=True)  # fmt: skip
        cli_seconds = time.monotonic() - started

        # The DAG: cases registered, then one `airflow dags test` over the inbox.
        store = root / "store-dag"
        subprocess.run([str(BIN / "zeef"), "cases", "add", *cases, "--store", str(store)],
                       check=True, capture_output=True)  # fmt: skip
        env = _airflow_env(root / "airflow", store, inbox)
        _airflow(env, "db", "migrate")
        _airflow(env, "pools", "set", "zeef_ocr", "2", "bench")
        started = time.monotonic()
        _airflow(env, "dags", "test", "zeef_intake")
        dag_seconds = time.monotonic() - started
        left = sum(1 for p in inbox.rglob("*") if p.is_file())
    n = len(docs)
    return {
        "set": name,
        "documents": n,
        "cli_docs_per_s": round(n / cli_seconds, 2),
        "dag_docs_per_s": round(n / dag_seconds, 2),
        "cli_seconds": round(cli_seconds, 1),
        "dag_seconds": round(dag_seconds, 1),
        "dag_over_cli": round(dag_seconds / cli_seconds, 2),
        "inbox_left": left,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-category", type=int, default=2)
    parser.add_argument("--seed", type=int, default=31)
    args = parser.parse_args()
    for name, formats in (("text", ("txt", "pdf", "eml")), ("mix", ("txt", "pdf", "scan", "png"))):
        print(json.dumps(measure(name, formats, args.per_category, args.seed)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
