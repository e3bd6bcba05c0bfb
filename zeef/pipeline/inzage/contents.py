"""What an inspection package holds, document by document, read from the case's records.

Every document the case holds or held gets an entry (AVG art. 15; FAQ Q36: no
registration the subject does not know of):
- in the archival or working dossier: included, redacted (the medical adviser's advice
  and shared working notes among them);
- an ID copy: not included (it was destroyed); its number and expiry are;
- forwarded to the medical adviser, returned, destroyed, left out (a personal working
  note, FAQ Q14/Q28): listed with the date and the reason, not included;
- waiting for a reviewer: listed, not included yet;
- an e-mail or a glued file: listed as taken apart into its parts, which have entries
  of their own.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from zeef.domain.records import DocumentRecord, MessageRecord, RecordError, record_from_bytes
from zeef.domain.vocabulary import Category, Disposition
from zeef.pipeline.route import id_document_key, records_prefix
from zeef.storage import ObjectNotFound, Store

# Why a document is or is not in the package (index.json's `reason`).
REASONS = {
    "in_dossier": "opgenomen (met bescherming van anderen)",
    "id_document_noted": "kopie vernietigd; alleen nummer en geldigheid bewaard",
    "forwarded_medical_adviser": "doorgestuurd naar de medisch adviseur; wij hebben geen kopie",
    "returned_to_sender": "aan u teruggegeven; wij hebben geen kopie",
    "destroyed": "vernietigd",
    "personal_note": "persoonlijke werkaantekening; hoort niet bij het dossier",
    "excluded": "hoort niet bij het dossier",
    "in_review": "wordt nog beoordeeld; u krijgt het apart",
    "split": "uit elkaar gehaald; de delen staan apart in deze lijst",
    "not_redactable": "kon niet automatisch worden bewerkt; u krijgt het apart",
    "missing": "niet gevonden in de opslag; wij zoeken het uit",
}
KINDS = {  # what the subject reads for each category
    Category.MEDICAL: "medisch document",
    Category.MEDICAL_ADVICE: "advies van de medisch adviseur",
    Category.BANK_STATEMENT: "bankafschrift",
    Category.ID_COPY: "kopie identiteitsbewijs",
    Category.THIRD_PARTY_TIP: "melding van een ander",
    Category.APPLICATION: "aanvraag",
    Category.CASE_REPORT: "verslag of besluit van de gemeente",
    Category.PERSONAL_NOTE: "werkaantekening",
    Category.OTHER: "overig document",
}
_NOT_INCLUDED = {
    Disposition.FORWARD_MEDICAL_ADVISER: "forwarded_medical_adviser",
    Disposition.RETURN_TO_SENDER: "returned_to_sender",
    Disposition.REVIEW: "in_review",
}


@dataclass
class Entry:
    sha256: str
    category: Category
    disposition: Disposition | None
    received: str  # YYYY-MM-DD
    reason: str
    location: str | None = None  # the object to redact, for an included document
    included: bool = False
    media_type: str = ""
    pages: int | None = None
    parts: list[str] = field(default_factory=list)
    id_document: dict | None = None
    removed: dict[str, int] = field(default_factory=dict)
    file: str | None = None  # where it is in the package
    name: str = field(default="", repr=False)  # the file's own name: for reading only

    @property
    def kind(self) -> str:
        return KINDS[self.category]

    @property
    def explanation(self) -> str:
        return REASONS[self.reason]

    def index_line(self) -> dict:
        """Its line in index.json: ids, codes, dates and counts; never a name."""
        out = {
            "sha256": self.sha256,
            "category": self.category.value,
            "included": self.included,
            "reason": self.reason,
            "kind": self.kind,
            "received": self.received,
            "disposition": None if self.disposition is None else self.disposition.value,
            "pages": self.pages,
            "file": self.file,
            "removed": dict(sorted(self.removed.items())),
            "explanation": self.explanation,
        }
        if self.parts:
            out["parts"] = list(self.parts)
        if self.id_document:
            out["id_document"] = self.id_document
        return out


def _date(stamp: str) -> str:
    try:
        return dt.datetime.fromisoformat(stamp).date().isoformat()
    except ValueError:
        return ""


def _entry(store: Store, case_id: str, record: DocumentRecord) -> Entry:
    d = record.disposition
    entry = Entry(record.sha256, record.category, d, _date(record.received), "excluded")
    entry.media_type, entry.name = record.media_type, record.name
    if d in (Disposition.ARCHIVE, Disposition.WORKING):
        entry.reason, entry.location, entry.included = "in_dossier", record.location, True
    elif d is Disposition.DESTROY:
        entry.reason = "destroyed"
        try:
            note = json.loads(store.get(id_document_key(case_id, record.sha256)))
        except ObjectNotFound:
            note = None
        if note and note.get("identity_established", True) and note.get("number"):
            entry.reason = "id_document_noted"
            entry.id_document = {"number": note["number"], "valid_until": note.get("valid_until")}
    elif d in _NOT_INCLUDED:
        entry.reason = _NOT_INCLUDED[d]
    elif record.category is Category.PERSONAL_NOTE:
        entry.reason = "personal_note"
    return entry


def entries(store: Store, case_id: str) -> list[Entry]:
    """One entry per recorded document of the case, by date received, then sha256.
    RecordError for a record that cannot be read (the package is not made from a
    damaged register)."""
    out = []
    prefix = records_prefix(case_id)
    for key in store.list(prefix):
        if not key.endswith(".json"):
            continue
        record = record_from_bytes(store.get(key))
        if isinstance(record, MessageRecord):
            entry = Entry(record.sha256, record.category, None, _date(record.received), "split")
            entry.parts = list(record.parts)
            out.append(entry)
        elif isinstance(record, DocumentRecord):
            out.append(_entry(store, case_id, record))
        else:  # pragma: no cover - record_from_bytes knows two kinds
            raise RecordError("record: unknown kind")
    out.sort(key=lambda e: (e.received, e.sha256))
    return out
