"""What every part of the graph does the same way: bodies, path segments, commands, pages, loads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, is_dataclass
from datetime import date
from enum import Enum
from typing import Any, TypeVar
from urllib.parse import quote

from graphql import GraphQLError
from strawberry.types import Info

from gateway.clients import ServiceClient, ServiceError, ServiceUnavailable
from gateway.consistency import encode_token
from gateway.context import GatewayContext
from gateway.schema.common import PageInfo, UserError, clamp_first, graphql_error, user_error

GInfo = Info[GatewayContext, None]
T = TypeVar("T")


def segment(value: object) -> str:
    """An id as one URL path segment, whatever characters it holds: `/` and `.` are encoded too, so `..` or
    `a/b` can never climb to another route of the service (the service decodes them back into the id)."""
    return quote(str(value), safe="").replace(".", "%2E")


def to_body(value: Any) -> Any:
    """Strawberry input -> JSON body with the services' snake_case names and enum codes."""
    if is_dataclass(value) and not isinstance(value, type):
        return {k: to_body(v) for k, v in asdict(value).items() if v is not None}
    if isinstance(value, dict):
        return {k: to_body(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [to_body(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def split_id(input: object, key: str) -> tuple[str, dict[str, Any]]:
    """A mutation input -> (its id as a path segment, the rest as the command body)."""
    body: dict[str, Any] = to_body(input)
    return segment(body.pop(key)), body


@dataclass(frozen=True)
class CommandOutcome:
    """A command's answer: the service's JSON (on success) or typed errors, and the consistency token."""

    result: dict[str, Any] | None
    errors: list[UserError]
    token: str | None


async def run_command(
    info: GInfo, service: str, path: str, body: dict[str, Any], method: str = "POST"
) -> CommandOutcome:
    ctx = info.context
    client: ServiceClient = getattr(ctx.services, service)
    try:
        result = await client.command(path, ctx.token, body, method, ctx.deadline)
    except ServiceError as exc:
        return CommandOutcome(None, [user_error(exc)], None)
    except ServiceUnavailable as exc:
        return CommandOutcome(None, [UserError(code="SERVICE_UNAVAILABLE", message=str(exc))], None)
    token = encode_token({service: int(result["position"])}) if "position" in result else None
    return CommandOutcome(result, [], token)


async def load(info: GInfo, loader: str, key: str) -> Any:
    """One key through the request's DataLoader; service failures become coded GraphQL errors."""
    try:
        return await info.context.loader(loader).load(key)
    except (ServiceError, ServiceUnavailable) as exc:
        raise graphql_error(exc) from exc


async def fetch_page(
    info: GInfo, service: str, path: str, filters: dict[str, Any], first: int | None, after: str | None
) -> dict[str, Any]:
    ctx = info.context
    params: dict[str, Any] = {**filters, "limit": clamp_first(first, ctx.max_page_size)}
    if after:
        params["cursor"] = after
    try:
        page: dict[str, Any] = await ctx.client(service).get(path, params)
    except (ServiceError, ServiceUnavailable) as exc:
        raise graphql_error(exc) from exc
    return page


def page_info(page: dict[str, Any], after: str | None) -> PageInfo:
    cursors: list[str] = page["cursors"]
    return PageInfo(
        has_next_page=bool(page["has_next_page"]),
        has_previous_page=after is not None,
        start_cursor=cursors[0] if cursors else None,
        end_cursor=cursors[-1] if cursors else None,
    )


def edges_of(
    info: GInfo, page: dict[str, Any], loader: str, build: Callable[[dict[str, Any]], T]
) -> list[tuple[str, T]]:
    """(cursor, node) pairs; each item also primes the loader so nested lookups cost no extra call."""
    primed = info.context.loader(loader)
    pairs = []
    for item, cursor in zip(page["items"], page["cursors"], strict=True):
        primed.prime(item["id"], item)
        pairs.append((cursor, build(item)))
    return pairs


def not_found(what: str, key: str) -> GraphQLError:
    return GraphQLError(f"{what} {key!r} does not exist or is outside your access", extensions={"code": "NOT_FOUND"})
