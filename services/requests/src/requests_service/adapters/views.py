"""Reads of the request read model: one, many by id (in order), and keyset pages with filters."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import asyncpg

_COLUMNS = """id, external_reference, authority, co_requesters, countries, regional_organisation, region,
thematic_area, topic, description, received_on, eu_delegation_support, follow_up_of, status, eligible,
eligibility_reasons, instruments, decision, withdrawal, version, submitted_at, updated_at"""

_FOCAL_POINTS = """
SELECT fp.request_id, fp.focal_point_id AS id, fp.kind, fp.nominated_at, pd.name, pd.role, pd.institution
FROM request_focal_points fp LEFT JOIN focal_point_personal_data pd USING (focal_point_id)
WHERE fp.request_id = ANY($1::text[]) AND fp.active
ORDER BY fp.position
"""


@dataclass(frozen=True, slots=True)
class Scope:
    """Which requests a reader may see: all, those of some regions, or those of some authorities."""

    everything: bool = False
    regions: frozenset[str] = frozenset()
    authority_ids: frozenset[str] = frozenset()


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


@dataclass(frozen=True, slots=True)
class Cursor:
    received_on: date
    id: str

    def encode(self) -> str:
        raw = json.dumps([self.received_on.isoformat(), self.id], separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        """Raises ValueError for anything this service did not hand out."""
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            received_on, request_id = json.loads(raw)
            return cls(date.fromisoformat(received_on), str(request_id))
        except (binascii.Error, json.JSONDecodeError, UnicodeDecodeError, TypeError, ValueError) as exc:
            raise ValueError("not a cursor of this list") from exc


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[dict[str, Any]]
    cursors: list[str]
    total_count: int
    has_next_page: bool = False
    next_cursor: str | None = field(default=None)


class _Where:
    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.args: list[Any] = []

    def add(self, template: str, *values: Any) -> None:
        refs = [f"${len(self.args) + i + 1}" for i in range(len(values))]
        self.clauses.append(template.format(*refs))
        self.args.extend(values)

    def sql(self) -> str:
        return " AND ".join(self.clauses) if self.clauses else "true"


def _scoped(scope: Scope) -> _Where:
    where = _Where()
    if not scope.everything:
        where.add(
            "(region = ANY({}::text[]) OR authority_ids && {}::text[])", list(scope.regions), list(scope.authority_ids)
        )
    return where


class RequestViews:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def many(self, ids: Sequence[str], scope: Scope) -> list[dict[str, Any] | None]:
        """Exactly one result per id, in order; None for unknown ids and ids outside the scope."""
        where = _scoped(scope)
        where.add("id = ANY({}::text[])", list(set(ids)))
        rows = await self._fetch(where, "")
        by_id = {row["id"]: row for row in rows}
        return [by_id.get(i) for i in ids]

    async def get(self, request_id: str, scope: Scope) -> dict[str, Any] | None:
        [row] = await self.many([request_id], scope)
        return row

    async def page(self, filters: RequestFilter, scope: Scope, limit: int, after: Cursor | None) -> Page:
        where = _scoped(scope)
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
        total = await self._pool.fetchval(f"SELECT count(*) FROM request_view WHERE {where.sql()}", *where.args)
        if after is not None:
            where.add("(received_on, id) < ({}, {})", after.received_on, after.id)
        rows = await self._fetch(where, f"ORDER BY received_on DESC, id DESC LIMIT {int(limit) + 1}")
        has_next = len(rows) > limit
        rows = rows[:limit]
        cursors = [Cursor(row["received_on"], row["id"]).encode() for row in rows]
        return Page(rows, cursors, total, has_next, cursors[-1] if has_next else None)

    async def _fetch(self, where: _Where, tail: str) -> list[dict[str, Any]]:
        async with self._pool.acquire() as conn:
            rows = [
                dict(r)
                for r in await conn.fetch(
                    f"SELECT {_COLUMNS} FROM request_view WHERE {where.sql()} {tail}", *where.args
                )
            ]
            if not rows:
                return rows
            focal = await conn.fetch(_FOCAL_POINTS, [row["id"] for row in rows])
        by_request: dict[str, list[dict[str, Any]]] = {row["id"]: [] for row in rows}
        for fp in focal:
            by_request[fp["request_id"]].append(
                {k: fp[k] for k in ("id", "kind", "name", "role", "institution", "nominated_at")}
            )
        for row in rows:
            row["focal_points"] = by_request[row["id"]]
        return rows
