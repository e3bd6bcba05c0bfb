"""Where a document goes, per disposition: the routing table, and the store's layout.

- `archive`, `working`: `dossier/<case>/archive/<sha256>`, `dossier/<case>/working/...`
  (event `document_stored`);
- `forward_medical_adviser`: `outbox/medical_adviser/<case>/<sha256>`, for the adviser's
  role only (`document_forwarded`);
- `return_to_sender`: `returns/<case>/<sha256>`, until handed back (`document_returned`);
- `destroy`: nowhere; number, expiry and type go to
  `cases/<case>/id_documents/<sha256>.json` (`document_destroyed`);
- `exclude`: nowhere (`document_excluded`);
- `review`: `review/<case>/<sha256>`, reasons in the record (`document_to_review`).

Every document also gets a record, `cases/<case>/documents/<sha256>.json` (category,
confidence, disposition, reasons, where it went, its message if it was a part), written
last: a record means the document is done. Nothing but `archive` and `working` is ever
under `dossier/`, so nothing medical and no ID copy is in a dossier.
"""

from __future__ import annotations

from dataclasses import dataclass

from zeef.domain.vocabulary import Disposition
from zeef.pipeline import audit


@dataclass(frozen=True)
class Route:
    disposition: Disposition
    prefix: str | None  # where the bytes go ({case} filled in); None: not kept
    event: str  # the audit event


ROUTES: dict[Disposition, Route] = {
    r.disposition: r
    for r in (
        Route(Disposition.ARCHIVE, "dossier/{case}/archive", audit.DOCUMENT_STORED),
        Route(Disposition.WORKING, "dossier/{case}/working", audit.DOCUMENT_STORED),
        Route(
            Disposition.FORWARD_MEDICAL_ADVISER,
            "outbox/medical_adviser/{case}",
            audit.DOCUMENT_FORWARDED,
        ),
        Route(Disposition.RETURN_TO_SENDER, "returns/{case}", audit.DOCUMENT_RETURNED),
        Route(Disposition.DESTROY, None, audit.DOCUMENT_DESTROYED),
        Route(Disposition.EXCLUDE, None, audit.DOCUMENT_EXCLUDED),
        Route(Disposition.REVIEW, "review/{case}", audit.DOCUMENT_TO_REVIEW),
    )
}
ROUTE_EVENTS = frozenset(r.event for r in ROUTES.values())
DOSSIER_PARTS = {Disposition.ARCHIVE: "archive", Disposition.WORKING: "working"}
MEDICAL_ADVISER = "medical_adviser"


def object_key(disposition: Disposition, case_id: str, sha256: str) -> str | None:
    """Where a document with this disposition is kept, or None when it is not kept."""
    prefix = ROUTES[disposition].prefix
    return None if prefix is None else f"{prefix.format(case=case_id)}/{sha256}"


def records_prefix(case_id: str) -> str:
    return f"cases/{case_id}/documents/"


def record_key(case_id: str, sha256: str) -> str:
    return f"{records_prefix(case_id)}{sha256}.json"


def letter_key(case_id: str, run_id: str, suffix: str = ".pdf") -> str:
    """The citizen's letter of a run (`.pdf`, or `.txt` for its text)."""
    return f"letters/{case_id}/{run_id}{suffix}"


def id_document_key(case_id: str, sha256: str) -> str:
    return f"cases/{case_id}/id_documents/{sha256}.json"


def medical_outbox_key(case_id: str, sha256: str, role: str) -> str:
    """The key of a forwarded medical document, for the medical adviser only."""
    if role != MEDICAL_ADVISER:
        raise PermissionError("only the medical adviser may open forwarded medical documents")
    return object_key(Disposition.FORWARD_MEDICAL_ADVISER, case_id, sha256)
