"""Query and Mutation roots; resolvers translate and delegate to the services."""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from datetime import date
from enum import Enum
from typing import Any
from urllib.parse import quote

import strawberry
from strawberry.types import Info

from gateway.clients import ServiceError, ServiceUnavailable
from gateway.context import GatewayContext
from gateway.schema.common import PageInfo, UserError, clamp_first, consistency_token, graphql_error, user_error
from gateway.schema.requests import (
    AssistanceRequest,
    DecideRequestInput,
    NominateFocalPointInput,
    RequestConnection,
    RequestEdge,
    RequestFilter,
    SubmitRequestInput,
    WithdrawRequestInput,
)

GInfo = Info[GatewayContext, None]


def segment(value: str) -> str:
    """An id as one URL path segment, whatever characters it holds."""
    return quote(str(value), safe="")


def to_body(value: Any) -> Any:
    """Strawberry input -> JSON body with the services' snake_case names and enum codes."""
    if is_dataclass(value) and not isinstance(value, type):
        return {k: to_body(v) for k, v in asdict(value).items() if v is not None}
    if isinstance(value, dict):
        return {k: to_body(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [to_body(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


@strawberry.type(description="The result of a mutation on a request: the new state or typed errors.")
class RequestPayload:
    request: AssistanceRequest | None
    errors: list[UserError]
    consistency_token: str | None = strawberry.field(
        description="Positions this mutation produced; pass to later queries to read your own write."
    )


async def _request_command(info: GInfo, path: str, body: dict[str, Any]) -> RequestPayload:
    ctx = info.context
    try:
        result = await ctx.services.requests.command(path, ctx.token, body)
    except ServiceError as exc:
        return RequestPayload(request=None, errors=[user_error(exc)], consistency_token=None)
    except ServiceUnavailable as exc:
        return RequestPayload(
            request=None, errors=[UserError(code="SERVICE_UNAVAILABLE", message=str(exc))], consistency_token=None
        )
    view = result["request"]
    ctx.loader("request").prime(view["id"], view)
    return RequestPayload(
        request=AssistanceRequest.from_view(view),
        errors=[],
        consistency_token=consistency_token({"requests": int(result["position"])}),
    )


@strawberry.type
class Query:
    @strawberry.field(description="One request by id; null when it does not exist or is outside your access.")
    async def request(self, info: GInfo, id: strawberry.ID) -> AssistanceRequest | None:
        try:
            view = await info.context.loader("request").load(str(id))
        except (ServiceError, ServiceUnavailable) as exc:
            raise graphql_error(exc) from exc
        return AssistanceRequest.from_view(view) if view else None

    @strawberry.field(description="Requests newest received first, filtered; Relay paging with `first`/`after`.")
    async def requests(
        self, info: GInfo, filter: RequestFilter | None = None, first: int | None = None, after: str | None = None
    ) -> RequestConnection:
        ctx = info.context
        limit = clamp_first(first, ctx.max_page_size)
        params: dict[str, Any] = {**to_body(filter or RequestFilter()), "limit": limit}
        if after:
            params["cursor"] = after
        try:
            page = await ctx.services.requests.get("/requests", ctx.token, params=params)
        except (ServiceError, ServiceUnavailable) as exc:
            raise graphql_error(exc) from exc
        loader = ctx.loader("request")
        edges = []
        for item, cursor in zip(page["items"], page["cursors"], strict=True):
            loader.prime(item["id"], item)
            edges.append(RequestEdge(cursor=cursor, node=AssistanceRequest.from_view(item)))
        return RequestConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=bool(page["has_next_page"]),
                has_previous_page=after is not None,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            total_count=int(page["total_count"]),
        )


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Submit a request for assistance; eligibility is assessed at once.")
    async def submit_request(self, info: GInfo, input: SubmitRequestInput) -> RequestPayload:
        return await _request_command(info, "/requests", to_body(input))

    @strawberry.mutation(description="Record the steering group's decision: approve, reject or defer.")
    async def decide_request(self, info: GInfo, input: DecideRequestInput) -> RequestPayload:
        body = to_body(input)
        return await _request_command(info, f"/requests/{segment(body.pop('id'))}/decision", body)

    @strawberry.mutation(description="Withdraw a request (allowed until it is approved).")
    async def withdraw_request(self, info: GInfo, input: WithdrawRequestInput) -> RequestPayload:
        body = to_body(input)
        return await _request_command(info, f"/requests/{segment(body.pop('id'))}/withdrawal", body)

    @strawberry.mutation(description="Nominate or replace a focal point of the requesting authority (R23).")
    async def nominate_focal_point(self, info: GInfo, input: NominateFocalPointInput) -> RequestPayload:
        body = to_body(input)
        return await _request_command(info, f"/requests/{segment(body.pop('request_id'))}/focal-points", body)
