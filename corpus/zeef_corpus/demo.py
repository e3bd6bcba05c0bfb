"""The main job on sample documents (`make demo`): a labelled sample generated, each
case's documents ingested into a local store, what went where printed, and the sample's
classification scored.

    python -m zeef_corpus.demo OUT [--per-category N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from zeef.domain.case import load_case
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.evaluate import evaluate_folder, format_report
from zeef.pipeline.ingest import ingest_paths
from zeef.pipeline.labelled import read_labelled_folder
from zeef.storage.local import LocalStore
from zeef_corpus.generate import generate_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zeef_corpus.demo")
    parser.add_argument("out", type=Path)
    parser.add_argument("--per-category", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    corpus = generate_corpus(args.out / "sample", args.per_category, args.seed)
    store = LocalStore(args.out / "zeef-data")
    by_case: dict[Path, list[str]] = defaultdict(list)
    for doc in read_labelled_folder(corpus):
        by_case[doc.case_path].append(str(doc.path))
    totals: Counter = Counter()
    letters = 0
    for case_path, files in sorted(by_case.items()):
        case = load_case(case_path)
        summary = ingest_paths(store, case, files, progress=False)
        totals.update(summary["counts"]["disposition"])
        letters += summary["letter"] is not None
        ok = AuditTrail(store, case.case_id).verify().ok
        print(
            f"case {case.case_id}: {summary['counts']['documents']} documents "
            f"{json.dumps(summary['counts']['disposition'])}; audit trail "
            f"{'verifies' if ok else 'BROKEN'}"
        )
    print(f"\nstore: {store.url} ({len(store.list(''))} objects); letters written: {letters}")
    print(f"dispositions: {json.dumps(dict(sorted(totals.items())))}")
    print("see: zeef dossier CASE_ID --store " + store.url + "\n")
    print(format_report(evaluate_folder(corpus)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
