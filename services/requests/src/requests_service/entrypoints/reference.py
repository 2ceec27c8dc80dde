"""Reference data over HTTP: partner countries and regional organisations (token required)."""

from __future__ import annotations

from contracts.views.requests import CountryView, OrganisationView
from fastapi import APIRouter
from service_core.app import CurrentPrincipal

from requests_service.reference import all_countries, organisations


def reference_router() -> APIRouter:
    router = APIRouter(prefix="/reference", tags=["reference"])

    @router.get("/countries", summary="ISO countries; partner ones carry their region and EU instruments")
    async def countries(_: CurrentPrincipal, partner_only: bool = True) -> list[CountryView]:
        return [
            CountryView(
                code=c.code, name=c.name, region=c.region, instruments=list(c.instruments), partner=c.is_partner
            )
            for c in all_countries()
            if c.is_partner or not partner_only
        ]

    @router.get("/regional-organisations", summary="Regional organisations that may request, with their region")
    async def regional_organisations(_: CurrentPrincipal) -> list[OrganisationView]:
        return [OrganisationView(code=o.code, name=o.name, region=o.region) for o in organisations()]

    return router
