"""Short e-mail cover notes (category `other`) that carry attachments or a forward."""

from __future__ import annotations

from zeef_corpus.doc import Doc

WHAT = {
    "medical": (
        "de brief van mijn huisarts",
        "de brief van het ziekenhuis",
        "mijn medicijnlijst",
        "de uitslag van het bloedonderzoek",
        "een verklaring van de dokter",
        "het verslag van de psycholoog",
        "de papieren van de specialist",
    ),
    "medical_advice": (
        "het medisch advies",
        "het advies van de medisch adviseur",
        "de uitkomst van de keuring",
        "het advies",
    ),
    "bank_statement": (
        "mijn bankafschriften",
        "de afschriften van de afgelopen drie maanden",
        "mijn rekeningoverzicht",
        "de bankafschriften waar u om vroeg",
        "een overzicht van mijn rekening",
    ),
    "id_copy": (
        "een kopie van mijn paspoort",
        "mijn ID-kaart",
        "een foto van mijn rijbewijs",
        "mijn verblijfsdocument",
        "mijn identiteitsbewijs",
    ),
    "third_party_tip": ("een melding", "de tip die wij ontvingen", "een anonieme melding"),
    "application": (
        "het ingevulde aanvraagformulier",
        "mijn aanvraag",
        "het formulier",
        "de aanvraag",
    ),
    "personal_note": ("mijn aantekeningen", "wat notities"),
    "other": (
        "mijn huurcontract",
        "de energierekening",
        "een brief van school",
        "mijn loonstrook",
        "de polis",
        "de brief van de woningbouw",
        "de factuur",
        "de gevraagde stukken",
    ),
}
SUBJECTS = {
    "medical": (
        "brief huisarts",
        "medische informatie",
        "Brief dokter",
        "documenten",
        "Fwd: uw brief",
        "info ziekenhuis",
        "",
    ),
    "medical_advice": (
        "Advies",
        "Medisch advies",
        "Advies inzake cliënt",
        "RE: adviesaanvraag",
        "Uitkomst spreekuur",
    ),
    "bank_statement": (
        "bankafschriften",
        "Afschriften",
        "gevraagde stukken",
        "RE: aanvullende informatie",
        "documenten aanvraag",
    ),
    "id_copy": ("ID", "kopie paspoort", "identiteitsbewijs", "documenten", "Re: afspraak"),
    "third_party_tip": (
        "Melding",
        "melding fraude",
        "Tip",
        "FW: melding",
        "Ter info",
        "uitkering buurvrouw",
        "!!",
    ),
    "application": (
        "Aanvraag",
        "aanvraag bijstand",
        "aanvraag huishoudelijke hulp",
        "Aanvraag jeugdhulp",
        "hulp bij schulden",
        "Verzoek",
    ),
    "personal_note": ("notitie", "nb", "eigen aantekening", "todo", "geheugensteun"),
    "other": ("stukken", "Documenten", "zie bijlage", "Klacht", "RE: uw brief", "factuur", ""),
}


def _what(d: Doc, items: list[str]) -> str:
    """'X', 'X en Y', 'X, Y en Z' from categories (a random phrase) or ready phrases."""
    words = [d.pick(WHAT[k]) if k in WHAT else k for k in dict.fromkeys(items)]
    words = list(dict.fromkeys(words))
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " en " + words[-1]


# Per layout: attachment file names and how a sender describes the document.
FILES: dict[str, tuple[tuple[str, ...], str]] = {
    "gp_letter": (("brief_huisarts", "brief_dokter", "huisarts"), "de brief van mijn huisarts"),
    "discharge": (("ontslagbrief", "brief_ziekenhuis"), "de ontslagbrief van het ziekenhuis"),
    "specialist_letter": (
        ("brief_specialist", "brief_ziekenhuis", "poli"),
        "de brief van de specialist",
    ),
    "lab_results": (
        ("uitslag_lab", "labuitslag", "bloedonderzoek"),
        "de uitslag van het bloedonderzoek",
    ),
    "medication_list": (("medicatieoverzicht", "medicijnen", "apotheek"), "mijn medicijnlijst"),
    "ggz_report": (("verslag_psycholoog", "ggz", "verslag"), "het verslag van de psycholoog"),
    "citizen_letter": (("brief", "mijn_situatie", "uitleg"), "een brief over mijn situatie"),
    "gp_statement": (("verklaring_arts", "verklaring"), "een verklaring van de dokter"),
    "physio_report": (("verslag_fysio", "fysio"), "het verslag van de fysiotherapeut"),
    "referral": (("verwijsbrief", "verwijzing"), "de verwijsbrief"),
    "his_extract": (("dossier_huisarts", "uittreksel"), "een uittreksel van de huisarts"),
    "child_ggz": (
        ("verslag_jeugd_ggz", "onderzoeksverslag"),
        "het onderzoeksverslag van mijn kind",
    ),
    "csv_export": (("export", "transacties", "mutaties"), "de export van mijn rekening"),
    "annual": (("jaaroverzicht",), "het jaaroverzicht van de bank"),
    "credit_card": (("creditcard", "overzicht_ics"), "het overzicht van mijn creditcard"),
    "savings": (("spaarrekening",), "het overzicht van mijn spaarrekening"),
    "balance_letter": (("saldo_opgave", "saldo"), "de saldo-opgave van de bank"),
    "nl_passport": (("paspoort", "scan_paspoort"), "een kopie van mijn paspoort"),
    "_foreign_or_nl": (("paspoort", "passport"), "een kopie van mijn paspoort"),
    "nl_id_card": (("ID_kaart", "ID", "idkaart"), "mijn ID-kaart"),
    "driving_licence": (("rijbewijs",), "mijn rijbewijs"),
    "residence": (("verblijfsvergunning", "verblijfsdocument"), "mijn verblijfsdocument"),
    "w_document": (("W_document",), "mijn W-document"),
    "bijstand_form": (
        ("aanvraagformulier", "aanvraag_bijstand"),
        "het ingevulde aanvraagformulier",
    ),
    "wmo_form": (("wmo_melding", "meldingsformulier"), "het meldingsformulier"),
    "jeugd_form": (("aanvraag_jeugdhulp",), "het aanvraagformulier jeugdhulp"),
    "debt_form": (("aanmelding_schuldhulp", "formulier_schulden"), "het aanmeldformulier"),
    "bijzondere_bijstand": (("aanvraag_bijzondere_bijstand",), "de aanvraag bijzondere bijstand"),
    "portal_summary": (
        ("bevestiging_aanvraag", "samenvatting"),
        "de bevestiging van mijn aanvraag",
    ),
    "kwijtschelding": (("kwijtschelding",), "het kwijtscheldingsformulier"),
    "energy_bill": (("energierekening", "jaarafrekening"), "de energierekening"),
    "phone_bill": (("factuur", "telefoonrekening"), "de telefoonrekening"),
    "rental_contract": (("huurcontract",), "mijn huurcontract"),
    "school_letter": (("brief_school",), "een brief van school"),
    "housing_letter": (("brief_woningbouw", "brief_corporatie"), "de brief van de woningbouw"),
    "gym_membership": (("sportschool",), "het contract van de sportschool"),
    "parking_fine": (("boete", "CJIB"), "de boete"),
    "payslip": (("loonstrook",), "mijn loonstrook"),
    "insurance_policy": (("polis", "polisblad"), "de polis van de zorgverzekering"),
    "invitation": (("brief_gemeente",), "uw brief"),
}
CATEGORY_FILES = {
    "medical": ("brief", "verslag"),
    "medical_advice": ("medisch_advies", "advies", "advies_MA"),
    "bank_statement": ("bankafschrift", "afschriften", "rekeningoverzicht", "Afschrift_01"),
    "id_copy": ("scan_id", "legitimatie", "kopie_ID"),
    "third_party_tip": ("melding", "tip"),
    "application": ("aanvraag", "brief_aanvraag"),
    "personal_note": ("notitie", "aantekeningen"),
    "other": ("scan", "brief", "document"),
}
GENERIC_FILES = ("scan0001", "Document", "Scan", "IMG_2025", "scan_", "Naamloos", "bijlage")


def file_base(d: Doc) -> str:
    """A plausible attachment name (without extension) for a finished document."""
    if d.chance(0.2):
        return d.pick(GENERIC_FILES) + (str(d.rng.randrange(1, 9999)) if d.chance(0.6) else "")
    names = FILES.get(d.layout, (CATEGORY_FILES[d.category], ""))[0]
    return d.pick(names)


def phrase(d: Doc) -> str:
    """How the sender describes the document in a cover note."""
    return FILES[d.layout][1] if d.layout in FILES else d.pick(WHAT[d.category])


def citizen_cover(d: Doc, cats: list[str]) -> None:
    """A citizen's short note that mentions what is attached."""
    c = d.case
    S = c.subject
    d.informal = d.pick((0.0, 0.2, 0.5, 0.8))
    what = _what(d, cats) or "de stukken"
    cons = c.pro("consulent")
    d.p(
        d.pick(
            (
                "Goedemiddag,",
                "Beste,",
                "Hallo,",
                "Geachte heer/mevrouw,",
                f"Beste {d.n(cons, 'formal', 'first')},",
                "",
            )
        ),
        informal=True,
    )
    d.p(
        d.pick(
            (
                f"Hierbij stuur ik [u|jullie] {what}.",
                f"In de bijlage [vindt u|zit] {what}.",
                f"Zoals [gevraagd|afgesproken] [stuur ik|hierbij] {what}.",
                f"Bijgaand {what}[ voor mijn dossier|].",
                f"Zie bijlage. [Dit is|Het gaat om] {what}.",
            )
        ),
        informal=True,
    )
    if d.chance(0.5):
        d.p(
            d.pick(
                (
                    "Kunt u laten weten of het zo goed is?",
                    "Ik hoor graag of u nog iets nodig heeft.",
                    "Sorry dat het zo laat is.",
                    "De rest stuur ik later.",
                    "Bellen kan ook op " + d.phone(S, "mobile") + ".",
                )
            ),
            informal=True,
        )
    d.lines(
        [
            d.pick(
                ("Met vriendelijke groet,", "Groet,", "Mvg", "Groetjes", "Vriendelijke groeten,")
            ),
            d.n(S, "full", "first", "full"),
        ]
    )
    if d.chance(0.25):
        d.lines(
            [
                d.pick(
                    (
                        "Verzonden vanaf mijn iPhone",
                        "Verstuurd vanaf mijn Samsung Galaxy-smartphone.",
                        "Verzonden met Outlook voor Android",
                    )
                )
            ]
        )


def professional_cover(d: Doc, cats: list[str], sender_kind: str = "adviser") -> None:
    c = d.case
    S = c.subject
    sender = c.pro(sender_kind)
    cons = c.pro("consulent")
    what = _what(d, cats)
    d.p(
        d.pick(
            (
                f"Beste {d.n(cons, 'first')},",
                "Geachte collega,",
                "Beste collega,",
                f"Hoi {d.n(cons, 'first')},",
            )
        )
    )
    d.p(
        d.pick(
            (
                f"[Bijgaand|In de bijlage] [treft u|stuur ik je] {what} [inzake|over|betreffende] "
                f"{d.n(S, 'formal_init', 'initials', 'formal')}.",
                f"Hierbij {what} [van|voor] {d.n(S, 'formal', 'initials')}[, zoals besproken|].",
                f"Ter info: {what} ({d.n(S, 'initials', 'full')}). [Graag vertrouwelijk "
                "behandelen.|Wil je dit oppakken?|]",
            )
        )
    )
    d.lines(
        [
            d.pick(("Met vriendelijke groet,", "Groet,", "Met collegiale groet,")),
            d.n(sender, "initials", "full", "first"),
            sender.function,
        ]
    )


def forward_note(d: Doc, fwd_to_kind: str = "handhaver") -> None:
    c = d.case
    S = c.subject
    sender = c.pro("consulent")
    to = c.pro(fwd_to_kind)
    d.p(d.pick((f"Hoi {d.n(to, 'first')},", f"Beste {d.n(to, 'first')},", "Collega,", "Ter info,")))
    d.p(
        d.pick(
            (
                f"Zie onderstaande melding over {d.n(S, 'initials', 'formal')}. Kun jij hiernaar "
                "kijken?",
                "Deze kwam binnen via het algemene mailadres, betreft [mijn cliënt|een cliënt "
                f"van ons] {d.n(S, 'initials', 'full')}.",
                "Doorgestuurd ter beoordeling.",
                f"Ter info, melding m.b.t. dossier {c.case_id}.",
            )
        )
    )
    d.lines(["Groet,", d.n(sender, "first", "initials")])


def citizen_forward(d: Doc) -> None:
    c = d.case
    S = c.subject
    d.informal = d.pick((0.0, 0.3, 0.6))
    d.p(
        d.pick(
            (
                "Zie hieronder.",
                "Dit kreeg ik van de dokter.",
                "Hierbij doorgestuurd.",
                "Voor de volledigheid stuur ik dit door.",
                "Hierbij de mail van de praktijk.",
            )
        ),
        informal=True,
    )
    d.lines([d.n(S, "first", "full")])


def practice_note(d: Doc) -> None:
    """The GP practice's own short e-mail that carried a medical letter."""
    c = d.case
    S = c.subject
    o = c.org("gp")
    d.p(f"Geachte {S.g('heer', 'mevrouw')} {d.n(S, 'sur')},")
    d.p(
        d.pick(
            (
                "[Hierbij ontvangt u|In de bijlage vindt u] de [gevraagde|door u gevraagde] "
                "[verklaring|brief|uitslag].",
                "Zoals telefonisch besproken sturen wij u hierbij de brief van de huisarts.",
                "Bijgaand de [informatie|brief] waar u om vroeg.",
            )
        )
    )
    d.lines(
        [
            d.pick(("Met vriendelijke groet,", "Vriendelijke groet,")),
            d.pick(("Doktersassistente", "Assistente", "Praktijkmanager")),
            o.name,
        ]
    )
