"""The bodies of the actions service's command routes (snake_case JSON; codes as in the event contracts)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints

from contracts.bodies.base import CommandBody, CountryCode, ExpectedVersion
from contracts.events.actions import (
    ActivityType,
    ActorKind,
    CapacityLevel,
    Complementarity,
    CrossCuttingIssue,
    DeliverableKind,
    DeliverableLevel,
    DeliverableStatus,
    FicheParty,
    FollowUpChannel,
    LearningKind,
    MechanismKind,
    PracticeCategory,
    Sustainability,
)

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10000)]
Summary = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
Key = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Participants = Annotated[int, Field(ge=0, le=100_000)]


class _In(CommandBody):
    """No unknown fields; dates within the programme's span (service_core.inputs)."""


class CapacityLevelIn(_In):
    level: CapacityLevel
    approach: LongText


class DraftFicheBody(_In):
    intervention_logic: LongText
    institutional_framework: LongText = Field(description="the partner's institutional framework on migration")
    capacity_levels: list[CapacityLevelIn] = Field(max_length=3, description="how each level is addressed (R06)")
    planned_sequence: list[ActivityType] = Field(default_factory=list, max_length=30)
    drafted_on: date | None = Field(default=None, description="date of the draft; defaults to today (UTC)")
    objective: Summary | None = Field(default=None, description="what the Action sets out to achieve, in a sentence")
    expected_version: ExpectedVersion = None


class AgreeFicheBody(_In):
    parties: list[FicheParty] = Field(max_length=3, description="all three must agree (R05)")
    agreed_on: date | None = Field(default=None, description="date of the agreement; defaults to today (UTC)")
    expected_version: ExpectedVersion = None


class EndorseFicheBody(_In):
    endorsed_on: date | None = Field(default=None, description="date of the endorsement; defaults to today (UTC)")
    expected_version: ExpectedVersion = None


class ClassificationBody(_In):
    topics: list[Annotated[str, StringConstraints(min_length=1, max_length=120)]] = Field(
        max_length=30, description="topic codes of the catalogue (GET /topics), at least one", examples=[["THB"]]
    )
    cross_cutting: list[CrossCuttingIssue] = Field(default_factory=list, max_length=3)
    classified_on: date | None = Field(default=None, description="defaults to today (UTC)")
    expected_version: ExpectedVersion = None


class LessonBody(_In):
    kind: LearningKind
    category: PracticeCategory
    summary: Summary
    recorded_on: date | None = Field(default=None, description="defaults to today (UTC)")
    expected_version: ExpectedVersion = None


class OutcomeBody(_In):
    summary: Summary
    capacity_level: CapacityLevel | None = None
    deliverable_ids: list[Key] = Field(default_factory=list, max_length=20)
    observed_on: date | None = Field(default=None, description="defaults to today (UTC)")
    expected_version: ExpectedVersion = None


class MechanismIn(_In):
    kind: MechanismKind
    description: Summary
    status: Sustainability


class FollowUpBody(_In):
    channel: FollowUpChannel
    summary: Summary
    mechanisms: list[MechanismIn] = Field(default_factory=list, max_length=20)
    observed_on: date | None = Field(default=None, description="defaults to today (UTC)")
    expected_version: ExpectedVersion = None


class ReplicationBody(_In):
    country: CountryCode = Field(description="the country that took the practice up (ISO 3166-1 alpha-2)")
    request_id: Key | None = Field(default=None, description="the request it arrived as, when there is one")
    summary: Summary
    observed_on: date | None = Field(default=None, description="defaults to today (UTC)")
    expected_version: ExpectedVersion = None


class ComplementaryActorBody(_In):
    name: ShortText = Field(description="an institution or programme, never a person")
    kind: ActorKind
    relation: Complementarity
    initiative: Summary | None = None
    recorded_on: date | None = Field(default=None, description="defaults to today (UTC)")
    expected_version: ExpectedVersion = None


class PlanBody(_In):
    activity_type: ActivityType
    starts_on: date
    ends_on: date
    remote: bool = False
    place_country: CountryCode | None = Field(default=None, description="required unless remote")
    place_city: ShortText | None = None
    planned_participants: Participants | None = None


class PlanActivityBody(PlanBody):
    reason: Reason | None = Field(default=None, description="why, when the activity modifies the Fiche's plan (R11)")
    expected_version: ExpectedVersion = None


class ReplanActivityBody(PlanBody):
    reason: Reason
    expected_version: ExpectedVersion = None


class RescheduleActivityBody(_In):
    starts_on: date
    ends_on: date
    reason: Reason
    expected_version: ExpectedVersion = None


class CancelActivityBody(_In):
    reason: Reason
    cancelled_on: date | None = Field(default=None, description="date of the cancellation; defaults to today (UTC)")
    expected_version: ExpectedVersion = None


class CoFacilitationBody(_In):
    authority_id: Key = Field(description="the Action's requesting or a co-requesting institution")
    focal_point_id: Key | None = Field(default=None, description="its focal point who co-facilitated, if one did")
    recorded_on: date | None = Field(default=None, description="defaults to today (UTC)")
    expected_version: ExpectedVersion = None


class HoldActivityBody(_In):
    held_from: date
    held_to: date
    participants_count: Participants
    expected_version: ExpectedVersion = None


class RecordDeliverableBody(_In):
    kind: DeliverableKind
    title: ShortText
    recorded_on: date | None = Field(default=None, description="date recorded; defaults to today (UTC)")
    expected_version: ExpectedVersion = None


class DeliverableStatusBody(_In):
    status: DeliverableStatus = Field(description="forward only: DRAFTED → … → IMPLEMENTED, skips allowed (R26)")
    level: DeliverableLevel
    changed_on: date | None = Field(default=None, description="date of the change; defaults to today (UTC)")
    expected_version: ExpectedVersion = None


class CompleteActionBody(_In):
    completed_on: date | None = Field(default=None, description="date of completion; defaults to today (UTC)")
    override_reason: Reason | None = Field(
        default=None, description="programme managers only: why an overridable precondition is passed over"
    )
    expected_version: ExpectedVersion = None


class IdsBody(_In):
    ids: list[Key] = Field(max_length=500)


class RequestIdsBody(_In):
    request_ids: list[Key] = Field(max_length=500)


class ActionIdsBody(_In):
    action_ids: list[Key] = Field(max_length=500)
