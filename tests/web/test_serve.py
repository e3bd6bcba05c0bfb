"""`zeef review serve` as an operator starts it: a real process on a free port, answering
`/healthz`, sending `/queue` to the login, with plain-http cookies on localhost."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request

from web_fixtures import _free_port


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_zeef_review_serve_answers_and_guards_its_pages(tmp_path):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "zeef.cli", "review", "serve", "--port", str(port),
         "--store", str(tmp_path / "store")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                    assert (r.status, r.read()) == (200, b"ok")
                    break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.stderr.read()
                assert time.monotonic() < deadline, "zeef review serve did not answer"
                time.sleep(0.2)
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            opener.open(base + "/queue", timeout=5)
            raise AssertionError("/queue answered without a session")
        except urllib.error.HTTPError as exc:
            assert (exc.code, exc.headers["location"]) == (303, "/login")
    finally:
        proc.terminate()
        proc.wait(10)
