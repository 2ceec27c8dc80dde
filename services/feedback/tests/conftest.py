"""Fixtures of the feedback service's tests: a migrated database, the consumer's policies, the app and tokens."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time

import asyncpg
import httpx
import pytest
from contracts.base import DomainEvent
from contracts.envelope import CloudEventHeaders
from contracts.events import default_registry
from fastapi import Request
from feedback_service.application.handlers import App
from feedback_service.bootstrap import FeedbackSettings, definition
from service_core.consumer import ReceivedEvent
from service_core.migrate import migrations_in
from service_core.runtime import build_app, get_application, today
from service_core.store.postgres import PostgresEventStore, create_pool
from service_core.testing.backends import Backend
from service_core.testing.fixtures import DatabaseFactory
from service_core.testing.http import Auth, app_client, bearer

TODAY = date(2019, 10, 5)  # early 2019-Q4: the third quarter of 2019 has just closed


@pytest.fixture
async def service_database(databases: DatabaseFactory) -> str:
    return await databases.create(migrations_in("feedback_service"))


@pytest.fixture
async def service_pool(service_database: str) -> AsyncIterator[asyncpg.Pool]:
    created = await create_pool(service_database, min_size=1, max_size=10)
    yield created
    await created.close()


@pytest.fixture
def services(service_pool: asyncpg.Pool) -> App:
    return definition.application(PostgresEventStore(service_pool, default_registry()), clock=at_today)


def at_today() -> datetime:
    return datetime.combine(TODAY, time(12), UTC)


def application_today(request: Request) -> App:
    """The service's command side with its clock at TODAY (the routes' `Today` is overridden alike)."""
    return replace(get_application(request), clock=at_today)


Deliver = Callable[..., Awaitable[None]]


@pytest.fixture
def deliver(service_pool: asyncpg.Pool, services: App) -> Deliver:
    """Feed other services' events to the policies as the consumer does: inbox row and effects in one transaction."""
    policies = definition.consumer_handlers(services)

    async def run(*events: DomainEvent) -> None:
        for event in events:
            envelope = CloudEventHeaders(
                id=str(uuid.uuid4()),
                source=f"/mieux/{event.service}",
                type=event.ce_type(),
                time=datetime.now(UTC),
                subject="",
                dataschema="",
            )
            received = ReceivedEvent(envelope, event, "", f"mieux.{event.service}.v1", 0, 0)
            async with service_pool.acquire() as conn, conn.transaction():
                await conn.execute("INSERT INTO inbox (consumer, event_id) VALUES ('feedback', $1)", envelope.id)
                await policies[type(event)](conn, received)

    return run


@pytest.fixture
async def client(service_database: str, backend: Backend) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the service's app (lifespan entered, no relay, no consumer); today is TODAY."""
    settings = FeedbackSettings(database_url=service_database, kafka_bootstrap_servers=backend.bootstrap_servers)
    app = build_app(definition, settings, relay=False, consume=False)
    app.dependency_overrides[today] = lambda: TODAY
    app.dependency_overrides[get_application] = application_today
    async with app_client(app, "http://feedback") as http:
        yield http


@pytest.fixture
def auth() -> Auth:
    """`auth("regional_coordinator", region="AFRICA")` -> Authorization headers of a development token."""
    return bearer
