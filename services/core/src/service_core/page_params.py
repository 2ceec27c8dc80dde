"""The paging query parameters every list route takes, folded into (limit, position) for its queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Query

from service_core.paging import position

MAX_PAGE = 100
CURSOR = Query(max_length=200, description="a cursor from a previous page: the page after it")
BEFORE = Query(max_length=200, description="a cursor from a previous page: the page before it (with `last`)")


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
