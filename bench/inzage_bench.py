"""Benchmark of redaction speed: prints figures, never fails.

    .venv/bin/python bench/inzage_bench.py [--per-category N] [--seed S] [--documents D]
        [--runs R] [--scans] [--scan-documents K] [--skip-ratio] [--skip-dossier] [--profile]

The issue's two aims, measured in one process on this machine:
(a) redact/classify: the 10-page text PDFs of `redact_bench.py` (a typical one, one named
    paragraph a page; a dense one, names in every paragraph), best of 3 after a warm-up;
    aim: redaction (verification included) at most 2x classify;
(b) the inspection package of a 50-document dossier: a corpus generated with
    `zeef corpus generate` (txt, pdf, docx, eml), its first D documents (sorted by file
    name) ingested into ONE case (its first case file, the enforcement investigation
    cleared, as `tests/makers.py` `one_case_corpus` does), then
    `zeef.pipeline.inzage.package.build(store, case, on=today)` timed (best of R), with
    a breakdown by phase: reading, planning (analysis), extending the plans across
    documents, writing the copies (PDF redaction; the scans' OCR check), converting
    copies to PDF, the letter, combining, verification (`find_leaks` on every PDF, text
    search on the rest). Aim: under 60 s on 2 cores.
The phases are timed from outside: the functions `package.py` calls are wrapped here
for the run (no timing code in the product). Wall-clock seconds, and the CPU seconds of
this process (steadier when the machine is shared; OCR's Tesseract runs in a child
process and is not in them). `--scans` adds a second, separate dossier of K scanned
documents (formats scan and png; OCR dominates them), reported on its own. `--profile`
prints cProfile's top functions of one more build of each dossier. Defaults: 6 a category
(54 generated), seed 7, the first 50, one run.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import io
import json
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
ZEEF = Path(sys.executable).parent / "zeef"


# --- (a) redact / classify -------------------------------------------------------------------


def ratio_figures() -> dict:
    from redact_bench import measure  # the same documents and timing as redact_bench.py

    return {
        "typical (one named paragraph a page)": measure(1),
        "dense (names in every paragraph)": measure(8),
    }


# --- (b) the package of a dossier --------------------------------------------------------------


def generate(out: Path, per_category: int, seed: int, formats: str) -> list[Path]:
    """The generated corpus's documents, sorted (`zeef corpus generate`)."""
    subprocess.run(
        [str(ZEEF), "corpus", "generate", str(out), "--per-category", str(per_category),
         "--seed", str(seed), "--formats", formats],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return sorted((out / "docs").iterdir())


def first_case(corpus: Path):
    from zeef.domain.case import parse_case

    case_file = sorted((corpus / "cases").iterdir())[0]
    data = json.loads(case_file.read_text())
    data["enforcement_investigation"] = False
    return parse_case(data)


def ingest(store_dir: Path, case, files: list[Path]) -> tuple[object, dict, float]:
    from zeef.pipeline.ingest import ingest_paths
    from zeef.storage.local import LocalStore

    store = LocalStore(str(store_dir))
    t = time.perf_counter()
    summary = ingest_paths(store, case, [str(f) for f in files], progress=False)
    return store, summary, time.perf_counter() - t


class Phases:
    """Wraps the functions `package.build` calls with timers, for as long as it is used."""

    # (module attribute path, phase name)
    WRAPPED = [
        ("package._read", "reading"),
        ("package.plan_document", "planning (analysis)"),
        ("package.extend", "extending plans across documents"),
        ("package.write_copy", "writing copies"),
        ("package._as_pdf", "copies as PDF"),
        ("package._pdf_pages", "counting pages"),
        ("letter.pdf_of", "letter and index"),
        ("package._combine", "combining"),
        ("package.verify", "verification"),
    ]
    # Inside a phase (reported indented, already counted in the phase).
    INNER = [
        ("package._without_front", "  verification: dropping the letter pages"),
        ("package.find_leaks", "  verification: find_leaks (PDFs)"),
        ("redact_pdf_mod.redact_pdf", "  writing copies: redact_pdf (PDF)"),
    ]

    def __init__(self) -> None:
        from zeef.pipeline.inzage import letter, package
        from zeef.pipeline.redact import pdf as redact_pdf_mod

        self.modules = {"package": package, "letter": letter, "redact_pdf_mod": redact_pdf_mod}
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.saved: list[tuple[object, str, object]] = []
        self.kinds: dict[str, int] = defaultdict(int)
        self.strings = 0
        self.cpu = 0.0

    def _wrap(self, where: str, phase: str) -> None:
        mod_name, attr = where.split(".")
        module = self.modules[mod_name]
        original = getattr(module, attr)
        timers = self

        def timed(*args, **kwargs):
            t = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                timers.seconds[phase] += time.perf_counter() - t
                timers.calls[phase] += 1

        self.saved.append((module, attr, original))
        setattr(module, attr, timed)

    def __enter__(self) -> Phases:
        for where, phase in self.WRAPPED + self.INNER:
            self._wrap(where, phase)
        package = self.modules["package"]
        # (`write_copy` imports `redact_pdf` when called: the wrapped one, for the run.)
        original_plan = package.write_copy

        def counting(planned, *a, **k):
            self.kinds[planned.kind] += 1
            return original_plan(planned, *a, **k)

        self.saved.append((package, "write_copy", original_plan))
        package.write_copy = counting
        original_verify = package.verify

        def verify(files, strings, letters):
            self.strings = len(strings)
            return original_verify(files, strings, letters)

        self.saved.append((package, "verify", original_verify))
        package.verify = verify
        return self

    def __exit__(self, *exc) -> None:
        for module, attr, original in reversed(self.saved):
            setattr(module, attr, original)
        self.saved.clear()


def build_once(store, case) -> tuple[float, object, Phases]:
    from zeef.pipeline.inzage.package import build

    with Phases() as phases:
        t, c = time.perf_counter(), time.process_time()
        package = build(store, case, on=dt.date.today())
        seconds = time.perf_counter() - t
        phases.cpu = time.process_time() - c  # this process only: OCR runs in Tesseract's
    return seconds, package, phases


def report(title: str, documents: int, summary: dict, runs: list[tuple[float, object, Phases]],
           ingest_s: float) -> dict:  # fmt: skip
    seconds, package, phases = min(runs, key=lambda r: r[0])
    breakdown = {}
    inner = {p for _, p in Phases.INNER}
    accounted = 0.0
    for _, phase in Phases.WRAPPED + Phases.INNER:
        if phase in breakdown:
            continue
        breakdown[phase] = round(phases.seconds.get(phase, 0.0), 2)
        if phase not in inner:
            accounted += phases.seconds.get(phase, 0.0)
    breakdown["other (listing entries, consent, index)"] = round(seconds - accounted, 2)
    pdf_bytes = sum(len(v) for k, v in package.files.items() if k.endswith(".pdf"))
    return {
        "dossier": title,
        "documents given": documents,
        "ingested": len(summary.get("documents", [])),
        "ingest errors": len(summary.get("errors", [])),
        "ingest seconds (not in the figure)": round(ingest_s, 1),
        "entries": len(package.entries),
        "included": package.included,
        "copies by kind": dict(sorted(phases.kinds.items())),
        "verification strings": phases.strings,
        "PDF bytes written": pdf_bytes,
        "seconds (best of runs)": round(seconds, 2),
        "all runs": [round(r[0], 2) for r in runs],
        "CPU seconds of this process (best of runs)": round(min(r[2].cpu for r in runs), 2),
        "breakdown (seconds, best run)": breakdown,
    }


def dossier(work: Path, name: str, per_category: int, seed: int, formats: str, documents: int,
            runs: int, profile: bool) -> dict:  # fmt: skip
    corpus = work / f"corpus-{name}"
    files = generate(corpus, per_category, seed, formats)[:documents]
    case = first_case(corpus)
    store, summary, ingest_s = ingest(work / f"store-{name}", case, files)
    results = [build_once(store, case) for _ in range(runs)]
    out = report(name, len(files), summary, results, ingest_s)
    if profile:
        from zeef.pipeline.inzage.package import build

        prof = cProfile.Profile()
        prof.enable()
        build(store, case, on=dt.date.today())
        prof.disable()
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf)
        stats.sort_stats("cumulative").print_stats(40)
        stats.sort_stats("tottime").print_stats(25)
        out["profile"] = buf.getvalue()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-category", type=int, default=6)  # 9 categories: 54 documents
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--documents", type=int, default=50)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--scans", action="store_true", help="also a dossier of scans")
    parser.add_argument("--scan-documents", type=int, default=4)
    parser.add_argument("--skip-ratio", action="store_true", help="no redact/classify ratio")
    parser.add_argument("--skip-dossier", action="store_true", help="no 50-document dossier")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    figures: dict = {}
    if not args.skip_ratio:
        try:
            figures["redact/classify (10-page PDFs)"] = ratio_figures()
        except Exception:
            figures["redact/classify (10-page PDFs)"] = {"failed": traceback.format_exc()}
    work = Path(tempfile.mkdtemp(prefix="zeef-inzage-bench-"))
    try:
        logging_off()
        jobs = []
        if not args.skip_dossier:
            jobs.append(
                ("dossier", args.per_category, args.seed, "txt,pdf,docx,eml", args.documents)
            )
        if args.scans:
            jobs.append(("scans", 1, args.seed, "scan,png", args.scan_documents))
        for name, per_category, seed, formats, documents in jobs:
            try:
                figures[f"inzage: {name}"] = dossier(
                    work, name, per_category, seed, formats, documents, args.runs, args.profile
                )
            except Exception:
                figures[f"inzage: {name}"] = {"failed": traceback.format_exc()}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    profiles = {k: v.pop("profile") for k, v in figures.items()
                if isinstance(v, dict) and "profile" in v}  # fmt: skip
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    for name, text in profiles.items():
        print(f"\n=== profile: {name} ===\n{text}")


def logging_off() -> None:
    """The package logs a warning per document it leaves out; figures only here."""
    import logging

    logging.getLogger("zeef").setLevel(logging.ERROR)


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
