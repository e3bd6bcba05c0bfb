"""The reviewers' web app in a real browser: Debian's Chromium (`/usr/bin/chromium`,
headless) driven by Playwright's sync API, on the app served by uvicorn (`live_server`)
over a store holding three ingested held-out cases (`web_store`).

Each test is one user's journey, found by labels and roles the way a screen reader finds
them. The store is shared by the module and the journeys change it, so they run in this
order and each picks its own document:

- test 3 decides the one PDF waiting in review (test 7 reads that decision back; run
  alone, test 7 takes the decision itself);
- test 4 consumes the first document in the medical adviser's outbox (sorted), test 5
  uses the last one still there, so the two never share one;
- test 6 posts against a text document in review that no other test decides.

`playwright install` is never run: no browser is downloaded.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from web_fixtures import CHROMIUM as CHROMIUM_PATH
from web_fixtures import CHROMIUM_ARGS as LAUNCH_ARGS
from web_fixtures import PASSWORDS

CHROMIUM = Path(CHROMIUM_PATH)
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is not installed (Debian's chromium package)", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from zeef.domain.records import DocumentRecord, record_from_bytes  # noqa: E402
from zeef.pipeline.audit import AuditTrail  # noqa: E402
from zeef.pipeline.review_queue import waiting  # noqa: E402
from zeef.pipeline.route import record_key  # noqa: E402

TIMEOUT_MS = 15_000
OUTBOX = "outbox/medical_adviser/"


# -- fixtures and helpers ---------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
    except Exception:
        playwright.stop()
        raise
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def new_context(browser, live_server):
    """A factory of fresh browser contexts (no cookies) on the live server; all closed
    when the test ends."""
    made = []

    def make():
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(TIMEOUT_MS)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


def submit_login(page, user: str, password: str) -> None:
    page.get_by_label("Gebruikersnaam").fill(user)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def alert_text(page) -> str:
    alerts = page.get_by_role("alert")
    return alerts.first.inner_text() if alerts.count() else ""


@pytest.fixture
def login(new_context, live_server):
    """`login(user)`: a new context with `user` signed in through the login form; returns
    (context, page), the page on the user's home page."""

    def sign_in(user: str):
        context = new_context()
        page = context.new_page()
        page.goto("/login")
        submit_login(page, user, PASSWORDS[user][1])
        assert not page.url.endswith("/login"), f"{user} could not log in: {alert_text(page)}"
        return context, page

    return sign_in


def record_of(store, case_id: str, sha: str) -> DocumentRecord:
    return record_from_bytes(store.get(record_key(case_id, sha)))


def in_review(store) -> list[tuple[str, str]]:
    return sorted(tuple(key.split("/")[1:]) for key in store.list("review/"))


def adviser_documents(store) -> list[tuple[str, str]]:
    return sorted(tuple(key[len(OUTBOX) :].split("/")) for key in store.list(OUTBOX))


def queue_rows(page) -> set[tuple[str, str]]:
    rows = page.locator("tr[data-sha256]")
    return {
        (rows.nth(i).get_attribute("data-case"), rows.nth(i).get_attribute("data-sha256"))
        for i in range(rows.count())
    }


def events(store, case_id: str) -> list:
    return AuditTrail(store, case_id).events()


def expect_refused(page, response, what: str) -> None:
    assert response is not None, f"{what}: no response"
    assert response.status == 403, f"{what}: status {response.status}, expected 403"
    expect(page.get_by_role("heading", name="Geen toegang")).to_be_visible()


@pytest.fixture(scope="module")
def pdf_document(web_store) -> tuple[str, str]:
    """The PDF waiting in review (the only document with pages to draw), found once,
    before any journey decides it."""
    for case_id, sha in in_review(web_store):
        if record_of(web_store, case_id, sha).media_type == "application/pdf":
            return case_id, sha
    raise AssertionError("no PDF waits in review: the fixture store changed")


def decide_in_browser(page, case_id: str, sha: str) -> None:
    """On the open document page: keep it as 'Overig' in the archive dossier."""
    page.get_by_label("Soort document").select_option(label="Overig")
    page.get_by_label("Bestemming").select_option(label="Archiefdossier")
    page.get_by_label("Reden").select_option(label="Nodig voor de beoordeling van de aanvraag")
    page.get_by_label("Toelichting").fill("Brief hoort bij de aanvraag.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_load_state()


# -- the journeys -----------------------------------------------------------------------


def test_1_login_sets_a_strict_httponly_session_only_for_the_right_password(new_context):
    context = new_context()
    page = context.new_page()
    page.goto("/login")
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()

    submit_login(page, "rita", "not-ritas-password")
    expect(
        page.get_by_role("alert"),
        "the browser's login POST should reach the password check (a refusal as another "
        "site means the browser sent no usable Origin)",
    ).to_have_text("Onjuiste gebruikersnaam of wachtwoord.")
    assert page.url.endswith("/login"), page.url
    names = [c["name"] for c in context.cookies()]
    assert "zeef_session" not in names, f"a failed login left cookies {names}"

    submit_login(page, "rita", PASSWORDS["rita"][1])
    assert page.url.endswith("/queue"), (
        f"the right password ended on {page.url}, saying {alert_text(page)!r}"
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wachtrij")
    cookies = [c for c in context.cookies() if c["name"] == "zeef_session"]
    assert len(cookies) == 1, context.cookies()
    cookie = cookies[0]
    assert cookie["httpOnly"] is True, cookie
    assert cookie["sameSite"] == "Strict", cookie


def test_2_every_page_but_healthz_needs_a_session(new_context, web_store):
    case_id, sha = in_review(web_store)[0]
    page = new_context().new_page()
    response = page.goto("/healthz")
    assert response.status == 200 and page.inner_text("body").strip() == "ok"
    for path in ("/queue", "/medical", "/privacy", f"/documents/{case_id}/{sha}"):
        response = page.goto(path)
        assert page.url.endswith("/login"), f"{path} without a session ended on {page.url}"
        assert response.status == 200, f"{path}: the login page answered {response.status}"
        expect(page.get_by_label("Gebruikersnaam")).to_be_visible()


def test_3_a_reviewer_works_the_queue_and_decides_the_pdf(login, web_store, pdf_document):
    case_id, sha = pdf_document
    _, page = login("rita")
    assert page.url.endswith("/queue"), page.url

    expected = {(x["case_id"], x["sha256"]) for x in waiting(web_store)}
    assert len(expected) >= 5
    assert queue_rows(page) == expected

    # The filter: one case's rows only.
    page.get_by_label("Zaak", exact=True).select_option(case_id)
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_url(re.compile(r"/queue\?.*case=" + re.escape(case_id)))
    assert queue_rows(page) == {x for x in expected if x[0] == case_id}

    # The PDF: its page images drawn, its findings listed.
    page.locator(f'tr[data-sha256="{sha}"]').get_by_role("link", name=sha[:12]).click()
    page.wait_for_url(f"**/documents/{case_id}/{sha}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(sha[:12])
    images = page.get_by_role("img", name=re.compile(r"^Pagina \d+"))
    assert images.count() >= 1, "the PDF shows no page image"
    for i in range(images.count()):
        width = images.nth(i).evaluate("i => i.complete ? i.naturalWidth : 0")
        assert width > 0, f"page image {i + 1} did not load"
    findings = page.get_by_role("region", name=re.compile("Gevonden gegevens"))
    assert findings.locator("tbody tr").count() >= 1, "the findings table is empty"

    decide_in_browser(page, case_id, sha)
    page.wait_for_url("**/queue?besloten=*")
    expect(page.get_by_role("status")).to_contain_text(f"Besluit verwerkt (document {sha[:12]})")
    assert (case_id, sha) not in queue_rows(page)

    assert web_store.exists(f"dossier/{case_id}/archive/{sha}") or web_store.exists(
        f"dossier/{case_id}/working/{sha}"
    ), "the decided document is not in the dossier"
    assert not web_store.exists(f"review/{case_id}/{sha}"), "the document is still in review"
    assert AuditTrail(web_store, case_id).verify().ok
    mine = {(e.event, e.document) for e in events(web_store, case_id) if e.actor == "rita"}
    assert ("document_viewed", sha) in mine, mine
    assert ("review_decision", sha) in mine, mine


def test_4_the_medical_adviser_opens_confirms_receipt_and_advises(login, web_store):
    case_id, sha = adviser_documents(web_store)[0]
    url = f"/documents/{case_id}/{sha}"

    # A reviewer is refused the document and the adviser's page; the attempt is audited.
    _, rita = login("rita")
    expect_refused(rita, rita.goto(url), f"rita on {url}")
    refused = [
        e for e in events(web_store, case_id) if e.event == "access_refused" and e.actor == "rita"
    ]
    assert any(e.document == sha for e in refused), "rita's refused attempt is not audited"
    expect_refused(rita, rita.goto("/medical"), "rita on /medical")

    # The adviser sees it listed, opens it, goes back and confirms receipt.
    _, page = login("mark")
    assert page.url.endswith("/medical"), page.url
    row = page.locator(f'tr[data-case="{case_id}"][data-sha256="{sha}"]')
    expect(row).to_have_count(1)
    row.get_by_role("link", name=sha[:12]).click()
    page.wait_for_url(f"**{url}")
    text = page.locator("pre.text").inner_text()
    stored = web_store.get(record_of(web_store, case_id, sha).location).decode("utf-8")
    first_line = next(line.strip() for line in stored.splitlines() if line.strip())
    assert first_line in text, "the document's text is not shown"
    page.go_back()
    page.wait_for_url("**/medical")
    location = record_of(web_store, case_id, sha).location
    row.get_by_role("button", name="Ontvangst bevestigen").click()
    page.wait_for_url("**/medical?ontvangen=*")
    expect(page.get_by_role("status")).to_contain_text("Ontvangst bevestigd")
    expect(page.get_by_role("status")).to_contain_text(sha[:12])
    expect(row).to_have_count(0)
    assert not web_store.exists(location), "zeef still keeps the forwarded document"
    assert record_of(web_store, case_id, sha).location is None
    received = [e for e in events(web_store, case_id) if e.event == "medical_received"]
    assert [(e.actor, e.document) for e in received] == [("mark", sha)]

    # The advice: the case chosen on /medical (it left the list with its receipt).
    before = {k for k in web_store.list(f"cases/{case_id}/documents/")}
    page.get_by_label("Zaak").select_option(case_id)
    page.get_by_role("button", name="Advies vastleggen").click()
    page.wait_for_url(f"**/medical/{case_id}/advice")
    page.get_by_label("Advies").fill("Kan 20 uur per week werken, zittend, zonder tillen.")
    page.get_by_role("button", name="Advies vastleggen").click()
    page.wait_for_url("**/medical?advies=1")
    expect(page.get_by_role("status")).to_contain_text("Advies vastgelegd")
    added = {k for k in web_store.list(f"cases/{case_id}/documents/")} - before
    advices = [
        r
        for r in (record_from_bytes(web_store.get(k)) for k in added)
        if isinstance(r, DocumentRecord) and r.category.value == "medical_advice"
    ]
    assert len(advices) == 1, f"no new medical_advice record in {case_id}: {added}"
    assert advices[0].decided_by == "mark"


def test_5_every_role_is_refused_every_page_it_must_not_see(login, web_store, pdf_document):
    adviser_case, adviser_sha = adviser_documents(web_store)[-1]  # not the one test 4 takes
    review_case, review_sha = next(x for x in in_review(web_store) if x != pdf_document)
    adviser_doc = f"/documents/{adviser_case}/{adviser_sha}"
    review_doc = f"/documents/{review_case}/{review_sha}"
    dossier_key = next(k for k in web_store.list("dossier/"))
    _, dossier_case, _, dossier_sha = dossier_key.split("/")
    dossier_doc = f"/documents/{dossier_case}/{dossier_sha}"
    forbidden = {
        "rita": ["/medical", adviser_doc, "/privacy"],
        "mark": ["/queue", review_doc, "/privacy"],
        "adam": ["/queue", "/medical", review_doc, adviser_doc, dossier_doc],
        "pia": ["/medical", adviser_doc],
    }
    wrong = []
    for user, urls in forbidden.items():
        _, page = login(user)
        for url in urls:
            response = page.goto(url)
            heading = page.get_by_role("heading", level=1).first.inner_text()
            if response.status != 403 or heading != "Geen toegang":
                wrong.append(
                    f"{user} ({PASSWORDS[user][0]}) on {url}: {response.status} {heading!r}"
                )
    assert not wrong, "pages shown to a role that must not see them:\n" + "\n".join(wrong)
    # The adviser's document was only tried: still there, refusals audited per user.
    assert web_store.exists(f"{OUTBOX}{adviser_case}/{adviser_sha}")
    refused = {
        e.actor
        for e in events(web_store, adviser_case)
        if e.event == "access_refused" and e.document == adviser_sha
    }
    assert {"rita", "adam", "pia"} <= refused, refused


def test_6_a_decision_without_a_valid_csrf_token_changes_nothing(login, web_store, pdf_document):
    case_id, sha = next(x for x in in_review(web_store) if x != pdf_document)
    context, page = login("rita")
    api = context.request
    assert api.get("/queue", max_redirects=0).status == 200, "the request API has no session"
    before = len(events(web_store, case_id))
    form = {
        "category": "other",
        "disposition": "return_to_sender",
        "reason": "not_needed",
        "motivation": "",
    }
    url = f"/documents/{case_id}/{sha}/decision"
    for token in (None, "", "x" * 43):
        data = dict(form) if token is None else {**form, "csrf_token": token}
        response = api.post(url, form=data, max_redirects=0)
        assert response.status == 403, f"token {token!r}: status {response.status}"
    assert web_store.exists(f"review/{case_id}/{sha}"), "the document left review"
    assert record_of(web_store, case_id, sha).disposition.value == "review"
    assert len(events(web_store, case_id)) == before, "a refused post wrote an audit event"
    page.goto("/queue")
    assert (case_id, sha) in queue_rows(page)


def test_7_the_privacy_officer_reads_the_access_report(login, web_store, pdf_document):
    case_id, sha = pdf_document
    if record_of(web_store, case_id, sha).disposition.value == "review":  # test 3 not run
        _, rita = login("rita")
        rita.goto(f"/documents/{case_id}/{sha}")
        decide_in_browser(rita, case_id, sha)
    _, page = login("pia")
    page.goto("/privacy")
    registered = sorted(
        key.split("/")[1] for key in web_store.list("cases/") if key.endswith("/case.json")
    )
    rows = page.locator("tr.case[data-case]")
    assert [rows.nth(i).get_attribute("data-case") for i in range(rows.count())] == registered

    rows.filter(has_text=case_id).get_by_role("link", name="Toegangsverslag").click()
    page.wait_for_url(f"**/privacy/cases/{case_id}/access")
    expect(page.get_by_role("heading", level=1)).to_contain_text(case_id)
    for event in ("document_viewed", "review_decision"):
        mine = (
            page.locator(f"tr[data-event={event}]")
            .filter(has_text="rita")
            .filter(has_text=sha[:12])
        )
        assert mine.count() >= 1, f"no {event} row by rita for {sha[:12]}"


def test_8_the_login_form_is_reached_by_tab_in_order(new_context):
    page = new_context().new_page()
    page.goto("/login")

    def focused() -> str:
        return page.evaluate(
            "() => { const e = document.activeElement;"
            " return e.id || (e.tagName.toLowerCase() + ':' + e.textContent.trim()); }"
        )

    assert focused() == "username", f"autofocus: {focused()}"
    # From the top of the page (the skip link is the first stop), Tab by Tab.
    page.get_by_role("link", name="Naar de inhoud").focus()
    order = []
    for _ in range(3):
        page.keyboard.press("Tab")
        order.append(focused())
    assert order == ["username", "password", "button:Inloggen"], f"tab order: {order}"
