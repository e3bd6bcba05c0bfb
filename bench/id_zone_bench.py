"""How often an ID copy's number and expiry are read exactly from images the corpus
generator did not make: prints figures, never fails.

    python bench/id_images.py build/id_images            # set B (drawn by this bench)
    python bench/id_zone_bench.py build/id_images [DIR ...] [--classify] [--files N]

Each DIR holds images or PDFs and a ``truth.jsonl`` (one line per file: ``file``,
``number``, ``valid_until`` ISO, ``valid``: whether the zone's check digits are valid;
extra keys such as ``scene`` group the figures). Every file is read as zeef reads it
(`read_bytes`: OCR for images and scanned PDFs) and its zone as the classifier reads an
ID copy's (`classify._read_zone_again`): the first reading's text, then the second
readings `ocr.mrz_readings` gives, stopping at the first trusted one. With
``--classify`` the whole classification runs instead (the categoriser must also call
the document an ID copy).

Per set, and per scene, it prints:
- ``readable``: files whose zone is valid (drawn legibly, check digits right);
- ``exact``: trusted, number AND expiry equal to the truth;
- ``wrong``: a trusted reading that differs from the truth, or any trusted reading of a
  zone broken on purpose (must be 0);
- ``review``: readable files with no trusted reading; ``broken_to_review``: zones
  broken on purpose that went to review (as they must);
- seconds per file: the first reading (``read_s``), the zone's second readings
  (``zone_s``, mean and max).

Set A (specimen images shipped by packages): no package on PyPI or Debian was found to
ship MRZ specimen images (docs/ocr.md, "Zone figures"); when one is found, its images
and a truth.jsonl go in a DIR like any other.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from zeef.classifiers.id_document import read_id_document
from zeef.pipeline.extract import ocr, read_bytes


def _zone_reading(doc) -> tuple[dict | None, float]:
    """As `classify._read_zone_again` reads it: the first reading's zone, then the
    second readings, the first trusted one wins. (result, seconds of second readings)"""
    found = read_id_document(doc.text)
    if found is not None and found.trusted:
        return found.to_json(), 0.0
    start = time.monotonic()
    for text in ocr.mrz_readings(doc):
        found = read_id_document("\n\n".join((doc.text, text)))
        if found is not None and found.trusted:
            return found.to_json(), time.monotonic() - start
    return None, time.monotonic() - start


def _classified(doc) -> tuple[dict | None, float]:
    from zeef.pipeline.classify import classify_document

    start = time.monotonic()
    result = classify_document(doc, None)
    return result.id_document, time.monotonic() - start


def run(folder: Path, classify: bool, limit: int | None) -> dict:
    truths = [json.loads(line) for line in (folder / "truth.jsonl").read_text().splitlines()]
    if limit:
        truths = truths[:limit]
    groups: dict[str, dict] = defaultdict(lambda: defaultdict(float))
    misses = []
    for truth in truths:
        data = (folder / truth["file"]).read_bytes()
        t0 = time.monotonic()
        doc = read_bytes(data, truth["file"])
        read_s = time.monotonic() - t0
        got, zone_s = (_classified if classify else _zone_reading)(doc)
        expected = {"number": truth["number"], "valid_until": truth["valid_until"]}
        for key in ("all", f"scene={truth.get('scene', '-')}"):
            g = groups[key]
            g["files"] += 1
            g["read_s"] += read_s
            g["zone_s"] += zone_s
            g["zone_max_s"] = max(g["zone_max_s"], zone_s)
            if truth["valid"]:
                g["readable"] += 1
                if got is None:
                    g["review"] += 1
                elif got == expected:
                    g["exact"] += 1
                else:
                    g["wrong"] += 1
            else:
                g["broken"] += 1
                g["broken_to_review" if got is None else "wrong"] += 1
        if truth["valid"] and got != expected or not truth["valid"] and got is not None:
            misses.append({"file": truth["file"], "got": "review" if got is None else "WRONG"})
        verdict = "review" if got is None else "exact" if got == expected else "WRONG"
        print(f"  {truth['file']}: {verdict} read {read_s:.1f}s zone {zone_s:.1f}s",
              file=sys.stderr)  # fmt: skip
    out = {}
    for key, g in sorted(groups.items()):
        n = g["files"]
        out[key] = {
            "files": int(n),
            "readable": int(g["readable"]),
            "exact": int(g["exact"]),
            "exact_share": round(g["exact"] / g["readable"], 3) if g["readable"] else None,
            "wrong": int(g["wrong"]),
            "review": int(g["review"]),
            "broken_to_review": f"{int(g['broken_to_review'])}/{int(g['broken'])}",
            "read_s": round(g["read_s"] / n, 2),
            "zone_s": round(g["zone_s"] / n, 2),
            "zone_max_s": round(g["zone_max_s"], 2),
        }
    return {"set": folder.name, "figures": out, "not_exact": misses}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", type=Path, nargs="+")
    parser.add_argument("--classify", action="store_true")
    parser.add_argument("--files", type=int, default=None, help="only the first N files")
    args = parser.parse_args()
    if not ocr.available():
        print(json.dumps({"skipped": "tesseract with nld not installed"}))
        return
    for folder in args.folders:
        print(json.dumps(run(folder, args.classify, args.files), indent=1))


if __name__ == "__main__":
    main()
