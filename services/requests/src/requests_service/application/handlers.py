"""The requests service's command handlers, one signature (service_core.application), listed in COMMANDS."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from contracts.base import DomainEvent
from service_core.access import ExistingGuard
from service_core.application import Application, Handler, Result, expected_version
from service_core.auth import Principal, Role
from service_core.commands import Aggregate
from service_core.errors import Forbidden
from service_core.ports import NewId, UnitOfWork, new_id

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


def new_request_id(
    external_reference: str | None = None, principal: Principal | None = None, fresh: NewId = new_id
) -> str:
    """A fresh id; with a client's external reference, always the same id for the same submitter (submitting
    twice is refused). The reference is scoped to whoever submits: a focal point's authority, a coordinator's
    region; programme managers keep the programme-wide scope the demo's references were issued in. So one
    party can neither learn that another used a reference nor take it from them."""
    if external_reference is None:
        return fresh()
    return str(uuid.uuid5(_EXTERNAL_REFERENCES, _reference_scope(principal) + external_reference))


def _reference_scope(principal: Principal | None) -> str:
    if principal is None or principal.has(Role.PROGRAMME_MANAGER):
        return ""
    if principal.has(Role.REGIONAL_COORDINATOR):
        return f"region:{principal.region}|"
    if principal.has(Role.FOCAL_POINT):
        return f"authority:{principal.authority_id}|"
    return f"subject:{principal.sub}|"


App = Application[None]  # the requests service needs no port beyond the store
GUARD = ExistingGuard("request", "requests", "a request")


async def submit_request(app: App, command: SubmitRequest, principal: Principal) -> Result:
    """Resolve the requesters in the authority register, authorise, then register new ones and decide: a
    caller who may not submit this learns nothing (not whether the request or an authority exists)."""
    now = app.now()

    async def work(uow: UnitOfWork) -> Result:
        check_places(command)
        resolved = await authorities.resolve(uow, command)
        access.check_may_submit(principal, command.region, resolved.authority_ids)
        names = {r.authority_id or "": registered_name(r.name, path) for path, r in requesters(resolved.command)}
        resolved = await authorities.register(uow, resolved, names)

        def run(state: AssistanceRequest) -> Sequence[DomainEvent]:
            if state.exists and not access.may_read(principal, state.region, state.authority_ids):
                raise Forbidden("this external reference may not be used by this token")
            return decide(state, resolved.command, now)

        return Result.of(command.request_id, await app.decide(uow, REQUEST, command.request_id, run))

    return await app.transaction(work)


def deciding(command: Command, now: datetime) -> Callable[[AssistanceRequest], Sequence[DomainEvent]]:
    return lambda state: decide(state, command, now)


async def change_request(app: App, command: Command, principal: Principal) -> Result:
    """Decide, withdraw, amend: on a submitted request the principal may manage (else, for it, not there)."""
    run = GUARD.guarding(principal, command.request_id, deciding(command, app.now()))
    return await app.run(REQUEST, command.request_id, run, expected_version=expected_version(command))


async def nominate_focal_point(app: App, command: NominateFocalPoint, principal: Principal) -> Result:
    contact = FocalPointContact(
        command.focal_point_id, command.request_id, command.name, command.role, command.institution
    )
    run = GUARD.guarding(principal, command.request_id, deciding(command, app.now()))
    extra = [PersonalDataWriter(contact)]
    return await app.run(REQUEST, command.request_id, run, expected_version=expected_version(command), extra=extra)


async def erase_focal_point(app: App, command: EraseFocalPoint, principal: Principal) -> Result:
    """The right to erasure: programme managers only; the contact goes, `FocalPointPersonalDataErased` tells
    every system that copied it."""
    access.check_may_erase(principal)
    run = deciding(command, app.now())
    return await app.run(
        REQUEST, command.request_id, run, expected_version=expected_version(command), extra=[FocalPointEraser()]
    )


COMMANDS: Mapping[type[Any], Handler[None, Any]] = {
    SubmitRequest: submit_request,
    DecideRequest: change_request,
    WithdrawRequest: change_request,
    AmendRequest: change_request,
    NominateFocalPoint: nominate_focal_point,
    EraseFocalPoint: erase_focal_point,
}
