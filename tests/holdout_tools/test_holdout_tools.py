"""The hold-out set's own tools: its labels are consistent, and `tests/holdout/render.py`
and `tests/holdout/glued.py` write labelled folders whose files open with the page
counts their labels claim (a small subset, `--limit`)."""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from PIL import Image

HOLDOUT = Path(__file__).resolve().parents[1] / "holdout"
ORDER = [
    "medical",
    "id_copy",
    "third_party_tip",
    "bank_statement",
    "medical_advice",
    "application",
    "case_report",
    "personal_note",
    "other",
]
FONTS = Path("/usr/share/fonts/truetype/dejavu")



def needs_fonts(test):
    """The renderers draw with DejaVu faces (`make setup` installs fonts-dejavu-core and
    -extra): without them the test fails, never skips."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        missing = [f for f in ("DejaVuSansMono.ttf", "DejaVuSansCondensed-Oblique.ttf")
                   if not (FONTS / f).exists()]  # fmt: skip
        if missing:
            pytest.fail(f"fonts missing: {', '.join(missing)}; run make setup", pytrace=False)
        return test(*args, **kwargs)

    return run
DISPOSITIONS = {
    "archive",
    "working",
    "forward_medical_adviser",
    "return_to_sender",
    "destroy",
    "exclude",
    "review",
}


def _rows(path: Path) -> list[dict]:
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def _run(script: str, out: Path, limit: int) -> list[dict]:
    done = subprocess.run(
        [sys.executable, str(HOLDOUT / script), str(out), "--limit", str(limit)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    rows = _rows(out / "labels.jsonl")
    assert len(rows) == limit
    return rows


def _pages(path: Path) -> tuple[int, list[str] | None]:
    """Page count, and the text of each page for a PDF."""
    if path.suffix == ".pdf":
        reader = pypdf.PdfReader(path)
        return len(reader.pages), [p.extract_text() or "" for p in reader.pages]
    with Image.open(path) as im:
        return getattr(im, "n_frames", 1), None


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _bsn_ok(bsn: str) -> bool:
    digits = [int(c) for c in bsn]
    return sum(d * w for d, w in zip(digits, [9, 8, 7, 6, 5, 4, 3, 2, -1], strict=True)) % 11 == 0


def _iban_ok(iban: str) -> bool:
    s = iban.replace(" ", "")
    return int("".join(str(int(c, 36)) for c in s[4:] + s[:4])) % 97 == 1


def test_holdout_labels_are_consistent():
    rows = _rows(HOLDOUT / "labels.jsonl")
    assert len(rows) >= 104
    assert len({r["file"] for r in rows}) == len(rows)
    for row in rows:
        text = (HOLDOUT / row["file"]).read_text(encoding="utf-8")
        assert row["category"] in ORDER and row["disposition"] in DISPOSITIONS, row["file"]
        for key in ("third_party", "subject", "professional", "diagnostic_language"):
            for s in row.get(key) or []:
                assert s in text, f"{row['file']}: {key} {s!r} is not in the text"
        case = json.loads((HOLDOUT / row["case"]).read_text(encoding="utf-8"))
        assert _bsn_ok(case["subject"]["bsn"]) and _iban_ok(case["subject"]["iban"])
        for iban in re.findall(r"\bNL\d{2} ?[A-Z]{4}(?: ?\d{2,4}){2,5}\b", text):
            assert _iban_ok(iban), f"{row['file']}: {iban}"
        if row["category"] == "case_report" and "diagnostic_language" in row:
            assert row["disposition"] == ("review" if row["diagnostic_language"] else "archive")
        if row["category"] == "personal_note" and "shared" in row:
            assert row["disposition"] == ("working" if row["shared"] else "exclude")
        if row["category"] == "medical":
            assert row["disposition"] == case["medical_policy"], row["file"]


@needs_fonts
def test_render_writes_a_labelled_folder(tmp_path):
    out = tmp_path / "formats"
    rows = _run("render.py", out, 12)
    holdout = {r["file"]: r for r in _rows(HOLDOUT / "labels.jsonl")}
    formats = set()
    for row in rows:
        formats.add(row["format"])
        assert (out / row["case"]).is_file()
        source = holdout[row["source"]]
        assert (row["category"], row["disposition"]) == (source["category"], source["disposition"])
        n, texts = _pages(out / row["file"])
        assert n == row["pages"], row["file"]
        if row["format"] == "pdf_text":
            assert all(t.strip() for t in texts), f"{row['file']}: a page without text"
            joined = _squeeze("\n".join(texts))  # lines may be wrapped, columns re-spaced
            for s in source["subject"] + source["third_party"]:
                assert _squeeze(s) in joined, f"{row['file']}: {s!r} not in the text layer"
        elif row["format"] in ("pdf_image", "photo_pdf"):
            assert not any(t.strip() for t in texts), f"{row['file']}: should be image-only"
    # a small run still covers the formats
    assert {"pdf_text", "pdf_image", "scan_png", "scan_jpeg", "photo_jpeg", "tiff"} <= formats


@needs_fonts
def test_glued_writes_segments_that_cover_every_page(tmp_path):
    out = tmp_path / "glued"
    rows = _run("glued.py", out, 8)
    holdout = {r["file"]: r for r in _rows(HOLDOUT / "labels.jsonl")}
    singles = 0
    for row in rows:
        assert (out / row["case"]).is_file()
        n, texts = _pages(out / row["file"])
        assert n == row["pages"], row["file"]
        pages = [p for seg in row["segments"] for p in seg["pages"]]
        assert pages == list(range(1, n + 1)), f"{row['file']}: segments {pages}"
        for seg in row["segments"]:
            assert 1 <= len(seg["pages"]) <= 3
            source = holdout[seg["source"]]
            assert (seg["category"], seg["disposition"]) == (
                source["category"],
                source["disposition"],
            )
            assert source["case"] == row["case"]
        top = min(row["segments"], key=lambda s: ORDER.index(s["category"]))
        assert (row["category"], row["disposition"]) == (top["category"], top["disposition"])
        singles += len(row["segments"]) == 1
        if row["format"] == "pdf_text":
            assert all(t.strip() for t in texts)
        if row["format"] == "pdf_scan":
            assert not any(t.strip() for t in texts)
    assert singles >= 1 and any(len(r["segments"]) > 1 for r in rows)


@pytest.mark.parametrize("script", ["render.py", "glued.py"])
def test_the_commands_refuse_bad_arguments(script, tmp_path):
    done = subprocess.run(
        [sys.executable, str(HOLDOUT / script)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
