"""One async handler per command, listed in one registry; each is one transaction on the expert's stream.

A command without `expected_version` that loses a race on the expert's stream is retried on the new state
(a few times), so two overlapping confirmations end as one confirmed and one EXPERT_DOUBLE_BOOKED; with
`expected_version` the loser gets CONCURRENT_MODIFICATION at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import asyncpg
from contracts.base import DomainEvent
from service_core.auth import Principal
from service_core.commands import Aggregate, execute_in
from service_core.errors import NotFound
from service_core.observability import current_metadata
from service_core.projections import Projection
from service_core.store.base import ConcurrencyError
from service_core.store.postgres import PostgresEventStore

from experts_service.adapters import activities
from experts_service.adapters.personal_data import (
    EMAIL_INDEX,
    Eraser,
    NotesWriter,
    PersonalData,
    PersonalDataWriter,
    update_personal_data,
)
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
    RegisterExpert,
    SuspendExpert,
    UpdateProfile,
)
from experts_service.domain.decide import decide
from experts_service.domain.state import Expert, evolve

EXPERT: Aggregate[Expert] = Aggregate("expert", Expert(), evolve)
MAX_ATTEMPTS = 8
_EXTERNAL_REFERENCES = uuid.UUID("0f6a3c52-9e1d-4b7a-8c25-3d4e5f607182")


def expert_id_for(external_reference: str | None = None) -> str:
    """A fresh id; with a client's external reference, always the same id (registering twice is refused)."""
    if external_reference is None:
        return str(uuid.uuid4())
    return str(uuid.uuid5(_EXTERNAL_REFERENCES, external_reference))


def new_id() -> str:
    return str(uuid.uuid4())


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Services:
    store: PostgresEventStore
    projections: Sequence[Projection]
    clock: Callable[[], datetime] = field(default=_utc_now)


@dataclass(frozen=True, slots=True)
class Result:
    expert_id: str
    version: int
    position: int  # global store position of the last event appended: a consistency token
    deployment_id: str | None = None


Decider = Callable[[Expert], Sequence[DomainEvent]]
Prepare = Callable[[asyncpg.Connection], Awaitable[Decider]]


async def run_on_expert(
    services: Services,
    expert_id: str,
    prepare: Prepare,
    *,
    expected_version: int | None = None,
    extra: Sequence[Projection] = (),
    deployment_id: str | None = None,
) -> Result:
    """Load, decide, append and project in one transaction; `prepare` reads what decide needs (locked)."""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            async with services.store.transaction() as tx:
                run = await prepare(tx.connection)
                outcome = await execute_in(
                    tx, EXPERT, expert_id, run, projections=[*services.projections, *extra], metadata=current_metadata()
                )
            return Result(expert_id, outcome.version, outcome.last_position, deployment_id)
        except ConcurrencyError:
            if expected_version is not None or attempt == MAX_ATTEMPTS:
                raise
        except asyncpg.UniqueViolationError as exc:
            if exc.constraint_name == EMAIL_INDEX:
                raise errors.Refused(
                    errors.EMAIL_ALREADY_REGISTERED, "an expert with this e-mail is registered", "personal_data.email"
                ) from exc
            raise
    raise AssertionError("unreachable")  # pragma: no cover


def _deciding(services: Services, command: Command) -> Prepare:
    now = services.clock()

    async def prepare(_: asyncpg.Connection) -> Decider:
        return lambda state: decide(state, command, now)

    return prepare


async def register_expert(
    services: Services, command: RegisterExpert, principal: Principal, personal: PersonalData
) -> Result:
    access.check_may_manage_roster(principal)
    writer = PersonalDataWriter(command.expert_id, personal)
    return await run_on_expert(services, command.expert_id, _deciding(services, command), extra=[writer])


async def change_expert(services: Services, command: Command, principal: Principal) -> Result:
    """Update, suspend, reactivate, erase: programme managers only."""
    access.check_may_manage_roster(principal)
    extra = [Eraser()] if isinstance(command, ErasePersonalData) else []
    expected = getattr(command, "expected_version", None)
    return await run_on_expert(
        services, command.expert_id, _deciding(services, command), expected_version=expected, extra=extra
    )


async def change_personal_data(services: Services, expert_id: str, data: PersonalData, principal: Principal) -> None:
    """Personal data is not an event: updated in place, unless erased (then refused)."""
    access.check_may_manage_roster(principal)
    erased = await services.store.pool.fetchval("SELECT erased FROM expert_view WHERE id = $1", expert_id)
    if erased is None:
        raise NotFound("expert", expert_id)
    try:
        updated = await update_personal_data(services.store.pool, expert_id, data)
    except asyncpg.UniqueViolationError as exc:
        raise errors.Refused(
            errors.EMAIL_ALREADY_REGISTERED, "an expert with this e-mail is registered", "email"
        ) from exc
    if erased or not updated:
        raise errors.Refused(errors.EXPERT_ERASED, "the expert's personal data was erased")


async def propose_deployment(
    services: Services, expert_id: str, activity_id: str, deployment_id: str, principal: Principal
) -> Result:
    """The activity is read under a share lock: a concurrent cancellation or holding waits for this proposal."""
    access.check_may_propose(principal)
    now = services.clock()

    async def prepare(conn: asyncpg.Connection) -> Decider:
        row = await activities.activity_row(conn, activity_id, lock=True)
        if row is None or not access.may_manage(principal, row["region"]):
            raise NotFound("activity", activity_id)
        command = ProposeDeployment(expert_id, deployment_id, activities.facts_of(row), now.date())
        return lambda state: decide(state, command, now)

    return await run_on_expert(services, expert_id, prepare, deployment_id=deployment_id)


async def locate(
    services: Services, deployment_id: str, principal: Principal, authorise: Callable[[Principal], None]
) -> tuple[str, str]:
    """(expert id, region) of a deployment, from the read model (the owning service reads its own writes).

    `authorise` (the command's role check) runs first: a token whose role may not give the command gets the
    same FORBIDDEN whether the deployment exists or not, so it cannot probe for ids.
    """
    authorise(principal)
    row = await services.store.pool.fetchrow(
        "SELECT expert_id, region FROM deployment_view WHERE id = $1", deployment_id
    )
    if row is None:
        raise NotFound("deployment", deployment_id)
    return row["expert_id"], row["region"]


async def answer_deployment(
    services: Services, command: ConfirmDeployment | DeclineDeployment, principal: Principal
) -> Result:
    access.check_may_answer(principal)
    if not access.may_answer_for(principal, command.expert_id):
        raise NotFound("deployment", command.deployment_id)
    return await run_on_expert(
        services, command.expert_id, _deciding(services, command), expected_version=command.expected_version,
        deployment_id=command.deployment_id,
    )  # fmt: skip


async def cancel_deployment(services: Services, command: CancelDeployment, principal: Principal, region: str) -> Result:
    access.check_may_propose(principal)
    if not access.may_manage(principal, region):
        raise NotFound("deployment", command.deployment_id)
    return await run_on_expert(
        services, command.expert_id, _deciding(services, command), expected_version=command.expected_version,
        deployment_id=command.deployment_id,
    )  # fmt: skip


async def evaluate_expert(
    services: Services, command: EvaluateExpert, principal: Principal, notes: str | None
) -> Result:
    access.check_may_evaluate(principal)
    return await run_on_expert(
        services, command.expert_id, _deciding(services, command), expected_version=command.expected_version,
        extra=[NotesWriter(notes)], deployment_id=command.deployment_id,
    )  # fmt: skip


Handler = Callable[[Services, Any, Principal], Awaitable[Result]]
HANDLERS: Mapping[type[Any], Handler] = {
    UpdateProfile: change_expert,
    SuspendExpert: change_expert,
    ReactivateExpert: change_expert,
    ErasePersonalData: change_expert,
    ConfirmDeployment: answer_deployment,
    DeclineDeployment: answer_deployment,
}


async def handle(services: Services, command: Command, principal: Principal) -> Result:
    """Commands that need nothing but themselves; register, propose, cancel and evaluate take more inputs."""
    return await HANDLERS[type(command)](services, command, principal)
