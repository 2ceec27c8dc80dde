"""Projection: `action_view` (one row per Action, its Fiche), `activity_view`, `deliverable_view`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import asyncpg
from contracts.base import DomainEvent
from contracts.events.actions import (
    ActionClassified,
    ActionCompleted,
    ActionFicheAgreed,
    ActionFicheDrafted,
    ActionFicheEndorsed,
    ActionFollowUpRecorded,
    ActionLaunched,
    ActionLessonRecorded,
    ActionOpened,
    ActionOutcomeRecorded,
    ActionReplicationRecorded,
    ComplementaryActorRecorded,
)
from service_core.store.base import RecordedEvent

from actions_service.domain.activities import LAUNCH_WITHIN_DAYS
from actions_service.projections import activity_rows

_INSERT = """
INSERT INTO action_view (
    id, request_id, code, ordinal, ordinal_scope, label, region, countries, regional_organisation, thematic_area,
    topic, phase, authority_id, authority_type, authority_ids, co_requester_ids, follow_up_of, received_on,
    approved_on, launch_due_on, status, version, opened_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
        'IN_PREPARATION', $21, $22, $22)
"""
_FICHE = """
UPDATE action_view SET fiche = coalesce(fiche, '{}'::jsonb) || $2::jsonb, version = $3, updated_at = $4
WHERE id = $1
"""
_LAUNCHED = """
UPDATE action_view SET status = 'ONGOING', launched_on = $2, first_activity_id = $3, version = $4, updated_at = $5
WHERE id = $1
"""
_CLASSIFIED = """
UPDATE action_view SET topics = $2, cross_cutting = $3, version = $4, updated_at = $5 WHERE id = $1
"""
# Records that only ever add to a list of the Action (a jsonb array column each). The newer kinds keep the
# whole event, so the HTTP view of a follow-up is the contract's own model; lessons and outcomes predate that.
_APPENDED_TO: dict[type[DomainEvent], str] = {
    ActionLessonRecorded: "lessons",
    ActionOutcomeRecorded: "outcomes",
    ActionFollowUpRecorded: "follow_ups",
    ActionReplicationRecorded: "replications",
    ComplementaryActorRecorded: "complementary_actors",
}
_APPEND = {
    column: f"UPDATE action_view SET {column} = {column} || $2::jsonb, version = $3, updated_at = $4 WHERE id = $1"
    for column in _APPENDED_TO.values()
}
_COMPLETED = """
UPDATE action_view SET status = 'COMPLETED', completed_on = $2, override_reason = $3, version = $4, updated_at = $5
WHERE id = $1
"""


class ActionView:
    """Owns the three read-model tables of the service (a rebuild empties and refills them)."""

    tables: tuple[str, ...] = ("action_view", "activity_view", "deliverable_view")

    async def apply(self, connection: asyncpg.Connection, events: Sequence[RecordedEvent]) -> None:
        for recorded in events:
            if not await _apply_action(connection, recorded):
                await activity_rows.apply(connection, recorded)


async def _apply_action(conn: asyncpg.Connection, recorded: RecordedEvent) -> bool:
    """Events of the Action itself; False for events of its activities and deliverables."""
    event, at, version = recorded.event, recorded.recorded_at, recorded.version
    if type(event) in _APPENDED_TO:
        await _append(conn, recorded)
        return True
    match event:
        case ActionOpened():
            due = event.approved_on + timedelta(days=LAUNCH_WITHIN_DAYS)
            await conn.execute(
                _INSERT,
                event.action_id,
                event.request_id,
                event.code,
                event.ordinal,
                event.ordinal_scope,
                event.label,
                str(event.region),
                list(event.countries),
                event.regional_organisation,
                str(event.thematic_area),
                event.topic,
                str(event.phase),
                event.authority_id,
                str(event.authority_type) if event.authority_type else None,
                [event.authority_id, *event.co_requester_ids],
                list(event.co_requester_ids),
                event.follow_up_of,
                event.received_on,
                event.approved_on,
                due,
                version,
                at,
            )
        case ActionFicheDrafted():
            fiche = event.model_dump(mode="json", exclude={"action_id"})
            await conn.execute(_FICHE, event.action_id, {**fiche, "status": "DRAFTED"}, version, at)
        case ActionFicheAgreed():
            agreed = {
                "status": "AGREED",
                "agreed_revision": event.revision,
                "agreed_on": event.agreed_on.isoformat(),
                "parties": [str(p) for p in event.parties],
            }
            await conn.execute(_FICHE, event.action_id, agreed, version, at)
        case ActionFicheEndorsed():
            endorsed = {"endorsed_revision": event.revision, "endorsed_on": event.endorsed_on.isoformat()}
            await conn.execute(_FICHE, event.action_id, endorsed, version, at)
        case ActionLaunched():
            await conn.execute(_LAUNCHED, event.action_id, event.launched_on, event.first_activity_id, version, at)
        case ActionClassified():
            issues = [str(i) for i in event.cross_cutting]
            await conn.execute(_CLASSIFIED, event.action_id, list(event.topics), issues, version, at)
        case ActionCompleted():
            await conn.execute(_COMPLETED, event.action_id, event.completed_on, event.override_reason, version, at)
        case _:
            return False
    return True


async def _append(conn: asyncpg.Connection, recorded: RecordedEvent) -> None:
    event = recorded.event
    trimmed = {"action_id"} if isinstance(event, ActionLessonRecorded | ActionOutcomeRecorded) else set()
    item = event.model_dump(mode="json", exclude=trimmed)
    column = _APPENDED_TO[type(event)]
    await conn.execute(_APPEND[column], recorded.stream_id, [item], recorded.version, recorded.recorded_at)
