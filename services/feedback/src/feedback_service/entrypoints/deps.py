"""What the routes share: dependencies (`Commands`, `Queries`, `Today`) and answers built from read models."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from service_core.auth import Principal
from service_core.dependencies import Today, get_application, get_queries
from service_core.openapi import error_responses

from feedback_service.application.handlers import App
from feedback_service.application.queries import ActionFeedbackRead, FeedbackQueries
from feedback_service.entrypoints.views import (
    ActionFeedbackItem,
    ActionFeedbackView,
    ActivitySummary,
    action_feedback_item,
    summary_view,
)

__all__ = ["BY_ID_ERRORS", "ERRORS", "Commands", "Queries", "Today", "feedback_view", "item_of", "summary_of"]

Commands = Annotated[App, Depends(get_application)]
Queries = Annotated[FeedbackQueries, Depends(get_queries)]

ERRORS = error_responses("activity or Action")
BY_ID_ERRORS = error_responses("activity or Action", commands=True)


def feedback_view(read: ActionFeedbackRead, version: int) -> ActionFeedbackView:
    items = [action_feedback_item(row, read.with_notes) for row in read.items]
    experts = [i for i in items if i.expert_id is not None and i.source == "EXPERT"]
    given = {i.expert_id for i in experts}
    missing = [e for e in read.deployed if e not in given]
    return ActionFeedbackView(
        action_id=read.action_id,
        expert_feedback=experts,
        partner_feedback=next((i for i in items if i.source == "PARTNER"), None),
        experts_deployed=read.deployed,
        experts_without_feedback=missing,
        has_expert_feedback=bool(experts) and not missing,
        has_partner_feedback=any(i.source == "PARTNER" for i in items),
        version=version,
    )


def version_of(read: ActionFeedbackRead) -> int:
    return max((row["version"] for row in read.items), default=0)


async def summary_of(queries: FeedbackQueries, principal: Principal, activity_id: str) -> ActivitySummary:
    row, review = await queries.summary(principal, activity_id)
    return summary_view(row, review)


async def item_of(
    queries: FeedbackQueries, principal: Principal, action_id: str, feedback_id: str
) -> ActionFeedbackItem:
    [read] = await queries.action_feedback(principal, [action_id])
    assert read is not None
    row = next(r for r in read.items if r["feedback_id"] == feedback_id)
    return action_feedback_item(row, read.with_notes)
