"""What a case's dossier holds (`zeef dossier CASE_ID`): the documents in its working and
archival parts, and the ID-document numbers noted before the copies were destroyed."""

from __future__ import annotations

import json
from collections.abc import Iterator

from zeef.domain.records import IdDocumentNote, record_from_bytes
from zeef.pipeline.registry import load_registered
from zeef.pipeline.route import DOSSIER_PARTS, record_key
from zeef.storage import ObjectNotFound, Store


def dossier_lines(store: Store, case_id: str) -> Iterator[dict]:
    """One `{"sha256", "category", "disposition", "part"}` per document in the dossier
    (archive first, then working, each by sha256), then one `{"id_document": {...}}` per
    noted ID document. UnknownCase when the case is not registered."""
    load_registered(store, case_id)
    for part in DOSSIER_PARTS.values():
        for key in store.list(f"dossier/{case_id}/{part}/"):
            sha = key.rsplit("/", 1)[1]
            try:
                record = record_from_bytes(store.get(record_key(case_id, sha)))
                category, disposition = record.category.value, record.disposition.value
            except ObjectNotFound:
                # Stored by a run that was interrupted before its record: the rerun
                # finishes it; until then the metadata say what it is.
                meta = store.metadata(key)
                category, disposition = meta.get("category"), meta.get("disposition", part)
            yield {"sha256": sha, "category": category, "disposition": disposition, "part": part}
    for key in store.list(f"cases/{case_id}/id_documents/"):
        noted = IdDocumentNote.from_json(json.loads(store.get(key)))
        yield {
            "id_document": {
                "number": noted.number,
                "valid_until": noted.valid_until,
                "type": noted.type,
            }
        }
