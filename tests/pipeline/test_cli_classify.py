"""`zeef classify` as users and the team call it: the real command, real files.

Checks the contract (one JSON line per file, in input order, the fields and closed sets),
e-mails with parts, bad input going to review without stopping the run, case-file errors
as one line with exit code 2, and that no personal data reach stdout or stderr.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
from makers import encrypt_pdf, make_docx, make_pdf

from zeef.domain.vocabulary import Category, Disposition, Role

CASE = {
    "case_id": "2026-0042",
    "law": "participatiewet",
    "subject": {
        "name": "Fatima el Amrani",
        "bsn": "111222333",
        "birth_date": "1984-03-12",
        "address": "Lindelaan 4, 3511 AB Utrecht",
        "iban": "NL91ABNA0417164300",
    },
    "enforcement_investigation": False,
    "medical_policy": "return_to_sender",
}

GP_LETTER = """Huisartsenpraktijk De Linde
Kerkstraat 12, 3512 AB Utrecht

Utrecht, 3 februari 2026

Betreft: mevrouw F. el Amrani, geboren 12-03-1984

Geachte collega,

Mevrouw El Amrani is bekend met een hernia L4-L5 en chronische pijnklachten.
Medicatie: naproxen 500 mg 2 dd 1 en pregabaline 75 mg 2 dd 1.
Zij is verwezen naar de neuroloog voor verder onderzoek.

Met vriendelijke groet,

dr. P. Jansen
huisarts
"""

TIP = """Melding vermoeden van uitkeringsfraude

Ik wil melden dat mijn buurvrouw Fatima el Amrani, Lindelaan 4, al maanden samenwoont
met haar vriend Gerrit de Wit. Hij slaapt daar elke nacht en zijn auto staat elke
ochtend voor de deur. Gerrit werkt ook zwart als schilder.
Mijn naam wil ik liever niet noemen. Bel mij gerust op 06-41278390.
Groet, Lotte Bakker, Lindelaan 6
"""

APPLICATION = [
    "Aanvraag bijzondere bijstand",
    "Hierbij vraag ik bijzondere bijstand aan voor de kosten van een nieuwe koelkast.",
    "Naam: Fatima el Amrani",
    "BSN: 111222333",
    "Rekeningnummer: NL91 ABNA 0417 1643 00",
    "Ik verklaar dit formulier naar waarheid te hebben ingevuld.",
]

PERSONAL = ["Fatima", "Amrani", "Gerrit", "Wit", "Lotte", "Bakker", "111222333",
            "06-41278390", "NL91", "Lindelaan", "Jansen"]  # fmt: skip


def zeef(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zeef.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("classify")
    out = {}
    (d / "case.json").write_text(json.dumps(CASE))
    out["case"] = d / "case.json"
    out["pdf"] = d / "huisarts.pdf"
    out["pdf"].write_bytes(make_pdf([GP_LETTER]))
    out["txt"] = d / "melding.txt"
    out["txt"].write_text(TIP, encoding="cp1252")
    out["docx"] = d / "aanvraag.docx"
    out["docx"].write_bytes(make_docx(APPLICATION))
    msg = EmailMessage()
    msg["From"] = "Fatima el Amrani <f.elamrani@example.nl>"
    msg["To"] = "werkeninkomen@utrecht.nl"
    msg["Subject"] = "Fwd: brief van de huisarts"
    msg.set_content("Beste meneer,\n\nHierbij stuur ik de brief van mijn huisarts door.\n")
    msg.add_attachment(
        make_pdf([GP_LETTER]), maintype="application", subtype="pdf", filename="brief.pdf"
    )
    out["eml"] = d / "mail.eml"
    out["eml"].write_bytes(bytes(msg))
    out["corrupt"] = d / "kapot.pdf"
    out["corrupt"].write_bytes(make_pdf([GP_LETTER])[:300])
    out["encrypted"] = d / "geheim.pdf"
    out["encrypted"].write_bytes(encrypt_pdf(make_pdf([GP_LETTER]), "geheim"))
    out["empty"] = d / "leeg.txt"
    out["empty"].write_bytes(b"")
    out["unknown"] = d / "data.bin"
    out["unknown"].write_bytes(bytes(range(256)) * 8)
    out["scan"] = d / "scan.pdf"
    out["scan"].write_bytes(make_pdf([None]))
    return out


@pytest.fixture(scope="module")
def run(files):
    order = ["pdf", "corrupt", "txt", "docx", "encrypted", "eml", "empty", "unknown", "scan"]
    proc = zeef("classify", *(str(files[k]) for k in order), "--case", str(files["case"]),
                cwd=files["case"].parent)  # fmt: skip
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    return proc, dict(zip(order, lines, strict=True)), order


def test_one_line_per_file_in_input_order(run, files):
    proc, by_key, order = run
    assert proc.returncode == 0, proc.stderr
    assert [by_key[k]["file"] for k in order] == [str(files[k]) for k in order]


def test_contract_fields_and_closed_sets(run):
    _, by_key, _ = run
    for line in by_key.values():
        for field in ("file", "sha256", "category", "confidence", "needs_review",
                      "disposition", "id_document", "findings"):  # fmt: skip
            assert field in line
        assert line["category"] in {c.value for c in Category}
        assert line["disposition"] in {d.value for d in Disposition}
        assert 0.0 <= line["confidence"] <= 1.0
        for f in line["findings"]:
            assert set(f) == {"type", "start", "end", "score", "role"}
            assert f["role"] in {r.value for r in Role}
            assert 0 <= f["start"] < f["end"]


def test_documents_are_classified_and_routed(run):
    _, by_key, _ = run
    assert by_key["pdf"]["category"] == "medical"
    # The case's medical policy: return to the citizen, keep no copy.
    assert by_key["pdf"]["disposition"] == "return_to_sender"
    assert by_key["txt"]["category"] == "third_party_tip"
    assert by_key["docx"]["category"] == "application"
    assert by_key["docx"]["disposition"] == "archive"


def test_roles_in_a_tip(run, files):
    _, by_key, _ = run
    text = TIP
    roles = {text[f["start"] : f["end"]]: f["role"] for f in by_key["txt"]["findings"]}
    assert roles["Fatima el Amrani"] == "subject"
    assert roles["Gerrit de Wit"] == "third_party"
    assert roles["Lotte Bakker"] == "third_party"
    assert roles["06-41278390"] == "third_party"


def test_email_takes_its_most_restrictive_part(run):
    _, by_key, _ = run
    mail = by_key["eml"]
    assert [p["part"] for p in mail["parts"]] == ["body", "brief.pdf"]
    assert mail["parts"][1]["category"] == "medical"
    assert mail["category"] == "medical"
    assert mail["disposition"] == "return_to_sender"


@pytest.mark.parametrize("key", ["corrupt", "encrypted", "empty", "unknown"])
def test_unreadable_files_go_to_review_with_an_error(run, key):
    _, by_key, _ = run
    line = by_key[key]
    assert line["category"] == "other"
    assert line["disposition"] == "review"
    assert line["needs_review"] is True
    assert line["error"] and "\n" not in line["error"]


def test_a_scan_needs_ocr_and_review(run):
    _, by_key, _ = run
    assert by_key["scan"]["disposition"] == "review"
    assert "needs_ocr" in by_key["scan"]["reasons"]


def test_no_personal_data_on_stdout_or_stderr(run):
    proc, _, _ = run
    for word in PERSONAL:
        assert word not in proc.stdout
        assert word not in proc.stderr


def test_verbose_logs_carry_no_personal_data(files):
    proc = zeef("-v", "classify", str(files["txt"]), str(files["eml"]), "--case",
                str(files["case"]), cwd=files["case"].parent)  # fmt: skip
    assert proc.returncode == 0
    for line in proc.stdout.splitlines():  # stdout stays pure JSON Lines
        json.loads(line)
    assert "classified" in proc.stderr  # the log is there ...
    for word in PERSONAL:  # ... and holds no names, numbers or addresses
        assert word not in proc.stderr


@pytest.mark.parametrize(
    "case_text, message",
    [
        (None, "case file not found"),
        ("{broken", "not valid JSON"),
        (json.dumps({**CASE, "law": "bijstand"}), "law"),
        (json.dumps({**CASE, "subject": {**CASE["subject"], "bsn": "123456789"}}), "bsn"),
    ],
)
def test_bad_case_file_is_one_line_and_exit_2(files, tmp_path, case_text, message):
    case = tmp_path / "case.json"
    if case_text is not None:
        case.write_text(case_text)
    proc = zeef("classify", str(files["txt"]), "--case", str(case), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert "123456789" not in proc.stderr


def test_without_a_case_nobody_is_the_subject(files):
    proc = zeef("classify", str(files["txt"]), cwd=files["txt"].parent)
    line = json.loads(proc.stdout)
    assert line["category"] == "third_party_tip"
    assert all(f["role"] != "subject" for f in line["findings"])


def test_same_input_same_output_whatever_the_hash_seed(files):
    """Set iteration order must not change a category, a confidence or a role."""
    outputs = set()
    for seed in ("1", "2", "3"):
        proc = subprocess.run(
            [sys.executable, "-m", "zeef.cli", "classify", str(files["txt"]), str(files["docx"]),
             str(files["eml"]), "--case", str(files["case"])],
            capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed},
        )  # fmt: skip
        assert proc.returncode == 0
        outputs.add(proc.stdout)
    assert len(outputs) == 1


def test_a_missing_file_gets_its_line_and_a_non_zero_exit(files, tmp_path):
    proc = zeef("classify", str(tmp_path / "weg.pdf"), str(files["txt"]), cwd=tmp_path)
    assert proc.returncode == 1
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [line["disposition"] for line in lines] == ["review", "working"]
    assert "no such file" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
