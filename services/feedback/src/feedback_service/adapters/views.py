"""Reads: the facts commands are decided against, summaries, Action feedback, review tallies, comments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import asyncpg
from contracts.events.actions import ActivityType
from contracts.events.feedback import ReviewScope
from contracts.events.requests import Region, ThematicArea
from service_core.access import Scope
from service_core.paging import Where, scoped
from service_core.ports import Sql
from service_core.rows import rows_in

from feedback_service.adapters.aggregates import (
    ACTION_AGGREGATES,
    RELEASED,
    action_tally,
    participant_aggregates,
    participant_counted,
    participant_tally,
)
from feedback_service.adapters.tables import ACTION_REF, ACTIVITY_REF, DEPLOYMENT_REF
from feedback_service.domain.commands import ActionFacts, ActivityFacts
from feedback_service.domain.periods import Period
from feedback_service.domain.stats import ActionTally, ParticipantTally

Row = dict[str, Any]
DEPLOYED = ("CONFIRMED", "COMPLETED")
_AUTHORITIES = "coalesce(x.authority_ids, ARRAY[]::text[])"
ScopeKey = tuple[ReviewScope, str | None]


@dataclass(frozen=True, slots=True)
class Visible:
    """Where a fact sits, for access checks: its region and the authorities of its Action."""

    region: str
    authority_ids: tuple[str, ...]


async def activity_facts(sql: Sql, activity_id: str) -> tuple[ActivityFacts, Visible] | None:
    rows = rows_in(sql)
    row = await rows.get(ACTIVITY_REF, {"activity_id": activity_id})
    if row is None:
        return None
    action = await rows.get(ACTION_REF, {"action_id": row["action_id"]})
    facts = ActivityFacts(
        activity_id=row["activity_id"],
        action_id=row["action_id"],
        activity_type=ActivityType(row["activity_type"]),
        region=Region(row["region"]),
        thematic_area=ThematicArea(row["thematic_area"]),
        status=row["status"],
        held_from=row["held_from"],
    )
    return facts, Visible(row["region"], tuple(action["authority_ids"]) if action else ())


async def action_facts(sql: Sql, action_id: str) -> tuple[ActionFacts, Visible] | None:
    rows = rows_in(sql)
    row = await rows.get(ACTION_REF, {"action_id": action_id})
    if row is None:
        return None
    deployed = await rows.find(DEPLOYMENT_REF, action_id=action_id, status=list(DEPLOYED))
    facts = ActionFacts(
        action_id=action_id,
        region=Region(row["region"]),
        thematic_area=ThematicArea(row["thematic_area"]),
        authority_id=row["authority_id"],
        deployed_expert_ids=frozenset(r["expert_id"] for r in deployed),
    )
    return facts, Visible(row["region"], tuple(row["authority_ids"]))


class FeedbackViews:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    @property
    def pool(self) -> asyncpg.Pool:
        return self._pool

    async def summaries(
        self, activity_ids: Sequence[str], scope: Scope, suppress: bool = False
    ) -> list[tuple[Row, ParticipantTally] | None]:
        """One (activity, tally) per id, in order; None where unknown or not visible. With `suppress` the
        ratings count released responses only (whole blocks of five, `adapters.aggregates.RELEASED`)."""
        if not activity_ids:
            return []
        where = scoped(scope, "a.region", _AUTHORITIES)
        where.add("a.activity_id = ANY({}::text[])", list(set(activity_ids)))
        rows = await self._pool.fetch(
            f"""SELECT a.activity_id, a.action_id, a.status, {participant_aggregates(participant_counted(suppress))}
                FROM activity_ref a LEFT JOIN action_ref x ON x.action_id = a.action_id
                LEFT JOIN participant_response r ON r.activity_id = a.activity_id
                WHERE {where.sql()} GROUP BY a.activity_id, a.action_id, a.status""",
            *where.args,
        )
        found = {row["activity_id"]: (dict(row), participant_tally(row)) for row in rows}
        return [found.get(i) for i in activity_ids]

    async def visible_actions(self, action_ids: Sequence[str], scope: Scope) -> set[str]:
        if not action_ids:
            return set()
        where = scoped(scope, "x.region", "x.authority_ids")
        where.add("x.action_id = ANY({}::text[])", list(set(action_ids)))
        rows = await self._pool.fetch(f"SELECT x.action_id FROM action_ref x WHERE {where.sql()}", *where.args)
        return {row["action_id"] for row in rows}

    async def action_feedback(self, action_ids: Sequence[str]) -> dict[str, list[Row]]:
        rows = await self._pool.fetch(
            """SELECT f.*, n.note FROM action_feedback f LEFT JOIN action_feedback_note n USING (feedback_id)
               WHERE f.action_id = ANY($1::text[]) ORDER BY f.position""",
            list(set(action_ids)),
        )
        found: dict[str, list[Row]] = {}
        for row in rows:
            found.setdefault(row["action_id"], []).append(dict(row))
        return found

    async def deployed_experts(self, action_ids: Sequence[str]) -> dict[str, list[str]]:
        """Experts whose deployment on an activity of the Action was completed (the activity held with them)."""
        rows = await self._pool.fetch(
            """SELECT DISTINCT action_id, expert_id FROM deployment_ref
               WHERE action_id = ANY($1::text[]) AND status = 'COMPLETED' ORDER BY action_id, expert_id""",
            list(set(action_ids)),
        )
        found: dict[str, list[str]] = {}
        for row in rows:
            found.setdefault(row["action_id"], []).append(row["expert_id"])
        return found

    async def review_tallies(
        self, period: Period, region: str | None, thematic_area: str | None, suppress: bool = False
    ) -> tuple[ParticipantTally, ActionTally]:
        where = Where()
        where.add("r.given_on BETWEEN {} AND {}", period.start, period.end)
        if region is not None:
            where.add("r.region = {}", region)
        if thematic_area is not None:
            where.add("r.thematic_area = {}", thematic_area)
        p = await self._pool.fetchrow(
            f"SELECT {participant_aggregates(participant_counted(suppress))} FROM participant_response r "
            f"WHERE {where.sql()}",
            *where.args,
        )
        a = await self._pool.fetchrow(
            f"SELECT {ACTION_AGGREGATES} FROM action_feedback r WHERE {where.sql()}", *where.args
        )
        return participant_tally(p), action_tally(a)

    async def review_tallies_by_scope(self, period: Period) -> dict[ScopeKey, tuple[ParticipantTally, ActionTally]]:
        """The portfolio, every region and every thematic area of a period, in two statements; participant
        figures over released responses (they are published, so suppressed)."""
        sets = "GROUP BY GROUPING SETS ((), (r.region), (r.thematic_area))"
        keys = "GROUPING(r.region) AS g_region, GROUPING(r.thematic_area) AS g_area, r.region, r.thematic_area"
        found: dict[ScopeKey, tuple[ParticipantTally, ActionTally]] = {}
        for table, aggregates in (
            ("participant_response", participant_aggregates(RELEASED)),
            ("action_feedback", ACTION_AGGREGATES),
        ):
            rows = await self._pool.fetch(
                f"SELECT {keys}, {aggregates} FROM {table} r WHERE r.given_on BETWEEN $1 AND $2 {sets}",
                period.start,
                period.end,
            )
            for row in rows:
                key = _scope_key(row)
                p, a = found.get(key, (ParticipantTally(), ActionTally()))
                found[key] = (participant_tally(row), a) if table == "participant_response" else (p, action_tally(row))
        return found

    async def published_review_ids(self, period: str) -> set[str]:
        rows = await self._pool.fetch("SELECT review_id FROM review_view WHERE period = $1", period)
        return {row["review_id"] for row in rows}

    async def published_review(self, review_id: str) -> Row | None:
        row = await self._pool.fetchrow(
            "SELECT review_id, published_on FROM review_view WHERE review_id = $1", review_id
        )
        return dict(row) if row else None

    async def first_feedback_day(self) -> date | None:
        found: date | None = await self._pool.fetchval(
            "SELECT min(d) FROM (SELECT min(given_on) AS d FROM participant_response "
            "UNION ALL SELECT min(given_on) FROM action_feedback) AS firsts"
        )
        return found

    async def comments(self, activity_id: str) -> list[Row]:
        rows = await self._pool.fetch(
            """SELECT c.response_id, c.comment, r.given_on, r.channel FROM participant_comment c
               JOIN participant_response r USING (response_id) WHERE c.activity_id = $1 ORDER BY r.position""",
            activity_id,
        )
        return [dict(row) for row in rows]


def _scope_key(row: Row | asyncpg.Record) -> ScopeKey:
    if row["g_region"] == 0:
        return ReviewScope.REGION, row["region"]
    if row["g_area"] == 0:
        return ReviewScope.THEMATIC_AREA, row["thematic_area"]
    return ReviewScope.PORTFOLIO, None
