"""The steps the Airflow DAGs will call one by one (intake → process one document),
passing object keys; the case registry; the medical adviser's outbox; the progress bar."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from makers import ZEEF
from minio.versioningconfig import ENABLED, VersioningConfig

from zeef.domain.case import load_case
from zeef.pipeline.ingest import (
    ingest_paths,
    new_run_id,
    process_incoming,
    stage,
)
from zeef.pipeline.labelled import read_labelled_folder
from zeef.pipeline.outcome import Progress
from zeef.pipeline.registry import load_registered
from zeef.pipeline.route import medical_outbox_key
from zeef.storage.local import LocalStore
from zeef_corpus.generate import generate_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = generate_corpus(tmp_path_factory.mktemp("corpus"), n_per_category=2, seed=12,
                           formats=("txt", "pdf"))  # fmt: skip
    return root, read_labelled_folder(root)


def _valid_zones(root):
    """The ID copies whose zone the generator did not break on purpose (`mrz_valid`): a
    broken one goes to review, not to destroy as its label says."""
    labels = [json.loads(line) for line in (root / "labels.jsonl").read_text().splitlines()]
    return {root / row["file"] for row in labels if row.get("mrz_valid")}


def test_staged_id_copy_leaves_no_version_behind(s3_server, corpus):
    """An ID copy staged by intake and then processed: noted, routed nowhere, and on a
    versioned bucket no version of the staged copy survives."""
    root, docs = corpus
    valid = _valid_zones(root)
    doc = next(d for d in docs if d.category.value == "id_copy" and d.path in valid)
    case = load_case(doc.case_path)
    store = s3_server.store()
    s3_server.client().set_bucket_versioning(store.bucket, VersioningConfig(ENABLED))
    key = stage(store, doc.path.read_bytes(), doc.path.name)
    assert key.startswith("incoming/") and doc.path.name not in key
    records = process_incoming(store, case, key, new_run_id())
    record = json.loads(store.get(records[0]))
    assert record["disposition"] == "destroy" and record["location"] is None
    sha = record["sha256"]
    noted = json.loads(store.get(f"cases/{case.case_id}/id_documents/{sha}.json"))
    assert noted["number"] == doc.id_document["number"]
    versions = list(s3_server.client().list_objects(
        store.bucket, prefix="incoming/", recursive=True, include_version=True))  # fmt: skip
    assert versions == []
    assert not [k for k in store.list("") if k.endswith(sha) and not k.startswith("cases/")]


def test_process_incoming_twice_is_a_no_op(tmp_path, corpus):
    _, docs = corpus
    doc = docs[0]
    case = load_case(doc.case_path)
    store = LocalStore(tmp_path / "store")
    first = process_incoming(store, case, stage(store, doc.path.read_bytes(), "a"), "run-1")
    before = {k: store.get(k) for k in store.list("") if not k.startswith("audit/")}
    second = process_incoming(store, case, stage(store, doc.path.read_bytes(), "a"), "run-2")
    assert first == second
    after = {k: store.get(k) for k in store.list("") if not k.startswith("audit/")}
    assert before == after and store.list("incoming/") == []


def test_cases_add_registers_updates_and_refuses_bad_fields(tmp_path, corpus):
    root, _ = corpus
    case_file = sorted((root / "cases").iterdir())[0]
    store = str(tmp_path / "store")

    def add(path):
        return subprocess.run([ZEEF, "cases", "add", str(path), "--store", store],
                              capture_output=True, text=True)  # fmt: skip

    assert json.loads(add(case_file).stdout)["status"] == "registered"
    assert json.loads(add(case_file).stdout)["status"] == "unchanged"
    data = json.loads(case_file.read_text())
    flag = not data.get("enforcement_investigation", False)
    data["enforcement_investigation"] = flag
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data))
    assert json.loads(add(changed).stdout)["status"] == "updated"
    assert load_registered(LocalStore(store), data["case_id"]).enforcement_investigation is flag
    data["subject"]["birth_date"] = "31-02-1980"
    changed.write_text(json.dumps(data))
    run = add(changed)
    assert run.returncode == 2 and "subject.birth_date" in run.stderr
    assert "31-02-1980" not in run.stderr


def test_medical_outbox_is_for_the_medical_adviser_only():
    assert medical_outbox_key("c-1", "a" * 64, "medical_adviser").startswith("outbox/")
    for role in ("reviewer", "privacy_officer", "admin"):
        with pytest.raises(PermissionError):
            medical_outbox_key("c-1", "a" * 64, role)


def test_forwarded_medical_documents_are_in_the_outbox_not_the_dossier(tmp_path, corpus):
    _, docs = corpus
    medical = [d for d in docs if d.category.value == "medical"]
    case = load_case(medical[0].case_path)
    store = LocalStore(tmp_path / "store")
    summary = ingest_paths(store, case, [str(d.path) for d in medical], progress=False)
    # Every medical document goes where the case's medical policy says (or to a reviewer);
    # none is archived or kept in the working dossier.
    routed = {d["disposition"] for d in summary["documents"]}
    assert case.medical_policy.value in routed
    assert routed <= {case.medical_policy.value, "review"}
    for d in summary["documents"]:
        if d["disposition"] == "forward_medical_adviser":
            assert store.exists(medical_outbox_key(case.case_id, d["sha256"], "medical_adviser"))
    assert store.list(f"dossier/{case.case_id}/") == [
        f"dossier/{case.case_id}/{d['disposition']}/{d['sha256']}"
        for d in summary["documents"]
        if d["disposition"] in ("archive", "working")
    ]


def test_progress_bar_counts_files(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    bar = Progress(3, enabled=True)
    for _ in range(3):
        bar.step()
    bar.close()
    assert "3/3" in err.getvalue() and err.getvalue().endswith("\n")
    quiet = Progress(3, enabled=False)
    quiet.step()
    assert "1/3" not in err.getvalue().split("3/3")[-1]


def test_run_ids_are_unique_and_key_safe():
    ids = {new_run_id() for _ in range(50)}
    assert len(ids) == 50
    from zeef.storage import check_key

    for run_id in ids:
        check_key(f"letters/c-1/{run_id}.pdf")


def test_the_dag_steps_end_with_the_runs_letter(tmp_path, corpus):
    """intake → process each staged key → the case's letter, passing keys only."""
    from zeef.pipeline.ingest import write_run_letter

    root, docs = corpus
    valid = _valid_zones(root)
    case_path = next(d.case_path for d in docs if d.category.value == "medical")
    mine = [d for d in docs if d.case_path == case_path]
    case = load_case(case_path)
    store = LocalStore(tmp_path / "store")
    keys = [stage(store, d.path.read_bytes(), d.path.name) for d in mine]
    for key in keys:
        process_incoming(store, case, key, "run-7")
    letter = write_run_letter(store, case, "run-7")
    told = [d for d in mine if d.disposition in ("forward_medical_adviser", "return_to_sender")
            or (d.disposition == "destroy" and d.path in valid)]  # fmt: skip
    assert told, "the case has something to tell"
    assert letter == f"letters/{case.case_id}/run-7.pdf"
    text = store.get(letter.replace(".pdf", ".txt")).decode()
    for d in told:
        assert d.path.name in text
    events = len(store.list(f"audit/{case.case_id}/"))
    assert write_run_letter(store, case, "run-7") == letter  # once
    assert len(store.list(f"audit/{case.case_id}/")) == events
    assert write_run_letter(store, case, "run-8") is None  # nothing in that run
