"""Events of the actions service: an Action from its opening (request approved) to its completion.

One stream per Action (stream id = `action_id`, the Kafka key): the Action Fiche, every activity and
every deliverable of the Action are recorded in it, so consumers see them in order.
No personal data: activities carry counts of participants, never who took part; experts are assigned
in the experts service. Titles, intervention logic and reasons are institutional text written by the
MIEUX team, not by participants.
Codes are upper snake case and shared 1:1 with the HTTP API and the GraphQL enums.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from contracts.base import DomainEvent
from contracts.events.action_learning import (
    ActionFollowUpRecorded,
    ActionLessonRecorded,
    ActionOutcomeRecorded,
    ActionReplicationRecorded,
    ComplementaryActorRecorded,
    SustainedMechanism,
)
from contracts.events.action_vocabulary import (
    SERVICE,
    ActivityType,
    ActorKind,
    CapacityLevel,
    Complementarity,
    CrossCuttingIssue,
    DeliverableKind,
    DeliverableLevel,
    DeliverableStatus,
    FeedbackSource,
    FicheParty,
    FollowUpChannel,
    LearningKind,
    MechanismKind,
    Phase,
    PracticeCategory,
    Sustainability,
)
from contracts.events.requests import AuthorityType, Region, ThematicArea

__all__ = [
    "EVENTS",
    "SERVICE",
    "ActionClassified",
    "ActionCompleted",
    "ActionFeedbackReceived",
    "ActionFicheAgreed",
    "ActionFicheDrafted",
    "ActionFicheEndorsed",
    "ActionFollowUpRecorded",
    "ActionLaunched",
    "ActionLessonRecorded",
    "ActionOpened",
    "ActionOutcomeRecorded",
    "ActionReplicationRecorded",
    "ActivityCancelled",
    "ActivityCoFacilitated",
    "ActivityHeld",
    "ActivityPlanned",
    "ActivityReplanned",
    "ActivityRescheduled",
    "ActivityType",
    "ActorKind",
    "CapacityLevel",
    "CapacityLevelApproach",
    "Complementarity",
    "ComplementaryActorRecorded",
    "CrossCuttingIssue",
    "DeliverableKind",
    "DeliverableLevel",
    "DeliverableRecorded",
    "DeliverableStatus",
    "DeliverableStatusChanged",
    "FeedbackSource",
    "FicheParty",
    "FollowUpChannel",
    "LearningKind",
    "MechanismKind",
    "Phase",
    "PracticeCategory",
    "Sustainability",
    "SustainedMechanism",
]


ActionCode = Annotated[str, Field(pattern=r"^\d{4}-\d{2,}$", description="YYYY-NN: year of the request, sequence")]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")]
Reason = Annotated[str, Field(min_length=1, max_length=1000)]
Count = Annotated[int, Field(ge=0)]


class CapacityLevelApproach(BaseModel):
    """How the Action addresses one capacity level (R06)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    level: CapacityLevel
    approach: str


class ActionOpened(DomainEvent):
    """An approved request became an Action (R03): code, ordinal within its country or organisation, phase."""

    service = SERVICE

    action_id: str
    request_id: str
    code: ActionCode
    ordinal: Annotated[int, Field(ge=1, description="n-th Action of the same country or organisation (R30)")]
    ordinal_scope: Annotated[
        str,
        Field(
            description="what the ordinal counts within: ISO country, the UN M49 sub-region of a multi-country "
            "Action (or its country codes joined by '+'), or an organisation's code"
        ),
    ]
    label: Annotated[str, Field(description='display label, e.g. "Cabo Verde IV"')]
    region: Region
    countries: tuple[CountryCode, ...] = ()
    regional_organisation: str | None = None
    thematic_area: ThematicArea
    topic: str
    phase: Phase
    authority_id: str
    authority_type: AuthorityType | None = None
    co_requester_ids: tuple[str, ...] = ()
    follow_up_of: str | None = Field(default=None, description="request id this request follows up")
    received_on: date
    approved_on: date


class ActionFicheDrafted(DomainEvent):
    """A (new) revision of the Action Fiche; a redraft needs to be agreed again (R05, R06, R11)."""

    service = SERVICE

    action_id: str
    revision: Annotated[int, Field(ge=1)]
    intervention_logic: str
    institutional_framework: str
    capacity_levels: tuple[CapacityLevelApproach, ...]
    planned_sequence: tuple[ActivityType, ...]
    drafted_on: date
    objective: str | None = Field(default=None, description="what the Action sets out to achieve, in a sentence")


class ActionFicheAgreed(DomainEvent):
    """The MIEUX team, the steering group and the partner authority agreed a revision of the Fiche (R05)."""

    service = SERVICE

    action_id: str
    revision: Annotated[int, Field(ge=1)]
    parties: tuple[FicheParty, ...]
    agreed_on: date


class ActionFicheEndorsed(DomainEvent):
    """The leadership of the requesting institution endorsed the Action (R24)."""

    service = SERVICE

    action_id: str
    revision: Annotated[int, Field(ge=1)]
    authority_id: str
    endorsed_on: date


class ActivityPlanned(DomainEvent):
    """An activity was added to the Action; carries the Action's scope so consumers need not call back."""

    service = SERVICE

    activity_id: str
    action_id: str
    sequence: Annotated[int, Field(ge=1, description="order in which activities were planned in the Action")]
    activity_type: ActivityType
    starts_on: date
    ends_on: date
    remote: bool = False
    place_country: CountryCode | None = None
    place_city: str | None = None
    planned_participants: Count | None = None
    reason: str | None = Field(default=None, description="why it was added, when it modifies the plan (R11)")
    region: Region
    thematic_area: ThematicArea
    countries: tuple[CountryCode, ...] = ()


class ActivityReplanned(DomainEvent):
    """A planned activity was redesigned (type, place, participants, dates): a modification (R07, R11)."""

    service = SERVICE

    activity_id: str
    action_id: str
    activity_type: ActivityType
    starts_on: date
    ends_on: date
    remote: bool = False
    place_country: CountryCode | None = None
    place_city: str | None = None
    planned_participants: Count | None = None
    reason: Reason


class ActivityRescheduled(DomainEvent):
    """A planned activity moved to new dates (R11)."""

    service = SERVICE

    activity_id: str
    action_id: str
    starts_on: date
    ends_on: date
    reason: Reason


class ActivityCancelled(DomainEvent):
    service = SERVICE

    activity_id: str
    action_id: str
    cancelled_on: date
    reason: Reason


class ActivityHeld(DomainEvent):
    """The activity took place: actual dates and how many took part (never who)."""

    service = SERVICE

    activity_id: str
    action_id: str
    activity_type: ActivityType
    held_from: date
    held_to: date
    participants_count: Count
    region: Region
    thematic_area: ThematicArea
    countries: tuple[CountryCode, ...] = ()


class ActivityCoFacilitated(DomainEvent):
    """Staff of a partner institution of the Action facilitated the activity alongside the MIEUX experts.

    Names the institution (and, when it was one, the focal point), never the person: who the focal point is
    stays in the requests service.
    """

    service = SERVICE

    activity_id: str
    action_id: str
    authority_id: str = Field(description="the requesting or co-requesting institution whose staff co-facilitated")
    focal_point_id: str | None = Field(default=None, description="the institution's focal point who did, if one did")
    recorded_on: date


class ActionLaunched(DomainEvent):
    """The first activity was held (R10: launched within 90 days of approval, else late)."""

    service = SERVICE

    action_id: str
    launched_on: date
    first_activity_id: str
    days_from_request: int
    days_from_approval: int
    launched_late: bool


class DeliverableRecorded(DomainEvent):
    """A deliverable of the Action, owned by the partner (R25); starts as drafted."""

    service = SERVICE

    deliverable_id: str
    action_id: str
    kind: DeliverableKind
    title: str
    recorded_on: date


class DeliverableStatusChanged(DomainEvent):
    """A deliverable moved forward (R26), at a level, on a date."""

    service = SERVICE

    deliverable_id: str
    action_id: str
    previous_status: DeliverableStatus
    status: DeliverableStatus
    level: DeliverableLevel
    changed_on: date


class ActionCompleted(DomainEvent):
    """Every non-cancelled activity held; counts in exactly one region and thematic area of a phase (R20)."""

    service = SERVICE

    action_id: str
    completed_on: date
    region: Region
    thematic_area: ThematicArea
    phase: Phase
    activities_held: Count
    activities_cancelled: Count
    deliverables_count: Count
    override_reason: str | None = Field(
        default=None, description="why a programme manager completed it although a precondition was not met"
    )


class ActionFeedbackReceived(DomainEvent):
    """The feedback service recorded Action-level feedback from this source (R13): a completion precondition."""

    service = SERVICE

    action_id: str
    source: FeedbackSource
    feedback_id: str
    received_on: date
    expert_id: str | None = Field(
        default=None, description="the expert who gave it, when source is EXPERT (one event per expert)"
    )


class ActionClassified(DomainEvent):
    """What the Action works on: topics of the catalogue (`contracts.reference.topics`) and cross-cutting
    issues. The latest classification replaces the earlier ones."""

    service = SERVICE

    action_id: str
    topics: tuple[str, ...] = Field(description="topic codes of contracts.reference.topics, at least one")
    cross_cutting: tuple[CrossCuttingIssue, ...] = ()
    classified_on: date


EVENTS: tuple[type[DomainEvent], ...] = (
    ActionOpened,
    ActionFicheDrafted,
    ActionFicheAgreed,
    ActionFicheEndorsed,
    ActivityPlanned,
    ActivityReplanned,
    ActivityRescheduled,
    ActivityCancelled,
    ActivityHeld,
    ActionLaunched,
    DeliverableRecorded,
    DeliverableStatusChanged,
    ActionFeedbackReceived,
    ActionCompleted,
    ActionClassified,
    ActionLessonRecorded,
    ActionOutcomeRecorded,
    ActionFollowUpRecorded,
    ActionReplicationRecorded,
    ComplementaryActorRecorded,
    ActivityCoFacilitated,
)
