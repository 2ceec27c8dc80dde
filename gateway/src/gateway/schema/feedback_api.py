"""Queries and mutations on feedback."""

from __future__ import annotations

from typing import Any

import strawberry

from gateway.clients import ServiceError, ServiceUnavailable
from gateway.schema.common import UserError, graphql_error
from gateway.schema.convert import build
from gateway.schema.enums import Region, ThematicArea
from gateway.schema.feedback import (
    ActionFeedbackItem,
    FeedbackCompleteness,
    FeedbackSummary,
    Review,
    SubmitActionFeedbackInput,
    SubmitParticipantFeedbackBatchInput,
    SubmitParticipantFeedbackInput,
)
from gateway.schema.plumbing import GInfo, run_command, split_id, to_body


@strawberry.type(description="Participant feedback recorded: the activity's new summary, or typed errors.")
class ParticipantFeedbackPayload:
    response_ids: list[strawberry.ID]
    summary: FeedbackSummary | None
    errors: list[UserError]
    consistency_token: str | None


@strawberry.type(description="Action-level feedback recorded, or typed errors.")
class ActionFeedbackPayload:
    feedback: ActionFeedbackItem | None
    errors: list[UserError]
    consistency_token: str | None


async def _participant(info: GInfo, path: str, body: dict[str, Any]) -> ParticipantFeedbackPayload:
    outcome = await run_command(info, "feedback", path, body)
    if outcome.result is None:
        return ParticipantFeedbackPayload(response_ids=[], summary=None, errors=outcome.errors, consistency_token=None)
    result = outcome.result
    info.context.loader("summary_by_activity").prime(result["activity_id"], result["summary"])
    return ParticipantFeedbackPayload(
        response_ids=[strawberry.ID(r) for r in result["response_ids"]],
        summary=build(FeedbackSummary, result["summary"]),
        errors=[],
        consistency_token=outcome.token,
    )


async def _get(info: GInfo, path: str, params: dict[str, Any]) -> Any:
    ctx = info.context
    try:
        return await ctx.client("feedback").get(path, params)
    except (ServiceError, ServiceUnavailable) as exc:
        raise graphql_error(exc) from exc


@strawberry.type
class FeedbackQuery:
    @strawberry.field(
        description="The review of a period (2019-Q3, 2019-H2, 2019) for the portfolio, a region or a thematic area; "
        "computed on demand. Cells under five responses are suppressed below programme_manager."
    )
    async def review(
        self, info: GInfo, period: str, region: Region | None = None, thematic_area: ThematicArea | None = None
    ) -> Review:
        params = to_body({"period": period, "region": region, "thematic_area": thematic_area})
        return build(Review, await _get(info, "/reviews", params))

    @strawberry.field(
        description="Share of held activities with participant feedback; Actions missing expert or "
        "partner feedback (R12, R13)."
    )
    async def feedback_completeness(self, info: GInfo, region: Region | None = None) -> FeedbackCompleteness:
        return build(FeedbackCompleteness, await _get(info, "/completeness", to_body({"region": region})))


@strawberry.type
class FeedbackMutation:
    @strawberry.mutation(description="One anonymous participant response on a held activity.")
    async def submit_participant_feedback(
        self, info: GInfo, input: SubmitParticipantFeedbackInput
    ) -> ParticipantFeedbackPayload:
        activity_id, body = split_id(input, "activity_id")
        return await _participant(info, f"/activities/{activity_id}/participant-feedback", body)

    @strawberry.mutation(description="A paper form set for a held activity, all or nothing.")
    async def submit_participant_feedback_batch(
        self, info: GInfo, input: SubmitParticipantFeedbackBatchInput
    ) -> ParticipantFeedbackPayload:
        activity_id, body = split_id(input, "activity_id")
        return await _participant(info, f"/activities/{activity_id}/participant-feedback/batch", body)

    @strawberry.mutation(description="Action-level feedback from a deployed expert or from the partner authority.")
    async def submit_action_feedback(self, info: GInfo, input: SubmitActionFeedbackInput) -> ActionFeedbackPayload:
        action_id, body = split_id(input, "action_id")
        outcome = await run_command(info, "feedback", f"/actions/{action_id}/feedback", body)
        if outcome.result is None:
            return ActionFeedbackPayload(feedback=None, errors=outcome.errors, consistency_token=None)
        return ActionFeedbackPayload(
            feedback=build(ActionFeedbackItem, outcome.result["feedback"]), errors=[], consistency_token=outcome.token
        )
