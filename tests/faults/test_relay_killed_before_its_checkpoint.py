"""A relay killed after the broker acknowledged a batch but before its checkpoint moved: the next relay sends
the batch again, and the consumer's inbox applies every event exactly once."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
import pytest
from service_core.consumer import ConsumerRunner, ReceivedEvent
from service_core.relay import OutboxRelay
from service_core.store.postgres import PostgresEventStore
from service_core.testing.backends import Backend
from service_core.testing.sample import CounterIncremented, sample_registry
from service_core.testing.waiting import until


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, no handler catches it."""


class KilledBeforeCheckpoint(OutboxRelay):
    async def _save_checkpoint(self, *args: object, **kwargs: object) -> None:
        raise Killed


async def test_a_relay_killed_between_the_acks_and_its_checkpoint_loses_nothing_and_doubles_nothing(
    pool: asyncpg.Pool, backend: Backend, topic: str
) -> None:
    await pool.execute("CREATE TABLE applied (event_id text PRIMARY KEY, stream_id text)")
    store = PostgresEventStore(pool, sample_registry())
    for i in range(30):
        async with store.transaction() as tx:
            await tx.append(f"c-{i}", "counter", 0, [CounterIncremented(by=i)])
    relay_settings = {
        "service": "sample",
        "topic": topic,
        "pool": pool,
        "registry": sample_registry(),
        "bootstrap_servers": backend.bootstrap_servers,
        "idle_sleep": 0.01,
    }
    doomed = KilledBeforeCheckpoint(**relay_settings)  # type: ignore[arg-type]
    with pytest.raises(Killed):
        await doomed.run()
    assert await pool.fetchval("SELECT position FROM relay_checkpoint") == 0  # sent, acknowledged, not recorded

    async def apply(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
        await conn.execute("INSERT INTO applied VALUES ($1, $2)", received.envelope.id, received.key)

    consumer = ConsumerRunner(
        consumer=f"c{uuid.uuid4().hex[:8]}",
        topics=[topic],
        handlers={CounterIncremented: apply},
        pool=pool,
        registry=sample_registry(),
        bootstrap_servers=backend.bootstrap_servers,
    )
    successor = OutboxRelay(**relay_settings)  # type: ignore[arg-type]
    tasks = [asyncio.create_task(successor.run()), asyncio.create_task(consumer.run())]
    try:
        await until(lambda: _seen(consumer, 60), timeout=30.0)
    finally:
        successor.stop()
        consumer.stop()
        await asyncio.gather(*tasks)
    assert successor.stats.published == 30  # the whole batch again
    assert await pool.fetchval("SELECT count(*) FROM applied") == 30
    assert await pool.fetchval("SELECT count(DISTINCT stream_id) FROM applied") == 30
    assert consumer.stats.duplicates == 30


async def _seen(consumer: ConsumerRunner, records: int) -> bool:
    return consumer.stats.processed + consumer.stats.duplicates >= records
