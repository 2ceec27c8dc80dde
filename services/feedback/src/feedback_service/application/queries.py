"""Queries: summaries, Action feedback, completeness, reviews and comments, as the principal may see them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from contracts.events.feedback import ParticipantReview, ReviewScope
from service_core.auth import Principal, Role
from service_core.errors import InvalidInput, NotFound

from feedback_service.adapters.completeness import Completeness, completeness
from feedback_service.adapters.views import FeedbackViews, Row
from feedback_service.application import access
from feedback_service.application.reviews import ReviewFigures, review_id, review_of
from feedback_service.domain.periods import Period
from feedback_service.domain.stats import participant_review

MAX_BATCH = 500
INVALID_PERIOD = "INVALID_PERIOD"


@dataclass(frozen=True, slots=True)
class ActionFeedbackRead:
    action_id: str
    items: list[Row]
    deployed: list[str]
    with_notes: bool


def parse_period(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError as exc:
        raise InvalidInput(INVALID_PERIOD, f"period: {exc}", "period") from exc


class FeedbackQueries:
    def __init__(self, views: FeedbackViews) -> None:
        self._views = views

    @property
    def views(self) -> FeedbackViews:
        return self._views

    async def summaries(self, principal: Principal, ids: Sequence[str]) -> list[tuple[Row, ParticipantReview] | None]:
        suppress = access.suppresses(principal)
        found = await self._views.summaries(ids, access.summary_scope(principal), suppress)
        return [None if item is None else (item[0], participant_review(item[1], suppress)) for item in found]

    async def summary(self, principal: Principal, activity_id: str) -> tuple[Row, ParticipantReview]:
        [found] = await self.summaries(principal, [activity_id])
        if found is None:
            raise NotFound("activity", activity_id)
        return found

    async def action_feedback(self, principal: Principal, action_ids: Sequence[str]) -> list[ActionFeedbackRead | None]:
        """One per Action id, in order; None if unknown or hidden. An expert sees its own feedback only."""
        expert_only = principal.has(Role.EXPERT) and not (
            principal.has(Role.PROGRAMME_MANAGER)
            or principal.has(Role.REGIONAL_COORDINATOR)
            or principal.has(Role.FOCAL_POINT)
        )
        if expert_only:
            visible = await self._views.visible_actions(action_ids, access.Scope(everything=True))
        else:
            visible = await self._views.visible_actions(action_ids, access.read_scope(principal))
        items = await self._views.action_feedback(list(visible))
        deployed = await self._views.deployed_experts(list(visible))
        answers: list[ActionFeedbackRead | None] = []
        for action_id in action_ids:
            if action_id not in visible:
                answers.append(None)
                continue
            rows = items.get(action_id, [])
            if expert_only:
                rows = [r for r in rows if r["expert_id"] == principal.expert_id]
                if not rows and principal.expert_id not in deployed.get(action_id, []):
                    answers.append(None)
                    continue
            shown = [] if expert_only else deployed.get(action_id, [])
            answers.append(ActionFeedbackRead(action_id, rows, shown, principal.has(Role.PROGRAMME_MANAGER)))
        return answers

    async def completeness(self, principal: Principal, region: str | None) -> Completeness:
        return await completeness(self._views.pool, access.aggregate_scope(principal), region)

    async def review(
        self, principal: Principal, period_text: str, region: str | None, thematic_area: str | None
    ) -> tuple[ReviewFigures, dict[str, Any] | None]:
        period = parse_period(period_text)
        region = access.review_region(principal, region)
        figures = await review_of(self._views, period, region, thematic_area, access.suppresses(principal))
        published = None
        if region is None or thematic_area is None:
            scope, value = (
                (ReviewScope.REGION, region) if region else
                (ReviewScope.THEMATIC_AREA, thematic_area) if thematic_area else (ReviewScope.PORTFOLIO, None)
            )  # fmt: skip
            published = await self._views.published_review(review_id(period, scope, value))
        return figures, published

    async def comments(self, principal: Principal, activity_id: str) -> list[Row]:
        access.check_may_read_comments(principal)
        [found] = await self._views.summaries([activity_id], access.Scope(everything=True))
        if found is None:
            raise NotFound("activity", activity_id)
        return await self._views.comments(activity_id)
