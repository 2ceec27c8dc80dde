"""Handlers on PostgreSQL: one transaction per command, read model in step, access, concurrent edits."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date

import asyncpg
import pytest
from actions_service.application.handlers import App
from actions_service.application.policies import action_id_for
from actions_service.domain import errors as e
from actions_service.domain.commands import CompleteAction, HoldActivity
from contracts.events.actions import ActivityType
from service_core.auth import Principal, Role
from service_core.errors import DomainError, Forbidden, NotFound

from .conftest import Deliver, approval
from .domain_helpers import agree, draft, plan

PM = Principal("pm", frozenset({Role.PROGRAMME_MANAGER}))
AFRICA = Principal("rc", frozenset({Role.REGIONAL_COORDINATOR}), region="AFRICA")
ASIA = Principal("rc-asia", frozenset({Role.REGIONAL_COORDINATOR}), region="ASIA")
FOCAL = Principal("fp", frozenset({Role.FOCAL_POINT}), authority_id="cv-dgaci")


async def opened(deliver: Deliver) -> str:
    approved = approval()
    await deliver(approved)
    return action_id_for(approved.request_id)


def on(action_id: str, command: object) -> object:
    """A helper command (built for action "a-1") addressed to `action_id`."""
    return replace(command, action_id=action_id)  # type: ignore[type-var]


async def test_a_command_appends_and_projects_in_one_transaction(
    deliver: Deliver, services: App, service_pool: asyncpg.Pool
) -> None:
    action_id = await opened(deliver)

    result = await services.handle(on(action_id, draft()), AFRICA)  # type: ignore[arg-type]

    assert (result.stream_id, result.version) == (action_id, 2)
    row = await service_pool.fetchrow("SELECT version, fiche FROM action_view WHERE id = $1", action_id)
    assert row["version"] == 2 and row["fiche"]["status"] == "DRAFTED"
    assert result.position == await service_pool.fetchval("SELECT max(position) FROM events")


async def test_activity_counts_and_launch_follow_the_activities(
    deliver: Deliver, services: App, service_pool: asyncpg.Pool
) -> None:
    action_id = await opened(deliver)
    for command in (
        draft(),
        agree(),
        plan("f1"),
        plan("w1", ActivityType.WORKSHOP, date(2016, 5, 20), date(2016, 5, 21)),
    ):
        await services.handle(on(action_id, command), PM)  # type: ignore[arg-type]
    ids = [r["id"] for r in await service_pool.fetch("SELECT id FROM activity_view ORDER BY sequence")]
    assert ids == ["f1", "w1"]

    await services.handle(HoldActivity(action_id, "f1", date(2016, 6, 1), date(2016, 6, 5), 30), PM)

    row = await service_pool.fetchrow(
        "SELECT status, launched_on, activities_planned, activities_held, first_activity_type FROM action_view"
    )
    assert dict(row) == {
        "status": "ONGOING",
        "launched_on": date(2016, 6, 1),
        "activities_planned": 2,
        "activities_held": 1,
        "first_activity_type": "WORKSHOP",  # the workshop starts first: R28 will warn
    }


async def test_a_refused_command_changes_nothing(deliver: Deliver, services: App, service_pool: asyncpg.Pool) -> None:
    action_id = await opened(deliver)
    before = await service_pool.fetchval("SELECT count(*) FROM events")

    with pytest.raises(DomainError) as refused:
        await services.handle(CompleteAction(action_id, date(2017, 1, 1)), PM)

    assert refused.value.code == e.NO_ACTIVITY_HELD
    assert await service_pool.fetchval("SELECT count(*) FROM events") == before


async def test_a_coordinator_of_another_region_finds_no_action(deliver: Deliver, services: App) -> None:
    action_id = await opened(deliver)
    with pytest.raises(NotFound):
        await services.handle(on(action_id, draft()), ASIA)  # type: ignore[arg-type]


async def test_focal_points_may_not_command(deliver: Deliver, services: App) -> None:
    action_id = await opened(deliver)
    with pytest.raises(Forbidden):
        await services.handle(on(action_id, draft()), FOCAL)  # type: ignore[arg-type]


async def test_only_a_programme_manager_may_override_a_completion_precondition(deliver: Deliver, services: App) -> None:
    action_id = await opened(deliver)
    with pytest.raises(Forbidden):
        await services.handle(CompleteAction(action_id, date(2017, 1, 1), override_reason="late feedback"), AFRICA)


async def test_concurrent_commands_on_one_action_never_lose_an_event(
    deliver: Deliver, services: App, service_pool: asyncpg.Pool
) -> None:
    action_id = await opened(deliver)
    await services.handle(on(action_id, draft()), PM)  # type: ignore[arg-type]
    commands = [on(action_id, plan(f"x{i}")) for i in range(6)]

    outcomes = await asyncio.gather(*(services.handle(c, PM) for c in commands), return_exceptions=True)  # type: ignore[arg-type]

    succeeded = [o for o in outcomes if not isinstance(o, BaseException)]
    conflicts = [o for o in outcomes if isinstance(o, DomainError)]
    assert len(succeeded) + len(conflicts) == 6 and succeeded
    assert all(c.code == e.CONCURRENT_MODIFICATION for c in conflicts)
    versions = [r["version"] for r in await service_pool.fetch("SELECT version FROM events ORDER BY version")]
    assert versions == list(range(1, 3 + len(succeeded)))
    assert await service_pool.fetchval("SELECT count(*) FROM activity_view") == len(succeeded)
