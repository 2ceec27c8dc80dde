"""Commands: what a user (or a policy) asks the actions service to do (imperative, frozen; ids, dates given)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from contracts.events.actions import (
    ActivityType,
    ActorKind,
    CapacityLevel,
    CapacityLevelApproach,
    Complementarity,
    CrossCuttingIssue,
    DeliverableKind,
    DeliverableLevel,
    DeliverableStatus,
    FicheParty,
    FollowUpChannel,
    LearningKind,
    Phase,
    PracticeCategory,
    SustainedMechanism,
)
from contracts.events.requests import AuthorityType, Region, ThematicArea


@dataclass(frozen=True, slots=True)
class OpenAction:
    """Open the Action of an approved request (policy on RequestApproved); code and ordinal come allocated."""

    action_id: str
    request_id: str
    code: str
    ordinal: int
    ordinal_scope: str
    label: str
    region: Region
    thematic_area: ThematicArea
    topic: str
    phase: Phase
    authority_id: str
    received_on: date
    approved_on: date
    countries: tuple[str, ...] = ()
    regional_organisation: str | None = None
    authority_type: AuthorityType | None = None
    co_requester_ids: tuple[str, ...] = ()
    follow_up_of: str | None = None


@dataclass(frozen=True, slots=True)
class DraftFiche:
    """Draft (or redraft) the Action Fiche (R05, R06); a redraft has to be agreed again."""

    action_id: str
    intervention_logic: str
    institutional_framework: str
    capacity_levels: tuple[CapacityLevelApproach, ...]
    planned_sequence: tuple[ActivityType, ...]
    drafted_on: date
    expected_version: int | None = None
    objective: str | None = None


@dataclass(frozen=True, slots=True)
class AgreeFiche:
    action_id: str
    parties: tuple[FicheParty, ...]
    agreed_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class EndorseFiche:
    """Record the endorsement by the requesting institution's leadership (R24)."""

    action_id: str
    endorsed_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class ActivityPlan:
    """What an activity is planned to be: type, dates, place or remote, expected participants."""

    activity_type: ActivityType
    starts_on: date
    ends_on: date
    remote: bool = False
    place_country: str | None = None
    place_city: str | None = None
    planned_participants: int | None = None


@dataclass(frozen=True, slots=True)
class PlanActivity:
    action_id: str
    activity_id: str
    plan: ActivityPlan
    reason: str | None = None
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class ReplanActivity:
    """Redesign a planned activity (type, place, participants, dates): a recorded modification (R11)."""

    action_id: str
    activity_id: str
    plan: ActivityPlan
    reason: str
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class RescheduleActivity:
    action_id: str
    activity_id: str
    starts_on: date
    ends_on: date
    reason: str
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class CancelActivity:
    action_id: str
    activity_id: str
    cancelled_on: date
    reason: str
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class HoldActivity:
    """Mark an activity held, with its actual dates and the number of participants."""

    action_id: str
    activity_id: str
    held_from: date
    held_to: date
    participants_count: int
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class RecordCoFacilitation:
    """Staff of one of the Action's partner institutions co-facilitated an activity (with its focal point, if)."""

    action_id: str
    activity_id: str
    authority_id: str
    focal_point_id: str | None
    recorded_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class RecordDeliverable:
    action_id: str
    deliverable_id: str
    kind: DeliverableKind
    title: str
    recorded_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class ChangeDeliverableStatus:
    action_id: str
    deliverable_id: str
    status: DeliverableStatus
    level: DeliverableLevel
    changed_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class CompleteAction:
    """Complete the Action. `override_reason` lets a programme manager pass an overridable precondition
    (Action-level feedback from every deployed expert and the partner, R13); the hard rules are never
    overridden. `deployed_expert_ids` is filled by the handler from the experts service's events."""

    action_id: str
    completed_on: date
    override_reason: str | None = None
    expected_version: int | None = None
    deployed_expert_ids: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ClassifyAction:
    """Topics of the catalogue and cross-cutting issues the Action works on (replaces the earlier ones)."""

    action_id: str
    topics: tuple[str, ...]
    cross_cutting: tuple[CrossCuttingIssue, ...]
    classified_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class RecordLesson:
    action_id: str
    lesson_id: str
    kind: LearningKind
    category: PracticeCategory
    summary: str
    recorded_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class RecordOutcome:
    action_id: str
    outcome_id: str
    summary: str
    capacity_level: CapacityLevel | None
    deliverable_ids: tuple[str, ...]
    observed_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class RecordFollowUp:
    """What became of the Action, learnt from its partners after its activities."""

    action_id: str
    follow_up_id: str
    channel: FollowUpChannel
    summary: str
    mechanisms: tuple[SustainedMechanism, ...]
    observed_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class RecordReplication:
    """The Action's practice taken up in another country (possibly through a request of its own)."""

    action_id: str
    replication_id: str
    country: str
    request_id: str | None
    summary: str
    observed_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class RecordComplementaryActor:
    """Another actor's initiative the Action complements (R27)."""

    action_id: str
    actor_id: str
    name: str
    kind: ActorKind
    relation: Complementarity
    initiative: str | None
    recorded_on: date
    expected_version: int | None = None


AftermathCommand = RecordFollowUp | RecordReplication | RecordComplementaryActor
ActivityCommand = PlanActivity | ReplanActivity | RescheduleActivity | CancelActivity | HoldActivity
DeliverableCommand = RecordDeliverable | ChangeDeliverableStatus
Command = (
    OpenAction
    | DraftFiche
    | AgreeFiche
    | EndorseFiche
    | ActivityCommand
    | RecordCoFacilitation
    | DeliverableCommand
    | CompleteAction
    | ClassifyAction
    | RecordLesson
    | RecordOutcome
    | AftermathCommand
)
