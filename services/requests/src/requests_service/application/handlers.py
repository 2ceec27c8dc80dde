"""One async handler per command, listed in one registry; each is one transaction (service_core.execute)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from contracts.base import DomainEvent
from service_core.auth import Principal, Role
from service_core.commands import Aggregate, execute, execute_in
from service_core.errors import Forbidden, NotFound
from service_core.observability import current_metadata
from service_core.projections import Projection
from service_core.store.postgres import PostgresEventStore

from requests_service.adapters import authorities
from requests_service.adapters.personal_data import FocalPointContact, FocalPointEraser, PersonalDataWriter
from requests_service.application import access
from requests_service.domain.authorities import registered_name
from requests_service.domain.commands import (
    AmendRequest,
    Command,
    DecideRequest,
    EraseFocalPoint,
    NominateFocalPoint,
    SubmitRequest,
    WithdrawRequest,
)
from requests_service.domain.decide import check_places, decide, requesters
from requests_service.domain.state import AssistanceRequest, evolve

REQUEST: Aggregate[AssistanceRequest] = Aggregate("assistance_request", AssistanceRequest(), evolve)
_EXTERNAL_REFERENCES = uuid.UUID("5b0c8d1e-6f7a-4a3b-9c2d-1e0f9a8b7c6d")


def new_request_id(external_reference: str | None = None, principal: Principal | None = None) -> str:
    """A fresh id; with a client's external reference, always the same id for the same submitter (submitting
    twice is refused). The reference is scoped to whoever submits: a focal point's authority, a coordinator's
    region; programme managers keep the programme-wide scope the demo's references were issued in. So one
    party can neither learn that another used a reference nor take it from them."""
    if external_reference is None:
        return str(uuid.uuid4())
    return str(uuid.uuid5(_EXTERNAL_REFERENCES, _reference_scope(principal) + external_reference))


def _reference_scope(principal: Principal | None) -> str:
    if principal is None or principal.has(Role.PROGRAMME_MANAGER):
        return ""
    if principal.has(Role.REGIONAL_COORDINATOR):
        return f"region:{principal.region}|"
    if principal.has(Role.FOCAL_POINT):
        return f"authority:{principal.authority_id}|"
    return f"subject:{principal.sub}|"


def new_focal_point_id() -> str:
    return str(uuid.uuid4())


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Services:
    store: PostgresEventStore  # submissions read the authority register in the command's transaction
    projections: Sequence[Projection]
    clock: Callable[[], datetime] = field(default=_utc_now)


@dataclass(frozen=True, slots=True)
class Result:
    request_id: str
    version: int
    position: int  # global store position of the last event appended: a consistency token


Decider = Callable[[AssistanceRequest], Sequence[DomainEvent]]


async def _run(services: Services, request_id: str, run: Decider, extra: Sequence[Projection] = ()) -> Result:
    outcome = await execute(
        services.store,
        REQUEST,
        request_id,
        run,
        projections=[*services.projections, *extra],
        metadata=current_metadata(),
    )
    return Result(request_id, outcome.version, outcome.last_position)


async def submit_request(services: Services, command: SubmitRequest, principal: Principal) -> Result:
    """Resolve the requesters in the authority register, authorise, then register new ones and decide: a
    caller who may not submit this learns nothing (not whether the request or an authority exists)."""
    now = services.clock()
    async with services.store.transaction() as tx:
        check_places(command)
        resolved = await authorities.resolve(tx.connection, command)
        access.check_may_submit(principal, command.region, resolved.authority_ids)
        names = {r.authority_id or "": registered_name(r.name, path) for path, r in requesters(resolved.command)}
        resolved = await authorities.register(tx.connection, resolved, names)

        def run(state: AssistanceRequest) -> Sequence[DomainEvent]:
            if state.exists and not access.may_read(principal, state.region, state.authority_ids):
                raise Forbidden("this external reference may not be used by this token")
            return decide(state, resolved.command, now)

        outcome = await execute_in(
            tx, REQUEST, command.request_id, run, projections=services.projections, metadata=current_metadata()
        )
    return Result(command.request_id, outcome.version, outcome.last_position)


def _on_existing(principal: Principal, command: Command, now: datetime) -> Decider:
    """Commands on a submitted request: a request the principal may not manage is, for it, not there."""
    access.check_may_command(principal)

    def run(state: AssistanceRequest) -> Sequence[DomainEvent]:
        visible = state.exists and access.may_read(principal, state.region, state.authority_ids)
        if not visible or not access.may_manage(principal, state.region):
            raise NotFound("request", command.request_id)
        return decide(state, command, now)

    return run


async def decide_request(services: Services, command: DecideRequest, principal: Principal) -> Result:
    return await _run(services, command.request_id, _on_existing(principal, command, services.clock()))


async def withdraw_request(services: Services, command: WithdrawRequest, principal: Principal) -> Result:
    return await _run(services, command.request_id, _on_existing(principal, command, services.clock()))


async def amend_request(services: Services, command: AmendRequest, principal: Principal) -> Result:
    return await _run(services, command.request_id, _on_existing(principal, command, services.clock()))


async def nominate_focal_point(services: Services, command: NominateFocalPoint, principal: Principal) -> Result:
    contact = FocalPointContact(
        command.focal_point_id, command.request_id, command.name, command.role, command.institution
    )
    run = _on_existing(principal, command, services.clock())
    return await _run(services, command.request_id, run, extra=[PersonalDataWriter(contact)])


async def erase_focal_point(services: Services, command: EraseFocalPoint, principal: Principal) -> Result:
    """The right to erasure: programme managers only; the contact goes, `FocalPointPersonalDataErased` tells
    every system that copied it."""
    access.check_may_erase(principal)

    def run(state: AssistanceRequest) -> Sequence[DomainEvent]:
        return decide(state, command, services.clock())

    return await _run(services, command.request_id, run, extra=[FocalPointEraser()])


Handler = Callable[[Services, Any, Principal], Awaitable[Result]]
HANDLERS: Mapping[type[Any], Handler] = {
    SubmitRequest: submit_request,
    DecideRequest: decide_request,
    WithdrawRequest: withdraw_request,
    AmendRequest: amend_request,
    NominateFocalPoint: nominate_focal_point,
    EraseFocalPoint: erase_focal_point,
}


async def handle(services: Services, command: Command, principal: Principal) -> Result:
    """The one entry for every command of the requests service."""
    return await HANDLERS[type(command)](services, command, principal)
