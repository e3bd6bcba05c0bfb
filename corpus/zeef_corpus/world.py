"""A case and the people and organisations around it."""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

from zeef_corpus import names
from zeef_corpus.people import THIRD, People, Person, ascii_fold
from zeef_corpus.spin import pick

LAWS = ("participatiewet", "wmo", "jeugdwet", "schuldhulpverlening")

DEPARTMENTS = {
    "participatiewet": (
        "Team Werk en Inkomen",
        "Afdeling Werk & Inkomen",
        "Team Participatie",
        "Sociale Dienst",
        "Team Inkomen",
        "Werkplein",
    ),
    "wmo": (
        "Wmo-loket",
        "Team Wmo",
        "Sociaal Wijkteam",
        "Zorgloket",
        "Team Maatschappelijke Ondersteuning",
    ),
    "jeugdwet": (
        "Jeugdteam",
        "Team Jeugd en Gezin",
        "Centrum voor Jeugd en Gezin",
        "Wijkteam Jeugd",
    ),
    "schuldhulpverlening": (
        "Team Schuldhulpverlening",
        "Schulddienstverlening",
        "Team Geldzaken",
        "Kredietbank",
        "Team Schulden en Armoede",
    ),
}
CONSULENT = {
    "participatiewet": (
        "consulent Werk en Inkomen",
        "klantmanager",
        "inkomensconsulent",
        "casemanager",
    ),
    "wmo": (
        "Wmo-consulent",
        "consulent maatschappelijke ondersteuning",
        "wijkcoach",
        "consulent Wmo",
    ),
    "jeugdwet": ("jeugdconsulent", "gezinscoach", "jeugdprofessional", "consulent Jeugd"),
    "schuldhulpverlening": ("schuldhulpverlener", "budgetcoach", "consulent schulddienstverlening"),
}

GP_PRACTICES = (
    "Huisartsenpraktijk De Linde",
    "Gezondheidscentrum {wijk}",
    "Huisartsenpraktijk Molenzicht",
    "Huisartsen aan de Vaart",
    "Medisch Centrum {wijk}",
    "Huisartspraktijk {sur}",
    "Huisartsengroep Het Anker",
    "Praktijk voor huisartsgeneeskunde {sur}",
    "Huisartsen De Bron",
)
WIJKEN = (
    "Noord",
    "Oost",
    "Zuid",
    "West",
    "Centrum",
    "De Maten",
    "Overvecht",
    "Kanaleneiland",
    "Het Zand",
    "Kronenburg",
    "De Hoven",
    "Schilderswijk",
    "Presikhaaf",
)
HOSPITALS = (
    "Rivierenland Ziekenhuis",
    "Stadsziekenhuis {city}",
    "Medisch Centrum Westerkwartier",
    "Sint Jozef Ziekenhuis",
    "Amstelveste MC",
    "Ziekenhuis De Gelderse Poort",
    "Streekziekenhuis Het Veen",
    "Noordwest Medisch Centrum",
    "Zuiderzee Ziekenhuis",
    "Maasstad Gasthuis",
    "Ziekenhuis Oost-Brabant",
)
SPECIALISMS = {
    "orthopedie": ("orthopedisch chirurg", "Orthopedie"),
    "neurologie": ("neuroloog", "Neurologie"),
    "cardiologie": ("cardioloog", "Cardiologie"),
    "longziekten": ("longarts", "Longziekten"),
    "reumatologie": ("reumatoloog", "Reumatologie"),
    "interne geneeskunde": ("internist", "Interne Geneeskunde"),
    "psychiatrie": ("psychiater", "Psychiatrie"),
    "revalidatie": ("revalidatiearts", "Revalidatiegeneeskunde"),
}
GGZ = (
    "GGZ Vechtstreek",
    "Psychologenpraktijk Het Kompas",
    "GGZ Midden-Brabant Noord",
    "Psychologiepraktijk Horizon",
    "Centrum voor Psychotherapie De Brug",
    "GGZ Oostland",
    "Praktijk voor Psychologie {sur}",
    "Basis GGZ Rivierstreek",
)
LABS = (
    "Regionaal Klinisch Laboratorium",
    "Diagnostiek Centrum Delta",
    "Huisartsenlaboratorium Oost",
    "Stichting Medische Diagnostiek Noord",
    "Klinisch Chemisch Lab {city}",
)
PHARMACIES = (
    "Apotheek De Linde",
    "Service Apotheek {wijk}",
    "BENU Apotheek {wijk}",
    "Apotheek Het Kruispunt",
    "Apotheek {city} Centrum",
    "Stadsapotheek",
    "Apotheek De Vaart",
)
PHYSIO = (
    "Fysiotherapie Centrum {wijk}",
    "Fysio {city}",
    "Praktijk voor Fysiotherapie {sur}",
    "FysioFit {wijk}",
    "Fysiotherapie & Manuele Therapie De Brug",
)
ADVICE = (
    "Argonaut Advies",
    "Sociaal Medisch Adviesbureau Midden",
    "Medisch Adviesbureau Sterk",
    "GGD {region}",
    "Adviesbureau Zorg & Belastbaarheid",
    "IZER Medisch Advies",
    "Arbodienst Werkfit",
    "Bureau Sociaal-Medische Indicatiestelling",
    "MediAdvies Nederland",
)
REGIONS = (
    "Regio Utrecht",
    "Hollands Midden",
    "Gelderland-Zuid",
    "Fryslân",
    "Brabant-Zuidoost",
    "Amsterdam",
    "Rotterdam-Rijnmond",
    "IJsselland",
    "Zuid-Limburg",
    "Flevoland",
)
HOUSING = (
    "Woonstichting De Sleutel",
    "Stadswonen Plus",
    "Woonbron",
    "Portaal",
    "Mitros",
    "Ymere",
    "Woningcorporatie Het Baken",
    "Woonzorg Oost",
    "Wooncorporatie Thuis",
    "Eigen Haard",
)
SCHOOLS = (
    "Basisschool De Regenboog",
    "OBS De Springplank",
    "CBS Het Kompas",
    "Montessorischool {wijk}",
    "Da Vinci College",
    "Openbare Basisschool De Wilgen",
    "IKC De Vlinder",
    "Stedelijk Lyceum {city}",
    "Sint-Jozefschool",
    "Vmbo De Brug",
)
CREDITORS = (
    "CJIB",
    "Belastingdienst",
    "Belastingdienst/Toeslagen",
    "DUO",
    "CZ",
    "VGZ",
    "Zilveren Kruis",
    "Menzis",
    "Wehkamp",
    "Vattenfall",
    "Eneco",
    "Essent",
    "KPN",
    "Vodafone",
    "Ziggo",
    "Intrum",
    "Lowell",
    "GGN Mastering Credit",
    "Flanderijn Gerechtsdeurwaarders",
    "Klarna",
    "Santander Consumer Finance",
    "Waterschap",
    "Woonbron",
)


BANK_DOMAINS = {
    "INGB": "ing.nl",
    "ABNA": "nl.abnamro.com",
    "RABO": "rabobank.nl",
    "SNSB": "snsbank.nl",
    "ASNB": "asnbank.nl",
    "TRIO": "triodos.nl",
    "KNAB": "knab.nl",
    "BUNQ": "bunq.com",
    "RBRB": "regiobank.nl",
}


def slug(s: str) -> str:
    return re.sub(r"[^a-z]", "", ascii_fold(s).lower())


@dataclass
class Org:
    name: str
    street: str
    postcode: str
    city: str
    phone: str
    web: str
    email: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Case:
    case_id: str
    law: str
    subject: Person
    investigation: bool
    medical_policy: str
    city: tuple
    people: People
    rng: random.Random
    start: dt.date
    facts: dict = field(default_factory=dict)
    _tp: dict = field(default_factory=dict)
    _pro: dict = field(default_factory=dict)
    _org: dict = field(default_factory=dict)

    # --- facts ---------------------------------------------------------------------
    @property
    def city_name(self) -> str:
        return self.city[0]

    @property
    def municipality(self) -> str:
        return f"Gemeente {self.city_name}"

    @property
    def mun_domain(self) -> str:
        return slug(self.city_name) + ".nl"

    def department(self, law: str | None = None) -> str:
        key = ("dept", law or self.law)
        if key not in self._org:
            self._org[key] = pick(self.rng, DEPARTMENTS[law or self.law])
        return self._org[key]

    def doc_date(self, rng: random.Random) -> dt.date:
        return self.start + dt.timedelta(days=rng.randrange(0, 150))

    def to_json(self) -> dict:
        s = self.subject
        assert s.birth is not None
        return {
            "case_id": self.case_id,
            "law": self.law,
            "subject": {
                "name": s.full,
                "bsn": s.bsn,
                "birth_date": s.birth.isoformat(),
                "address": s.address,
                "iban": s.iban,
            },
            "enforcement_investigation": self.investigation,
            "medical_policy": self.medical_policy,
        }

    # --- organisations ---------------------------------------------------------------
    def org(self, kind: str, pool: tuple[str, ...] | None = None, fresh: bool = False) -> Org:
        if not fresh and kind in self._org:
            return self._org[kind]
        rng = self.rng
        pools = {
            "gp": GP_PRACTICES,
            "hospital": HOSPITALS,
            "ggz": GGZ,
            "lab": LABS,
            "pharmacy": PHARMACIES,
            "physio": PHYSIO,
            "advice": ADVICE,
            "housing": HOUSING,
            "school": SCHOOLS,
        }
        template = pick(rng, pool or pools.get(kind, ("Stichting {wijk}",)))
        name = template.format(
            wijk=pick(rng, WIJKEN),
            city=self.city_name,
            region=pick(rng, REGIONS),
            sur=pick(rng, names.DUTCH_SUR)[1],
        )
        city = self.city if rng.random() < 0.8 else pick(rng, names.CITIES)
        addr = self.people.address_in(city)
        num = "".join(str(rng.randrange(10)) for _ in range(10 - len(city[2])))
        web = "www." + slug(name)[:22] + ".nl"
        o = Org(
            name=name,
            street=f"{addr['street']} {addr['number']}",
            postcode=addr["postcode"],
            city=city[0],
            phone=f"{city[2]}-{num}",
            web=web,
            email=f"info@{web[4:]}",
        )
        if not fresh:
            self._org[kind] = o
        return o

    def municipality_org(self) -> Org:
        if "mun" not in self._org:
            addr = self.people.address_in(self.city)
            o = Org(
                name=self.municipality,
                street=pick(self.rng, ("Postbus", "Stadhuisplein", "Markt")),
                postcode=addr["postcode"],
                city=self.city_name,
                phone="14 " + self.city[2],
                web="www." + self.mun_domain,
                email="info@" + self.mun_domain,
            )
            o.street = (
                f"Postbus {self.rng.randrange(100, 20000)}"
                if o.street == "Postbus"
                else f"{o.street} {self.rng.randrange(1, 40)}"
            )
            self._org["mun"] = o
        return self._org["mun"]

    # --- people ----------------------------------------------------------------------
    def pro(self, kind: str) -> Person:
        if kind in self._pro:
            return self._pro[kind]
        rng = self.rng
        P = self.people
        mun = self.mun_domain
        if kind == "consulent":
            p = P.professional(pick(rng, CONSULENT[self.law]), self.municipality, domain=mun)
        elif kind == "consulent2":
            p = P.professional(pick(rng, CONSULENT[self.law]), self.municipality, domain=mun)
        elif kind == "handhaver":
            p = P.professional(
                pick(
                    rng,
                    (
                        "handhaver",
                        "sociaal rechercheur",
                        "medewerker handhaving",
                        "fraudepreventiemedewerker",
                    ),
                ),
                self.municipality,
                domain=mun,
            )
        elif kind == "gp":
            o = self.org("gp")
            p = P.professional(
                "huisarts", o.name, title=pick(rng, ("", "dr.", "")), domain=o.web[4:]
            )
        elif kind.startswith("specialist"):
            spec = kind.split(":", 1)[1] if ":" in kind else pick(rng, tuple(SPECIALISMS))
            o = self.org("hospital")
            p = P.professional(
                SPECIALISMS[spec][0], o.name, title=pick(rng, ("dr.", "", "drs.")), domain=o.web[4:]
            )
            p.extra["specialism"] = spec
        elif kind == "psych":
            o = self.org("ggz")
            p = P.professional(
                pick(
                    rng,
                    (
                        "GZ-psycholoog",
                        "klinisch psycholoog",
                        "psychiater",
                        "verpleegkundig specialist GGZ",
                        "psychotherapeut",
                    ),
                ),
                o.name,
                title=pick(rng, ("drs.", "", "dr.")),
            )
        elif kind == "adviser":
            o = self.org("advice")
            p = P.professional(
                pick(
                    rng,
                    (
                        "medisch adviseur",
                        "verzekeringsarts",
                        "arts M&G",
                        "controlerend arts",
                        "sociaal-medisch adviseur",
                        "bedrijfsarts",
                        "GGD-arts",
                    ),
                ),
                o.name,
                title=pick(rng, ("", "drs.", "dr.")),
                domain=o.web[4:],
            )
        elif kind == "jeugdarts":
            o = self.org(
                "advice", pool=("GGD {region}", "Jeugdgezondheidszorg {region}"), fresh=True
            )
            p = P.professional("jeugdarts", o.name)
        elif kind == "physio":
            o = self.org("physio")
            p = P.professional("fysiotherapeut", o.name)
        elif kind == "pharmacist":
            o = self.org("pharmacy")
            p = P.professional("apotheker", o.name, title=pick(rng, ("", "drs.")))
        elif kind == "teacher":
            o = self.org("school")
            p = P.professional(
                pick(rng, ("leerkracht groep 6", "mentor", "intern begeleider", "directeur")),
                o.name,
            )
        elif kind == "bank":
            p = P.professional(
                pick(rng, ("klantadviseur", "medewerker Klantenservice", "accountmanager")), "bank"
            )
        elif kind == "housing":
            o = self.org("housing")
            p = P.professional(
                pick(
                    rng,
                    (
                        "woonconsulent",
                        "wijkbeheerder",
                        "medewerker verhuur",
                        "huurincassomedewerker",
                    ),
                ),
                o.name,
            )
        elif kind == "nurse":
            o = self.org("hospital")
            p = P.professional(
                pick(rng, ("verpleegkundige", "praktijkondersteuner", "POH-GGZ")), o.name
            )
        else:
            p = P.professional(kind, self.municipality, domain=mun)
        # Professionals write from their organisation's domain, not a private mailbox.
        if p.org == self.municipality:
            dom = mun
        elif kind == "bank":
            dom = BANK_DOMAINS.get(self.subject.iban[4:8], "bank.nl")
        else:
            dom = slug(p.org)[:22] + ".nl"
            for o in self._org.values():
                if isinstance(o, Org) and o.name == p.org:
                    dom = o.web.removeprefix("www.")
        if not p.email.endswith("@" + dom):
            p.email = self.people.email_for(p.roep, p.sur, work=dom)
        self._pro[kind] = p
        return p

    def tp(self, kind: str, fresh: bool = False) -> Person:
        """A third party around the subject, the same one each time unless fresh."""
        if not fresh and kind in self._tp:
            return self._tp[kind]
        rng = self.rng
        s = self.subject
        P = self.people
        other = "f" if s.gender == "m" else "m"
        same_city = {"city": self.city}
        if kind == "neighbour":
            number = str(rng.randrange(1, 120))
            p = P.person(
                THIRD,
                address={
                    "street": s.street,
                    "number": number,
                    "postcode": s.postcode,
                    "city": s.city,
                    "area": s.area,
                },
                relation="",
            )
            p.relation = p.g("buurman", "buurvrouw")
        elif kind in ("partner", "boyfriend"):
            p = P.person(THIRD, gender=other, age=(22, 60), **same_city)
            p.relation = p.g("vriend", "vriendin")
        elif kind == "ex":
            p = P.person(
                THIRD, gender=other, age=(22, 65), origin=s.origin if rng.random() < 0.6 else None
            )
            p.relation = p.g("ex-partner", "ex-partner")
        elif kind in ("mother", "father"):
            g = "f" if kind == "mother" else "m"
            sur = s.sur if g == "m" else None
            p = P.person(
                THIRD,
                gender=g,
                age=(55, 85),
                origin=s.origin if s.origin != "faker" else "dutch",
                sur=sur,
                **same_city,
            )
            p.relation = "moeder" if g == "f" else "vader"
        elif kind in ("sibling", "sister", "brother"):
            g = {"sister": "f", "brother": "m"}.get(kind) or rng.choice("mf")
            base = s.sur.split("-")[-1] if "-" in s.sur and s.gender == "f" else s.sur
            p = P.person(
                THIRD,
                gender=g,
                age=(18, 70),
                origin=s.origin if s.origin != "faker" else "dutch",
                sur=base,
            )
            p.relation = p.g("broer", "zus")
        elif kind.startswith("child"):
            ex = self.tp("ex") if s.gender == "f" and rng.random() < 0.5 else None
            sur = ex.sur if ex else s.sur.split("-")[-1]
            addr = {
                "street": s.street,
                "number": s.number,
                "postcode": s.postcode,
                "city": s.city,
                "area": s.area,
            }
            p = P.person(
                THIRD,
                age=(3, 17),
                sur=sur,
                address=addr,
                origin=s.origin if s.origin != "faker" else "dutch",
            )
            p.relation = p.g("zoon", "dochter")
            p.given = (p.roep,)
        elif kind == "landlord":
            p = P.person(THIRD, age=(40, 75), **same_city)
            p.relation = "verhuurder"
        elif kind == "tipster":
            p = P.person(THIRD, age=(25, 80), **same_city)
            p.relation = "melder"
        elif kind == "employer":
            p = P.person(
                THIRD, gender="m" if rng.random() < 0.8 else "f", age=(30, 65), **same_city
            )
            p.relation = "werkgever"
            p.extra["business"] = pick(
                rng,
                (
                    "de kapsalon",
                    "het bouwbedrijf",
                    "het schoonmaakbedrijf",
                    "de snackbar",
                    "de garage",
                    "het taxibedrijf",
                    "de marktkraam",
                    "het klusbedrijf",
                    "de pizzeria",
                    "de nagelstudio",
                    "de koeriersdienst",
                    "de kwekerij",
                ),
            )
        elif kind == "friend":
            p = P.person(THIRD, age=(20, 70), **same_city)
            p.relation = p.g("kennis", "vriendin")
        elif kind == "mantelzorger":
            p = P.person(THIRD, age=(20, 75), **same_city)
            p.relation = "mantelzorger"
        else:
            p = P.person(THIRD, **same_city)
            p.relation = kind
        if not fresh:
            self._tp[kind] = p
        return p
