"""What the routes share: dependencies (`Commands`, `Queries`, `Today`) and the command answer."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends
from service_core.application import Result
from service_core.auth import Principal
from service_core.dependencies import Today, get_application, get_queries
from service_core.openapi import error_responses

from actions_service.application.handlers import App
from actions_service.application.queries import ActionQueries
from actions_service.entrypoints.views import ActionView, ActivityView, CommandResponse, DeliverableView

__all__ = ["COMMAND_ERRORS", "ERRORS", "Commands", "Queries", "Today", "answer"]

Commands = Annotated[App, Depends(get_application)]
Queries = Annotated[ActionQueries, Depends(get_queries)]

ERRORS = error_responses("Action")
COMMAND_ERRORS = error_responses("Action", commands=True)


async def answer(queries: ActionQueries, principal: Principal, result: Result, on: date) -> CommandResponse:
    action = ActionView.from_row(await queries.get(principal, result.stream_id), on)
    activity = deliverable = None
    if (activity_id := result.ids.get("activity_id")) is not None:
        activity = ActivityView.from_row(await queries.activity(principal, activity_id))
    if (deliverable_id := result.ids.get("deliverable_id")) is not None:
        deliverable = DeliverableView.from_row(await queries.deliverable(principal, deliverable_id))
    return CommandResponse(
        action=action, version=result.version, position=result.position, activity=activity, deliverable=deliverable
    )
