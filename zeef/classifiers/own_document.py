"""The number of the subject's own identity document, as the text prints it.

An ID copy of the subject is the subject's data: its document number belongs in the
subject's inspection copy. The number printed on an ID copy stands before or apart from
the holder's name (a field above the name, the card's back), so proximity cannot tie it
to anyone; the document's own reading can. `subject_document_number` reads the text as
`zeef classify` does (`read_id_document`: a trusted machine-readable zone or driving
licence) and, when the holder is the subject (`holder_match`), gives the number, so
that roles can give the findings that print it to the subject. Another person's
document, or one that cannot be read with trust, gives nothing: its numbers stay of
unknown owner and are removed. Nothing here logs or keeps what it reads.
"""

from __future__ import annotations

import re

from zeef.classifiers.id_document import read_id_document
from zeef.classifiers.id_holder import HolderMatch, holder_match
from zeef.domain.case import Case

ID_NUMBER_TYPES = frozenset({"NL_PASSPORT", "NL_ID_CARD", "NL_DRIVING_LICENCE"})


def compact(value: str) -> str:
    """A document number without blanks, dots or dashes, in capitals."""
    return re.sub(r"[\s.\-]", "", value).upper()


def subject_document_number(text: str, types: set[str], case: Case | None) -> str | None:
    """The (compact) number of the trusted identity document in `text` when its holder
    is the case subject; None otherwise, or when no ID number was found (`types`: the
    entity types found in the text)."""
    if case is None or not (types & ID_NUMBER_TYPES):
        return None
    found = read_id_document(text)
    if found is None or not found.trusted or not found.number:
        return None
    if holder_match(found.holder, case.subject) is not HolderMatch.SUBJECT:
        return None
    return compact(found.number)
