"""Classify one document: read, find personal data, assign roles, categorise, decide.

The result is the contract's JSON line for `zeef classify`. It holds offsets, types,
categories and reasons only: never the document's text or the personal data found in it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from zeef.classifiers import budget
from zeef.classifiers.analyzer import analyze
from zeef.classifiers.budget import TimeBudgetExceeded
from zeef.classifiers.categoriser import Prediction, categorise
from zeef.classifiers.diagnostic_language import find_diagnostic_language
from zeef.classifiers.id_document import IdDocument, read_id_document
from zeef.classifiers.id_holder import HolderMatch, holder_match
from zeef.classifiers.roles import Finding, assign_roles
from zeef.classifiers.shared_note import shared_with_others
from zeef.domain.case import Case
from zeef.domain.document import ReadDocument
from zeef.domain.errors import UnreadableDocument
from zeef.domain.policy import DEFAULT_MEDICAL_POLICY, decide, rule_for, shared_note_rule
from zeef.domain.vocabulary import RESTRICTIVENESS, Category, Disposition
from zeef.pipeline.display import display_name, strip_controls
from zeef.pipeline.extract import FileMissing, FileTooLarge, NotAFile, hash_file, read_path

log = logging.getLogger(__name__)

# Below this calibrated confidence a document goes to a reviewer instead of being routed:
# the confidence is calibrated on templates the model never saw, so below 0.5 the
# category is more likely wrong than right.
REVIEW_THRESHOLD = 0.5
_EMAIL = "message/rfc822"
# What may never end up in a dossier part by mistake: a document that would be kept in
# the working or archival dossier, but whose calibrated probability of being medical (or
# an ID copy) is at least this, goes to a person instead (`possibly_medical`,
# `possibly_id_copy`). A medical letter in the dossier costs far more than a look.
DOSSIER_GUARD = 0.15
_GUARDED = {Category.MEDICAL: "possibly_medical", Category.ID_COPY: "possibly_id_copy"}
# A case report that records a diagnosis, medication or ZRM scores (FAQ Q14, Q18, Q22:
# record the limitation, not the diagnosis): review, with the words' offsets.
DIAGNOSTIC_LANGUAGE = "diagnostic_language"
# A personal note that was shared with a colleague or another organisation (FAQ Q28):
# dossier material (working), no longer excluded.
NOTE_SHARED = "note_shared"


@dataclass
class Classification:
    """The judgement on one document (or one part of an e-mail)."""

    name: str
    sha256: str
    category: Category
    confidence: float
    needs_review: bool
    disposition: Disposition
    findings: list[Finding] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    error: str | None = None
    id_document: dict | None = None
    id_document_type: str | None = None  # passport, id_card, ... (kept with the number)
    media_type: str = ""
    parts: list[Classification] = field(default_factory=list)
    law: str | None = None  # the case's law: the policy row that decided
    # Offsets of diagnostic words (`DIAGNOSTIC_LANGUAGE`): {start, end, kind}, no text.
    marks: list[dict] = field(default_factory=list)
    # A glued file: one classification per document found in it, in page order.
    segments: list[Classification] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)  # a segment's pages (1-based)
    cut: bytes = field(default=b"", repr=False)  # a segment's pages as a file of their own
    probabilities: dict[str, float] = field(default_factory=dict, repr=False)

    @property
    def legal_basis(self) -> str:
        if NOTE_SHARED in self.reasons and self.category is Category.PERSONAL_NOTE:
            return shared_note_rule(self.law).legal_basis
        return rule_for(self.category, self.law).legal_basis

    @property
    def purpose(self) -> str:
        if NOTE_SHARED in self.reasons and self.category is Category.PERSONAL_NOTE:
            return shared_note_rule(self.law).purpose
        return rule_for(self.category, self.law).purpose

    def segment_json(self) -> dict:
        out = {
            "pages": list(self.pages),
            "category": self.category.value,
            "confidence": round(self.confidence, 3),
            "disposition": self.disposition.value,
            "needs_review": self.needs_review,
        }
        if self.reasons:
            out["reasons"] = self.reasons
        if self.id_document:
            out["id_document"] = self.id_document
        return out

    def to_json(self, file_key: str = "file") -> dict:
        # A file is shown as the user gave it; an e-mail's part by a name of its own,
        # which may hold anyone's data: masked (`zeef.pipeline.display`). Neither with
        # control or bidi characters.
        shown = strip_controls(self.name) if file_key == "file" else display_name(self.name)
        out: dict = {
            file_key: shown,
            "sha256": self.sha256,
            "category": self.category.value,
            "confidence": round(self.confidence, 3),
            "needs_review": self.needs_review,
            "disposition": self.disposition.value,
            "id_document": self.id_document,
            "findings": [f.to_json() for f in self.findings],
        }
        if self.media_type:
            out["media_type"] = self.media_type
        out["legal_basis"] = self.legal_basis
        if self.law:
            out["law"] = self.law
        if self.marks:
            out["diagnostic_language"] = [dict(m) for m in self.marks]
        if self.reasons:
            out["reasons"] = self.reasons
        if self.error:
            out["error"] = self.error
        if self.parts:
            out["parts"] = [p.to_json(file_key="part") for p in self.parts]
        if self.segments:
            out["segments"] = [seg.segment_json() for seg in self.segments]
        return out


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _to_review(
    name: str, sha: str, reason: str, error: str | None = None, media_type: str = ""
) -> Classification:
    """A document nothing can be said of: `other`, review, no findings."""
    return Classification(
        name=name,
        sha256=sha,
        category=Category.OTHER,
        confidence=0.0,
        needs_review=True,
        disposition=Disposition.REVIEW,
        reasons=[reason],
        error=error,
        media_type=media_type,
    )


def _unreadable(name: str, sha: str, error: str, media_type: str = "") -> Classification:
    return _to_review(name, sha, "unreadable", error, media_type)


def _over_budget(name: str, sha: str, media_type: str = "") -> Classification:
    """A document whose time budget ran out: review, and nothing found in it is kept
    (what was found before the budget ran out may be partial)."""
    log.info("document over its time budget sha256=%s", sha[:12])
    return _to_review(name, sha, "time_budget", media_type=media_type)


def _within_budget(
    work: Callable[[], Classification], name: str, sha: Callable[[], str], media_type: str
) -> Classification:
    """`work` within the document's time budget (`limits.document_seconds`); a part of
    an e-mail runs within its message's budget, and the message answers for it."""
    if budget.running() is not None:
        return work()
    try:
        with budget.document():
            return work()
    except TimeBudgetExceeded:
        return _over_budget(name, sha(), media_type)


def _ocr_time():
    """OCR has limits of its own (``ocr_page_seconds`` ...): its time is not counted
    against the document's budget."""
    running = budget.running()
    return running.paused() if running is not None else nullcontext()


def classify_text(
    name: str, text: str, case: Case | None, sha256: str = "", media_type: str = ""
) -> Classification:
    """Classify a document's extracted text; past its time budget: review (reason
    ``time_budget``, no findings)."""
    return _within_budget(
        lambda: _classify_text(name, text, case, sha256, media_type),
        name,
        lambda: sha256,
        media_type,
    )


def _classify_text(
    name: str, text: str, case: Case | None, sha256: str, media_type: str
) -> Classification:
    findings = assign_roles(text, analyze(text), case)
    return judge(name, text, findings, case, sha256, media_type)


def _law(case: Case | None) -> str | None:
    return case.law if case else None


def dispose(
    category: Category, case: Case | None, needs_review: bool, reasons: list[str]
) -> Disposition:
    """The disposition by the case's law and medical policy (`zeef.domain.policy`); a
    shared personal note is working-dossier material (FAQ Q28)."""
    if needs_review:
        return Disposition.REVIEW
    if category is Category.PERSONAL_NOTE and NOTE_SHARED in reasons:
        return shared_note_rule(_law(case)).disposition
    medical_policy = case.medical_policy if case else DEFAULT_MEDICAL_POLICY
    return decide(category, medical_policy, False, law=_law(case))


def judge(
    name: str,
    text: str,
    findings: list[Finding],
    case: Case | None,
    sha256: str = "",
    media_type: str = "",
) -> Classification:
    """Categorise a text whose findings are known, and decide what happens to it."""
    prediction: Prediction = categorise(text, findings)
    budget.check()
    needs_review = prediction.confidence < REVIEW_THRESHOLD
    reasons = ["low_confidence"] if needs_review else []
    marks: list[dict] = []
    if prediction.category is Category.CASE_REPORT:
        marks = [
            {"start": m.start, "end": m.end, "kind": m.kind} for m in find_diagnostic_language(text)
        ]
        if marks:
            needs_review = True
            reasons.append(DIAGNOSTIC_LANGUAGE)
    elif prediction.category is Category.PERSONAL_NOTE and shared_with_others(text):
        reasons.append(NOTE_SHARED)
    id_document = id_document_type = None
    if prediction.category is Category.ID_COPY:
        # The copy may only be destroyed once its number and expiry are noted, and only
        # a zone whose check digits all pass is trusted: otherwise a person looks.
        # Only the subject's own document establishes identity: another person's number
        # is noted nowhere (`_id_of`).
        found = read_id_document(text)
        if found is not None and found.trusted:
            id_document, id_document_type, holder_reason = _id_of(found, case)
            if holder_reason is not None:
                reasons.append(holder_reason)
                needs_review = needs_review or holder_reason == HOLDER_UNKNOWN
        else:
            needs_review = True
            reasons.append("id_document_unreadable" if found is None else "id_document_untrusted")
    disposition = dispose(prediction.category, case, needs_review, reasons)
    if disposition in (Disposition.ARCHIVE, Disposition.WORKING):
        for guarded, reason in _GUARDED.items():
            if prediction.probabilities.get(guarded.value, 0.0) >= DOSSIER_GUARD:
                needs_review = True
                reasons.append(reason)
                disposition = Disposition.REVIEW
    return Classification(
        name=name,
        sha256=sha256,
        category=prediction.category,
        confidence=prediction.confidence,
        needs_review=needs_review,
        disposition=disposition,
        findings=findings,
        reasons=reasons,
        id_document=id_document,
        id_document_type=id_document_type,
        media_type=media_type,
        law=_law(case),
        marks=marks,
        probabilities=prediction.probabilities,
    )


def classify_document(doc: ReadDocument, case: Case | None) -> Classification:
    """Classify a document as read; an e-mail, or a PDF or Word file with embedded
    documents, through its parts (the most restrictive part decides)."""
    return _within_budget(
        lambda: _classify_document(doc, case),
        doc.name,
        lambda: _sha256(doc.data),
        doc.media_type,
    )


def _classify_document(doc: ReadDocument, case: Case | None) -> Classification:
    sha = _sha256(doc.data)
    if doc.error:
        return _unreadable(doc.name, sha, doc.error, doc.media_type)
    if doc.parts:
        return _classify_message(doc, case, sha)
    if doc.needs_ocr and not doc.text.strip():
        result = _unreadable(doc.name, sha, "", doc.media_type)
        result.error = None
        result.reasons = ["needs_ocr"]
        return result
    result = classify_text(doc.name, doc.text, case, sha, doc.media_type)
    if len(doc.page_starts) > 1:
        from zeef.pipeline.segments import split_glued

        glued = split_glued(doc, result, case)
        if glued is not None:
            return glued
    if result.category is Category.ID_COPY and result.id_document is None:
        with _ocr_time():
            _read_zone_again(doc, result, case)
    if doc.needs_ocr:
        # Some pages had no text layer: what we did not read could change the category.
        result.needs_review = True
        result.disposition = Disposition.REVIEW
        result.reasons.append("needs_ocr")
    return result


_ZONE_REASONS = ("id_document_unreadable", "id_document_untrusted")
# A trusted reading of someone else's document: destroyed, nothing of it noted.
NOT_SUBJECT = "id_document_not_subject"
# A trusted reading whose holder cannot be told (no readable name, no birth date): review.
HOLDER_UNKNOWN = "id_document_holder_unknown"
_HOLDER_REASONS = (NOT_SUBJECT, HOLDER_UNKNOWN)


def _id_of(found: IdDocument, case: Case | None) -> tuple[dict | None, str | None, str | None]:
    """What a trusted reading gives the classification: (id_document, its type, a
    holder reason). The subject's own document (or any, without a case: as `zeef
    classify` without `--case` always did): number and expiry. Someone else's: nothing
    but its type and `id_document_not_subject` (still destroyed: there is no basis to
    keep it). A holder that cannot be told: `id_document_holder_unknown` (review). The
    holder's name and birth date are compared and dropped, never kept or logged."""
    if case is None:
        return found.to_json(), found.document_type, None
    match = holder_match(found.holder, case.subject)
    if match is HolderMatch.SUBJECT:
        return found.to_json(), found.document_type, None
    if match is HolderMatch.OTHER:
        return None, found.document_type, NOT_SUBJECT
    return None, None, HOLDER_UNKNOWN


def _read_zone_again(doc: ReadDocument, result: Classification, case: Case | None) -> None:
    """A scanned ID copy whose zone the first OCR reading got wrong: read it again, made
    for the zone (`ocr.mrz_readings`), and take the first reading whose check digits all
    pass. Only a trusted reading changes anything: never a guessed number."""
    from zeef.pipeline.extract import ocr

    if NOT_SUBJECT in result.reasons:
        return  # trusted already, and someone else's: nothing to read again for
    holder_unknown = HOLDER_UNKNOWN in result.reasons  # the zone trusted, its name not read
    for text in ocr.mrz_readings(doc):
        # With the first reading's text: its printed dates help repair the zone. When the
        # first reading's zone was trusted but its name line unreadable, this reading's
        # zone (read for the zone's alphabet) comes first.
        both = (text, doc.text) if holder_unknown else (doc.text, text)
        found = read_id_document("\n\n".join(both))
        if found is not None and found.trusted:
            id_document, id_document_type, holder_reason = _id_of(found, case)
            if holder_reason == HOLDER_UNKNOWN and holder_unknown:
                return  # no better than the first reading: review, as it was
            result.id_document, result.id_document_type = id_document, id_document_type
            result.reasons = [
                r for r in result.reasons if r not in _ZONE_REASONS and r not in _HOLDER_REASONS
            ]
            result.needs_review = bool(result.reasons) or holder_reason == HOLDER_UNKNOWN
            if holder_reason is not None:
                result.reasons.append(holder_reason)
            result.disposition = dispose(result.category, case, result.needs_review, result.reasons)
            return


def _classify_message(doc: ReadDocument, case: Case | None, sha: str) -> Classification:
    parts = [classify_document(part, case) for part in doc.parts]
    rank = {c: i for i, c in enumerate(RESTRICTIVENESS)}
    decisive = min(parts, key=lambda p: (rank[p.category], -p.confidence))
    needs_review = any(p.needs_review for p in parts)
    # The message's own findings are those in its header block (From, To, Subject ...);
    # the body and attachments carry theirs in `parts`. Offsets are into `doc.text`,
    # which starts with the header block. A PDF or Word file with embedded documents has
    # no header block: its own text is its body part, which carries its findings.
    header = doc.text.split("\n\n", 1)[0] if doc.media_type == _EMAIL else ""
    header_findings = assign_roles(header, analyze(header), case) if header else []
    reasons = sorted({r for p in parts for r in p.reasons})
    return Classification(
        name=doc.name,
        sha256=sha,
        category=decisive.category,
        confidence=decisive.confidence,
        needs_review=needs_review,
        disposition=dispose(decisive.category, case, needs_review, decisive.reasons),
        findings=header_findings,
        reasons=reasons,
        id_document=decisive.id_document,
        id_document_type=decisive.id_document_type,
        media_type=doc.media_type,
        parts=parts,
        law=_law(case),
    )


def classify_path(path: str | Path, case: Case | None) -> Classification:
    """Classify one file; an unreadable file is a `review` result, never an exception.

    Nothing is read before the file is known to be a regular file of at most
    ``max_file_bytes``: a folder, FIFO or device gets its line (`error`, `review`, no
    sha256) without a byte read; a file too large is hashed in blocks (up to
    `hash_cap`) and goes to review with the reason ``file_too_large``."""
    name = str(path)
    try:
        doc = read_path(path)
    except UnreadableDocument as exc:
        if isinstance(exc, FileMissing | NotAFile):
            sha = ""
        else:  # too large, or not a document zeef reads: the file's hash, in blocks
            sha = hash_file(path)
        log.info("unreadable document sha256=%s reason=%s", sha[:12], exc)
        result = _unreadable(name, sha, str(exc))
        if isinstance(exc, FileTooLarge):
            result.reasons = ["file_too_large"]
        return result
    doc.name = name
    result = classify_document(doc, case)
    log.info(
        "classified sha256=%s category=%s confidence=%.2f disposition=%s findings=%d",
        result.sha256[:12],
        result.category.value,
        result.confidence,
        result.disposition.value,
        len(result.findings),
    )
    return result
