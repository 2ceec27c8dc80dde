"""Fixtures of the actions service's tests: a migrated database, handlers, the policy, the app and tokens."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from typing import Any

import asyncpg
import pytest
from actions_service.adapters.deployments import DeployedExperts
from actions_service.application.handlers import ActionPorts, App
from actions_service.bootstrap import definition
from contracts.events import default_registry
from contracts.events.actions import ActivityType, FeedbackSource
from contracts.events.experts import DeploymentCompleted, ExpertCategory
from contracts.events.feedback import ActionFeedbackSubmitted, EvaluationRatings
from contracts.events.requests import AuthorityType, Region, RequestApproved, ThematicArea
from service_core.dependencies import today
from service_core.runtime import ServiceDefinition
from service_core.store.postgres import PostgresEventStore
from service_core.testing.delivery import deliver as delivered
from service_core.testing.http import Auth, bearer

FIXED_NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)


@pytest.fixture
def service_definition() -> ServiceDefinition:
    return definition


@pytest.fixture
def services(service_pool: asyncpg.Pool) -> App:
    store = PostgresEventStore(service_pool, default_registry())
    return definition.application(
        store, ActionPorts(deployed_experts=DeployedExperts(service_pool)), clock=lambda: FIXED_NOW
    )


def approval(**changes: Any) -> RequestApproved:
    """Cabo Verde, 2016: received in March, approved in April (MIEUX III)."""
    base: dict[str, Any] = {
        "request_id": str(uuid.uuid4()),
        "region": Region.AFRICA,
        "countries": ("CV",),
        "thematic_area": ThematicArea.MIGRATION_DEVELOPMENT,
        "topic": "Local integration of immigrants",
        "authority_id": "cv-dgaci",
        "authority_type": AuthorityType.NATIONAL_GOVERNMENT,
        "received_on": date(2016, 3, 1),
        "approved_on": date(2016, 4, 15),
        "reason": "PSG",
    }
    return RequestApproved(**{**base, **changes})


Deliver = Callable[..., Awaitable[None]]


@pytest.fixture
def deliver(service_pool: asyncpg.Pool, services: App) -> Deliver:
    """Feed an event to its policy as the consumer does: inbox row and effects in one transaction."""
    policies = definition.consumer_handlers(services)

    async def run(
        event: RequestApproved | ActionFeedbackSubmitted | DeploymentCompleted, event_id: str | None = None
    ) -> None:
        key = event.request_id if isinstance(event, RequestApproved) else event.action_id
        await delivered(service_pool, "actions", policies, event, key=key, event_id=event_id)

    return run


def feedback_submitted(
    action_id: str, source: str, on: date = date(2016, 11, 15), expert_id: str = "expert-1"
) -> ActionFeedbackSubmitted:
    """What the feedback service publishes when an expert or the partner gave Action-level feedback."""
    return ActionFeedbackSubmitted(
        feedback_id=str(uuid.uuid4()),
        action_id=action_id,
        source=FeedbackSource(source),
        expert_id=expert_id if source == "EXPERT" else None,
        authority_id="cv-dgaci" if source == "PARTNER" else None,
        ratings=EvaluationRatings(relevance=5, effectiveness=4),
        region=Region.AFRICA,
        thematic_area=ThematicArea.MIGRATION_DEVELOPMENT,
        given_on=on,
    )


@pytest.fixture
def service_overrides() -> dict[Callable[..., Any], Callable[..., Any]]:
    """The HTTP client's app: today is FIXED_NOW."""
    return {today: lambda: FIXED_NOW.date()}


@pytest.fixture
def auth() -> Auth:
    """`auth("regional_coordinator", region="AFRICA")` -> Authorization headers of a development token."""
    return bearer


def deployment_completed(
    action_id: str, activity_id: str, expert_id: str, nationality: str, held: date
) -> DeploymentCompleted:
    """What the experts service publishes when an activity was held with the expert confirmed on it."""
    category = ExpertCategory.EU_MS_GOVERNMENTAL if nationality in ("IE", "FR") else ExpertCategory.NON_EU_GOVERNMENTAL
    return DeploymentCompleted(
        deployment_id=str(uuid.uuid4()), expert_id=expert_id, activity_id=activity_id, action_id=action_id,
        category=category, nationality=nationality, starts_on=held, ends_on=held, region=Region.AFRICA,
        thematic_area=ThematicArea.MIGRATION_DEVELOPMENT, activity_type=ActivityType.WORKSHOP, held_from=held,
        held_to=held, completed_on=held,
    )  # fmt: skip
