"""The case file: valid ones load, bad ones give one clear error naming the field."""

import json

import pytest

from zeef.domain.case import load_case, parse_case
from zeef.domain.errors import CaseFileError
from zeef.domain.vocabulary import Disposition

GOOD = {
    "case_id": "2026-0042",
    "law": "participatiewet",
    "subject": {
        "name": "Fatima el Amrani",
        "bsn": "111222333",
        "birth_date": "1984-03-12",
        "address": "Lindelaan 4, 3511 AB Utrecht",
        "iban": "NL91ABNA0417164300",
    },
    "enforcement_investigation": False,
    "medical_policy": "return_to_sender",
}


def test_loads_a_good_case_file(tmp_path):
    p = tmp_path / "case.json"
    p.write_text(json.dumps(GOOD))
    case = load_case(p)
    assert case.case_id == "2026-0042"
    assert case.subject.bsn == "111222333"
    assert case.medical_policy is Disposition.RETURN_TO_SENDER


def _bad(path, value):
    data = json.loads(json.dumps(GOOD))
    target = data
    *head, last = path
    for k in head:
        target = target[k]
    target[last] = value
    return data


@pytest.mark.parametrize(
    "path, value, field",
    [
        (("case_id",), "", "case_id"),
        (("law",), "bijstand", "law"),
        (("subject", "bsn"), "123456789", "subject.bsn"),
        (("subject", "iban"), "NL00ABNA0417164300", "subject.iban"),
        (("subject", "birth_date"), "12-03-1984", "subject.birth_date"),
        (("subject", "name"), "", "subject.name"),
        (("medical_policy",), "keep", "medical_policy"),
        (("enforcement_investigation",), "no", "enforcement_investigation"),
    ],
)
def test_bad_fields_are_named_without_their_value(path, value, field):
    with pytest.raises(CaseFileError) as exc:
        parse_case(_bad(path, value))
    assert str(exc.value).startswith(field)
    if value:
        assert str(value) not in str(exc.value)


def test_missing_and_broken_files(tmp_path):
    with pytest.raises(CaseFileError, match="not found"):
        load_case(tmp_path / "nope.json")
    p = tmp_path / "broken.json"
    p.write_text("{not json")
    with pytest.raises(CaseFileError, match="not valid JSON"):
        load_case(p)
