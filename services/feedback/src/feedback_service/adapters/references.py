"""The feedback service's copies of other services' facts: Actions, activities and deployments it learns from
their events (`action_ref`, `activity_ref`, `deployment_ref`), and the erasure of an expert's notes.

Upserts, so an event arriving again under another id, or a held activity seen before its planning, changes
nothing wrong. Written through `Rows`, so the policies run on the in-memory twin too.
"""

from __future__ import annotations

from datetime import date

from service_core.ports import Sql
from service_core.rows import rows_in

from feedback_service.adapters.tables import (
    ACTION_FEEDBACK,
    ACTION_FEEDBACK_NOTE,
    ACTION_REF,
    ACTIVITY_REF,
    DEPLOYMENT_REF,
)


async def note_action(
    sql: Sql, action_id: str, code: str, label: str, region: str, thematic_area: str, authority_ids: list[str]
) -> None:
    row = {"action_id": action_id, "code": code, "label": label, "region": region, "thematic_area": thematic_area,
           "authority_id": authority_ids[0], "authority_ids": authority_ids}  # fmt: skip
    await rows_in(sql).upsert(ACTION_REF, row)


async def note_action_completed(sql: Sql, action_id: str, completed_on: date) -> None:
    changes = {"status": "COMPLETED", "completed_on": completed_on}
    await rows_in(sql).update(ACTION_REF, {"action_id": action_id}, changes)


async def note_activity(
    sql: Sql, activity_id: str, action_id: str, kind: str, region: str, area: str, starts_on: date, ends_on: date
) -> None:
    row = {"activity_id": activity_id, "action_id": action_id, "activity_type": kind, "region": region,
           "thematic_area": area, "status": "PLANNED", "starts_on": starts_on, "ends_on": ends_on}  # fmt: skip
    await rows_in(sql).upsert(ACTIVITY_REF, row, update=("activity_type", "starts_on", "ends_on"))


async def note_activity_replanned(sql: Sql, activity_id: str, kind: str, starts_on: date, ends_on: date) -> None:
    changes = {"activity_type": kind, "starts_on": starts_on, "ends_on": ends_on}
    await rows_in(sql).update(ACTIVITY_REF, {"activity_id": activity_id}, changes)


async def note_activity_rescheduled(sql: Sql, activity_id: str, starts_on: date, ends_on: date) -> None:
    changes = {"starts_on": starts_on, "ends_on": ends_on}
    await rows_in(sql).update(ACTIVITY_REF, {"activity_id": activity_id}, changes)


async def note_activity_cancelled(sql: Sql, activity_id: str) -> None:
    await rows_in(sql).update(ACTIVITY_REF, {"activity_id": activity_id}, {"status": "CANCELLED"})


async def note_activity_held(
    sql: Sql, activity_id: str, action_id: str, kind: str, region: str, area: str, held: tuple[date, date], count: int
) -> None:
    held_from, held_to = held
    row = {"activity_id": activity_id, "action_id": action_id, "activity_type": kind, "region": region,
           "thematic_area": area, "status": "HELD", "starts_on": held_from, "ends_on": held_to,
           "held_from": held_from, "held_to": held_to, "participants_count": count}  # fmt: skip
    update = ("status", "activity_type", "held_from", "held_to", "participants_count")
    await rows_in(sql).upsert(ACTIVITY_REF, row, update=update)


async def note_deployment(
    sql: Sql, deployment_id: str, expert_id: str, activity_id: str, action_id: str, status: str
) -> None:
    row = {"deployment_id": deployment_id, "expert_id": expert_id, "activity_id": activity_id,
           "action_id": action_id, "status": status}  # fmt: skip
    await rows_in(sql).upsert(DEPLOYMENT_REF, row, update=("status", "activity_id", "action_id"))


async def erase_expert_notes(sql: Sql, expert_id: str) -> None:
    rows = rows_in(sql)
    for given in await rows.find(ACTION_FEEDBACK, source="EXPERT", expert_id=expert_id):
        await rows.delete(ACTION_FEEDBACK_NOTE, {"feedback_id": given["feedback_id"]})
