"""Render a Doc as txt, pdf (reportlab, with a text layer) or docx (python-docx), reproducibly."""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import re
import zipfile

from zeef_corpus.doc import Block, Doc, block_lines, kv_lines, plain_text, table_lines
from zeef_corpus.spin import pick

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF")
TTF_CANDIDATES = {
    "DejaVuSans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "DejaVuSerif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "DejaVuSansCondensed": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
}
MONO_TTF = "DejaVuSansMono.ttf"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)


def _find(name: str) -> str | None:
    for d in FONT_DIRS:
        p = os.path.join(d, name)
        if os.path.exists(p):
            return p
    return None


_REGISTERED: dict[str, tuple[str, str]] | None = None


def ttf_fonts() -> dict[str, tuple[str, str]]:
    """Registered TrueType families: name -> (regular, bold). Empty when none is installed."""
    global _REGISTERED
    if _REGISTERED is not None:
        return _REGISTERED
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    out: dict[str, tuple[str, str]] = {}
    for fam, (reg, bold) in TTF_CANDIDATES.items():
        rp, bp = _find(reg), _find(bold)
        if rp and bp:
            try:
                pdfmetrics.registerFont(TTFont(fam, rp))
                pdfmetrics.registerFont(TTFont(fam + "-Bold", bp))
                out[fam] = (fam, fam + "-Bold")
            except Exception:  # noqa: BLE001 - a broken font file just means: not available
                continue
    mp = _find(MONO_TTF)
    if mp:
        try:
            pdfmetrics.registerFont(TTFont("DejaVuSansMono", mp))
            out["_mono"] = ("DejaVuSansMono", "DejaVuSansMono")
        except Exception:  # noqa: BLE001
            pass
    _REGISTERED = out
    return out


def cp1252_ok(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


# --- wrapping that never splits a protected (personal-data) string -------------------


def _atoms(text: str, protected: list[str]) -> list[str]:
    spans: list[tuple[int, int]] = []
    for s in sorted({p for p in protected if p and " " in p}, key=lambda x: (-len(x), x)):
        start = 0
        while (j := text.find(s, start)) >= 0:
            if not any(a < j + len(s) and j < b for a, b in spans):
                spans.append((j, j + len(s)))
            start = j + 1
    spans.sort()
    atoms: list[str] = []
    pos = 0
    for a, b in spans:
        atoms.extend(w for w in text[pos:a].split(" ") if w)
        atoms.append(text[a:b])
        pos = b
    atoms.extend(w for w in text[pos:].split(" ") if w)
    # Glue punctuation that followed a protected span back onto it.
    out: list[str] = []
    for at in atoms:
        if out and re.fullmatch(r"[,.;:!?)]+", at):
            out[-1] += at
        else:
            out.append(at)
    return out


def wrap(text: str, width, max_width: float, protected: list[str]) -> list[str]:
    lines: list[str] = []
    for para in text.split("\n"):
        cur = ""
        for at in _atoms(para, protected):
            cand = at if not cur else f"{cur} {at}"
            if width(cand) <= max_width or not cur:
                cur = cand
            else:
                lines.append(cur)
                cur = at
        lines.append(cur)
    return lines


# --- txt -----------------------------------------------------------------------------


def render_txt(doc: Doc, rng: random.Random) -> tuple[bytes, dict]:
    text = plain_text(doc)
    meta: dict = {}
    if rng.random() < 0.35:
        width = rng.choice((72, 78, 80, 90))
        prot = doc.protected()
        out = []
        for line in text.split("\n"):
            if (
                len(line) > width
                and not line.startswith(("|", '"'))
                and "\t" not in line
                and "  " not in line
            ):
                out.extend(wrap(line, len, width, prot))
            else:
                out.append(line)
        text = "\n".join(out)
    if rng.random() < 0.25:
        text = text.replace("\n", "\r\n")
    enc = "utf-8"
    if rng.random() < 0.3 and cp1252_ok(text):
        enc = "cp1252"
    meta["encoding"] = enc
    data = text.encode(enc)
    if enc == "utf-8" and rng.random() < 0.1:
        data = b"\xef\xbb\xbf" + data
        meta["encoding"] = "utf-8-sig"
    return data, meta


# --- pdf -----------------------------------------------------------------------------


def render_pdf(doc: Doc, rng: random.Random) -> tuple[bytes, dict]:
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    text = plain_text(doc)
    ttf = {k: v for k, v in ttf_fonts().items() if not k.startswith("_")}
    std = {
        "Helvetica": ("Helvetica", "Helvetica-Bold"),
        "Times": ("Times-Roman", "Times-Bold"),
        "Courier": ("Courier", "Courier-Bold"),
    }
    need_ttf = not cp1252_ok(text)
    if need_ttf and ttf:
        fam = pick(rng, sorted(ttf))
        regular, bold = ttf[fam]
    elif ttf and rng.random() < 0.3:
        fam = pick(rng, sorted(ttf))
        regular, bold = ttf[fam]
    else:
        fam = pick(rng, ("Helvetica", "Helvetica", "Helvetica", "Times", "Courier"))
        regular, bold = std[fam]
    mono = ttf_fonts().get("_mono", ("Courier", "Courier"))[0] if need_ttf else "Courier"
    size = rng.choice((9.5, 10, 10.5, 11, 11.5)) if fam != "Courier" else rng.choice((9, 9.5, 10))
    lead = size * rng.choice((1.25, 1.3, 1.4))
    pagesize = A4 if rng.random() < 0.92 else LETTER
    pw, ph = pagesize
    ml = rng.choice((56, 64, 72, 80))
    mr = rng.choice((56, 64, 72))
    mt, mb = rng.choice((56, 64, 72)), 64
    maxw = pw - ml - mr
    prot = doc.protected()

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=pagesize, invariant=1, pageCompression=rng.random() < 0.5)
    c.setTitle(doc.title or "Document")
    c.setAuthor("")
    c.setCreator(
        pick(rng, ("Microsoft Word", "Scanner", "ReportLab", "PDF24", "Adobe Acrobat", ""))
    )
    page_no = 1
    footer = rng.random() < 0.4
    y = ph - mt

    def new_page() -> None:
        nonlocal y, page_no
        if footer:
            c.setFont(regular, 8)
            c.drawRightString(pw - mr, 36, f"Pagina {page_no}")
        c.showPage()
        page_no += 1
        y = ph - mt

    def line(
        s: str,
        font: str = regular,
        fsize: float = size,
        align: str = "left",
        x: float | None = None,
    ) -> None:
        nonlocal y
        if y < mb:
            new_page()
        c.setFont(font, fsize)
        if align == "right":
            c.drawRightString(pw - mr, y, s)
        elif align == "center":
            c.drawCentredString(pw / 2, y, s)
        else:
            c.drawString(ml if x is None else x, y, s)
        y -= fsize * (lead / size)

    def para(s: str, font: str = regular, fsize: float = size, align: str = "left") -> None:
        for ln in wrap(s, lambda t: stringWidth(t, font, fsize), maxw, prot):
            line(ln, font, fsize, align)

    def row(cells: list[tuple[float, str]], font: str, fsize: float) -> None:
        """One line of positioned cells as a single text object, so it extracts as one line."""
        cells = [(x, t) for x, t in cells if t]
        if not cells:
            return
        t = c.beginText(cells[0][0], y)
        t.setFont(font, fsize)
        prev = cells[0][0]
        for k, (x, txt) in enumerate(cells):
            if k:
                t.moveCursor(x - prev, 0)
                prev = x
            # A trailing space keeps cells apart in extracted text whatever the gap.
            t.textOut(txt + (" " if k < len(cells) - 1 else ""))
        c.drawText(t)

    def table(b: Block) -> None:
        nonlocal y
        rows = b.rows
        ncol = max(len(r) for r in rows)
        rows = [r + [""] * (ncol - len(r)) for r in rows]
        fsize = size
        while fsize > 6.5:
            widths = [
                max(stringWidth(r[k], regular, fsize) for r in rows) + 10 for k in range(ncol)
            ]
            if sum(widths) <= maxw:
                break
            fsize -= 0.5
        widths = [max(stringWidth(r[k], regular, fsize) for r in rows) + 10 for k in range(ncol)]
        if sum(widths) > maxw:
            for ln in table_lines(rows, "spaces", b.header):
                para(ln, mono, min(fsize, 8))
            return
        for i, r in enumerate(rows):
            if y < mb:
                new_page()
            x = ml
            font = bold if (i == 0 and b.header) else regular
            cells = []
            for k, cell in enumerate(r):
                if cell and k > 0 and re.fullmatch(r"[-+−€ ]*[\d.,]+", cell):
                    cells.append((x + widths[k] - 10 - stringWidth(cell, font, fsize), cell))
                else:
                    cells.append((x, cell))
                x += widths[k]
            row(cells, font, fsize)
            y -= fsize * (lead / size)
            if i == 0 and b.header:
                c.line(ml, y + fsize * 0.6, ml + sum(widths), y + fsize * 0.6)
                y -= 2

    kv_two_col = rng.random() < 0.5
    for b in doc.blocks:
        if b.kind == "h":
            y -= size * 0.4
            para(b.text, bold, size + rng.choice((0, 1, 2)), b.align)
        elif b.kind == "p":
            para(b.text, regular, size, b.align)
            y -= size * 0.5
        elif b.kind in ("lines", "mrz"):
            font = mono if (b.mono or b.kind == "mrz") else regular
            for ln in b.lines:
                if ln == "":
                    y -= lead * 0.6
                else:
                    para(
                        ln.replace("\t", "    "),
                        font,
                        size if font != mono else min(size, 10),
                        b.align,
                    )
        elif b.kind == "table":
            table(b)
            y -= size * 0.5
        elif b.kind == "kv":
            if (
                kv_two_col
                and b.rows
                and max(stringWidth(k, regular, size) for k, _ in b.rows) < maxw * 0.4
            ):
                kw = max(stringWidth(k + ":", regular, size) for k, _ in b.rows) + 12
                for k, v in b.rows:
                    if y < mb:
                        new_page()
                    vlines = wrap(v, lambda t: stringWidth(t, regular, size), maxw - kw, prot) or [
                        ""
                    ]
                    for j, vl in enumerate(vlines):
                        if j and y < mb:
                            new_page()
                        row([(ml, k + ":" if (k and not j) else ""), (ml + kw, vl)], regular, size)
                        y -= lead
            else:
                for ln in kv_lines(b.rows, doc.kv_style):
                    para(ln)
            y -= size * 0.5
        elif b.kind == "blank":
            y -= lead * 0.8
        elif b.kind == "rule":
            c.line(ml, y + size * 0.3, pw - mr, y + size * 0.3)
            y -= lead
    if footer:
        c.setFont(regular, 8)
        c.drawRightString(pw - mr, 36, f"Pagina {page_no}")
    c.showPage()
    c.save()
    return buf.getvalue(), {"font": regular, "pages": page_no}


# --- docx ----------------------------------------------------------------------------


def _normalise_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def render_docx(doc: Doc, rng: random.Random) -> tuple[bytes, dict]:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    d = Document()
    font_name = pick(rng, ("Calibri", "Arial", "Times New Roman", "Verdana", "Cambria", "Aptos"))
    st = d.styles["Normal"]
    st.font.name = font_name
    st.font.size = Pt(pick(rng, (10, 10.5, 11, 12)))
    cp = d.core_properties
    when = dt.datetime(doc.date.year, doc.date.month, doc.date.day, 9, 0, 0)
    cp.author = ""
    cp.last_modified_by = ""
    cp.created = when
    cp.modified = when
    cp.last_printed = when
    cp.revision = 1
    cp.title = ""
    cp.comments = ""
    headings = rng.random() < 0.6
    kv_table = rng.random() < 0.4
    table_style = pick(rng, ("Table Grid", "Table Grid", None, "Light List Accent 1"))
    use_header = rng.random() < 0.3
    aligns = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}
    blocks = list(doc.blocks)

    # A letterhead may go into the page header.
    if use_header and blocks and blocks[0].kind == "lines":
        hdr = d.sections[0].header
        first = blocks.pop(0)
        hp = hdr.paragraphs[0]
        hp.text = first.lines[0]
        for ln in first.lines[1:]:
            hdr.add_paragraph(ln)

    def add_lines(lines: list[str], align: str, mono: bool, one_para: bool) -> None:
        if one_para:
            p = d.add_paragraph()
            for k, ln in enumerate(lines):
                r = p.add_run(ln)
                if mono:
                    r.font.name = "Courier New"
                if k < len(lines) - 1:
                    r.add_break()
            if align in aligns:
                p.alignment = aligns[align]
        else:
            for ln in lines:
                p = d.add_paragraph()
                r = p.add_run(ln)
                if mono:
                    r.font.name = "Courier New"
                if align in aligns:
                    p.alignment = aligns[align]

    one_para_lines = rng.random() < 0.5
    for b in blocks:
        if b.kind == "h":
            if headings:
                d.add_heading(b.text, level=pick(rng, (1, 2, 2)))
            else:
                p = d.add_paragraph()
                p.add_run(b.text).bold = True
        elif b.kind == "p":
            p = d.add_paragraph(b.text)
            if b.align in aligns:
                p.alignment = aligns[b.align]
        elif b.kind in ("lines", "mrz"):
            lines = [x for x in b.lines]
            if lines and any(x.strip() for x in lines):
                add_lines(lines, b.align, b.mono or b.kind == "mrz", one_para_lines)
        elif b.kind == "table" or (b.kind == "kv" and kv_table):
            rows = b.rows
            ncol = max(len(r) for r in rows) if rows else 1
            t = d.add_table(rows=len(rows), cols=ncol)
            if table_style:
                try:
                    t.style = d.styles[table_style]
                except KeyError:
                    t.style = d.styles["Table Grid"]
            for i, r in enumerate(rows):
                for k in range(ncol):
                    cell = t.cell(i, k)
                    cell.text = r[k] if k < len(r) else ""
                    if i == 0 and b.header and b.kind == "table" and cell.paragraphs[0].runs:
                        cell.paragraphs[0].runs[0].bold = True
            d.add_paragraph()
        elif b.kind == "kv":
            for k, v in b.rows:
                p = d.add_paragraph()
                if k:
                    p.add_run(k + ": ").bold = rng.random() < 0.5
                p.add_run(v)
        elif b.kind == "blank":
            d.add_paragraph()
        elif b.kind == "rule":
            d.add_paragraph("_" * 40)
    buf = io.BytesIO()
    d.save(buf)
    return _normalise_zip(buf.getvalue()), {"font": font_name}


def docx_text(data: bytes) -> str:
    """All text of a docx: header, body paragraphs and table cells, in order."""
    from docx import Document

    d = Document(io.BytesIO(data))
    out: list[str] = []
    for s in d.sections:
        out.extend(p.text for p in s.header.paragraphs)
    body = d.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(_para_text(child))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = [_para_text(tc) for tc in row if tc.tag.endswith("}tc")]
                    out.append("\t".join(cells))
    for s in d.sections:
        out.extend(p.text for p in s.footer.paragraphs)
    return "\n".join(out)


def _para_text(el) -> str:
    parts = []
    for node in el.iter():
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "t":
            parts.append(node.text or "")
        elif tag == "br":
            parts.append("\n")
        elif tag == "tab":
            parts.append("\t")
        elif tag == "p" and parts:
            parts.append("\n")
    return "".join(parts)


__all__ = [
    "render_txt",
    "render_pdf",
    "render_docx",
    "docx_text",
    "plain_text",
    "block_lines",
    "ttf_fonts",
]
