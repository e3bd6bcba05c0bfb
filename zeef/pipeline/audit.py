"""The audit trail: an append-only, hash-chained log of what happened to a case's documents.

Every event is one object, ``audit/<case_id>/<seq:010d>.json``, written with `put_new`
(an existing event is never overwritten). Each event holds the hash of the one before it
(``prev``) and its own ``hash``: the sha256 of its canonical JSON without ``hash``. After
each event, ``audit/<case_id>/head.json`` records the last seq and hash, so that a removed
last event is noticed too. Event first, head second: a crash in between leaves a chain one
event longer than its head, which `verify` accepts and the next `append` repairs.

Events hold ids, fixed words and numbers only, never personal data: `append` refuses
anything else (see `validate`). Limit: whoever can rewrite the head and the whole chain can
forge it; production keeps the bucket under object lock (WORM). See docs/audit.md.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from zeef.domain.case import CASE_ID
from zeef.domain.errors import AuditError
from zeef.domain.policy import LEGAL_BASES, REVIEW_RULE_BASIS
from zeef.domain.vocabulary import Category, Disposition
from zeef.storage.base import ObjectNotFound, Store

GENESIS = "0" * 64
PREFIX = "audit"

# The events the pipeline writes. `append` accepts any word matching _WORD, so that a new
# step needs no change here; these names are the shared vocabulary.
DOCUMENT_STORED = "document_stored"
DOCUMENT_FORWARDED = "document_forwarded"
DOCUMENT_RETURNED = "document_returned"
DOCUMENT_DESTROYED = "document_destroyed"
DOCUMENT_EXCLUDED = "document_excluded"
DOCUMENT_TO_REVIEW = "document_to_review"
ID_DOCUMENT_RECORDED = "id_document_recorded"
LETTER_WRITTEN = "letter_written"
REVIEW_DECISION = "review_decision"
INGEST_NOOP = "ingest_noop"
CASE_REGISTERED = "case_registered"
CASE_UPDATED = "case_updated"
MESSAGE_SPLIT = "message_split"  # an e-mail taken apart into its body and attachments
DOCUMENT_SPLIT = "document_split"  # a glued file cut into its documents (segments)
DOCUMENT_HANDED_OVER = "document_handed_over"  # delivered from the outbox or returns

# What `verify` can find wrong.
EDITED = "edited"
REMOVED = "removed"
REORDERED = "reordered"
INSERTED = "inserted"
BAD_JSON = "bad_json"

# A legal reference is one of the policy table's, never free text.
LEGAL_REFERENCES = frozenset(set(LEGAL_BASES) | {REVIEW_RULE_BASIS})

_WORD = re.compile(r"[a-z0-9_.:-]{1,64}")
_RUN = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_EVENT_NAME = re.compile(r"(\d{10})\.json")
_HEAD = "head.json"

# Set by the caller of `append`, with their default; everything else is set by the trail.
CALLER_FIELDS: dict[str, object] = {
    "event": None,
    "document": None,
    "category": None,
    "confidence": None,
    "disposition": None,
    "legal_reference": None,
    "reason": None,
    "actor": "pipeline",
    "run": None,
}


@dataclass(frozen=True)
class Event:
    seq: int
    time: str
    case_id: str
    event: str
    document: str | None
    category: Category | None
    confidence: float | None
    disposition: Disposition | None
    legal_reference: str | None
    reason: str | None
    actor: str
    run: str | None
    prev: str
    hash: str

    def body(self) -> dict[str, object]:
        """Every field but ``hash``: what the hash is computed over."""
        data = asdict(self)
        del data["hash"]
        return data

    def computed_hash(self) -> str:
        return hashlib.sha256(canonical_json(self.body())).hexdigest()

    def to_json(self) -> bytes:
        return canonical_json(asdict(self))

    @classmethod
    def from_json(cls, raw: bytes) -> Event:
        """An event as stored; ValueError when it is not one (bad JSON, wrong fields or
        types, NaN or Infinity, nesting too deep, too large). The values are not validated
        again: the hash chain covers them."""
        data = _loads(raw)
        if not isinstance(data, dict) or set(data) != _EVENT_FIELDS:
            raise ValueError("not an audit event")
        ints = isinstance(data["seq"], int) and not isinstance(data["seq"], bool)
        texts = all(isinstance(data[k], str) for k in ("time", "case_id", "event", "actor"))
        hashes = all(isinstance(data[k], str) and _SHA256.fullmatch(data[k]) for k in _HASHES)
        conf = data["confidence"]
        conf_ok = conf is None or (isinstance(conf, int | float) and not isinstance(conf, bool))
        optional = ("document", "legal_reference", "reason", "run")
        opts = all(data[k] is None or isinstance(data[k], str) for k in optional)
        if not (ints and texts and hashes and conf_ok and opts):
            raise ValueError("not an audit event")
        category = None if data["category"] is None else Category(data["category"])
        disposition = None if data["disposition"] is None else Disposition(data["disposition"])
        return cls(**{**data, "category": category, "disposition": disposition})


_EVENT_FIELDS = {f for f in Event.__dataclass_fields__}
_HASHES = ("prev", "hash")
# An event is a few hundred bytes; anything far larger is not one of ours.
_MAX_OBJECT_BYTES = 64 * 1024


def _not_canonical(_: str) -> float:
    raise ValueError("NaN and Infinity are not canonical JSON")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999
        raise ValueError("a number too large for a float")
    return value


def _loads(raw: bytes) -> object:
    """JSON as the trail writes it; ValueError for anything else: not UTF-8, not JSON,
    NaN or Infinity, numbers beyond a float, nesting too deep, larger than 64 KiB."""
    if len(raw) > _MAX_OBJECT_BYTES:
        raise ValueError("too large for an audit object")
    try:
        return json.loads(raw, parse_constant=_not_canonical, parse_float=_finite)
    except RecursionError:
        raise ValueError("nested too deeply") from None


@dataclass(frozen=True)
class VerifyResult:
    """`ok`, or the first bad `seq` and what is wrong with it (`problem`, one of EDITED,
    REMOVED, REORDERED, INSERTED, BAD_JSON). `seq` is None when the problem is the head
    object itself or a stray object under the case's prefix. `count`: events found.
    `unsealed`: the chain is fine but its last event is not in the head yet: a crash
    between writing an event and its head (the next `append` seals it), or an event
    added by someone bypassing the trail; the two cannot be told apart."""

    ok: bool
    seq: int | None = None
    problem: str | None = None
    count: int = 0
    unsealed: bool = False

    def __bool__(self) -> bool:
        return self.ok


def canonical_json(data: Mapping[str, object]) -> bytes:
    """Sorted keys, no spaces, ASCII only, no NaN: the same bytes for the same data."""
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    ).encode("ascii")


def validate(fields: Mapping[str, object]) -> dict[str, object]:
    """The caller's fields, checked and normalised, defaults filled in.

    Refuses (ValueError naming the field, never its value) anything that could carry
    personal data: unknown field names, free text where a fixed word belongs, a document
    that is not a sha256, a category, disposition or legal reference outside the closed sets.
    """
    for name in fields:
        if name not in CALLER_FIELDS:
            shown = name if _WORD.fullmatch(name) else "(a field name)"
            raise ValueError(f"{shown}: not an audit field the caller may set")
    out = {**CALLER_FIELDS, **fields}
    if out["event"] is None:
        raise ValueError("event: required")
    for name in ("event", "reason", "actor"):
        value = out[name]
        if value is not None and not (isinstance(value, str) and _WORD.fullmatch(value)):
            raise ValueError(f"{name}: must be a fixed code matching [a-z0-9_.:-]{{1,64}}")
    if out["actor"] is None:
        raise ValueError("actor: required")
    run = out["run"]
    if run is not None and not (isinstance(run, str) and _RUN.fullmatch(run)):
        raise ValueError("run: must be an id matching [A-Za-z0-9_.:-]{1,64}")
    doc = out["document"]
    if doc is not None and not (isinstance(doc, str) and _SHA256.fullmatch(doc)):
        raise ValueError("document: must be a sha256 (64 lowercase hex digits)")
    for name, kind in (("category", Category), ("disposition", Disposition)):
        if out[name] is not None:
            try:
                out[name] = kind(out[name])
            except ValueError:
                raise ValueError(f"{name}: not one of the closed set in model.py") from None
    if out["legal_reference"] is not None and out["legal_reference"] not in LEGAL_REFERENCES:
        raise ValueError("legal_reference: not a legal basis from the policy table")
    conf = out["confidence"]
    if conf is not None:
        if isinstance(conf, bool) or not isinstance(conf, int | float):
            raise ValueError("confidence: must be a number from 0 to 1")
        if not (math.isfinite(conf) and 0 <= conf <= 1):
            raise ValueError("confidence: must be a number from 0 to 1")
        out["confidence"] = round(float(conf), 4)
    return out


def _utc_now() -> datetime:
    return datetime.now(UTC)


class AuditTrail:
    """The audit trail of one case in `store`. One writer per case (the case lock,
    `zeef.storage.lock`); should a second writer append all the same, its `append` fails
    on `put_new` (an atomic create on both backends) rather than overwriting."""

    def __init__(
        self, store: Store, case_id: str, clock: Callable[[], datetime] = _utc_now
    ) -> None:
        if not isinstance(case_id, str) or not CASE_ID.fullmatch(case_id):
            raise ValueError("case_id: not a simple identifier (letters, digits, . _ -)")
        self.store = store
        self.case_id = case_id
        self.clock = clock
        self._prefix = f"{PREFIX}/{case_id}/"
        self._tail: tuple[int, str] | None = None  # (seq, hash) of the last sealed event

    # -- keys ---------------------------------------------------------------------------

    def _event_key(self, seq: int) -> str:
        return f"{self._prefix}{seq:010d}.json"

    @property
    def head_key(self) -> str:
        return self._prefix + _HEAD

    def _event_seqs(self) -> tuple[list[int], list[str]]:
        """The seqs of the stored event objects, sorted, and any other (stray) keys."""
        seqs, stray = [], []
        for key in self.store.list(self._prefix):
            name = key[len(self._prefix) :]
            m = _EVENT_NAME.fullmatch(name)
            if m:
                seqs.append(int(m.group(1)))
            elif name != _HEAD:
                stray.append(key)
        return sorted(seqs), stray

    def _read_head(self) -> tuple[int, str] | None:
        """(seq, hash) from head.json; None when there is none; ValueError when broken."""
        try:
            raw = self.store.get(self.head_key)
        except ObjectNotFound:
            return None
        data = _loads(raw)
        if (
            not isinstance(data, dict)
            or set(data) != {"case_id", "seq", "hash"}
            or data["case_id"] != self.case_id
            or not isinstance(data["seq"], int)
            or isinstance(data["seq"], bool)
            or data["seq"] < 0
            or not isinstance(data["hash"], str)
            or not _SHA256.fullmatch(data["hash"])
        ):
            raise ValueError("not an audit head")
        return data["seq"], data["hash"]

    def _write_head(self, seq: int, hash_: str) -> None:
        head = {"case_id": self.case_id, "seq": seq, "hash": hash_}
        self.store.put(self.head_key, canonical_json(head))

    def _read_event(self, seq: int) -> Event:
        try:
            return Event.from_json(self.store.get(self._event_key(seq)))
        except ObjectNotFound:
            raise AuditError(f"audit event {seq} is missing") from None
        except ValueError:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            raise AuditError(f"audit event {seq} is not readable") from None

    # -- writing ------------------------------------------------------------------------

    def _load_tail(self) -> tuple[int, str] | None:
        """The last event as (seq, hash), after checking it against the head and sealing
        an event that a crash left unsealed. Refuses a tail that does not match its head:
        the trail must be verified (and repaired by a person) before anything is added."""
        seqs, _ = self._event_seqs()
        try:
            head = self._read_head()
        except ValueError:
            raise AuditError("the audit head is not readable; run verify") from None
        if not seqs:
            if head is not None:
                raise AuditError("the audit head names events that are missing; run verify")
            return None
        if head is None and seqs[-1] > 0:
            raise AuditError("the audit head is missing; run verify")
        last = self._read_event(seqs[-1])
        if last.seq != seqs[-1] or last.computed_hash() != last.hash:
            raise AuditError(f"audit event {seqs[-1]} does not verify; run verify")
        if head == (last.seq, last.hash):
            return head
        # A crash between writing the last event and its head: seal it now.
        prev_head = head if head is not None else (-1, GENESIS)
        if prev_head[0] == last.seq - 1 and prev_head[1] == last.prev:
            self._write_head(last.seq, last.hash)
            return last.seq, last.hash
        raise AuditError("the audit head does not match the last event; run verify")

    def check(self) -> None:
        """Before a run writes anything for the case: the head is there and names the last
        event (an event a crash left unsealed is sealed now). Cheap: the listing, the head
        and the last event. AuditError (one line, naming the case) when the trail is
        damaged; `verify` tells where."""
        try:
            self._tail = self._load_tail() or (-1, GENESIS)
        except AuditError as exc:
            cause = str(exc).removesuffix("; run verify")
            raise AuditError(
                f"case {self.case_id}: the audit trail is damaged ({cause}); nothing was "
                f"written; run `zeef audit verify {self.case_id}`"
            ) from None

    def append(self, **fields: object) -> Event:
        """Add one event and return it. See `validate` for what is refused."""
        values = validate(fields)
        if self._tail is None:
            self._tail = self._load_tail() or (-1, GENESIS)
        last_seq, last_hash = self._tail
        now = self.clock()
        if now.tzinfo is None:
            raise ValueError("clock: must return an aware datetime")
        time = now.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
        body = {"seq": last_seq + 1, "time": time, "case_id": self.case_id, **values}
        body["prev"] = last_hash
        event = Event(**body, hash=hashlib.sha256(canonical_json(body)).hexdigest())
        if not self.store.put_new(self._event_key(event.seq), event.to_json()):
            self._tail = None
            raise AuditError(f"audit event {event.seq} already exists (a second writer?)")
        self._tail = None  # until the head is written, the next append re-reads the store
        self._write_head(event.seq, event.hash)
        self._tail = (event.seq, event.hash)
        return event

    # -- reading ------------------------------------------------------------------------

    def events(self) -> list[Event]:
        """Every stored event in seq order (not verified: use `verify` for that)."""
        seqs, _ = self._event_seqs()
        return [self._read_event(seq) for seq in seqs]

    def documents_with(self, event: str) -> set[str]:
        """The documents (sha256) of every event of kind `event`."""
        return {e.document for e in self.events() if e.event == event and e.document}

    def verify(self) -> VerifyResult:
        """Check the chain and the head; the first problem found, in seq order."""
        seqs, stray = self._event_seqs()
        loaded: dict[int, Event | None] = {}
        for seq in seqs:
            try:
                loaded[seq] = Event.from_json(self.store.get(self._event_key(seq)))
            except (ValueError, ObjectNotFound):
                loaded[seq] = None
        count = len(seqs)
        problem = _check_chain(self.case_id, loaded)
        if problem:
            return VerifyResult(False, *problem, count=count)
        try:
            head = self._read_head()
        except ValueError:
            return VerifyResult(False, None, BAD_JSON, count)
        events = [loaded[s] for s in seqs]
        problem = _check_head(head, events)
        if problem:
            return VerifyResult(False, *problem, count=count)
        if stray:
            return VerifyResult(False, None, INSERTED, count)
        unsealed = bool(events) and (head is None or head[0] != events[-1].seq)
        return VerifyResult(True, count=count, unsealed=unsealed)


def _check_chain(case_id: str, loaded: dict[int, Event | None]) -> tuple[int, str] | None:
    """The first (seq, problem) of the events by position; None when they chain."""
    if not loaded:
        return None
    seq_fields = {pos: e.seq for pos, e in loaded.items() if e is not None}
    hashes = {pos: e.hash for pos, e in loaded.items() if e is not None}
    prev = GENESIS
    for pos in range(max(loaded) + 1):
        if pos not in loaded:
            return pos, REMOVED
        event = loaded[pos]
        if event is None:
            return pos, BAD_JSON
        if event.computed_hash() != event.hash:
            return pos, EDITED
        if event.seq < pos:  # a seq seen before: a copy, or pushed on by an insertion
            copy = hashes.get(event.seq) == event.hash
            return (pos if copy else max(event.seq, 0)), INSERTED
        if event.seq > pos:
            if any(s == pos for p, s in seq_fields.items() if p > pos):
                return pos, REORDERED  # this seq's own event is further on
            return pos, REMOVED  # later events renamed down over a gap
        if event.case_id != case_id:
            return pos, INSERTED  # an event of another case
        if event.prev != prev:
            earlier = [p for p in range(pos - 1) if hashes.get(p) == event.prev]
            if earlier:
                return earlier[-1] + 1, INSERTED  # links past the events in between
            if any(h == event.prev for p, h in hashes.items() if p > pos):
                return pos, REORDERED  # links to an event that now comes after it
            # The event before was changed and its hash recomputed (its successor still
            # holds the old hash), or this event's prev was changed: the earlier is blamed.
            return max(pos - 1, 0), EDITED
        prev = event.hash
    return None


def _check_head(head: tuple[int, str] | None, events: list[Event]) -> tuple[int | None, str] | None:
    """Check the head against a chain already known to link: the head seals the last
    event, or the one before it when a crash came between writing an event and its head."""
    if not events:
        return None if head is None else (0, REMOVED)
    last = events[-1]
    if head is None:
        # Only the very first append can leave events without a head.
        return None if len(events) == 1 else (None, REMOVED)
    head_seq, head_hash = head
    if head_seq > last.seq:
        return last.seq + 1, REMOVED  # events after the last one were removed
    if head_seq == last.seq:
        return None if head_hash == last.hash else (last.seq, EDITED)
    if head_seq == last.seq - 1:  # the crash window: the chain already links last to it
        return None if head_hash == last.prev else (head_seq, EDITED)
    return head_seq + 2, INSERTED  # appended without the trail sealing it
