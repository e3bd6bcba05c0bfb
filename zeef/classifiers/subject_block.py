"""Contact details in the subject's own block of a form or letter head.

A form lists the applicant's data one field under the other: name, BSN, address,
telephone, e-mail. The case file holds the subject's BSN, address and IBAN, not their
telephone number or e-mail address, so these are of unknown owner by themselves, and a
third party named further on in the same paragraph (a child, a partner) keeps proximity
from tying them to the subject. `claim_subject_block` gives a telephone number or e-mail
address of unknown owner to the subject when the finding right before it (nothing, no
person either, stands between) is the subject's and stands at most three lines above it
(a blank line between), and its own line and its label's say nothing of someone else (a
reporter, a first-person writer, a relative). Anything else stays of unknown owner, and
is removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from zeef.domain.vocabulary import Role

# The types a case file holds no value of, that a form's subject block lists.
CONTACT_TYPES = frozenset({"PHONE_NUMBER", "EMAIL_ADDRESS"})
_MAX_LINES = 3  # one blank line between
_MAX_GAP = 240  # characters (a table's padding included)
# On the datum's line or its label's line: words that say it is someone else's.
_SOMEONE_ELSE = re.compile(
    r"(?i)\b(?:melder|meldster|tipgever|ik|mij|mijn|me|m'n|partner|contactpersoon|noodnummer"
    r"|werkgever|huisarts|zoon|dochter|vader|moeder|buurman|buurvrouw|ex|kind|kinderen)\b"
)


def claim_subject_block(text: str, findings: list, make: Callable) -> list:
    """`findings` (in text order) with the contact details of the subject's block given
    to the subject; `make(finding, role)` builds the changed finding."""
    out = []
    previous = None
    for f in findings:
        if (
            f.type in CONTACT_TYPES
            and f.role is Role.UNKNOWN
            and previous is not None
            and previous.role is Role.SUBJECT
            and _in_block(text, previous.end, f.start)
        ):
            f = make(f, Role.SUBJECT)
        out.append(f)
        previous = f if previous is None or f.start >= previous.end else previous
    return out


def _in_block(text: str, end: int, start: int) -> bool:
    """Right below or after the subject's datum, and nothing on the way or on the datum's
    own line (from the line before it) that speaks of someone else."""
    if start - end > _MAX_GAP or text.count("\n", end, start) > _MAX_LINES:
        return False
    line_start = text.rfind("\n", end, start) + 1
    label_start = text.rfind("\n", end, max(end, line_start - 1)) + 1
    return _SOMEONE_ELSE.search(text, max(label_start, end), start) is None
