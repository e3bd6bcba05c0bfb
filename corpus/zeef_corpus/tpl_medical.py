"""`medical` documents: letters and records that hold diagnoses, medication, treatment."""

from __future__ import annotations

from zeef_corpus import letters as L
from zeef_corpus.doc import Doc
from zeef_corpus.people import Person
from zeef_corpus.spin import ucfirst

# Each condition: diagnosis (formal), lay word, ICPC, specialism, medication, symptoms,
# treatment, lay complaints a citizen writes.
CONDITIONS = (
    dict(
        dx="lumbale hernia nuclei pulposi L4-L5 links",
        lay="hernia",
        icpc="L86",
        spec="neurologie",
        meds=(
            ("Naproxen", "500 mg", "2 dd 1 tablet"),
            ("Paracetamol", "500 mg", "4 dd 2 tabletten z.n."),
            ("Pregabaline", "75 mg", "2 dd 1 capsule"),
        ),
        sx=(
            "uitstralende pijn in het linkerbeen",
            "tintelingen in de linkervoet",
            "pijn bij hoesten en persen",
            "moeite met langdurig zitten en staan",
        ),
        tx=("fysiotherapie", "een epidurale injectie", "een microdiscectomie", "pijnmedicatie"),
        lay_sx=(
            "zoveel pijn in mijn rug",
            "mijn been slaapt steeds",
            "ik kan niet lang zitten of staan",
        ),
    ),
    dict(
        dx="depressieve stoornis, eenmalige episode, matig ernstig (F32.1)",
        lay="depressie",
        icpc="P76",
        spec="psychiatrie",
        meds=(
            ("Sertraline", "50 mg", "1 dd 1 tablet"),
            ("Mirtazapine", "15 mg", "1 dd 1 tablet a.n."),
            ("Oxazepam", "10 mg", "z.n. max 2 dd 1"),
        ),
        sx=(
            "somberheid",
            "slaapproblemen",
            "concentratieproblemen",
            "verlies van interesse",
            "vermoeidheid",
        ),
        tx=("cognitieve gedragstherapie", "antidepressiva", "activerende begeleiding"),
        lay_sx=(
            "ik kom mijn bed niet uit",
            "ik slaap heel slecht",
            "ik kan me nergens op concentreren",
        ),
    ),
    dict(
        dx="posttraumatische stressstoornis (PTSS)",
        lay="PTSS",
        icpc="P82",
        spec="psychiatrie",
        meds=(
            ("Sertraline", "100 mg", "1 dd 1"),
            ("Propranolol", "10 mg", "z.n. 1 tablet"),
            ("Quetiapine", "25 mg", "a.n. 1 tablet"),
        ),
        sx=("herbelevingen", "nachtmerries", "schrikreacties", "vermijdingsgedrag"),
        tx=("EMDR", "traumagerichte cognitieve gedragstherapie", "psycho-educatie"),
        lay_sx=(
            "ik heb nachtmerries",
            "ik schrik van alles",
            "ik durf niet meer alleen naar buiten",
        ),
    ),
    dict(
        dx="diabetes mellitus type 2, niet goed ingesteld",
        lay="suikerziekte",
        icpc="T90",
        spec="interne geneeskunde",
        meds=(
            ("Metformine", "500 mg", "2 dd 1 tablet"),
            ("Gliclazide", "80 mg", "1 dd 1 tablet"),
            ("Insuline glargine", "20 E", "1 dd s.c. a.n."),
        ),
        sx=("dorst", "vermoeidheid", "slecht genezende wond aan de voet", "wazig zien"),
        tx=("aanpassing van de medicatie", "dieetadvies", "controle door de praktijkondersteuner"),
        lay_sx=("mijn suiker is heel slecht", "ik ben altijd moe", "ik moet insuline spuiten"),
    ),
    dict(
        dx="COPD GOLD II",
        lay="COPD",
        icpc="R95",
        spec="longziekten",
        meds=(
            ("Tiotropium", "18 mcg", "1 dd 1 inhalatie"),
            ("Salbutamol", "100 mcg/dosis", "z.n. 1-2 pufjes"),
            ("Prednisolon", "30 mg", "1 dd 1 gedurende 5 dagen"),
        ),
        sx=("kortademigheid bij inspanning", "chronisch hoesten", "frequente exacerbaties"),
        tx=("longrevalidatie", "stoppen met roken", "inhalatiemedicatie"),
        lay_sx=(
            "ik ben heel snel buiten adem",
            "ik kan de trap bijna niet op",
            "ik hoest de hele dag",
        ),
    ),
    dict(
        dx="reumatoïde artritis, seropositief",
        lay="reuma",
        icpc="L88",
        spec="reumatologie",
        meds=(
            ("Methotrexaat", "15 mg", "1x per week"),
            ("Foliumzuur", "5 mg", "1x per week"),
            ("Prednisolon", "5 mg", "1 dd 1 tablet"),
        ),
        sx=("ochtendstijfheid", "gezwollen vingergewrichten", "pijn in polsen en voeten"),
        tx=("DMARD-therapie", "ergotherapie", "controle op de polikliniek"),
        lay_sx=(
            "mijn handen zijn stijf en dik",
            "ik kan geen potjes meer opendraaien",
            "alles doet pijn",
        ),
    ),
    dict(
        dx="status na acuut myocardinfarct (NSTEMI), PCI RCx",
        lay="hartinfarct",
        icpc="K75",
        spec="cardiologie",
        meds=(
            ("Acetylsalicylzuur", "80 mg", "1 dd 1"),
            ("Ticagrelor", "90 mg", "2 dd 1"),
            ("Metoprolol", "50 mg", "1 dd 1"),
            ("Atorvastatine", "40 mg", "1 dd 1"),
        ),
        sx=("pijn op de borst", "kortademigheid", "snelle vermoeibaarheid"),
        tx=("hartrevalidatie", "een dotterbehandeling met stent", "secundaire preventie"),
        lay_sx=(
            "ik heb een hartaanval gehad",
            "ik ben heel snel moe",
            "ik durf me niet in te spannen",
        ),
    ),
    dict(
        dx="multiple sclerose, relapsing-remitting type",
        lay="MS",
        icpc="N86",
        spec="neurologie",
        meds=(
            ("Ocrelizumab", "600 mg", "i.v. elke 6 maanden"),
            ("Baclofen", "10 mg", "3 dd 1"),
            ("Amantadine", "100 mg", "2 dd 1"),
        ),
        sx=(
            "ernstige vermoeidheid",
            "krachtsverlies in de benen",
            "evenwichtsstoornissen",
            "wazig zien",
        ),
        tx=("immunomodulerende therapie", "revalidatie", "ergotherapie"),
        lay_sx=("ik ben altijd uitgeput", "mijn benen willen niet meer", "ik val vaak"),
    ),
    dict(
        dx="paniekstoornis met agorafobie",
        lay="angststoornis",
        icpc="P74",
        spec="psychiatrie",
        meds=(("Escitalopram", "10 mg", "1 dd 1"), ("Oxazepam", "10 mg", "z.n. 1 tablet")),
        sx=("paniekaanvallen", "hartkloppingen", "vermijding van drukke plekken", "piekeren"),
        tx=("cognitieve gedragstherapie", "exposure", "medicatie"),
        lay_sx=(
            "ik krijg paniekaanvallen in de supermarkt",
            "ik durf niet met de bus",
            "mijn hart gaat tekeer",
        ),
    ),
    dict(
        dx="gonartrose beiderzijds, rechts meer dan links",
        lay="artrose",
        icpc="L90",
        spec="orthopedie",
        meds=(
            ("Paracetamol", "1000 mg", "3 dd 1"),
            ("Diclofenac", "50 mg", "2 dd 1 z.n."),
            ("Omeprazol", "20 mg", "1 dd 1"),
        ),
        sx=("startpijn", "pijn bij traplopen", "zwelling van de knie", "beperkte loopafstand"),
        tx=("een totale knieprothese", "fysiotherapie", "een intra-articulaire injectie"),
        lay_sx=("mijn knieën zijn versleten", "ik kan niet ver lopen", "traplopen gaat niet meer"),
    ),
    dict(
        dx="status na CVA (herseninfarct) met restverschijnselen, hemiparese links",
        lay="beroerte",
        icpc="K90",
        spec="revalidatie",
        meds=(
            ("Clopidogrel", "75 mg", "1 dd 1"),
            ("Atorvastatine", "40 mg", "1 dd 1"),
            ("Perindopril", "4 mg", "1 dd 1"),
        ),
        sx=(
            "verminderde kracht in de linkerarm",
            "spraakproblemen",
            "snelle vermoeidheid",
            "geheugenproblemen",
        ),
        tx=("klinische revalidatie", "logopedie", "ergotherapie"),
        lay_sx=(
            "ik heb een herseninfarct gehad",
            "mijn linkerarm doet het niet goed",
            "ik vergeet veel",
        ),
    ),
    dict(
        dx="fibromyalgie",
        lay="fibromyalgie",
        icpc="L18",
        spec="reumatologie",
        meds=(("Amitriptyline", "10 mg", "1 dd 1 a.n."), ("Paracetamol", "500 mg", "z.n.")),
        sx=("wijdverspreide pijn", "vermoeidheid", "slaapstoornissen"),
        tx=("graded activity", "pijnrevalidatie", "medicatie"),
        lay_sx=(
            "ik heb overal pijn",
            "ik ben altijd moe",
            "na een boodschap moet ik een dag bijkomen",
        ),
    ),
    dict(
        dx="alcoholgebruiksstoornis, ernstig",
        lay="alcoholprobleem",
        icpc="P15",
        spec="psychiatrie",
        meds=(("Acamprosaat", "333 mg", "3 dd 2"), ("Thiamine", "100 mg", "1 dd 1")),
        sx=("controleverlies", "onttrekkingsverschijnselen", "sociale problemen"),
        tx=("een klinische detox", "ambulante verslavingszorg", "terugvalpreventie"),
        lay_sx=(
            "ik drink te veel",
            "ik zit in een traject bij de verslavingszorg",
            "ik ben aan het afkicken",
        ),
    ),
    dict(
        dx="epilepsie, focale aanvallen met bewustzijnsverlies",
        lay="epilepsie",
        icpc="N88",
        spec="neurologie",
        meds=(("Levetiracetam", "500 mg", "2 dd 1"), ("Lamotrigine", "100 mg", "2 dd 1")),
        sx=("aanvallen met bewustzijnsverlies", "vermoeidheid na aanvallen"),
        tx=("anti-epileptica", "aanpassing van de dosering", "controle bij de neuroloog"),
        lay_sx=("ik heb epilepsie aanvallen", "ik mag niet autorijden", "ik ben bang dat ik val"),
    ),
    dict(
        dx="mammacarcinoom rechts, status na lumpectomie en radiotherapie",
        lay="borstkanker",
        icpc="X76",
        spec="interne geneeskunde",
        meds=(("Tamoxifen", "20 mg", "1 dd 1"), ("Ondansetron", "8 mg", "z.n. 2 dd 1")),
        sx=("vermoeidheid", "pijn in het operatiegebied", "concentratieproblemen"),
        tx=("chemotherapie", "radiotherapie", "hormoontherapie"),
        lay_sx=("ik ben behandeld voor kanker", "de chemo maakt me kapot", "ik ben heel moe"),
    ),
    dict(
        dx="schizofrenie, paranoïde type",
        lay="psychose",
        icpc="P72",
        spec="psychiatrie",
        meds=(("Aripiprazol", "10 mg", "1 dd 1"), ("Biperideen", "2 mg", "z.n.")),
        sx=("achterdocht", "stemmen horen", "terugtrekgedrag"),
        tx=("behandeling door het FACT-team", "antipsychotica", "woonbegeleiding"),
        lay_sx=(
            "ik hoor soms stemmen",
            "ik word behandeld door het FACT team",
            "ik vertrouw niemand meer",
        ),
    ),
    dict(
        dx="post-COVID-syndroom",
        lay="long covid",
        icpc="A77",
        spec="revalidatie",
        meds=(("Paracetamol", "500 mg", "z.n."),),
        sx=(
            "extreme vermoeidheid",
            "kortademigheid",
            "concentratieproblemen",
            "post-exertionele malaise",
        ),
        tx=("revalidatie", "energiemanagement", "ergotherapie"),
        lay_sx=(
            "sinds corona ben ik kapot",
            "ik kan maar een uur per dag iets doen",
            "mijn hoofd werkt niet",
        ),
    ),
    dict(
        dx="chronisch whiplash-associated disorder (WAD graad II)",
        lay="whiplash",
        icpc="L83",
        spec="revalidatie",
        meds=(("Tramadol", "50 mg", "z.n. max 3 dd 1"), ("Paracetamol", "1000 mg", "3 dd 1")),
        sx=("nekpijn", "hoofdpijn", "duizeligheid", "concentratieproblemen"),
        tx=("fysiotherapie", "pijnrevalidatie", "cognitieve gedragstherapie"),
        lay_sx=(
            "sinds het ongeluk heb ik pijn in mijn nek",
            "ik heb elke dag hoofdpijn",
            "ik word duizelig",
        ),
    ),
    dict(
        dx="bipolaire stoornis type I",
        lay="bipolaire stoornis",
        icpc="P73",
        spec="psychiatrie",
        meds=(("Lithiumcarbonaat", "400 mg", "2 dd 1"), ("Quetiapine", "100 mg", "a.n.")),
        sx=("stemmingswisselingen", "manische periodes", "depressieve periodes"),
        tx=("stemmingsstabilisatoren", "psycho-educatie", "spiegelgesprekken"),
        lay_sx=("ik ben manisch depressief", "soms gaat het heel goed en dan ineens heel slecht"),
    ),
)

SPEC_PERSON = {
    "neurologie": "neuroloog",
    "psychiatrie": "psychiater",
    "interne geneeskunde": "internist",
    "longziekten": "longarts",
    "reumatologie": "reumatoloog",
    "cardiologie": "cardioloog",
    "orthopedie": "orthopeed",
    "revalidatie": "revalidatiearts",
}
EXAMS = {
    "neurologie": (
        "Lasègue links positief bij 40 graden.",
        "Krachtsverlies linkerbeen MRC 4.",
        "Onzekere tandemgang.",
        "Verminderde sensibiliteit dermatoom L5 links.",
    ),
    "psychiatrie": ("Gespannen, somber affect.", "Contact moeizaam, vertraagd denken."),
    "interne geneeskunde": (
        "Buik soepel, geen drukpijn.",
        "Voetpulsaties zwak palpabel.",
        "Geen lymfadenopathie.",
    ),
    "longziekten": ("Verlengd expirium, bilateraal piepen.", "Saturatie 93% in rust."),
    "reumatologie": (
        "Synovitis van MCP 2-3 beiderzijds.",
        "Drukpijnlijke polsen, 6 gezwollen gewrichten.",
    ),
    "cardiologie": ("Souffle graad 2/6.", "Geen oedeem, regulaire hartactie."),
    "orthopedie": (
        "Hydrops rechterknie, crepitaties.",
        "Beperkte flexie van de knie tot 100 graden.",
    ),
    "revalidatie": (
        "Hemiparese links, looppatroon circumducerend.",
        "Snel vermoeid bij inspanning.",
    ),
}

CHILD_CONDITIONS = (
    dict(
        dx="ADHD, gecombineerd beeld",
        lay="ADHD",
        meds=(("Methylfenidaat", "10 mg", "2 dd 1"),),
        sx=("concentratieproblemen", "impulsiviteit", "onrust in de klas"),
        tx=("medicatie", "ouderbegeleiding"),
    ),
    dict(
        dx="autismespectrumstoornis (ASS)",
        lay="autisme",
        meds=(),
        sx=("moeite met veranderingen", "sociale problemen", "prikkelgevoeligheid"),
        tx=("psycho-educatie", "gezinsbehandeling", "sociale vaardigheidstraining"),
    ),
    dict(
        dx="angststoornis bij kinderen (separatieangst)",
        lay="angst",
        meds=(),
        sx=("buikpijn voor school", "schoolverzuim", "slaapproblemen"),
        tx=("cognitieve gedragstherapie", "ouderbegeleiding"),
    ),
)

LAB_TESTS = (
    ("Hemoglobine (Hb)", "mmol/l", (7.5, 10.0), 1),
    ("Leukocyten", "10^9/l", (4.0, 10.0), 1),
    ("Trombocyten", "10^9/l", (150, 400), 0),
    ("CRP", "mg/l", (0, 10), 0),
    ("BSE", "mm/uur", (0, 20), 0),
    ("Glucose nuchter", "mmol/l", (4.0, 6.1), 1),
    ("HbA1c", "mmol/mol", (20, 42), 0),
    ("Kreatinine", "umol/l", (50, 110), 0),
    ("eGFR (CKD-EPI)", "ml/min/1.73m2", (60, 130), 0),
    ("ALAT", "U/l", (0, 45), 0),
    ("Gamma-GT", "U/l", (0, 55), 0),
    ("TSH", "mU/l", (0.4, 4.0), 2),
    ("Vrij T4", "pmol/l", (10, 24), 1),
    ("Cholesterol totaal", "mmol/l", (0, 5.0), 1),
    ("LDL-cholesterol", "mmol/l", (0, 2.5), 1),
    ("Vitamine D (25-OH)", "nmol/l", (50, 150), 0),
    ("Ferritine", "ug/l", (20, 300), 0),
    ("Natrium", "mmol/l", (135, 145), 0),
    ("Kalium", "mmol/l", (3.5, 5.0), 1),
    ("Vitamine B12", "pmol/l", (150, 700), 0),
    ("Lithium", "mmol/l", (0.6, 1.0), 2),
)


def cond(d: Doc) -> dict:
    key = "condition"
    if key not in d.case.facts:  # a case keeps one main condition across its documents
        d.case.facts[key] = d.pick(CONDITIONS)
    c = d.case.facts[key]
    if d.chance(0.25):
        c = d.pick(CONDITIONS)
    return c


def companion(d: Doc) -> str:
    """A relative or carer named in passing ("zijn zus Samira Benali"): a third party."""
    p = d.case.tp(d.pick(("partner", "sibling", "mother", "friend", "mantelzorger")))
    owner = d.case.subject.g("zijn", "haar")
    return f"{owner} {p.relation} {d.n(p, 'full', 'first', 'formal', 'full')}"


def patient_line(d: Doc, p: Person, style: str | None = None) -> None:
    style = style or d.pick(("kv", "line", "betreft", "lines", "inverted"))
    pt = p.g("patiënt", "patiënte") if d.chance(0.5) else "patiënt"
    if style == "kv":
        pairs = [
            (
                "[Patiënt|Naam patiënt|Naam|Cliënt]",
                d.n(p, "official", "initials", "full", "inverted"),
            ),
            ("[Geboortedatum|Geb. datum|Geboren]", d.birth(p)),
        ]
        if d.chance(0.6):
            pairs.append(("BSN", d.bsn(p)))
        if d.chance(0.6):
            pairs.append(("Adres", d.addr(p)))
        if d.chance(0.3):
            pairs.append(
                (
                    "[Patiëntnummer|Patiëntnr.|Registratienummer]",
                    str(d.rng.randrange(100000, 9999999)),
                )
            )
        d.kv(pairs)
    elif style == "line":
        d.p(
            f"{pt.capitalize()}: {d.n(p, 'initials', 'full', 'formal_init')}, [geb.|geboren|geb. "
            "datum] "
            f"{d.birth(p)}[, BSN {d.bsn(p)}|]"
        )
    elif style == "betreft":
        d.p(
            f"[Betreft|Inzake|Re]: {d.n(p, 'formal_init', 'formal_full')}, [geboren op|geb.] "
            f"{d.birth(p)}, "
            f"{d.addr(p)}"
        )
    elif style == "inverted":
        d.lines([f"{d.n(p, 'inverted')} ({p.g('M', 'V')}) {d.birth(p, 'dash')}", d.addr(p)])
    else:
        d.lines([d.n(p, "official", "initials"), d.birth(p), d.street(p), d.town(p)])


def meds_table(d: Doc, meds, with_start: bool = False) -> None:
    rows = [
        [
            d.pick(("Geneesmiddel", "Medicatie", "Middel")),
            "Sterkte",
            d.pick(("Dosering", "Gebruik")),
        ]
    ]
    if with_start:
        rows[0].append("Startdatum")
    for name, strength, dose in meds:
        r = [name, strength, dose]
        if with_start:
            r.append(d.fdate(d.days(-900, -20), "dash"))
        rows.append(r)
    if d.chance(0.4):
        d.bullets([f"{n} {s} {u}" for n, s, u in meds])
    else:
        d.table(rows)


def _sx(d: Doc, c: dict, k: int = 2) -> str:
    items = d.rng.sample(list(c["sx"]), min(k, len(c["sx"])))
    return ", ".join(items[:-1]) + (" en " if len(items) > 1 else "") + items[-1]


def gp_letter(d: Doc) -> None:
    c = d.case
    S, gp = c.subject, c.pro("gp")
    o = c.org("gp")
    x = cond(d)
    L.letterhead(
        d,
        o,
        sub=d.pick(("", f"{d.pick(('Huisarts', 'huisarts'))} {d.n(gp, 'titled', 'initials')}", "")),
    )
    to = d.pick(("patient", "gemeente", "whom", "colleague"))
    if to == "patient":
        L.recipient(d, S)
    elif to == "gemeente":
        L.org_recipient(d, c.municipality_org(), attn=c.department())
    L.meta(
        d,
        subject=d.s(
            (
                "[Informatie over uw patiënt|Uw patiënt|Medische informatie] "
                if to == "colleague"
                else "[Medische informatie|Verklaring|Gezondheidssituatie|Informatie over] "
            )
            + f"{d.n(S, 'formal_init', 'initials')}"
        ),
        style=d.pick(("place_date", "kv", "inline")),
    )
    if to == "colleague":
        L.salutation(d, None, "colleague")
    elif to == "patient":
        L.salutation(d, S)
    else:
        d.p(d.pick(("Geachte heer/mevrouw,", "Aan wie het aangaat,", "Geachte medewerker,")))
    pron = S.g("hij", "zij")
    opening = d.pick(
        (
            "[Op verzoek van|Op uitdrukkelijk verzoek van|Met toestemming van] [mijn|onze] "
            f"{S.g('patiënt', 'patiënte')} "
            f"{d.n(S, 'formal', 'formal_init')} [bericht ik u het volgende|verstrek ik u de "
            "volgende informatie|schrijf ik u deze brief].",
            "[Bovengenoemde|Genoemde] patiënt is bij [mij|ons] bekend [met|in verband "
            f"met|wegens] {x['dx']}.",
            f"{d.N(S, 'formal')} is sinds {d.rng.randrange(2008, 2025)} ingeschreven in "
            "[onze|mijn] praktijk.",
            "[Hierbij|Bij deze] [bevestig|verklaar] ik dat "
            f"{d.n(S, 'formal_init', 'formal_full')} bij [mij|ons] "
            f"onder behandeling is [voor|wegens|in verband met] {x['dx']}.",
        )
    )
    d.p(opening)
    body = [
        f"[Sinds|Vanaf] {d.pick(('begin', 'half', 'eind'))} {d.rng.randrange(2019, 2026)} heeft "
        f"{pron} last van {_sx(d, x)}.",
        "De klachten zijn [in de loop van de tijd|de afgelopen maanden|sinds de zomer] "
        "[toegenomen|niet verminderd|wisselend van aard].",
        f"{pron.capitalize()} [is|werd] [verwezen naar|gezien door] de "
        f"{SPEC_PERSON[x['spec']]} in het {c.org('hospital').name}.",
        f"De behandeling bestaat uit {d.pick(x['tx'])} [en|in combinatie met] {d.pick(x['tx'])}.",
        f"[Patiënt|{pron.capitalize()}] gebruikt [momenteel|op dit moment|thans] "
        f"{x['meds'][0][0]} {x['meds'][0][1]}"
        f"[ en {x['meds'][-1][0]}|].",
        "[Naar mijn inschatting|Mijns inziens|Naar verwachting] [zal herstel nog enkele maanden "
        "duren|is sprake van een chronische aandoening|is volledige terugkeer naar werk voorlopig "
        "niet haalbaar].",
        "[De prognose is onzeker.|Een operatie wordt overwogen.|Er staat een controle gepland "
        "over drie maanden.|"
        f"Patiënt staat op de wachtlijst voor {d.pick(x['tx'])}.]",
        "[Ik heb geen bezwaar tegen het opvragen van nadere informatie door uw medisch adviseur.|"
        "Voor nadere informatie kan uw medisch adviseur contact met mij opnemen.|"
        "Deze informatie is uitsluitend bedoeld voor de medisch adviseur.]",
    ]
    k = d.rng.randrange(3, len(body) + 1)
    d.ps(body[:2] + d.rng.sample(body[2:], k - 2))
    if d.chance(0.5):
        d.p(
            "[Patiënt wordt ondersteund door|Bij het consult was aanwezig:|Mantelzorg wordt "
            f"gegeven door] {companion(d)}."
        )
    if d.chance(0.4):
        d.p("[Medicatie|Huidige medicatie|Actuele medicatie]:")
        meds_table(d, x["meds"])
    L.closing(d, gp, register="colleague" if to == "colleague" else "formal")
    if d.chance(0.5):
        d.lines([f"AGB-code: {d.pro_id(gp, 'agb')}"])
    L.footer(d, o)


def discharge(d: Doc) -> None:
    c = d.case
    S = c.subject
    x = cond(d)
    spec = x["spec"]
    sp = c.pro("specialist:" + spec)
    o = c.org("hospital")
    L.letterhead(d, o, sub=d.s(f"[Afdeling|Afd.] {spec.capitalize()}"))
    d.h(
        d.pick(
            (
                "ONTSLAGBRIEF",
                "Ontslagbrief",
                "Ontslagbericht",
                "Klinische brief",
                "Voorlopige ontslagbrief",
            )
        )
    )
    gp = c.pro("gp")
    d.kv(
        [
            ("[Aan|Huisarts]", d.n(gp, "titled", "initials") + f", {gp.org}"),
            ("[Van|Behandelend specialist]", d.n(sp, "titled", "initials") + f", {sp.function}"),
        ]
    )
    patient_line(d, S, d.pick(("kv", "line", "inverted")))
    adm = d.days(-40, -5)
    dis = d.days(1, 20, adm)
    d.kv(
        [
            ("[Opnamedatum|Datum opname|Opgenomen]", d.fdate(adm, "dash")),
            ("[Ontslagdatum|Datum ontslag|Ontslagen]", d.fdate(dis, "dash")),
            (
                "Ontslagen naar",
                d.pick(("huis", "thuis", "revalidatiecentrum", "huis met thuiszorg")),
            ),
        ]
    )
    secs = [
        (
            "[Reden van opname|Opnamereden]",
            f"[Opname|Patiënt werd opgenomen] [in verband met|wegens|vanwege] {_sx(d, x, 2)}.",
        ),
        ("[Diagnose|Diagnose(n)|Hoofddiagnose|Conclusie]", ucfirst(x["dx"])),
        (
            "[Anamnese|Voorgeschiedenis]",
            "[Bekend met|Voorgeschiedenis:] "
            "[hypertensie|astma|obesitas|geen bijzonderheden|depressie in 2019|appendectomie]. "
            "[Rookt|Rookt niet|Ex-roker], alcohol "
            f"{d.pick(('0', '1-2 E/dag', 'sociaal', 'geen'))}.",
        ),
        (
            "[Beloop|Beloop opname|Klinisch beloop]",
            f"Tijdens de opname [werd gestart met|kreeg patiënt] {d.pick(x['tx'])}. "
            "[Het beloop was ongecompliceerd.|Het herstel verliep voorspoedig.|Er trad een "
            "wondinfectie op die met antibiotica werd behandeld.]",
        ),
        (
            "[Aanvullend onderzoek|Onderzoek]",
            d.pick(
                (
                    "MRI: [passend bij bovengenoemde diagnose|geen nieuwe afwijkingen].",
                    "Lab: Hb 7.9, CRP 34, kreat 88.",
                    "ECG: sinusritme, geen ischemie.",
                    "X-thorax: geen infiltraat.",
                    "CT-cerebrum: geen bloeding.",
                )
            ),
        ),
    ]
    for title, text in secs[: d.rng.randrange(3, len(secs) + 1)]:
        d.h(title + d.pick((":", "", ":")))
        d.p(text)
    d.h(d.pick(("Medicatie bij ontslag", "Ontslagmedicatie", "Medicatie")))
    meds_table(d, x["meds"], with_start=d.chance(0.3))
    d.h(d.pick(("Beleid", "Beleid/afspraken", "Follow-up", "Afspraken")))
    d.p(
        "[Controle op de polikliniek over|Poliklinische controle na|Terugkomen over] "
        f"{d.rng.randrange(2, 12)} weken. "
        f"[Graag bloedcontrole via de huisarts.|Verwijzing naar {d.pick(x['tx'])} is "
        "verstuurd.|Patiënt mag niet zwaar tillen.|"
        "Rijverbod gedurende 6 maanden.]"
    )
    if d.chance(0.55):
        d.p(
            f"[Contactpersoon|Eerste contactpersoon]: {d.n(c.tp('sibling'), 'full')} "
            f"({c.tp('sibling').relation}), {d.phone(c.tp('sibling'), 'mobile')}"
        )
    L.closing(d, sp, register="colleague", function=True)
    L.footer(d, o, page="Pagina 1 van 1")


def specialist_letter(d: Doc) -> None:
    c = d.case
    x = cond(d)
    S, sp, gp = c.subject, c.pro("specialist:" + x["spec"]), c.pro("gp")
    o = c.org("hospital")
    spec = x["spec"]
    L.letterhead(d, o, sub=d.s(f"[Polikliniek|Poli|Afdeling] {spec.capitalize()}"))
    d.lines(
        [
            d.n(gp, "titled", "initials"),
            gp.org,
            f"{c.org('gp').street}",
            f"{c.org('gp').postcode} {c.org('gp').city}",
        ]
    )
    d.blank()
    L.meta(d, subject=d.s(f"{d.n(S, 'initials', 'inverted')}, geb. {d.birth(S)}"), handler=None)
    L.salutation(d, gp, "colleague")
    pt = S.g("patiënt", "patiënte")
    d.p(
        f"[Op|Op] {d.fdate(d.days(-30, -3), 'long')} [zagen wij|zag ik|zagen wij] uw {pt} "
        f"{d.n(S, 'formal', 'formal_init')} "
        "[op de polikliniek|op ons spreekuur|voor een controle|op verwijzing van u] [in verband "
        f"met|vanwege|met] {_sx(d, x)}."
    )
    d.h(d.pick(("Anamnese", "Anamnese:", "Voorgeschiedenis en klachten")))
    d.p(
        f"[Sinds|Sedert] {d.rng.randrange(2, 30)} maanden {_sx(d, x, 2)}. "
        "[Geen koorts.|Geen gewichtsverlies.|Slaapt slecht door de klachten.|Werkt momenteel "
        "niet.|Is niet meer in staat het huishouden te doen.]"
    )
    if d.chance(0.45):
        d.p(f"[Patiënt kwam samen met|Begeleid door|In gezelschap van] {companion(d)}.")
    d.h(d.pick(("Lichamelijk onderzoek", "Onderzoek", "Bij onderzoek")))
    d.p(
        d.pick(
            (
                "Matig zieke patiënt. RR [145/90|128/82|160/95], pols [88|72|96] regulair. ",
                "Alerte patiënt, geen acute nood. ",
                "[Redelijke|Matige|Goede] algemene indruk. ",
                "",
            )
        )
        + " ".join(d.rng.sample(EXAMS[spec], min(2, len(EXAMS[spec]))))
    )
    d.h(d.pick(("Conclusie", "Conclusie/diagnose", "Diagnose", "Samenvatting")))
    d.p(ucfirst(x["dx"]) + ".")
    d.h(d.pick(("Beleid", "Plan", "Afspraken")))
    d.p(
        f"[Wij starten met|Ik heb gestart met|Voortzetten] {x['meds'][0][0]} {x['meds'][0][1]} "
        f"{x['meds'][0][2]}. "
        f"[Tevens verwijzing naar|Daarnaast aanmelding voor|Ook adviseer ik] {d.pick(x['tx'])}. "
        f"[Controle over {d.rng.randrange(6, 16)} weken.|Wij zien patiënt terug na de MRI.|Retour "
        "huisarts.]"
    )
    L.closing(d, sp, register="colleague")
    if d.chance(0.5):
        d.lines(
            [
                "[Kopie aan|cc]: "
                f"{d.pick(('patiënt', 'patiënt zelf', 'fysiotherapeut', 'bedrijfsarts'))}"
            ]
        )
    L.footer(d, o)


def lab_results(d: Doc) -> None:
    c = d.case
    S, gp = c.subject, c.pro("gp")
    o = c.org("lab")
    L.letterhead(d, o, style=d.pick(("upper", "line", "block")))
    d.h(
        d.pick(
            (
                "Uitslag laboratoriumonderzoek",
                "UITSLAGEN",
                "Laboratoriumuitslagen",
                "Uitslagenoverzicht klinische chemie",
            )
        )
    )
    patient_line(d, S, d.pick(("kv", "inverted")))
    d.kv(
        [
            ("[Aanvrager|Aangevraagd door]", d.n(gp, "titled", "initials")),
            ("[Afname|Afnamedatum|Datum afname]", d.fdate(d.days(-20, -1), "dash")),
            (
                "[Labnummer|Monsternummer|Ordernummer]",
                f"{d.pick(('L', 'A', 'RKL'))}{d.rng.randrange(1000000, 9999999)}",
            ),
            (
                "[Klinische gegevens|Vraagstelling]",
                d.pick(
                    (
                        "moeheid",
                        "controle DM",
                        "controle medicatie",
                        "verdenking anemie",
                        "follow-up",
                        "klachten gewrichten",
                    )
                ),
            ),
        ]
    )
    tests = d.rng.sample(list(LAB_TESTS), d.rng.randrange(5, 12))
    comma = d.chance(0.6)
    mark = d.pick(("*", "", "!"))
    rows = [
        [
            d.pick(("Bepaling", "Test", "Onderzoek")),
            "Uitslag",
            "Eenheid",
            d.pick(("Referentie", "Ref.waarden", "Normaalwaarde")),
            "",
        ]
    ]
    for name, unit, (lo, hi), dec in tests:
        span = hi - lo
        v = lo + d.rng.uniform(-0.3, 1.3) * span
        v = max(v, 0)
        flag = "H" if v > hi else ("L" if v < lo else "")
        fmtv = f"{v:.{dec}f}"
        ref = f"{lo} - {hi}"
        if comma:
            fmtv, ref = fmtv.replace(".", ","), ref.replace(".", ",")
        rows.append([name, fmtv, unit, ref, mark if flag and mark else flag])
    d.table(rows)
    d.p(
        d.pick(
            (
                "[Opmerking|Commentaar]: [hemolytisch monster, kalium onder "
                "voorbehoud.|geen.|uitslagen besproken met patiënt.]",
                "Uitslagen buiten de referentiewaarden zijn gemarkeerd.",
                "* = afwijkend",
                f"Geautoriseerd door {d.n(c.pro('lab_analist'), 'initials')}, klinisch chemicus.",
            )
        )
    )
    L.footer(d, o)


def medication_list(d: Doc) -> None:
    c = d.case
    S = c.subject
    o = c.org("pharmacy")
    x = cond(d)
    L.letterhead(d, o, style=d.pick(("block", "right", "upper")))
    d.h(
        d.pick(
            (
                "Medicatieoverzicht",
                "MEDICATIEOVERZICHT",
                "Actueel medicatieoverzicht",
                "Overzicht geneesmiddelgebruik",
                "Medicatiepaspoort",
            )
        )
    )
    patient_line(d, S, d.pick(("kv", "lines", "inverted")))
    d.kv(
        [
            ("[Datum|Afdrukdatum|Uitgeprint op]", d.fdate(style="dash")),
            ("[Huisarts|Voorschrijver]", d.n(c.pro("gp"), "titled", "initials")),
        ]
    )
    meds = list(x["meds"])
    extra = (
        ("Omeprazol", "20 mg", "1 dd 1 voor het ontbijt"),
        ("Colecalciferol", "800 IE", "1 dd 1"),
        ("Macrogol", "13,7 g", "1 dd 1 sachet"),
        ("Amlodipine", "5 mg", "1 dd 1"),
        ("Simvastatine", "40 mg", "1 dd 1 a.n."),
        ("Temazepam", "10 mg", "z.n. a.n."),
        ("Hydrochloorthiazide", "12,5 mg", "1 dd 1"),
        ("Cetirizine", "10 mg", "z.n."),
    )
    meds += d.rng.sample(extra, d.rng.randrange(0, 4))
    rows = [
        [
            "Geneesmiddel",
            "Sterkte",
            "Gebruiksvoorschrift",
            "Startdatum",
            d.pick(("Voorschrijver", "Arts")),
        ]
    ]
    for n, s, u in meds:
        rows.append(
            [
                n,
                s,
                u,
                d.fdate(d.days(-1200, -10), "dash"),
                d.pick(("huisarts", x["spec"], "specialist", "HA")),
            ]
        )
    d.table(rows)
    d.h(
        d.pick(
            (
                "Overgevoeligheden en contra-indicaties",
                "Allergieën / intoleranties",
                "Contra-indicaties",
            )
        )
    )
    d.p(
        d.pick(
            (
                "Geen bekend.",
                "Penicilline (allergie).",
                "Diabetes mellitus; nierfunctiestoornis.",
                "Geen overgevoeligheden geregistreerd.",
                "Sulfonamiden; zwangerschap: nee.",
            )
        )
    )
    d.p(
        d.pick(
            (
                "Neem dit overzicht mee naar uw arts of het ziekenhuis.",
                "Dit overzicht is gebaseerd op de bij ons bekende gegevens.",
                "Controleer dit overzicht en meld wijzigingen aan uw apotheek.",
                "",
            )
        )
    )
    L.footer(d, o)


def ggz_report(d: Doc) -> None:
    c = d.case
    S, ps = c.subject, c.pro("psych")
    o = c.org("ggz")
    psych = [x for x in CONDITIONS if x["spec"] == "psychiatrie"]
    x = cond(d)
    if x["spec"] != "psychiatrie":
        x = d.pick(psych)
    L.letterhead(d, o)
    d.h(
        d.pick(
            (
                "Verslag intake",
                "Behandelplan",
                "Psychologisch rapport",
                "Voortgangsverslag behandeling",
                "Intakeverslag",
                "Eindverslag behandeling",
            )
        )
    )
    patient_line(d, S)
    d.kv(
        [
            (
                "[Behandelaar|Regiebehandelaar|Hoofdbehandelaar]",
                d.n(ps, "titled", "initials", "full") + f", {ps.function}",
            ),
            ("[Datum|Datum verslag]", d.fdate()),
            (
                "Zorgtraject",
                d.pick(("Basis GGZ", "Gespecialiseerde GGZ", "S-GGZ", "Generalistische Basis GGZ")),
            ),
        ]
    )
    sections = [
        (
            "[Aanmeldingsreden|Hulpvraag|Reden van aanmelding]",
            f"{d.N(S, 'formal', 'first')} [meldt zich aan|werd verwezen door de huisarts] [met|in "
            f"verband met] {_sx(d, x, 3)}.",
        ),
        (
            "[Voorgeschiedenis|Achtergrond]",
            d.pick(
                (
                    f"[Cliënt|Betrokkene] groeide op in {S.birthplace}. [Vader was vaak "
                    "afwezig.|Er was sprake van huiselijk geweld in het gezin van herkomst.|Geen "
                    "bijzonderheden in de jeugd.]",
                    f"Eerder behandeld in {d.rng.randrange(2010, 2022)} [met een goed "
                    "resultaat|zonder blijvend resultaat].",
                    f"Sinds de scheiding van {d.n(c.tp('ex'), 'first', 'full')} [gaat het|ging "
                    "het] bergafwaarts.",
                    "[Woont samen met|Krijgt veel steun van|Heeft een moeizame relatie met] "
                    f"{companion(d)}.",
                )
            ),
        ),
        (
            "[Psychiatrisch onderzoek|Onderzoek|Observatie]",
            d.pick(
                (
                    "Heldere, goed georiënteerde [man|vrouw]. Stemming somber, affect vlak. Geen "
                    "psychotische kenmerken. Suïcidale gedachten zonder concrete plannen.",
                    "Verzorgd uiterlijk, gespannen. Denken coherent. Angstige stemming, adequaat "
                    "affect. Geen suïcidaliteit.",
                    "Contact moeizaam, wantrouwend. Inhoudelijke denkstoornissen aanwezig. "
                    "Ziekte-inzicht beperkt.",
                )
            ),
        ),
        ("[Classificatie|DSM-5 classificatie|Diagnose]", x["dx"]),
        (
            "[Behandeling|Behandelplan|Behandeladvies]",
            f"[Voorgesteld wordt|Afgesproken is|Gestart is met] {d.pick(x['tx'])}"
            f"[, wekelijks|, 12 sessies|, in combinatie met medicatie ({x['meds'][0][0]})|].",
        ),
        (
            "[Prognose|Verwachting]",
            d.pick(
                (
                    "Matig gunstig.",
                    "Onzeker, gezien de langdurige klachten en de stressoren.",
                    "Gunstig indien de behandeling wordt voortgezet.",
                )
            ),
        ),
    ]
    for t, txt in sections:
        if d.chance(0.85):
            d.h(t)
            d.p(txt)
    L.closing(d, ps, register="formal")
    if d.chance(0.5):
        d.lines([f"BIG-registratie: {d.pro_id(ps, 'big')}"])
    L.footer(d, o)


def citizen_letter(d: Doc) -> None:
    """The citizen's own account of their illness, informal, with typos."""
    d.tag("citizen_describes_own_illness")
    c = d.case
    S = c.subject
    x = cond(d)
    cons = c.pro("consulent")
    d.informal = d.pick((0.2, 0.4, 0.6, 0.8))
    if d.chance(0.6):
        d.lines(
            [d.n(S, "full", "initials"), d.street(S), d.town(S)]
            + ([d.phone(S, "mobile")] if d.chance(0.5) else [])
        )
        d.blank()
    if d.chance(0.5):
        d.lines([f"{c.city_name}, {d.fdate(style=d.pick(('dash', 'long', 'dash_short')))}"])
    if d.chance(0.4):
        d.lines([f"Aan: {c.municipality}[, {c.department()}|]"])
    d.p(
        d.pick(
            (
                "Geachte heer/mevrouw,",
                "Beste meneer/mevrouw,",
                f"Beste {d.n(cons, 'formal', 'first')},",
                "Hallo,",
                "Aan de gemeente,",
                f"Geachte {cons.g('heer', 'mevrouw')} {d.n(cons, 'sur')},",
            )
        ),
        informal=True,
    )
    sx = d.rng.sample(list(x["lay_sx"]), min(2, len(x["lay_sx"])))
    sx1, sx2 = sx[0], sx[-1]
    pool = [
        f"Ik [heb|had] sinds [vorig jaar|een paar maanden|{d.rng.randrange(2, 9)} jaar|de zomer] "
        f"[last van|veel last van|problemen met] {x['lay']} en kan [niet meer werken|mijn werk "
        "niet meer doen|niet solliciteren|niet fulltime werken].",
        f"[Mijn huisarts|De dokter|De specialist] heeft gezegd dat ik {x['lay']} heb.",
        f"{ucfirst(sx1)}." if sx1 == sx2 or d.chance(0.5) else f"{ucfirst(sx1)} en {sx2}.",
        f"Ik slik [elke dag|iedere dag|nu] {x['meds'][0][0].lower()} [en dat helpt een "
        "beetje|maar dat helpt niet echt|en daar word ik heel suf van].",
        "Ik ben [in behandeling|onder behandeling] bij "
        f"[de huisarts|het ziekenhuis|de {SPEC_PERSON[x['spec']]}] "
        "en moet [elke week|1 keer per maand|regelmatig] terugkomen.",
        f"[Ik heb {d.pick(x['tx'])} gehad|Er is {d.pick(x['tx'])} voorgesteld|Ik sta op de "
        f"wachtlijst voor {d.pick(x['tx'])}] [maar het gaat nog steeds niet goed|maar ik moet nog "
        "maanden wachten|en het ging even beter].",
        "Ik kan [daarom|dus] [niet aan de verplichtingen voldoen|de afspraken met het werkbedrijf "
        "niet nakomen|niet naar de cursus komen].",
        "Ik wil graag [dat u hier rekening mee houdt|ontheffing van de sollicitatieplicht|dat de "
        "gemeente dit weet|hulp bij het huishouden].",
        f"[Mijn {c.tp('sibling').relation} {d.n(c.tp('sibling'), 'first')}|Mijn moeder|Een "
        "vriendin] helpt mij [met de "
        "boodschappen|in het huishouden|met de papieren].",
        "Ik stuur [de brief van de dokter|een brief van het ziekenhuis|mijn medicijnlijst] mee "
        "zodat u kunt zien dat het echt zo is.",
        "Het is voor mij [heel moeilijk|zwaar|niet makkelijk] om dit op te schrijven.",
        "Ik hoop dat u [begrip heeft|dit begrijpt|mij kunt helpen].",
        "Soms [lig ik dagen in bed|kan ik de deur niet uit|moet ik huilen zonder reden].",
    ]
    keep = pool[:1] + d.rng.sample(pool[1:], d.rng.randrange(3, 9))
    if d.chance(0.5):
        d.p(" ".join(keep), informal=True)
    else:
        for t in keep:
            d.p(t, informal=True)
    d.p(
        d.pick(
            (
                "Met vriendelijke groet,",
                "Groeten,",
                "Mvg",
                "Vriendelijke groet",
                "Alvast bedankt,",
                "Dank u wel.",
            )
        ),
        informal=True,
    )
    d.lines([d.n(S, "full", "first", "full")])
    if d.chance(0.3):
        d.lines([f"BSN: {d.bsn(S)}"])
    d.filename_hint = d.pick(("brief", "mijn_situatie", "uitleg", "Brief_gemeente", "scan"))


def gp_statement(d: Doc) -> None:
    c = d.case
    S, gp = c.subject, c.pro("gp")
    x = cond(d)
    o = c.org("gp")
    L.letterhead(d, o, style=d.pick(("right", "minimal", "block")))
    d.h(
        d.pick(
            (
                "Verklaring",
                "VERKLARING",
                "Medische verklaring",
                "Huisartsenverklaring",
                "Verklaring behandelend arts",
            )
        )
    )
    d.p(
        f"[Ondergetekende|Ik, ondergetekende,] {d.n(gp, 'titled', 'initials')}, huisarts te "
        f"{o.city}, verklaart dat "
        f"{d.n(S, 'formal_init', 'formal_full')}, [geboren|geb.] {d.birth(S)}, [wonende|wonend] "
        f"[te|op] {d.addr(S)}, "
        "[bij mij onder behandeling is|in mijn praktijk bekend is|onder mijn behandeling staat] "
        f"[wegens|in verband met|vanwege] {x['dx']}."
    )
    d.p(
        d.pick(
            (
                f"In verband hiermee is [{S.g('hij', 'zij')}|betrokkene] [tot nader "
                f"order|voorlopig|de komende {d.rng.randrange(2, 7)} maanden] niet in staat om te "
                "werken.",
                f"[Patiënt|Betrokkene] gebruikt {x['meds'][0][0]} {x['meds'][0][1]} en is "
                f"aangewezen op {d.pick(x['tx'])}.",
                "Het [lijkt mij|is mijns inziens] [medisch gewenst|noodzakelijk] dat "
                "[patiënt|betrokkene] [een woning op de begane grond krijgt|hulp in het "
                "huishouden krijgt|wordt vrijgesteld van de arbeidsverplichting].",
            )
        )
    )
    d.p(
        d.pick(
            (
                "Deze verklaring is op verzoek van patiënt afgegeven.",
                "Naar waarheid opgemaakt.",
                "Deze verklaring is afgegeven op verzoek van betrokkene en naar waarheid ingevuld.",
                "",
            )
        )
    )
    d.lines(
        [f"{o.city}, {d.fdate()}", "", d.n(gp, "titled", "initials", "full"), "huisarts"]
        + ([f"AGB {d.pro_id(gp, 'agb')}"] if d.chance(0.5) else [])
    )


def physio_report(d: Doc) -> None:
    c = d.case
    S, ft = c.subject, c.pro("physio")
    o = c.org("physio")
    x = cond(d)
    L.letterhead(d, o)
    d.h(
        d.pick(
            (
                "Verslag fysiotherapie",
                "Eindverslag fysiotherapie",
                "Tussenrapportage",
                "Fysiotherapeutisch verslag",
            )
        )
    )
    patient_line(d, S, d.pick(("kv", "betreft")))
    d.kv(
        [
            (
                "[Verwezen door|Verwijzer]",
                d.pick(("huisarts", "orthopeed", "neuroloog", "Directe Toegankelijkheid")),
            ),
            ("[Medische diagnose|Diagnose verwijzer]", x["dx"]),
            ("[Aantal behandelingen|Behandelingen]", str(d.rng.randrange(4, 40))),
            (
                "[Periode|Behandelperiode]",
                f"{d.fdate(d.days(-300, -90), 'dash')} t/m {d.fdate(style='dash')}",
            ),
        ]
    )
    d.p(
        f"[Hulpvraag|Klachten]: {_sx(d, x, 2)}. [Patiënt wil weer|Doel is om weer] [zelfstandig "
        "boodschappen te doen|kunnen fietsen|zonder pijn te slapen|kunnen werken]."
    )
    d.p(
        "[Bevindingen|Onderzoek]: [beperkte mobiliteit|verminderde spierkracht|verhoogde "
        "spierspanning], "
        f"[PSK {d.rng.randrange(30, 90)}/100|NPRS {d.rng.randrange(4, 9)}/10|6MWT "
        f"{d.rng.randrange(150, 450)} m]."
    )
    d.p(
        d.pick(
            (
                "Conclusie: langzame vooruitgang; advies voortzetten behandeling.",
                "Conclusie: geen verdere verbetering te verwachten, behandeling gestaakt.",
                "Conclusie: doelen deels behaald.",
            )
        )
    )
    L.closing(d, ft)
    L.footer(d, o)


def referral(d: Doc) -> None:
    c = d.case
    S, gp = c.subject, c.pro("gp")
    x = cond(d)
    o = c.org("gp")
    d.h(d.pick(("Verwijsbrief", "VERWIJZING", "Verwijzing specialist", "Verwijsbrief Zorgdomein")))
    d.kv(
        [
            ("Verwijzer", f"{d.n(gp, 'titled', 'initials')}, {o.name}"),
            ("AGB verwijzer", d.pro_id(gp, "agb")),
            (
                "Verwezen naar",
                d.pick(
                    (
                        f"{x['spec']}, {c.org('hospital').name}",
                        c.org("ggz").name,
                        f"poli {x['spec']}",
                    )
                ),
            ),
            ("Urgentie", d.pick(("regulier", "semi-spoed", "spoed"))),
            ("Datum", d.fdate(style="dash")),
        ]
    )
    patient_line(d, S, "kv")
    d.h("Vraagstelling")
    d.p(
        d.pick(
            (
                "Graag uw diagnostiek en behandeling.",
                "Graag uw beoordeling en advies t.a.v. verdere behandeling.",
                "Graag overname behandeling.",
            )
        )
    )
    d.h(d.pick(("Anamnese", "Klachten")))
    d.p(
        f"{ucfirst(_sx(d, x, 3))} [sinds enkele maanden|sinds {d.rng.randrange(1, 5)} "
        f"jaar|progressief]. Werkdiagnose: {x['dx']}."
    )
    d.h("Medicatie")
    meds_table(d, x["meds"])
    d.h(d.pick(("Episodelijst", "Voorgeschiedenis", "Relevante episodes")))
    d.bullets(
        [
            f"{x['icpc']} {x['dx']}",
            d.pick(
                (
                    "K86 hypertensie",
                    "R96 astma",
                    "T82 obesitas",
                    "P76 depressie 2017",
                    "L84 rugklachten",
                )
            ),
        ]
    )


def his_extract(d: Doc) -> None:
    """Print of the GP's record: journal entries in SOEP."""
    c = d.case
    S, gp = c.subject, c.pro("gp")
    x = cond(d)
    d.h(
        d.pick(
            (
                "Uittreksel huisartsdossier",
                "Journaaloverzicht",
                "Samenvatting medisch dossier",
                "HIS-uitdraai episodelijst",
            )
        )
    )
    patient_line(d, S, d.pick(("kv", "inverted")))
    d.kv([("Praktijk", c.org("gp").name), ("Huisarts", d.n(gp, "initials", "titled"))])
    for _ in range(d.rng.randrange(2, 6)):
        dt_ = d.fdate(d.days(-500, -2), "dash")
        d.lines(
            [
                f"{dt_}  {d.pick(('consult', 'telefonisch consult', 'visite', 'e-consult'))}  "
                f"{d.n(gp, 'initials')}",
                f"S: {_sx(d, x, 2)}",
                "O: [RR 130/85|T 37.1|geen afwijkingen|pijnlijke bewegingen|somber|SpO2 94%]",
                f"E: {x['icpc']} {x['lay']}",
                f"P: [{x['meds'][0][0]} {x['meds'][0][1]}|verwijzing {x['spec']}|"
                "afwachten, terug over 2 wk|POH-GGZ|fysiotherapie]",
            ],
            mono=True,
        )


def child_ggz(d: Doc) -> None:
    """A youth GGZ report about the subject's child (the child is a third party)."""
    c = d.case
    S = c.subject
    child = c.tp("child")
    ps = c.pro("psych")
    x = d.pick(CHILD_CONDITIONS)
    o = c.org("ggz")
    L.letterhead(d, o)
    d.h(
        d.pick(("Verslag diagnostisch onderzoek", "Onderzoeksverslag", "Behandelverslag jeugd-GGZ"))
    )
    d.kv(
        [
            ("[Naam jeugdige|Cliënt|Naam kind]", d.n(child, "full")),
            ("Geboortedatum", d.birth(child)),
            ("[Ouder/verzorger|Gezaghebbende ouder|Moeder/vader]", d.n(S, "full", "formal_init")),
        ]
    )
    d.p(
        f"{d.n(child, 'first')} werd aangemeld [door|via] [de huisarts|het jeugdteam|school] in "
        f"verband met {', '.join(x['sx'])}."
    )
    d.p(
        "[Op grond van het onderzoek|Na observatie en testonderzoek] wordt de classificatie "
        f"{x['dx']} gesteld."
    )
    if x["meds"]:
        d.p(
            f"[Er is gestart met|De kinderpsychiater schrijft voor:] {x['meds'][0][0]} "
            f"{x['meds'][0][1]} {x['meds'][0][2]}."
        )
    d.p(
        f"Advies: {', '.join(x['tx'])}. [Ouders zijn hierover geïnformeerd.|{d.N(S, 'formal')} "
        "stemt in met het advies.]"
    )
    L.closing(d, ps)


LAYOUTS = (
    gp_letter,
    discharge,
    specialist_letter,
    lab_results,
    medication_list,
    ggz_report,
    citizen_letter,
    gp_statement,
    physio_report,
    referral,
    his_extract,
    child_ggz,
)
# Citizen-authored or short layouts that read naturally as an e-mail body.
EMAIL_BODIES = (citizen_letter,)
