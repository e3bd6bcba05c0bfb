"""Ingest: read, classify, decide and store each document of a case, with its audit trail.

Built from steps that the Airflow DAGs call one by one, passing object keys, never bytes
or text:
- `stage(store, data)`: an incoming file into `incoming/<sha256>` (the intake step);
- `process_incoming(store, case_id, key, run)`: one staged document through the pipeline,
  then the staged copy removed;
- `write_run_letter(store, case, run)`: the run's letter to the citizen.
`ingest_paths` (the `zeef ingest` command) runs the same steps in one process, without
staging.

Exactly once, crash or not. Per document: its bytes go where the routing table says
(`route.py`; content-addressed, atomic), then its audit event, then its record. The record
is written last: a document with a record is done and is skipped (`new: false`) when it
comes again. A run killed in between leaves the bytes (the same bytes a rerun writes
again under the same key) and perhaps the event; the rerun writes the record and does not
repeat an event already in the trail. So every document ends up once, with one event.

One writer per case: a run holds the case lock (`zeef.storage.lock`) from before it reads
the case's objects until it is done; a second run waits for it (a bounded time, then
`CaseBusy`: "case X is being written by another run; try again"). Before writing anything
the run checks the audit trail's tail (`AuditTrail.check`) and refuses a damaged trail.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import secrets
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from zeef.domain.case import Case
from zeef.domain.deadlines import review_deadline
from zeef.domain.document import ReadDocument
from zeef.domain.errors import AuditError, UnreadableDocument
from zeef.domain.policy import LETTER_DISPOSITIONS, REVIEW_RULE_BASIS
from zeef.domain.records import (
    DocumentRecord,
    IdDocumentNote,
    MessageRecord,
    Record,
    record_from_bytes,
    record_to_bytes,
)
from zeef.domain.vocabulary import Disposition
from zeef.pipeline import audit, inputs, pending_letters
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.classify import Classification, _unreadable, classify_document
from zeef.pipeline.display import display_name
from zeef.pipeline.extract import FileMissing, FileTooLarge, hash_file, read_bytes, read_file
from zeef.pipeline.outcome import DocumentOutcome, Progress
from zeef.pipeline.registry import register_case
from zeef.pipeline.route import (
    ROUTE_EVENTS,
    ROUTES,
    id_document_key,
    letter_key,
    object_key,
    record_key,
    records_prefix,
)
from zeef.pipeline.segments import SEGMENT_IN_DOUBT
from zeef.storage import ObjectNotFound, Store, StoreError, sha256_hex
from zeef.storage.lock import CaseBusy, case_lock

log = logging.getLogger(__name__)

_MAX_PART_DEPTH = 20  # parts in parts (the readers' own bounds are lower)


def _case_folders(case_id: str) -> list[str]:
    """Every folder of the store a run of this case writes into."""
    routed = [r.prefix.format(case=case_id) for r in ROUTES.values() if r.prefix]
    return [*routed, f"cases/{case_id}", f"audit/{case_id}", f"letters/{case_id}"]


def new_run_id(now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    return now.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def _legal_reference(c: Classification) -> str:
    return REVIEW_RULE_BASIS if c.disposition is Disposition.REVIEW else c.legal_basis


def _pages_label(pages) -> str:
    """How a segment is named after its file: ``pages-1-2`` (first and last page)."""
    return f"pages-{pages[0]}-{pages[-1]}" if len(pages) > 1 else f"pages-{pages[0]}"


def _review_deadline(c: Classification, received: dt.datetime) -> str | None:
    """When a document in review must have been seen: one working day for an ID copy or
    a medical document (or a glued file holding one), else `review_working_days`."""
    if c.disposition is not Disposition.REVIEW:
        return None
    categories = {c.category, *(seg.category for seg in c.segments)}
    return review_deadline(received.date(), categories).isoformat()


def _reason(c: Classification) -> str:
    if c.reasons:
        return c.reasons[0]
    return "policy"


class IngestRun:
    """One run over one case: documents in, routed, audited; `finish` writes the letter.

    Holds the case lock from construction until `close` (or the end of a ``with``
    block): construct it in a ``with`` statement. Refuses (AuditError, nothing written)
    a case whose audit trail is damaged."""

    def __init__(
        self,
        store: Store,
        case: Case,
        run_id: str | None = None,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.store = store
        self.case = case
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.run_id = run_id or new_run_id(self.clock())
        self.audit = AuditTrail(store, case.case_id, clock=self.clock)
        # One writer per case: nothing of the case is read or written before this.
        self.lock = case_lock(store, case.case_id)
        try:
            self._start()
        except BaseException:
            self.close()
            raise

    def _start(self) -> None:
        store, case = self.store, self.case
        self.audit.check()  # a damaged trail: AuditError before anything is written
        self.outcomes: list[DocumentOutcome] = []
        self.errors: list[dict] = []
        self.started = time.monotonic()
        self._audited: set[str] | None = None
        # The case's recorded documents, listed once: a new document costs no lookup;
        # records read in this run are kept.
        prefix = records_prefix(case.case_id)
        self._recorded = {key[len(prefix) : -len(".json")] for key in store.list(prefix)}
        self._records: dict[str, Record] = {}
        self._events = 0
        self._pending: list[str] = []  # documents a reviewer's decision left for the letter
        store.sweep_temporary(_case_folders(case.case_id))  # what a killed run left
        change = register_case(store, case)
        if change != "unchanged":
            self._append(
                event=audit.CASE_REGISTERED if change == "registered" else audit.CASE_UPDATED
            )

    def close(self) -> None:
        """Release the case lock (idempotent)."""
        self.lock.release()

    def __enter__(self) -> IngestRun:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- audit ---------------------------------------------------------------------------

    def _append(self, **fields) -> None:
        self.lock.check()  # still ours (an S3 lease can run out)
        self.audit.append(actor="pipeline", run=self.run_id, **fields)
        self._events += 1

    def _already_audited(self, sha: str) -> bool:
        """Whether an earlier, interrupted run already wrote this document's event."""
        if self._audited is None:
            self._audited = {
                e.document
                for e in self.audit.events()
                if e.document
                and (
                    e.event in ROUTE_EVENTS
                    or e.event in (audit.MESSAGE_SPLIT, audit.DOCUMENT_SPLIT)
                )
            }
        return sha in self._audited

    # -- documents -----------------------------------------------------------------------

    def _record(self, sha: str) -> Record | None:
        if sha not in self._recorded:
            return None
        if sha not in self._records:
            try:
                raw = self.store.get(record_key(self.case.case_id, sha))
            except ObjectNotFound:
                return None
            self._records[sha] = record_from_bytes(raw)
        return self._records[sha]

    def _known(self, file: str, sha: str, message: str | None, part: str | None):
        record = self._record(sha)
        if record is None:
            return None
        outcome = DocumentOutcome.recorded(file, record, message=message, part=part)
        self.outcomes.append(outcome)
        return outcome

    def _route(
        self,
        file: str,
        data: bytes,
        sha: str,
        c: Classification,
        name: str,
        message: str | None = None,
        part: str | None = None,
        source: str | None = None,
    ) -> DocumentOutcome:
        """Store one classified document (`sha`: of `data`) where its disposition says;
        its event; its record. `source`: a segment's glued file (its sha256)."""
        case_id = self.case.case_id
        key = object_key(c.disposition, case_id, sha)
        if key is not None and data:
            meta = {"sha256": sha, "category": c.category.value, "disposition": c.disposition}
            if source:
                meta["source"] = source
            self.store.put(key, data, meta)
        elif key is not None:
            key = None  # an empty file: nothing to keep, the record says why
        if c.disposition is Disposition.DESTROY:
            from zeef.pipeline.classify import NOT_SUBJECT

            if NOT_SUBJECT in c.reasons:
                # Someone else's ID copy: destroyed (no basis to keep it); it establishes
                # nothing, and nothing of it (number, expiry, whose) is kept.
                noted = IdDocumentNote(
                    number=None,
                    valid_until=None,
                    type=c.id_document_type,
                    identity_established=False,
                    recorded=self.clock().date().isoformat(),
                    reason=NOT_SUBJECT,
                )
            else:
                # Identity was established: what is kept is the number and the expiry only.
                noted = IdDocumentNote(
                    number=(c.id_document or {}).get("number"),
                    valid_until=(c.id_document or {}).get("valid_until"),
                    type=c.id_document_type,
                    recorded=self.clock().date().isoformat(),
                )
            self.store.put(id_document_key(case_id, sha), json.dumps(noted.to_json()).encode())
        received = self.clock()
        record = DocumentRecord(
            sha256=sha,
            name=display_name(name),
            media_type=c.media_type,
            category=c.category,
            confidence=round(c.confidence, 3),
            disposition=c.disposition,
            legal_basis=_legal_reference(c),
            received=received.isoformat(timespec="seconds"),
            run=self.run_id,
            reasons=tuple(c.reasons),
            error=c.error,
            location=key,
            message=message,
            part=display_name(part) if part is not None else None,
            id_document=c.id_document,
            law=self.case.law,
            purpose=None if c.disposition is Disposition.REVIEW else c.purpose,
            source=source,
            pages=tuple(c.pages) if source else (),
            review_deadline=_review_deadline(c, received),
            marks=tuple(c.marks),
        )
        if not self._already_audited(sha):
            self._append(
                event=ROUTES[c.disposition].event,
                document=sha,
                category=record.category.value,
                confidence=record.confidence,
                disposition=record.disposition.value,
                legal_reference=record.legal_basis,
                reason=_reason(c),
            )
            self._audited.add(sha)
        self.store.put(record_key(case_id, sha), record_to_bytes(record))
        self._recorded.add(sha)
        outcome = DocumentOutcome.of(file, sha, c, message=message, part=part, source=source)
        self.outcomes.append(outcome)
        log.info(
            "stored sha256=%s category=%s disposition=%s",
            sha[:12],
            c.category.value,
            c.disposition.value,
        )
        return outcome

    def add_bytes(self, data: bytes, name: str, file: str | None = None) -> list[DocumentOutcome]:
        """One document (an e-mail: its message line, then one per part) through the
        pipeline. Returns what the summary shows for it."""
        file = file or name
        self.lock.check()
        sha = sha256_hex(data)
        known = self._known(file, sha, None, None)
        if known is not None:
            return [known] + self._known_parts(file, sha)
        try:
            doc = read_bytes(data, Path(name).name)
        except UnreadableDocument as exc:
            c = _unreadable(name, sha, str(exc))
            self.errors.append({"file": file, "error": str(exc)})
            return [self._route(file, data, sha, c, Path(name).name)]
        c = classify_document(doc, self.case)
        if c.error:
            self.errors.append({"file": file, "error": c.error})
        if c.segments and SEGMENT_IN_DOUBT not in c.reasons:
            return self._add_segments(file, sha, c, Path(name).name)
        if not doc.parts:
            return [self._route(file, data, sha, c, Path(name).name)]
        # An e-mail, or a PDF or Word file with embedded documents: each body, attachment
        # and embedded file is a document of its own, routed by its own disposition; the
        # message is recorded with its parts (its bytes are not kept: they hold every
        # part). A part that has parts itself (a Word file attached to an e-mail, holding
        # a picture) is not kept either: its parts are routed in its place (`_leaves`).
        head = DocumentOutcome.of(file, sha, c, kind="message")
        self.outcomes.append(head)
        outcomes = []
        for part_name, part_doc, part_c in _leaves(doc, c):
            if not part_doc.data:
                continue
            part_file = f"{file}#{part_name}"
            part_sha = part_c.sha256  # of the part's bytes, as classify hashed them
            if part_sha == sha:
                continue  # never the message's own bytes (a part cannot be the whole)
            done = self._known(part_file, part_sha, sha, part_name)
            if done is None:
                done = self._route(
                    part_file,
                    part_doc.data,
                    part_sha,
                    part_c,
                    part_name,
                    message=sha,
                    part=part_name,
                )
            outcomes.append(done)
        record = MessageRecord(
            sha256=sha,
            name=Path(name).name,
            category=c.category,
            confidence=round(c.confidence, 3),
            disposition=c.disposition,
            parts=tuple(o.sha256 for o in outcomes),
            received=self.clock().isoformat(timespec="seconds"),
            run=self.run_id,
        )
        if not self._already_audited(sha):
            self._append(
                event=audit.MESSAGE_SPLIT, document=sha, reason=f"parts_{len(record.parts)}"
            )
            self._audited.add(sha)
        self.store.put(record_key(self.case.case_id, sha), record_to_bytes(record))
        self._recorded.add(sha)
        return [head, *outcomes]

    def _add_segments(
        self, file: str, sha: str, c: Classification, name: str
    ) -> list[DocumentOutcome]:
        """A glued file judged with confidence: each segment (its pages cut out into a file
        of its own) routed by its own disposition, with `source` naming the file; the
        file itself is recorded with its segments and never kept (it holds them all)."""
        head = DocumentOutcome.of(file, sha, c, kind="message")
        self.outcomes.append(head)
        outcomes = []
        for seg in c.segments:
            label = _pages_label(seg.pages)
            seg_file = f"{file}#{label}"
            done = self._known(seg_file, seg.sha256, None, None)
            if done is None:
                done = self._route(
                    seg_file, seg.cut, seg.sha256, seg, f"{name}#{label}", source=sha
                )
            done.source = sha
            outcomes.append(done)
        record = MessageRecord(
            sha256=sha,
            name=name,
            category=c.category,
            confidence=round(c.confidence, 3),
            disposition=c.disposition,
            parts=tuple(o.sha256 for o in outcomes),
            received=self.clock().isoformat(timespec="seconds"),
            run=self.run_id,
            segments=tuple({"pages": list(seg.pages), "sha256": seg.sha256} for seg in c.segments),
        )
        if not self._already_audited(sha):
            self._append(
                event=audit.DOCUMENT_SPLIT, document=sha, reason=f"segments_{len(c.segments)}"
            )
            self._audited.add(sha)
        self.store.put(record_key(self.case.case_id, sha), record_to_bytes(record))
        self._recorded.add(sha)
        return [head, *outcomes]

    def _known_parts(self, file: str, sha: str) -> list[DocumentOutcome]:
        record = self._record(sha)
        if not isinstance(record, MessageRecord):
            return []
        out = []
        for part_sha in record.parts:
            part = self._record(part_sha)
            if isinstance(part, DocumentRecord) and part.source:
                known = self._known(f"{file}#{_pages_label(part.pages)}", part_sha, None, None)
                if known is not None:
                    known.source = sha
                    out.append(known)
                continue
            place = part.part if isinstance(part, DocumentRecord) else None
            known = self._known(f"{file}#{place}", part_sha, sha, place)
            if known is not None:
                out.append(known)
        return out

    def add_file(
        self, path: Path, file: str | None = None, follow: bool = True
    ) -> list[DocumentOutcome]:
        """One file (`add_bytes`): only a regular file is opened, and read only up to
        ``max_file_bytes`` (`extract.read_file`); `follow` false: not through a link. A
        larger file is recorded for review unread (`_add_too_large`)."""
        file = file or str(path)
        try:
            data = read_file(path, follow)
        except FileMissing:
            self.errors.append({"file": file, "error": inputs.MISSING})
            return []
        except FileTooLarge as exc:
            return self._add_too_large(path, file, str(exc), follow)
        except UnreadableDocument as exc:  # not a regular file, cannot be opened or read
            self.errors.append({"file": file, "error": str(exc)})
            return []
        return self.add_bytes(data, display_name(path.name), file)

    def _add_too_large(
        self, path: Path, file: str, error: str, follow: bool
    ) -> list[DocumentOutcome]:
        """Over ``max_file_bytes``: recorded for review (``file_too_large``), bytes kept nowhere;
        over `extract.hash_cap` not even hashed, so not recorded (`inputs.NOT_RECORDED`)."""
        sha = hash_file(path, follow)
        if not sha:
            self.errors.append({"file": file, "error": inputs.NOT_RECORDED})
            return []
        self.errors.append({"file": file, "error": error})
        known = self._known(file, sha, None, None)
        if known is not None:
            return [known]
        c = _unreadable(display_name(path.name), sha, error)
        c.reasons = ["file_too_large"]
        return [self._route(file, b"", sha, c, c.name)]  # no bytes: nothing stored

    # -- end of the run ----------------------------------------------------------------

    def letter_items(self) -> list[DocumentOutcome]:
        """What the letter tells about: documents (an e-mail's parts, never the e-mail's
        own line, whose disposition is only its strictest part's) new in this run and
        returned, forwarded or destroyed."""
        items = [
            o
            for o in self.outcomes
            if o.new and o.kind == "document" and o.disposition in LETTER_DISPOSITIONS
        ]
        # What a reviewer decided since the last letter (`pending_letters`).
        seen = {o.sha256 for o in items}
        self._pending = pending_letters.waiting(self.store, self.case.case_id)
        for sha in self._pending:
            record = self._record(sha)
            if sha in seen or not isinstance(record, DocumentRecord):
                continue
            if record.disposition not in LETTER_DISPOSITIONS:
                continue
            outcome = DocumentOutcome.recorded(
                record.name, record, message=record.message, part=record.part
            )
            items.append(dataclasses.replace(outcome, new=True))
        return items

    def _write_letter(self, items: list[DocumentOutcome]) -> str:
        """The citizen's letter for this run, as text and PDF under `letters/<case>/`;
        returns the PDF's key."""
        from zeef.pipeline.classify import NOT_SUBJECT
        from zeef.pipeline.letters import LetterItem, render_pdf, render_text

        today = self.clock().date()
        names = {o.sha256: o.file for o in self.outcomes if o.message is None}
        letter_items = []
        for o in items:
            if o.source is not None:
                glued, _, label = Path(o.file).name.rpartition("#")
                pages = label.removeprefix("pages-").split("-")
                where = (
                    f"pagina {pages[0]}"
                    if len(pages) == 1
                    else f"pagina {pages[0]} tot en met {pages[-1]}"
                )
                description = f"{where} van uw bestand {glued}"
            elif o.message is None:
                description = Path(o.file).name
            else:
                message = Path(names.get(o.message, "")).name
                description = f"bijlage {o.part} bij uw e-mail {message}".replace("  ", " ")
            number = (o.id_document or {}).get("number")
            until = (o.id_document or {}).get("valid_until")
            # Someone else's ID copy: no number, no expiry (by its reasons, or, rebuilt
            # from records by `write_run_letter`, by its record's).
            not_subject = NOT_SUBJECT in o.reasons
            if not (not_subject or o.id_document) and o.category == "id_copy":
                record = self._record(o.sha256)
                not_subject = isinstance(record, DocumentRecord) and NOT_SUBJECT in record.reasons
            letter_items.append(
                LetterItem(
                    description=description,
                    received=today,
                    disposition=o.disposition,
                    category=o.category,
                    id_number=None if not_subject else number,
                    id_valid_until=(
                        dt.date.fromisoformat(until) if until and not not_subject else None
                    ),
                    id_not_subject=not_subject,
                    law=self.case.law,
                )
            )
        text = render_text(self.case, letter_items, on=today)
        pdf = render_pdf(self.case, letter_items, on=today)
        key = letter_key(self.case.case_id, self.run_id)
        self.store.put(
            letter_key(self.case.case_id, self.run_id, ".txt"), text.encode(), {"kind": "letter"}
        )
        self.store.put(key, pdf, {"kind": "letter"})
        return key

    def finish(self) -> dict:
        """Write the letter (when something was returned, forwarded or destroyed), the
        no-op entry when the run changed nothing, and return the summary."""
        letter = None
        items = self.letter_items()
        if items:
            letter = self._write_letter(items)
            self._append(event=audit.LETTER_WRITTEN, reason=f"items_{len(items)}")
            pending_letters.clear(self.store, self.case.case_id, self._pending)
        if self._events == 0:
            self._append(event=audit.INGEST_NOOP)
        return self.summary(letter)

    def summary(self, letter: str | None = None) -> dict:
        # Each document once: a part that came twice in a run is counted once.
        unique: dict[str, DocumentOutcome] = {}
        for o in self.outcomes:
            unique.setdefault(o.sha256, o)
        docs = list(unique.values())
        parts = [o for o in docs if o.kind == "document"]
        return {
            "case_id": self.case.case_id,
            "run": self.run_id,
            "documents": [o.to_json() for o in self.outcomes],
            "counts": {
                "documents": len(parts),
                "new": sum(o.new for o in parts),
                "category": dict(sorted(Counter(o.category for o in parts).items())),
                "disposition": dict(sorted(Counter(o.disposition for o in parts).items())),
            },
            "errors": self.errors,
            "letter": letter,
            "seconds": round(time.monotonic() - self.started, 2),
        }


def _leaves(
    doc: ReadDocument, c: Classification, prefix: str = "", depth: int = 0
) -> Iterator[tuple[str, ReadDocument, Classification]]:
    """(name, part, its classification) of every part that has no parts of its own, in
    order, at any depth; a nested part is named by the path to it
    (``scan.docx/embedded-1.png``). The readers bound the depth; so does this."""
    for part_doc, part_c in zip(doc.parts, c.parts, strict=True):
        name = prefix + part_doc.name
        if part_doc.parts and depth < _MAX_PART_DEPTH:
            yield from _leaves(part_doc, part_c, name + "/", depth + 1)
        else:
            yield name, part_doc, part_c


def iter_files(paths: Iterable[str]) -> Iterator[inputs.Input]:
    """Every file under `paths` as an `inputs.Input` (folders walked in name order,
    hidden files skipped, links never followed out of a given folder); an `Input` with a
    `problem` for a path refused or skipped. See `zeef.pipeline.inputs`."""
    return inputs.walk_inputs(paths)


def ingest_paths(
    store: Store, case: Case, paths: Iterable[str], progress: bool | None = None
) -> dict:
    """`zeef ingest`: every file under `paths` into the store for `case`. Raises
    StoreError when the store fails (what was done stays done; a rerun completes it)."""
    files = list(iter_files(paths))
    with IngestRun(store, case) as run:
        bar = Progress(len(files), sys.stderr.isatty() if progress is None else progress)
        try:
            for item in files:
                given = item.given
                if item.problem is not None:
                    run.errors.append({"file": given, "error": item.problem})
                else:
                    try:
                        run.add_file(item.path, given, follow=item.follow)
                    except (StoreError, AuditError, CaseBusy):
                        raise  # the store or the trail: stop, a rerun completes
                    except Exception as exc:  # a bug must not stop the batch, nor leak content
                        log.error("internal error ingesting a document: %s", type(exc).__name__)
                        run.errors.append(
                            {"file": given, "error": f"internal error ({type(exc).__name__})"}
                        )
                bar.step()
        finally:
            bar.close()
        return run.finish()


# -- steps for the DAGs: object keys in, object keys out ---------------------------------


def stage(store: Store, data: bytes, name: str) -> str:
    """The intake step: an incoming document into `incoming/<sha256>` (its file name kept
    in the object's content, not in the key)."""
    sha = sha256_hex(data)
    key = f"incoming/{sha}"
    store.put(key, data)
    store.put(f"incoming/{sha}.name", Path(name).name.encode("utf-8"))
    return key


def write_run_letter(store: Store, case: Case, run_id: str) -> str | None:
    """The last step of a run made of `process_incoming` calls: the citizen's letter for
    what this run returned, forwarded or destroyed, from the documents' records. Returns
    the letter's key, or None when there is nothing to tell; once written, a second call
    returns the same key and writes nothing."""
    letter = letter_key(case.case_id, run_id)
    if store.exists(letter):
        return letter
    with IngestRun(store, case, run_id=run_id) as run:
        if store.exists(letter):  # written while this waited for the lock
            return letter
        for key in store.list(records_prefix(case.case_id)):
            record = record_from_bytes(store.get(key))
            if record.run != run_id:
                continue
            message = record.message if isinstance(record, DocumentRecord) else None
            part = record.part if isinstance(record, DocumentRecord) else None
            outcome = DocumentOutcome.recorded(record.name, record, message=message, part=part)
            run.outcomes.append(dataclasses.replace(outcome, new=True))
        items = run.letter_items()
        if not items:
            return None
        written = run._write_letter(items)
        run._append(event=audit.LETTER_WRITTEN, reason=f"items_{len(items)}")
        pending_letters.clear(store, case.case_id, run._pending)
        return written


def process_incoming(store: Store, case: Case, key: str, run_id: str) -> list[str]:
    """One staged document through the pipeline; returns the record keys written (or
    found). The staged copy is removed once its records exist."""
    data = store.get(key)
    try:
        name = store.get(f"{key}.name").decode("utf-8")
    except ObjectNotFound:
        name = "document"
    with IngestRun(store, case, run_id=run_id) as run:
        outcomes = run.add_bytes(data, name)
        store.delete(f"{key}.name")
        store.delete(key)
    return [record_key(case.case_id, o.sha256) for o in outcomes]
