"""Queries and mutations on requests for assistance."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import strawberry

from gateway.schema.common import UserError
from gateway.schema.connections import Connection, PageArgs, page_args, remote_connection
from gateway.schema.convert import build
from gateway.schema.global_ids import raw_id
from gateway.schema.plumbing import GInfo, load, run_command, segment, split_id, to_body
from gateway.schema.requests import (
    AmendRequestInput,
    AssistanceRequest,
    DecideRequestInput,
    EraseFocalPointInput,
    NominateFocalPointInput,
    RequestFilter,
    RequestOrder,
    SubmitRequestInput,
    WithdrawRequestInput,
)


@strawberry.type(description="The result of a mutation on a request: the new state or typed errors.")
class RequestPayload:
    request: AssistanceRequest | None
    errors: list[UserError]
    consistency_token: str | None = strawberry.field(
        description="Positions this mutation produced; pass to later queries to read your own write."
    )


async def _request_command(info: GInfo, path: str, body: dict[str, object]) -> RequestPayload:
    outcome = await run_command(info, "requests", path, body)
    if outcome.result is None:
        return RequestPayload(request=None, errors=outcome.errors, consistency_token=None)
    view = outcome.result["request"]
    info.context.loader("request").prime(view["id"], view)
    return RequestPayload(request=build(AssistanceRequest, view), errors=[], consistency_token=outcome.token)


RequestOrderArg = Annotated[
    RequestOrder | None,
    strawberry.argument(description="One field and a direction; by default newest received first (`RECEIVED_ON`)."),
]


async def request_connection(
    info: GInfo, filters: dict[str, Any], args: PageArgs, order: RequestOrder | None = None
) -> Connection[AssistanceRequest]:
    return await remote_connection(
        info, "requests", "/requests", filters, args, "request", lambda v: build(AssistanceRequest, v), order
    )


def requests_field(description: str, narrowed: Callable[[Any], dict[str, Any]] = lambda _: {}) -> Any:
    """A `requests` connection field (filtered, searched, ordered, paged both ways); `narrowed(node)` fixes filter
    fields for the node it hangs from (a region's or a country's list)."""

    async def requests(
        self: Any,
        info: GInfo,
        filter: RequestFilter | None = None,
        order_by: RequestOrderArg = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[AssistanceRequest]:
        filters = to_body(filter or RequestFilter()) | to_body(narrowed(self))
        return await request_connection(info, filters, page_args(info, first, after, last, before), order_by)

    return strawberry.field(resolver=requests, description=description)


@strawberry.type
class RequestQuery:
    @strawberry.field(description="One request by id; null when it does not exist or is outside your access.")
    async def request(self, info: GInfo, id: strawberry.ID) -> AssistanceRequest | None:
        view = await load(info, "request", raw_id(id))
        return build(AssistanceRequest, view) if view else None

    requests = requests_field(
        "Requests newest received first (or in `orderBy`), filtered and searched; Relay paging "
        "(`first`/`after`, `last`/`before`; a cursor pages the order it came from)."
    )


@strawberry.type
class RequestMutation:
    @strawberry.mutation(description="Submit a request for assistance; eligibility is assessed at once.")
    async def submit_request(self, info: GInfo, input: SubmitRequestInput) -> RequestPayload:
        return await _request_command(info, "/requests", to_body(input))

    @strawberry.mutation(description="Record the steering group's decision: approve, reject or defer.")
    async def decide_request(self, info: GInfo, input: DecideRequestInput) -> RequestPayload:
        request_id, body = split_id(input, "id")
        return await _request_command(info, f"/requests/{request_id}/decision", body)

    @strawberry.mutation(
        description="Withdraw a request: allowed while open, ineligible or deferred; not once approved or rejected."
    )
    async def withdraw_request(self, info: GInfo, input: WithdrawRequestInput) -> RequestPayload:
        request_id, body = split_id(input, "id")
        return await _request_command(info, f"/requests/{request_id}/withdrawal", body)

    @strawberry.mutation(
        description="Amend a request not yet decided (open, deferred or ineligible); eligibility is assessed again."
    )
    async def amend_request(self, info: GInfo, input: AmendRequestInput) -> RequestPayload:
        request_id, body = split_id(input, "id")
        return await _request_command(info, f"/requests/{request_id}/amendment", body)

    @strawberry.mutation(description="Nominate or replace a focal point of the requesting authority (R23).")
    async def nominate_focal_point(self, info: GInfo, input: NominateFocalPointInput) -> RequestPayload:
        request_id, body = split_id(input, "request_id")
        return await _request_command(info, f"/requests/{request_id}/focal-points", body)

    @strawberry.mutation(
        description="Erase a focal point's personal data on request (programme managers); its id and kind stay."
    )
    async def erase_focal_point(self, info: GInfo, input: EraseFocalPointInput) -> RequestPayload:
        request_id, body = split_id(input, "request_id")
        focal_point_id = segment(body.pop("focal_point_id"))
        return await _request_command(info, f"/requests/{request_id}/focal-points/{focal_point_id}/erasure", body)
