"""The privacy officer's pages: inspection packages waiting for approval, the consent
register of third parties, and the access report per case (who opened what, when).

Approving here is the same step as the `zeef_inzage` DAG's approval and `zeef inzage
release` (`zeef.pipeline.inzage.flow`): the approver must not be the preparer. The
access report is open to the admin role too; approvals and consent are the officer's.
"""

from __future__ import annotations

import datetime as dt
import logging

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from zeef.domain.errors import InvalidInput
from zeef.pipeline import access
from zeef.pipeline.accounts import ADMIN, PRIVACY_OFFICER
from zeef.pipeline.inzage import consent, flow
from zeef.pipeline.registry import load_registered
from zeef.storage.lock import CaseBusy

log = logging.getLogger(__name__)


def registered_cases(store) -> list[str]:
    out = []
    for key in store.list("cases/"):
        parts = key.split("/")
        if len(parts) == 3 and parts[2] == "case.json":
            out.append(parts[1])
    return sorted(out)


def router(web) -> APIRouter:
    r = APIRouter()
    store = web.store

    def _case(case_id: str) -> str:
        from starlette.exceptions import HTTPException

        if case_id not in registered_cases(store):
            raise HTTPException(404)
        return case_id

    @r.get("/privacy")
    def overview(request: Request):
        user, _ = web.require(request, PRIVACY_OFFICER, ADMIN)
        rows = []
        for case_id in registered_cases(store):
            try:
                status = flow.status(store, case_id)
            except InvalidInput:
                continue
            rows.append({"case_id": case_id, **status})
        return web.page(
            request,
            "privacy.html",
            rows=rows,
            officer=user.role == PRIVACY_OFFICER,
            done=request.query_params.get("klaar"),
        )

    async def _approval(request: Request, case_id: str, release: bool):
        user, session = web.require(request, PRIVACY_OFFICER)
        form = await web.form(request, session)
        _case(case_id)
        try:
            if release:
                flow.release(store, case_id, approver=user.name)
            else:
                flow.reject(store, case_id, approver=user.name, reason=form.get("reason", ""))
        except InvalidInput as exc:
            message = (
                "U heeft dit pakket zelf klaargezet; een andere functionaris keurt het goed."
                if "prepared" in str(exc) and "must not" in str(exc)
                else "Er wacht geen pakket, of de reden ontbreekt."
            )
            return web.page(
                request, "error.html", 400, title="Niet verwerkt", message=message, back="/privacy"
            )
        except CaseBusy:
            from zeef.web.app import Busy

            raise Busy() from None
        log.info("inzage %s case=%s", "released" if release else "rejected", case_id)
        return RedirectResponse("/privacy?klaar=" + case_id, status_code=303)

    @r.post("/privacy/inzage/{case_id}/release")
    async def release(request: Request, case_id: str):
        return await _approval(request, case_id, True)

    @r.post("/privacy/inzage/{case_id}/reject")
    async def reject(request: Request, case_id: str):
        return await _approval(request, case_id, False)

    @r.get("/privacy/cases/{case_id}/consent")
    def consent_page(request: Request, case_id: str):
        web.require(request, PRIVACY_OFFICER)
        _case(case_id)
        return web.page(
            request, "consent.html", case_id=case_id, entries=consent.load(store, case_id)
        )

    @r.post("/privacy/cases/{case_id}/consent")
    async def consent_record(request: Request, case_id: str):
        user, session = web.require(request, PRIVACY_OFFICER)
        form = await web.form(request, session)
        _case(case_id)
        try:
            flow.record_consent(
                store,
                case_id,
                form.get("person", ""),
                form.get("decision", ""),
                by=user.name,
                on=dt.datetime.now(dt.UTC).date(),
                outweighed=form.get("outweighed") == "1",
                weighing=form.get("weighing", ""),
            )
        except InvalidInput:
            return web.page(
                request,
                "consent.html",
                400,
                case_id=case_id,
                entries=consent.load(store, case_id),
                error="Vul de naam in, kies een antwoord en licht een doorbroken weigering toe.",
            )
        return RedirectResponse(f"/privacy/cases/{case_id}/consent", status_code=303)

    @r.get("/privacy/cases/{case_id}/access")
    def access_report(request: Request, case_id: str):
        web.require(request, PRIVACY_OFFICER, ADMIN)
        _case(case_id)
        load_registered(store, case_id)
        return web.page(
            request, "access.html", case_id=case_id, events=access.report(store, case_id)
        )

    return r
