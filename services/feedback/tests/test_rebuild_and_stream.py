"""A rebuild gives the same read model and keeps comments; the relay publishes no comment or note text."""

from __future__ import annotations

import json
from typing import Any

import asyncpg
import httpx
from contracts.events import default_registry
from feedback_service.adapters.views import FeedbackViews
from feedback_service.application.handlers import Services
from feedback_service.application.reviews import close_due
from feedback_service.bootstrap import definition
from service_core.projections import rebuild_projections
from service_core.testing.backends import Backend
from service_core.testing.kafka import relayed

from .conftest import TODAY, Auth, Deliver
from .test_reviews import third_quarter

TABLES = ("participant_response", "action_feedback", "review_view", "participant_comment", "action_feedback_note")


async def snapshot(pool: asyncpg.Pool) -> dict[str, list[dict[str, Any]]]:
    return {t: [dict(r) for r in await pool.fetch(f"SELECT * FROM {t} ORDER BY 1")] for t in TABLES}


async def test_a_projection_rebuild_gives_identical_rows_and_keeps_comments(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver, services: Services, service_pool: asyncpg.Pool
) -> None:
    await third_quarter(client, auth, deliver)
    await close_due(services, FeedbackViews(service_pool), TODAY, None)
    before = await snapshot(service_pool)

    await rebuild_projections(service_pool, default_registry(), list(definition.projections()))

    assert await snapshot(service_pool) == before
    assert len(before["participant_comment"]) == 12


async def test_everything_published_carries_no_comment_or_note_text(
    client: httpx.AsyncClient,
    auth: Auth,
    deliver: Deliver,
    services: Services,
    service_pool: asyncpg.Pool,
    backend: Backend,
    topic: str,
) -> None:
    await third_quarter(client, auth, deliver)
    await close_due(services, FeedbackViews(service_pool), TODAY, None)
    expected = await service_pool.fetchval("SELECT count(*) FROM events")
    records = await relayed("feedback", service_pool, default_registry(), backend.bootstrap_servers, topic, expected)

    assert len(records) == expected
    types = {dict(r.headers)["ce_type"].decode() for r in records}
    assert "eu.mieux.feedback.ParticipantFeedbackRecorded.v2" in types
    assert "eu.mieux.feedback.ReviewPublished.v1" in types
    for record in records:
        published = record.value.decode() + " ".join(v.decode() for _, v in record.headers)
        assert "secret" not in published and "internal note" not in published
        data = json.loads(record.value)
        assert "comment" not in data and "note" not in data
        if dict(record.headers)["ce_type"].endswith(b"ParticipantFeedbackRecorded.v2"):  # no response's content
            assert "ratings" not in data and "capacity_level" not in data
