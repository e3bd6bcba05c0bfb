"""What the web app's tests share, importable by name (`web_fixtures`): a store holding
several ingested held-out cases (the hand-written holdout, `tests/holdout/`, never used
for training) with one account per role, and the app served by uvicorn on a free port.

`holdout_store(store, root)` fills a store: three cases ingested with `ingest_paths`,
one document of 2026-0412 (its `other` letter) as a text PDF so that a document in review
has pages to draw.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

import pymupdf

HOLDOUT = Path(__file__).resolve().parents[1] / "holdout"
CASES = ("2026-0412", "2026-0418", "2026-0447")
# Debian's Chromium, as the browser tests and the screenshots start it (never downloaded;
# without background networking it makes no connection of its own on a closed network).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PASSWORDS = {
    "rita": ("reviewer", "rita-reviewer-pw-1"),
    "mark": ("medical_adviser", "mark-adviser-pw-12"),
    "pia": ("privacy_officer", "pia-officer-pw-123"),
    "piet": ("privacy_officer", "piet-officer-pw-12"),
    "adam": ("admin", "adam-admin-pw-1234"),
}


def _text_pdf(text: str) -> bytes:
    document = pymupdf.open()
    page = document.new_page()
    page.insert_textbox(pymupdf.Rect(60, 60, 540, 780), text, fontsize=10)
    return document.tobytes()


def holdout_store(store, root: Path):
    """`store` with the held-out cases ingested and the accounts added; returns it."""
    from zeef.domain.case import load_case
    from zeef.pipeline import accounts
    from zeef.pipeline.ingest import ingest_paths

    labels = [json.loads(line) for line in (HOLDOUT / "labels.jsonl").read_text().splitlines()]
    for case_id in CASES:
        files = []
        for label in labels:
            if label["case"] != f"cases/{case_id}.json":
                continue
            path = HOLDOUT / label["file"]
            if case_id == "2026-0412" and label["category"] == "other":
                pdf = root / f"{path.stem}.pdf"
                pdf.write_bytes(_text_pdf(path.read_text(encoding="utf-8")))
                path = pdf
            files.append(str(path))
        case = load_case(HOLDOUT / "cases" / f"{case_id}.json")
        ingest_paths(store, case, files, progress=False)
    for name, (role, password) in PASSWORDS.items():
        accounts.add(store, name, role, password)
    return store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """`create_app(store)` served by uvicorn in a thread; `url` is its address."""

    def __init__(self, store) -> None:
        import uvicorn

        from zeef.web.app import create_app

        self.app = create_app(store, secure_cookies=False)
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        config = uvicorn.Config(self.app, host="127.0.0.1", port=port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the web app did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
