"""Intake from an IMAP mailbox on a real Dovecot: unseen messages staged by UID, processed,
then moved to the processed folder; the unmatched one parked and moved too."""

from __future__ import annotations

import hashlib
import imaplib
import json
import secrets
from email.message import EmailMessage

import pytest

from zeef.domain.case import parse_case
from zeef.pipeline import intake, mailbox
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.intake import process_item
from zeef.pipeline.mailbox import (
    MailboxError,
    MailboxSettings,
    acknowledge_mailbox,
    collect_mailbox,
)
from zeef.pipeline.registry import register_case
from zeef.storage.local import LocalStore

CASES = [
    {"case_id": "2026-0201", "law": "wmo", "subject": {"name": "Karin Visser"}},
    {"case_id": "2026-0202", "law": "participatiewet",
     "subject": {"name": "Ahmed Yilmaz", "emails": ["ahmed.yilmaz@example.nl"]}},
]  # fmt: skip
SECRETS = ["Karin", "Visser", "Ahmed", "Yilmaz", "ahmed.yilmaz", "Pieter", "onbekend"]


def _mail(sender: str, subject: str, body: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "sociaaldomein@gemeente.example.nl"
    msg["Subject"] = subject
    msg.set_content(body)
    return bytes(msg).replace(b"\n", b"\r\n")


def _clean(value) -> None:
    text = json.dumps(value).lower()
    for secret in SECRETS:
        assert secret.lower() not in text, secret


def _settings(server, folder: str) -> MailboxSettings:
    return MailboxSettings(host="127.0.0.1", port=server.port, user=server.user,
                           password=server.password, ssl=False, starttls=False,
                           folder=folder, processed=folder + "-done", timeout=10)  # fmt: skip


def test_collect_process_acknowledge(dovecot, tmp_path):
    folder = f"in-{secrets.token_hex(4)}"
    conn = dovecot.client()
    conn.create(folder)
    conn.logout()
    store = LocalStore(tmp_path / "store")
    for data in CASES:
        register_case(store, parse_case(data))
    tag = secrets.token_hex(4)  # distinct bytes per test run
    mails = [
        _mail("iemand@example.net", f"Zaak 2026-0201 ({tag})", "Mijn aanvraag Wmo. Karin Visser"),
        _mail("Ahmed Yilmaz <ahmed.yilmaz@example.nl>", f"Vraag {tag}", "Wanneer hoor ik iets?"),
        _mail("onbekend@example.net", f"Hallo {tag}", "Een vraag over mijn uitkering. Pieter"),
    ]
    for raw in mails:
        dovecot.append(folder, raw)
    uids = dovecot.uids(folder, "UNSEEN")
    assert len(uids) == 3
    box = _settings(dovecot, folder)

    items = collect_mailbox(store, box, "run-1")
    _clean(items)
    shas = [hashlib.sha256(m).hexdigest() for m in mails]
    assert {(i["case_id"], i["staged"]) for i in items} == {
        ("2026-0201", f"incoming/{shas[0]}"),
        ("2026-0202", f"incoming/{shas[1]}"),
    }
    assert dovecot.uids(folder, "UNSEEN") == uids  # peeked: nothing marked seen
    assert store.list("unmatched/") == [f"unmatched/{shas[2]}"]
    events = AuditTrail(store, intake.INTAKE_TRAIL).events()
    assert [(e.event, e.document) for e in events] == [(intake.ITEM_UNMATCHED, shas[2])]
    # Collected again before processing: the same items, nothing staged again.
    staged = store.list("incoming/")
    assert collect_mailbox(store, box, "run-1") == items
    assert store.list("incoming/") == staged
    # Nothing processed yet: only the parked message may move.
    assert acknowledge_mailbox(store, box) == 1
    assert len(dovecot.uids(folder, "UNSEEN")) == 2

    results = [process_item(store, i["case_id"], i["staged"], "run-1") for i in items]
    _clean(results)
    assert all(r["records"] >= 1 for r in results)
    assert acknowledge_mailbox(store, box) == 2
    assert dovecot.uids(folder, "ALL") == []
    assert len(dovecot.uids(box.processed, "ALL")) == 3
    assert dovecot.uids(box.processed, "UNSEEN") == []
    assert store.list("incoming/") == []

    state = {k: store.get(k) for k in store.list("") if not k.startswith("audit/")}
    assert collect_mailbox(store, box, "run-2") == []
    assert acknowledge_mailbox(store, box) == 0
    assert {k: store.get(k) for k in store.list("") if not k.startswith("audit/")} == state

    # The same message again (a resend): already recorded, so moved without staging.
    dovecot.append(folder, mails[0])
    assert collect_mailbox(store, box, "run-3") == []
    assert acknowledge_mailbox(store, box) == 1
    assert dovecot.uids(folder, "ALL") == []


def test_too_large_message_is_not_fetched(dovecot, tmp_path, set_limits):
    folder = f"in-{secrets.token_hex(4)}"
    conn = dovecot.client()
    conn.create(folder)
    conn.logout()
    store = LocalStore(tmp_path / "store")
    register_case(store, parse_case(CASES[0]))
    dovecot.append(folder, _mail("a@example.net", "Zaak 2026-0201", "x" * 5000))
    set_limits(max_file_bytes=1000)
    box = _settings(dovecot, folder)
    assert collect_mailbox(store, box, "r") == []
    assert collect_mailbox(store, box, "r") == []
    assert acknowledge_mailbox(store, box) == 0
    assert len(dovecot.uids(folder, "UNSEEN")) == 1
    events = AuditTrail(store, intake.INTAKE_TRAIL).events()
    assert [e.reason for e in events] == ["file_too_large"]


def test_wrong_password_names_no_secret(dovecot, tmp_path):
    box = MailboxSettings(host="127.0.0.1", port=dovecot.port, user=dovecot.user,
                          password="fout-wachtwoord", ssl=False, starttls=False)  # fmt: skip
    with pytest.raises(MailboxError) as exc:
        collect_mailbox(LocalStore(tmp_path / "s"), box, "r")
    assert "fout" not in str(exc.value) and dovecot.user not in str(exc.value)
    assert "fout" not in repr(box)


class _Fake:
    made: list = []

    def __init__(self, host, port, **kwargs):
        self.kind = type(self).__name__
        self.tls = False
        _Fake.made.append(self)

    def starttls(self, ssl_context=None):
        self.tls = True

    def login(self, user, password):
        return "OK", [b""]


class _Plain(_Fake):
    pass


class _Secure(_Fake):
    pass


@pytest.mark.parametrize("ssl, starttls, kind, tls", [
    (True, False, "_Secure", False),
    (False, True, "_Plain", True),
    (False, False, "_Plain", False),
])  # fmt: skip
def test_connection_kind(monkeypatch, ssl, starttls, kind, tls):
    monkeypatch.setattr(mailbox.imaplib, "IMAP4", _Plain)
    monkeypatch.setattr(mailbox.imaplib, "IMAP4_SSL", _Secure)
    _Fake.made.clear()
    mailbox.connect(MailboxSettings("h", 1, "u", "p", ssl=ssl, starttls=starttls))
    assert [(c.kind, c.tls) for c in _Fake.made] == [(kind, tls)]


def test_ssl_and_starttls_together_are_refused():
    with pytest.raises(MailboxError):
        mailbox.connect(MailboxSettings("h", 1, "u", "p", ssl=True, starttls=True))


def test_from_airflow_connection():
    class Conn:
        host, port, login, password = "imap.example.nl", None, "u", "p"
        extra_dejson = {"starttls": True, "folder": "Intake"}

    box = MailboxSettings.from_connection(Conn())
    assert (box.ssl, box.starttls, box.port, box.folder) == (False, True, 143, "Intake")
    assert imaplib.IMAP4  # the real classes are untouched outside the monkeypatched test
