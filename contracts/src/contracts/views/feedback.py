"""What the feedback service publishes: activity summaries, Action-level feedback, completeness and reviews.

The figures inside (criterion statistics, level counts, the review parts) are the ones the `ReviewPublished`
event carries, so a reader of the stream and a reader of the API see the same shapes.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

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
from contracts.events.requests import Region, ThematicArea
from contracts.views.common import EntityId


class ActionFeedbackStatus(StrEnum):
    """An Action as the feedback service follows it: open until it is completed."""

    OPEN = "OPEN"
    COMPLETED = "COMPLETED"


class ActivitySummary(BaseModel):
    """What the participants of one activity said (anonymous, R12)."""

    activity_id: str
    action_id: str
    held: bool
    responses: int = Field(description="every response recorded (the figures may count fewer)")
    criteria: list[ParticipantCriterionStats] = Field(description="one per participant criterion, always four")
    capacity_levels: list[LevelCount]
    suppressed: bool = Field(description="fewer than five responses and the reader is below programme_manager")


class SummaryBatch(BaseModel):
    items: list[ActivitySummary | None] = Field(description="one per id, same order; null if unknown or hidden")


class ActionFeedbackItem(BaseModel):
    """Feedback on an Action from a deployed expert or from the partner authority (R13)."""

    id: str
    action_id: str
    source: FeedbackSource
    expert_id: str | None
    authority_id: str | None
    ratings: EvaluationRatings
    capacity_levels_reached: list[CapacityLevel]
    good_practice_features: list[GoodPracticeFeature]
    given_on: date
    on_behalf: bool = Field(description="entered by MIEUX staff on the respondent's behalf")
    corrected_on: date | None
    note: str | None = Field(description="programme managers only; null for everyone else")


class ActionFeedbackView(BaseModel):
    """The expert and partner feedback of an Action."""

    action_id: str
    expert_feedback: list[ActionFeedbackItem]
    partner_feedback: ActionFeedbackItem | None
    experts_deployed: list[EntityId] = Field(description="experts whose deployment on a held activity completed")
    experts_without_feedback: list[EntityId]
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
    share: float | None = Field(
        description="share of held activities with participant feedback, to 4 decimals; null if none held (R12)"
    )
    without_feedback: list[EntityId] = Field(description="ids of held activities with no participant feedback")


class ActionGapView(BaseModel):
    action_id: str
    code: str | None
    status: ActionFeedbackStatus
    missing_expert_feedback: bool
    experts_without_feedback: list[EntityId]
    missing_partner_feedback: bool


class ActionGaps(BaseModel):
    due: int = Field(description="Actions completed, or with every activity not cancelled held")
    missing_expert_feedback: int
    missing_partner_feedback: int
    items: list[ActionGapView] = Field(description="the due Actions missing expert or partner feedback (R13)")


class CompletenessView(BaseModel):
    """How complete the feedback is (R12, R13)."""

    region: Region | None
    activities: ActivityGaps
    actions: ActionGaps


class PublishedRef(BaseModel):
    review_id: str
    published_on: date


class ReviewView(BaseModel):
    """A quarterly, half-yearly or yearly review for a scope (portfolio, region, thematic area)."""

    period: str
    period_kind: PeriodKind
    period_start: date
    period_end: date
    region: Region | None
    thematic_area: ThematicArea | None
    participant: ParticipantReview
    action_level: ActionLevelReview
    suppression_threshold: int = SUPPRESSION_THRESHOLD
    suppressed_cells: bool = Field(description="cells under the threshold are suppressed for this reader")
    published: PublishedRef | None = Field(description="the ReviewPublished of this period and scope, if any")


class ClosedView(BaseModel):
    period: str
    published: list[str] = Field(description="review ids published by this call")
    already_published: list[str]
