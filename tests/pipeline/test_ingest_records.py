"""Every record ingest writes is a typed record that dossier and letters read back."""

from __future__ import annotations

import pytest

from zeef.domain.case import load_case
from zeef.domain.records import DocumentRecord, MessageRecord, record_from_bytes
from zeef.pipeline.dossier import dossier_lines
from zeef.pipeline.ingest import ingest_paths
from zeef.pipeline.labelled import read_labelled_folder
from zeef.pipeline.route import records_prefix
from zeef.storage.local import LocalStore
from zeef_corpus.generate import generate_corpus


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    root = generate_corpus(tmp_path_factory.mktemp("corpus"), n_per_category=2, seed=21,
                           formats=("txt", "eml"))  # fmt: skip
    docs = read_labelled_folder(root)
    case_path = docs[0].case_path
    mine = [d for d in docs if d.case_path == case_path]
    store = LocalStore(tmp_path_factory.mktemp("store"))
    summary = ingest_paths(store, load_case(case_path), [str(d.path) for d in mine])
    return store, summary


def test_every_record_is_typed_and_matches_the_summary(ingested):
    store, summary = ingested
    records = [
        record_from_bytes(store.get(k)) for k in store.list(records_prefix(summary["case_id"]))
    ]
    assert records
    by_sha = {r.sha256: r for r in records}
    for line in summary["documents"]:
        record = by_sha[line["sha256"]]
        assert record.category.value == line["category"]
        assert record.disposition.value == line["disposition"]
    for record in records:
        if isinstance(record, MessageRecord):
            assert all(isinstance(by_sha[p], DocumentRecord) for p in record.parts)
        else:
            assert record.legal_basis and record.run == summary["run"]


def test_dossier_lists_what_the_records_say_is_in_the_dossier(ingested):
    store, summary = ingested
    lines = [x for x in dossier_lines(store, summary["case_id"]) if "sha256" in x]
    keys = store.list(records_prefix(summary["case_id"]))
    records = {r.sha256: r for r in map(record_from_bytes, map(store.get, keys))}
    kept = {
        sha
        for sha, r in records.items()
        if isinstance(r, DocumentRecord) and (r.location or "").startswith("dossier/")
    }
    assert kept and {x["sha256"] for x in lines} == kept
    for x in lines:
        assert x["category"] == records[x["sha256"]].category.value
