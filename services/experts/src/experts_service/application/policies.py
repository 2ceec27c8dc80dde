"""Policies: reactions to the actions service's events, run by the consumer inside its inbox transaction.

The inbox drops a redelivered event; beyond that every policy is idempotent on its own: the local rows are
upserts, and the deployment commands decide nothing when the deployments are already moved, completed or
cancelled. Deployment changes go to each affected expert's stream in the same transaction; a concurrent
command on one of those streams fails the transaction and the consumer retries the message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime

import asyncpg
from contracts.base import DomainEvent
from contracts.events.actions import (
    ActionOpened,
    ActivityCancelled,
    ActivityHeld,
    ActivityPlanned,
    ActivityReplanned,
    ActivityRescheduled,
)
from contracts.registry import EventRegistry
from service_core.commands import execute_in
from service_core.consumer import Handler, ReceivedEvent
from service_core.projections import Projection
from service_core.store.base import EventMetadata
from service_core.store.postgres import PostgresTransaction

from experts_service.adapters import activities
from experts_service.application.handlers import EXPERT
from experts_service.domain.commands import (
    CancelDeploymentsOfActivity,
    Command,
    CompleteDeployments,
    RescheduleDeployments,
)
from experts_service.domain.decide import decide
from experts_service.domain.state import Expert


def _metadata(received: ReceivedEvent, name: str) -> EventMetadata:
    return EventMetadata(
        correlation_id=received.envelope.correlation_id or received.key,
        causation_id=received.envelope.id,
        traceparent=received.envelope.traceparent,
        actor=f"policy:{name}",
    )


async def _on_each_expert(
    conn: asyncpg.Connection,
    registry: EventRegistry,
    projections: Sequence[Projection],
    activity_id: str,
    command_for: Callable[[str], Command],
    metadata: EventMetadata,
) -> None:
    """Run `command_for(expert_id)` on the stream of every expert with an open deployment on the activity."""
    now = datetime.now(UTC)
    tx = PostgresTransaction(conn, registry)
    for expert_id in await activities.experts_on_activity(conn, activity_id):
        command = command_for(expert_id)

        def run(state: Expert, command: Command = command) -> Sequence[DomainEvent]:
            return decide(state, command, now)

        await execute_in(tx, EXPERT, expert_id, run, projections=projections, metadata=metadata)


def when_action_opened_record_action() -> Handler:
    async def handle(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
        assert isinstance(received.event, ActionOpened)
        await activities.record_action(conn, received.event)

    return handle


def when_activity_planned_record_activity() -> Handler:
    async def handle(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
        assert isinstance(received.event, ActivityPlanned)
        await activities.record_activity(conn, received.event)

    return handle


def when_activity_moved_reschedule_deployments(registry: EventRegistry, projections: Sequence[Projection]) -> Handler:
    """ActivityRescheduled and ActivityReplanned: new dates for the activity and its open deployments."""

    async def handle(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
        event = received.event
        assert isinstance(event, ActivityRescheduled | ActivityReplanned)
        kind = str(event.activity_type) if isinstance(event, ActivityReplanned) else None
        if not await activities.move_activity(conn, event.activity_id, event.starts_on, event.ends_on, kind):
            return
        today = datetime.now(UTC).date()
        await _on_each_expert(
            conn, registry, projections, event.activity_id,
            lambda expert_id: RescheduleDeployments(expert_id, event.activity_id, event.starts_on, event.ends_on, today),
            _metadata(received, "when_activity_moved_reschedule_deployments"),
        )  # fmt: skip

    return handle


def when_activity_cancelled_cancel_deployments(registry: EventRegistry, projections: Sequence[Projection]) -> Handler:
    async def handle(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
        event = received.event
        assert isinstance(event, ActivityCancelled)
        if not await activities.close_activity(conn, event.activity_id, "CANCELLED", cancelled_on=event.cancelled_on):
            return
        await _on_each_expert(
            conn, registry, projections, event.activity_id,
            lambda expert_id: CancelDeploymentsOfActivity(expert_id, event.activity_id, event.cancelled_on),
            _metadata(received, "when_activity_cancelled_cancel_deployments"),
        )  # fmt: skip

    return handle


def when_activity_held_complete_deployments(registry: EventRegistry, projections: Sequence[Projection]) -> Handler:
    async def handle(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
        event = received.event
        assert isinstance(event, ActivityHeld)
        closed = await activities.close_activity(
            conn, event.activity_id, "HELD", held_from=event.held_from, held_to=event.held_to
        )
        if not closed:
            return
        await _on_each_expert(
            conn, registry, projections, event.activity_id,
            lambda expert_id: CompleteDeployments(expert_id, event.activity_id, event.held_from, event.held_to,
                                                  event.held_to),
            _metadata(received, "when_activity_held_complete_deployments"),
        )  # fmt: skip

    return handle


def policies(registry: EventRegistry, projections: Sequence[Projection]) -> Mapping[type[DomainEvent], Handler]:
    moved = when_activity_moved_reschedule_deployments(registry, projections)
    return {
        ActionOpened: when_action_opened_record_action(),
        ActivityPlanned: when_activity_planned_record_activity(),
        ActivityRescheduled: moved,
        ActivityReplanned: moved,
        ActivityCancelled: when_activity_cancelled_cancel_deployments(registry, projections),
        ActivityHeld: when_activity_held_complete_deployments(registry, projections),
    }
