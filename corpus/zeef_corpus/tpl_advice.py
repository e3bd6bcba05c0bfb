"""`medical_advice`: an adviser's advice on capacity or needs, without diagnoses."""

from __future__ import annotations

from zeef_corpus import letters as L
from zeef_corpus.doc import Doc

LIMITS = (
    "beperkingen in het persoonlijk functioneren (concentratie, tempo)",
    "beperkingen ten aanzien van tillen en dragen",
    "beperkingen in het lopen, staan en traplopen",
    "beperkingen in het sociaal functioneren",
    "beperkingen ten aanzien van werken onder tijdsdruk",
    "beperkingen ten aanzien van langdurig zitten",
    "beperkingen ten aanzien van bukken, knielen en hurken",
    "beperkingen in het omgaan met conflicten",
    "beperkingen in de energetische belastbaarheid",
    "beperkingen ten aanzien van reiken en repeterende arm- en handbewegingen",
    "beperkingen ten aanzien van nachtwerk en onregelmatige werktijden",
    "beperkingen in de mobiliteit buitenshuis",
    "beperkingen bij het uitvoeren van zware huishoudelijke taken",
    "beperkingen in de zelfredzaamheid bij financiële administratie",
)
HOURS = (
    "maximaal 4 uur per dag",
    "maximaal 20 uur per week",
    "maximaal 2 uur per dag, op te bouwen",
    "ongeveer 6 uur per dag",
    "maximaal 3 dagen van 4 uur",
    "16 uur per week",
    "volledig (40 uur per week)",
)
DURATIONS = ("3 maanden", "6 maanden", "een jaar", "12 maanden", "twee jaar", "onbepaalde tijd")
WMO_ADVICE = (
    (
        "huishoudelijke hulp",
        "Er is een medische noodzaak voor ondersteuning bij zware huishoudelijke taken, zoals "
        "stofzuigen, dweilen en het verschonen van bedden.",
    ),
    (
        "traplift",
        "Gezien de beperkingen in traplopen is een traplift [medisch noodzakelijk|medisch te "
        "onderbouwen]; verhuizen naar een gelijkvloerse woning is [een reëel alternatief|gezien "
        "de situatie niet wenselijk].",
    ),
    (
        "scootmobiel",
        "De loopafstand is beperkt tot [ongeveer 100 meter|minder dan 200 meter|enkele tientallen "
        "meters]. Een scootmobiel is [passend|geïndiceerd] voor de mobiliteit in de directe "
        "woonomgeving.",
    ),
    (
        "rolstoel",
        "Betrokkene is voor verplaatsingen buitenshuis aangewezen op een rolstoel; zelfstandig "
        "voortbewegen is [niet|beperkt] mogelijk.",
    ),
    (
        "woningaanpassing",
        "Aanpassing van de badkamer (douchezitje, beugels, drempelloos) is [medisch "
        "geïndiceerd|noodzakelijk] om zelfstandig te kunnen douchen.",
    ),
    (
        "vervoersvoorziening",
        "Gebruik van het openbaar vervoer is [niet mogelijk|niet verantwoord] zonder begeleiding; "
        "een indicatie voor collectief vervoer wordt geadviseerd.",
    ),
    (
        "begeleiding individueel",
        "Er is een ondersteuningsbehoefte bij het structureren van de dag en het regelen van de "
        "administratie. Begeleiding [2 uur per week|3 uur per week|1 dagdeel per week] is passend.",
    ),
    (
        "gehandicaptenparkeerkaart",
        "Betrokkene kan [niet meer dan 100 meter|minder dan 100 meter] zelfstandig lopen, ook met "
        "hulpmiddel. De beperkingen zijn [langdurig|blijvend] (langer dan 6 maanden).",
    ),
    (
        "medische urgentie woning",
        "Er is [geen|wel een] medische noodzaak voor urgentie; de huidige woning is [passend met "
        "aanpassingen|niet langer geschikt].",
    ),
)
ADVICE_PHRASES = (
    "Er zijn geen medische bezwaren tegen [het volgen van een re-integratietraject|passende "
    "arbeid|deelname aan een werkervaringsplek|het verrichten van vrijwilligerswerk].",
    "Betrokkene is [op dit moment|voorlopig|tijdelijk] niet belastbaar voor "
    "[arbeid|re-integratieactiviteiten|een werkervaringsplaats].",
    "Betrokkene is belastbaar voor [lichte|licht fysieke|aangepaste] werkzaamheden, {hours}.",
    "Er is sprake van {limit} en {limit}.",
    "De beperkingen zijn naar verwachting [tijdelijk|blijvend|van lange duur], herbeoordeling "
    "over {dur} wordt geadviseerd.",
    "Advies: [volledige|gedeeltelijke|tijdelijke] ontheffing van de arbeidsverplichtingen voor de "
    "duur van {dur}.",
    "Advies: geen ontheffing; betrokkene kan [met aanpassingen|binnen de aangegeven beperkingen] "
    "aan de arbeidsverplichtingen voldoen.",
    "Er is een medische indicatie voor [begeleiding|huishoudelijke ondersteuning|aanpassing van "
    "de woning].",
    "Vanuit medisch oogpunt is [geen|beperkte] belemmering aanwezig om de aangeboden activiteit "
    "te starten.",
    "De belastbaarheid is [afgenomen|stabiel|toegenomen] ten opzichte van het vorige advies.",
    "Werk in een prikkelarme omgeving met vaste structuur en een vaste begeleider is "
    "[wenselijk|aan te bevelen].",
    "Betrokkene kan [niet|beperkt] aan sollicitatieverplichtingen voldoen.",
    "Het opbouwen van activiteiten in een rustig tempo, te beginnen met {hours}, is haalbaar.",
)
DISCLAIMERS = (
    "Dit advies bevat geen medische gegevens. De medische informatie berust bij de medisch "
    "adviseur.",
    "Conform de privacywetgeving worden diagnoses en medische details niet vermeld.",
    "De onderliggende medische gegevens vallen onder het medisch beroepsgeheim en zijn niet "
    "opgenomen in dit advies.",
    "Medische informatie is opgevraagd bij de behandelaar(s) en door de adviseur beoordeeld; deze "
    "wordt niet met de gemeente gedeeld.",
    "Voor vragen over dit advies kunt u contact opnemen met de adviseur; medische gegevens kunnen "
    "niet worden verstrekt.",
    "Dit advies is opgesteld op basis van een spreekuurcontact en informatie van de behandelend "
    "sector.",
)


def _fill(d: Doc, s: str) -> str:
    a, b = d.rng.sample(LIMITS, 2)
    return (
        d.s(s)
        .replace("{limit}", a, 1)
        .replace("{limit}", b, 1)
        .replace("{hours}", d.pick(HOURS))
        .replace("{dur}", d.pick(DURATIONS))
    )


def _phrases(d: Doc, k: int) -> list[str]:
    return [_fill(d, s) for s in d.rng.sample(ADVICE_PHRASES, k)]


def formal_report(d: Doc) -> None:
    c = d.case
    S, adv, cons = c.subject, c.pro("adviser"), c.pro("consulent")
    o = c.org("advice")
    L.letterhead(d, o)
    L.org_recipient(
        d, c.municipality_org(), attn=d.pick((d.n(cons, "formal_init", "initials"), c.department()))
    )
    L.meta(
        d,
        subject=d.s(
            "[Medisch advies|Advies belastbaarheid|Sociaal-medisch advies|Advies] "
            f"{d.n(S, 'formal_init', 'initials')}"
        ),
        extra=[
            (
                "[Uw aanvraag van|Adviesaanvraag d.d.|Datum aanvraag]",
                d.fdate(d.days(-40, -7), "dash"),
            )
        ],
    )
    L.salutation(d, cons, d.pick(("formal", "colleague")))
    d.p(
        "[Naar aanleiding van|In antwoord op|Op basis van] uw [adviesvraag|aanvraag om "
        f"advies|verzoek] [van|d.d.] {d.fdate(d.days(-40, -7))} "
        f"[heb ik|hebben wij] {d.n(S, 'formal', 'formal_init')} [op het spreekuur "
        "gezien|gesproken|telefonisch gesproken|beoordeeld op basis van dossierinformatie]."
    )
    d.h(d.pick(("Vraagstelling", "Vraagstelling:", "Uw vraag", "Adviesvraag")))
    d.p(
        d.pick(
            (
                "Is betrokkene in staat om te werken, en zo ja, hoeveel uur per week?",
                "Kan betrokkene voldoen aan de arbeidsverplichtingen uit de Participatiewet?",
                "Wat zijn de mogelijkheden en beperkingen van betrokkene ten aanzien van arbeid?",
                "Is er een medische grond voor (tijdelijke) ontheffing van de arbeidsverplichting?",
                "Welke ondersteuning is vanuit medisch oogpunt noodzakelijk?",
            )
        )
    )
    d.h(d.pick(("Beantwoording", "Advies", "Beoordeling", "Bevindingen en advies")))
    ps = _phrases(d, d.rng.randrange(2, 5))
    if d.chance(0.4):
        d.bullets(ps)
    else:
        d.ps(ps)
    d.h(d.pick(("Conclusie", "Samenvatting", "Advies")))
    d.p(_fill(d, d.pick(ADVICE_PHRASES)))
    if d.chance(0.7):
        d.p(d.pick(DISCLAIMERS))
    L.closing(d, adv, register=d.pick(("formal", "colleague")))
    if d.chance(0.6):
        d.lines([f"[BIG-nummer|BIG-registratie|BIG]: {d.pro_id(adv, 'big')}"])
    L.footer(d, o)


def wmo_advice(d: Doc) -> None:
    c = d.case
    S, adv = c.subject, c.pro("adviser")
    o = c.org("advice")
    what, text = d.pick(WMO_ADVICE)
    L.letterhead(d, o, style=d.pick(("block", "upper", "line")))
    d.h(
        d.pick(
            (
                f"Medisch advies {what}",
                "Advies Wmo",
                "MEDISCH ADVIES",
                f"Advies inzake {what}",
                "Sociaal-medisch advies Wmo",
            )
        )
    )
    d.kv(
        [
            ("[Cliënt|Naam|Betreft]", d.n(S, "initials", "formal_init", "official")),
            ("[Geboortedatum|Geb.datum]", d.birth(S)),
            ("[Adres|Woonadres]", d.addr(S)),
            ("[Aanvraag|Gevraagde voorziening]", what),
            ("[Datum advies|Datum]", d.fdate()),
            ("[Adviseur|Medisch adviseur]", d.n(adv, "titled", "initials")),
        ]
    )
    d.h(d.pick(("Advies", "Overwegingen en advies", "Bevindingen")))
    d.p(text)
    if d.chance(0.6):
        d.p(_fill(d, d.pick(ADVICE_PHRASES[7:])))
    d.p(
        f"[Duur van de beperkingen|De beperkingen zijn]: [{d.pick(DURATIONS)}|blijvend|naar "
        "verwachting langdurig]."
    )
    d.p(d.pick(DISCLAIMERS))
    L.closing(d, adv)


def exemption(d: Doc) -> None:
    c = d.case
    S, adv, cons = c.subject, c.pro("adviser"), c.pro("consulent")
    o = c.org("advice")
    L.letterhead(d, o, style=d.pick(("minimal", "right", "line")))
    d.h(
        d.pick(
            (
                "Advies ontheffing arbeidsverplichting",
                "Advies controlerend arts",
                "Uitkomst medische keuring",
                "Advies arbeidsverplichtingen Participatiewet",
            )
        )
    )
    d.kv(
        [
            ("Aan", d.n(cons, "initials", "full") + f", {c.department()}"),
            ("Betreft", d.n(S, "initials", "formal_init")),
            ("[BSN|Burgerservicenummer]", d.bsn(S)),
            ("Datum", d.fdate()),
        ]
    )
    dur = d.pick(DURATIONS[:4])
    choice = d.rng.randrange(3)
    if choice == 0:
        d.p(
            f"[Betrokkene|{d.N(S, 'formal')}] is [volledig|tijdelijk volledig|tijdelijk] ontheven "
            f"van de arbeidsverplichtingen voor de duur van {dur}."
        )
    elif choice == 1:
        d.p(
            f"[Betrokkene|{d.N(S, 'formal')}] is gedeeltelijk belastbaar: {d.pick(HOURS)}, met "
            f"{d.pick(LIMITS)}."
        )
    else:
        d.p(
            "Er is [geen medische grond|onvoldoende medische grond] voor ontheffing. "
            f"[Betrokkene|{d.N(S, 'formal')}] kan passende arbeid verrichten [binnen de "
            "aangegeven beperkingen|zonder urenbeperking]."
        )
    d.p(
        f"[Herbeoordeling|Heronderzoek|Nieuwe beoordeling] [na|over] {dur}[ of "
        "eerder bij wijziging van de situatie|]."
    )
    if d.chance(0.5):
        d.p(d.pick(DISCLAIMERS))
    L.closing(d, adv, register="formal")


def fml_table(d: Doc) -> None:
    c = d.case
    S, adv = c.subject, c.pro("adviser")
    d.h(
        d.pick(
            (
                "Functionele Mogelijkhedenlijst (FML)",
                "Overzicht belastbaarheid",
                "Belastbaarheidsprofiel",
                "Mogelijkhedenprofiel",
            )
        )
    )
    d.kv(
        [
            ("Naam", d.n(S, "official", "initials")),
            ("Geboortedatum", d.birth(S)),
            ("Datum beoordeling", d.fdate(style="dash")),
            ("Beoordelaar", d.n(adv, "titled", "initials") + f", {adv.function}"),
        ]
    )
    rubrics = (
        (
            "Persoonlijk functioneren",
            (
                "normaal",
                "beperkt: concentratie",
                "beperkt: tempo",
                "beperkt: verdelen van de aandacht",
            ),
        ),
        (
            "Sociaal functioneren",
            ("normaal", "beperkt: omgaan met conflicten", "beperkt: direct klantcontact"),
        ),
        (
            "Aanpassing aan fysieke omgevingseisen",
            ("normaal", "beperkt: hitte/koude", "beperkt: stof/rook"),
        ),
        (
            "Dynamische handelingen",
            (
                "normaal",
                "beperkt: tillen max 5 kg",
                "beperkt: lopen max 30 min",
                "beperkt: traplopen",
            ),
        ),
        (
            "Statische houdingen",
            (
                "normaal",
                "beperkt: zitten max 1 uur aaneengesloten",
                "beperkt: staan max 15 min",
                "beperkt: gebogen actief",
            ),
        ),
        (
            "Werktijden",
            (
                "geen beperking",
                "beperkt: max 4 uur per dag",
                "beperkt: max 20 uur per week",
                "geen nachtdiensten",
            ),
        ),
    )
    rows = [["Rubriek", d.pick(("Beoordeling", "Mogelijkheden", "Toelichting"))]]
    for r, opts in rubrics:
        rows.append([r, d.pick(opts)])
    d.table(rows)
    d.p(
        d.pick(
            (
                f"Conclusie: benutbare mogelijkheden aanwezig, {d.pick(HOURS)}.",
                "Conclusie: geen benutbare mogelijkheden gedurende de komende periode.",
                f"Toelichting: de beperkingen gelden voor {d.pick(DURATIONS)}.",
            )
        )
    )
    if d.chance(0.6):
        d.p(d.pick(DISCLAIMERS))


def short_memo(d: Doc) -> None:
    """A brief advice, as an e-mail body or memo."""
    c = d.case
    S, adv, cons = c.subject, c.pro("adviser"), c.pro("consulent")
    if d.chance(0.5):
        d.lines(
            [
                f"[Memo|MEMO|Adviesnotitie] {c.org('advice').name}",
                f"Aan: {d.n(cons, 'initials', 'full')}",
                f"Van: {d.n(adv, 'initials', 'titled')}",
                f"Datum: {d.fdate()}",
                f"Betreft: {d.n(S, 'initials', 'formal_init')}[, {d.birth(S)}|]",
            ]
        )
        d.blank()
    else:
        L.salutation(d, cons, d.pick(("colleague", "informal", "formal")))
    d.p(
        "[Naar aanleiding van|Op basis van|Na] [uw vraag|het spreekuur van "
        f"{d.fdate(d.days(-20, -2), 'dash')}|de ontvangen informatie] [over|inzake] "
        f"{d.n(S, 'formal', 'formal_init')} [kan ik u het volgende adviseren|mijn advies|het "
        "volgende]:"
    )
    for t in _phrases(d, d.rng.randrange(1, 4)):
        d.p(t)
    if d.chance(0.5):
        d.p(d.pick(DISCLAIMERS))
    L.closing(d, adv, register=d.pick(("colleague", "formal")))


def youth_advice(d: Doc) -> None:
    c = d.case
    S = c.subject
    child = c.tp("child")
    ja = c.pro("jeugdarts")
    d.h(
        d.pick(
            ("Advies jeugdarts", "Advies JGZ", "Advies inzet jeugdhulp", "Medisch advies jeugdhulp")
        )
    )
    d.kv(
        [
            ("Jeugdige", d.n(child, "full")),
            ("Geboortedatum", d.birth(child)),
            ("Ouder", d.n(S, "full", "formal_init")),
            ("Datum", d.fdate()),
        ]
    )
    d.p(
        f"[Er is sprake van|Bij {d.n(child, 'first')} is sprake van] een ondersteuningsbehoefte "
        "op het gebied van "
        "[concentratie en gedrag|sociale contacten|zelfstandigheid|schoolgang en "
        "structuur|slapen en dagritme]."
    )
    d.p(
        d.pick(
            (
                "Advies: [ambulante jeugdhulp|dagbehandeling|ouderbegeleiding|logeeropvang] is "
                "[passend|noodzakelijk] voor de duur van [6 maanden|een jaar].",
                "Advies: er is geen medische noodzaak voor specialistische jeugdhulp; "
                "ondersteuning via school en het jeugdteam volstaat.",
                "Advies: vervoer naar de dagbehandeling is medisch noodzakelijk; zelfstandig "
                "reizen is niet mogelijk.",
            )
        )
    )
    d.p(d.pick(DISCLAIMERS))
    L.closing(d, ja)


def employer_feedback(d: Doc) -> None:
    c = d.case
    S, adv = c.subject, c.pro("adviser")
    d.h(
        d.pick(
            (
                "Terugkoppeling spreekuur",
                "Advies na spreekuur",
                "Probleemanalyse (terugkoppeling)",
                "Terugkoppeling aan opdrachtgever",
            )
        )
    )
    d.kv(
        [
            ("Werknemer/cliënt", d.n(S, "full", "initials")),
            ("Datum spreekuur", d.fdate(d.days(-10, -1), "dash")),
            ("Opdrachtgever", c.municipality),
            ("[Arts|Bedrijfsarts|Adviseur]", d.n(adv, "titled", "initials")),
        ]
    )
    for t, txt in (
        ("[Arbeidsmogelijkheden|Mogelijkheden]", _fill(d, d.pick(ADVICE_PHRASES))),
        ("[Beperkingen|Belemmeringen]", f"Er zijn {d.pick(LIMITS)}."),
        (
            "[Verwachte duur|Prognose]",
            "[Herstel wordt verwacht binnen|De beperkingen duren naar verwachting] "
            f"{d.pick(DURATIONS)}.",
        ),
        ("[Advies|Advies aan opdrachtgever]", _fill(d, d.pick(ADVICE_PHRASES))),
        (
            "[Vervolg|Vervolgafspraak]",
            f"[Vervolgconsult over|Nieuw spreekuur over|Evaluatie na] {d.rng.randrange(3, 12)} "
            "weken.",
        ),
    ):
        if d.chance(0.85):
            d.h(t)
            d.p(txt)
    if d.chance(0.6):
        d.p(d.pick(DISCLAIMERS))


def debt_capacity(d: Doc) -> None:
    c = d.case
    S, adv, cons = c.subject, c.pro("adviser"), c.pro("consulent")
    o = c.org("advice")
    L.letterhead(d, o)
    L.meta(
        d,
        subject=d.s(
            "[Advies|Medisch advies] [zelfredzaamheid|schuldhulptraject|budgetbeheer] "
            f"{d.n(S, 'initials', 'formal_init')}"
        ),
        handler=adv,
    )
    L.salutation(d, cons)
    d.p(
        f"U vroeg mij of {d.n(S, 'formal')} [vanuit medisch oogpunt|gezien de gezondheid] in "
        "staat is [een schuldregeling te doorlopen|zelfstandig de financiën te beheren|afspraken "
        "na te komen]."
    )
    d.p(
        d.pick(
            (
                "Er zijn beperkingen in de zelfredzaamheid bij financiële administratie. "
                "Budgetbeheer of beschermingsbewind is [aan te bevelen|passend].",
                "Betrokkene is [in staat|goed in staat] om afspraken na te komen, mits deze "
                "schriftelijk worden bevestigd.",
                "Er is sprake van beperkingen in het overzicht houden en plannen; een traject met "
                "intensieve begeleiding wordt geadviseerd.",
            )
        )
    )
    d.p(d.pick(DISCLAIMERS))
    L.closing(d, adv)


def advice_form(d: Doc) -> None:
    c = d.case
    S, adv = c.subject, c.pro("adviser")
    d.h(
        d.pick(
            (
                "Adviesformulier medisch adviseur",
                "ADVIESFORMULIER",
                "Formulier medisch advies",
                "Uitkomst beoordeling",
            )
        )
    )
    d.kv(
        [
            ("Naam aanvrager", d.n(S, "official", "full")),
            ("BSN", d.bsn(S)),
            ("Datum", d.fdate(style="dash")),
        ]
    )
    opts = [
        "Geen beperkingen",
        "Beperkingen aanwezig, zie toelichting",
        "Tijdelijk niet belastbaar",
        "Blijvend niet belastbaar",
    ]
    chosen = d.rng.randrange(len(opts))
    d.lines([f"{d.box(k == chosen)} {o}" for k, o in enumerate(opts)])
    d.p(f"Toelichting: {_fill(d, d.pick(ADVICE_PHRASES))}")
    d.p(f"[Duur|Geldigheid advies]: {d.pick(DURATIONS)}")
    d.lines(
        [
            f"[Handtekening adviseur|Adviseur]: {d.n(adv, 'titled', 'initials')}",
            f"BIG: {d.pro_id(adv, 'big')}",
        ]
    )


# --- report-shaped advices: the adviser's own sections, addressed to the consulent -----------
# Real medical advices often look like reports (Vraagstelling, Bevindingen, Belastbaarheid,
# Advies, Beantwoording van de vragen). What makes them medical_advice is the author (an
# arts or medisch adviseur with a BIG number) and the addressee (the consulent), not the shape.
QUESTIONS = {
    "participatiewet": (
        "Is betrokkene in staat om arbeid te verrichten, en zo ja, hoeveel uur per week?",
        "Zijn er medische beperkingen voor het volgen van een re-integratietraject?",
        "Is er een medische grond voor (tijdelijke) ontheffing van de arbeidsverplichtingen?",
        "Welke aanpassingen zijn nodig om passende arbeid te kunnen verrichten?",
        "Hoe lang gelden de beperkingen naar verwachting?",
    ),
    "wmo": (
        "Welke beperkingen heeft cliënt in de zelfredzaamheid en participatie?",
        "Is de gevraagde voorziening vanuit medisch oogpunt noodzakelijk?",
        "Zijn de beperkingen langdurig of blijvend?",
        "Is cliënt in staat zelfstandig het huishouden te voeren?",
        "Kan cliënt zich zelfstandig buitenshuis verplaatsen?",
    ),
    "jeugdwet": (
        "Welke ondersteuningsbehoefte heeft de jeugdige?",
        "Is de gevraagde vorm van jeugdhulp vanuit medisch oogpunt passend?",
        "Is vervoer naar de hulp noodzakelijk?",
        "Hoe lang is de ondersteuning naar verwachting nodig?",
    ),
    "schuldhulpverlening": (
        "Is cliënt vanuit medisch oogpunt in staat een schuldregeling te doorlopen?",
        "Kan cliënt zelfstandig de financiële administratie voeren?",
        "Welke begeleiding is nodig om afspraken na te komen?",
        "Is er een medische grond voor uitstel van het traject?",
    ),
}
ANSWERS = (
    "Ja, binnen de aangegeven beperkingen.",
    "Nee, op dit moment niet.",
    "Gedeeltelijk: {hours}.",
    "Ja, de beperkingen zijn naar verwachting [blijvend|langdurig].",
    "De beperkingen gelden naar verwachting [{dur}|tot de herbeoordeling].",
    "Vanuit medisch oogpunt is dit [noodzakelijk|passend|niet noodzakelijk].",
    "Zie het advies hierboven.",
    "Begeleiding [bij het plannen|bij de administratie|in de vorm van vaste afspraken] is "
    "[aan te bevelen|noodzakelijk].",
)
FINDINGS = (
    "Betrokkene [is gezien op het spreekuur|is telefonisch gesproken|is thuis bezocht] op {date}. "
    "Daarnaast is informatie opgevraagd bij de behandelend sector.",
    "Het advies is gebaseerd op [een gesprek met betrokkene|het spreekuurcontact], de "
    "aanvraaggegevens en informatie van de behandelaar.",
    "Betrokkene geeft aan [moeite te hebben met|niet meer in staat te zijn tot] [lang staan en "
    "lopen|zware huishoudelijke taken|het aanhouden van een dagritme|het overzien van de post].",
    "Tijdens het gesprek [oogde betrokkene vermoeid|was betrokkene goed aanspreekbaar|had "
    "betrokkene moeite de aandacht vast te houden].",
    "De beperkingen zijn [objectiveerbaar|consistent met de verkregen informatie|aannemelijk].",
)


def _q(d: Doc, k: int) -> list[str]:
    pool = QUESTIONS[d.case.law]
    return d.rng.sample(pool, min(k, len(pool)))


def _findings(d: Doc, k: int) -> list[str]:
    return [
        _fill(d, s).replace("{date}", d.fdate(d.days(-30, -3), "dash"))
        for s in d.rng.sample(FINDINGS, k)
    ]


def _big_sign(d: Doc, adv) -> None:
    """Signature of a physician: name, function and BIG number, often 'arts'."""
    d.blank()
    d.lines(
        [
            d.pick(("Met vriendelijke groet,", "Met collegiale groet,", "Hoogachtend,", "")),
            d.n(adv, "titled", "initials", "full"),
            d.pick((adv.function, "arts", f"{adv.function}, arts", "arts M&G, medisch adviseur")),
            f"[BIG-nummer|BIG-registratie|BIG-nr.|BIG]: {d.pro_id(adv, 'big')}",
        ]
    )


def wmo_medical_report(d: Doc) -> None:
    """'Medisch advies Wmo' as a report: Vraagstelling, Bevindingen, Beperkingen, Advies."""
    c = d.case
    S, adv, cons = c.subject, c.pro("adviser"), c.pro("consulent")
    o = c.org("advice")
    what, text = d.pick(WMO_ADVICE)
    if d.chance(0.6):
        L.letterhead(d, o, style=d.pick(("block", "line", "minimal")))
    d.h(
        d.pick(
            (
                "Medisch advies Wmo",
                "MEDISCH ADVIES WMO",
                "Rapportage medisch advies Wmo",
                f"Medisch advies Wmo - {what}",
            )
        )
    )
    d.kv(
        [
            (
                "[Aan|Opdrachtgever|Aanvrager advies]",
                d.n(cons, "initials", "full")
                + f", {c.department('wmo') if c.law == 'wmo' else c.department()}",
            ),
            ("[Cliënt|Betreft|Naam cliënt]", d.n(S, "initials", "formal_init", "official")),
            ("[Geboortedatum|Geb.datum]", d.birth(S)),
            ("[Datum advies|Datum rapportage|Datum]", d.fdate(style="dash")),
            ("[Gevraagde voorziening|Aanvraag]", what),
        ]
    )
    d.h(d.pick(("1. Vraagstelling", "Vraagstelling", "Adviesvraag")))
    d.bullets(_q(d, d.rng.randrange(2, 4)), marker="1.")
    d.h(d.pick(("2. Bevindingen", "Bevindingen", "Gegevensverzameling")))
    d.ps(_findings(d, d.rng.randrange(1, 3)))
    d.h(d.pick(("3. Beperkingen", "Beperkingen", "Beperkingen en mogelijkheden")))
    d.bullets([lim[:1].upper() + lim[1:] for lim in d.rng.sample(LIMITS, d.rng.randrange(2, 4))])
    d.h(d.pick(("4. Advies", "Advies", "Conclusie en advies")))
    d.p(text)
    d.p(
        f"[Duur|Prognose]: de beperkingen zijn [{d.pick(DURATIONS)}|blijvend|naar verwachting "
        "langdurig] aanwezig."
    )
    if d.chance(0.7):
        d.p(d.pick(DISCLAIMERS))
    _big_sign(d, adv)


def work_capacity_report(d: Doc) -> None:
    """'Advies arbeidsmogelijkheden' / 'Sociaal-medisch advies' with a Belastbaarheid section."""
    c = d.case
    S, adv, cons = c.subject, c.pro("adviser"), c.pro("consulent")
    o = c.org("advice")
    L.letterhead(d, o, style=d.pick(("block", "right", "upper")))
    d.h(
        d.pick(
            (
                "Advies arbeidsmogelijkheden",
                "Sociaal-medisch advies",
                "Rapportage sociaal-medische beoordeling",
                "Advies belastbaarheid en arbeidsmogelijkheden",
            )
        )
    )
    d.kv(
        [
            ("Naam", d.n(S, "official", "initials", "formal_init")),
            ("[BSN|Burgerservicenummer]", d.bsn(S)),
            ("[Datum onderzoek|Datum spreekuur]", d.fdate(d.days(-20, -2), "dash")),
            ("[Consulent|Klantmanager|Aanvrager]", d.n(cons, "initials", "full")),
            ("[Medisch adviseur|Verzekeringsarts|Arts]", d.n(adv, "titled", "initials")),
        ]
    )
    d.h(d.pick(("Vraagstelling", "Vraagstelling consulent", "Aanleiding")))
    d.p(" ".join(_q(d, d.rng.randrange(1, 3))))
    d.h(d.pick(("Bevindingen", "Anamnese (zonder medische details)", "Onderzoek")))
    d.ps(_findings(d, d.rng.randrange(1, 3)))
    d.h(d.pick(("Belastbaarheid", "Belastbaarheid en beperkingen", "Mogelijkheden")))
    rows = [["Aspect", d.pick(("Belastbaarheid", "Beoordeling"))]]
    for aspect, opts in (
        ("Werkuren", HOURS),
        ("Fysiek", ("licht", "licht tot middelzwaar", "geen zware arbeid", "normaal")),
        ("Psychisch", ("rustige werkomgeving", "vaste structuur", "geen tijdsdruk", "normaal")),
        ("Sociaal", ("beperkt klantcontact", "normaal", "vaste collega's")),
    ):
        rows.append([aspect, d.pick(opts)])
    d.table(rows)
    d.h(d.pick(("Advies", "Advies aan de consulent", "Conclusie")))
    d.ps(_phrases(d, d.rng.randrange(1, 3)))
    if d.chance(0.6):
        d.p(d.pick(DISCLAIMERS))
    _big_sign(d, adv)
    if d.chance(0.5):
        L.footer(d, o)


def qa_advice(d: Doc) -> None:
    """An advice whose body is 'Beantwoording van de vragen': each question with its answer."""
    c = d.case
    S, adv, cons = c.subject, c.pro("adviser"), c.pro("consulent")
    o = c.org("advice")
    L.letterhead(d, o)
    L.org_recipient(d, c.municipality_org(), attn=d.n(cons, "formal_init", "initials"))
    L.meta(
        d,
        subject=d.s(
            f"[Advies|Medisch advies|Sociaal-medisch advies] inzake "
            f"{d.n(S, 'formal_init', 'initials')}"
        ),
    )
    L.salutation(d, cons, d.pick(("formal", "colleague")))
    d.p(
        "[In antwoord op|Naar aanleiding van] uw [adviesaanvraag|vragen] [beantwoord ik|"
        "beantwoorden wij] hieronder de [gestelde vragen|vragen uit uw aanvraag]. "
        f"[Ik heb|Wij hebben] {d.n(S, 'formal', 'formal_init')} [op het spreekuur gezien|"
        "gesproken]."
    )
    d.h(d.pick(("Beantwoording van de vragen", "Beantwoording vraagstelling", "Antwoorden")))
    for k, q in enumerate(_q(d, d.rng.randrange(2, 5)), 1):
        d.lines([f"{k}. {q}", f"[Antwoord: |]{_fill(d, d.pick(ANSWERS))}"])
    d.h(d.pick(("Toelichting", "Overwegingen")))
    d.p(_fill(d, d.pick(ADVICE_PHRASES)))
    if d.chance(0.7):
        d.p(d.pick(DISCLAIMERS))
    _big_sign(d, adv)


def ggd_report(d: Doc) -> None:
    """A GGD adviser's report to the municipality: Aanleiding, Gegevens, Beschouwing, Advies."""
    c = d.case
    S, adv, cons = c.subject, c.pro("adviser"), c.pro("consulent")
    region = c.city_name
    question = _q(d, 1)[0]
    d.lines(
        [
            d.pick(
                (
                    f"GGD {region}",
                    f"GGD regio {region}",
                    f"GGD {region} - Sociaal Medische Advisering",
                    f"GGD {region}, team Medische Advisering",
                )
            ),
            d.pick(("Vertrouwelijk", "Medisch advies - vertrouwelijk", "")),
        ]
    )
    d.h(d.pick(("Rapportage medisch advies", "Adviesrapport", "Sociaal-medisch adviesrapport")))
    d.kv(
        [
            ("Aan", d.n(cons, "full", "initials") + f", {c.municipality}"),
            ("Van", d.n(adv, "titled", "initials") + f", {d.pick(('arts', adv.function))}"),
            ("Betreft", d.n(S, "initials", "formal_init") + f", geb. {d.birth(S)}"),
            ("[Datum|Datum rapport]", d.fdate()),
            ("[Kenmerk|Ons kenmerk]", L.ref(d)),
        ]
    )
    for head, body in (
        (
            "[Aanleiding|Aanleiding en vraagstelling]",
            "[De gemeente vraagt advies over de volgende vraag|Uw vraag luidt|Vraagstelling]: "
            + question,
        ),
        ("[Gegevensverzameling|Werkwijze|Bronnen]", " ".join(_findings(d, 2))),
        (
            "[Beschouwing|Overwegingen|Bevindingen]",
            f"Er is sprake van {d.pick(LIMITS)}. " + _fill(d, d.pick(ADVICE_PHRASES)),
        ),
        ("[Conclusie en advies|Advies|Conclusie]", _fill(d, d.pick(ADVICE_PHRASES))),
    ):
        d.h(head)
        d.p(body)
    d.p(d.pick(DISCLAIMERS))
    _big_sign(d, adv)


def intake_advice_sheet(d: Doc) -> None:
    """A compact advice sheet filled in by the adviser: numbered headings, short answers."""
    c = d.case
    S, adv, cons = c.subject, c.pro("adviser"), c.pro("consulent")
    d.h(
        d.pick(
            (
                "Adviesrapport medisch adviseur",
                "Medische beoordeling - advies aan consulent",
                "Advies verzekeringsarts",
            )
        )
    )
    d.lines(
        [
            f"[Consulent|T.a.v.]: {d.n(cons, 'initials', 'full')}",
            f"[Cliënt|Betrokkene]: {d.n(S, 'official', 'initials')}",
            f"[Datum|d.d.]: {d.fdate(style='dash')}",
        ]
    )
    sections = [
        ("Vraagstelling", " ".join(_q(d, 1))),
        ("Bevindingen", _findings(d, 1)[0]),
        ("Beperkingen", "; ".join(d.rng.sample(LIMITS, 2)) + "."),
        ("Belastbaarheid", f"[Belastbaar|Benutbare mogelijkheden]: {d.pick(HOURS)}."),
        ("Advies", _fill(d, d.pick(ADVICE_PHRASES))),
        ("Herbeoordeling", f"[Over|Na] {d.pick(DURATIONS)}."),
    ]
    for k, (h, t) in enumerate(sections, 1):
        d.lines([f"{k}. {h}" if d.chance(0.6) else h.upper()])
        d.p(t)
    _big_sign(d, adv)


LAYOUTS = (
    formal_report,
    wmo_advice,
    exemption,
    fml_table,
    short_memo,
    youth_advice,
    employer_feedback,
    debt_capacity,
    advice_form,
    wmo_medical_report,
    work_capacity_report,
    qa_advice,
    ggd_report,
    intake_advice_sheet,
)
EMAIL_BODIES = (short_memo,)
