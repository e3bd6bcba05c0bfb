"""What callers rely on from a store, asserted for both backends (`store` is parametrized
over a local folder and a fresh bucket on a real S3 server), then what only one of them
can show: versions and outages on S3, a crash mid-write on the local disk."""

from __future__ import annotations

import errno
import http.server
import io
import os
import threading
import time

import pytest
from minio.commonconfig import ENABLED
from minio.versioningconfig import VersioningConfig
from s3server import FAST_RETRIES, S3Server, fresh_bucket

import zeef.storage.atomic
from zeef.storage import ObjectNotFound, StoreError, content_key, open_store, sha256_hex
from zeef.storage.local import LocalStore
from zeef.storage.s3 import S3Store

FIVE_MB = os.urandom(5 * 1024 * 1024)


# -- both backends ---------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"hallo", FIVE_MB], ids=["empty", "small", "5MB"])
def test_put_get_round_trip(store, data):
    store.put("cases/c-1/doc", data)
    assert store.get("cases/c-1/doc") == data
    assert store.exists("cases/c-1/doc")


def test_put_overwrites(store):
    store.put("k", b"old")
    store.put("k", b"new")
    assert store.get("k") == b"new"
    assert store.list() == ["k"]


def test_put_new_keeps_what_is_there(store):
    assert store.put_new("k", b"first", {"case": "c-1"}) is True
    assert store.put_new("k", b"second", {"case": "c-2"}) is False
    assert store.get("k") == b"first"
    assert store.metadata("k") == {"case": "c-1"}


def test_exists(store):
    assert not store.exists("a/b")
    store.put("a/b", b"x")
    assert store.exists("a/b")
    assert not store.exists("a")  # a prefix is not an object
    assert not store.exists("a/b/c")


def test_metadata_round_trip(store):
    meta = {
        "case": "2024-0001",
        "media-type": "text/plain; charset=utf-8",
        "sha256": sha256_hex(b"x"),
        "source_name": " spaces at the ends, 100% and = & ; kept ",
    }
    store.put("k", b"x", meta)
    assert store.metadata("k") == meta


def test_no_metadata_is_empty(store):
    store.put("k", b"x")
    assert store.metadata("k") == {}
    store.put("m", b"x", {"case": "c-1"})
    store.put("m", b"y")  # a new put replaces the metadata too
    assert store.metadata("m") == {}


def test_metadata_of_missing_object(store):
    with pytest.raises(ObjectNotFound):
        store.metadata("nothing/here")


def test_list_sorted_with_prefixes(store):
    keys = ["cases/b/2", "cases/a/10", "cases/ab/1", "other", "cases/a/1", "cases/A/1"]
    for key in keys:
        store.put(key, b"x")
    assert store.list() == sorted(keys)
    assert store.list("cases/") == sorted(k for k in keys if k.startswith("cases/"))
    # A prefix that ends inside a segment matches by string, like S3.
    assert store.list("cases/a") == ["cases/a/1", "cases/a/10", "cases/ab/1"]
    assert store.list("cases/a/") == ["cases/a/1", "cases/a/10"]
    assert store.list("cases/a/1") == ["cases/a/1", "cases/a/10"]
    assert store.list("oth") == ["other"]
    assert store.list("nothing") == []
    assert store.list("cases/x/") == []


def test_get_missing_raises_object_not_found(store):
    with pytest.raises(ObjectNotFound) as info:
        store.get("cases/c-1/missing")
    assert isinstance(info.value, StoreError) and isinstance(info.value, KeyError)
    assert "c-1" not in str(info.value)
    store.put("a/b", b"x")
    with pytest.raises(ObjectNotFound):
        store.get("a")


def test_delete_is_idempotent(store):
    store.put("cases/c-1/doc", b"x", {"case": "c-1"})
    store.put("cases/c-1/doc2", b"y")
    store.delete("cases/c-1/doc")
    assert not store.exists("cases/c-1/doc")
    with pytest.raises(ObjectNotFound):
        store.get("cases/c-1/doc")
    assert store.list() == ["cases/c-1/doc2"]
    store.delete("cases/c-1/doc")
    store.delete("never/there")
    # Nothing of the old object comes back with a new one.
    store.put("cases/c-1/doc", b"z")
    assert store.metadata("cases/c-1/doc") == {}


MALFORMED = ["../x", "/abs", "a//b", ".hidden", "a b", "", "a/", "a/../b", "a/./b", "sp\u00e9cial"]


class _Untouchable:
    def __getattr__(self, name):
        raise AssertionError("the backend was touched for a malformed key")


@pytest.mark.parametrize("key", MALFORMED)
def test_malformed_keys_rejected_before_the_backend(store, key, tmp_path, monkeypatch):
    if isinstance(store, S3Store):
        monkeypatch.setattr(store, "_client", _Untouchable())
    before = sorted(tmp_path.rglob("*"))
    calls = [
        lambda: store.put(key, b"x"),
        lambda: store.put_new(key, b"x"),
        lambda: store.get(key),
        lambda: store.exists(key),
        lambda: store.metadata(key),
        lambda: store.delete(key),
    ]
    for call in calls:
        with pytest.raises(ValueError, match="malformed store key"):
            call()
    assert sorted(tmp_path.rglob("*")) == before


def test_content_key(store):
    data = b"dossier"
    key = content_key("originals/", data)
    assert key == "originals/" + sha256_hex(data)
    assert content_key("originals", data) == key
    assert store.put_new(key, data)
    assert not store.put_new(content_key("originals", data), data)
    assert store.list("originals/") == [key]


# -- S3 only ---------------------------------------------------------------------------


def test_s3_versioned_delete_leaves_no_version_and_no_marker(s3_server):
    store = s3_server.store()
    client = s3_server.client()
    client.set_bucket_versioning(store.bucket, VersioningConfig(ENABLED))
    for data in (b"v1", b"v2", b"v3"):  # written, then overwritten twice
        store.put("cases/c-1/doc", data, {"case": "c-1"})
    for neighbour in ("cases/c-1/doc2", "cases/c-1/doc/part"):  # same prefix: kept
        store.put(neighbour, b"keep")

    def versions(key):
        return [
            (o.version_id, o.is_delete_marker)
            for o in client.list_objects(
                store.bucket, prefix=key, recursive=True, include_version=True
            )
            if o.object_name == key
        ]

    assert len(versions("cases/c-1/doc")) == 3
    store.delete("cases/c-1/doc")
    assert versions("cases/c-1/doc") == []
    assert store.list() == ["cases/c-1/doc/part", "cases/c-1/doc2"]
    assert store.get("cases/c-1/doc2") == b"keep"

    # A plain DELETE by someone else leaves a delete marker and the old versions: the
    # store's delete removes those too.
    store.put("cases/c-2/doc", b"v1")
    client.remove_object(store.bucket, "cases/c-2/doc")
    assert any(marker for _, marker in versions("cases/c-2/doc"))
    assert not store.exists("cases/c-2/doc")
    store.delete("cases/c-2/doc")
    assert versions("cases/c-2/doc") == []


def test_s3_list_shows_only_well_formed_keys(s3_server):
    store = s3_server.store()
    client = s3_server.client()
    for name in ("a/good", "a/with space", "a/.hidden", "a/.meta/x"):
        client.put_object(store.bucket, name, io.BytesIO(b"x"), 1)
    assert store.list() == ["a/good"]


def test_s3_metadata_keys_are_lower_case_words(s3_server, monkeypatch):
    store = s3_server.store()
    monkeypatch.setattr(store, "_client", _Untouchable())
    for bad in ("Case", "media type", "x.y", "", "\u00e9"):
        with pytest.raises(ValueError, match="metadata key"):
            store.put("k", b"x", {bad: "v"})


def test_s3_wrong_secret_fails_at_once(s3_server):
    wrong = "not-the-secret-0123456789"
    start = time.monotonic()
    with pytest.raises(StoreError) as info:
        # Default retry settings: a refusal must not go through the ~30 s retry loop.
        S3Store(
            fresh_bucket(),
            endpoint=s3_server.endpoint,
            access_key=s3_server.access_key,
            secret_key=wrong,
        )
    assert time.monotonic() - start < 5
    message = str(info.value)
    assert "ZEEF_S3_SECRET_KEY" in message
    assert wrong not in message and s3_server.secret_key not in message

    # Also when the bucket is not checked first: the first put is refused.
    store = S3Store(
        "some-bucket",
        endpoint=s3_server.endpoint,
        access_key=s3_server.access_key,
        secret_key=wrong,
        create_bucket=False,
    )
    start = time.monotonic()
    with pytest.raises(StoreError, match="credentials|denied"):
        store.put("cases/c-1/doc", b"secret data")
    assert time.monotonic() - start < 5


def test_s3_server_stopped_then_restarted(tmp_path):
    server = S3Server(tmp_path / "s3")
    server.start()
    try:
        store = server.store()
        store.put("cases/c-1/doc", b"before", {"case": "c-1"})
        endpoint = server.endpoint
        server.stop()

        budget = FAST_RETRIES["max_wait"] + 3  # the shortened budget, plus slack
        for call in (
            lambda: store.put("cases/c-1/new", b"private data"),
            lambda: store.get("cases/c-1/doc"),
            lambda: store.exists("cases/c-1/doc"),  # not False: unknown is not absent
            lambda: store.list("cases/"),
            lambda: store.delete("cases/c-1/doc"),
        ):
            start = time.monotonic()
            with pytest.raises(StoreError, match="S3 store unreachable") as info:
                call()
            assert time.monotonic() - start < budget
            assert not isinstance(info.value, ObjectNotFound)
            message = str(info.value)
            assert "c-1" not in message and "private" not in message
            assert server.secret_key not in message

        server.start()
        assert server.endpoint == endpoint
        store.put("cases/c-1/new", b"after")
        assert store.get("cases/c-1/doc") == b"before"
        assert store.metadata("cases/c-1/doc") == {"case": "c-1"}
        assert store.list("cases/") == ["cases/c-1/doc", "cases/c-1/new"]
    finally:
        server.stop()
    assert not server.running


class _FlakyS3(http.server.BaseHTTPRequestHandler):
    """An S3 endpoint that only fails: a 503 in S3's XML, a proxy's 502 page, or no
    answer at all (a timeout)."""

    mode = "503"
    requests: list[str] = []

    def _answer(self):
        type(self).requests.append(self.command)
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        if self.mode == "timeout":
            time.sleep(1)
            return
        if self.mode == "503":
            status, ctype = 503, "application/xml"
            body = b"<Error><Code>SlowDown</Code><Message>busy</Message></Error>"
        else:
            status, ctype, body = 502, "text/html", b"<html>Bad Gateway</html>"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_PUT = do_HEAD = do_DELETE = _answer

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("mode", ["503", "502-html", "timeout"])
def test_s3_retries_5xx_and_timeouts_then_gives_up(mode, monkeypatch):
    monkeypatch.setattr(_FlakyS3, "mode", mode)
    monkeypatch.setattr(_FlakyS3, "requests", [])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FlakyS3)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        store = S3Store(
            "some-bucket",
            endpoint=f"http://127.0.0.1:{server.server_port}",
            access_key="access",
            secret_key="secret",
            region="us-east-1",  # no location lookup: one request per try
            create_bucket=False,
            tries=3,
            backoff=0.05,
            max_wait=5.0,
            read_timeout=0.2,
        )
        with pytest.raises(StoreError, match="S3 store unreachable") as info:
            store.put("cases/c-1/doc", b"private data")
        assert len(_FlakyS3.requests) == 3
        assert "c-1" not in str(info.value) and "private" not in str(info.value)
    finally:
        server.shutdown()
        server.server_close()


def test_open_store_s3_from_env(s3_server, monkeypatch):
    for name, value in s3_server.env().items():
        monkeypatch.setenv(name, value)
    bucket = fresh_bucket()
    store = open_store(f"s3://{bucket}")
    assert isinstance(store, S3Store) and store.url == f"s3://{bucket}"
    store.put("k", b"x")
    monkeypatch.setenv("ZEEF_STORE", f"s3://{bucket}")
    again = open_store()
    assert isinstance(again, S3Store) and again.get("k") == b"x"
    assert s3_server.secret_key not in repr(again)


ENV = ("ZEEF_S3_ENDPOINT", "ZEEF_S3_ACCESS_KEY", "ZEEF_S3_SECRET_KEY")


@pytest.mark.parametrize("missing", ENV)
def test_open_store_s3_missing_env(missing, monkeypatch):
    env = {
        "ZEEF_S3_ENDPOINT": "http://127.0.0.1:1",
        "ZEEF_S3_ACCESS_KEY": "access",
        "ZEEF_S3_SECRET_KEY": "the-secret",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv(missing)
    with pytest.raises(StoreError, match=missing) as info:
        open_store("s3://some-bucket")
    assert "the-secret" not in str(info.value)


@pytest.mark.parametrize("url", ["s3://", "s3://bucket/path", "s3://No_Such"])
def test_open_store_s3_malformed_url(url, monkeypatch):
    monkeypatch.setenv("ZEEF_S3_ENDPOINT", "http://127.0.0.1:1")
    monkeypatch.setenv("ZEEF_S3_ACCESS_KEY", "access")
    monkeypatch.setenv("ZEEF_S3_SECRET_KEY", "secret")
    with pytest.raises(StoreError):
        open_store(url)


# -- local only ------------------------------------------------------------------------


def _fail_first_fsync(monkeypatch):
    """Make the next fsync fail like a crash before the rename: a fault a test cannot
    cause for real. Only write_atomic's own fsync of the temporary file is hit."""
    real = os.fsync
    calls = []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 1:
            raise OSError(errno.EIO, "simulated I/O error")
        return real(fd)

    monkeypatch.setattr(zeef.storage.atomic.os, "fsync", fsync)
    return calls


def test_local_crash_mid_write_leaves_no_partial_file(tmp_path, monkeypatch):
    store = LocalStore(tmp_path / "store")
    store.put("cases/c-1/doc", b"old content")
    _fail_first_fsync(monkeypatch)
    with pytest.raises(StoreError):
        store.put("cases/c-1/doc", b"new content that never lands")
    monkeypatch.undo()
    assert store.get("cases/c-1/doc") == b"old content"
    assert [p.name for p in (tmp_path / "store").rglob("*") if p.name.endswith(".tmp")] == []

    _fail_first_fsync(monkeypatch)
    with pytest.raises(StoreError):
        store.put("cases/c-1/other", b"new")
    monkeypatch.undo()
    assert not store.exists("cases/c-1/other")
    assert store.list() == ["cases/c-1/doc"]
    assert [p.name for p in (tmp_path / "store").rglob(".*") if p.name != ".meta"] == []


def test_local_hidden_files_are_not_listed(tmp_path):
    store = LocalStore(tmp_path / "store")
    store.put("a/b", b"x", {"case": "c-1"})  # writes .meta/a/b.json
    (tmp_path / "store" / "a" / ".b.1234.tmp").write_bytes(b"half")
    (tmp_path / "store" / ".hidden").mkdir()
    (tmp_path / "store" / ".hidden" / "c").write_bytes(b"x")
    assert store.list() == ["a/b"]
    assert store.list("a/") == ["a/b"]
    assert store.list(".") == []


def test_local_sweep_removes_only_old_temporary_files(tmp_path):
    """What a writer killed mid-write leaves (a hidden temp file) is swept once old;
    a young one may be a write in progress and stays; objects are never touched."""
    import os
    import time

    from zeef.storage.local import LocalStore

    store = LocalStore(tmp_path / "store")
    store.put("cases/c-1/x", b"kept")
    folder = tmp_path / "store" / "cases" / "c-1"
    old, young = folder / ".x.abc.tmp", folder / ".y.def.tmp"
    old.write_bytes(b"half")
    young.write_bytes(b"half")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    assert store.sweep_temporary(["cases/c-2"]) == 0  # another case's folder: not looked at
    assert store.sweep_temporary(["cases/c-1"]) == 1
    assert not old.exists() and young.exists()
    assert store.get("cases/c-1/x") == b"kept"
