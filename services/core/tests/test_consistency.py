"""Consistency tokens: a service is caught up with "requests at position N" once that event is in its inbox."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

import asyncpg
from aiokafka import AIOKafkaProducer
from fastapi import APIRouter
from service_core.consistency import caught_up
from service_core.consumer import ConsumerRunner, ReceivedEvent
from service_core.kafka import encode_record, new_producer
from service_core.runtime import ServiceDefinition
from service_core.settings import ServiceSettings
from service_core.store.base import RecordedEvent
from service_core.testing.backends import Backend
from service_core.testing.sample import CounterIncremented, CounterLabelled, sample_registry


def definition(topic: str) -> ServiceDefinition:
    return ServiceDefinition(
        name="downstream",
        package="service_core",
        title="t",
        registry=sample_registry(),
        settings_class=ServiceSettings,
        router=APIRouter,
        consumed_topics=(topic,),
    )


async def test_positions_seen_handled_or_not_count_as_caught_up(
    pool: asyncpg.Pool, backend: Backend, topic: str
) -> None:
    source = topic.split(".")[1]
    handled = RecordedEvent(uuid.uuid4(), "c-1", "counter", 1, 41, datetime.now(UTC), CounterIncremented(by=1))
    ignored = RecordedEvent(
        uuid.uuid4(), "c-1", "counter", 2, 42, datetime.now(UTC), CounterLabelled(label="x", language="en")
    )

    async def effect(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
        return None

    service = definition(topic)
    assert (await caught_up(pool, service, {source: 42})).pending == {source: 42}
    assert (await caught_up(pool, service, {"downstream": 99, "unrelated": 7})).caught_up  # own / not consumed

    producer: AIOKafkaProducer = new_producer(backend.bootstrap_servers)
    await producer.start()
    try:
        for recorded in (handled, ignored):
            key, value, headers = encode_record(source, recorded)
            await producer.send_and_wait(topic, value=value, key=key, headers=headers)
    finally:
        await producer.stop()
    runner = ConsumerRunner(
        consumer="downstream",
        topics=[topic],
        handlers={CounterIncremented: effect},
        pool=pool,
        registry=sample_registry(),
        bootstrap_servers=backend.bootstrap_servers,
    )
    task = asyncio.create_task(runner.run())
    try:
        for _ in range(200):
            if (await caught_up(pool, service, {source: 42})).caught_up:
                break
            await asyncio.sleep(0.05)
    finally:
        runner.stop()
        await task
    assert (await caught_up(pool, service, {source: 41})).caught_up
    assert (await caught_up(pool, service, {source: 42})).caught_up  # an event without a handler is noted too
    assert runner.stats.ignored == 1
