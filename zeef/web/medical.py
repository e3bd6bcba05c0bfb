"""The medical adviser's door: what was forwarded to the adviser, receipts, advices.

Only the ``medical_adviser`` role enters; anyone else gets 403 and the attempt is
recorded (in the app's own trail, `WEB_TRAIL`, for pages that are not one case's; in the
case's trail for a case's page).
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from zeef.domain.errors import ZeefError
from zeef.domain.records import DocumentRecord, RecordError, record_from_bytes
from zeef.domain.vocabulary import Disposition
from zeef.pipeline import access
from zeef.pipeline.accounts import MEDICAL_ADVISER
from zeef.pipeline.registry import is_registered, load_registered, registered_case_ids
from zeef.pipeline.review_decision import DecisionError, confirm_receipt, record_advice
from zeef.pipeline.route import ROUTES, record_key
from zeef.storage import ObjectNotFound
from zeef.storage.lock import CaseBusy

log = logging.getLogger(__name__)
OUTBOX = ROUTES[Disposition.FORWARD_MEDICAL_ADVISER].prefix.split("{", 1)[0]


def waiting_for_adviser(store) -> list[dict]:
    """Every document in the medical adviser's outbox: case, sha256, record fields."""
    out = []
    for key in store.list(OUTBOX):
        case_id, _, sha = key[len(OUTBOX) :].partition("/")
        try:
            record = record_from_bytes(store.get(record_key(case_id, sha)))
        except (ObjectNotFound, RecordError, ValueError):
            record = None
        if not isinstance(record, DocumentRecord):
            continue
        out.append({"case_id": case_id, "sha256": sha, "record": record})
    out.sort(key=lambda x: (x["record"].received, x["case_id"]))
    return out


def router(web) -> APIRouter:
    r = APIRouter()
    store = web.store

    def adviser(request: Request, case_id: str | None = None):
        """The adviser's session; anyone else: 403 with the attempt recorded."""
        from zeef.web.app import Denied

        user, session = web.user(request)
        if user.role != MEDICAL_ADVISER:
            known = case_id is not None and is_registered(store, case_id)
            try:
                access.record_refusal(
                    store,
                    case_id if known else access.WEB_TRAIL,
                    None,
                    actor=user.name,
                    role=user.role,
                )
            except (ZeefError, CaseBusy, ValueError):
                log.error("could not record a refused access")
            raise Denied(403)
        return user, session

    @r.get("/medical")
    def medical(request: Request):
        adviser(request)
        return web.page(
            request,
            "medical.html",
            items=waiting_for_adviser(store),
            cases=registered_case_ids(store),
            done=request.query_params.get("ontvangen"),
            advice=request.query_params.get("advies"),
        )

    @r.get("/medical/advice")
    def advice_for(request: Request, case: str = ""):
        """The advice form of the case chosen on /medical (a case whose documents were
        received leaves the list: the advice is recorded after)."""
        adviser(request)
        if not is_registered(store, case):
            from starlette.exceptions import HTTPException

            raise HTTPException(404)
        return RedirectResponse(f"/medical/{case}/advice", status_code=303)

    @r.post("/medical/{case_id}/{sha256}/received")
    async def received(request: Request, case_id: str, sha256: str):
        user, session = adviser(request, case_id)
        await web.form(request, session)
        try:
            confirm_receipt(store, case_id, sha256, actor=user.name)
        except DecisionError:
            return web.page(
                request,
                "error.html",
                400,
                title="Niet verwerkt",
                message="Dit document wacht niet (meer) op de medisch adviseur.",
                back="/medical",
            )
        except CaseBusy:
            from zeef.web.app import Busy

            raise Busy() from None
        log.info("receipt confirmed case=%s sha256=%s", case_id, sha256[:12])
        return RedirectResponse(f"/medical?ontvangen={sha256[:12]}", status_code=303)

    @r.get("/medical/{case_id}/advice")
    def advice_form(request: Request, case_id: str):
        adviser(request, case_id)
        load_registered(store, case_id)
        return web.page(request, "advice.html", case_id=case_id)

    @r.post("/medical/{case_id}/advice")
    async def advice(request: Request, case_id: str):
        user, session = adviser(request, case_id)
        form = await web.form(request, session)
        try:
            record_advice(store, case_id, form.get("advice", ""), actor=user.name)
        except DecisionError:
            return web.page(
                request, "advice.html", 400, case_id=case_id, error="Het advies is leeg of te lang."
            )
        log.info("advice recorded case=%s", case_id)
        return RedirectResponse("/medical?advies=1", status_code=303)

    return r
