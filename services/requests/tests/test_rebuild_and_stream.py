"""A rebuild gives the same read model (and keeps personal data); the relay publishes with no personal data."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import asyncpg
import httpx
from contracts.events import default_registry
from requests_service.bootstrap import definition
from service_core.rebuild import rebuild_projections
from service_core.testing.backends import Backend
from service_core.testing.kafka import relayed

Body = Callable[..., dict[str, Any]]
Headers = Callable[..., dict[str, str]]
FOCAL_POINT = {"kind": "STRATEGIC", "name": "Malee Confidential", "role": "Director General", "institution": "DSDW"}


async def story(client: httpx.AsyncClient, auth: Headers, body: Body) -> str:
    """Submit, nominate a focal point, defer, approve; plus an ineligible and a withdrawn request."""
    pm = auth("programme_manager")
    request_id: str = (await client.post("/requests", json=body(), headers=pm)).json()["request"]["id"]
    await client.post(f"/requests/{request_id}/focal-points", json=FOCAL_POINT, headers=pm)
    for decision, on in (("DEFER", "2013-04-01"), ("APPROVE", "2013-05-01")):
        response = await client.post(
            f"/requests/{request_id}/decision",
            json={"decision": decision, "reason": "PSG", "decided_on": on},
            headers=pm,
        )
        assert response.status_code == 200, response.text
    cso = {"name": "Civil society platform", "type": "CIVIL_SOCIETY"}
    await client.post("/requests", json=body(authority=cso, received_on="2015-02-01"), headers=pm)
    other = (await client.post("/requests", json=body(topic="Labour migration"), headers=pm)).json()["request"]["id"]
    await client.post(f"/requests/{other}/withdrawal", json={"reason": "merged"}, headers=pm)
    return request_id


async def snapshot(pool: asyncpg.Pool) -> dict[str, list[dict[str, Any]]]:
    tables = ("request_view", "request_focal_points", "focal_point_personal_data")
    return {t: [dict(r) for r in await pool.fetch(f"SELECT * FROM {t} ORDER BY 1")] for t in tables}


async def test_a_projection_rebuild_gives_identical_rows_and_keeps_personal_data(
    client: httpx.AsyncClient, auth: Headers, body: Body, service_pool: asyncpg.Pool
) -> None:
    await story(client, auth, body)
    before = await snapshot(service_pool)

    replayed = await rebuild_projections(service_pool, default_registry(), list(definition.projections()))

    assert replayed == await service_pool.fetchval("SELECT count(*) FROM events")
    assert await snapshot(service_pool) == before
    assert before["focal_point_personal_data"][0]["name"] == "Malee Confidential"


async def test_request_approved_is_published_with_cloudevents_headers_and_no_personal_data(
    client: httpx.AsyncClient, auth: Headers, body: Body, service_pool: asyncpg.Pool, backend: Backend, topic: str
) -> None:
    request_id = await story(client, auth, body)
    expected = await service_pool.fetchval("SELECT count(*) FROM events")
    records = await relayed("requests", service_pool, default_registry(), backend.bootstrap_servers, topic, expected)

    assert len(records) == expected
    [approved] = [r for r in records if dict(r.headers)["ce_type"] == b"eu.mieux.requests.RequestApproved.v1"]
    headers = {k: v.decode() for k, v in approved.headers}
    assert approved.key == request_id.encode()
    assert headers["ce_specversion"] == "1.0"
    assert headers["ce_source"] == "/mieux/requests"
    assert headers["ce_subject"] == request_id
    assert headers["ce_dataschema"].endswith("requests/RequestApproved.v1.json")
    assert headers["content-type"] == "application/json"
    data = json.loads(approved.value)
    assert data["request_id"] == request_id
    issued = await service_pool.fetchval("SELECT authority_id FROM request_view WHERE id = $1", request_id)
    assert (data["region"], data["countries"], data["authority_id"]) == ("ASIA", ["TH"], issued)
    assert (data["received_on"], data["approved_on"]) == ("2013-03-01", "2013-05-01")
    for record in records:
        published = record.value.decode() + " ".join(v.decode() for _, v in record.headers)
        for personal in FOCAL_POINT.values():
            if personal != "STRATEGIC":
                assert personal not in published
