"""Intake from an IMAP mailbox (the Airflow connection ``zeef_imap``), with imaplib.

- `collect_mailbox`: the folder's UNSEEN messages by UID, fetched with ``BODY.PEEK[]``
  (nothing is marked seen), each staged like an inbox ``.eml`` (`intake.match_email`,
  the same unmatched queue). The store remembers each message:
  ``intake/imap/<mailbox-id>/<uidvalidity>-<uid>.json`` (the staged sha256 and case, or
  that it was parked or is too large). A message over ``max_file_bytes`` (by its
  ``RFC822.SIZE``) is never fetched: reported once in the intake trail, left unseen.
- `acknowledge_mailbox`: every remembered message that is done (its case's record
  exists, or it is in the unmatched queue) is marked seen and moved to the processed
  folder (``UID MOVE``, else ``COPY`` + ``\\Deleted`` + ``UID EXPUNGE``), then forgotten.

`<mailbox-id>` is a hash of host, port, login and folder: no address in a key. Errors
name the step and the cause's type, never a server's answer (it may echo the login).
"""

from __future__ import annotations

import hashlib
import imaplib
import json
import logging
import re
import ssl as ssl_module
from contextlib import contextmanager
from dataclasses import dataclass, field

from zeef.domain import settings
from zeef.domain.errors import ZeefError
from zeef.pipeline import intake
from zeef.pipeline.route import record_key
from zeef.storage import ObjectNotFound, Store, sha256_hex

log = logging.getLogger(__name__)

MAX_MESSAGES = 1_000  # per collect; the rest come in the next run
_CHUNK = 200  # UIDs per MOVE command
_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")
_MARKER = re.compile(r"(\d+)-(\d+)\.json")
_FOLDER = re.compile(r"[\x20-\x7e]{1,200}")


class MailboxError(ZeefError):
    """The mailbox cannot be used (unreachable, refused, an unexpected answer)."""


@dataclass(frozen=True)
class MailboxSettings:
    host: str
    port: int
    user: str = field(repr=False)
    password: str = field(repr=False)
    ssl: bool
    starttls: bool
    folder: str = "INBOX"
    processed: str = "Processed"
    timeout: float = 30.0

    @classmethod
    def from_connection(cls, conn) -> MailboxSettings:
        """From an Airflow Connection (duck-typed: host, port, login, password,
        extra_dejson with ssl, starttls, folder, processed, timeout). Default: IMAPS on
        993."""
        extra = dict(getattr(conn, "extra_dejson", None) or {})
        use_ssl = bool(extra.get("ssl", not extra.get("starttls", False)))
        return cls(
            host=conn.host,
            port=int(conn.port or (993 if use_ssl else 143)),
            user=conn.login,
            password=conn.password,
            ssl=use_ssl,
            starttls=bool(extra.get("starttls", False)),
            folder=extra.get("folder", "INBOX"),
            processed=extra.get("processed", "Processed"),
            timeout=float(extra.get("timeout", 30.0)),
        )

    @property
    def mailbox_id(self) -> str:
        ident = f"{self.host.lower()}:{self.port}/{self.user}/{self.folder}"
        return hashlib.sha256(ident.encode()).hexdigest()[:24]


def _quote(folder: str) -> str:
    if not _FOLDER.fullmatch(folder):
        raise MailboxError("a mailbox folder name must be printable ASCII")
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def connect(mailbox: MailboxSettings) -> imaplib.IMAP4:
    """A logged-in connection: IMAPS (``ssl``), IMAP upgraded with STARTTLS
    (``starttls``), or plain IMAP (neither: for a server on the same machine only).
    Certificates are checked (the system's CAs, or ``SSL_CERT_FILE``)."""
    if mailbox.ssl and mailbox.starttls:
        raise MailboxError("mailbox: choose ssl (IMAPS) or starttls, not both")
    step = "connect"
    try:
        if mailbox.ssl:
            context = ssl_module.create_default_context()
            conn = imaplib.IMAP4_SSL(
                mailbox.host, mailbox.port, ssl_context=context, timeout=mailbox.timeout
            )
        else:
            conn = imaplib.IMAP4(mailbox.host, mailbox.port, timeout=mailbox.timeout)
            if mailbox.starttls:
                step = "starttls"
                conn.starttls(ssl_context=ssl_module.create_default_context())
        step = "login"
        conn.login(mailbox.user, mailbox.password)
    except (imaplib.IMAP4.error, OSError) as exc:
        raise MailboxError(f"IMAP {step} failed ({type(exc).__name__})") from None
    return conn


@contextmanager
def _session(mailbox: MailboxSettings):
    conn = connect(mailbox)
    try:
        yield conn
    except (imaplib.IMAP4.error, OSError) as exc:
        raise MailboxError(f"IMAP command failed ({type(exc).__name__})") from None
    finally:
        try:
            conn.logout()
        except (imaplib.IMAP4.error, OSError):
            pass


def _ok(result, what: str):
    typ, data = result
    if typ != "OK":
        raise MailboxError(f"IMAP {what} refused")
    return data


def _select(conn: imaplib.IMAP4, folder: str, readonly: bool) -> int:
    _ok(conn.select(_quote(folder), readonly=readonly), "select")
    _, data = conn.response("UIDVALIDITY")
    try:
        return int(data[0])
    except (TypeError, ValueError, IndexError):
        raise MailboxError("IMAP server gave no UIDVALIDITY") from None


def _capabilities(conn: imaplib.IMAP4) -> set[str]:
    data = _ok(conn.capability(), "capability")
    return {c.upper() for c in b" ".join(d for d in data if d).decode("ascii", "replace").split()}


def _fetch_size(conn: imaplib.IMAP4, uid: int) -> int | None:
    data = _ok(conn.uid("FETCH", str(uid), "(RFC822.SIZE)"), "fetch")
    for item in data:
        line = item[0] if isinstance(item, tuple) else item
        m = _SIZE.search(line or b"")
        if m:
            return int(m.group(1))
    return None  # gone meanwhile


def _fetch(conn: imaplib.IMAP4, uid: int) -> bytes | None:
    data = _ok(conn.uid("FETCH", str(uid), "(BODY.PEEK[])"), "fetch")
    for item in data:
        if isinstance(item, tuple) and len(item) == 2 and b"BODY[]" in (item[0] or b""):
            return item[1]
    return None


def _marker_prefix(mailbox: MailboxSettings) -> str:
    return f"intake/imap/{mailbox.mailbox_id}/"


def _marker_key(mailbox: MailboxSettings, uidvalidity: int, uid: int) -> str:
    return f"{_marker_prefix(mailbox)}{uidvalidity}-{uid}.json"


def collect_mailbox(store: Store, mailbox: MailboxSettings, run_id: str) -> list[dict]:
    """Fetch the UNSEEN messages by UID (``BODY.PEEK[]``: nothing marked seen before it is
    done), stage each like an inbox ``.eml`` (same matching, same unmatched queue),
    remember store-side which UID each staged key came from; returns
    ``[{"case_id", "staged"}]`` like `intake.collect_inbox`. A message staged earlier and
    not processed yet is returned again (not fetched or staged again)."""
    cases = intake.Cases(store)
    limit = settings.limits().max_file_bytes
    out: list[dict] = []
    counts = {"staged": 0, "parked": 0, "too_large": 0, "known": 0}
    with _session(mailbox) as conn:
        uidvalidity = _select(conn, mailbox.folder, readonly=True)
        data = _ok(conn.uid("SEARCH", "UNSEEN"), "search")
        uids = sorted(int(u) for u in b" ".join(d for d in data if d).split())
        for uid in uids[:MAX_MESSAGES]:
            key = _marker_key(mailbox, uidvalidity, uid)
            try:
                known = json.loads(store.get(key))
            except ObjectNotFound:
                known = None
            if known is not None:
                counts["known"] += 1
                case_id, sha = known.get("case_id"), known.get("sha256")
                staged = f"incoming/{sha}"
                if (
                    known.get("state") == "staged"
                    and store.exists(staged)
                    and not store.exists(record_key(case_id, sha))
                ):
                    item = {"case_id": case_id, "staged": staged}
                    if item not in out:
                        out.append(item)
                continue
            source_id = intake._source_id("imap", mailbox.mailbox_id, uidvalidity, uid)
            info = {"kind": "imap", "mailbox": mailbox.mailbox_id,
                    "uidvalidity": uidvalidity, "uid": uid}  # fmt: skip
            size = _fetch_size(conn, uid)
            if size is None:
                continue
            raw = _fetch(conn, uid) if size <= limit else None
            if raw is None or len(raw) > limit:
                if size <= limit and raw is None:
                    continue  # gone meanwhile
                intake.note_too_large(store, run_id, source_id, size, info)
                store.put(key, json.dumps({"state": "too_large", "size": size}).encode())
                counts["too_large"] += 1
                continue
            sha = sha256_hex(raw)
            case_id, reason = intake.match_email(raw, cases)
            if case_id is None:
                intake.park(store, raw, sha, reason, run_id, info)
                store.put(key, json.dumps({"state": "parked", "sha256": sha}).encode())
                counts["parked"] += 1
                continue
            item = intake.stage_for(store, case_id, raw, sha, "message.eml", source_id,
                                    info, remove=None)  # fmt: skip
            store.put(
                key, json.dumps({"state": "staged", "sha256": sha, "case_id": case_id}).encode()
            )
            if item is not None and item not in out:
                out.append(item)
                counts["staged"] += 1
    log.info("mailbox collected: %s", " ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    return out


def _done(store: Store, known: dict) -> bool:
    sha = known.get("sha256")
    if known.get("state") == "parked":
        return bool(sha) and intake.is_parked(store, sha)
    if known.get("state") == "staged":
        return bool(sha) and store.exists(record_key(known["case_id"], sha))
    return False  # too large: stays for an operator


def acknowledge_mailbox(store: Store, mailbox: MailboxSettings) -> int:
    """Move to the processed folder every remembered message that is done (recorded, or
    parked in the unmatched queue), marked seen; returns how many were moved. Messages
    remembered under an older UIDVALIDITY (the folder was rebuilt) are forgotten: the
    next collect finds them under their new UIDs and, already recorded, acknowledges
    them then."""
    keys = store.list(_marker_prefix(mailbox))
    if not keys:
        return 0
    with _session(mailbox) as conn:
        uidvalidity = _select(conn, mailbox.folder, readonly=False)
        done: list[tuple[int, str]] = []
        stale: list[str] = []
        for key in keys:
            m = _MARKER.fullmatch(key.rsplit("/", 1)[-1])
            if not m:
                continue
            if int(m.group(1)) != uidvalidity:
                stale.append(key)
                continue
            try:
                known = json.loads(store.get(key))
            except ObjectNotFound:
                continue
            if _done(store, known):
                done.append((int(m.group(2)), key))
        if done:
            caps = _capabilities(conn)
            target = _quote(mailbox.processed)
            conn.create(target)  # NO when it exists: fine
            for start in range(0, len(done), _CHUNK):
                chunk = done[start : start + _CHUNK]
                uidset = ",".join(str(uid) for uid, _ in chunk)
                _ok(conn.uid("STORE", uidset, "+FLAGS.SILENT", r"(\Seen)"), "store")
                if "MOVE" in caps:
                    _ok(conn.uid("MOVE", uidset, target), "move")
                else:
                    _ok(conn.uid("COPY", uidset, target), "copy")
                    _ok(conn.uid("STORE", uidset, "+FLAGS.SILENT", r"(\Deleted)"), "store")
                    if "UIDPLUS" in caps:
                        _ok(conn.uid("EXPUNGE", uidset), "expunge")
                    else:
                        _ok(conn.expunge(), "expunge")
                for _, key in chunk:
                    store.delete(key)
        for key in stale:
            store.delete(key)
        if stale:
            log.warning("mailbox: %d remembered messages of an older UIDVALIDITY", len(stale))
    log.info("mailbox acknowledged: moved=%d", len(done))
    return len(done)
