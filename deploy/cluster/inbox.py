"""The documents of `make cluster-test` and what must hold after a run.

`make_documents` generates about 200 labelled documents with the corpus generator (a
mix of text, PDF, Word and e-mail with attachments, and scans and photos that need
OCR), on seeds never used for training. `fill` registers their cases in a fresh store
bucket and uploads them to a fresh inbox bucket as `inbox/<case>/<file>`, the layout a
municipality's scanner or upload portal writes (docs/intake.md).

`exactly_once` reads the store back: every document uploaded has one record; every
record (e-mails' parts included) has exactly one handling event in its case's audit
trail; every trail verifies; nothing stays in the inbox or under `incoming/`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from zeef.domain.case import load_case
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.registry import register_case
from zeef.storage.s3 import S3Store

# What happens to a document once: each ends in exactly one of these events.
HANDLED = frozenset({
    "document_stored", "document_forwarded", "document_returned", "document_destroyed",
    "document_excluded", "document_to_review", "message_split",
})  # fmt: skip

# Generator seeds of the inbox: never used for training (101-103) or `make corpus` (1).
MIXED_SEED, SCANNED_SEED = 501, 502


@dataclass(frozen=True)
class Document:
    path: Path
    case_id: str
    sha256: str
    format: str


@dataclass
class Outcome:
    documents: int
    lost: list[str] = field(default_factory=list)  # sha256 prefixes, no names
    duplicated: list[str] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)  # case ids
    left_in_inbox: int = 0
    left_staged: int = 0
    records: int = 0

    @property
    def exactly_once(self) -> bool:
        return not (self.lost or self.duplicated or self.unverified or self.left_in_inbox
                    or self.left_staged)  # fmt: skip


def make_documents(out: Path, per_category: int = 21, scanned_per_category: int = 1) -> tuple[list[Document], list[Path]]:  # noqa: E501
    """per_category x 10 documents in text formats, scanned_per_category x 10 scans and
    photos; returns them and the case files."""
    zeef = str(Path(sys.executable).parent / "zeef")
    sets = [(out / "mixed", per_category, MIXED_SEED, None),
            (out / "scanned", scanned_per_category, SCANNED_SEED, "scan,png,jpg")]  # fmt: skip
    documents, cases = [], []
    for folder, count, seed, formats in sets:
        args = [zeef, "corpus", "generate", str(folder), "--per-category", str(count),
                "--seed", str(seed)]  # fmt: skip
        if formats:
            args += ["--formats", formats]
        subprocess.run(args, check=True, capture_output=True)
        for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines():
            label = json.loads(line)
            documents.append(Document(folder / label["file"], Path(label["case"]).stem,
                                      label["sha256"], label["format"]))  # fmt: skip
        cases += sorted((folder / "cases").glob("*.json"))
    shas = Counter(d.sha256 for d in documents)
    if max(shas.values()) > 1:
        raise RuntimeError("the generator made two identical documents")
    return documents, cases


def fill(store: S3Store, inbox_client, inbox_bucket: str, documents: list[Document],
         cases: list[Path]) -> None:  # fmt: skip
    """Cases registered in the store, documents uploaded to `inbox/<case>/<file>`."""
    for path in cases:
        register_case(store, load_case(path))
    for doc in documents:
        inbox_client.fput_object(inbox_bucket, f"inbox/{doc.case_id}/{doc.path.name}",
                                 str(doc.path))  # fmt: skip


def exactly_once(store: S3Store, inbox_client, inbox_bucket: str,
                 documents: list[Document]) -> Outcome:  # fmt: skip
    outcome = Outcome(documents=len(documents))
    by_case: dict[str, list[Document]] = {}
    for doc in documents:
        by_case.setdefault(doc.case_id, []).append(doc)
    for case_id, docs in sorted(by_case.items()):
        prefix = f"cases/{case_id}/documents/"
        records = {key[len(prefix):-len(".json")] for key in store.list(prefix)}
        outcome.records += len(records)
        trail = AuditTrail(store, case_id)
        if not trail.verify().ok:
            outcome.unverified.append(case_id)
        handled = Counter(e.document for e in trail.events() if e.event in HANDLED)
        for doc in docs:
            if doc.sha256 not in records:
                outcome.lost.append(doc.sha256[:12])
        for sha in records:
            if handled[sha] == 0:
                outcome.lost.append(sha[:12])
            elif handled[sha] > 1:
                outcome.duplicated.append(sha[:12])
        # A handling event for a document with no record: half done (the record is
        # written last), counted once as lost.
        counted = set(outcome.lost)
        for sha in set(handled) - records:
            if sha[:12] not in counted:
                outcome.lost.append(sha[:12])
    outcome.left_in_inbox = sum(1 for _ in inbox_client.list_objects(
        inbox_bucket, prefix="inbox/", recursive=True))  # fmt: skip
    outcome.left_staged = len(store.list("incoming/"))
    return outcome
