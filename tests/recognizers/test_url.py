"""UrlRecognizer: http(s)://, www. and bare domains with common TLDs; offline."""

import pytest
from recognizer_table import run, spans

from zeef.classifiers.recognizers.url import UrlRecognizer

ENTITY = "URL"
RECOGNIZER = UrlRecognizer()


def analyze(text: str):
    return run(RECOGNIZER, ENTITY, text)


@pytest.mark.parametrize(
    "text, expected, min_score",
    [
        ("kijk op https://www.utrecht.nl/zorg.", ["https://www.utrecht.nl/zorg"], 0.6),
        ("http://example.com", ["http://example.com"], 0.6),
        ("(zie https://nl.wikipedia.org/wiki/BSN)", ["https://nl.wikipedia.org/wiki/BSN"], 0.6),
        ("https://x.nl/a?b=1&c=2#d, verder", ["https://x.nl/a?b=1&c=2#d"], 0.6),
        ("HTTPS://WWW.UTRECHT.NL", ["HTTPS://WWW.UTRECHT.NL"], 0.6),
        ("https://localhost:8080/app", ["https://localhost:8080/app"], 0.6),
        ("www.utrecht.nl", ["www.utrecht.nl"], 0.5),
        (
            "Zie www.rijksoverheid.nl/onderwerpen/bijstand!",
            ["www.rijksoverheid.nl/onderwerpen/bijstand"],
            0.5,
        ),
        ("rijksoverheid.nl/onderwerpen", ["rijksoverheid.nl/onderwerpen"], 0.4),
        ("Rijksoverheid.nl", ["Rijksoverheid.nl"], 0.4),
        (
            "mijn.toeslagen.nl, europa.eu en example.org",
            ["mijn.toeslagen.nl", "europa.eu", "example.org"],
            0.4,
        ),
        (
            "site.net en site.com en site.be en site.info",
            ["site.net", "site.com", "site.be", "site.info"],
            0.4,
        ),
        # negatives
        ("mail j.jansen@utrecht.nl", [], 0),  # an e-mail address, not a URL
        ("rapport.pdf en brief.docx", [], 0),
        ("aangevraagd.Nu gaan we", [], 0),  # a missing space, not a domain
        ("mr.de Vries", [], 0),
        ("UTRECHT.NL", [], 0),  # bare domains need a lower-case TLD
        ("versie 1.2.3", [], 0),
        ("site.nlx", [], 0),
        ("", [], 0),
    ],
)
def test_url_table(text, expected, min_score):
    results = analyze(text)
    assert [(r.start, r.end) for r in results] == spans(text, expected)
    assert all(r.entity_type == ENTITY and r.score >= min_score for r in results)


def test_url_inside_url_is_reported_once():
    text = "https://www.utrecht.nl/zorg en www.utrecht.nl"
    assert [text[r.start : r.end] for r in analyze(text)] == [
        "https://www.utrecht.nl/zorg",
        "www.utrecht.nl",
    ]
