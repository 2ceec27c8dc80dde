"""One async handler per command, listed in one registry; each is one transaction (service_core.execute)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from contracts.base import DomainEvent
from service_core.auth import Principal
from service_core.commands import Aggregate, execute
from service_core.errors import NotFound
from service_core.observability import current_metadata
from service_core.projections import Projection
from service_core.store.base import EventStore

from actions_service.application import access
from actions_service.domain.commands import (
    ActivityCommand,
    AgreeFiche,
    CancelActivity,
    ChangeDeliverableStatus,
    ClassifyAction,
    Command,
    CompleteAction,
    DeliverableCommand,
    DraftFiche,
    EndorseFiche,
    HoldActivity,
    PlanActivity,
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


def new_id() -> str:
    """A fresh id for an activity or a deliverable."""
    return str(uuid.uuid4())


def _utc_now() -> datetime:
    return datetime.now(UTC)


async def _none_deployed(action_id: str) -> frozenset[str]:
    return frozenset()


@dataclass(frozen=True, slots=True)
class Services:
    store: EventStore
    projections: Sequence[Projection]
    clock: Callable[[], datetime] = field(default=_utc_now)
    preconditions: Sequence[Precondition] = OVERRIDABLE_PRECONDITIONS
    # the experts whose deployment on the Action completed (adapters.deployments.DeployedExperts)
    deployed_experts: Callable[[str], Awaitable[frozenset[str]]] = field(default=_none_deployed)


@dataclass(frozen=True, slots=True)
class Result:
    action_id: str
    version: int
    position: int  # global store position of the last event appended: a consistency token
    activity_id: str | None = None
    deliverable_id: str | None = None


Decider = Callable[[Action], Sequence[DomainEvent]]


async def _run(services: Services, command: Command, run: Decider) -> Result:
    outcome = await execute(
        services.store,
        ACTION,
        command.action_id,
        run,
        projections=services.projections,
        metadata=current_metadata(),
    )
    return Result(
        command.action_id,
        outcome.version,
        outcome.last_position,
        activity_id=getattr(command, "activity_id", None),
        deliverable_id=getattr(command, "deliverable_id", None),
    )


def _on_existing(services: Services, principal: Principal, command: Command) -> Decider:
    """An Action the principal may not manage is, for it, not there (404)."""
    access.check_may_command(principal)
    now = services.clock()

    def run(state: Action) -> Sequence[DomainEvent]:
        visible = state.exists and access.may_read(principal, state.region, state.authority_ids)
        if not visible or not access.may_manage(principal, state.region):
            raise NotFound("action", command.action_id)
        return decide(state, command, now, services.preconditions)

    return run


async def draft_fiche(services: Services, command: DraftFiche, principal: Principal) -> Result:
    return await _run(services, command, _on_existing(services, principal, command))


async def agree_fiche(services: Services, command: AgreeFiche, principal: Principal) -> Result:
    return await _run(services, command, _on_existing(services, principal, command))


async def endorse_fiche(services: Services, command: EndorseFiche, principal: Principal) -> Result:
    return await _run(services, command, _on_existing(services, principal, command))


async def change_activity(services: Services, command: ActivityCommand, principal: Principal) -> Result:
    """Plan, re-plan, reschedule, cancel or hold: the Action's stream holds its activities."""
    return await _run(services, command, _on_existing(services, principal, command))


async def change_deliverable(services: Services, command: DeliverableCommand, principal: Principal) -> Result:
    return await _run(services, command, _on_existing(services, principal, command))


async def complete_action(services: Services, command: CompleteAction, principal: Principal) -> Result:
    if command.override_reason is not None:
        access.check_may_override(principal)
    command = replace(command, deployed_expert_ids=await services.deployed_experts(command.action_id))
    return await _run(services, command, _on_existing(services, principal, command))


async def classify_action(
    services: Services,
    command: ClassifyAction
    | RecordLesson
    | RecordOutcome
    | RecordFollowUp
    | RecordReplication
    | RecordComplementaryActor,
    principal: Principal,
) -> Result:
    """Classification, lessons, outcomes and what followed: reporting on the Action, by whoever may manage it."""
    return await _run(services, command, _on_existing(services, principal, command))


Handler = Callable[[Services, Any, Principal], Awaitable[Result]]
HANDLERS: Mapping[type[Any], Handler] = {
    DraftFiche: draft_fiche,
    AgreeFiche: agree_fiche,
    EndorseFiche: endorse_fiche,
    PlanActivity: change_activity,
    ReplanActivity: change_activity,
    RescheduleActivity: change_activity,
    CancelActivity: change_activity,
    HoldActivity: change_activity,
    RecordDeliverable: change_deliverable,
    ChangeDeliverableStatus: change_deliverable,
    CompleteAction: complete_action,
    ClassifyAction: classify_action,
    RecordLesson: classify_action,
    RecordOutcome: classify_action,
    RecordFollowUp: classify_action,
    RecordReplication: classify_action,
    RecordComplementaryActor: classify_action,
}


async def handle(services: Services, command: Command, principal: Principal) -> Result:
    """The one entry for every user command of the actions service (OpenAction comes from the policy)."""
    return await HANDLERS[type(command)](services, command, principal)
