"""The gateway in-process over the four real service apps (real PostgreSQL), no sockets."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from actions_service.bootstrap import ActionsSettings
from actions_service.bootstrap import definition as actions_definition
from contracts.envelope import CloudEventHeaders
from experts_service.bootstrap import ExpertsSettings
from experts_service.bootstrap import definition as experts_definition
from fastapi import FastAPI
from feedback_service.bootstrap import FeedbackSettings
from feedback_service.bootstrap import definition as feedback_definition
from gateway.app import create_gateway_app
from gateway.schema.global_ids import raw_id
from gateway.settings import GatewaySettings
from requests_service.bootstrap import RequestsSettings
from requests_service.bootstrap import definition as requests_definition
from service_core.consumer import ReceivedEvent
from service_core.embedded.welcome import dev_token
from service_core.migrate import migrations_in
from service_core.runtime import ServiceContext, ServiceDefinition, build_app
from service_core.testing.backends import Backend
from service_core.testing.fixtures import DatabaseFactory

from .live import Publish, publisher

Gql = Callable[..., Awaitable[dict[str, Any]]]


@dataclass
class InProcessService:
    definition: ServiceDefinition
    app: FastAPI
    delivered: dict[str, int] = field(default_factory=dict)  # source service -> last position handed over

    @property
    def context(self) -> ServiceContext:
        context: ServiceContext = self.app.state.context
        return context


@dataclass
class Stack:
    """The gateway over in-process services; `deliver()` plays the broker between them (tests/e2e use Kafka)."""

    gateway: FastAPI
    services: dict[str, InProcessService]

    async def deliver(self) -> None:
        """Hand every new event to the policies of the services consuming it (inbox and effects in one
        transaction, as the consumer does) until nothing moves: approvals open Actions, activities reach the
        experts and feedback services, feedback reaches the actions service."""
        moved = True
        while moved:
            moved = False
            for target in self.services.values():
                handlers = target.definition.handlers(target.context)
                for source_name in (topic.split(".")[1] for topic in target.definition.consumed_topics):
                    moved |= await self._hand_over(self.services[source_name], target, handlers)

    async def _hand_over(self, source: InProcessService, target: InProcessService, handlers: Any) -> bool:
        after = target.delivered.get(source.definition.name, 0)
        events = await source.context.store.read_all(after)
        for recorded in events:
            target.delivered[source.definition.name] = recorded.position
            handler = handlers.get(type(recorded.event))
            envelope = CloudEventHeaders(
                id=str(recorded.event_id),
                source=f"/mieux/{source.definition.name}",
                type=recorded.event.ce_type(),
                time=recorded.recorded_at,
                subject=recorded.stream_id,
                dataschema="",
            )
            received = ReceivedEvent(envelope, recorded.event, recorded.stream_id, source.definition.topic, 0, 0)
            async with target.context.pool.acquire() as conn, conn.transaction():
                await conn.execute(
                    "INSERT INTO inbox (consumer, event_id, source, source_position) VALUES ($1, $2, $3, $4)",
                    target.definition.name,
                    envelope.id,
                    source.definition.name,
                    recorded.position,
                )
                if handler is not None:
                    await handler(conn, received)
        return bool(events)


SERVICES = (
    (requests_definition, RequestsSettings),
    (actions_definition, ActionsSettings),
    (experts_definition, ExpertsSettings),
    (feedback_definition, FeedbackSettings),
)


@pytest.fixture
async def stack(databases: DatabaseFactory, backend: Backend) -> AsyncIterator[Stack]:
    async with contextlib.AsyncExitStack() as running:
        services: dict[str, InProcessService] = {}
        for definition, settings_class in SERVICES:
            database = await databases.create(migrations_in(definition.package))
            settings = settings_class(database_url=database, kafka_bootstrap_servers=backend.bootstrap_servers)
            app = build_app(definition, settings, relay=False, consume=False)
            await running.enter_async_context(app.router.lifespan_context(app))
            services[definition.name] = InProcessService(definition, app)
        transports = {name: httpx.ASGITransport(app=service.app) for name, service in services.items()}
        settings = GatewaySettings(kafka_bootstrap_servers=backend.bootstrap_servers)
        gateway = create_gateway_app(settings, transports=transports)
        await running.enter_async_context(gateway.router.lifespan_context(gateway))
        yield Stack(gateway, services)


@contextlib.asynccontextmanager
async def gateway_over(
    stack: Stack, over_sockets: tuple[str, ...] = (), **settings: Any
) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    """Another gateway, with these settings, over the same in-process services (except those reached over a
    real socket at their `<name>_url` setting); and a client for it."""
    transports = {
        name: httpx.ASGITransport(app=service.app)
        for name, service in stack.services.items()
        if name not in over_sockets
    }
    app = create_gateway_app(GatewaySettings(**settings), transports=transports)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as http,
    ):
        yield app, http


@pytest.fixture
def gateway_app(stack: Stack) -> FastAPI:
    return stack.gateway


@pytest.fixture
def gateway(stack: Stack) -> FastAPI:
    """The in-process gateway; its subscriptions read the session broker."""
    return stack.gateway


@pytest.fixture
async def publish(backend: Backend) -> AsyncIterator[Publish]:
    async with publisher(backend.bootstrap_servers) as send:
        yield send


@pytest.fixture
async def http(gateway_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=gateway_app), base_url="http://gw") as client:
        yield client


@pytest.fixture
def gql(http: httpx.AsyncClient) -> Gql:
    async def call(
        query: str,
        role: str = "programme_manager",
        claims: dict[str, str] | None = None,
        consistency: str | None = None,
        **variables: Any,
    ) -> dict[str, Any]:
        # a token names the caller's authority or expert by the service's id, not by the graph's global id
        token_claims = {name: raw_id(value) for name, value in (claims or {}).items()}
        headers = {"authorization": f"Bearer {dev_token(role, **token_claims)}"}
        if consistency:
            headers["x-consistency-token"] = consistency
        response = await http.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
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
