"""The relay is woken by commits (LISTEN/NOTIFY); without a notification it still publishes everything."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import asyncpg
import pytest
from service_core.relay import OutboxRelay
from service_core.store.postgres import PostgresEventStore
from service_core.testing.backends import Backend
from service_core.testing.sample import CounterIncremented, sample_registry
from service_core.testing.waiting import until

from .conftest import drain

NEVER = 3600.0  # a fallback poll that never comes within a test


@pytest.fixture
async def running(pool: asyncpg.Pool, backend: Backend, topic: str) -> AsyncIterator[OutboxRelay]:
    relay = OutboxRelay(
        service="sample",
        topic=topic,
        pool=pool,
        registry=sample_registry(),
        bootstrap_servers=backend.bootstrap_servers,
        poll_interval=NEVER,
    )
    task = asyncio.create_task(relay.run())
    await _waiting(relay)
    yield relay
    relay.stop()
    await asyncio.wait_for(task, 30)


async def _append(pool: asyncpg.Pool, stream: str) -> None:
    async with PostgresEventStore(pool, sample_registry()).transaction() as tx:
        await tx.append(stream, "counter", 0, [CounterIncremented(by=1)])


async def _waiting(relay: OutboxRelay) -> None:
    """Until the relay found nothing to publish and waits (it listens from before its first read)."""

    async def idle() -> bool:
        return relay.stats.idle_waits > 0

    await until(idle)


async def test_a_commit_wakes_the_idle_relay(
    pool: asyncpg.Pool, backend: Backend, topic: str, running: OutboxRelay
) -> None:
    await asyncio.sleep(0.2)  # idle: waiting for a notification, the fallback poll an hour away
    await _append(pool, "woken")

    [record] = await drain(backend.bootstrap_servers, topic, expected=1, timeout=10)

    assert record.key == b"woken"
    assert running.stats.notifications >= 1


async def test_without_notifications_the_fallback_poll_still_publishes(
    pool: asyncpg.Pool, backend: Backend, topic: str
) -> None:
    await pool.execute("ALTER TABLE events DISABLE TRIGGER events_notify")  # every notification lost
    relay = OutboxRelay(
        service="sample",
        topic=topic,
        pool=pool,
        registry=sample_registry(),
        bootstrap_servers=backend.bootstrap_servers,
        poll_interval=0.2,
    )
    task = asyncio.create_task(relay.run())
    try:
        await _waiting(relay)
        for i in range(3):
            await _append(pool, f"unannounced-{i}")
        records = await drain(backend.bootstrap_servers, topic, expected=3, timeout=20)
    finally:
        relay.stop()
        await asyncio.wait_for(task, 30)
    assert sorted(r.key for r in records) == [b"unannounced-0", b"unannounced-1", b"unannounced-2"]
    assert relay.stats.notifications == 0


async def test_an_event_held_back_by_an_older_transaction_goes_out_when_it_ends_without_notifying(
    pool: asyncpg.Pool, backend: Backend, topic: str, running: OutboxRelay
) -> None:
    """The notification came while an older transaction (no events: it never notifies) held the event back."""
    older = await pool.acquire()
    try:
        tx = older.transaction()
        await tx.start()
        await older.fetchval("SELECT pg_current_xact_id()")  # takes an xid: the relay's horizon stops here
        await _append(pool, "held")
        await until(lambda: _notified(running))
        await asyncio.sleep(0.2)
        assert running.stats.published == 0  # it waits behind the open transaction
        await tx.commit()
    finally:
        await pool.release(older)

    [record] = await drain(backend.bootstrap_servers, topic, expected=1, timeout=10)

    assert record.key == b"held"


async def _notified(relay: OutboxRelay) -> bool:
    return relay.stats.notifications >= 1
