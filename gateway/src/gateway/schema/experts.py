"""Experts of the roster, their deployments, candidates and per-Action composition (experts service)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from contracts.views.experts import RankReasonCode
from strawberry import relay

from gateway.schema.common import LISTED, MAX_LISTED, CountryCode
from gateway.schema.connections import Connection, local_connection, page_args
from gateway.schema.convert import build
from gateway.schema.enums import (
    ActivityType,
    AdministrationLevel,
    DeclineReason,
    DeploymentCancellationReason,
    DeploymentStatus,
    ExpertCategory,
    ExpertOrderField,
    ExpertStatus,
    FocalPointKind,
    LanguageLevel,
    OrderDirection,
    Region,
    Sector,
    SuspensionReason,
    ThematicArea,
)
from gateway.schema.nodes import loaded_nodes
from gateway.schema.plumbing import GInfo, load

if TYPE_CHECKING:
    from gateway.schema.actions import Activity
    from gateway.schema.requests import AssistanceRequest


@strawberry.type(description="A thematic area and the topics of its catalogue the expert covers.")
class Expertise:
    thematic_area: ThematicArea
    topics: list[str]


@strawberry.type
class LanguageSkill:
    language: str
    level: LanguageLevel


@strawberry.type
class AvailabilityWindow:
    available_from: date
    available_to: date


@strawberry.type(description="Personal data: programme managers and the expert themself only; null once erased.")
class ExpertPersonalData:
    full_name: str
    email: str
    phone: str | None
    organisation: str | None
    cv_text: str | None


@strawberry.type(description="The published profile of an expert (no personal data).")
class ExpertProfile:
    category: ExpertCategory
    nationality: CountryCode
    member_state: CountryCode | None
    governmental: bool
    administration_level: AdministrationLevel | None
    sector: Sector
    expertise: list[Expertise]
    languages: list[LanguageSkill]
    certifications: list[str]
    availability: list[AvailabilityWindow]


@strawberry.type(
    description="What a candidate list shows of an expert: category, nationality, expertise, languages and "
    "availability (never personal data, nothing else that could single the expert out)."
)
class CandidateProfile:
    category: ExpertCategory
    nationality: CountryCode
    expertise: list[Expertise]
    languages: list[LanguageSkill]
    availability: list[AvailabilityWindow]


@strawberry.type(description="A partner institution's focal point the expert was before joining the roster.")
class FormerFocalPoint:
    focal_point_id: strawberry.ID = strawberry.field(description="`FocalPoint.focalPointId` on the request.")
    request_id: strawberry.ID
    authority_id: strawberry.ID | None
    kind: FocalPointKind
    recorded_on: date

    @strawberry.field(description="The request it was a focal point of; null when outside your access.")
    async def request(
        self, info: GInfo
    ) -> Annotated[AssistanceRequest, strawberry.lazy("gateway.schema.requests")] | None:
        from gateway.schema.requests import AssistanceRequest

        view = await load(info, "request", str(self.request_id))
        return build(AssistanceRequest, view) if view else None


@strawberry.type(description="An expert of the roster (Expert Management Mechanism).")
class Expert(ExpertProfile, relay.Node):
    id: relay.NodeID[str]
    status: ExpertStatus
    suspension_reason: SuspensionReason | None
    erased: bool
    erased_on: date | None
    registered_on: date
    deployment_regions: list[Region]
    deployments_confirmed: int
    deployments_completed: int
    deployed: bool = strawberry.field(description="Has a confirmed or completed deployment.")
    evaluations_count: int
    average_score: float | None
    personal_data: ExpertPersonalData | None
    former_focal_points: list[FormerFocalPoint] | None = strawberry.field(
        default=None,
        description="The partners' focal points the expert was (not those erased since); like personal data, "
        "for programme managers and the expert itself only, null otherwise.",
    )
    version: int

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


@strawberry.type(description="The programme team's evaluation of an expert after a deployment (1-5).")
class ExpertEvaluation:
    evaluation_id: strawberry.ID
    expertise: int
    communication: int
    preparation: int
    evaluated_on: date
    notes: str | None = strawberry.field(description="Internal notes: programme managers only.")


@strawberry.type(description="An expert proposed for, confirmed on, or deployed to an activity.")
class Deployment(relay.Node):
    id: relay.NodeID[str]
    expert_id: strawberry.ID
    activity_id: strawberry.ID
    action_id: strawberry.ID
    status: DeploymentStatus
    category: ExpertCategory
    nationality: CountryCode
    member_state: CountryCode | None
    starts_on: date
    ends_on: date
    region: Region
    thematic_area: ThematicArea
    activity_type: ActivityType
    countries: list[CountryCode]
    proposed_on: date
    confirmed_on: date | None
    declined_on: date | None
    decline_reason: DeclineReason | None
    cancelled_on: date | None
    cancellation_reason: DeploymentCancellationReason | None
    completed_on: date | None
    held_from: date | None
    held_to: date | None
    evaluation: ExpertEvaluation | None
    proposed_at: datetime

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


@strawberry.type(description="One reason behind a candidate's rank, with the points it earned.")
class RankReason:
    code: RankReasonCode
    message: str
    points: int


@strawberry.type(description="An expert proposed by matching for an activity, with the reasons for its rank.")
class Candidate:
    rank: int
    expert_id: strawberry.ID
    score: int
    reasons: list[RankReason]
    profile: CandidateProfile


@strawberry.type
class ExclusionCount:
    reason: str
    count: int


@strawberry.type(
    description="Ranked candidates for an activity (suspended, erased and double-booked experts left out)."
)
class CandidateList:
    items: list[Candidate]
    total_count: int
    excluded: list[ExclusionCount]


@strawberry.type
class CategoryCount:
    category: ExpertCategory
    count: int


@strawberry.type
class CountryCount:
    country: CountryCode
    count: int


@strawberry.type(description="Who delivered an Action: experts by category and nationality; R19 flags.")
class ExpertComposition:
    partner_countries: list[CountryCode]
    experts_count: int
    deployments_count: int
    completed_deployments_count: int
    by_category: list[CategoryCount]
    by_nationality: list[CountryCount]
    by_member_state: list[CountryCount]
    eu_ms_governmental_share: float | None
    triangular: bool = strawberry.field(
        description="An EU Member State expert and one from another non-EU partner country; the partner country is the beneficiary."
    )
    south_south: bool = strawberry.field(description="A non-EU expert from another partner country.")


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
