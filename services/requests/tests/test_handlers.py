"""Handlers on PostgreSQL: one command, one transaction; the read model is there at once."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date

import asyncpg
import pytest
from contracts.events.requests import AuthorityType, FocalPointKind, Region, ThematicArea
from requests_service.application.handlers import App, new_request_id
from requests_service.domain.commands import DecideRequest, Decision, NominateFocalPoint, Requester, SubmitRequest
from service_core.auth import Principal, Role
from service_core.errors import DomainError, Forbidden, NotFound

MANAGER = Principal("pm", frozenset({Role.PROGRAMME_MANAGER}))
ASIA = Principal("rc-asia", frozenset({Role.REGIONAL_COORDINATOR}), region="ASIA")
AFRICA = Principal("rc-africa", frozenset({Role.REGIONAL_COORDINATOR}), region="AFRICA")


def thailand(request_id: str = "req-th", received_on: date = date(2013, 3, 1)) -> SubmitRequest:
    return SubmitRequest(
        request_id=request_id,
        authority=Requester(
            "Ministry of Social Development and Human Security", AuthorityType.NATIONAL_GOVERNMENT, "MSDHS"
        ),
        region=Region.ASIA,
        thematic_area=ThematicArea.IRREGULAR_MIGRATION_THB,
        topic="Protection of victims of trafficking",
        description="Shelter procedures",
        received_on=received_on,
        countries=("TH",),
    )


async def test_submitting_stores_two_events_and_the_view_in_one_go(services: App, service_pool: asyncpg.Pool) -> None:
    result = await services.handle(thailand(), MANAGER)

    assert result.version == 2
    rows = await service_pool.fetch("SELECT event_name, version, position FROM events ORDER BY position")
    assert [r["event_name"] for r in rows] == ["RequestSubmitted", "RequestEligibilityAssessed"]
    assert result.position == rows[-1]["position"]
    view = await service_pool.fetchrow("SELECT status, eligible, authority_id, version FROM request_view")
    issued = await service_pool.fetchval("SELECT authority_id FROM authority")
    assert dict(view) == {"status": "OPEN", "eligible": True, "authority_id": issued, "version": 2}


async def test_an_ineligible_request_is_stored_with_its_reasons(services: App, service_pool: asyncpg.Pool) -> None:
    cso = Requester("Migrant rights network", AuthorityType.CIVIL_SOCIETY, "MRN")
    await services.handle(replace(thailand(), authority=cso), MANAGER)

    view = await service_pool.fetchrow("SELECT status, eligible, eligibility_reasons FROM request_view")
    assert view["status"] == "INELIGIBLE"
    assert view["eligible"] is False
    assert [r["code"] for r in view["eligibility_reasons"]] == ["REQUESTER_TYPE_NOT_YET_ELIGIBLE"]


async def test_a_refused_command_stores_nothing(services: App, service_pool: asyncpg.Pool) -> None:
    await services.handle(thailand(), MANAGER)
    await services.handle(DecideRequest("req-th", Decision.REJECT, "out of scope", date(2013, 4, 1)), MANAGER)
    before = await service_pool.fetchval("SELECT count(*) FROM events")

    with pytest.raises(DomainError) as refused:
        await services.handle(DecideRequest("req-th", Decision.APPROVE, "changed our mind", date(2013, 5, 1)), MANAGER)

    assert refused.value.code == "REQUEST_ALREADY_DECIDED"
    assert await service_pool.fetchval("SELECT count(*) FROM events") == before
    assert await service_pool.fetchval("SELECT status FROM request_view") == "REJECTED"


async def test_a_coordinator_of_another_region_cannot_find_the_request(services: App) -> None:
    await services.handle(thailand(), MANAGER)
    with pytest.raises(NotFound):
        await services.handle(DecideRequest("req-th", Decision.APPROVE, "ok", date(2013, 4, 1)), AFRICA)
    result = await services.handle(DecideRequest("req-th", Decision.APPROVE, "ok", date(2013, 4, 1)), ASIA)
    assert result.version == 3


async def test_a_coordinator_cannot_submit_for_another_region(services: App) -> None:
    with pytest.raises(Forbidden):
        await services.handle(thailand(), AFRICA)


async def test_two_concurrent_decisions_one_wins_the_other_gets_a_409(
    services: App, service_pool: asyncpg.Pool
) -> None:
    await services.handle(thailand(), MANAGER)
    approve = DecideRequest("req-th", Decision.APPROVE, "ok", date(2013, 4, 1))
    reject = DecideRequest("req-th", Decision.REJECT, "no", date(2013, 4, 1))

    outcomes = await asyncio.gather(
        services.handle(approve, MANAGER), services.handle(reject, MANAGER), return_exceptions=True
    )

    errors = [o for o in outcomes if isinstance(o, DomainError)]
    assert len(errors) == 1
    assert errors[0].code in ("CONCURRENT_MODIFICATION", "REQUEST_ALREADY_DECIDED")
    assert await service_pool.fetchval("SELECT count(*) FROM events WHERE stream_id = 'req-th'") == 3


async def test_the_focal_points_personal_data_is_kept_in_the_services_table_only(
    services: App, service_pool: asyncpg.Pool
) -> None:
    await services.handle(thailand(), MANAGER)
    nominate = NominateFocalPoint("req-th", "fp-1", FocalPointKind.STRATEGIC, "Somchai Example", "Director", "DATIP")

    await services.handle(nominate, ASIA)

    contact = await service_pool.fetchrow("SELECT name, role, institution FROM focal_point_personal_data")
    assert dict(contact) == {"name": "Somchai Example", "role": "Director", "institution": "DATIP"}
    stored = await service_pool.fetch("SELECT data::text AS data FROM events")
    assert not any("Somchai" in row["data"] or "Director" in row["data"] for row in stored)


def test_an_external_reference_always_gives_the_same_request_id() -> None:
    assert new_request_id("demo-1") == new_request_id("demo-1") != new_request_id("demo-2")
    assert new_request_id() != new_request_id()
