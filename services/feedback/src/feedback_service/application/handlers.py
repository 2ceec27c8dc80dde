"""The feedback service's command handlers, one signature (service_core.application), listed in COMMANDS;
each is one transaction: look up the facts, decide, append, project.

Free text (participants' comments, notes on Action feedback) is written to the service's own tables in the
same transaction as the events, and never into an event.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contracts.events.feedback import ActionFeedbackSubmitted
from service_core.application import Application, Handler, Result
from service_core.auth import Principal
from service_core.commands import Aggregate
from service_core.errors import NotFound
from service_core.ports import UnitOfWork

from feedback_service.adapters.responses import ResponseWriter, keep_comments, keep_note
from feedback_service.adapters.views import action_facts, activity_facts
from feedback_service.application import access
from feedback_service.application.evaluations import record_evaluation
from feedback_service.domain.commands import CorrectActionFeedback, RecordParticipantFeedback, SubmitActionFeedback
from feedback_service.domain.decide import (
    correct_action_feedback,
    record_participant_feedback,
    submit_action_feedback,
)
from feedback_service.domain.evaluations import RecordExternalEvaluation
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
App = Application[None]  # the feedback service needs no port beyond the store


async def record_participant(app: App, command: RecordParticipantFeedback, principal: Principal) -> Result:
    """Store the response(s) of `command`, all or none: ratings to `participant_response`, comments to
    `participant_comment` (neither in the event). Only programme managers enter responses (access.py).
    Responses to one activity commute: a concurrent writer's win is simply decided again."""
    access.check_may_enter_participant_feedback(principal)
    today = app.today()
    stream = participant_stream(command.activity_id)

    async def work(uow: UnitOfWork) -> Result:
        found = await activity_facts(uow, command.activity_id)
        run = RecordParticipantFeedback(
            command.activity_id, found[0] if found else None, command.responses, command.channel, command.batch_id
        )
        outcome = await app.decide(
            uow,
            PARTICIPANT,
            stream,
            lambda state: record_participant_feedback(state, run, today),
            extra=[ResponseWriter(command.responses)],
        )
        await keep_comments(uow, command.activity_id, command.responses)
        return Result.of(stream, outcome)

    return await app.transaction(work)


async def submit_action(app: App, command: SubmitActionFeedback, principal: Principal) -> Result:
    """Expert or partner feedback on an Action (R13); the giver is checked against the token."""
    today = app.today()
    stream = action_stream(command.action_id)

    async def work(uow: UnitOfWork) -> Result:
        found = await action_facts(uow, command.action_id)
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
        outcome = await app.decide(uow, ACTION, stream, lambda state: submit_action_feedback(state, run, today))
        await keep_note(uow, command.feedback_id, command.action_id, command.note, app.now())
        return Result.of(stream, outcome, feedback_id=command.feedback_id)

    return await app.transaction(work)


async def correct_action(app: App, command: CorrectActionFeedback, principal: Principal) -> Result:
    """Replace an Action feedback as a whole; allowed to whoever may give it (the expert, the partner, staff)."""
    today = app.today()
    stream = action_stream(command.action_id)

    async def work(uow: UnitOfWork) -> Result:
        found = await action_facts(uow, command.action_id)
        history = await uow.load(stream)
        submitted = [r.event for r in history if isinstance(r.event, ActionFeedbackSubmitted)]
        given = next((e for e in submitted if e.feedback_id == command.feedback_id), None)
        if found is None or given is None:
            raise NotFound("action feedback", command.feedback_id)
        facts, where = found
        access.action_feedback_giver(
            principal, command.action_id, where, facts.authority_id, given.source, given.expert_id
        )
        outcome = await app.decide(uow, ACTION, stream, lambda state: correct_action_feedback(state, command, today))
        await keep_note(uow, command.feedback_id, command.action_id, command.note, app.now())
        return Result.of(stream, outcome, feedback_id=command.feedback_id)

    return await app.transaction(work, expected_version=command.expected_version)


COMMANDS: Mapping[type[Any], Handler[None, Any]] = {
    RecordParticipantFeedback: record_participant,
    SubmitActionFeedback: submit_action,
    CorrectActionFeedback: correct_action,
    RecordExternalEvaluation: record_evaluation,
}
