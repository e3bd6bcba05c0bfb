"""`id_copy`: the text of a copied passport, identity card, driving licence or residence permit."""

from __future__ import annotations

import datetime as dt

from zeef_corpus import mrz
from zeef_corpus.doc import Block, Doc
from zeef_corpus.people import ascii_fold, mrz_field

MONTHS_NL_EN = (
    "JAN/JAN",
    "FEB/FEB",
    "MAA/MAR",
    "APR/APR",
    "MEI/MAY",
    "JUN/JUN",
    "JUL/JUL",
    "AUG/AUG",
    "SEP/SEP",
    "OKT/OCT",
    "NOV/NOV",
    "DEC/DEC",
)
LETTERS = "ABCDEFGHIJKLMNPQRSTUVWXYZ"  # no O in Dutch document numbers
NATIONALITY = {
    "moroccan": ("MAR", "Marokkaanse", "ROYAUME DU MAROC", "PASSEPORT"),
    "turkish": ("TUR", "Turkse", "TÜRKİYE CUMHURİYETİ", "PASAPORT / PASSPORT"),
    "polish": ("POL", "Poolse", "RZECZPOSPOLITA POLSKA", "PASZPORT / PASSPORT"),
    "surinamese": ("SUR", "Surinaamse", "REPUBLIEK SURINAME", "PASPOORT / PASSPORT"),
}


def _nl_date(d: dt.date) -> str:
    return f"{d.day:02d} {MONTHS_NL_EN[d.month - 1]} {d.year}"


def _docnum(d: Doc) -> str:
    r = d.rng
    alnum = LETTERS + "0123456789"
    return (
        "".join(r.choice(LETTERS) for _ in range(2))
        + "".join(r.choice(alnum) for _ in range(6))
        + str(r.randrange(10))
    )


def _dates(d: Doc, years: int) -> tuple[dt.date, dt.date]:
    issue = d.date - dt.timedelta(days=d.rng.randrange(30, 365 * years - 20))
    if d.chance(0.1):  # expired document
        issue = d.date - dt.timedelta(days=365 * years + d.rng.randrange(10, 400))
        d.tag("expired_document")
    try:
        expiry = issue.replace(year=issue.year + years) - dt.timedelta(days=1)
    except ValueError:
        expiry = issue.replace(year=issue.year + years, day=28)
    return issue, expiry


def _record(
    d: Doc, kind: str, number: str, expiry: dt.date, lines: list[str] | None
) -> list[str] | None:
    d.extra["id_document"] = {"number": number, "valid_until": expiry.isoformat()}
    d.extra["id_type"] = kind
    d.rec("subject", number)
    if lines is None:
        return None
    if d.chance(0.2):
        lines = mrz.corrupt(d.rng, lines)
        d.extra["mrz_valid"] = False
        d.tag("mrz_invalid")
    else:
        d.extra["mrz_valid"] = True
    d.extra["mrz"] = lines
    for line in lines:  # the zone holds document number, birth date and often the BSN
        d.rec("subject", line)
    name_part = lines[0][5:].rstrip("<") if len(lines) == 2 else lines[2].rstrip("<")
    d.rec("subject", name_part)
    return lines


def _names(d: Doc) -> tuple[str, str]:
    S = d.case.subject
    sur = S.sur.upper() if d.chance(0.7) else S.sur
    given = " ".join(S.given)
    given = given.upper() if sur.isupper() else given
    d.rec("subject", sur)
    d.rec("subject", given)
    return sur, given


def _dutch_zone(d: Doc, kind: str, num: str, expiry) -> list[str]:
    """The zone of a Dutch passport (TD3) or identity card (TD1), recorded in the labels."""
    S = d.case.subject
    common = dict(
        issuing="NLD",
        name=S.mrz_name,
        number=num,
        nationality="NLD",
        birth=S.birth,
        sex=S.g("M", "F"),
        expiry=expiry,
    )
    if kind == "paspoort":
        lines = mrz.td3(doc_type="P", optional=S.bsn, **common)
    else:
        lines = mrz.td1(doc_type="I", optional1=S.bsn, **common)
    return _record(d, kind, num, expiry, lines)


def _mrz_block(d: Doc, lines: list[str]) -> None:
    d.blank()
    d.blocks.append(Block("mrz", lines=list(lines), mono=True))


def _intro(d: Doc) -> None:
    if d.chance(0.35):
        d.lines(
            [
                d.pick(
                    (
                        "Kopie identiteitsbewijs",
                        "KOPIE",
                        "Scan ID-bewijs",
                        "Kopie legitimatie",
                        "scan voorzijde",
                        "Gescand document",
                        "Kopie ten behoeve van " + d.case.municipality,
                    )
                )
            ]
        )
        d.blank()


def _kopieid(d: Doc) -> None:
    if d.chance(0.35):
        d.lines(
            [
                f"{d.pick(('KOPIE', 'Kopie', 'kopie'))} "
                f"{d.pick(('voor', 'alleen voor', 't.b.v.'))} {d.case.municipality} - "
                "[aanvraag uitkering|aanvraag Wmo|intake schuldhulp|identificatie|"
                "aanvraag jeugdhulp] "
                f"- {d.fdate(style='dash')}"
            ]
        )


def nl_passport(d: Doc) -> None:
    S = d.case.subject
    _intro(d)
    issue, expiry = _dates(d, 10)
    num = _docnum(d)
    d.lines(
        ["KONINKRIJK DER NEDERLANDEN", "KINGDOM OF THE NETHERLANDS", "ROYAUME DES PAYS-BAS"]
        if d.chance(0.6)
        else ["KONINKRIJK DER NEDERLANDEN - KINGDOM OF THE NETHERLANDS"]
    )
    d.lines(["PASPOORT  PASSPORT  PASSEPORT"])
    sur, given = _names(d)
    birth = _nl_date(S.birth)
    d.rec("subject", birth)
    pairs = [
        ("Type/Type", "P"),
        ("Code/Code", "NLD"),
        ("Documentnummer/Document No.", num),
        ("Naam/Surname", sur),
        ("Voornamen/Given names", given),
        ("Nationaliteit/Nationality", "Nederlandse"),
        ("Geboortedatum/Date of birth", birth),
        ("Geslacht/Sex", S.g("M/M", "V/F")),
        ("Geboorteplaats/Place of birth", S.birthplace.upper()),
        ("Datum van afgifte/Date of issue", _nl_date(issue)),
        ("Geldig tot/Date of expiry", _nl_date(expiry)),
        ("Autoriteit/Authority", f"Burg. van {d.case.city_name}"),
        ("Persoonsnummer/Personal No.", d.bsn(S)),
    ]
    if d.chance(0.5):
        d.kv(pairs)
    else:
        d.lines([x for k, v in pairs for x in (k, v)])
    lines = mrz.td3(
        doc_type="P",
        issuing="NLD",
        name=S.mrz_name,
        number=num,
        nationality="NLD",
        birth=S.birth,
        sex=S.g("M", "F"),
        expiry=expiry,
        optional=S.bsn,
    )
    lines = _record(d, "paspoort", num, expiry, lines)
    _mrz_block(d, lines)
    _kopieid(d)


def nl_id_card(d: Doc) -> None:
    S = d.case.subject
    _intro(d)
    issue, expiry = _dates(d, 10)
    num = _docnum(d)
    sur, given = _names(d)
    birth = _nl_date(S.birth) if d.chance(0.6) else S.birth.strftime("%d.%m.%Y")
    d.rec("subject", birth)
    if d.chance(0.6):
        d.lines([d.pick(("Voorzijde", "VOORZIJDE", "⟦voorkant⟧"))])
    d.lines(["KONINKRIJK DER NEDERLANDEN", "IDENTITEITSKAART  IDENTITY CARD  CARTE D'IDENTITÉ"])
    d.kv(
        [
            ("Naam / Surname", sur),
            ("Voornamen / Given names", given),
            ("Geslacht / Sex", S.g("M", "V")),
            ("Nationaliteit / Nationality", "Nederlandse"),
            ("Geboortedatum / Date of birth", birth),
            ("Geboorteplaats / Place of birth", S.birthplace),
            ("Documentnummer / Document no", num),
            (
                "Geldig tot / Date of expiry",
                _nl_date(expiry) if d.chance(0.5) else expiry.strftime("%d.%m.%Y"),
            ),
        ]
    )
    d.blank()
    if d.chance(0.6):
        d.lines([d.pick(("Achterzijde", "ACHTERZIJDE", "⟦achterkant⟧"))])
    d.kv(
        [
            ("Persoonsnummer", d.bsn(S)),
            ("Datum van afgifte", issue.strftime("%d.%m.%Y")),
            ("Afgegeven door", f"Burgemeester van {d.case.city_name}"),
        ]
    )
    lines = mrz.td1(
        doc_type="I",
        issuing="NLD",
        name=S.mrz_name,
        number=num,
        nationality="NLD",
        birth=S.birth,
        sex=S.g("M", "F"),
        expiry=expiry,
        optional1=S.bsn,
    )
    lines = _record(d, "identiteitskaart", num, expiry, lines)
    _mrz_block(d, lines)
    _kopieid(d)


def driving_licence(d: Doc) -> None:
    S = d.case.subject
    _intro(d)
    issue, expiry = _dates(d, 10)
    num = str(d.rng.randrange(4000000000, 5999999999))
    sur, given = _names(d)
    bd = S.birth.strftime("%d.%m.%Y")
    d.rec("subject", bd)
    d.lines(["RIJBEWIJS", "Koninkrijk der Nederlanden" if d.chance(0.7) else "NL  EUROPESE UNIE"])
    d.lines(
        [
            f"1. {sur}",
            f"2. {given}",
            f"3. {bd} {S.birthplace}",
            f"4a. {issue.strftime('%d.%m.%Y')}",
            f"4b. {expiry.strftime('%d.%m.%Y')}",
            f"4c. Burg. van {d.case.city_name}",
            f"4d. {d.bsn(S)}",
            f"5. {num}",
            f"9. {d.pick(('AM/B', 'AM/B/BE', 'B', 'AM/A/B', 'AM/B/C1'))}",
        ]
    )
    if d.chance(0.5):
        d.blank()
        d.lines(
            [
                "Achterzijde:",
                "9.  10.  11.  12.",
                f"AM  {issue.strftime('%d.%m.%y')}  {expiry.strftime('%d.%m.%y')}",
                "B   "
                f"{(issue - dt.timedelta(days=d.rng.randrange(400, 6000))).strftime('%d.%m.%y')}  "
                f"{expiry.strftime('%d.%m.%y')}",
            ]
        )
    _record(d, "rijbewijs", num, expiry, None)
    _kopieid(d)


def residence(d: Doc) -> None:
    S = d.case.subject
    _intro(d)
    issue, expiry = _dates(d, 5)
    num = _docnum(d)
    sur, given = _names(d)
    nat = NATIONALITY.get(S.origin, ("MAR", "Marokkaanse"))[:2]
    kind = d.pick(("VERBLIJFSDOCUMENT", "VERBLIJFSVERGUNNING", "VERBLIJFSDOCUMENT EU/EER"))
    d.lines(["KONINKRIJK DER NEDERLANDEN", kind, "RESIDENCE PERMIT"])
    bd = S.birth.strftime("%d %m %Y")
    d.rec("subject", bd)
    d.kv(
        [
            ("Naam", sur),
            ("Voornamen", given),
            ("Documentnummer", num),
            ("Geldig tot", expiry.strftime("%d %m %Y")),
            ("Geslacht", S.g("M", "V")),
            ("Nationaliteit", nat[1] if d.chance(0.5) else nat[0]),
            ("Geboortedatum", bd),
            (
                "Soort",
                d.pick(
                    (
                        "Regulier onbepaalde tijd",
                        "Regulier bepaalde tijd",
                        "Asiel bepaalde tijd",
                        "Verblijf als gemeenschapsonderdaan",
                    )
                ),
            ),
            (
                "Opmerkingen",
                d.pick(
                    (
                        "Arbeid vrij toegestaan. TWV niet vereist.",
                        "Arbeid is toegestaan.",
                        "Verblijfsdocument type II",
                        "",
                    )
                ),
            ),
            ("V-nummer", d.rec("subject", str(d.rng.randrange(1000000000, 9999999999)))),
        ]
    )
    lines = mrz.td1(
        doc_type="IR",
        issuing="NLD",
        name=S.mrz_name,
        number=num,
        nationality=nat[0],
        birth=S.birth,
        sex=S.g("M", "F"),
        expiry=expiry,
    )
    lines = _record(d, "verblijfsdocument", num, expiry, lines)
    _mrz_block(d, lines)
    _kopieid(d)


def foreign_passport(d: Doc) -> None:
    S = d.case.subject
    _intro(d)
    code, natname, state, word = NATIONALITY.get(S.origin, d.pick(tuple(NATIONALITY.values())))
    issue, expiry = _dates(d, d.pick((5, 10)))
    num = "".join(d.rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2)) + str(
        d.rng.randrange(1000000, 9999999)
    )
    sur, given = _names(d)
    bd = S.birth.strftime("%d/%m/%Y") if d.chance(0.5) else S.birth.strftime("%d.%m.%Y")
    d.rec("subject", bd)
    d.lines([state, word])
    d.kv(
        [
            ("Type", "P"),
            ("Code", code),
            ("Passport No.", num),
            ("Surname / Nom", sur),
            ("Given names / Prénoms", given),
            ("Nationality", natname if d.chance(0.3) else code),
            ("Date of birth", bd),
            ("Sex", S.g("M", "F")),
            ("Place of birth", ascii_fold(S.birthplace).upper()),
            ("Date of issue", issue.strftime("%d/%m/%Y")),
            ("Date of expiry", expiry.strftime("%d/%m/%Y")),
        ]
    )
    lines = mrz.td3(
        doc_type="P",
        issuing=code,
        name=mrz_field(S.sur) + "<<" + "<".join(mrz_field(g) for g in S.given),
        number=num,
        nationality=code,
        birth=S.birth,
        sex=S.g("M", "F"),
        expiry=expiry,
    )
    lines = _record(d, "buitenlands paspoort", num, expiry, lines)
    _mrz_block(d, lines)


def ocr_scan(d: Doc) -> None:
    """A noisy OCR reading of a scanned document: field labels garbled, data intact."""
    S = d.case.subject
    d.lines([d.pick(("Scan_20", "IMG_", "scan")) + f"{d.rng.randrange(1000, 9999)}.jpg - OCR", ""])
    issue, expiry = _dates(d, 10)
    num = _docnum(d)
    sur, given = _names(d)
    noise = (
        "KONINKR1JK DER NEDER LANDEN",
        "KONINKRIJK DER NEDERLANDFN",
        "IDENTITEITSKAART",
        "1DENTITEITSKAART",
        "PASPOORT  PASSP0RT",
    )
    d.lines(
        [
            d.pick(noise),
            f"Naam / Sumame {sur}",
            f"Voornamen / Glven names {given}",
            f"Documentnr {num}",
            f"Ge1dig tot {expiry.strftime('%d.%m.%Y')}",
            "~ ~ . , ;",
            f"Persoonsnummer {d.bsn(S)}",
        ]
    )
    kind = "identiteitskaart" if d.chance(0.5) else "paspoort"
    lines = _dutch_zone(d, kind, num, expiry)
    _mrz_block(d, lines)


def intake_copy(d: Doc) -> None:
    """The desk's copy sheet: 'gezien origineel', stamp, with the card's text."""
    c = d.case
    S = c.subject
    d.lines([c.municipality, c.department()])
    d.h(d.pick(("Kopie identiteitsbewijs", "Identificatie aanvrager", "Legitimatie – kopie")))
    issue, expiry = _dates(d, 10)
    kind = d.pick(("paspoort", "identiteitskaart"))
    num = _docnum(d)
    sur, given = _names(d)
    d.kv(
        [
            ("Soort document", kind),
            ("Naam", f"{sur}, {given}"),
            ("Documentnummer", num),
            ("Geldig tot", d.fdate(expiry, "dash")),
            ("Geboortedatum", d.birth(S, "dash")),
        ]
    )
    lines = _dutch_zone(d, kind, num, expiry)
    _mrz_block(d, lines)
    cons = c.pro("consulent")
    d.lines(
        [
            "[Gezien origineel|Origineel gezien|Echtheid gecontroleerd]: "
            f"{d.fdate(style='dash')}, {d.n(cons, 'initials', 'full')}"
        ]
    )


def compact(d: Doc) -> None:
    """Only the data zone of a card photographed on a phone."""
    d.lines(
        [
            d.pick(
                (
                    "Foto ID-kaart",
                    "Kopie paspoort (fotopagina)",
                    "scan voorzijde + achterzijde",
                    "ID",
                )
            )
        ]
    )
    issue, expiry = _dates(d, 10)
    num = _docnum(d)
    sur, given = _names(d)
    d.lines([f"{sur}", f"{given}", f"{num}", f"{expiry.strftime('%d %m %Y')}"])
    kind = "identiteitskaart" if d.chance(0.5) else "paspoort"
    lines = _dutch_zone(d, kind, num, expiry)
    _mrz_block(d, lines)


def w_document(d: Doc) -> None:
    S = d.case.subject
    issue, expiry = _dates(d, 1)
    num = _docnum(d)
    sur, given = _names(d)
    d.lines(
        [
            "KONINKRIJK DER NEDERLANDEN",
            "VREEMDELINGENDOCUMENT",
            d.pick(("W-document", "Document voor vreemdelingen")),
        ]
    )
    bd = S.birth.strftime("%d-%m-%Y")
    d.rec("subject", bd)
    d.kv(
        [
            ("Naam", sur),
            ("Voornamen", given),
            ("Geboren", bd),
            ("Nationaliteit", d.pick(("Onbekend", "Syrische", "Eritrese", "Afghaanse"))),
            ("Documentnummer", num),
            ("Geldig tot", expiry.strftime("%d-%m-%Y")),
            (
                "Aantekening",
                "Dit document is geen bewijs van rechtmatig verblijf."
                if d.chance(0.5)
                else "Verblijf in procedure",
            ),
        ]
    )
    lines = mrz.td1(
        doc_type="IW",
        issuing="NLD",
        name=S.mrz_name,
        number=num,
        nationality="XXX",
        birth=S.birth,
        sex=S.g("M", "F"),
        expiry=expiry,
    )
    lines = _record(d, "vreemdelingendocument", num, expiry, lines)
    _mrz_block(d, lines)


def _foreign_or_nl(d: Doc) -> None:
    if d.case.subject.origin in NATIONALITY and d.chance(0.6):
        foreign_passport(d)
    else:
        nl_passport(d)


LAYOUTS = (
    nl_passport,
    nl_id_card,
    driving_licence,
    residence,
    _foreign_or_nl,
    ocr_scan,
    intake_copy,
    compact,
    nl_id_card,
    w_document,
)
EMAIL_BODIES = ()
