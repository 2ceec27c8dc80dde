"""The policy on RequestApproved opens exactly one Action per approved request, with distinct codes."""

from __future__ import annotations

import asyncio
from datetime import date

import asyncpg
from actions_service.application.policies import action_id_for

from .conftest import Deliver, approval


async def actions(pool: asyncpg.Pool) -> list[dict[str, object]]:
    rows = await pool.fetch("SELECT id, request_id, code, ordinal, label, phase, status FROM action_view ORDER BY code")
    return [dict(r) for r in rows]


async def test_an_approved_request_opens_an_action_with_code_ordinal_and_phase(
    deliver: Deliver, service_pool: asyncpg.Pool
) -> None:
    approved = approval()

    await deliver(approved)

    [action] = await actions(service_pool)
    assert action == {
        "id": action_id_for(approved.request_id),
        "request_id": approved.request_id,
        "code": "2016-01",
        "ordinal": 1,
        "label": "Cabo Verde I",
        "phase": "MIEUX_III",
        "status": "IN_PREPARATION",
    }


async def test_the_same_approval_delivered_twice_opens_one_action(deliver: Deliver, service_pool: asyncpg.Pool) -> None:
    approved = approval()

    await deliver(approved, event_id="e-1")
    await deliver(approved, event_id="e-1")  # redelivered: the inbox drops it
    await deliver(approved, event_id="e-2")  # replayed under another id: the Action exists, nothing happens

    assert len(await actions(service_pool)) == 1
    assert await service_pool.fetchval("SELECT count(*) FROM events") == 1
    assert await service_pool.fetchval("SELECT last FROM action_code_sequence WHERE year = 2016") == 1


async def test_concurrent_deliveries_of_one_approval_open_one_action(
    deliver: Deliver, service_pool: asyncpg.Pool
) -> None:
    approved = approval()

    await asyncio.gather(*(deliver(approved, event_id=f"e-{i}") for i in range(6)))

    assert len(await actions(service_pool)) == 1
    assert await service_pool.fetchval("SELECT count(*) FROM events") == 1


async def test_concurrent_approvals_of_different_requests_get_distinct_codes_and_ordinals(
    deliver: Deliver, service_pool: asyncpg.Pool
) -> None:
    approvals = [approval() for _ in range(8)]

    await asyncio.gather(*(deliver(a) for a in approvals))

    opened = await actions(service_pool)
    assert sorted(str(a["code"]) for a in opened) == [f"2016-{n:02d}" for n in range(1, 9)]
    assert sorted(int(str(a["ordinal"])) for a in opened) == list(range(1, 9))


async def test_codes_restart_each_year_and_ordinals_count_per_country_or_organisation(
    deliver: Deliver, service_pool: asyncpg.Pool
) -> None:
    await deliver(approval(received_on=date(2016, 3, 1)))
    await deliver(approval(received_on=date(2016, 9, 1), approved_on=date(2016, 10, 1)))
    await deliver(approval(received_on=date(2017, 1, 10), approved_on=date(2017, 2, 1), countries=("KE",)))
    await deliver(
        approval(
            received_on=date(2019, 2, 1),
            approved_on=date(2020, 5, 1),
            countries=(),
            regional_organisation="COMESA",
        )
    )

    labels = {a["code"]: (a["label"], a["phase"]) for a in await actions(service_pool)}
    assert labels == {
        "2016-01": ("Cabo Verde I", "MIEUX_III"),
        "2016-02": ("Cabo Verde II", "MIEUX_III"),
        "2017-01": ("Kenya I", "MIEUX_III"),
        "2019-01": ("COMESA I", "MIEUX_PLUS"),
    }
