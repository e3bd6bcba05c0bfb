"""`third_party_tip`: someone else's report about the subject (cohabitation, work, assets)."""

from __future__ import annotations

import re

from zeef_corpus import letters as L
from zeef_corpus.doc import Doc
from zeef_corpus.people import Person
from zeef_corpus.spin import ucfirst

TOPICS = ("samenwonen", "zwart werken", "vermogen", "buitenland", "onderverhuur")
CARS = (
    "zwarte BMW",
    "grijze Audi A4",
    "witte bestelbus",
    "blauwe Golf",
    "rode Toyota",
    "zilveren Mercedes",
    "oude Opel Astra",
    "dure Range Rover",
    "zwarte Volkswagen Polo",
    "witte Tesla",
    "Peugeot 208",
)
ABROAD = {
    "moroccan": "Marokko",
    "turkish": "Turkije",
    "polish": "Polen",
    "surinamese": "Suriname",
    "antillean": "Curaçao",
}


def _who(d: Doc, S: Person, close: bool) -> str:
    """How a tipster refers to the subject."""
    if close:
        return d.n(S, "first", "full", "first")
    return d.pick(
        (
            d.n(S, "formal", "full", "formal"),
            f"{d.pick(('de', 'die'))} {S.g('man', 'vrouw')} [van|op] nummer {S.number}",
            d.n(S, "full"),
            f"mijn {S.g('buurman', 'buurvrouw')} {d.n(S, 'formal', 'first', 'full')}",
        )
    )


def facts(d: Doc, topic: str, close: bool = False) -> list[str]:
    c = d.case
    S = c.subject
    he, his = S.g("hij", "zij"), S.g("zijn", "haar")
    out: list[str] = []
    if topic == "samenwonen":
        bf = c.tp("boyfriend")
        bfn = d.n(bf, "full", "first", "full") if d.chance(0.7) else f"een {bf.g('man', 'vrouw')}"
        car = d.pick(CARS)
        pool = [
            "[Al maanden|Sinds de zomer|Sinds "
            f"{d.pick(('januari', 'maart', 'vorig jaar', 'de kerst'))}|Al meer dan een jaar] "
            f"woont {bfn} [gewoon|eigenlijk|gewoon] bij {_who(d, S, close)} in.",
            f"{bf.g('Hij', 'Zij')} [slaapt daar bijna elke nacht|is er elke dag|gaat er 's "
            "ochtends pas weg|heeft een sleutel].",
            f"[Elke avond|Iedere nacht|Bijna dagelijks] staat {bf.g('zijn', 'haar')} {car} met "
            f"kenteken {d.plate(bf)} [voor de deur|op de parkeerplaats|bij de flat].",
            f"{bf.g('Zijn', 'Haar')} [post wordt|pakketjes worden] [op dat adres|bij "
            f"{S.g('hem', 'haar')}|daar] bezorgd.",
            f"[De kinderen|De kleine] [noemen|noemt] {bf.g('hem papa', 'haar mama')}.",
            f"{bf.g('Hij', 'Zij')} [brengt de kinderen naar school|doet de boodschappen|maakt de "
            "auto schoon|zet de container aan de straat].",
            f"[Volgens mij staat|Er staat] {bf.g('zijn', 'haar')} naam [niet|gewoon niet] op de "
            f"brievenbus, maar {bf.g('hij', 'zij')} woont er echt.",
            f"{bf.g('Hij', 'Zij')} staat [ingeschreven|nog ingeschreven] [bij zijn moeder|op een "
            f"ander adres|in {d.pick(('Almere', 'Rotterdam', 'Den Haag', 'Arnhem'))}] maar is "
            "daar nooit.",
            "[Iedereen in de straat weet het.|Ik zie het elke dag vanuit mijn raam.|Ze doen ook "
            "niet eens moeite om het te verbergen.]",
        ]
        out += d.rng.sample(pool[:1], 1) + d.rng.sample(pool[1:], d.rng.randrange(2, 6))
        if d.chance(0.3):
            out.append(
                f"{bf.g('Hij', 'Zij')} staat [volgens mij|officieel] ingeschreven op "
                f"{d.addr(bf)}[ maar is daar nooit|]."
            )
    elif topic == "zwart werken":
        emp = c.tp("employer")
        biz = emp.extra.get("business", "het bedrijf")
        if d.chance(0.4):
            biz = "een " + biz.split(" ", 1)[1]
        pool = [
            f"{ucfirst(_who(d, S, close))} werkt [al tijden|sinds een paar maanden|elke "
            "dag|in de weekenden] [zwart|zonder dat de gemeente het weet] in "
            f"{biz} van {d.n(emp, 'full', 'first', 'formal')}.",
            f"{he.capitalize()} [krijgt contant betaald|wordt cash betaald|krijgt het geld in een "
            "envelop].",
            f"{he.capitalize()} [vertrekt|gaat] elke ochtend om {d.rng.randrange(5, 9)} uur [de "
            f"deur uit|met een busje mee] en komt pas [rond|na] {d.rng.randrange(16, 20)} uur "
            "thuis.",
            f"[Ik heb {S.g('hem', 'haar')} daar zelf zien werken|Mijn zoon heeft "
            f"{S.g('hem', 'haar')} daar gezien|Je ziet {S.g('hem', 'haar')} daar gewoon achter de "
            "toonbank staan].",
            f"De zaak is op {d.addr(emp)}."
            if d.chance(0.5)
            else f"Het busje heeft kenteken {d.plate(emp)}.",
            f"{he.capitalize()} [doet ook klusjes|knipt ook mensen aan huis|doet schoonmaakwerk] "
            "voor [mensen in de buurt|kennissen] [tegen betaling|voor 15 euro per uur].",
            f"[Ondertussen|Intussen|En ondertussen] krijgt {he} [gewoon|wel] een uitkering van de "
            "gemeente.",
        ]
        out += [pool[0]] + d.rng.sample(pool[1:], d.rng.randrange(2, 5))
    elif topic == "vermogen":
        pool = [
            f"{ucfirst(_who(d, S, close))} [rijdt sinds kort in|heeft ineens] een "
            f"{d.pick(CARS)} met kenteken {d.plate(S)}.",
            f"{he.capitalize()} heeft [een huis|een appartement|grond] in "
            f"{ABROAD.get(S.origin, d.pick(('Spanje', 'Turkije', 'Marokko', 'Polen')))} [dat "
            "verhuurd wordt|waar de familie in woont|].",
            f"{he.capitalize()} [heeft een erfenis gekregen|heeft geld gewonnen met gokken|heeft "
            "veel contant geld in huis|koopt steeds dure spullen].",
            "[Vorige maand|Laatst] [kwam er een nieuwe bank|stond er een nieuwe tv|werd er een "
            "nieuwe keuken] [geleverd|bezorgd].",
            f"{he.capitalize()} [heeft ook een rekening in het buitenland|spaart in goud|heeft "
            f"aandelen], [dat heeft {he} zelf verteld|dat weet ik zeker].",
            "[Ik snap niet hoe|Hoe kan het dat] iemand met een uitkering [zo kan leven|elk jaar "
            "drie keer op vakantie gaat].",
        ]
        out += [pool[0]] + d.rng.sample(pool[1:], d.rng.randrange(1, 4))
    elif topic == "buitenland":
        land = ABROAD.get(S.origin, d.pick(("Spanje", "Turkije", "Marokko", "Thailand")))
        pool = [
            f"{ucfirst(_who(d, S, close))} is [al|inmiddels] [{d.rng.randrange(2, 7)} "
            f"maanden|sinds de zomer|sinds kerst] in {land} en [de woning staat leeg|er woont "
            "iemand anders].",
            f"{he.capitalize()} gaat [elk jaar|twee keer per jaar|steeds] [maanden|lang] naar "
            f"{land}[ en meldt dat niet|].",
            "[De post stapelt zich op.|De gordijnen zijn al weken dicht.|Er brandt nooit licht.]",
            f"[{his.capitalize()} {c.tp('sibling').relation} "
            f"{d.n(c.tp('sibling'), 'first', 'full')} haalt de post op.|Een familielid komt af en "
            "toe de planten water geven.]",
        ]
        out += [pool[0]] + d.rng.sample(pool[1:], d.rng.randrange(1, 4))
    else:  # onderverhuur
        lodger = c.tp("lodger")
        pool = [
            f"{ucfirst(_who(d, S, close))} verhuurt [een kamer|de zolder|twee kamers] aan "
            f"[arbeidsmigranten|studenten|{d.n(lodger, 'full')}].",
            "[Er lopen steeds andere mensen in en uit.|Er wonen wel vier mensen.|Er staan fietsen "
            "en koffers in de gang.]",
            f"[De huurders betalen|{lodger.g('Hij', 'Zij')} betaalt] "
            f"[contant|{d.rng.randrange(300, 700)} euro per maand] [aan {S.g('hem', 'haar')}|].",
            f"{he.capitalize()} woont er zelf [bijna niet meer|maar half] en verblijft [bij "
            "familie|bij een vriend|in een ander huis].",
        ]
        out += [pool[0]] + d.rng.sample(pool[1:], d.rng.randrange(1, 4))
    return out


_THIRD = (
    (r"\bIk heb\b", "{M} heeft"),
    (r"\bik heb\b", "{m} heeft"),
    (r"\bIk zie\b", "{M} ziet"),
    (r"\bIk snap\b", "{M} snapt"),
    (r"\bdat weet ik\b", "dat weet {m}"),
    (r"\bIk weet\b", "{M} weet"),
    (r"\bMijn zoon\b", "De zoon van {m}"),
    (r"\bmijn raam\b", "het raam"),
    (r"\bmijn (buurman|buurvrouw)\b", r"de \1 van {m}"),
    (r"\bMijn (buurman|buurvrouw)\b", r"De \1 van {m}"),
    (r"\bIk\b", "{M}"),
    (r"\bik\b", "{m}"),
    (r"\bmijn\b", "de"),
    (r"\bMijn\b", "De"),
)


def third_person(s: str, who: str) -> str:
    """Rewrite a tipster's first-person sentence as reported speech ('Ik heb' -> 'melder heeft')."""
    for pat, rep in _THIRD:
        s = re.sub(pat, rep.replace("{M}", ucfirst(who)).replace("{m}", who), s)
    return s


def _topics(d: Doc) -> list[str]:
    t = [d.pick(TOPICS)]
    if d.chance(0.3):
        extra = d.pick(TOPICS)
        if extra not in t:
            t.append(extra)
    return t


def anonymous_letter(d: Doc) -> None:
    c = d.case
    S = c.subject
    d.informal = d.pick((0.3, 0.5, 0.7, 0.9))
    d.p(
        d.pick(
            (
                "Aan de gemeente,",
                f"Aan {c.municipality}",
                "Aan de sociale dienst",
                "Geachte heer/mevrouw,",
                "Aan de afdeling uitkeringen",
                "Beste gemeente,",
                "",
            )
        ),
        informal=True,
    )
    d.p(
        d.pick(
            (
                "Ik wil [graag|even|hierbij] [iets melden|een melding doen|u laten weten] over "
                f"{_who(d, S, False)} [op|van] {d.addr(S)}.",
                "Ik schrijf deze brief [anoniem|zonder naam] omdat ik [bang ben voor "
                "problemen|geen gedoe wil|in dezelfde straat woon].",
                f"Het [kan|mag] [toch|echt] niet dat {_who(d, S, False)} [een uitkering "
                "krijgt|van de gemeente leeft] terwijl er [van alles|zoveel] niet klopt.",
                "Ik vind het [niet eerlijk|oneerlijk|schandalig] tegenover mensen die wel hard "
                "werken.",
            )
        ),
        informal=True,
    )
    for t in _topics(d):
        ps = facts(d, t)
        if d.chance(0.5):
            d.p(" ".join(ps), informal=True)
        else:
            d.ps(ps, informal=True)
    d.p(
        d.pick(
            (
                "Ik hoop dat u hier iets mee doet.",
                "Graag [onderzoeken|uitzoeken]!",
                "Ik wil anoniem blijven.",
                "Doe hier aub iets mee.",
                "Dit is geen roddel, ik weet het zeker.",
            )
        ),
        informal=True,
    )
    d.lines(
        [
            d.pick(
                (
                    "Een bezorgde buurtbewoner",
                    "Een buurman",
                    "Een buurvrouw",
                    "Anoniem",
                    "iemand die het weet",
                    "N.N.",
                    "",
                )
            )
        ]
    )


def mma_report(d: Doc) -> None:
    c = d.case
    S = c.subject
    d.lines(
        [
            d.pick(
                (
                    "Meld Misdaad Anoniem",
                    "Stichting M. - Meld Misdaad Anoniem",
                    "M. Meld Misdaad Anoniem",
                )
            ),
            d.pick(
                ("Doorgemelde melding", "Melding ter informatie", "Anonieme melding - doorzending")
            ),
        ]
    )
    d.blank()
    d.kv(
        [
            (
                "[Meldingnummer|M-nummer|Kenmerk M.]",
                f"M{d.date.year}{d.rng.randrange(100000, 999999)}",
            ),
            ("[Datum melding|Ontvangen op]", d.fdate(d.days(-20, -1), "dash")),
            (
                "[Doorgezet naar|Ontvanger]",
                d.s(
                    f"{c.municipality}, "
                    "[team Handhaving|Sociale Recherche|afdeling Handhaving Werk en Inkomen]"
                ),
            ),
            (
                "[Categorie|Soort]",
                d.pick(
                    (
                        "Uitkeringsfraude",
                        "Fraude sociale zekerheid",
                        "Misbruik uitkering",
                        "Zwart werken",
                    )
                ),
            ),
        ]
    )
    d.h(d.pick(("Gegevens betrokkene", "Betrokkene", "Over wie gaat de melding")))
    pairs = [("Naam", d.n(S, "full", "initials")), ("Adres", d.addr(S))]
    if d.chance(0.5):
        pairs.append(
            (
                "[Geboortedatum|Leeftijd (geschat)]",
                d.birth(S) if d.chance(0.5) else f"ongeveer {d.rng.randrange(25, 60)}",
            )
        )
    d.kv(pairs)
    d.h(d.pick(("Inhoud melding", "Melding", "Omschrijving")))
    rep = []
    for t in _topics(d):
        rep += facts(d, t)
    d.p(" ".join(third_person(d.s(x), "de melder") for x in rep))
    if d.chance(0.6):
        bf = c.tp("boyfriend")
        d.kv(
            [
                (
                    "[Voertuig|Kenteken|Vervoermiddel]",
                    f"{d.pick(CARS)}, {d.plate(bf)}" if d.chance(0.6) else "onbekend",
                ),
                ("[Overige personen|Betrokken personen]", d.n(bf, "full")),
            ]
        )
    d.p(
        d.pick(
            (
                "De melder wenst anoniem te blijven. Er is geen terugkoppeling mogelijk.",
                "Deze informatie is afkomstig van een anonieme melder en niet geverifieerd.",
                "M. heeft de identiteit van de melder niet vastgelegd.",
            )
        )
    )


def web_form(d: Doc) -> None:
    c = d.case
    S = c.subject
    d.h(
        d.pick(
            (
                "Melding vermoeden fraude",
                "Melding misbruik uitkering",
                "Formulier: melding vermoeden van uitkeringsfraude",
                "Tip doorgeven: misbruik sociale voorzieningen",
                "Meldformulier fraude",
            )
        )
    )
    d.lines(
        [
            f"{c.municipality} - "
            f"{d.pick(('digitaal formulier', 'ingediend via de website', 'e-formulier'))}",
            f"[Ingediend op|Verzonden|Datum]: {d.fdate(style='dash')} "
            f"{d.rng.randrange(0, 24):02d}:{d.rng.randrange(60):02d}",
            f"[Referentie|Formuliernummer]: {L.ref(d, 'num')}",
        ]
    )
    d.h("1. Over wie gaat uw melding?")
    d.kv(
        [
            ("Naam", d.n(S, "full", "formal")),
            ("Adres", d.addr(S) if d.chance(0.8) else d.street(S)),
            ("Geboortedatum (indien bekend)", d.birth(S) if d.chance(0.3) else "onbekend"),
        ]
    )
    d.h("2. Wat wilt u melden?")
    topics = _topics(d)
    d.lines([f"{d.box(t in topics)} {t.capitalize()}" for t in TOPICS])
    d.h("3. Toelichting")
    ex = []
    for t in topics:
        ex += facts(d, t)
    d.p(" ".join(ex), informal=True)
    d.informal = d.pick((0.0, 0.2, 0.4))
    d.h("4. Sinds wanneer speelt dit?")
    d.p(
        d.pick(
            (
                "Ongeveer een half jaar",
                "sinds vorig jaar",
                "weet ik niet precies",
                "al jaren",
                f"sinds {d.pick(('januari', 'april', 'de zomer'))}",
            )
        )
    )
    d.h("5. Uw gegevens (niet verplicht)")
    if d.chance(0.5):
        tip = c.tp("tipster")
        d.author = tip
        d.kv(
            [
                ("Naam", d.n(tip, "full")),
                ("Telefoonnummer", d.phone(tip)),
                ("E-mailadres", d.mail(tip)),
            ]
        )
        d.p(f"Mogen wij contact met u opnemen? {d.pick(('Ja', 'Nee', 'Alleen per e-mail'))}")
    else:
        d.p(d.pick(("Melder heeft geen gegevens ingevuld.", "Anoniem", "(niet ingevuld)")))


def ex_partner_letter(d: Doc) -> None:
    c = d.case
    S = c.subject
    ex = c.tp("ex")
    d.author = ex
    d.informal = d.pick((0.1, 0.3, 0.5))
    d.lines(
        [d.n(ex, "full"), d.street(ex), d.town(ex)]
        + ([d.phone(ex, "mobile")] if d.chance(0.6) else [])
    )
    d.blank()
    d.lines(
        [
            f"{ex.city}, {d.fdate(style=d.pick(('dash', 'long')))}",
            "",
            f"Aan: {c.municipality}[, {c.department()}|, afdeling Handhaving|]",
        ]
    )
    d.blank()
    d.p("[Geachte heer/mevrouw,|Beste medewerker,|Geachte dame/heer,]")
    d.p(
        f"Ik ben de ex-partner van {d.n(S, 'full')}[, wij zijn in {d.rng.randrange(2015, 2025)} "
        "uit elkaar gegaan|, we hebben samen "
        f"{d.pick(('een zoon', 'een dochter', 'twee kinderen'))}|]. "
        "[Ik voel mij verplicht u het volgende te melden.|Ik wil u iets laten weten wat u moet "
        "weten.|Dit zit mij al heel lang dwars.]",
        informal=True,
    )
    for t in _topics(d):
        d.ps(facts(d, t, close=True), informal=True)
    d.p(
        d.pick(
            (
                "Ik weet dat dit misschien lijkt op wraak, maar het is echt waar.",
                "Ondertussen moet ik alles alleen betalen voor de kinderen.",
                "U mag mij altijd bellen voor meer informatie.",
                "Ik wil niet dat mijn naam bekend wordt bij [hem|haar].",
            )
        ),
        informal=True,
    )
    d.lines(["Met vriendelijke groet,", d.n(ex, "full", "first")])
    if d.chance(0.4):
        d.lines([d.mail(ex)])


def phone_note(d: Doc) -> None:
    c = d.case
    S = c.subject
    staff = c.pro(d.pick(("consulent2", "handhaver")))
    d.tag("tip_recorded_by_staff")
    d.h(
        d.pick(
            (
                "Telefoonnotitie melding",
                "Notitie telefonische melding",
                "Registratie tip",
                "Melding (telefonisch)",
            )
        )
    )
    anon = d.chance(0.5)
    tip = c.tp("tipster")
    pairs = [
        (
            "Datum/tijd",
            f"{d.fdate(style='dash')} {d.rng.randrange(8, 17):02d}:{d.rng.randrange(60):02d}",
        ),
        ("Aangenomen door", d.n(staff, "initials", "full")),
        ("Melder", "anoniem" if anon else f"{d.n(tip, 'full', 'formal')}, {d.phone(tip)}"),
        ("Betreft", f"{d.n(S, 'full', 'formal_init')}, {d.addr(S)}"),
    ]
    d.kv(pairs)
    d.h("Inhoud")
    ps = []
    for t in _topics(d):
        ps += facts(d, t)
    ps = [third_person(d.s(p), "melder") for p in ps]
    d.p(
        d.pick(
            (
                "Melder [belde en] [verklaart|geeft aan|meldt] het volgende:",
                "Melder deelt mee:",
                "[Volgens|Aldus] melder:",
            )
        )
    )
    if d.chance(0.5):
        d.bullets(ps)
    else:
        d.p(" ".join(ps))
    d.p(
        d.pick(
            (
                "Melder wil anoniem blijven."
                if anon
                else "Melder wil niet dat haar/zijn naam bekend wordt.",
                "Melder is bereid een verklaring af te leggen.",
                "Melding doorgezet naar handhaving.",
                "Actie: doorgeven aan team Handhaving.",
            )
        )
    )


def neighbour_email(d: Doc) -> None:
    c = d.case
    S = c.subject
    nb = c.tp("neighbour")
    d.author = nb
    d.informal = d.pick((0.4, 0.6, 0.9))
    d.p(
        d.pick(
            (
                "Beste gemeente,",
                "Hallo,",
                "Goedendag,",
                "Geachte heer/mevrouw,",
                "Aan wie het aangaat,",
            )
        ),
        informal=True,
    )
    d.p(
        f"Ik ben {d.n(nb, 'full', 'first')} en woon [naast|tegenover|onder|boven] "
        f"{_who(d, S, False)} [op|aan de] {d.street(nb)}.",
        informal=True,
    )
    for t in _topics(d):
        d.p(" ".join(facts(d, t)), informal=True)
    d.p(
        d.pick(
            (
                "Ik [hoor|hoop] graag wat u ermee doet.",
                "Mijn naam mag niet genoemd worden!!",
                "U kunt mij bereiken op " + d.phone(nb, "mobile") + ".",
                "Hopelijk gaat u dit onderzoeken.",
            )
        ),
        informal=True,
    )
    d.lines(
        [d.pick(("Groeten,", "Mvg", "gr", "Met vriendelijke groet,")), d.n(nb, "full", "first")]
    )


def family_tip(d: Doc) -> None:
    c = d.case
    S = c.subject
    fam = c.tp(d.pick(("sibling", "mother")))
    d.informal = d.pick((0.2, 0.4, 0.6))
    rel = {"zus": S.g("broer", "zus"), "broer": S.g("broer", "zus")}.get(
        fam.relation, S.g("zoon", "dochter")
    )
    d.p("[Geachte heer/mevrouw,|Beste mensen,|Aan de gemeente,]")
    d.p(
        "[Het is niet makkelijk om dit te schrijven, maar|Met pijn in mijn hart|Ik moet dit "
        f"kwijt:] ik ben {d.pick(('familie', 'de ' + fam.relation))} van {d.n(S, 'full')}, "
        f"[mijn|mijn eigen] {rel}.",
        informal=True,
    )
    for t in _topics(d):
        d.ps(facts(d, t, close=True), informal=True)
    d.p(
        "[Ik wil niet dat de familie weet dat ik dit gemeld heb.|Ik doe dit omdat het niet "
        "eerlijk is.|Ik hoop dat jullie hem/haar helpen in plaats van straffen.]",
        informal=True,
    )
    if d.chance(0.6):
        d.author = fam
        d.lines([d.n(fam, "full", "first"), d.phone(fam)])
    else:
        d.lines(["[Een familielid|Familie]"])


def landlord_tip(d: Doc) -> None:
    c = d.case
    S = c.subject
    ll = c.tp("landlord")
    d.author = ll
    d.lines([d.n(ll, "full", "initials"), d.addr(ll), d.phone(ll)])
    d.blank()
    d.lines(
        [
            f"{c.municipality}",
            "t.a.v. [afdeling Handhaving|Werk en Inkomen|de sociale recherche]",
        ]
    )
    d.blank()
    d.kv(
        [
            ("Datum", d.fdate()),
            ("Betreft", d.s(f"[melding|informatie over] huurder {d.n(S, 'formal_init', 'full')}")),
        ]
    )
    d.p("Geachte heer/mevrouw,")
    d.p(
        f"Ik ben eigenaar en verhuurder van de woning aan {d.addr(S)}, die ik sinds "
        f"{d.rng.randrange(2015, 2025)} verhuur aan {d.n(S, 'formal')}."
    )
    topic = d.pick(("samenwonen", "onderverhuur", "buitenland"))
    d.ps(facts(d, topic))
    d.p(
        "[Ik meld dit omdat ik niet betrokken wil worden bij eventuele fraude.|Ik heb de huurder "
        "hierop aangesproken maar kreeg geen antwoord.|Het huurcontract staat uitsluitend op naam "
        "van de huurder.]"
    )
    L.closing(d, ll, register="formal", function=False)


def social_media(d: Doc) -> None:
    c = d.case
    S = c.subject
    d.informal = d.pick((0.3, 0.6))
    d.p(d.pick(("Hallo,", "Geachte gemeente,", "Beste,")), informal=True)
    platform = d.pick(("Facebook", "Instagram", "TikTok", "Snapchat", "Marktplaats"))
    d.p(
        f"Ik stuur u [een paar screenshots|screenshots|foto's] van [het|de] {platform} van "
        f"{d.n(S, 'full', 'formal')}.",
        informal=True,
    )
    pool = [
        f"Daarop is te zien dat {S.g('hij', 'zij')} [op vakantie is in|weken in] "
        f"{d.pick(('Turkije', 'Dubai', 'Spanje', 'Marokko', 'Suriname', 'Thailand'))} [terwijl "
        f"{S.g('hij', 'zij')} een uitkering heeft|].",
        f"{S.g('Hij', 'Zij')} [verkoopt|biedt] [spullen|kleding|nagels|taarten|auto-onderdelen] "
        f"aan [via|op] {platform} en verdient daar [goed|flink] aan.",
        f"Op de foto's staat {S.g('hij', 'zij')} met {d.n(c.tp('boyfriend'), 'full', 'first')} en "
        "de kinderen, [als één gezin|samen in de woonkamer|bij de nieuwe auto].",
        f"In [de profielinfo|de bio] staat 'getrouwd met {d.n(c.tp('boyfriend'), 'first')}'.",
    ]
    d.ps(d.rng.sample(pool, d.rng.randrange(2, 5)), informal=True)
    d.lines(
        [
            d.pick(
                (
                    "(3 bijlagen)",
                    "Screenshot 1: vakantiefoto",
                    "Bijlagen: IMG_2291.jpg, IMG_2292.jpg",
                    "",
                )
            ),
            d.pick(("Groeten", "anoniem", "Een bezorgde burger")),
        ]
    )


def formal_named_letter(d: Doc) -> None:
    c = d.case
    S = c.subject
    tip = c.tp("tipster")
    d.author = tip
    L.recipient(d, tip, formal=False)
    d.lines(
        [
            c.municipality,
            "[t.a.v. afdeling Handhaving|Team Handhaving|Afdeling Werk en Inkomen]",
            c.municipality_org().street,
            f"{c.municipality_org().postcode} {c.city_name}",
        ]
    )
    d.blank()
    d.kv(
        [
            ("[Datum|Plaats en datum]", f"{tip.city}, {d.fdate()}"),
            ("Onderwerp", d.s("[Melding|Vermoeden van uitkeringsfraude|Melding misbruik]")),
        ]
    )
    d.p("Geachte heer/mevrouw,")
    d.p(
        "[Hierbij wil ik|Met deze brief wil ik] [melding maken van|u informeren over] [een "
        "situatie|een vermoeden van fraude] [in mijn buurt|] [betreffende|met betrekking tot] "
        f"{d.n(S, 'formal_init', 'formal')}, wonende aan de {d.street(S)}."
    )
    for t in _topics(d):
        d.ps(facts(d, t))
    d.p(
        f"Ik ben bereid dit toe te lichten. U kunt mij bereiken via {d.phone(tip)}[ of "
        f"{d.mail(tip)}|]."
    )
    L.closing(d, tip, register="formal", function=False)


LAYOUTS = (
    anonymous_letter,
    mma_report,
    web_form,
    ex_partner_letter,
    phone_note,
    neighbour_email,
    family_tip,
    landlord_tip,
    social_media,
    formal_named_letter,
)
EMAIL_BODIES = (neighbour_email, social_media, anonymous_letter, family_tip)
