"""Helpers shared by the core's broker tests."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from service_core.kafka import new_producer
from service_core.testing.backends import Backend


async def drain(bootstrap: str, topic: str, expected: int, timeout: float = 30.0) -> list[Any]:
    """Read a topic from the start until `expected` records arrived (or the time is up)."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        metadata_max_age_ms=1000,
    )
    await consumer.start()
    records: list[Any] = []
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        while len(records) < expected and asyncio.get_running_loop().time() < deadline:
            batch = await consumer.getmany(timeout_ms=300)
            for messages in batch.values():
                records.extend(messages)
        # a little longer, to catch duplicates that would arrive after the expected count
        extra = await consumer.getmany(timeout_ms=500)
        for messages in extra.values():
            records.extend(messages)
    finally:
        await consumer.stop()
    return records


@pytest.fixture
async def producer(backend: Backend) -> AsyncIterator[AIOKafkaProducer]:
    started = new_producer(backend.bootstrap_servers)
    await started.start()
    yield started
    await started.stop()


@pytest.fixture
async def effects(pool: asyncpg.Pool) -> asyncpg.Pool:
    await pool.execute("CREATE TABLE applied (event_id text PRIMARY KEY, stream_id text, by int)")
    return pool
