"""Hostile or damaged input to the audit trail and the case file: an ingest onto a
damaged trail writes nothing and says so in one line (exit 1); deep nesting, NaN and
Infinity in an event or the head give a verdict, not a traceback (exit 1, one JSON
line); a case file nested 100,000 deep or larger than 1 MiB is one line and exit 2."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from makers import ZEEF, one_case_corpus
from s3server import fresh_bucket

from zeef.pipeline.audit import AuditTrail
from zeef.storage.local import LocalStore

DEEP = b"[" * 100_000 + b"]" * 100_000


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return one_case_corpus(tmp_path_factory.mktemp("corpus"), 1, seed=41)


def _backend(kind, tmp_path, request):
    if kind == "local":
        root = tmp_path / "store"
        return LocalStore(root), dict(os.environ), str(root)
    server = request.getfixturevalue("s3_server")
    bucket = fresh_bucket()
    env = {**os.environ, **server.env(), "ZEEF_S3_RETRY_SECONDS": "5"}
    return server.store(bucket), env, f"s3://{bucket}"


def _ingest(paths, case_file, url, env):
    return subprocess.run(
        [ZEEF, "ingest", *map(str, paths), "--case", str(case_file), "--store", url],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _snapshot(store):
    return {key: store.get(key) for key in store.list("")}


def _drop_head(store, case_id):
    store.delete(f"audit/{case_id}/head.json")


def _break_chain(store, case_id):
    head = json.loads(store.get(f"audit/{case_id}/head.json"))
    head["hash"] = "0" * 64
    store.put(f"audit/{case_id}/head.json", json.dumps(head).encode())


def _edit_last(store, case_id):
    last = store.list(f"audit/{case_id}/0")[-1]
    event = json.loads(store.get(last))
    event["reason"] = "changed"
    store.put(last, json.dumps(event).encode())


@pytest.mark.parametrize("kind", ["local", "s3"])
@pytest.mark.parametrize("damage", [_drop_head, _break_chain, _edit_last])
def test_ingest_onto_a_damaged_trail_writes_nothing(kind, damage, corpus, tmp_path, request):
    docs, case_file, case_id = corpus
    files = sorted(docs.iterdir())
    store, env, url = _backend(kind, tmp_path, request)
    first = _ingest(files[:2], case_file, url, env)
    assert first.returncode == 0, first.stderr
    damage(store, case_id)
    before = _snapshot(store)
    again = _ingest(files[2:4], case_file, url, env)
    assert again.returncode == 1
    assert again.stdout == ""
    lines = again.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"zeef: error: case {case_id}: "), lines
    assert "audit trail is damaged" in lines[0] and "nothing was written" in lines[0]
    assert _snapshot(store) == before


def _verify(root, case_id):
    proc = subprocess.run(
        [ZEEF, "audit", "verify", case_id, "--store", str(root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return proc.returncode, proc.stdout.splitlines(), proc.stderr


CASE = {"case_id": "2026-0001", "law": "wmo", "subject": {"name": "A. Tester"}}


@pytest.fixture
def trail_store(tmp_path):
    """A registered case with three events, in a local store."""
    root = tmp_path / "store"
    store = LocalStore(root)
    store.put("cases/2026-0001/case.json", json.dumps(CASE).encode())
    trail = AuditTrail(store, "2026-0001")
    for _ in range(3):
        trail.append(event="document_stored")
    return root, store


def _event(store, seq):
    return json.loads(store.get(f"audit/2026-0001/{seq:010d}.json"))


@pytest.mark.parametrize(
    "raw",
    [
        DEEP,
        b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
        "nan",
        "inf",
        "1e999",
    ],
    ids=["deep-list", "deep-object", "NaN", "Infinity", "1e999"],
)
def test_verify_reports_a_hostile_event_as_damaged(trail_store, raw):
    root, store = trail_store
    if isinstance(raw, str):  # a number where the confidence goes, as the bytes say
        number = {"nan": "NaN", "inf": "Infinity", "1e999": "1e999"}[raw]
        text = json.dumps(_event(store, 1)).replace('"confidence": null', f'"confidence": {number}')
        assert number in text
        raw = text.encode()
    store.put("audit/2026-0001/0000000001.json", raw)
    code, lines, err = _verify(root, "2026-0001")
    assert code == 1 and len(lines) == 1, err
    verdict = json.loads(lines[0])
    assert (verdict["ok"], verdict["seq"], verdict["problem"]) == (False, 1, "bad_json")
    assert "Traceback" not in err


@pytest.mark.parametrize("raw", [DEEP, b'{"case_id": NaN}'], ids=["deep", "NaN"])
def test_verify_reports_a_hostile_head_as_damaged(trail_store, raw):
    root, store = trail_store
    store.put("audit/2026-0001/head.json", raw)
    code, lines, err = _verify(root, "2026-0001")
    assert code == 1 and len(lines) == 1, err
    verdict = json.loads(lines[0])
    assert (verdict["ok"], verdict["seq"], verdict["problem"]) == (False, None, "bad_json")
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "raw",
    [DEEP, b'{"case_id": ' + b" " * (1024 * 1024) + b'"x"}'],
    ids=["nested-100000", "over-1MiB"],
)
def test_a_hostile_case_file_is_one_line_and_exit_2(tmp_path, raw):
    case = tmp_path / "case.json"
    case.write_bytes(raw)
    doc = tmp_path / "doc.txt"
    doc.write_text("Geachte heer, mevrouw,\n")
    proc = subprocess.run(
        [ZEEF, "classify", str(doc), "--case", str(case)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("zeef: error: bad case file"), lines
