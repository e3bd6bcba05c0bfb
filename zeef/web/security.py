"""Sessions, CSRF tokens, login throttling and security headers for the web app.

- **Session**: a cookie ``zeef_session`` holding the user name, a random session id and
  the session's CSRF token, signed (itsdangerous, HMAC-SHA1 over the app's secret) and
  dated: older than `SESSION_SECONDS` it is refused. HttpOnly, SameSite=Strict, Secure
  unless the app is told it runs on plain http (local use). The account is read on every
  request, so a disabled account's sessions end at once; a changed role applies at once.
- **CSRF**: every form carries the session's token (synchroniser token); a POST without
  it, or with another, is refused with 403 before anything is done. The login form has
  no session yet: a login whose Origin (or Referer) names another site is refused.
- **Throttling**: after `MAX_FAILURES` failed logins within `WINDOW_SECONDS`, from one
  address or for one user name, logins from there or for that name are refused (429)
  until the window has passed. Kept in memory: one app process (`zeef review serve`).
- **Headers**: a Content-Security-Policy without any script, no framing, no referrer
  to other sites, no sniffing, and ``Cache-Control: no-store`` (documents are personal data).
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from zeef.storage import ObjectNotFound, Store

COOKIE = "zeef_session"
SESSION_SECONDS = 8 * 3600
PAGE_TOKEN_SECONDS = 15 * 60
MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60
_SECRET_KEY = "accounts/web-secret"

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # same-origin: the site's own form posts carry their Origin (with no-referrer
    # Chromium sends "Origin: null", which the login refuses); other sites get nothing.
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def app_secret(store: Store, given: str | None = None) -> str:
    """The key sessions are signed with: `given` (ZEEF_WEB_SECRET), else one made once
    and kept in the store (whoever can read the store can read the documents too)."""
    if given:
        if len(given) < 32:
            raise ValueError("ZEEF_WEB_SECRET: at least 32 characters")
        return given
    try:
        return store.get(_SECRET_KEY).decode("ascii")
    except ObjectNotFound:
        store.put_new(_SECRET_KEY, secrets.token_urlsafe(48).encode("ascii"))
        return store.get(_SECRET_KEY).decode("ascii")


@dataclass(frozen=True)
class Session:
    user: str
    sid: str
    csrf: str


class Signer:
    """Signs and reads sessions and page tokens."""

    def __init__(self, secret: str) -> None:
        self._sessions = URLSafeTimedSerializer(secret, salt="zeef-session")
        self._pages = URLSafeTimedSerializer(secret, salt="zeef-page-view")

    def new_session(self, user: str) -> tuple[Session, str]:
        session = Session(user, secrets.token_urlsafe(16), secrets.token_urlsafe(32))
        cookie = self._sessions.dumps({"u": user, "s": session.sid, "c": session.csrf})
        return session, cookie

    def session(self, cookie: str | None) -> Session | None:
        if not cookie:
            return None
        try:
            data = self._sessions.loads(cookie, max_age=SESSION_SECONDS)
        except (BadSignature, SignatureExpired):
            return None
        if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in "usc"):
            return None
        return Session(data["u"], data["s"], data["c"])

    def page_token(self, user: str, case_id: str, sha256: str) -> str:
        """Lets `user` fetch this document's page images for a while after a recorded view."""
        return self._pages.dumps({"u": user, "c": case_id, "d": sha256})

    def page_token_ok(self, token: str | None, user: str, case_id: str, sha256: str) -> bool:
        if not token:
            return False
        try:
            data = self._pages.loads(token, max_age=PAGE_TOKEN_SECONDS)
        except (BadSignature, SignatureExpired):
            return False
        return data == {"u": user, "c": case_id, "d": sha256}


def csrf_ok(session: Session | None, given: object) -> bool:
    return (
        session is not None
        and isinstance(given, str)
        and hmac.compare_digest(session.csrf.encode(), given.encode())
    )


class LoginThrottle:
    """Failed logins per address and per user name in a sliding window."""

    def __init__(self, max_failures: int = MAX_FAILURES, window: float = WINDOW_SECONDS):
        self.max_failures = max_failures
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._failures.setdefault(key, deque())
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def blocked(self, address: str, user: str) -> bool:
        now = time.monotonic()
        with self._lock:
            keys = (f"a:{address}", f"u:{user}")
            return any(len(self._recent(k, now)) >= self.max_failures for k in keys)

    def failed(self, address: str, user: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in (f"a:{address}", f"u:{user}"):
                self._recent(key, now).append(now)
            if len(self._failures) > 100_000:  # a flood of names: forget the oldest
                for key in list(self._failures)[:50_000]:
                    del self._failures[key]

    def succeeded(self, user: str) -> None:
        with self._lock:
            self._failures.pop(f"u:{user}", None)
