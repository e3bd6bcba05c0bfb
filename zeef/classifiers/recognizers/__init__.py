"""Dutch recognizers for Presidio: the one place where they are registered.

Every recognizer is a pattern recognizer for language ``nl``: the pattern proposes,
the checksum or validity check decides (``validate_result``), and context words raise
the score. Use :func:`dutch_recognizers` to put them in a ``RecognizerRegistry``.

Context: NL_AGB, NL_BIG, NL_DRIVING_LICENCE, NL_PASSPORT and NL_ID_CARD evaluate their
context on the raw text themselves (it decides the type or the score). For the others
Presidio's ``LemmaContextAwareEnhancer`` uses their ``context`` lists; it needs lemmas,
so the spaCy pipeline must have a lemmatizer (a blank ``nl`` pipeline with a lookup
lemmatizer over an empty table gives lowercased tokens, which is enough).
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from .email import EmailRecognizer
from .iban import IbanRecognizer
from .nl_address import NlAddressRecognizer
from .nl_agb import NlAgbRecognizer
from .nl_big import NlBigRecognizer
from .nl_bsn import NlBsnRecognizer
from .nl_date import NlDateRecognizer
from .nl_id_document import (
    NlDrivingLicenceRecognizer,
    NlIdCardRecognizer,
    NlPassportRecognizer,
)
from .nl_licence_plate import NlLicencePlateRecognizer
from .nl_person import NlPersonRecognizer
from .nl_phone import NlPhoneRecognizer
from .url import UrlRecognizer

#: The entity types the Dutch recognizers report, in registry order.
ENTITY_TYPES: tuple[str, ...] = (
    "NL_BSN",
    "IBAN_CODE",
    "PHONE_NUMBER",
    "ADDRESS",
    "DATE_TIME",
    "EMAIL_ADDRESS",
    "URL",
    "NL_PASSPORT",
    "NL_ID_CARD",
    "NL_DRIVING_LICENCE",
    "NL_AGB",
    "NL_BIG",
    "NL_LICENCE_PLATE",
    "PERSON",
)


def dutch_recognizers() -> list[EntityRecognizer]:
    """Return one fresh instance of every Dutch recognizer."""
    return [
        NlBsnRecognizer(),
        IbanRecognizer(),
        NlPhoneRecognizer(),
        NlAddressRecognizer(),
        NlDateRecognizer(),
        EmailRecognizer(),
        UrlRecognizer(),
        NlPassportRecognizer(),
        NlIdCardRecognizer(),
        NlDrivingLicenceRecognizer(),
        NlAgbRecognizer(),
        NlBigRecognizer(),
        NlLicencePlateRecognizer(),
        NlPersonRecognizer(),
    ]


__all__ = [
    "ENTITY_TYPES",
    "EmailRecognizer",
    "IbanRecognizer",
    "NlAddressRecognizer",
    "NlAgbRecognizer",
    "NlBigRecognizer",
    "NlBsnRecognizer",
    "NlDateRecognizer",
    "NlDrivingLicenceRecognizer",
    "NlIdCardRecognizer",
    "NlLicencePlateRecognizer",
    "NlPersonRecognizer",
    "NlPassportRecognizer",
    "NlPhoneRecognizer",
    "UrlRecognizer",
    "dutch_recognizers",
]
