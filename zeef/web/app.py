"""The reviewers' web app (`zeef review serve`): server-rendered Dutch pages, no script.

`create_app(store)` builds it; the pages are in this module (login, queue, documents and
their decisions) and in `medical.py` (the medical adviser's door) and `privacy.py` (the
privacy officer's approvals, consent register and access reports). Sessions, CSRF and
headers: `security.py`. Who may open which document: `may_open`. Every view of a document
is recorded in the case's audit trail before it is shown (`zeef.pipeline.access`); logs
carry ids and codes only.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import OrderedDict
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from zeef.domain import review_choices
from zeef.domain.errors import ZeefError
from zeef.domain.records import DocumentRecord, RecordError, record_from_bytes
from zeef.domain.vocabulary import Category, Disposition
from zeef.pipeline import access, accounts
from zeef.pipeline.accounts import MEDICAL_ADVISER, PRIVACY_OFFICER, REVIEWER, User
from zeef.pipeline.registry import load_registered
from zeef.pipeline.review_decision import Decision, DecisionError, decide
from zeef.pipeline.review_queue import waiting
from zeef.pipeline.route import record_key
from zeef.storage import ObjectNotFound, Store
from zeef.storage.lock import CaseBusy
from zeef.web import texts
from zeef.web.airflow_hitl import AirflowApprovals
from zeef.web.security import COOKIE, HEADERS, LoginThrottle, Session, Signer, app_secret, csrf_ok

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
TRIAGE_ROLES = (REVIEWER, PRIVACY_OFFICER)
HOME = {
    REVIEWER: "/queue",
    PRIVACY_OFFICER: "/queue",
    MEDICAL_ADVISER: "/medical",
    accounts.ADMIN: "/privacy",
}
_CACHE_SIZE = 16


class Denied(ZeefError):
    """403: the role may not see this (`status` 403) or there is no session (303)."""

    def __init__(self, status: int = 403) -> None:
        super().__init__("access denied" if status == 403 else "no session")
        self.status = status


class Busy(ZeefError):
    """503: the view could not be recorded (the case busy, the trail damaged)."""


def may_open(role: str, record: DocumentRecord) -> bool:
    """Whether `role` may open this document. What waits for the medical adviser: that
    role only. Reviewers and privacy officers: what waits in review, the dossier and
    what waits to be handed back. Nobody opens what zeef no longer keeps."""
    if record.disposition is Disposition.FORWARD_MEDICAL_ADVISER:
        return role == MEDICAL_ADVISER
    if role in TRIAGE_ROLES:
        return record.disposition in (
            Disposition.REVIEW,
            Disposition.ARCHIVE,
            Disposition.WORKING,
            Disposition.RETURN_TO_SENDER,
        )
    return False


class ViewCache:
    """The last few documents' views (reading and classifying takes a second or more)."""

    def __init__(self, size: int = _CACHE_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str, make):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


class Web:
    """What the pages share: the store, the signer, the throttle, the templates."""

    def __init__(self, store: Store, secret: str | None, secure_cookies: bool) -> None:
        self.store = store
        self.signer = Signer(app_secret(store, secret))
        self.throttle = LoginThrottle()
        self.secure_cookies = secure_cookies
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.templates.env.globals.update(
            texts=texts, label=texts.label, highlighted=highlighted, event_names=texts.EVENTS
        )
        self.views = ViewCache()
        # Reading, classifying and drawing one document at a time: the image readers'
        # decompression-bomb guard is process-wide (Pillow's warnings filter), and two
        # reviewers rarely wait on each other for the ~100 ms a page takes.
        self.render_lock = threading.Lock()
        # The zeef_inzage DAG's approvals, answered from here (None: no Airflow configured).
        self.airflow = AirflowApprovals.from_env()

    # -- sessions ------------------------------------------------------------------------

    def user(self, request: Request) -> tuple[User, Session]:
        """The signed-in user; Denied(303) when there is no valid session."""
        session = self.signer.session(request.cookies.get(COOKIE))
        user = accounts.load(self.store, session.user) if session else None
        if user is None or user.disabled:
            raise Denied(303)
        return user, session

    def require(self, request: Request, *roles: str) -> tuple[User, Session]:
        user, session = self.user(request)
        if roles and user.role not in roles:
            log.info("refused role=%s path=%s", user.role, request.url.path.split("/")[1])
            raise Denied(403)
        return user, session

    async def form(self, request: Request, session: Session) -> dict[str, str]:
        """The POSTed form, after its CSRF token was checked (Denied(403) otherwise)."""
        form = await request.form()
        if not csrf_ok(session, form.get("csrf_token")):
            log.warning("refused a form without a valid csrf token")
            raise Denied(403)
        return {k: v for k, v in form.items() if isinstance(v, str)}

    def page(self, request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        try:
            user, session = self.user(request)
        except Denied:
            user = session = None
        context.update(request=request, user=user, csrf=session.csrf if session else "")
        return self.templates.TemplateResponse(request, name, context, status_code=status)

    # -- documents -----------------------------------------------------------------------

    def record(self, case_id: str, sha256: str) -> DocumentRecord:
        try:
            record = record_from_bytes(self.store.get(record_key(case_id, sha256)))
        except (ObjectNotFound, RecordError, ValueError):
            raise StarletteHTTPException(404) from None
        if not isinstance(record, DocumentRecord):
            raise StarletteHTTPException(404)
        return record

    def open_document(self, user: User, case_id: str, sha256: str, purpose: str) -> DocumentRecord:
        """The record of a document `user` may open, its view recorded; Denied (the
        attempt recorded) or 404 otherwise."""
        record = self.record(case_id, sha256)
        if not may_open(user.role, record):
            try:
                access.record_refusal(self.store, case_id, sha256, actor=user.name, role=user.role)
            except (ZeefError, CaseBusy):
                log.error("could not record a refused access case=%s", case_id)
            raise Denied(403)
        if not record.location:
            raise StarletteHTTPException(404)
        try:
            access.record_view(
                self.store, case_id, sha256, actor=user.name, role=user.role, purpose=purpose
            )
        except (ZeefError, CaseBusy) as exc:
            log.error("view not recorded case=%s error=%s", case_id, type(exc).__name__)
            raise Busy() from None
        return record

    def document_bytes(self, record: DocumentRecord) -> bytes:
        try:
            return self.store.get(record.location)
        except ObjectNotFound:
            raise StarletteHTTPException(404) from None

    def view_of(self, case_id: str, record: DocumentRecord):
        from zeef.pipeline.document_view import build_view

        def make():
            case = load_registered(self.store, case_id)
            data = self.document_bytes(record)
            with self.render_lock:
                return build_view(data, record.name, case)

        return self.views.get(f"{case_id}/{record.sha256}", make)


def highlighted(view) -> list[tuple[str, str | None]]:
    """The view's text cut into (chunk, role) pieces, role None between findings: what
    the page marks for a document without pages (text, e-mail, Word)."""
    out: list[tuple[str, str | None]] = []
    at = 0
    for mark in sorted(view.marks, key=lambda m: (m.start, -m.end)):
        if mark.start < at or mark.end <= mark.start:
            continue  # overlapping the one before: that one is shown
        out.append((view.text[at : mark.start], None))
        out.append((view.text[mark.start : mark.end], mark.role))
        at = mark.end
    out.append((view.text[at:], None))
    return out


def _same_site(request: Request) -> bool:
    """A login form POSTed from this site (or by a client that says nothing of where)."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin or origin == "null":
        return not origin
    return urlsplit(origin).netloc == request.headers.get("host", "")


def create_app(store: Store, *, secret: str | None = None, secure_cookies: bool = True) -> FastAPI:
    """The web app on `store`. `secret`: the session key (else one kept in the store);
    `secure_cookies` false only for plain http on localhost."""
    app = FastAPI(title="zeef", docs_url=None, redoc_url=None, openapi_url=None)
    web = Web(store, secret, secure_cookies)
    app.state.web = web
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(Denied)
    async def denied(request: Request, exc: Denied):
        if exc.status == 303:
            return RedirectResponse("/login", status_code=303)
        return web.page(
            request,
            "error.html",
            403,
            title="Geen toegang",
            message="U heeft geen toegang tot deze pagina.",
        )

    @app.exception_handler(Busy)
    async def busy(request: Request, exc: Busy):
        return web.page(
            request,
            "error.html",
            503,
            title="Even geduld",
            message="Het dossier wordt nu bijgewerkt. Probeer het zo opnieuw.",
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        titles = {404: "Niet gevonden", 405: "Niet toegestaan"}
        return web.page(
            request,
            "error.html",
            exc.status_code,
            title=titles.get(exc.status_code, "Fout"),
            message="Deze pagina of dit document bestaat niet (meer).",
        )

    @app.get("/healthz")
    def healthz() -> PlainTextResponse:
        return PlainTextResponse("ok")

    @app.get("/")
    def home(request: Request):
        user, _ = web.user(request)
        return RedirectResponse(HOME.get(user.role, "/login"), status_code=303)

    @app.get("/login")
    def login_form(request: Request):
        return web.page(request, "login.html")

    @app.post("/login")
    async def login(request: Request):
        form = await request.form()
        name = str(form.get("username") or "").strip().lower()
        password = str(form.get("password") or "")
        address = request.client.host if request.client else "unknown"
        if not _same_site(request):
            return web.page(request, "login.html", 403, error="Inloggen kan alleen via deze site.")
        if web.throttle.blocked(address, name):
            log.warning("login throttled")
            response = web.page(
                request,
                "login.html",
                429,
                error="Te veel mislukte pogingen. Probeer het later opnieuw.",
            )
            response.headers["Retry-After"] = "900"
            return response
        user = accounts.authenticate(store, name, password)
        if user is None:
            web.throttle.failed(address, name)
            log.info("login failed")
            return web.page(
                request, "login.html", 401, error="Onjuiste gebruikersnaam of wachtwoord."
            )
        web.throttle.succeeded(name)
        _, cookie = web.signer.new_session(user.name)
        response = RedirectResponse(HOME.get(user.role, "/queue"), status_code=303)
        response.set_cookie(
            COOKIE,
            cookie,
            httponly=True,
            samesite="strict",
            secure=web.secure_cookies,
            max_age=8 * 3600,
            path="/",
        )
        log.info("login user=%s role=%s", user.name, user.role)
        return response

    @app.post("/logout")
    async def logout(request: Request):
        _, session = web.user(request)
        await web.form(request, session)
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        return response

    @app.get("/queue")
    def queue(request: Request, case: str = "", reason: str = "", law: str = ""):
        web.require(request, *TRIAGE_ROLES)
        lines = waiting(store)
        today = dt.datetime.now(dt.UTC).date()
        for line in lines:  # how long it has waited, in days
            received = line.get("received")
            line["age"] = (today - dt.date.fromisoformat(received)).days if received else None
        laws = sorted({x["law"] for x in lines if x.get("law")})
        reasons = sorted({r for x in lines for r in x["reasons"]})
        cases = sorted({x["case_id"] for x in lines})
        shown = [
            x
            for x in lines
            if (not case or x["case_id"] == case)
            and (not reason or reason in x["reasons"])
            and (not law or x.get("law") == law)
        ]
        return web.page(
            request,
            "queue.html",
            lines=shown,
            total=len(lines),
            cases=cases,
            reasons=reasons,
            laws=laws,
            chosen={"case": case, "reason": reason, "law": law},
            decided=request.query_params.get("besloten"),
        )

    @app.get("/documents/{case_id}/{sha256}")
    def document(request: Request, case_id: str, sha256: str):
        user, _ = web.user(request)
        purpose = "medical_assessment" if user.role == MEDICAL_ADVISER else "triage"
        record = web.open_document(user, case_id, sha256, purpose)
        view = web.view_of(case_id, record)
        token = web.signer.page_token(user.name, case_id, sha256)
        case = load_registered(store, case_id)
        options = {
            c.value: [ch.disposition.value for ch in review_choices.choices(c, case.law)]
            for c in Category
        }
        return web.page(
            request,
            "document.html",
            case_id=case_id,
            record=record,
            view=view,
            token=token,
            options=options,
            reasons=review_choices.REASONS,
            error=request.query_params.get("fout"),
            can_decide=record.disposition is Disposition.REVIEW and user.role in TRIAGE_ROLES,
        )

    @app.get("/documents/{case_id}/{sha256}/pages/{page}.png")
    def page_image(request: Request, case_id: str, sha256: str, page: int, t: str = ""):
        user, _ = web.user(request)
        record = web.record(case_id, sha256)
        if not may_open(user.role, record) or not record.location:
            raise Denied(403)
        if not web.signer.page_token_ok(t, user.name, case_id, sha256):
            raise Denied(403)  # images only after a recorded view of the document
        from zeef.pipeline.document_view import render_page

        view = web.view_of(case_id, record)
        data = web.document_bytes(record)
        try:
            with web.render_lock:
                png = render_page(data, record.name, view, page)
        except ValueError:
            raise StarletteHTTPException(404) from None
        return Response(png, media_type="image/png")

    @app.post("/documents/{case_id}/{sha256}/decision")
    async def decision(request: Request, case_id: str, sha256: str):
        user, session = web.user(request)
        form = await web.form(request, session)  # CSRF first: nothing is read before it
        if user.role not in TRIAGE_ROLES:
            raise Denied(403)
        record = web.record(case_id, sha256)
        if not may_open(user.role, record):
            raise Denied(403)
        try:
            parsed = Decision.parse(
                form.get("category", ""),
                form.get("disposition", ""),
                form.get("reason", ""),
                form.get("motivation", ""),
                form.get("id_number"),
                form.get("id_valid_until"),
            )
            decide(store, case_id, sha256, parsed, actor=user.name)
        except DecisionError as exc:
            return web.page(
                request,
                "error.html",
                400,
                title="Besluit niet verwerkt",
                message=_dutch(str(exc)),
                back=f"/documents/{case_id}/{sha256}",
            )
        except CaseBusy:
            raise Busy() from None
        log.info(
            "decided case=%s sha256=%s disposition=%s",
            case_id,
            sha256[:12],
            parsed.disposition.value,
        )
        return RedirectResponse("/queue?" + urlencode({"besloten": sha256[:12]}), status_code=303)

    from zeef.web import medical, privacy

    app.include_router(medical.router(web))
    app.include_router(privacy.router(web))
    return app


_DUTCH = {
    "this disposition is not allowed for this category": (
        "Deze bestemming is niet toegestaan voor deze soort document."
    ),
    "this document no longer waits in review": "Over dit document is al besloten.",
    "reason: not one of the listed reasons": "Kies een reden uit de lijst.",
    "category: not a known category": "Kies een soort document.",
    "disposition: not a known disposition": "Kies een bestemming.",
    "disposition: a decision takes the document out of review": "Kies een bestemming.",
    "id_number: 6 to 12 letters and digits": "Het documentnummer is 6 tot 12 letters en cijfers.",
    "id_valid_until: not a date (YYYY-MM-DD)": "De geldigheid is geen datum (JJJJ-MM-DD).",
}


def _dutch(message: str) -> str:
    if message in _DUTCH:
        return _DUTCH[message]
    if message.startswith("an ID copy is destroyed"):
        return (
            "Een kopie van een ID-bewijs wordt vernietigd met nummer en geldigheid, of als "
            "ID-bewijs van iemand anders (reden: gaat niet over de aanvrager)."
        )
    if message.startswith("motivation"):
        return "De toelichting is te lang."
    return "Dit besluit kan niet worden verwerkt."
