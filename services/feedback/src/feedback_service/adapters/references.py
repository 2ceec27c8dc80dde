"""The feedback service's copies of other services' facts: Actions, activities and deployments it learns from
their events (`action_ref`, `activity_ref`, `deployment_ref`), and the erasure of an expert's notes.

Upserts, so an event arriving again under another id, or a held activity seen before its planning, changes
nothing wrong.
"""

from __future__ import annotations

from datetime import date

from service_core.ports import Sql

_ACTION = """
INSERT INTO action_ref (action_id, code, label, region, thematic_area, authority_id, authority_ids)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (action_id) DO UPDATE SET code = $2, label = $3, region = $4, thematic_area = $5, authority_id = $6,
    authority_ids = $7
"""
_ACTIVITY = """
INSERT INTO activity_ref (activity_id, action_id, activity_type, region, thematic_area, status, starts_on, ends_on)
VALUES ($1, $2, $3, $4, $5, 'PLANNED', $6, $7)
ON CONFLICT (activity_id) DO UPDATE SET activity_type = $3, starts_on = $6, ends_on = $7
"""
_HELD = """
INSERT INTO activity_ref (activity_id, action_id, activity_type, region, thematic_area, status, starts_on, ends_on,
    held_from, held_to, participants_count)
VALUES ($1, $2, $3, $4, $5, 'HELD', $6, $7, $6, $7, $8)
ON CONFLICT (activity_id) DO UPDATE SET status = 'HELD', activity_type = $3, held_from = $6, held_to = $7,
    participants_count = $8
"""
_DEPLOYMENT = """
INSERT INTO deployment_ref (deployment_id, expert_id, activity_id, action_id, status) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (deployment_id) DO UPDATE SET status = $5, activity_id = $3, action_id = $4
"""


_ERASE_EXPERT_NOTES = """
DELETE FROM action_feedback_note n USING action_feedback f
WHERE f.feedback_id = n.feedback_id AND f.source = 'EXPERT' AND f.expert_id = $1
"""


async def note_action(
    sql: Sql, action_id: str, code: str, label: str, region: str, thematic_area: str, authority_ids: list[str]
) -> None:
    await sql.execute(_ACTION, action_id, code, label, region, thematic_area, authority_ids[0], authority_ids)


async def note_action_completed(sql: Sql, action_id: str, completed_on: date) -> None:
    await sql.execute(
        "UPDATE action_ref SET status = 'COMPLETED', completed_on = $2 WHERE action_id = $1", action_id, completed_on
    )


async def note_activity(
    sql: Sql, activity_id: str, action_id: str, kind: str, region: str, area: str, starts_on: date, ends_on: date
) -> None:
    await sql.execute(_ACTIVITY, activity_id, action_id, kind, region, area, starts_on, ends_on)


async def note_activity_replanned(sql: Sql, activity_id: str, kind: str, starts_on: date, ends_on: date) -> None:
    await sql.execute(
        "UPDATE activity_ref SET activity_type = $2, starts_on = $3, ends_on = $4 WHERE activity_id = $1",
        activity_id, kind, starts_on, ends_on,
    )  # fmt: skip


async def note_activity_rescheduled(sql: Sql, activity_id: str, starts_on: date, ends_on: date) -> None:
    await sql.execute(
        "UPDATE activity_ref SET starts_on = $2, ends_on = $3 WHERE activity_id = $1", activity_id, starts_on, ends_on
    )


async def note_activity_cancelled(sql: Sql, activity_id: str) -> None:
    await sql.execute("UPDATE activity_ref SET status = 'CANCELLED' WHERE activity_id = $1", activity_id)


async def note_activity_held(
    sql: Sql, activity_id: str, action_id: str, kind: str, region: str, area: str, held: tuple[date, date], count: int
) -> None:
    await sql.execute(_HELD, activity_id, action_id, kind, region, area, *held, count)


async def note_deployment(
    sql: Sql, deployment_id: str, expert_id: str, activity_id: str, action_id: str, status: str
) -> None:
    await sql.execute(_DEPLOYMENT, deployment_id, expert_id, activity_id, action_id, status)


async def erase_expert_notes(sql: Sql, expert_id: str) -> None:
    await sql.execute(_ERASE_EXPERT_NOTES, expert_id)
