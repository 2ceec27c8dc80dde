"""Queries: what a principal may read of the request read model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from service_core.auth import Principal
from service_core.errors import NotFound
from service_core.paging import Order, Page, parse_cursor

from requests_service.adapters.views import RequestFilter, RequestViews
from requests_service.application.access import read_scope

MAX_PAGE = 100
MAX_BATCH = 500


class RequestQueries:
    def __init__(self, views: RequestViews) -> None:
        self._views = views

    async def get(self, principal: Principal, request_id: str) -> dict[str, Any]:
        row = await self._views.get(request_id, read_scope(principal))
        if row is None:
            raise NotFound("request", request_id)
        return row

    async def batch(self, principal: Principal, ids: Sequence[str]) -> list[dict[str, Any] | None]:
        """One result per id, in the same order; None where unknown or not visible to the principal."""
        return await self._views.many(ids, read_scope(principal))

    async def list(
        self, principal: Principal, filters: RequestFilter, limit: int, cursor: str | None, order: Order
    ) -> Page:
        scope = read_scope(principal)
        return await self._views.page(filters, scope, limit, order, parse_cursor(cursor, order))
