"""Relay Global Object Identification: nodes fetched through the DataLoaders, within the caller's access
(the ids themselves: global_ids.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from graphql import GraphQLError
from strawberry import relay

from gateway.clients import ServiceError, ServiceUnavailable
from gateway.schema.common import graphql_error
from gateway.schema.convert import build
from gateway.schema.global_ids import COMPOSITE_SEPARATOR, parse_global_id

if TYPE_CHECKING:
    from gateway.schema.plumbing import GInfo

N = TypeVar("N", bound=relay.Node)


def require_global_id(value: str, field: str) -> relay.GlobalID:
    global_id = parse_global_id(value)
    if global_id is None:
        raise GraphQLError(
            f"{value!r} is not a global id of this graph", extensions={"code": "BAD_USER_INPUT", "field": field}
        )
    return global_id


async def settle(lookups: Iterable[Awaitable[Any]]) -> list[Any]:
    """Each lookup's answer, or its coded GraphQL error in its place: one node outside your access makes that
    item null with FORBIDDEN, never the whole list (graphql-core raises an Exception item at its own path)."""
    outcomes: Sequence[Any] = await asyncio.gather(*lookups, return_exceptions=True)
    settled: list[Any] = []
    for outcome in outcomes:
        if isinstance(outcome, ServiceError | ServiceUnavailable):
            settled.append(graphql_error(outcome))
        elif isinstance(outcome, BaseException):
            raise outcome
        else:
            settled.append(outcome)
    return settled


async def loaded_nodes(info: GInfo, loader: str, cls: type[N], node_ids: Iterable[str]) -> list[Any]:
    """Nodes of `cls` through the request's DataLoader `loader` (one batch call for all of them); null where
    the service says the node does not exist for the token."""
    dataloader = info.context.loader(loader)
    views = await settle(dataloader.load(node_id) for node_id in node_ids)
    return [view if isinstance(view, GraphQLError) else (build(cls, view) if view else None) for view in views]


async def child_nodes(
    info: GInfo, loader: str, cls: type[N], node_ids: Iterable[str], pick: Callable[[Any, str], Any]
) -> list[Any]:
    """Nodes whose id is `<parent id>/<own id>`, found in their parent's list through `loader`."""
    pairs = [node_id.partition(COMPOSITE_SEPARATOR)[::2] for node_id in node_ids]
    dataloader = info.context.loader(loader)
    parents = await settle(dataloader.load(parent) for parent, _ in pairs)
    found: list[Any] = []
    for parent_view, (_, own) in zip(parents, pairs, strict=True):
        if isinstance(parent_view, GraphQLError):
            found.append(parent_view)
            continue
        view = pick(parent_view, own) if parent_view else None
        found.append(build(cls, view) if view else None)
    return found


def resolve_global(info: GInfo, global_id: relay.GlobalID) -> Awaitable[Any]:
    """The node a global id names, through its type's `resolve_nodes` (typed by the schema, not by us)."""
    definition = info.schema.get_type_by_name(global_id.type_name)
    origin = getattr(definition, "origin", None)
    if not (isinstance(origin, type) and issubclass(origin, relay.Node)):
        raise GraphQLError(f"{global_id.type_name} is not a node", extensions={"code": "BAD_USER_INPUT"})
    found: Any = origin.resolve_nodes(info=info, node_ids=[global_id.node_id], required=False)

    async def first() -> Any:
        items = await found if asyncio.iscoroutine(found) else found
        return next(iter(items))

    return first()
