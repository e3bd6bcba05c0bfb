"""`other`: everything else a citizen hands in (bills, contracts, letters, complaints)."""

from __future__ import annotations

from zeef_corpus import letters as L
from zeef_corpus.doc import Doc
from zeef_corpus.dutch import MONTHS, money
from zeef_corpus.world import Org

ENERGY = (
    "Eneco",
    "Vattenfall",
    "Essent",
    "Greenchoice",
    "Budget Energie",
    "Vandebron",
    "Energiedirect.nl",
    "Oxxio",
)
TELECOM = ("KPN", "Odido", "Vodafone", "Ziggo", "Lebara", "Simyo", "Youfone", "Ben")
GYMS = ("FitFabriek", "Basic-Fit", "SportCity", "Fit For Free", "TrainMore", "Sportschool De Toren")
INSURERS = ("CZ", "VGZ", "Zilveren Kruis", "Menzis", "DSW", "ONVZ", "Univé")


def _company(d: Doc, name: str) -> Org:
    c = d.case
    o = c.org("company-" + name, pool=(name,), fresh=True)
    o.name = name + d.pick(("", " B.V.", " N.V.", "", " Nederland"))
    return o


def _addressee(d: Doc) -> None:
    S = d.case.subject
    d.lines([d.N(S, "formal_init", "initials", "formal_init", "upper"), d.street(S), d.town(S)])
    d.blank()


def energy_bill(d: Doc) -> None:
    S = d.case.subject
    o = _company(d, d.pick(ENERGY))
    L.letterhead(d, o, style=d.pick(("upper", "line", "minimal", "logo")))
    _addressee(d)
    d.h(
        d.pick(
            (
                "Jaarafrekening",
                "Uw jaarnota energie",
                "Eindafrekening",
                "Jaarafrekening stroom en gas",
            )
        )
    )
    kwh = d.rng.randrange(1200, 4200)
    m3 = d.rng.randrange(400, 1600)
    d.kv(
        [
            ("Klantnummer", str(d.rng.randrange(10**7, 10**8))),
            ("Factuurdatum", d.fdate(style="dash")),
            ("Leveringsadres", d.addr(S)),
            (
                "Periode",
                f"{d.fdate(d.days(-380, -360), 'dash')} t/m {d.fdate(d.days(-15, -1), 'dash')}",
            ),
        ]
    )
    rows = [
        ["Omschrijving", "Verbruik", "Bedrag"],
        ["Elektriciteit normaal", f"{kwh // 2} kWh", money(None, kwh / 2 * 0.31, "plain")],
        [
            "Elektriciteit dal",
            f"{kwh - kwh // 2} kWh",
            money(None, (kwh - kwh // 2) * 0.29, "plain"),
        ],
        ["Gas", f"{m3} m3", money(None, m3 * 1.45, "plain")],
        ["Vaste leveringskosten", "", money(None, d.rng.uniform(60, 120), "plain")],
        ["Netbeheerkosten", "", money(None, d.rng.uniform(300, 500), "plain")],
        ["Vermindering energiebelasting", "", money(None, -d.rng.uniform(500, 650), "plain")],
    ]
    d.table(rows)
    paid = d.rng.uniform(1200, 2400)
    d.kv(
        [
            ("Totaal termijnbedragen betaald", money(None, paid)),
            ("Te betalen / terug", money(None, d.rng.uniform(-300, 400))),
        ]
    )
    d.p(
        f"[Uw nieuwe termijnbedrag wordt|Vanaf {MONTHS[d.date.month % 12]} betaalt u] "
        f"{money(None, d.rng.uniform(90, 220))} per maand."
    )
    L.footer(d, o)


def phone_bill(d: Doc) -> None:
    S = d.case.subject
    o = _company(d, d.pick(TELECOM))
    L.letterhead(d, o, style=d.pick(("upper", "line", "minimal")))
    _addressee(d)
    d.h(d.pick(("Factuur", "Uw factuur", "Maandfactuur", "Rekening mobiel")))
    d.kv(
        [
            ("Factuurnummer", str(d.rng.randrange(10**9, 10**10))),
            ("Klantnummer", str(d.rng.randrange(10**6, 10**7))),
            ("Factuurdatum", d.fdate(style="dash")),
            (
                "Periode",
                d.s(
                    f"[{MONTHS[d.date.month - 1]} {d.date.year}|1 t/m 30 "
                    f"{MONTHS[d.date.month - 1]}]"
                ),
            ),
            ("Mobiel nummer", d.phone(S, "mobile")),
        ]
    )
    rows = [
        ["Omschrijving", "Bedrag"],
        [
            d.pick(("Abonnement Unlimited", "Sim Only 10 GB", "Internet + TV Start", "Bundel 5GB")),
            money(None, d.rng.uniform(10, 60), "plain"),
        ],
        ["Buiten bundel", money(None, d.rng.uniform(0, 25), "plain")],
        ["BTW 21%", money(None, d.rng.uniform(2, 12), "plain")],
    ]
    d.table(rows)
    d.p(
        f"Het totaalbedrag wordt rond {d.fdate(d.days(5, 20), 'long')} afgeschreven van "
        f"{d.iban(S)}."
        if d.chance(0.6)
        else "Betaal binnen 14 dagen onder vermelding van het factuurnummer."
    )


def rental_contract(d: Doc) -> None:
    c = d.case
    S = c.subject
    person = d.chance(0.5)
    d.h(
        d.pick(
            (
                "HUUROVEREENKOMST WOONRUIMTE",
                "Huurovereenkomst",
                "Huurcontract zelfstandige woonruimte",
                "Huurovereenkomst kamer",
            )
        )
    )
    d.p("[De ondergetekenden|Ondergetekenden]:")
    if person:
        ll = c.tp("landlord")
        d.p(
            f"1. {d.n(ll, 'full', 'formal_init')}, wonende te {d.addr(ll)}, hierna te noemen "
            "'verhuurder',"
        )
    else:
        o = c.org("housing")
        d.p(
            f"1. {o.name}, gevestigd te {o.city}, [vertegenwoordigd door "
            f"{d.n(c.pro('housing'), 'initials')}|], hierna te noemen 'verhuurder',"
        )
    d.p(
        f"2. {d.n(S, 'formal_init', 'official')}, geboren op {d.birth(S)}, hierna te noemen "
        "'huurder',"
    )
    d.p("[verklaren te zijn overeengekomen als volgt:|komen het volgende overeen:]")
    arts = [
        f"Verhuurder verhuurt aan huurder de woonruimte gelegen aan {d.addr(S)}.",
        f"De huurovereenkomst gaat in op {d.fdate(d.days(-900, -30), 'long')} en is aangegaan "
        "voor [onbepaalde tijd|de duur van twee jaar|de duur van 12 maanden].",
        f"De huurprijs bedraagt {money(d.rng, d.rng.uniform(450, 1150))} per maand. De "
        f"servicekosten bedragen {money(d.rng, d.rng.uniform(15, 90))} per maand.",
        "De huur dient bij vooruitbetaling vóór de eerste van de maand te worden voldaan[ op "
        "rekening van verhuurder|].",
        f"Huurder betaalt een waarborgsom van {money(d.rng, d.rng.uniform(500, 1800))}.",
        "Het is huurder niet toegestaan de woonruimte geheel of gedeeltelijk onder te verhuren.",
        "Huurder zal de woonruimte zelf bewonen [met zijn/haar gezin|].",
        "Op deze overeenkomst zijn de Algemene Bepalingen Huurovereenkomst Woonruimte van "
        "toepassing.",
    ]
    for k, a in enumerate(arts[: d.rng.randrange(4, len(arts) + 1)]):
        d.p(f"Artikel {k + 1}. {a}" if d.chance(0.6) else f"{k + 1}. {a}")
    d.lines(
        [
            f"Aldus opgemaakt en in tweevoud ondertekend te {c.city_name} op "
            f"{d.fdate(d.days(-900, -30), 'dash')}.",
            "",
            "Verhuurder:                      Huurder:",
            "",
            "________________                ________________",
        ]
    )


def school_letter(d: Doc) -> None:
    c = d.case
    child = c.tp("child")
    o = c.org("school")
    teacher = c.pro("teacher")
    L.letterhead(d, o, style=d.pick(("block", "right", "minimal")))
    d.lines(
        [
            "[Aan de ouder(s)/verzorger(s) van|Aan de ouders van|Ouders/verzorgers van] "
            f"{d.n(child, 'full', 'first')}"
        ]
    )
    d.blank()
    d.lines([f"{o.city}, {d.fdate()}"])
    d.blank()
    d.p("[Beste ouder(s)/verzorger(s),|Geachte ouders,|Beste ouders,]")
    d.p(
        d.pick(
            (
                f"[Op|Van] {d.fdate(d.days(10, 40), 'weekday')} gaan we met de klas op "
                "schoolreisje naar [Walibi|de Efteling|het Dolfinarium|Artis]. "
                f"De kosten bedragen {money(d.rng, d.rng.uniform(25, 45))}. [Heeft u moeite met "
                "betalen? Neem dan contact op met de administratie.|]",
                "De vrijwillige ouderbijdrage voor dit schooljaar bedraagt "
                f"{money(d.rng, d.rng.uniform(30, 90))}. [U kunt dit bedrag overmaken naar de "
                "ouderraad.|Ook als u niet betaalt, doet uw kind mee aan alle activiteiten.]",
                "Wij nodigen u uit voor een [tienminutengesprek|rapportgesprek|oudergesprek] "
                f"over {d.n(child, 'first')} op {d.fdate(d.days(5, 30), 'weekday')}.",
                f"[Uw kind|{d.n(child, 'first')}] was de afgelopen periode [vaak|regelmatig] "
                "afwezig. Wij [willen|moeten] dit met u bespreken; bij veel verzuim zijn wij "
                "verplicht de leerplichtambtenaar in te lichten.",
            )
        )
    )
    d.p(d.pick(("Met vriendelijke groet,", "Hartelijke groet,", "Vriendelijke groeten,")))
    d.lines([d.n(teacher, "full", "initials"), teacher.function])


def housing_letter(d: Doc) -> None:
    c = d.case
    S = c.subject
    o = c.org("housing")
    emp = c.pro("housing")
    L.letterhead(d, o)
    L.recipient(d, S)
    L.meta(
        d,
        subject=d.pick(
            (
                "Huurverhoging per 1 juli",
                "Onderhoud aan uw woning",
                "Huurachterstand",
                "Melding overlast",
                "Uitnodiging gesprek",
                "Jaarlijkse servicekostenafrekening",
            )
        ),
        handler=emp,
    )
    L.salutation(d, S)
    d.p(
        d.pick(
            (
                "Per 1 juli [wordt|wijzigt] uw huur [verhoogd|aangepast] met "
                f"{d.pick(('3,1', '4,5', '5,5', '2,8'))}%. Uw nieuwe kale huur bedraagt "
                f"{money(d.rng, d.rng.uniform(500, 950))}.",
                f"In [week {d.rng.randrange(1, 52)}|de komende maanden] [vervangen wij de "
                "kozijnen|voeren wij schilderwerk uit|wordt de cv-ketel vervangen] in uw woning "
                f"aan de {d.street(S)}.",
                "Volgens onze administratie heeft u een huurachterstand van "
                f"{money(d.rng, d.rng.uniform(300, 2500))}. Wij verzoeken u dit bedrag binnen 14 "
                "dagen te betalen of contact met ons op te nemen voor een betalingsregeling.",
                "Wij hebben [meldingen|klachten] ontvangen over geluidsoverlast. Wij vragen u "
                "[rekening te houden met uw buren|contact met ons op te nemen].",
            )
        )
    )
    d.p(
        d.pick(
            (
                "Heeft u vragen? Bel ons op werkdagen tussen 9.00 en 17.00 uur.",
                "Wij rekenen op uw medewerking.",
                "",
            )
        )
    )
    L.closing(d, emp, org=o.name)


def gym_membership(d: Doc) -> None:
    S = d.case.subject
    gym = d.pick(GYMS)
    d.h(
        d.pick(
            (
                f"{gym} - Lidmaatschapsovereenkomst",
                f"Welkom bij {gym}!",
                f"{gym} – bevestiging opzegging",
                "Lidmaatschap",
            )
        )
    )
    d.kv(
        [
            ("Lidnummer", str(d.rng.randrange(10**6, 10**7))),
            ("Naam", d.n(S, "full", "initials")),
            ("Geboortedatum", d.birth(S)),
            ("E-mail", d.mail(S)),
            ("Club", f"{gym} {d.case.city_name} {d.pick(('Centrum', 'Noord', 'Zuid', ''))}"),
            ("Abonnement", d.pick(("Comfort", "Basic", "Premium", "Flex", "All-in"))),
            ("Maandbedrag", money(d.rng, d.rng.uniform(19.99, 44.99))),
            ("Ingangsdatum", d.fdate(d.days(-400, -10), "dash")),
            ("Incasso van", d.iban(S)),
        ]
    )
    d.p(
        d.pick(
            (
                "Je lidmaatschap is per maand opzegbaar na de eerste 52 weken.",
                "Je opzegging is verwerkt. Je laatste trainingsdag is "
                + d.fdate(d.days(10, 40), "long")
                + ".",
                "Veel plezier met trainen!",
            )
        )
    )


def parking_fine(d: Doc) -> None:
    c = d.case
    S = c.subject
    d.lines(
        [d.pick(("Centraal Justitieel Incassobureau", "CJIB", f"{c.municipality} - Parkeerbeheer"))]
    )
    d.blank()
    _addressee(d)
    d.h(
        d.pick(
            (
                "Beschikking",
                "Naheffingsaanslag parkeerbelasting",
                "Inleiding beschikking verkeersovertreding",
                "Aanmaning",
            )
        )
    )
    d.kv(
        [
            ("CJIB-nummer", str(d.rng.randrange(10**15, 10**16))),
            ("Betalingskenmerk", " ".join(str(d.rng.randrange(1000, 9999)) for _ in range(4))),
            ("Kenteken", d.plate(S)),
            ("Datum overtreding", d.fdate(d.days(-60, -10), "dash")),
            (
                "Pleeglocatie",
                f"{d.pick(('Stationsplein', 'Marktstraat', 'A2 hm 45,3', 'Kerkstraat'))}, "
                f"{c.city_name}",
            ),
            ("Feitcode", d.pick(("R315b", "VA042", "R397", "E205"))),
            (
                "Omschrijving",
                d.pick(
                    (
                        "geen parkeerbelasting betaald",
                        "snelheid overschreden met 12 km/h",
                        "rijden door rood licht",
                        "parkeren op een gehandicaptenparkeerplaats",
                    )
                ),
            ),
            ("Te betalen", money(d.rng, d.rng.uniform(40, 390))),
        ]
    )
    d.p(
        "[Betaal het bedrag binnen 8 weken.|Als u niet op tijd betaalt, wordt het bedrag "
        "verhoogd.|Bent u het niet eens met deze beschikking? U kunt binnen 6 weken beroep "
        "instellen.]"
    )


def noise_complaint(d: Doc) -> None:
    """The citizen's own complaint about a neighbour: not a tip (hard case)."""
    d.tag("own_letter_about_neighbour")
    c = d.case
    S = c.subject
    nb = c.tp("neighbour")
    d.informal = d.pick((0.2, 0.4, 0.7))
    d.lines([d.n(S, "full"), d.addr(S)])
    d.blank()
    d.lines(
        [
            d.pick(
                (
                    f"Aan: {c.org('housing').name}",
                    f"Aan: {c.municipality}, afdeling Openbare Orde",
                    "Aan de wijkagent",
                    "Aan: buurtbemiddeling",
                )
            )
        ]
    )
    d.blank()
    d.p("[Geachte heer/mevrouw,|Beste,|Hallo,]", informal=True)
    d.p(
        "Ik wil [een klacht indienen|klagen|melding maken] over [mijn buren|de overlast van] "
        f"{d.n(nb, 'full', 'formal')} op nummer {nb.number}.",
        informal=True,
    )
    pool = [
        "[Elke nacht|Bijna elke avond|Vooral in het weekend] staat de muziek [keihard|heel hard] "
        "aan tot [2|3|4] uur 's nachts.",
        f"{nb.g('Hij', 'Zij')} [schreeuwt tegen de kinderen|laat de hond de hele dag blaffen|zet "
        "afval in het portiek|rookt wiet op het balkon en het stinkt bij mij binnen].",
        "Ik heb al [meerdere keren|vaak] aangebeld maar er wordt niet opengedaan.",
        "Ik kan [niet slapen|niet meer tot rust komen] en word er [ziek|gek] van.",
        "Ook [hun|zijn|haar] bezoek parkeert steeds voor mijn [deur|garage] (kenteken "
        f"{d.plate(nb)}).",
        "Ik heb het al bij de woningbouw gemeld maar er gebeurt niks.",
        "Ik wil graag [bemiddeling|dat er iets aan gedaan wordt|een gesprek met de buren samen "
        "met iemand van u].",
    ]
    d.ps(d.rng.sample(pool, d.rng.randrange(2, 6)), informal=True)
    d.lines([d.pick(("Met vriendelijke groet,", "Groeten,", "Mvg,")), d.n(S, "first", "full")])


def newsletter(d: Doc) -> None:
    c = d.case
    if d.chance(0.6):
        S = c.subject
        d.lines(["[Aan de bewoners van|Aan de bewoner(s) van|Bewoners]", d.street(S), d.town(S)])
        d.blank()
    d.h(
        d.pick(
            (
                f"Nieuwsbrief {c.municipality}",
                "Wijkkrant " + d.pick(("Noord", "Oost", "De Hoven", "Centrum")),
                "Nieuws van het Sociaal Team",
                "Nieuwsbrief Voedselbank",
                "Buurthuis De Ontmoeting - nieuws",
            )
        )
    )
    d.lines(
        [
            f"{d.pick(('Editie', 'Nummer', 'Jaargang 12, nr.'))} {d.rng.randrange(1, 12)} – "
            f"{MONTHS[d.date.month - 1]} {d.date.year}"
        ]
    )
    items = [
        (
            "Gratis belastingaangifte-hulp",
            "Ook dit jaar helpen vrijwilligers u gratis met uw belastingaangifte. Aanmelden kan "
            "bij het wijkcentrum.",
        ),
        (
            "Energietoeslag",
            "Heeft u een laag inkomen? Kijk of u recht heeft op de energietoeslag. Aanvragen kan "
            "tot 1 oktober.",
        ),
        (
            "Repair Café",
            "Elke eerste zaterdag van de maand kunt u kapotte spullen laten repareren in het "
            "buurthuis.",
        ),
        (
            "Nieuwe openingstijden",
            "Het Sociaal Loket is vanaf volgende maand ook op donderdagavond open.",
        ),
        (
            "Koffieochtend",
            "Iedere dinsdag staat de koffie klaar voor alle buurtbewoners. Kom gezellig langs!",
        ),
        (
            "Vrijwilligers gezocht",
            "De voedselbank zoekt chauffeurs en sorteerders. Heeft u een paar uur per week tijd?",
        ),
        (
            "Kindpakket",
            "Kinderen uit gezinnen met een laag inkomen kunnen een bijdrage krijgen voor sport en "
            "cultuur.",
        ),
    ]
    for t, txt in d.rng.sample(items, d.rng.randrange(2, 5)):
        d.h(t)
        d.p(txt)
    d.p(
        d.pick(
            (
                "Afmelden voor deze nieuwsbrief? Stuur een e-mail naar "
                + c.municipality_org().email
                + ".",
                "Volg ons ook op Facebook!",
                "",
            )
        )
    )


def payslip(d: Doc) -> None:
    S = d.case.subject
    emp = d.pick(
        (
            "Uitzendbureau Randstad",
            "Tempo-Team",
            "Schoonmaakbedrijf Hygiëne BV",
            "PostNL Pakketten",
            "Thuiszorg Zuid",
            "Albert Heijn BV",
            "Start People",
        )
    )
    d.h(d.pick(("Loonstrook", "Salarisspecificatie", "Loonspecificatie", "Salarisstrook")))
    d.kv(
        [
            ("Werkgever", emp),
            ("Werknemer", d.n(S, "initials", "full")),
            ("Personeelsnummer", str(d.rng.randrange(1000, 99999))),
            (
                "Periode",
                f"{MONTHS[d.date.month - 1]} {d.date.year}"
                if d.chance(0.5)
                else f"week {d.rng.randrange(1, 52)}",
            ),
            ("BSN", d.bsn(S) if d.chance(0.5) else None),
            ("Uurloon", money(d.rng, d.rng.uniform(13.68, 18))),
        ]
    )
    gross = d.rng.uniform(400, 2600)
    rows = [
        ["Omschrijving", "Bedrag"],
        ["Brutoloon", money(None, gross, "plain")],
        ["Vakantiegeld 8%", money(None, gross * 0.08, "plain")],
        ["Loonheffing", money(None, -gross * 0.09, "plain")],
        ["Pensioenpremie", money(None, -gross * 0.05, "plain")],
        ["Nettoloon", money(None, gross * 0.94, "plain")],
    ]
    d.table(rows)
    d.p(f"Uitbetaald op rekening {d.iban(S)}." if d.chance(0.6) else "")


def insurance_policy(d: Doc) -> None:
    S = d.case.subject
    ins = d.pick(INSURERS)
    d.lines([ins, d.pick(("Polisblad", "Uw zorgverzekering " + str(d.date.year), "Polis"))])
    d.blank()
    _addressee(d)
    d.kv(
        [
            ("Polisnummer", str(d.rng.randrange(10**8, 10**9))),
            ("Verzekerde", d.n(S, "initials", "full")),
            ("Geboortedatum", d.birth(S)),
            (
                "Basisverzekering",
                d.pick(("Zorg Budget", "Natura Basis", "Restitutie", "Basis Select")),
            ),
            ("Aanvullend", d.pick(("geen", "Aanvullend 1 ster", "Tand Basis", "Gezinspakket"))),
            ("Eigen risico", money(None, d.pick((385, 485, 885)))),
            ("Premie per maand", money(d.rng, d.rng.uniform(128, 185))),
        ]
    )
    d.p(
        "[Dit polisblad vervangt alle eerdere polisbladen.|Controleer de gegevens op dit "
        "polisblad.]"
    )


def invitation(d: Doc) -> None:
    c = d.case
    S = c.subject
    cons = c.pro("consulent")
    o = c.municipality_org()
    L.letterhead(d, o, sub=c.department())
    L.recipient(d, S)
    L.meta(
        d,
        subject=d.pick(
            (
                "Uitnodiging gesprek",
                "Ontvangstbevestiging",
                "Uw aanvraag",
                "Afspraak",
                "Aanvullende informatie nodig",
            )
        ),
        handler=cons,
    )
    L.salutation(d, S)
    d.p(
        d.pick(
            (
                f"[Wij hebben uw aanvraag ontvangen op {d.fdate(d.days(-20, -2), 'long')}.|Op "
                f"{d.fdate(d.days(-20, -2), 'long')} hebben wij uw aanvraag ontvangen.|Dank voor "
                "uw aanvraag.] Wij nodigen u uit voor een gesprek op "
                f"{d.fdate(d.days(5, 20), 'weekday')} om "
                f"{d.rng.randrange(9, 16)}.{d.pick(('00', '30'))} uur.",
                "Hierbij bevestigen wij de ontvangst van uw aanvraag. Uw aanvraag heeft "
                f"zaaknummer {L.ref(d, 'zaak')}.",
                "Om uw aanvraag te kunnen beoordelen hebben wij nog [de volgende "
                "gegevens|aanvullende stukken] nodig: [bankafschriften van de afgelopen drie "
                "maanden|uw huurcontract|een loonstrook]. Wilt u deze uiterlijk "
                f"{d.fdate(d.days(10, 21), 'long')} aanleveren?",
            )
        )
    )
    d.p(
        d.pick(
            (
                "Neemt u een geldig identiteitsbewijs mee? Wij maken geen kopie; wij noteren "
                "alleen het documentnummer.",
                "Kunt u niet op deze datum? Neem dan contact met ons op.",
                "Stuur geen medische stukken mee.",
                "",
            )
        )
    )
    L.closing(d, cons, org=c.department())


LAYOUTS = (
    energy_bill,
    phone_bill,
    rental_contract,
    school_letter,
    housing_letter,
    gym_membership,
    parking_fine,
    noise_complaint,
    newsletter,
    payslip,
    insurance_policy,
    invitation,
)
# A municipal conversation report is not `other`: it is the municipality's own report
# about the case, `case_report` (tpl_case_report.py).
EMAIL_BODIES = (noise_complaint,)
