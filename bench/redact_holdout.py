"""`zeef redact` on the hand-written holdout in the formats citizens send: prints figures,
never fails (not on speed either).

    .venv/bin/python bench/redact_holdout.py [--limit N] [--formats scan_png,tiff,...]
                                             [--dir DIR] [--seed S] [--show] [--relaid]

The holdout texts (`tests/holdout/`) are rendered with `tests/holdout/render.py` into a
folder (a temporary one, or `--dir DIR`, kept and reused: the renderings and the
readings of the originals are cached there) as PDFs with a text layer, scanned PDFs,
scans, photos, TIFFs and screenshots; format `text` is the document's own text file
(what the text path sees). Each file is redacted with
`zeef.pipeline.redact.redact_file(path, case, out)`, and the original and the copy are
read the same way:
- PDF: pypdf's text and PyMuPDF's text of every page, and Tesseract (the project's OCR
  module, Dutch) on the pages without a text layer;
- image: Tesseract via the project's OCR module;
- text: as is.

Per format (the format actually rendered: a text too long for one photo becomes a
`photo_pdf`, one too long for one scan a `tiff`):
- documents written and refused (LeakDetected, other RedactError, anything else);
- third-party strings readable in the ORIGINAL that are still readable in the copy;
- subject strings readable in the original that are still readable in the copy.
Strings are matched as whole words, case-insensitive, white space normalised. The
`of which` columns split the strings left and lost:
- `text`: the text path leaves (loses) them as well, given the document's own text: the
  analyzer's, not the scan path's;
- `plan-` (third parties left): the plan removed them from the text it redacted, yet
  they are read in the copy: the painting missed them (every other string left is one
  the plan did not remove);
- `plan+` (subject lost): the plan kept them in the text, yet they are not read in the
  copy: painted as another place of a removed string, or read differently (boxes
  painted nearby change Tesseract's reading of a line).
Strings of refused documents count in neither rate (nothing was written). The holdout
is for measurement only: nothing of it goes into code, lexicons or tests.

`--show` prints, per document, the third-party strings left and the subject strings
lost (invented data, for development). `--relaid` measures a proposed change that
`redact_file` does not make yet: scans analysed in their OCR text laid out in rows as
the page shows them (`pixels.relaid`) instead of Tesseract's block order.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import json
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOLDOUT = ROOT / "tests" / "holdout"

FORMATS = (
    "text",
    "pdf_text",
    "pdf_image",
    "scan_png",
    "scan_jpeg",
    "photo_jpeg",
    "tiff",
    "screenshot_png",
)
# The copy's file name ends like this, by the original's suffix.
OUT_SUFFIX = {".pdf": ".pdf", ".tif": ".tif", ".png": ".png", ".jpg": ".png", ".txt": ".txt"}


def _render_module():
    spec = importlib.util.spec_from_file_location("holdout_render", HOLDOUT / "render.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def render(folder: Path, formats: set[str], limit: int | None, seed: int) -> list[dict]:
    """The holdout rendered into `folder/files`; one label row per rendering (reused when
    the folder already holds the same selection)."""
    key = json.dumps([sorted(formats), limit, seed])
    labels = folder / "labels.jsonl"
    stamp = folder / "selection.json"
    if labels.exists() and stamp.exists() and stamp.read_text() == key:
        return [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines()]
    r = _render_module()
    rows = r.read_labels()
    entries = [(row, fmt) for row, fmt in r.plan(rows) if fmt in formats]
    if "text" in formats:
        entries += [(row, "text") for row in rows]
    entries = r.limit_plan(entries, limit)
    (folder / "files").mkdir(parents=True, exist_ok=True)
    r.copy_cases(folder)
    out_rows = []
    for row, fmt in entries:
        if fmt == "text":
            name = f"files/{Path(row['file']).stem}.text.txt"
            shutil.copyfile(HOLDOUT / row["file"], folder / name)
            actual, pages = "text", 1
        else:
            name, actual, pages = r.render_one(row, fmt, folder, seed)
        out = dict(row)
        out.update(file=name, format=actual, pages=pages, source=row["file"])
        out_rows.append(out)
    labels.write_text(
        "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in out_rows), encoding="utf-8"
    )
    stamp.write_text(key)
    return out_rows


def read_pdf(data: bytes) -> str:
    """pypdf's and PyMuPDF's text of every page, and OCR of the pages without text."""
    import pymupdf
    import pypdf

    from zeef.pipeline.extract import ocr

    texts: list[str] = []
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        texts += [(page.extract_text() or "") for page in reader.pages]
    except Exception as exc:  # a reader's failure is a figure, not a crash
        texts.append(f"[pypdf failed: {type(exc).__name__}]")
    with pymupdf.open(stream=data, filetype="pdf") as document:
        layers = [page.get_text() for page in document]
    texts += layers
    bare = [i for i, t in enumerate(layers) if not t.strip()]
    if bare:
        done = ocr.ocr_pdf_pages(data, bare, len(layers))
        texts += [done[i].text for i in sorted(done)]
    return "\n".join(texts)


def read_any(path: Path) -> str:
    from zeef.pipeline.extract import ocr

    data = path.read_bytes()
    if path.suffix == ".pdf":
        return read_pdf(data)
    if path.suffix == ".txt":
        return data.decode("utf-8")
    return ocr.ocr_image(data).text


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def readable(folded: str, s: str) -> bool:
    """`s` stands in the folded text as whole words (case-insensitive, any white space)."""
    needle = re.escape(fold(s))
    return bool(needle) and re.search(rf"(?<!\w){needle}(?!\w)", folded) is not None


class Figures:
    def __init__(self) -> None:
        self.docs = self.written = self.leak = self.refused = self.failed = 0
        self.tp = self.tp_left = self.subj = self.subj_kept = 0
        self.tp_left_text = self.subj_lost_text = 0  # of those, the same as the text path
        self.tp_left_painted = 0  # left although the plan removed them from the text
        self.subj_lost_kept = 0  # lost although the plan kept them in the text
        self.seconds = 0.0

    def row(self, name: str) -> str:
        def rate(a: int, b: int) -> str:
            return f"{a:4d}/{b:<4d} {100.0 * a / b:5.1f}%" if b else f"{a:4d}/{b:<4d}    - "

        return (
            f"{name:<14}{self.docs:5d}{self.written:8d}{self.leak:6d}{self.refused:7d}"
            f"{self.failed:6d}  {rate(self.tp_left, self.tp)}{self.tp_left_text:5d}"
            f"{self.tp_left_painted:6d}  {rate(self.subj_kept, self.subj)}"
            f"{self.subj_lost_text:5d}{self.subj_lost_kept:6d}{self.seconds:8.0f}"
        )

    def add(self, other: Figures) -> None:
        for k, v in vars(other).items():
            setattr(self, k, getattr(self, k) + v)


HEADER = (
    f"{'':<14}{'':>5}{'':>8}{'refused':^13}{'':>6}  {'third party left':<17}{'of which':^11}"
    f"  {'subject kept':<17}{'lost, of which':^11}\n"
    f"{'format':<14}{'docs':>5}{'written':>8}{'leak':>6}{'other':>7}{'error':>6}"
    f"  {'':<17}{'text':>5}{'plan-':>6}  {'':<17}{'text':>5}{'plan+':>6}{'seconds':>8}"
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="only N renderings (all formats)")
    ap.add_argument("--formats", default=",".join(FORMATS), help="comma-separated")
    ap.add_argument("--dir", type=Path, default=None, help="keep renderings and readings here")
    ap.add_argument("--seed", type=int, default=20260301)
    ap.add_argument("--show", action="store_true", help="per document: the strings missed")
    ap.add_argument(
        "--relaid",
        action="store_true",
        help="analyse scans in the OCR text laid out in rows (pixels.relaid), as proposed",
    )
    args = ap.parse_args(argv)
    formats = {f.strip() for f in args.formats.split(",") if f.strip()}
    unknown = formats - set(FORMATS)
    if unknown:
        ap.error(f"unknown formats: {', '.join(sorted(unknown))} (known: {', '.join(FORMATS)})")

    from zeef.domain.case import load_case
    from zeef.domain.errors import LeakDetected, RedactError
    from zeef.pipeline import redact as redact_module

    # What the plan left of the text (every `redact_text` call of one `redact_file`): to
    # tell a string the plan kept from one the pixels kept. Observed only, not changed.
    planned: list[str] = []
    plain_redact_text = redact_module.redact_text

    def observed_redact_text(text, *args, **kwargs):
        result = plain_redact_text(text, *args, **kwargs)
        planned.append(result[0])
        return result

    redact_module.redact_text = observed_redact_text
    if args.relaid:  # what `redact_file` would do with `doc = pixels.relaid(doc)`
        from zeef.pipeline.redact import pixels

        plain_read_path = redact_module.read_path
        redact_module.read_path = lambda *a, **k: pixels.relaid(plain_read_path(*a, **k))

    def redact(path: Path, case: Path, out: Path) -> str:
        planned.clear()
        redact_module.redact_file(path, load_case(case), out)
        return fold("\n".join(planned))

    keep = args.dir is not None
    folder = args.dir or Path(tempfile.mkdtemp(prefix="zeef-holdout-"))
    folder.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    rows = render(folder, formats, args.limit, args.seed)
    print(f"{len(rows)} renderings in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    cache_path = folder / "readings.json"
    cache: dict[str, str] = json.loads(cache_path.read_text()) if cache_path.exists() else {}
    figures: dict[str, Figures] = defaultdict(Figures)
    reasons: Counter[str] = Counter()
    out_dir = Path(tempfile.mkdtemp(prefix="zeef-holdout-out-"))
    by_source: dict[str, tuple[set[str], set[str]]] = {}

    def text_path(row: dict) -> tuple[set[str], set[str]]:
        """What the text path leaves of the document's third parties and loses of its
        subject (its own text redacted as a text file)."""
        if row["source"] not in by_source:
            src, out = HOLDOUT / row["source"], out_dir / "text-path.txt"
            try:
                redact(src, HOLDOUT / row["case"], out)
                copy = fold(out.read_text(encoding="utf-8"))
            except Exception as exc:
                print(f"text path failed: {type(exc).__name__}: {exc}", file=sys.stderr)
                copy = ""
            original = fold(src.read_text(encoding="utf-8"))
            by_source[row["source"]] = (
                {s for s in row["third_party"] if readable(original, s) and readable(copy, s)},
                {s for s in row["subject"] if readable(original, s) and not readable(copy, s)},
            )
        return by_source[row["source"]]

    try:
        for n, row in enumerate(rows, 1):
            path = folder / row["file"]
            fig = figures[row["format"]]
            fig.docs += 1
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest not in cache:
                cache[digest] = read_any(path)
                if keep:
                    cache_path.write_text(json.dumps(cache))
            original = fold(cache[digest])
            out = out_dir / (path.stem + ".copy" + OUT_SUFFIX[path.suffix])
            t = time.perf_counter()
            outcome = "written"
            try:
                plan_text = redact(path, folder / row["case"], out)
            except LeakDetected:
                fig.leak += 1
                outcome = "LeakDetected"
            except RedactError as exc:  # messages are safe to print
                fig.refused += 1
                outcome = f"RedactError: {exc}"
            except Exception as exc:
                fig.failed += 1
                outcome = type(exc).__name__
            fig.seconds += time.perf_counter() - t
            print(f"[{n}/{len(rows)}] {row['file']}: {outcome}", file=sys.stderr)
            if outcome != "written":
                reasons[outcome] += 1
                continue
            fig.written += 1
            copy = fold(read_any(out))
            third = [s for s in dict.fromkeys(row["third_party"]) if readable(original, s)]
            subject = [s for s in dict.fromkeys(row["subject"]) if readable(original, s)]
            left = [s for s in third if readable(copy, s)]
            lost = [s for s in subject if not readable(copy, s)]
            text_left, text_lost = text_path(row)
            fig.tp += len(third)
            fig.tp_left += len(left)
            fig.tp_left_text += len(set(left) & text_left)
            fig.tp_left_painted += sum(not readable(plan_text, s) for s in left)
            fig.subj += len(subject)
            fig.subj_kept += len(subject) - len(lost)
            fig.subj_lost_text += len(set(lost) & text_lost)
            fig.subj_lost_kept += sum(readable(plan_text, s) for s in lost)
            if args.show and (left or lost):
                kept = [s for s in lost if readable(plan_text, s)]
                print(
                    f"  left {left} lost {lost} (of which kept by the plan {kept})", file=sys.stderr
                )
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)

    total = Figures()
    print(HEADER)
    for name in [*FORMATS, "photo_pdf"]:
        if name in figures:
            print(figures[name].row(name))
            total.add(figures[name])
    scans = Figures()
    for name, fig in figures.items():
        if name not in ("text", "pdf_text"):
            scans.add(fig)
    print(scans.row("scans+photos"))
    print(total.row("all"))
    if reasons:
        print("refusals: " + "; ".join(f"{k} ({v})" for k, v in sorted(reasons.items())))
    print(f"wall time {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
