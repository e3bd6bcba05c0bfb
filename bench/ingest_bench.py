"""Benchmark of ingest: prints figures, never fails on a slow machine.

    python bench/ingest_bench.py [CORPUS_DIR]

Without CORPUS_DIR it generates a corpus into build/bench-corpus (as classify_bench does).
In one process and one run, over the same documents, grouped by case:
- classify alone (read + analyse + categorise + decide, nothing stored);
- ingest into a fresh local folder store;
- ingest into a fresh bucket on a real S3 server (SeaweedFS from the dev extras, on
  127.0.0.1), skipped with a note when `weed` is not installed;
- a second ingest into the local store (everything known: the no-op path).
Documents per second for each, and each ingest's ratio to classify alone. The analyzer
and model are warmed up first, so start-up is not in any figure.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from classify_bench import _corpus  # noqa: E402  (the same corpus, made the same way)


def main() -> None:
    from zeef.domain.case import load_case
    from zeef.pipeline.classify import classify_path
    from zeef.pipeline.ingest import ingest_paths
    from zeef.pipeline.labelled import read_labelled_folder
    from zeef.storage.local import LocalStore

    corpus = _corpus(sys.argv[1] if len(sys.argv) > 1 else None)
    by_case: dict[Path, list[str]] = defaultdict(list)
    for doc in read_labelled_folder(corpus):
        by_case[doc.case_path].append(str(doc.path))
    cases = {path: load_case(path) for path in by_case}
    n = sum(len(v) for v in by_case.values())
    first = next(iter(by_case.values()))[0]
    classify_path(first, None)  # warm up: imports, analyzer, model

    t = time.perf_counter()
    classified = {}
    for path, files in by_case.items():
        for f in files:
            classified[f] = classify_path(f, cases[path])
    classify_s = time.perf_counter() - t

    summaries = []

    def ingest(store) -> float:
        t = time.perf_counter()
        for path, files in by_case.items():
            summaries.append(ingest_paths(store, cases[path], files, progress=False))
        return time.perf_counter() - t

    work = Path(tempfile.mkdtemp(prefix="zeef-bench-"))
    try:
        local = LocalStore(work / "store")
        local_s = ingest(local)
        agree = sum(
            (d["category"], d["disposition"])
            == (classified[d["file"]].category, classified[d["file"]].disposition)
            for summary in summaries
            for d in summary["documents"]
            if d["file"] in classified
        )
        dossier = [local.get(k) for k in local.list("dossier/")]
        kept_out = [
            Path(f).read_bytes() if not c.parts else None
            for f, c in classified.items()
            if c.category.value in ("medical", "id_copy")
        ]
        leaked = sum(1 for data in kept_out if data and any(data in d for d in dossier))
        again_s = ingest(local)
        s3_s = None
        from s3server import S3Server, weed_binary

        if weed_binary():
            with S3Server(work / "s3") as server:
                s3_s = ingest(server.store())
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"documents: {n} files in {len(by_case)} cases ({corpus})")
    print(f"classify alone:        {classify_s:7.2f} s  {n / classify_s:6.1f} docs/s")
    print(f"ingest, local folder:  {local_s:7.2f} s  {n / local_s:6.1f} docs/s"
          f"  ratio to classify {local_s / classify_s:.2f}x")  # fmt: skip
    if s3_s is not None:
        print(f"ingest, S3 (SeaweedFS): {s3_s:6.2f} s  {n / s3_s:6.1f} docs/s"
              f"  ratio to classify {s3_s / classify_s:.2f}x")  # fmt: skip
    else:
        print("ingest, S3: skipped (SeaweedFS `weed` not installed: pip install -e '.[dev]')")
    print(f"ingest's category and disposition equal classify's: {agree} of {n} files")
    print(f"medical documents and ID copies (files) found in a dossier object: {leaked} "
          f"of {sum(1 for x in kept_out if x)}")  # fmt: skip
    print(f"second ingest (no-op): {again_s:7.2f} s  {n / again_s:6.1f} docs/s")


if __name__ == "__main__":
    main()
