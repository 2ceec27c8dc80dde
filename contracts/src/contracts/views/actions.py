"""What the actions service publishes: an Action (with its Fiche, launch figures and warnings), its
activities and deliverables, and the states they move through."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from contracts.events.actions import (
    ActionFollowUpRecorded,
    ActionReplicationRecorded,
    ActivityType,
    CapacityLevel,
    ComplementaryActorRecorded,
    CrossCuttingIssue,
    DeliverableKind,
    DeliverableLevel,
    DeliverableStatus,
    FicheParty,
    LearningKind,
    Phase,
    PracticeCategory,
)
from contracts.events.requests import AuthorityType, Region, ThematicArea
from contracts.reference.topics import TopicFamily
from contracts.views.common import CountryCode, OpenCodes


class ActionStatus(StrEnum):
    """Where an Action stands."""

    IN_PREPARATION = "IN_PREPARATION"  # opened; Fiche and activities being prepared, nothing held yet
    ONGOING = "ONGOING"  # launched: its first activity was held
    COMPLETED = "COMPLETED"


class ActionOrderField(StrEnum):
    """What the Action list can be ordered by (`GET /actions?order_by=`); by default latest approved first.
    An Action not launched (not completed) yet sorts last by `launched_on` (`completed_on`), either way."""

    APPROVED_ON = "approved_on"
    RECEIVED_ON = "received_on"
    LAUNCHED_ON = "launched_on"
    COMPLETED_ON = "completed_on"
    UPDATED_AT = "updated_at"
    CODE = "code"
    REGION = "region"
    STATUS = "status"


class FicheStatus(StrEnum):
    """Where the Action Fiche stands."""

    NOT_DRAFTED = "NOT_DRAFTED"
    DRAFTED = "DRAFTED"  # the latest revision awaits agreement
    AGREED = "AGREED"  # the latest revision is agreed by all three parties


class ActionWarningCode(OpenCodes):
    """The warnings of the Action's rules (not refusals)."""

    TOO_MANY_ACTIVITIES = "TOO_MANY_ACTIVITIES"  # R08
    FIRST_ACTIVITY_NOT_FACT_FINDING = "FIRST_ACTIVITY_NOT_FACT_FINDING"  # R28
    CAPACITY_LEVELS_NOT_ADDRESSED = "CAPACITY_LEVELS_NOT_ADDRESSED"  # R06
    MIEUX_I_OUTSIDE_IRREGULAR_MIGRATION = "MIEUX_I_OUTSIDE_IRREGULAR_MIGRATION"  # R22
    LAUNCHED_LATE = "LAUNCHED_LATE"  # R10
    ACTIVITIES_OFF_PLAN = "ACTIVITIES_OFF_PLAN"  # R07
    FACT_FINDING_LONGER_THAN_USUAL = "FACT_FINDING_LONGER_THAN_USUAL"  # R28
    NOT_ENDORSED = "NOT_ENDORSED"  # R24
    OTHER = "OTHER"


class ModificationKind(StrEnum):
    """What a recorded change did to the activity plan."""

    PLANNED = "PLANNED"  # an activity added to the Fiche's plan, with a reason
    REPLANNED = "REPLANNED"
    RESCHEDULED = "RESCHEDULED"
    CANCELLED = "CANCELLED"


class ActivityStatus(StrEnum):
    """Where an activity stands."""

    PLANNED = "PLANNED"
    HELD = "HELD"
    CANCELLED = "CANCELLED"


class CapacityLevelView(BaseModel):
    """How the Action addresses one capacity level."""

    level: CapacityLevel
    approach: str


class FicheView(BaseModel):
    """The Action Fiche: drafted, then agreed by all three parties (R05, R06), endorsed (R24)."""

    revision: int = Field(description="the latest revision drafted")
    status: FicheStatus
    intervention_logic: str
    institutional_framework: str
    capacity_levels: list[CapacityLevelView]
    planned_sequence: list[ActivityType]
    drafted_on: date
    objective: str | None = Field(default=None, description="what the Action sets out to achieve, in a sentence")
    agreed_revision: int | None = Field(default=None, description="the latest revision agreed (may be older)")
    agreed_on: date | None = None
    parties: list[FicheParty] = Field(default_factory=list)
    endorsed_revision: int | None = Field(default=None, description="the revision the leadership endorsed (R24)")
    endorsed_on: date | None = None


class LessonView(BaseModel):
    """A lesson learnt or a good practice of an Action."""

    lesson_id: str
    kind: LearningKind
    category: PracticeCategory
    summary: str
    recorded_on: date


class OutcomeView(BaseModel):
    """A result beyond the Action's outputs, with the deliverables it stems from."""

    outcome_id: str
    summary: str
    capacity_level: CapacityLevel | None
    deliverable_ids: list[str] = Field(description="the outputs (deliverables) it stems from")
    observed_on: date


class WarningView(BaseModel):
    """A warning of the domain's rules (not a refusal), e.g. R08 more than seven activities."""

    code: ActionWarningCode
    rule: str = Field(description="the rule of the domain model, e.g. R08")
    message: str


class ActionView(BaseModel):
    """An Action: an approved request turned into a set of activities."""

    id: str
    code: str = Field(description="YYYY-NN: year of the request, sequence within the year (R29)")
    label: str = Field(description='its ordinal within the country or organisation, e.g. "Cabo Verde IV" (R30)')
    ordinal: int
    ordinal_scope: str = Field(description="the country (ISO) or regional organisation the ordinal counts within")
    request_id: str
    region: Region
    countries: list[CountryCode]
    regional_organisation: str | None
    thematic_area: ThematicArea
    topic: str
    phase: Phase
    authority_id: str
    authority_type: AuthorityType | None
    co_requester_ids: list[str]
    follow_up_of: str | None
    received_on: date
    approved_on: date
    status: ActionStatus
    fiche: FicheView | None
    activities_planned: int = Field(description="activities not cancelled (planned or held)")
    activities_held: int
    activities_cancelled: int
    first_activity_type: ActivityType | None = Field(description="earliest activity not cancelled (R28)")
    fact_finding_days: int | None = Field(
        default=None,
        description="days of the longest fact-finding mission not cancelled (held dates once held; R28: usually about a week)",
    )
    launched_on: date | None = Field(description="start of the first activity held (the launch)")
    first_activity_id: str | None
    launch_due_on: date = Field(description="approval + 90 days (R10)")
    launched_late: bool = Field(
        description="launched after the launch due date, or not launched and that date has passed"
    )
    days_to_launch_from_request: int | None
    days_to_launch_from_approval: int | None
    completed_on: date | None
    override_reason: str | None
    deliverables_count: int
    topics: list[str] = Field(default_factory=list, description="topic codes of the catalogue (GET /topics)")
    cross_cutting: list[CrossCuttingIssue] = Field(default_factory=list)
    lessons: list[LessonView] = Field(default_factory=list, description="lessons learnt and good practices")
    outcomes: list[OutcomeView] = Field(default_factory=list, description="results beyond the outputs")
    follow_ups: list[ActionFollowUpRecorded] = Field(
        default_factory=list, description="what became of the Action, learnt from its partners later"
    )
    replications: list[ActionReplicationRecorded] = Field(
        default_factory=list, description="its practice taken up in other countries"
    )
    complementary_actors: list[ComplementaryActorRecorded] = Field(
        default_factory=list, description="other actors' initiatives it complements (R27)"
    )
    warnings: list[WarningView]
    version: int
    opened_at: datetime
    updated_at: datetime


class ModificationView(BaseModel):
    """A recorded change to the activity plan, with its reason (R07, R11)."""

    kind: ModificationKind = Field(description="PLANNED (added with a reason), REPLANNED, RESCHEDULED or CANCELLED")
    reason: str | None
    recorded_at: datetime
    activity_type: ActivityType | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    cancelled_on: date | None = None


class CoFacilitationView(BaseModel):
    """A partner institution whose staff co-facilitated an activity with the experts (who it was stays with the
    requests service: its focal point, if one did)."""

    authority_id: str = Field(description="the Action's requesting or co-requesting institution")
    focal_point_id: str | None = Field(
        description="its focal point who co-facilitated (the focal point's id on the request), if one did"
    )
    recorded_on: date


class ActivityView(BaseModel):
    """One activity of an Action: planned, held or cancelled."""

    id: str
    action_id: str
    sequence: int = Field(description="order in which the activity was planned")
    activity_type: ActivityType
    status: ActivityStatus
    starts_on: date
    ends_on: date
    remote: bool
    place_country: CountryCode | None
    place_city: str | None
    planned_participants: int | None
    held_from: date | None
    held_to: date | None
    participants_count: int | None
    cancelled_on: date | None
    modifications: list[ModificationView]
    co_facilitators: list[CoFacilitationView] = Field(
        default_factory=list, description="partner institutions whose staff co-facilitated it, in recorded order"
    )
    version: int = Field(description="the Action's version when this activity last changed")
    planned_at: datetime
    updated_at: datetime


class StatusStepView(BaseModel):
    """One status step of a deliverable, with its level and date."""

    status: DeliverableStatus
    level: DeliverableLevel | None = Field(description="null for the initial DRAFTED")
    changed_on: date


class DeliverableView(BaseModel):
    """A deliverable (output) of an Action; can be recorded after the Action ends."""

    id: str
    action_id: str
    kind: DeliverableKind
    title: str
    status: DeliverableStatus
    recorded_on: date
    status_changed_on: date
    history: list[StatusStepView] = Field(description="every status with its level and date, oldest first (R26)")
    approval: StatusStepView | None = Field(
        default=None, description="the latest approval step (VALIDATED, ENDORSED, ADOPTED) with its level; R26 tiers"
    )
    rollout: StatusStepView | None = Field(
        default=None, description="the latest roll-out step (LAUNCHED, IMPLEMENTED), independent of approval"
    )
    version: int
    recorded_at: datetime
    updated_at: datetime


class TopicView(BaseModel):
    """A topic of the catalogue."""

    code: str
    name: str
    thematic_area: ThematicArea
    families: list[TopicFamily] = Field(description="THB, LABOUR_MIGRATION: the families the portfolio counts")
