"""Benchmark of `zeef classify`: prints figures, never fails on a slow machine.

    python bench/classify_bench.py [CORPUS_DIR]

Without CORPUS_DIR it generates the development corpus into build/bench-corpus.
Figures, all from this one run:
- start-up: wall time of `zeef classify` on one small text file, in a fresh process
  (median of 3), and of the in-process first call (imports, analyzer, model);
- documents per second after start-up, over every document of the corpus;
- peak memory (max RSS) of a `zeef classify` process over the whole corpus;
- the ratio of classify time to pypdf text extraction alone on the same PDF files.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ZEEF = [sys.executable, "-m", "zeef.cli"]


def _corpus(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    out = ROOT / "build" / "bench-corpus"
    if not (out / "labels.jsonl").exists():
        subprocess.run(
            [*ZEEF, "corpus", "generate", str(out), "--per-category", "25", "--seed", "5"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return out


def _startup(sample: Path) -> float:
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([*ZEEF, "classify", str(sample)], check=True, stdout=subprocess.DEVNULL)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def _peak_rss_mb(files: list[Path]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([*ZEEF, "classify", *map(str, files)], check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(before, after) / 1024


def _pypdf_seconds(pdfs: list[Path]) -> float:
    from pypdf import PdfReader

    t = time.perf_counter()
    for p in pdfs:
        reader = PdfReader(p)
        for page in reader.pages:
            page.extract_text()
    return time.perf_counter() - t


def main() -> None:
    corpus = _corpus(sys.argv[1] if len(sys.argv) > 1 else None)
    files = sorted((corpus / "docs").iterdir())
    pdfs = [f for f in files if f.suffix == ".pdf"]
    small = next(f for f in files if f.suffix == ".txt")

    startup_cli = _startup(small)
    t = time.perf_counter()
    from zeef.pipeline.classify import classify_path

    classify_path(small, None)
    startup_inproc = time.perf_counter() - t

    t = time.perf_counter()
    for f in files:
        classify_path(f, None)
    all_seconds = time.perf_counter() - t

    # Interleave twice and keep the faster of each, so neither side pays for a cold cache.
    pypdf_s = min(_pypdf_seconds(pdfs), _pypdf_seconds(pdfs))
    classify_s = []
    for _ in range(2):
        t = time.perf_counter()
        for f in pdfs:
            classify_path(f, None)
        classify_s.append(time.perf_counter() - t)
    classify_pdf_s = min(classify_s)

    peak = _peak_rss_mb(files)
    figures = {
        "documents": len(files),
        "pdf_files": len(pdfs),
        "startup_cli_seconds": round(startup_cli, 3),
        "startup_in_process_seconds": round(startup_inproc, 3),
        "documents_per_second": round(len(files) / all_seconds, 1),
        "peak_rss_mib": round(peak, 1),
        "pypdf_extract_seconds": round(pypdf_s, 3),
        "classify_pdf_seconds": round(classify_pdf_s, 3),
        "classify_to_pypdf_ratio": round(classify_pdf_s / pypdf_s, 2),
        "cpus": os.cpu_count(),
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
