"""HTTP routes of Actions (thin): reads, batches for DataLoaders, the Fiche, planning, completion."""

from __future__ import annotations

from typing import Annotated

from contracts.bodies.actions import (
    IdsBody,
    RequestIdsBody,
)
from contracts.events.actions import Phase
from contracts.events.requests import Region, ThematicArea
from contracts.views.actions import ActionStatus
from fastapi import APIRouter, Depends, Path, Query
from service_core.app import CurrentPrincipal
from service_core.page_params import LISTED, SEARCH, PageRequest, ordering, page_request, values
from service_core.paging import Order
from service_core.portfolio_routes import portfolio_router

from actions_service.adapters import portfolio
from actions_service.adapters.views import ORDERS, ActionFilter
from actions_service.entrypoints.activity_routes import activity_router
from actions_service.entrypoints.command_routes import ACTION_ROUTES, add_command_routes
from actions_service.entrypoints.deps import COMMAND_ERRORS, ERRORS, Queries, Today
from actions_service.entrypoints.views import ActionBatch, ActionPage, ActionView, TopicCatalogue

ActionCode = Annotated[str, Path(pattern=r"^\d{4}-\d{2,}$", description="YYYY-NN", examples=["2016-07"])]


def build_router() -> APIRouter:
    router = APIRouter()
    actions = APIRouter(prefix="/actions", tags=["actions"])

    @actions.get(
        "",
        summary="List Actions visible to the token, latest approved first (or in `order_by`), filtered, searched",
        responses=ERRORS,
    )
    async def list_actions(
        principal: CurrentPrincipal,
        paging: Annotated[PageRequest, Depends(page_request)],
        order: Annotated[Order, Depends(ordering(ORDERS))],
        queries: Queries,
        on: Today,
        region: Region | None = None,
        country: Annotated[str | None, Query(pattern=r"^[A-Z]{2}$")] = None,
        phase: Phase | None = None,
        thematic_area: ThematicArea | None = None,
        status: ActionStatus | None = None,
        launched_late: Annotated[bool | None, Query(description="R10, computed against today")] = None,
        request_id: Annotated[str | None, Query(max_length=64)] = None,
        authority_id: Annotated[str | None, Query(max_length=80)] = None,
        region_in: Annotated[list[Region] | None, LISTED] = None,
        status_in: Annotated[list[ActionStatus] | None, LISTED] = None,
        search: Annotated[str | None, SEARCH] = None,
    ) -> ActionPage:
        filters = ActionFilter(
            region=region,
            country=country,
            phase=phase,
            thematic_area=thematic_area,
            status=status,
            launched_late=launched_late,
            request_id=request_id,
            authority_id=authority_id,
            region_in=values(region_in),
            status_in=values(status_in),
            search=search,
        )
        page = await queries.page(principal, filters, paging.limit, paging.position, order, on)
        return ActionPage(
            items=[ActionView.from_row(row, on) for row in page.rows],
            cursors=page.cursors,
            total_count=page.total_count,
            has_next_page=page.has_next_page,
            has_previous_page=page.has_previous_page,
            next_cursor=page.next_cursor,
        )

    @actions.post("/batch", summary="Actions by id (DataLoaders): one item per id", responses=ERRORS)
    async def batch(body: IdsBody, principal: CurrentPrincipal, queries: Queries, on: Today) -> ActionBatch:
        rows = await queries.batch(principal, body.ids)
        return ActionBatch(items=[ActionView.from_row(row, on) if row else None for row in rows])

    @actions.post(
        "/batch-by-request", summary="The Action of each request (DataLoaders): one item per id", responses=ERRORS
    )
    async def batch_by_request(
        body: RequestIdsBody, principal: CurrentPrincipal, queries: Queries, on: Today
    ) -> ActionBatch:
        rows = await queries.batch_by_request(principal, body.request_ids)
        return ActionBatch(items=[ActionView.from_row(row, on) if row else None for row in rows])

    @actions.get("/by-code/{code}", summary="One Action by its code (YYYY-NN)", responses=COMMAND_ERRORS)
    async def get_by_code(code: ActionCode, principal: CurrentPrincipal, queries: Queries, on: Today) -> ActionView:
        return ActionView.from_row(await queries.by_code(principal, code), on)

    @actions.get("/{action_id}", summary="One Action", responses=COMMAND_ERRORS)
    async def get_action(action_id: str, principal: CurrentPrincipal, queries: Queries, on: Today) -> ActionView:
        return ActionView.from_row(await queries.get(principal, action_id), on)

    @router.get("/topics", tags=["actions"], summary="The topic catalogue Actions are classified with")
    async def topics(_: CurrentPrincipal) -> TopicCatalogue:
        return TopicCatalogue.of_catalogue()

    add_command_routes(actions, ACTION_ROUTES)
    router.include_router(actions)
    router.include_router(activity_router())
    router.include_router(portfolio_router("actions", portfolio.figures, portfolio.empty, portfolio.IGNORED))
    return router
