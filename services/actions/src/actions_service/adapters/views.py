"""Reads of the Action, activity and deliverable read models: by id, by code, in batches, in keyset pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import asyncpg
from contracts.views.actions import ActionOrderField as F
from service_core.access import Scope
from service_core.paging import Cursor, Order, Orders, Page, SortKey, Where, keyset_page, listed, scoped, text_search

ACTION_COLUMNS = """id, request_id, code, ordinal, ordinal_scope, label, region, countries, regional_organisation,
thematic_area, topic, phase, authority_id, authority_type, co_requester_ids, follow_up_of, received_on, approved_on,
launch_due_on, status, fiche, activities_planned, activities_held, activities_cancelled, first_activity_type, unmodified_activity_types,
launched_on, first_activity_id, fact_finding_days, completed_on, override_reason, topics, cross_cutting, lessons, outcomes,
follow_ups, replications, complementary_actors, deliverables_count, version, opened_at, updated_at"""
ACTIVITY_COLUMNS = """id, action_id, sequence, activity_type, status, starts_on, ends_on, remote, place_country,
place_city, planned_participants, held_from, held_to, participants_count, cancelled_on, modifications, co_facilitators,
version,
planned_at, updated_at"""
DELIVERABLE_COLUMNS = """id, action_id, kind, title, status, recorded_on, status_changed_on, history, version,
recorded_at, updated_at"""
# R10 at read time: launched after the due date, or not launched and the due date has passed.
LATE = "((launched_on IS NOT NULL AND launched_on > launch_due_on) OR (launched_on IS NULL AND launch_due_on < {}))"

Row = dict[str, Any]
# GET /actions?order_by=: each key has its (key, id) index (migrations 001 and 008); code is unique
ORDERS = Orders(
    {
        F.APPROVED_ON: SortKey("approved_on"),
        F.RECEIVED_ON: SortKey("received_on"),
        F.LAUNCHED_ON: SortKey("launched_on", nullable=True),
        F.COMPLETED_ON: SortKey("completed_on", nullable=True),
        F.UPDATED_AT: SortKey("updated_at", "timestamptz"),
        F.CODE: SortKey("code", "text"),
        F.REGION: SortKey("region", "text"),
        F.STATUS: SortKey("status", "text"),
    },
    default=F.APPROVED_ON,
)


@dataclass(frozen=True, slots=True)
class ActionFilter:
    region: str | None = None
    country: str | None = None
    phase: str | None = None
    thematic_area: str | None = None
    status: str | None = None
    launched_late: bool | None = None
    request_id: str | None = None
    authority_id: str | None = None
    region_in: tuple[str, ...] | None = None
    status_in: tuple[str, ...] | None = None
    search: str | None = None  # words of the code, label, topic, objective, lessons and outcomes (migration 008)


class ActionViews:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def many(self, ids: Sequence[str], scope: Scope, column: str = "id") -> list[Row | None]:
        """Exactly one result per key (of `column`: id, code or request_id), in order; None if unknown/hidden."""
        rows = await self._select("action_view", ACTION_COLUMNS, scope, column, ids, "")
        by_key = {row[column]: row for row in rows}
        return [by_key.get(key) for key in ids]

    async def page(
        self, filters: ActionFilter, scope: Scope, limit: int, order: Order, after: Cursor | None, today: date
    ) -> Page:
        where = scoped(scope)
        for name in ("region", "phase", "thematic_area", "status", "request_id"):
            if (value := getattr(filters, name)) is not None:
                where.add(f"{name} = {{}}", value)
        if filters.country is not None:
            where.add("countries @> ARRAY[{}::text]", filters.country)
        if filters.authority_id is not None:
            where.add("authority_ids @> ARRAY[{}::text]", filters.authority_id)
        if filters.launched_late is not None:
            where.add(LATE if filters.launched_late else f"NOT {LATE}", today)
        listed(where, "region", filters.region_in)
        listed(where, "status", filters.status_in)
        text_search(where, "search_document", filters.search)
        return await keyset_page(
            self._pool, table="action_view", columns=ACTION_COLUMNS, where=where, order=order, limit=limit,
            after=after,
        )  # fmt: skip

    async def activities(self, ids: Sequence[str], scope: Scope) -> list[Row | None]:
        rows = await self._select("activity_view", ACTIVITY_COLUMNS, scope, "id", ids, "")
        by_id = {row["id"]: row for row in rows}
        return [by_id.get(i) for i in ids]

    async def activities_of(self, action_ids: Sequence[str], scope: Scope) -> list[list[Row]]:
        """One list per Action id, in order (by start date, then planning order); empty if unknown or hidden."""
        order = "ORDER BY starts_on, sequence"
        rows = await self._select("activity_view", ACTIVITY_COLUMNS, scope, "action_id", action_ids, order)
        return _grouped(rows, action_ids)

    async def deliverables_of(self, action_ids: Sequence[str], scope: Scope) -> list[list[Row]]:
        rows = await self._select(
            "deliverable_view", DELIVERABLE_COLUMNS, scope, "action_id", action_ids, "ORDER BY position"
        )
        return _grouped(rows, action_ids)

    async def owner(self, table: str, row_id: str, scope: Scope) -> str | None:
        """The Action an activity or deliverable belongs to, if the scope may see it."""
        where = scoped(scope)
        where.add("id = {}", row_id)
        found: str | None = await self._pool.fetchval(f"SELECT action_id FROM {table} WHERE {where.sql()}", *where.args)
        return found

    async def _select(
        self, table: str, columns: str, scope: Scope, column: str, keys: Sequence[str], tail: str
    ) -> list[Row]:
        if not keys:
            return []
        where: Where = scoped(scope)
        where.add(f"{column} = ANY({{}}::text[])", list(set(keys)))
        sql = f"SELECT {columns} FROM {table} WHERE {where.sql()} {tail}"
        return [dict(r) for r in await self._pool.fetch(sql, *where.args)]


def _grouped(rows: list[Row], keys: Sequence[str]) -> list[list[Row]]:
    by_key: dict[str, list[Row]] = {}
    for row in rows:
        by_key.setdefault(row["action_id"], []).append(row)
    return [by_key.get(key, []) for key in keys]
