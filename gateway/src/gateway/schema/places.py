"""Region and country nodes: entry points to everything of one region or country."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry
from contracts.reference import country as country_reference
from graphql import GraphQLError
from strawberry import relay

from gateway.schema.action_api import actions_field
from gateway.schema.common import CountryCode
from gateway.schema.enums import Region
from gateway.schema.expert_api import experts_field
from gateway.schema.plumbing import GInfo
from gateway.schema.request_api import requests_field


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

    requests = requests_field(
        "Requests from this region (the filter's region is ignored).", lambda node: {"region": node.code}
    )
    actions = actions_field("Actions in this region.", lambda node: {"region": node.code})
    experts = experts_field(
        "Experts deployed (or proposed) in this region.", lambda node: {"deployed_in_region": node.code}
    )


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

    requests = requests_field("Requests naming this country.", lambda node: {"country": node.code})
    actions = actions_field("Actions in this country.", lambda node: {"country": node.code})


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
