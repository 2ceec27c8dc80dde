"""Commands of the feedback service (imperative, frozen) and the facts they are decided against.

What the service knows of activities, Actions and deployments comes from the actions and experts services'
events (consumed into local tables); a handler looks them up and passes them in, so `decide` stays pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from contracts.events.actions import ActivityType, CapacityLevel
from contracts.events.feedback import (
    EvaluationRatings,
    FeedbackChannel,
    FeedbackSource,
    GoodPracticeFeature,
    ParticipantRatings,
    ReviewPublished,
)
from contracts.events.requests import Region, ThematicArea


@dataclass(frozen=True, slots=True)
class ActivityFacts:
    activity_id: str
    action_id: str
    activity_type: ActivityType
    region: Region
    thematic_area: ThematicArea
    status: str  # PLANNED | HELD | CANCELLED
    held_from: date | None = None


@dataclass(frozen=True, slots=True)
class ActionFacts:
    action_id: str
    region: Region
    thematic_area: ThematicArea
    authority_id: str
    deployed_expert_ids: frozenset[str] = frozenset()  # confirmed or completed deployments on the Action


@dataclass(frozen=True, slots=True)
class ParticipantResponse:
    response_id: str
    ratings: ParticipantRatings
    capacity_level: CapacityLevel
    given_on: date
    comment: str | None = None  # stays in the service: never in an event


@dataclass(frozen=True, slots=True)
class RecordParticipantFeedback:
    """One response (`batch_id` None) or a paper form set: all responses are stored, or none."""

    activity_id: str
    activity: ActivityFacts | None
    responses: tuple[ParticipantResponse, ...]
    channel: FeedbackChannel
    batch_id: str | None = None


@dataclass(frozen=True, slots=True)
class SubmitActionFeedback:
    action_id: str
    action: ActionFacts | None
    feedback_id: str
    source: FeedbackSource
    expert_id: str | None
    ratings: EvaluationRatings
    capacity_levels_reached: tuple[CapacityLevel, ...]
    good_practice_features: tuple[GoodPracticeFeature, ...]
    given_on: date
    on_behalf: bool
    note: str | None = None  # stays in the service


@dataclass(frozen=True, slots=True)
class CorrectActionFeedback:
    action_id: str
    feedback_id: str
    ratings: EvaluationRatings
    capacity_levels_reached: tuple[CapacityLevel, ...]
    good_practice_features: tuple[GoodPracticeFeature, ...]
    corrected_on: date
    expected_version: int | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class PublishReview:
    review: ReviewPublished
