"""Classification and ID-number figures of a generated corpus, split by file format.

    python bench/eval_by_format.py DIR [--save PRED.jsonl] [--limit N]
    python bench/eval_by_format.py DIR --predictions PRED.jsonl

`zeef evaluate` scores a folder as a whole; this splits the same figures by the labels'
``format`` (txt, pdf, docx, eml, scan, png, jpg) and adds what matters for scans and
photos. Every document is read and classified in-process as `zeef classify --case` does
(`classify_path`, same JSON line); per format it prints:

- n, accuracy, macro-F1 (over the categories present), disposition accuracy (a review
  counts as wrong, as in `zeef evaluate`), review rate, unreadable;
- string recall: the share of the labels' personal-data strings (subject, third party,
  professional) found verbatim, white space collapsed, in the text as read: for images
  and scans that is the OCR text, so this measures OCR quality where it matters;
- seconds per document (reading, OCR included, and classifying).

ID copies: the classified ``id_document`` number against the labels' number: exact,
sent to review (no number), or wrong; split into valid zones, deliberately broken zones
(``mrz_valid: false``, where review is the right answer) and driving licences (no zone).
Then by degradation (kind, turn, dpi) for image formats, and the misclassified documents.

``--save`` writes one line per document (the classify JSON plus format, seconds and the
recall counts) so that the figures can be printed again with ``--predictions`` without
running OCR again.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _texts(read) -> str:
    parts = [read.text] + [_texts(p) for p in (read.parts or [])]
    return "\n".join(parts)


def _classify(root: Path, rows: list[dict], save: Path | None) -> list[dict]:
    from zeef.domain.case import load_case
    from zeef.domain.errors import UnreadableDocument
    from zeef.pipeline.classify import _unreadable, classify_document
    from zeef.pipeline.extract import read_path

    cases: dict = {}
    out = []
    fh = save.open("w", encoding="utf-8") if save else None
    for k, row in enumerate(rows, 1):
        case = None
        if row.get("case"):
            if row["case"] not in cases:
                cases[row["case"]] = load_case(root / row["case"])
            case = cases[row["case"]]
        path = root / row["file"]
        t = time.perf_counter()
        text = ""
        try:
            read = read_path(path)
            text = _texts(read)
            result = classify_document(read, case).to_json()
        except UnreadableDocument as exc:
            result = _unreadable(str(path), "", str(exc)).to_json()
        seconds = time.perf_counter() - t
        wanted = [s for role in ("subject", "third_party", "professional") for s in row[role]]
        t_norm = _norm(text)
        found = sum(_norm(s) in t_norm for s in wanted)
        result.pop("findings", None)
        line = {
            **result,
            "file": row["file"],
            "seconds": round(seconds, 2),
            "strings": len(wanted),
            "strings_found": found,
        }
        out.append(line)
        if fh:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
            fh.flush()
        print(
            f"[{k}/{len(rows)}] {row['file']} {row['format']} {row['category']} -> "
            f"{result['category']} ({seconds:.1f} s)",
            file=sys.stderr,
        )
    if fh:
        fh.close()
    return out


def _macro_f1(pairs: list[tuple[str, str]]) -> float:
    cats = {t for t, _ in pairs}
    f1s = []
    for c in cats:
        tp = sum(t == c and p == c for t, p in pairs)
        fp = sum(t != c and p == c for t, p in pairs)
        fn = sum(t == c and p != c for t, p in pairs)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def _line(name: str, group: list[tuple[dict, dict]]) -> str:
    n = len(group)
    pairs = [(r["category"], p["category"]) for r, p in group]
    acc = sum(t == q for t, q in pairs) / n
    disp = sum(p["disposition"] == r["disposition"] for r, p in group) / n
    review = sum(bool(p["needs_review"]) for _, p in group) / n
    unread = sum("unreadable" in (p.get("reasons") or []) for _, p in group)
    strings = sum(p.get("strings", 0) for _, p in group)
    found = sum(p.get("strings_found", 0) for _, p in group)
    recall = f"{found / strings:6.3f}" if strings and "strings_found" in group[0][1] else "     -"
    secs = [p["seconds"] for _, p in group if "seconds" in p]
    sec = f"{sum(secs) / len(secs):6.1f}" if secs else "     -"
    return (
        f"{name:14} {n:4d} {acc:6.3f} {_macro_f1(pairs):6.3f} {disp:6.3f} {review:6.3f} "
        f"{unread:4d} {recall} {sec}"
    )


HEAD = f"{'':14} {'n':>4} {'acc':>6} {'mF1':>6} {'disp':>6} {'review':>6} {'unrd':>4} "
HEAD += f"{'strrec':>6} {'s/doc':>6}"


def report(rows: list[dict], preds: list[dict]) -> str:
    by_file = {p["file"]: p for p in preds}
    pairs = [(r, by_file[r["file"]]) for r in rows if r["file"] in by_file]
    out = ["by format", HEAD]
    groups: dict[str, list] = defaultdict(list)
    for r, p in pairs:
        groups[r["format"]].append((r, p))
    order = ("txt", "pdf", "docx", "eml", "scan", "png", "jpg")
    for f in sorted(groups, key=lambda x: order.index(x) if x in order else 99):
        out.append(_line(f, groups[f]))
    out.append(_line("all", pairs))

    out += ["", "ID copies: number exact / review / wrong"]
    idg: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for r, p in pairs:
        if r["category"] != "id_copy" or "id_document" not in r:
            continue
        zone = {True: "valid zone", False: "broken zone", None: "no zone"}[r.get("mrz_valid")]
        got = p.get("id_document") or None
        if got is None:
            verdict = "review"
        elif got.get("number") == r["id_document"]["number"]:
            verdict = "exact"
        else:
            verdict = "wrong"
        for key in (r["format"], "all"):
            idg[(key, zone)][verdict] += 1
    for (f, zone), c in sorted(idg.items(), key=lambda kv: (kv[0][0] == "all", kv[0])):
        out.append(
            f"  {f:5} {zone:12} exact {c['exact']:3d}  review {c['review']:3d}  "
            f"wrong {c['wrong']:3d}"
        )

    img = [(r, p) for r, p in pairs if "degradation" in r]
    if img:
        out += ["", "image formats by degradation", HEAD]
        dg: dict[str, list] = defaultdict(list)
        for r, p in img:
            d = r["degradation"]
            dg[f"kind={d['kind']}"].append((r, p))
            dg["turned" if d.get("turn") else "upright"].append((r, p))
            dg["dpi<=200" if d["dpi"] <= 200 else "dpi>200"].append((r, p))
            dg[f"color={d['color']}"].append((r, p))
            if d.get("perspective"):
                dg["perspective"].append((r, p))
        for k in sorted(dg):
            out.append(_line(k, dg[k]))

    wrong = [(r, p) for r, p in pairs if r["category"] != p["category"]]
    if wrong:
        out += ["", "misclassified"]
        for r, p in wrong:
            d = r.get("degradation") or {}
            deg = ",".join(f"{k}={d[k]}" for k in ("kind", "dpi", "rotate", "turn") if k in d)
            rec = f"{p['strings_found']}/{p['strings']}" if "strings" in p else ""
            out.append(
                f"  {r['file']} {r['format']} {r['layout']}: {r['category']} -> "
                f"{p['category']} ({p['confidence']}) strings {rec} {deg} "
                f"{','.join(p.get('reasons') or [])}"
            )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--predictions", type=Path, help="a file written by --save (no OCR)")
    ap.add_argument("--save", type=Path, help="write one JSON line per document here")
    ap.add_argument("--limit", type=int)
    a = ap.parse_args(argv)
    rows = [
        json.loads(x)
        for x in (a.dir / "labels.jsonl").read_text(encoding="utf-8").splitlines()
        if x.strip()
    ]
    if a.limit:
        rows = rows[: a.limit]
    if a.predictions:
        preds = [
            json.loads(x)
            for x in a.predictions.read_text(encoding="utf-8").splitlines()
            if x.strip()
        ]
    else:
        preds = _classify(a.dir, rows, a.save)
    print(report(rows, preds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
