"""Batch functions behind the DataLoaders: one service call per type per query level."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gateway.context import GatewayContext

BatchFn = Callable[[list[str]], Awaitable[Sequence[Any]]]


def requests_by_id(ctx: GatewayContext) -> BatchFn:
    async def load(ids: list[str]) -> Sequence[Any]:
        body = await ctx.services.requests.read_batch("/requests/batch", ctx.token, {"ids": ids})
        items: list[Any] = body["items"]
        if len(items) != len(ids):
            raise RuntimeError("the requests service broke the batch contract (one result per id)")
        return items

    return load


LOADERS: dict[str, Callable[[GatewayContext], BatchFn]] = {
    "request": requests_by_id,
}
