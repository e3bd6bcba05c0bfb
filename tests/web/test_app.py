"""The web app over HTTP (Starlette's test client, the real app on a real store holding
three ingested held-out cases): sessions, roles, CSRF, headers, the queue, decisions,
the medical adviser's door, the audit of every view, and logs without personal data."""

from __future__ import annotations

import json
import logging
import re
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note on httpx
    from fastapi.testclient import TestClient

from web_fixtures import PASSWORDS

from zeef.domain.records import record_from_bytes
from zeef.pipeline import accounts
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.review_queue import waiting
from zeef.pipeline.route import record_key
from zeef.web.app import create_app

HOLDOUT = Path(__file__).resolve().parents[1] / "holdout"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def app(web_store):
    return create_app(web_store, secure_cookies=False)


def client(app, user: str | None = None) -> TestClient:
    c = TestClient(app, follow_redirects=False)
    if user:
        r = c.post("/login", data={"username": user, "password": PASSWORDS[user][1]})
        assert r.status_code == 303, r.text
    return c


def csrf(c: TestClient, path: str = "/") -> str:
    r = c.get(path, follow_redirects=True)
    return CSRF.search(r.text).group(1)


def queued(html: str) -> set[tuple[str, str]]:
    return set(re.findall(r'data-case="([^"]+)" data-sha256="([0-9a-f]{64})"', html))


def adviser_document(store) -> tuple[str, str]:
    key = store.list("outbox/medical_adviser/")[0]
    _, _, case_id, sha = key.split("/")
    return case_id, sha


def test_only_healthz_answers_without_a_session(app):
    c = client(app)
    assert c.get("/healthz").status_code == 200
    paths = [
        route.path.replace("{case_id}", "2026-0412")
        .replace("{sha256}", "0" * 64)
        .replace("{page}", "1")
        for route in app.routes
        if "GET" in getattr(route, "methods", ()) and route.path not in ("/healthz", "/login")
    ]
    assert len(paths) >= 8
    for path in paths:
        r = c.get(path)
        assert (r.status_code, r.headers.get("location")) == (303, "/login"), path


def test_a_wrong_password_gets_no_session(app):
    c = client(app)
    for name, password in (("rita", "not-ritas-password"), ("nobody", "whatever-it-is-1")):
        r = c.post("/login", data={"username": name, "password": password})
        assert r.status_code == 401
        assert "zeef_session" not in r.headers.get("set-cookie", "")
        assert c.get("/queue").status_code == 303


def test_the_session_cookie_is_httponly_strict_and_signed(app):
    c = TestClient(app, follow_redirects=False)
    r = c.post("/login", data={"username": "rita", "password": PASSWORDS["rita"][1]})
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    value = c.cookies.get("zeef_session")
    c.cookies.set("zeef_session", value[:-2] + ("AA" if value[-2:] != "AA" else "BB"))
    assert c.get("/queue").status_code == 303  # tampered: no session


def test_security_headers_forbid_script_and_framing(app):
    r = client(app).get("/login")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp and "unsafe" not in csp
    assert "frame-ancestors 'none'" in csp
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["cache-control"] == "no-store"
    # Not no-referrer: with it Chromium posts the login form with `Origin: null`, which
    # the login refuses as another site (test_browser's login catches that for real).
    assert r.headers["referrer-policy"] == "same-origin"
    assert "<script" not in r.text


def test_the_queue_lists_every_document_in_review(app, web_store):
    r = client(app, "rita").get("/queue")
    assert r.status_code == 200
    in_review = {tuple(k.split("/")[1:]) for k in web_store.list("review/")}
    assert len(in_review) >= 5
    assert queued(r.text) == in_review
    assert {(x["case_id"], x["sha256"]) for x in waiting(web_store)} == in_review
    one = client(app, "rita").get("/queue", params={"case": "2026-0418"})
    assert queued(one.text) == {x for x in in_review if x[0] == "2026-0418"}


def test_reviewer_is_refused_the_advisers_documents_and_the_attempt_is_audited(app, web_store):
    case_id, sha = adviser_document(web_store)
    rita = client(app, "rita")
    assert rita.get(f"/documents/{case_id}/{sha}").status_code == 403
    assert rita.get("/medical").status_code == 403
    refused = AuditTrail(web_store, case_id).events()[-1]
    assert (refused.event, refused.actor, refused.document) == ("access_refused", "rita", sha)
    mark = client(app, "mark")
    r = mark.get(f"/documents/{case_id}/{sha}")
    assert r.status_code == 200
    viewed = AuditTrail(web_store, case_id).events()[-1]
    assert (viewed.event, viewed.actor, viewed.document, viewed.reason) == (
        "document_viewed",
        "mark",
        sha,
        "medical_adviser:medical_assessment",
    )
    assert mark.get("/queue").status_code == 403
    assert client(app, "adam").get(f"/documents/{case_id}/{sha}").status_code == 403


def _pdf_in_review(store) -> tuple[str, str]:
    for key in store.list("review/"):
        _, case_id, sha = key.split("/")
        record = record_from_bytes(store.get(record_key(case_id, sha)))
        if record.media_type == "application/pdf":
            return case_id, sha
    raise AssertionError("no PDF waits in review")


def test_page_images_only_after_a_recorded_view(app, web_store):
    case_id, sha = _pdf_in_review(web_store)
    rita = client(app, "rita")
    assert rita.get(f"/documents/{case_id}/{sha}/pages/1.png").status_code == 403
    page = rita.get(f"/documents/{case_id}/{sha}")
    src = re.search(r'src="(/documents/[^"]+/pages/1\.png\?t=[^"]+)"', page.text).group(1)
    image = rita.get(src.replace("&amp;", "&"))
    assert image.status_code == 200 and image.content[:8] == b"\x89PNG\r\n\x1a\n"
    # Another user cannot use rita's token.
    pia = client(app, "pia")
    assert pia.get(src.replace("&amp;", "&")).status_code == 403


def test_a_decision_without_a_valid_csrf_token_changes_nothing(app, web_store):
    case_id, sha = next(iter(sorted(queued(client(app, "rita").get("/queue").text))))
    rita = client(app, "rita")
    before = {key: web_store.get(key) for key in web_store.list()}
    form = {"category": "other", "disposition": "return_to_sender", "reason": "not_needed"}
    for token in (None, "", "x" * 43, csrf(client(app, "pia"), "/queue")):
        data = dict(form) if token is None else {**form, "csrf_token": token}
        r = rita.post(f"/documents/{case_id}/{sha}/decision", data=data)
        assert r.status_code == 403
    assert {key: web_store.get(key) for key in web_store.list()} == before


def test_a_decision_routes_the_document_into_the_dossier(app, web_store):
    rita = client(app, "rita")
    token = csrf(rita, "/queue")
    case_id, sha = next(
        (c, s) for c, s in sorted(queued(rita.get("/queue").text)) if c == "2026-0447"
    )
    r = rita.post(
        f"/documents/{case_id}/{sha}/decision",
        data={"category": "application", "disposition": "archive",
              "reason": "category_corrected", "motivation": "", "csrf_token": token},
    )  # fmt: skip
    assert r.status_code == 303 and r.headers["location"].startswith("/queue")
    assert (case_id, sha) not in queued(rita.get("/queue").text)
    assert web_store.exists(f"dossier/{case_id}/archive/{sha}")
    assert not web_store.exists(f"review/{case_id}/{sha}")
    trail = AuditTrail(web_store, case_id)
    assert trail.verify().ok
    last = trail.events()[-1]
    assert (last.event, last.actor, last.document) == ("review_decision", "rita", sha)
    # The document is in the dossier now: the reviewer may still open it.
    assert rita.get(f"/documents/{case_id}/{sha}").status_code == 200


def test_a_forbidden_disposition_is_refused_in_dutch(app, web_store):
    rita = client(app, "rita")
    token = csrf(rita, "/queue")
    case_id, sha = sorted(queued(rita.get("/queue").text))[0]
    r = rita.post(
        f"/documents/{case_id}/{sha}/decision",
        data={"category": "medical", "disposition": "archive", "reason": "medical_content",
              "csrf_token": token},
    )  # fmt: skip
    assert r.status_code == 400 and "niet toegestaan" in r.text
    assert web_store.exists(f"review/{case_id}/{sha}")


def test_a_disabled_account_loses_its_session_at_once(app, web_store):
    accounts.add(web_store, "tijdelijk", "reviewer", "tijdelijk-wachtwoord")
    c = TestClient(app, follow_redirects=False)
    c.post("/login", data={"username": "tijdelijk", "password": "tijdelijk-wachtwoord"})
    assert c.get("/queue").status_code == 200
    accounts.disable(web_store, "tijdelijk")
    assert c.get("/queue").status_code == 303
    r = c.post("/login", data={"username": "tijdelijk", "password": "tijdelijk-wachtwoord"})
    assert r.status_code == 401


def test_logins_are_throttled_after_five_failures(web_store):
    app = create_app(web_store, secure_cookies=False)  # its own throttle
    c = TestClient(app, follow_redirects=False)
    for _ in range(5):
        assert (
            c.post("/login", data={"username": "piet", "password": "wrong-one-1234"}).status_code
            == 401
        )
    r = c.post("/login", data={"username": "piet", "password": PASSWORDS["piet"][1]})
    assert r.status_code == 429 and "zeef_session" not in r.headers.get("set-cookie", "")


def test_a_login_posted_from_another_site_is_refused(app):
    c = TestClient(app, follow_redirects=False)
    r = c.post(
        "/login",
        data={"username": "rita", "password": PASSWORDS["rita"][1]},
        headers={"origin": "https://evil.example"},
    )
    assert r.status_code == 403 and "zeef_session" not in r.headers.get("set-cookie", "")


def test_the_privacy_officer_sees_the_access_report(app, web_store):
    case_id, sha = adviser_document(web_store)
    client(app, "mark").get(f"/documents/{case_id}/{sha}")
    pia = client(app, "pia")
    r = pia.get(f"/privacy/cases/{case_id}/access")
    assert r.status_code == 200
    assert 'data-event="document_viewed"' in r.text and "mark" in r.text
    assert client(app, "adam").get(f"/privacy/cases/{case_id}/access").status_code == 200
    assert client(app, "rita").get(f"/privacy/cases/{case_id}/access").status_code == 403
    assert client(app, "adam").get(f"/privacy/cases/{case_id}/consent").status_code == 403


def test_no_personal_data_in_logs_or_audit(app, web_store, caplog):
    labels = [json.loads(x) for x in (HOLDOUT / "labels.jsonl").read_text().splitlines()]
    cases = {"2026-0412", "2026-0418", "2026-0447"}
    personal = {
        s
        for x in labels
        if Path(x["case"]).stem in cases
        for s in x["subject"] + x["third_party"]
        if len(s) >= 5
    }
    caplog.set_level(logging.DEBUG)
    rita = client(app, "rita")
    for case_id, sha in sorted(queued(rita.get("/queue").text)):
        assert rita.get(f"/documents/{case_id}/{sha}").status_code == 200
    client(app).post("/login", data={"username": "rita", "password": "wrong-password-x"})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    trails = "".join(e.to_json().decode() for c in cases for e in AuditTrail(web_store, c).events())
    assert not [s for s in personal if s in logged]
    assert not [s for s in personal if s in trails]
    assert "wrong-password-x" not in logged
