"""Intake: what lands in an inbox (a folder or ``s3://BUCKET/PREFIX``) into the store,
matched to a registered case, processed exactly once, and only then removed from the inbox.

The steps the Airflow DAG (``dags/zeef_intake.py``) calls, keys and counts in and out:

- `collect_inbox(store, inbox, run_id)`: every inbox item staged (`ingest.stage`, so
  ``incoming/<sha256>``) for its case, or parked in the unmatched queue;
- `process_item(store, case_id, staged, run_id)`: one staged item through the pipeline
  (`IngestRun`), then removed from where it came from;
- `park_failed(...)`: an item whose processing kept failing, to the case's review queue;
- `case_letters(...)`: the citizen's letter of the run (`ingest.write_run_letter`);
- `summarize(results)`: counts per case and overall.

Layout of the inbox: ``INBOX/CASE_ID/any/file`` is a document of the registered case
CASE_ID; ``INBOX/name.eml`` an e-mail, matched to a case by `match_email`. Hidden names
(starting with a dot) and links are skipped.

What the store keeps for intake (keys hold ids only; names and paths only in contents):

- ``intake/sources/<sha256>/<source-id>.json``: where a staged item came from (inbox URL
  and path, or mailbox UID) and for which case; removed when the item leaves its source;
- ``unmatched/<sha256>``: an item no case could be found for (metadata ``reason``), with
  ``intake/parked/<sha256>.json`` written after its audit event (so the event is
  written once);
- ``intake/too_large/<source-id>.json``: an item over ``max_file_bytes``, reported once and
  left where it is (never loaded);
- audit events of items that belong to no case in the store-wide trail `INTAKE_TRAIL`
  (``audit/zeef.intake/``): a reserved case id; see docs/intake.md.

Nothing personal goes into logs, exceptions or return values: case ids, store keys,
counts and reason codes only. See docs/intake.md.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import hashlib
import json
import logging
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from zeef.domain import settings
from zeef.domain.errors import InvalidInput, UnreadableDocument, ZeefError
from zeef.domain.records import MessageRecord, record_from_bytes
from zeef.domain.vocabulary import Disposition
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.display import display_name
from zeef.pipeline.extract import FileMissing, FileTooLarge, read_file
from zeef.pipeline.ingest import IngestRun, stage, write_run_letter
from zeef.pipeline.registry import load_registered, registered_case_ids
from zeef.pipeline.route import record_key
from zeef.storage import ObjectNotFound, Store, StoreConfigError, case_lock, sha256_hex

log = logging.getLogger(__name__)

# The store-wide audit trail of intake (items that belong to no case). A case id (the
# trail needs one) that intake reserves: collecting refuses a store where a case is
# registered under it.
INTAKE_TRAIL = "zeef.intake"
UNMATCHED = "unmatched"
SOURCES = "intake/sources"
PARKED = "intake/parked"
TOO_LARGE = "intake/too_large"

# Reason codes (audit events, metadata, logs).
NO_CASE_MATCH = "no_case_match"  # an e-mail naming no registered case, from no known sender
AMBIGUOUS_CASE = "ambiguous_case"  # an e-mail that names (or whose sender has) several
UNREADABLE_EMAIL = "unreadable_email"  # not parseable as an e-mail
UNKNOWN_CASE_FOLDER = "unknown_case_folder"  # INBOX/X/...: X is not a registered case
NO_CASE_FOLDER = "no_case_folder"  # a file at the inbox's top that is not an .eml
FILE_TOO_LARGE = "file_too_large"
INTAKE_FAILED = "intake_failed"

# Audit events of the intake trail.
ITEM_UNMATCHED = "intake_unmatched"
ITEM_TOO_LARGE = "intake_too_large"

# Matching reads at most this much of a subject and a body.
MAX_SUBJECT_CHARS = 2_000
MAX_BODY_CHARS = 200_000
MAX_BOUNDARY_LINES = 5_000  # as the e-mail reader (extract/email.py): more is refused
# A token in a text counts as a case id only with a digit and at least this long, so
# that a case id such as "12" or "wmo" does not match every text.
MIN_CASE_ID_MATCH = 4

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_STAGED = re.compile(r"incoming/([0-9a-f]{64})")
_TYPE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]{0,99}")
_TAGS = re.compile(r"<[^>]{0,2000}>")


class InboxError(ZeefError):
    """An inbox that cannot be used (the message names the cause's type, never a path)."""


# -- the registered cases ------------------------------------------------------------------


class Cases:
    """The cases registered in `store`, listed once; their sender addresses loaded on
    first need."""

    def __init__(self, store: Store) -> None:
        self.store = store
        ids = set(registered_case_ids(store))
        if INTAKE_TRAIL in ids:
            raise InvalidInput(
                f"a case is registered under {INTAKE_TRAIL}, the id intake reserves for its "
                "audit trail; register it under another id"
            )
        self.ids = frozenset(ids)
        self._lower: dict[str, set[str]] = {}
        for case_id in ids:
            self._lower.setdefault(case_id.lower(), set()).add(case_id)
        self._senders: dict[str, set[str]] | None = None

    def ids_in(self, text: str) -> set[str]:
        """The registered case ids that appear in `text` as a whole token."""
        found: set[str] = set()
        for m in _TOKEN.finditer(text):
            token = m.group(0).rstrip("._-")
            if len(token) < MIN_CASE_ID_MATCH or not any(ch.isdigit() for ch in token):
                continue
            found |= self._lower.get(token.lower(), set())
        return found

    def by_sender(self, address: str) -> set[str]:
        if self._senders is None:
            self._senders = {}
            for case_id in sorted(self.ids):
                try:
                    case = load_registered(self.store, case_id)
                except InvalidInput:
                    continue  # a damaged case file: not a sender to match on
                for addr in case.subject.emails or ():
                    self._senders.setdefault(addr, set()).add(case_id)
        return self._senders.get(address.strip().lower(), set())


def _body_text(msg: email.message.Message) -> str:
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    try:
        text = body.get_content()
    except (LookupError, ValueError, AssertionError):
        payload = body.get_payload(decode=True) or b""
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if not isinstance(text, str):
        return ""
    text = text[: MAX_BODY_CHARS * 2]
    if body.get_content_subtype() == "html":
        text = _TAGS.sub(" ", text)
    return text[:MAX_BODY_CHARS]


def match_email(data: bytes, cases: Cases) -> tuple[str | None, str]:
    """(case id, how) for an e-mail's bytes, or (None, reason code). In this order: the
    registered case ids named in the Subject; else those in the body (text, or HTML as
    text); else the cases that registered the From address (``subject.emails``). Exactly
    one case at a step matches; several at a step is ``ambiguous_case`` (never guessed)."""
    if data.count(b"\n--") > MAX_BOUNDARY_LINES:
        return None, UNREADABLE_EMAIL
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        subject = str(msg.get("Subject") or "")[:MAX_SUBJECT_CHARS]
        steps: list[tuple[str, Callable[[], set[str]]]] = [
            ("subject", lambda: cases.ids_in(subject)),
            ("body", lambda: cases.ids_in(_body_text(msg))),
            ("sender", lambda: _senders(msg, cases)),
        ]
        for how, find in steps:
            found = find()
            if len(found) == 1:
                return next(iter(found)), how
            if len(found) > 1:
                return None, AMBIGUOUS_CASE
    except Exception as exc:  # a header or part the parser chokes on
        log.info("e-mail not parseable for matching (%s)", type(exc).__name__)
        return None, UNREADABLE_EMAIL
    return None, NO_CASE_MATCH


def _senders(msg: email.message.Message, cases: Cases) -> set[str]:
    headers = [str(h) for h in msg.get_all("From", [])][:5]
    found: set[str] = set()
    for _, addr in email.utils.getaddresses(headers):
        if addr:
            found |= cases.by_sender(addr)
    return found


# -- inboxes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class InboxItem:
    path: str  # relative, "/"-separated (personal data: kept in the store only)
    size: int
    etag: str | None = None


class FolderInbox:
    """A local folder. Walked without following links; hidden names skipped."""

    kind = "folder"

    def __init__(self, root: str) -> None:
        path = Path(root)
        if not path.is_dir():
            raise InboxError("the inbox is not a folder")
        self.root = path.resolve()
        self.url = str(self.root)

    def items(self) -> list[InboxItem]:
        out = []

        def refused(exc: OSError) -> None:
            log.warning("an inbox folder cannot be listed (%s)", type(exc).__name__)

        for folder, dirs, files in os.walk(self.root, onerror=refused):
            here = Path(folder)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(f for f in files if not f.startswith(".")):
                path = here / name
                try:
                    info = path.lstat()
                except OSError:
                    continue
                if not path.is_file() or path.is_symlink():
                    continue  # links, FIFOs, devices: never read from an inbox
                out.append(InboxItem(path.relative_to(self.root).as_posix(), info.st_size))
        return out

    def _path(self, rel: str) -> Path:
        path = self.root / rel
        if not path.resolve().is_relative_to(self.root):
            raise InboxError("an inbox path leaves the inbox")
        return path

    def read(self, item: InboxItem) -> bytes:
        return read_file(self._path(item.path), follow=False)

    def remove(self, rel: str, sha: str, etag: str | None = None) -> bool:
        """Delete the item when it still holds the bytes `sha`; True when it is gone."""
        path = self._path(rel)
        try:
            current = read_file(path, follow=False)
        except FileMissing:
            return True
        except (UnreadableDocument, OSError):
            return False
        if sha256_hex(current) != sha:
            log.warning("an inbox item changed since it was collected; left in place")
            return False
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise InboxError(f"an inbox item cannot be removed ({type(exc).__name__})") from None
        return True


class S3Inbox:
    """``s3://BUCKET/PREFIX`` on the server of ``ZEEF_S3_ENDPOINT`` (the store's client,
    retries and timeouts: `zeef.storage.s3.S3Store`). Object names are read as they are
    (a name with spaces is fine here, unlike a store key)."""

    kind = "s3"

    def __init__(self, url: str) -> None:
        from zeef.storage.s3 import S3Store

        rest = url[len("s3://") :]
        bucket, _, prefix = rest.partition("/")
        if not bucket:
            raise StoreConfigError("an S3 inbox URL is s3://BUCKET/PREFIX")
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.bucket = bucket
        self.url = f"s3://{bucket}/{self.prefix}"
        self._s3 = S3Store.from_env(f"s3://{bucket}", create_bucket=False)

    def _call(self, op: str, fn):
        return self._s3._call(op, fn)

    def items(self) -> list[InboxItem]:
        client = self._s3._client

        def listing():
            return [
                (o.object_name, o.size or 0, (o.etag or "").strip('"'))
                for o in client.list_objects(self.bucket, prefix=self.prefix, recursive=True)
                if not o.is_dir
            ]

        out = []
        for name, size, etag in self._call("inbox list", listing):
            rel = name[len(self.prefix) :]
            segments = rel.split("/")
            if not rel or any(not s or s.startswith(".") for s in segments):
                continue  # hidden, or a folder marker
            out.append(InboxItem(rel, size, etag))
        return sorted(out, key=lambda i: i.path)

    def read(self, item: InboxItem) -> bytes:
        limit = settings.limits().max_file_bytes
        client = self._s3._client

        def get() -> bytes:
            response = client.get_object(self.bucket, self.prefix + item.path)
            try:
                data = response.read(limit + 1)
            finally:
                response.close()
                response.release_conn()
            return data

        data = self._call("inbox get", get)
        if len(data) > limit:
            raise FileTooLarge(f"file too large (more than {limit} bytes)")
        return data

    def remove(self, rel: str, sha: str, etag: str | None = None) -> bool:
        client = self._s3._client
        name = self.prefix + rel

        def current() -> str | None:
            from minio.error import S3Error

            try:
                return (client.stat_object(self.bucket, name).etag or "").strip('"')
            except S3Error as exc:
                if exc.code in ("NoSuchKey", "NoSuchObject"):
                    return None
                raise

        now = self._call("inbox stat", current)
        if now is None:
            return True
        if etag and now != etag:
            log.warning("an inbox item changed since it was collected; left in place")
            return False
        self._call("inbox delete", lambda: client.remove_object(self.bucket, name))
        return True


def open_inbox(inbox: str) -> FolderInbox | S3Inbox:
    if inbox.startswith("s3://"):
        return S3Inbox(inbox)
    return FolderInbox(inbox)


def _source_id(*parts: object) -> str:
    return hashlib.sha256("\n".join(str(p) for p in parts).encode()).hexdigest()[:32]


def _source_key(sha: str, source_id: str) -> str:
    return f"{SOURCES}/{sha}/{source_id}.json"


# -- the intake trail and the unmatched queue -------------------------------------------


def _intake_event(store: Store, run_id: str, event: str, reason: str, sha: str | None,
                  look_first: bool) -> None:  # fmt: skip
    """One event in the intake trail, under its lock; with `look_first`, not when the
    trail already holds it (a rerun after a crash between event and marker)."""
    with case_lock(store, INTAKE_TRAIL):
        trail = AuditTrail(store, INTAKE_TRAIL)
        trail.check()
        if (
            look_first
            and sha
            and any(e.document == sha and e.event == event for e in trail.events())
        ):
            return
        trail.append(actor="intake", run=run_id, event=event, document=sha, reason=reason)


def park(store: Store, data: bytes, sha: str, reason: str, run_id: str, info: dict) -> None:
    """Into the unmatched queue: ``unmatched/<sha>``, its event, then its marker. Once."""
    marker = f"{PARKED}/{sha}.json"
    if store.exists(marker):
        return
    key = f"{UNMATCHED}/{sha}"
    existed = store.exists(key)
    store.put(key, data, {"sha256": sha, "reason": reason})
    _intake_event(store, run_id, ITEM_UNMATCHED, reason, sha, look_first=existed)
    store.put(marker, json.dumps({"reason": reason, "run": run_id, **info}).encode())
    log.info("parked sha256=%s reason=%s", sha[:12], reason)


def is_parked(store: Store, sha: str) -> bool:
    return store.exists(f"{PARKED}/{sha}.json")


def note_too_large(store: Store, run_id: str, source_id: str, size: int, info: dict) -> None:
    """An item over ``max_file_bytes``: never loaded; reported once (event and marker),
    left where it is for an operator."""
    marker = f"{TOO_LARGE}/{source_id}.json"
    try:
        if json.loads(store.get(marker)).get("size") == size:
            return
    except ObjectNotFound:
        pass
    _intake_event(store, run_id, ITEM_TOO_LARGE, FILE_TOO_LARGE, None, look_first=False)
    store.put(marker, json.dumps({"size": size, "run": run_id, **info}).encode())
    log.warning("an inbox item is over max_file_bytes; left in place (reason=%s)", FILE_TOO_LARGE)


def stage_for(
    store: Store,
    case_id: str,
    data: bytes,
    sha: str,
    name: str,
    source_id: str,
    source: dict,
    remove: Callable[[], object] | None,
) -> dict | None:
    """Stage `data` for `case_id` (not again when staged) and note its source; None when
    the case already has its record (then `remove` takes it out of its source now)."""
    if store.exists(record_key(case_id, sha)):
        if remove is not None:
            remove()
        return None
    key = f"incoming/{sha}"
    if not store.exists(key):
        staged = stage(store, data, name)
        assert staged == key
    store.put(_source_key(sha, source_id), json.dumps({**source, "case_id": case_id}).encode())
    return {"case_id": case_id, "staged": key}


# -- the steps -------------------------------------------------------------------------


def _refuse_overlap(store: Store, box: FolderInbox | S3Inbox) -> None:
    root = getattr(store, "root", None)
    if isinstance(box, FolderInbox) and root is not None:
        store_root = Path(root).resolve()
        if box.root.is_relative_to(store_root) or store_root.is_relative_to(box.root):
            raise InvalidInput("the inbox and the store's folder overlap")


def collect_inbox(store: Store, inbox: str, run_id: str) -> list[dict]:
    """Stage every inbox item: returns ``[{"case_id", "staged": "incoming/<sha>"}]`` for
    items matched to a registered case (an e-mail is staged whole: `process_item`
    splits it). Unmatched e-mails and items under an unknown CASE_ID folder are parked
    (``unmatched/<sha>``, an event in the intake trail) and removed from the inbox, not
    returned. Where each staged item came from is kept in the store
    (``intake/sources/<sha>/...``), so that `process_item` can remove it afterwards.
    Idempotent: an item already staged is returned without staging it again; one already
    recorded for its case is removed from the inbox and not returned."""
    box = open_inbox(inbox)
    _refuse_overlap(store, box)
    cases = Cases(store)
    out: list[dict] = []
    counts: Counter[str] = Counter()
    for item in box.items():
        try:
            got = _collect_item(store, box, item, cases, run_id, counts)
        except (FileMissing, FileNotFoundError):
            counts["gone"] += 1
            continue
        except UnreadableDocument:
            counts["unreadable"] += 1
            log.warning("an inbox item cannot be read; left in place")
            continue
        if got is not None and got not in out:
            out.append(got)
    counts["staged"] = len(out)
    log.info("inbox collected: %s", " ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    return out


def _collect_item(store, box, item: InboxItem, cases: Cases, run_id: str, counts) -> dict | None:
    source_id = _source_id(box.url, item.path)
    segments = item.path.split("/")
    limit = settings.limits().max_file_bytes
    folder_case = segments[0] if len(segments) > 1 else None
    info = {"kind": box.kind, "inbox": box.url, "path": item.path}
    if item.size > limit:
        note_too_large(store, run_id, source_id, item.size, info)
        counts["too_large"] += 1
        return None
    try:
        data = box.read(item)
    except FileTooLarge:  # grew since the listing
        note_too_large(store, run_id, source_id, item.size, info)
        counts["too_large"] += 1
        return None
    sha = sha256_hex(data)

    def remove() -> None:
        box.remove(item.path, sha, item.etag)

    if folder_case is None:
        if not segments[0].lower().endswith(".eml"):
            case_id, reason = None, NO_CASE_FOLDER
        else:
            case_id, reason = match_email(data, cases)
    elif folder_case in cases.ids:
        case_id, reason = folder_case, "folder"
    else:
        case_id, reason = None, UNKNOWN_CASE_FOLDER
    if case_id is None:
        park(store, data, sha, reason, run_id, info)
        remove()  # safely in the store: out of the inbox
        counts[f"unmatched_{reason}"] += 1
        return None
    counts[f"matched_{reason}"] += 1
    source = {**info, "etag": item.etag}
    return stage_for(store, case_id, data, sha, segments[-1], source_id, source, remove)


def _staged_sha(staged: str) -> str:
    m = _STAGED.fullmatch(staged) if isinstance(staged, str) else None
    if not m:
        raise InvalidInput("staged: not a key incoming/<sha256>")
    return m.group(1)


def item_counts(store: Store, case_id: str, sha: str) -> dict:
    """``{"records", "review"}`` of a recorded item: its documents (an e-mail's parts)."""
    record = record_from_bytes(store.get(record_key(case_id, sha)))
    docs = [record]
    if isinstance(record, MessageRecord):
        docs = [record_from_bytes(store.get(record_key(case_id, p))) for p in record.parts]
    review = sum(1 for d in docs if d.disposition is Disposition.REVIEW)
    return {"records": len(docs), "review": review}


def _finish_sources(store: Store, case_id: str, sha: str, staged: str) -> None:
    """The item of `case_id` out of its sources (inbox items deleted when unchanged; a
    mailbox message is moved later by `mailbox.acknowledge_mailbox`, which looks at the
    records); the staged copy removed once no other case waits for it."""
    boxes: dict[str, FolderInbox | S3Inbox] = {}
    others = 0
    for key in store.list(f"{SOURCES}/{sha}/"):
        try:
            source = json.loads(store.get(key))
        except (ObjectNotFound, ValueError):
            continue
        if source.get("case_id") != case_id:
            others += 1
            continue
        if source.get("kind") in ("folder", "s3"):
            url = source["inbox"]
            if url not in boxes:
                boxes[url] = open_inbox(url)
            boxes[url].remove(source["path"], sha, source.get("etag"))
        store.delete(key)
    if not others:
        store.delete(f"{staged}.name")
        store.delete(staged)


def _staged(store: Store, staged: str) -> tuple[bytes, str]:
    """A staged item's bytes and the file name it came with ("document" if none)."""
    try:
        name = store.get(f"{staged}.name").decode("utf-8", "replace")
    except ObjectNotFound:
        name = "document"
    return store.get(staged), name


def process_item(store: Store, case_id: str, staged: str, run_id: str) -> dict:
    """`process_incoming` for one staged item (of the registered case), then the item out
    of its source once its records exist. Returns ``{"case_id", "records", "review"}``.
    Exactly once: a second call returns the same counts and changes nothing."""
    sha = _staged_sha(staged)
    case = load_registered(store, case_id)
    if not store.exists(record_key(case_id, sha)):
        data, name = _staged(store, staged)
        with IngestRun(store, case, run_id=run_id) as run:
            run.add_bytes(data, name, file=staged)
    counts = item_counts(store, case_id, sha)
    _finish_sources(store, case_id, sha, staged)
    log.info("processed case=%s sha256=%s records=%d review=%d", case_id, sha[:12],
             counts["records"], counts["review"])  # fmt: skip
    return {"case_id": case_id, **counts}


def park_failed(store: Store, case_id: str, staged: str, run_id: str, error: str) -> dict:
    """After every retry failed: the staged bytes to the case's review queue with a record
    (review, reason ``intake_failed``, error ``internal error (TYPE)``) and its audit
    event; the item out of its source. `error` is an exception type name (anything else
    is recorded as ``Exception``). An item that got its record after all is left as it is.
    Returns ``{"case_id", "records", "review", "failed": 1}``."""
    from zeef.pipeline.classify import _to_review

    sha = _staged_sha(staged)
    kind = error if isinstance(error, str) and _TYPE_NAME.fullmatch(error) else "Exception"
    case = load_registered(store, case_id)
    if not store.exists(record_key(case_id, sha)):
        data, name = _staged(store, staged)
        shown = display_name(Path(name).name)
        c = _to_review(shown, sha, INTAKE_FAILED, error=f"internal error ({kind})")
        with IngestRun(store, case, run_id=run_id) as run:
            if not store.exists(record_key(case_id, sha)):
                run._route(staged, data, sha, c, shown)
    counts = item_counts(store, case_id, sha)
    _finish_sources(store, case_id, sha, staged)
    log.warning("parked for review case=%s sha256=%s reason=%s error=%s", case_id, sha[:12],
                INTAKE_FAILED, kind)  # fmt: skip
    return {"case_id": case_id, **counts, "failed": 1}


def case_letters(store: Store, case_id: str, run_id: str) -> str | None:
    """`write_run_letter` for the registered case: the letter's key, or None."""
    return write_run_letter(store, load_registered(store, case_id), run_id)


def unmatched_in_run(store: Store, run_id: str) -> dict:
    """``{"unmatched": n, "too_large": n}``: what `run_id` parked or reported in the
    intake trail (a result `summarize` takes)."""
    trail = AuditTrail(store, INTAKE_TRAIL)
    events = [e for e in trail.events() if e.run == run_id]
    return {
        "unmatched": sum(e.event == ITEM_UNMATCHED for e in events),
        "too_large": sum(e.event == ITEM_TOO_LARGE for e in events),
    }


_COUNTED = ("records", "review", "failed", "unmatched", "too_large")


def summarize(results: Iterable[object]) -> dict:
    """Counts per case and overall: ``{"cases": {case_id: {...}}, "total": {...}}`` with
    records, review, failed, unmatched, too_large and letters. Takes the results of the
    steps as they come: `process_item` / `park_failed` dicts, `case_letters` keys (or
    None), `unmatched_in_run` dicts, and lists of these."""
    total = dict.fromkeys((*_COUNTED, "letters"), 0)
    cases: dict[str, dict[str, int]] = {}

    def add(case_id: str | None, name: str, n: int) -> None:
        total[name] += n
        if case_id:
            cases.setdefault(case_id, dict.fromkeys((*_COUNTED[:3], "letters"), 0))
            if name in cases[case_id]:
                cases[case_id][name] += n

    def walk(item: object) -> None:
        if item is None:
            return
        if isinstance(item, list | tuple):
            for x in item:
                walk(x)
        elif isinstance(item, str):
            parts = item.split("/")
            if len(parts) == 3 and parts[0] == "letters":
                add(parts[1], "letters", 1)
        elif isinstance(item, dict):
            case_id = item.get("case_id") if isinstance(item.get("case_id"), str) else None
            for name in _COUNTED:
                value = item.get(name)
                if isinstance(value, int) and not isinstance(value, bool):
                    add(case_id, name, value)
            if isinstance(item.get("letter"), str):
                add(case_id, "letters", 1)

    walk(list(results))
    return {"cases": dict(sorted(cases.items())), "total": total}
