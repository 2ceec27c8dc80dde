"""Region and country nodes: entry points to everything of one region or country."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry
from contracts.reference import country as country_reference
from graphql import GraphQLError
from strawberry import relay

from gateway.schema.action_api import ActionOrderArg, action_connection
from gateway.schema.actions import Action, ActionFilter
from gateway.schema.common import CountryCode
from gateway.schema.connections import Connection, page_args
from gateway.schema.enums import Region
from gateway.schema.expert_api import ExpertOrderArg, expert_connection
from gateway.schema.experts import Expert, ExpertFilter
from gateway.schema.plumbing import GInfo, to_body
from gateway.schema.request_api import RequestOrderArg, request_connection
from gateway.schema.requests import AssistanceRequest, RequestFilter


def _with(filter: Any, default: Any, **fixed: object) -> dict[str, Any]:
    body: dict[str, Any] = to_body(filter or default)
    body.update(to_body(fixed))
    return body


@strawberry.type(description="A MIEUX region. A regional coordinator of another region finds its lists empty.")
class RegionNode(relay.Node):
    id: relay.NodeID[str]
    code: Region

    @classmethod
    def of(cls, code: Region) -> RegionNode:
        return cls(id=code.value, code=code)

    @classmethod
    def resolve_nodes(cls, *, info: GInfo, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return [cls.of(Region(code)) if code in Region.__members__ else None for code in node_ids]

    @strawberry.field(description="Requests from this region (the filter's region is ignored).")
    async def requests(
        self,
        info: GInfo,
        filter: RequestFilter | None = None,
        order_by: RequestOrderArg = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[AssistanceRequest]:
        return await request_connection(
            info,
            _with(filter, RequestFilter(), region=self.code),
            page_args(info, first, after, last, before),
            order_by,
        )

    @strawberry.field(description="Actions in this region.")
    async def actions(
        self,
        info: GInfo,
        filter: ActionFilter | None = None,
        order_by: ActionOrderArg = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Action]:
        return await action_connection(
            info, _with(filter, ActionFilter(), region=self.code), page_args(info, first, after, last, before), order_by
        )

    @strawberry.field(description="Experts deployed (or proposed) in this region.")
    async def experts(
        self,
        info: GInfo,
        filter: ExpertFilter | None = None,
        order_by: ExpertOrderArg = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Expert]:
        filters = _with(filter, ExpertFilter(), deployed_in_region=self.code)
        return await expert_connection(info, filters, page_args(info, first, after, last, before), order_by)


@strawberry.type(description="A partner country (ISO 3166-1 alpha-2).")
class CountryNode(relay.Node):
    id: relay.NodeID[str]
    code: CountryCode
    name: str
    region: Region | None = strawberry.field(description="Its MIEUX region; null for a country outside them.")

    @classmethod
    def of(cls, code: str) -> CountryNode | None:
        found = country_reference(code.upper())
        return cls(id=found.code, code=found.code, name=found.name, region=found.region) if found else None

    @classmethod
    def resolve_nodes(cls, *, info: GInfo, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return [cls.of(code) for code in node_ids]

    @strawberry.field(description="Requests naming this country.")
    async def requests(
        self,
        info: GInfo,
        filter: RequestFilter | None = None,
        order_by: RequestOrderArg = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[AssistanceRequest]:
        return await request_connection(
            info,
            _with(filter, RequestFilter(), country=self.code),
            page_args(info, first, after, last, before),
            order_by,
        )

    @strawberry.field(description="Actions in this country.")
    async def actions(
        self,
        info: GInfo,
        filter: ActionFilter | None = None,
        order_by: ActionOrderArg = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Action]:
        return await action_connection(
            info,
            _with(filter, ActionFilter(), country=self.code),
            page_args(info, first, after, last, before),
            order_by,
        )


@strawberry.type
class PlaceQuery:
    @strawberry.field(description="A region and everything in it.")
    def region(self, code: Region) -> RegionNode:
        return RegionNode.of(code)

    @strawberry.field(description="A country by ISO 3166-1 alpha-2 code, and everything in it.")
    def country(self, code: str) -> CountryNode:
        found = CountryNode.of(code)
        if found is None:
            raise GraphQLError(
                f"{code!r} is not an ISO 3166-1 alpha-2 country code",
                extensions={"code": "BAD_USER_INPUT", "field": "code"},
            )
        return found
