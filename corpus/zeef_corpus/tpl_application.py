"""`application`: the citizen's application form or written request."""

from __future__ import annotations

from zeef_corpus import letters as L
from zeef_corpus.doc import Doc
from zeef_corpus.dutch import money
from zeef_corpus.world import CREDITORS

REQUESTS = {
    "participatiewet": (
        "een bijstandsuitkering",
        "een uitkering levensonderhoud (Participatiewet)",
        "bijzondere bijstand voor {bb}",
        "individuele inkomenstoeslag",
        "een voorschot op mijn uitkering",
        "bijstand voor zelfstandigen (Bbz)",
        "kwijtschelding van gemeentelijke belastingen",
    ),
    "wmo": (
        "huishoudelijke hulp",
        "een rolstoel",
        "een scootmobiel",
        "een woningaanpassing (traplift)",
        "aanpassing van mijn badkamer",
        "individuele begeleiding",
        "een vervoersvoorziening (Regiotaxi-pas)",
        "een gehandicaptenparkeerkaart",
        "dagbesteding",
        "een persoonsgebonden budget (pgb) voor begeleiding",
    ),
    "jeugdwet": (
        "jeugdhulp voor mijn {kind}",
        "ambulante begeleiding voor mijn {kind}",
        "logeeropvang voor mijn {kind}",
        "een pgb voor de begeleiding van mijn {kind}",
        "leerlingenvervoer voor mijn {kind}",
        "opvoedondersteuning",
    ),
    "schuldhulpverlening": (
        "schuldhulpverlening",
        "hulp bij mijn schulden",
        "budgetbeheer",
        "een saneringskrediet",
        "een minnelijke schuldregeling",
        "budgetcoaching",
    ),
}
BB_ITEMS = (
    "een wasmachine",
    "bewindvoeringskosten",
    "de eigen bijdrage rechtsbijstand",
    "tandartskosten",
    "verhuiskosten",
    "een bed en matras",
    "een koelkast",
    "de kosten van een fiets",
    "inrichtingskosten",
)
REASONS = {
    "participatiewet": (
        "Mijn [contract|tijdelijke baan] is [niet verlengd|beëindigd] per {date} en ik heb geen "
        "recht op WW.",
        "Mijn WW-uitkering [stopt|is gestopt] op {date}.",
        "Ik ben [gescheiden|uit elkaar gegaan met mijn partner] en heb [geen|te weinig] inkomen.",
        "Ik ben [net|onlangs] [verhuisd naar|komen wonen in] {city} en heb geen inkomen.",
        "Mijn bedrijf is [gestopt|failliet gegaan] en ik heb geen inkomsten meer.",
        "Ik [kan|kon] door mijn gezondheid niet meer werken en mijn ziektewetuitkering [is "
        "gestopt|stopt binnenkort].",
        "Ik ben 18 geworden en [woon zelfstandig|moet voor mezelf zorgen].",
    ),
    "wmo": (
        "Ik ben slecht ter been en kan [het huishouden|de zware schoonmaak] niet meer zelf doen.",
        "Door mijn [beperking|gezondheid|leeftijd] kan ik de trap niet meer op.",
        "Mijn [man|vrouw|partner] deed altijd [alles|het huishouden] maar is "
        "[overleden|opgenomen].",
        "Ik kan niet meer zelfstandig [boodschappen doen|naar buiten|douchen].",
        "Mijn mantelzorger is [overbelast|zelf ziek|verhuisd].",
        "Ik kom [de dag niet goed door|niet meer onder de mensen] en heb structuur nodig.",
    ),
    "jeugdwet": (
        "Mijn {kind} [heeft veel problemen op school|is vaak boos|slaapt slecht|gaat niet meer "
        "naar school].",
        "[School|De huisarts|Het consultatiebureau] heeft ons [geadviseerd|doorverwezen] om hulp "
        "te vragen.",
        "Thuis [lopen de spanningen op|gaat het niet meer|kunnen wij het niet meer aan].",
        "Wij hebben [al|eerder] hulp gehad maar dat was niet genoeg.",
    ),
    "schuldhulpverlening": (
        "Ik heb schulden [bij verschillende instanties|die ik niet meer kan betalen|die steeds "
        "hoger worden].",
        "Er [komen|staan] deurwaarders [aan de deur|op de stoep].",
        "Ik [heb|heb al] een betalingsachterstand bij [de huur|de zorgverzekering|de energie].",
        "Ik ben mijn overzicht kwijt en [durf de post niet meer open te maken|slaap er slecht "
        "van].",
        "Mijn inkomen is [gedaald|minder geworden] [door een scheiding|door ontslag|sinds mijn "
        "partner weg is].",
    ),
}


def _request(d: Doc) -> str:
    """What the citizen asks for; one request per document (kept in d.title)."""
    if d.title:
        return d.title
    c = d.case
    r = d.pick(REQUESTS[c.law])
    kind = c.tp("child").g("zoon", "dochter") if c.law == "jeugdwet" else "kind"
    d.title = r.replace("{bb}", d.pick(BB_ITEMS)).replace("{kind}", kind)
    return d.title


def _reasons(d: Doc, k: int) -> list[str]:
    c = d.case
    kind = c.tp("child").g("zoon", "dochter") if c.law == "jeugdwet" else "kind"
    pool = REASONS[c.law]
    out = [
        d.s(r)
        .replace("{date}", d.fdate(d.days(-60, 30), "long"))
        .replace("{city}", c.city_name)
        .replace("{kind}", kind)
        for r in d.rng.sample(pool, min(k, len(pool)))
    ]
    if d.chance(0.35):
        out.append(_family(d))
    return out


def _family(d: Doc) -> str:
    """A household member or helper named in passing: a third party."""
    c = d.case
    kind = d.pick(("child", "child", "sibling", "mother", "mantelzorger", "partner"))
    p = c.tp(kind)
    if kind == "child":
        return d.s(
            f"Ik woon [samen met|met] mijn {p.relation} {d.n(p, 'first', 'full')}[ (geboren "
            f"{d.birth(p)})|] en [heb geen andere inkomsten|sta er alleen voor]."
        )
    if kind == "partner":
        return d.s(
            f"Mijn [{p.g('vriend', 'vriendin')}|partner] {d.n(p, 'full', 'first')} woont niet "
            "bij mij[ maar "
            "komt soms langs|]."
        )
    return d.s(
        f"Mijn {p.relation} {d.n(p, 'full', 'first')} [helpt mij met de papieren|heeft mij "
        f"geholpen met deze aanvraag|is mijn contactpersoon, telefoon {d.phone(p)}]."
    )


def _person_section(d: Doc, title: str | None = None) -> None:
    S = d.case.subject
    d.h(
        title
        or d.pick(
            (
                "1. Persoonsgegevens",
                "Uw gegevens",
                "Gegevens aanvrager",
                "1. Gegevens van de aanvrager",
                "Persoonlijke gegevens",
            )
        )
    )
    pairs = [
        ("[Achternaam|Naam]", d.rec("subject", S.sur_cap if d.chance(0.6) else S.sur)),
        ("[Voornamen|Voorna(a)m(en)|Voornaam]", " ".join(S.given)),
        ("[Geboortedatum|Geb. datum]", d.birth(S)),
        ("[BSN|Burgerservicenummer]", d.bsn(S)),
        ("[Straat en huisnummer|Adres]", d.street(S)),
        ("[Postcode en woonplaats|Postcode/plaats]", d.town(S)),
        ("[Telefoonnummer|Telefoon|Tel. nr.]", d.phone(S)),
        ("[E-mailadres|E-mail]", d.mail(S)),
    ]
    d.rec("subject", " ".join(S.given))
    if d.chance(0.5):
        pairs.append(("[IBAN|Rekeningnummer (IBAN)|Bankrekeningnummer]", d.iban(S)))
    if d.chance(0.4):
        pairs.append(
            (
                *d.pick(
                    (
                        ("Nationaliteit", "Nederlandse"),
                        ("Nationaliteit", "Nederlands"),
                        ("Verblijfsstatus", "verblijfsvergunning onbepaalde tijd"),
                        ("Verblijfsstatus", "EU-burger"),
                        ("Nationaliteit", "Nederlandse en Marokkaanse"),
                    )
                ),
            )
        )
    if d.chance(0.4):
        pairs.append(
            (
                "Burgerlijke staat",
                d.pick(("ongehuwd", "gescheiden", "gehuwd", "weduwe/weduwnaar", "samenwonend")),
            )
        )
    d.kv(pairs)


def _household_section(d: Doc) -> None:
    c = d.case
    d.h(d.pick(("2. Partner en kinderen", "Gezinssituatie", "Leefsituatie", "Uw huishouden")))
    has_partner = d.chance(0.3)
    d.lines(
        [
            f"{d.box(not has_partner)} Ik woon alleen / ik heb geen partner",
            f"{d.box(has_partner)} Ik heb een partner",
        ]
    )
    if has_partner:
        p = c.tp("partner")
        d.kv(
            [
                ("Naam partner", d.n(p, "full")),
                ("Geboortedatum partner", d.birth(p)),
                ("BSN partner", d.bsn(p)),
            ]
        )
    if d.chance(0.6):
        rows = [["Naam kind", "Geboortedatum", "Woont bij mij"]]
        for k in ("child", "child2")[: d.rng.randrange(1, 3)]:
            ch = c.tp(k)
            rows.append(
                [d.n(ch, "full", "first"), d.birth(ch), d.pick(("ja", "ja", "co-ouderschap"))]
            )
        d.table(rows)


def _income_section(d: Doc) -> None:
    d.h(d.pick(("3. Inkomsten", "Inkomen", "Uw inkomsten en uitgaven", "Inkomsten per maand")))
    rows = [["Soort inkomen", "Bedrag per maand"]]
    for src in d.rng.sample(
        (
            "Loon",
            "WW-uitkering",
            "Alimentatie",
            "Zorgtoeslag",
            "Huurtoeslag",
            "Kinderbijslag",
            "Kindgebonden budget",
            "Geen inkomen",
        ),
        d.rng.randrange(1, 4),
    ):
        rows.append([src, money(d.rng, d.rng.uniform(50, 1500)) if src != "Geen inkomen" else "-"])
    d.table(rows)
    d.h(d.pick(("4. Vermogen", "Bezittingen", "Spaargeld en bezit")))
    d.lines(
        [
            f"Spaargeld: {money(d.rng, d.rng.uniform(0, 3000))}",
            f"Auto: {d.pick(('nee', 'ja, waarde ca. ' + money(d.rng, d.rng.uniform(500, 4000))))}",
            f"Eigen woning: {d.pick(('nee', 'nee', 'nee'))}",
        ]
    )


def _signature(d: Doc) -> None:
    S = d.case.subject
    d.h(d.pick(("Ondertekening", "Verklaring en handtekening", "Handtekening")))
    d.p(
        d.pick(
            (
                "Ik verklaar dat ik dit formulier naar waarheid heb ingevuld.",
                "Ondergetekende verklaart alle vragen volledig en naar waarheid te hebben "
                "beantwoord.",
                "Ik weet dat ik wijzigingen direct moet doorgeven.",
            )
        )
    )
    d.kv(
        [
            ("Plaats", d.case.city_name),
            ("Datum", d.fdate(style="dash")),
            ("Handtekening", d.pick((d.n(S, "full"), "(getekend)", "_______________"))),
        ]
    )


def bijstand_form(d: Doc) -> None:
    c = d.case
    d.h(
        d.pick(
            (
                "Aanvraagformulier algemene bijstand",
                "AANVRAAG BIJSTANDSUITKERING",
                "Aanvraag levensonderhoud Participatiewet",
                "Aanvraag uitkering Participatiewet",
                "Aanvraag bijstand (levensonderhoud)",
            )
        )
    )
    d.lines(
        [
            c.municipality + (f" - {c.department()}" if d.chance(0.6) else ""),
            d.pick(("Formulier WI-01", "versie 2025", "", f"Zaaknummer: {L.ref(d, 'zaak')}")),
        ]
    )
    _person_section(d)
    _household_section(d)
    d.h(d.pick(("Woonsituatie", "Uw woning")))
    d.lines(
        [
            f"{d.box(True)} "
            f"{d.pick(('Huurwoning', 'Kamer', 'Inwonend bij familie', 'Dakloos/briefadres'))}",
            f"Huur per maand: {money(d.rng, d.rng.uniform(350, 950))}",
        ]
    )
    _income_section(d)
    if d.chance(0.6):
        d.h("Toelichting")
        d.ps(_reasons(d, d.rng.randrange(1, 3)))
    _signature(d)


def wmo_form(d: Doc) -> None:
    c = d.case
    d.h(
        d.pick(
            (
                "Melding maatschappelijke ondersteuning",
                "Meldingsformulier Wmo",
                "Aanvraag Wmo-voorziening",
                "Wmo-melding",
            )
        )
    )
    d.lines([c.municipality, c.department("wmo")])
    _person_section(d, d.pick(("Gegevens cliënt", "Uw gegevens")))
    d.h(d.pick(("Uw hulpvraag", "Waarvoor vraagt u ondersteuning?", "Hulpvraag")))
    opts = (
        "Huishoudelijke hulp",
        "Hulpmiddel (rolstoel, scootmobiel)",
        "Woningaanpassing",
        "Vervoer",
        "Begeleiding",
        "Dagbesteding",
    )
    chosen = set(d.rng.sample(range(len(opts)), d.rng.randrange(1, 3)))
    d.lines([f"{d.box(k in chosen)} {o}" for k, o in enumerate(opts)])
    d.p(" ".join(_reasons(d, d.rng.randrange(1, 3))))
    if d.chance(0.7):
        mz = c.tp("mantelzorger")
        d.h(d.pick(("Mantelzorger", "Contactpersoon / mantelzorger", "Wie helpt u nu?")))
        d.kv(
            [
                ("Naam", d.n(mz, "full")),
                ("Relatie", d.pick(("dochter", "zoon", "buurvrouw", "vriend", "zus"))),
                ("Telefoon", d.phone(mz)),
            ]
        )
    d.lines(
        [
            "Wilt u gebruikmaken van een onafhankelijke cliëntondersteuner? "
            f"{d.box(d.chance(0.3))} ja {d.box(True)} nee"
        ]
    )
    _signature(d)
    if d.chance(0.2):
        d.p(f"[Ingevuld door|Hulp bij invullen]: {d.n(c.tp('sibling'), 'full')}")


def jeugd_form(d: Doc) -> None:
    c = d.case
    child = c.tp("child")
    d.h(
        d.pick(
            (
                "Aanvraag jeugdhulp",
                "Aanmelding Jeugdteam",
                "Aanvraagformulier jeugdhulp (Jeugdwet)",
                "Verzoek om jeugdhulp",
            )
        )
    )
    d.lines([c.municipality, c.department("jeugdwet")])
    d.h(d.pick(("Gegevens van het kind", "Gegevens jeugdige", "Over uw kind")))
    d.kv(
        [
            ("Naam", d.n(child, "full")),
            ("Geboortedatum", d.birth(child)),
            ("BSN", d.bsn(child)),
            ("School", c.org("school").name),
        ]
    )
    _person_section(
        d,
        d.pick(("Gegevens ouder/verzorger", "Gegevens gezaghebbende ouder", "Uw gegevens (ouder)")),
    )
    if d.chance(0.4):
        ex = c.tp("ex")
        d.kv(
            [
                ("Andere ouder", d.n(ex, "full")),
                ("Heeft gezag", d.pick(("ja", "nee", "gezamenlijk gezag"))),
                ("Adres andere ouder", d.addr(ex) if d.chance(0.5) else "onbekend"),
            ]
        )
    d.h(d.pick(("Wat is er aan de hand?", "Hulpvraag", "Reden aanvraag")))
    d.ps(_reasons(d, d.rng.randrange(1, 4)))
    d.h("Wat voor hulp vraagt u?")
    d.p(f"Ik vraag {_request(d)} aan.")
    _signature(d)


def debt_form(d: Doc) -> None:
    c = d.case
    d.h(
        d.pick(
            (
                "Aanmeldformulier schuldhulpverlening",
                "Aanvraag schuldhulpverlening",
                "Intakeformulier schulddienstverlening",
                "Aanmelding hulp bij geldzaken",
            )
        )
    )
    d.lines([c.municipality + " - " + c.department("schuldhulpverlening")])
    _person_section(d)
    d.h(d.pick(("Overzicht schulden", "Uw schulden", "Schuldeisers")))
    rows = [["Schuldeiser", "Dossiernummer", "Bedrag"]]
    for cr in d.rng.sample(CREDITORS, d.rng.randrange(3, 9)):
        rows.append(
            [cr, str(d.rng.randrange(100000, 99999999)), money(d.rng, d.rng.uniform(40, 6500))]
        )
    d.table(rows)
    d.h(d.pick(("Waarom zoekt u hulp?", "Toelichting", "Uw situatie")))
    d.ps(_reasons(d, d.rng.randrange(1, 4)))
    d.lines(
        [
            f"{d.box(d.chance(0.4))} Er is beslag gelegd op mijn loon/uitkering",
            f"{d.box(d.chance(0.3))} Er dreigt huisuitzetting",
            f"{d.box(d.chance(0.3))} Er dreigt afsluiting van gas/licht/water",
        ]
    )
    _signature(d)


def bijzondere_bijstand(d: Doc) -> None:
    c = d.case
    item = d.pick(BB_ITEMS)
    d.h(
        d.pick(
            (
                "Aanvraag bijzondere bijstand",
                "AANVRAAGFORMULIER BIJZONDERE BIJSTAND",
                "Aanvraag vergoeding bijzondere kosten",
            )
        )
    )
    d.lines([c.municipality])
    _person_section(d)
    d.h("Voor welke kosten vraagt u bijzondere bijstand aan?")
    d.kv(
        [
            ("Omschrijving", item),
            ("Bedrag", money(d.rng, d.rng.uniform(60, 1400))),
            ("Offerte/nota bijgevoegd", d.pick(("ja", "nee, volgt"))),
        ]
    )
    d.p(
        d.pick(
            (
                f"Mijn {item.replace('een ', '')} is kapot en ik heb geen geld om [een nieuwe te "
                "kopen|het te betalen].",
                "Ik kan deze kosten niet betalen uit mijn inkomen.",
                "De kosten zijn noodzakelijk en ik heb geen reserves.",
            )
        )
    )
    _signature(d)


def formal_letter(d: Doc) -> None:
    c = d.case
    S = c.subject
    d.lines(
        [d.n(S, "full", "initials"), d.street(S), d.town(S)]
        + ([d.mail(S)] if d.chance(0.4) else [])
    )
    d.blank()
    L.org_recipient(d, c.municipality_org(), attn=c.department() if d.chance(0.6) else "")
    d.lines([f"{c.city_name}, {d.fdate()}"])
    d.blank()
    d.lines([f"[Betreft|Onderwerp]: [aanvraag|verzoek om] {_request(d).replace('een ', '', 1)}"])
    d.blank()
    d.p("[Geachte heer/mevrouw,|Geachte dames en heren,|Geachte medewerker,]")
    d.p(f"[Hierbij vraag ik|Bij deze vraag ik|Met deze brief vraag ik] {_request(d)} aan.")
    d.ps(_reasons(d, d.rng.randrange(1, 4)))
    d.p(
        d.pick(
            (
                "[Bijgaand|Als bijlage] stuur ik [de gevraagde stukken|mijn bankafschriften|een "
                "kopie van mijn huurcontract].",
                "Ik hoop op een spoedige en positieve reactie.",
                "Voor vragen ben ik bereikbaar op " + d.phone(S) + ".",
                "Ik verzoek u deze aanvraag in behandeling te nemen.",
            )
        )
    )
    d.lines(["[Met vriendelijke groet,|Hoogachtend,]", "", d.n(S, "full", "initials")])
    if d.chance(0.4):
        d.lines([f"BSN: {d.bsn(S)}"])


def informal_letter(d: Doc) -> None:
    c = d.case
    S = c.subject
    d.informal = d.pick((0.4, 0.6, 0.9))
    d.p(
        d.pick(
            (
                "Beste meneer/mevrouw,",
                "Hallo,",
                "Goedemiddag,",
                "Geachte gemeente,",
                f"Beste {c.pro('consulent').g('meneer', 'mevrouw')},",
            )
        ),
        informal=True,
    )
    d.p(f"Ik [wil graag|zou graag|wil] {_request(d)} [aanvragen|aan vragen|vragen].", informal=True)
    d.ps(_reasons(d, d.rng.randrange(1, 4)), informal=True)
    d.p(
        d.pick(
            (
                "Ik weet niet goed hoe het werkt, kunt u mij helpen?",
                "Kunt u mij laten weten wat ik moet doen?",
                "Het is echt dringend want ik heb bijna geen geld meer.",
                "Ik hoor graag van u.",
                f"Mijn nummer is {d.phone(S, 'mobile')}.",
            )
        ),
        informal=True,
    )
    d.lines(
        [
            d.pick(("Groeten", "Met vriendelijke groet", "Mvg", "Alvast bedankt")),
            d.n(S, "full", "first"),
        ]
        + ([d.addr(S)] if d.chance(0.5) else [])
    )


def portal_summary(d: Doc) -> None:
    c = d.case
    S = c.subject
    d.lines(
        [f"{c.municipality} | Mijn{d.pick(('Gemeente', ' Loket', 'Omgeving', ' Werk en Inkomen'))}"]
    )
    d.h(
        d.pick(
            (
                "Samenvatting van uw aanvraag",
                "Bevestiging digitale aanvraag",
                "Uw aanvraag is ontvangen",
                "Overzicht ingediende aanvraag",
            )
        )
    )
    d.kv(
        [
            ("Zaaknummer", L.ref(d, "zaak")),
            (
                "Ingediend op",
                f"{d.fdate(style='dash')} om "
                f"{d.rng.randrange(7, 23):02d}:{d.rng.randrange(60):02d}",
            ),
            ("Ingelogd met", "DigiD"),
            ("Soort aanvraag", _request(d)),
        ]
    )
    d.h("Uw gegevens")
    d.kv(
        [
            ("Naam", d.n(S, "official", "initials")),
            ("BSN", d.bsn(S)),
            ("Adres", d.addr(S)),
            ("Telefoon", d.phone(S)),
            ("E-mail", d.mail(S)),
        ]
        + ([("IBAN", d.iban(S))] if d.chance(0.5) else [])
    )
    d.h("Uw antwoorden")
    qa = [
        ("Waarom vraagt u dit aan?", " ".join(_reasons(d, 1))),
        ("Woont u samen met een partner?", d.pick(("Nee", "Nee", "Ja"))),
        ("Heeft u vermogen boven de grens?", "Nee"),
        ("Heeft u de gegevens naar waarheid ingevuld?", "Ja"),
    ]
    for q, a in qa:
        d.lines([q, a])
    d.p(
        "[U ontvangt binnen 8 weken een beslissing.|Wij nemen binnen 3 werkdagen contact met u "
        "op.|Bewaar deze samenvatting voor uw administratie.]"
    )


def kwijtschelding(d: Doc) -> None:
    c = d.case
    d.h(
        d.pick(
            (
                "Verzoek om kwijtschelding gemeentelijke belastingen",
                "Aanvraag kwijtschelding",
                "KWIJTSCHELDINGSVERZOEK",
            )
        )
    )
    d.lines(
        [
            d.pick(
                (
                    c.municipality,
                    f"Belastingsamenwerking {c.city_name}",
                    f"Gemeentelijk Belastingkantoor {c.city_name}",
                )
            )
        ]
    )
    _person_section(d)
    d.kv(
        [
            ("Aanslagnummer", str(d.rng.randrange(10**9, 10**10))),
            ("Belastingjaar", str(d.date.year)),
            ("Te betalen bedrag", money(d.rng, d.rng.uniform(150, 900))),
            (
                "Voor welke belastingen",
                d.pick(
                    (
                        "afvalstoffenheffing en rioolheffing",
                        "afvalstoffenheffing",
                        "rioolheffing, afvalstoffenheffing",
                    )
                ),
            ),
        ]
    )
    _income_section(d)
    _signature(d)


def short_request(d: Doc) -> None:
    c = d.case
    S = c.subject
    d.informal = d.pick((0.0, 0.2, 0.5))
    cons = c.pro("consulent")
    if d.chance(0.5):
        L.salutation(d, cons, d.pick(("formal", "informal")))
    else:
        d.p("Geachte heer/mevrouw,")
    d.p(
        f"[Hierbij|Bij deze] [vraag ik|wil ik] {_request(d)} [aan|aanvragen]. "
        f"{' '.join(_reasons(d, 1))}",
        informal=True,
    )
    if d.chance(0.6):
        d.p(
            d.pick(
                (
                    "In de bijlage vindt u [mijn bankafschriften|de afschriften van de afgelopen "
                    "drie maanden|de gevraagde stukken].",
                    "De gevraagde papieren stuur ik mee.",
                    "Mijn bankafschriften zitten in de bijlage.",
                )
            ),
            informal=True,
        )
    d.lines(
        [
            d.pick(("Met vriendelijke groet,", "Groet,", "Mvg,")),
            d.n(S, "full"),
            f"[BSN|bsn] {d.bsn(S)}" if d.chance(0.4) else "",
        ]
    )


# Questions a digital form asks, per law: (question, answers to pick from).
FORM_QUESTIONS = {
    "participatiewet": (
        ("Woont u samen met een partner?", ("Nee", "Nee", "Ja")),
        ("Heeft u inkomsten uit werk?", ("Nee", "Ja, parttime")),
        ("Heeft u spaargeld of bezittingen boven de vermogensgrens?", ("Nee",)),
        ("Bent u ingeschreven als werkzoekende bij het UWV?", ("Ja", "Nee, nog niet")),
        ("Wat is de datum waarop u geen inkomen meer heeft?", ("{date}",)),
    ),
    "wmo": (
        ("Wie doet de aanvraag?", ("Ikzelf", "Een familielid", "Mijn mantelzorger")),
        ("Woont u zelfstandig?", ("Ja", "Ja, met mijn partner")),
        ("Heeft u al hulp van familie of buren?", ("Nee", "Ja, soms", "Ja, mijn dochter")),
        ("Wilt u een gesprek bij u thuis?", ("Ja", "Ja, graag", "Maakt niet uit")),
    ),
    "jeugdwet": (
        ("Voor welk kind vraagt u hulp?", ("{kind}",)),
        ("Is de andere ouder op de hoogte van de aanvraag?", ("Ja", "Nee", "Niet van toepassing")),
        ("Is er al hulp in het gezin?", ("Nee", "Ja, via school")),
        ("Mag het jeugdteam contact opnemen met school?", ("Ja", "Nee")),
    ),
    "schuldhulpverlening": (
        ("Hoeveel schuldeisers heeft u ongeveer?", ("3", "5", "meer dan 10", "weet ik niet")),
        ("Is er beslag gelegd op uw inkomen?", ("Nee", "Ja")),
        ("Dreigt er een huisuitzetting of afsluiting?", ("Nee", "Ja, afsluiting energie")),
        ("Heeft u eerder schuldhulp gehad?", ("Nee", "Ja, in 2019")),
    ),
}


def _answers(d: Doc) -> list[tuple[str, str]]:
    c = d.case
    kind = c.tp("child") if c.law == "jeugdwet" else None
    out = []
    for q, options in FORM_QUESTIONS[c.law]:
        a = d.pick(options)
        if a == "{date}":
            a = d.fdate(d.days(-40, 10), "dash")
        elif a == "{kind}" and kind is not None:
            a = d.n(kind, "full", "first")
        out.append((q, a))
    return out


def digital_confirmation(d: Doc) -> None:
    """The e-form's confirmation: reference number and the submitted answers as Q/A pairs."""
    c = d.case
    S = c.subject
    ref = f"{d.pick(('AV', 'OLO', 'EF', 'WEB'))}-{d.date.year}-{d.rng.randrange(10**5, 10**7):07d}"
    d.lines([f"{c.municipality} - {d.pick(('e-Formulieren', 'Digitaal loket', 'Mijn Gemeente'))}"])
    d.h(d.pick(("Bevestiging van uw aanvraag", "Bevestiging aanvraag", "Uw aanvraag is verzonden")))
    d.kv(
        [
            ("[Referentienummer|Uw referentie|Kenmerk]", ref),
            (
                "[Verzonden op|Datum en tijd]",
                f"{d.fdate(style='dash')} {d.rng.randrange(7, 23):02d}:{d.rng.randrange(60):02d}",
            ),
            ("Formulier", f"Aanvraag {_request(d).removeprefix('een ')}"),
        ]
    )
    d.p(
        f"Beste {d.n(S, 'full', 'formal')}, [bedankt voor uw aanvraag|wij hebben uw aanvraag "
        "goed ontvangen]. Hieronder [ziet u|staan] de antwoorden die u heeft [ingevuld|gegeven]."
    )
    qa = [
        ("Wat is uw naam?", d.n(S, "official", "full")),
        ("Wat is uw burgerservicenummer?", d.bsn(S)),
        ("Wat is uw adres?", d.addr(S)),
        ("Op welk telefoonnummer bent u bereikbaar?", d.phone(S)),
        ("Wat vraagt u aan?", _request(d)),
        ("Waarom vraagt u dit aan?", " ".join(_reasons(d, 1))),
    ] + _answers(d)
    style = d.rng.randrange(3)
    step = 1
    for k, (q, a) in enumerate(qa):
        if k in (0, 4):
            d.h(f"Stap {step}: {'Uw gegevens' if k == 0 else 'Uw aanvraag'}")
            step += 1
        if style == 0:
            d.lines([f"Vraag: {q}", f"Antwoord: {a}"])
        elif style == 1:
            d.lines([f"{k + 1}. {q}", f"   {a}"])
        else:
            d.lines([f"{q} » {a}"])
    d.p(
        "[Dit is een automatisch verzonden bericht; u kunt hier niet op reageren.|Bewaar deze "
        "bevestiging.] [Wij nemen binnen tien werkdagen contact met u op.|U hoort binnen acht "
        "weken van ons.]"
    )


def paper_form(d: Doc) -> None:
    """A filled-in paper form: field labels with the answers written in, Ja/Nee boxes."""
    c = d.case
    S = c.subject
    mark = d.pick(("⟦x⟧", "⟦X⟧", "☒"))
    empty = "☐" if mark == "☒" else "⟦ ⟧"

    def yes_no(question: str, yes: bool) -> str:
        return (
            f"{question}  {mark if yes else empty} Ja  {empty if yes else mark} Nee"
            if d.chance(0.8)
            else f"{question}  {mark if yes else empty} ja   {empty if yes else mark} nee"
        )

    blank = d.pick(("....", "___", ":"))
    what = _request(d).removeprefix("een ")
    d.h(
        d.pick(
            (
                f"AANVRAAGFORMULIER {what.upper()}",
                f"Aanvraag {what}",
                f"Formulier aanvraag {what}",
            )
        )
    )
    heads = d.pick(
        (
            ("A. Persoonsgegevens", "B. Uw situatie", "C. Toelichting", "D. Bijlagen"),
            ("1. Uw gegevens", "2. Vragen", "3. Waarom vraagt u dit aan?", "4. Meegestuurd"),
            (
                "Deel 1 - Aanvrager",
                "Deel 2 - Situatie",
                "Deel 3 - Toelichting",
                "Deel 4 - Bijlagen",
            ),
        )
    )
    d.lines(
        [
            c.municipality,
            d.pick(("Invullen in blokletters a.u.b.", "Vul het formulier volledig in.", "")),
        ]
    )
    d.h(heads[0])
    surname = d.rec("subject", S.sur_cap.upper() if d.chance(0.5) else S.sur_cap)
    fields = [
        ("Achternaam", surname),
        ("Voorletters", S.initials),
        ("Geboortedatum", d.birth(S)),
        ("BSN", d.bsn(S)),
        ("Straat + huisnr", d.street(S)),
        ("Postcode + woonplaats", d.town(S)),
        ("Telefoon", d.phone(S)),
    ]
    if blank == ":":
        d.kv(fields)
    else:
        d.lines([f"{k} {blank} {v} {blank}" for k, v in fields])
    d.h(heads[1])
    questions = [
        ("Woont u samen met een partner?", d.chance(0.2)),
        ("Heeft u inwonende kinderen onder de 18 jaar?", d.chance(0.4)),
        ("Heeft u een auto, motor of scooter?", d.chance(0.3)),
        ("Heeft u schulden?", d.chance(0.5)),
        ("Heeft u op dit moment inkomsten?", d.chance(0.4)),
        ("Ontvangt u hulp van familie of vrienden?", d.chance(0.5)),
    ]
    d.lines([yes_no(q, a) for q, a in d.rng.sample(questions, d.rng.randrange(3, 6))])
    d.h(heads[2])
    d.p(" ".join(_reasons(d, 1)), informal=True)
    d.h(heads[3])
    d.lines(
        [
            f"{mark if d.chance(0.7) else empty} bankafschriften laatste 3 maanden",
            f"{mark if d.chance(0.4) else empty} huurcontract",
            f"{mark if d.chance(0.3) else empty} loonstroken / uitkeringsspecificatie",
        ]
    )
    d.lines(
        [
            f"Datum {blank} {d.fdate(style='dash_short')}   Handtekening {blank} "
            f"{d.pick((d.n(S, 'initials', 'full'), '(handtekening)'))}"
        ]
    )


def request_letter(d: Doc) -> None:
    """A citizen's short free-text request: place and date, 'Betreft', a few lines, name."""
    c = d.case
    S = c.subject
    d.informal = d.pick((0.2, 0.5, 0.8))
    d.lines([f"{S.city}, {d.fdate(style=d.pick(('dash_short', 'long')))}"], align="right")
    d.lines([f"Aan {c.municipality}", d.pick((c.department(), "afdeling Sociale Zaken", ""))])
    d.blank()
    d.lines([f"Betreft: {d.pick(('verzoek', 'aanvraag', 'vraag om hulp', 'brief'))}"])
    d.p(
        f"Ik vraag [om|u om] {_request(d)}. " + " ".join(_reasons(d, d.rng.randrange(1, 3))),
        informal=True,
    )
    d.p(
        d.pick(
            (
                "Ik hoop dat u mij kunt helpen.",
                "Wilt u mij laten weten of dit kan?",
                "Kunt u mij terugbellen?",
                "Ik wacht op uw antwoord.",
            )
        ),
        informal=True,
    )
    d.lines(
        [
            d.pick(("Met vriendelijke groet,", "Groet,", "Dank u wel,")),
            d.n(S, "full", "initials"),
            d.street(S),
            d.town(S),
            f"tel. {d.phone(S)}",
        ]
    )


def wmo_melding(d: Doc) -> None:
    """Wmo meldingsformulier: who reports, for whom, which life areas, what was tried."""
    c = d.case
    S = c.subject
    mz = c.tp("mantelzorger")
    d.h(
        d.pick(
            (
                "Meldingsformulier maatschappelijke ondersteuning",
                "Melding Wmo",
                "MELDING ONDERSTEUNING (Wmo 2015)",
            )
        )
    )
    d.lines([f"{c.municipality} - {c.department('wmo')}"])
    by_other = d.chance(0.4)
    d.h("1. Wie doet de melding?")
    d.lines(
        [
            f"{d.box(not by_other)} Ik doe de melding voor mijzelf",
            f"{d.box(by_other)} Ik doe de melding voor iemand anders",
        ]
    )
    if by_other:
        d.kv(
            [
                ("Naam melder", d.n(mz, "full")),
                ("Relatie", d.pick(("dochter", "zoon", "buurvrouw", "mantelzorger", "zus"))),
                ("Telefoon melder", d.phone(mz)),
            ]
        )
    d.h("2. Voor wie is de melding?")
    d.kv(
        [
            ("Naam", d.n(S, "full", "official")),
            ("Geboortedatum", d.birth(S)),
            ("Adres", d.addr(S)),
            ("BSN", d.bsn(S)),
        ]
    )
    d.h("3. Waar heeft u moeite mee?")
    areas = (
        "Huishouden",
        "Verplaatsen in en om het huis",
        "Vervoer buiten de deur",
        "Wassen en aankleden",
        "Contact met anderen",
        "Dagbesteding",
        "Administratie en geldzaken",
    )
    chosen = set(d.rng.sample(range(len(areas)), d.rng.randrange(1, 4)))
    d.lines([f"{d.box(k in chosen)} {a}" for k, a in enumerate(areas)])
    d.h("4. Wat is er aan de hand?")
    d.p(" ".join(_reasons(d, d.rng.randrange(1, 3))), informal=True)
    d.h("5. Wat heeft u zelf al geprobeerd?")
    d.p(
        d.pick(
            (
                "Mijn [dochter|zoon|buurvrouw] helpt [een keer per week|af en toe], maar dat "
                "lukt niet meer.",
                "Ik heb een werkster gehad, maar dat kan ik niet meer betalen.",
                "Niets, ik weet niet waar ik moet beginnen.",
            )
        ),
        informal=True,
    )
    d.h("6. Wanneer kunnen wij u bellen?")
    d.lines(
        [
            f"{d.box(d.chance(0.5))} ochtend  {d.box(d.chance(0.5))} middag  "
            f"{d.box(d.chance(0.2))} maakt niet uit",
        ]
    )
    d.p(
        "Na ontvangst van uw melding neemt een consulent binnen [7|10] werkdagen contact met u "
        "op. [Het onderzoek duurt maximaal zes weken.|]"
    )
    _signature(d)


# --- applications that look like the municipality's own papers -------------------------------
# A confirmation the municipality sends back, a form filled in at the counter with a
# consulent, a completed intake form: still the citizen's application (what was asked for and
# the answers given), not a report of the municipality.


def receipt_confirmation(d: Doc) -> None:
    """A letter or mail from the municipality: 'Wij hebben uw aanvraag ontvangen' + answers."""
    c = d.case
    S = c.subject
    mun = c.municipality_org()
    if d.chance(0.6):
        L.letterhead(d, mun, style=d.pick(("block", "line", "minimal")))
        L.recipient(d, S)
    else:
        portal = d.pick(("Mijn Gemeente", "Digitaal loket", "Werk en Inkomen"))
        d.lines([f"{c.municipality} | {portal}"])
    what = _request(d).removeprefix("een ")
    d.kv(
        [
            ("[Datum|Verzonden]", d.fdate()),
            ("[Zaaknummer|Ons kenmerk|Kenmerk]", L.ref(d, "zaak")),
            ("[Onderwerp|Betreft]", d.s(f"[Ontvangstbevestiging|Bevestiging] aanvraag {what}")),
        ]
    )
    d.p(f"[Beste|Geachte] {d.n(S, 'formal', 'full', 'formal_init')},")
    d.p(
        "Wij hebben uw aanvraag [goed |]ontvangen op "
        f"{d.fdate(d.days(-6, 0), 'long')}. [Hieronder ziet u wat u heeft ingevuld.|Dit heeft u "
        "ingevuld:|Hieronder staan de gegevens die u ons heeft gegeven.]"
    )
    pairs = [
        ("[Naam|Uw naam]", d.n(S, "official", "full")),
        ("[Geboortedatum|Geb. datum]", d.birth(S)),
        ("BSN", d.bsn(S)),
        ("Adres", d.addr(S)),
        ("[Telefoonnummer|Telefoon]", d.phone(S)),
        ("[Wat vraagt u aan?|Aanvraag]", _request(d)),
    ]
    pairs += [(q, a) for q, a in _answers(d)]
    if d.chance(0.5):
        pairs.append(("[IBAN|Rekeningnummer]", d.iban(S)))
    pairs.append(("[Toelichting|Waarom vraagt u dit aan?]", " ".join(_reasons(d, 1))))
    if d.chance(0.5):
        d.kv(pairs)
    else:
        for q, a in pairs:
            d.lines([f"{q}", f"   {a}"] if d.chance(0.5) else [f"{q}: {a}"])
    d.h(d.pick(("Wat gebeurt er nu?", "Hoe verder?", "Vervolg")))
    d.p(
        "[Een consulent neemt binnen 10 werkdagen contact met u op.|Wij beoordelen uw aanvraag "
        "en u krijgt binnen 8 weken een beslissing.|Mist er informatie? Dan nemen wij contact met "
        "u op.] [Klopt er iets niet? Neem dan contact met ons op via 14 0"
        + str(d.rng.randrange(10, 999))
        + ".|Geef wijzigingen direct aan ons door.|]"
    )
    d.lines(
        [
            d.pick(("Met vriendelijke groet,", "Vriendelijke groet,")),
            d.pick((f"Team {c.department()}", c.department(), f"{c.municipality}")),
        ]
    )


def counter_form(d: Doc) -> None:
    """A melding or aanvraag filled in at the counter or at home, with the consulent."""
    c = d.case
    S = c.subject
    cons = c.pro("consulent")
    what = _request(d).removeprefix("een ")
    d.h(
        d.pick(
            (
                f"Meldingsformulier {what}",
                "Melding hulpvraag (ingevuld aan de balie)",
                f"Aanvraag {what} - ingevuld met medewerker",
                "Meldingsformulier (balie)",
            )
        )
    )
    d.lines([f"{c.municipality} - {c.department()}"])
    d.kv(
        [
            (
                "[Ingevuld door|Opgenomen door]",
                d.n(cons, "initials", "full")
                + d.pick(("", " samen met aanvrager", ", met de aanvrager")),
            ),
            ("[Datum melding|Datum]", d.fdate(style="dash")),
            (
                "[Wijze van melden|Melding via]",
                d.pick(("balie", "telefonisch", "huisbezoek", "Wmo-loket", "inloopspreekuur")),
            ),
        ]
    )
    _person_section(d, d.pick(("Gegevens aanvrager", "Aanvrager", "Persoonsgegevens")))
    d.h(d.pick(("Wat vraagt de aanvrager?", "Hulpvraag aanvrager", "Aanvraag")))
    d.p(f"[Aanvrager vraagt|Mevrouw/meneer vraagt|Gevraagd wordt] {_request(d)}.")
    d.h(d.pick(("In eigen woorden", "Toelichting aanvrager", "Reden van de aanvraag")))
    d.p(" ".join(_reasons(d, d.rng.randrange(1, 3))), informal=True)
    d.lines(
        [
            f"{d.box(True)} Aanvrager is gewezen op [gratis cliëntondersteuning|de mogelijkheid "
            "van een persoonlijk plan]",
            f"{d.box(d.chance(0.6))} Kopie legitimatie gezien",
            f"{d.box(d.chance(0.5))} Aanvrager krijgt een ontvangstbevestiging",
        ]
    )
    d.kv(
        [
            ("Handtekening aanvrager", d.pick((d.n(S, "full", "initials"), "(getekend)"))),
            ("Handtekening medewerker", d.pick((d.n(cons, "initials"), "(getekend)", "paraaf"))),
        ]
    )


def intake_form(d: Doc) -> None:
    """A completed intake form for the application: the citizen's own answers, boxes ticked."""
    c = d.case
    d.h(
        d.pick(
            (
                "Intakeformulier",
                "INTAKEFORMULIER AANVRAAG",
                f"Intakeformulier {c.department()}",
                "Aanmeld- en intakeformulier",
            )
        )
    )
    d.lines(
        [
            d.pick(
                (
                    "Vul dit formulier in vóór uw intakegesprek.",
                    "Neem dit formulier mee naar het gesprek.",
                    "In te vullen door de aanvrager.",
                )
            ),
        ]
    )
    _person_section(d, d.pick(("A. Uw gegevens", "Persoonlijke gegevens", "Gegevens")))
    d.h(d.pick(("B. Waarvoor komt u?", "Uw vraag", "Aanvraag")))
    d.p(f"Ik [vraag|wil graag] {_request(d)}[ aan|].", informal=True)
    d.h(d.pick(("C. Vragen", "Uw situatie", "Vragenlijst")))
    for q, a in _answers(d):
        d.lines([f"{q}  {a}"])
    if d.chance(0.5):
        _household_section(d)
    d.h(d.pick(("D. Toelichting", "Wat wilt u nog kwijt?", "Opmerkingen")))
    d.p(" ".join(_reasons(d, d.rng.randrange(1, 3))), informal=True)
    _signature(d)


BB_COSTS = (
    ("Wasmachine", (250, 600)),
    ("Koelkast", (200, 500)),
    ("Bed en matras", (180, 550)),
    ("Bezorgkosten", (20, 60)),
    ("Installatiekosten", (30, 80)),
    ("Verhuisbus huur", (80, 200)),
    ("Verhuisdozen", (15, 40)),
    ("Tandartsnota", (90, 700)),
    ("Bril", (120, 350)),
    ("Bewindvoeringskosten", (100, 180)),
    ("Eigen bijdrage advocaat", (150, 900)),
    ("Vloerbedekking", (150, 700)),
    ("Gordijnen", (60, 250)),
    ("Reiskosten ziekenhuisbezoek", (20, 120)),
)


def bb_cost_list(d: Doc) -> None:
    """An aanvraag bijzondere bijstand with a list of the costs and the attachments sent."""
    c = d.case
    S = c.subject
    d.title = "bijzondere bijstand"
    d.h(
        d.pick(
            (
                "Aanvraag bijzondere bijstand",
                "Aanvraagformulier bijzondere bijstand - specificatie kosten",
                "BIJZONDERE BIJSTAND: AANVRAAG",
                "Verzoek bijzondere bijstand",
            )
        )
    )
    d.lines([c.municipality + d.pick(("", f" - {c.department()}"))])
    d.kv(
        [
            ("Naam aanvrager", d.n(S, "full", "official")),
            ("BSN", d.bsn(S)),
            ("Adres", d.addr(S)),
            ("IBAN", d.iban(S)),
        ]
    )
    d.h(
        d.pick(
            (
                "Kosten waarvoor ik bijzondere bijstand vraag",
                "Specificatie van de kosten",
                "Overzicht kosten",
            )
        )
    )
    rows = [["Omschrijving", "Datum", "Bedrag"]]
    total = 0.0
    for name, (lo, hi) in d.rng.sample(BB_COSTS, d.rng.randrange(2, 6)):
        amt = round(d.rng.uniform(lo, hi), 2)
        total += amt
        rows.append([name, d.fdate(d.days(-50, 5), "dash"), money(None, amt, "plain")])
    rows.append(["Totaal", "", money(None, total, "plain")])
    d.table(rows)
    d.h(d.pick(("Waarom kunt u deze kosten niet zelf betalen?", "Toelichting")))
    d.p(
        d.pick(
            (
                "Ik heb alleen een uitkering en geen spaargeld. [De oude|Mijn] "
                "[wasmachine|koelkast|bed] is kapot.",
                "Ik ben net verhuisd en had geen geld voor [inrichting|de verhuizing].",
                "Deze kosten waren onverwacht en ik kan ze niet betalen uit mijn inkomen.",
            )
        ),
        informal=True,
    )
    d.h(d.pick(("Bijlagen", "Meegestuurd")))
    d.lines(
        [
            f"{d.box(True)} [offerte|nota|kassabon] van de kosten",
            f"{d.box(d.chance(0.7))} bankafschriften laatste [2|3] maanden",
            f"{d.box(d.chance(0.3))} [huurcontract|beschikking bewindvoering]",
        ]
    )
    _signature(d)


LAYOUTS = (
    bijstand_form,
    wmo_form,
    jeugd_form,
    debt_form,
    bijzondere_bijstand,
    formal_letter,
    informal_letter,
    portal_summary,
    kwijtschelding,
    short_request,
    digital_confirmation,
    paper_form,
    request_letter,
    wmo_melding,
    receipt_confirmation,
    counter_form,
    intake_form,
    bb_cost_list,
)
# Law-specific forms are picked only for their own law.
LAW_LAYOUTS = {
    "participatiewet": (bijstand_form, bijzondere_bijstand, kwijtschelding, bb_cost_list),
    "wmo": (wmo_form, wmo_melding),
    "jeugdwet": (jeugd_form,),
    "schuldhulpverlening": (debt_form, kwijtschelding, bb_cost_list),
}
GENERIC = (
    formal_letter,
    informal_letter,
    portal_summary,
    short_request,
    digital_confirmation,
    paper_form,
    request_letter,
    receipt_confirmation,
    counter_form,
    intake_form,
)
EMAIL_BODIES = (short_request, informal_letter, formal_letter)
