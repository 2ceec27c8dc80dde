"""The relay publishes every committed event once, in stream order, with CloudEvents headers."""

from __future__ import annotations

import asyncio
import json
import random
from collections import defaultdict
from collections.abc import AsyncIterator

import asyncpg
import pytest
from aiokafka import AIOKafkaProducer
from service_core.kafka import new_producer
from service_core.relay import LeadershipLost, OutboxRelay
from service_core.store.base import ConcurrencyError, EventMetadata
from service_core.store.postgres import PostgresEventStore
from service_core.testing.backends import Backend
from service_core.testing.sample import CounterIncremented, sample_registry
from service_core.testing.waiting import until

from .conftest import drain


def make_relay(pool: asyncpg.Pool, bootstrap: str, topic: str, **kwargs: float) -> OutboxRelay:
    return OutboxRelay(
        service="sample",
        topic=topic,
        pool=pool,
        registry=sample_registry(),
        bootstrap_servers=bootstrap,
        idle_sleep=0.01,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture
async def producer(backend: Backend) -> AsyncIterator[AIOKafkaProducer]:
    started = new_producer(backend.bootstrap_servers)
    await started.start()
    yield started
    await started.stop()


async def test_published_record_carries_cloudevents_binary_headers(
    pool: asyncpg.Pool, backend: Backend, topic: str
) -> None:
    store = PostgresEventStore(pool, sample_registry())
    async with store.transaction() as tx:
        [recorded] = await tx.append(
            "counter-7",
            "counter",
            0,
            [CounterIncremented(by=3)],
            EventMetadata(correlation_id="corr-9", traceparent="00-" + "a" * 32 + "-" + "b" * 16 + "-01"),
        )
    relay = make_relay(pool, backend.bootstrap_servers, topic)
    task = asyncio.create_task(relay.run())
    try:
        [record] = await drain(backend.bootstrap_servers, topic, expected=1)
    finally:
        relay.stop()
        await task

    headers = {k: v.decode() for k, v in record.headers}
    assert record.key == b"counter-7"
    assert json.loads(record.value) == {"by": 3, "note": ""}
    assert headers["ce_specversion"] == "1.0"
    assert headers["ce_id"] == str(recorded.event_id)
    assert headers["ce_source"] == "/mieux/sample"
    assert headers["ce_type"] == "eu.mieux.sample.CounterIncremented.v1"
    assert headers["ce_subject"] == "counter-7"
    assert headers["ce_dataschema"].endswith("sample/CounterIncremented.v1.json")
    assert headers["content-type"] == "application/json"
    assert headers["traceparent"].startswith("00-aaaa")
    assert "ce_time" in headers
    assert headers["ce_dataclassification"] == "internal"  # a type outside the published language


async def test_an_event_committed_late_is_not_skipped(
    pool: asyncpg.Pool, backend: Backend, topic: str, producer: AIOKafkaProducer
) -> None:
    """Position 1 commits after position 2: a relay reading 'position > last' would lose position 1."""
    store = PostgresEventStore(pool, sample_registry())
    relay = make_relay(pool, backend.bootstrap_servers, topic)
    await pool.execute("INSERT INTO relay_checkpoint (relay) VALUES ($1)", relay.name)

    slow = await pool.acquire()
    slow_tx = slow.transaction()
    await slow_tx.start()
    await slow.execute(
        """INSERT INTO events (event_id, stream_id, stream_type, version, event_name, event_version, data)
           VALUES (gen_random_uuid(), 'slow', 'counter', 1, 'CounterIncremented', 1, '{"by": 1}')"""
    )
    async with store.transaction() as tx:
        await tx.append("fast", "counter", 0, [CounterIncremented(by=2)])

    published_while_open = await relay.publish_batch(producer)
    await slow_tx.commit()
    await pool.release(slow)
    published_after = await relay.publish_batch(producer)

    records = await drain(backend.bootstrap_servers, topic, expected=2)
    assert published_while_open == 0  # "fast" waits behind the open transaction that started first
    assert published_after == 2
    assert sorted(r.key for r in records) == [b"fast", b"slow"]


async def test_concurrent_writers_every_event_arrives_once_in_stream_order(
    pool: asyncpg.Pool, backend: Backend, topic: str
) -> None:
    store = PostgresEventStore(pool, sample_registry())
    streams = [f"s{i}" for i in range(12)]
    relay = make_relay(pool, backend.bootstrap_servers, topic, batch_size=37)
    relay_task = asyncio.create_task(relay.run())

    async def writer(seed: int) -> int:
        rng = random.Random(seed)
        written = 0
        for _ in range(40):
            stream = rng.choice(streams)
            try:
                async with store.transaction() as tx:
                    history = await tx.load(stream)
                    await tx.append(
                        stream,
                        "counter",
                        len(history),
                        [CounterIncremented(by=len(history) + i + 1) for i in range(rng.randint(1, 3))],
                    )
                    await asyncio.sleep(rng.random() / 200)  # hold the transaction open a little
                written += 1
            except ConcurrencyError:
                pass
        return written

    try:
        await asyncio.gather(*(writer(seed) for seed in range(16)))
        total = await pool.fetchval("SELECT count(*) FROM events")
        records = await drain(backend.bootstrap_servers, topic, expected=total)
    finally:
        relay.stop()
        await relay_task

    ids = [dict(r.headers)["ce_id"] for r in records]
    assert len(ids) == total
    assert len(set(ids)) == total, "an event was published twice"
    per_stream: dict[bytes, list[int]] = defaultdict(list)
    for record in sorted(records, key=lambda r: (r.partition, r.offset)):
        per_stream[record.key].append(json.loads(record.value)["by"])
    for key, values in per_stream.items():
        assert values == list(range(1, len(values) + 1)), f"stream {key!r} out of order"


async def test_a_second_relay_for_the_same_service_stands_by(pool: asyncpg.Pool, backend: Backend, topic: str) -> None:
    store = PostgresEventStore(pool, sample_registry())
    first = make_relay(pool, backend.bootstrap_servers, topic)
    second = make_relay(pool, backend.bootstrap_servers, topic)
    tasks = [asyncio.create_task(first.run()), asyncio.create_task(second.run())]
    try:
        for i in range(20):
            async with store.transaction() as tx:
                await tx.append(f"s-{i}", "counter", 0, [CounterIncremented(by=i)])
        records = await drain(backend.bootstrap_servers, topic, expected=20)
        await asyncio.sleep(1.2)  # the stand-by retries once a second
    finally:
        first.stop()
        second.stop()
        await asyncio.gather(*tasks)
    assert len(records) == 20, "two relays published the same events"
    assert sorted([first.stats.published, second.stats.published]) == [0, 20]
    assert max(first.stats.standby_rounds, second.stats.standby_rounds) >= 1


async def test_a_relay_whose_lock_connection_drops_stops_and_the_standby_takes_over(
    pool: asyncpg.Pool, backend: Backend, topic: str
) -> None:
    store = PostgresEventStore(pool, sample_registry())
    first = make_relay(pool, backend.bootstrap_servers, topic)
    second = make_relay(pool, backend.bootstrap_servers, topic)
    first_task = asyncio.create_task(first.run())
    await until(lambda: _lock_held(pool), timeout=20.0)
    second_task = asyncio.create_task(second.run())
    try:
        await until(lambda: _standing_by(second), timeout=20.0)
        lock_holder = await pool.fetchval(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid() LIMIT 1"
        )
        first.stop()  # the first stays down, so whatever publishes next must be the standby
        await pool.execute("SELECT pg_terminate_backend($1)", lock_holder)
        await first_task
        for i in range(5):
            async with store.transaction() as tx:
                await tx.append(f"s-{i}", "counter", 0, [CounterIncremented(by=i)])
        records = await drain(backend.bootstrap_servers, topic, expected=5)
    finally:
        second.stop()
        await second_task
    assert sorted(r.key for r in records) == [f"s-{i}".encode() for i in range(5)]
    assert second.stats.published == 5
    assert first.stats.published == 0


async def test_a_relay_that_no_longer_holds_its_lock_stops_publishing_before_the_next_batch(
    pool: asyncpg.Pool, backend: Backend, topic: str, producer: AIOKafkaProducer
) -> None:
    store = PostgresEventStore(pool, sample_registry())
    relay = make_relay(pool, backend.bootstrap_servers, topic)
    await pool.execute("INSERT INTO relay_checkpoint (relay) VALUES ($1) ON CONFLICT DO NOTHING", relay.name)
    async with store.transaction() as tx:
        await tx.append("after-the-loss", "counter", 0, [CounterIncremented(by=1)])
    async with pool.acquire() as not_holding_the_lock:
        with pytest.raises(LeadershipLost):
            await relay.publish_batch(producer, not_holding_the_lock)
    assert relay.stats.published == 0
    assert await pool.fetchval("SELECT position FROM relay_checkpoint WHERE relay = $1", relay.name) == 0


async def _lock_held(pool: asyncpg.Pool) -> bool:
    return bool(await pool.fetchval("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"))


async def _standing_by(relay: OutboxRelay) -> bool:
    return relay.stats.standby_rounds >= 1
