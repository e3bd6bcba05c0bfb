"""Benchmark of zeef's OCR path against Tesseract alone: prints JSON, never fails on a
slow machine.

    python bench/ocr_bench.py [--pages N] [--memory-pages M] [--out DIR]

Makes N A4 page images at 300 dpi (Dutch text drawn with DejaVuSans; variants: clean,
noisy, 150 and 100 dpi, skewed 4 degrees, turned 90 and 180 degrees, a photo-like JPEG),
then, page by page in one run (interleaved, so a busy machine hurts both alike):
- zeef: ``read_path(image)`` (decode, gray, OCR with word boxes, rotation check);
- ``tesseract IMG out -l nld`` alone, with the environment as it is, and with
  ``OMP_THREAD_LIMIT=1`` as zeef runs it (unless the environment already sets it).
Figures: pages per second, wall and CPU seconds (CPU = this process plus its children),
the ratio zeef / tesseract alone (the issue's aim: <= 1.2x), overall and per variant,
how many pages needed a second (OSD) pass and what those passes cost, and how many of
the drawn words each side read (turned pages defeat tesseract's default ``--psm 3``).

Memory: a child process reads a scanned PDF of M pages (default 20) through zeef and
reports its own peak RSS (VmHWM); tesseract's peak on one A4 page is measured apart
with GNU time (one tesseract runs at a time). Pages are OCR'd one at a time, so the
peak hardly grows with the page count (``--pages 0 --memory-pages 300`` measures a
300-page scan; that takes 15 to 20 minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
A4 = (2480, 3508)  # pixels at 300 dpi
WORDS = (
    "gemeente aanvraag bijzondere bijstand uitkering financiële situatie café coördinator "
    "zorgverzekering huurtoeslag brief ontvangen beoordeeld vriendelijke groet geachte "
    "mevrouw meneer afdeling werk inkomen maand bedrag betaling rekening saldo verzoek "
    "reactie weken datum adres woning kinderen ouders schuld vermogen inkomsten besluit "
    "bezwaar termijn medewerker gesprek afspraak formulier bewijsstukken loonstrook "
    "kopie gegevens overzicht periode jaar ingang wijziging ontvanger één reeël privé"
).split()
VARIANTS = ("clean", "noisy", "dpi150", "dpi100", "skew4", "turn90", "turn180", "photo")
# Most pages citizens hand in are upright; the default mix has one of each odd kind.
DEFAULT_MIX = ("clean", "clean", "clean", "clean", "noisy", "noisy", "dpi150", "dpi100",
               "skew4", "photo", "turn90", "turn180")  # fmt: skip


def _cpu_seconds() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _page(rng: random.Random) -> tuple[Image.Image, list[str]]:
    font = ImageFont.truetype(FONT, 38)
    image = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(image)
    words: list[str] = []
    y = 250
    while y < A4[1] - 300:
        line: list[str] = []
        while True:
            word = rng.choice(WORDS)
            if font.getlength(" ".join([*line, word])) > A4[0] - 500:
                break
            line.append(word)
        draw.text((250, y), " ".join(line), font=font, fill=0)
        words += line
        y += 62 if rng.random() > 0.15 else 124  # paragraphs
    return image, words


def _variant(image: Image.Image, kind: str, rng: random.Random) -> tuple[bytes, str]:
    buf = io.BytesIO()
    if kind == "clean":
        image.save(buf, "PNG", dpi=(300, 300))
    elif kind == "noisy":
        pixels = np.asarray(image.filter(ImageFilter.GaussianBlur(1.0)), dtype=np.float32)
        noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 40, pixels.shape)
        Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8)).save(
            buf, "PNG", dpi=(300, 300)
        )
    elif kind in ("dpi150", "dpi100"):
        dpi = int(kind[3:])
        size = (A4[0] * dpi // 300, A4[1] * dpi // 300)
        image.resize(size, Image.Resampling.LANCZOS).save(buf, "PNG", dpi=(dpi, dpi))
    elif kind == "skew4":
        image.rotate(4, expand=True, fillcolor=255).save(buf, "PNG", dpi=(300, 300))
    elif kind in ("turn90", "turn180"):
        image.rotate(int(kind[4:]), expand=True).save(buf, "PNG", dpi=(300, 300))
    elif kind == "photo":
        # A phone photo of the page: uneven light, slight tilt, JPEG, no believable dpi.
        shade = np.linspace(0.75, 1.0, image.width, dtype=np.float32)[None, :]
        pixels = np.asarray(image, dtype=np.float32) * shade
        photo = Image.fromarray(pixels.astype(np.uint8)).rotate(1.5, fillcolor=190)
        photo.convert("RGB").save(buf, "JPEG", quality=75, dpi=(72, 72))
        return buf.getvalue(), ".jpg"
    else:
        raise ValueError(kind)
    return buf.getvalue(), ".png"


def _make_pages(out: Path, mix: list[str], seed: int) -> list[tuple[Path, str, list[str]]]:
    rng = random.Random(seed)
    made = []
    for n, kind in enumerate(mix):
        image, words = _page(rng)
        data, suffix = _variant(image, kind, rng)
        path = out / f"page{n:03d}-{kind}{suffix}"
        path.write_bytes(data)
        made.append((path, kind, words))
    return made


def _recall(text: str, words: list[str]) -> float:
    found = set(re.findall(r"\w+", text.casefold()))
    return sum(1 for w in words if w.casefold() in found) / max(len(words), 1)


def _tesseract_alone(path: Path, env: dict[str, str], tmp: Path) -> tuple[float, float, str]:
    base = tmp / "alone"
    cpu, wall = _cpu_seconds(), time.perf_counter()
    subprocess.run(["tesseract", str(path), str(base), "-l", "nld"], env=env, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    wall, cpu = time.perf_counter() - wall, _cpu_seconds() - cpu
    text = base.with_suffix(".txt").read_text("utf-8") if base.with_suffix(".txt").exists() else ""
    return wall, cpu, text


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b > 0 else None


def run_speed(pages: list[tuple[Path, str, list[str]]], tmp: Path) -> dict:
    from zeef.pipeline.extract import ocr, read_path

    calls: list[tuple[int, float]] = []
    real = ocr.engine._tesseract

    def timed(engine, image, psm, dpi, timeout):
        started = time.perf_counter()
        try:
            return real(engine, image, psm, dpi, timeout)
        finally:
            calls.append((psm, time.perf_counter() - started))

    ocr.engine._tesseract = timed
    default_env = dict(os.environ)
    one_thread = dict(os.environ)
    one_thread.setdefault("OMP_THREAD_LIMIT", "1")
    ocr.available()  # the one-time probe is not part of a page's time
    read_path(pages[0][0])  # warm-up: imports, model files in the page cache

    rows = []
    for path, kind, words in pages:
        a_wall, a_cpu, a_text = _tesseract_alone(path, one_thread, tmp)
        d_wall, d_cpu, _ = _tesseract_alone(path, default_env, tmp)
        before = len(calls)
        cpu, wall = _cpu_seconds(), time.perf_counter()
        doc = read_path(path)
        wall, cpu = time.perf_counter() - wall, _cpu_seconds() - cpu
        result = doc.ocr
        rows.append(
            {
                "kind": kind,
                "zeef_wall": wall,
                "zeef_cpu": cpu,
                "alone_wall": a_wall,
                "alone_cpu": a_cpu,
                "alone_default_env_wall": d_wall,
                "passes": result.pages[0].passes if result else 0,
                "osd_seconds": sum(s for p, s in calls[before:] if p == 1),
                "zeef_recall": _recall(doc.text, words),
                "alone_recall": _recall(a_text, words),
            }
        )
    ocr.engine._tesseract = real

    def total(key: str, subset=None) -> float:
        return sum(r[key] for r in rows if subset is None or r["kind"] in subset)

    n = len(rows)
    upright = [k for k in VARIANTS if not k.startswith("turn")]
    per_kind = {}
    for kind in dict.fromkeys(r["kind"] for r in rows):
        sel = [r for r in rows if r["kind"] == kind]
        kinds = {kind}
        per_kind[kind] = {
            "pages": len(sel),
            "ratio_wall": _ratio(total("zeef_wall", kinds), total("alone_wall", kinds)),
            "ratio_cpu": _ratio(total("zeef_cpu", kinds), total("alone_cpu", kinds)),
            "second_pass_pages": sum(1 for r in sel if r["passes"] > 1),
            "zeef_word_recall": round(sum(r["zeef_recall"] for r in sel) / len(sel), 3),
            "tesseract_word_recall": round(sum(r["alone_recall"] for r in sel) / len(sel), 3),
        }
    return {
        "pages": n,
        "zeef": {
            "wall_seconds": round(total("zeef_wall"), 2),
            "cpu_seconds": round(total("zeef_cpu"), 2),
            "pages_per_second": round(n / total("zeef_wall"), 3),
            "tesseract_calls": len(calls) - 1,  # minus the warm-up page
            "second_pass_pages": sum(1 for r in rows if r["passes"] > 1),
            "osd_pass_seconds": round(total("osd_seconds"), 2),
        },
        "tesseract_alone": {
            "env": "OMP_THREAD_LIMIT=" + one_thread["OMP_THREAD_LIMIT"] + " (as zeef runs it)",
            "wall_seconds": round(total("alone_wall"), 2),
            "cpu_seconds": round(total("alone_cpu"), 2),
            "pages_per_second": round(n / total("alone_wall"), 3),
        },
        "tesseract_alone_default_env": {
            "env": "OMP_THREAD_LIMIT=" + os.environ.get("OMP_THREAD_LIMIT", "(unset)"),
            "wall_seconds": round(total("alone_default_env_wall"), 2),
            "pages_per_second": round(n / total("alone_default_env_wall"), 3),
        },
        "ratio_wall": _ratio(total("zeef_wall"), total("alone_wall")),
        "ratio_cpu": _ratio(total("zeef_cpu"), total("alone_cpu")),
        "ratio_wall_upright_pages": _ratio(
            total("zeef_wall", upright), total("alone_wall", upright)
        ),
        "ratio_wall_vs_default_env": _ratio(total("zeef_wall"), total("alone_default_env_wall")),
        "by_variant": per_kind,
    }


def _scan_pdf(pages: int, out: Path, seed: int) -> Path:
    import pymupdf

    rng = random.Random(seed)
    document = pymupdf.open()
    images = []
    for _ in range(min(pages, 5)):  # five distinct pages, repeated
        image, _ = _page(rng)
        buf = io.BytesIO()
        image.save(buf, "PNG")
        images.append(buf.getvalue())
    for n in range(pages):
        page = document.new_page(width=595, height=842)
        page.insert_image(page.rect, stream=images[n % len(images)])
    path = out / f"scan-{pages}.pdf"
    document.save(path, deflate=True)
    document.close()
    return path


def run_memory(pages: int, out: Path, seed: int) -> dict:
    path = _scan_pdf(pages, out, seed)
    started = time.perf_counter()
    child = subprocess.run(
        [sys.executable, __file__, "--memory-child", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    seconds = time.perf_counter() - started
    try:
        found = json.loads(child.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return {"pages": pages, "error": f"child failed (exit {child.returncode})"}
    found.update(pages=pages, seconds=round(seconds, 1),
                 pages_per_second=round(pages / seconds, 3))  # fmt: skip
    page = out / "memory-page.png"
    _page(random.Random(seed))[0].save(page, dpi=(300, 300))
    found["peak_rss_mb_tesseract_one_a4_page"] = _tesseract_peak_mb(page)
    return found


def _vm_hwm_mb() -> float | None:
    """This process's own peak RSS. Not ru_maxrss: Linux carries that over from the
    parent across fork/exec, so a child started from a big process reports the parent's
    peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _tesseract_peak_mb(page: Path) -> float | None:
    """Peak RSS of tesseract on one page, measured by GNU time (whose own child it is,
    so nothing is inherited); None where /usr/bin/time is missing."""
    if not Path("/usr/bin/time").exists():
        return None
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")
    with tempfile.TemporaryDirectory() as tmp:
        command = ["tesseract", str(page), f"{tmp}/o", "-l", "nld"]
        done = subprocess.run(["/usr/bin/time", "-f", "MAXRSS_KB %M", *command],
                              capture_output=True, text=True, env=env, check=False)  # fmt: skip
    found = re.search(r"MAXRSS_KB (\d+)", done.stderr)
    return round(int(found.group(1)) / 1024, 1) if found else None


def memory_child(path: str) -> None:
    from zeef.pipeline.extract import read_path

    doc = read_path(path)
    result = doc.ocr
    hwm = _vm_hwm_mb()
    print(
        json.dumps(
            {
                "peak_rss_mb_zeef_process": round(hwm, 1) if hwm else None,
                "needs_ocr": doc.needs_ocr,
                "text_chars": len(doc.text),
                "words": len(result.words) if result else 0,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=len(DEFAULT_MIX))
    parser.add_argument("--memory-pages", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=None, help="keep the page images here")
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child)
        return

    from zeef.pipeline.extract import ocr

    if not ocr.available():
        print(json.dumps({"skipped": "tesseract with the Dutch model is not installed"}))
        return
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        out = args.out or tmp
        out.mkdir(parents=True, exist_ok=True)
        mix = [DEFAULT_MIX[n % len(DEFAULT_MIX)] for n in range(args.pages)]
        figures = run_speed(_make_pages(out, mix, args.seed), tmp) if mix else {}
        if args.memory_pages > 0:
            figures["memory"] = run_memory(args.memory_pages, tmp, args.seed)
    figures["machine"] = {"cpus": os.cpu_count(), "load_average": os.getloadavg()}
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
