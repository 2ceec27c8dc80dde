"""Policies: what the feedback service learns from the actions and experts services' events.

Each runs in the consumer's inbox transaction (applied once). They keep three local tables: Actions
(region, thematic area, partner authority, completion), activities (planned, held, cancelled, dates) and
deployments (which expert is confirmed or deployed on which activity of which Action). Upserts, so an
event arriving again under another id, or a held activity seen before its planning, changes nothing wrong.
An expert's erasure deletes the notes the expert wrote on its Action feedback (free text, possibly with its
name and contact); the ratings stay, under the expert's id, as the roster keeps the erased expert's id.
"""

from __future__ import annotations

from collections.abc import Mapping

import asyncpg
from contracts.base import DomainEvent
from contracts.events.actions import (
    ActionCompleted,
    ActionOpened,
    ActivityCancelled,
    ActivityHeld,
    ActivityPlanned,
    ActivityReplanned,
    ActivityRescheduled,
)
from contracts.events.experts import (
    DeploymentCancelled,
    DeploymentCompleted,
    DeploymentConfirmed,
    DeploymentDeclined,
    DeploymentFacts,
    ExpertPersonalDataErased,
)
from service_core.consumer import Handler, ReceivedEvent

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


async def when_action_opened_note_it(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
    e = received.event
    assert isinstance(e, ActionOpened)
    authorities = [e.authority_id, *e.co_requester_ids]
    await conn.execute(
        _ACTION, e.action_id, e.code, e.label, str(e.region), str(e.thematic_area), e.authority_id, authorities
    )


async def when_action_completed_note_it(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
    e = received.event
    assert isinstance(e, ActionCompleted)
    await conn.execute(
        "UPDATE action_ref SET status = 'COMPLETED', completed_on = $2 WHERE action_id = $1",
        e.action_id,
        e.completed_on,
    )


async def when_activity_planned_note_it(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
    e = received.event
    assert isinstance(e, ActivityPlanned)
    await conn.execute(
        _ACTIVITY,
        e.activity_id, e.action_id, str(e.activity_type), str(e.region), str(e.thematic_area), e.starts_on, e.ends_on,
    )  # fmt: skip


async def when_activity_changed_note_it(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
    e = received.event
    if isinstance(e, ActivityReplanned):
        await conn.execute(
            "UPDATE activity_ref SET activity_type = $2, starts_on = $3, ends_on = $4 WHERE activity_id = $1",
            e.activity_id, str(e.activity_type), e.starts_on, e.ends_on,
        )  # fmt: skip
    elif isinstance(e, ActivityRescheduled):
        await conn.execute(
            "UPDATE activity_ref SET starts_on = $2, ends_on = $3 WHERE activity_id = $1",
            e.activity_id, e.starts_on, e.ends_on,
        )  # fmt: skip
    elif isinstance(e, ActivityCancelled):
        await conn.execute("UPDATE activity_ref SET status = 'CANCELLED' WHERE activity_id = $1", e.activity_id)


async def when_activity_held_accept_feedback(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
    """From now on participant feedback on the activity is accepted (R12)."""
    e = received.event
    assert isinstance(e, ActivityHeld)
    await conn.execute(
        _HELD,
        e.activity_id, e.action_id, str(e.activity_type), str(e.region), str(e.thematic_area), e.held_from,
        e.held_to, e.participants_count,
    )  # fmt: skip


_DEPLOYMENT_STATUS: Mapping[type[DomainEvent], str] = {
    DeploymentConfirmed: "CONFIRMED",
    DeploymentCompleted: "COMPLETED",
    DeploymentCancelled: "CANCELLED",
    DeploymentDeclined: "DECLINED",
}


async def when_deployment_changed_note_it(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
    """Which experts may give feedback on an Action: those confirmed or deployed on one of its activities."""
    e = received.event
    assert isinstance(e, DeploymentFacts)
    status = _DEPLOYMENT_STATUS[type(e)]
    await conn.execute(_DEPLOYMENT, e.deployment_id, e.expert_id, e.activity_id, e.action_id, status)


_ERASE_EXPERT_NOTES = """
DELETE FROM action_feedback_note n USING action_feedback f
WHERE f.feedback_id = n.feedback_id AND f.source = 'EXPERT' AND f.expert_id = $1
"""


async def when_expert_erased_delete_its_notes(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
    """The right to erasure reaches this service too: the erased expert's Action-feedback notes go."""
    e = received.event
    assert isinstance(e, ExpertPersonalDataErased)
    await conn.execute(_ERASE_EXPERT_NOTES, e.expert_id)


POLICIES: Mapping[type[DomainEvent], Handler] = {
    ActionOpened: when_action_opened_note_it,
    ActionCompleted: when_action_completed_note_it,
    ActivityPlanned: when_activity_planned_note_it,
    ActivityReplanned: when_activity_changed_note_it,
    ActivityRescheduled: when_activity_changed_note_it,
    ActivityCancelled: when_activity_changed_note_it,
    ActivityHeld: when_activity_held_accept_feedback,
    **dict.fromkeys(_DEPLOYMENT_STATUS, when_deployment_changed_note_it),
    ExpertPersonalDataErased: when_expert_erased_delete_its_notes,
}
