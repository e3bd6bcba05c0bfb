"""A case with the documents an inspection request is about, made with real tools: a
neighbour's tip (text), the municipality's report of a home visit naming the same
tipster and the subject's sister (PDF with a text layer), the subject's application
(PDF), a scanned note from a neighbour (PNG, read by Tesseract), and a GP letter
(forwarded to the medical adviser, never in the package). All names are invented."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from makers import encode, make_pdf, page_image  # noqa: E402

CASE = {
    "case_id": "2026-7001",
    "law": "participatiewet",
    "subject": {
        "name": "Fatima el Amrani",
        "bsn": "123456782",
        "birth_date": "1984-03-12",
        "address": "Lindelaan 4, 3511 AB Utrecht",
        "iban": "NL91ABNA0417164300",
    },
    "enforcement_investigation": False,
    "medical_policy": "forward_medical_adviser",
}

TIP = """Melding samenwonen (meldformulier gemeente)

Ik wil melden dat er bij mevrouw Fatima el Amrani, Lindelaan 4 in Utrecht, al maanden een
man woont. Hij heet Karim Bouzid en zijn auto staat elke nacht voor de deur. Zij ontvangt
volgens mij een bijstandsuitkering als alleenstaande.

Gegevens van de melder:
Naam: Gerrit de Wit
Adres: Lindelaan 6, 3511 AB Utrecht
Telefoon: 06-41278391
E-mail: gerrit.dewit@example.nl
"""

REPORT = [
    "Gemeente Utrecht - Werk en Inkomen",
    "Verslag huisbezoek",
    "Zaaknummer 2026-7001",
    "Naar aanleiding van een melding van Gerrit de Wit over samenwonen",
    "hebben wij op 14 oktober 2026 een huisbezoek afgelegd bij",
    "mevrouw F. el Amrani, Lindelaan 4, 3511 AB Utrecht.",
    "Aanwezig was ook haar zus Yasmina el Amrani, die zegt op",
    "Kanaalweg 80 in Utrecht te wonen. De heer Karim Bouzid",
    "was niet aanwezig. Wij troffen geen mannenkleding aan.",
    "Conclusie: geen aanwijzingen voor een gezamenlijke huishouding.",
    "Consulent werk en inkomen, J.H. de Vries",
]

APPLICATION = [
    "Aanvraag bijzondere bijstand",
    "Naam aanvrager: Fatima el Amrani",
    "Burgerservicenummer: 123456782",
    "Geboortedatum: 12-03-1984",
    "Adres: Lindelaan 4, 3511 AB Utrecht",
    "IBAN: NL91ABNA0417164300",
    "Ik vraag bijzondere bijstand aan voor een nieuwe wasmachine.",
    "Mijn oude wasmachine is kapot gegaan.",
    "Datum: 2 oktober 2026",
    "Handtekening: F. el Amrani",
]

SCANNED_TIP = [
    "Beste gemeente,",
    "Mijn buurvrouw Fatima el Amrani woont",
    "samen met Karim Bouzid. Ik zie hem",
    "elke ochtend vertrekken.",
    "Groet, Henk Jansen",
]

GP_LETTER = """Huisartsenpraktijk De Linde
Aan: de gemeente Utrecht

Betreft: mevrouw F. el Amrani, geboren 12-03-1984

Geachte collega,
Patiënte is bij mij bekend met een depressieve stoornis en chronische rugklachten
(hernia L4-L5). Zij gebruikt sertraline 50 mg. Zij is beperkt belastbaar.

Met collegiale groet,
dr. P. Bakker, huisarts
"""

# What may never be in the package, and what must be (the subject's own data).
THIRD_PARTY = [
    "Gerrit de Wit", "Gerrit", "de Wit", "Lindelaan 6", "06-41278391",
    "gerrit.dewit@example.nl", "Karim Bouzid", "Karim", "Bouzid", "Yasmina",
    "Kanaalweg 80", "Henk Jansen",
]  # fmt: skip
SUBJECT = ["Fatima el Amrani", "123456782", "NL91ABNA0417164300", "Lindelaan 4"]


SETTINGS = """\
[municipality]
name = "Gemeente Utrecht"
postal_address = "Postbus 16200, 3500 CE Utrecht"
phone = "14 030"
email = "privacy@utrecht.example"
"""


def write_settings(folder: Path) -> Path:
    path = folder / "zeef.toml"
    path.write_text(SETTINGS, encoding="utf-8")
    return path


def write_case(folder: Path, **changes) -> Path:
    path = folder / f"case-{CASE['case_id']}.json"
    path.write_text(json.dumps({**CASE, **changes}), encoding="utf-8")
    return path


def write_documents(folder: Path, scan: bool = True) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "melding.txt": TIP.encode("utf-8"),
        "verslag-huisbezoek.pdf": make_pdf(["\n".join(REPORT)]),
        "aanvraag.pdf": make_pdf(["\n".join(APPLICATION)]),
        "brief-huisarts.txt": GP_LETTER.encode("utf-8"),
    }
    if scan:
        files["briefje-buurman.png"] = encode(page_image(SCANNED_TIP, size=44))
    out = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
        out.append(folder / name)
    return out


