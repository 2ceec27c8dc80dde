"""Actions, their Fiche, activities and deliverables, built from the actions service's views."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay

from gateway.schema.common import CountryCode
from gateway.schema.connections import Connection, local_connection, page_args
from gateway.schema.convert import build
from gateway.schema.enums import (
    ActionStatus,
    ActivityStatus,
    ActivityType,
    ActorKind,
    AuthorityType,
    CapacityLevel,
    Complementarity,
    CrossCuttingIssue,
    DeliverableKind,
    DeliverableLevel,
    DeliverableStatus,
    FicheParty,
    FicheStatus,
    FollowUpChannel,
    LearningKind,
    MechanismKind,
    Phase,
    PracticeCategory,
    Region,
    Sustainability,
    ThematicArea,
)
from gateway.schema.global_ids import COMPOSITE_SEPARATOR, raw_id
from gateway.schema.nodes import child_nodes, loaded_nodes
from gateway.schema.plumbing import GInfo, load

if TYPE_CHECKING:
    from gateway.schema.experts import Deployment, ExpertComposition
    from gateway.schema.feedback import ActionFeedback, FeedbackSummary
    from gateway.schema.requests import AssistanceRequest


@strawberry.type(description="How the Action addresses one capacity level.")
class CapacityLevelApproach:
    level: CapacityLevel
    approach: str


@strawberry.type(description="The Action Fiche: drafted, then agreed by all three parties (R05, R06), endorsed (R24).")
class ActionFiche:
    revision: int
    status: FicheStatus
    intervention_logic: str
    institutional_framework: str
    capacity_levels: list[CapacityLevelApproach]
    planned_sequence: list[ActivityType]
    drafted_on: date
    agreed_revision: int | None
    agreed_on: date | None
    parties: list[FicheParty]
    endorsed_revision: int | None
    endorsed_on: date | None


@strawberry.type(description="Something an Action set up (a committee, a law, a procedure) and whether it lasted.")
class SustainedMechanism:
    kind: MechanismKind
    description: str
    status: Sustainability


@strawberry.type(description="What became of an Action, learnt from its partners later (the follow-up exercise).")
class ActionFollowUp:
    follow_up_id: strawberry.ID
    channel: FollowUpChannel
    summary: str
    mechanisms: list[SustainedMechanism]
    observed_on: date


@strawberry.type(description="An Action's practice taken up in another country.")
class ActionReplication:
    replication_id: strawberry.ID
    country: CountryCode = strawberry.field(description="ISO 3166-1 alpha-2 code of the country that took it up.")
    request_id: strawberry.ID | None = strawberry.field(description="The request it arrived as, when there is one.")
    summary: str
    observed_on: date


@strawberry.type(description="Another actor's initiative an Action complements (R27).")
class ComplementaryActor:
    actor_id: strawberry.ID
    name: str
    kind: ActorKind
    relation: Complementarity
    initiative: str | None
    recorded_on: date


@strawberry.type(description="A warning of the domain's rules (not a refusal), e.g. R08 more than seven activities.")
class RuleWarning:
    code: str
    rule: str
    message: str


@strawberry.type(description="A recorded change to the activity plan, with its reason (R07, R11).")
class ActivityModification:
    kind: str
    reason: str | None
    recorded_at: datetime
    activity_type: ActivityType | None
    starts_on: date | None
    ends_on: date | None
    cancelled_on: date | None


@strawberry.type(description="One activity of an Action: planned, held or cancelled.")
class Activity(relay.Node):
    id: relay.NodeID[str]
    action_id: strawberry.ID
    sequence: int
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
    modifications: list[ActivityModification]
    version: int

    @classmethod
    async def resolve_nodes(cls, *, info: GInfo, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await loaded_nodes(info, "activity", cls, node_ids)

    @strawberry.field(description="The Action this activity belongs to.")
    async def action(self, info: GInfo) -> Action | None:
        view = await load(info, "action", str(self.action_id))
        return build(Action, view) if view else None

    @strawberry.field(
        description="What its participants said (`held: false` and no responses before it is held); null when "
        "outside your access."
    )
    async def feedback_summary(
        self, info: GInfo
    ) -> Annotated[FeedbackSummary, strawberry.lazy("gateway.schema.feedback")] | None:
        from gateway.schema.feedback import FeedbackSummary

        view = await load(info, "summary_by_activity", str(self.id))
        return build(FeedbackSummary, view) if view else None

    @strawberry.field(
        description="Experts proposed for, confirmed on or deployed to this activity; null (with an error) when "
        "the experts service does not answer."
    )
    async def deployments(
        self,
        info: GInfo,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Annotated[Deployment, strawberry.lazy("gateway.schema.experts")]] | None:
        from gateway.schema.experts import Deployment

        args = page_args(info, first, after, last, before)
        views = await load(info, "deployments_by_activity", str(self.id))
        return local_connection([build(Deployment, v) for v in views], args, info.context.max_page_size)


@strawberry.type(description="One status step of a deliverable, with its level and date.")
class DeliverableStep:
    status: DeliverableStatus
    level: DeliverableLevel | None
    changed_on: date


@strawberry.type(description="A lesson learnt or a good practice of an Action.")
class ActionLesson:
    lesson_id: strawberry.ID
    kind: LearningKind
    category: PracticeCategory
    summary: str
    recorded_on: date


@strawberry.type(description="A result beyond the Action's outputs, with the deliverables it stems from.")
class ActionOutcome:
    outcome_id: strawberry.ID
    summary: str
    capacity_level: CapacityLevel | None
    deliverable_ids: list[strawberry.ID]
    observed_on: date


@strawberry.type(description="A deliverable (output) of an Action; can be recorded after the Action ends.")
class Deliverable(relay.Node):
    id: relay.NodeID[str]
    action_id: strawberry.ID
    kind: DeliverableKind
    title: str
    status: DeliverableStatus
    recorded_on: date
    status_changed_on: date
    history: list[DeliverableStep]
    approval: DeliverableStep | None = strawberry.field(
        default=None, description="The latest approval step (validated, endorsed, adopted) with its level (R26)."
    )
    rollout: DeliverableStep | None = strawberry.field(
        default=None, description="The latest roll-out step (launched, implemented); independent of approval."
    )
    version: int

    @classmethod
    def resolve_id(cls, root: Deliverable, *, info: GInfo) -> str:
        return f"{raw_id(root.action_id)}{COMPOSITE_SEPARATOR}{root.id}"

    @classmethod
    async def resolve_nodes(cls, *, info: GInfo, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        def pick(deliverables: list[dict[str, Any]], own: str) -> dict[str, Any] | None:
            return next((d for d in deliverables if d["id"] == own), None)

        return await child_nodes(info, "deliverables_by_action", cls, node_ids, pick)


@strawberry.type(description="An Action: an approved request turned into a set of activities.")
class Action(relay.Node):
    id: relay.NodeID[str]
    code: str = strawberry.field(description="YYYY-NN: year of the request, sequence within the year.")
    label: str = strawberry.field(description='Its ordinal within the country or organisation, e.g. "Cabo Verde IV".')
    ordinal: int
    ordinal_scope: str
    request_id: strawberry.ID
    region: Region
    countries: list[CountryCode]
    regional_organisation: str | None
    thematic_area: ThematicArea
    topic: str
    phase: Phase
    authority_id: strawberry.ID
    authority_type: AuthorityType | None
    co_requester_ids: list[strawberry.ID]
    follow_up_of: str | None
    received_on: date
    approved_on: date
    status: ActionStatus
    fiche: ActionFiche | None
    activities_planned: int = strawberry.field(description="Activities not cancelled (planned or held).")
    activities_held: int
    activities_cancelled: int
    first_activity_type: ActivityType | None
    fact_finding_days: int | None = strawberry.field(
        default=None, description="Days of the longest fact-finding mission not cancelled (R28: usually about a week)."
    )
    launched_on: date | None = strawberry.field(description="Start of the first activity held (the launch).")
    launch_due_on: date = strawberry.field(description="Approval + 90 days (R10).")
    launched_late: bool = strawberry.field(description="Launched after launchDueOn, or not launched and it passed.")
    days_to_launch_from_request: int | None
    days_to_launch_from_approval: int | None
    completed_on: date | None
    override_reason: str | None
    deliverables_count: int
    topics: list[str] = strawberry.field(default_factory=list, description="Topic codes of the catalogue.")
    cross_cutting: list[CrossCuttingIssue] = strawberry.field(default_factory=list)
    lessons: list[ActionLesson] = strawberry.field(default_factory=list, description="Lessons and good practices.")
    outcomes: list[ActionOutcome] = strawberry.field(default_factory=list, description="Results beyond the outputs.")
    follow_ups: list[ActionFollowUp] = strawberry.field(default_factory=list, description="What became of it later.")
    replications: list[ActionReplication] = strawberry.field(
        default_factory=list, description="Its practice taken up in other countries."
    )
    complementary_actors: list[ComplementaryActor] = strawberry.field(
        default_factory=list, description="Other actors' initiatives it complements (R27)."
    )
    warnings: list[RuleWarning]
    version: int

    @classmethod
    async def resolve_nodes(cls, *, info: GInfo, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await loaded_nodes(info, "action", cls, node_ids)

    @strawberry.field(description="The request this Action answers.")
    async def request(
        self, info: GInfo
    ) -> Annotated[AssistanceRequest, strawberry.lazy("gateway.schema.requests")] | None:
        from gateway.schema.requests import AssistanceRequest

        view = await load(info, "request", str(self.request_id))
        return build(AssistanceRequest, view) if view else None

    @strawberry.field(description="Activities in date order (cancelled ones included, with their reason).")
    async def activities(
        self,
        info: GInfo,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Activity]:
        args = page_args(info, first, after, last, before)
        views = await load(info, "activities_by_action", str(self.id))
        return local_connection([build(Activity, view) for view in views], args, info.context.max_page_size)

    @strawberry.field(description="Deliverables of the Action, in the order recorded.")
    async def deliverables(
        self,
        info: GInfo,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Deliverable]:
        args = page_args(info, first, after, last, before)
        views = await load(info, "deliverables_by_action", str(self.id))
        return local_connection([build(Deliverable, view) for view in views], args, info.context.max_page_size)

    @strawberry.field(description="Expert and partner feedback on the Action (R13).")
    async def feedback(
        self, info: GInfo
    ) -> Annotated[ActionFeedback, strawberry.lazy("gateway.schema.feedback")] | None:
        from gateway.schema.feedback import ActionFeedback

        view = await load(info, "feedback_by_action", str(self.id))
        return build(ActionFeedback, view) if view else None

    @strawberry.field(description="Experts by category and nationality; triangular and South-South flags (R19).")
    async def expert_composition(
        self, info: GInfo
    ) -> Annotated[ExpertComposition, strawberry.lazy("gateway.schema.experts")] | None:
        from gateway.schema.experts import ExpertComposition

        view = await load(info, "composition_by_action", str(self.id))
        return build(ExpertComposition, view) if view else None


@strawberry.input(description="Filters combine with AND.")
class ActionFilter:
    region: Region | None = None
    country: CountryCode | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2 code")
    phase: Phase | None = None
    thematic_area: ThematicArea | None = None
    status: ActionStatus | None = None
    launched_late: bool | None = strawberry.field(
        default=None, description="Launched more than 90 days after approval, or not launched and overdue (R10)."
    )
    request_id: strawberry.ID | None = None
    authority_id: strawberry.ID | None = None
