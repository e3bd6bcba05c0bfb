"""How many labelled IBANs of a generated image corpus the analyzer finds in the OCR text:
prints figures, never fails.

    python bench/iban_on_images.py DIR     (e.g. build/scans, made with --formats scan,png,jpg)

Per document with a labelled (valid) IBAN: the document is read as `zeef classify` reads
it (OCR for images), analysed, and each IBAN finding is read back (as written, or with
OCR's look-alike characters put back). Prints the labelled IBANs, how many are found,
and how many stand verbatim in the OCR text.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from stdnum import iban

from zeef.classifiers.analyzer import analyze
from zeef.classifiers.recognizers.iban import ocr_read_back
from zeef.pipeline.extract import read_path


def main(folder: Path) -> None:
    total = found = verbatim = 0
    for line in (folder / "labels.jsonl").read_text().splitlines():
        label = json.loads(line)
        strings = [s for k in ("subject", "third_party", "professional") for s in label.get(k, [])]
        ibans = {s.replace(" ", "").upper() for s in strings if iban.is_valid(s)}
        if not ibans:
            continue
        doc = read_path(folder / label["file"])
        got = set()
        for r in analyze(doc.text):
            if r.entity_type == "IBAN_CODE":
                written = doc.text[r.start : r.end]
                compact = written.replace(" ", "").upper()
                got.add(compact if iban.is_valid(compact) else ocr_read_back(written))
        total += len(ibans)
        found += len(ibans & got)
        flat = doc.text.replace(" ", "").upper()
        verbatim += sum(1 for i in ibans if i in flat)
    print(json.dumps({"labelled_ibans": total, "found": found, "verbatim_in_text": verbatim}))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
