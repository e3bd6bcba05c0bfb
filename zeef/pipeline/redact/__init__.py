"""Redaction for inspection copies: third parties truly removed, the subject's data kept.

Two steps, so that one numbering and one set of removed strings can span many documents
(an inspection package, `zeef.pipeline.inzage`):
- `plan_document` reads nothing new: it finds and assigns personal data in a document
  already read, exactly as `classify` does, and plans the replacements (`plan.py`);
- `write_copy` makes the copy from a plan, in memory:
  - PDF in, PDF out: the text is removed from the text layer, not covered (`pdf.py`);
  - a scan or photo: the words painted out of the pixels (`pixels.py`), verified by
    reading the copy again with OCR;
  - text, Word, HTML and e-mail in, text out (an e-mail with its headers and the text of
    every attachment).
`redact_file` does both for one file and writes the copy only once it is verified: if any
removed string can still be found in it, nothing is written and `LeakDetected` is raised
(fail closed).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from zeef.classifiers.analyzer import analyze
from zeef.classifiers.categoriser import categorise
from zeef.classifiers.identifying_details import find_identifying_details
from zeef.classifiers.roles import Finding, assign_roles
from zeef.domain.case import Case
from zeef.domain.document import ReadDocument
from zeef.domain.errors import InvalidInput, LeakDetected, RedactError, UnreadableDocument
from zeef.domain.vocabulary import Category, Role
from zeef.pipeline.extract import read_path
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

Labels = _Labels  # one numbering of people across the texts it is given to


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


@dataclass
class DocumentPlan:
    """What one document's copy will remove. `kind`: ``pdf`` (a text layer), ``scan``
    (pages read by OCR), ``message`` (an e-mail, or a file holding others: its text is
    already redacted in `text`), ``text``. Holds personal data: never logged."""

    doc: ReadDocument
    kind: str
    text: str
    plan: RedactionPlan
    removed: list[str]
    labels: dict[str, str] = field(default_factory=dict)  # removed string (folded) → label
    kept: set[str] = field(default_factory=set)
    people: int = 0

    def counts(self) -> dict[str, int]:
        """How many replacements per entity type (what the index tells the subject)."""
        out: dict[str, int] = {}
        for r in self.plan.replacements:
            out[r.entity_type] = out.get(r.entity_type, 0) + 1
        return out


@dataclass
class RedactedCopy:
    data: bytes
    media_type: str
    replacements: int
    verified: bool  # already checked (a scan, against what OCR reads in it)


def _keep_consented(text: str, findings: list[Finding], people: Iterable[str]) -> list[Finding]:
    """The findings with the names of third parties who consented to disclosure (or whose
    refusal was outweighed) kept: their name mentions get the subject's role here, so the
    plan leaves them; their other data (address, phone) still go."""
    names = [p for p in people if p.strip()]
    if not names:
        return findings
    from zeef.classifiers.person_names import find_person_mentions
    from zeef.classifiers.roles import SubjectProfile
    from zeef.domain.case import Subject

    profiles = [SubjectProfile(Case("consent", "participatiewet", Subject(name=n))) for n in names]
    mentions = {(m.start, m.end): m for m in find_person_mentions(text)}
    consented = set()
    for f in findings:
        m = mentions.get((f.start, f.end))
        if f.type == "PERSON" and m is not None and any(p.is_person(m) for p in profiles):
            consented.add(f.person or f"@{f.start}")
    return [
        replace(f, role=Role.SUBJECT)
        if f.type == "PERSON" and (f.person or f"@{f.start}") in consented
        else f
        for f in findings
    ]


def redact_text(
    text: str,
    case: Case,
    keep_professionals: bool = True,
    labels: _Labels | None = None,
    consented: Iterable[str] = (),
    category: Category | None = None,
) -> tuple[str, list[str], RedactionPlan]:
    """The redacted text, the strings removed, and the plan. What identifies a third
    party without their name goes too (`identifying_details`): in a tip (`category`, or
    the categoriser's reading when not given) also the writer's relation to the subject,
    their signature and their town."""
    findings = assign_roles(text, analyze(text), case)
    findings = _keep_consented(text, findings, consented)
    if category is None:
        category = categorise(text, findings).category
    details = find_identifying_details(text, category is Category.THIRD_PARTY_TIP)
    plan = plan_redaction(text, findings, keep_professionals, labels or _Labels(), details=details)
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


def _redact_message(
    doc: ReadDocument,
    case: Case,
    keep_professionals: bool,
    labels: _Labels,
    consented: Iterable[str] = (),
):
    pieces: list[tuple[str, str, set[str]]] = []
    removed: list[str] = []
    everywhere: dict[str, str] = {}
    count = 0
    for n, part in enumerate(doc.parts):
        if n == 0 and part.name == "body":
            heading = ""
        else:
            safe_name, name_removed, plan = redact_text(
                part.name, case, keep_professionals, labels, consented
            )
            removed += name_removed
            everywhere.update(label_map(part.name, plan))
            heading = f"\n\n=== Bijlage {n}: {safe_name} ===\n\n"
        if part.error or (part.needs_ocr and not part.text.strip()):
            pieces.append(
                (heading, "[deze bijlage kon niet worden gelezen en is weggelaten]", set())
            )
            continue
        text, part_removed, plan = redact_text(
            part.text, case, keep_professionals, labels, consented
        )
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
    return out, removed, count, everywhere, kept


def plan_document(
    doc: ReadDocument,
    case: Case,
    *,
    keep_professionals: bool = True,
    labels: _Labels | None = None,
    consented: Iterable[str] = (),
    category: Category | None = None,
) -> DocumentPlan:
    """What `doc`'s copy removes. `labels`: a numbering shared with other documents;
    `consented`: names of third parties who may be named (they stay); `category`: the
    document's, as routed (else the categoriser's reading). RedactError for a document
    that cannot be redacted safely (a page no one could read)."""
    labels = labels if labels is not None else _Labels()
    if doc.needs_ocr and not doc.parts:
        # A page no one could read may name anyone: it cannot be redacted safely.
        if doc.ocr is None:
            raise RedactError("document has pages without a text layer and OCR is not available")
        raise RedactError("part of the scan could not be read by OCR: it cannot be redacted safely")
    if doc.ocr is not None:
        from zeef.pipeline.redact import pixels

        # In rows as the page shows them: a form's answer next to its label, a bank
        # line's name next to its amount (Tesseract reads block by block).
        doc = pixels.relaid(doc)
        kind = "scan"
    elif doc.media_type == "application/pdf":
        kind = "pdf"
    elif doc.parts:
        text, removed, count, everywhere, kept = _redact_message(
            doc, case, keep_professionals, labels, consented
        )
        people = labels.people
        plan = RedactionPlan([], kept)
        return DocumentPlan(doc, "message", text, plan, removed, everywhere, kept, people)
    else:
        kind = "text"
    text = doc.text
    _, removed, plan = redact_text(text, case, keep_professionals, labels, consented, category)
    return DocumentPlan(
        doc, kind, text, plan, removed, label_map(text, plan), set(plan.kept_names),
        plan.third_parties,
    )  # fmt: skip


def write_copy(planned: DocumentPlan, out_suffix: str = "") -> RedactedCopy:
    """The copy `planned` describes, in memory. A scan's copy is verified here (read
    again with OCR; LeakDetected on a hit); the others are verified by the caller
    (`redact_file`, or the inspection package as a whole). `out_suffix`: the format
    asked for an image's copy (``.pdf``, ``.png``, ...)."""
    doc, plan = planned.doc, planned.plan
    if planned.kind == "scan":
        return _scanned_copy(planned, out_suffix)
    if planned.kind == "pdf":
        from zeef.pipeline.redact.pdf import RedactionError, RedactionTarget, redact_pdf

        targets = [
            RedactionTarget(text=planned.text[r.start : r.end], label=r.label)
            for r in plan.replacements
        ]
        try:
            data = redact_pdf(doc.data, targets, keep=sorted(plan.kept_names))
        except RedactionError as exc:
            raise RedactError(str(exc)) from None
        return RedactedCopy(data, "application/pdf", len(plan.replacements), False)
    text = planned.text if planned.kind == "message" else apply_plan(planned.text, plan)
    return RedactedCopy(text.encode("utf-8"), "text/plain", len(plan.replacements), False)


def _scanned_copy(planned: DocumentPlan, out_suffix: str) -> RedactedCopy:
    """A scan or photo (or a PDF with scanned pages): third parties painted out of the
    pixels (`pixels.py`), text-layer pages redacted as any PDF; verified by reading the
    output again with OCR before it is returned."""
    from zeef.pipeline.redact import pixels
    from zeef.pipeline.redact.pdf import RedactionError, RedactionTarget, redact_pdf

    doc, plan, scanned = planned.doc, planned.plan, planned.doc.ocr
    areas = pixels.areas_for(doc, plan)
    ocr_pages = [p.index for p in scanned.pages]
    try:
        if doc.media_type == "application/pdf":
            targets = [
                RedactionTarget(text=planned.text[r.start : r.end], label=r.label)
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
            fmt = pixels.OUTPUT_FORMATS.get(out_suffix.lower()) or ("TIFF" if multi else "PNG")
            data = pixels.redact_image(doc.data, areas, scanned.pages, fmt)
            media_type = pixels.MEDIA_TYPES[fmt]
            if fmt == "PDF":
                ocr_pages = list(range(len(scanned.pages)))
    except (RedactionError, pixels.OutputError) as exc:  # their messages are safe
        raise RedactError(str(exc)) from None
    except ValueError as exc:  # a decoder's message might quote the file: its type only
        raise RedactError(f"image redaction failed ({type(exc).__name__})") from None
    if planned.removed:
        seen = "\n".join(pixels.ocr_texts(data, media_type, ocr_pages))
        if _leaks_in_text(seen, planned.removed):
            raise LeakDetected("removed data still read in the output's pixels; nothing written")
    return RedactedCopy(data, media_type, len(plan.replacements), True)


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
    planned = plan_document(doc, case, keep_professionals=keep_professionals)
    copy = write_copy(planned, out.suffix)
    if copy.media_type == "application/pdf":
        from zeef.pipeline.redact.verify import LeakError, write_verified

        try:
            write_verified(out, copy.data, planned.removed)
        except LeakError:
            raise LeakDetected("removed data still found in the output; nothing written") from None
    else:
        if copy.media_type == "text/plain" and _leaks_in_text(
            copy.data.decode("utf-8"), planned.removed
        ):
            raise LeakDetected("removed data still found in the output; nothing written")
        write_atomic(out, copy.data)
    return RedactionResult(out, copy.media_type, copy.replacements, planned.people)
