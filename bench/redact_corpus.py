"""`zeef redact` on every document of a labelled folder: prints figures, never fails.

    python bench/redact_corpus.py build/dev

For each document (PDF out for PDF, text otherwise) it counts copies written and
verified, copies refused (by reason), and labelled third-party strings still present in
the written copies (PDF text read back with PyMuPDF). Outputs go to a temporary folder.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pymupdf

from zeef.domain.case import load_case
from zeef.pipeline.labelled import read_labelled_folder
from zeef.pipeline.redact import RedactError, redact_file


def main() -> None:
    root = Path(sys.argv[1])
    refused: Counter[str] = Counter()
    written = strings = leaked = 0
    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for doc in read_labelled_folder(root):
            out = Path(tmp) / (doc.path.stem + (".pdf" if doc.path.suffix == ".pdf" else ".txt"))
            try:
                redact_file(doc.path, load_case(doc.case_path), out)
            except RedactError as exc:
                refused[str(exc)] += 1
                continue
            written += 1
            if out.suffix == ".pdf":
                text = "".join(page.get_text() for page in pymupdf.open(out))
            else:
                text = out.read_text(encoding="utf-8")
            strings += len(doc.third_party)
            leaked += sum(s in text for s in doc.third_party)
    print(json.dumps({
        "written": written,
        "refused": dict(refused),
        "third_party_strings": strings,
        "still_present": leaked,
        "seconds": round(time.perf_counter() - t, 1),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
