"""Benchmark of `zeef redact` on a 10-page text PDF: prints figures, never fails.

    python bench/redact_bench.py

Two documents, a typical one (one paragraph a page names third parties) and a dense one
(every paragraph does). Figures, from this one run (best of 3 after a warm-up):
- seconds to classify the PDF (read, analyse, categorise);
- seconds to redact it (read, analyse, plan, remove from the PDF, verify, write);
- their ratio (the issue's aim: redact <= 2x classify);
- the same three in CPU seconds of this process (steadier when the machine is shared).
"""

from __future__ import annotations

import io
import json
import tempfile
import time
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from zeef.domain.case import parse_case
from zeef.pipeline.classify import classify_path
from zeef.pipeline.redact import redact_file

CASE = parse_case(
    {
        "case_id": "bench-1",
        "law": "participatiewet",
        "subject": {"name": "Fatima el Amrani", "address": "Lindelaan 4, 3511 AB Utrecht"},
    }
)
PARAGRAPH = [
    "Op {d} maart meldde buurman Gerrit de Wit (06-4127839{n}) dat mevrouw",
    "Fatima el Amrani samenwoont met Kees Smit. Volgens Gerrit staat de auto van",
    "Kees (12-ABC-{n}) elke nacht voor de deur op de Lindelaan. Lotte Bakker,",
    "Lindelaan {n}, bevestigt dit. Mevrouw El Amrani ontkent; zij zegt dat Kees",
    "alleen helpt met de kinderen. Het gesprek is vastgelegd door de consulent.",
    "",
]


FILLER = (
    "Het college heeft de aanvraag beoordeeld aan de hand van de Participatiewet en de "
    "beleidsregels van de gemeente."
)


def ten_page_pdf(named_blocks_per_page: int) -> bytes:
    """10 pages of 48 lines: `named_blocks_per_page` paragraphs naming third parties
    (about 10 names and data each), the rest ordinary text."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    for page in range(10):
        y = 800
        for block in range(8):
            if block < named_blocks_per_page:
                lines = [x.format(d=block + 1, n=(page + block) % 9 + 1) for x in PARAGRAPH]
            else:
                lines = [FILLER] * 5 + [""]
            for line in lines:
                pdf.drawString(60, y, line[:95])
                y -= 15
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def best_of(fn, runs: int = 3) -> tuple[float, float]:
    """The best wall-clock and the best CPU seconds (this process) of `runs` runs."""
    fn()  # warm-up: word lists, model, analyzer
    wall, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return min(wall), min(cpu)


def measure(named_blocks_per_page: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "dossier.pdf"
        src.write_bytes(ten_page_pdf(named_blocks_per_page))
        out = Path(tmp) / "inzage.pdf"
        classify_s, classify_cpu = best_of(lambda: classify_path(src, CASE))
        redact_s, redact_cpu = best_of(lambda: redact_file(src, CASE, out))
        result = redact_file(src, CASE, out)
    return {
        "pages": 10,
        "replacements": result.replacements,
        "classify_seconds": round(classify_s, 3),
        "redact_seconds": round(redact_s, 3),
        "redact_to_classify_ratio": round(redact_s / classify_s, 2),
        # CPU time of this process: steadier than the wall clock on a shared machine.
        "classify_cpu_seconds": round(classify_cpu, 3),
        "redact_cpu_seconds": round(redact_cpu, 3),
        "redact_to_classify_cpu_ratio": round(redact_cpu / classify_cpu, 2),
    }


def main() -> None:
    figures = {
        "typical (one named paragraph a page)": measure(1),
        "dense (names in every paragraph)": measure(8),
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
