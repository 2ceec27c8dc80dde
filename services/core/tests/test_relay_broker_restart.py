"""The embedded broker forgets everything when it stops: the relay notices and republishes from the store."""

from __future__ import annotations

import asyncio

import asyncpg
from service_core.embedded import EmbeddedBroker
from service_core.relay import OutboxRelay
from service_core.store.postgres import PostgresEventStore
from service_core.testing.sample import CounterIncremented, sample_registry
from service_core.testing.waiting import until

from .conftest import drain


async def append_counters(store: PostgresEventStore, prefix: str, count: int) -> None:
    for i in range(count):
        async with store.transaction() as tx:
            await tx.append(f"{prefix}-{i}", "counter", 0, [CounterIncremented(by=i)])


async def test_broker_restarted_empty_gets_every_event_again(
    pool: asyncpg.Pool, private_broker: EmbeddedBroker, topic: str
) -> None:
    store = PostgresEventStore(pool, sample_registry())
    relay = OutboxRelay(
        service="sample",
        topic=topic,
        pool=pool,
        registry=sample_registry(),
        bootstrap_servers=private_broker.bootstrap_servers,
        idle_sleep=0.01,
        broker_check_interval=0.2,
    )
    task = asyncio.create_task(relay.run())
    try:
        await append_counters(store, "before", 30)
        assert len(await drain(private_broker.bootstrap_servers, topic, expected=30)) == 30

        private_broker.kill()
        private_broker.start()  # same port, nothing in it
        await append_counters(store, "after", 5)

        async def everything_back() -> bool:
            records = await drain(private_broker.bootstrap_servers, topic, expected=35, timeout=2)
            return {r.key for r in records} >= {f"before-{i}".encode() for i in range(30)} | {
                f"after-{i}".encode() for i in range(5)
            }

        await until(everything_back, interval=0.1)
    finally:
        relay.stop()
        await task
    assert relay.stats.republish_from_scratch >= 1


async def test_idle_relay_notices_an_emptied_broker(
    pool: asyncpg.Pool, private_broker: EmbeddedBroker, topic: str
) -> None:
    store = PostgresEventStore(pool, sample_registry())
    await append_counters(store, "only", 10)
    relay = OutboxRelay(
        service="sample",
        topic=topic,
        pool=pool,
        registry=sample_registry(),
        bootstrap_servers=private_broker.bootstrap_servers,
        idle_sleep=0.01,
        broker_check_interval=0.2,
    )
    task = asyncio.create_task(relay.run())
    try:
        assert len(await drain(private_broker.bootstrap_servers, topic, expected=10)) == 10
        private_broker.kill()
        private_broker.start()

        async def refilled() -> bool:
            return len(await drain(private_broker.bootstrap_servers, topic, expected=10, timeout=2)) >= 10

        await until(refilled, interval=0.1)
    finally:
        relay.stop()
        await task
