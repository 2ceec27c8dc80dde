"""Reading a service's list route the way a client does (every page forward, every page back from the end),
and the order a list should come in, for the services' listing tests."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

# `fetch(**params)` -> one page of a list route: items, cursors, next_cursor, has_next_page, has_previous_page
Fetch = Callable[..., Awaitable[dict[str, Any]]]


async def paged_forward(fetch: Fetch, size: int, **params: Any) -> list[str]:
    """The ids of the whole list, `size` at a time from its start (`limit` and `cursor`)."""
    seen: list[str] = []
    page = await fetch(limit=size, **params)
    while True:
        seen += [item["id"] for item in page["items"]]
        if not page["has_next_page"]:
            return seen
        page = await fetch(limit=size, cursor=page["next_cursor"], **params)


async def paged_backward(fetch: Fetch, size: int, **params: Any) -> list[str]:
    """The ids of the whole list, `size` at a time back from its end (`last` and `before`), in list order."""
    seen: list[str] = []
    page = await fetch(last=size, **params)
    while True:
        seen = [item["id"] for item in page["items"]] + seen
        if not page["has_previous_page"]:
            return seen
        page = await fetch(last=size, before=page["cursors"][0], **params)


def expected_order(items: list[dict[str, Any]], field: str, descending: bool) -> list[str]:
    """The ids of `items` ordered by `field` then id, both the same way, a missing value last either way
    (`…_at` fields compared as instants, not as text)."""

    def key(item: dict[str, Any]) -> Any:
        return datetime.fromisoformat(item[field]) if field.endswith("_at") else item[field]

    present = sorted((i for i in items if i[field] is not None), key=lambda i: (key(i), i["id"]), reverse=descending)
    missing = sorted((i for i in items if i[field] is None), key=lambda i: i["id"], reverse=descending)
    return [i["id"] for i in present + missing]
