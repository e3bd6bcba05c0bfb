"""An ID copy: number and expiry read from the zone and reported; an untrusted zone
goes to review instead of being destroyed unnoted."""

from zeef.domain.vocabulary import Category, Disposition
from zeef.pipeline.classify import classify_text

PASSPORT = """KONINKRIJK DER NEDERLANDEN  KINGDOM OF THE NETHERLANDS
PASPOORT  PASSPORT
Type P  Code NLD  Documentnummer SPECI2014
Naam / Surname: DE BRUIJN
Voornamen / Given names: WILLEKE LISELOTTE
Nationaliteit: NEDERLANDSE
Geboortedatum: 10 MAA/MAR 1965
Geldig tot / Date of expiry: 15 JAN/JAN 2024
P<NLDDE<BRUIJN<<WILLEKE<LISELOTTE<<<<<<<<<<<
SPECI20142NLD6503101F2401151999999990<<<<<82
"""


def test_a_readable_zone_gives_number_and_expiry():
    result = classify_text("paspoort.txt", PASSPORT, None)
    assert result.category is Category.ID_COPY
    assert result.id_document == {"number": "SPECI2014", "valid_until": "2024-01-15"}
    assert result.disposition is Disposition.DESTROY


def test_a_zone_with_a_failing_check_digit_is_not_trusted():
    broken = PASSPORT.replace("SPECI20142NLD", "SPECI20143NLD")
    result = classify_text("paspoort.txt", broken, None)
    assert result.category is Category.ID_COPY
    assert result.id_document is None
    assert result.disposition is Disposition.REVIEW
    assert "id_document_untrusted" in result.reasons
