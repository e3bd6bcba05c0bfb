"""The servers of `make cluster-test`, as plain processes under one temporary folder:
Debian's PostgreSQL and redis-server, SeaweedFS for S3 (tests/s3server.py), and Airflow's
api-server, scheduler, dag-processor and Celery workers with the environment that
`docker-compose config` gives the compose file's Airflow services (host names pointed at
these servers, ports free ones on 127.0.0.1).

Every server runs in a process group of its own, so that `kill` stops a worker whole
(its Celery pool and the task processes under it) the way a container or a machine
dies. Passwords are fresh random values, written only into files of mode 600 and the
processes' environments; nothing here prints one.
"""

from __future__ import annotations

import contextlib
import glob
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # tests/s3server.py: the S3 server the store tests use

from tests.s3server import S3Server, _port_free  # noqa: E402

# Below Linux's ephemeral range (32768-60999), and away from the S3 server's (15000-22000).
_PORT_RANGE = (23000, 30000)
_taken: set[int] = set()


class ClusterError(RuntimeError):
    """A server did not start or a step failed: the message says which, and where its
    log is."""


def free_port() -> int:
    rng = random.SystemRandom()
    for _ in range(500):
        port = rng.randrange(*_PORT_RANGE)
        if port not in _taken and _port_free(port):
            _taken.add(port)
            return port
    raise ClusterError("no free port")


def _wait(what: str, ready, timeout: float, proc: subprocess.Popen | None = None,
          log: Path | None = None) -> None:  # fmt: skip
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise ClusterError(f"{what} exited with {proc.returncode} (log: {log})")
        try:
            if ready():
                return
        except Exception:  # noqa: BLE001 - not ready yet, whatever the reason
            pass
        time.sleep(0.3)
    raise ClusterError(f"{what} not ready after {timeout:.0f} s (log: {log})")


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3) as answer:
            return answer.status == 200
    except (urllib.error.URLError, OSError):
        return False


class Service:
    """One server process, in its own process group, its output in `log`."""

    def __init__(self, name: str, args: list[str], log: Path, env: dict[str, str] | None = None,
                 cwd: Path | None = None, user: str | None = None) -> None:  # fmt: skip
        self.name, self.log = name, log
        with open(log, "ab") as out:
            self.proc = subprocess.Popen(
                args, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                env=env, cwd=cwd, user=user, start_new_session=True,
            )  # fmt: skip

    @property
    def running(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        """SIGKILL to the whole process group: the server and every child it made."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self, timeout: float = 30.0) -> None:
        if not self.running:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
        # Children left behind in the group (a task process of a stopped worker).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)


# -- PostgreSQL ------------------------------------------------------------------------------


def postgres_bindir() -> Path:
    """Debian's newest PostgreSQL (/usr/lib/postgresql/N/bin), else one on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]))  # fmt: skip
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise ClusterError("PostgreSQL's initdb not found: `make system` installs postgresql")


class Postgres:
    """A PostgreSQL cluster of its own: user and database `airflow`, scram passwords,
    TCP on 127.0.0.1 only. As root it runs as Debian's `postgres` user (initdb refuses
    root)."""

    def __init__(self, root: Path) -> None:
        self.dir = root / "postgres"
        self.port = free_port()
        self.password = secrets.token_hex(16)
        self.service: Service | None = None
        self.user = "postgres" if os.geteuid() == 0 else None

    @property
    def url(self) -> str:
        return f"airflow:{self.password}@127.0.0.1:{self.port}/airflow"

    def start(self) -> None:
        bindir = postgres_bindir()
        self.dir.mkdir(parents=True)
        data, sockets = self.dir / "data", self.dir / "run"
        sockets.mkdir()
        pwfile = self.dir / "pw"
        pwfile.write_text(self.password + "\n")
        pwfile.chmod(0o600)
        if self.user:
            shutil.chown(self.dir, self.user)
            for path in (sockets, pwfile):
                shutil.chown(path, self.user)
        log = self.dir.parent / "postgres.log"
        subprocess.run(
            [str(bindir / "initdb"), "-D", str(data), "-U", "airflow", "-E", "UTF8",
             "--auth=scram-sha-256", f"--pwfile={pwfile}", "--no-sync"],
            check=True, capture_output=True, user=self.user, cwd=self.dir,
        )  # fmt: skip
        pwfile.unlink()
        self.service = Service(
            "postgres",
            [str(bindir / "postgres"), "-D", str(data), "-p", str(self.port),
             "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={sockets}",
             "-c", "max_connections=200"],
            log, user=self.user, cwd=self.dir,
        )  # fmt: skip
        env = {**os.environ, "PGPASSWORD": self.password}
        probe = [str(bindir / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)]
        _wait("postgres", lambda: subprocess.run(probe, capture_output=True).returncode == 0,
              60, self.service.proc, log)  # fmt: skip
        subprocess.run(
            [str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "airflow",
             "airflow"],
            check=True, capture_output=True, env=env,
        )  # fmt: skip

    def health(self) -> bool:
        """The compose file's check: pg_isready for user and database airflow."""
        probe = [str(postgres_bindir() / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port),
                 "-U", "airflow", "-d", "airflow"]  # fmt: skip
        return subprocess.run(probe, capture_output=True).returncode == 0


# -- Redis -----------------------------------------------------------------------------------


class Redis:
    """Debian's redis-server with a password (from a config file of mode 600), no disk."""

    def __init__(self, root: Path) -> None:
        self.dir = root / "redis"
        self.port = free_port()
        self.password = secrets.token_hex(16)
        self.service: Service | None = None

    def start(self) -> None:
        server = shutil.which("redis-server")
        if not server:
            raise ClusterError("redis-server not found: `make system` installs redis-server")
        self.dir.mkdir(parents=True)
        conf = self.dir / "redis.conf"
        conf.write_text(
            f"port {self.port}\nbind 127.0.0.1\nrequirepass {self.password}\n"
            f"dir {self.dir}\nsave \"\"\nappendonly no\ndaemonize no\n"
        )
        conf.chmod(0o600)
        log = self.dir.parent / "redis.log"
        self.service = Service("redis", [server, str(conf)], log)
        _wait("redis", self.health, 30, self.service.proc, log)

    def health(self) -> bool:
        """The compose file's check: `redis-cli ping` with REDISCLI_AUTH."""
        cli = shutil.which("redis-cli") or "redis-cli"
        env = {**os.environ, "REDISCLI_AUTH": self.password}
        run = subprocess.run([cli, "-p", str(self.port), "ping"], capture_output=True,
                             text=True, env=env)  # fmt: skip
        return run.stdout.strip() == "PONG"


# -- S3 --------------------------------------------------------------------------------------


def s3_server(root: Path) -> S3Server:
    server = S3Server(root / "s3", secret_key=secrets.token_hex(16))
    server.start()
    return server


def make_bucket(server: S3Server, bucket: str, *, object_lock: bool) -> None:
    client = server.client()
    if not client.bucket_exists(bucket):
        client.make_bucket(bucket, object_lock=object_lock)
