"""Fixtures of the requests service's tests: a migrated database, handlers, the app and tokens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import asyncpg
import pytest
from contracts.events import default_registry
from requests_service.application.handlers import App
from requests_service.bootstrap import definition
from service_core.runtime import ServiceDefinition
from service_core.store.postgres import PostgresEventStore
from service_core.testing.http import Auth, bearer

FIXED_NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)


@pytest.fixture
def service_definition() -> ServiceDefinition:
    return definition


@pytest.fixture
def services(service_pool: asyncpg.Pool) -> App:
    return definition.application(PostgresEventStore(service_pool, default_registry()), clock=lambda: FIXED_NOW)


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
