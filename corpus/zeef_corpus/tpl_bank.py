"""`bank_statement`: account statements with IBAN, period, transactions and balance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zeef_corpus import dutch
from zeef_corpus.doc import Doc
from zeef_corpus.dutch import money
from zeef_corpus.world import BANK_DOMAINS

SHOPS = (
    "ALBERT HEIJN {n} {CITY}",
    "Jumbo {City}",
    "LIDL {CITY}",
    "ALDI {n}",
    "Action {City}",
    "Kruidvat {n}",
    "HEMA {City}",
    "Primark",
    "bol.com",
    "Coolblue BV",
    "Thuisbezorgd.nl",
    "NS GROEP IZ NS REIZIGERS",
    "Shell {City}",
    "Tango {City}",
    "McDonald's {City}",
    "Dirk v d Broek",
    "PLUS {City}",
    "Zeeman {City}",
    "Etos {n}",
    "Blokker",
    "Wibra",
    "Big Bazar",
    "Poiesz",
    "Vomar",
    "Spar {City}",
    "Turkse supermarkt Anadolu",
)
FIXED = (
    ("Eneco Consumenten", "Termijnbedrag energie", (60, 190)),
    ("Vattenfall Klantenservice NV", "Voorschot energie", (70, 210)),
    ("Essent Retail Energie", "Maandtermijn", (60, 180)),
    ("Vitens NV", "Drinkwater voorschot", (15, 30)),
    ("Ziggo Services BV", "Abonnement internet/tv", (45, 75)),
    ("KPN B.V.", "Factuur mobiel", (15, 45)),
    ("Odido Netherlands", "Maandfactuur", (15, 40)),
    ("Lebara", "Opwaardering", (10, 20)),
    ("CZ Zorgverzekeringen", "Premie zorgverzekering", (130, 160)),
    ("VGZ Zorgverzekeraar NV", "Premie basisverzekering", (128, 155)),
    ("Zilveren Kruis", "Premie", (130, 160)),
    ("Menzis", "Maandpremie", (125, 150)),
    ("Netflix International B.V.", "Netflix abonnement", (8, 18)),
    ("Spotify AB", "Spotify P2B3", (11, 17)),
    ("Basic-Fit Nederland BV", "Lidmaatschap", (20, 30)),
    ("Belastingdienst", "Aanslag inkomstenbelasting", (40, 300)),
    ("Gemeentebelastingen", "Termijn gemeentelijke belastingen", (25, 80)),
    ("Waterschap", "Termijn watersysteemheffing", (20, 40)),
    ("Intrum Nederland BV", "Betalingsregeling dossier", (25, 100)),
    ("CJIB", "Betalingskenmerk boete", (30, 120)),
    ("Wehkamp Finance", "Aflossing", (25, 60)),
    ("Klarna Bank AB", "Betaling", (15, 90)),
)
INCOME = (
    ("Gemeente {City}", "Uitkering Participatiewet {month}", (900, 1450)),
    ("UWV", "WW-uitkering periode {month}", (900, 1800)),
    ("Sociale Verzekeringsbank", "Kinderbijslag {q}e kwartaal", (280, 560)),
    ("Belastingdienst/Toeslagen", "Zorgtoeslag {month}", (120, 160)),
    ("Belastingdienst/Toeslagen", "Huurtoeslag {month}", (180, 420)),
    ("Belastingdienst/Toeslagen", "Kindgebonden budget", (100, 350)),
    ("{Employer}", "Salaris {month}", (600, 2400)),
    ("SVB", "AOW {month}", (1100, 1500)),
    ("Gemeente {City}", "Bijzondere bijstand", (80, 600)),
)
MEDICAL_PAY = (
    "{pharmacy}",
    "{physio}",
    "Tandartspraktijk Glimlach",
    "Tandartsenpraktijk {City} Centrum",
    "{gp}",
    "Psychologiepraktijk {City}",
    "Specsavers {City}",
    "Pearle Opticiens",
    "Diëtistenpraktijk Gezond",
    "Podotherapie {City}",
    "Huidtherapie {City}",
)
MEDICAL_DESC = (
    "Eigen bijdrage",
    "Factuur behandeling",
    "Nota {n}",
    "Fysiotherapie behandeling {d}",
    "Medicijnen",
    "Eigen risico",
    "Consult",
    "Behandeling {d}",
    "Betaling factuur {n}",
    "Zelfzorg",
)


@dataclass
class Tx:
    date: dt.date
    name: str
    iban: str
    desc: str
    amount: float  # positive = bij, negative = af
    code: str = ""
    person: bool = False


def _fill(d: Doc, s: str) -> str:
    c = d.case
    return s.format(
        n=d.rng.randrange(1000, 9999),
        CITY=c.city_name.upper(),
        City=c.city_name,
        month=dutch.MONTHS[d.date.month - 1],
        q=d.rng.randrange(1, 5),
        d=d.fdate(d.days(-30, -1), "dash"),
        Employer=d.pick(
            (
                "Uitzendbureau Randstad",
                "Tempo-Team",
                "Schoonmaakbedrijf Hygiëne BV",
                "PostNL",
                "Albert Heijn BV",
                "Thuiszorg Zuid",
            )
        ),
        pharmacy=c.org("pharmacy").name,
        physio=c.org("physio").name,
        gp=c.org("gp").name,
    )


def _tx_person(d: Doc, kind: str, sign: int) -> Tx:
    tp = d.case.tp(kind)
    name = d.n(tp, "upper", "initials", "full", "upper")
    ib = dutch.fmt_iban(d.rng, tp.iban)
    d.rec(tp.role, ib)
    desc = d.pick(
        (
            "Tikkie",
            "terugbetaling",
            "lening",
            "boodschappen",
            "huur kamer",
            "voor de kinderen",
            "verjaardag",
            "bedankt",
            "schuld",
            "benzine",
            "Terugbetaling Tikkie",
            "",
            "geld voor eten",
            "oppas",
        )
    )
    amount = sign * round(d.rng.uniform(10, 450), 2)
    return Tx(d.date, name, ib, desc, amount, d.pick(("OV", "GT", "IC")), person=True)


def make_transactions(d: Doc, start: dt.date, end: dt.date, n: int, *, medical: bool) -> list[Tx]:
    c = d.case
    rng = d.rng
    days = max(1, (end - start).days)
    out: list[Tx] = []

    def when() -> dt.date:
        return start + dt.timedelta(days=rng.randrange(days + 1))

    inc = d.pick(INCOME[:6] if c.law != "participatiewet" else INCOME[:1] + INCOME[2:6])
    out.append(
        Tx(
            when(),
            _fill(d, inc[0]),
            dutch.iban(rng),
            _fill(d, inc[1]),
            round(rng.uniform(*inc[2]), 2),
            "OV",
        )
    )
    if rng.random() < 0.6:
        inc2 = d.pick(INCOME)
        out.append(
            Tx(
                when(),
                _fill(d, inc2[0]),
                dutch.iban(rng),
                _fill(d, inc2[1]),
                round(rng.uniform(*inc2[2]), 2),
                "OV",
            )
        )
    landlord_person = rng.random() < 0.25
    if landlord_person:
        tx = _tx_person(d, "landlord", -1)
        tx.desc = d.pick(("huur", "Huur woning", "huur + servicekosten", "kamerhuur"))
        tx.amount = -round(rng.uniform(450, 1100), 2)
        out.append(tx)
    else:
        out.append(
            Tx(
                when(),
                c.org("housing").name,
                dutch.iban(rng),
                d.pick(("Huur", "Huur woning", "Huurpenningen"))
                + f" {dutch.MONTHS[start.month - 1]}",
                -round(rng.uniform(480, 980), 2),
                "IC",
            )
        )
    for name, desc, rngamt in rng.sample(FIXED, rng.randrange(2, 7)):
        out.append(
            Tx(
                when(),
                name,
                dutch.iban(rng),
                _fill(d, desc),
                -round(rng.uniform(*rngamt), 2),
                d.pick(("IC", "IC", "DV")),
            )
        )
    for _ in range(max(0, n - len(out))):
        r = rng.random()
        if r < 0.72:
            out.append(
                Tx(
                    when(),
                    _fill(d, d.pick(SHOPS)),
                    "",
                    d.pick(
                        ("Betaalautomaat", "BEA", "Pasbetaling", "Apple Pay", "iDEAL", "Google Pay")
                    ),
                    -round(rng.uniform(1.5, 95), 2),
                    "BA",
                )
            )
        elif r < 0.82:
            out.append(
                Tx(
                    when(),
                    f"Geldautomaat {d.pick(('ING', 'Geldmaat', 'GEA'))} {c.city_name}",
                    "",
                    "Opname",
                    -float(rng.choice((20, 40, 50, 70, 100))),
                    "GM",
                )
            )
        else:
            out.append(
                _tx_person(
                    d, d.pick(("friend", "sibling", "partner", "mother", "ex")), rng.choice((1, -1))
                )
            )
    if medical or rng.random() < 0.15:
        d.tag("payment_to_care_provider")
        for _ in range(1 if not medical else rng.randrange(1, 3)):
            out.append(
                Tx(
                    when(),
                    _fill(d, d.pick(MEDICAL_PAY)),
                    dutch.iban(rng),
                    _fill(d, d.pick(MEDICAL_DESC)),
                    -round(rng.uniform(8, 240), 2),
                    d.pick(("IC", "BA", "OV")),
                )
            )
    out.sort(key=lambda t: t.date)
    return out


def _period(d: Doc) -> tuple[dt.date, dt.date]:
    end = d.date - dt.timedelta(days=d.rng.randrange(1, 20))
    length = d.pick((30, 31, 30, 90, 14, 60))
    return end - dt.timedelta(days=length), end


def _bank(d: Doc) -> tuple[str, str]:
    S = d.case.subject
    code = S.iban[4:8]
    name = dutch.BANKS.get(code, "Bank")
    return code, name


def _holder(d: Doc) -> str:
    S = d.case.subject
    h = d.n(S, "upper", "initials", "formal_init", "upper")
    if d.chance(0.15):
        tp = d.case.tp("partner")
        h += f" {d.pick(('EN/OF', 'en/of', 'e/o'))} {d.n(tp, 'upper', 'initials')}"
    return h


def _balances(d: Doc, txs: list[Tx]) -> tuple[float, float]:
    start = round(d.rng.uniform(-300, 1800), 2)
    return start, round(start + sum(t.amount for t in txs), 2)


def _sign_amount(d: Doc, t: Tx) -> str:
    return money(None, t.amount, "plain")


def classic(d: Doc) -> None:
    c = d.case
    S = c.subject
    code, bank = _bank(d)
    s, e = _period(d)
    txs = make_transactions(d, s, e, d.rng.randrange(8, 26), medical=d.chance(0.35))
    b0, b1 = _balances(d, txs)
    d.lines(
        [
            bank.upper() if d.chance(0.5) else bank,
            d.pick(("Rekeningafschrift", "Afschrift", "Rekeningoverzicht", "Dagafschrift"))
            + f" {d.pick(('nr.', 'nummer'))} {d.rng.randrange(1, 60)}",
        ]
    )
    d.blank()
    d.lines([_holder(d), d.street(S), d.town(S)])
    d.blank()
    d.kv(
        [
            ("[Rekeningnummer|IBAN|Rekening]", d.iban(S)),
            ("[Periode|Over de periode]", f"{d.fdate(s, 'dash')} t/m {d.fdate(e, 'dash')}"),
            (
                "[Soort rekening|Product]",
                d.pick(("Betaalrekening", "Basisbetaalrekening", "Privérekening", "Betaalpakket"))
                if d.chance(0.7)
                else None,
            ),
            ("[Beginsaldo|Vorig saldo|Saldo vorig afschrift]", money(None, b0)),
        ]
    )
    rows = [["Datum", d.pick(("Omschrijving", "Naam/Omschrijving", "Tegenpartij")), "Af", "Bij"]]
    full_dates = d.chance(0.7)
    for t in txs:
        desc = t.name + (f" {t.desc}" if t.desc and d.chance(0.7) else "")
        rows.append(
            [
                d.fdate(t.date, "dash") if full_dates else t.date.strftime("%d-%m"),
                desc,
                money(None, -t.amount, "plain") if t.amount < 0 else "",
                money(None, t.amount, "plain") if t.amount > 0 else "",
            ]
        )
    d.table(rows)
    d.kv(
        [
            ("[Nieuw saldo|Eindsaldo|Saldo per " + d.fdate(e, "dash") + "]", money(None, b1)),
            (
                "[Totaal af|Totaal bijgeschreven]",
                money(None, sum(-t.amount for t in txs if t.amount < 0)),
            )
            if d.chance(0.5)
            else ("", None),
        ]
    )
    d.p(
        d.pick(
            (
                "Controleer dit afschrift. Onjuistheden graag binnen 30 dagen melden.",
                "Pagina 1 van 1",
                f"{bank} N.V., statutair gevestigd te Amsterdam.",
                "",
            )
        )
    )


def ing_style(d: Doc) -> None:
    c = d.case
    S = c.subject
    _, bank = _bank(d)
    s, e = _period(d)
    txs = make_transactions(d, s, e, d.rng.randrange(6, 18), medical=d.chance(0.35))
    b0, b1 = _balances(d, txs)
    d.h(d.pick(("Af- en bijschrijvingen", "Overzicht af- en bijschrijvingen", "Transacties")))
    d.kv(
        [
            ("Naam", _holder(d)),
            ("IBAN", d.iban(S)),
            ("Periode", f"{d.fdate(s, 'long')} - {d.fdate(e, 'long')}"),
            ("Bank", bank),
        ]
    )
    for t in txs:
        lines = [
            f"{d.fdate(t.date, 'dash')}   {t.name}   {'Af' if t.amount < 0 else 'Bij'}   "
            f"{money(None, abs(t.amount), 'plain')}"
        ]
        if t.iban:
            lines.append(f"   [Tegenrekening|IBAN|Rekening]: {t.iban}")
        if t.desc:
            lines.append(f"   [Omschrijving|Mededelingen]: {t.desc}")
        if d.chance(0.3):
            lines.append(f"   Valutadatum: {d.fdate(t.date, 'dash')}")
        d.lines(lines)
    d.kv(
        [
            ("Saldo [begin|bij aanvang]", money(None, b0)),
            ("Saldo [eind|na afloop]", money(None, b1)),
        ]
    )


def rabo_style(d: Doc) -> None:
    c = d.case
    S = c.subject
    s, e = _period(d)
    txs = make_transactions(d, s, e, d.rng.randrange(8, 22), medical=d.chance(0.35))
    b0, b1 = _balances(d, txs)
    d.lines(
        [
            f"{_bank(d)[1]}",
            d.pick(
                (
                    "Rekeningoverzicht",
                    "Transactieoverzicht betaalrekening",
                    "Afschrift betaalrekening",
                )
            ),
        ]
    )
    d.kv(
        [
            ("Rekeninghouder", _holder(d)),
            ("Rekening", d.iban(S)),
            ("Boekdatum vanaf", d.fdate(s, "iso")),
            ("Boekdatum t/m", d.fdate(e, "iso")),
        ]
    )
    rows = [["Boekdatum", "Rentedatum", "Omschrijving", "Tegenrekening", "Bedrag"]]
    for t in txs:
        sign = "+" if t.amount > 0 else "-"
        rows.append(
            [
                d.fdate(t.date, "dash"),
                d.fdate(t.date, "dash"),
                (t.name + " " + t.desc).strip(),
                t.iban,
                f"{sign}{money(None, abs(t.amount), 'plain')}",
            ]
        )
    d.table(rows)
    d.lines([f"Beginsaldo: {money(None, b0)}", f"Eindsaldo: {money(None, b1)}"])


def csv_export(d: Doc) -> None:
    c = d.case
    S = c.subject
    s, e = _period(d)
    txs = make_transactions(d, s, e, d.rng.randrange(8, 30), medical=d.chance(0.35))
    own = d.rec("subject", S.iban)
    for t in txs:
        if t.person:
            d.rec("third_party", t.iban.replace(" ", ""))
    out = [
        '"Datum","Naam / Omschrijving","Rekening","Tegenrekening","Code","Af Bij","Bedrag '
        '(EUR)","Mutatiesoort","Mededelingen"'
    ]
    kinds = {
        "BA": "Betaalautomaat",
        "OV": "Overschrijving",
        "IC": "Incasso",
        "GM": "Geldautomaat",
        "DV": "Diversen",
        "GT": "Online bankieren",
    }
    for t in txs:
        out.append(
            ",".join(
                f'"{x}"'
                for x in (
                    t.date.strftime("%Y%m%d"),
                    t.name,
                    own.replace(" ", ""),
                    t.iban.replace(" ", ""),
                    t.code or "DV",
                    "Af" if t.amount < 0 else "Bij",
                    f"{abs(t.amount):.2f}".replace(".", ","),
                    kinds.get(t.code, "Diversen"),
                    t.desc,
                )
            )
        )
    if d.chance(0.3):
        d.lines([f"Export {_bank(d)[1]} {d.fdate(style='dash')}"])
    d.lines(out, mono=True)


def online_print(d: Doc) -> None:
    c = d.case
    S = c.subject
    _, bank = _bank(d)
    s, e = _period(d)
    txs = make_transactions(d, s, e, d.rng.randrange(5, 14), medical=d.chance(0.35))
    d.lines(
        [
            f"[Mijn {bank}|{bank} Internet Bankieren|{bank} app|Online Bankieren {bank}]",
            f"[Afgedrukt op|Geprint op|Datum afdruk]: {d.fdate(style='dash')} "
            f"{d.rng.randrange(8, 22):02d}:{d.rng.randrange(60):02d}",
        ]
    )
    d.blank()
    d.lines(
        [
            f"{d.pick(('Betaalrekening', 'Rekening', 'Gezamenlijke rekening'))} {d.iban(S)}",
            _holder(d),
        ]
    )
    d.lines([f"Saldo: {money(None, _balances(d, txs)[1])}"])
    d.blank()
    for t in reversed(txs):
        d.lines(
            [
                f"{d.fdate(t.date, 'long')}",
                f"{t.name}",
                f"{'-' if t.amount < 0 else '+'} {money(None, abs(t.amount), 'eur_sign')}",
            ]
            + ([t.desc] if t.desc and d.chance(0.5) else [])
        )
    d.lines([d.pick(("Pagina 1 van 2", "1/1", "Dit overzicht is geen officieel afschrift.", ""))])


def annual(d: Doc) -> None:
    c = d.case
    S = c.subject
    _, bank = _bank(d)
    year = d.date.year - 1
    d.lines([bank, ""])
    d.lines([_holder(d), d.street(S), d.town(S)])
    d.blank()
    d.h(
        d.pick(
            (
                f"Jaaroverzicht {year}",
                f"Financieel jaaroverzicht {year}",
                f"Saldo-overzicht per 31 december {year}",
            )
        )
    )
    d.p(
        "[Hierbij ontvangt u|U ontvangt hierbij] het [jaaroverzicht|overzicht] van uw rekeningen "
        f"[bij {bank}|] over {year}. "
        "[U kunt dit overzicht gebruiken voor uw belastingaangifte.|Bewaar dit overzicht bij uw "
        "administratie.|]"
    )
    rows = [["Rekening", "IBAN", f"Saldo 1-1-{year}", f"Saldo 31-12-{year}"]]
    rows.append(
        [
            "Betaalrekening",
            d.iban(S),
            money(None, d.rng.uniform(-200, 2000), "plain"),
            money(None, d.rng.uniform(-200, 2500), "plain"),
        ]
    )
    if d.chance(0.7):
        sav = dutch.iban(d.rng, S.iban[4:8])
        d.rec("subject", sav)
        rows.append(
            [
                d.pick(
                    (
                        "Spaarrekening",
                        "Internet Sparen",
                        "Bonusrente Rekening",
                        "Kinderspaarrekening",
                    )
                ),
                sav,
                money(None, d.rng.uniform(0, 6000), "plain"),
                money(None, d.rng.uniform(0, 6000), "plain"),
            ]
        )
    d.table(rows)
    d.kv(
        [
            ("Ontvangen rente", money(None, d.rng.uniform(0, 60))),
            ("Betaalde rente", money(None, d.rng.uniform(0, 15))),
        ]
    )
    if d.chance(0.4):
        d.lines(["Met vriendelijke groet,", bank])


def app_style(d: Doc) -> None:
    c = d.case
    S = c.subject
    s, e = _period(d)
    txs = make_transactions(d, s, e, d.rng.randrange(6, 20), medical=d.chance(0.35))
    d.lines(
        [
            f"{_bank(d)[1]} – {d.pick(('Rekeningoverzicht', 'Statement', 'Afschrift'))}",
            f"{_holder(d)} · {d.iban(S)}",
        ]
    )
    d.blank()
    current = None
    for t in txs:
        if t.date != current:
            current = t.date
            d.h(d.fdate(t.date, "weekday").capitalize())
        d.lines(
            [f"{t.name}    {'−' if t.amount < 0 else '+'}€{money(None, abs(t.amount), 'plain')}"]
            + ([f"  {t.desc}"] if t.desc else [])
        )
    d.p(f"[Eindsaldo|Saldo per {d.fdate(e, 'dash')}]: {money(None, _balances(d, txs)[1])}")


def credit_card(d: Doc) -> None:
    c = d.case
    S = c.subject
    s, e = _period(d)
    txs = [
        t
        for t in make_transactions(d, s, e, d.rng.randrange(6, 14), medical=d.chance(0.35))
        if t.amount < 0
    ]
    d.lines(
        [
            d.pick(
                (
                    "International Card Services",
                    "ICS Visa World Card",
                    "Mastercard – ABN AMRO",
                    "Creditcard Rabobank",
                )
            ),
            d.pick(("Rekeningoverzicht creditcard", "Maandoverzicht", "Overzicht uitgaven")),
        ]
    )
    d.kv(
        [
            ("Kaarthouder", d.n(S, "upper", "initials")),
            ("ICS-klantnummer", str(d.rng.randrange(10**10, 10**11))),
            ("Kaartnummer", f"**** **** **** {d.rng.randrange(1000, 9999)}"),
            ("Periode", f"{d.fdate(s, 'dash')} - {d.fdate(e, 'dash')}"),
            ("Bestedingslimiet", money(None, d.pick((1000, 1500, 2500, 5000)))),
            ("Wordt afgeschreven van", d.iban(S)),
        ]
    )
    rows = [["Transactiedatum", "Omschrijving", "Bedrag"]]
    for t in txs:
        rows.append([d.fdate(t.date, "dash"), t.name, money(None, -t.amount, "plain")])
    d.table(rows)
    d.p(f"Totaal te betalen: {money(None, sum(-t.amount for t in txs))}")


def savings(d: Doc) -> None:
    c = d.case
    S = c.subject
    code, bank = _bank(d)
    sav = dutch.iban(d.rng, code)
    d.rec("subject", sav)
    d.lines(
        [bank, d.pick(("Afschrift spaarrekening", "Overzicht Spaarrekening", "Spaarafschrift"))]
    )
    d.kv(
        [
            ("Naam", _holder(d)),
            ("Spaarrekening", sav),
            ("Tegenrekening", d.iban(S)),
            ("Datum", d.fdate()),
        ]
    )
    bal = d.rng.uniform(50, 9000)
    rows = [["Datum", "Omschrijving", "Bedrag", "Saldo"]]
    for _ in range(d.rng.randrange(2, 7)):
        amt = d.pick((-1, 1)) * round(d.rng.uniform(10, 500), 2)
        bal += amt
        rows.append(
            [
                d.fdate(d.days(-120, -1), "dash"),
                d.pick(
                    (
                        "Overboeking van betaalrekening",
                        "Overboeking naar betaalrekening",
                        "Rente",
                        "Automatisch sparen",
                    )
                ),
                money(None, amt, "plain"),
                money(None, bal, "plain"),
            ]
        )
    d.table(rows)
    d.p(f"Rente: {d.pick(('1,25', '1,50', '0,90', '2,00'))}% [op jaarbasis|variabel].")


def balance_letter(d: Doc) -> None:
    c = d.case
    S = c.subject
    _, bank = _bank(d)
    emp = c.pro("bank")
    d.lines(
        [
            bank,
            f"{d.pick(('Postbus', 'Antwoordnummer'))} {d.rng.randrange(100, 9999)}",
            "1000 BA Amsterdam" if d.chance(0.5) else "3500 HG Utrecht",
        ]
    )
    d.blank()
    d.lines([d.n(S, "formal_init"), d.street(S), d.town(S)])
    d.blank()
    d.kv(
        [
            ("Datum", d.fdate()),
            ("Betreft", d.pick(("Saldo-opgave", "Saldoverklaring", "Opgave saldi per peildatum"))),
        ]
    )
    d.p(f"Geachte {S.g('heer', 'mevrouw')} {d.n(S, 'sur')},")
    peil = d.days(-40, -1)
    d.p(
        "Op uw verzoek [bevestigen wij|geven wij u] [hierbij|] [de saldi|het saldo] van uw "
        f"rekening(en) per {d.fdate(peil)}:"
    )
    rows = [
        ["IBAN", "Soort", "Saldo"],
        [d.iban(S), "Betaalrekening", money(None, d.rng.uniform(-400, 2500))],
    ]
    d.table(rows)
    d.p("Met vriendelijke groet,")
    d.lines([d.n(emp, "initials", "full"), emp.function, bank])


def app_screenshot(d: Doc) -> None:
    """A screenshot of the bank app: status bar, balance, transactions by day, tab bar."""
    c = d.case
    S = c.subject
    s, e = _period(d)
    s = max(s, e - dt.timedelta(days=d.pick((10, 14, 21))))
    txs = make_transactions(d, s, e, d.rng.randrange(5, 14), medical=d.chance(0.35))
    _, b1 = _balances(d, txs)
    d.lines(
        [
            f"{d.rng.randrange(7, 23)}:{d.rng.randrange(60):02d}"
            + d.pick(("      4G  ", "      5G  ", "      wifi  "))
            + f"{d.rng.randrange(8, 100)}%"
        ]
    )
    d.lines(
        [
            d.pick(("< Rekeningen", "< Terug", "<")),
            d.pick(("Betaalrekening", "Basisrekening", "Privérekening")),
            _holder(d) if d.chance(0.6) else d.n(S, "first", "full"),
            d.iban(S),
            f"{money(None, b1, 'eur_sign')}",
            d.pick(("Beschikbaar saldo", "Saldo", "")),
        ]
    )
    d.lines([d.pick(("Zoeken in transacties", "Zoek op naam, bedrag of omschrijving"))])
    current = None
    for t in reversed(txs):
        if t.date != current:
            current = t.date
            ago = (e - t.date).days
            label = (
                "Vandaag"
                if ago == 0
                else "Gisteren"
                if ago == 1
                else f"{dutch.WEEKDAYS[t.date.weekday()][:2]} {t.date.day} "
                f"{dutch.MONTHS_SHORT[t.date.month - 1]}"
            )
            d.lines([label])
        sign = "-" if t.amount < 0 else "+"
        d.lines(
            [f"  {t.name}    {sign}{money(None, abs(t.amount), 'eur_sign')}"]
            + ([f"  {t.desc}"] if t.desc and d.chance(0.6) else [])
        )
    d.lines(
        [d.pick(("Home    Betalen    Sparen    Meer", "Overzicht  Betalen  Producten  Profiel"))]
    )


def banking_print(d: Doc) -> None:
    """A 'Rekeningoverzicht' printed from internet banking: browser header, columns, URL."""
    c = d.case
    S = c.subject
    code, bank = _bank(d)
    s, e = _period(d)
    txs = make_transactions(d, s, e, d.rng.randrange(8, 20), medical=d.chance(0.35))
    b0, b1 = _balances(d, txs)
    printed = d.days(0, 3, e)
    domain = BANK_DOMAINS.get(code, "bank.nl")
    d.lines(
        [
            f"{d.fdate(printed, 'dash_short')}, {d.rng.randrange(8, 23):02d}:"
            f"{d.rng.randrange(60):02d}        {d.pick(('Mijn ', 'Internetbankieren ', ''))}"
            f"{bank} - Rekeningoverzicht"
        ]
    )
    d.h("Rekeningoverzicht")
    d.kv(
        [
            ("Rekening", d.iban(S)),
            ("Naam", _holder(d)),
            ("Periode", f"{d.fdate(s, 'dash')} t/m {d.fdate(e, 'dash')}"),
            ("Saldo begin periode", money(None, b0)),
        ]
    )
    rows = [["Datum", "Naam / Omschrijving", "Tegenrekening", "Af/Bij", "Bedrag (EUR)", "Saldo"]]
    bal = b0
    for t in txs:
        bal = round(bal + t.amount, 2)
        rows.append(
            [
                d.fdate(t.date, "dash"),
                (t.name + (f" {t.desc}" if t.desc else ""))[:48],
                t.iban,
                "Af" if t.amount < 0 else "Bij",
                money(None, abs(t.amount), "plain"),
                money(None, bal, "plain"),
            ]
        )
    d.table(rows)
    d.lines([f"Saldo einde periode: {money(None, b1)}"])
    d.lines(
        [
            f"https://{d.pick(('bankieren.', 'mijn.', 'internetbankieren.'))}{domain}/"
            f"{d.pick(('rekeningen/overzicht', 'transacties', 'betalen/af-en-bij'))}"
            f"        {d.pick(('1/1', '1/2', '2/2'))}"
        ]
    )


# --- short statements: few words, mostly numbers (scans of a single page) ---------------------


def mini_statement(d: Doc) -> None:
    """A single page of mutations: bank name, IBAN, a few rows, saldo. Hardly any prose."""
    c = d.case
    S = c.subject
    _, bank = _bank(d)
    s, e = _period(d)
    txs = make_transactions(d, s, e, d.rng.randrange(4, 9), medical=d.chance(0.25))
    b0, b1 = _balances(d, txs)
    d.lines(
        [
            d.pick((bank, bank.upper(), f"{bank} app", f"Mijn {bank}")),
            d.pick(
                ("Mutaties", "Af- en bijschrijvingen", "Bij- en afschrijvingen", "Transacties", "")
            ),
        ]
    )
    d.lines([d.iban(S) + d.pick(("", f"  {_holder(d)}"))])
    compact = d.chance(0.5)
    rows = [] if compact else [["Datum", "Naam", "Bedrag"]]
    for t in txs:
        sign = "-" if t.amount < 0 else "+"
        date = t.date.strftime("%d-%m") if compact else d.fdate(t.date, "dash")
        rows.append([date, t.name[:28], f"{sign}{money(None, abs(t.amount), 'plain')}"])
    d.table(rows, header=not compact)
    d.lines(
        [
            d.pick(
                (
                    f"Saldo {money(None, b1)}",
                    f"Saldo {d.fdate(e, 'dash')}: {money(None, b1)}",
                    f"Beschikbaar: {money(None, b1, 'eur_sign')}",
                )
            ),
            d.pick(("1/1", "", f"Vorig saldo {money(None, b0)}")),
        ]
    )


def balance_overview(d: Doc) -> None:
    """'Saldo-overzicht': the holder's accounts and their balances on one date."""
    c = d.case
    S = c.subject
    code, bank = _bank(d)
    d.lines([bank])
    d.h(
        d.pick(
            (
                "Saldo-overzicht",
                "Saldo overzicht",
                "SALDO-OVERZICHT",
                "Overzicht saldi",
                "Mijn rekeningen",
            )
        )
    )
    d.lines(
        [
            d.pick(
                (
                    f"Peildatum {d.fdate(style='dash')}",
                    f"per {d.fdate(style='dash')}",
                    d.fdate(style="dash"),
                )
            ),
            _holder(d),
        ]
    )
    rows = [["Rekening", "IBAN", "Saldo"]]
    total = round(d.rng.uniform(-300, 2200), 2)
    rows.append(
        [
            d.pick(("Betaalrekening", "Basisbetaalrekening", "Privérekening")),
            d.iban(S),
            money(None, total, "plain"),
        ]
    )
    for _ in range(d.rng.randrange(0, 3)):
        acc = dutch.iban(d.rng, code)
        d.rec("subject", acc)
        bal = round(d.rng.uniform(0, 5000), 2)
        total += bal
        rows.append(
            [
                d.pick(
                    (
                        "Spaarrekening",
                        "Internet Sparen",
                        "Oranje Spaarrekening",
                        "Kinderrekening",
                        "Vrije Spaarrekening",
                    )
                ),
                acc,
                money(None, bal, "plain"),
            ]
        )
    d.table(rows)
    d.lines(
        [
            d.pick(("Totaal", "Totaal saldo")) + f" {money(None, total)}",
            d.pick(("", "Dit overzicht is geen officieel afschrift.", "Pagina 1")),
        ]
    )


def savings_year(d: Doc) -> None:
    """'Jaaroverzicht' of a savings account: begin, stortingen, opnames, rente, eind."""
    c = d.case
    S = c.subject
    code, bank = _bank(d)
    year = d.date.year - 1
    sav = dutch.iban(d.rng, code)
    d.rec("subject", sav)
    d.lines([bank])
    if d.chance(0.5):
        d.lines([_holder(d), d.street(S), d.town(S)])
    d.h(
        d.pick(
            (
                f"Jaaroverzicht {year}",
                f"Jaaroverzicht spaarrekening {year}",
                f"Spaarrekening - jaaroverzicht {year}",
            )
        )
    )
    b0 = round(d.rng.uniform(0, 6000), 2)
    dep = round(d.rng.uniform(0, 2500), 2)
    wd = round(d.rng.uniform(0, min(b0 + dep, 3000)), 2)
    rente = round((b0 + dep - wd) * d.rng.uniform(0.005, 0.02), 2)
    d.kv(
        [
            ("[Spaarrekening|Rekening]", sav),
            ("[Tegenrekening|Gekoppelde rekening]", d.iban(S) if d.chance(0.6) else None),
            (f"Saldo 1 januari {year}", money(None, b0)),
            ("[Stortingen|Bijgeschreven]", money(None, dep)),
            ("[Opnames|Afgeschreven]", money(None, wd)),
            ("[Rente|Ontvangen rente]", money(None, rente)),
            (f"Saldo 31 december {year}", money(None, b0 + dep - wd + rente)),
        ]
    )
    if d.chance(0.5):
        d.p("[Gebruik dit overzicht voor uw belastingaangifte.|Bewaar dit overzicht.]")


LAYOUTS = (
    classic,
    ing_style,
    rabo_style,
    csv_export,
    online_print,
    annual,
    app_style,
    credit_card,
    savings,
    balance_letter,
    app_screenshot,
    banking_print,
    mini_statement,
    balance_overview,
    savings_year,
)
EMAIL_BODIES = ()
