"""Redaction for inspection copies: third parties truly removed, the subject's data kept.

`redact_file` reads a document, finds and assigns personal data exactly as `classify`
does, plans the replacements (`plan.py`) and writes the copy:
- PDF in, PDF out: the text is removed from the text layer, not covered (`pdf.py`);
- text, Word, HTML and e-mail in, text out (an e-mail with its headers and the text of
  every attachment).
Every output is verified before it is written: if any removed string can still be found
in it, nothing is written and `LeakDetected` is raised (fail closed).
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from zeef.classifiers.analyzer import analyze
from zeef.classifiers.roles import assign_roles
from zeef.domain.case import Case
from zeef.domain.document import ReadDocument
from zeef.domain.errors import InvalidInput, LeakDetected, RedactError, UnreadableDocument
from zeef.pipeline.extract import ocr, read_path
from zeef.pipeline.redact.plan import (
    RedactionPlan,
    _Labels,
    apply_plan,
    label_map,
    plan_redaction,
    removed_strings,
    replace_everywhere,
)
from zeef.storage.atomic import write_atomic


@dataclass
class RedactionResult:
    out: Path
    media_type: str
    replacements: int
    third_parties: int

    def to_json(self) -> dict:
        return {
            "out": str(self.out),
            "media_type": self.media_type,
            "replacements": self.replacements,
            "third_parties": self.third_parties,
        }


def redact_text(
    text: str, case: Case, keep_professionals: bool = True, labels: _Labels | None = None
) -> tuple[str, list[str], RedactionPlan]:
    """The redacted text, the strings removed, and the plan."""
    findings = assign_roles(text, analyze(text), case)
    plan = plan_redaction(text, findings, keep_professionals, labels or _Labels())
    return apply_plan(text, plan), removed_strings(text, plan), plan


def _leaks_in_text(text: str, removed: list[str]) -> int:
    """How many removed strings still stand in `text` as whole words (case-insensitive,
    any white space): "Bos" removed does not make "Bosweg" a leak."""
    folded = " ".join(text.split()).casefold()
    count = 0
    for s in removed:
        needle = re.escape(" ".join(s.split()).casefold())
        if re.search(rf"(?<!\w){needle}(?!\w)", folded):
            count += 1
    return count


def _redact_message(doc: ReadDocument, case: Case, keep_professionals: bool):
    labels = _Labels()  # one numbering for the whole message
    pieces: list[tuple[str, str, set[str]]] = []
    removed: list[str] = []
    everywhere: dict[str, str] = {}
    count = 0
    for n, part in enumerate(doc.parts):
        if n == 0 and part.name == "body":
            heading = ""
        else:
            safe_name, name_removed, plan = redact_text(part.name, case, keep_professionals, labels)
            removed += name_removed
            everywhere.update(label_map(part.name, plan))
            heading = f"\n\n=== Bijlage {n}: {safe_name} ===\n\n"
        if part.error or (part.needs_ocr and not part.text.strip()):
            pieces.append(
                (heading, "[deze bijlage kon niet worden gelezen en is weggelaten]", set())
            )
            continue
        text, part_removed, plan = redact_text(part.text, case, keep_professionals, labels)
        pieces.append((heading, text, plan.kept_names))
        removed += part_removed
        everywhere.update(label_map(part.text, plan))
        count += len(plan.replacements)
    # What one part removed goes from every part (a name recognised in the body but not
    # in an attachment's table is still that person), except names that stay in some
    # part (the subject, a professional signing with a function).
    kept = set().union(*(k for _, _, k in pieces)) if pieces else set()
    out = "".join(
        replace_everywhere(heading, everywhere, kept) + replace_everywhere(text, everywhere, kept)
        for heading, text, _ in pieces
    )
    removed = [s for s in removed if not any(s in k for k in kept)]
    return out, removed, count, labels.people


def _redact_scanned(
    doc: ReadDocument, scanned: ocr.OcrResult, case: Case, out: Path, keep_professionals: bool
) -> RedactionResult:
    """A scan or photo (or a PDF with scanned pages): third parties painted out of the
    pixels (`pixels.py`), text-layer pages redacted as any PDF; verified by reading the
    output again with OCR before anything is written."""
    from zeef.pipeline.redact import pixels
    from zeef.pipeline.redact.pdf import RedactionError, RedactionTarget, redact_pdf
    from zeef.pipeline.redact.verify import LeakError, write_verified

    _, removed, plan = redact_text(doc.text, case, keep_professionals)
    areas = pixels.areas_for(doc, plan)
    ocr_pages = [p.index for p in scanned.pages]
    try:
        if doc.media_type == "application/pdf":
            targets = [
                RedactionTarget(text=doc.text[r.start : r.end], label=r.label)
                for r in plan.replacements
            ]
            data = redact_pdf(
                doc.data,
                targets,
                keep=sorted(plan.kept_names),
                areas=pixels.pdf_areas(areas, scanned.pages),
            )
            media_type = "application/pdf"
        else:
            multi = len(scanned.pages) > 1
            fmt = pixels.OUTPUT_FORMATS.get(out.suffix.lower()) or ("TIFF" if multi else "PNG")
            data = pixels.redact_image(doc.data, areas, scanned.pages, fmt)
            media_type = pixels.MEDIA_TYPES[fmt]
            if fmt == "PDF":
                ocr_pages = list(range(len(scanned.pages)))
    except (RedactionError, pixels.OutputError) as exc:  # their messages are safe
        raise RedactError(str(exc)) from None
    except ValueError as exc:  # a decoder's message might quote the file: its type only
        raise RedactError(f"image redaction failed ({type(exc).__name__})") from None
    if removed:
        seen = "\n".join(pixels.ocr_texts(data, media_type, ocr_pages))
        if _leaks_in_text(seen, removed):
            raise LeakDetected("removed data still read in the output's pixels; nothing written")
    if media_type == "application/pdf":
        try:
            write_verified(out, data, removed)
        except LeakError:
            raise LeakDetected("removed data still found in the output; nothing written") from None
    else:
        write_atomic(out, data)
    return RedactionResult(out, media_type, len(plan.replacements), plan.third_parties)


class BadOutput(InvalidInput):
    """An `--out` that cannot or must not be written; checked before anything is read.
    The message names the problem, never a path."""


def _check_out(source: Path, out: Path) -> None:
    """Refuse an `out` that is a folder, not a regular file, in a folder that cannot be
    written, or the input itself (by any name: a link, ``x/../x``, a hard link): the
    citizen's original must never be replaced by its copy."""
    if not out.parent.is_dir():
        raise RedactError("output folder does not exist")
    if out.is_dir():
        raise BadOutput("--out is a folder; give a file name")
    if out.exists() or out.is_symlink():
        try:
            same = os.path.samefile(source, out)
        except OSError:
            same = False
        if same or source.resolve() == out.resolve():
            raise BadOutput("--out is the input file itself; give another file name")
        if not out.is_file():
            raise BadOutput("--out exists and is not a regular file")
    elif source.resolve() == out.resolve():
        raise BadOutput("--out is the input file itself; give another file name")
    try:  # what writing will do: a temporary file next to `out`
        with tempfile.NamedTemporaryFile(dir=out.parent, prefix=".zeef-check."):
            pass
    except OSError:
        raise BadOutput("cannot write to the output folder") from None


def redact_file(
    path: str | Path, case: Case, out: str | Path, keep_professionals: bool = True
) -> RedactionResult:
    out = Path(out)
    _check_out(Path(path), out)
    try:
        doc = read_path(path)
    except UnreadableDocument as exc:
        raise RedactError(str(exc)) from None
    scanned = doc.ocr
    if doc.needs_ocr and not doc.parts:
        # A page no one could read may name anyone: it cannot be redacted safely.
        if scanned is None:
            raise RedactError("document has pages without a text layer and OCR is not available")
        raise RedactError("part of the scan could not be read by OCR: it cannot be redacted safely")
    if scanned is not None:
        return _redact_scanned(doc, scanned, case, out, keep_professionals)

    if doc.media_type == "application/pdf":
        from zeef.pipeline.redact.pdf import RedactionError, RedactionTarget, redact_pdf
        from zeef.pipeline.redact.verify import LeakError, write_verified

        _, removed, plan = redact_text(doc.text, case, keep_professionals)
        targets = [
            RedactionTarget(text=doc.text[r.start : r.end], label=r.label)
            for r in plan.replacements
        ]
        try:
            pdf = redact_pdf(doc.data, targets, keep=sorted(plan.kept_names))
            write_verified(out, pdf, removed)
        except RedactionError as exc:
            raise RedactError(str(exc)) from None
        except LeakError:
            raise LeakDetected("removed data still found in the output; nothing written") from None
        return RedactionResult(out, doc.media_type, len(plan.replacements), plan.third_parties)

    if doc.parts:
        text, removed, count, people = _redact_message(doc, case, keep_professionals)
    else:
        text, removed, plan = redact_text(doc.text, case, keep_professionals)
        count, people = len(plan.replacements), plan.third_parties
    if _leaks_in_text(text, removed):
        raise LeakDetected("removed data still found in the output; nothing written")
    write_atomic(out, text.encode("utf-8"))
    return RedactionResult(out, "text/plain", count, people)
