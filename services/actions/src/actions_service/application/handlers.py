"""The actions service's command handlers, one signature (service_core.application), listed in COMMANDS.

OpenAction is not among them: it comes from the policy on RequestApproved (application.policies)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from contracts.base import DomainEvent
from contracts.events.actions import Phase
from service_core.access import ExistingGuard
from service_core.application import Application, Handler, Result, expected_version
from service_core.auth import Principal
from service_core.commands import Aggregate

from actions_service.application import access
from actions_service.domain.commands import (
    AgreeFiche,
    CancelActivity,
    ChangeDeliverableStatus,
    ClassifyAction,
    Command,
    CompleteAction,
    DraftFiche,
    EndorseFiche,
    HoldActivity,
    PlanActivity,
    RecordCoFacilitation,
    RecordComplementaryActor,
    RecordDeliverable,
    RecordFollowUp,
    RecordLesson,
    RecordOutcome,
    RecordReplication,
    ReplanActivity,
    RescheduleActivity,
)
from actions_service.domain.decide import OVERRIDABLE_PRECONDITIONS, Precondition, decide
from actions_service.domain.state import Action, evolve

ACTION: Aggregate[Action] = Aggregate("action", Action(), evolve)


async def _none_deployed(action_id: str) -> frozenset[str]:
    return frozenset()


@dataclass(frozen=True, slots=True)
class ActionPorts:
    """What the actions service's handlers and policies need beyond the store."""

    preconditions: Sequence[Precondition] = OVERRIDABLE_PRECONDITIONS
    # the experts whose deployment on the Action completed (adapters.deployments.DeployedExperts)
    deployed_experts: Callable[[str], Awaitable[frozenset[str]]] = field(default=_none_deployed)
    current_phase: Phase = Phase.MIEUX_PLUS  # of Actions approved after April 2023 (MIEUX_CURRENT_PHASE)


App = Application[ActionPorts]
GUARD = ExistingGuard("action", "actions", "an Action")


async def change_action(app: App, command: Command, principal: Principal) -> Result:
    """Fiche, activities (the Action's stream holds them), deliverables, classification, lessons, outcomes and
    what followed: on an Action the principal may manage (else, for it, not there)."""
    now = app.now()

    def run(state: Action) -> Sequence[DomainEvent]:
        return decide(state, command, now, app.ports.preconditions)

    return await app.run(
        ACTION,
        command.action_id,
        GUARD.guarding(principal, command.action_id, run),
        expected_version=expected_version(command),
        activity_id=getattr(command, "activity_id", None),
        deliverable_id=getattr(command, "deliverable_id", None),
    )


async def complete_action(app: App, command: CompleteAction, principal: Principal) -> Result:
    if command.override_reason is not None:
        access.check_may_override(principal)
    command = replace(command, deployed_expert_ids=await app.ports.deployed_experts(command.action_id))
    return await change_action(app, command, principal)


COMMANDS: Mapping[type[Any], Handler[ActionPorts, Any]] = {
    DraftFiche: change_action,
    AgreeFiche: change_action,
    EndorseFiche: change_action,
    PlanActivity: change_action,
    ReplanActivity: change_action,
    RescheduleActivity: change_action,
    CancelActivity: change_action,
    HoldActivity: change_action,
    RecordCoFacilitation: change_action,
    RecordDeliverable: change_action,
    ChangeDeliverableStatus: change_action,
    CompleteAction: complete_action,
    ClassifyAction: change_action,
    RecordLesson: change_action,
    RecordOutcome: change_action,
    RecordFollowUp: change_action,
    RecordReplication: change_action,
    RecordComplementaryActor: change_action,
}
