"""Policies apply each event once; the API checks the token, names bad fields and answers 404/409 codes."""

from __future__ import annotations

import uuid
from datetime import date

import asyncpg
import httpx

from .conftest import Auth, Deliver, action_opened, activity_planned, ok, propose, register, registration
from .test_api_lifecycle import held, planned_workshop


async def test_an_activity_held_delivered_twice_completes_each_deployment_once(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver, service_pool: asyncpg.Pool
) -> None:
    action_id, activity_id = await planned_workshop(deliver)
    expert_id = await register(client, auth, "Ana Exemplo", "ana@example.org")
    deployment_id = await propose(client, auth, expert_id, activity_id)
    await ok(await client.post(f"/deployments/{deployment_id}/confirmation", json={},
                               headers=auth("programme_manager")))  # fmt: skip
    event = held(action_id, activity_id, date(2019, 5, 6))

    await deliver(event, event_id="e-1")
    await deliver(event, event_id="e-1")  # redelivered: the inbox drops it
    await deliver(event, event_id="e-2")  # replayed under another id: nothing left to complete

    completed = await service_pool.fetchval("SELECT count(*) FROM events WHERE event_name = 'DeploymentCompleted'")
    assert completed == 1
    assert await service_pool.fetchval("SELECT status FROM known_activity WHERE id = $1", activity_id) == "HELD"


async def test_an_activity_planned_delivered_twice_is_known_once(deliver: Deliver, service_pool: asyncpg.Pool) -> None:
    action_id = str(uuid.uuid4())
    planned = activity_planned(action_id, date(2019, 5, 6))
    await deliver(action_opened(action_id))
    await deliver(planned, event_id="p-1")
    await deliver(planned, event_id="p-1")
    await deliver(planned, event_id="p-2")
    assert await service_pool.fetchval("SELECT count(*) FROM known_activity") == 1
    assert await service_pool.fetchval("SELECT topic FROM known_action") == "Diaspora engagement and remittances"


async def test_every_endpoint_but_health_needs_a_token(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).status_code == 200
    for method, path in (("GET", "/experts"), ("POST", "/experts"), ("GET", "/actions/x/composition"),
                         ("GET", "/activities/x/candidates"), ("POST", "/deployments/batch-by-expert")):  # fmt: skip
        response = await client.request(method, path, json={})
        assert (response.status_code, response.json()["error"]["code"]) == (401, "UNAUTHENTICATED")


async def test_bad_input_is_refused_naming_the_field(client: httpx.AsyncClient, auth: Auth) -> None:
    pm = auth("programme_manager")
    bad_email = registration("Ana", "not-an-email")
    bad_member_state = registration("Ana", "ana@example.org", member_state="CH")
    bad_score_body = {"expertise": 6, "communication": 4, "preparation": 4}

    e1 = (await client.post("/experts", json=bad_email, headers=pm)).json()["error"]
    e2 = (await client.post("/experts", json=bad_member_state, headers=pm)).json()["error"]
    e3 = (await client.post("/deployments/x/evaluation", json=bad_score_body, headers=pm)).json()["error"]
    e4 = (await client.get("/experts?category=KING", headers=pm)).json()["error"]

    assert e1["field"] == "personal_data.email"
    assert (e2["code"], e2["field"]) == ("NOT_AN_EU_MEMBER_STATE", "profile.member_state")
    assert e3["field"] == "expertise"
    assert e4["field"] == "category"


async def test_unknown_ids_are_404_and_batches_answer_one_item_per_id(client: httpx.AsyncClient, auth: Auth) -> None:
    pm = auth("programme_manager")
    expert_id = await register(client, auth, "Ana Exemplo", "ana@example.org")
    assert (await client.get("/experts/nope", headers=pm)).status_code == 404
    assert (await client.get("/deployments/nope", headers=pm)).status_code == 404
    assert (await client.get("/activities/nope/candidates", headers=pm)).status_code == 404
    assert (await client.post("/deployments/nope/confirmation", json={}, headers=pm)).status_code == 404
    batch = await ok(await client.post("/experts/batch", json={"ids": ["nope", expert_id, "nope"]}, headers=pm))
    assert [e and e["id"] for e in batch["items"]] == [None, expert_id, None]
    lists = await ok(await client.post("/deployments/batch-by-activity", json={"activity_ids": ["a", "b"]}, headers=pm))
    assert lists["items"] == [[], []]


async def test_registering_the_same_email_or_reference_twice_is_refused(client: httpx.AsyncClient, auth: Auth) -> None:
    pm = auth("programme_manager")
    await register(client, auth, "Ana Exemplo", "ana@example.org")
    same_email = await client.post("/experts", json=registration("Other", "ANA@example.org"), headers=pm)
    body = {**registration("Ref", "ref@example.org"), "external_reference": "demo-1"}
    await ok(await client.post("/experts", json=body, headers=pm), 201)
    same_reference = await client.post("/experts", json={**body, "personal_data": {**body["personal_data"],
                                                         "email": "ref2@example.org"}}, headers=pm)  # fmt: skip
    assert same_email.json()["error"]["code"] == "EMAIL_ALREADY_REGISTERED"
    assert same_reference.json()["error"]["code"] == "EXPERT_ALREADY_REGISTERED"


async def test_roles_are_held_to_their_scope(client: httpx.AsyncClient, auth: Auth, deliver: Deliver) -> None:
    _, activity_id = await planned_workshop(deliver)
    expert_id = await register(client, auth, "Ana Exemplo", "ana@example.org")
    other = await register(client, auth, "Kofi Sample", "kofi@example.org")
    deployment_id = await propose(client, auth, expert_id, activity_id)
    africa, asia = auth("regional_coordinator", region="AFRICA"), auth("regional_coordinator", region="ASIA")

    assert (await client.post("/experts", json=registration("X", "x@example.org"), headers=africa)).status_code == 403
    assert (await client.get(f"/activities/{activity_id}/candidates", headers=africa)).status_code == 200
    assert (await client.get(f"/activities/{activity_id}/candidates", headers=asia)).status_code == 404
    assert (await client.get(f"/activities/{activity_id}/candidates", headers=auth("reporting"))).status_code == 403
    proposal = {"expert_id": other, "activity_id": activity_id}
    assert (await client.post("/deployments", json=proposal, headers=africa)).status_code == 201
    assert (await client.post("/deployments", json=proposal, headers=asia)).status_code == 404
    wrong_expert = await client.post(f"/deployments/{deployment_id}/confirmation", json={},
                                     headers=auth("expert", expert_id=other))  # fmt: skip
    assert wrong_expert.status_code == 404
    own = await ok(await client.post("/deployments/batch-by-expert", json={"expert_ids": [expert_id, other]},
                                     headers=auth("expert", expert_id=expert_id)))  # fmt: skip
    assert [len(x) for x in own["items"]] == [1, 0]
    assert (await client.get("/deployments/" + deployment_id, headers=auth("reporting"))).status_code == 403
