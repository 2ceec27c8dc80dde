"""`GET /iati/activities.xml`: the IATI 2.03 export, for programme managers and the reporting role."""

from __future__ import annotations

from contracts.events.actions import Phase
from contracts.events.requests import Region
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from service_core.auth import Role, TokenVerifier

from gateway.iati.document import Publisher, iati_activities, to_bytes
from gateway.iati.feed import IatiFeed, StreamUnavailable
from gateway.plain_http import bearer
from gateway.plain_http import error_response as _error

ALLOWED = (Role.PROGRAMME_MANAGER, Role.REPORTING)


def iati_router(verifier: TokenVerifier, feed: IatiFeed, publisher: Publisher | None = None) -> APIRouter:
    router = APIRouter(tags=["reports"])
    publishing = publisher or Publisher()

    @router.get(
        "/iati/activities.xml",
        summary="IATI 2.03 iati-activities: one activity per Action (filters: region, phase)",
        response_class=Response,
        responses={200: {"content": {"application/xml": {}}}},
    )
    async def activities(request: Request, region: str | None = None, phase: str | None = None) -> Response:
        caller = bearer(request, verifier)
        if isinstance(caller, JSONResponse):
            return caller
        principal, _ = caller
        if not any(principal.has(role) for role in ALLOWED):
            return _error(403, "FORBIDDEN", "the IATI export is for programme managers and the reporting role")
        for name, value, allowed in (("region", region, Region), ("phase", phase, Phase)):
            if value is not None and value not in allowed.__members__:
                choices = ", ".join(allowed.__members__)
                return _error(422, "VALIDATION_ERROR", f"{name}: unknown value {value!r}; one of {choices}", name)
        try:
            portfolio = await feed.refresh()
        except StreamUnavailable as exc:
            return _error(503, "SERVICE_UNAVAILABLE", f"{exc}; try again shortly")
        chosen = portfolio.matching(region, phase)
        if not chosen:  # IATI requires at least one activity in a file
            field = "region" if region else "phase" if phase else None
            return _error(404, "NOT_FOUND", "no Action matches these filters" if field else "no Action yet", field)
        document = iati_activities(chosen, portfolio.authorities, publishing)
        return Response(to_bytes(document), media_type="application/xml")

    return router
