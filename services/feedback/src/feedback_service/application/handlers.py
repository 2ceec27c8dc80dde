"""One async handler per command, each one transaction: look up the facts, decide, append, project.

Free text (participants' comments, notes on Action feedback) is written to the service's own tables in the
same transaction as the events, and never into an event.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import asyncpg
from contracts.base import DomainEvent
from contracts.events.feedback import ActionFeedbackSubmitted
from service_core.auth import Principal
from service_core.commands import Aggregate, CommandOutcome, execute_in
from service_core.errors import NotFound
from service_core.observability import current_metadata
from service_core.projections import Projection
from service_core.store.base import ConcurrencyError
from service_core.store.postgres import PostgresEventStore

from feedback_service.adapters.responses import ResponseWriter
from feedback_service.adapters.views import action_facts, activity_facts
from feedback_service.application import access
from feedback_service.domain import errors
from feedback_service.domain.commands import CorrectActionFeedback, RecordParticipantFeedback, SubmitActionFeedback
from feedback_service.domain.decide import (
    correct_action_feedback,
    record_participant_feedback,
    submit_action_feedback,
)
from feedback_service.domain.state import (
    ActionFeedback,
    ParticipantFeedback,
    action_stream,
    evolve_action,
    evolve_participant,
    participant_stream,
)

PARTICIPANT: Aggregate[ParticipantFeedback] = Aggregate(
    "participant-feedback", ParticipantFeedback(), evolve_participant
)
ACTION: Aggregate[ActionFeedback] = Aggregate("action-feedback", ActionFeedback(), evolve_action)
RETRIES = 5  # responses to one activity commute: a concurrent writer's win is simply retried


def new_id() -> str:
    return str(uuid.uuid4())


def _utc_today() -> date:
    return datetime.now(UTC).date()


@dataclass(frozen=True, slots=True)
class Services:
    store: PostgresEventStore
    projections: Sequence[Projection]
    today: Callable[[], date] = field(default=_utc_today)


@dataclass(frozen=True, slots=True)
class Result:
    stream_id: str
    version: int
    position: int  # global store position of the last event appended: a consistency token
    ids: tuple[str, ...] = ()


def _result(stream_id: str, outcome: CommandOutcome[Any], ids: Sequence[str]) -> Result:
    return Result(stream_id, outcome.version, outcome.last_position, tuple(ids))


async def record_participant(services: Services, principal: Principal, command: RecordParticipantFeedback) -> Result:
    """Store the response(s) of `command`, all or none: ratings to `participant_response`, comments to
    `participant_comment` (neither in the event). Only programme managers enter responses (access.py)."""
    access.check_may_enter_participant_feedback(principal)
    today = services.today()
    stream = participant_stream(command.activity_id)
    for attempt in range(RETRIES):
        try:
            async with services.store.transaction() as tx:
                found = await activity_facts(tx.connection, command.activity_id)
                facts = found[0] if found else None
                run = RecordParticipantFeedback(
                    command.activity_id, facts, command.responses, command.channel, command.batch_id
                )

                def decide(state: ParticipantFeedback, run: RecordParticipantFeedback = run) -> list[DomainEvent]:
                    return record_participant_feedback(state, run, today)

                projections = [*services.projections, ResponseWriter(command.responses)]
                outcome = await execute_in(
                    tx, PARTICIPANT, stream, decide, projections=projections, metadata=current_metadata()
                )
                comments = [(r.response_id, command.activity_id, r.comment) for r in command.responses if r.comment]
                if comments:
                    await tx.connection.executemany(
                        "INSERT INTO participant_comment (response_id, activity_id, comment) VALUES ($1, $2, $3)",
                        comments,
                    )
                return _result(stream, outcome, [r.response_id for r in command.responses])
        except ConcurrencyError as exc:
            if attempt == RETRIES - 1:
                raise errors.Refused(errors.CONCURRENT_MODIFICATION, str(exc), "activity_id") from exc
    raise AssertionError("unreachable")


async def submit_action(services: Services, principal: Principal, command: SubmitActionFeedback) -> Result:
    """Expert or partner feedback on an Action (R13); the giver is checked against the token."""
    today = services.today()
    stream = action_stream(command.action_id)
    try:
        async with services.store.transaction() as tx:
            found = await action_facts(tx.connection, command.action_id)
            if found is None:
                raise NotFound("action", command.action_id)
            facts, where = found
            expert_id, on_behalf = access.action_feedback_giver(
                principal, command.action_id, where, facts.authority_id, command.source, command.expert_id
            )
            run = SubmitActionFeedback(
                command.action_id, facts, command.feedback_id, command.source, expert_id, command.ratings,
                command.capacity_levels_reached, command.good_practice_features, command.given_on, on_behalf,
            )  # fmt: skip
            outcome = await execute_in(
                tx,
                ACTION,
                stream,
                lambda state: submit_action_feedback(state, run, today),
                projections=services.projections,
                metadata=current_metadata(),
            )
            await _keep_note(tx.connection, command.feedback_id, command.action_id, command.note)
            return _result(stream, outcome, [command.feedback_id])
    except ConcurrencyError as exc:
        raise errors.Refused(errors.CONCURRENT_MODIFICATION, str(exc), "action_id") from exc


async def correct_action(services: Services, principal: Principal, command: CorrectActionFeedback) -> Result:
    """Replace an Action feedback as a whole; allowed to whoever may give it (the expert, the partner, staff)."""
    today = services.today()
    stream = action_stream(command.action_id)
    async with services.store.transaction() as tx:
        found = await action_facts(tx.connection, command.action_id)
        history = await tx.load(stream)
        submitted = [r.event for r in history if isinstance(r.event, ActionFeedbackSubmitted)]
        given = next((e for e in submitted if e.feedback_id == command.feedback_id), None)
        if found is None or given is None:
            raise NotFound("action feedback", command.feedback_id)
        facts, where = found
        access.action_feedback_giver(
            principal, command.action_id, where, facts.authority_id, given.source, given.expert_id
        )
        outcome = await execute_in(
            tx,
            ACTION,
            stream,
            lambda state: correct_action_feedback(state, command, today),
            projections=services.projections,
            metadata=current_metadata(),
        )
        await _keep_note(tx.connection, command.feedback_id, command.action_id, command.note)
        return _result(stream, outcome, [command.feedback_id])


async def _keep_note(conn: asyncpg.Connection, feedback_id: str, action_id: str, note: str | None) -> None:
    if note is None:
        return
    await conn.execute(
        """INSERT INTO action_feedback_note (feedback_id, action_id, note) VALUES ($1, $2, $3)
           ON CONFLICT (feedback_id) DO UPDATE SET note = $3, updated_at = now()""",
        feedback_id,
        action_id,
        note,
    )
