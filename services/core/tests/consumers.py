"""What the consumer tests share: sample events, sending them, a handler that records its effect, a runner."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import asyncpg
from aiokafka import AIOKafkaProducer
from service_core.consumer import ConsumerRunner, ReceivedEvent
from service_core.kafka import encode_record
from service_core.store.base import RecordedEvent
from service_core.testing.backends import Backend
from service_core.testing.sample import CounterIncremented, sample_registry


def counter_event(stream: str, by: int) -> RecordedEvent:
    return RecordedEvent(uuid.uuid4(), stream, "counter", 1, 1, datetime.now(UTC), CounterIncremented(by=by))


async def send(producer: AIOKafkaProducer, topic: str, recorded: RecordedEvent) -> None:
    key, value, headers = encode_record("sample", recorded)
    await producer.send_and_wait(topic, value=value, key=key, headers=headers)


async def record_effect(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
    assert isinstance(received.event, CounterIncremented)
    await conn.execute(
        "INSERT INTO applied (event_id, stream_id, by) VALUES ($1, $2, $3)",
        received.envelope.id,
        received.key,
        received.event.by,
    )


def runner(
    pool: asyncpg.Pool,
    backend: Backend,
    topic: str,
    handler: Callable[..., Awaitable[None]],
    group: str | None = None,
    **options: Any,
) -> ConsumerRunner:
    return ConsumerRunner(
        consumer=group or f"c{uuid.uuid4().hex[:8]}",
        topics=[topic],
        handlers={CounterIncremented: handler},
        pool=pool,
        registry=sample_registry(),
        bootstrap_servers=backend.bootstrap_servers,
        **options,
    )


async def count(pool: asyncpg.Pool) -> int:
    return int(await pool.fetchval("SELECT count(*) FROM applied"))


async def at_least(consumer: ConsumerRunner, **wanted: int) -> bool:
    return all(getattr(consumer.stats, name) >= value for name, value in wanted.items())


async def count_is(pool: asyncpg.Pool, expected: int) -> bool:
    return await count(pool) >= expected
