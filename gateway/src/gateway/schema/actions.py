"""Actions, their Fiche, activities and deliverables, built from the actions service's views."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from contracts.events.action_learning import (
    ActionFollowUpRecorded,
    ActionReplicationRecorded,
    ComplementaryActorRecorded,
)
from contracts.events.action_learning import SustainedMechanism as SustainedMechanismModel
from contracts.views import actions as views
from strawberry import relay

from gateway.schema.common import LISTED, CountryCode
from gateway.schema.connections import Connection, local_connection, page_args
from gateway.schema.convert import build
from gateway.schema.derive import derived
from gateway.schema.enums import ActionOrderField, ActionStatus, OrderDirection, Phase, Region, ThematicArea
from gateway.schema.global_ids import COMPOSITE_SEPARATOR, raw_id
from gateway.schema.nodes import child_nodes, loaded_nodes
from gateway.schema.plumbing import GInfo, load

if TYPE_CHECKING:
    from gateway.schema.experts import Deployment, ExpertComposition
    from gateway.schema.feedback import ActionFeedback, FeedbackSummary
    from gateway.schema.requests import AssistanceRequest

_FOLLOW_UP = "What became of an Action, learnt from its partners later (the follow-up exercise)."


@derived(views.CapacityLevelView)
class CapacityLevelApproach:
    pass


@derived(views.FicheView)
class ActionFiche:
    pass


@derived(SustainedMechanismModel)
class SustainedMechanism:
    pass


@derived(ActionFollowUpRecorded, exclude={"action_id"}, description=_FOLLOW_UP)
class ActionFollowUp:
    pass


@derived(
    ActionReplicationRecorded, exclude={"action_id"}, description="An Action's practice taken up in another country."
)
class ActionReplication:
    pass


@derived(ComplementaryActorRecorded, exclude={"action_id"})
class ComplementaryActor:
    pass


@derived(views.WarningView)
class RuleWarning:
    pass


@derived(views.ModificationView)
class ActivityModification:
    pass


@derived(views.CoFacilitationView)
class ActivityCoFacilitation:
    pass


@derived(views.ActivityView)
class Activity(relay.Node):
    id: relay.NodeID[str]
    action_id: strawberry.ID

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


@derived(views.StatusStepView)
class DeliverableStep:
    pass


@derived(views.LessonView)
class ActionLesson:
    pass


@derived(views.OutcomeView)
class ActionOutcome:
    pass


@derived(views.DeliverableView)
class Deliverable(relay.Node):
    id: relay.NodeID[str]
    action_id: strawberry.ID

    @classmethod
    def resolve_id(cls, root: Deliverable, *, info: GInfo) -> str:
        return f"{raw_id(root.action_id)}{COMPOSITE_SEPARATOR}{root.id}"

    @classmethod
    async def resolve_nodes(cls, *, info: GInfo, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        def pick(deliverables: list[dict[str, Any]], own: str) -> dict[str, Any] | None:
            return next((d for d in deliverables if d["id"] == own), None)

        return await child_nodes(info, "deliverables_by_action", cls, node_ids, pick)


@derived(views.ActionView)
class Action(relay.Node):
    id: relay.NodeID[str]
    request_id: strawberry.ID

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
    region_in: list[Region] | None = strawberry.field(default=None, description=LISTED)
    status_in: list[ActionStatus] | None = strawberry.field(default=None, description=LISTED)
    search: str | None = strawberry.field(
        default=None,
        description="Words of the code, label, topic, the Fiche's objective, lessons, outcomes, topics or countries: "
        "each found as a word prefix, all of them, accents and case ignored (at most 200 characters).",
    )


@strawberry.input(description="The order of a list of Actions: a field, then the id, the same way.")
class ActionOrder:
    field: ActionOrderField
    direction: OrderDirection = OrderDirection.DESC
