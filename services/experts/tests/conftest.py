"""Fixtures of the experts service's tests: a migrated database, the policies, the app, tokens, sample data."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, date, datetime
from typing import Any

import asyncpg
import httpx
import pytest
from contracts.base import DomainEvent
from contracts.envelope import CloudEventHeaders
from contracts.events import default_registry
from contracts.events.actions import ActionOpened, ActivityPlanned, ActivityType, Phase
from contracts.events.requests import Region, ThematicArea
from experts_service.application.handlers import App
from experts_service.bootstrap import ExpertsSettings, definition
from service_core.consumer import ReceivedEvent
from service_core.migrate import migrations_in
from service_core.runtime import build_app, today
from service_core.store.postgres import PostgresEventStore, create_pool
from service_core.testing.backends import Backend
from service_core.testing.fixtures import DatabaseFactory
from service_core.testing.http import Auth, app_client, bearer

FIXED_NOW = datetime(2019, 3, 1, 12, tzinfo=UTC)


@pytest.fixture
async def service_database(databases: DatabaseFactory) -> str:
    return await databases.create(migrations_in("experts_service"))


@pytest.fixture
async def service_pool(service_database: str) -> AsyncIterator[asyncpg.Pool]:
    created = await create_pool(service_database, min_size=1, max_size=20)
    yield created
    await created.close()


@pytest.fixture
def services(service_pool: asyncpg.Pool) -> App:
    return definition.application(PostgresEventStore(service_pool, default_registry()), clock=lambda: FIXED_NOW)


Deliver = Callable[..., Awaitable[None]]


@pytest.fixture
def deliver(service_pool: asyncpg.Pool) -> Deliver:
    """Feed an actions event to the policies as the consumer does: inbox row and effects in one transaction."""
    handlers = definition.consumer_handlers(
        definition.application(PostgresEventStore(service_pool, default_registry()))
    )

    async def run(event: DomainEvent, event_id: str | None = None) -> None:
        key = str(getattr(event, "action_id", ""))
        envelope = CloudEventHeaders(
            id=event_id or str(uuid.uuid4()), source="/mieux/actions", type=type(event).ce_type(), time=FIXED_NOW,
            subject=key, dataschema="",
        )  # fmt: skip
        received = ReceivedEvent(envelope, event, key, "mieux.actions.v1", 0, 0)
        async with service_pool.acquire() as conn, conn.transaction():
            fresh = await conn.fetchval(
                "INSERT INTO inbox (consumer, event_id) VALUES ('experts', $1) ON CONFLICT DO NOTHING RETURNING 1",
                envelope.id,
            )
            if fresh:
                await handlers[type(event)](conn, received)

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
async def client(service_database: str, backend: Backend) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the service's app (lifespan entered, no relay, no consumer); today is FIXED_NOW."""
    settings = ExpertsSettings(database_url=service_database, kafka_bootstrap_servers=backend.bootstrap_servers)
    app = build_app(definition, settings, relay=False, consume=False)
    app.dependency_overrides[today] = lambda: FIXED_NOW.date()
    async with app_client(app, "http://experts") as http:
        yield http


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
