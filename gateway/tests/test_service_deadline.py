"""One deadline per request for every service call and retry: a service that accepts connections and never
answers costs the request its budget once (no retry of a read timeout), and its fields come back null with
SERVICE_UNAVAILABLE while the rest of the answer stands, well before the request's own time limit."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
from service_core.embedded.welcome import dev_token

from .conftest import Stack, gateway_over
from .sockets import tcp_server

AUTH = {"authorization": f"Bearer {dev_token('programme_manager')}"}


@dataclass
class HungService:
    """A real TCP server that reads what it is sent and never answers (a stopped, not dead, process)."""

    port: int = 0
    connections: int = 0
    requests_seen: int = 0
    _writers: list[asyncio.StreamWriter] = field(default_factory=list)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self._writers.append(writer)
        if await reader.readuntil(b"\r\n\r\n"):
            self.requests_seen += 1
        await reader.read()  # until the client gives up and closes


@pytest.fixture
async def hung() -> AsyncIterator[HungService]:
    service = HungService()
    async with tcp_server(service.handle) as service.port:
        yield service
        for writer in service._writers:
            writer.close()


async def test_a_hung_service_yields_partial_data_within_the_budget(stack: Stack, hung: HungService) -> None:
    settings = {
        "experts_url": f"http://127.0.0.1:{hung.port}",
        "service_timeout_s": 5.0,
        "service_budget_s": 0.5,
        "request_timeout_s": 2.0,  # were the budget ignored, this cuts the request: HTTP 504
        "read_retries": 2,
    }
    query = '{ requests(first: 5) { totalCount } expert(id: "e-1") { id } deployment(id: "d-1") { id } }'
    async with gateway_over(stack, over_sockets=("experts",), **settings) as (_, http):
        response = await http.post("/graphql", json={"query": query}, headers=AUTH)

    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"requests": {"totalCount": 0}, "expert": None, "deployment": None}
    unavailable = {tuple(e["path"]): e["extensions"] for e in body["errors"]}
    assert unavailable == {
        ("expert",): {"code": "SERVICE_UNAVAILABLE", "service": "experts"},
        ("deployment",): {"code": "SERVICE_UNAVAILABLE", "service": "experts"},
    }
    assert hung.requests_seen == 2  # one per field, neither retried after its read timed out
