"""Fixtures of the requests service's tests: a migrated database, handlers, the app and tokens."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Any

import asyncpg
import httpx
import pytest
from contracts.events import default_registry
from requests_service.application.handlers import App
from requests_service.bootstrap import RequestsSettings, definition
from service_core.migrate import migrations_in
from service_core.runtime import build_app
from service_core.store.postgres import PostgresEventStore, create_pool
from service_core.testing.backends import Backend
from service_core.testing.fixtures import DatabaseFactory
from service_core.testing.http import Auth, app_client, bearer

FIXED_NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)


@pytest.fixture
async def service_database(databases: DatabaseFactory) -> str:
    """DSN of a fresh database with the core's and the requests service's tables."""
    return await databases.create(migrations_in("requests_service"))


@pytest.fixture
async def service_pool(service_database: str) -> AsyncIterator[asyncpg.Pool]:
    created = await create_pool(service_database, min_size=1, max_size=10)
    yield created
    await created.close()


@pytest.fixture
def services(service_pool: asyncpg.Pool) -> App:
    return definition.application(PostgresEventStore(service_pool, default_registry()), clock=lambda: FIXED_NOW)


@pytest.fixture
async def client(service_database: str, backend: Backend) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the service's app (lifespan entered, no relay, no consumer)."""
    settings = RequestsSettings(database_url=service_database, kafka_bootstrap_servers=backend.bootstrap_servers)
    app = build_app(definition, settings, relay=False, consume=False)
    async with app_client(app, "http://requests") as http:
        yield http


@pytest.fixture
def auth() -> Auth:
    """`auth("regional_coordinator", region="ASIA")` -> Authorization headers of a development token."""
    return bearer


@pytest.fixture
def body() -> Callable[..., dict[str, Any]]:
    """A valid submission body (Thailand, MSDHS, 2013), with top-level fields overridden."""

    def make(**changes: Any) -> dict[str, Any]:
        base: dict[str, Any] = {
            "authority": {
                "name": "Ministry of Social Development and Human Security",
                "acronym": "MSDHS",
                "type": "NATIONAL_GOVERNMENT",
            },
            "countries": ["TH"],
            "region": "ASIA",
            "thematic_area": "IRREGULAR_MIGRATION_THB",
            "topic": "Protection of victims of trafficking and prevention of homelessness",
            "description": "Capacity building for shelter staff and procedures",
            "received_on": "2013-03-01",
        }
        return {**base, **changes}

    return make
