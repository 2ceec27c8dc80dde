"""The HTTP API's answers (snake_case JSON; codes as in contracts, 1:1 with the GraphQL enums)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from contracts.events.actions import CapacityLevel
from contracts.events.feedback import (
    SUPPRESSION_THRESHOLD,
    ActionLevelReview,
    EvaluationRatings,
    FeedbackSource,
    GoodPracticeFeature,
    LevelCount,
    ParticipantCriterionStats,
    ParticipantReview,
    PeriodKind,
)
from pydantic import BaseModel, Field

from feedback_service.adapters.completeness import Completeness
from feedback_service.adapters.views import Row
from feedback_service.application.reviews import Closed, ReviewFigures

Row_ = dict[str, Any]


class ActivitySummary(BaseModel):
    activity_id: str
    action_id: str
    held: bool
    responses: int
    criteria: list[ParticipantCriterionStats] = Field(description="one per participant criterion, always four")
    capacity_levels: list[LevelCount]
    suppressed: bool = Field(description="fewer than five responses and the reader is below programme_manager")

    @classmethod
    def of(cls, row: Row, review: ParticipantReview) -> ActivitySummary:
        return cls(
            activity_id=row["activity_id"],
            action_id=row["action_id"],
            held=row["status"] == "HELD",
            responses=review.responses,
            criteria=list(review.criteria),
            capacity_levels=list(review.capacity_levels),
            suppressed=review.suppressed,
        )


class SummaryBatch(BaseModel):
    items: list[ActivitySummary | None] = Field(description="one per id, same order; null if unknown or hidden")


class ActionFeedbackItem(BaseModel):
    id: str
    action_id: str
    source: FeedbackSource
    expert_id: str | None
    authority_id: str | None
    ratings: EvaluationRatings
    capacity_levels_reached: list[CapacityLevel]
    good_practice_features: list[GoodPracticeFeature]
    given_on: date
    on_behalf: bool
    corrected_on: date | None
    note: str | None = Field(description="programme managers only; null for everyone else")

    @classmethod
    def of(cls, row: Row, with_note: bool) -> ActionFeedbackItem:
        return cls(
            id=row["feedback_id"],
            action_id=row["action_id"],
            source=FeedbackSource(row["source"]),
            expert_id=row["expert_id"],
            authority_id=row["authority_id"],
            ratings=EvaluationRatings(**{k: row[k] for k in EvaluationRatings.model_fields}),
            capacity_levels_reached=[CapacityLevel(v) for v in row["capacity_levels_reached"]],
            good_practice_features=[GoodPracticeFeature(v) for v in row["good_practice_features"]],
            given_on=row["given_on"],
            on_behalf=row["on_behalf"],
            corrected_on=row["corrected_on"],
            note=row["note"] if with_note else None,
        )


class ActionFeedbackView(BaseModel):
    action_id: str
    expert_feedback: list[ActionFeedbackItem]
    partner_feedback: ActionFeedbackItem | None
    experts_deployed: list[str] = Field(description="experts whose deployment on a held activity completed")
    experts_without_feedback: list[str]
    has_expert_feedback: bool = Field(description="R13: at least one expert and every deployed expert gave it")
    has_partner_feedback: bool
    version: int = Field(description="version of the Action's feedback stream (expected_version of a correction)")


class ActionFeedbackBatch(BaseModel):
    items: list[ActionFeedbackView | None]


class ActionFeedbackAnswer(BaseModel):
    feedback: ActionFeedbackItem
    version: int
    position: int = Field(description="global store position of the last event appended (consistency token)")


class ParticipantFeedbackAnswer(BaseModel):
    activity_id: str
    response_ids: list[str]
    batch_id: str | None
    version: int
    position: int
    summary: ActivitySummary


class Comment(BaseModel):
    response_id: str
    comment: str
    given_on: date
    channel: str


class CommentList(BaseModel):
    activity_id: str
    items: list[Comment]


class ActivityGaps(BaseModel):
    held: int
    with_feedback: int
    share: float | None = Field(description="with_feedback / held, rounded to 4 decimals; null if none held (R12)")
    without_feedback: list[str] = Field(description="ids of held activities with no participant feedback")


class ActionGapView(BaseModel):
    action_id: str
    code: str | None
    status: str
    missing_expert_feedback: bool
    experts_without_feedback: list[str]
    missing_partner_feedback: bool


class ActionGaps(BaseModel):
    due: int = Field(description="Actions completed, or with every activity not cancelled held")
    missing_expert_feedback: int
    missing_partner_feedback: int
    items: list[ActionGapView] = Field(description="the due Actions missing expert or partner feedback (R13)")


class CompletenessView(BaseModel):
    region: str | None
    activities: ActivityGaps
    actions: ActionGaps

    @classmethod
    def of(cls, region: str | None, c: Completeness, aggregates_only: bool = False) -> CompletenessView:
        """`aggregates_only` (the reporting role): counts and shares, no ids of activities, Actions or experts."""
        share = round(c.with_feedback / c.held_activities, 4) if c.held_activities else None
        gaps = [ActionGapView(**asdict(g)) for g in c.gaps]
        return cls(
            region=region,
            activities=ActivityGaps(
                held=c.held_activities,
                with_feedback=c.with_feedback,
                share=share,
                without_feedback=[] if aggregates_only else c.without_feedback,
            ),
            actions=ActionGaps(
                due=c.actions_due,
                missing_expert_feedback=sum(g.missing_expert_feedback for g in gaps),
                missing_partner_feedback=sum(g.missing_partner_feedback for g in gaps),
                items=[] if aggregates_only else gaps,
            ),
        )


class PublishedRef(BaseModel):
    review_id: str
    published_on: date


class ReviewView(BaseModel):
    period: str
    period_kind: PeriodKind
    period_start: date
    period_end: date
    region: str | None
    thematic_area: str | None
    participant: ParticipantReview
    action_level: ActionLevelReview
    suppression_threshold: int = SUPPRESSION_THRESHOLD
    suppressed_cells: bool = Field(description="cells under the threshold are suppressed for this reader")
    published: PublishedRef | None = Field(description="the ReviewPublished of this period and scope, if any")

    @classmethod
    def of(cls, figures: ReviewFigures, published: Row_ | None) -> ReviewView:
        p = figures.period
        return cls(
            period=p.id, period_kind=p.kind, period_start=p.start, period_end=p.end, region=figures.region,
            thematic_area=figures.thematic_area, participant=figures.participant, action_level=figures.action_level,
            suppressed_cells=figures.suppressed_cells,
            published=PublishedRef(**published) if published else None,
        )  # fmt: skip


class ClosedView(BaseModel):
    period: str
    published: list[str] = Field(description="review ids published by this call")
    already_published: list[str]

    @classmethod
    def of(cls, closed: Closed) -> ClosedView:
        return cls(period=closed.period.id, published=closed.published, already_published=closed.already_published)
