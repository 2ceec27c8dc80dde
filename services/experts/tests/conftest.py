"""Fixtures of the experts service's tests: a migrated database, the policies, the app, tokens, sample data."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from typing import Any

import asyncpg
import httpx
import pytest
from contracts.base import DomainEvent
from contracts.events import default_registry
from contracts.events.actions import ActionOpened, ActivityPlanned, ActivityType, Phase
from contracts.events.requests import Region, ThematicArea
from experts_service.application.handlers import App
from experts_service.bootstrap import definition
from service_core.dependencies import today
from service_core.runtime import ServiceDefinition
from service_core.store.postgres import PostgresEventStore
from service_core.testing.delivery import deliver as delivered
from service_core.testing.http import Auth, bearer

FIXED_NOW = datetime(2019, 3, 1, 12, tzinfo=UTC)


@pytest.fixture
def service_definition() -> ServiceDefinition:
    return definition


@pytest.fixture
def services(service_pool: asyncpg.Pool) -> App:
    return definition.application(PostgresEventStore(service_pool, default_registry()), clock=lambda: FIXED_NOW)


Deliver = Callable[..., Awaitable[None]]


@pytest.fixture
def deliver(service_pool: asyncpg.Pool) -> Deliver:
    """Feed an actions (or requests) event to the policies as the consumer does: inbox row and effects in one
    transaction."""
    handlers = definition.consumer_handlers(
        definition.application(PostgresEventStore(service_pool, default_registry()))
    )

    async def run(event: DomainEvent, event_id: str | None = None) -> None:
        key = str(getattr(event, "action_id", None) or getattr(event, "request_id", ""))
        await delivered(service_pool, "experts", handlers, event, key=key, event_id=event_id)

    return run


def action_opened(action_id: str, **changes: Any) -> ActionOpened:
    base: dict[str, Any] = {
        "action_id": action_id, "request_id": f"r-{action_id}", "code": "2016-01", "ordinal": 1,
        "ordinal_scope": "CV", "label": "Cabo Verde I", "region": Region.AFRICA, "countries": ("CV",),
        "thematic_area": ThematicArea.MIGRATION_DEVELOPMENT, "topic": "Diaspora engagement and remittances",
        "phase": Phase.MIEUX_III, "authority_id": "cv-dgaci", "received_on": date(2016, 3, 1),
        "approved_on": date(2016, 4, 15),
    }  # fmt: skip
    return ActionOpened(**{**base, **changes})


def activity_planned(action_id: str, starts_on: date, ends_on: date | None = None, **changes: Any) -> ActivityPlanned:
    base: dict[str, Any] = {
        "activity_id": str(uuid.uuid4()), "action_id": action_id, "sequence": 1,
        "activity_type": ActivityType.WORKSHOP, "starts_on": starts_on, "ends_on": ends_on or starts_on,
        "region": Region.AFRICA, "thematic_area": ThematicArea.MIGRATION_DEVELOPMENT, "countries": ("CV",),
    }  # fmt: skip
    return ActivityPlanned(**{**base, **changes})


def profile(category: str = "EU_MS_GOVERNMENTAL", **changes: Any) -> dict[str, Any]:
    """A profile body: an EU Member State official by default (Portugal, national administration)."""
    base: dict[str, Any] = {
        "category": category,
        "nationality": "PT",
        "member_state": "PT" if category == "EU_MS_GOVERNMENTAL" else None,
        "administration_level": "NATIONAL" if category != "OTHER" else None,
        "sector": "PUBLIC",
        "expertise": [{"thematic_area": "MIGRATION_DEVELOPMENT", "topics": ["diaspora_engagement"]}],
        "languages": [{"language": "en", "level": "C1"}, {"language": "pt", "level": "NATIVE"}],
        "certifications": [],
        "availability": [{"available_from": "2019-01-01", "available_to": "2019-12-31"}],
    }
    return {**base, **changes}


def registration(full_name: str, email: str, **profile_changes: Any) -> dict[str, Any]:
    category = profile_changes.pop("category", "EU_MS_GOVERNMENTAL")
    return {
        "personal_data": {"full_name": full_name, "email": email, "phone": "+351 21 000 0000",
                          "organisation": "Immigration and Borders Service", "cv_text": f"CV of {full_name}"},
        "profile": profile(category, **profile_changes),
    }  # fmt: skip


@pytest.fixture
def service_overrides() -> dict[Callable[..., Any], Callable[..., Any]]:
    """The HTTP client's app: today is FIXED_NOW."""
    return {today: lambda: FIXED_NOW.date()}


@pytest.fixture
def auth() -> Auth:
    """`auth("regional_coordinator", region="AFRICA")` -> Authorization headers of a development token."""
    return bearer


async def ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


async def register(client: httpx.AsyncClient, auth: Auth, full_name: str, email: str, **changes: Any) -> str:
    answer = await ok(
        await client.post(
            "/experts", json=registration(full_name, email, **changes), headers=auth("programme_manager")
        ),
        201,
    )
    expert_id: str = answer["expert"]["id"]
    return expert_id


async def propose(client: httpx.AsyncClient, auth: Auth, expert_id: str, activity_id: str) -> str:
    body = {"expert_id": expert_id, "activity_id": activity_id}
    answer = await ok(await client.post("/deployments", json=body, headers=auth("programme_manager")), 201)
    deployment_id: str = answer["deployment"]["id"]
    return deployment_id
