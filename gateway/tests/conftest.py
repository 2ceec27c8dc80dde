"""The gateway in-process over the real requests service app (real PostgreSQL), no sockets."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx
import pytest
from actions_service.application.policies import when_request_approved_open_action
from actions_service.bootstrap import ActionsSettings
from actions_service.bootstrap import definition as actions_definition
from actions_service.projections.action_view import ActionView
from contracts.envelope import CloudEventHeaders
from contracts.events import default_registry
from contracts.events.actions import Phase
from contracts.events.requests import RequestApproved
from fastapi import FastAPI
from gateway.app import create_gateway_app
from gateway.settings import GatewaySettings
from requests_service.bootstrap import RequestsSettings
from requests_service.bootstrap import definition as requests_definition
from service_core.consumer import ReceivedEvent
from service_core.embedded.welcome import dev_token
from service_core.migrate import migrations_in
from service_core.runtime import build_app
from service_core.store.postgres import PostgresEventStore
from service_core.testing.backends import Backend
from service_core.testing.fixtures import DatabaseFactory

Gql = Callable[..., Awaitable[dict[str, Any]]]


@dataclass
class Stack:
    """The gateway over in-process services; `deliver()` plays the broker between them (tests/e2e use Kafka)."""

    gateway: FastAPI
    requests_pool: asyncpg.Pool
    actions_pool: asyncpg.Pool
    delivered: int = 0

    async def deliver(self) -> None:
        """Hand every new requests event to the actions service's policy, with its inbox, as the consumer does."""
        registry = default_registry()
        policy = when_request_approved_open_action(registry, [ActionView()], Phase.MIEUX_PLUS)
        for recorded in await PostgresEventStore(self.requests_pool, registry).read_all(self.delivered):
            self.delivered = recorded.position
            if not isinstance(recorded.event, RequestApproved):
                continue
            envelope = CloudEventHeaders(
                id=str(recorded.event_id),
                source="/mieux/requests",
                type=RequestApproved.ce_type(),
                time=recorded.recorded_at,
                subject=recorded.stream_id,
                dataschema="",
            )
            received = ReceivedEvent(envelope, recorded.event, recorded.stream_id, "mieux.requests.v1", 0, 0)
            async with self.actions_pool.acquire() as conn, conn.transaction():
                await conn.execute("INSERT INTO inbox (consumer, event_id) VALUES ('actions', $1)", envelope.id)
                await policy(conn, received)


@pytest.fixture
async def stack(databases: DatabaseFactory, backend: Backend) -> AsyncIterator[Stack]:
    requests_db = await databases.create(migrations_in("requests_service"))
    actions_db = await databases.create(migrations_in("actions_service"))
    kafka = backend.bootstrap_servers
    requests_app = build_app(
        requests_definition,
        RequestsSettings(database_url=requests_db, kafka_bootstrap_servers=kafka),
        relay=False,
        consume=False,
    )
    actions_app = build_app(
        actions_definition,
        ActionsSettings(database_url=actions_db, kafka_bootstrap_servers=kafka),
        relay=False,
        consume=False,
    )
    async with requests_app.router.lifespan_context(requests_app), actions_app.router.lifespan_context(actions_app):
        transports = {
            "requests": httpx.ASGITransport(app=requests_app),
            "actions": httpx.ASGITransport(app=actions_app),
        }
        app = create_gateway_app(GatewaySettings(), transports=transports)
        async with app.router.lifespan_context(app):
            yield Stack(app, requests_app.state.context.pool, actions_app.state.context.pool)


@pytest.fixture
def gateway_app(stack: Stack) -> FastAPI:
    return stack.gateway


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
