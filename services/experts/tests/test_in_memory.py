"""The experts service's handlers on the in-memory twin (no PostgreSQL, `make test-fast`): roster commands,
who may give them, and the optimistic lock. The personal-data writers and the read model are SQL and are
tested on PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from contracts.events.experts import ExpertReactivated, ExpertSuspended, SuspensionReason
from experts_service.application.handlers import EXPERT
from experts_service.bootstrap import definition
from experts_service.domain.commands import ReactivateExpert, RegisterExpert, SuspendExpert
from experts_service.domain.decide import decide
from experts_service.domain.state import Expert
from service_core.application import Application
from service_core.auth import Principal, Role
from service_core.errors import DomainError, Forbidden
from service_core.testing.memory import given, in_memory, memory_store

from .test_domain import NOW, profile

PM = Principal("pm", frozenset({Role.PROGRAMME_MANAGER}))
COORDINATOR = Principal("rc", frozenset({Role.REGIONAL_COORDINATOR}), region="AFRICA")


async def registered() -> Application[None]:
    app = in_memory(definition, clock=lambda: NOW, projections=())
    await given(app, "x1", EXPERT.stream_type, decide(Expert(), RegisterExpert("x1", profile(), date(2019, 1, 1)), NOW))
    return app


async def test_a_programme_manager_suspends_and_reactivates_an_expert() -> None:
    app = await registered()
    await app.handle(SuspendExpert("x1", SuspensionReason.UNAVAILABLE, date(2019, 2, 1)), PM)
    result = await app.handle(ReactivateExpert("x1", date(2019, 2, 10), expected_version=2), PM)

    assert result.version == 3
    events = [r.event for r in await memory_store(app).load("x1")]
    assert [type(e) for e in events[1:]] == [ExpertSuspended, ExpertReactivated]


async def test_only_programme_managers_manage_the_roster_and_a_stale_version_is_refused() -> None:
    app = await registered()
    with pytest.raises(Forbidden):
        await app.handle(SuspendExpert("x1", SuspensionReason.UNAVAILABLE, date(2019, 2, 1)), COORDINATOR)
    with pytest.raises(DomainError) as refused:
        await app.handle(SuspendExpert("x1", SuspensionReason.UNAVAILABLE, date(2019, 2, 1), expected_version=7), PM)
    assert refused.value.code == "CONCURRENT_MODIFICATION"
    assert len(await memory_store(app).load("x1")) == 1
