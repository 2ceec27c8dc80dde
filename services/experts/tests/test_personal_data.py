"""Personal data: only for the authorised, never on the stream, erased for good on request (R17)."""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

import asyncpg
import httpx
from contracts.events import default_registry
from experts_service.bootstrap import definition
from service_core.rebuild import rebuild_projections
from service_core.testing.backends import Backend
from service_core.testing.kafka import relayed

from .conftest import Auth, Deliver, action_opened, activity_planned, ok, propose, register
from .test_api_lifecycle import held

PEOPLE = (
    ("Ana Exemplo", "ana.exemplo@example.org", {}),
    ("Kofi Sample", "kofi.sample@example.org", {"category": "NON_EU_GOVERNMENTAL", "nationality": "GH"}),
    ("Maria Triangular", "maria@example.org", {"category": "NON_EU_GOVERNMENTAL", "nationality": "CV"}),
)


async def deployed_team(client: httpx.AsyncClient, auth: Auth, deliver: Deliver) -> tuple[str, list[str], list[str]]:
    """Three experts (Portugal, Ghana, Cabo Verde) confirmed on a held workshop in Cabo Verde."""
    pm = auth("programme_manager")
    action_id = str(uuid.uuid4())
    await deliver(action_opened(action_id))
    planned = activity_planned(action_id, date(2019, 5, 6))
    await deliver(planned)
    experts = [await register(client, auth, n, e, **c) for n, e, c in PEOPLE]
    deployments = [await propose(client, auth, x, planned.activity_id) for x in experts]
    for d in deployments:
        await ok(await client.post(f"/deployments/{d}/confirmation", json={}, headers=pm))
    await deliver(held(action_id, planned.activity_id, date(2019, 5, 6)))
    return action_id, experts, deployments


async def test_personal_data_is_shown_to_programme_managers_and_the_expert_only(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    expert_id = await register(client, auth, "Ana Exemplo", "ana@example.org")
    other = await register(client, auth, "Kofi Sample", "kofi@example.org", category="NON_EU_GOVERNMENTAL",
                           nationality="GH")  # fmt: skip

    as_pm = await ok(await client.get(f"/experts/{expert_id}", headers=auth("programme_manager")))
    as_self = await ok(await client.get(f"/experts/{expert_id}", headers=auth("expert", expert_id=expert_id)))
    as_other_expert = await client.get(f"/experts/{expert_id}", headers=auth("expert", expert_id=other))
    as_reporting = await client.get(f"/experts/{expert_id}", headers=auth("reporting"))
    own_list = await ok(await client.get("/experts", headers=auth("expert", expert_id=expert_id)))

    assert as_pm["personal_data"]["email"] == "ana@example.org"
    assert as_self["personal_data"]["full_name"] == "Ana Exemplo"
    assert as_other_expert.status_code == 404
    assert as_reporting.status_code == 403
    assert [e["id"] for e in own_list["items"]] == [expert_id]


async def test_a_regional_coordinator_sees_profiles_of_experts_deployed_in_its_region_without_contacts(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    _, experts, _ = await deployed_team(client, auth, deliver)
    idle = await register(client, auth, "Idle Person", "idle@example.org")

    africa = await ok(await client.post("/experts/batch", json={"ids": [*experts, idle]},
                                        headers=auth("regional_coordinator", region="AFRICA")))  # fmt: skip
    asia = await ok(await client.get("/experts", headers=auth("regional_coordinator", region="ASIA")))

    assert [e and e["id"] for e in africa["items"]] == [*experts, None]
    assert all(e["personal_data"] is None for e in africa["items"] if e)
    assert asia["items"] == [] and asia["total_count"] == 0


async def test_erasure_removes_personal_data_from_every_api_while_deployments_still_count(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver, service_pool: asyncpg.Pool
) -> None:
    pm = auth("programme_manager")
    action_id, experts, deployments = await deployed_team(client, auth, deliver)
    erased = experts[0]
    await ok(await client.post(f"/deployments/{deployments[0]}/evaluation",
                               json={"expertise": 4, "communication": 4, "preparation": 4, "notes": "Ana was great"},
                               headers=pm))  # fmt: skip

    answer = await ok(await client.post(f"/experts/{erased}/erasure", json={}, headers=pm))

    assert answer["expert"]["status"] == "ERASED" and answer["expert"]["personal_data"] is None
    everything: list[Any] = [
        await ok(await client.get(f"/experts/{erased}", headers=pm)),
        await ok(await client.get(f"/experts/{erased}", headers=auth("expert", expert_id=erased))),
        await ok(await client.get("/experts", headers=pm)),
        await ok(await client.post("/experts/batch", json={"ids": experts}, headers=pm)),
        await ok(await client.post("/deployments/batch-by-expert", json={"expert_ids": experts}, headers=pm)),
        await ok(await client.get(f"/deployments/{deployments[0]}", headers=pm)),
    ]
    text = json.dumps(everything)
    assert "Ana Exemplo" not in text and "ana.exemplo@example.org" not in text and "Ana was great" not in text
    assert "Kofi Sample" in text  # the others keep theirs
    assert await service_pool.fetchval("SELECT count(*) FROM expert_personal_data WHERE expert_id = $1", erased) == 0
    assert await service_pool.fetchval("SELECT count(*) FROM evaluation_notes WHERE expert_id = $1", erased) == 0
    composition = await ok(await client.get(f"/actions/{action_id}/composition", headers=pm))
    assert composition["experts_count"] == 3 and composition["completed_deployments_count"] == 3
    refused = await client.put(f"/experts/{erased}/profile", json={"profile": everything[0] and {
        "category": "OTHER", "nationality": "PT", "sector": "ACADEMIA"}}, headers=pm)  # fmt: skip
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "EXPERT_ERASED")


async def test_a_rebuild_gives_the_same_rows_and_keeps_personal_data(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver, service_pool: asyncpg.Pool
) -> None:
    await deployed_team(client, auth, deliver)
    tables = ("expert_view", "deployment_view", "expert_personal_data", "known_activity")
    before = {t: [dict(r) for r in await service_pool.fetch(f"SELECT * FROM {t} ORDER BY 1")] for t in tables}

    await rebuild_projections(service_pool, default_registry(), list(definition.projections()))

    after = {t: [dict(r) for r in await service_pool.fetch(f"SELECT * FROM {t} ORDER BY 1")] for t in tables}
    assert after == before and len(before["expert_personal_data"]) == 3


async def test_nothing_the_relay_publishes_holds_a_name_email_or_phone(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver, service_pool: asyncpg.Pool, backend: Backend, topic: str
) -> None:
    pm = auth("programme_manager")
    action_id, experts, deployments = await deployed_team(client, auth, deliver)
    await ok(await client.post(f"/deployments/{deployments[1]}/evaluation",
                               json={"expertise": 5, "communication": 5, "preparation": 5, "notes": "Kofi Sample shone"},
                               headers=pm))  # fmt: skip
    await ok(await client.post(f"/experts/{experts[2]}/erasure", json={}, headers=pm))
    expected = await service_pool.fetchval("SELECT count(*) FROM events")
    records = await relayed("experts", service_pool, default_registry(), backend.bootstrap_servers, topic, expected)

    assert len(records) == expected
    types = {dict(r.headers)["ce_type"].decode() for r in records}
    assert {"eu.mieux.experts.DeploymentCompleted.v1", "eu.mieux.experts.ExpertPersonalDataErased.v1"} <= types
    completed = [json.loads(r.value) for r in records if b"DeploymentCompleted" in dict(r.headers)["ce_type"]]
    assert {c["action_id"] for c in completed} == {action_id}
    assert {(c["category"], c["nationality"]) for c in completed} >= {("EU_MS_GOVERNMENTAL", "PT")}
    forbidden = [p for n, e, _ in PEOPLE for p in (n, e, n.split()[0], n.split()[1])] + ["+351", "shone", "CV of"]
    for record in records:
        published = record.value.decode() + " ".join(v.decode() for _, v in record.headers)
        found = [p for p in forbidden if p in published]
        assert not found, (found, published)
