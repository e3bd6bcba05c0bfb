"""The case file: whose dossier this is, under which law, and its medical policy."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from stdnum import iban as std_iban
from stdnum.nl import bsn as std_bsn
from stdnum.nl import postcode as std_postcode

from zeef.domain.errors import CaseFileError
from zeef.domain.policy import DEFAULT_MEDICAL_POLICY, MEDICAL_POLICIES
from zeef.domain.vocabulary import Disposition

LAWS = ("participatiewet", "wmo", "jeugdwet", "schuldhulpverlening")
# A case id: letters, digits, . _ - (it is part of store keys and audit events).
CASE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
# An e-mail address the subject writes from (intake matches e-mails by sender): a plain
# addr-spec, no display name, at most 254 characters.
EMAIL_ADDRESS = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
MAX_EMAILS = 20
# Other cases of the same subject (under other laws, or earlier ones): what
# `zeef.pipeline.reuse` may read for this case where the law allows it (FAQ Q20, Q21).
MAX_RELATED_CASES = 50


@dataclass(frozen=True)
class Subject:
    name: str
    bsn: str | None = None
    birth_date: str | None = None  # ISO YYYY-MM-DD
    address: str | None = None
    iban: str | None = None
    # Addresses the subject sends e-mail from (lower case); None when none are given.
    emails: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Case:
    case_id: str
    law: str
    subject: Subject
    enforcement_investigation: bool = False
    medical_policy: Disposition = DEFAULT_MEDICAL_POLICY
    # Ids of other cases of the same subject, in the order given; () for none.
    related_cases: tuple[str, ...] = ()


def parse_case(data: object) -> Case:
    if not isinstance(data, dict):
        raise CaseFileError("case file must be a JSON object")
    case_id = data.get("case_id")
    if not isinstance(case_id, str) or not CASE_ID.fullmatch(case_id):
        raise CaseFileError("case_id: missing or not a simple identifier (letters, digits, . _ -)")
    law = data.get("law")
    if law not in LAWS:
        raise CaseFileError(f"law: must be one of {', '.join(LAWS)}")
    subj = data.get("subject")
    if not isinstance(subj, dict):
        raise CaseFileError("subject: missing or not an object")
    name = subj.get("name")
    if not isinstance(name, str) or not name.strip():
        raise CaseFileError("subject.name: missing or empty")
    bsn = subj.get("bsn")
    if bsn is not None:
        if not isinstance(bsn, str) or not std_bsn.is_valid(bsn):
            raise CaseFileError("subject.bsn: not a valid BSN (11-proef)")
        bsn = std_bsn.compact(bsn)
    birth = subj.get("birth_date")
    if birth is not None:
        try:
            birth = date.fromisoformat(birth).isoformat()
        except (TypeError, ValueError):
            raise CaseFileError("subject.birth_date: not a date as YYYY-MM-DD") from None
    iban = subj.get("iban")
    if iban is not None:
        if not isinstance(iban, str) or not std_iban.is_valid(iban):
            raise CaseFileError("subject.iban: not a valid IBAN")
        iban = std_iban.compact(iban)
    address = subj.get("address")
    if address is not None and not isinstance(address, str):
        raise CaseFileError("subject.address: must be a string")
    emails = _emails(subj.get("emails"))
    enforcement = data.get("enforcement_investigation", False)
    if not isinstance(enforcement, bool):
        raise CaseFileError("enforcement_investigation: must be true or false")
    policy = data.get("medical_policy", DEFAULT_MEDICAL_POLICY.value)
    if policy not in {p.value for p in MEDICAL_POLICIES}:
        raise CaseFileError("medical_policy: must be forward_medical_adviser or return_to_sender")
    related = _related_cases(data.get("related_cases"), case_id)
    return Case(
        case_id=case_id,
        law=law,
        subject=Subject(
            name=name.strip(),
            bsn=bsn,
            birth_date=birth,
            address=address,
            iban=iban,
            emails=emails,
        ),
        enforcement_investigation=enforcement,
        medical_policy=Disposition(policy),
        related_cases=related,
    )


def _emails(value: object) -> tuple[str, ...] | None:
    """`subject.emails`: a list of e-mail addresses, lower-cased, duplicates dropped; None
    for none (absent or empty). Errors name the field, never a value."""
    if value is None:
        return None
    if not isinstance(value, list) or len(value) > MAX_EMAILS:
        raise CaseFileError(f"subject.emails: must be a list of at most {MAX_EMAILS} addresses")
    out: list[str] = []
    for n, item in enumerate(value):
        if (
            not isinstance(item, str)
            or len(item.strip()) > 254
            or not EMAIL_ADDRESS.fullmatch(item.strip())
        ):
            raise CaseFileError(f"subject.emails[{n}]: not an e-mail address")
        address = item.strip().lower()
        if address not in out:
            out.append(address)
    return tuple(out) or None


def _related_cases(value: object, case_id: str) -> tuple[str, ...]:
    """`related_cases`: a list of case ids of the same subject, duplicates dropped; () for
    none (absent or empty). The case itself is not one of them. Errors name the field,
    never a value."""
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > MAX_RELATED_CASES:
        raise CaseFileError(
            f"related_cases: must be a list of at most {MAX_RELATED_CASES} case ids"
        )
    out: list[str] = []
    for n, item in enumerate(value):
        if not isinstance(item, str) or not CASE_ID.fullmatch(item):
            raise CaseFileError(
                f"related_cases[{n}]: not a simple identifier (letters, digits, . _ -)"
            )
        if item == case_id:
            raise CaseFileError(f"related_cases[{n}]: the case itself")
        if item not in out:
            out.append(item)
    return tuple(out)


# A case file is a few hundred bytes; one far larger is not a case file.
MAX_CASE_FILE_BYTES = 1024 * 1024


def loads_case_json(raw: bytes) -> object:
    """The JSON of a case file; CaseFileError (one line, no content) when it is larger
    than 1 MiB, not UTF-8 JSON, or nested too deeply to read."""
    if len(raw) > MAX_CASE_FILE_BYTES:
        raise CaseFileError("case file is too large (more than 1 MiB)")
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CaseFileError(
            f"case file is not valid JSON (line {getattr(exc, 'lineno', '?')})"
        ) from None
    except RecursionError:
        raise CaseFileError("case file is nested too deeply") from None


def load_case(path: str | Path) -> Case:
    p = Path(path)
    try:
        with p.open("rb") as fh:
            raw = fh.read(MAX_CASE_FILE_BYTES + 1)  # never more than the limit into memory
    except FileNotFoundError:
        raise CaseFileError("case file not found") from None
    except IsADirectoryError:
        raise CaseFileError("case file is a folder") from None
    except OSError as exc:
        raise CaseFileError(f"case file cannot be read ({exc.strerror})") from None
    return parse_case(loads_case_json(raw))


def postcode_of(address: str | None) -> str | None:
    """The Dutch postcode in an address, compacted ('3511 AB' -> '3511AB')."""
    if not address:
        return None
    m = re.search(r"\b([1-9]\d{3})\s?([A-Za-z]{2})\b", address)
    if not m:
        return None
    code = f"{m.group(1)}{m.group(2).upper()}"
    return code if std_postcode.is_valid(code) else None
