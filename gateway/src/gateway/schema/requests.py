"""Requests for assistance in the graph: types built from the requests service's views."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay

from gateway.schema.common import LISTED, CountryCode

if TYPE_CHECKING:
    from gateway.schema.actions import Action

from contracts.bodies import requests as bodies
from contracts.views import requests as views

from gateway.schema.convert import build
from gateway.schema.derive import derived, derived_input
from gateway.schema.enums import AuthorityType, OrderDirection, Region, RequestOrderField, RequestStatus, ThematicArea
from gateway.schema.nodes import loaded_nodes, settle
from gateway.schema.plumbing import GInfo, load


@derived(views.AuthorityView)
class Authority(relay.Node):
    id: relay.NodeID[str]

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


@derived(views.ReasonView)
class EligibilityReason:
    pass


@derived(views.DecisionView)
class SteeringDecision:
    pass


@derived(views.WithdrawalView)
class Withdrawal:
    pass


@derived(views.FocalPointView)
class FocalPoint:
    id: strawberry.ID = strawberry.field(name="focalPointId", description="Its id within the request.")


@derived(views.RuleWarningView)
class RequestWarning:
    pass


@derived(views.RequestView)
class AssistanceRequest(relay.Node):
    id: relay.NodeID[str]

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
    region_in: list[Region] | None = strawberry.field(default=None, description=LISTED)
    status_in: list[RequestStatus] | None = strawberry.field(default=None, description=LISTED)
    search: str | None = strawberry.field(
        default=None,
        description="Words of the reference, the institutions (names, acronyms), the topic, description or "
        "countries: each found as a word prefix, all of them, accents and case ignored (at most 200 characters).",
    )


@strawberry.input(description="The order of a list of requests: a field, then the id, the same way.")
class RequestOrder:
    field: RequestOrderField
    direction: OrderDirection = OrderDirection.DESC


@derived_input(bodies.AuthorityIn)
class AuthorityInput:
    pass


@derived_input(
    bodies.SubmitRequestBody, description="A new request for assistance; its eligibility is assessed on submission."
)
class SubmitRequestInput:
    pass


@derived_input(bodies.DecisionBody)
class DecideRequestInput:
    id: strawberry.ID


@derived_input(bodies.WithdrawalBody)
class WithdrawRequestInput:
    id: strawberry.ID


@derived_input(bodies.FocalPointBody, description="Nominate a focal point, or replace one by giving `replaces`.")
class NominateFocalPointInput:
    request_id: strawberry.ID
    replaces: strawberry.ID | None  # the id of a focal point (its name says what, not that it is one)


@derived_input(
    bodies.AmendmentBody, description="Correct a request not yet decided: its places and subject; it is assessed again."
)
class AmendRequestInput:
    id: strawberry.ID


@derived_input(
    bodies.ErasureBody, description="Erase a focal point's personal data (name, role, institution): programme managers."
)
class EraseFocalPointInput:
    request_id: strawberry.ID
    focal_point_id: strawberry.ID
