"""Benchmark of the reviewers' web app: prints figures, never fails.

    .venv/bin/python bench/review_bench.py [--runs R]

A store with three held-out cases ingested in another process
(`tests/web/web_fixtures.holdout_store`: the hand-written holdout, one of its letters as a
PDF), the app behind Starlette's test client (no network in between, so the figures are
the app's own), one reviewer signed in. Timed, wall clock, best of R where repeated:
- login (one argon2id verification);
- the queue page;
- a document page, the first one after start-up (this process has not loaded the
  analyzer yet, as in a fresh `zeef review serve`), then a document not seen before
  (read, classified, findings placed, the view recorded);
- the same document page again (the view cached, the view still recorded);
- one page image of the PDF (drawn at 1000 px);
- one decision (routed, audited, recorded).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "web"
sys.path.insert(0, str(FIXTURES))

from web_fixtures import PASSWORDS  # noqa: E402

from zeef.storage.local import LocalStore  # noqa: E402
from zeef.web.app import create_app  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # Built in a child process, so that this process starts as `zeef review serve`
        # does: the first document page loads the analyzer.
        child = (
            "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
            "from web_fixtures import holdout_store; from zeef.storage.local import LocalStore; "
            "root = Path(sys.argv[2]); holdout_store(LocalStore(root / 'store'), root)"
        )
        seconds, _ = timed(
            lambda: subprocess.run([sys.executable, "-c", child, str(FIXTURES), str(root)],
                                   check=True, capture_output=True)  # fmt: skip
        )
        store = LocalStore(root / "store")
        print(f"store with 3 held-out cases ingested (another process): {seconds:.1f} s")
        app = create_app(store, secure_cookies=False)
        c = TestClient(app, follow_redirects=False)
        login = {"username": "rita", "password": PASSWORDS["rita"][1]}
        seconds, _ = timed(lambda: c.post("/login", data=login))
        print(f"login (argon2id): {seconds * 1000:.0f} ms")
        best = min(timed(lambda: c.get("/queue"))[0] for _ in range(args.runs))
        queue = c.get("/queue").text
        items = re.findall(r'data-case="([^"]+)" data-sha256="([0-9a-f]{64})"', queue)
        print(f"queue page ({len(items)} documents): {best * 1000:.0f} ms")
        pdf = None
        for n, (case_id, sha) in enumerate(items):
            url = f"/documents/{case_id}/{sha}"
            seconds, page = timed(lambda url=url: c.get(url))
            label = (
                "first document page (loads the analyzer)" if n == 0 else "a new document page"
            )
            print(f"{label}: {seconds * 1000:.0f} ms")
            if "/pages/1.png" in page.text:
                pdf = (case_id, sha, re.search(r'src="([^"]+/pages/1\.png[^"]*)"', page.text)[1])
        case_id, sha = items[-1]
        best = min(timed(lambda: c.get(f"/documents/{case_id}/{sha}"))[0] for _ in range(args.runs))
        print(f"the same document page again (cached view, view recorded): {best * 1000:.0f} ms")
        if pdf:
            best = min(timed(lambda: c.get(pdf[2]))[0] for _ in range(args.runs))
            print(f"one PDF page image at 1000 px: {best * 1000:.0f} ms")
        token = re.search(r'name="csrf_token" value="([^"]+)"', queue)[1]
        case_id, sha = items[0]
        form = {"category": "other", "disposition": "return_to_sender",
                "reason": "not_needed", "csrf_token": token}  # fmt: skip
        seconds, r = timed(lambda: c.post(f"/documents/{case_id}/{sha}/decision", data=form))
        print(f"one decision (HTTP {r.status_code}): {seconds * 1000:.0f} ms")


if __name__ == "__main__":
    main()
