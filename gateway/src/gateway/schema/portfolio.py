"""Portfolio dashboards ("MIEUX in numbers"): every service's figures from its own read models, in one type."""

from __future__ import annotations

import asyncio
from datetime import date
from enum import Enum
from typing import Any

import strawberry
from contracts.services import NAMES
from graphql import GraphQLError

from gateway.analysis import SeriesRange
from gateway.clients import ServiceError, ServiceUnavailable
from gateway.schema.common import CountryCode, graphql_error
from gateway.schema.convert import build
from gateway.schema.enums import (
    ActivityType,
    CrossCuttingIssue,
    DeliverableKind,
    DeliverableStatus,
    ExpertCategory,
    Phase,
    Region,
    ThematicArea,
)
from gateway.schema.feedback import ActionLevelReview, ParticipantReview
from gateway.schema.plumbing import GInfo, to_body

SERVICES = NAMES  # each service answers its own figures


@strawberry.enum(description="Buckets of a time series.")
class Granularity(Enum):
    QUARTER = "QUARTER"
    YEAR = "YEAR"


@strawberry.input(
    description="Filters combine with AND; dates are inclusive. A service that cannot apply a filter "
    "says so in `filtersIgnored`."
)
class PortfolioFilter:
    region: Region | None = None
    phase: Phase | None = None
    thematic_area: ThematicArea | None = None
    country: CountryCode | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2")
    from_: date | None = strawberry.field(default=None, name="from")
    to: date | None = None


@strawberry.type(description="The request funnel, by date received.")
class RequestFunnel:
    received: int
    eligible: int
    ineligible: int
    approved: int
    rejected: int
    deferred: int
    withdrawn: int
    open: int


@strawberry.type
class ActionCounts:
    opened: int
    in_preparation: int
    ongoing: int
    completed: int


@strawberry.type
class RegionPhaseCell:
    region: Region
    phase: Phase
    opened: int
    in_preparation: int
    ongoing: int
    completed: int


@strawberry.type
class ThematicAreaPhaseCell:
    thematic_area: ThematicArea
    phase: Phase
    opened: int
    in_preparation: int
    ongoing: int
    completed: int


@strawberry.type(description="Rapid reaction (R10): days from approval to the first activity held.")
class RapidReaction:
    launched: int
    median_days_to_launch: float | None
    p90_days_to_launch: float | None
    launched_within_90_days: int
    share_launched_within_90_days: float | None
    overdue: int = strawberry.field(description="Not launched and more than 90 days since approval, as of today.")


@strawberry.type
class ActivityTypeCount:
    activity_type: ActivityType
    planned: int
    held: int
    cancelled: int


@strawberry.type
class DeliverableCount:
    kind: DeliverableKind
    status: DeliverableStatus
    count: int


@strawberry.type
class CrossCuttingCount:
    issue: CrossCuttingIssue
    completed: int


@strawberry.type(description="Completed Actions by topic family and cross-cutting issue; countries reached.")
class ActionThemes:
    classified_completed: int = strawberry.field(description="Completed Actions classified with a topic.")
    thb_completed: int = strawberry.field(description="Completed Actions on trafficking in human beings.")
    labour_migration_completed: int = strawberry.field(description="Completed Actions on labour migration.")
    by_cross_cutting: list[CrossCuttingCount]
    countries_reached: int = strawberry.field(
        description="Distinct countries of the Actions opened, with their regional organisations' member states."
    )


@strawberry.type(
    description="Actions by region x phase and thematic area x phase; rapid reaction; activities and deliverables."
)
class ActionFigures:
    actions: ActionCounts
    completed: int
    by_region_phase: list[RegionPhaseCell]
    by_thematic_area_phase: list[ThematicAreaPhaseCell]
    rapid_reaction: RapidReaction
    activities_by_type: list[ActivityTypeCount]
    deliverables: list[DeliverableCount]
    themes: ActionThemes | None = None


@strawberry.type
class CategoryTally:
    category: ExpertCategory
    count: int


@strawberry.type
class MemberStateTally:
    member_state: CountryCode
    count: int


@strawberry.type
class RegisteredExperts:
    count: int
    by_category: list[CategoryTally]
    by_member_state: list[MemberStateTally]


@strawberry.type
class DeployedExperts:
    count: int
    by_category: list[CategoryTally]
    by_member_state: list[MemberStateTally]
    member_states: int
    eu_ms_governmental_share: float | None
    non_eu: int = strawberry.field(
        default=0, description="Deployed experts from outside the EU (nationality, any category): 'up to 79'."
    )
    former_focal_points: int = strawberry.field(
        default=0, description="Deployed experts who had been a partner institution's focal point."
    )


@strawberry.type(description="Experts registered and deployed; triangular and South-South Actions (R18, R19).")
class ExpertFigures:
    registered: RegisteredExperts
    deployed: DeployedExperts
    actions_with_deployments: int
    triangular: int
    triangular_share: float | None
    south_south: int
    south_south_share: float | None


@strawberry.type
class CompletenessFigures:
    held_activities: int
    with_participant_feedback: int
    share_with_participant_feedback: float | None
    actions_due: int
    missing_expert_feedback: int
    missing_partner_feedback: int


@strawberry.type(
    description="Feedback means per criterion and completeness; small cells suppressed below programme_manager."
)
class FeedbackFigures:
    participant: ParticipantReview
    action_level: ActionLevelReview
    completeness: CompletenessFigures


@strawberry.type
class IgnoredFilters:
    service: str
    filters: list[str]


@strawberry.type(
    description="The programme in numbers, live from the services' read models, within your access. "
    "Each part comes from one service: if it does not answer, that part is null with an error."
)
class Portfolio:
    params: strawberry.Private[dict[str, Any]]
    answers: strawberry.Private[dict[str, asyncio.Task[Any]]]

    async def _answer(self, info: GInfo, service: str) -> Any:
        if service not in self.answers:
            self.answers[service] = asyncio.ensure_future(info.context.client(service).get("/portfolio", self.params))
        try:
            return await self.answers[service]
        except (ServiceError, ServiceUnavailable) as exc:
            raise graphql_error(exc) from exc

    @strawberry.field(description="The request funnel, by date received.")
    async def requests(self, info: GInfo) -> RequestFunnel | None:
        return build(RequestFunnel, (await self._answer(info, "requests"))["figures"])

    @strawberry.field(description="Actions, rapid reaction, activities and deliverables.")
    async def actions(self, info: GInfo) -> ActionFigures | None:
        return build(ActionFigures, (await self._answer(info, "actions"))["figures"])

    @strawberry.field(description="Experts registered and deployed.")
    async def experts(self, info: GInfo) -> ExpertFigures | None:
        return build(ExpertFigures, (await self._answer(info, "experts"))["figures"])

    @strawberry.field(description="Feedback means and completeness.")
    async def feedback(self, info: GInfo) -> FeedbackFigures | None:
        return build(FeedbackFigures, (await self._answer(info, "feedback"))["figures"])

    @strawberry.field(description="Filters a service could not apply to its figures.")
    async def filters_ignored(self, info: GInfo) -> list[IgnoredFilters]:
        found = []
        for service in SERVICES:
            try:
                answer = await self._answer(info, service)
            except GraphQLError:
                continue  # reported on the service's own field
            found.append(IgnoredFilters(service=service, filters=answer.get("filters_ignored", [])))
        return found


@strawberry.type(description="One period of a portfolio time series.")
class PortfolioPeriod:
    period: str = strawberry.field(description="2019-Q3 or 2019")
    requests: RequestFunnel | None
    actions: ActionFigures | None
    experts: ExpertFigures | None
    feedback: FeedbackFigures | None


FIGURES: dict[str, type] = {
    "requests": RequestFunnel,
    "actions": ActionFigures,
    "experts": ExpertFigures,
    "feedback": FeedbackFigures,
}


async def _series(info: GInfo, params: dict[str, Any]) -> dict[str, Any]:
    async def one(service: str) -> Any:
        return await info.context.client(service).get("/portfolio/series", params)

    try:
        answers = await asyncio.gather(*(one(s) for s in SERVICES))
    except (ServiceError, ServiceUnavailable) as exc:
        raise graphql_error(exc) from exc
    return dict(zip(SERVICES, answers, strict=True))


def _check_dates(filter: PortfolioFilter) -> None:
    """Figures exist from MIEUX's start to today; a range beyond the domain's dates is a mistake (or an attack on
    the series, one item per period)."""
    bounds = SeriesRange()
    for name, value in (("from", filter.from_), ("to", filter.to)):
        if value is not None and not bounds.floor <= value <= bounds.ceiling:
            raise GraphQLError(
                f"`{name}` must be between {bounds.floor} and {bounds.ceiling}",
                extensions={"code": "DATE_OUT_OF_RANGE", "field": f"filter.{name}"},
            )
    if filter.from_ is not None and filter.to is not None and filter.to < filter.from_:
        raise GraphQLError("`to` is before `from`", extensions={"code": "BAD_USER_INPUT", "field": "filter.to"})


def _params(filter: PortfolioFilter | None) -> dict[str, Any]:
    _check_dates(filter or PortfolioFilter())
    body: dict[str, Any] = to_body(filter or PortfolioFilter())
    if "from_" in body:
        body["from"] = body.pop("from_")
    return body


@strawberry.type
class PortfolioQuery:
    @strawberry.field(
        description="Request funnel, Actions by region/thematic area x phase, rapid reaction, activities, "
        "deliverables, experts, feedback — within your access (a coordinator's is its region's)."
    )
    async def portfolio(self, info: GInfo, filter: PortfolioFilter | None = None) -> Portfolio:
        return Portfolio(params=_params(filter), answers={})

    @strawberry.field(description="The same figures by quarter or year, oldest first, for charts.")
    async def portfolio_series(
        self, info: GInfo, filter: PortfolioFilter | None = None, granularity: Granularity = Granularity.YEAR
    ) -> list[PortfolioPeriod]:
        answers = await _series(info, {**_params(filter), "granularity": granularity.value})
        periods: dict[str, dict[str, Any]] = {}
        for service, answer in answers.items():
            for item in answer["items"]:
                figures = {k: v for k, v in item.items() if k != "period"}
                periods.setdefault(item["period"], {})[service] = build(FIGURES[service], figures)
        return [
            PortfolioPeriod(period=period, **{s: parts.get(s) for s in SERVICES})
            for period, parts in sorted(periods.items())
        ]
