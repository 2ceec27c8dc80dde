"""Feedback in the graph: activity summaries, Action feedback, completeness and periodic reviews."""

from __future__ import annotations

from datetime import date

import strawberry

from gateway.schema.enums import (
    ActionFeedbackStatus,
    CapacityLevel,
    EvaluationCriterion,
    FeedbackChannel,
    FeedbackSource,
    GoodPracticeFeature,
    ParticipantCriterion,
    PeriodKind,
    Region,
    ThematicArea,
)

SUPPRESSED = "Null when suppressed: fewer than five responses and the reader is below programme_manager."


@strawberry.type(description="Statistics of one participant criterion.")
class ParticipantCriterionStats:
    criterion: ParticipantCriterion
    responses: int = strawberry.field(
        description="Responses these figures count: below programme_manager only released ones (whole blocks of "
        "five per activity, in the order recorded), so two readings never differ by a single response."
    )
    mean: float | None = strawberry.field(description="Rounded half up to 2 decimals. " + SUPPRESSED)
    distribution: list[int] | None = strawberry.field(description="How many gave 1..5. " + SUPPRESSED)
    suppressed: bool


@strawberry.type(description="Statistics of one evaluation criterion.")
class EvaluationCriterionStats:
    criterion: EvaluationCriterion
    responses: int
    mean: float | None = strawberry.field(description="Rounded half up to 2 decimals. " + SUPPRESSED)
    distribution: list[int] | None
    suppressed: bool


@strawberry.type
class LevelCount:
    level: CapacityLevel
    count: int | None


@strawberry.type
class FeatureCount:
    feature: GoodPracticeFeature
    count: int | None


@strawberry.type(description="What the participants of one activity said (anonymous, R12).")
class FeedbackSummary:
    activity_id: strawberry.ID
    held: bool
    responses: int = strawberry.field(description="Every response recorded (the figures may count fewer).")
    criteria: list[ParticipantCriterionStats]
    capacity_levels: list[LevelCount]
    suppressed: bool


@strawberry.type
class EvaluationRatings:
    relevance: int | None
    coherence: int | None
    effectiveness: int | None
    efficiency: int | None
    impact: int | None
    sustainability: int | None
    eu_added_value: int | None


@strawberry.type(description="Feedback on an Action from a deployed expert or from the partner authority (R13).")
class ActionFeedbackItem:
    id: strawberry.ID = strawberry.field(name="feedbackId", description="Its id within the Action's feedback.")
    source: FeedbackSource
    expert_id: strawberry.ID | None
    authority_id: strawberry.ID | None
    ratings: EvaluationRatings
    capacity_levels_reached: list[CapacityLevel]
    good_practice_features: list[GoodPracticeFeature]
    given_on: date
    on_behalf: bool
    corrected_on: date | None
    note: str | None = strawberry.field(description="Programme managers only.")


@strawberry.type(description="The expert and partner feedback of an Action.")
class ActionFeedback:
    expert_feedback: list[ActionFeedbackItem]
    partner_feedback: ActionFeedbackItem | None
    experts_deployed: list[strawberry.ID]
    experts_without_feedback: list[strawberry.ID]
    has_expert_feedback: bool
    has_partner_feedback: bool
    version: int


@strawberry.type
class ParticipantReview:
    responses: int
    activities: int
    criteria: list[ParticipantCriterionStats]
    capacity_levels: list[LevelCount]
    suppressed: bool


@strawberry.type
class ActionLevelReview:
    responses: int
    expert_responses: int
    partner_responses: int
    actions: int
    criteria: list[EvaluationCriterionStats]
    capacity_levels_reached: list[LevelCount]
    good_practice_features: list[FeatureCount]
    suppressed: bool


@strawberry.type
class PublishedReview:
    review_id: strawberry.ID
    published_on: date


@strawberry.type(
    description="A quarterly, half-yearly or yearly review for a scope (portfolio, region, thematic area)."
)
class Review:
    period: str
    period_kind: PeriodKind
    period_start: date
    period_end: date
    region: Region | None
    thematic_area: ThematicArea | None
    participant: ParticipantReview
    action_level: ActionLevelReview
    suppression_threshold: int
    suppressed_cells: bool
    published: PublishedReview | None


@strawberry.type
class ActivityGaps:
    held: int
    with_feedback: int
    share: float | None = strawberry.field(description="Held activities with participant feedback (R12).")
    without_feedback: list[strawberry.ID]


@strawberry.type
class ActionGap:
    action_id: strawberry.ID
    code: str | None
    status: ActionFeedbackStatus
    missing_expert_feedback: bool
    experts_without_feedback: list[strawberry.ID]
    missing_partner_feedback: bool


@strawberry.type
class ActionGaps:
    due: int
    missing_expert_feedback: int
    missing_partner_feedback: int
    items: list[ActionGap]


@strawberry.type(description="How complete the feedback is (R12, R13).")
class FeedbackCompleteness:
    region: Region | None
    activities: ActivityGaps
    actions: ActionGaps


@strawberry.input
class ParticipantRatingsInput:
    relevance: int
    expertise_quality: int
    knowledge_gained: int
    applicability: int


@strawberry.input(description="One anonymous participant response; no personal data is asked for.")
class ParticipantResponseInput:
    ratings: ParticipantRatingsInput
    capacity_level: CapacityLevel
    comment: str | None = strawberry.field(default=None, description="Stays in the feedback service.")
    given_on: date | None = None


@strawberry.input
class SubmitParticipantFeedbackInput:
    activity_id: strawberry.ID
    ratings: ParticipantRatingsInput
    capacity_level: CapacityLevel
    comment: str | None = strawberry.field(default=None, description="Stays in the feedback service.")
    given_on: date | None = None
    channel: FeedbackChannel | None = None


@strawberry.input(description="A paper form set: validated as a whole, all or nothing.")
class SubmitParticipantFeedbackBatchInput:
    activity_id: strawberry.ID
    responses: list[ParticipantResponseInput]
    given_on: date | None = None


@strawberry.input
class EvaluationRatingsInput:
    relevance: int | None = None
    coherence: int | None = None
    effectiveness: int | None = None
    efficiency: int | None = None
    impact: int | None = None
    sustainability: int | None = None
    eu_added_value: int | None = None


@strawberry.input(description="Action-level feedback from a deployed expert (EXPERT) or the partner (PARTNER).")
class SubmitActionFeedbackInput:
    action_id: strawberry.ID
    source: FeedbackSource
    ratings: EvaluationRatingsInput
    expert_id: strawberry.ID | None = None
    capacity_levels_reached: list[CapacityLevel] = strawberry.field(default_factory=list)
    good_practice_features: list[GoodPracticeFeature] = strawberry.field(default_factory=list)
    given_on: date | None = None
    note: str | None = strawberry.field(default=None, description="Stays in the feedback service.")
