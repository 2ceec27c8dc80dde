"""What the service knows of Actions and activities (from mieux.actions.v1): written by the policies.

These tables are not projections of the service's own events: a rebuild keeps them. Commands that need an
activity read it with a row lock (`FOR SHARE`), so a proposal and the policy that cancels or holds the
activity are serialised: either the proposal sees the new status, or the policy sees the proposal.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import asyncpg
from contracts.events.actions import ActionOpened, ActivityPlanned, ActivityType
from contracts.events.requests import Region, ThematicArea
from service_core.ports import Sql

from experts_service.domain.commands import ActivityFacts

_ACTION = """
INSERT INTO known_action (action_id, code, label, region, thematic_area, topic, countries, authority_ids, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
ON CONFLICT (action_id) DO UPDATE SET code = excluded.code, label = excluded.label, region = excluded.region,
    thematic_area = excluded.thematic_area, topic = excluded.topic, countries = excluded.countries,
    authority_ids = excluded.authority_ids, updated_at = now()
"""
_ACTIVITY = """
INSERT INTO known_activity (id, action_id, activity_type, status, starts_on, ends_on, region, thematic_area, countries,
    remote, place_country, updated_at)
VALUES ($1, $2, $3, 'PLANNED', $4, $5, $6, $7, $8, $9, $10, now())
ON CONFLICT (id) DO UPDATE SET activity_type = excluded.activity_type, starts_on = excluded.starts_on,
    ends_on = excluded.ends_on, region = excluded.region, thematic_area = excluded.thematic_area,
    countries = excluded.countries, remote = excluded.remote, place_country = excluded.place_country, updated_at = now()
"""
# An action known only from its activities gets a row too (scope for reads, partner countries).
_ACTION_FROM_ACTIVITY = """
INSERT INTO known_action (action_id, region, thematic_area, countries) VALUES ($1, $2, $3, $4)
ON CONFLICT (action_id) DO NOTHING
"""
ACTIVITY_COLUMNS = """id, action_id, activity_type, status, starts_on, ends_on, region, thematic_area, countries,
remote, place_country, held_from, held_to, cancelled_on"""


async def record_action(conn: asyncpg.Connection, event: ActionOpened) -> None:
    authorities = [event.authority_id, *event.co_requester_ids]
    await conn.execute(
        _ACTION, event.action_id, event.code, event.label, str(event.region), str(event.thematic_area), event.topic,
        list(event.countries), authorities,
    )  # fmt: skip


async def record_activity(conn: asyncpg.Connection, event: ActivityPlanned) -> None:
    await conn.execute(
        _ACTIVITY, event.activity_id, event.action_id, str(event.activity_type), event.starts_on, event.ends_on,
        str(event.region), str(event.thematic_area), list(event.countries), event.remote, event.place_country,
    )  # fmt: skip
    await conn.execute(
        _ACTION_FROM_ACTIVITY, event.action_id, str(event.region), str(event.thematic_area), list(event.countries)
    )


async def move_activity(
    conn: asyncpg.Connection, activity_id: str, starts_on: date, ends_on: date, activity_type: str | None = None
) -> bool:
    status: str = await conn.execute(
        """UPDATE known_activity SET starts_on = $2, ends_on = $3, activity_type = coalesce($4, activity_type),
           updated_at = now() WHERE id = $1""",
        activity_id, starts_on, ends_on, activity_type,
    )  # fmt: skip
    return status.endswith(" 1")


async def close_activity(conn: asyncpg.Connection, activity_id: str, status: str, **dates: date) -> bool:
    """Mark the activity CANCELLED (cancelled_on) or HELD (held_from, held_to); False if unknown."""
    sets = ", ".join(f"{name} = ${i + 3}" for i, name in enumerate(dates))
    sql = f"UPDATE known_activity SET status = $2{', ' + sets if sets else ''}, updated_at = now() WHERE id = $1"
    result: str = await conn.execute(sql, activity_id, status, *dates.values())
    return result.endswith(" 1")


async def experts_on_activity(conn: asyncpg.Connection, activity_id: str) -> list[str]:
    """Experts with an open (proposed or confirmed) deployment on the activity."""
    rows = await conn.fetch(
        """SELECT DISTINCT expert_id FROM deployment_view
           WHERE activity_id = $1 AND status IN ('PROPOSED', 'CONFIRMED') ORDER BY expert_id""",
        activity_id,
    )
    return [row["expert_id"] for row in rows]


async def deployment_location(sql: Sql, deployment_id: str) -> tuple[str, str] | None:
    """(expert id, region) of a deployment, from the read model (the owning service reads its own writes)."""
    row = await sql.fetchrow("SELECT expert_id, region FROM deployment_view WHERE id = $1", deployment_id)
    return None if row is None else (row["expert_id"], row["region"])


async def activity_row(
    conn: asyncpg.Connection | asyncpg.Pool, activity_id: str, *, lock: bool = False
) -> dict[str, Any] | None:
    sql = f"SELECT {ACTIVITY_COLUMNS} FROM known_activity WHERE id = $1{' FOR SHARE' if lock else ''}"
    row = await conn.fetchrow(sql, activity_id)
    return dict(row) if row is not None else None


def facts_of(row: dict[str, Any]) -> ActivityFacts:
    return ActivityFacts(
        activity_id=row["id"],
        action_id=row["action_id"],
        activity_type=ActivityType(row["activity_type"]),
        starts_on=row["starts_on"],
        ends_on=row["ends_on"],
        region=Region(row["region"]),
        thematic_area=ThematicArea(row["thematic_area"]),
        countries=tuple(row["countries"]),
        planned=row["status"] == "PLANNED",
    )
