"""Dutch formats: dates, money, phone numbers, BSN, IBAN, licence plates."""

from __future__ import annotations

import datetime as dt
import random
import string

from zeef_corpus.spin import pick

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
MONTHS_SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

DATE_STYLES = ("long", "dash", "slash", "iso", "weekday", "short", "dot", "dash_short")


def fmt_date(d: dt.date, style: str) -> str:
    if style == "long":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == "dash":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "weekday":
        return f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == "short":
        return f"{d.day} {MONTHS_SHORT[d.month - 1]}. {d.year}"
    if style == "dot":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "dash_short":
        return f"{d.day}-{d.month}-{d.year}"
    raise ValueError(style)


def rand_date_style(rng: random.Random, formal: bool = True) -> str:
    if formal:
        return pick(rng, ("long", "long", "dash", "long", "weekday", "dash", "iso", "short"))
    return pick(rng, ("dash", "dash_short", "slash", "long", "dot"))


def money(rng: random.Random | None, amount: float, style: str | None = None) -> str:
    """Dutch amount: '€ 1.234,56', '1.234,56', 'EUR 1.234,56', '€1234,56'."""
    neg = amount < 0
    a = abs(amount)
    whole = int(a)
    cents = round((a - whole) * 100)
    if cents == 100:
        whole, cents = whole + 1, 0
    grouped = f"{whole:,}".replace(",", ".")
    body = f"{grouped},{cents:02d}"
    if style is None:
        style = pick(rng, ("eur_sign", "plain", "eur", "eur_sign")) if rng else "eur_sign"
    if style == "eur_sign":
        s = f"€ {body}"
    elif style == "eur":
        s = f"EUR {body}"
    elif style == "tight":
        s = f"€{whole},{cents:02d}"
    else:
        s = body
    return ("-" + s) if neg else s


def bsn(rng: random.Random) -> str:
    """A nine-digit number that passes the 11-proef."""
    while True:
        digits = [rng.randrange(1, 10)] + [rng.randrange(10) for _ in range(7)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last < 10:
            return "".join(map(str, digits)) + str(last)


def bsn_valid(s: str) -> bool:
    s = "".join(c for c in s if c.isdigit())
    if len(s) != 9:
        return False
    total = sum(int(c) * w for c, w in zip(s[:8], range(9, 1, -1), strict=True))
    return (total - int(s[8])) % 11 == 0


def fmt_bsn(rng: random.Random, b: str) -> str:
    return pick(rng, (b, b, b, f"{b[:4]}.{b[4:6]}.{b[6:]}", f"{b[:3]} {b[3:6]} {b[6:]}"))


BANKS = {
    "INGB": "ING",
    "ABNA": "ABN AMRO",
    "RABO": "Rabobank",
    "SNSB": "SNS",
    "ASNB": "ASN Bank",
    "TRIO": "Triodos Bank",
    "KNAB": "Knab",
    "BUNQ": "bunq",
    "RBRB": "RegioBank",
}


def iban(rng: random.Random, bank: str | None = None) -> str:
    bank = bank or pick(rng, tuple(BANKS))
    account = "".join(str(rng.randrange(10)) for _ in range(10))
    bban = bank + account
    numeric = "".join(str(int(c, 36)) for c in bban + "NL00")
    check = 98 - int(numeric) % 97
    return f"NL{check:02d}{bban}"


def iban_valid(s: str) -> bool:
    s = s.replace(" ", "")
    numeric = "".join(str(int(c, 36)) for c in s[4:] + s[:4])
    return int(numeric) % 97 == 1


def fmt_iban(rng: random.Random, i: str) -> str:
    if rng.random() < 0.45:
        return " ".join(i[k : k + 4] for k in range(0, len(i), 4))
    return i


_PLATE_LETTERS = "BDFGHJKLNPRSTVXZ"


def plate(rng: random.Random) -> str:
    def letters(n: int) -> str:
        return "".join(rng.choice(_PLATE_LETTERS) for _ in range(n))

    def digits(n: int) -> str:
        return "".join(rng.choice(string.digits[1:]) for _ in range(n))

    shape = rng.randrange(6)
    if shape == 0:
        return f"{digits(2)}-{letters(3)}-{digits(1)}"
    if shape == 1:
        return f"{digits(1)}-{letters(3)}-{digits(2)}"
    if shape == 2:
        return f"{letters(2)}-{digits(3)}-{letters(1)}"
    if shape == 3:
        return f"{letters(1)}-{digits(3)}-{letters(2)}"
    if shape == 4:
        return f"{letters(3)}-{digits(2)}-{letters(1)}"
    return f"{letters(2)}-{letters(2)}-{digits(2)}"


def mobile(rng: random.Random) -> str:
    return "6" + "".join(str(rng.randrange(10)) for _ in range(8))


def landline(rng: random.Random, area: str) -> str:
    n = 10 - len(area)
    return area + "".join(str(rng.randrange(10)) for _ in range(n))


def fmt_phone(rng: random.Random, digits: str, area: str = "") -> str:
    """digits is a mobile '6xxxxxxxx' (area empty) or a landline with its area code."""
    if not area:
        d = digits
        return pick(
            rng,
            (
                f"06-{d[1:]}",
                f"06 {d[1:5]} {d[5:]}",
                f"0{d}",
                f"+31 6 {d[1:]}",
                f"+316{d[1:]}",
                f"06-{d[1:3]} {d[3:5]} {d[5:7]} {d[7:]}",
                f"06 {d[1:]}",
            ),
        )
    rest = digits[len(area) :]
    return pick(
        rng, (f"{area}-{rest}", f"{area} {rest}", f"({area}) {rest}", f"+31 {area[1:]} {rest}")
    )


def postcode(rng: random.Random, prefix: int) -> str:
    num = prefix * 100 + rng.randrange(11, 99)
    letters = "".join(rng.choice("ABCDEGHJKLMNPRSTVWXZ") for _ in range(2))
    return f"{num} {letters}"


def housenumber(rng: random.Random) -> str:
    n = rng.choice((rng.randrange(1, 40), rng.randrange(1, 40), rng.randrange(1, 250)))
    r = rng.random()
    if r < 0.12:
        return f"{n}{rng.choice('abcd')}"
    if r < 0.18:
        return f"{n}-{rng.choice(('I', 'II', 'III', 'huis', 'bis'))}"
    if r < 0.22:
        return f"{n} {rng.choice('ABC')}"
    if r < 0.26:
        return f"{n}-{rng.randrange(1, 12)}"
    return str(n)
