"""What every part of the graph does the same way: bodies, path segments, commands, loads."""

from __future__ import annotations

import types
from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from enum import Enum
from typing import Any, TypeVar, Union, get_args, get_origin
from urllib.parse import quote

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from gateway.clients import ServiceClient, ServiceError, ServiceUnavailable
from gateway.consistency import encode_token
from gateway.context import GatewayContext
from gateway.schema.common import UserError, graphql_error, user_error
from gateway.schema.convert import hints_of
from gateway.schema.error_codes import UserErrorCode
from gateway.schema.global_ids import raw_id

GInfo = Info[GatewayContext, None]
T = TypeVar("T")


def segment(value: object) -> str:
    """An id as one URL path segment, whatever characters it holds: `/` and `.` are encoded too, so `..` or
    `a/b` can never climb to another route of the service (the service decodes them back into the id)."""
    return quote(str(value), safe="").replace(".", "%2E")


def _is_id(hint: Any) -> bool:
    """`ID`, `ID | None` or `list[ID]`: the fields whose global ids become the services' raw ids."""
    if hint is strawberry.ID:
        return True
    if get_origin(hint) in (Union, types.UnionType, list):
        return any(_is_id(arg) for arg in get_args(hint) if arg is not type(None))
    return False


def to_body(value: Any) -> Any:
    """Strawberry input -> JSON body with the services' snake_case names, enum codes and raw ids."""
    if is_dataclass(value) and not isinstance(value, type):
        hints = hints_of(type(value))
        body = {}
        for item in fields(value):
            field_value = getattr(value, item.name)
            if field_value is None:
                continue
            body[item.name] = to_body(field_value)
            if _is_id(hints.get(item.name)):
                ids = body[item.name]
                body[item.name] = [raw_id(i) for i in ids] if isinstance(ids, list) else raw_id(ids)
        return body
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
        return CommandOutcome(None, [UserError(code=UserErrorCode.SERVICE_UNAVAILABLE, message=str(exc))], None)
    token = encode_token({service: int(result["position"])}) if "position" in result else None
    return CommandOutcome(result, [], token)


async def load(info: GInfo, loader: str, key: str) -> Any:
    """One key (raw or global id) through the request DataLoader; service failures become coded GraphQL errors."""
    try:
        return await info.context.loader(loader).load(raw_id(key))
    except (ServiceError, ServiceUnavailable) as exc:
        raise graphql_error(exc) from exc


def not_found(what: str, key: str) -> GraphQLError:
    return GraphQLError(f"{what} {key!r} does not exist or is outside your access", extensions={"code": "NOT_FOUND"})
