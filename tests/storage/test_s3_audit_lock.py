"""The audit trail under object lock (WORM) on a real S3 server (SeaweedFS): in a bucket
made with object lock, every event and every version of the head is written with a
COMPLIANCE retention (the head, rewritten after each event, is not locked), so no one
deletes or rewrites an event; dossier documents
in the same bucket stay destroyable; in a bucket without object lock nothing changes."""

from __future__ import annotations

import pytest
from minio.error import S3Error
from s3server import fresh_bucket

from zeef.pipeline.audit import AuditTrail
from zeef.storage.s3 import S3Store


def _versions(client, bucket: str, key: str) -> list[str]:
    return [
        o.version_id
        for o in client.list_objects(bucket, prefix=key, include_version=True)
        if o.object_name == key
    ]


@pytest.fixture
def locked(s3_server, monkeypatch):
    monkeypatch.setenv("ZEEF_S3_AUDIT_LOCK_DAYS", "1")
    bucket = fresh_bucket()
    client = s3_server.client()
    client.make_bucket(bucket, object_lock=True)
    return s3_server.store(bucket), client


def test_audit_objects_are_locked_and_documents_are_not(locked):
    store, client = locked
    assert store.object_lock()
    trail = AuditTrail(store, "c-1")
    for n in range(3):
        trail.append(event="document_stored", document=f"{n:064x}", actor="pipeline")
    assert trail.verify().ok

    event = "audit/c-1/0000000001.json"
    [version] = _versions(client, store.bucket, event)
    retention = client.get_object_retention(store.bucket, event, version_id=version)
    assert retention.mode == "COMPLIANCE"
    with pytest.raises(S3Error):
        client.remove_object(store.bucket, event, version_id=version)
    assert trail.verify().ok and len(trail.events()) == 3
    # The head is rewritten after every event and not locked; set back to an earlier
    # event, `verify` sees the locked events beyond it.
    head = "audit/c-1/head.json"
    for version in _versions(client, store.bucket, head)[:2]:  # two events back
        client.remove_object(store.bucket, head, version_id=version)
    assert not trail.verify().ok  # one unsealed event is a crash; two are not

    # A dossier document in the same bucket: destroyed with every version.
    store.put("dossier/c-1/working/" + "a" * 64, b"document")
    store.delete("dossier/c-1/working/" + "a" * 64)
    assert _versions(client, store.bucket, "dossier/c-1/working/" + "a" * 64) == []


def test_without_object_lock_nothing_is_locked(s3_server):
    store: S3Store = s3_server.store()
    assert not store.object_lock()
    trail = AuditTrail(store, "c-1")
    trail.append(event="document_stored", document="0" * 64, actor="pipeline")
    store.delete("audit/c-1/0000000000.json")  # possible (the trail then fails verify)
    assert not trail.verify().ok
