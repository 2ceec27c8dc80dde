"""`GET /factsheets` (the list) and `GET /factsheets/{subject}.html|.pdf`, within the caller's access:
programme managers and the reporting role (figures only: it may not list Actions) any subject; a regional
coordinator its own region and every thematic area, seen as far as its region goes."""

from __future__ import annotations

import time

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from service_core.auth import Principal, Role, TokenVerifier

from gateway.clients import ServiceError, ServiceUnavailable
from gateway.factsheets.data import Subject, every_subject, subject_of
from gateway.factsheets.render import MEDIA_TYPES, Format, render
from gateway.plain_http import bearer
from gateway.plain_http import error_response as _error

READERS = (Role.PROGRAMME_MANAGER, Role.REPORTING, Role.REGIONAL_COORDINATOR)


def refusal(principal: Principal, subject: Subject) -> JSONResponse | None:
    if not any(principal.has(role) for role in READERS):
        return _error(403, "FORBIDDEN", "factsheets are for programme managers, coordinators and the reporting role")
    wide = principal.has(Role.PROGRAMME_MANAGER) or principal.has(Role.REPORTING)
    if not wide and subject.kind == "region" and subject.value != principal.region:
        return _error(
            403, "FORBIDDEN", f"a coordinator reads its own region's factsheet ({principal.region})", "subject"
        )
    return None


def factsheet_router(verifier: TokenVerifier, budget_s: float) -> APIRouter:
    """The services' clients are the gateway's own (`app.state.services`); every call carries the caller's token."""
    router = APIRouter(tags=["reports"])

    @router.get("/factsheets", summary="The factsheets there are: one per region and per thematic area")
    async def index() -> dict[str, list[dict[str, str]]]:
        return {
            "items": [
                {"subject": s.value, "kind": s.kind, "title": s.title, "html": f"/factsheets/{s.value}.html",
                 "pdf": f"/factsheets/{s.value}.pdf"}
                for s in every_subject()
            ]
        }  # fmt: skip

    @router.get(
        "/factsheets/{name}",
        summary="A region's or thematic area's factsheet: figures, charts, the Actions with outcomes and lessons",
        response_class=Response,
        responses={200: {"content": {"text/html": {}, "application/pdf": {}}}},
    )
    async def factsheet(request: Request, name: str) -> Response:
        caller = bearer(request, verifier)
        if isinstance(caller, JSONResponse):
            return caller
        principal, token = caller
        stem, _, extension = name.rpartition(".")
        if extension not in MEDIA_TYPES:
            return _error(404, "NOT_FOUND", f"{name!r}: a factsheet is <subject>.html or <subject>.pdf", "format")
        subject = subject_of(stem)
        if subject is None:
            known = ", ".join(s.value for s in every_subject())
            return _error(404, "NOT_FOUND", f"no factsheet {stem!r}: one of {known}", "subject")
        if (refused := refusal(principal, subject)) is not None:
            return refused
        wanted: Format = "html" if extension == "html" else "pdf"
        try:
            made = await render(request.app.state.services, token, subject, (wanted,), time.monotonic() + budget_s)
        except ServiceUnavailable as exc:
            return _error(503, "SERVICE_UNAVAILABLE", f"{exc}; try again shortly")
        except ServiceError as exc:
            return _error(exc.status, exc.code, exc.message, exc.field)
        disposition = f'inline; filename="mieux-factsheet-{subject.value.lower()}.{wanted}"'
        return Response(made[wanted], media_type=MEDIA_TYPES[wanted], headers={"Content-Disposition": disposition})

    return router
