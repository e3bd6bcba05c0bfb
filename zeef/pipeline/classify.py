"""Classify one document: read, find personal data, assign roles, categorise, decide.

The result is the contract's JSON line for `zeef classify`. It holds offsets, types,
categories and reasons only: never the document's text or the personal data found in it.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from zeef.classifiers.analyzer import analyze
from zeef.classifiers.categoriser import Prediction, categorise
from zeef.classifiers.id_document import read_id_document
from zeef.classifiers.roles import Finding, assign_roles
from zeef.domain.case import Case
from zeef.domain.document import ReadDocument
from zeef.domain.errors import UnreadableDocument
from zeef.domain.policy import DEFAULT_MEDICAL_POLICY, decide, rule_for
from zeef.domain.vocabulary import RESTRICTIVENESS, Category, Disposition
from zeef.pipeline.extract import read_path

log = logging.getLogger(__name__)

# Below this calibrated confidence a document goes to a reviewer instead of being routed:
# the confidence is calibrated on templates the model never saw, so below 0.5 the
# category is more likely wrong than right.
REVIEW_THRESHOLD = 0.5


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

    def to_json(self, file_key: str = "file") -> dict:
        out: dict = {
            file_key: self.name,
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
        out["legal_basis"] = rule_for(self.category).legal_basis
        if self.reasons:
            out["reasons"] = self.reasons
        if self.error:
            out["error"] = self.error
        if self.parts:
            out["parts"] = [p.to_json(file_key="part") for p in self.parts]
        return out


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _unreadable(name: str, sha: str, error: str, media_type: str = "") -> Classification:
    return Classification(
        name=name,
        sha256=sha,
        category=Category.OTHER,
        confidence=0.0,
        needs_review=True,
        disposition=Disposition.REVIEW,
        reasons=["unreadable"],
        error=error,
        media_type=media_type,
    )


def classify_text(
    name: str, text: str, case: Case | None, sha256: str = "", media_type: str = ""
) -> Classification:
    """Classify a document's extracted text."""
    findings = assign_roles(text, analyze(text), case)
    prediction: Prediction = categorise(text, findings)
    needs_review = prediction.confidence < REVIEW_THRESHOLD
    reasons = ["low_confidence"] if needs_review else []
    id_document = id_document_type = None
    if prediction.category is Category.ID_COPY:
        # The copy may only be destroyed once its number and expiry are noted, and only
        # a zone whose check digits all pass is trusted: otherwise a person looks.
        found = read_id_document(text)
        if found is not None and found.trusted:
            id_document, id_document_type = found.to_json(), found.document_type
        else:
            needs_review = True
            reasons.append("id_document_unreadable" if found is None else "id_document_untrusted")
    medical_policy = case.medical_policy if case else DEFAULT_MEDICAL_POLICY
    return Classification(
        name=name,
        sha256=sha256,
        category=prediction.category,
        confidence=prediction.confidence,
        needs_review=needs_review,
        disposition=decide(prediction.category, medical_policy, needs_review),
        findings=findings,
        reasons=reasons,
        id_document=id_document,
        id_document_type=id_document_type,
        media_type=media_type,
    )


def classify_document(doc: ReadDocument, case: Case | None) -> Classification:
    """Classify a document as read; an e-mail through its parts."""
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
    if result.category is Category.ID_COPY and result.id_document is None:
        _read_zone_again(doc, result, case)
    if doc.needs_ocr:
        # Some pages had no text layer: what we did not read could change the category.
        result.needs_review = True
        result.disposition = Disposition.REVIEW
        result.reasons.append("needs_ocr")
    return result


_ZONE_REASONS = ("id_document_unreadable", "id_document_untrusted")


def _read_zone_again(doc: ReadDocument, result: Classification, case: Case | None) -> None:
    """A scanned ID copy whose zone the first OCR reading got wrong: read it again, made
    for the zone (`ocr.mrz_readings`), and take the first reading whose check digits all
    pass. Only a trusted reading changes anything: never a guessed number."""
    from zeef.pipeline.extract import ocr

    for text in ocr.mrz_readings(doc):
        # With the first reading's text: its printed dates help repair the zone.
        found = read_id_document(doc.text + "\n\n" + text)
        if found is not None and found.trusted:
            result.id_document, result.id_document_type = found.to_json(), found.document_type
            result.reasons = [r for r in result.reasons if r not in _ZONE_REASONS]
            result.needs_review = bool(result.reasons)
            medical_policy = case.medical_policy if case else DEFAULT_MEDICAL_POLICY
            result.disposition = decide(result.category, medical_policy, result.needs_review)
            return


def _classify_message(doc: ReadDocument, case: Case | None, sha: str) -> Classification:
    parts = [classify_document(part, case) for part in doc.parts]
    rank = {c: i for i, c in enumerate(RESTRICTIVENESS)}
    decisive = min(parts, key=lambda p: (rank[p.category], -p.confidence))
    needs_review = any(p.needs_review for p in parts)
    medical_policy = case.medical_policy if case else DEFAULT_MEDICAL_POLICY
    # The message's own findings are those in its header block (From, To, Subject ...);
    # the body and attachments carry theirs in `parts`. Offsets are into `doc.text`,
    # which starts with the header block.
    header = doc.text.split("\n\n", 1)[0]
    header_findings = assign_roles(header, analyze(header), case) if header else []
    reasons = sorted({r for p in parts for r in p.reasons})
    return Classification(
        name=doc.name,
        sha256=sha,
        category=decisive.category,
        confidence=decisive.confidence,
        needs_review=needs_review,
        disposition=decide(decisive.category, medical_policy, needs_review),
        findings=header_findings,
        reasons=reasons,
        id_document=decisive.id_document,
        media_type=doc.media_type,
        parts=parts,
    )


def classify_path(path: str | Path, case: Case | None) -> Classification:
    """Classify one file; an unreadable file is a `review` result, never an exception."""
    name = str(path)
    try:
        doc = read_path(path)
    except UnreadableDocument as exc:
        try:
            sha = _sha256(Path(path).read_bytes())
        except OSError:
            sha = ""
        log.info("unreadable document sha256=%s reason=%s", sha[:12], exc)
        return _unreadable(name, sha, str(exc))
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
