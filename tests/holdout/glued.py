"""Glue hold-out documents together the way they arrive: several documents in one file.

    .venv/bin/python tests/holdout/glued.py OUT [--limit N] [--seed S]

writes a labelled folder OUT: ``OUT/files/gNNN.pdf|tif``, the case files under
``OUT/cases/`` and ``OUT/labels.jsonl``. Each file holds 2-4 documents of one case one
after another (an application with a GP letter and an ID copy behind it, bank statements
of two months, a tip with an ID copy, a case report with a medication list, ...), each
document 1-3 pages, some with "Pagina 1 van 2"-style numbers; a few files hold one
document of 2-3 pages, to check that what belongs together is not split. Formats:

- ``pdf_text``: every page with a text layer;
- ``pdf_scan``: every page a scan (image only);
- ``pdf_mixed``: typed documents with a text layer, paper ones (ID copies, bank
  statements, notes, hand-written letters) as scans or photos between them;
- ``tiff``: every page a scan, one frame per page.

A label line: ``file``, ``case``, ``format``, ``pages``, ``category`` and ``disposition``
of the most restrictive segment (medical, id_copy, third_party_tip, bank_statement,
medical_advice, application, case_report, personal_note, other), ``segments`` (one
``{"pages", "category", "disposition", "source"}`` per document, pages 1-based, every page
in exactly one segment; ``id_document``, ``diagnostic_language`` and ``shared`` copied
where the source has them), and the ``third_party`` / ``subject`` / ``professional``
strings of all segments together. Deterministic for a given ``--seed``; drawing is
``render.py``'s.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pymupdf

sys.path.insert(0, str(Path(__file__).resolve().parent))

import render  # noqa: E402  (tests/holdout/render.py)
from render import Page, ScanProfile  # noqa: E402

ORDER = (
    "medical",
    "id_copy",
    "third_party_tip",
    "bank_statement",
    "medical_advice",
    "application",
    "case_report",
    "personal_note",
    "other",
)

# (format, documents); a document is "hNNN" or ("hNNN", pages). Every file holds the
# documents of one case. The last ones are single documents of several pages.
COMPOSITIONS: list[tuple[str, list]] = [
    # 2026-0412 Ouali
    ("pdf_mixed", ["h001", "h006", "h005"]),  # application + GP letter + ID copy
    ("pdf_scan", ["h004", "h087"]),  # bank statements Dec + Jan
    ("tiff", ["h003", "h005"]),  # tip + ID copy
    ("pdf_text", ["h072", "h007"]),  # case report + medical advice
    ("pdf_mixed", ["h079", "h087"]),  # application + bank statement
    ("pdf_scan", ["h008", "h009"]),  # own note + letter corporation
    # 2026-0418 ten Brink
    ("pdf_text", ["h010", "h011", "h012"]),  # application + discharge + med. list
    ("pdf_text", ["h065", "h012"]),  # case report + medication list
    ("tiff", ["h015", "h018"]),  # bank statement + energy bill
    ("pdf_text", ["h013", "h100"]),  # medical advice + physio letter
    ("pdf_mixed", ["h016", "h010"]),  # driving licence + application
    # 2026-0423 Van 't Hof
    ("pdf_mixed", ["h019", "h020", "h022"]),  # application + psychodiag. + passport
    ("pdf_text", ["h023", "h025"]),  # father's tip + school letter
    ("pdf_text", ["h067", "h021"]),  # perspective plan + youth doctor
    # 2026-0431 Kowalczyk
    ("pdf_scan", ["h026", "h027", "h028", "h029"]),  # application + 2 statements + ID
    ("pdf_text", ["h068", "h084"]),  # plan of approach + application
    ("tiff", ["h030", "h032"]),  # anonymous tip + parking fine
    # 2026-0440 Doelwijt
    ("pdf_mixed", ["h033", "h088", "h036"]),  # application + statements Nov, Dec
    ("pdf_scan", ["h034", "h035"]),  # physio report + medical advice
    ("tiff", ["h038", "h037"]),  # ex-partner's tip + passport
    ("pdf_text", ["h070", "h080"]),  # decision + request letter
    # 2026-0447 Yıldız
    ("pdf_mixed", ["h041", "h042", "h043", "h046"]),  # e-mail, own letter, lab, permit
    ("pdf_scan", ["h045", "h049"]),  # bank statement + complaint letter
    ("pdf_text", ["h066", "h044"]),  # house visit + medical advice
    ("pdf_text", ["h047", "h081"]),  # tip + digital application
    # 2026-0452 Hoekstra
    ("tiff", ["h050", "h051", "h054"]),  # application + referral + licence
    ("pdf_scan", ["h053", "h057"]),  # bank statement + lease
    ("pdf_text", ["h071", "h052"]),  # enforcement report + medical advice
    ("pdf_text", ["h055", "h096"]),  # sister's tip + shared note
    ("pdf_scan", ["h082", "h053"]),  # hand-written application + statement
    # 2026-0459 Martina
    ("pdf_mixed", ["h058", "h061", "h060"]),  # e-mail + ID card + statement
    ("tiff", ["h060", "h090"]),  # statements Jan + Feb
    ("pdf_text", ["h069", "h059"]),  # plan with ZRM + GGD advice
    ("pdf_scan", ["h062", "h064"]),  # anonymous tip + invitation
    # 2026-0471 Verhagen-de Lange
    ("pdf_text", ["h076", "h099"]),  # Wmo notification + medication list
    ("pdf_text", ["h074", "h102"]),  # research report + GGD advice
    ("pdf_mixed", ["h089", "h076"]),  # bank statement + notification
    # 2026-0478 Hoogeveen
    ("pdf_text", ["h077", "h107"]),  # youth request + GP letter
    ("tiff", ["h104", "h077"]),  # school message + request
    # 2026-0485 Gebremedhin
    ("pdf_mixed", ["h075", "h105", "h085"]),  # application + permit + app screen
    ("pdf_text", ["h073", "h108"]),  # decision + welcome letter
    ("pdf_scan", ["h101", "h075"]),  # GGZ intake + application
    # 2026-0492 Verbeek
    ("pdf_mixed", ["h078", "h086", "h106"]),  # letter + statement + ID card
    ("tiff", ["h103", "h106"]),  # ex-partner's tip + ID card
    ("pdf_scan", ["h094", "h086"]),  # shared note + bank statement
    # one document over several pages: nothing to split
    ("pdf_text", [("h057", 3)]),  # lease
    ("pdf_scan", [("h020", 2)]),  # psychodiagnostic report
    ("pdf_text", [("h074", 2)]),  # Wmo research report
    ("tiff", [("h001", 2)]),  # application form
    ("pdf_mixed", [("h026", 2)]),  # debt-help form
    ("pdf_scan", [("h069", 3)]),  # plan of approach with ZRM
]

# In a mixed PDF these arrive on paper: they are scanned or photographed.
PAPER = {"id_copy", "bank_statement", "personal_note"}


def restrictive(segments: list[dict]) -> tuple[str, str]:
    best = min(segments, key=lambda s: ORDER.index(s["category"]))
    return best["category"], best["disposition"]


def _merge(rows: list[dict], key: str) -> list[str]:
    out: list[str] = []
    for row in rows:
        for s in row.get(key) or []:
            if s not in out:
                out.append(s)
    return out


def build_one(
    number: int, fmt: str, docs: list, by_stem: dict[str, dict], out_dir: Path, seed: int
) -> dict:
    rng = render.rng_for(seed, "glued", number)
    plan: list[tuple[dict, list[Page], bool]] = []  # (row, pages, raster)
    for item in docs:
        stem, wanted = (item, None) if isinstance(item, str) else item
        row = by_stem[stem]
        text = render.read_text(row)
        if wanted is None and row["category"] != "id_copy":
            wanted = rng.choice([1, 1, 2, 2, 3])
        raster = fmt in ("pdf_scan", "tiff") or (
            fmt == "pdf_mixed"
            and (row["category"] in PAPER or render.font_kind(text, row["category"]) == "hand")
        )
        pages = render.layout(text, row, rng, kind=None, pages=wanted, handwriting=raster)
        if row["category"] == "id_copy" and fmt == "pdf_text":
            raise ValueError(f"g{number:03d}: an ID copy has no text layer")
        plan.append((row, pages, raster))
    name = f"files/g{number:03d}.{'tif' if fmt == 'tiff' else 'pdf'}"
    path = out_dir / name
    profile = ScanProfile.random(rng, dpi=rng.choice([150, 200, 200, 300]))
    if fmt == "tiff":
        frames = [render.scan(p, profile, rng) for _, pages, _ in plan for p in pages]
        render.write_tiff(frames, path, profile.dpi, bilevel=rng.random() < 0.4)
    else:
        doc = pymupdf.open()
        for row, pages, raster in plan:
            as_photo = (
                raster
                and fmt == "pdf_mixed"
                and row["category"] == "id_copy"
                and rng.random() < 0.6
            )
            for page in pages:
                if not raster:
                    render.add_text_page(doc, page)
                elif as_photo:
                    render.add_image_page(doc, render.photo(page, rng))
                else:
                    render.add_image_page(doc, render.scan(page, profile, rng), profile.dpi)
        render.save_pdf(doc, path, f"holdout glued g{number:03d}")
    segments, first = [], 1
    for row, pages, _ in plan:
        seg = {
            "pages": list(range(first, first + len(pages))),
            "category": row["category"],
            "disposition": row["disposition"],
            "source": row["file"],
        }
        for key in ("id_document", "diagnostic_language", "shared"):
            if key in row:
                seg[key] = row[key]
        segments.append(seg)
        first += len(pages)
    category, disposition = restrictive(segments)
    rows = [row for row, _, _ in plan]
    cases = {row["case"] for row in rows}
    if len(cases) != 1:
        raise ValueError(f"g{number:03d}: documents of more than one case: {sorted(cases)}")
    return {
        "file": name,
        "case": rows[0]["case"],
        "category": category,
        "disposition": disposition,
        "format": fmt,
        "pages": first - 1,
        "segments": segments,
        "third_party": _merge(rows, "third_party"),
        "subject": _merge(rows, "subject"),
        "professional": _merge(rows, "professional"),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="output folder (labelled: OUT/labels.jsonl)")
    ap.add_argument(
        "--limit",
        type=int,
        default=None,
        help="build only N files (spread over the formats and the single-document files)",
    )
    ap.add_argument("--seed", type=int, default=render.DEFAULT_SEED)
    args = ap.parse_args(argv)
    by_stem = {Path(r["file"]).stem: r for r in render.read_labels()}
    chosen = list(enumerate(COMPOSITIONS, 1))
    if args.limit is not None and args.limit < len(chosen):
        # round-robin over format and single/multi so a small run covers every kind
        groups: dict[tuple, list] = {}
        for n, (fmt, docs) in chosen:
            groups.setdefault((fmt, len(docs) == 1), []).append((n, (fmt, docs)))
        keys, picked, k = sorted(groups), [], 0
        while len(picked) < args.limit:
            for key in keys:
                if k < len(groups[key]) and len(picked) < args.limit:
                    picked.append(groups[key][k])
            k += 1
        chosen = sorted(picked)
    render.prepare_out(args.out)
    render.copy_cases(args.out)
    labels = [build_one(n, fmt, docs, by_stem, args.out, args.seed) for n, (fmt, docs) in chosen]
    with open(args.out / "labels.jsonl", "w", encoding="utf-8") as fh:
        for row in labels:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    segs = sum(len(r["segments"]) for r in labels)
    pages = sum(r["pages"] for r in labels)
    print(f"{len(labels)} glued files, {segs} segments, {pages} pages in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
