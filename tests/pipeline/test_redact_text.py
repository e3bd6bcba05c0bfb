"""Redaction of text and e-mail for the subject's inspection copy, and `zeef redact`."""

from __future__ import annotations

import json
import subprocess
import sys
from email.message import EmailMessage

import pytest
from makers import make_pdf

from zeef.domain.case import parse_case
from zeef.pipeline import redact as redact_module
from zeef.pipeline.redact import LeakDetected, redact_file, redact_text

CASE_DATA = {
    "case_id": "2026-0042",
    "law": "participatiewet",
    "subject": {
        "name": "Fatima el Amrani",
        "bsn": "111222333",
        "birth_date": "1984-03-12",
        "address": "Lindelaan 4, 3511 AB Utrecht",
        "iban": "NL91ABNA0417164300",
    },
}
CASE = parse_case(CASE_DATA)

TIP = """Melding vermoeden van uitkeringsfraude

Ik wil melden dat mijn buurvrouw Fatima el Amrani, Lindelaan 4, al maanden samenwoont
met haar vriend Gerrit de Wit. Hij slaapt daar elke nacht en zijn auto (12-ABC-3) staat
elke ochtend voor de deur. Gerrit werkt ook zwart als schilder.
Bel mij gerust op 06-41278390 of mail lotte.bakker@ziggo.nl.
Groet, Lotte Bakker, Lindelaan 6, 3511 AB Utrecht
"""
THIRD = ["Gerrit de Wit", "Gerrit", "12-ABC-3", "06-41278390", "lotte.bakker@ziggo.nl",
         "Lotte Bakker", "Lindelaan 6"]  # fmt: skip
SUBJECT = ["Fatima el Amrani", "Lindelaan 4"]


def test_third_parties_go_and_the_subject_stays():
    out, removed, plan = redact_text(TIP, CASE)
    for s in THIRD:
        assert s not in out
    for s in SUBJECT:
        assert s in out
    assert "uitkeringsfraude" in out and "schilder" in out  # the rest of the text stays
    assert plan.third_parties == 2


def test_labels_are_consistent_per_person():
    out, _, _ = redact_text(TIP, CASE)
    # Both mentions of Gerrit get the same label; Lotte and her data another number.
    assert out.count("[derde 1]") == 2
    assert "[derde 2]" in out
    assert "[telefoon derde 2]" in out and "[e-mail derde 2]" in out
    assert "[kenteken derde 1]" in out


def test_professionals_stay_unless_asked():
    text = "Ik was bij huisarts dr. P. Jansen. Mijn buurman Kees Smit bracht mij."
    kept, _, _ = redact_text(text, CASE)
    assert "dr. P. Jansen" in kept and "Kees Smit" not in kept
    gone, _, _ = redact_text(text, CASE, keep_professionals=False)
    assert "Jansen" not in gone and "[professional 1]" in gone


def test_email_headers_body_and_attachments(tmp_path):
    msg = EmailMessage()
    msg["From"] = "Lotte Bakker <lotte.bakker@ziggo.nl>"
    msg["To"] = "handhaving@utrecht.nl"
    msg["Subject"] = "Melding over Fatima el Amrani"
    msg.set_content("Zie bijlage. Gerrit de Wit woont daar echt.\n\nLotte Bakker")
    msg.add_attachment(
        make_pdf(["Verklaring: Gerrit de Wit slaapt elke nacht op Lindelaan 4."]),
        maintype="application",
        subtype="pdf",
        filename="verklaring Gerrit.pdf",
    )
    src = tmp_path / "melding.eml"
    src.write_bytes(bytes(msg))
    out = tmp_path / "melding.txt"
    result = redact_file(src, CASE, out)
    text = out.read_text(encoding="utf-8")
    for s in ("Lotte", "Bakker", "lotte.bakker@ziggo.nl", "Gerrit", "de Wit"):
        assert s not in text
    assert "Fatima el Amrani" in text and "Bijlage 1:" in text
    assert result.third_parties == 2
    # One numbering for the whole message: Gerrit is the same label in body and attachment.
    body, attachment = text.split("=== Bijlage 1:")
    gerrit = next(label for label in ("[derde 1]", "[derde 2]") if label in attachment)
    assert gerrit in body


def test_a_leak_fails_closed_and_writes_nothing(tmp_path, monkeypatch):
    src = tmp_path / "tip.txt"
    src.write_text(TIP, encoding="utf-8")
    out = tmp_path / "out.txt"
    monkeypatch.setattr(redact_module, "apply_plan", lambda text, plan: text)  # a broken step
    with pytest.raises(LeakDetected):
        redact_file(src, CASE, out)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [src]  # no temporary file either


def _zeef(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "zeef.cli", *args], capture_output=True, text=True, cwd=cwd
    )


def test_cli_redact_text(tmp_path):
    (tmp_path / "case.json").write_text(json.dumps(CASE_DATA))
    (tmp_path / "tip.txt").write_text(TIP, encoding="cp1252")
    proc = _zeef("redact", "tip.txt", "--case", "case.json", "--out", "out.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["third_parties"] == 2
    out = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert "Gerrit" not in out and "Fatima el Amrani" in out
    for s in THIRD:  # nothing personal on the terminal either
        assert s not in proc.stdout and s not in proc.stderr


@pytest.mark.parametrize(
    "name, content, code, message",
    [
        ("data.bin", bytes(range(256)) * 4, 1, "cannot redact"),
        ("scan.pdf", make_pdf([None]), 1, "OCR"),
        ("leeg.txt", b"", 1, "cannot redact"),
    ],
)
def test_cli_redact_bad_input_leaves_no_output(tmp_path, name, content, code, message):
    (tmp_path / "case.json").write_text(json.dumps(CASE_DATA))
    (tmp_path / name).write_bytes(content)
    proc = _zeef("redact", name, "--case", "case.json", "--out", "out.txt", cwd=tmp_path)
    assert proc.returncode == code
    assert message in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.txt").exists()


def test_cli_redact_needs_a_subject(tmp_path):
    (tmp_path / "case.json").write_text(json.dumps({**CASE_DATA, "subject": None}))
    (tmp_path / "tip.txt").write_text(TIP)
    proc = _zeef("redact", "tip.txt", "--case", "case.json", "--out", "out.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "subject" in proc.stderr
    assert not (tmp_path / "out.txt").exists()


def test_every_format_of_a_generated_corpus_redacts_end_to_end(tmp_path):
    """PDF, Word, text and e-mail, as the generator writes them: every document gives a
    verified copy (no false alarm of the leak check), and third parties are gone."""
    import pymupdf

    from zeef.domain.case import load_case
    from zeef.pipeline.labelled import read_labelled_folder
    from zeef_corpus.generate import generate_corpus

    # Ten per category: about 90 third-party strings, enough for a rate to mean something.
    corpus = generate_corpus(tmp_path / "corpus", n_per_category=10, seed=21)
    total = leaked = refused = 0
    formats = set()
    for doc in read_labelled_folder(corpus):
        out = tmp_path / (doc.path.stem + (".pdf" if doc.path.suffix == ".pdf" else ".txt"))
        try:
            redact_file(doc.path, load_case(doc.case_path), out)
        except LeakDetected:
            # Fails closed, nothing written. Known false alarm (left for the inzage
            # work): one surname both kept for a professional and removed for a third
            # party in the same note. At most one of ~90 documents.
            assert not out.exists()
            refused += 1
            continue
        formats.add(doc.path.suffix)
        if out.suffix == ".pdf":
            text = "".join(page.get_text() for page in pymupdf.open(out))
        else:
            text = out.read_text(encoding="utf-8")
        for s in doc.third_party:
            total += 1
            leaked += s in text
    assert formats == {".pdf", ".docx", ".txt", ".eml"}
    assert total > 20
    assert leaked / total <= 0.10
    assert refused <= 1


def _plan_with_details(text, writer_is_third_party=True, case=CASE):
    from zeef.classifiers.analyzer import analyze
    from zeef.classifiers.identifying_details import find_identifying_details
    from zeef.classifiers.roles import assign_roles
    from zeef.pipeline.redact.plan import apply_plan, plan_redaction

    findings = assign_roles(text, analyze(text), case)
    details = find_identifying_details(text, writer_is_third_party)
    plan = plan_redaction(text, findings, details=details)
    return apply_plan(text, plan), plan


DETAILED_TIP = """Melding

Ik ben de ex-partner van Fatima el Amrani, Lindelaan 4. Mijn zus woont bij haar
in de buurt. De buren op 96 hebben het ook gezien, net als de buurman van nummer 12.
Haar vriend Gerrit de Wit komt uit Zwolle en zijn moeder woont in Epe.
Als buurvrouw zie ik ook dat mevrouw in Utrecht werkt.

Groet, Lotte Bakker, tel. 06-41278390
Een bezorgde buurvrouw
"""


def test_identifying_details_become_gegevens_derde():
    out, plan = _plan_with_details(DETAILED_TIP)
    for gone in ("ex-partner", "Mijn zus", "96", "nummer 12", "Zwolle", "Epe",
                 "Als buurvrouw", "bezorgde", "Lotte", "06-41278390", "Gerrit"):  # fmt: skip
        assert gone not in out, gone
    assert "Ik ben [gegevens derde] van Fatima el Amrani, Lindelaan 4" in out
    assert "De buren op [gegevens derde] hebben" in out
    assert "Haar vriend [derde 1] komt uit [gegevens derde]" in out
    # Names and data keep their own labels inside a signature; the rest of it is a detail.
    assert "Groet, [derde 2], tel. [telefoon derde 2]\n[gegevens derde]\n" in out
    # The subject's town of work stays (no relative, no first person in that clause
    # beyond "als buurvrouw", which goes), and so does the subject.
    assert "Fatima el Amrani" in out and "Lindelaan 4" in out
    assert plan.third_parties == 2


def test_details_are_not_searched_for_elsewhere():
    from zeef.pipeline.redact.plan import DETAIL_TYPE, label_map, removed_strings

    _, plan = _plan_with_details(DETAILED_TIP)
    details = {
        DETAILED_TIP[r.start : r.end] for r in plan.replacements if r.entity_type == DETAIL_TYPE
    }
    assert {"Zwolle", "Epe", "96"} <= details
    removed = removed_strings(DETAILED_TIP, plan)
    assert not details & set(removed)
    assert not {d.casefold() for d in details} & set(label_map(DETAILED_TIP, plan))
    assert "Lotte Bakker" in removed  # a name inside a signature is still verified


def test_the_subjects_own_house_number_and_town_stay():
    text = (
        "Het gaat om mevrouw El Amrani op nummer 4. Haar dochter woont ook in Utrecht,\n"
        "Lindelaan 4, 3511 AB Utrecht. De buurman van nummer 6 zag het.\n"
    )
    out, _ = _plan_with_details(text, writer_is_third_party=False)
    assert "mevrouw El Amrani op nummer 4." in out
    assert "ook in Utrecht" in out  # the town of the subject's address in this text
    assert "De buurman van [gegevens derde] zag het." in out


def test_no_details_no_change():
    from zeef.classifiers.analyzer import analyze
    from zeef.classifiers.roles import assign_roles
    from zeef.pipeline.redact.plan import plan_redaction

    findings = assign_roles(TIP, analyze(TIP), CASE)
    assert plan_redaction(TIP, findings, details=[]) == plan_redaction(TIP, findings)
