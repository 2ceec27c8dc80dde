"""A rebuild gives the same read model and keeps comments; the relay publishes no comment or note text."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import asyncpg
import httpx
from aiokafka import AIOKafkaConsumer
from contracts.events import default_registry
from feedback_service.adapters.views import FeedbackViews
from feedback_service.application.handlers import Services
from feedback_service.application.reviews import close_due
from feedback_service.bootstrap import definition
from service_core.projections import rebuild_projections
from service_core.relay import OutboxRelay
from service_core.testing.backends import Backend

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


async def read_topic(bootstrap: str, topic: str, expected: int, timeout: float = 30.0) -> list[Any]:
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, group_id=None, auto_offset_reset="earliest", metadata_max_age_ms=1000
    )
    await consumer.start()
    records: list[Any] = []
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        while len(records) < expected and asyncio.get_running_loop().time() < deadline:
            for batch in (await consumer.getmany(timeout_ms=300)).values():
                records.extend(batch)
    finally:
        await consumer.stop()
    return records


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
    relay = OutboxRelay(
        service="feedback",
        topic=topic,
        pool=service_pool,
        registry=default_registry(),
        bootstrap_servers=backend.bootstrap_servers,
        idle_sleep=0.01,
    )
    task = asyncio.create_task(relay.run())
    try:
        records = await read_topic(backend.bootstrap_servers, topic, expected)
    finally:
        relay.stop()
        await task

    assert len(records) == expected
    types = {dict(r.headers)["ce_type"].decode() for r in records}
    assert "eu.mieux.feedback.ParticipantFeedbackRecorded.v1" in types
    assert "eu.mieux.feedback.ReviewPublished.v1" in types
    for record in records:
        published = record.value.decode() + " ".join(v.decode() for _, v in record.headers)
        assert "secret" not in published and "internal note" not in published
        assert "comment" not in json.loads(record.value) and "note" not in json.loads(record.value)
