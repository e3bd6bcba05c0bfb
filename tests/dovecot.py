"""A real IMAP server for tests: Debian's Dovecot, from a temporary configuration.

    server = DovecotServer()  # its own folder under /tmp (see below)
    server.start()          # installs dovecot-imapd with apt when missing; waits for the port
    server.port             # plain IMAP on 127.0.0.1
    server.user, server.password
    server.client()         # a logged-in imaplib.IMAP4
    server.append("INBOX", raw_bytes)
    server.stop()           # `doveadm stop`, else SIGTERM / SIGKILL

One mail user (`zeef`, password random) in a passwd-file, its mail in
``HOME/Maildir`` owned by 65534 (a mail user with UID 0 is refused). No TLS (no
certificate): `ssl = no`, plain-text login allowed. Its folder is a fresh ``/tmp/zeef-dovecot-*``
(mode 0755, removed by `stop`), not pytest's tmp_path: Dovecot's own users (`dovecot`,
65534) must be able to walk every folder above the passwd-file and the mail. The master
runs in the foreground (`dovecot -F`) as a subprocess; `imap-login` and the internal
processes run as Debian's `dovenull` and `dovecot` users, which the package creates.
"""

from __future__ import annotations

import contextlib
import imaplib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

MAIL_UID = 65534


class DovecotUnavailable(RuntimeError):
    """Dovecot is not installed and could not be installed (a skip, not a failure)."""


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if os.access("/usr/sbin/dovecot", os.X_OK) else None
    )


def ensure_dovecot() -> str:
    """The dovecot binary; installs Debian's dovecot-imapd when it is missing (the tests
    run as root on a fresh Debian machine). DovecotUnavailable when that is not possible."""
    found = dovecot_binary()
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise DovecotUnavailable(
            "dovecot is not installed and cannot be installed here (needs root and apt-get): "
            "apt-get install -y dovecot-imapd"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for args in (["apt-get", "install", "-y", "dovecot-imapd"],
                 ["apt-get", "update"],
                 ["apt-get", "install", "-y", "dovecot-imapd"]):  # fmt: skip
        run = subprocess.run(args, capture_output=True, env=env, timeout=600)
        if run.returncode == 0 and args[1] == "install":
            break
    found = dovecot_binary()
    if not found:
        raise DovecotUnavailable("apt-get could not install dovecot-imapd")
    return found


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DovecotServer:
    def __init__(self, startup_timeout: float = 20.0) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="zeef-dovecot-"))
        self.user = "zeef"
        self.password = secrets.token_hex(8)
        self.port: int | None = None
        self.startup_timeout = startup_timeout
        self._proc: subprocess.Popen | None = None
        self.conf = self.root / "dovecot.conf"
        self.log_path = self.root / "dovecot.log"

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def _write_config(self) -> None:
        home = self.root / "home"
        for folder in ("base", "state", "home"):
            (self.root / folder).mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o755)
        if os.geteuid() == 0:
            os.chown(home, MAIL_UID, MAIL_UID)
        users = self.root / "users"
        uid = MAIL_UID if os.geteuid() == 0 else os.geteuid()
        users.write_text(f"{self.user}:{{PLAIN}}{self.password}:{uid}:{uid}::{home}\n")
        os.chmod(users, 0o644)
        self.conf.write_text(
            f"""
protocols = imap
listen = 127.0.0.1
base_dir = {self.root}/base
state_dir = {self.root}/state
log_path = {self.log_path}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = {users}
}}
userdb {{
  driver = passwd-file
  args = {users}
}}
mail_location = maildir:~/Maildir
first_valid_uid = 1
default_login_user = dovenull
default_internal_user = dovecot
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""
        )

    def start(self) -> None:
        if self.running:
            return
        binary = ensure_dovecot()
        self.root.mkdir(parents=True, exist_ok=True)
        self.port = self.port or _free_port()
        self._write_config()
        log = open(self.root / "dovecot.stderr", "ab")
        try:
            self._proc = subprocess.Popen(
                [binary, "-F", "-c", str(self.conf)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        finally:
            log.close()
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if not self.running:
                raise RuntimeError(f"dovecot exited early:\n{self._log_tail()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    if sock.recv(64).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"dovecot did not answer within {self.startup_timeout:.0f} s")

    def _log_tail(self, lines: int = 30) -> str:
        text = ""
        for path in (self.log_path, self.root / "dovecot.stderr"):
            with contextlib.suppress(OSError):
                text += path.read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def client(self) -> imaplib.IMAP4:
        conn = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        conn.login(self.user, self.password)
        return conn

    def append(self, folder: str, raw: bytes) -> None:
        conn = self.client()
        try:
            typ, _ = conn.append(folder, None, None, raw)
            assert typ == "OK"
        finally:
            conn.logout()

    def uids(self, folder: str, criterion: str = "ALL") -> list[int]:
        """The UIDs in `folder` matching `criterion` ([] when the folder does not exist)."""
        conn = self.client()
        try:
            typ, _ = conn.select(folder, readonly=True)
            if typ != "OK":
                return []
            typ, data = conn.uid("SEARCH", None, criterion)
            return [int(u) for u in (data[0] or b"").split()]
        finally:
            conn.logout()

    def stop(self, timeout: float = 10.0) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        doveadm = shutil.which("doveadm")
        if doveadm and proc.poll() is None:
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                subprocess.run([doveadm, "-c", str(self.conf), "stop"],
                               capture_output=True, timeout=timeout)  # fmt: skip
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> DovecotServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
