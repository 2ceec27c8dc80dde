"""Relay cursor connections, one shape for every list that can grow: `first`/`after` forward, `last`/`before`
backward, `pageInfo` both ways and `totalCount`.

Top-level lists are paged by the services' read models (keyset cursors, both directions); the lists under
one object (an Action's activities, an expert's deployments) arrive whole through a DataLoader and are paged
here, by position (their cursors are only valid for that list).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

import strawberry
from graphql import GraphQLError
from strawberry import relay

from gateway.clients import ServiceError, ServiceUnavailable
from gateway.schema.common import PageInfo, camel, graphql_error

if TYPE_CHECKING:
    from gateway.schema.plumbing import GInfo

T = TypeVar("T")
DEFAULT_PAGE = 20
POSITION_PREFIX = "position"


@strawberry.type(description="One item of a page and its cursor (page on after or before it).")
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(description="A page of a list (Relay cursor connection).")
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Every item the list holds for you, whatever the page.")


def bad(message: str, field: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "BAD_USER_INPUT", "field": field})


@dataclass(frozen=True, slots=True)
class PageArgs:
    """A connection's arguments, checked: `first`/`after` or `last`/`before`, never both directions."""

    first: int | None
    after: str | None
    last: int | None
    before: str | None

    @classmethod
    def of(cls, first: int | None, after: str | None, last: int | None, before: str | None, maximum: int) -> PageArgs:
        for name, size in (("first", first), ("last", last)):
            if size is not None and not 0 <= size <= maximum:
                raise bad(f"`{name}` must be between 0 and {maximum}", name)
        if first is not None and last is not None:
            raise bad("give `first` or `last`, not both", "last")
        if after is not None and before is not None:
            raise bad("give `after` or `before`, not both", "before")
        if before is not None and first is not None:
            raise bad("`before` pages backward: use `last` with it", "first")
        if after is not None and last is not None:
            raise bad("`after` pages forward: use `first` with it", "last")
        return cls(first, after, last, before)

    @property
    def backward(self) -> bool:
        return self.last is not None or self.before is not None


def page_args(info: GInfo, first: int | None, after: str | None, last: int | None, before: str | None) -> PageArgs:
    return PageArgs.of(first, after, last, before, info.context.max_page_size)


class OrderInput(Protocol):
    """A list's `orderBy` input (`RequestOrder`, `ActionOrder`, `ExpertOrder`): a field and a direction."""

    @property
    def field(self) -> Any: ...

    @property
    def direction(self) -> Any: ...


def order_by(order: OrderInput | None) -> str | None:
    """The service's `order_by` parameter (`field:asc|desc`) of an `orderBy` input."""
    return None if order is None else f"{order.field.value}:{order.direction.value}"


def _argument(field: str | None, filters: dict[str, Any]) -> str | None:
    """The GraphQL argument a list route's refusal names: `after` for its `cursor`, `orderBy`, `filter.…`."""
    if field is None:
        return None
    head = field.split(".", 1)[0]
    if head == "cursor":
        return "after"
    if head in filters:
        return f"filter.{field}"
    return field


async def remote_connection(
    info: GInfo,
    service: str,
    path: str,
    filters: dict[str, Any],
    args: PageArgs,
    loader: str,
    build: Callable[..., T],
    order: OrderInput | None = None,
) -> Connection[T]:
    """One page from a service's list route in `order` (the service's default without one); each item also
    primes `loader` so nested lookups cost no call."""
    ctx = info.context
    for name, value in filters.items():
        if value == []:  # a list filter of no value: nothing would match, which is never what was meant
            raise bad(f"`filter.{camel(name)}`: give at least one value, or leave it out", f"filter.{camel(name)}")
    size = args.last if args.backward else args.first
    wanted = DEFAULT_PAGE if size is None else size
    # a service pages at least one row: `first: 0` (a count only) asks for one and shows none
    params: dict[str, Any] = {**filters, ("last" if args.backward else "limit"): max(wanted, 1)}
    for name, value in (("cursor", args.after), ("before", args.before), ("order_by", order_by(order))):
        if value:
            params[name] = value
    try:
        page: dict[str, Any] = await ctx.client(service).get(path, params)
    except ServiceError as exc:
        named = ServiceError(exc.status, exc.code, exc.message, _argument(exc.field, filters))
        raise graphql_error(named) from exc
    except ServiceUnavailable as exc:
        raise graphql_error(exc) from exc
    primed = ctx.loader(loader)
    edges: list[Edge[T]] = []
    if wanted:
        for item, cursor in zip(page["items"], page["cursors"], strict=True):
            primed.prime(item["id"], item)
            edges.append(Edge(cursor=cursor, node=build(item)))
    info_ = PageInfo(
        has_next_page=bool(page["has_next_page"]),
        has_previous_page=bool(page.get("has_previous_page", args.after is not None)),
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Connection(edges=edges, page_info=info_, total_count=int(page["total_count"]))


def _position(cursor: str, field: str) -> int:
    try:
        kind, value = relay.from_base64(cursor)
        if kind != POSITION_PREFIX:
            raise ValueError(kind)
        return int(value)
    except ValueError as exc:
        raise GraphQLError(
            f"{field}: not a cursor of this list", extensions={"code": "INVALID_CURSOR", "field": field}
        ) from exc


def local_connection(items: Sequence[T], args: PageArgs, default: int) -> Connection[T]:
    """A page of a list held whole (the Relay algorithm over positions): forward without arguments, at most
    `default` items."""
    start, end = 0, len(items)
    if args.after is not None:
        start = max(start, _position(args.after, "after") + 1)
    if args.before is not None:
        end = min(end, _position(args.before, "before"))
    if args.last is not None:
        start = max(start, end - args.last)
    else:
        end = min(end, start + (default if args.first is None else args.first))
    edges = [Edge(cursor=relay.to_base64(POSITION_PREFIX, i), node=items[i]) for i in range(start, max(start, end))]
    info = PageInfo(
        has_next_page=end < len(items),
        has_previous_page=start > 0,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Connection(edges=edges, page_info=info, total_count=len(items))
