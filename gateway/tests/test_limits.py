"""Protection: a cost limit counting list sizes, persisted (trusted) operations, a request timeout."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from gateway.limits import TimeLimit, operation_hash
from service_core.embedded.welcome import dev_token
from starlette.types import Receive, Scope, Send

from .conftest import Gql, Stack, gateway_over

EXPENSIVE = """{ actions(first: 100) { edges { node { activities { edges { node { deployments { edges { node {
  expert { deployments { edges { node { activity { deployments { edges { node { id } } } } } } } } } } } } } } } } } }"""
MODEST = "{ requests(first: 50) { totalCount edges { node { id topic region } } } }"
AUTH = {"authorization": f"Bearer {dev_token('programme_manager')}"}


async def test_an_expensive_query_is_refused_before_it_runs_with_its_cost(gql: Gql, gateway_app: FastAPI) -> None:
    for client in gateway_app.state.services.all():
        client.calls.clear()
    body = await gql(EXPENSIVE)
    [error] = body["errors"]
    assert error["extensions"]["code"] == "COST_LIMIT_EXCEEDED"
    assert error["extensions"]["cost"] > error["extensions"]["maxCost"] == 10_000
    assert body["data"] is None
    assert all(not client.calls for client in gateway_app.state.services.all()), "no service was called"
    assert not (await gql(MODEST)).get("errors")


async def client_for(stack: Stack, **settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    async with gateway_over(stack, **settings) as (_, http):
        yield http


@pytest.fixture
async def trusted_only(stack: Stack, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    registry = tmp_path / "trusted.json"
    registry.write_text(json.dumps([MODEST]))
    async for http in client_for(stack, trusted_operations_file=registry, trusted_operations_only=True):
        yield http


async def test_in_trusted_mode_only_registered_operations_run(trusted_only: httpx.AsyncClient) -> None:
    by_hash = await trusted_only.post(
        "/graphql",
        headers=AUTH,
        json={"extensions": {"persistedQuery": {"version": 1, "sha256Hash": operation_hash(MODEST)}}},
    )
    raw_registered = await trusted_only.post("/graphql", headers=AUTH, json={"query": MODEST})
    raw_other = await trusted_only.post("/graphql", headers=AUTH, json={"query": "{ requests { totalCount } }"})
    unknown = await trusted_only.post(
        "/graphql", headers=AUTH, json={"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}}
    )

    assert by_hash.json()["data"]["requests"]["totalCount"] == 0
    assert "errors" not in raw_registered.json()
    assert raw_other.json()["errors"][0]["extensions"]["code"] == "OPERATION_NOT_TRUSTED"
    assert unknown.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


async def test_a_request_over_the_time_limit_is_cut_with_a_clear_code() -> None:
    """The last resort behind the service budget: whatever still runs at the time limit is stopped."""

    async def never_answers(scope: Scope, receive: Receive, send: Send) -> None:
        await asyncio.sleep(30)

    app = TimeLimit(never_answers, seconds=0.05)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as http:
        response = await http.post("/graphql", json={"query": MODEST})
    assert response.status_code == 504
    assert response.json()["errors"][0]["extensions"]["code"] == "REQUEST_TIMEOUT"
