"""Batch functions behind the DataLoaders: one service call per type per query level."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

from gateway.clients import ServiceUnavailable

if TYPE_CHECKING:
    from gateway.context import GatewayContext

BatchFn = Callable[[list[str]], Awaitable[Sequence[Any]]]


def batch(service: str, path: str, key: str) -> Callable[[GatewayContext], BatchFn]:
    """A loader over `POST <path> {<key>: [...]}` answering `{"items": [...]}`, one item per key, in order."""

    def make(ctx: GatewayContext) -> BatchFn:
        async def load(keys: list[str]) -> Sequence[Any]:
            body = await ctx.client(service).read_batch(path, {key: keys})
            items: list[Any] = body["items"]
            if len(items) != len(keys):
                raise ServiceUnavailable(service, "broke the batch contract (one result per key)")
            return items

        return load

    return make


def one_by_one(service: str, prefix: str) -> Callable[[GatewayContext], BatchFn]:
    """A loader over `GET <prefix>/<key>` where the service has no batch endpoint (things looked up one at a
    time by people: an Action by code, a deployment by id); 404 and 422 are "no such thing" (null)."""

    def make(ctx: GatewayContext) -> BatchFn:
        async def load(keys: list[str]) -> Sequence[Any]:
            from gateway.clients import ServiceError
            from gateway.schema.plumbing import segment

            found: list[Any] = []
            for key in keys:
                try:
                    found.append(await ctx.client(service).get(f"{prefix}/{segment(key)}"))
                except ServiceError as exc:
                    if exc.status not in (404, 422):
                        raise
                    found.append(None)
            return found

        return load

    return make


LOADERS: dict[str, Callable[[GatewayContext], BatchFn]] = {
    "request": batch("requests", "/requests/batch", "ids"),
    "action": batch("actions", "/actions/batch", "ids"),
    "action_by_request": batch("actions", "/actions/batch-by-request", "request_ids"),
    "action_by_code": one_by_one("actions", "/actions/by-code"),
    "activity": batch("actions", "/activities/batch", "ids"),
    "activities_by_action": batch("actions", "/activities/batch-by-action", "action_ids"),
    "deliverables_by_action": batch("actions", "/deliverables/batch-by-action", "action_ids"),
    "expert": batch("experts", "/experts/batch", "ids"),
    "deployment": one_by_one("experts", "/deployments"),
    "deployments_by_expert": batch("experts", "/deployments/batch-by-expert", "expert_ids"),
    "deployments_by_activity": batch("experts", "/deployments/batch-by-activity", "activity_ids"),
    "composition_by_action": batch("experts", "/compositions/batch-by-action", "action_ids"),
    "summary_by_activity": batch("feedback", "/summaries/batch-by-activity", "activity_ids"),
    "feedback_by_action": batch("feedback", "/action-feedback/batch-by-action", "action_ids"),
}
