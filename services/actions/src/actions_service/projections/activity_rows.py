"""The `activity_view` and `deliverable_view` rows of an Action, and the Action's activity counts."""

from __future__ import annotations

from typing import Any

import asyncpg
from contracts.events.actions import (
    ActivityCancelled,
    ActivityCoFacilitated,
    ActivityHeld,
    ActivityPlanned,
    ActivityReplanned,
    ActivityRescheduled,
    DeliverableRecorded,
    DeliverableStatusChanged,
)
from service_core.store.base import RecordedEvent

_PLANNED = """
INSERT INTO activity_view (
    id, action_id, sequence, activity_type, status, starts_on, ends_on, remote, place_country, place_city,
    planned_participants, modifications, region, authority_ids, version, planned_at, updated_at)
SELECT $1, $2, $3, $4, 'PLANNED', $5, $6, $7, $8, $9, $10, $11, v.region, v.authority_ids, $12, $13, $13
FROM action_view v WHERE v.id = $2
"""
_REPLANNED = """
UPDATE activity_view SET activity_type = $2, starts_on = $3, ends_on = $4, remote = $5, place_country = $6,
       place_city = $7, planned_participants = $8, modifications = modifications || $9::jsonb,
       version = $10, updated_at = $11
WHERE id = $1
"""
_RESCHEDULED = """
UPDATE activity_view SET starts_on = $2, ends_on = $3, modifications = modifications || $4::jsonb,
       version = $5, updated_at = $6
WHERE id = $1
"""
_CANCELLED = """
UPDATE activity_view SET status = 'CANCELLED', cancelled_on = $2, modifications = modifications || $3::jsonb,
       version = $4, updated_at = $5
WHERE id = $1
"""
_HELD = """
UPDATE activity_view SET status = 'HELD', held_from = $2, held_to = $3, participants_count = $4,
       version = $5, updated_at = $6
WHERE id = $1
"""
_CO_FACILITATED = """
UPDATE activity_view SET co_facilitators = co_facilitators || $2::jsonb, version = $3, updated_at = $4 WHERE id = $1
"""
# The Action's counts and its first activity (by start date, cancelled ones aside) follow its activities.
_RECOUNT = """
UPDATE action_view v SET
    activities_planned = c.active, activities_held = c.held, activities_cancelled = c.cancelled,
    first_activity_type = (SELECT a.activity_type FROM activity_view a
                           WHERE a.action_id = v.id AND a.status <> 'CANCELLED'
                           ORDER BY a.starts_on, a.sequence LIMIT 1),
    unmodified_activity_types = ARRAY(SELECT a.activity_type FROM activity_view a  -- R07: not a recorded change
                                      WHERE a.action_id = v.id AND a.status <> 'CANCELLED'
                                        AND a.modifications = '[]'::jsonb ORDER BY a.starts_on, a.sequence),
    fact_finding_days = (SELECT max(coalesce(a.held_to, a.ends_on) - coalesce(a.held_from, a.starts_on) + 1)
                         FROM activity_view a WHERE a.action_id = v.id AND a.status <> 'CANCELLED'
                           AND a.activity_type = 'FACT_FINDING_MISSION'),  -- R28: longest, held dates once held
    version = $2, updated_at = $3
FROM (SELECT count(*) FILTER (WHERE status <> 'CANCELLED') AS active,
             count(*) FILTER (WHERE status = 'HELD') AS held,
             count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled
      FROM activity_view WHERE action_id = $1) c
WHERE v.id = $1
"""
_RECORDED = """
INSERT INTO deliverable_view (
    id, action_id, kind, title, status, recorded_on, status_changed_on, history, region, authority_ids, position,
    version, recorded_at, updated_at)
SELECT $1, $2, $3, $4, 'DRAFTED', $5, $5, $6, v.region, v.authority_ids, $7, $8, $9, $9
FROM action_view v WHERE v.id = $2
"""
_STATUS = """
UPDATE deliverable_view SET status = $2, status_changed_on = $3, history = history || $4::jsonb, version = $5,
       updated_at = $6
WHERE id = $1
"""
_DELIVERABLES = """
UPDATE action_view SET deliverables_count = (SELECT count(*) FROM deliverable_view WHERE action_id = $1),
       version = $2, updated_at = $3
WHERE id = $1
"""
_TOUCH = "UPDATE action_view SET version = $2, updated_at = $3 WHERE id = $1"


async def apply(conn: asyncpg.Connection, recorded: RecordedEvent) -> None:
    event, at, version = recorded.event, recorded.recorded_at, recorded.version
    match event:
        case ActivityPlanned():
            added = [_change("PLANNED", event.reason, at)] if event.reason else []
            await conn.execute(
                _PLANNED,
                event.activity_id,
                event.action_id,
                event.sequence,
                str(event.activity_type),
                event.starts_on,
                event.ends_on,
                event.remote,
                event.place_country,
                event.place_city,
                event.planned_participants,
                added,
                version,
                at,
            )
        case ActivityReplanned():
            change = _change("REPLANNED", event.reason, at, activity_type=str(event.activity_type))
            await conn.execute(
                _REPLANNED,
                event.activity_id,
                str(event.activity_type),
                event.starts_on,
                event.ends_on,
                event.remote,
                event.place_country,
                event.place_city,
                event.planned_participants,
                [change],
                version,
                at,
            )
        case ActivityRescheduled():
            change = _change(
                "RESCHEDULED",
                event.reason,
                at,
                starts_on=event.starts_on.isoformat(),
                ends_on=event.ends_on.isoformat(),
            )
            await conn.execute(_RESCHEDULED, event.activity_id, event.starts_on, event.ends_on, [change], version, at)
        case ActivityCancelled():
            change = _change("CANCELLED", event.reason, at, cancelled_on=event.cancelled_on.isoformat())
            await conn.execute(_CANCELLED, event.activity_id, event.cancelled_on, [change], version, at)
        case ActivityHeld():
            await conn.execute(
                _HELD, event.activity_id, event.held_from, event.held_to, event.participants_count, version, at
            )
        case ActivityCoFacilitated():
            item = event.model_dump(mode="json", include={"authority_id", "focal_point_id", "recorded_on"})
            await conn.execute(_CO_FACILITATED, event.activity_id, [item], version, at)
            await conn.execute(_TOUCH, event.action_id, version, at)
            return
        case DeliverableRecorded():
            history = [{"status": "DRAFTED", "level": None, "changed_on": event.recorded_on.isoformat()}]
            await conn.execute(
                _RECORDED,
                event.deliverable_id,
                event.action_id,
                str(event.kind),
                event.title,
                event.recorded_on,
                history,
                recorded.position,
                version,
                at,
            )
            await conn.execute(_DELIVERABLES, event.action_id, version, at)
            return
        case DeliverableStatusChanged():
            step = {"status": str(event.status), "level": str(event.level), "changed_on": event.changed_on.isoformat()}
            await conn.execute(_STATUS, event.deliverable_id, str(event.status), event.changed_on, [step], version, at)
            await conn.execute(_TOUCH, event.action_id, version, at)
            return
        case _:
            await conn.execute(_TOUCH, recorded.stream_id, version, at)
            return
    await conn.execute(_RECOUNT, event.action_id, version, at)


def _change(kind: str, reason: str | None, at: Any, **details: str) -> dict[str, Any]:
    return {"kind": kind, "reason": reason, "recorded_at": at.isoformat(), **details}
