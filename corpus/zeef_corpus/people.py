"""Fictional people: names in their Dutch surface forms, addresses and identifiers."""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from dataclasses import dataclass, field

from faker import Faker

from zeef_corpus import dutch, names
from zeef_corpus.spin import pick

SUBJECT = "subject"
THIRD = "third_party"
PRO = "professional"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def ascii_fold(s: str) -> str:
    s = s.replace("ł", "l").replace("Ł", "L").replace("ı", "i").replace("İ", "I")
    s = s.replace("ß", "ss")
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")


@dataclass
class Person:
    role: str
    gender: str  # "m" or "f"
    origin: str
    roep: str
    given: tuple[str, ...]
    sur: str  # as written after a first name: "de Vries", "Jansen-de Boer"
    street: str = ""
    number: str = ""
    postcode: str = ""
    city: str = ""
    area: str = ""
    mobile: str = ""
    landline: str = ""
    email: str = ""
    bsn: str = ""
    iban: str = ""
    birth: dt.date | None = None
    birthplace: str = ""
    plate: str = ""
    title: str = ""  # dr., drs., mr.
    function: str = ""
    org: str = ""
    agb: str = ""
    big: str = ""
    relation: str = ""  # for third parties: buurman, ex-partner, zus, ...
    extra: dict = field(default_factory=dict)

    # --- names ---------------------------------------------------------------------
    @property
    def initials(self) -> str:
        return "".join(g[0] + "." for g in self.given)

    @property
    def sur_cap(self) -> str:
        return _cap(self.sur)

    @property
    def full(self) -> str:
        return f"{self.roep} {self.sur}"

    @property
    def official(self) -> str:
        return f"{' '.join(self.given)} {self.sur}"

    @property
    def with_initials(self) -> str:
        return f"{self.initials} {self.sur}"

    def g(self, male: str, female: str) -> str:
        return male if self.gender == "m" else female

    def honorific(self, rng: random.Random, style: str = "any") -> str:
        if style == "long":
            return self.g("de heer", "mevrouw")
        if style == "short":
            return self.g(pick(rng, ("dhr.", "Dhr.")), pick(rng, ("mevr.", "mw.", "Mevr.", "Mw.")))
        if style == "spoken":
            return self.g("meneer", "mevrouw")
        return self.g(
            pick(rng, ("de heer", "de heer", "dhr.")),
            pick(rng, ("mevrouw", "mevrouw", "mevr.", "mw.")),
        )

    def form(self, rng: random.Random, kind: str) -> tuple[str, str]:
        """(text to write, personal-data string to record) for one surface form."""
        if kind == "full":
            return self.full, self.full
        if kind == "official":
            return self.official, self.official
        if kind == "initials":
            return self.with_initials, self.with_initials
        if kind == "first":
            return self.roep, self.roep
        if kind == "sur":
            return self.sur_cap, self.sur_cap
        if kind == "formal":  # mevrouw De Wit
            return f"{self.honorific(rng)} {self.sur_cap}", self.sur_cap
        if kind == "formal_long":
            return f"{self.honorific(rng, 'long')} {self.sur_cap}", self.sur_cap
        if kind == "formal_init":  # dhr. J.H. de Vries
            return f"{self.honorific(rng)} {self.with_initials}", self.with_initials
        if kind == "formal_full":
            return f"{self.honorific(rng, 'long')} {self.full}", self.full
        if kind == "titled":  # dr. A. Bakker
            t = self.title or pick(rng, ("dr.", "drs."))
            return f"{t} {self.with_initials}", self.with_initials
        if kind == "titled_full":
            t = self.title or "dr."
            return f"{t} {self.full}", self.full
        if kind == "upper":
            s = f"{self.initials.replace('.', ' ').strip()} {self.sur.upper()}"
            s = self.g("HR ", "MW ") + s if rng.random() < 0.6 else s
            s = re.sub(r"\s+", " ", s.upper())
            return s, s.removeprefix("HR ").removeprefix("MW ")
        if kind == "inverted":  # Vries, J.H. de
            parts = self.sur.split(" ")
            if len(parts) > 1 and parts[0].islower() and "-" not in self.sur:
                core = parts[-1]
                tv = " ".join(parts[:-1])
                s = f"{core}, {self.initials} {tv}"
            else:
                s = f"{self.sur_cap}, {self.initials}"
            return s, s
        if kind == "lower":
            s = self.full.lower()
            return s, s
        raise ValueError(kind)

    # --- contact -------------------------------------------------------------------
    @property
    def street_line(self) -> str:
        return f"{self.street} {self.number}"

    @property
    def town_line(self) -> str:
        return f"{self.postcode} {self.city}"

    @property
    def address(self) -> str:
        return f"{self.street_line}, {self.town_line}"

    @property
    def mrz_name(self) -> str:
        return mrz_field(self.sur) + "<<" + "<".join(mrz_field(g) for g in self.given)


def mrz_field(s: str) -> str:
    s = ascii_fold(s).upper()
    s = re.sub(r"[^A-Z]+", "<", s)
    return s.strip("<")


class People:
    """Makes persons from a seeded Faker and random generator."""

    def __init__(self, rng: random.Random, fake: Faker, today: dt.date):
        self.rng = rng
        self.fake = fake
        self.today = today

    def _origin(self) -> str:
        keys = list(names.ORIGIN_WEIGHTS)
        return self.rng.choices(keys, weights=[names.ORIGIN_WEIGHTS[k] for k in keys])[0]

    def name(self, gender: str | None = None, origin: str | None = None, sur: str | None = None):
        rng = self.rng
        gender = gender or rng.choice("mf")
        origin = origin or self._origin()
        if origin == "faker":
            roep = self.fake.first_name_male() if gender == "m" else self.fake.first_name_female()
            last = self.fake.last_name()
            if len(last) > 18 or "'s" in last:
                last = "Hendriks"
            surname = last
            given: tuple[str, ...] = (roep,)
        else:
            ms, fs, surs = names.ORIGINS[origin]
            roep = rng.choice(ms if gender == "m" else fs)
            tv, core = rng.choice(surs)
            if origin == "polish" and gender == "f" and core.endswith(("ski", "cki")):
                core = core[:-1] + "a"
            surname = f"{tv} {core}".strip()
            if origin in ("dutch", "frisian") and roep in names.OFFICIAL_GIVEN:
                given = names.OFFICIAL_GIVEN[roep]
            else:
                given = (roep,)
            if rng.random() < 0.3 and origin in ("dutch", "frisian", "surinamese", "antillean"):
                pool = ms if gender == "m" else fs
                second = rng.choice(pool)
                if second != given[0]:
                    given = given + (second,)
            if origin == "moroccan" and rng.random() < 0.35 and not surname.startswith("El "):
                pass
            if origin == "moroccan" and surname.startswith("El ") and rng.random() < 0.4:
                surname = "el " + surname[3:]
        if sur is not None:
            surname = sur
        # Married women sometimes carry a double name: "Jansen-de Boer".
        if gender == "f" and sur is None and rng.random() < 0.12 and origin in ("dutch", "frisian"):
            tv, core = rng.choice(names.DUTCH_SUR)
            partner = f"{tv} {core}".strip()
            if partner != surname:
                surname = f"{partner}-{surname}"  # sur_cap gives "De Groot-van Beek"
        return gender, origin, roep, given, surname

    def address_in(self, city: tuple | None = None) -> dict:
        rng = self.rng
        city = city or rng.choice(names.CITIES)
        name, prefixes, area = city
        street = rng.choice(names.STREETS) if rng.random() < 0.8 else self.fake.street_name()
        return {
            "street": street,
            "number": dutch.housenumber(rng),
            "postcode": dutch.postcode(rng, rng.choice(prefixes)),
            "city": name,
            "area": area,
        }

    def email_for(self, roep: str, sur: str, birth_year: int | None = None, work: str = "") -> str:
        rng = self.rng
        f = ascii_fold(roep).lower()
        s = re.sub(r"[^a-z]", "", ascii_fold(sur).lower())
        if work:
            local = pick(rng, (f"{f[0]}.{s}", f"{f}.{s}", f"{f[0]}{s}"))
            return f"{local}@{work}"
        yy = str(birth_year or rng.randrange(1960, 2005))
        local = pick(
            rng,
            (
                f"{f}.{s}",
                f"{f}{s}",
                f"{f[0]}.{s}",
                f"{f}{yy[2:]}",
                f"{f}_{s}{yy[2:]}",
                f"{s}.{f}",
                f"{f}{s}{yy}",
                f"{f}{rng.randrange(1, 99)}",
            ),
        )
        domain = pick(
            rng,
            (
                "gmail.com",
                "hotmail.com",
                "outlook.com",
                "live.nl",
                "ziggo.nl",
                "kpnmail.nl",
                "hotmail.nl",
                "icloud.com",
                "planet.nl",
                "yahoo.com",
            ),
        )
        return f"{local}@{domain}"

    def person(
        self,
        role: str,
        *,
        gender: str | None = None,
        origin: str | None = None,
        sur: str | None = None,
        age: tuple[int, int] = (19, 75),
        city: tuple | None = None,
        address: dict | None = None,
        relation: str = "",
    ) -> Person:
        rng = self.rng
        gender, origin, roep, given, surname = self.name(gender, origin, sur)
        years = rng.randrange(age[0], age[1] + 1)
        birth = self.today - dt.timedelta(days=years * 365 + rng.randrange(365))
        addr = address or self.address_in(city)
        p = Person(
            role=role,
            gender=gender,
            origin=origin,
            roep=roep,
            given=given,
            sur=surname,
            street=addr["street"],
            number=addr["number"],
            postcode=addr["postcode"],
            city=addr["city"],
            area=addr["area"],
            relation=relation,
        )
        p.birth = birth
        p.mobile = dutch.mobile(rng)
        p.landline = dutch.landline(rng, p.area)
        p.email = self.email_for(roep, surname, birth.year)
        p.bsn = dutch.bsn(rng) if rng.random() < 0.5 else self.fake.ssn()
        p.iban = dutch.iban(rng)
        p.plate = dutch.plate(rng)
        abroad = names.PLACES_ABROAD.get(origin)
        if abroad and rng.random() < 0.6:
            p.birthplace = rng.choice(abroad)
        else:
            p.birthplace = rng.choice(names.CITIES)[0]
        return p

    def professional(self, function: str, org: str, *, title: str = "", domain: str = "") -> Person:
        rng = self.rng
        p = self.person(PRO, age=(28, 64))
        p.function = function
        p.org = org
        p.title = title
        if domain:
            p.email = self.email_for(p.roep, p.sur, work=domain)
        p.agb = "01" + "".join(str(rng.randrange(10)) for _ in range(6))
        p.big = "".join(str(rng.randrange(10)) for _ in range(11))
        return p
