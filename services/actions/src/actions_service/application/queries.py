"""Queries: what a principal may read of the Action, activity and deliverable read models."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from service_core.auth import Principal
from service_core.errors import NotFound
from service_core.paging import Order, Page, parse_cursor

from actions_service.adapters.views import ActionFilter, ActionViews
from actions_service.application.access import read_scope

MAX_PAGE = 100
MAX_BATCH = 500
Row = dict[str, Any]


class ActionQueries:
    def __init__(self, views: ActionViews) -> None:
        self._views = views

    async def get(self, principal: Principal, action_id: str) -> Row:
        [row] = await self._views.many([action_id], read_scope(principal))
        if row is None:
            raise NotFound("action", action_id)
        return row

    async def by_code(self, principal: Principal, code: str) -> Row:
        [row] = await self._views.many([code], read_scope(principal), column="code")
        if row is None:
            raise NotFound("action", code)
        return row

    async def batch(self, principal: Principal, ids: Sequence[str]) -> list[Row | None]:
        """One result per id, in the same order; None where unknown or not visible to the principal."""
        return await self._views.many(ids, read_scope(principal))

    async def batch_by_request(self, principal: Principal, request_ids: Sequence[str]) -> list[Row | None]:
        """The Action of each request (None if the request has none, or it is hidden)."""
        return await self._views.many(request_ids, read_scope(principal), column="request_id")

    async def page(
        self, principal: Principal, filters: ActionFilter, limit: int, cursor: str | None, order: Order, today: date
    ) -> Page:
        scope = read_scope(principal)
        return await self._views.page(filters, scope, limit, order, parse_cursor(cursor, order), today)

    async def activities(self, principal: Principal, ids: Sequence[str]) -> list[Row | None]:
        return await self._views.activities(ids, read_scope(principal))

    async def activities_of(self, principal: Principal, action_ids: Sequence[str]) -> list[list[Row]]:
        return await self._views.activities_of(action_ids, read_scope(principal))

    async def deliverables_of(self, principal: Principal, action_ids: Sequence[str]) -> list[list[Row]]:
        return await self._views.deliverables_of(action_ids, read_scope(principal))

    async def activity(self, principal: Principal, activity_id: str) -> Row:
        [row] = await self._views.activities([activity_id], read_scope(principal))
        if row is None:
            raise NotFound("activity", activity_id)
        return row

    async def action_of(self, principal: Principal, table: str, what: str, row_id: str) -> str:
        """The Action of an activity or deliverable visible to the principal; 404 otherwise."""
        action_id = await self._views.owner(table, row_id, read_scope(principal))
        if action_id is None:
            raise NotFound(what, row_id)
        return action_id

    async def deliverable(self, principal: Principal, deliverable_id: str) -> Row:
        action_id = await self.action_of(principal, "deliverable_view", "deliverable", deliverable_id)
        [rows] = await self._views.deliverables_of([action_id], read_scope(principal))
        return next(row for row in rows if row["id"] == deliverable_id)
