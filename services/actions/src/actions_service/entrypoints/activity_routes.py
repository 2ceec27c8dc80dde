"""HTTP routes of activities and deliverables (thin): reads in batches, changes addressed by their own id."""

from __future__ import annotations

from contracts.bodies.actions import (
    ActionIdsBody,
    IdsBody,
)
from fastapi import APIRouter
from service_core.app import CurrentPrincipal

from actions_service.entrypoints.command_routes import ACTIVITY_ROUTES, DELIVERABLE_ROUTES, add_command_routes
from actions_service.entrypoints.deps import COMMAND_ERRORS, ERRORS, Queries
from actions_service.entrypoints.views import (
    ActivityBatch,
    ActivityLists,
    ActivityView,
    DeliverableLists,
    DeliverableView,
)


def activity_router() -> APIRouter:
    router = APIRouter()
    activities = APIRouter(prefix="/activities", tags=["activities"])
    deliverables = APIRouter(prefix="/deliverables", tags=["deliverables"])

    @activities.post("/batch", summary="Activities by id (DataLoaders): one item per id", responses=ERRORS)
    async def batch(body: IdsBody, principal: CurrentPrincipal, queries: Queries) -> ActivityBatch:
        rows = await queries.activities(principal, body.ids)
        return ActivityBatch(items=[ActivityView.from_row(row) if row else None for row in rows])

    @activities.post(
        "/batch-by-action", summary="The activities of each Action, in date order: one list per id", responses=ERRORS
    )
    async def batch_by_action(body: ActionIdsBody, principal: CurrentPrincipal, queries: Queries) -> ActivityLists:
        lists = await queries.activities_of(principal, body.action_ids)
        return ActivityLists(items=[[ActivityView.from_row(row) for row in rows] for rows in lists])

    @activities.get("/{activity_id}", summary="One activity", responses=COMMAND_ERRORS)
    async def get_activity(activity_id: str, principal: CurrentPrincipal, queries: Queries) -> ActivityView:
        return ActivityView.from_row(await queries.activity(principal, activity_id))

    @deliverables.post("/batch-by-action", summary="The deliverables of each Action: one list per id", responses=ERRORS)
    async def deliverables_by_action(
        body: ActionIdsBody, principal: CurrentPrincipal, queries: Queries
    ) -> DeliverableLists:
        lists = await queries.deliverables_of(principal, body.action_ids)
        return DeliverableLists(items=[[DeliverableView.from_row(row) for row in rows] for rows in lists])

    @deliverables.get("/{deliverable_id}", summary="One deliverable", responses=COMMAND_ERRORS)
    async def get_deliverable(deliverable_id: str, principal: CurrentPrincipal, queries: Queries) -> DeliverableView:
        return DeliverableView.from_row(await queries.deliverable(principal, deliverable_id))

    add_command_routes(activities, ACTIVITY_ROUTES)
    add_command_routes(deliverables, DELIVERABLE_ROUTES)
    router.include_router(activities)
    router.include_router(deliverables)
    return router
