"""The HTTP API's views: an Action (with its Fiche, launch figures and warnings), activities, deliverables."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

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
from contracts.reference.topics import TOPICS, TopicFamily
from pydantic import BaseModel, Field

from actions_service.domain.deliverables import APPROVAL, ROLLOUT
from actions_service.domain.state import ActionStatus, ActivityStatus, FicheStatus
from actions_service.domain.warnings import launch, warnings


class CapacityLevelView(BaseModel):
    level: CapacityLevel
    approach: str


class FicheView(BaseModel):
    revision: int = Field(description="the latest revision drafted")
    status: FicheStatus
    intervention_logic: str
    institutional_framework: str
    capacity_levels: list[CapacityLevelView]
    planned_sequence: list[ActivityType]
    drafted_on: date
    agreed_revision: int | None = Field(default=None, description="the latest revision agreed (may be older)")
    agreed_on: date | None = None
    parties: list[FicheParty] = Field(default_factory=list)
    endorsed_revision: int | None = Field(default=None, description="the revision the leadership endorsed (R24)")
    endorsed_on: date | None = None


class LessonView(BaseModel):
    lesson_id: str
    kind: LearningKind
    category: PracticeCategory
    summary: str
    recorded_on: date


class OutcomeView(BaseModel):
    outcome_id: str
    summary: str
    capacity_level: CapacityLevel | None
    deliverable_ids: list[str] = Field(description="the outputs (deliverables) it stems from")
    observed_on: date


class WarningView(BaseModel):
    code: str
    rule: str = Field(description="the rule of the domain model, e.g. R08")
    message: str


class ActionView(BaseModel):
    id: str
    code: str = Field(description="YYYY-NN (R29)")
    label: str = Field(description='e.g. "Cabo Verde IV" (R30)')
    ordinal: int
    ordinal_scope: str = Field(description="the country (ISO) or regional organisation the ordinal counts within")
    request_id: str
    region: Region
    countries: list[str]
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
        default=None, description="days of the longest fact-finding mission not cancelled (held dates once held; R28)"
    )
    launched_on: date | None = Field(description="start of the first activity held")
    first_activity_id: str | None
    launch_due_on: date = Field(description="approval + 90 days (R10)")
    launched_late: bool = Field(description="launched after launch_due_on, or not launched and it has passed")
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

    @classmethod
    def from_row(cls, row: dict[str, Any], today: date) -> ActionView:
        figures = launch(row["received_on"], row["approved_on"], row["launched_on"], today)
        fiche = row["fiche"]
        first = ActivityType(row["first_activity_type"]) if row["first_activity_type"] else None
        found = warnings(
            active_activities=row["activities_planned"],
            first_activity_type=first,
            capacity_levels=frozenset(CapacityLevel(c["level"]) for c in fiche["capacity_levels"]) if fiche else None,
            phase=Phase(row["phase"]),
            thematic_area=ThematicArea(row["thematic_area"]),
            launch_late=figures.late,
            launched=row["launched_on"] is not None,
            planned_sequence=[ActivityType(t) for t in fiche["planned_sequence"]] if fiche else None,
            unmodified_activity_types=[ActivityType(t) for t in row["unmodified_activity_types"]],
            fact_finding_days=row["fact_finding_days"],
            endorsed=bool(fiche and fiche.get("endorsed_revision")),
        )
        return cls.model_validate(
            {
                **row,
                "launched_late": figures.late,
                "days_to_launch_from_request": figures.days_from_request,
                "days_to_launch_from_approval": figures.days_from_approval,
                "warnings": [WarningView(code=w.code, rule=w.rule, message=w.message) for w in found],
            }
        )


class ModificationView(BaseModel):
    """A recorded change of a planned activity (R07, R11)."""

    kind: str = Field(description="PLANNED (added with a reason), REPLANNED, RESCHEDULED or CANCELLED")
    reason: str | None
    recorded_at: datetime
    activity_type: ActivityType | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    cancelled_on: date | None = None


class ActivityView(BaseModel):
    id: str
    action_id: str
    sequence: int = Field(description="order in which the activity was planned")
    activity_type: ActivityType
    status: ActivityStatus
    starts_on: date
    ends_on: date
    remote: bool
    place_country: str | None
    place_city: str | None
    planned_participants: int | None
    held_from: date | None
    held_to: date | None
    participants_count: int | None
    cancelled_on: date | None
    modifications: list[ModificationView]
    version: int = Field(description="the Action's version when this activity last changed")
    planned_at: datetime
    updated_at: datetime

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ActivityView:
        return cls.model_validate(row)


class StatusStepView(BaseModel):
    status: DeliverableStatus
    level: DeliverableLevel | None = Field(description="null for the initial DRAFTED")
    changed_on: date


class DeliverableView(BaseModel):
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
    rollout: StatusStepView | None = Field(default=None, description="the latest roll-out step (LAUNCHED, IMPLEMENTED)")
    version: int
    recorded_at: datetime
    updated_at: datetime

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> DeliverableView:
        view = cls.model_validate(row)
        approval = [s for s in view.history if s.status in APPROVAL]
        rollout = [s for s in view.history if s.status in ROLLOUT]
        return view.model_copy(
            update={"approval": approval[-1] if approval else None, "rollout": rollout[-1] if rollout else None}
        )


class CommandResponse(BaseModel):
    """Every command answers with the Action; activity and deliverable commands also with what they changed."""

    action: ActionView
    version: int = Field(description="the Action's version after the command")
    position: int = Field(description="store position of the last event appended (consistency token)")
    activity: ActivityView | None = Field(default=None, description="the activity changed (activity commands)")
    deliverable: DeliverableView | None = Field(default=None, description="the deliverable changed")


class ActionPage(BaseModel):
    items: list[ActionView]
    cursors: list[str] = Field(description="the cursor of each item, to page on after it")
    total_count: int = Field(description="all matching Actions, ignoring paging")
    has_next_page: bool
    has_previous_page: bool = False
    next_cursor: str | None


class ActionBatch(BaseModel):
    items: list[ActionView | None] = Field(description="one per key asked, same order; null if unknown or hidden")


class ActivityBatch(BaseModel):
    items: list[ActivityView | None] = Field(description="one per id asked, same order; null if unknown or hidden")


class ActivityLists(BaseModel):
    items: list[list[ActivityView]] = Field(description="one list per Action id asked, same order; [] if hidden")


class DeliverableLists(BaseModel):
    items: list[list[DeliverableView]] = Field(description="one list per Action id asked, same order; [] if hidden")


class TopicView(BaseModel):
    code: str
    name: str
    thematic_area: ThematicArea
    families: list[TopicFamily] = Field(description="THB, LABOUR_MIGRATION: the families the portfolio counts")


class TopicCatalogue(BaseModel):
    items: list[TopicView]

    @classmethod
    def of_catalogue(cls) -> TopicCatalogue:
        return cls(items=[TopicView(code=t.code, name=t.name, thematic_area=t.thematic_area,
                                    families=list(t.families)) for t in TOPICS])  # fmt: skip
