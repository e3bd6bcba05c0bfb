"""`zeef ingest`: a generated corpus ingested case by case into a fresh store, on the local
folder and on a real S3 server. What a municipality relies on: the same dispositions as
`classify`, nothing medical and no ID copy anywhere in a dossier, a second run that
changes nothing, an audit trail that verifies and holds no personal data, the letter,
the dossier listing, and bad input that stops nothing but itself."""

from __future__ import annotations

import json
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
from makers import ZEEF, message_lines

from zeef.domain.case import load_case
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.classify import classify_path
from zeef.pipeline.dossier import dossier_lines
from zeef.pipeline.ingest import ingest_paths
from zeef.pipeline.labelled import read_labelled_folder
from zeef.pipeline.registry import UnknownCase, load_registered
from zeef.storage.local import LocalStore
from zeef_corpus.generate import generate_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = generate_corpus(tmp_path_factory.mktemp("corpus"), n_per_category=4, seed=5)
    by_case: dict[Path, list] = defaultdict(list)
    for doc in read_labelled_folder(root):
        by_case[doc.case_path].append(doc)
    return root, dict(by_case)


def all_objects(store) -> dict[str, bytes]:
    return {key: store.get(key) for key in store.list("")}


def stored_documents(summary: dict) -> list[dict]:
    """The summary's documents without the e-mail message lines (their parts are the
    documents that were routed)."""
    heads = message_lines(summary)
    return [d for d in summary["documents"] if d["sha256"] not in heads]


def ingest_corpus(store, by_case) -> dict[str, dict]:
    return {
        load_case(case_path).case_id: ingest_paths(
            store, load_case(case_path), [str(d.path) for d in docs], progress=False
        )
        for case_path, docs in by_case.items()
    }


def test_corpus_ingested_case_by_case(store, corpus):
    _, by_case = corpus
    summaries = ingest_corpus(store, by_case)
    first = all_objects(store)

    medical_or_id: list[bytes] = []
    for case_path, docs in by_case.items():
        case = load_case(case_path)
        summary = summaries[case.case_id]
        assert summary["errors"] == []
        lines = {d["file"]: d for d in summary["documents"]}
        for doc in docs:
            # The same disposition as `classify` gives (for an e-mail: its message line).
            expected = classify_path(doc.path, case)
            got = lines[str(doc.path)]
            assert (got["category"], got["disposition"]) == (
                expected.category.value,
                expected.disposition.value,
            ), doc.path.name
            assert got["new"] is True
            assert got["sha256"] == expected.sha256
            parts = expected.parts or [expected]
            if expected.parts:
                from zeef.pipeline.extract import read_path

                datas = [p.data for p in read_path(doc.path).parts]
            else:
                datas = [doc.path.read_bytes()]
            for part, data in zip(parts, datas, strict=True):
                if part.category.value in ("medical", "id_copy") and data:
                    medical_or_id.append(data)
        # Every stored document of the dossier is listed; ID numbers are noted.
        listed = list(dossier_lines(store, case.case_id))
        dossier_keys = store.list(f"dossier/{case.case_id}/")
        assert len([x for x in listed if "sha256" in x]) == len(dossier_keys)
        destroyed = {
            d["sha256"] for d in stored_documents(summary) if d["disposition"] == "destroy"
        }
        assert len([x for x in listed if "id_document" in x]) == len(destroyed)
        for x in listed:
            if "id_document" in x:
                assert x["id_document"]["number"] and x["id_document"]["valid_until"]
        assert AuditTrail(store, case.case_id).verify().ok

    assert medical_or_id, "the corpus has medical documents and ID copies"
    dossier = {k: v for k, v in first.items() if k.startswith("dossier/")}
    assert dossier
    for data in medical_or_id:
        for key, stored in dossier.items():
            assert data not in stored, key  # no byte of it in any dossier object
    # Content-addressed: every dossier object is the sha256 of its bytes.
    import hashlib

    for key, stored in dossier.items():
        assert key.rsplit("/", 1)[1] == hashlib.sha256(stored).hexdigest()

    # A second run changes nothing: same objects, every `new` false, one no-op event.
    events_before = {cid: len(AuditTrail(store, cid).events()) for cid in summaries}
    again = ingest_corpus(store, by_case)
    for cid, summary in again.items():
        assert all(d["new"] is False for d in summary["documents"])
        assert summary["letter"] is None
        events = AuditTrail(store, cid).events()
        assert len(events) == events_before[cid] + 1
        assert events[-1].event == "ingest_noop"
    after = all_objects(store)
    changed = {k for k in set(first) | set(after) if first.get(k) != after.get(k)}
    assert all(k.startswith("audit/") for k in changed)


def test_letter_names_what_was_returned_or_destroyed_and_the_audit_has_no_names(tmp_path, corpus):
    store = LocalStore(tmp_path / "store")
    root, by_case = corpus
    summaries = ingest_corpus(store, by_case)
    labels = [json.loads(line) for line in (root / "labels.jsonl").read_text().splitlines()]
    personal = {s for lab in labels for key in ("subject", "third_party", "professional")
                for s in lab.get(key, []) if len(s) >= 4}  # fmt: skip
    for case_path in by_case:
        case = load_case(case_path)
        personal |= {case.subject.name}
    told = 0
    for cid, summary in summaries.items():
        kinds = {d["disposition"] for d in stored_documents(summary)}
        if kinds & {"return_to_sender", "forward_medical_adviser", "destroy"}:
            text = store.get(summary["letter"].replace(".pdf", ".txt")).decode()
            assert load_registered(store, cid).subject.name in text
            assert "Wet en regels" in text
            told += 1
        else:
            assert summary["letter"] is None
        for key in store.list(f"audit/{cid}/"):
            raw = store.get(key).decode()
            for s in personal:
                assert s not in raw, "personal data in the audit trail"
    assert told
    # Keys and object metadata are ids, categories and fixed words only.
    for key in store.list(""):
        seen = key + " " + json.dumps(store.metadata(key))
        for s in personal:
            assert s not in seen, "personal data in a key or in metadata"


def test_bad_input_stops_nothing_but_itself(tmp_path, corpus):
    _, by_case = corpus
    case_path, docs = next(iter(by_case.items()))
    folder = tmp_path / "in"
    folder.mkdir()
    good = docs[0].path
    (folder / f"a{good.suffix}").write_bytes(good.read_bytes())
    (folder / f"kopie{good.suffix}").write_bytes(good.read_bytes())  # a duplicate
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> garbage")
    (folder / "leeg.txt").write_bytes(b"")
    (folder / ".verborgen").write_bytes(b"hidden files are skipped")
    store_dir = tmp_path / "store"
    # Configured, so that letters are no drafts (a draft adds its warning on stderr).
    config = tmp_path / "zeef.toml"
    config.write_text(
        '[municipality]\nname = "Gemeente Testdorp"\n'
        'postal_address = "Postbus 1, 1000 AA Testdorp"\n'
        'phone = "14 020"\nemail = "post@testdorp.nl"\n'
    )
    run = subprocess.run(
        [ZEEF, "--config", str(config), "ingest", str(folder), str(tmp_path / "bestaat-niet.pdf"),
         "--case", str(case_path), "--store", str(store_dir)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 1  # a missing file is bad input
    assert run.stderr.strip().splitlines() == [
        f"zeef: error: no such file: {tmp_path / 'bestaat-niet.pdf'}"
    ]
    summary = json.loads(run.stdout)
    by_file = {Path(d["file"]).name: d for d in summary["documents"]}
    assert by_file["kapot.pdf"]["disposition"] == "review"
    assert by_file["leeg.txt"]["disposition"] == "review"
    first, copy = by_file[f"a{good.suffix}"], by_file[f"kopie{good.suffix}"]
    assert first["new"] is True and copy["new"] is False
    assert first["sha256"] == copy["sha256"]
    assert ".verborgen" not in by_file
    errors = {Path(e["file"]).name for e in summary["errors"]}
    assert errors == {"kapot.pdf", "leeg.txt", "bestaat-niet.pdf"}
    store = LocalStore(store_dir)
    sha = by_file["kapot.pdf"]["sha256"]
    case = load_case(case_path)
    assert store.exists(f"review/{case.case_id}/{sha}")  # a person looks at it

    # A case file with a bad BSN or law, an unknown case id: one line, exit 2.
    bad = json.loads(Path(case_path).read_text())
    bad["subject"]["bsn"] = "123456789"
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    run = subprocess.run([ZEEF, "ingest", str(folder), "--case", str(tmp_path / "bad.json"),
                          "--store", str(store_dir)], capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "subject.bsn" in run.stderr
    assert "123456789" not in run.stderr
    bad["subject"]["bsn"], bad["law"] = None, "bijstandswet"
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    run = subprocess.run([ZEEF, "ingest", str(folder), "--case", str(tmp_path / "bad.json"),
                          "--store", str(store_dir)], capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 2 and "law" in run.stderr
    run = subprocess.run([ZEEF, "ingest", str(folder), "--case-id", "2099-0001",
                          "--store", str(store_dir)], capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 2 and "unknown case id" in run.stderr
    run = subprocess.run([ZEEF, "dossier", "2099-0001", "--store", str(store_dir)],
                         capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 2 and "unknown case id" in run.stderr
    with pytest.raises(UnknownCase):
        load_registered(store, "2099-0001")


def test_email_attachments_are_documents_of_their_own(tmp_path, corpus):
    _, by_case = corpus
    emails = [(cp, d) for cp, docs in by_case.items() for d in docs if d.path.suffix == ".eml"]
    assert emails
    store = LocalStore(tmp_path / "store")
    for case_path, doc in emails:
        summary = ingest_paths(store, load_case(case_path), [str(doc.path)], progress=False)
        head, *parts = summary["documents"]
        assert head["file"] == str(doc.path) and "message" not in head
        assert parts and all(p["message"] == head["sha256"] for p in parts)
        assert all(p["file"].startswith(str(doc.path) + "#") for p in parts)
        record = json.loads(
            store.get(f"cases/{summary['case_id']}/documents/{head['sha256']}.json")
        )
        assert record["kind"] == "message" and record["parts"] == [p["sha256"] for p in parts]
        # The message's own bytes are kept nowhere: they would hold every part.
        assert not any(k.endswith(head["sha256"]) for k in store.list("dossier/"))


def test_no_personal_data_in_output_or_logs(tmp_path, corpus):
    """`zeef -v ingest` logs and prints ids, categories and counts: none of the names,
    numbers or addresses in the documents (the paths are the user's own)."""
    root, by_case = corpus
    labels = [json.loads(line) for line in (root / "labels.jsonl").read_text().splitlines()]
    case_path, docs = max(by_case.items(), key=lambda item: len(item[1]))
    files = {str(d.path) for d in docs}
    personal = {
        s
        for lab in labels
        if str(root / lab["file"]) in files
        for key in ("subject", "third_party", "professional")
        for s in lab.get(key, [])
        if len(s) >= 5
    } | {load_case(case_path).subject.name}
    run = subprocess.run(
        [ZEEF, "-v", "ingest", *sorted(files), "--case", str(case_path),
         "--store", str(tmp_path / "store")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "stored sha256=" in run.stderr  # -v does log
    for s in personal:
        assert s not in run.stderr, "personal data in the log"
        assert s not in run.stdout, "personal data in the summary"


def test_letter_tells_about_an_emails_attachments_not_the_email_itself(tmp_path, corpus):
    """An e-mail's own line carries its strictest part's disposition, but the e-mail was
    not returned, forwarded or destroyed: its parts were. The letter names the parts."""
    _, by_case = corpus
    told = 0
    for case_path, docs in by_case.items():
        for doc in docs:
            if doc.path.suffix != ".eml":
                continue
            store = LocalStore(tmp_path / f"store-{doc.path.stem}")
            summary = ingest_paths(store, load_case(case_path), [str(doc.path)], progress=False)
            if summary["letter"] is None:
                continue
            text = store.get(summary["letter"].replace(".pdf", ".txt")).decode()
            assert f"- {doc.path.name} (" not in text  # not an item of its own
            assert f"bij uw e-mail {doc.path.name}" in text
            told += 1
    assert told, "the corpus has e-mails with a part to return, forward or destroy"


def test_a_case_id_that_cannot_be_a_key_is_one_line_not_a_traceback(tmp_path):
    run = subprocess.run([ZEEF, "dossier", "a b", "--store", str(tmp_path / "store")],
                         capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "unknown case id" in run.stderr
