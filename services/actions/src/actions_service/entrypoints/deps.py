"""What the routes share: dependencies (`Commands`, `Queries`, `Today`) and the command answer."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import Depends
from service_core.auth import Principal
from service_core.openapi import error_responses
from service_core.runtime import Context

from actions_service.adapters.deployments import DeployedExperts
from actions_service.adapters.views import ActionViews
from actions_service.application.handlers import Result, Services
from actions_service.application.queries import ActionQueries
from actions_service.entrypoints.views import ActionView, ActivityView, CommandResponse, DeliverableView


def _services(ctx: Context) -> Services:
    return Services(ctx.store, ctx.projections, deployed_experts=DeployedExperts(ctx.pool))


def _queries(ctx: Context) -> ActionQueries:
    return ActionQueries(ActionViews(ctx.pool))


def today() -> date:
    """Today (UTC): the launch clock (R10) runs against it at read time, and dates default to it."""
    return datetime.now(UTC).date()


Commands = Annotated[Services, Depends(_services)]
Queries = Annotated[ActionQueries, Depends(_queries)]
Today = Annotated[date, Depends(today)]

ERRORS = error_responses("Action")
COMMAND_ERRORS = error_responses("Action", commands=True)


async def answer(queries: ActionQueries, principal: Principal, result: Result, on: date) -> CommandResponse:
    action = ActionView.from_row(await queries.get(principal, result.action_id), on)
    activity = deliverable = None
    if result.activity_id is not None:
        activity = ActivityView.from_row(await queries.activity(principal, result.activity_id))
    if result.deliverable_id is not None:
        deliverable = DeliverableView.from_row(await queries.deliverable(principal, result.deliverable_id))
    return CommandResponse(
        action=action, version=result.version, position=result.position, activity=activity, deliverable=deliverable
    )
