"""Policies: reactions to other services' events, run by the consumer inside its inbox transaction.

`when_action_feedback_submitted_record_it` notes on the Action's own stream that expert or partner
feedback arrived (ActionFeedbackReceived), which completion requires (R13) unless overridden.

`when_request_approved_open_action` opens one Action per approved request, exactly once: the inbox drops a
redelivered event, the Action's id is derived from the request's id (uuid5), and an Action already in the
store is left alone (a replay after the broker came back empty changes nothing, and uses up no code).
"""

from __future__ import annotations

import uuid
from typing import Any

from contracts.base import DomainEvent
from contracts.events.actions import ActionFeedbackReceived, FeedbackSource
from contracts.events.experts import DeploymentCompleted
from contracts.events.feedback import ActionFeedbackSubmitted
from contracts.events.requests import RequestApproved
from service_core.policies import Reaction, When

from actions_service.adapters import opening
from actions_service.adapters.deployments import note_deployed
from actions_service.application.handlers import ACTION, ActionPorts
from actions_service.domain.commands import OpenAction
from actions_service.domain.decide import decide
from actions_service.domain.naming import action_code, action_label, ordinal_scope, phase_of
from actions_service.domain.state import Action

_ACTIONS = uuid.UUID("8f3c2a61-4d0e-5b7f-9a1c-6e2d4b8f0a37")


def action_id_for(request_id: str) -> str:
    """The Action of a request always has the same id."""
    return str(uuid.uuid5(_ACTIONS, request_id))


async def when_request_approved_open_action(approved: RequestApproved, on: Reaction[ActionPorts]) -> None:
    """Open the Action of `approved` in the inbox transaction, unless it is open already."""
    action_id = action_id_for(approved.request_id)
    if not await opening.first_opening(on.uow, action_id):
        return
    scope = ordinal_scope(approved.countries, approved.regional_organisation)
    sequence = await opening.next_code(on.uow, approved.received_on.year)
    ordinal = await opening.next_ordinal(on.uow, scope)
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
        phase=phase_of(approved.approved_on, on.app.ports.current_phase),
        authority_id=approved.authority_id,
        authority_type=approved.authority_type,
        co_requester_ids=approved.co_requester_ids,
        follow_up_of=approved.follow_up_of,
        received_on=approved.received_on,
        approved_on=approved.approved_on,
    )
    now = on.app.now()
    await on.decide(ACTION, action_id, lambda state: decide(state, command, now))


async def when_action_feedback_submitted_record_it(event: ActionFeedbackSubmitted, on: Reaction[ActionPorts]) -> None:
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

    await on.decide(ACTION, event.action_id, record)


async def when_deployment_completed_note_it(event: DeploymentCompleted, on: Reaction[ActionPorts]) -> None:
    """The expert now owes Action-level feedback before the Action completes (R13)."""
    await note_deployed(on.uow, event.action_id, event.expert_id)


POLICIES: tuple[When[Any, ActionPorts], ...] = (
    When(RequestApproved, when_request_approved_open_action),
    When(ActionFeedbackSubmitted, when_action_feedback_submitted_record_it),
    When(DeploymentCompleted, when_deployment_completed_note_it),
)
