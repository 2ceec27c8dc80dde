"""No double booking, even under concurrent confirmations: the expert's stream serialises them."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date

import asyncpg
import httpx

from .conftest import Auth, Deliver, action_opened, activity_planned, ok, propose, register


async def overlapping_activities(deliver: Deliver, count: int) -> list[str]:
    """`count` activities of different Actions, each overlapping the others on 2019-05-08."""
    ids = []
    for i in range(count):
        action_id = str(uuid.uuid4())
        await deliver(action_opened(action_id))
        planned = activity_planned(action_id, date(2019, 5, 1 + i % 5), date(2019, 5, 8 + i % 3))
        await deliver(planned)
        ids.append(planned.activity_id)
    return ids


async def test_many_concurrent_confirmations_of_overlapping_activities_leave_exactly_one_confirmed(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver, service_pool: asyncpg.Pool
) -> None:
    expert_id = await register(client, auth, "Ana Exemplo", "ana@example.org")
    activities = await overlapping_activities(deliver, 10)
    deployments = [await propose(client, auth, expert_id, activity_id) for activity_id in activities]
    as_expert = auth("expert", expert_id=expert_id)

    answers = await asyncio.gather(
        *(client.post(f"/deployments/{d}/confirmation", json={}, headers=as_expert) for d in deployments)
    )

    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200] + [409] * 9, [a.text for a in answers]
    codes = {a.json()["error"]["code"] for a in answers if a.status_code == 409}
    assert codes <= {"EXPERT_DOUBLE_BOOKED", "CONCURRENT_MODIFICATION"}
    assert "EXPERT_DOUBLE_BOOKED" in codes
    confirmed = await service_pool.fetchval(
        "SELECT count(*) FROM events WHERE stream_id = $1 AND event_name = 'DeploymentConfirmed'", expert_id
    )
    assert confirmed == 1
    assert await service_pool.fetchval("SELECT count(*) FROM deployment_view WHERE status = 'CONFIRMED'") == 1


async def test_a_confirmed_expert_is_refused_on_an_overlapping_activity_but_not_on_a_later_one(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    pm = auth("programme_manager")
    expert_id = await register(client, auth, "Ana Exemplo", "ana@example.org")
    first, overlapping = await overlapping_activities(deliver, 2)
    action_id = str(uuid.uuid4())
    await deliver(action_opened(action_id))
    later = activity_planned(action_id, date(2019, 9, 2))
    await deliver(later)
    d1, d2 = [await propose(client, auth, expert_id, a) for a in (first, overlapping)]
    await ok(await client.post(f"/deployments/{d1}/confirmation", json={}, headers=pm))

    refused = await client.post(f"/deployments/{d2}/confirmation", json={}, headers=pm)
    proposal = await client.post("/deployments", json={"expert_id": expert_id, "activity_id": overlapping}, headers=pm)
    candidates = await ok(await client.get(f"/activities/{overlapping}/candidates", headers=pm))
    d3 = await propose(client, auth, expert_id, later.activity_id)

    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "EXPERT_DOUBLE_BOOKED")
    assert (proposal.status_code, proposal.json()["error"]["code"]) == (409, "DEPLOYMENT_ALREADY_EXISTS")
    assert candidates["items"] == [] and candidates["excluded"] == {"ALREADY_ON_ACTIVITY": 1}
    await ok(await client.post(f"/deployments/{d3}/confirmation", json={}, headers=pm))
