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
from typing import Any

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
from service_core.policies import Reaction, When

from feedback_service.adapters import references

On = Reaction[None]


async def when_action_opened_note_it(e: ActionOpened, on: On) -> None:
    authorities = [e.authority_id, *e.co_requester_ids]
    await references.note_action(on.uow, e.action_id, e.code, e.label, str(e.region), str(e.thematic_area), authorities)


async def when_action_completed_note_it(e: ActionCompleted, on: On) -> None:
    await references.note_action_completed(on.uow, e.action_id, e.completed_on)


async def when_activity_planned_note_it(e: ActivityPlanned, on: On) -> None:
    await references.note_activity(
        on.uow, e.activity_id, e.action_id, str(e.activity_type), str(e.region), str(e.thematic_area), e.starts_on,
        e.ends_on,
    )  # fmt: skip


async def when_activity_replanned_note_it(e: ActivityReplanned, on: On) -> None:
    await references.note_activity_replanned(on.uow, e.activity_id, str(e.activity_type), e.starts_on, e.ends_on)


async def when_activity_rescheduled_note_it(e: ActivityRescheduled, on: On) -> None:
    await references.note_activity_rescheduled(on.uow, e.activity_id, e.starts_on, e.ends_on)


async def when_activity_cancelled_note_it(e: ActivityCancelled, on: On) -> None:
    await references.note_activity_cancelled(on.uow, e.activity_id)


async def when_activity_held_accept_feedback(e: ActivityHeld, on: On) -> None:
    """From now on participant feedback on the activity is accepted (R12)."""
    await references.note_activity_held(
        on.uow, e.activity_id, e.action_id, str(e.activity_type), str(e.region), str(e.thematic_area),
        (e.held_from, e.held_to), e.participants_count,
    )  # fmt: skip


_DEPLOYMENT_STATUS: Mapping[type[DomainEvent], str] = {
    DeploymentConfirmed: "CONFIRMED",
    DeploymentCompleted: "COMPLETED",
    DeploymentCancelled: "CANCELLED",
    DeploymentDeclined: "DECLINED",
}


async def when_deployment_changed_note_it(e: DeploymentFacts, on: On) -> None:
    """Which experts may give feedback on an Action: those confirmed or deployed on one of its activities."""
    status = _DEPLOYMENT_STATUS[type(e)]
    await references.note_deployment(on.uow, e.deployment_id, e.expert_id, e.activity_id, e.action_id, status)


async def when_expert_erased_delete_its_notes(e: ExpertPersonalDataErased, on: On) -> None:
    """The right to erasure reaches this service too: the erased expert's Action-feedback notes go."""
    await references.erase_expert_notes(on.uow, e.expert_id)


POLICIES: tuple[When[Any, None], ...] = (
    When(ActionOpened, when_action_opened_note_it),
    When(ActionCompleted, when_action_completed_note_it),
    When(ActivityPlanned, when_activity_planned_note_it),
    When(ActivityReplanned, when_activity_replanned_note_it),
    When(ActivityRescheduled, when_activity_rescheduled_note_it),
    When(ActivityCancelled, when_activity_cancelled_note_it),
    When(ActivityHeld, when_activity_held_accept_feedback),
    When(DeploymentConfirmed, when_deployment_changed_note_it),
    When(DeploymentCompleted, when_deployment_changed_note_it),
    When(DeploymentCancelled, when_deployment_changed_note_it),
    When(DeploymentDeclined, when_deployment_changed_note_it),
    When(ExpertPersonalDataErased, when_expert_erased_delete_its_notes),
)
