"""The experts service's command handlers, one signature (service_core.application), listed in COMMANDS;
each is one transaction on the expert's stream.

A command without `expected_version` that loses a race on the expert's stream is decided again on the new
state (the runtime's retry-on-conflict), so two overlapping confirmations end as one confirmed and one
EXPERT_DOUBLE_BOOKED; with `expected_version` the loser gets CONCURRENT_MODIFICATION at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from contracts.base import DomainEvent
from service_core.application import Application, Handler, Result, expected_version
from service_core.auth import Principal
from service_core.commands import Aggregate
from service_core.errors import NotFound
from service_core.ports import NewId, UnitOfWork, new_id
from service_core.projections import Projection

from experts_service.adapters import activities, focal_points, personal_data
from experts_service.adapters.personal_data import Eraser, NotesWriter, PersonalData, PersonalDataWriter
from experts_service.application import access
from experts_service.domain import errors
from experts_service.domain.commands import (
    CancelDeployment,
    Command,
    ConfirmDeployment,
    DeclineDeployment,
    ErasePersonalData,
    EvaluateExpert,
    ProposeDeployment,
    ReactivateExpert,
    RecordFormerFocalPoint,
    RegisterExpert,
    SuspendExpert,
    UpdateProfile,
)
from experts_service.domain.decide import decide
from experts_service.domain.state import Expert, evolve

EXPERT: Aggregate[Expert] = Aggregate("expert", Expert(), evolve)
_EXTERNAL_REFERENCES = uuid.UUID("0f6a3c52-9e1d-4b7a-8c25-3d4e5f607182")
App = Application[None]  # the experts service needs no port beyond the store
Decider = Callable[[Expert], Sequence[DomainEvent]]
Prepare = Callable[[UnitOfWork], Awaitable[Decider]]


def expert_id_for(external_reference: str | None = None, fresh: NewId = new_id) -> str:
    """A fresh id; with a client's external reference, always the same id (registering twice is refused)."""
    if external_reference is None:
        return fresh()
    return str(uuid.uuid5(_EXTERNAL_REFERENCES, external_reference))


@dataclass(frozen=True, slots=True)
class Register:
    """RegisterExpert with the personal data that stays off the stream."""

    command: RegisterExpert
    personal: PersonalData


@dataclass(frozen=True, slots=True)
class Propose:
    """Propose an expert for an activity; the activity's facts are read when the command runs."""

    expert_id: str
    activity_id: str
    deployment_id: str


@dataclass(frozen=True, slots=True)
class ServedAsFocalPoint:
    """Record the expert as a focal point of a request; the focal point's facts are read when the command runs."""

    expert_id: str
    focal_point_id: str
    recorded_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class Cancel:
    command: CancelDeployment
    region: str  # of the deployment (`locate`), for the 404 of a coordinator elsewhere


@dataclass(frozen=True, slots=True)
class Evaluate:
    command: EvaluateExpert
    notes: str | None  # the evaluators' internal notes, kept off the stream


async def run_on_expert(
    app: App,
    expert_id: str,
    prepare: Prepare,
    *,
    expected_version: int | None = None,
    extra: Sequence[Projection] = (),
    deployment_id: str | None = None,
) -> Result:
    """Load, decide, append and project in one transaction; `prepare` reads what decide needs (locked)."""

    async def work(uow: UnitOfWork) -> Result:
        outcome = await app.decide(uow, EXPERT, expert_id, await prepare(uow), extra=extra)
        return Result.of(expert_id, outcome, deployment_id=deployment_id)

    return await app.transaction(work, expected_version=expected_version)


def _deciding(app: App, command: Command) -> Prepare:
    now = app.now()

    async def prepare(_: UnitOfWork) -> Decider:
        return lambda state: decide(state, command, now)

    return prepare


async def register_expert(app: App, register: Register, principal: Principal) -> Result:
    access.check_may_manage_roster(principal)
    command = register.command
    writer = PersonalDataWriter(command.expert_id, register.personal)
    return await run_on_expert(app, command.expert_id, _deciding(app, command), extra=[writer])


async def change_expert(app: App, command: Command, principal: Principal) -> Result:
    """Update, suspend, reactivate, erase: programme managers only."""
    access.check_may_manage_roster(principal)
    extra = [Eraser()] if isinstance(command, ErasePersonalData) else []
    return await run_on_expert(
        app, command.expert_id, _deciding(app, command), expected_version=expected_version(command), extra=extra
    )


async def change_personal_data(app: App, expert_id: str, data: PersonalData, principal: Principal) -> None:
    """Personal data is not an event: updated in place, unless erased (then refused)."""
    access.check_may_manage_roster(principal)

    async def work(uow: UnitOfWork) -> bool:
        was_erased = await personal_data.erased(uow, expert_id)
        if was_erased is None:
            raise NotFound("expert", expert_id)
        return not was_erased and await personal_data.update_personal_data(uow, expert_id, data)

    if not await app.transaction(work):
        raise errors.Refused(errors.EXPERT_ERASED, "the expert's personal data was erased")


async def propose_deployment(app: App, propose: Propose, principal: Principal) -> Result:
    """The activity is read under a share lock: a concurrent cancellation or holding waits for this proposal."""
    access.check_may_propose(principal)
    now = app.now()

    async def prepare(uow: UnitOfWork) -> Decider:
        row = await activities.activity_row(uow, propose.activity_id, lock=True)
        if row is None or not access.may_manage(principal, row["region"]):
            raise NotFound("activity", propose.activity_id)
        command = ProposeDeployment(propose.expert_id, propose.deployment_id, activities.facts_of(row), now.date())
        return lambda state: decide(state, command, now)

    return await run_on_expert(app, propose.expert_id, prepare, deployment_id=propose.deployment_id)


async def locate(
    app: App, deployment_id: str, principal: Principal, authorise: Callable[[Principal], None]
) -> tuple[str, str]:
    """(expert id, region) of a deployment, from the read model (the owning service reads its own writes).

    `authorise` (the command's role check) runs first: a token whose role may not give the command gets the
    same FORBIDDEN whether the deployment exists or not, so it cannot probe for ids.
    """
    authorise(principal)
    async with app.store.transaction() as uow:
        found = await activities.deployment_location(uow, deployment_id)
    if found is None:
        raise NotFound("deployment", deployment_id)
    return found


async def answer_deployment(app: App, command: ConfirmDeployment | DeclineDeployment, principal: Principal) -> Result:
    access.check_may_answer(principal)
    if not access.may_answer_for(principal, command.expert_id):
        raise NotFound("deployment", command.deployment_id)
    return await run_on_expert(
        app, command.expert_id, _deciding(app, command), expected_version=command.expected_version,
        deployment_id=command.deployment_id,
    )  # fmt: skip


async def cancel_deployment(app: App, cancel: Cancel, principal: Principal) -> Result:
    command = cancel.command
    access.check_may_propose(principal)
    if not access.may_manage(principal, cancel.region):
        raise NotFound("deployment", command.deployment_id)
    return await run_on_expert(
        app, command.expert_id, _deciding(app, command), expected_version=command.expected_version,
        deployment_id=command.deployment_id,
    )  # fmt: skip


async def evaluate_expert(app: App, evaluate: Evaluate, principal: Principal) -> Result:
    command = evaluate.command
    access.check_may_evaluate(principal)
    return await run_on_expert(
        app, command.expert_id, _deciding(app, command), expected_version=command.expected_version,
        extra=[NotesWriter(evaluate.notes)], deployment_id=command.deployment_id,
    )  # fmt: skip


async def record_former_focal_point(app: App, served: ServedAsFocalPoint, principal: Principal) -> Result:
    """Programme managers only (the link is personal data); the focal point as learnt from mieux.requests.v1,
    its row locked so one focal point is never recorded for two experts."""
    access.check_may_manage_roster(principal)
    now = app.now()

    async def prepare(uow: UnitOfWork) -> Decider:
        found = await focal_points.facts(uow, served.focal_point_id)
        if found is None:
            raise NotFound("focal point", served.focal_point_id)
        command = RecordFormerFocalPoint(served.expert_id, found, served.recorded_on, served.expected_version)
        return lambda state: decide(state, command, now)

    return await run_on_expert(app, served.expert_id, prepare, expected_version=served.expected_version)


COMMANDS: Mapping[type[Any], Handler[None, Any]] = {
    Register: register_expert,
    UpdateProfile: change_expert,
    SuspendExpert: change_expert,
    ReactivateExpert: change_expert,
    ErasePersonalData: change_expert,
    Propose: propose_deployment,
    ConfirmDeployment: answer_deployment,
    DeclineDeployment: answer_deployment,
    Cancel: cancel_deployment,
    Evaluate: evaluate_expert,
    ServedAsFocalPoint: record_former_focal_point,
}
