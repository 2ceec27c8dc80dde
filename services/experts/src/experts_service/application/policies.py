"""Policies: reactions to the actions service's events (and the requests service's focal points), run by the
consumer inside its inbox transaction.

The inbox drops a redelivered event; beyond that every policy is idempotent on its own: the local rows are
upserts, and the deployment commands decide nothing when the deployments are already moved, completed or
cancelled. Deployment changes go to each affected expert's stream in the same transaction; a concurrent
command on one of those streams fails the transaction and the consumer retries the message.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from contracts.base import DomainEvent
from contracts.events.actions import (
    ActionOpened,
    ActivityCancelled,
    ActivityHeld,
    ActivityPlanned,
    ActivityReplanned,
    ActivityRescheduled,
)
from contracts.events.requests import FocalPointNominated, FocalPointPersonalDataErased, FocalPointReplaced
from service_core.policies import Reaction, When

from experts_service.adapters import activities, focal_points
from experts_service.application.handlers import EXPERT
from experts_service.domain.commands import (
    CancelDeploymentsOfActivity,
    Command,
    CompleteDeployments,
    RescheduleDeployments,
)
from experts_service.domain.decide import decide
from experts_service.domain.state import Expert

On = Reaction[None]


async def _on_each_expert(on: On, activity_id: str, command_for: Callable[[str], Command]) -> None:
    """Run `command_for(expert_id)` on the stream of every expert with an open deployment on the activity."""
    now = on.app.now()
    for expert_id in await activities.experts_on_activity(on.uow, activity_id):
        command = command_for(expert_id)

        def run(state: Expert, command: Command = command) -> Sequence[DomainEvent]:
            return decide(state, command, now)

        await on.decide(EXPERT, expert_id, run)


async def when_action_opened_record_action(event: ActionOpened, on: On) -> None:
    await activities.record_action(on.uow, event)


async def when_activity_planned_record_activity(event: ActivityPlanned, on: On) -> None:
    await activities.record_activity(on.uow, event)


async def when_activity_moved_reschedule_deployments(event: ActivityRescheduled | ActivityReplanned, on: On) -> None:
    """ActivityRescheduled and ActivityReplanned: new dates for the activity and its open deployments."""
    kind = str(event.activity_type) if isinstance(event, ActivityReplanned) else None
    if not await activities.move_activity(on.uow, event.activity_id, event.starts_on, event.ends_on, kind):
        return
    today = on.app.today()
    await _on_each_expert(
        on, event.activity_id,
        lambda expert_id: RescheduleDeployments(expert_id, event.activity_id, event.starts_on, event.ends_on, today),
    )  # fmt: skip


async def when_activity_cancelled_cancel_deployments(event: ActivityCancelled, on: On) -> None:
    if not await activities.close_activity(on.uow, event.activity_id, "CANCELLED", cancelled_on=event.cancelled_on):
        return
    await _on_each_expert(
        on, event.activity_id,
        lambda expert_id: CancelDeploymentsOfActivity(expert_id, event.activity_id, event.cancelled_on),
    )  # fmt: skip


async def when_activity_held_complete_deployments(event: ActivityHeld, on: On) -> None:
    closed = await activities.close_activity(
        on.uow, event.activity_id, "HELD", held_from=event.held_from, held_to=event.held_to
    )
    if not closed:
        return
    await _on_each_expert(
        on, event.activity_id,
        lambda expert_id: CompleteDeployments(expert_id, event.activity_id, event.held_from, event.held_to,
                                              event.held_to),
    )  # fmt: skip


async def when_focal_point_nominated_record_it(event: FocalPointNominated, on: On) -> None:
    await focal_points.record_known(on.uow, event.focal_point_id, event.request_id, event.authority_id, str(event.kind))


async def when_focal_point_replaced_record_the_replacement(event: FocalPointReplaced, on: On) -> None:
    await focal_points.record_known(on.uow, event.replacement_id, event.request_id, event.authority_id, str(event.kind))


async def when_focal_point_erased_forget_it(event: FocalPointPersonalDataErased, on: On) -> None:
    """The person asked to be forgotten as a focal point: the link to an expert is no longer shown."""
    await focal_points.forget(on.uow, event.focal_point_id)


POLICIES: tuple[When[Any, None], ...] = (
    When(ActionOpened, when_action_opened_record_action),
    When(ActivityPlanned, when_activity_planned_record_activity),
    When(ActivityRescheduled, when_activity_moved_reschedule_deployments),
    When(ActivityReplanned, when_activity_moved_reschedule_deployments),
    When(ActivityCancelled, when_activity_cancelled_cancel_deployments),
    When(ActivityHeld, when_activity_held_complete_deployments),
    When(FocalPointNominated, when_focal_point_nominated_record_it),
    When(FocalPointReplaced, when_focal_point_replaced_record_the_replacement),
    When(FocalPointPersonalDataErased, when_focal_point_erased_forget_it),
)
