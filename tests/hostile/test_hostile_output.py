"""Hostile names: file and attachment names that carry personal data or bidi controls.

An attachment called "Femke de Wit BSN 111222333.txt" must not reach stdout, the stored
record or the letter with her name and number; a right-to-left override (U+202E) in a
name must reach no output at all. The path the user typed is shown as typed (minus
control and bidi characters): they already have it.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest
from makers import ZEEF

from zeef.domain.case import load_case
from zeef.domain.display import mask_name, strip_controls
from zeef.pipeline.ingest import DocumentOutcome
from zeef.pipeline.letters import LetterItem, render_pdf, render_text
from zeef.pipeline.mupdf import pymupdf
from zeef.storage.local import LocalStore

CASE = {
    "case_id": "2026-0778",
    "law": "participatiewet",
    "subject": {"name": "Fatima el Amrani", "bsn": "123456782"},
    "enforcement_investigation": False,
    "medical_policy": "return_to_sender",
}
HOSTILE = "Femke de Wit BSN 111222333.txt"
RLO = "\u202e"
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", RLO, "\u2066", "\u2069"]
PERSONAL = ["Femke", "de Wit", "111222333", "femke.dewit@example.nl"]


@pytest.fixture
def work(tmp_path) -> Path:
    (tmp_path / "case.json").write_text(json.dumps(CASE))
    msg = EmailMessage()
    msg["From"] = "Fatima el Amrani <f.elamrani@example.nl>"
    msg["To"] = "sociaaldomein@gemeente.nl"
    msg["Subject"] = "Stukken voor mijn aanvraag"
    msg.set_content("Beste meneer,\n\nHierbij de stukken voor mijn aanvraag.\n")
    msg.add_attachment(b"Loonstrook januari 2026, netto 1200 euro.\n", maintype="text",
                       subtype="plain", filename=HOSTILE)  # fmt: skip
    msg.add_attachment(b"Nog een bijlage.\n", maintype="text", subtype="plain",
                       filename=f"factuur{RLO}txt.exe")  # fmt: skip
    msg.add_attachment(b"Een derde bijlage.\n", maintype="text", subtype="plain",
                       filename="femke.dewit@example.nl.txt")  # fmt: skip
    (tmp_path / "mail.eml").write_bytes(bytes(msg))
    (tmp_path / f"scan{RLO}fdp.txt").write_text("Aanvraag bijzondere bijstand.\n")
    return tmp_path


def zeef(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([ZEEF, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def assert_clean(text: str, where: str) -> None:
    for s in PERSONAL:
        assert s not in text, f"{s!r} in {where}"
    for ch in BIDI:
        assert ch not in text, f"U+{ord(ch):04X} in {where}"


def test_classify_masks_part_names_and_strips_bidi(work):
    ran = zeef("classify", "mail.eml", f"scan{RLO}fdp.txt", "--case", "case.json", cwd=work)
    assert ran.returncode == 0, ran.stderr
    assert_clean(ran.stdout, "stdout")
    message, scan = (json.loads(line) for line in ran.stdout.splitlines())
    assert message["file"] == "mail.eml"  # as typed
    assert scan["file"] == "scanfdp.txt"  # as typed, without the override
    parts = [p["part"] for p in message["parts"]]
    assert parts == ["body", "*** BSN ***.txt", "factuurtxt.exe", "***.txt"]


def test_ingest_masks_part_names_in_the_summary_and_the_records(work):
    ran = zeef("ingest", "mail.eml", f"scan{RLO}fdp.txt", "--case", "case.json",
               "--store", "store", cwd=work)  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert_clean(ran.stdout, "stdout")
    assert_clean(ran.stderr, "stderr")
    summary = json.loads(ran.stdout)
    shown = [(d["file"], d.get("part")) for d in summary["documents"]]
    assert shown == [
        ("mail.eml", None),
        ("mail.eml#body", "body"),
        ("mail.eml#*** BSN ***.txt", "*** BSN ***.txt"),
        ("mail.eml#factuurtxt.exe", "factuurtxt.exe"),
        ("mail.eml#***.txt", "***.txt"),
        ("scanfdp.txt", None),
    ]
    store = LocalStore(work / "store")
    records = [store.get(k).decode() for k in store.list("cases/2026-0778/documents/")]
    assert len(records) == 6
    for record in records:
        assert_clean(json.loads(record)["name"], "a record's name")
        assert_clean(record, "a record")
    # The run's letter, if any, and the audit trail: no name, no override.
    for key in store.list("letters/") + store.list("audit/"):
        if key.endswith((".txt", ".json")):
            assert_clean(store.get(key).decode(), key)


def test_a_part_name_is_masked_whichever_way_the_outcome_is_made():
    outcome = DocumentOutcome(
        file=f"in/mail.eml#{HOSTILE}", sha256="0" * 64, category="other",
        disposition="review", new=True, message="1" * 64, part=HOSTILE,
    )  # fmt: skip
    assert (outcome.file, outcome.part) == ("in/mail.eml#*** BSN ***.txt", "*** BSN ***.txt")
    plain = DocumentOutcome(file=f"in/a{RLO}b.txt", sha256="0" * 64, category="other",
                            disposition="review", new=True)  # fmt: skip
    assert plain.file == "in/ab.txt"


def test_the_letter_carries_no_bidi_control(work):
    case = load_case(work / "case.json")
    item = LetterItem(description=f"bijlage scan{RLO}fdp.exe\u2066x\u2069 bij uw e-mail",
                      received=date(2026, 3, 2), disposition="return_to_sender",
                      category="other")  # fmt: skip
    text = render_text(case, [item], on=date(2026, 3, 3))
    assert_clean(text, "the letter")
    assert "scanfdp.exex" in text
    pdf = pymupdf.open(stream=render_pdf(case, [item], on=date(2026, 3, 3)))
    assert_clean("".join(page.get_text() for page in pdf), "the letter's PDF")


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Femke de Wit BSN 111222333.txt", "Femke de Wit BSN ***.txt"),  # no spans given
        ("IBAN NL91ABNA0417164300.pdf", "IBAN NL91ABNA***.pdf"),
        ("mail van femke.dewit@example.nl.txt", "mail van ***.txt"),
        ("loonstrook januari 2026.pdf", "loonstrook januari 2026.pdf"),
        (f"scan{RLO}gpj.exe", "scangpj.exe"),
        ("regel\neen.txt", "regel een.txt"),
        ("1234567.1234567", "***.***"),  # an extension of digits is masked too
    ],
)
def test_mask_name(name, shown):
    assert mask_name(name) == shown


def test_mask_name_with_spans_and_controls():
    name = f"Femke{RLO} de Wit.pdf"
    assert mask_name(name, [(0, len("Femke") + 1 + len(" de Wit"))]) == "***.pdf"
    assert strip_controls(f"a\tb{RLO}c\u2028d") == "a bc d"
