"""A glued file (an application with a GP letter and an ID copy behind it, in one PDF)
is stored as one document per segment, cut out of the original: the application in the
dossier, the GP letter forwarded, the ID copy destroyed with its number noted; the
original is kept nowhere, and a rerun changes nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from makers import GLUED_APPLICATION, GLUED_GP_LETTER, make_pdf
from pypdf import PdfReader

from zeef.domain.case import parse_case
from zeef.domain.deadlines import add_working_days
from zeef.domain.records import DocumentRecord, MessageRecord, record_from_bytes
from zeef.pipeline import classify
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.classify import classify_path
from zeef.pipeline.dossier import dossier_lines
from zeef.pipeline.ingest import ingest_paths
from zeef.pipeline.route import record_key

CASE = {
    "case_id": "2026-0777",
    "law": "participatiewet",
    "subject": {"name": "Willeke de Bruijn", "birth_date": "1965-03-10"},
}
APPLICATION, GP_LETTER = GLUED_APPLICATION, GLUED_GP_LETTER
PASSPORT = """KONINKRIJK DER NEDERLANDEN  KINGDOM OF THE NETHERLANDS
PASPOORT  PASSPORT
Type P  Code NLD  Documentnummer SPECI2014
Naam / Surname: DE BRUIJN
Voornamen / Given names: WILLEKE LISELOTTE
Nationaliteit: NEDERLANDSE
Geboortedatum: 10 MAA/MAR 1965
Geldig tot / Date of expiry: 15 JAN/JAN 2034
P<NLDDE<BRUIJN<<WILLEKE<LISELOTTE<<<<<<<<<<<
SPECI20142NLD6503101F3401158999999990<<<<<80"""


@pytest.fixture
def glued(tmp_path):
    path = tmp_path / "stukken.pdf"
    path.write_bytes(make_pdf([APPLICATION, GP_LETTER, PASSPORT]))
    return path


def test_classify_reports_one_segment_per_document(glued):
    result = classify_path(glued, parse_case(CASE)).to_json()
    assert [s["pages"] for s in result["segments"]] == [[1], [2], [3]]
    assert [s["category"] for s in result["segments"]] == ["application", "medical", "id_copy"]
    # The file's own line: its most restrictive segment's category and disposition.
    assert result["category"] == "medical"
    assert result["disposition"] == "forward_medical_adviser"
    assert result["segments"][2]["id_document"]["number"] == "SPECI2014"


def test_each_segment_is_cut_out_routed_and_the_original_kept_nowhere(glued, store):
    case = parse_case(CASE)
    original = glued.read_bytes()
    summary = ingest_paths(store, case, [str(glued)])
    lines = summary["documents"]
    head, segments = lines[0], lines[1:]
    assert [s["disposition"] for s in segments] == [
        "archive",
        "forward_medical_adviser",
        "destroy",
    ]
    assert all(s["source"] == head["sha256"] for s in segments)
    assert [s["file"].rsplit("#", 1)[1] for s in segments] == ["pages-1", "pages-2", "pages-3"]
    # Nothing under any key holds the original's bytes; the stored segments are
    # one-page PDFs of their own.
    for key in store.list(""):
        assert store.get(key) != original
    dossier = [line for line in dossier_lines(store, case.case_id) if "sha256" in line]
    assert [(d["category"], d["part"]) for d in dossier] == [("application", "archive")]
    stored = store.get(f"dossier/{case.case_id}/archive/{dossier[0]['sha256']}")
    assert len(PdfReader(io.BytesIO(stored)).pages) == 1
    assert "depressie" not in PdfReader(io.BytesIO(stored)).pages[0].extract_text()
    ids = [
        line["id_document"] for line in dossier_lines(store, case.case_id) if "id_document" in line
    ]
    assert ids == [{"number": "SPECI2014", "valid_until": "2034-01-15", "type": "passport"}]
    record = record_from_bytes(store.get(record_key(case.case_id, head["sha256"])))
    assert isinstance(record, MessageRecord)
    assert [s["pages"] for s in record.segments] == [[1], [2], [3]]
    seg = record_from_bytes(store.get(record_key(case.case_id, segments[0]["sha256"])))
    assert isinstance(seg, DocumentRecord)
    assert (seg.source, seg.pages, seg.law) == (head["sha256"], (1,), "participatiewet")
    assert seg.purpose

    again = ingest_paths(store, case, [str(glued)])
    assert [d["new"] for d in again["documents"]] == [False] * 4
    assert [d["sha256"] for d in again["documents"]] == [d["sha256"] for d in lines]
    assert AuditTrail(store, case.case_id).verify().ok


def test_a_segment_whose_category_is_in_doubt_sends_the_whole_file_to_review(
    glued, store, monkeypatch
):
    # Where one segment's category is doubtful, where the file splits may be wrong too.
    # (The review threshold raised so that the application's 0.9-ish is doubtful.)
    monkeypatch.setattr(classify, "REVIEW_THRESHOLD", 0.999)
    summary = ingest_paths(store, parse_case(CASE), [str(glued)])
    assert [(d["category"], d["disposition"]) for d in summary["documents"]] == [
        ("medical", "review")
    ]
    assert "segment_in_doubt" in summary["documents"][0]["reasons"]
    sha = summary["documents"][0]["sha256"]
    assert store.get(f"review/2026-0777/{sha}") == glued.read_bytes()
    record = record_from_bytes(store.get(record_key("2026-0777", sha)))
    # It holds a medical letter and an ID copy: it may wait one working day, not ten.
    received = dt.date.fromisoformat(record.received[:10])
    assert record.review_deadline == add_working_days(received, 1).isoformat()


def test_a_sure_segment_that_needs_a_person_waits_alone(tmp_path, store):
    # The ID copy's zone fails a check digit: it waits in review, on its own page; the
    # application and the GP letter glued to it are routed at once.
    broken = PASSPORT.replace("SPECI20142NLD", "SPECI20143NLD")
    path = tmp_path / "stukken.pdf"
    path.write_bytes(make_pdf([APPLICATION, GP_LETTER, broken]))
    summary = ingest_paths(store, parse_case(CASE), [str(path)])
    assert [d["disposition"] for d in summary["documents"][1:]] == [
        "archive",
        "forward_medical_adviser",
        "review",
    ]
    waiting = summary["documents"][3]
    assert store.exists(f"review/2026-0777/{waiting['sha256']}")
    assert "id_document_untrusted" in waiting["reasons"]
