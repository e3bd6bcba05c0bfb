"""The municipality's settings in the citizen's letter, end to end through the real
command line: `zeef ingest` with ``ZEEF_CONFIG`` (or ``--config``) writes letters with the
configured name, address, telephone number and e-mail address and no placeholder;
without settings it writes drafts ("CONCEPT — niet verzenden") and warns once per run."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from makers import ZEEF

from zeef.domain.settings import PLACEHOLDER
from zeef.pipeline.mupdf import pymupdf

DRAFT_WARNING = "letters are drafts: no [municipality] in the settings"

SETTINGS = """\
[municipality]
name = "Gemeente Súdwest-Fryslân"
postal_address = "Postbus 10000, 8600 HA Sneek"
phone = "14 0515"
email = "info@sudwestfryslan.nl"
"""

# Two medical documents a citizen might hand in (the categoriser calls both medical).
MEDICAL = {
    "huisartsbrief.txt": """\
Huisartsenpraktijk De Linde
Lindelaan 12, 3511 AB Utrecht

Betreft: mevrouw J. de Vries, geboren 12-03-1978

Geachte collega,

Mevrouw is bij mij bekend met een depressie en chronische rugklachten (hernia L4-L5).
Zij gebruikt sertraline 50 mg eenmaal daags en paracetamol zo nodig. Bij lichamelijk
onderzoek vond ik een beperkte flexie van de lumbale wervelkolom. De diagnose is door
de neuroloog bevestigd met een MRI. Behandeling: fysiotherapie en medicatie.
Zij is verwezen naar de psycholoog voor verdere behandeling.

Met collegiale groet,
dr. P. Bakker, huisarts
""",
    "ontslagbrief.txt": """\
UMC Utrecht, afdeling Cardiologie

Ontslagbrief

Patiënt: J. de Vries, geboren 12-03-1978
Opname: 2 tot 6 oktober 2025

Diagnose: acuut myocardinfarct. Behandeling: PCI met stent in de LAD.
Medicatie bij ontslag: acetylsalicylzuur 80 mg, clopidogrel 75 mg, metoprolol 50 mg,
atorvastatine 40 mg. Controle op de polikliniek cardiologie over zes weken.
Hartrevalidatie is aangevraagd. Anamnese: roken, hypertensie.

Met vriendelijke groet,
dr. A. Jansen, cardioloog
""",
}


@pytest.fixture
def case_and_documents(tmp_path) -> tuple[Path, list[Path]]:
    case = tmp_path / "case.json"
    case.write_text(
        json.dumps(
            {
                "case_id": "2026-0777",
                "law": "wmo",
                "subject": {"name": "Johanna de Vries", "address": "Kade 3, 8601 AB Sneek"},
            }
        )
    )
    docs = tmp_path / "in"
    docs.mkdir()
    paths = []
    for name, text in MEDICAL.items():
        (docs / name).write_text(text, encoding="utf-8")
        paths.append(docs / name)
    return case, paths


def ingest(
    tmp_path: Path, case: Path, paths: list[Path], config: str | None, *options: str
) -> tuple[subprocess.CompletedProcess, str, bytes]:
    """`zeef ingest` in a subprocess with ZEEF_CONFIG set to `config` (or unset); the run,
    and the letter's text and PDF from the local store."""
    env = {k: v for k, v in os.environ.items() if k != "ZEEF_CONFIG"}
    if config is not None:
        env["ZEEF_CONFIG"] = config
    store = tmp_path / "store"
    run = subprocess.run(
        [ZEEF, *options, "ingest", *map(str, paths), "--case", str(case), "--store", str(store)],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert {d["disposition"] for d in summary["documents"]} == {"forward_medical_adviser"}
    letters = sorted((store / "letters" / "2026-0777").iterdir())
    assert [p.suffix for p in letters] == [".pdf", ".txt"]
    assert summary["letter"] == f"letters/2026-0777/{letters[0].name}"
    return run, letters[1].read_text(encoding="utf-8"), letters[0].read_bytes()


def pdf_pages(data: bytes) -> list[str]:
    return [page.get_text() for page in pymupdf.open("pdf", data)]


def test_configured_letter_carries_the_municipality_and_no_placeholder(
    tmp_path, case_and_documents
):
    case, paths = case_and_documents
    settings = tmp_path / "zeef.toml"
    settings.write_text(SETTINGS, encoding="utf-8")
    run, text, pdf = ingest(tmp_path, case, paths, str(settings))
    assert text.startswith("Gemeente Súdwest-Fryslân\nPostbus 10000\n8600 HA Sneek\n\n")
    assert "Bel ons op 14 0515 of mail naar info@sudwestfryslan.nl." in text
    assert "- huisartsbrief.txt" in text and "- ontslagbrief.txt" in text
    assert "Wmo 2015 art. 2.3.2" in text
    assert "CONCEPT" not in text and not PLACEHOLDER.search(text)
    pages = pdf_pages(pdf)
    assert "Gemeente Súdwest-Fryslân" in pages[0] and "14 0515" in "".join(pages)
    assert not any(PLACEHOLDER.search(page) or "CONCEPT" in page for page in pages)
    assert DRAFT_WARNING not in run.stderr


def test_settings_by_the_config_option(tmp_path, case_and_documents):
    case, paths = case_and_documents
    settings = tmp_path / "zeef.toml"
    settings.write_text(SETTINGS, encoding="utf-8")
    run, text, _ = ingest(tmp_path, case, paths, None, "--config", str(settings))
    assert text.startswith("Gemeente Súdwest-Fryslân\n")
    assert DRAFT_WARNING not in run.stderr


def test_without_settings_the_letter_is_a_draft_and_warned_about_once(tmp_path, case_and_documents):
    case, paths = case_and_documents
    run, text, pdf = ingest(tmp_path, case, paths, None)
    assert text.startswith("CONCEPT — niet verzenden\n")
    assert "Bel ons" not in text and not PLACEHOLDER.search(text)
    assert all(page.startswith("CONCEPT — niet verzenden\n") for page in pdf_pages(pdf))
    assert run.stderr.count(DRAFT_WARNING) == 1  # two documents, a text and a PDF: once
    assert "Johanna" not in run.stderr and "de Vries" not in run.stderr
