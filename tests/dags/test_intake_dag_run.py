"""The zeef_intake DAG end to end with `dag.test()` (in a subprocess, as `airflow dags test`
runs it): a local inbox of several cases (text, PDF and e-mail), every document routed
where `classify_path` says, the inbox emptied, a second run adds nothing; a document that
fails every try is parked for review while the others finish; afterwards nothing in
Airflow's metadata database, its logs or its output holds a subject's name, BSN or IBAN
or a document's file name. Then one run from an S3 inbox into an S3 store, with the
settings as Airflow Variables; one from an IMAP mailbox (the connection zeef_imap); and a
document that hangs until its execution_timeout."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import secrets
import sqlite3
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
from airflow_db import database_text

from zeef.domain.case import load_case
from zeef.domain.records import DocumentRecord, record_from_bytes
from zeef.pipeline.classify import classify_path
from zeef.pipeline.labelled import read_labelled_folder
from zeef.pipeline.registry import register_case
from zeef.pipeline.route import record_key
from zeef.storage import open_store
from zeef_corpus.generate import generate_corpus

DAGS = Path(__file__).resolve().parents[2] / "dags"
PER_FORMAT = 3  # documents of each format (txt, pdf, eml) in the inbox
IBAN = re.compile(r"\bNL\d{2}[A-Z]{4}\d{10}\b")

# Runs `dag.test()` on dags/zeef_intake.py in a fresh process and prints one line
# `ZEEF-RESULT {json}`. With ZEEF_TEST_POISON=<sha256>, that staged document raises in
# `process_item` on every try (a fault zeef cannot be made to raise for real: it sends
# what it cannot read to review), with personal data in the exception's message; with
# ZEEF_TEST_SLOW=<sha256>, that one hangs until the task's execution_timeout ends it.
DRIVER = r"""
import importlib.util, json, os, sys, time
poison = os.environ.get("ZEEF_TEST_POISON")
slow = os.environ.get("ZEEF_TEST_SLOW")
if poison or slow:
    from zeef.pipeline import intake

    class PoisonedDocument(Exception):
        pass

    real = intake.process_item

    def process_item(store, case_id, staged, run_id):
        if staged == f"incoming/{poison}":
            raise PoisonedDocument("cannot read " + os.environ["ZEEF_TEST_POISON_TEXT"])
        if staged == f"incoming/{slow}":
            time.sleep(120)
        return real(store, case_id, staged, run_id)

    intake.process_item = process_item
spec = importlib.util.spec_from_file_location("zeef_intake", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
run = module.intake_dag.test()
states = {}
for ti in run.get_task_instances():
    states[f"{ti.task_id}[{ti.map_index}]"] = [str(ti.state), ti.try_number]
print("ZEEF-RESULT " + json.dumps({"state": str(run.state), "run_id": run.run_id,
                                   "tasks": states}))
"""


def run_dag_test(env: dict[str, str], timeout: float = 240) -> tuple[dict, str]:
    """(result, everything the run printed)."""
    proc = subprocess.run([sys.executable, "-c", DRIVER, str(DAGS / "zeef_intake.py")],
                          capture_output=True, text=True, env={**os.environ, **env},
                          timeout=timeout)  # fmt: skip
    output = proc.stdout + proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line.startswith("ZEEF-RESULT ")]
    assert proc.returncode == 0 and lines, output[-4000:]
    return json.loads(lines[-1][len("ZEEF-RESULT ") :]), output


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _state(store) -> dict:
    return {k: store.get(k) for k in store.list("")}


def _inbox_files(inbox: Path) -> list[str]:
    return sorted(p.relative_to(inbox).as_posix() for p in inbox.rglob("*") if p.is_file())


def _secrets(docs, cases, names) -> set[str]:
    """What must never reach Airflow: the subjects' names (whole, and each part of four
    letters or more), BSNs, IBANs (the case files' and the documents'), file names."""
    found = set()
    for case in cases.values():
        s = case.subject
        found.add(s.name)
        found |= {part for part in re.split(r"[\s-]+", s.name) if len(part) >= 4}
        found |= {v for v in (s.bsn, s.iban) if v}
    for doc in docs:
        found |= set(IBAN.findall(doc.path.read_bytes().decode("utf-8", "replace")))
    for name in names:
        found |= {name, Path(name).stem}
    return found


def _make_world(root: Path, seed: int, per_format: int):
    """Documents of several cases (cases registered later, per store): a generated corpus,
    `per_format` documents of each format, each under the name a citizen might give it
    (the subject's name in it)."""
    corpus = generate_corpus(root / "corpus", n_per_category=3, seed=seed,
                             formats=("txt", "pdf", "eml"))  # fmt: skip
    picked = []
    for ext in (".txt", ".pdf", ".eml"):
        picked += [d for d in read_labelled_folder(corpus) if d.path.suffix == ext][:per_format]
    cases = {}
    files = []  # (case_id, inbox name, bytes, doc)
    for n, doc in enumerate(picked):
        case = load_case(doc.case_path)
        cases[case.case_id] = case
        name = f"{case.subject.name} - {doc.category.value.replace('_', ' ')} {n}{doc.path.suffix}"
        files.append((case.case_id, name, doc.path.read_bytes(), doc))
    return cases, files


def _expected(files, cases, tmp: Path) -> dict[str, str]:
    """sha256 → the disposition `classify_path` gives the file, under its inbox name."""
    out = {}
    for case_id, name, data, _ in files:
        path = tmp / "check" / case_id / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        out[_sha(data)] = classify_path(path, cases[case_id]).disposition.value
    return out


@pytest.fixture(scope="module")
def local_runs(airflow_home, tmp_path_factory):
    """Two runs of the DAG on a local store and inbox: the first with a poison document."""
    tmp = tmp_path_factory.mktemp("intake-dag")
    cases, files = _make_world(tmp, seed=21, per_format=PER_FORMAT)
    store_dir, inbox = tmp / "store", tmp / "inbox"
    store = open_store(str(store_dir))
    for case in cases.values():
        register_case(store, case)
    for case_id, name, data, _ in files:
        (inbox / case_id).mkdir(parents=True, exist_ok=True)
        (inbox / case_id / name).write_bytes(data)
    expected = _expected(files, cases, tmp)
    poison_case, poison_name, poison_data, _ = next(f for f in files if f[1].endswith(".txt"))
    env = {
        "ZEEF_STORE": str(store_dir),
        "ZEEF_INBOX": str(inbox),
        "ZEEF_TEST_POISON": _sha(poison_data),
        "ZEEF_TEST_POISON_TEXT": f"{cases[poison_case].subject.name} {poison_name}",
    }
    first, out1 = run_dag_test(env)
    inbox_after = _inbox_files(inbox)
    state = _state(store)
    env.pop("ZEEF_TEST_POISON")
    second, out2 = run_dag_test(env)
    return {
        "store": store, "inbox": inbox, "cases": cases, "files": files, "expected": expected,
        "poison": (poison_case, _sha(poison_data)), "runs": (first, second),
        "inbox_after": inbox_after, "state": state, "output": out1 + out2,
        "secrets": _secrets([f[3] for f in files], cases, [f[1] for f in files]),
    }  # fmt: skip


def test_every_document_is_routed_where_classify_says(local_runs):
    first, _ = local_runs["runs"]
    assert first["state"] == "success", first
    store, poison = local_runs["store"], local_runs["poison"]
    assert len(local_runs["files"]) == 3 * PER_FORMAT and len(local_runs["cases"]) >= 2
    checked = 0
    for case_id, name, data, _ in local_runs["files"]:
        sha = _sha(data)
        record = record_from_bytes(store.get(record_key(case_id, sha)))
        if (case_id, sha) == poison:
            continue
        assert record.disposition.value == local_runs["expected"][sha], name
        checked += 1
    assert checked == len(local_runs["files"]) - 1
    assert local_runs["inbox_after"] == []
    assert store.list("incoming/") == [] and store.list("intake/sources/") == []
    # One process task per document, one letter task per case with documents.
    tasks = first["tasks"]
    assert sum(k.startswith("process[") for k in tasks) == len(local_runs["files"])
    cases_with_docs = {f[0] for f in local_runs["files"]}
    assert sum(k.startswith("letter[") for k in tasks) == len(cases_with_docs)


def test_a_document_failing_every_try_is_parked_for_review(local_runs):
    first, _ = local_runs["runs"]
    store, (case_id, sha) = local_runs["store"], local_runs["poison"]
    record = record_from_bytes(store.get(record_key(case_id, sha)))
    assert isinstance(record, DocumentRecord)
    assert record.disposition.value == "review" and "intake_failed" in record.reasons
    assert record.error == "internal error (PoisonedDocument)"
    failed = {k: v for k, v in first["tasks"].items() if v[0] != "success"}
    # Only the poison's process task failed, after 1 + 2 retries; everything else ran.
    assert [v for v in failed.values()] == [["failed", 3]], first["tasks"]
    assert all(first["tasks"][t][0] == "success" for t in
               ("collect[-1]", "park[-1]", "cases[-1]", "acknowledge[-1]", "summary[-1]"))


def test_a_second_run_adds_nothing(local_runs):
    _, second = local_runs["runs"]
    assert second["state"] == "success", second
    assert _state(local_runs["store"]) == local_runs["state"]
    # Nothing collected: no document or letter task ran.
    assert second["tasks"]["process[-1]"][0] == "skipped"
    assert second["tasks"]["letter[-1]"][0] == "skipped"


def test_airflow_keeps_no_personal_data(local_runs, airflow_home):
    secrets = local_runs["secrets"]
    assert len(secrets) > 10
    db = database_text(airflow_home.database)
    assert "zeef_intake" in db and "incoming/" in db  # the runs are in it
    logs = "\n".join(p.read_text("utf-8", "replace")
                     for p in (airflow_home.home / "logs").rglob("*") if p.is_file())  # fmt: skip
    for where, text in (("database", db), ("logs", logs), ("output", local_runs["output"])):
        leaked = sorted(s for s in secrets if s.lower() in text.lower())
        assert leaked == [], (where, len(leaked))


def test_xcom_holds_keys_case_ids_and_counts_only(local_runs, airflow_home):
    allowed = {"case_id", "staged", "records", "review", "failed", "cases", "total",
               "unmatched", "too_large", "letters", "acknowledged"}  # fmt: skip
    with sqlite3.connect(airflow_home.database) as db:
        rows = db.execute("select task_id, key, value from xcom where dag_id='zeef_intake'")
        rows = list(rows)
    assert rows
    case_ids = set(local_runs["cases"])

    def check(value, where):
        if isinstance(value, dict):
            for k, v in value.items():
                assert k in allowed or k in case_ids, (where, k)
                check(v, where)
        elif isinstance(value, list):
            for v in value:
                check(v, where)
        elif isinstance(value, str):
            ok = (value in case_ids or re.fullmatch(r"incoming/[0-9a-f]{64}", value)
                  or re.fullmatch(r"letters/[\w.-]+/[\w.-]+\.pdf", value)
                  or re.fullmatch(r"[A-Za-z]+", value))  # fmt: skip
            assert ok, (where, value[:80])
        else:
            assert value is None or isinstance(value, int | float), where

    for task_id, key, value in rows:
        size = len(value if isinstance(value, bytes | str) else str(value))
        assert size < 4000, (task_id, key, size)
        check(json.loads(value) if isinstance(value, str | bytes) else value, (task_id, key))


def test_a_run_from_an_s3_inbox_into_an_s3_store(airflow_home, s3_server, tmp_path):
    cases, files = _make_world(tmp_path, seed=22, per_format=1)
    store = s3_server.store()
    for case in cases.values():
        register_case(store, case)
    client = s3_server.client()
    inbox_bucket = store.bucket + "-in"
    client.make_bucket(inbox_bucket)
    for case_id, name, data, _ in files:
        client.put_object(inbox_bucket, f"inbox/{case_id}/{name}", io.BytesIO(data), len(data))
    expected = _expected(files, cases, tmp_path)
    env = {
        **s3_server.env(),
        "ZEEF_S3_RETRY_SECONDS": "2",
        # The settings as Airflow Variables (from the environment: AIRFLOW_VAR_*).
        "AIRFLOW_VAR_ZEEF_STORE": f"s3://{store.bucket}",
        "AIRFLOW_VAR_ZEEF_INBOX": f"s3://{inbox_bucket}/inbox",
        "ZEEF_STORE": "",
        "ZEEF_INBOX": "",
    }
    result, _ = run_dag_test(env)
    assert result["state"] == "success", result
    assert list(client.list_objects(inbox_bucket, prefix="inbox/", recursive=True)) == []
    for case_id, name, data, _ in files:
        record = record_from_bytes(store.get(record_key(case_id, _sha(data))))
        assert record.disposition.value == expected[_sha(data)], name
    assert store.list("incoming/") == []



def test_a_document_that_hangs_is_timed_out_and_parked(airflow_home, tmp_path):
    """execution_timeout (a BaseException in the task) on every try: parked for review
    with the error type AirflowTaskTimeout."""
    cases, files = _make_world(tmp_path, seed=23, per_format=1)
    case_id, name, data, _ = files[0]
    store_dir, inbox = tmp_path / "store", tmp_path / "inbox"
    store = open_store(str(store_dir))
    register_case(store, cases[case_id])
    (inbox / case_id).mkdir(parents=True)
    (inbox / case_id / name).write_bytes(data)
    env = {"ZEEF_STORE": str(store_dir), "ZEEF_INBOX": str(inbox), "ZEEF_TEST_SLOW": _sha(data),
           "ZEEF_PROCESS_TIMEOUT_MINUTES": "0.05", "ZEEF_RETRIES": "1"}  # fmt: skip
    result, _ = run_dag_test(env)
    assert result["state"] == "success", result
    assert result["tasks"]["process[0]"] == ["failed", 2]
    record = record_from_bytes(store.get(record_key(case_id, _sha(data))))
    assert record.disposition.value == "review"
    assert record.error == "internal error (AirflowTaskTimeout)"
    assert list(inbox.rglob("*.*")) == [] and store.list("incoming/") == []


def test_a_run_from_the_mailbox(airflow_home, dovecot, tmp_path):
    """The connection zeef_imap (from the environment, AIRFLOW_CONN_ZEEF_IMAP) on a real
    IMAP server (Dovecot): messages naming a case in their subject are processed and
    moved to the processed folder; no inbox set."""
    cases, _ = _make_world(tmp_path, seed=24, per_format=1)
    store_dir = tmp_path / "store"
    store = open_store(str(store_dir))
    for case in cases.values():
        register_case(store, case)
    folder = f"in-{secrets.token_hex(4)}"
    conn = dovecot.client()
    conn.create(folder)
    conn.logout()
    mails = []
    for case_id, case in sorted(cases.items())[:2]:
        msg = EmailMessage()
        msg["From"] = "iemand@example.net"
        msg["To"] = "sociaaldomein@gemeente.example.nl"
        msg["Subject"] = f"Zaak {case_id}: aanvulling {secrets.token_hex(3)}"
        msg.set_content(f"Hierbij mijn aanvulling. Met groet, {case.subject.name}")
        raw = bytes(msg).replace(b"\n", b"\r\n")
        dovecot.append(folder, raw)
        mails.append((case_id, raw))
    connection = {
        "conn_type": "imap", "host": "127.0.0.1", "port": dovecot.port,
        "login": dovecot.user, "password": dovecot.password,
        "extra": {"ssl": False, "starttls": False, "folder": folder,
                  "processed": folder + "-done", "timeout": 10},
    }  # fmt: skip
    env = {"ZEEF_STORE": str(store_dir), "ZEEF_INBOX": "",
           "AIRFLOW_CONN_ZEEF_IMAP": json.dumps(connection)}  # fmt: skip
    result, output = run_dag_test(env)
    assert result["state"] == "success", result
    assert sum(k.startswith("process[") for k in result["tasks"]) == len(mails)
    for case_id, raw in mails:
        assert store.exists(record_key(case_id, _sha(raw)))
    assert dovecot.uids(folder, "ALL") == []
    assert len(dovecot.uids(folder + "-done", "ALL")) == len(mails)
    assert dovecot.password not in output
    for case_id, _ in mails:
        assert cases[case_id].subject.name not in output
