"""HTTP routes of the feedback service (thin): participant feedback, Action feedback, summaries, reviews."""

from __future__ import annotations

from typing import Annotated

from contracts.events.feedback import FeedbackChannel
from contracts.events.requests import Region, ThematicArea
from fastapi import APIRouter, Query
from service_core.app import CurrentPrincipal
from service_core.errors import NotFound
from service_core.portfolio_routes import portfolio_router

from feedback_service.adapters import portfolio
from feedback_service.application.access import aggregates_only, check_may_close_periods
from feedback_service.application.queries import MAX_BATCH, parse_period
from feedback_service.application.reviews import close_period
from feedback_service.domain.commands import (
    CorrectActionFeedback,
    ParticipantResponse,
    RecordParticipantFeedback,
    SubmitActionFeedback,
)
from feedback_service.entrypoints.deps import (
    BY_ID_ERRORS,
    ERRORS,
    Commands,
    Queries,
    Today,
    feedback_view,
    item_of,
    summary_of,
    version_of,
)
from feedback_service.entrypoints.evaluation_routes import evaluation_router
from feedback_service.entrypoints.schemas import (
    ActionFeedbackBody,
    ActionIdsBody,
    ActivityIdsBody,
    ClosePeriodBody,
    CorrectActionFeedbackBody,
    ParticipantBatchBody,
    ParticipantFeedbackBody,
)
from feedback_service.entrypoints.views import (
    ActionFeedbackAnswer,
    ActionFeedbackBatch,
    ActionFeedbackView,
    ActivitySummary,
    ClosedView,
    Comment,
    CommentList,
    CompletenessView,
    ParticipantFeedbackAnswer,
    ReviewView,
    SummaryBatch,
    closed_view,
    completeness_view,
    review_view,
    summary_view,
)

assert MAX_BATCH == 500


def build_router() -> APIRouter:
    router = APIRouter()
    activities = APIRouter(prefix="/activities", tags=["participant feedback"])
    actions = APIRouter(tags=["Action feedback"])
    aggregates = APIRouter(tags=["aggregates"])

    @activities.post(
        "/{activity_id}/participant-feedback",
        status_code=201,
        summary="Record one anonymous participant response on a held activity (R12)",
        responses=BY_ID_ERRORS,
    )
    async def give_participant_feedback(
        activity_id: str, body: ParticipantFeedbackBody, principal: CurrentPrincipal, commands: Commands,
        queries: Queries, on: Today,
    ) -> ParticipantFeedbackAnswer:  # fmt: skip
        response = ParticipantResponse(
            commands.new_id(), body.ratings, body.capacity_level, body.given_on or on, body.comment
        )
        command = RecordParticipantFeedback(activity_id, None, (response,), body.channel)
        result = await commands.handle(command, principal)
        return ParticipantFeedbackAnswer(
            activity_id=activity_id, response_ids=[r.response_id for r in command.responses], batch_id=None, version=result.version,
            position=result.position, summary=await summary_of(queries, principal, activity_id),
        )  # fmt: skip

    @activities.post(
        "/{activity_id}/participant-feedback/batch",
        status_code=201,
        summary="Record a paper form set: all responses or none (422 names responses.<index>.<field>)",
        responses=BY_ID_ERRORS,
    )
    async def give_participant_feedback_batch(
        activity_id: str, body: ParticipantBatchBody, principal: CurrentPrincipal, commands: Commands,
        queries: Queries, on: Today,
    ) -> ParticipantFeedbackAnswer:  # fmt: skip
        default_day = body.given_on or on
        responses = tuple(
            ParticipantResponse(commands.new_id(), r.ratings, r.capacity_level, r.given_on or default_day, r.comment)
            for r in body.responses
        )
        batch_id = commands.new_id()
        command = RecordParticipantFeedback(activity_id, None, responses, FeedbackChannel.PAPER, batch_id)
        result = await commands.handle(command, principal)
        return ParticipantFeedbackAnswer(
            activity_id=activity_id, response_ids=[r.response_id for r in command.responses], batch_id=batch_id, version=result.version,
            position=result.position, summary=await summary_of(queries, principal, activity_id),
        )  # fmt: skip

    @activities.get(
        "/{activity_id}/summary",
        summary="Participant feedback on one activity: count, means, distributions, capacity levels",
        responses=BY_ID_ERRORS,
        tags=["aggregates"],
    )
    async def activity_summary(activity_id: str, principal: CurrentPrincipal, queries: Queries) -> ActivitySummary:
        return await summary_of(queries, principal, activity_id)

    @activities.get(
        "/{activity_id}/comments", summary="Participants' comments (programme managers only)", responses=BY_ID_ERRORS
    )
    async def comments(activity_id: str, principal: CurrentPrincipal, queries: Queries) -> CommentList:
        rows = await queries.comments(principal, activity_id)
        return CommentList(activity_id=activity_id, items=[Comment(**row) for row in rows])

    @aggregates.post(
        "/summaries/batch-by-activity", summary="Activity summaries by id (DataLoaders): one per id", responses=ERRORS
    )
    async def summaries(body: ActivityIdsBody, principal: CurrentPrincipal, queries: Queries) -> SummaryBatch:
        found = await queries.summaries(principal, body.activity_ids)
        return SummaryBatch(items=[summary_view(*item) if item else None for item in found])

    @actions.post(
        "/actions/{action_id}/feedback",
        status_code=201,
        summary="Expert or partner-authority feedback on an Action (R13): one per expert, one from the partner",
        responses=BY_ID_ERRORS,
    )
    async def give_action_feedback(
        action_id: str, body: ActionFeedbackBody, principal: CurrentPrincipal, commands: Commands,
        queries: Queries, on: Today,
    ) -> ActionFeedbackAnswer:  # fmt: skip
        command = SubmitActionFeedback(
            action_id, None, commands.new_id(), body.source, body.expert_id, body.ratings, tuple(body.capacity_levels_reached),
            tuple(body.good_practice_features), body.given_on or on, False, body.note,
        )  # fmt: skip
        result = await commands.handle(command, principal)
        item = await item_of(queries, principal, action_id, command.feedback_id)
        return ActionFeedbackAnswer(feedback=item, version=result.version, position=result.position)

    @actions.post(
        "/actions/{action_id}/feedback/{feedback_id}/correction",
        summary="Replace an Action feedback's ratings, capacity levels and features as a whole",
        responses=BY_ID_ERRORS,
    )
    async def correct_action_feedback(
        action_id: str, feedback_id: str, body: CorrectActionFeedbackBody, principal: CurrentPrincipal,
        commands: Commands, queries: Queries, on: Today,
    ) -> ActionFeedbackAnswer:  # fmt: skip
        command = CorrectActionFeedback(
            action_id, feedback_id, body.ratings, tuple(body.capacity_levels_reached),
            tuple(body.good_practice_features), body.corrected_on or on, body.expected_version, body.note,
        )  # fmt: skip
        result = await commands.handle(command, principal)
        item = await item_of(queries, principal, action_id, feedback_id)
        return ActionFeedbackAnswer(feedback=item, version=result.version, position=result.position)

    @actions.get(
        "/actions/{action_id}/feedback",
        summary="Expert and partner feedback on an Action (notes for programme managers only)",
        responses=BY_ID_ERRORS,
    )
    async def action_feedback(action_id: str, principal: CurrentPrincipal, queries: Queries) -> ActionFeedbackView:
        [read] = await queries.action_feedback(principal, [action_id])
        if read is None:
            raise NotFound("action", action_id)
        return feedback_view(read, version_of(read))

    @actions.post(
        "/action-feedback/batch-by-action", summary="Action feedback by Action id (DataLoaders)", responses=ERRORS
    )
    async def action_feedback_batch(
        body: ActionIdsBody, principal: CurrentPrincipal, queries: Queries
    ) -> ActionFeedbackBatch:
        found = await queries.action_feedback(principal, body.action_ids)
        return ActionFeedbackBatch(items=[feedback_view(r, version_of(r)) if r else None for r in found])

    @aggregates.get(
        "/completeness", summary="R12, R13: feedback on held activities; Actions missing feedback", responses=ERRORS
    )
    async def completeness(
        principal: CurrentPrincipal, queries: Queries, region: Region | None = None
    ) -> CompletenessView:
        found = await queries.completeness(principal, region)
        return completeness_view(region, found, aggregates_only=aggregates_only(principal))

    @aggregates.get(
        "/reviews",
        summary="Review of any period (2019-Q3, 2019-H2, 2019) for the portfolio, a region or a thematic area",
        responses=ERRORS,
    )
    async def review(
        principal: CurrentPrincipal,
        queries: Queries,
        period: Annotated[str, Query(max_length=7, examples=["2019-Q3"])],
        region: Region | None = None,
        thematic_area: ThematicArea | None = None,
    ) -> ReviewView:
        figures, published = await queries.review(principal, period, region, thematic_area)
        return review_view(figures, published)

    @aggregates.post(
        "/reviews/close",
        summary="Publish the reviews of a period now (programme managers; once each)",
        responses=ERRORS,
    )
    async def close(
        body: ClosePeriodBody, principal: CurrentPrincipal, commands: Commands, queries: Queries, on: Today
    ) -> ClosedView:
        check_may_close_periods(principal)
        period = parse_period(body.period)
        return closed_view(await close_period(commands, queries.views, period, on))

    router.include_router(activities)
    router.include_router(actions)
    router.include_router(aggregates)
    router.include_router(evaluation_router())
    router.include_router(portfolio_router("feedback", portfolio.figures, portfolio.empty, portfolio.IGNORED))
    return router
