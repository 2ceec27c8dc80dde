"""Reads of the read models: experts (filters, keyset pages, batches), deployments, matching and composition."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import asyncpg
from contracts.views.experts import ExpertOrderField as F
from service_core.access import Scope
from service_core.paging import (
    SEARCH_QUERY,
    Cursor,
    Order,
    Orders,
    Page,
    SortKey,
    Where,
    keyset_page,
    scoped,
    searched,
)

from experts_service.adapters.focal_points import links_of
from experts_service.adapters.personal_data import notes_of, personal_data_of
from experts_service.application.access import ExpertScope

EXPERT_COLUMNS = """id, profile, category, nationality, member_state, governmental, administration_level, sector,
status, suspension_reason, erased, erased_on, registered_on, deployment_regions, deployments_confirmed,
deployments_completed, evaluations_count, average_score, version, registered_at, updated_at"""
DEPLOYMENT_COLUMNS = """d.id, d.expert_id, d.activity_id, d.action_id, d.status, d.category, d.nationality,
d.member_state, d.starts_on, d.ends_on, d.region, d.thematic_area, d.activity_type, d.countries, d.proposed_on,
d.confirmed_on, d.declined_on, d.decline_reason, d.cancelled_on, d.cancellation_reason, d.completed_on, d.held_from,
d.held_to, d.overlapping_deployment_ids, d.evaluation, d.expert_version, d.proposed_at, d.updated_at"""
_DEPLOYMENTS = "deployment_view d LEFT JOIN known_action a ON a.action_id = d.action_id"
COUNTED = ("CONFIRMED", "COMPLETED")

Row = dict[str, Any]
# GET /experts?order_by=: each key has its (key, id) index (migrations 001 and 012)
ORDERS = Orders(
    {
        F.REGISTERED_ON: SortKey("registered_on"),
        F.UPDATED_AT: SortKey("updated_at", "timestamptz"),
        F.AVERAGE_SCORE: SortKey("average_score", "numeric", nullable=True),
        F.DEPLOYMENTS_COMPLETED: SortKey("deployments_completed", "integer"),
    },
    default=F.REGISTERED_ON,
)
FIGURES = frozenset({F.AVERAGE_SCORE.value, F.DEPLOYMENTS_COMPLETED.value})  # not for a regional coordinator
# the personal data's search document (migration 012): only searched for a scope with personal data
_SEARCHED = f"id IN (SELECT expert_id FROM expert_personal_data WHERE search_document @@ {SEARCH_QUERY})"
_STATUS = "(CASE WHEN erased THEN 'ERASED' ELSE status END) = ANY({}::text[])"


@dataclass(frozen=True, slots=True)
class ExpertFilter:
    category: str | None = None
    member_state: str | None = None
    nationality: str | None = None
    sector: str | None = None
    thematic_area: str | None = None
    topic: str | None = None
    language: str | None = None
    working_language: str | None = None
    certification: str | None = None
    available_from: date | None = None
    available_to: date | None = None
    deployed: bool | None = None
    status: str | None = None  # ACTIVE | SUSPENDED | ERASED
    deployed_in_region: str | None = None
    region_in: tuple[str, ...] | None = None  # deployed (or proposed) in any of these regions
    status_in: tuple[str, ...] | None = None  # ACTIVE | SUSPENDED | ERASED
    search: str | None = None  # words of the name, organisation or CV (personal data)


def expert_where(scope: ExpertScope, deployed_in_region: str | None = None) -> Where:
    where = Where()
    if scope.everything:
        return where
    if scope.expert_id is not None:
        where.add("id = {}", scope.expert_id)
    else:
        where.add("deployment_regions && {}::text[]", list(scope.regions))
        if deployed_in_region is not None and deployed_in_region not in scope.regions:
            where.add("false")  # asking about another region would tell where its experts were deployed
    return where


def _filtered(where: Where, f: ExpertFilter) -> Where:
    for name in ("category", "member_state", "nationality", "sector"):
        if (value := getattr(f, name)) is not None:
            where.add(f"{name} = {{}}", value)
    for column, value in (("thematic_areas", f.thematic_area), ("topics", f.topic), ("languages", f.language),
                          ("working_languages", f.working_language), ("certifications", f.certification),
                          ("deployment_regions", f.deployed_in_region)):  # fmt: skip
        if value is not None:
            where.add(f"{column} @> ARRAY[{{}}::text]", value)
    if f.available_from is not None or f.available_to is not None:
        start, end = f.available_from or f.available_to, f.available_to or f.available_from
        where.add(
            "EXISTS (SELECT 1 FROM jsonb_array_elements(profile->'availability') w "
            "WHERE (w->>'available_from')::date <= {} AND (w->>'available_to')::date >= {})",
            start,
            end,
        )
    if f.status_in:
        where.add(_STATUS, list(f.status_in))
    if (text := searched(f.search)) is not None:
        where.add(_SEARCHED, text)
    if f.deployed is not None:
        where.add(f"{'' if f.deployed else 'NOT '}(deployments_confirmed + deployments_completed > 0)")
    if f.status == "ERASED":
        where.add("erased")
    elif f.status is not None:
        where.add("status = {} AND NOT erased", f.status)
    return where


def deployment_where(scope: ExpertScope | Scope) -> Where:
    if isinstance(scope, ExpertScope):
        where = Where()
        where.add("d.expert_id = {}", scope.expert_id)
        return where
    return scoped(scope, "d.region", "coalesce(a.authority_ids, ARRAY[]::text[])")


_WITHIN_REGIONS = """
SELECT expert_id,
       count(*) FILTER (WHERE status = 'CONFIRMED') AS confirmed,
       count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
       count(*) FILTER (WHERE evaluation IS NOT NULL) AS evaluations,
       round(avg(((evaluation->>'expertise')::int + (evaluation->>'communication')::int
                  + (evaluation->>'preparation')::int) / 3.0), 2) AS average_score
FROM deployment_view WHERE expert_id = ANY($1::text[]) AND region = ANY($2::text[])
GROUP BY expert_id
"""


class ExpertViews:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def many(self, ids: Sequence[str], scope: ExpertScope) -> list[Row | None]:
        where = expert_where(scope)
        where.add("id = ANY({}::text[])", list(set(ids)))
        rows = await self._pool.fetch(f"SELECT {EXPERT_COLUMNS} FROM expert_view WHERE {where.sql()}", *where.args)
        by_id = {row["id"]: dict(row) for row in rows}
        return [by_id.get(i) for i in ids]

    async def page(
        self, filters: ExpertFilter, scope: ExpertScope, limit: int, order: Order, after: Cursor | None
    ) -> Page:
        where = _filtered(expert_where(scope, filters.deployed_in_region), filters)
        if filters.region_in:
            # a coordinator asks as far as its own regions go: of another region's, its experts say nothing
            regions = [r for r in filters.region_in if scope.everything or scope.expert_id or r in scope.regions]
            where.add("deployment_regions && {}::text[]", regions)
        return await keyset_page(
            self._pool, table="expert_view", columns=EXPERT_COLUMNS, where=where, order=order, limit=limit,
            after=after,
        )  # fmt: skip

    async def deployments(self, column: str, keys: Sequence[str], scope: ExpertScope | Scope) -> list[list[Row]]:
        """One list per key of `column` (id, activity_id, expert_id, action_id), in order of start date."""
        if not keys:
            return []
        where = deployment_where(scope)
        where.add(f"d.{column} = ANY({{}}::text[])", list(set(keys)))
        sql = f"SELECT {DEPLOYMENT_COLUMNS} FROM {_DEPLOYMENTS} WHERE {where.sql()} ORDER BY d.starts_on, d.position"
        grouped: dict[str, list[Row]] = {}
        for row in await self._pool.fetch(sql, *where.args):
            grouped.setdefault(row[column], []).append(dict(row))
        return [grouped.get(key, []) for key in keys]

    async def activity(self, activity_id: str) -> Row | None:
        row = await self._pool.fetchrow(
            """SELECT t.*, a.topic AS action_topic, a.code AS action_code FROM known_activity t
               LEFT JOIN known_action a ON a.action_id = t.action_id WHERE t.id = $1""",
            activity_id,
        )
        return dict(row) if row is not None else None

    async def roster_for(self, activity: Row) -> tuple[list[Row], list[Row]]:
        """Every expert (profile, status), and the deployments that bear on staffing `activity`."""
        experts = await self._pool.fetch("SELECT id, profile, status, erased FROM expert_view ORDER BY id")
        bearing = await self._pool.fetch(
            """SELECT expert_id, activity_id, action_id, status, starts_on, ends_on FROM deployment_view
               WHERE (activity_id = $1 AND status IN ('PROPOSED', 'CONFIRMED', 'COMPLETED'))
                  OR (status = 'CONFIRMED' AND starts_on <= $3 AND $2 <= ends_on)
                  OR (action_id = $4 AND status IN ('CONFIRMED', 'COMPLETED'))""",
            activity["id"], activity["starts_on"], activity["ends_on"], activity["action_id"],
        )  # fmt: skip
        return [dict(r) for r in experts], [dict(r) for r in bearing]

    async def compositions(self, action_ids: Sequence[str], scope: Scope) -> list[tuple[Row | None, list[Row]] | None]:
        """Per Action id: (what is known of it or None, its counted deployments); None if the scope hides it."""
        actions = await self._pool.fetch(
            """SELECT a.action_id, a.region, a.authority_ids,
                      ARRAY(SELECT DISTINCT c FROM unnest(a.countries || coalesce((SELECT array_agg(x) FROM known_activity t,
                            unnest(t.countries) x WHERE t.action_id = a.action_id), '{}')) c ORDER BY c) AS countries
               FROM known_action a WHERE a.action_id = ANY($1::text[])""",
            list(set(action_ids)),
        )
        known = {row["action_id"]: dict(row) for row in actions}
        deployments = await self._pool.fetch(
            """SELECT action_id, expert_id, category, nationality, member_state, status FROM deployment_view
               WHERE action_id = ANY($1::text[]) AND status = ANY($2::text[]) ORDER BY position""",
            list(set(action_ids)), list(COUNTED),
        )  # fmt: skip
        grouped: dict[str, list[Row]] = {}
        for row in deployments:
            grouped.setdefault(row["action_id"], []).append(dict(row))
        found: list[tuple[Row | None, list[Row]] | None] = []
        for action_id in action_ids:
            action = known.get(action_id)
            visible = scope.everything or (
                action is not None and scope.admits(action["region"], action["authority_ids"])
            )
            found.append((action, grouped.get(action_id, [])) if visible else None)
        return found

    async def counts_within_regions(self, expert_ids: Sequence[str], regions: Sequence[str]) -> dict[str, Row]:
        """Per expert, deployment counts and the average score within `regions` only."""
        rows = await self._pool.fetch(_WITHIN_REGIONS, list(expert_ids), list(regions))
        return {row["expert_id"]: dict(row) for row in rows}

    async def personal_data(self, expert_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        return await personal_data_of(self._pool, expert_ids)

    async def former_focal_points(self, expert_ids: Sequence[str]) -> dict[str, list[Row]]:
        return await links_of(self._pool, expert_ids)

    async def notes(self, evaluation_ids: Sequence[str]) -> dict[str, str]:
        return await notes_of(self._pool, evaluation_ids)
