"""Consumers apply each event once, wait out infrastructure faults in order, survive being killed."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import asyncpg
import pytest
from aiokafka import AIOKafkaProducer
from service_core.consumer import ConsumerRunner, ReceivedEvent
from service_core.failures import Backoff
from service_core.store.base import ConcurrencyError
from service_core.testing.backends import Backend
from service_core.testing.waiting import until

from .consumers import at_least, count, count_is, counter_event, record_effect, runner, send


async def test_a_redelivered_event_is_applied_once(
    effects: asyncpg.Pool, backend: Backend, topic: str, producer: AIOKafkaProducer
) -> None:
    event = counter_event("c-1", 4)
    for _ in range(3):
        await send(producer, topic, event)
    await send(producer, topic, counter_event("c-2", 1))
    consumer = runner(effects, backend, topic, record_effect)
    task = asyncio.create_task(consumer.run())
    try:
        await until(lambda: at_least(consumer, processed=2, duplicates=2), timeout=20.0)
    finally:
        consumer.stop()
        await task
    assert await count(effects) == 2
    assert consumer.stats.duplicates == 2


async def test_a_transient_failure_is_retried_and_applied_once(
    effects: asyncpg.Pool, backend: Backend, topic: str, producer: AIOKafkaProducer
) -> None:
    failures_left = 2

    async def flaky(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
        nonlocal failures_left
        await record_effect(conn, received)  # written, then rolled back with the failure
        if failures_left:
            failures_left -= 1
            raise ConnectionResetError("database went away")

    await send(producer, topic, counter_event("c-1", 1))
    consumer = runner(effects, backend, topic, flaky)
    task = asyncio.create_task(consumer.run())
    try:
        await until(lambda: at_least(consumer, processed=1), timeout=20.0)
    finally:
        consumer.stop()
        await task
    assert await count(effects) == 1
    assert consumer.stats.transient_failures == 2
    assert consumer.stats.dead_lettered == 0


async def test_an_infrastructure_fault_is_retried_for_as_long_as_it_lasts_and_readiness_says_so(
    effects: asyncpg.Pool, backend: Backend, topic: str, producer: AIOKafkaProducer
) -> None:
    failures_left = 12  # far more than max_attempts: a database outage is waited out, never dead-lettered
    problems_seen: list[str] = []

    async def database_down(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
        nonlocal failures_left
        if failures_left:
            failures_left -= 1
            if (problem := consumer.problem()) is not None:
                problems_seen.append(problem)
            raise asyncpg.exceptions.CannotConnectNowError("the database system is starting up")
        await record_effect(conn, received)

    await send(producer, topic, counter_event("first", 1))
    await send(producer, topic, counter_event("second", 2))
    consumer = runner(
        effects, backend, topic, database_down, max_attempts=3, retry_backoff=Backoff(initial=0.01, cap=0.05)
    )
    task = asyncio.create_task(consumer.run())
    try:
        await until(lambda: at_least(consumer, processed=2), timeout=20.0)
    finally:
        consumer.stop()
        await task
    assert await count(effects) == 2
    assert consumer.stats.dead_lettered == 0
    assert problems_seen and "CannotConnectNowError" in problems_seen[-1]
    assert consumer.problem() is None


async def test_a_consumer_killed_mid_batch_resumes_without_loss_or_double_effects(
    effects: asyncpg.Pool, backend: Backend, topic: str, producer: AIOKafkaProducer
) -> None:
    for i in range(40):
        await send(producer, topic, counter_event(f"c-{i}", i))
    reached_20 = asyncio.Event()

    async def stalls_at_20(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
        await record_effect(conn, received)
        if await conn.fetchval("SELECT count(*) FROM applied") >= 20:
            reached_20.set()
            await asyncio.Event().wait()  # hangs inside the transaction until killed

    group = f"g{uuid.uuid4().hex[:8]}"
    first = runner(effects, backend, topic, stalls_at_20, group=group)
    task = asyncio.create_task(first.run())
    await asyncio.wait_for(reached_20.wait(), 20)
    task.cancel()  # killed mid-batch: the 20th effect rolls back, later offsets were never committed
    with pytest.raises(asyncio.CancelledError):
        await task

    second = runner(effects, backend, topic, record_effect, group=group)
    resumed = asyncio.create_task(second.run())
    try:
        await until(lambda: count_is(effects, 40), timeout=20.0)
        await asyncio.sleep(0.5)  # give a wrongly redelivered message time to show up
    finally:
        second.stop()
        await resumed
    assert await count(effects) == 40
    assert await effects.fetchval("SELECT count(DISTINCT stream_id) FROM applied") == 40


async def test_a_policy_that_loses_a_race_on_its_aggregate_is_retried_not_parked(
    effects: asyncpg.Pool, backend: Backend, topic: str, producer: AIOKafkaProducer
) -> None:
    races_left = 2

    async def loses_a_race(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
        nonlocal races_left
        if races_left:
            races_left -= 1
            raise ConcurrencyError("counter-1", 1, 2)
        await record_effect(conn, received)

    await send(producer, topic, counter_event("c-1", 1))
    consumer = runner(effects, backend, topic, loses_a_race, max_attempts=1)
    task = asyncio.create_task(consumer.run())
    try:
        await until(lambda: at_least(consumer, processed=1), timeout=20.0)
    finally:
        consumer.stop()
        await task
    assert await count(effects) == 1
    assert consumer.stats.dead_lettered == 0


async def test_an_idle_consumer_waits_out_a_database_outage_of_its_dead_letter_housekeeping(
    effects: asyncpg.Pool, backend: Backend, topic: str, producer: AIOKafkaProducer
) -> None:
    outage = True

    class FlakyPool:
        """The consumer's pool, whose dead-letter count fails while the outage lasts."""

        def __getattr__(self, name: str) -> Any:
            return getattr(effects, name)

        async def fetchval(self, *args: Any) -> Any:
            if outage:
                raise asyncpg.exceptions.CannotConnectNowError("the database system is starting up")
            return await effects.fetchval(*args)

    consumer = runner(FlakyPool(), backend, topic, record_effect)  # type: ignore[arg-type]
    task = asyncio.create_task(consumer.run())
    try:
        await until(lambda: _problem_is_reported(consumer), timeout=20.0)
        outage = False
        await send(producer, topic, counter_event("after-the-outage", 1))
        await until(lambda: at_least(consumer, processed=1), timeout=30.0)
        await until(lambda: _no_problem(consumer), timeout=20.0)
        assert not task.done()  # waited out, never crashed
    finally:
        consumer.stop()
        await task


async def _problem_is_reported(consumer: ConsumerRunner) -> bool:
    return "CannotConnectNowError" in (consumer.problem() or "")


async def _no_problem(consumer: ConsumerRunner) -> bool:
    return consumer.problem() is None
