"""Reads of the request read model: one, many by id (in order), and keyset pages with filters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import asyncpg
from contracts.views.requests import RequestOrderField as F
from service_core.access import Scope
from service_core.paging import Cursor, Order, Orders, Page, SortKey, Where, keyset_page, listed, scoped, text_search

_COLUMNS = """id, external_reference, authority, co_requesters, countries, regional_organisation, region,
thematic_area, topic, description, received_on, eu_delegation_support, follow_up_of, status, eligible,
eligibility_reasons, eligibility_warnings, instruments, decision, withdrawal, version, submitted_at, updated_at"""

_FOCAL_POINTS = """
SELECT fp.request_id, fp.focal_point_id AS id, fp.kind, fp.nominated_at, fp.authority_id, pd.name, pd.role,
       pd.institution
FROM request_focal_points fp LEFT JOIN focal_point_personal_data pd USING (focal_point_id)
WHERE fp.request_id = ANY($1::text[]) AND fp.active
ORDER BY fp.position
"""


# GET /requests?order_by=: each key has its (key, id) index (migrations 001 and 005)
ORDERS = Orders(
    {
        F.RECEIVED_ON: SortKey("received_on"),
        F.SUBMITTED_AT: SortKey("submitted_at", "timestamptz"),
        F.UPDATED_AT: SortKey("updated_at", "timestamptz"),
        F.REGION: SortKey("region", "text"),
        F.STATUS: SortKey("status", "text"),
    },
    default=F.RECEIVED_ON,
)


@dataclass(frozen=True, slots=True)
class RequestFilter:
    region: str | None = None
    country: str | None = None
    status: str | None = None
    thematic_area: str | None = None
    authority_type: str | None = None
    authority_id: str | None = None
    external_reference: str | None = None
    received_from: date | None = None
    received_to: date | None = None
    region_in: tuple[str, ...] | None = None
    status_in: tuple[str, ...] | None = None
    search: str | None = None  # words of the references, institutions, subject and description (migration 005)


class RequestViews:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def many(self, ids: Sequence[str], scope: Scope) -> list[dict[str, Any] | None]:
        """Exactly one result per id, in order; None for unknown ids and ids outside the scope."""
        where = scoped(scope)
        where.add("id = ANY({}::text[])", list(set(ids)))
        async with self._pool.acquire() as conn:
            rows = [
                dict(r)
                for r in await conn.fetch(f"SELECT {_COLUMNS} FROM request_view WHERE {where.sql()}", *where.args)
            ]
            await _with_focal_points(conn, rows)
        by_id = {row["id"]: row for row in rows}
        return [by_id.get(i) for i in ids]

    async def get(self, request_id: str, scope: Scope) -> dict[str, Any] | None:
        [row] = await self.many([request_id], scope)
        return row

    async def page(self, filters: RequestFilter, scope: Scope, limit: int, order: Order, after: Cursor | None) -> Page:
        where = scoped(scope)
        simple = ("region", "status", "thematic_area", "authority_type", "external_reference")
        for name in simple:
            if (value := getattr(filters, name)) is not None:
                where.add(f"{name} = {{}}", value)
        if filters.country is not None:
            where.add("countries @> ARRAY[{}::text]", filters.country)
        if filters.authority_id is not None:
            where.add("authority_ids @> ARRAY[{}::text]", filters.authority_id)
        if filters.received_from is not None:
            where.add("received_on >= {}", filters.received_from)
        if filters.received_to is not None:
            where.add("received_on <= {}", filters.received_to)
        listed(where, "region", filters.region_in)
        listed(where, "status", filters.status_in)
        text_search(where, "search_document", filters.search)
        async with self._pool.acquire() as conn:
            page = await keyset_page(
                conn, table="request_view", columns=_COLUMNS, where=where, order=order, limit=limit, after=after
            )
            await _with_focal_points(conn, page.rows)
        return page


async def _with_focal_points(conn: asyncpg.Connection, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    focal = await conn.fetch(_FOCAL_POINTS, [row["id"] for row in rows])
    by_request: dict[str, list[dict[str, Any]]] = {row["id"]: [] for row in rows}
    for fp in focal:
        by_request[fp["request_id"]].append(
            {k: fp[k] for k in ("id", "kind", "name", "role", "institution", "nominated_at", "authority_id")}
        )
    for row in rows:
        row["focal_points"] = by_request[row["id"]]


__all__ = ["ORDERS", "Cursor", "Order", "Page", "RequestFilter", "RequestViews", "Scope", "Where"]
