"""What waits in review has a deadline: an ID copy one working day, the rest ten; past
it, `zeef review list` says overdue. The list holds ids, codes and dates only."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from zeef.domain.case import parse_case
from zeef.domain.records import record_from_bytes
from zeef.pipeline.ingest import IngestRun
from zeef.pipeline.review_queue import waiting
from zeef.pipeline.route import record_key
from zeef.storage.local import LocalStore

FRIDAY = dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.UTC)
CASE = {
    "case_id": "2026-0900",
    "law": "wmo",
    "subject": {"name": "Willeke de Bruijn", "bsn": "111222333", "birth_date": "1965-03-10"},
}
# An ID copy whose zone fails a check digit: never destroyed on a guess, so it waits.
BROKEN_PASSPORT = """KONINKRIJK DER NEDERLANDEN  KINGDOM OF THE NETHERLANDS
PASPOORT  PASSPORT
Type P  Code NLD  Documentnummer SPECI2014
Naam / Surname: DE BRUIJN
Voornamen / Given names: WILLEKE LISELOTTE
Geboortedatum: 10 MAA/MAR 1965
Geldig tot / Date of expiry: 15 JAN/JAN 2034
P<NLDDE<BRUIJN<<WILLEKE<LISELOTTE<<<<<<<<<<<
SPECI20143NLD6503101F3401151999999990<<<<<82
"""


def _queue(store):
    case = parse_case(CASE)
    with IngestRun(store, case, clock=lambda: FRIDAY) as run:
        run.add_bytes(BROKEN_PASSPORT.encode(), "paspoort.txt")
        run.add_bytes(b"\x00\x01 not a document \xff" * 50, "onbekend.bin")
        run.finish()
    return store


@pytest.fixture
def queued(store):
    return _queue(store)


def test_everything_in_review_has_a_deadline_the_id_copy_first(queued):
    lines = waiting(queued, today=FRIDAY.date())
    assert [line["category"] for line in lines] == ["id_copy", "other"]
    id_copy, other = lines
    assert id_copy["deadline"] == "2026-12-07"  # one working day: Monday
    assert other["deadline"] == "2026-12-18"  # ten working days
    assert id_copy["urgent"] and not other["urgent"]
    assert "id_document_untrusted" in id_copy["reasons"]
    assert not any(line["overdue"] for line in lines)
    record = record_from_bytes(queued.get(record_key("2026-0900", id_copy["sha256"])))
    assert record.review_deadline == "2026-12-07" and record.law == "wmo"


def test_past_its_deadline_an_id_copy_is_overdue(queued):
    tuesday = dt.date(2026, 12, 8)
    lines = {line["category"]: line for line in waiting(queued, today=tuesday)}
    assert lines["id_copy"]["overdue"] is True
    assert lines["other"]["overdue"] is False
    assert waiting(queued, case_id="2026-0901", today=tuesday) == []


def test_review_list_command_prints_no_personal_data(tmp_path):
    _queue(LocalStore(tmp_path / "store"))
    zeef = str(Path(sys.executable).with_name("zeef"))
    out = subprocess.run(
        [zeef, "review", "list", "--now", "2026-12-08", "--store", str(tmp_path / "store")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [line["overdue"] for line in lines] == [True, False]
    for needle in ("BRUIJN", "Bruijn", "SPECI2014", "WILLEKE", "paspoort"):
        assert needle not in out.stdout and needle not in out.stderr
