"""How well the inspection package protects third parties and keeps the subject's data,
on the hand-written holdout (documents the team did not generate).

    .venv/bin/python bench/inzage_quality.py [--formats text|rendered] [--limit-cases N]

Per holdout case (the investigation flag cleared, so that every case gets a package): its
documents go through `zeef ingest` into a fresh local store (``text``: the .txt files;
``rendered``: the renderings of ``tests/holdout/render.py``, PDFs, scans, photos, TIFFs,
e-mails), then the package is built (`zeef.pipeline.inzage.package.build`). For every
document the package includes, the labels' strings (``third_party``, ``subject``) that can
be read in the original as ingested (its text layer, or OCR for an image) are looked for
in the package's copy, read back the same way (PDF: pypdf and PyMuPDF; images: OCR), and
in the combined PDF. Matching is whole-word, case- and accent-insensitive, any white space.
Prints per case and in total: documents, included, third-party strings left (rate) and
subject strings kept (rate). A figure, never a pass/fail.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HOLDOUT = REPO / "tests" / "holdout"


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def found(needle: str, haystack: str) -> bool:
    n = fold(needle)
    return bool(n) and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", haystack) is not None


def read_back(data: bytes, media_type: str) -> str:
    """What a reader of the copy can read in it."""
    if media_type in ("text/plain", "application/json") or data[:4] not in (
        b"%PDF", b"\x89PNG", b"II*\x00", b"MM\x00*"
    ) and not data[:3] == b"\xff\xd8\xff":
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if data[:4] == b"%PDF":
        import pymupdf
        from pypdf import PdfReader

        texts = [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]
        with pymupdf.open(stream=data, filetype="pdf") as doc:
            texts += [page.get_text() for page in doc]
            images = any(page.get_images() for page in doc)
        if images:  # scanned pages: what OCR reads in them too
            from zeef.pipeline.redact import pixels

            with pymupdf.open(stream=data, filetype="pdf") as doc:
                pages = range(doc.page_count)
            texts += pixels.ocr_texts(data, "application/pdf", pages)
        return "\n".join(texts)
    from zeef.pipeline.redact import pixels

    kind = "image/png" if data[:4] == b"\x89PNG" else "image/jpeg"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        kind = "image/tiff"
    return "\n".join(pixels.ocr_texts(data, kind))


def original_text(doc) -> str:
    return "\n".join([doc.text] + [original_text(p) for p in doc.parts or []])


def rows_by_case(formats: str, work: Path) -> tuple[dict[str, list[dict]], Path]:
    if formats == "text":
        root = HOLDOUT
        rows = [json.loads(line) for line in (HOLDOUT / "labels.jsonl").open()]
    else:
        root = work / "rendered"
        subprocess.run([sys.executable, str(HOLDOUT / "render.py"), str(root)], check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        rows = [json.loads(line) for line in (root / "labels.jsonl").open()]
    by_case: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_case[Path(row["case"]).stem].append(row)
    return by_case, root


def measure_case(case_id: str, rows: list[dict], root: Path, work: Path) -> dict:
    from zeef.domain.case import parse_case
    from zeef.pipeline.extract import read_bytes
    from zeef.pipeline.ingest import ingest_paths
    from zeef.pipeline.inzage.package import build, combined_name
    from zeef.storage.local import LocalStore

    data = json.loads((HOLDOUT / "cases" / f"{case_id}.json").read_text())
    data["enforcement_investigation"] = False
    case = parse_case(data)
    store = LocalStore(str(work / f"store-{case_id}"))
    by_file = {str(root / r["file"]): r for r in rows}
    summary = ingest_paths(store, case, list(by_file), progress=False)
    row_of_sha = {}
    for d in summary["documents"]:
        row_of_sha[d["sha256"]] = by_file.get(d["file"].split("#", 1)[0])
    package = build(store, case, on=dt.date.today())
    combined = fold(read_back(package.files[combined_name(case_id)], "application/pdf"))
    out = {"documents": len(rows), "included": 0, "tp": 0, "tp_left": 0, "tp_left_combined": 0,
           "subj": 0, "subj_kept": 0}  # fmt: skip
    for entry in package.entries:
        row = row_of_sha.get(entry.sha256)
        if not entry.included or row is None:
            continue
        out["included"] += 1
        original = fold(original_text(read_bytes(store.get(entry.location), entry.name)))
        copy = fold(read_back(package.files[entry.file], ""))
        for s in set(row.get("third_party", [])):
            if found(s, original):
                out["tp"] += 1
                out["tp_left"] += found(s, copy)
                out["tp_left_combined"] += found(s, combined)
        for s in set(row.get("subject", [])):
            if found(s, original):
                out["subj"] += 1
                out["subj_kept"] += found(s, copy)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--formats", choices=("text", "rendered"), default="text")
    parser.add_argument("--limit-cases", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        started = time.monotonic()
        by_case, root = rows_by_case(args.formats, work)
        total: dict[str, int] = defaultdict(int)
        print(f"holdout ({args.formats}): third-party strings left, subject strings kept")
        print(f"{'case':<10} {'docs':>5} {'incl':>5} {'tp':>5} {'left':>5} {'subj':>5} {'kept':>5}")
        for case_id in sorted(by_case)[: args.limit_cases]:
            r = measure_case(case_id, by_case[case_id], root, work)
            for k, v in r.items():
                total[k] += v
            print(f"{case_id:<10} {r['documents']:>5} {r['included']:>5} {r['tp']:>5} "
                  f"{r['tp_left']:>5} {r['subj']:>5} {r['subj_kept']:>5}")  # fmt: skip
        tp, subj = total["tp"] or 1, total["subj"] or 1
        print(f"{'total':<10} {total['documents']:>5} {total['included']:>5} {total['tp']:>5} "
              f"{total['tp_left']:>5} {total['subj']:>5} {total['subj_kept']:>5}")  # fmt: skip
        print(f"third-party strings left: {total['tp_left'] / tp:.3f} "
              f"(in the combined PDF: {total['tp_left_combined'] / tp:.3f}); "
              f"subject strings kept: {total['subj_kept'] / subj:.3f}; "
              f"{time.monotonic() - started:.0f} s")  # fmt: skip


if __name__ == "__main__":
    main()
