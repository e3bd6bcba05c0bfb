"""`personal_note`: a professional's own working notes, not meant for the dossier.

A note kept to oneself is excluded from the dossier. A note that was shared with a
colleague or another organisation (FAQ Q28: "Aan: ... cc", "gedeeld met collega",
"doorgestuurd naar het wijkteam", "besproken in MDO, notitie verstuurd aan ...") is
dossier material: it stays a `personal_note` but its label says ``shared: true`` and
``disposition: working``. About `SHARED_SHARE` of the notes are shared ones.
"""

from __future__ import annotations

from zeef_corpus.doc import Doc

HEADERS = (
    "Werkaantekening",
    "Eigen aantekening - niet voor dossier",
    "Gespreksnotitie (eigen gebruik)",
    "Notitie consulent",
    "Aantekeningen huisbezoek (concept, eigen gebruik)",
    "Persoonlijke werkaantekening",
    "Kladje",
    "Eigen notities",
    "Notities voor mezelf",
    "Aantekeningen keukentafelgesprek - eigen gebruik",
    "Voorbereiding casusoverleg (persoonlijke aantekeningen)",
    "werknotitie",
    "NIET VOOR DOSSIER",
)
DISCLAIMERS = (
    "Niet voor dossier.",
    "Eigen aantekening, niet delen.",
    "(persoonlijke werkaantekening - valt niet onder dossier)",
    "Alleen voor eigen gebruik.",
    "Concept - eigen gebruik, wordt vernietigd na verslaglegging.",
    "Niet opnemen in het dossier!",
)
IMPRESSIONS = (
    "{clt} maakte een [gespannen|vermoeide|rommelige|wat verwarde|open|afwachtende] indruk.",
    "Huis [netjes|rommelig|erg leeg|vol dozen|koud, verwarming uit|ruikt naar rook].",
    "[Vermoed|Heb het gevoel|Gevoel] dat er meer speelt dan {hij} vertelt.",
    "[Lijkt|Leek] [weinig|niet echt|wel] gemotiveerd voor [traject|werk|de cursus|hulp].",
    "[Twijfel|Twijfels] of {hij} de afspraken nakomt, vorige keer [ook niet|twee keer afgezegd].",
    "{clt} [huilde even|werd boos|was kortaf] toen het over [geld|de kinderen|de ex|werk] ging.",
    "[Mannenjas|Herenschoenen|Tweede tandenborstel|Damesjas] in de gang?? navragen",
    "Post op naam van {tp} op de mat zien liggen.",
    "Kinderen waren thuis, [maakten rustige indruk|erg druk|keken tv].",
    "[Spreekt redelijk Nederlands|Taal lastig, volgende keer tolk regelen|Dochter vertaalde].",
    "[Lijkt overzicht kwijt te zijn over de post|Stapel ongeopende post op tafel|Lijkt goed "
    "georganiseerd].",
    "[Buurvrouw|Iemand] kwam binnen tijdens gesprek, [{tp}|naam niet gehoord].",
    "{clt} vertelt dat {tp} [soms|af en toe|vaak] [blijft slapen|helpt|langskomt].",
    "Mijn inschatting: [geen fraude, wel chaos|zorgmijdend|overvraagd|redelijk zelfredzaam].",
)
TODOS = (
    "nog navragen: [inkomsten {tp}|huurcontract|woonsituatie|bankafschriften maart|kenteken auto]",
    "bellen met [huisarts?|wijkteam|{tp}|bewindvoerder|woningcorporatie|school]",
    "[ma|di|wo|do|vr] terugbellen",
    "checken in Suwinet",
    "[afspraak|vervolggesprek] inplannen over [2|3|4] weken",
    "[brief|beschikking] sturen z.s.m.",
    "collega {col} vragen [ivm|over] [handhaving|vergelijkbare casus]",
    "[bijz. bijstand|aanvraag wasmachine|kwijtschelding] nog afhandelen",
    "[overleg met|voorleggen aan] teamleider",
    "bankafschriften laatste 3 mnd opvragen",
    "verwijzing schuldhulp bespreken",
    "rapportage schrijven voor vrijdag",
    "[dossier bijwerken|verslag maken] (zonder deze notities)",
)
ABBR = (
    ("cliënt", "clt"),
    ("huishoudelijke hulp", "hh"),
    ("in verband met", "ivm"),
    ("telefoon", "tel."),
    ("afspraak", "afspr."),
    ("zo snel mogelijk", "zsm"),
    ("eventueel", "evt."),
)


def _clt(d: Doc) -> str:
    S = d.case.subject
    return d.pick(
        (
            "clt",
            "Clt",
            "cliënt",
            "C.",
            d.n(S, "formal", "first", "sur"),
            S.g("hij", "zij").capitalize(),
            "mw" if S.gender == "f" else "dhr",
        )
    )


def _fill(d: Doc, s: str) -> str:
    c = d.case
    S = c.subject
    tpk = d.pick(("boyfriend", "ex", "sibling", "mother", "friend"))
    tp = c.tp(tpk)
    col = c.pro("consulent2")
    s = d.s(s)
    s = s.replace("{clt}", _clt(d)).replace("{hij}", S.g("hij", "zij"))
    if "{tp}" in s:
        s = s.replace(
            "{tp}",
            d.pick((d.n(tp, "first"), d.n(tp, "full"), f"{tp.relation} {d.n(tp, 'first')}")),
            1,
        )
        s = s.replace("{tp}", d.n(tp, "first"))
    if "{col}" in s:
        s = s.replace("{col}", d.n(col, "first", "full"))
    return s


def _header(d: Doc) -> None:
    c = d.case
    S = c.subject
    h = d.pick(HEADERS)
    style = d.rng.randrange(4)
    if style == 0:
        d.h(h)
        d.lines(
            [
                f"{d.fdate(style=d.pick(('dash', 'dash_short', 'long')))} - "
                f"{d.n(S, 'full', 'formal', 'initials')}"
            ]
        )
    elif style == 1:
        d.lines([f"{h} | {d.n(S, 'sur', 'full')} | {d.fdate(style='dash_short')}"])
    elif style == 2:
        d.lines(
            [f"{d.fdate(style='dash_short')}", f"{d.n(S, 'full', 'formal')} ({d.case.case_id})", h]
        )
    else:
        d.h(h)
        d.kv(
            [
                ("Cliënt", d.n(S, "full", "initials")),
                ("Datum", d.fdate(style="dash")),
                ("Door", d.n(c.pro("consulent"), "initials", "first")),
            ]
        )


def _abbr(d: Doc, s: str) -> str:
    for full, short in ABBR:
        if d.chance(0.5):
            s = s.replace(full, short)
    return s


def bullets_note(d: Doc) -> None:
    _header(d)
    items = [_fill(d, x) for x in d.rng.sample(IMPRESSIONS, d.rng.randrange(2, 6))]
    d.bullets([_abbr(d, x) for x in items])
    d.lines([d.pick(("TODO:", "Actie:", "Nog doen:", "Acties:", "to do"))])
    d.bullets(
        [_fill(d, x) for x in d.rng.sample(TODOS, d.rng.randrange(1, 5))],
        marker=d.pick(("- ", "⟦ ⟧ ", "* ", "> ")),
    )
    if d.chance(0.6):
        d.lines([d.pick(DISCLAIMERS)])


def prose_note(d: Doc) -> None:
    _header(d)
    d.p(" ".join(_abbr(d, _fill(d, x)) for x in d.rng.sample(IMPRESSIONS, d.rng.randrange(3, 6))))
    d.p(
        "[Voor mezelf|Voor volgende keer|Let op]: "
        + "; ".join(_fill(d, x) for x in d.rng.sample(TODOS, d.rng.randrange(1, 4)))
        + "."
    )
    d.lines([d.pick(DISCLAIMERS)])


def home_visit(d: Doc) -> None:
    c = d.case
    S = c.subject
    d.h(
        d.pick(
            (
                "Aantekeningen huisbezoek (eigen gebruik)",
                "Huisbezoek - kladaantekeningen",
                "HB notities",
            )
        )
    )
    d.kv(
        [
            ("Adres", d.addr(S)),
            ("Datum", d.fdate(style="dash_short")),
            (
                "Aanwezig",
                f"{d.n(S, 'first', 'formal')}"
                + (f", {d.n(c.tp('boyfriend'), 'first')}?" if d.chance(0.4) else ""),
            ),
        ]
    )
    rooms = {
        "Woonkamer": "[netjes|rommelig|kinderspeelgoed|dozen, lijkt net verhuisd|grote nieuwe tv]",
        "Keuken": "[lege koelkast|volle koelkast|veel post op tafel|2 borden in de gootsteen]",
        "Slaapkamer": "[tweepersoonsbed, beide kanten beslapen|eenpersoonsbed|matras op de grond]"
        "[, alleen dameskleding|, ook herenkleding|]",
        "Badkamer": "[1 tandenborstel|2 tandenborstels|scheerspullen]",
        "Gang": "[werkschoenen maat 45|herenjas aan de kapstok|kinderwagen|niets bijzonders]",
        "Zolder": "[niet gezien|opslag|logeerbed opgemaakt]",
    }
    for room in d.rng.sample(list(rooms), d.rng.randrange(2, 5)):
        d.lines([f"{room}: " + _fill(d, rooms[room])])
    d.p(_fill(d, d.pick(IMPRESSIONS)))
    d.lines(
        [
            d.pick(
                (
                    "Eigen indruk, niet voor rapportage.",
                    "Formeel verslag volgt apart.",
                    "NB: niet in dossier",
                )
            )
        ]
    )


def kitchen_table_prep(d: Doc) -> None:
    c = d.case
    S = c.subject
    d.h(
        d.pick(
            (
                "Voorbereiding keukentafelgesprek",
                "Voorbereiding gesprek",
                "Gespreksvoorbereiding (eigen notitie)",
            )
        )
    )
    d.lines(
        [
            f"{d.n(S, 'full', 'formal')} - {d.fdate(d.days(1, 10), 'dash_short')} "
            f"{d.rng.randrange(9, 16)}:{d.pick(('00', '30'))}"
        ]
    )
    d.lines([d.pick(("Vragen:", "Bespreken:", "Punten:"))])
    d.bullets(
        [
            _fill(d, x)
            for x in d.rng.sample(
                (
                    "hoe gaat het nu met [de trap|het huishouden|de kinderen|geld]?",
                    "wie helpt er nu? ({tp}?)",
                    "[mantelzorg|netwerk] in kaart brengen",
                    "[eigen bijdrage uitleggen|cak uitleggen|pgb vs zin]",
                    "navragen: werkt {tp} nog?",
                    "[hulpvraag|doel] concreet maken",
                    "sfeer peilen, vorige keer gespannen",
                ),
                d.rng.randrange(3, 6),
            )
        ],
        marker="1.",
    )
    d.p(_fill(d, "[Aandachtspunt|Let op|NB]: " + d.pick(IMPRESSIONS)))
    if d.chance(0.5):
        d.lines([d.pick(DISCLAIMERS)])


def case_meeting_prep(d: Doc) -> None:
    c = d.case
    S = c.subject
    d.h(
        d.pick(
            (
                "Casusoverleg - eigen aantekeningen",
                "Voorbereiding MDO (persoonlijk)",
                "Casusbespreking notities",
            )
        )
    )
    d.lines(
        [
            f"Casus: {d.n(S, 'initials', 'first', 'sur')} ({c.case_id})",
            f"Overleg {d.fdate(d.days(1, 14), 'dash_short')}",
        ]
    )
    d.p(
        _fill(d, "[Mijn vragen aan het team|Inbrengen|Wat wil ik weten]:")
        + " "
        + "; ".join(_fill(d, x) for x in d.rng.sample(TODOS, 2))
    )
    d.p(_fill(d, d.pick(IMPRESSIONS)) + " " + _fill(d, d.pick(IMPRESSIONS)))
    d.p(
        d.pick(
            ("[Niet delen buiten overleg.|Persoonlijk, niet voor verslag.|Eigen gedachten.]", "")
        )
    )


def todo_list(d: Doc) -> None:
    c = d.case
    S = c.subject
    d.h(
        d.pick(("Takenlijst", "To do deze week", "Week " + str(d.date.isocalendar()[1]), "Lijstje"))
    )
    items = [f"{d.n(S, 'sur', 'first', 'formal')}: " + _fill(d, d.pick(TODOS))]
    for _ in range(d.rng.randrange(2, 6)):
        items.append(_fill(d, d.pick(TODOS)))
    d.bullets(items, marker=d.pick(("⟦ ⟧ ", "- ", "o ", "* ")))
    if d.chance(0.5):
        d.lines([_fill(d, "PS " + d.pick(IMPRESSIONS))])


def phone_jot(d: Doc) -> None:
    c = d.case
    S = c.subject
    d.lines(
        [
            f"{d.pick(('tel', 'Tel.', 'telefoontje', 'gebeld'))} "
            f"{d.n(S, 'first', 'formal', 'sur')} {d.fdate(style='dash_short')} "
            f"{d.rng.randrange(8, 17)}:{d.rng.randrange(10, 59)}"
        ]
    )
    d.p(
        _abbr(
            d,
            _fill(
                d,
                d.pick(
                    (
                        "{clt} belde [over|ivm] [de betaling|een brief|de afspraak]. Klonk "
                        "[gestrest|boos|moe]. ",
                        "{clt} belde terug. [Wil geen huisbezoek.|Vraagt of {tp} mee mag naar "
                        "gesprek.|Gaat verhuizen??] ",
                    )
                )
                + _fill(d, d.pick(IMPRESSIONS)),
            ),
        )
    )
    d.lines([_fill(d, "-> " + d.pick(TODOS))])
    if d.chance(0.4):
        d.lines([d.pick(DISCLAIMERS)])


def observation_log(d: Doc) -> None:
    c = d.case
    S = c.subject
    d.h(d.pick(("Observaties (eigen gebruik)", "Logboekje", "Eigen logboek casus")))
    rows = [["Datum", "Notitie"]]
    for _ in range(d.rng.randrange(2, 6)):
        rows.append(
            [d.fdate(d.days(-60, 0), "dash_short"), _abbr(d, _fill(d, d.pick(IMPRESSIONS + TODOS)))]
        )
    d.table(rows)
    d.lines([f"({d.n(S, 'initials', 'full')})", d.pick(DISCLAIMERS)])


def note_to_self(d: Doc) -> None:
    """A note the professional e-mails to themselves."""
    c = d.case
    S = c.subject
    d.p(
        d.pick(
            ("Notitie voor mezelf:", "Even voor mezelf:", "Niet vergeten:", "Eigen aantekening:")
        )
    )
    d.p(
        f"{d.n(S, 'full', 'formal')} - "
        + _fill(d, d.pick(IMPRESSIONS))
        + " "
        + _fill(d, d.pick(IMPRESSIONS))
    )
    d.bullets([_fill(d, x) for x in d.rng.sample(TODOS, d.rng.randrange(1, 4))])
    d.lines([d.pick(DISCLAIMERS + ("",))])


def _lower(d: Doc, s: str, first: bool = False) -> str:
    """Lower-case as a hurried hand does, but never a name or number already written."""
    if any(p in s for p in d.protected() if p != p.lower()):
        if not first or any(s.startswith(p) for p in d.protected()):
            return s
        return s[:1].lower() + s[1:]
    return s[:1].lower() + s[1:] if first else s.lower()


def sticky_note(d: Doc) -> None:
    """A photographed sticky note: a few short handwritten lines, abbreviations, no header."""
    c = d.case
    S = c.subject
    lines = [
        d.pick(
            (
                d.n(S, "sur", "formal"),
                f"{d.n(S, 'sur', 'first')} {d.fdate(style='dash_short')[:-5]}",
                f"{d.n(S, 'formal')}!!",
            )
        )
    ]
    pool = [
        f"tel {d.phone(S, 'mobile')}",
        "terugb. [ma|di|wo|do|vr] [ochtend|middag|na 3u]",
        "ivm [hh|trap|huur|post|afspr.]??",
        "-> [wijkteam|sch.hulp|handh.|WI] [vragen|mailen|bellen]",
        "bankafschr. [jan|feb|mrt|apr] [nog niet binnen|opvragen|!!]",
        "[ex|vriend|zus] [?|!] [woont er??|helpt mee]",
        "afspr. [wk|week] [10|12|14|16] [om 10u|om 14u|]",
        "[pgb of zin?|eigen bijdr. uitleggen|cak??]",
        "NIET vergeten",
        "[zsm|asap] [brief sturen|terugbellen]",
    ]
    picked = d.rng.sample(pool, d.rng.randrange(2, 5))
    lines += [_fill(d, x) for x in picked]
    if d.chance(0.3):
        lines.append(_fill(d, "[ps|nb] {tp} [belde ook|zegt iets anders]"))
    d.lines([_lower(d, x) if d.chance(0.4) else x for x in lines], informal=True)


def notebook_page(d: Doc) -> None:
    """A photographed notebook page: a date in the margin, loose lines, ticks and arrows."""
    c = d.case
    S = c.subject
    d.informal = d.pick((0.2, 0.4))
    d.lines(
        [
            f"{d.pick(('ma', 'di', 'wo', 'do', 'vr'))} {d.date.day}/{d.date.month}"
            + d.pick(("", f"   blz {d.rng.randrange(2, 80)}", "   (vervolg)")),
        ]
    )
    d.lines([d.pick((f"{d.n(S, 'formal', 'sur')} -", f"{_clt(d)} {d.n(S, 'sur')}:"))])
    items = [_abbr(d, _fill(d, x)) for x in d.rng.sample(IMPRESSIONS, d.rng.randrange(2, 4))]
    items += [_fill(d, x) for x in d.rng.sample(TODOS, d.rng.randrange(1, 3))]
    d.rng.shuffle(items)
    out = []
    for x in items:
        mark = d.pick(("- ", "> ", "* ", "", "ok ", "?? "))
        out.append(mark + (_lower(d, x, first=True) if d.chance(0.5) else x))
    d.lines(out, informal=True)
    if d.chance(0.4):
        d.lines([d.pick(("zie achterkant", "(rest volgt)", "-> morgen verder", "!!"))])


# --- shared notes: dossier material (FAQ Q28) ----------------------------------------------
SHARED_SHARE = 0.3
SHARED_SUBJECTS = (
    "ter info",
    "FW: notitie",
    "notitie huisbezoek",
    "overdracht",
    "aantekeningen",
    "casus",
)


def _shared(d: Doc) -> None:
    d.extra["shared"] = True
    d.extra["disposition"] = "working"


def _team(d: Doc) -> str:
    return d.pick(
        (
            "het wijkteam",
            "het sociaal wijkteam",
            "team handhaving",
            "het jeugdteam",
            "de schuldhulpverlening",
            "de teamleider",
        )
    )


def memo_to_colleague(d: Doc) -> None:
    """A note with a memo head: sent to a colleague, copied to someone else."""
    _shared(d)
    c = d.case
    S = c.subject
    col = c.pro("consulent2")
    cc = c.pro(d.pick(("handhaver", "teamleider")))
    head = [
        ("Aan", d.n(col, "full", "initials")),
        ("[Cc|cc|CC]", d.n(cc, "full", "initials") + d.pick(("", f" ({cc.function})"))),
        ("Van", d.n(c.pro("consulent"), "first", "initials")),
        ("Datum", d.fdate(style="dash_short")),
        ("[Betreft|Re|Onderwerp]", f"{d.n(S, 'sur', 'full')} - [notitie|aantekeningen]"),
    ]
    d.lines([f"{k}: {v}" for k, v in head])  # a memo head is written "Aan: ...", never dotted
    items = [_fill(d, x) for x in d.rng.sample(IMPRESSIONS, d.rng.randrange(2, 5))]
    d.bullets([_abbr(d, x) for x in items])
    d.lines([d.pick(("Nog doen:", "Acties:", "to do"))])
    d.bullets([_fill(d, x) for x in d.rng.sample(TODOS, d.rng.randrange(1, 3))])


def forwarded_to_team(d: Doc) -> None:
    """A working note that was forwarded to the wijkteam or another team."""
    _shared(d)
    c = d.case
    team = _team(d)
    col = c.pro("consulent2")
    stamp = d.pick(
        (
            f"Doorgestuurd naar {team} op {d.fdate(d.days(0, 3), 'dash_short')}",
            f"[doorgestuurd|doorgest.] naar {team} (t.a.v. {d.n(col, 'first', 'full')})",
            f"Ter info aan {team}, {d.fdate(d.days(0, 3), 'dash_short')}",
        )
    )
    top = d.chance(0.5)
    if top:
        d.lines([stamp])
    _header(d)
    d.p(" ".join(_abbr(d, _fill(d, x)) for x in d.rng.sample(IMPRESSIONS, d.rng.randrange(2, 5))))
    d.p("[Voor mezelf|Let op]: " + "; ".join(_fill(d, x) for x in d.rng.sample(TODOS, 2)) + ".")
    if not top:
        d.lines([stamp])


def mdo_shared_note(d: Doc) -> None:
    """Case meeting notes that were discussed in the MDO and sent on afterwards."""
    _shared(d)
    c = d.case
    S = c.subject
    d.h(d.pick(("Notities casusoverleg", "Aantekeningen MDO", "Casus - mijn punten")))
    d.lines([f"{d.n(S, 'initials', 'first', 'sur')} ({c.case_id})"])
    d.bullets([_abbr(d, _fill(d, x)) for x in d.rng.sample(IMPRESSIONS, d.rng.randrange(2, 4))])
    d.p(
        _fill(d, "[Inbrengen|Vragen aan team]:")
        + " "
        + "; ".join(_fill(d, x) for x in d.rng.sample(TODOS, 2))
    )
    pro = c.pro(d.pick(("jeugdarts", "housing", "teacher", "consulent2")))
    d.lines(
        [
            f"[Besproken in MDO|In MDO besproken] {d.fdate(d.days(1, 14), 'dash_short')}, "
            f"[notitie verstuurd aan|notitie gemaild naar|deze aantekeningen gedeeld met] "
            f"{d.n(pro, 'full', 'initials')} ({pro.org})"
        ]
    )


def handover_note(d: Doc) -> None:
    """A note handed over to a colleague who takes the case for a while."""
    _shared(d)
    c = d.case
    S = c.subject
    col = c.pro("consulent2")
    d.lines(
        [
            d.pick(("Overdracht", "Overdrachtsnotitie", "Voor mijn vervanger")),
            f"[Gedeeld met collega|Voor collega|Gedeeld met] {d.n(col, 'first', 'full')} "
            f"[ivm|i.v.m.] [vakantie|ziekte|overdracht dossier|mijn verlof] "
            f"[t/m {d.fdate(d.days(7, 28), 'dash_short')}|]",
        ]
    )
    d.lines(
        [f"{d.n(S, 'full', 'formal')} - {d.pick(('stand van zaken', 'status', 'waar staan we'))}:"]
    )
    d.bullets([_abbr(d, _fill(d, x)) for x in d.rng.sample(IMPRESSIONS, d.rng.randrange(2, 4))])
    d.lines([d.pick(("Openstaand:", "Nog te doen:", "Loopt nog:"))])
    d.bullets([_fill(d, x) for x in d.rng.sample(TODOS, d.rng.randrange(2, 4))], marker="⟦ ⟧ ")
    d.lines([d.pick(("Bel me gerust als er iets is.", "Succes!", "Groet", ""))])


def fyi_note(d: Doc) -> None:
    """A note sent 'ter info' to a colleague (an e-mail body)."""
    _shared(d)
    c = d.case
    S = c.subject
    col = c.pro("consulent2")
    d.p(d.pick((f"Hoi {d.n(col, 'first')},", f"Beste {d.n(col, 'first')},", "Collega,")))
    d.p(
        f"[Ter info|Even ter info|Zoals besproken, ter info] mijn [aantekeningen|notities] over "
        f"{d.n(S, 'formal', 'full', 'initials')}[ van het huisbezoek| van het gesprek|]:"
    )
    d.bullets([_abbr(d, _fill(d, x)) for x in d.rng.sample(IMPRESSIONS, d.rng.randrange(2, 5))])
    d.p(
        "[Kun jij|Wil jij] "
        + _fill(d, d.pick(TODOS)).rstrip(".")
        + "? [Ik zet het ook in het dossier.|Ik heb het ook doorgestuurd naar "
        + _team(d)
        + ".|]"
    )
    d.lines([d.pick(("Groet,", "Gr,", "Dank!")), d.n(c.pro("consulent"), "first")])


# --- telegraphic notes: short lines, times, abbreviations (mw., dhr., i.v.m., z.s.m., cl.) ---
TELE = (
    "vraagt naar stand aanvraag, terugbellen [ma|di|wo|do|vr].",
    "belt i.v.m. [brief|beschikking|betaling] - [uitgelegd|snapt het niet, nogmaals uitleggen].",
    "afspr. verzet naar [ma|di|wo|do|vr] [10.00|11.30|14.00|15.30].",
    "stukken nog niet binnen, z.s.m. [opvragen|herinnering sturen].",
    "[voicemail ingesproken|geen gehoor], later nogmaals.",
    "[wil|vraagt om] [huisbezoek|gesprek op kantoor|tolk].",
    "[boos|geïrriteerd|in paniek] i.v.m. [achterstand huur|brief deurwaarder|uitkering niet "
    "ontvangen].",
    "bankafschr. [jan|feb|mrt|apr] toegezegd [vóór vr.|deze week].",
    "[zus|dochter|buurvrouw] belt namens cl., toestemming? [nagaan|niet vastgelegd].",
    "vraagt voorschot - [overleggen met TL|nee, uitgelegd].",
)
TIP_HEARD = (
    "melding binnengekomen via [handhaving|de balie|anonieme mail|telefoon]: {tp} zou "
    "[samenwonen met cl.|zwart werken|een auto hebben op naam van {tp2}|vaak niet thuis zijn].",
    "[buurman|buurvrouw|iemand uit de buurt] ({tp}) belde: [er woont een man|er staat vaak een "
    "busje voor de deur|cl. werkt bij de markt]. [Klopt dit?|Eerst zelf nagaan.]",
    "tip [ex-partner|ex] {tp}: cl. [zou inkomsten hebben|werkt 's avonds|woont eigenlijk "
    "bij {tp2}] - [kan ook wraak zijn|met korrel zout nemen|niet direct op reageren].",
    "volgens [melder|tipgever] ({tp}) [herenfiets en -jas bij de deur|2 namen op de "
    "brievenbus|auto met buitenlands kenteken].",
)
TIP_ACTIONS = (
    "eerst zelf checken in [Suwinet|BRP|dossier] vóór [doorzetten|actie]",
    "[nog] niet doorzetten naar handhaving, [eerst gesprek|eerst navragen]",
    "[bespreken met TL|voorleggen aan TL] i.v.m. [vervolg|privacy melder]",
    "melder niet noemen in gesprek met cl.!",
    "[huisbezoek plannen|onaangekondigd HB?] z.s.m.",
    "[komt ook in overleg|afwachten, eerst stukken]",
)


def _tele(d: Doc, s: str) -> str:
    c = d.case
    tp = c.tp(d.pick(("neighbour", "tipster", "ex", "boyfriend")))
    tp2 = c.tp(d.pick(("boyfriend", "sibling", "friend")))
    s = d.s(s)
    if "{tp}" in s:
        s = s.replace("{tp}", d.n(tp, "full", "sur", "first"), 1).replace("{tp}", d.n(tp, "first"))
    if "{tp2}" in s:
        s = s.replace("{tp2}", d.n(tp2, "full", "first"))
    return s


def _who(d: Doc) -> str:
    S = d.case.subject
    short = S.g("dhr.", "mw.")
    return d.pick((f"{short} {d.n(S, 'sur')}", short, "cl.", f"cl. {d.n(S, 'sur')}", d.n(S, "sur")))


def _hhmm(d: Doc) -> str:
    return f"{d.rng.randrange(8, 17)}:{d.rng.randrange(0, 60):02d}"


def call_log(d: Doc) -> None:
    """'tel. mw. 10:15 - vraagt naar stand aanvraag, terugbellen do.' - a few such lines."""
    lines = []
    if d.chance(0.5):
        lines.append(f"{d.fdate(style='dash_short')}")
    for _ in range(d.rng.randrange(2, 5)):
        lines.append(
            f"{d.pick(('tel.', 'tel', 'gebeld', 'mail', 'balie'))} {_who(d)} {_hhmm(d)} "
            f"{d.pick(('—', '-', ':', '->'))} {_tele(d, d.pick(TELE))}"
        )
    d.lines(lines, informal=True)
    if d.chance(0.4):
        d.lines([_fill(d, "-> " + d.pick(TODOS))])


def tip_jot(d: Doc) -> None:
    """A professional's own note ABOUT a tip they heard of: who said what, what to do with it."""
    head = d.pick(
        (
            "",
            f"{d.fdate(style='dash_short')} {_who(d)}",
            f"{d.pick(('nb', 'NB', 'notitie', 'eigen aant.'))} {d.fdate(style='dash_short')}",
        )
    )
    if head:
        d.lines([head])
    d.lines([_tele(d, d.pick(TIP_HEARD))], informal=True)
    d.bullets(
        [d.s(x) for x in d.rng.sample(TIP_ACTIONS, d.rng.randrange(1, 4))],
        marker=d.pick(("- ", "-> ", "* ")),
    )
    if d.chance(0.5):
        d.lines(
            [
                d.pick(
                    DISCLAIMERS
                    + (
                        "(niet in dossier tot uitgezocht)",
                        "eigen inschatting: [twijfelachtig|aannemelijk|?]",
                    )
                )
            ]
        )


def abbrev_note(d: Doc) -> None:
    """Heavily abbreviated working note: cl., mw., i.v.m., z.s.m., evt., HB, TL."""
    c = d.case
    S = c.subject
    d.lines(
        [
            d.pick(
                (
                    f"{d.n(S, 'sur')} - {d.fdate(style='dash_short')}",
                    f"{S.g('dhr.', 'mw.')} {d.n(S, 'sur', 'initials')}",
                    f"aant. {d.fdate(style='dash_short')}",
                )
            )
        ]
    )
    pool = [
        "cl. [gesproken|gezien] i.v.m. [aanvraag|herbeoordeling|achterstand]",
        "[mw.|dhr.] [redelijk stabiel|onrustig|afwachtend], [weinig netwerk|dochter helpt]",
        "stukken: [bankafschr.|huurcontr.|loonstr.] [ontbr.|binnen|deels binnen]",
        "evt. [doorverw. SHV|inzet WT|aanvr. BB]",
        "z.s.m. [beschikking|brief|terugkoppeling] [maken|sturen]",
        "HB [gepland|nog plannen] [wk|week] [12|14|16]",
        "TL [akkoord|nog vragen] i.v.m. [voorschot|uitzondering]",
        "[tel.|mail] [zus|dochter|ex] {tp} [ontvangen|gehad] - [niet op ingaan|doorverwijzen]",
        "n.a.v. [gesprek|tel.] {tp}: [klopt niet met verhaal cl.?|nagaan]",
    ]
    items = [_fill(d, x) for x in d.rng.sample(pool, d.rng.randrange(3, 6))]
    d.lines([d.pick(("- ", "", "* ")) + x for x in items], informal=True)


def day_list(d: Doc) -> None:
    """A day's to-do list across the caseload, with times; one of them the client."""
    c = d.case
    S = c.subject
    d.lines(
        [
            d.pick(
                (
                    f"{d.pick(('ma', 'di', 'wo', 'do', 'vr'))} {d.date.day}/{d.date.month}",
                    "vandaag:",
                    "TODO",
                    "lijstje",
                )
            )
        ]
    )
    items = []
    for _ in range(d.rng.randrange(1, 3)):
        items.append(f"{_hhmm(d)} [HB|gesprek|tel.] [{d.rng.randrange(1, 99)}|nieuwe melding]")
    items.append(f"{_hhmm(d)} {_who(d)} {d.pick(('terugbellen', 'gesprek', 'HB', 'stukken?'))}")
    items += [_fill(d, x) for x in d.rng.sample(TODOS, d.rng.randrange(1, 4))]
    items.append(f"{d.n(S, 'sur', 'initials')}: " + _tele(d, d.pick(TELE)))
    d.rng.shuffle(items)
    d.bullets(items, marker=d.pick(("⟦ ⟧ ", "- ", "o ", "")))


def tip_shared_note(d: Doc) -> None:
    """A note about a received tip, passed on to handhaving or the teamleider (shared)."""
    _shared(d)
    c = d.case
    h = c.pro(d.pick(("handhaver", "teamleider")))
    d.lines(
        [
            f"Aan: {d.n(h, 'full', 'initials')}[ ({h.function})|]",
            f"[Betreft|Re]: {d.n(c.subject, 'sur', 'full')} - [tip|melding]",
        ]
    )
    d.lines([_tele(d, d.pick(TIP_HEARD))], informal=True)
    d.bullets([d.s(x) for x in d.rng.sample(TIP_ACTIONS, 2)])
    d.lines(
        [
            f"[doorgestuurd naar|gedeeld met] {d.n(h, 'first', 'sur')} "
            f"{d.fdate(d.days(0, 2), 'dash_short')}, gr. "
            f"{d.n(c.pro('consulent'), 'first')}"
        ]
    )


LAYOUTS = (
    bullets_note,
    prose_note,
    home_visit,
    kitchen_table_prep,
    case_meeting_prep,
    todo_list,
    phone_jot,
    observation_log,
    note_to_self,
    sticky_note,
    notebook_page,
    call_log,
    tip_jot,
    abbrev_note,
    day_list,
    # shared (disposition working)
    memo_to_colleague,
    forwarded_to_team,
    mdo_shared_note,
    handover_note,
    fyi_note,
    tip_shared_note,
)
EMAIL_BODIES = (note_to_self, phone_jot, bullets_note, call_log, tip_jot)
SHARED_EMAIL_BODIES = (fyi_note, memo_to_colleague, handover_note)
