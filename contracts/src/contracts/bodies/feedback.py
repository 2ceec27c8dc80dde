"""The bodies of the feedback service's command routes (snake_case JSON; codes as in the event contracts)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints

from contracts.bodies.base import CommandBody, CountryCode, ExpectedVersion
from contracts.events.actions import CapacityLevel
from contracts.events.feedback import (
    EvaluationCriterion,
    EvaluationKind,
    EvaluationRatings,
    FeedbackChannel,
    FeedbackSource,
    GoodPracticeFeature,
    ParticipantRatings,
)

Key = Annotated[str, StringConstraints(min_length=1, max_length=64)]
FreeText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
PeriodId = Annotated[
    str, StringConstraints(pattern=r"^\d{4}(-Q[1-4]|-H[12])?$"), Field(examples=["2019-Q3", "2019-H2", "2019"])
]
MAX_RESPONSES = 500


class _In(CommandBody):
    """No unknown fields; dates within the programme's span (contracts.bodies.base)."""


class ParticipantResponseBody(_In):
    ratings: ParticipantRatings = Field(
        description="1-5 each: relevance, expertise_quality, knowledge_gained, applicability"
    )
    capacity_level: CapacityLevel = Field(description="the capacity level the activity served for the participant")
    comment: FreeText | None = Field(default=None, description="kept in the service, never published")
    given_on: date | None = Field(default=None, description="when the response was given; defaults to today (UTC)")


class ParticipantFeedbackBody(ParticipantResponseBody):
    channel: FeedbackChannel = FeedbackChannel.ONLINE


class ParticipantBatchBody(_In):
    """A paper form set: every response is stored, or none (422 names the first bad one: responses.<i>.<field>)."""

    responses: list[ParticipantResponseBody] = Field(min_length=1, max_length=MAX_RESPONSES)
    given_on: date | None = Field(default=None, description="for responses without their own; defaults to today")


class ActionFeedbackBody(_In):
    source: FeedbackSource
    expert_id: Key | None = Field(
        default=None, description="EXPERT only: the deployed expert (an expert token's own id when omitted)"
    )
    ratings: EvaluationRatings = Field(description="1-5 per evaluation criterion; null or absent if not judged")
    capacity_levels_reached: list[CapacityLevel] = Field(default_factory=list, max_length=3)
    good_practice_features: list[GoodPracticeFeature] = Field(default_factory=list, max_length=10)
    given_on: date | None = Field(default=None, description="defaults to today (UTC)")
    note: FreeText | None = Field(
        default=None, description="free text; kept in the service, shown to programme managers"
    )


class CorrectActionFeedbackBody(_In):
    ratings: EvaluationRatings
    capacity_levels_reached: list[CapacityLevel] = Field(default_factory=list, max_length=3)
    good_practice_features: list[GoodPracticeFeature] = Field(default_factory=list, max_length=10)
    corrected_on: date | None = Field(default=None, description="defaults to today (UTC)")
    note: FreeText | None = None
    expected_version: ExpectedVersion = None


class ActivityIdsBody(_In):
    activity_ids: list[Key] = Field(max_length=500)


class ActionIdsBody(_In):
    action_ids: list[Key] = Field(max_length=500)


class ClosePeriodBody(_In):
    period: PeriodId


class CriterionFindingBody(_In):
    criterion: EvaluationCriterion
    finding: FreeText


class ExternalEvaluationBody(_In):
    kind: EvaluationKind
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    evaluator: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)] = Field(
        description="the institution or firm that carried it out"
    )
    started_on: date
    ended_on: date
    findings: list[CriterionFindingBody] = Field(default_factory=list, max_length=7)
    countries_visited: list[CountryCode] = Field(default_factory=list, max_length=50)
    action_ids: list[Key] = Field(default_factory=list, max_length=200)
    recommendations: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]] = (
        Field(default_factory=list, max_length=50)
    )
