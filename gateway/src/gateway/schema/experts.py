"""Experts of the roster, their deployments, candidates and per-Action composition (experts service)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from contracts.events import experts as events
from contracts.views import experts as views
from strawberry import relay

from gateway.schema.common import LISTED, MAX_LISTED, CountryCode
from gateway.schema.connections import Connection, local_connection, page_args
from gateway.schema.convert import build
from gateway.schema.derive import derived
from gateway.schema.enums import (
    ExclusionReason,
    ExpertCategory,
    ExpertOrderField,
    ExpertStatus,
    OrderDirection,
    Region,
    Sector,
    ThematicArea,
)
from gateway.schema.nodes import loaded_nodes
from gateway.schema.plumbing import GInfo, load

if TYPE_CHECKING:
    from gateway.schema.actions import Activity
    from gateway.schema.requests import AssistanceRequest


@derived(events.ExpertiseArea, description="A thematic area and the topics of its catalogue the expert covers.")
class Expertise:
    pass


@derived(events.LanguageSkill)
class LanguageSkill:
    pass


@derived(events.AvailabilityWindow)
class AvailabilityWindow:
    pass


@derived(views.PersonalDataView)
class ExpertPersonalData:
    pass


@derived(
    views.CandidateProfileView,
    description="What a candidate list shows of an expert: category, nationality, expertise, languages and "
    "availability (never personal data, nothing else that could single the expert out).",
)
class CandidateProfile:
    pass


@derived(
    views.FormerFocalPointView,
    description="A partner institution's focal point the expert was before joining the roster.",
)
class FormerFocalPoint:
    focal_point_id: strawberry.ID = strawberry.field(description="`FocalPoint.focalPointId` on the request.")
    request_id: strawberry.ID

    @strawberry.field(description="The request it was a focal point of; null when outside your access.")
    async def request(
        self, info: GInfo
    ) -> Annotated[AssistanceRequest, strawberry.lazy("gateway.schema.requests")] | None:
        from gateway.schema.requests import AssistanceRequest

        view = await load(info, "request", str(self.request_id))
        return build(AssistanceRequest, view) if view else None


@derived(views.ExpertView)
class Expert(relay.Node):
    id: relay.NodeID[str]

    @classmethod
    async def resolve_nodes(cls, *, info: GInfo, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await loaded_nodes(info, "expert", cls, node_ids)

    @strawberry.field(description="The expert's deployments, in order of start date.")
    async def deployments(
        self,
        info: GInfo,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Deployment] | None:
        args = page_args(info, first, after, last, before)
        views = await load(info, "deployments_by_expert", str(self.id))
        return local_connection([build(Deployment, v) for v in views], args, info.context.max_page_size)


@derived(views.EvaluationView)
class ExpertEvaluation:
    pass


# Other deployments of the same expert that overlap this one stay in the service (they would name
# deployments outside the reader's region); the version is the expert's stream's, not the deployment's.
@derived(views.DeploymentView, exclude=("overlapping_deployment_ids", "expert_version", "updated_at"))
class Deployment(relay.Node):
    id: relay.NodeID[str]
    expert_id: strawberry.ID
    activity_id: strawberry.ID

    @classmethod
    async def resolve_nodes(cls, *, info: GInfo, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await loaded_nodes(info, "deployment", cls, node_ids)

    @strawberry.field(description="The expert deployed.")
    async def expert(self, info: GInfo) -> Expert | None:
        view = await load(info, "expert", str(self.expert_id))
        return build(Expert, view) if view else None

    @strawberry.field(description="The activity.")
    async def activity(self, info: GInfo) -> Annotated[Activity, strawberry.lazy("gateway.schema.actions")] | None:
        from gateway.schema.actions import Activity

        view = await load(info, "activity", str(self.activity_id))
        return build(Activity, view) if view else None


@derived(views.ReasonView)
class RankReason:
    pass


@derived(views.CandidateView)
class Candidate:
    pass


@strawberry.type(description="How many experts matching left out for one reason.")
class ExclusionCount:
    reason: ExclusionReason
    count: int


@strawberry.type(
    description="Ranked candidates for an activity (suspended, erased and double-booked experts left out)."
)
class CandidateList:
    items: list[Candidate]
    total_count: int
    excluded: list[ExclusionCount]


@derived(views.CategoryCount)
class CategoryCount:
    pass


@derived(views.CountryCount)
class CountryCount:
    pass


@derived(views.CompositionView, exclude=("action_id",))
class ExpertComposition:
    pass


@strawberry.input(description="Filters combine with AND.")
class ExpertFilter:
    category: ExpertCategory | None = None
    member_state: CountryCode | None = None
    nationality: CountryCode | None = None
    sector: Sector | None = None
    thematic_area: ThematicArea | None = None
    topic: str | None = None
    language: str | None = strawberry.field(default=None, description="ISO 639-1 code")
    certification: str | None = None
    available_from: date | None = strawberry.field(default=None, description="Available over the whole window.")
    available_to: date | None = None
    deployed: bool | None = None
    status: ExpertStatus | None = None
    deployed_in_region: Region | None = None
    region_in: list[Region] | None = strawberry.field(
        default=None,
        description=f"Deployed (or proposed) in any of these regions (1 to {MAX_LISTED}); a regional coordinator's "
        "as far as its own region goes.",
    )
    status_in: list[ExpertStatus] | None = strawberry.field(default=None, description=LISTED)
    search: str | None = strawberry.field(
        default=None,
        description="Words of the name, organisation or CV (personal data: for programme managers and the expert "
        "only, `PERSONAL_DATA_HIDDEN` for the others): each found as a word prefix, all of them, accents and case "
        "ignored (at most 200 characters).",
    )


@strawberry.input(description="The order of a list of experts: a field, then the id, the same way.")
class ExpertOrder:
    field: ExpertOrderField
    direction: OrderDirection = OrderDirection.DESC
