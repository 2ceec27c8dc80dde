"""Events of the feedback service: participant feedback on activities, Action-level feedback, reviews (R12-R14).

Streams (stream id = Kafka key):
- `participant-feedback:<activity_id>`: every participant response on one activity, one event per response
  (a paper form set entered at once is several events appended in one transaction, sharing a `batch_id`);
  since version 2 the event says only that a response was recorded, never its ratings;
- `action-feedback:<action_id>`: the expert and the partner-authority feedback on one Action;
- `review:<period>:<scope>[:<value>]`: the review of one period and scope, published once at its close.

No personal data: participants are anonymous and what they type (comments, notes) stays in the service's
tables; experts appear by id only. Reviews carry aggregates only, with every cell of fewer than
`SUPPRESSION_THRESHOLD` responses suppressed (null, `suppressed: true`) so no respondent can be singled out.
Codes are upper snake case and shared 1:1 with the HTTP API and the GraphQL enums.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from contracts.base import DomainEvent
from contracts.events.actions import ActivityType, CapacityLevel
from contracts.events.actions import FeedbackSource as FeedbackSource  # re-exported: the feedback vocabulary
from contracts.events.requests import Region, ThematicArea

SERVICE = "feedback"
SUPPRESSION_THRESHOLD = 5

Rating = Annotated[int, Field(ge=1, le=5, description="1 (poor) to 5 (excellent)")]
Count = Annotated[int, Field(ge=0)]
Mean = Annotated[float, Field(ge=1, le=5, description="arithmetic mean rounded half up to 2 decimals")]
Distribution = Annotated[
    tuple[Count, ...], Field(min_length=5, max_length=5, description="how many gave 1, 2, 3, 4 and 5, in that order")
]


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ParticipantCriterion(StrEnum):
    """What a participant rates about one activity."""

    RELEVANCE = "RELEVANCE"
    EXPERTISE_QUALITY = "EXPERTISE_QUALITY"
    KNOWLEDGE_GAINED = "KNOWLEDGE_GAINED"
    APPLICABILITY = "APPLICABILITY"


class EvaluationCriterion(StrEnum):
    """The evaluation criteria named for MIEUX (EC and DAC): the union of both lists (§2.15)."""

    RELEVANCE = "RELEVANCE"
    COHERENCE = "COHERENCE"
    EFFECTIVENESS = "EFFECTIVENESS"
    EFFICIENCY = "EFFICIENCY"
    IMPACT = "IMPACT"
    SUSTAINABILITY = "SUSTAINABILITY"
    EU_ADDED_VALUE = "EU_ADDED_VALUE"


class GoodPracticeFeature(StrEnum):
    """The ten features of good practice (§2.17)."""

    OWNERSHIP = "OWNERSHIP"
    INNOVATION = "INNOVATION"
    REPLICATION = "REPLICATION"
    RESULTS_ORIENTED = "RESULTS_ORIENTED"
    ENDORSED = "ENDORSED"
    INTEGRATED = "INTEGRATED"
    EXPERTISE = "EXPERTISE"
    COMPLEMENTARY = "COMPLEMENTARY"
    EU_ADDED_VALUE = "EU_ADDED_VALUE"
    CATALYST = "CATALYST"


class EvaluationKind(StrEnum):
    """External evaluations of the programme as a whole."""

    RESULTS_ORIENTED_MONITORING = "RESULTS_ORIENTED_MONITORING"  # the EU's ROM, against the DAC criteria
    IMPACT_EVALUATION = "IMPACT_EVALUATION"  # results against the capacity levels, with country visits
    MID_TERM_EVALUATION = "MID_TERM_EVALUATION"
    FINAL_EVALUATION = "FINAL_EVALUATION"


class FeedbackChannel(StrEnum):
    ONLINE = "ONLINE"
    PAPER = "PAPER"


class PeriodKind(StrEnum):
    QUARTER = "QUARTER"
    HALF_YEAR = "HALF_YEAR"
    YEAR = "YEAR"


class ReviewScope(StrEnum):
    PORTFOLIO = "PORTFOLIO"
    REGION = "REGION"
    THEMATIC_AREA = "THEMATIC_AREA"


class ParticipantRatings(_Part):
    relevance: Rating
    expertise_quality: Rating
    knowledge_gained: Rating
    applicability: Rating


class EvaluationRatings(_Part):
    """One rating per evaluation criterion; null where the respondent could not judge it."""

    relevance: Rating | None = None
    coherence: Rating | None = None
    effectiveness: Rating | None = None
    efficiency: Rating | None = None
    impact: Rating | None = None
    sustainability: Rating | None = None
    eu_added_value: Rating | None = None


# Version 1, kept to read the events already stored: it carried each response's ratings and capacity level,
# so anyone reading the topic saw individual responses. Upcast to version 2, which drops them.
class ParticipantFeedbackRecordedV1(DomainEvent):
    """One anonymous participant response on a held activity (R12); what the participant typed is not here."""

    service = SERVICE
    event_name = "ParticipantFeedbackRecorded"
    event_version = 1

    response_id: str
    activity_id: str
    action_id: str
    activity_type: ActivityType
    ratings: ParticipantRatings
    capacity_level: CapacityLevel = Field(description="the capacity level the activity served, for this participant")
    region: Region
    thematic_area: ThematicArea
    given_on: date = Field(description="when the response was given; places it in a review period")
    channel: FeedbackChannel
    batch_id: str | None = Field(default=None, description="shared by the responses of one paper form set")


class ParticipantFeedbackRecorded(DomainEvent):
    """One anonymous participant response on a held activity was recorded (R12): that it exists, not what it
    says. Its ratings and capacity level stay in the feedback service; the stream carries them only as
    suppressed aggregates (`ReviewPublished`), so no reader of the topic sees an individual response."""

    service = SERVICE
    event_version = 2

    response_id: str
    activity_id: str
    action_id: str
    activity_type: ActivityType
    region: Region
    thematic_area: ThematicArea
    given_on: date = Field(description="when the response was given; places it in a review period")
    channel: FeedbackChannel
    batch_id: str | None = Field(default=None, description="shared by the responses of one paper form set")


def _participant_feedback_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Drop the individual response's content: ratings and capacity level never leave the service again."""
    return {key: value for key, value in data.items() if key not in ("ratings", "capacity_level")}


class _ActionFeedback(DomainEvent):
    feedback_id: str
    action_id: str
    source: FeedbackSource
    expert_id: str | None = Field(default=None, description="the deployed expert, when source is EXPERT")
    authority_id: str | None = Field(default=None, description="the partner authority, when source is PARTNER")
    ratings: EvaluationRatings
    capacity_levels_reached: tuple[CapacityLevel, ...] = ()
    good_practice_features: tuple[GoodPracticeFeature, ...] = Field(default=(), description="features observed")


class ActionFeedbackSubmitted(_ActionFeedback):
    """Action-level feedback from one deployed expert or from the partner authority (R13): one per source."""

    service = SERVICE

    region: Region
    thematic_area: ThematicArea
    given_on: date
    on_behalf: bool = Field(default=False, description="entered by MIEUX staff on the respondent's behalf")


class ActionFeedbackCorrected(_ActionFeedback):
    """The Action-level feedback `feedback_id` was replaced as a whole (ratings, levels, features)."""

    service = SERVICE

    corrected_on: date


class CriterionStats(_Part):
    responses: Count = Field(description="responses that rated this criterion")
    mean: Mean | None = Field(default=None, description="null when suppressed or when nobody rated it")
    distribution: Distribution | None = None
    suppressed: bool = False


class ParticipantCriterionStats(CriterionStats):
    criterion: ParticipantCriterion


class EvaluationCriterionStats(CriterionStats):
    criterion: EvaluationCriterion


class LevelCount(_Part):
    level: CapacityLevel
    count: Count | None = Field(default=None, description="null when suppressed")


class FeatureCount(_Part):
    feature: GoodPracticeFeature
    count: Count | None = Field(default=None, description="null when suppressed")


class ParticipantReview(_Part):
    responses: Count
    activities: Count = Field(description="activities with at least one response")
    criteria: tuple[ParticipantCriterionStats, ...]
    capacity_levels: tuple[LevelCount, ...]
    suppressed: bool = Field(default=False, description="fewer responses than the threshold: counts withheld")


class ActionLevelReview(_Part):
    responses: Count
    expert_responses: Count
    partner_responses: Count
    actions: Count = Field(description="Actions with at least one Action-level feedback")
    criteria: tuple[EvaluationCriterionStats, ...]
    capacity_levels_reached: tuple[LevelCount, ...]
    good_practice_features: tuple[FeatureCount, ...]
    suppressed: bool = False


class ReviewPublished(DomainEvent):
    """The review of one period (quarter, half-year, year) for one scope, at the period's close (R14)."""

    service = SERVICE

    review_id: str
    period_kind: PeriodKind
    period: Annotated[str, Field(pattern=r"^\d{4}(-Q[1-4]|-H[12])?$", examples=["2019-Q3", "2019-H2", "2019"])]
    period_start: date
    period_end: date = Field(description="last day of the period")
    scope: ReviewScope
    scope_value: str | None = Field(default=None, description="the region or thematic area; null for the portfolio")
    participant: ParticipantReview
    action_level: ActionLevelReview
    suppression_threshold: Count = SUPPRESSION_THRESHOLD
    published_on: date


class CriterionFinding(_Part):
    """What an external evaluation found against one criterion."""

    criterion: EvaluationCriterion
    finding: Annotated[str, Field(min_length=1, max_length=4000)]


class ExternalEvaluationRecorded(DomainEvent):
    """An external evaluation of the programme: who carried it out, when, against which criteria, which
    countries it visited and Actions it looked at, and what it recommended."""

    service = SERVICE

    evaluation_id: str
    kind: EvaluationKind
    title: Annotated[str, Field(min_length=1, max_length=300)]
    evaluator: Annotated[str, Field(min_length=1, max_length=300, description="an institution or firm")]
    started_on: date
    ended_on: date
    findings: tuple[CriterionFinding, ...] = ()
    countries_visited: tuple[str, ...] = Field(default=(), description="ISO 3166-1 alpha-2 codes")
    action_ids: tuple[str, ...] = Field(default=(), description="Actions it looked at")
    recommendations: tuple[Annotated[str, Field(min_length=1, max_length=2000)], ...] = ()


EVENTS: tuple[type[DomainEvent], ...] = (
    ParticipantFeedbackRecordedV1,
    ParticipantFeedbackRecorded,
    ActionFeedbackSubmitted,
    ActionFeedbackCorrected,
    ReviewPublished,
    ExternalEvaluationRecorded,
)
UPCASTERS = (("ParticipantFeedbackRecorded", 1, _participant_feedback_v1_to_v2),)
