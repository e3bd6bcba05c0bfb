"""Benchmark of the classification stages on hostile texts: prints figures (one JSON object
per line, then a summary), never fails.

    python bench/hostile_time_bench.py [--sizes 50,100,200,400,800] [--kinds all]

For each kind of generated hostile text and each size (in KB) the seconds of each stage,
run as `classify` runs them, in one process, the analyzer loaded beforehand:
- ``names``: the person-name finder alone (`find_person_mentions`; inside the analyzer it
  runs again, per chunk, as the PERSON recognizer);
- ``analyzer``: Presidio with every recognizer, chunked, overlaps resolved (`analyze`);
- ``roles``: `assign_roles` (subject, professional, third party, owners of the data);
- ``categoriser``: `categorise`;
- ``plan``: the redaction plan (`plan_redaction`) for a case whose subject is named.
The summary gives, per kind and stage, the growth exponent (the slope of log seconds over
log size, fitted over all sizes: 1.0 linear, 2.0 quadratic) and the time at the largest
size over the time at the smallest (about 16 for a linear stage, 50 KB → 800 KB).

Kinds: ``distinct`` (thousands of different people, each named again), ``same`` (one
name over and over), ``numbers`` (BSN-, IBAN-, phone-like numbers), ``one_line`` (one
enormous line), ``no_spaces``, ``overlap`` (findings that overlap each other).
The document budget is switched off (`document_seconds` set to a day) while measuring.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GIVEN = (
    "Gerrit Lotte Kees Anna Jan Pieter Sanne Youssef Ayşe Mehmet Fatima Henk Marieke Bram "
    "Johan Esther Priya Wojciech Lieke Daan Fleur Thijs Noor Sven Ilse Ruud Femke"
).split()
SURNAMES = (
    "Jansen Bakker Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Brouwer Kaya "
    "Yilmaz Nowak Kowalski Hoekstra Postma Koster Prins Huisman Kuipers Vermeulen Scholten "
    "Willems Verhoeven Jacobs Maas Schouten Sanders"
).split()
CASE = {
    "case_id": "2026-0999",
    "law": "participatiewet",
    "subject": {
        "name": "Fatima el Amrani",
        "bsn": "111222333",
        "address": "Lindelaan 4, 3511 AB Utrecht",
        "iban": "NL91ABNA0417164300",
    },
}


def _fill(size: int, pieces) -> str:
    out, n = [], 0
    for piece in pieces:
        out.append(piece)
        n += len(piece)
        if n >= size:
            break
    return "".join(out)[:size]


def distinct(size: int, rng: random.Random) -> str:
    templates = (
        "Op {d} maart sprak de heer {g} {s} met mevrouw {g2} {s2} over {g} en {s2}. ",
        "Haar vriend {g} {s} belt op 06-{p}; {s} woont aan de Dorpsstraat {h}, 3511 AB. ",
        "Mevrouw Fatima el Amrani zegt dat {g2} {s2} ({g}) vaak bij {s} is. ",
        "Naam: {g} {s}\nBSN: 111222333\nIBAN: NL91ABNA0417164300\n\n",
        "Volgens {g2} rijdt {s} elke dag; J.H. {s} en dhr. {s2} weten dat. Mail {m}. ",
        "Met vriendelijke groet,\n\n{g} {s}\nconsulent\n\n",
    )

    def pieces():
        while True:
            g, s = rng.choice(GIVEN), rng.choice(SURNAMES) + rng.choice(("", "-Bos", "s"))
            g2, s2 = rng.choice(GIVEN), rng.choice(SURNAMES)
            yield rng.choice(templates).format(
                g=g, s=s, g2=g2, s2=s2, d=rng.randint(1, 28), h=rng.randint(1, 300),
                p=rng.randint(10_000_000, 99_999_999), m=f"{g[0]}.{s}@example.nl".lower(),
            )  # fmt: skip

    return _fill(size, pieces())


def same(size: int, rng: random.Random) -> str:
    piece = "De heer Jan Jansen belde. Jansen zei dat Jan niet kwam; mevrouw Jansen wel. "
    return _fill(size, iter(lambda: piece, None))


def numbers(size: int, rng: random.Random) -> str:
    forms = ("BSN 111222333, ", "NL91ABNA0417164300 ", "06-12345678 ", "+31 20 123 4567, ",
             "123456782 ", "1234 AB ", "12-03-1984 ")  # fmt: skip
    return _fill(size, iter(lambda: rng.choice(forms), None))


def one_line(size: int, rng: random.Random) -> str:
    return distinct(size, rng).replace("\n", " ")


def no_spaces(size: int, rng: random.Random) -> str:
    return distinct(size * 2, rng).replace(" ", "").replace("\n", "")[:size]


def overlap(size: int, rng: random.Random) -> str:
    piece = (
        "mevrouw J.H. de Vries-Jansen van der Berg, Dorpsstraat 12 1234 AB Utrecht "
        "06-12345678 NL91ABNA0417164300 j.devries@example.nl "
    )
    return _fill(size, iter(lambda: piece, None))


KINDS = {
    "distinct": distinct,
    "same": same,
    "numbers": numbers,
    "one_line": one_line,
    "no_spaces": no_spaces,
    "overlap": overlap,
}


def _timed(work, *args):
    started = time.perf_counter()
    try:
        value = work(*args)
        return round(time.perf_counter() - started, 3), value, None
    except Exception as exc:  # a benchmark reports, it does not fail
        return round(time.perf_counter() - started, 3), None, type(exc).__name__


def _exponent(by_size: dict[int, float]) -> float | None:
    points = [(math.log(size), math.log(t)) for size, t in by_size.items() if t > 0]
    if len(points) < 2:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    var = sum((x - mx) ** 2 for x, _ in points)
    return round(sum((x - mx) * (y - my) for x, y in points) / var, 2) if var else None


def _ratio(by_size: dict[int, float]) -> float | None:
    smallest = by_size[min(by_size)]
    return round(by_size[max(by_size)] / smallest, 1) if smallest > 0 else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50,100,200,400,800", help="sizes in KB")
    parser.add_argument("--kinds", default="all", help="comma-separated, or all")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    try:
        from zeef.classifiers.analyzer import analyze, analyzer
        from zeef.classifiers.categoriser import categorise
        from zeef.classifiers.person_names import find_person_mentions
        from zeef.classifiers.roles import assign_roles
        from zeef.domain import settings
        from zeef.domain.case import parse_case
        from zeef.pipeline.redact.plan import plan_redaction

        limits = dataclasses.replace(settings.Limits(), document_seconds=86_400.0)
        settings.use(settings.Settings(limits=limits))
        analyzer()
        case = parse_case(CASE)
    except Exception as exc:
        print(json.dumps({"error": f"set-up failed ({type(exc).__name__}: {exc})"}))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    kinds = list(KINDS) if args.kinds == "all" else args.kinds.split(",")
    table: dict[str, dict[str, dict[int, float]]] = {}
    for kind in kinds:
        make = KINDS.get(kind)
        if make is None:
            print(json.dumps({"kind": kind, "error": "unknown kind"}))
            continue
        for size in sizes:
            text = make(size * 1000, random.Random(args.seed))
            row: dict = {"kind": kind, "kb": size, "chars": len(text)}
            t, mentions, err = _timed(find_person_mentions, text)
            row["names"], row["mentions"] = t, len(mentions or ())
            t, results, err2 = _timed(analyze, text)
            row["analyzer"] = t
            results = results or []
            t, findings, err3 = _timed(assign_roles, text, results, case)
            row["roles"], findings = t, findings or []
            row["findings"] = len(findings)
            row["categoriser"] = _timed(categorise, text, findings)[0]
            row["plan"] = _timed(plan_redaction, text, findings)[0]
            errors = [e for e in (err, err2, err3) if e]
            if errors:
                row["errors"] = errors
            print(json.dumps(row), flush=True)
            for stage in ("analyzer", "names", "roles", "categoriser", "plan"):
                table.setdefault(kind, {}).setdefault(stage, {})[size] = row[stage]
    # The growth exponent of each stage: the slope of log(seconds) over log(size), fitted
    # over every size (1.0 linear, 2.0 quadratic); steadier than one ratio on a busy
    # machine, where the smallest sizes take a few milliseconds.
    summary = {
        kind: {stage: _exponent(by) for stage, by in stages.items()}
        for kind, stages in table.items()
    }
    if len(sizes) > 1:
        ratios = {
            kind: {stage: _ratio(by) for stage, by in stages.items()}
            for kind, stages in table.items()
        }
        print(json.dumps({"growth_exponent": summary}))
        print(
            json.dumps({"ratio_largest_to_smallest": ratios, "size_ratio": max(sizes) / min(sizes)})
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
