"""NlDateRecognizer: Dutch dates, month names and abbreviations, real calendar dates only."""

import datetime

import pytest
from faker import Faker
from recognizer_table import run, spans

from zeef.classifiers.recognizers.nl_date import NlDateRecognizer, parse_dutch_date

ENTITY = "DATE_TIME"
RECOGNIZER = NlDateRecognizer()


def analyze(text: str):
    return run(RECOGNIZER, ENTITY, text)


@pytest.mark.parametrize(
    "text, expected, min_score",
    [
        ("geboren op 12 maart 1984.", ["12 maart 1984"], 0.85),
        ("12-03-1984", ["12-03-1984"], 0.85),
        ("12/3/1984", ["12/3/1984"], 0.85),
        ("12.03.1984", ["12.03.1984"], 0.85),
        ("1984-03-12", ["1984-03-12"], 0.85),
        ("1984-03-12T10:00", ["1984-03-12"], 0.85),
        ("12 mrt. '84", ["12 mrt. '84"], 0.85),
        ("12 mrt 1984", ["12 mrt 1984"], 0.85),
        ("Utrecht, maandag 3 januari 2022", ["maandag 3 januari 2022"], 0.85),
        ("Maandag, 3 januari 2022", ["Maandag, 3 januari 2022"], 0.85),
        ("ma. 3 jan. 2022", ["ma. 3 jan. 2022"], 0.85),
        ("3 jan. 2022", ["3 jan. 2022"], 0.85),
        ("1 sept. 2021 en 2 sep 2021", ["1 sept. 2021", "2 sep 2021"], 0.85),
        (
            "31 okt 2023, 30 nov. 2023, 24 dec 2023",
            ["31 okt 2023", "30 nov. 2023", "24 dec 2023"],
            0.85,
        ),
        ("1 feb 2020, 15 apr 2020, 1 mei 2020", ["1 feb 2020", "15 apr 2020", "1 mei 2020"], 0.85),
        ("1 jun 2020, 1 jul 2020, 1 aug 2020", ["1 jun 2020", "1 jul 2020", "1 aug 2020"], 0.85),
        ("29 februari 2024", ["29 februari 2024"], 0.85),  # leap year
        ("12 MAART 1984", ["12 MAART 1984"], 0.85),
        # travel documents print the month in Dutch and English
        ("Geboortedatum  04 JAN/JAN 1982\n", ["04 JAN/JAN 1982"], 0.85),
        ("31 MEI/MAY 1983 en 12 MAA/MAR 1990", ["31 MEI/MAY 1983", "12 MAA/MAR 1990"], 0.85),
        ("3 okt/oct 2001", ["3 okt/oct 2001"], 0.85),
        ("van 01-01-2024 tot 31-12-2024", ["01-01-2024", "31-12-2024"], 0.85),
        ("12-03-84", ["12-03-84"], 0.5),
        ("12/3/84", ["12/3/84"], 0.5),
        ("op 12 maart heeft", ["12 maart"], 0.4),
        # negatives: impossible dates
        ("31-02-2020", [], 0),
        ("29 februari 2023", [], 0),
        ("31 april 2020", [], 0),
        ("1984-13-01", [], 0),
        ("1984-02-30", [], 0),
        ("32-01-2020", [], 0),
        ("00-01-2020", [], 0),
        ("12-00-2020", [], 0),
        # negatives: not dates
        ("12.03.84", [], 0),  # dots with a two-digit year look like version numbers
        ("12-03-1984-5", [], 0),
        ("BSN 123.456.782", [], 0),
        ("06-12-34-56-78", [], 0),
        ("3511 AB Utrecht", [], 0),
        ("12 maartse buien", [], 0),
        ("31 FEB/FEB 1990", [], 0),  # not a real date in either language
        ("hoofdstuk 12 mei", ["12 mei"], 0.4),  # "mei" is a month, without year weak
        ("12-03-0984", [], 0),  # out of range
        ("", [], 0),
    ],
)
def test_date_table(text, expected, min_score):
    results = analyze(text)
    assert [(r.start, r.end) for r in results] == spans(text, expected)
    assert all(r.entity_type == ENTITY and r.score >= min_score for r in results)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 maart 1984", datetime.date(1984, 3, 12)),
        ("12 mrt. '84", datetime.date(1984, 3, 12)),
        ("maandag 3 januari 2022", datetime.date(2022, 1, 3)),
        ("12/3/1984", datetime.date(1984, 3, 12)),
        ("1984-03-12", datetime.date(1984, 3, 12)),
        ("31-02-2020", None),
        ("12 foo 1984", None),
        ("04 JAN/JAN 1982", datetime.date(1982, 1, 4)),
        ("12 MAA/MAR 1990", datetime.date(1990, 3, 12)),
    ],
)
def test_parse_dutch_date(text, expected):
    assert parse_dutch_date(text) == expected


def test_generated_birth_dates():
    fake = Faker("nl_NL")
    fake.seed_instance(12)
    months = [
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
    ]
    for _ in range(50):
        born = fake.date_of_birth(minimum_age=0, maximum_age=100)
        for written in (
            born.strftime("%d-%m-%Y"),
            born.isoformat(),
            f"{born.day} {months[born.month - 1]} {born.year}",
        ):
            text = f"Geboortedatum: {written}."
            assert [text[r.start : r.end] for r in analyze(text)] == [written]
            assert parse_dutch_date(written) == born
