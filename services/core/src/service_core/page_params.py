"""The query parameters every list route takes: paging folded into (limit, position), the order, the search."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query

from service_core.paging import MAX_LISTED, MAX_SEARCH, Order, Orders, position

MAX_PAGE = 100
CURSOR = Query(max_length=200, description="a cursor from a previous page: the page after it")
BEFORE = Query(max_length=200, description="a cursor from a previous page: the page before it (with `last`)")
SEARCH = Query(
    max_length=MAX_SEARCH,
    description="words to find (each as a word prefix, all of them; accents and case do not matter)",
)
# a list filter (`region_in=AFRICA&region_in=ASIA`): any of at most MAX_LISTED values
LISTED = Query(max_length=MAX_LISTED, description=f"any of these (at most {MAX_LISTED})")


@dataclass(frozen=True, slots=True)
class PageRequest:
    limit: int
    position: str | None  # what `paging.parse_cursor` reads: forward after a cursor, or backward


def page_request(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="page size, forward")] = 20,
    cursor: Annotated[str | None, CURSOR] = None,
    before: Annotated[str | None, BEFORE] = None,
    last: Annotated[int | None, Query(ge=1, le=MAX_PAGE, description="page size, backward")] = None,
) -> PageRequest:
    """`limit`/`cursor` page forward; `last` (with `before`, or alone from the end) pages backward."""
    backward = before is not None or last is not None
    return PageRequest(last or limit if backward else limit, position(cursor, before, last))


def ordering(orders: Orders) -> Callable[..., Order]:
    """The `order_by` parameter of a list offering `orders`: `field[:asc|desc]`, 422 INVALID_ORDER otherwise."""
    described = Query(
        max_length=64,
        description=f"`field[:asc|desc]` (descending when not said), field one of: {', '.join(orders.fields)}; "
        f"default `{orders.default}:desc`. Ties are ordered by id the same way; a missing value sorts last.",
    )

    def order_by(order_by: str | None = None) -> Order:
        return orders.parse(order_by)

    # the parameter's description names this list's fields (set here: annotations are strings in this module)
    order_by.__annotations__ = {"order_by": Annotated[str | None, described], "return": Order}
    return order_by


def values(items: list[Any] | None) -> tuple[str, ...] | None:
    """A list filter's values as codes (None when not given)."""
    return tuple(str(getattr(item, "value", item)) for item in items) if items else None
