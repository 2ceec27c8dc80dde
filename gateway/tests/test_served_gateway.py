"""The gateway served as `python -m gateway` serves it (uvicorn on a real socket, a free port): oversized headers
get the gateway's 431 with a code rather than the HTTP parser's bare 400, and /healthz answers while a hostile
document is being refused."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn
from gateway.__main__ import server_config
from gateway.settings import GatewaySettings
from service_core.embedded.errors import free_port
from service_core.embedded.welcome import dev_token

from .conftest import Stack
from .test_hostile_queries import nested_fragments

AUTH = {"authorization": f"Bearer {dev_token('programme_manager')}"}


@pytest.fixture
async def served(stack: Stack) -> AsyncIterator[str]:
    port = free_port()
    config = server_config(stack.gateway, GatewaySettings(http_port=port))
    config.lifespan = "off"  # the stack fixture runs the gateway's lifespan
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn exposes a flag, not an event
        await asyncio.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await serving


async def test_oversized_headers_over_a_real_socket_are_a_431_with_a_code(served: str) -> None:
    async with httpx.AsyncClient(base_url=served) as http:
        response = await http.post(
            "/graphql", json={"query": "{ __typename }"}, headers={**AUTH, "x-padding": "p" * 100_000}
        )
    assert response.status_code == 431
    assert response.json()["errors"][0]["extensions"]["code"] == "HEADERS_TOO_LARGE"


async def test_health_answers_while_a_hostile_document_is_refused(served: str) -> None:
    hostile = {"query": nested_fragments(levels=12, spreads=10)}
    async with httpx.AsyncClient(base_url=served) as http:
        refused, health = await asyncio.gather(http.post("/graphql", json=hostile, headers=AUTH), http.get("/healthz"))
    assert health.json() == {"status": "ok"}
    assert {e["extensions"]["code"] for e in refused.json()["errors"]} == {
        "TOO_MANY_ROOT_FIELDS",
        "COST_LIMIT_EXCEEDED",
    }
