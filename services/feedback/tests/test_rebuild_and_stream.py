"""A rebuild gives the same read model and keeps comments; the relay publishes no comment or note text."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import asyncpg
import httpx
from contracts.events import default_registry
from contracts.events.actions import ActivityType, CapacityLevel
from contracts.events.feedback import FeedbackChannel, ParticipantFeedbackRecordedV1, ParticipantRatings
from contracts.events.requests import Region, ThematicArea
from feedback_service.adapters.views import FeedbackViews
from feedback_service.application.handlers import App
from feedback_service.application.reviews import close_due
from feedback_service.bootstrap import definition
from feedback_service.domain.state import participant_stream
from service_core.migrate import apply_migrations, migrations_in
from service_core.rebuild import rebuild_projections
from service_core.testing.backends import Backend
from service_core.testing.kafka import relayed

from .conftest import TODAY, Auth, Deliver
from .test_reviews import third_quarter

TABLES = ("participant_response", "action_feedback", "review_view", "participant_comment", "action_feedback_note")


async def snapshot(pool: asyncpg.Pool) -> dict[str, list[dict[str, Any]]]:
    return {t: [dict(r) for r in await pool.fetch(f"SELECT * FROM {t} ORDER BY 1")] for t in TABLES}


async def test_a_projection_rebuild_gives_identical_rows_and_keeps_comments(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver, services: App, service_pool: asyncpg.Pool
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
    services: App,
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


async def test_a_response_stored_as_version_1_keeps_its_ratings_here_and_goes_out_as_version_2(
    services: App, service_pool: asyncpg.Pool, backend: Backend, topic: str
) -> None:
    """Events stored before v2 carried the ratings: migration 002 copies them into `participant_response`,
    and the relay upcasts them, so what it publishes has no ratings."""
    old = ParticipantFeedbackRecordedV1(
        response_id="r-old", activity_id="a-old", action_id="x-old", activity_type=ActivityType.WORKSHOP,
        ratings=ParticipantRatings(relevance=2, expertise_quality=3, knowledge_gained=4, applicability=5),
        capacity_level=CapacityLevel.INDIVIDUAL, region=Region.AFRICA, thematic_area=ThematicArea.HORIZONTAL,
        given_on=date(2018, 5, 2), channel=FeedbackChannel.PAPER,
    )  # fmt: skip
    async with services.store.transaction() as tx:
        await tx.append(participant_stream("a-old"), "participant-feedback", 0, [old])
    async with service_pool.acquire() as conn:
        await conn.execute(
            "DELETE FROM schema_migrations WHERE id = 'feedback_service/002_responses_kept_in_service.sql'"
        )
        await apply_migrations(conn, migrations_in("feedback_service"))

    row = await service_pool.fetchrow("SELECT relevance, applicability, capacity_level, seq FROM participant_response")
    [record] = await relayed("feedback", service_pool, default_registry(), backend.bootstrap_servers, topic, 1)

    assert dict(row) == {"relevance": 2, "applicability": 5, "capacity_level": "INDIVIDUAL", "seq": 1}
    assert dict(record.headers)["ce_type"] == b"eu.mieux.feedback.ParticipantFeedbackRecorded.v2"
    data = json.loads(record.value)
    assert data["response_id"] == "r-old" and "ratings" not in data and "capacity_level" not in data
