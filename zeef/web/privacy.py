"""The privacy officer's pages: inspection packages waiting for approval, the consent
register of third parties, and the access report per case (who opened what, when).

Approving here is the same step as the `zeef_inzage` DAG's approval and `zeef inzage
release` (`zeef.pipeline.inzage.flow`): the approver must not be the preparer. The
access report is open to the admin role too; approvals and consent are the officer's.

With Airflow configured (`web.airflow`, an `AirflowApprovals`: `ZEEF_AIRFLOW_API_URL`,
`ZEEF_AIRFLOW_API_TOKEN`), a package that a `zeef_inzage` run prepared and waits on is
approved or rejected by answering that run's approval in Airflow, in the officer's name;
the run then releases or rejects it. While a run for the case is active but not waiting
(preparing, or busy with an answer) nothing is done here; with Airflow unreachable
neither. Without Airflow configured, or with no run for the case, the step is taken here.
"""

from __future__ import annotations

import datetime as dt
import logging
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from zeef.domain.errors import InvalidInput
from zeef.pipeline import access
from zeef.pipeline.accounts import ADMIN, PRIVACY_OFFICER
from zeef.pipeline.inzage import consent, flow
from zeef.pipeline.registry import is_registered, load_registered, registered_case_ids
from zeef.storage.lock import CaseBusy
from zeef.web.airflow_hitl import APPROVE, REJECT, AirflowApiError

log = logging.getLogger(__name__)
OWN_PACKAGE = "U heeft dit pakket zelf klaargezet; een andere functionaris keurt het goed."
NOTHING_WAITS = "Er wacht geen pakket, of de reden ontbreekt."
REASON_MAX = 500  # the DAG's field `reason` (maxLength)


def router(web) -> APIRouter:
    r = APIRouter()
    store = web.store

    def _case(case_id: str) -> str:
        from starlette.exceptions import HTTPException

        if not is_registered(store, case_id):
            raise HTTPException(404)
        return case_id

    def _airflow():
        """The Airflow approvals adapter, when the web app has one (set after start-up
        too: read at each request)."""
        return getattr(web, "airflow", None)

    def _in_airflow(airflow) -> tuple[dict[str, dict], set[str]]:
        """The approvals waiting in Airflow by case, and the cases of active runs."""
        return airflow.waiting_all(), airflow.active_cases()

    def _refused(request: Request, message: str, status: int = 400, title: str = "Niet verwerkt"):
        return web.page(
            request, "error.html", status, title=title, message=message, back="/privacy"
        )

    @r.get("/privacy")
    def overview(request: Request):
        user, _ = web.require(request, PRIVACY_OFFICER, ADMIN)
        rows = []
        for case_id in registered_case_ids(store):
            try:
                status = flow.status(store, case_id)
            except InvalidInput:
                continue
            rows.append({"case_id": case_id, **status, "airflow": None})
        unreachable, airflow = False, _airflow()
        if airflow is not None and any(row["prepared"] for row in rows):
            try:
                waits, active = _in_airflow(airflow)
            except AirflowApiError as exc:
                log.warning("airflow approvals not read status=%s", exc.status)
                waits, active, unreachable = {}, set(), True
            for row in rows:
                if row["prepared"] and row["case_id"] in waits:
                    row["airflow"] = "waiting"
                elif row["prepared"] and row["case_id"] in active:
                    row["airflow"] = "busy"
        passed = request.query_params.get("airflow")
        return web.page(
            request,
            "privacy.html",
            rows=rows,
            officer=user.role == PRIVACY_OFFICER,
            done=request.query_params.get("klaar"),
            passed=passed if passed and is_registered(store, passed) else None,
            rejected=request.query_params.get("keuze") == "afkeuren",
            unreachable=unreachable,
        )

    async def _via_airflow(request: Request, airflow, user, case_id: str, release: bool,
                           reason: str):  # fmt: skip
        """The officer's answer given to the case's waiting `zeef_inzage` run: a
        response when Airflow took it or refused, None when no run for the case is
        active (the step is then taken here)."""
        manifest = flow._manifest(store, case_id)
        if manifest is not None and manifest.get("prepared_by") == user.name:
            return _refused(request, OWN_PACKAGE)  # before Airflow is asked anything
        try:
            waits, active = await run_in_threadpool(_in_airflow, airflow)
            detail = waits.get(case_id)
            if detail is None and case_id not in active:
                return None
            if detail is None:
                return _refused(
                    request,
                    "Airflow werkt nu aan dit inzageverzoek. Vernieuw de pagina straks.",
                    409,
                )
            if manifest is None or (not release and not reason):
                return _refused(request, NOTHING_WAITS)
            if len(reason) > REASON_MAX:
                return _refused(request, f"De reden is te lang (ten hoogste {REASON_MAX} tekens).")
            option = APPROVE if release else REJECT
            await run_in_threadpool(airflow.answer, detail, option, user.name, reason or None)
        except AirflowApiError as exc:
            log.warning("airflow approval not answered case=%s status=%s", case_id, exc.status)
            if exc.status == 409:
                return _refused(request, "Dit verzoek is intussen al beantwoord in Airflow.", 409)
            if exc.status in (401, 403):
                message = "De webapp heeft geen toegang tot Airflow. Meld dit bij de beheerder."
            else:
                message = "Airflow is nu niet bereikbaar. Probeer het later opnieuw."
            return _refused(request, message, 503, title="Even geduld")
        log.info("inzage %s case=%s via airflow", "approved" if release else "rejected", case_id)
        choice = "vrijgeven" if release else "afkeuren"
        return RedirectResponse(
            "/privacy?" + urlencode({"airflow": case_id, "keuze": choice}), status_code=303
        )

    async def _approval(request: Request, case_id: str, release: bool):
        user, session = web.require(request, PRIVACY_OFFICER)
        form = await web.form(request, session)
        _case(case_id)
        airflow = _airflow()
        if airflow is not None:
            reason = "" if release else form.get("reason", "").strip()
            answered = await _via_airflow(request, airflow, user, case_id, release, reason)
            if answered is not None:
                return answered
        try:
            if release:
                flow.release(store, case_id, approver=user.name)
            else:
                flow.reject(store, case_id, approver=user.name, reason=form.get("reason", ""))
        except InvalidInput as exc:
            message = (
                OWN_PACKAGE if "prepared" in str(exc) and "must not" in str(exc) else NOTHING_WAITS
            )
            return _refused(request, message)
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
