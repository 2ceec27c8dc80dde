"""The HTTP API: a token everywhere but the probes, documented errors, complete OpenAPI."""

from __future__ import annotations

import httpx

from .conftest import Auth


async def test_every_route_but_the_probes_needs_a_token(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).status_code == 200
    for method, path in (
        ("GET", "/activities/a/summary"),
        ("POST", "/activities/a/participant-feedback"),
        ("GET", "/actions/a/feedback"),
        ("GET", "/completeness"),
        ("GET", "/reviews?period=2019"),
        ("POST", "/reviews/close"),
    ):
        answer = await client.request(method, path, json={})
        assert answer.status_code == 401, path
        assert answer.json()["error"]["code"] == "UNAUTHENTICATED"


async def test_openapi_documents_every_route_with_its_errors(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()

    paths = spec["paths"]
    assert {
        "/activities/{activity_id}/participant-feedback",
        "/activities/{activity_id}/participant-feedback/batch",
        "/activities/{activity_id}/summary",
        "/activities/{activity_id}/comments",
        "/summaries/batch-by-activity",
        "/actions/{action_id}/feedback",
        "/actions/{action_id}/feedback/{feedback_id}/correction",
        "/action-feedback/batch-by-action",
        "/completeness",
        "/reviews",
        "/reviews/close",
    } <= set(paths)
    give = paths["/activities/{activity_id}/participant-feedback"]["post"]
    assert {"201", "401", "403", "404", "409", "422"} <= set(give["responses"])
    assert "ParticipantRatings" in spec["components"]["schemas"]


async def test_an_unknown_criterion_or_code_is_refused_with_the_field(client: httpx.AsyncClient, auth: Auth) -> None:
    answer = await client.get("/completeness", params={"region": "MARS"}, headers=auth("programme_manager"))

    assert answer.status_code == 422 and answer.json()["error"]["field"] == "region"
