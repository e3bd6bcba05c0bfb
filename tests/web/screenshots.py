"""Screenshots of the reviewers' web app for the documentation (`docs/review.md`).

    .venv/bin/python tests/web/screenshots.py OUT_DIR

Builds a fresh store with the held-out cases (`holdout_store`, in a temporary folder),
serves it (`LiveServer`), and drives Debian's Chromium (headless, `/usr/bin/chromium`;
`playwright install` is never run) at 1400x900 to write, full page:

- `OUT_DIR/review-queue.png`: rita's queue;
- `OUT_DIR/review-document.png`: the PDF waiting in review, its page image and findings;
- `OUT_DIR/review-medical.png`: mark's list on `/medical`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from web_fixtures import CHROMIUM, PASSWORDS, LiveServer, holdout_store  # noqa: E402
from web_fixtures import CHROMIUM_ARGS as LAUNCH_ARGS  # noqa: E402

VIEWPORT = {"width": 1400, "height": 900}


def _login(browser, base_url: str, user: str):
    """A context with `user` signed in through the login form; the page on its home."""
    context = browser.new_context(
        base_url=base_url, viewport=VIEWPORT, locale="nl-NL", timezone_id="Europe/Amsterdam"
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Gebruikersnaam").fill(user)
    page.get_by_label("Wachtwoord").fill(PASSWORDS[user][1])
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    if page.url.endswith("/login"):
        raise SystemExit(f"{user} could not log in")
    return context, page


def _pdf_in_review(store) -> tuple[str, str]:
    from zeef.domain.records import record_from_bytes
    from zeef.pipeline.route import record_key

    for key in store.list("review/"):
        _, case_id, sha = key.split("/")
        if record_from_bytes(store.get(record_key(case_id, sha))).media_type == "application/pdf":
            return case_id, sha
    raise SystemExit("no PDF waits in review")


def make_screenshots(out_dir: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from zeef.storage.local import LocalStore

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="zeef-screens-") as tmp:
        root = Path(tmp)
        store = holdout_store(LocalStore(root / "store"), root)
        case_id, sha = _pdf_in_review(store)
        server = LiveServer(store).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
                )
                try:
                    context, page = _login(browser, server.url, "rita")
                    page.goto("/queue")
                    written.append(out_dir / "review-queue.png")
                    page.screenshot(path=str(written[-1]), full_page=True)

                    page.goto(f"/documents/{case_id}/{sha}")
                    page.wait_for_load_state("networkidle")
                    written.append(out_dir / "review-document.png")
                    page.screenshot(path=str(written[-1]), full_page=True)
                    context.close()

                    context, page = _login(browser, server.url, "mark")
                    page.goto("/medical")
                    written.append(out_dir / "review-medical.png")
                    page.screenshot(path=str(written[-1]), full_page=True)
                    context.close()
                finally:
                    browser.close()
        finally:
            server.stop()
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(f"usage: {argv[0]} OUT_DIR", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is not installed (Debian's chromium package)", file=sys.stderr)
        return 1
    for path in make_screenshots(Path(argv[1])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
