"""The requests service's handlers on the in-memory twin (no PostgreSQL, `make test-fast`): the guard of
commands on a submitted request, the optimistic lock and the events a decision appends. The read model's
projection is SQL and is tested on PostgreSQL (test_handlers.py)."""

from __future__ import annotations

from datetime import date

import pytest
from contracts.events.requests import RequestApproved, RequestWithdrawn
from requests_service.application.handlers import REQUEST
from requests_service.bootstrap import definition
from requests_service.domain.commands import DecideRequest, Decision, WithdrawRequest
from requests_service.domain.decide import decide
from requests_service.domain.state import AssistanceRequest
from service_core.application import Application
from service_core.auth import Principal, Role
from service_core.errors import DomainError, Forbidden, NotFound
from service_core.testing.memory import given, in_memory, memory_store

from .test_lifecycle import NOW, submit

PM = Principal("pm", frozenset({Role.PROGRAMME_MANAGER}))
NEIGHBOURHOOD = Principal("rc-n", frozenset({Role.REGIONAL_COORDINATOR}), region="EU_NEIGHBOURHOOD")
ASIA = Principal("rc-asia", frozenset({Role.REGIONAL_COORDINATOR}), region="ASIA")
FOCAL = Principal("fp", frozenset({Role.FOCAL_POINT}), authority_id="authority-1")


async def submitted() -> Application[None]:
    app = in_memory(definition, clock=lambda: NOW, projections=())
    await given(app, "r-1", REQUEST.stream_type, decide(AssistanceRequest(), submit(), NOW))
    return app


async def test_a_coordinator_of_the_region_decides_and_the_decision_is_appended() -> None:
    app = await submitted()
    result = await app.handle(DecideRequest("r-1", Decision.APPROVE, "PSG", date(2017, 3, 1)), NEIGHBOURHOOD)

    assert (result.stream_id, result.version) == ("r-1", 3)
    last = (await memory_store(app).load("r-1"))[-1]
    assert isinstance(last.event, RequestApproved) and last.event.approved_on == date(2017, 3, 1)


async def test_elsewhere_the_request_is_not_there_and_a_focal_point_may_not_decide() -> None:
    app = await submitted()
    with pytest.raises(NotFound):
        await app.handle(DecideRequest("r-1", Decision.APPROVE, "PSG", date(2017, 3, 1)), ASIA)
    with pytest.raises(Forbidden):
        await app.handle(WithdrawRequest("r-1", "no longer needed", date(2017, 3, 1)), FOCAL)
    assert len(await memory_store(app).load("r-1")) == 2


async def test_a_stale_expected_version_is_refused_and_a_current_one_goes_through() -> None:
    app = await submitted()
    with pytest.raises(DomainError) as refused:
        await app.handle(WithdrawRequest("r-1", "no longer needed", date(2017, 3, 1), expected_version=1), PM)
    assert (refused.value.code, refused.value.field) == ("CONCURRENT_MODIFICATION", "expected_version")

    await app.handle(WithdrawRequest("r-1", "no longer needed", date(2017, 3, 1), expected_version=2), PM)
    assert isinstance((await memory_store(app).load("r-1"))[-1].event, RequestWithdrawn)
