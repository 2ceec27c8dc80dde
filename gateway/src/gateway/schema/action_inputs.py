"""Inputs of the mutations on Actions, activities and deliverables (dates default to today, UTC)."""

from __future__ import annotations

from datetime import date

import strawberry

from gateway.schema.common import CountryCode
from gateway.schema.enums import (
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

VERSION = "Refuse with CONCURRENT_MODIFICATION unless the Action is at this version."


@strawberry.input
class CapacityLevelApproachInput:
    level: CapacityLevel
    approach: str


@strawberry.input(description="Draft (a new revision of) the Action Fiche.")
class DraftActionFicheInput:
    action_id: strawberry.ID
    intervention_logic: str
    institutional_framework: str
    capacity_levels: list[CapacityLevelApproachInput]
    planned_sequence: list[ActivityType]
    drafted_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input(description="All three parties must take part: MIEUX_TEAM, STEERING_GROUP, PARTNER_AUTHORITY (R05).")
class AgreeActionFicheInput:
    action_id: strawberry.ID
    parties: list[FicheParty]
    agreed_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input(description="The requesting institution's leadership endorsed the Action (R24).")
class EndorseActionFicheInput:
    action_id: strawberry.ID
    endorsed_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input(description="Topics of the catalogue and cross-cutting issues; replaces the earlier ones.")
class ClassifyActionInput:
    action_id: strawberry.ID
    topics: list[str] = strawberry.field(description="Topic codes of the catalogue (GET /topics on the service).")
    cross_cutting: list[CrossCuttingIssue] = strawberry.field(default_factory=list)
    classified_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input(description="A lesson learnt or a good practice of the Action.")
class RecordActionLessonInput:
    action_id: strawberry.ID
    kind: LearningKind
    category: PracticeCategory
    summary: str
    recorded_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input(description="An outcome of the Action and the deliverables (outputs) it stems from.")
class RecordActionOutcomeInput:
    action_id: strawberry.ID
    summary: str
    capacity_level: CapacityLevel | None = None
    deliverable_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    observed_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input
class SustainedMechanismInput:
    kind: MechanismKind
    description: str
    status: Sustainability


@strawberry.input(description="What became of the Action: the mechanisms it set up and whether they lasted.")
class RecordActionFollowUpInput:
    action_id: strawberry.ID
    channel: FollowUpChannel
    summary: str
    mechanisms: list[SustainedMechanismInput] = strawberry.field(default_factory=list)
    observed_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input(description="The Action's practice taken up in another country, possibly through a request.")
class RecordActionReplicationInput:
    action_id: strawberry.ID
    country: CountryCode = strawberry.field(description="ISO 3166-1 alpha-2 code, e.g. MX.")
    summary: str
    request_id: strawberry.ID | None = None
    observed_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input(description="Another actor's initiative the Action complements (R27).")
class RecordComplementaryActorInput:
    action_id: strawberry.ID
    name: str = strawberry.field(description="An institution or programme, never a person.")
    kind: ActorKind
    relation: Complementarity
    initiative: str | None = None
    recorded_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input(description="Plan an activity; a place country is required unless remote.")
class PlanActivityInput:
    action_id: strawberry.ID
    activity_type: ActivityType
    starts_on: date
    ends_on: date
    remote: bool = False
    place_country: CountryCode | None = None
    place_city: str | None = None
    planned_participants: int | None = None
    reason: str | None = strawberry.field(default=None, description="Why, when it modifies the plan (R11).")
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input(description="Redesign a planned activity, with the reason (R11).")
class ReplanActivityInput:
    activity_id: strawberry.ID
    activity_type: ActivityType
    starts_on: date
    ends_on: date
    reason: str
    remote: bool = False
    place_country: CountryCode | None = None
    place_city: str | None = None
    planned_participants: int | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input(description="Move a planned activity to new dates, with the reason (R11).")
class RescheduleActivityInput:
    activity_id: strawberry.ID
    starts_on: date
    ends_on: date
    reason: str
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input(description="Cancel a planned activity, with the reason (R07, R11).")
class CancelActivityInput:
    activity_id: strawberry.ID
    reason: str
    cancelled_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input(description="Record that an activity was held; the first one held launches the Action (R10).")
class RecordActivityHeldInput:
    activity_id: strawberry.ID
    held_from: date
    held_to: date
    participants_count: int
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input
class RecordDeliverableInput:
    action_id: strawberry.ID
    kind: DeliverableKind
    title: str
    recorded_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input(description="Move a deliverable forward (skips allowed), with the level and date (R26).")
class ChangeDeliverableStatusInput:
    deliverable_id: strawberry.ID
    status: DeliverableStatus
    level: DeliverableLevel
    changed_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input(description="Complete the Action: every activity not cancelled must be held.")
class CompleteActionInput:
    action_id: strawberry.ID
    completed_on: date | None = None
    override_reason: str | None = strawberry.field(
        default=None, description="Programme managers only: complete despite a missing precondition."
    )
    expected_version: int | None = strawberry.field(default=None, description=VERSION)
