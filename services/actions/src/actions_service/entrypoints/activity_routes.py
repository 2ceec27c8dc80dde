"""HTTP routes of activities and deliverables (thin): reads in batches, changes addressed by their own id."""

from __future__ import annotations

from contracts.bodies.actions import (
    ActionIdsBody,
    CancelActivityBody,
    DeliverableStatusBody,
    HoldActivityBody,
    IdsBody,
    PlanBody,
    ReplanActivityBody,
    RescheduleActivityBody,
)
from fastapi import APIRouter
from service_core.app import CurrentPrincipal
from service_core.auth import Principal
from service_core.bodies import command_from

from actions_service.application.queries import ActionQueries
from actions_service.domain.commands import (
    ActivityPlan,
    CancelActivity,
    ChangeDeliverableStatus,
    HoldActivity,
    ReplanActivity,
    RescheduleActivity,
)
from actions_service.entrypoints.deps import COMMAND_ERRORS, ERRORS, Commands, Queries, Today, answer
from actions_service.entrypoints.views import (
    ActivityBatch,
    ActivityLists,
    ActivityView,
    CommandResponse,
    DeliverableLists,
    DeliverableView,
)


def plan_of(body: PlanBody) -> ActivityPlan:
    return ActivityPlan(
        activity_type=body.activity_type,
        starts_on=body.starts_on,
        ends_on=body.ends_on,
        remote=body.remote,
        place_country=body.place_country,
        place_city=body.place_city,
        planned_participants=body.planned_participants,
    )


async def _action_of_activity(queries: ActionQueries, principal: Principal, activity_id: str) -> str:
    return await queries.action_of(principal, "activity_view", "activity", activity_id)


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

    @activities.post(
        "/{activity_id}/replanning",
        summary="Redesign a planned activity, with the reason (R11)",
        responses=COMMAND_ERRORS,
    )
    async def replan(
        activity_id: str,
        body: ReplanActivityBody,
        principal: CurrentPrincipal,
        commands: Commands,
        queries: Queries,
        on: Today,
    ) -> CommandResponse:
        action_id = await _action_of_activity(queries, principal, activity_id)
        command = ReplanActivity(action_id, activity_id, plan_of(body), body.reason, body.expected_version)
        return await answer(queries, principal, await commands.handle(command, principal), on)

    @activities.post(
        "/{activity_id}/rescheduling", summary="Move a planned activity to new dates (R11)", responses=COMMAND_ERRORS
    )
    async def reschedule(
        activity_id: str,
        body: RescheduleActivityBody,
        principal: CurrentPrincipal,
        commands: Commands,
        queries: Queries,
        on: Today,
    ) -> CommandResponse:
        action_id = await _action_of_activity(queries, principal, activity_id)
        command = command_from(RescheduleActivity, body, today=on, action_id=action_id, activity_id=activity_id)
        return await answer(queries, principal, await commands.handle(command, principal), on)

    @activities.post(
        "/{activity_id}/cancellation",
        summary="Cancel a planned activity, with the reason (R07, R11)",
        responses=COMMAND_ERRORS,
    )
    async def cancel(
        activity_id: str,
        body: CancelActivityBody,
        principal: CurrentPrincipal,
        commands: Commands,
        queries: Queries,
        on: Today,
    ) -> CommandResponse:
        action_id = await _action_of_activity(queries, principal, activity_id)
        command = command_from(CancelActivity, body, today=on, action_id=action_id, activity_id=activity_id)
        return await answer(queries, principal, await commands.handle(command, principal), on)

    @activities.post(
        "/{activity_id}/held",
        summary="Mark an activity held: actual dates, participants; the first one launches the Action (R10)",
        responses=COMMAND_ERRORS,
    )
    async def hold(
        activity_id: str,
        body: HoldActivityBody,
        principal: CurrentPrincipal,
        commands: Commands,
        queries: Queries,
        on: Today,
    ) -> CommandResponse:
        action_id = await _action_of_activity(queries, principal, activity_id)
        command = command_from(HoldActivity, body, today=on, action_id=action_id, activity_id=activity_id)
        return await answer(queries, principal, await commands.handle(command, principal), on)

    @deliverables.post("/batch-by-action", summary="The deliverables of each Action: one list per id", responses=ERRORS)
    async def deliverables_by_action(
        body: ActionIdsBody, principal: CurrentPrincipal, queries: Queries
    ) -> DeliverableLists:
        lists = await queries.deliverables_of(principal, body.action_ids)
        return DeliverableLists(items=[[DeliverableView.from_row(row) for row in rows] for rows in lists])

    @deliverables.get("/{deliverable_id}", summary="One deliverable", responses=COMMAND_ERRORS)
    async def get_deliverable(deliverable_id: str, principal: CurrentPrincipal, queries: Queries) -> DeliverableView:
        return DeliverableView.from_row(await queries.deliverable(principal, deliverable_id))

    @deliverables.post(
        "/{deliverable_id}/status",
        summary="Move a deliverable forward (skips allowed), with level and date (R26)",
        responses=COMMAND_ERRORS,
    )
    async def change_status(
        deliverable_id: str,
        body: DeliverableStatusBody,
        principal: CurrentPrincipal,
        commands: Commands,
        queries: Queries,
        on: Today,
    ) -> CommandResponse:
        action_id = await queries.action_of(principal, "deliverable_view", "deliverable", deliverable_id)
        command = command_from(
            ChangeDeliverableStatus, body, today=on, action_id=action_id, deliverable_id=deliverable_id
        )
        return await answer(queries, principal, await commands.handle(command, principal), on)

    router.include_router(activities)
    router.include_router(deliverables)
    return router
