"""Requests for assistance in the graph: types built from the requests service's views."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay

from gateway.schema.common import CountryCode

if TYPE_CHECKING:
    from gateway.schema.actions import Action

from gateway.schema.convert import build
from gateway.schema.enums import AuthorityType, FocalPointKind, Region, RequestDecision, RequestStatus, ThematicArea
from gateway.schema.nodes import loaded_nodes, settle
from gateway.schema.plumbing import GInfo, load


@strawberry.type(description="A requesting or co-requesting authority.")
class Authority(relay.Node):
    id: relay.NodeID[str]
    name: str
    acronym: str | None
    type: AuthorityType
    country: CountryCode | None = strawberry.field(description="ISO 3166-1 alpha-2 code of the authority's country.")

    @classmethod
    async def resolve_nodes(cls, *, info: GInfo, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        """An authority is known through the requests it made that the caller may read (the requests service
        has no authority lookup): the newest one names it."""

        async def one(authority_id: str) -> Any:
            page = await info.context.client("requests").get("/requests", {"authority_id": authority_id, "limit": 1})
            for request in page["items"]:
                for party in [request["authority"], *request.get("co_requesters", [])]:
                    if party["id"] == authority_id:
                        return build(cls, party)
            return None

        return await settle(one(node_id) for node_id in node_ids)


@strawberry.type(description="One reason an eligibility assessment gave (R01 instruments, R02 authority types).")
class EligibilityReason:
    code: str
    message: str


@strawberry.type(description="The steering group's decision.")
class SteeringDecision:
    decision: RequestDecision
    reason: str
    decided_on: date


@strawberry.type(description="How a request was withdrawn.")
class Withdrawal:
    reason: str
    withdrawn_on: date


@strawberry.type(description="A focal point of the partner authority. Personal data: never on the event stream.")
class FocalPoint:
    id: strawberry.ID = strawberry.field(name="focalPointId", description="Its id within the request.")
    kind: FocalPointKind
    name: str | None = strawberry.field(description="Null once the person's data was erased.")
    role: str | None
    institution: str | None
    nominated_at: datetime
    authority_id: strawberry.ID | None = strawberry.field(
        default=None, description="The requesting or co-requesting institution it is a focal point of (R23)."
    )


@strawberry.type(description="A rule the request should follow but does not (not a refusal).")
class RequestWarning:
    code: str
    rule: str
    message: str


@strawberry.type(description="A request for assistance from a partner authority (aggregate `AssistanceRequest`).")
class AssistanceRequest(relay.Node):
    id: relay.NodeID[str]
    external_reference: str | None = strawberry.field(description="The submitter's own reference (idempotency key).")
    authority: Authority
    co_requesters: list[Authority]
    countries: list[CountryCode] = strawberry.field(description="ISO 3166-1 alpha-2 codes of the partner countries.")
    regional_organisation: str | None
    region: Region
    thematic_area: ThematicArea
    topic: str
    description: str
    received_on: date
    eu_delegation_support: bool
    follow_up_of: str | None = strawberry.field(description="The earlier Action this request follows up.")
    status: RequestStatus
    eligible: bool
    eligibility_reasons: list[EligibilityReason]
    eligibility_warnings: list[EligibilityReason] = strawberry.field(
        default_factory=list, description="Checks that do not make it ineligible: a country outside the region (R31)."
    )
    instruments: list[str] = strawberry.field(
        description="EU instruments (DCI, EDF, ENI, OAD) the countries fall under."
    )
    decision: SteeringDecision | None
    withdrawal: Withdrawal | None
    focal_points: list[FocalPoint]
    warnings: list[RequestWarning] = strawberry.field(
        default_factory=list, description="INSTITUTION_WITHOUT_FOCAL_POINT (R23) in a joint request."
    )
    version: int = strawberry.field(description="Stream version; pass as expectedVersion to guard against races.")
    submitted_at: datetime
    updated_at: datetime

    @classmethod
    async def resolve_nodes(cls, *, info: GInfo, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await loaded_nodes(info, "request", cls, node_ids)

    @strawberry.field(description="The Action opened when this request was approved; null before approval.")
    async def action(self, info: GInfo) -> Annotated[Action, strawberry.lazy("gateway.schema.actions")] | None:
        from gateway.schema.actions import Action

        view = await load(info, "action_by_request", str(self.id))
        return build(Action, view) if view else None


@strawberry.input(description="Filters combine with AND; dates are inclusive.")
class RequestFilter:
    region: Region | None = None
    country: CountryCode | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2 code")
    status: RequestStatus | None = None
    thematic_area: ThematicArea | None = None
    authority_type: AuthorityType | None = None
    authority_id: strawberry.ID | None = None
    received_from: date | None = None
    received_to: date | None = None


@strawberry.input
class AuthorityInput:
    name: str
    acronym: str | None = None
    type: AuthorityType
    country: CountryCode | None = strawberry.field(default=None, description="Defaults to the request's first country.")
    identifier: str | None = strawberry.field(
        default=None,
        description="An external identifier of the institution (e.g. a registry number): finds it again by that. "
        "Otherwise it is found by country and name (case, spacing and invisible characters ignored).",
    )


@strawberry.input(description="A new request for assistance; its eligibility is assessed on submission.")
class SubmitRequestInput:
    authority: AuthorityInput
    co_requesters: list[AuthorityInput] = strawberry.field(default_factory=list)
    countries: list[CountryCode] = strawberry.field(default_factory=list, description="ISO 3166-1 alpha-2 codes")
    regional_organisation: str | None = None
    region: Region
    thematic_area: ThematicArea
    topic: str
    description: str
    received_on: date
    eu_delegation_support: bool = False
    follow_up_of: str | None = None
    external_reference: str | None = strawberry.field(
        default=None, description="Your own reference; submitting the same one twice is refused (idempotency)."
    )


@strawberry.input
class DecideRequestInput:
    id: strawberry.ID
    decision: RequestDecision
    reason: str
    decided_on: date
    expected_version: int | None = None


@strawberry.input
class WithdrawRequestInput:
    id: strawberry.ID
    reason: str
    withdrawn_on: date | None = strawberry.field(default=None, description="Defaults to today (UTC).")
    expected_version: int | None = None


@strawberry.input(description="Nominate a focal point, or replace one by giving `replaces`.")
class NominateFocalPointInput:
    request_id: strawberry.ID
    kind: FocalPointKind
    name: str
    role: str
    institution: str
    replaces: strawberry.ID | None = None
    expected_version: int | None = None
    authority_id: strawberry.ID | None = strawberry.field(
        default=None, description="The requesting or co-requesting institution it is a focal point of (R23)."
    )


@strawberry.input(description="Correct a request not yet decided: its places and subject; it is assessed again.")
class AmendRequestInput:
    id: strawberry.ID
    countries: list[CountryCode]
    region: Region
    thematic_area: ThematicArea
    topic: str
    description: str
    reason: str
    regional_organisation: str | None = None
    amended_on: date | None = strawberry.field(default=None, description="Defaults to today (UTC).")
    expected_version: int | None = None


@strawberry.input(description="Erase a focal point's personal data (name, role, institution): programme managers.")
class EraseFocalPointInput:
    request_id: strawberry.ID
    focal_point_id: strawberry.ID
    erased_on: date | None = strawberry.field(default=None, description="Defaults to today (UTC).")
