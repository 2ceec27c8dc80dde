"""The runtime starts the service's review closer beside its consumer; it publishes the last closed quarter."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import UTC, datetime, timedelta

import asyncpg
from feedback_service.application.reviews import ReviewCloser
from feedback_service.bootstrap import FeedbackSettings, definition
from feedback_service.domain.periods import Period
from service_core.runtime import build_app
from service_core.testing.backends import Backend


async def test_the_runtime_runs_the_review_closer_which_publishes_the_last_quarter_once(
    service_database: str, service_pool: asyncpg.Pool, backend: Backend
) -> None:
    today = datetime.now(UTC).date()
    last_quarter = Period.parse(
        f"{(today - timedelta(days=95)).year}-Q{((today - timedelta(days=95)).month - 1) // 3 + 1}"
    )
    settings = FeedbackSettings(
        database_url=service_database,
        kafka_bootstrap_servers=backend.bootstrap_servers,
        review_close_interval_s=0.05,
        reviews_from=last_quarter.end,
    )
    no_consumer = dataclasses.replace(definition, consumed_topics=())  # the worker only, no broker subscription
    app = build_app(no_consumer, settings, relay=False, consume=True)

    async with app.router.lifespan_context(app):
        [worker] = app.state.context.workers
        assert isinstance(worker, ReviewCloser)
        rid = f"review:{last_quarter.id}:PORTFOLIO"
        for _ in range(100):
            if await service_pool.fetchval("SELECT count(*) FROM review_view WHERE review_id = $1", rid):
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.2)  # a few more rounds publish nothing again

    assert await service_pool.fetchval("SELECT count(*) FROM events WHERE stream_id = $1", rid) == 1
