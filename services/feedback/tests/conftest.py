"""Fixtures of the feedback service's tests: a migrated database, the consumer's policies, the app and tokens."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Any

import asyncpg
import pytest
from contracts.base import DomainEvent
from contracts.events import default_registry
from fastapi import Request
from feedback_service.application.handlers import App
from feedback_service.bootstrap import definition
from service_core.dependencies import get_application, today
from service_core.runtime import ServiceDefinition
from service_core.store.postgres import PostgresEventStore
from service_core.testing.delivery import deliver as delivered
from service_core.testing.http import Auth, bearer

TODAY = date(2019, 10, 5)  # early 2019-Q4: the third quarter of 2019 has just closed


@pytest.fixture
def service_definition() -> ServiceDefinition:
    return definition


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
            await delivered(service_pool, "feedback", policies, event)

    return run


@pytest.fixture
def service_overrides() -> dict[Callable[..., Any], Callable[..., Any]]:
    """The HTTP client's app: today is TODAY."""
    return {today: lambda: TODAY, get_application: application_today}


@pytest.fixture
def auth() -> Auth:
    """`auth("regional_coordinator", region="AFRICA")` -> Authorization headers of a development token."""
    return bearer
