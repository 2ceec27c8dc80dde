"""Policies: reactions to other services' events, run by the consumer inside its inbox transaction.

`when_action_feedback_submitted_record_it` notes on the Action's own stream that expert or partner
feedback arrived (ActionFeedbackReceived), which completion requires (R13) unless overridden.

`when_request_approved_open_action` opens one Action per approved request, exactly once: the inbox drops a
redelivered event, the Action's id is derived from the request's id (uuid5), and an Action already in the
store is left alone (a replay after the broker came back empty changes nothing, and uses up no code).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import asyncpg
from contracts.base import DomainEvent
from contracts.events.actions import ActionFeedbackReceived, FeedbackSource, Phase
from contracts.events.experts import DeploymentCompleted
from contracts.events.feedback import ActionFeedbackSubmitted
from contracts.events.requests import RequestApproved
from contracts.registry import EventRegistry
from service_core.commands import execute_in
from service_core.consumer import Handler, ReceivedEvent
from service_core.projections import Projection
from service_core.store.base import EventMetadata
from service_core.store.postgres import PostgresTransaction

from actions_service.adapters.deployments import note_deployed
from actions_service.application.handlers import ACTION
from actions_service.domain.commands import OpenAction
from actions_service.domain.decide import decide
from actions_service.domain.naming import action_code, action_label, ordinal_scope, phase_of
from actions_service.domain.state import Action

_ACTIONS = uuid.UUID("8f3c2a61-4d0e-5b7f-9a1c-6e2d4b8f0a37")
# Row locks on the counters serialise concurrent openings: two Actions never get the same code or ordinal.
_NEXT_CODE = """
INSERT INTO action_code_sequence (year, last) VALUES ($1, 1)
ON CONFLICT (year) DO UPDATE SET last = action_code_sequence.last + 1 RETURNING last
"""
_NEXT_ORDINAL = """
INSERT INTO action_ordinals (scope, last) VALUES ($1, 1)
ON CONFLICT (scope) DO UPDATE SET last = action_ordinals.last + 1 RETURNING last
"""


def action_id_for(request_id: str) -> str:
    """The Action of a request always has the same id."""
    return str(uuid.uuid5(_ACTIONS, request_id))


async def open_action_for(
    conn: asyncpg.Connection,
    approved: RequestApproved,
    *,
    registry: EventRegistry,
    projections: Sequence[Projection],
    current_phase: Phase,
    metadata: EventMetadata | None = None,
) -> bool:
    """Open the Action of `approved` in the caller's transaction; False when it was already open."""
    action_id = action_id_for(approved.request_id)
    # Two deliveries of one approval racing (different inbox ids, say) queue here, then see the first one.
    await conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))", action_id)
    if await conn.fetchval("SELECT 1 FROM events WHERE stream_id = $1 LIMIT 1", action_id):
        return False
    scope = ordinal_scope(approved.countries, approved.regional_organisation)
    sequence = await conn.fetchval(_NEXT_CODE, approved.received_on.year)
    ordinal = await conn.fetchval(_NEXT_ORDINAL, scope)
    command = OpenAction(
        action_id=action_id,
        request_id=approved.request_id,
        code=action_code(approved.received_on.year, sequence),
        ordinal=ordinal,
        ordinal_scope=scope,
        label=action_label(scope, ordinal),
        region=approved.region,
        countries=approved.countries,
        regional_organisation=approved.regional_organisation,
        thematic_area=approved.thematic_area,
        topic=approved.topic,
        phase=phase_of(approved.approved_on, current_phase),
        authority_id=approved.authority_id,
        authority_type=approved.authority_type,
        co_requester_ids=approved.co_requester_ids,
        follow_up_of=approved.follow_up_of,
        received_on=approved.received_on,
        approved_on=approved.approved_on,
    )
    now = datetime.now(UTC)
    tx = PostgresTransaction(conn, registry)
    outcome = await execute_in(
        tx, ACTION, action_id, lambda state: decide(state, command, now), projections=projections, metadata=metadata
    )
    return bool(outcome.recorded)


def when_request_approved_open_action(
    registry: EventRegistry, projections: Sequence[Projection], current_phase: Phase
) -> Handler:
    async def handle(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
        event = received.event
        assert isinstance(event, RequestApproved)
        metadata = EventMetadata(
            correlation_id=received.envelope.correlation_id or event.request_id,
            causation_id=received.envelope.id,
            traceparent=received.envelope.traceparent,
            actor="policy:when_request_approved_open_action",
        )
        await open_action_for(
            conn, event, registry=registry, projections=projections, current_phase=current_phase, metadata=metadata
        )

    return handle


def when_action_feedback_submitted_record_it(registry: EventRegistry, projections: Sequence[Projection]) -> Handler:
    async def handle(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
        event = received.event
        assert isinstance(event, ActionFeedbackSubmitted)
        metadata = EventMetadata(
            correlation_id=received.envelope.correlation_id or event.action_id,
            causation_id=received.envelope.id,
            traceparent=received.envelope.traceparent,
            actor="policy:when_action_feedback_submitted_record_it",
        )

        def record(state: Action) -> list[DomainEvent]:
            if not state.exists:
                return []  # feedback on an Action this service never opened: nothing to note
            already = (
                event.expert_id in state.experts_with_feedback
                if event.source is FeedbackSource.EXPERT
                else state.partner_feedback_received
            )
            if already:
                return []
            return [
                ActionFeedbackReceived(
                    action_id=event.action_id,
                    source=event.source,
                    feedback_id=event.feedback_id,
                    received_on=event.given_on,
                    expert_id=event.expert_id if event.source is FeedbackSource.EXPERT else None,
                )
            ]

        tx = PostgresTransaction(conn, registry)
        await execute_in(tx, ACTION, event.action_id, record, projections=projections, metadata=metadata)

    return handle


async def when_deployment_completed_note_it(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
    """The expert now owes Action-level feedback before the Action completes (R13)."""
    event = received.event
    assert isinstance(event, DeploymentCompleted)
    await note_deployed(conn, event.action_id, event.expert_id)
