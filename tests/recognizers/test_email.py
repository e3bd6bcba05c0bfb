"""EmailRecognizer: regex plus sanity checks, no tldextract, no network."""

import pytest
from faker import Faker
from recognizer_table import run, spans

from zeef.classifiers.recognizers.email import EmailRecognizer

ENTITY = "EMAIL_ADDRESS"
RECOGNIZER = EmailRecognizer()


def analyze(text: str):
    return run(RECOGNIZER, ENTITY, text)


@pytest.mark.parametrize(
    "text, expected, min_score",
    [
        ("mail naar f.elamrani@example.nl.", ["f.elamrani@example.nl"], 1.0),
        (
            "E-mail: j.de.vries+post@sub.gemeente-utrecht.nl",
            ["j.de.vries+post@sub.gemeente-utrecht.nl"],
            1.0,
        ),
        ("<info@utrecht.nl>", ["info@utrecht.nl"], 1.0),
        ("(jan_jansen@gmail.com)", ["jan_jansen@gmail.com"], 1.0),
        ("o'brien@example.co.uk", ["o'brien@example.co.uk"], 1.0),
        ("'jan@example.nl'", ["jan@example.nl"], 1.0),
        ("a@b.nl en c@d.org", ["a@b.nl", "c@d.org"], 1.0),
        ("JAN@GEMEENTE.NL", ["JAN@GEMEENTE.NL"], 1.0),
        # negatives
        ("jan@gemeente", [], 0),  # no top-level domain
        ("jan@@gemeente.nl", [], 0),
        ("jan..jansen@gemeente.nl", [], 0),
        ("jansen.@gemeente.nl", [], 0),
        ("@gemeente.nl", [], 0),
        ("jan@-gemeente.nl", [], 0),
        ("image001.png@01D9A2B3.4C5D6E70", [], 0),  # Outlook content id
        ("cid:image001.png@01D8.pdf", [], 0),
        ("versie 1.2@3", [], 0),
        ("www.utrecht.nl", [], 0),
        ("", [], 0),
    ],
)
def test_email_table(text, expected, min_score):
    results = analyze(text)
    assert [(r.start, r.end) for r in results] == spans(text, expected)
    assert all(r.entity_type == ENTITY and r.score >= min_score for r in results)


def test_generated_addresses():
    fake = Faker("nl_NL")
    fake.seed_instance(8)
    for _ in range(50):
        address = fake.email()
        text = f"Stuur het naar {address}, graag voor vrijdag."
        assert [text[r.start : r.end] for r in analyze(text)] == [address]


def test_works_without_network(monkeypatch):
    """Presidio's own e-mail recognizer downloads a suffix list; this one must not."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network access")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    text = "mail f.elamrani@example.nl"
    assert [text[r.start : r.end] for r in EmailRecognizer().analyze(text, [ENTITY])] == [
        "f.elamrani@example.nl"
    ]
