"""HTTP routes (thin): translate bodies into commands, delegate to the handlers, answer with views."""

from __future__ import annotations

from typing import Annotated

from contracts.bodies.requests import (
    AmendmentBody,
    BatchBody,
    DecisionBody,
    ErasureBody,
    FocalPointBody,
    SubmitRequestBody,
    WithdrawalBody,
)
from contracts.events.requests import AuthorityType, Region, ThematicArea
from fastapi import APIRouter, Depends, Query
from service_core.app import CurrentPrincipal
from service_core.application import Result
from service_core.auth import Principal
from service_core.bodies import command_from
from service_core.dependencies import get_application, get_queries, today
from service_core.inputs import ProgrammeDate
from service_core.openapi import error_responses
from service_core.page_params import LISTED, SEARCH, PageRequest, ordering, page_request, values
from service_core.paging import Order
from service_core.portfolio_routes import portfolio_router

from requests_service.adapters import portfolio
from requests_service.adapters.views import ORDERS, RequestFilter
from requests_service.application.handlers import App, new_request_id
from requests_service.application.queries import RequestQueries
from requests_service.domain.commands import (
    AmendRequest,
    DecideRequest,
    EraseFocalPoint,
    NominateFocalPoint,
    SubmitRequest,
    WithdrawRequest,
)
from requests_service.domain.state import RequestStatus
from requests_service.entrypoints.reference import reference_router
from requests_service.entrypoints.schemas import BatchResponse, CommandResponse, RequestPage, RequestView

Commands = Annotated[App, Depends(get_application)]
Queries = Annotated[RequestQueries, Depends(get_queries)]

_ERRORS = error_responses("request")
_COMMAND_ERRORS = error_responses("request", commands=True)


async def _answer(queries: RequestQueries, principal: Principal, result: Result) -> CommandResponse:
    view = RequestView.from_row(await queries.get(principal, result.stream_id))
    return CommandResponse(request=view, version=result.version, position=result.position)


def build_router() -> APIRouter:
    router = APIRouter()
    requests = APIRouter(prefix="/requests", tags=["requests"])

    @requests.post(
        "", status_code=201, summary="Submit a request; eligibility is assessed at once", responses=_COMMAND_ERRORS
    )
    async def submit(
        body: SubmitRequestBody, principal: CurrentPrincipal, commands: Commands, queries: Queries
    ) -> CommandResponse:
        request_id = new_request_id(body.external_reference, principal, commands.new_id)
        command = command_from(SubmitRequest, body, today=today(), request_id=request_id)
        return await _answer(queries, principal, await commands.handle(command, principal))

    @requests.get(
        "",
        summary="List requests visible to the token, newest received first (or in `order_by`), filtered, searched",
        responses=_ERRORS,
    )
    async def list_requests(
        principal: CurrentPrincipal,
        paging: Annotated[PageRequest, Depends(page_request)],
        order: Annotated[Order, Depends(ordering(ORDERS))],
        queries: Queries,
        region: Region | None = None,
        country: Annotated[str | None, Query(pattern=r"^[A-Z]{2}$")] = None,
        status: RequestStatus | None = None,
        thematic_area: ThematicArea | None = None,
        authority_type: AuthorityType | None = None,
        authority_id: Annotated[str | None, Query(max_length=80)] = None,
        external_reference: Annotated[str | None, Query(max_length=100)] = None,
        received_from: ProgrammeDate | None = None,
        received_to: ProgrammeDate | None = None,
        region_in: Annotated[list[Region] | None, LISTED] = None,
        status_in: Annotated[list[RequestStatus] | None, LISTED] = None,
        search: Annotated[str | None, SEARCH] = None,
    ) -> RequestPage:
        filters = RequestFilter(
            region=region,
            country=country,
            status=status,
            thematic_area=thematic_area,
            authority_type=authority_type,
            authority_id=authority_id,
            external_reference=external_reference,
            received_from=received_from,
            received_to=received_to,
            region_in=values(region_in),
            status_in=values(status_in),
            search=search,
        )
        page = await queries.list(principal, filters, paging.limit, paging.position, order)
        return RequestPage(
            items=[RequestView.from_row(row) for row in page.rows],
            cursors=page.cursors,
            total_count=page.total_count,
            has_next_page=page.has_next_page,
            has_previous_page=page.has_previous_page,
            next_cursor=page.next_cursor,
        )

    @requests.post("/batch", summary="Read many requests by id (DataLoaders): one item per id", responses=_ERRORS)
    async def batch(body: BatchBody, principal: CurrentPrincipal, queries: Queries) -> BatchResponse:
        rows = await queries.batch(principal, body.ids)
        return BatchResponse(items=[RequestView.from_row(row) if row else None for row in rows])

    @requests.get("/{request_id}", summary="One request", responses=_COMMAND_ERRORS)
    async def get_request(request_id: str, principal: CurrentPrincipal, queries: Queries) -> RequestView:
        return RequestView.from_row(await queries.get(principal, request_id))

    @requests.post(
        "/{request_id}/decision", summary="The steering group approves, rejects or defers", responses=_COMMAND_ERRORS
    )
    async def decide(
        request_id: str, body: DecisionBody, principal: CurrentPrincipal, commands: Commands, queries: Queries
    ) -> CommandResponse:
        command = command_from(DecideRequest, body, today=today(), request_id=request_id)
        return await _answer(queries, principal, await commands.handle(command, principal))

    @requests.post(
        "/{request_id}/withdrawal", summary="Withdraw a request (until it is decided)", responses=_COMMAND_ERRORS
    )
    async def withdraw(
        request_id: str, body: WithdrawalBody, principal: CurrentPrincipal, commands: Commands, queries: Queries
    ) -> CommandResponse:
        command = command_from(WithdrawRequest, body, today=today(), request_id=request_id)
        return await _answer(queries, principal, await commands.handle(command, principal))

    @requests.post(
        "/{request_id}/amendment",
        summary="Correct a request not yet decided (places, subject); it is assessed again",
        responses=_COMMAND_ERRORS,
    )
    async def amend(
        request_id: str, body: AmendmentBody, principal: CurrentPrincipal, commands: Commands, queries: Queries
    ) -> CommandResponse:
        command = command_from(AmendRequest, body, today=today(), request_id=request_id)
        return await _answer(queries, principal, await commands.handle(command, principal))

    @requests.post(
        "/{request_id}/focal-points", summary="Nominate (or replace) a focal point (R23)", responses=_COMMAND_ERRORS
    )
    async def nominate(
        request_id: str, body: FocalPointBody, principal: CurrentPrincipal, commands: Commands, queries: Queries
    ) -> CommandResponse:
        command = command_from(
            NominateFocalPoint, body, today=today(), request_id=request_id, focal_point_id=commands.new_id()
        )
        return await _answer(queries, principal, await commands.handle(command, principal))

    @requests.post(
        "/{request_id}/focal-points/{focal_point_id}/erasure",
        summary="Erase a focal point's personal data (programme managers)",
        responses=_COMMAND_ERRORS,
    )
    async def erase_focal_point(
        request_id: str,
        focal_point_id: str,
        body: ErasureBody,
        principal: CurrentPrincipal,
        commands: Commands,
        queries: Queries,
    ) -> CommandResponse:
        command = command_from(
            EraseFocalPoint, body, today=today(), request_id=request_id, focal_point_id=focal_point_id
        )
        return await _answer(queries, principal, await commands.handle(command, principal))

    router.include_router(requests)
    router.include_router(reference_router())
    router.include_router(portfolio_router("requests", portfolio.funnel, portfolio.empty, portfolio.IGNORED))
    return router
