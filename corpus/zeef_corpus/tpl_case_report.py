"""`case_report`: the municipality's own reports and decisions about a case.

Conversation and home-visit reports, the Wmo research report, plans (plan van aanpak,
ondersteuningsplan, perspectiefplan), decision letters (beschikkingen), reports of a
case meeting and entries of the case journal: written by a consulent, klantmanager or
wijkteam, about the citizen in the third person or to them with "u", in sections
(Aanleiding, Hulpvraag, Situatie, Afspraken, Conclusie, Besluit, Bezwaar) and signed.

About a third of them (`DIAGNOSTIC_SHARE`) record a diagnosis, medication or
Zelfredzaamheid-Matrix (ZRM) scores. The FAQ says: record the limitation, not the
diagnosis; such a document carries the label fields ``diagnostic_language: true`` and
``disposition: review``. The others describe limitations only and keep the category's
disposition, ``archive``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from zeef_corpus import letters as L
from zeef_corpus.doc import Doc, plain_text
from zeef_corpus.dutch import money
from zeef_corpus.spin import ucfirst
from zeef_corpus.world import CREDITORS

DIAGNOSTIC_SHARE = 0.35

# --- diagnostic language ---------------------------------------------------------------
# (diagnosis as written in running text, medication, dose)
ADULT_DX = (
    ("diabetes type 2", "metformine", "500 mg twee keer per dag"),
    ("COPD", "salbutamol", "zo nodig twee pufjes"),
    ("een depressie", "sertraline", "50 mg per dag"),
    ("een hernia", "naproxen", "500 mg twee keer per dag"),
    ("artrose in beide knieën", "diclofenac", "50 mg twee keer per dag"),
    ("reumatoïde artritis", "methotrexaat", "15 mg per week"),
    ("hartfalen", "furosemide", "40 mg per dag"),
    ("een angststoornis", "oxazepam", "10 mg zo nodig"),
    ("PTSS", "sertraline", "100 mg per dag"),
    ("fibromyalgie", "amitriptyline", "10 mg voor de nacht"),
    ("epilepsie", "levetiracetam", "500 mg twee keer per dag"),
    ("beginnende dementie", "rivastigmine", "een pleister per dag"),
)
CHILD_DX = (
    ("ADHD", "methylfenidaat", "10 mg 's ochtends"),
    ("autisme (ASS)", "", ""),
    ("ADHD en dyslexie", "methylfenidaat", "18 mg per dag"),
    ("een angststoornis", "", ""),
    ("een hechtingsstoornis", "", ""),
)
# Zelfredzaamheid-Matrix: domains and the meaning of the scores 1 to 5.
ZRM_DOMAINS = (
    "Financiën",
    "Werk en opleiding",
    "Tijdsbesteding",
    "Huisvesting",
    "Huiselijke relaties",
    "Geestelijke gezondheid",
    "Lichamelijke gezondheid",
    "Middelengebruik",
    "Basale ADL",
    "Instrumentele ADL",
    "Sociaal netwerk",
    "Maatschappelijke participatie",
    "Justitie",
)
ZRM_SCORES = {
    1: "acute problematiek",
    2: "niet zelfredzaam",
    3: "beperkt zelfredzaam",
    4: "voldoende zelfredzaam",
    5: "volledig zelfredzaam",
}


# Every string that makes a report diagnostic: a report without the flag holds none.
DIAGNOSTIC_TERMS = (
    "diabetes",
    "COPD",
    "depressie",
    "hernia",
    "artrose",
    "artritis",
    "hartfalen",
    "angststoornis",
    "PTSS",
    "fibromyalgie",
    "epilepsie",
    "dementie",
    "ADHD",
    "dyslexie",
    "autisme",
    "hechtingsstoornis",
    "metformine",
    "salbutamol",
    "sertraline",
    "naproxen",
    "diclofenac",
    "methotrexaat",
    "furosemide",
    "oxazepam",
    "amitriptyline",
    "levetiracetam",
    "rivastigmine",
    "methylfenidaat",
    "ZRM",
    "Zelfredzaamheid-Matrix",
)
_TERM_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(t) for t in DIAGNOSTIC_TERMS) + r")(?!\w)", re.IGNORECASE
)


def diagnostic_terms_in(text: str) -> list[str]:
    """The diagnostic strings (diagnoses, medication, ZRM) that occur in `text`."""
    return _TERM_RE.findall(text)


# Limitations in lay terms, no diagnosis: what the FAQ asks a report to record.
LIMITS = {
    "adult": (
        "{W} {kan} niet lang staan en moet tussendoor vaak rusten.",
        "{W} heeft hulp nodig bij het huishouden, vooral bij zware taken zoals stofzuigen en "
        "het verschonen van het bed.",
        "{W} {kan} de trap niet meer zelfstandig op.",
        "{W} loopt met een rollator en kan buitenshuis alleen korte afstanden lopen.",
        "{W} {is} snel vermoeid en heeft na een drukke dag [een dag|tijd] nodig om te herstellen.",
        "{W} heeft moeite met het overzicht over de post en de administratie.",
        "{W} heeft structuur nodig; zonder vaste afspraken lukt het plannen van de dag niet.",
        "{W} {kan} geen zware boodschappen tillen.",
        "Douchen lukt alleen met hulp of met een douchestoel.",
        "{W} {kan} zich slecht concentreren en raakt [snel|gauw] het overzicht kwijt.",
        "{W} {kan} op dit moment niet meer dan [een paar|enkele] uur per dag actief zijn.",
        "Zelfstandig reizen met het openbaar vervoer lukt niet.",
        "{W} geeft aan dat de gezondheid wisselt; op slechte dagen lukt het huishouden niet.",
        "{W} {kan} niet lang achter elkaar zitten en moet regelmatig van houding wisselen.",
        "{W} heeft moeite met drukte en veel prikkels en trekt zich dan terug.",
        "Bukken en reiken gaan moeizaam; de onderste kastjes en de wasmachine zijn lastig.",
    ),
    "child": (
        "{kind} heeft moeite met het volgen van de les en raakt snel overprikkeld.",
        "{kind} krijgt woedeaanvallen als plannen onverwacht veranderen.",
        "{kind} slaapt slecht en is 's ochtends moeilijk op gang te krijgen.",
        "{kind} gaat [al enkele weken|sinds de herfstvakantie] niet of nauwelijks naar school.",
        "{kind} heeft weinig vriendjes en wordt op school buitengesloten.",
        "{kind} heeft veel structuur en voorspelbaarheid nodig.",
        "{kind} kan moeilijk omgaan met teleurstellingen en wordt dan [boos|verdrietig].",
    ),
}
DX_SENTENCES = (
    "{W} {is} bekend met {dx}.",
    "{W} heeft {dx} en gebruikt daarvoor {med}.",
    "Volgens de huisarts is er sprake van {dx}.",
    "{W} vertelt dat {hij} sinds [enkele jaren|een jaar|2019|2021] {dx} heeft.",
    "In verband met {dx} {is} {w} onder behandeling bij [de huisarts|de specialist|de "
    "praktijkondersteuner].",
    "Diagnose: {dx}. Medicatie: {med} ({dose}).",
)
MED_SENTENCES = (
    "{W} gebruikt {med} ({dose}).",
    "{W} gebruikt [dagelijks|sinds kort] {med} en is daardoor [overdag suf|snel moe].",
)
CHILD_DX_SENTENCES = (
    "Bij {kind} is [vorig jaar|in 2023|op de basisschool] {dx} vastgesteld.",
    "{kind} is bekend met {dx} en gebruikt {med}.",
    "Volgens de ouders is bij {kind} {dx} gediagnosticeerd.",
)

# --- per law -------------------------------------------------------------------------------
# What a case is about, and the decision that grants it.
REQUESTS = {
    "participatiewet": (
        (
            "algemene bijstand (levensonderhoud)",
            "Wij kennen u met ingang van {start} een bijstandsuitkering toe op grond van de "
            "Participatiewet, naar de norm voor een [alleenstaande|alleenstaande ouder].",
        ),
        (
            "bijzondere bijstand voor een wasmachine",
            "Wij kennen u bijzondere bijstand toe van {amount} voor de aanschaf van een "
            "wasmachine.",
        ),
        (
            "bijzondere bijstand voor inrichtingskosten",
            "Wij kennen u bijzondere bijstand toe van {amount} voor de inrichting van uw woning.",
        ),
        (
            "individuele inkomenstoeslag",
            "Wij kennen u een individuele inkomenstoeslag toe van {amount}.",
        ),
        (
            "ontheffing van de arbeidsverplichtingen",
            "Wij verlenen u tijdelijk ontheffing van de arbeidsverplichtingen, tot {end}.",
        ),
    ),
    "wmo": (
        (
            "huishoudelijke ondersteuning",
            "Wij kennen u een maatwerkvoorziening huishoudelijke ondersteuning toe van [2|3|4] "
            "uur per week, in natura, met ingang van {start}.",
        ),
        (
            "een scootmobiel",
            "Wij kennen u een scootmobiel in bruikleen toe met ingang van {start}.",
        ),
        (
            "een traplift",
            "Wij kennen u een traplift toe; de leverancier neemt binnen vier weken contact met "
            "u op.",
        ),
        (
            "individuele begeleiding",
            "Wij kennen u individuele begeleiding toe voor [3|4|6] uur per week, voor de duur "
            "van een jaar.",
        ),
        (
            "een woningaanpassing (badkamer)",
            "Wij kennen u een woningaanpassing toe: [een douchezitje en beugels|een drempelloze "
            "douche].",
        ),
        ("vervoer met de Regiotaxi", "Wij kennen u een Regiotaxipas toe met ingang van {start}."),
        ("dagbesteding", "Wij kennen u dagbesteding toe voor [twee|drie] dagdelen per week."),
    ),
    "jeugdwet": (
        (
            "ambulante jeugdhulp voor {kind}",
            "Wij kennen ambulante jeugdhulp toe voor {kind} met ingang van {start}, voor de duur "
            "van [zes maanden|een jaar].",
        ),
        (
            "ouderbegeleiding",
            "Wij kennen ouderbegeleiding toe voor [10|15|20] uur, te besteden binnen zes maanden.",
        ),
        (
            "logeeropvang voor {kind}",
            "Wij kennen logeeropvang toe voor {kind}, [twee|drie] weekenden per maand.",
        ),
        (
            "begeleiding van {kind} bij de schoolgang",
            "Wij kennen begeleiding toe voor {kind}, [4|6] uur per week, met ingang van {start}.",
        ),
    ),
    "schuldhulpverlening": (
        ("schuldhulpverlening", "Wij laten u toe tot schuldhulpverlening met ingang van {start}."),
        (
            "budgetbeheer",
            "Wij kennen u budgetbeheer toe voor de duur van [een jaar|achttien maanden].",
        ),
        (
            "een minnelijke schuldregeling",
            "Wij starten voor u een minnelijke schuldregeling met een looptijd van 18 maanden.",
        ),
        (
            "een saneringskrediet",
            "Wij kennen u een saneringskrediet toe; de kredietbank lost uw schulden in één keer "
            "af.",
        ),
    ),
}
HULPVRAAG = {
    "participatiewet": (
        "{W} heeft {req} aangevraagd; [de WW-uitkering is gestopt|het tijdelijke contract is "
        "niet verlengd|er is sinds de scheiding weinig inkomen].",
        "{W} {wil} graag aan het werk, maar weet niet goed hoe {hij} dat moet aanpakken.",
        "{W} vraagt {req} aan en heeft [geen|weinig] reserves.",
        "{W} heeft zich gemeld voor {req} na het einde van [het dienstverband|de "
        "ziektewetuitkering].",
    ),
    "wmo": (
        "{W} vraagt {req} aan om langer zelfstandig thuis te kunnen blijven wonen.",
        "{W} heeft een melding gedaan voor {req}.",
        "{W} {wil} graag weer zelf boodschappen doen en vraagt daarvoor {req}.",
        "De mantelzorger is overbelast; {w} vraagt {req}.",
    ),
    "jeugdwet": (
        "De ouders vragen hulp bij de opvoeding van {kind}.",
        "{W} maakt zich zorgen over {kind} en vraagt {req}.",
        "School heeft de ouders doorverwezen naar het jeugdteam; zij vragen {req}.",
        "De ouders willen dat {kind} weer rust krijgt en vragen {req}.",
    ),
    "schuldhulpverlening": (
        "{W} heeft schulden bij meerdere schuldeisers en wil weer overzicht krijgen.",
        "{W} heeft een huurachterstand en vraagt {req}.",
        "{W} vraagt {req} omdat de aflossingen niet meer op te brengen zijn.",
        "{W} durft de post niet meer open te maken en vraagt hulp bij de geldzaken.",
    ),
}
SITUATIE = (
    "{W} woont [alleen|met de kinderen|samen met {zijn} partner|met {zijn} gezin] in een "
    "[huurwoning|bovenwoning|benedenwoning|seniorenwoning] in {city}.",
    "{W} heeft een klein netwerk; {tp} helpt af en toe met [boodschappen|de administratie|"
    "vervoer].",
    "{W} ontvangt [een bijstandsuitkering|een WW-uitkering|AOW|loon uit een parttime baan].",
    "De woning is [netjes|redelijk op orde|rommelig] en [gelijkvloers|alleen via een trap "
    "bereikbaar].",
    "{tp} komt [dagelijks|een paar keer per week|in het weekend] langs.",
)
AFSPRAKEN = {
    "participatiewet": (
        "{W} levert binnen twee weken de bankafschriften van de afgelopen drie maanden aan.",
        "{W} schrijft zich in bij [twee uitzendbureaus|werk.nl|het Werkplein].",
        "De klantmanager meldt {hem} aan voor [het traject Werkfit|een taaltraject|een "
        "werkervaringsplaats].",
        "Over [zes|acht] weken volgt een evaluatiegesprek.",
        "{W} geeft wijzigingen in inkomen en woonsituatie direct door.",
    ),
    "wmo": (
        "De consulent vraagt [een offerte|advies van de ergotherapeut|een medisch advies] aan.",
        "{W} ontvangt binnen twee weken het verslag van het onderzoek.",
        "{W} bekijkt met {tp} welke taken de familie kan blijven doen.",
        "{W} informeert bij de zorgverzekeraar naar [een rolstoel|een douchestoel] in bruikleen.",
        "De consulent neemt binnen zes weken een besluit.",
    ),
    "jeugdwet": (
        "De gezinscoach komt de komende [zes|acht] weken wekelijks langs.",
        "School wordt uitgenodigd voor een overleg over {kind}.",
        "De ouders houden een dagboekje bij van de moeilijke momenten.",
        "Over drie maanden evalueren we het plan met het gezin.",
    ),
    "schuldhulpverlening": (
        "{W} levert alle openstaande post, aanmaningen en brieven van deurwaarders aan.",
        "De schuldhulpverlener controleert de beslagvrije voet.",
        "Er wordt een budgetplan opgesteld; vaste lasten gaan voortaan via budgetbeheer.",
        "{W} gaat geen nieuwe schulden aan en meldt nieuwe post direct.",
    ),
}
CONCLUSIE = {
    "participatiewet": (
        "{W} voldoet aan de voorwaarden voor {req}.",
        "Er is op dit moment geen recht op {req}; {w} heeft voldoende middelen.",
        "{W} {is} gemotiveerd, maar heeft eerst ondersteuning nodig voordat werk haalbaar is.",
    ),
    "wmo": (
        "{W} {kan} de belemmeringen niet zelf of met het netwerk oplossen; een "
        "maatwerkvoorziening is nodig.",
        "Met een algemene voorziening en hulp van {tp} is de zelfredzaamheid voldoende.",
        "Gebruikelijke hulp door huisgenoten volstaat voor een deel van de taken.",
    ),
    "jeugdwet": (
        "Ambulante jeugdhulp is nodig om de ouders en {kind} te ondersteunen.",
        "Het gezin kan met lichte ondersteuning vanuit het jeugdteam verder.",
        "Er is meer nodig dan het jeugdteam kan bieden; een verwijzing naar specialistische "
        "jeugdhulp volgt.",
    ),
    "schuldhulpverlening": (
        "De schulden zijn regelbaar; een minnelijke schuldregeling is haalbaar.",
        "Eerst moet de situatie stabiel worden; daarna wordt een schuldregeling aangevraagd.",
        "Budgetbeheer is nodig om nieuwe achterstanden te voorkomen.",
    ),
}
DENY = {
    "participatiewet": (
        "Wij wijzen uw aanvraag om {req} af.",
        "Wij wijzen uw aanvraag af, omdat uw vermogen boven de vermogensgrens ligt.",
    ),
    "wmo": (
        "Wij wijzen uw aanvraag om {req} af.",
        "Wij kennen geen maatwerkvoorziening toe; een algemene voorziening is passend.",
    ),
    "jeugdwet": (
        "Wij wijzen de aanvraag om {req} af; de hulp kan via school worden geboden.",
        "Wij kennen geen individuele voorziening toe; de vrij toegankelijke hulp van het "
        "jeugdteam volstaat.",
    ),
    "schuldhulpverlening": (
        "Wij wijzen uw verzoek om schuldhulpverlening af, omdat u in de afgelopen [vijf|drie] "
        "jaar al een schuldregeling heeft gehad.",
        "Wij wijzen uw verzoek af; u heeft de gevraagde stukken niet aangeleverd.",
    ),
}
LAW_REFS = {
    "participatiewet": (
        "Participatiewet, artikelen 11, 31, 32 en 43",
        "Participatiewet, artikel 35 (bijzondere bijstand)",
        "Participatiewet, artikel 36 (individuele inkomenstoeslag)",
        "Algemene wet bestuursrecht, artikel 4:2",
    ),
    "wmo": (
        "Wet maatschappelijke ondersteuning 2015, artikelen 2.3.2 en 2.3.5",
        "Verordening maatschappelijke ondersteuning {city}",
        "Besluit maatschappelijke ondersteuning {city}",
    ),
    "jeugdwet": (
        "Jeugdwet, artikelen 2.3 en 2.9",
        "Verordening jeugdhulp {city}",
        "Nadere regels jeugdhulp {city}",
    ),
    "schuldhulpverlening": (
        "Wet gemeentelijke schuldhulpverlening, artikelen 3, 4 en 4a",
        "Beleidsplan schulddienstverlening {city}",
    ),
}
LAW_NAMES = {
    "participatiewet": "Participatiewet",
    "wmo": "Wmo 2015",
    "jeugdwet": "Jeugdwet",
    "schuldhulpverlening": "Wet gemeentelijke schuldhulpverlening",
}
NOUNS = {  # how a report calls the citizen
    "participatiewet": ("belanghebbende", "cliënt", "klant", "aanvrager"),
    "wmo": ("cliënt", "cliënt", "aanvrager"),
    "jeugdwet": ("moeder", "vader"),
    "schuldhulpverlening": ("cliënt", "cliënt", "verzoeker"),
}


# --- text helpers ----------------------------------------------------------------------


def _report(layout: Callable[[Doc], None]) -> Callable[[Doc], None]:
    """A layout: decide first whether the report names diagnoses, label it by its text last.

    A report is meant to be diagnostic with probability `DIAGNOSTIC_SHARE`; the label is
    then set from what the finished text holds, so it never disagrees with the text.
    """

    @functools.wraps(layout)
    def run(d: Doc) -> None:
        d.extra["diagnostic_language"] = d.chance(DIAGNOSTIC_SHARE)
        layout(d)
        if diagnostic_terms_in(plain_text(d)):
            d.extra["diagnostic_language"] = True
            d.extra["disposition"] = "review"
        else:
            d.extra.pop("diagnostic_language", None)
            d.extra.pop("disposition", None)

    return run


def _diag(d: Doc) -> bool:
    return bool(d.extra.get("diagnostic_language"))


def _child(d: Doc):
    return d.case.tp("child")


def _kind(d: Doc) -> str:
    return d.n(_child(d), "first")


def _network(d: Doc, person: str = "third") -> str:
    """Someone around the citizen (a third party), named in passing."""
    c = d.case
    p = c.tp(d.pick(("mantelzorger", "sibling", "mother", "friend", "neighbour")))
    if d.chance(0.5):
        owner = "uw" if person == "you" else c.subject.g("zijn", "haar")
        return f"{owner} {p.relation} {d.n(p, 'full', 'first')}"
    return f"{d.n(p, 'full')} ({p.relation})"


def _ref(d: Doc, person: str) -> str:
    """How the report names the citizen this time."""
    S = d.case.subject
    if person == "you":
        return "u"
    law = d.case.law
    noun = S.g("vader", "moeder") if law == "jeugdwet" else d.pick(NOUNS[law])
    k = d.rng.randrange(5)
    if k < 2:
        return d.n(S, "formal")
    if k == 2:
        return noun
    if k == 3:
        return S.g("hij", "zij")
    return S.g("meneer", "mevrouw") if law != "jeugdwet" else noun


def say(d: Doc, text: str, person: str = "third", req: str = "") -> str:
    """Spin `text` and fill in the citizen ({W}, {w}), verbs and the people around them."""
    c = d.case
    S = c.subject
    text = d.s(text)
    you = person == "you"
    fixed = {
        "zijn": "uw" if you else S.g("zijn", "haar"),
        "hem": "u" if you else S.g("hem", "haar"),
        "hij": "u" if you else S.g("hij", "zij"),
        "is": "bent" if you else "is",
        "kan": "kunt" if you else "kan",
        "wil": "wilt" if you else "wil",
        "city": c.city_name,
    }

    def sub(m: re.Match) -> str:
        key = m.group(1)
        if key == "W":
            return ucfirst(_ref(d, person))
        if key == "w":
            return _ref(d, person)
        if key == "kind":
            return _kind(d)
        if key == "tp":
            return _network(d, person)
        if key == "req":
            return req or _request(d)
        return fixed.get(key, m.group(0))

    return ucfirst(re.sub(r"\{(\w+)\}", sub, text))


def _request(d: Doc) -> str:
    """What the case is about (one per document, kept in d.title)."""
    if not d.title:
        r = d.pick(REQUESTS[d.case.law])[0]
        d.title = r.replace("{kind}", _kind(d)) if "{kind}" in r else r
    return d.title


def _grant(d: Doc) -> str:
    """The decision that grants what `_request` chose for this document."""
    title = _request(d)
    for req, grant in REQUESTS[d.case.law]:
        if req.replace("{kind}", _child(d).roep) == title:
            return grant
    raise AssertionError(title)


def _dx(d: Doc, child: bool = False) -> tuple[str, str, str]:
    """The diagnosis a case's reports name (the same one across its documents)."""
    key = "report_dx_child" if child else "report_dx"
    if key not in d.case.facts:
        d.case.facts[key] = d.pick(CHILD_DX if child else ADULT_DX)
    return d.case.facts[key]


def _dx_sentence(d: Doc, person: str) -> str:
    child = d.case.law == "jeugdwet" and d.chance(0.7)
    dx, med, dose = _dx(d, child)
    pool = CHILD_DX_SENTENCES if child else DX_SENTENCES + MED_SENTENCES
    if d.case.law == "jeugdwet" and not child:  # the parent's: say whose it is
        pool = tuple(x for x in pool if "{W}" in x)
    s = d.pick([x for x in pool if med or "{med}" not in x])
    if s.startswith("Diagnose:"):
        dx = dx.removeprefix("een ")
    return say(d, s.replace("{dx}", dx).replace("{med}", med).replace("{dose}", dose), person)


def zrm_scores(d: Doc) -> list[tuple[str, int]]:
    """Scores per ZRM domain for this case (kept per case so reports agree)."""
    key = "zrm"
    if key not in d.case.facts:
        domains = d.rng.sample(ZRM_DOMAINS, d.rng.randrange(4, 8))
        if "Financiën" not in domains:
            domains[0] = "Financiën"
        d.case.facts[key] = [
            (dom, d.rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5)))
            for dom in sorted(domains, key=ZRM_DOMAINS.index)
        ]
    return d.case.facts[key]


def _zrm_line(d: Doc) -> str:
    scores = zrm_scores(d)
    first, *rest = scores
    shown = [f"ZRM domein {first[0]}: {first[1]}"] + [
        f"{dom}: {s}" for dom, s in rest[: d.rng.randrange(1, len(rest) + 1)]
    ]
    return d.pick(
        (
            "; ".join(shown) + ".",
            "Scores Zelfredzaamheid-Matrix (ZRM): "
            + ", ".join(f"{a} {b}" for a, b in scores)
            + ".",
        )
    )


def _zrm_table(d: Doc) -> None:
    d.h(d.pick(("Zelfredzaamheid-Matrix (ZRM)", "ZRM-scores", "Uitkomst ZRM")))
    rows = [["Domein", "Score", "Toelichting"]]
    for dom, score in zrm_scores(d):
        rows.append([dom, str(score), ZRM_SCORES[score]])
    d.table(rows)


def health(d: Doc, person: str = "third", k: int = 2) -> list[str]:
    """Sentences on what the citizen can and cannot do; with a diagnosis if diagnostic."""
    c = d.case
    kind = "child" if c.law == "jeugdwet" and d.chance(0.7) else "adult"
    out = [say(d, s, person) for s in d.rng.sample(LIMITS[kind], k)]
    if _diag(d):
        pick = d.rng.random()
        if pick < 0.2 and c.law in ("participatiewet", "schuldhulpverlening", "wmo"):
            out.insert(0, _zrm_line(d))
        else:
            out.insert(0, _dx_sentence(d, person))
    return out


def _person(d: Doc) -> str:
    """Second person (a report sent to the citizen) or third person (a file report)."""
    return d.pick(("you", "third"))


def _letterhead(d: Doc) -> None:
    c = d.case
    o = c.municipality_org()
    style = d.rng.randrange(3)
    if style == 0:
        L.letterhead(d, o, sub=c.department())
    elif style == 1:
        d.lines([f"{c.municipality} | {c.department()}"])
        d.blank()
    else:
        d.lines([c.municipality.upper(), c.department(), o.web])
        d.blank()


def _client_kv(d: Doc, extra: list[tuple[str, str]] | None = None) -> None:
    c = d.case
    S = c.subject
    pairs = [
        ("[Naam|Cliënt|Naam cliënt|Betreft]", d.n(S, "full", "official", "formal_init")),
        ("[Geboortedatum|Geb. datum]", d.birth(S)),
    ]
    if d.chance(0.5):
        pairs.append(("[Adres|Woonadres]", d.addr(S)))
    if d.chance(0.35):
        pairs.append(("BSN", d.bsn(S)))
    pairs.append(
        ("[Zaaknummer|Dossiernummer|Registratienummer]", d.pick((c.case_id, L.ref(d, "zaak"))))
    )
    d.kv(pairs + (extra or []))


def _signature(d: Doc, *, second: bool = False, client: bool = False) -> None:
    """Signed by the consulent (and a colleague), sometimes also 'voor akkoord' by the client."""
    c = d.case
    S = c.subject
    cons = c.pro("consulent")
    lines = [
        d.pick(("Opgesteld door:", "Consulent:", "Naam medewerker:", "Met vriendelijke groet"))
    ]
    lines.append(d.n(cons, "full", "initials"))
    lines.append(ucfirst(cons.function) if d.chance(0.6) else cons.function)
    lines.append(d.pick((c.department(), c.municipality, f"{c.municipality}, {c.department()}")))
    d.blank()
    d.lines(lines)
    if second:
        col = c.pro("handhaver" if c.law == "participatiewet" and d.chance(0.5) else "consulent2")
        d.lines(
            [
                f"[Tweede medewerker|Samen met|Aanwezig namens de gemeente]: "
                f"{d.n(col, 'full', 'initials')}, {col.function}"
            ]
        )
    if client:
        d.blank()
        d.lines(
            [
                "[Voor akkoord|Gelezen en akkoord], "
                + ("ouder:" if c.law == "jeugdwet" else "[cliënt|belanghebbende]:"),
                d.n(S, "full", "initials"),
                f"[Datum|Plaats en datum]: {d.fdate(d.days(1, 14), 'dash')}",
            ]
        )


def _objection(d: Doc) -> None:
    """The 'Bezwaar' paragraph of a decision."""
    c = d.case
    o = c.municipality_org()
    d.h(d.pick(("Bezwaar maken", "Bent u het niet eens met dit besluit?", "Bezwaar")))
    d.p(
        "[Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken.|U kunt bezwaar maken "
        "tegen dit besluit.] [Dat moet binnen zes weken na de verzenddatum van deze brief.|De "
        "termijn voor bezwaar is zes weken na de dag waarop dit besluit is verzonden.]"
    )
    d.p(
        f"[Stuur uw bezwaarschrift naar|Uw bezwaarschrift richt u aan] het college van "
        f"burgemeester en wethouders van {c.city_name}, {o.street}, {o.postcode} {o.city}. "
        f"[U kunt ook digitaal bezwaar maken via {o.web}/bezwaar met DigiD.|Vermeld in uw "
        "bezwaarschrift uw naam, adres, de datum, het kenmerk van deze brief en waarom u het "
        "niet eens bent met het besluit.|Onderteken uw bezwaarschrift.]"
    )
    if d.chance(0.5):
        d.p(
            "[Wilt u eerst overleggen? Bel dan met uw consulent.|Heeft u haast? U kunt de "
            "voorzieningenrechter van de rechtbank vragen om een voorlopige voorziening.]"
        )


# --- layouts -----------------------------------------------------------------------------


@_report
def conversation_report(d: Doc) -> None:
    """Gespreksverslag: an intake or follow-up conversation, in sections."""
    c = d.case
    S = c.subject
    cons = c.pro("consulent")
    person = _person(d)
    _letterhead(d)
    d.h(
        d.pick(
            (
                "Gespreksverslag",
                "Verslag intakegesprek",
                "Verslag van het gesprek",
                "Verslag vervolggesprek",
                "Verslag gesprek " + LAW_NAMES[c.law],
            )
        )
    )
    d.kv(
        [
            ("[Datum gesprek|Gesprek op|Datum]", d.fdate(d.days(-20, -1), "dash")),
            (
                "[Aanwezig|Aanwezigen|Deelnemers]",
                f"{d.n(S, 'formal_init', 'full')}, {d.n(cons, 'initials', 'full')} "
                f"({cons.function})",
            ),
            (
                "[Locatie|Plaats]",
                d.pick(
                    (
                        "bij cliënt thuis",
                        "gemeentehuis",
                        "wijkcentrum",
                        "telefonisch",
                        "videobellen",
                    )
                ),
            ),
            ("[Zaaknummer|Dossier]", c.case_id),
        ]
    )
    d.h("Aanleiding")
    d.p(
        say(
            d,
            "[{W} heeft zich gemeld|{W} heeft contact opgenomen met de gemeente|Er is een "
            "aanvraag binnengekomen] [voor|over] {req}.",
            person,
        )
    )
    d.h(d.pick(("Hulpvraag", "Wat is de vraag?", "Vraag van cliënt")))
    d.p(say(d, d.pick(HULPVRAAG[c.law]), person))
    d.h(d.pick(("Situatie", "Huidige situatie", "Uw situatie" if person == "you" else "Situatie")))
    d.p(" ".join([say(d, s, person) for s in d.rng.sample(SITUATIE, 2)] + health(d, person)))
    d.h(d.pick(("Afspraken", "Gemaakte afspraken", "Vervolgafspraken")))
    d.bullets([say(d, s, person) for s in d.rng.sample(AFSPRAKEN[c.law], d.rng.randrange(2, 4))])
    if d.chance(0.6):
        d.h(d.pick(("Conclusie", "Vervolg")))
        d.p(say(d, d.pick(CONCLUSIE[c.law]), person))
    if person == "you":
        d.p(
            "[Klopt er iets niet in dit verslag? Laat het ons dan binnen twee weken weten.|U kunt "
            "binnen 14 dagen schriftelijk reageren op dit verslag.]"
        )
    _signature(d, client=person == "you" and d.chance(0.4))


@_report
def home_visit_report(d: Doc) -> None:
    """Verslag huisbezoek: findings of a visit, in the third person, signed by two staff."""
    c = d.case
    c.pro("consulent")
    _letterhead(d)
    d.h(
        d.pick(
            (
                "Verslag huisbezoek",
                "Rapport huisbezoek",
                "VERSLAG HUISBEZOEK",
                "Rapportage huisbezoek",
            )
        )
    )
    _client_kv(
        d,
        [
            ("[Datum bezoek|Datum huisbezoek]", d.fdate(d.days(-15, -1), "dash")),
            ("[Tijd|Tijdstip]", f"{d.rng.randrange(9, 16)}.{d.pick(('00', '15', '30', '45'))} uur"),
            (
                "[Aangekondigd|Vooraf aangekondigd]",
                d.pick(("ja, per brief", "ja, telefonisch", "nee")),
            ),
        ],
    )
    d.h(d.pick(("Doel van het bezoek", "Reden huisbezoek", "Aanleiding")))
    d.p(
        d.pick(
            (
                say(
                    d,
                    "Onderzoek naar de [woonsituatie|leefsituatie] in verband met de aanvraag "
                    "{req}.",
                ),
                say(
                    d,
                    "Het bezoek is afgelegd om de hulpvraag van {w} in de eigen omgeving "
                    "te bespreken.",
                ),
                "Controle van de woonsituatie in het kader van het onderzoek naar de "
                "rechtmatigheid van de uitkering."
                if c.law == "participatiewet"
                else say(d, "Kennismaking en bespreking van de situatie thuis."),
            )
        )
    )
    d.h(d.pick(("Bevindingen", "Waarnemingen", "Wat hebben wij gezien?")))
    obs = [
        "De woning [bestaat uit|heeft] een woonkamer, keuken, [een|twee] slaapkamer(s) en een "
        "badkamer[ op de eerste verdieping|].",
        "In de woning [zijn geen aanwijzingen gevonden dat er een ander persoon woont|is "
        "alleen kleding van {w} aangetroffen|staat een eenpersoonsbed]."
        if c.law == "participatiewet"  # a lawfulness check looks for a partner
        else "De [kinderkamer is netjes ingericht|kinderen hebben elk een eigen kamer]."
        if c.law == "jeugdwet"
        else "In de woning [zijn drempels tussen de kamers|is de badkamer alleen via de trap "
        "bereikbaar|staat een hoog bed].",
        "De woning is [schoon en opgeruimd|redelijk verzorgd|rommelig; er staat veel ongeopende "
        "post op tafel].",
        "{W} liet de woning [zonder bezwaar|na uitleg] zien.",
        "Tijdens het bezoek was {tp} aanwezig.",
    ]
    d.ps([say(d, s) for s in d.rng.sample(obs, d.rng.randrange(3, 5))])
    d.p(" ".join(health(d, "third", 1)))
    d.h(d.pick(("Conclusie", "Conclusie en vervolg")))
    d.p(say(d, d.pick(CONCLUSIE[c.law])))
    _signature(d, second=True)


@_report
def decision_letter(d: Doc) -> None:
    """Beschikking: 'Besluit op uw aanvraag', with reasons, law and the right to object."""
    c = d.case
    S = c.subject
    cons = c.pro("consulent")
    o = c.municipality_org()
    L.letterhead(d, o, sub=c.department() if d.chance(0.7) else "")
    L.recipient(d, S)
    req = _request(d)
    L.meta(
        d,
        subject=d.s(
            f"[Besluit op uw aanvraag|Beslissing op uw aanvraag|Besluit aanvraag|Beschikking] {req}"
        ),
        handler=cons,
        style=d.pick(("kv", "inline", "kv")),
    )
    L.salutation(d, S)
    asked = d.fdate(d.days(-60, -14), "long")
    d.p(
        d.pick(
            (
                f"Op {asked} heeft u {req} aangevraagd. In deze brief leest u ons besluit.",
                f"Wij hebben op {asked} uw aanvraag voor {req} ontvangen. [Hieronder leest u wat "
                "wij hebben besloten.|In deze brief leest u ons besluit.]",
                f"U heeft ons gevraagd om {req}. Uw aanvraag is op {asked} bij ons binnengekomen.",
            )
        )
    )
    granted = d.chance(0.7)
    d.h(d.pick(("Besluit", "Ons besluit", "Wat hebben wij besloten?")))
    text = _grant(d) if granted else d.pick(DENY[c.law])
    text = (
        text.replace("{start}", d.fdate(d.days(-10, 20), "long"))
        .replace("{end}", d.fdate(d.days(90, 200), "long"))
        .replace("{amount}", money(d.rng, d.rng.uniform(150, 900)))
    )
    d.p(say(d, text, "you", req))
    d.h(d.pick(("Waarom dit besluit?", "Motivering", "Waarom besluiten wij dit?", "Overwegingen")))
    d.p(
        say(
            d,
            "[Op|Tijdens het gesprek op] {date} [heeft de consulent met u gesproken|hebben wij "
            "met u gesproken|is er een huisbezoek geweest]. ".replace(
                "{date}", d.fdate(d.days(-13, -5), "long")
            )
            + " ".join(health(d, "you", d.rng.randrange(1, 3))),
            "you",
        )
    )
    if d.chance(0.4) and c.law in ("wmo", "participatiewet"):
        d.p(
            "[Wij hebben advies gevraagd aan onze medisch adviseur.|Het medisch advies is bij "
            "dit besluit betrokken.] [Dat advies ondersteunt dit besluit.|Het advies is "
            "meegewogen.]"
        )
    d.p(
        "[U kunt dit niet zelf of met hulp van uw omgeving oplossen.|Wij vinden dat u deze hulp "
        "nodig heeft.|U voldoet aan de voorwaarden.]"
        if granted
        else "[Wij vinden dat u dit zelf of met hulp van uw omgeving kunt oplossen.|U voldoet "
        "niet aan de voorwaarden.|Er is een andere oplossing die voorgaat.]"
    )
    if c.law == "wmo" and granted and d.chance(0.6):
        d.p(
            "Voor deze voorziening betaalt u een eigen bijdrage. Het CAK stelt de hoogte vast "
            "en stuurt u daarover een brief."
        )
    d.h(d.pick(("Wet en regels", "Wettelijke grondslag", "Op grond van")))
    d.bullets(
        [
            r.replace("{city}", c.city_name)
            for r in d.rng.sample(LAW_REFS[c.law], min(2, len(LAW_REFS[c.law])))
        ]
    )
    _objection(d)
    L.closing(
        d,
        cons,
        on_behalf=d.pick(
            (
                f"namens het college van burgemeester en wethouders van {c.city_name},",
                f"Het college van burgemeester en wethouders van {c.city_name},",
                "namens het college,",
            )
        ),
    )
    L.footer(d, o)


@_report
def wmo_research_report(d: Doc) -> None:
    """Onderzoeksverslag Wmo (art. 2.3.2): numbered sections, sent to the citizen."""
    c = d.case
    cons = c.pro("consulent")
    _letterhead(d)
    d.h(
        d.pick(
            (
                "Verslag van het onderzoek",
                "Onderzoeksverslag Wmo",
                "Verslag onderzoek maatschappelijke ondersteuning",
                "Onderzoeksverslag (artikel 2.3.2 Wmo 2015)",
            )
        )
    )
    _client_kv(
        d,
        [
            ("Datum melding", d.fdate(d.days(-60, -30), "dash")),
            ("Datum gesprek", d.fdate(d.days(-25, -5), "dash")),
            ("Consulent", f"{d.n(cons, 'full', 'initials')}"),
        ],
    )
    sections = [
        ("1. Uw hulpvraag", [say(d, d.pick(HULPVRAAG["wmo"]), "you")]),
        (
            "2. Uw situatie",
            [say(d, s, "you") for s in d.rng.sample(SITUATIE, 2)] + health(d, "you", 2),
        ),
        (
            "3. Wat kunt u zelf en wat kan uw netwerk doen?",
            [
                say(
                    d,
                    "[U|Uw familie] [doet|regelt] [de boodschappen|de was|de administratie] "
                    "met hulp van {tp}.",
                    "you",
                ),
                "[Uw netwerk kan niet meer hulp bieden dan nu.|Uw netwerk kan een deel van de "
                "taken overnemen.]",
            ],
        ),
        (
            "4. Gebruikelijke hulp en voorliggende voorzieningen",
            [
                "[Er zijn geen huisgenoten die gebruikelijke hulp kunnen bieden.|Uw partner kan "
                "een deel van het huishouden doen; dat is gebruikelijke hulp.]",
                "[Een algemene voorziening, zoals de boodschappendienst, is besproken.|Via de "
                "zorgverzekeraar kunt u [een douchestoel|een rollator] lenen.]",
            ],
        ),
        (
            "5. Conclusie en advies",
            [say(d, d.pick(CONCLUSIE["wmo"]), "you")],
        ),
    ]
    for title, paras in sections:
        d.h(title)
        d.p(" ".join(paras))
    d.h(d.pick(("6. Uw reactie", "Ondertekening", "Uw mening over dit verslag")))
    d.p(
        "Wilt u dit verslag lezen, ondertekenen en binnen tien dagen terugsturen? Bent u het "
        "niet eens met [een deel van het verslag|de inhoud], schrijf dat dan hieronder."
    )
    d.lines(
        [
            f"{d.box(False)} Ik ben het eens met dit verslag",
            f"{d.box(False)} Ik ben het niet eens met dit verslag, namelijk: "
            "............................",
            "Handtekening: ____________________   Datum: ____________",
        ]
    )
    _signature(d)


@_report
def kitchen_table_report(d: Doc) -> None:
    """Verslag keukentafelgesprek: a table of life domains (Wmo)."""
    c = d.case
    S = c.subject
    cons = c.pro("consulent")
    _letterhead(d)
    d.h(
        d.pick(
            (
                "Verslag keukentafelgesprek",
                "Verslag gesprek aan de keukentafel",
                "Keukentafelgesprek - verslag",
            )
        )
    )
    d.kv(
        [
            ("Cliënt", d.n(S, "formal_init", "full")),
            ("Datum", d.fdate(d.days(-20, -1), "dash")),
            (
                "Aanwezig",
                f"{d.n(S, 'formal', 'first')}, {_network(d)}, "
                f"{d.n(cons, 'initials')} ({cons.function})",
            ),
        ]
    )
    d.h("Hulpvraag")
    d.p(say(d, d.pick(HULPVRAAG["wmo"])))
    rows = [["Leefgebied", "Wat gaat goed", "Wat lukt niet", "Wat is nodig"]]
    domains = {
        "Huishouden": (
            "koken, kleine klusjes",
            "stofzuigen, bedden verschonen",
            "hulp bij zwaar huishoudelijk werk",
        ),
        "Mobiliteit": ("binnenshuis lopen", "traplopen, lange afstanden", "vervoersvoorziening"),
        "Zelfzorg": ("aankleden", "douchen zonder hulp", "douchestoel, beugels"),
        "Sociaal netwerk": (
            "contact met familie",
            "weinig contact buiten de deur",
            "maatje of dagbesteding",
        ),
        "Administratie": ("vaste lasten betalen", "brieven begrijpen", "hulp van {tp}"),
        "Dagbesteding": (
            "wandelen met de hond",
            "invulling van de dag",
            "activiteiten in het wijkcentrum",
        ),
    }
    for dom in d.rng.sample(list(domains), d.rng.randrange(3, 6)):
        good, bad, need = domains[dom]
        rows.append([dom, good, bad, need.replace("{tp}", _network(d))])
    d.table(rows)
    if _diag(d) and d.chance(0.5):
        _zrm_table(d)
        d.p(" ".join(health(d, "third", 1)[1:]))
    else:
        d.h(d.pick(("Toelichting", "Beperkingen", "Wat zien wij?")))
        d.p(" ".join(health(d, "third", 2)))
    d.h(d.pick(("Afspraken", "Vervolg")))
    d.bullets([say(d, s) for s in d.rng.sample(AFSPRAKEN["wmo"], 2)])
    _signature(d)


@_report
def youth_plan(d: Doc) -> None:
    """Plan van aanpak / ondersteuningsplan / perspectiefplan for a child (Jeugdwet)."""
    c = d.case
    S = c.subject
    cons = c.pro("consulent")
    child = _child(d)
    _letterhead(d)
    d.h(d.pick(("Plan van aanpak", "Ondersteuningsplan", "Perspectiefplan", "Gezinsplan")))
    d.kv(
        [
            ("[Jeugdige|Naam kind]", d.n(child, "full")),
            ("Geboortedatum", d.birth(child)),
            ("[Ouder/verzorger|Gezaghebbende ouder]", d.n(S, "full", "formal_init")),
            ("[Jeugdconsulent|Gezinscoach|Regievoerder]", d.n(cons, "full", "initials")),
            ("Startdatum plan", d.fdate(d.days(-10, 5), "dash")),
        ]
    )
    d.h(d.pick(("Aanleiding", "Hoe is het gezin bij ons gekomen?")))
    d.p(say(d, d.pick(HULPVRAAG["jeugdwet"])))
    d.h(d.pick(("Wat gaat goed?", "Krachten", "Sterke kanten")))
    d.p(
        say(
            d,
            "[De ouders zijn betrokken en willen graag hulp.|{kind} heeft een goede band met "
            "[oma|de juf|een tante].|{kind} sport graag en gaat trouw naar de training.]",
        )
    )
    d.h(d.pick(("Waar maken we ons zorgen over?", "Zorgen", "Knelpunten")))
    d.p(" ".join(health(d, "third", 2)))
    d.h("Doelen")
    goals = [
        (
            "{kind} gaat weer [vier|vijf] dagen per week naar school",
            "overleg met school, opbouwschema",
            "ouders, school, jeugdconsulent",
        ),
        (
            "Ouders [hebben handvatten voor|gaan rustiger om met] driftbuien",
            "ouderbegeleiding, zes gesprekken",
            "ouders, gezinscoach",
        ),
        ("Het gezin heeft een vast dagritme", "weekschema maken", "moeder, gezinscoach"),
        ("{kind} heeft een vriendje om mee te spelen", "aanmelden bij de sportclub", "vader"),
    ]
    rows = [["Doel", "Wat gaan we doen", "Wie", "Wanneer"]]
    for goal, act, who in d.rng.sample(goals, d.rng.randrange(2, 4)):
        rows.append([say(d, goal), act, who, d.fdate(d.days(30, 120), "dash_short")])
    d.table(rows)
    if d.chance(0.5):
        d.h("Betrokken [hulpverleners|professionals]")
        t = c.pro("teacher")
        d.lines([f"{d.n(t, 'full', 'initials')}, {t.function}, {t.org}"])
    d.h(d.pick(("Evaluatie", "Wanneer evalueren we?")))
    d.p(f"Het plan wordt geëvalueerd op {d.fdate(d.days(80, 120), 'long')}.")
    _signature(d, client=True)


@_report
def debt_plan(d: Doc) -> None:
    """Plan van aanpak schuldhulpverlening (Wgs art. 4): money, debts, agreements."""
    person = _person(d)
    _letterhead(d)
    d.h(
        d.pick(
            (
                "Plan van aanpak schuldhulpverlening",
                "Plan van aanpak schulddienstverlening",
                "Plan van aanpak",
                "Schuldhulpplan",
            )
        )
    )
    _client_kv(d, [("Datum", d.fdate(style="dash"))])
    d.h("Hulpvraag")
    d.p(say(d, d.pick(HULPVRAAG["schuldhulpverlening"]), person))
    d.h(d.pick(("Inkomsten en uitgaven", "Financiële situatie", "Budget per maand")))
    rows = [["Inkomsten", "Per maand", "Vaste lasten", "Per maand"]]
    inc = d.rng.sample(
        (
            ("Uitkering Participatiewet", (1000, 1450)),
            ("Loon", (600, 2200)),
            ("Zorgtoeslag", (120, 160)),
            ("Huurtoeslag", (150, 420)),
            ("Kindgebonden budget", (100, 350)),
        ),
        3,
    )
    out = d.rng.sample(
        (
            ("Huur", (450, 950)),
            ("Energie", (90, 220)),
            ("Zorgverzekering", (130, 160)),
            ("Water", (15, 35)),
            ("Telefoon/internet", (30, 75)),
            ("Verzekeringen", (20, 60)),
        ),
        3,
    )
    for (a, ra), (b, rb) in zip(inc, out, strict=True):
        rows.append(
            [
                a,
                money(d.rng, d.rng.uniform(*ra), "plain"),
                b,
                money(d.rng, d.rng.uniform(*rb), "plain"),
            ]
        )
    d.table(rows)
    d.h(d.pick(("Schulden", "Overzicht schuldeisers")))
    creditors = d.rng.sample(CREDITORS, d.rng.randrange(3, 7))
    total = 0.0
    rows = [["Schuldeiser", "Bedrag"]]
    for cr in creditors:
        amt = d.rng.uniform(80, 5000)
        total += amt
        rows.append([cr, money(d.rng, amt, "plain")])
    d.table(rows)
    d.p(f"[Totaal|Totale schuld]: {money(d.rng, total)} bij {len(creditors)} schuldeisers.")
    d.h(d.pick(("Persoonlijke situatie", "Wat speelt er nog?")))
    d.p(" ".join(health(d, person, 1)))
    if _diag(d) and d.chance(0.4):
        _zrm_table(d)
    d.h(d.pick(("Afspraken", "Rechten en plichten", "Wat spreken we af?")))
    d.bullets(
        [say(d, s, person) for s in d.rng.sample(AFSPRAKEN["schuldhulpverlening"], 3)], marker="1."
    )
    d.h("Doel")
    d.p(say(d, d.pick(CONCLUSIE["schuldhulpverlening"]), person))
    _signature(d, client=True)


@_report
def reintegration_plan(d: Doc) -> None:
    """Plan van aanpak re-integratie (Participatiewet art. 44a)."""
    _letterhead(d)
    d.h(
        d.pick(
            (
                "Plan van aanpak",
                "Plan van aanpak (artikel 44a Participatiewet)",
                "Trajectplan",
                "Participatieplan",
            )
        )
    )
    _client_kv(d)
    d.h(d.pick(("Uitgangssituatie", "Startpositie")))
    d.p(
        say(
            d,
            "{W} [was laatst werkzaam als|heeft gewerkt als] [magazijnmedewerker|"
            "schoonmaker|kassamedewerker|chauffeur|productiemedewerker|administratief "
            "medewerker] en heeft [een mbo-2 diploma|geen startkwalificatie|een havo-diploma].",
        )
    )
    d.h(d.pick(("Belemmeringen", "Wat staat werk in de weg?")))
    d.p(" ".join(health(d, "third", 2)))
    d.h("Doel")
    d.p(
        d.pick(
            (
                "Binnen [zes|twaalf] maanden [betaald werk voor ten minste 20 uur per week|"
                "uitstroom naar werk].",
                "Eerst stabiliseren; daarna stapsgewijs opbouwen naar vrijwilligerswerk.",
                "Starten met een werkervaringsplaats van [16|20] uur per week.",
            )
        )
    )
    d.h(d.pick(("Activiteiten", "Wat gaan we doen?")))
    rows = [["Activiteit", "Wie", "Wanneer"]]
    acts = (
        ("Sollicitatietraining", "[re-integratiebureau|Werkplein]"),
        ("Taalcursus", "cliënt"),
        ("Werkervaringsplaats", "klantmanager"),
        ("Gesprek met jobcoach", "jobcoach"),
        ("Vrijwilligerswerk zoeken", "cliënt"),
    )
    for a, who in d.rng.sample(acts, 3):
        rows.append([a, d.s(who), d.fdate(d.days(7, 90), "dash_short")])
    d.table(rows)
    d.h(d.pick(("Verplichtingen", "Arbeidsverplichtingen")))
    d.p(
        "U [houdt zich aan de afspraken in dit plan|werkt mee aan de activiteiten in dit plan]. "
        "[Komt u de afspraken niet na, dan kan uw uitkering worden verlaagd (artikel 18 "
        "Participatiewet).|Als u zich niet aan de afspraken houdt, kan dat gevolgen hebben voor "
        "uw uitkering.]"
    )
    _signature(d, client=True)


@_report
def eligibility_report(d: Doc) -> None:
    """Rapportage: the file report on an application or a lawfulness check (Participatiewet)."""
    c = d.case
    S = c.subject
    cons = c.pro("consulent")
    _letterhead(d)
    d.h(
        d.pick(
            (
                "Rapportage aanvraag levensonderhoud",
                "Rapportage",
                "Rapportage onderzoek rechtmatigheid",
                "Rapport beoordeling aanvraag",
            )
        )
    )
    d.kv(
        [
            ("Belanghebbende", d.n(S, "official", "initials")),
            ("BSN", d.bsn(S)),
            ("Aanvraagdatum", d.fdate(d.days(-50, -20), "dash")),
            ("Soort aanvraag", _request(d)),
            ("Rapporteur", d.n(cons, "initials", "full")),
        ]
    )
    d.h(d.pick(("Feiten en omstandigheden", "Relevante feiten")))
    d.p(say(d, d.pick(HULPVRAAG["participatiewet"])) + " " + say(d, d.pick(SITUATIE)))
    d.h("Woonsituatie")
    d.p(
        say(
            d,
            "{W} [huurt|bewoont] de woning aan de {street}. [Uit de BRP blijkt dat "
            "{w} daar alleen staat ingeschreven.|Er staan geen andere personen op het adres "
            "ingeschreven.]",
        ).replace("{street}", d.street(S))
    )
    d.h(d.pick(("Inkomen en vermogen", "Middelen")))
    rows = [["Middel", "Bedrag"]]
    means = (
        ("Saldo betaalrekening", (0, 900)),
        ("Spaarrekening", (0, 4000)),
        ("Auto (dagwaarde)", (300, 3500)),
        ("Zorgtoeslag per maand", (120, 160)),
        ("Huurtoeslag per maand", (150, 420)),
    )
    for what, (lo, hi) in d.rng.sample(means, 3):
        rows.append([what, money(d.rng, d.rng.uniform(lo, hi))])
    d.table(rows)
    d.h(d.pick(("Gezondheid en arbeidsmogelijkheden", "Belastbaarheid")))
    d.p(" ".join(health(d, "third", 1)))
    grant = d.chance(0.7)
    d.h(d.pick(("Overwegingen", "Beoordeling")))
    d.p(
        say(
            d,
            "{W} voldoet aan de voorwaarden voor {req}."
            if grant
            else "Er is op dit moment geen recht op {req}; {w} heeft voldoende middelen.",
        )
    )
    d.h(d.pick(("Advies", "Conclusie en advies")))
    d.p(
        f"Toekennen met ingang van {d.fdate(d.days(-20, 5), 'dash')}[, norm alleenstaande|, norm "
        "alleenstaande ouder|; arbeidsverplichtingen tijdelijk niet van toepassing|]."
        if grant
        else "Afwijzen wegens [vermogen boven de grens|voldoende eigen middelen]."
    )
    d.lines(
        [
            f"[Paraaf rapporteur|Rapporteur]: {d.n(cons, 'initials')}",
            f"[Akkoord teamleider|Fiat]: {d.n(c.pro('teamleider'), 'initials', 'full')}",
        ]
    )


@_report
def mdo_report(d: Doc) -> None:
    """Verslag multidisciplinair overleg: attendees, what was discussed, decisions, actions."""
    c = d.case
    S = c.subject
    cons = c.pro("consulent")
    _letterhead(d)
    d.h(
        d.pick(
            (
                "Verslag multidisciplinair overleg (MDO)",
                "Verslag casusoverleg",
                "Verslag MDO",
                "Verslag zorgoverleg",
            )
        )
    )
    others = {
        "jeugdwet": ("teacher", "jeugdarts"),
        "wmo": ("nurse", "housing"),
        "participatiewet": ("consulent2", "housing"),
        "schuldhulpverlening": ("housing", "consulent2"),
    }[c.law]
    present = [f"{d.n(cons, 'full', 'initials')} ({cons.function}, voorzitter)"]
    for k in others:
        p = c.pro(k)
        present.append(f"{d.n(p, 'full', 'initials')} ({p.function}, {p.org})")
    d.kv(
        [
            ("Datum overleg", d.fdate(d.days(-10, -1), "dash")),
            ("Casus", f"{d.n(S, 'full', 'initials')} ({c.case_id})"),
            ("Aanwezig", "; ".join(present)),
            ("Toestemming cliënt", d.pick(("ja, mondeling", "ja, schriftelijk", "ja"))),
        ]
    )
    d.h(d.pick(("Aanleiding", "Reden overleg")))
    d.p(say(d, d.pick(HULPVRAAG[c.law])))
    d.h("Besproken")
    d.p(" ".join(health(d, "third", 2)))
    d.h(d.pick(("Besluiten", "Conclusie")))
    d.p(say(d, d.pick(CONCLUSIE[c.law])))
    d.h(d.pick(("Actiepunten", "Acties")))
    rows = [["Actie", "Wie", "Datum"]]
    for s in d.rng.sample(AFSPRAKEN[c.law], 2):
        rows.append(
            [
                say(d, s),
                d.pick(("consulent", "wijkteam", "cliënt", cons.function)),
                d.fdate(d.days(7, 40), "dash_short"),
            ]
        )
    d.table(rows)
    d.p(f"Volgend overleg: {d.fdate(d.days(30, 70), 'long')}. Verslag: {d.n(cons, 'initials')}.")


@_report
def evaluation_report(d: Doc) -> None:
    """Evaluatieverslag: goals and whether they were met; continue, scale down or stop."""
    c = d.case
    person = _person(d)
    _letterhead(d)
    d.h(d.pick(("Evaluatieverslag", "Verslag evaluatiegesprek", "Evaluatie ondersteuning")))
    _client_kv(
        d, [("Voorziening", _request(d)), ("Datum evaluatie", d.fdate(d.days(-10, -1), "dash"))]
    )
    d.h(d.pick(("Doelen en resultaten", "Hoe gaat het met de doelen?")))
    rows = [["Doel", "Resultaat"]]
    goals = {
        "participatiewet": (
            "Vaste dagstructuur",
            "Taalniveau verbeterd",
            "Werkervaringsplaats gestart",
            "Administratie bijgehouden",
            "Meer sociale contacten",
        ),
        "wmo": (
            "Huishouden is op orde",
            "Vaste dagstructuur",
            "Zelfstandig boodschappen doen",
            "Meer sociale contacten",
            "Mantelzorger ontlast",
        ),
        "jeugdwet": (
            "Weer naar school",
            "Rust in het gezin",
            "Vast dagritme",
            "Ouders hebben handvatten bij driftbuien",
            "Meer contact met leeftijdgenoten",
        ),
        "schuldhulpverlening": (
            "Betalingsachterstanden ingelopen",
            "Post wordt wekelijks geopend",
            "Vaste lasten via budgetbeheer",
            "Geen nieuwe schulden",
            "Administratie bijgehouden",
        ),
    }[c.law]
    for g in d.rng.sample(goals, 3):
        rows.append([g, d.pick(("behaald", "deels behaald", "niet behaald", "loopt nog"))])
    d.table(rows)
    d.h(d.pick(("Hoe gaat het nu?", "Huidige situatie")))
    d.p(" ".join(health(d, person, 2)))
    d.h("Conclusie")
    d.p(
        "[De ondersteuning wordt voortgezet|De ondersteuning wordt afgeschaald|De ondersteuning "
        "wordt beëindigd] [per|met ingang van] "
        + d.fdate(d.days(10, 40), "long")
        + ". [De doelen zijn grotendeels bereikt.|Er is meer tijd nodig om de doelen te "
        "bereiken.|Een deel van de doelen is nog niet bereikt.]"
    )
    d.p(f"Volgende evaluatie: {d.fdate(d.days(150, 200), 'dash')}.")
    _signature(d)


SYSTEMS = ("Suite Sociaal Domein", "Zaaksysteem", "GWS4all", "Socrates", "Mens Centraal")


@_report
def contact_journal(d: Doc) -> None:
    """Extract of the case journal (contactmomenten) from the municipality's case system."""
    c = d.case
    S = c.subject
    cons = c.pro("consulent")
    d.lines(
        [
            f"{c.municipality} - " + d.pick(SYSTEMS),
            f"[Journaal|Contactjournaal|Overzicht contactmomenten] dossier {c.case_id} - "
            f"{d.n(S, 'initials', 'full')}",
            f"Afgedrukt: {d.fdate(style='dash')}",
        ]
    )
    d.blank()
    rows = [["Datum", "Medewerker", "Soort", "Verslag"]]
    entries = [
        ("telefoon", say(d, d.pick(HULPVRAAG[c.law]))),
        ("gesprek", say(d, d.pick(AFSPRAKEN[c.law]))),
        ("huisbezoek", " ".join(health(d, "third", 1))),
        (
            "brief",
            d.pick(
                (
                    "Ontvangstbevestiging verstuurd.",
                    "Uitnodiging gesprek verstuurd.",
                    "Besluit verzonden.",
                    "Verslag ter ondertekening verstuurd.",
                )
            ),
        ),
        ("e-mail", say(d, "{W} heeft de gevraagde stukken [gemaild|nagestuurd].")),
        ("overleg", say(d, d.pick(CONCLUSIE[c.law]))),
    ]
    keep = {2, *d.rng.sample((0, 1, 3, 4, 5), d.rng.randrange(2, 5))}  # always the visit
    day = d.days(-60, -40)
    who = d.n(cons, "initials")
    for k in sorted(keep):
        day = d.days(2, 12, day)
        soort, text = entries[k]
        rows.append([d.fdate(day, "dash"), who, soort, text])
    d.table(rows)


@_report
def email_summary(d: Doc) -> None:
    """A consulent's e-mail to the citizen that records the conversation and agreements."""
    c = d.case
    S = c.subject
    cons = c.pro("consulent")
    L.salutation(d, S, "formal")
    d.p(
        f"[Zoals afgesproken|Zoals beloofd] stuur ik u [een korte samenvatting|het verslag] van "
        f"ons gesprek van {d.fdate(d.days(-10, -1), 'long')}[ over {_request(d)}|]."
    )
    d.p("[Aanleiding|Uw vraag]: " + say(d, d.pick(HULPVRAAG[c.law]), "you"))
    d.p("[Uw situatie|Wat u vertelde]: " + " ".join(health(d, "you", 2)))
    d.p("[Afspraken|Wat hebben we afgesproken]:")
    d.bullets([say(d, s, "you") for s in d.rng.sample(AFSPRAKEN[c.law], 2)])
    d.p(
        "[Klopt er iets niet? Laat het mij dan binnen twee weken weten.|Als iets niet klopt, "
        "hoor ik het graag.] Dit verslag wordt [opgenomen in uw dossier|bewaard in uw dossier]."
    )
    d.lines(
        [
            "Met vriendelijke groet,",
            d.n(cons, "full"),
            cons.function,
            f"{c.municipality} | {c.department()}",
            d.pick((f"T 14 {c.city[2]}", f"Bereikbaar op {d.pick(('ma', 'di', 'wo'))} t/m do", "")),
        ]
    )


def cover_note(d: Doc, what: list[str]) -> None:
    """The consulent's short e-mail (category `other`) that carries a report or decision."""
    c = d.case
    S = c.subject
    cons = c.pro("consulent")
    things = ", ".join(dict.fromkeys(what)) or "het verslag"
    L.salutation(d, S, d.pick(("formal", "formal", "informal")))
    d.p(
        d.pick(
            (
                f"In de bijlage [vindt u|ontvangt u] {things}.",
                f"Hierbij stuur ik u {things}[, zoals besproken|].",
            )
        )
    )
    d.p(
        d.pick(
            (
                "Wilt u het verslag lezen en ondertekend terugsturen?",
                "Heeft u vragen? Bel of mail mij gerust.",
                "De brief krijgt u ook per post.",
                "",
            )
        )
    )
    d.lines(["Met vriendelijke groet,", d.n(cons, "full", "first"), cons.function, c.municipality])


LAYOUTS = (
    conversation_report,
    home_visit_report,
    decision_letter,
    wmo_research_report,
    kitchen_table_report,
    youth_plan,
    debt_plan,
    reintegration_plan,
    eligibility_report,
    mdo_report,
    evaluation_report,
    contact_journal,
    email_summary,
)
# Layouts that belong to one law (merged into generate.LAW_ONLY).
LAW_ONLY = {
    "wmo_research_report": ("wmo",),
    "kitchen_table_report": ("wmo",),
    "youth_plan": ("jeugdwet",),
    "debt_plan": ("schuldhulpverlening",),
    "reintegration_plan": ("participatiewet",),
    "eligibility_report": ("participatiewet",),
}
EMAIL_BODIES = (email_summary,)

# E-mail: subjects, attachment names and how a cover note names the document.
EMAIL_SUBJECTS = (
    "Verslag van ons gesprek",
    "Verslag gesprek",
    "Besluit op uw aanvraag",
    "Uw aanvraag",
    "RE: verslag",
    "Ondertekend verslag",
    "Plan van aanpak",
)
FILES: dict[str, tuple[tuple[str, ...], str]] = {
    "conversation_report": (("gespreksverslag", "verslag_gesprek"), "het verslag van ons gesprek"),
    "home_visit_report": (("verslag_huisbezoek",), "het verslag van het huisbezoek"),
    "decision_letter": (
        ("besluit", "beschikking", "besluit_aanvraag"),
        "het besluit op uw aanvraag",
    ),
    "wmo_research_report": (("onderzoeksverslag", "verslag_onderzoek"), "het onderzoeksverslag"),
    "kitchen_table_report": (
        ("verslag_keukentafelgesprek",),
        "het verslag van het keukentafelgesprek",
    ),
    "youth_plan": (
        ("plan_van_aanpak", "ondersteuningsplan", "perspectiefplan"),
        "het plan van aanpak",
    ),
    "debt_plan": (("plan_van_aanpak", "schuldhulpplan"), "het plan van aanpak"),
    "reintegration_plan": (("plan_van_aanpak", "trajectplan"), "het plan van aanpak"),
    "eligibility_report": (("rapportage",), "de rapportage"),
    "mdo_report": (("verslag_MDO", "verslag_overleg"), "het verslag van het overleg"),
    "evaluation_report": (("evaluatieverslag", "evaluatie"), "het evaluatieverslag"),
    "contact_journal": (("journaal", "contactmomenten"), "het overzicht van de contactmomenten"),
    "email_summary": (("verslag",), "het verslag"),
}
GENERIC_FILES = ("scan0001", "Document", "Scan", "bijlage", "verslag")


def file_base(d: Doc) -> str:
    """A plausible attachment name (without extension) for a finished report."""
    if d.chance(0.2):
        return d.pick(GENERIC_FILES) + (str(d.rng.randrange(1, 999)) if d.chance(0.5) else "")
    return d.pick(FILES.get(d.layout, (("verslag",), ""))[0])


def phrase(d: Doc) -> str:
    """How a cover note names the report."""
    return FILES[d.layout][1] if d.layout in FILES else "het verslag"
