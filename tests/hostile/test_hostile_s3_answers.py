"""Hostile S3 endpoints: one that trickles its answer a byte at a time (each read within
the read timeout, the whole answer never), one that answers 200 with a body that is not
S3's XML. Each operation ends with one StoreError within its bound; nothing hangs, no
traceback. Tiny servers on 127.0.0.1, in the test."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time

import pytest
from makers import ZEEF

from zeef.domain.errors import InvalidInput
from zeef.storage import StoreError, open_store
from zeef.storage.s3 import S3Store


class _Server:
    """Accepts connections on 127.0.0.1; `handle(conn)` answers each, in a thread."""

    def __init__(self, handle) -> None:
        self.handle = handle
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.stopped = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(30)
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                request += chunk
            self.handle(conn, request, self.stopped)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stopped.set()
        self.sock.close()


def _trickle(every: float, headers_ok: bool):
    """Answers slowly: the status line itself a byte at a time, or good headers and then
    a long body a byte at a time. Finite (about a minute), so a test without the fix
    ends too, late."""

    def handle(conn, request, stopped):
        if headers_ok:
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                b"Content-Length: 600\r\n\r\n"
            )
            payload = b"x" * 600
        else:
            payload = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n" + b" " * 200
        for i in range(len(payload)):
            if stopped.is_set():
                return
            conn.sendall(payload[i : i + 1])
            time.sleep(every)

    return handle


def _garbage(conn, request, stopped):
    body = b"this is not XML at all {\x00\xff"
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


def _store(endpoint: str, **kwargs) -> S3Store:
    args = {
        "endpoint": endpoint,
        "access_key": "access",
        "secret_key": "the-secret",
        "region": "us-east-1",
        "create_bucket": False,
        "tries": 3,
        "backoff": 0.05,
        "max_wait": 2.0,
        "connect_timeout": 0.5,
        "read_timeout": 1.0,
        **kwargs,
    }
    return S3Store("some-bucket", **args)


@pytest.mark.parametrize("headers_ok", [False, True], ids=["status-line", "body"])
def test_a_trickling_server_is_cut_off_within_the_bound(headers_ok):
    # A byte every 0.2 s: every read is well within the 1 s read timeout.
    server = _Server(_trickle(0.2, headers_ok))
    try:
        store = _store(server.endpoint)
        for call in (lambda: store.get("cases/c-1/doc"), lambda: store.list("cases/")):
            start = time.monotonic()
            with pytest.raises(StoreError, match="S3 store unreachable") as info:
                call()
            took = time.monotonic() - start
            # The budget (2 s) plus at most one try (0.5 + 1 s), plus slack.
            assert took < 6, took
            assert "c-1" not in str(info.value)
    finally:
        server.close()


def test_a_trickling_server_does_not_hang_the_command_line(tmp_path):
    # The default timeouts (connect 3 s, read 10 s): a byte every 2 s never trips the
    # read timeout; the try's own deadline (13 s) does. One line, no traceback.
    server = _Server(_trickle(2.0, False))
    try:
        case = tmp_path / "case.json"
        case.write_text('{"case_id": "2026-0001", "law": "wmo", "subject": {"name": "A. Tester"}}')
        doc = tmp_path / "doc.txt"
        doc.write_text("Geachte heer, mevrouw,\n")
        env = {
            **os.environ,
            "ZEEF_S3_ENDPOINT": server.endpoint,
            "ZEEF_S3_ACCESS_KEY": "access",
            "ZEEF_S3_SECRET_KEY": "the-secret",
            "ZEEF_S3_RETRY_SECONDS": "2",
        }
        start = time.monotonic()
        proc = subprocess.run(
            [ZEEF, "ingest", str(doc), "--case", str(case), "--store", "s3://some-bucket"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        took = time.monotonic() - start
    finally:
        server.close()
    assert took < 40, took
    assert proc.returncode != 0
    lines = [line for line in proc.stderr.splitlines() if "WARNING" not in line]
    assert len(lines) == 1 and lines[0].startswith("zeef: error:"), proc.stderr
    assert "Traceback" not in proc.stderr and "the-secret" not in proc.stderr


def test_a_200_with_garbage_is_a_store_error():
    server = _Server(_garbage)
    try:
        store = _store(server.endpoint)
        with pytest.raises(StoreError) as info:
            store.list("cases/")
        assert "not XML" not in str(info.value)
        # Without a region, the first request asks for the bucket's location: XML too.
        start = time.monotonic()
        with pytest.raises(StoreError):
            S3Store(
                "some-bucket",
                endpoint=server.endpoint,
                access_key="access",
                secret_key="the-secret",
                max_wait=2.0,
            )
        assert time.monotonic() - start < 10
    finally:
        server.close()


def test_a_server_that_ignores_conditions_is_refused():
    """A server that writes whatever `If-None-Match`/`If-Match` say: no case lock and no
    put_new on it (one writer per case could not be guaranteed), a StoreError."""

    def handle(conn, request, stopped):
        conn.sendall(b'HTTP/1.1 200 OK\r\nETag: "abc"\r\nContent-Length: 0\r\n\r\n')

    server = _Server(handle)
    try:
        store = _store(server.endpoint)
        with pytest.raises(StoreError, match="conditional writes"):
            store.put_new("audit/c-1/0000000000.json", b"{}")
        with pytest.raises(StoreError, match="conditional writes"):
            store.lock_case("c-1", wait=0, lease=10)
    finally:
        server.close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_open_store_unreachable_is_a_store_error_not_bad_input(monkeypatch):
    monkeypatch.setenv("ZEEF_S3_ENDPOINT", f"http://127.0.0.1:{_closed_port()}")
    monkeypatch.setenv("ZEEF_S3_ACCESS_KEY", "access")
    monkeypatch.setenv("ZEEF_S3_SECRET_KEY", "the-secret")
    monkeypatch.setenv("ZEEF_S3_RETRY_SECONDS", "1")
    with pytest.raises(StoreError, match="unreachable") as info:
        open_store("s3://some-bucket")
    assert not isinstance(info.value, InvalidInput)  # exit code 1, not 2
    # What the user gave wrong stays bad input (exit code 2), and a StoreError.
    for url in ("s3://", "s3://bucket/path", "s3://No_Such"):
        with pytest.raises(InvalidInput):
            open_store(url)
    monkeypatch.setenv("ZEEF_S3_ENDPOINT", "ftp://somewhere")
    with pytest.raises(InvalidInput):
        open_store("s3://some-bucket")


def test_unreachable_store_exits_1(tmp_path):
    env = {
        **os.environ,
        "ZEEF_S3_ENDPOINT": f"http://127.0.0.1:{_closed_port()}",
        "ZEEF_S3_ACCESS_KEY": "access",
        "ZEEF_S3_SECRET_KEY": "the-secret",
        "ZEEF_S3_RETRY_SECONDS": "1",
    }
    proc = subprocess.run(
        [ZEEF, "dossier", "2026-0001", "--store", "s3://some-bucket"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
