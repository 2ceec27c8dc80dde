"""The gateway in-process over the real requests service app (real PostgreSQL), no sockets."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from gateway.app import create_gateway_app
from gateway.settings import GatewaySettings
from requests_service.bootstrap import RequestsSettings, definition
from service_core.embedded.welcome import dev_token
from service_core.migrate import migrations_in
from service_core.runtime import build_app
from service_core.testing.backends import Backend
from service_core.testing.fixtures import DatabaseFactory

Gql = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
async def gateway_app(databases: DatabaseFactory, backend: Backend) -> AsyncIterator[FastAPI]:
    database = await databases.create(migrations_in("requests_service"))
    service = build_app(
        definition,
        RequestsSettings(database_url=database, kafka_bootstrap_servers=backend.bootstrap_servers),
        relay=False,
        consume=False,
    )
    async with service.router.lifespan_context(service):
        app = create_gateway_app(GatewaySettings(), transports={"requests": httpx.ASGITransport(app=service)})
        async with app.router.lifespan_context(app):
            yield app


@pytest.fixture
async def http(gateway_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=gateway_app), base_url="http://gw") as client:
        yield client


@pytest.fixture
def gql(http: httpx.AsyncClient) -> Gql:
    async def call(
        query: str, role: str = "programme_manager", claims: dict[str, str] | None = None, **variables: Any
    ) -> dict[str, Any]:
        token = dev_token(role, **(claims or {}))
        response = await http.post(
            "/graphql", json={"query": query, "variables": variables}, headers={"authorization": f"Bearer {token}"}
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    return call


def submission(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "authority": {"name": "Ministry of Labour", "acronym": "MOL", "type": "NATIONAL_GOVERNMENT"},
        "countries": ["CV"],
        "region": "AFRICA",
        "thematicArea": "LEGAL_MIGRATION_MOBILITY",
        "topic": "Labour migration",
        "description": "Strategy support.",
        "receivedOn": "2019-03-04",
    }
    base.update(overrides)
    return base


SUBMIT = """mutation($input: SubmitRequestInput!) {
  submitRequest(input: $input) { request { id status eligible region } errors { code message field } consistencyToken }
}"""
