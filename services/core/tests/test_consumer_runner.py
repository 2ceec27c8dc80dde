"""Consumers apply each event once, park unreadable messages in the dead-letter topic, survive restarts."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import asyncpg
import pytest
from aiokafka import AIOKafkaProducer
from contracts.envelope import CloudEventHeaders
from service_core.consumer import ConsumerRunner, ReceivedEvent
from service_core.errors import DomainError
from service_core.failures import Backoff
from service_core.kafka import encode_record, new_producer
from service_core.store.base import ConcurrencyError, RecordedEvent
from service_core.testing.backends import Backend
from service_core.testing.sample import CounterIncremented, sample_registry
from service_core.testing.waiting import until

from .conftest import drain


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
        await until(lambda: _at_least(consumer, processed=2, duplicates=2), timeout=20.0)
    finally:
        consumer.stop()
        await task
    assert await count(effects) == 2
    assert consumer.stats.duplicates == 2


async def _at_least(consumer: ConsumerRunner, **wanted: int) -> bool:
    return all(getattr(consumer.stats, name) >= value for name, value in wanted.items())


async def test_unreadable_messages_go_to_the_dead_letter_topic_with_the_reason(
    effects: asyncpg.Pool, backend: Backend, topic: str, producer: AIOKafkaProducer
) -> None:
    good_headers = encode_record("sample", counter_event("x", 1))[2]
    unknown = CloudEventHeaders(
        id="u-1",
        source="/mieux/sample",
        type="eu.mieux.sample.NoSuchThing.v1",
        time=datetime.now(UTC),
        subject="x",
        dataschema="",
    ).to_kafka()
    await producer.send_and_wait(topic, key=b"a", value=b'{"by": 1}', headers=[("ce_id", b"only-an-id")])
    await producer.send_and_wait(topic, key=b"b", value=b"not json", headers=good_headers)
    await producer.send_and_wait(topic, key=b"c", value=b'{"by": "three"}', headers=good_headers)
    await producer.send_and_wait(topic, key=b"d", value=b'{"by": 1}', headers=unknown)
    await send(producer, topic, counter_event("after-the-poison", 9))
    consumer = runner(effects, backend, topic, record_effect)
    task = asyncio.create_task(consumer.run())
    try:
        await until(lambda: _at_least(consumer, processed=1, dead_lettered=4), timeout=20.0)
    finally:
        consumer.stop()
        await task

    parked = await drain(backend.bootstrap_servers, consumer.dlq_topic, expected=4)
    reasons = {r.key: dict(r.headers)["dlq_reason"].decode() for r in parked}
    assert reasons[b"a"].startswith("bad envelope: missing CloudEvents headers")
    assert reasons[b"b"].startswith("value is not JSON")
    assert reasons[b"c"].startswith("schema-invalid eu.mieux.sample.CounterIncremented.v1")
    assert reasons[b"d"].startswith("unknown event type")
    assert all(dict(r.headers)["dlq_source_topic"] == topic.encode() for r in parked)
    assert await effects.fetchval("SELECT stream_id FROM applied") == "after-the-poison"


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
        await until(lambda: _at_least(consumer, processed=1), timeout=20.0)
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
        await until(lambda: _at_least(consumer, processed=2), timeout=20.0)
    finally:
        consumer.stop()
        await task
    assert await count(effects) == 2
    assert consumer.stats.dead_lettered == 0
    assert problems_seen and "CannotConnectNowError" in problems_seen[-1]
    assert consumer.problem() is None


@pytest.mark.parametrize(
    "poison",
    ["bad header value", "over the size limit", "a final domain refusal"],
)
async def test_a_poison_record_is_parked_in_the_database_and_the_next_one_applied(
    effects: asyncpg.Pool, backend: Backend, topic: str, producer: AIOKafkaProducer, poison: str
) -> None:
    key, value, headers = encode_record("sample", counter_event("poison", 1))

    async def refuses_poison(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
        if received.key == "poison":
            raise DomainError("ACTION_CLOSED", "the Action is closed")
        await record_effect(conn, received)

    if poison == "bad header value":
        headers = [(k, "²".encode() if k == "ce_mieuxposition" else v) for k, v in headers]
    elif poison == "over the size limit":
        value = b'{"by": 1, "pad": "' + b"x" * 5000 + b'"}'
    await producer.send_and_wait(topic, key=key, value=value, headers=headers)
    await send(producer, topic, counter_event("good", 2))
    consumer = runner(effects, backend, topic, refuses_poison, max_record_bytes=4096)
    task = asyncio.create_task(consumer.run())
    try:
        await until(lambda: _at_least(consumer, processed=1, dead_lettered=1), timeout=20.0)
    finally:
        consumer.stop()
        await task
    assert await effects.fetchval("SELECT stream_id FROM applied") == "good"
    reason = await effects.fetchval("SELECT reason FROM dead_letters WHERE consumer = $1", consumer.consumer)
    expected = {
        "bad header value": "bad envelope: ce_mieuxposition is not a non-negative integer",
        "over the size limit": "record too large",
        "a final domain refusal": "refused: ACTION_CLOSED",
    }[poison]
    assert reason.startswith(expected)
    assert await consumer.parked_count() == 1


async def test_a_redrive_applies_parked_records_once_after_the_fix(
    effects: asyncpg.Pool, backend: Backend, topic: str, producer: AIOKafkaProducer
) -> None:
    fixed = False

    async def buggy_until_fixed(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
        if not fixed:
            raise KeyError("a handler bug")
        await record_effect(conn, received)

    for i in range(3):
        await send(producer, topic, counter_event(f"c-{i}", i))
    consumer = runner(effects, backend, topic, buggy_until_fixed, max_attempts=2)
    task = asyncio.create_task(consumer.run())
    try:
        await until(lambda: _at_least(consumer, dead_lettered=3), timeout=20.0)
    finally:
        consumer.stop()
        await task
    assert await count(effects) == 0
    assert await consumer.parked_count() == 3

    failing_again = await consumer.redrive()
    assert (failing_again.redriven, failing_again.still_parked) == (0, 3)
    assert all("KeyError" in reason for reason in failing_again.reasons.values())

    fixed = True
    report = await consumer.redrive()
    assert (report.redriven, report.still_parked) == (3, 0)
    assert await count(effects) == 3
    assert await consumer.parked_count() == 0
    again = await consumer.redrive()
    assert (again.redriven, again.still_parked) == (0, 0)
    assert await count(effects) == 3


async def test_a_message_that_always_fails_is_parked_after_the_last_attempt(
    effects: asyncpg.Pool, backend: Backend, topic: str, producer: AIOKafkaProducer
) -> None:
    async def broken(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
        raise ValueError("bug in the handler")

    await send(producer, topic, counter_event("c-1", 1))
    consumer = runner(effects, backend, topic, broken, max_attempts=3)
    task = asyncio.create_task(consumer.run())
    try:
        await until(lambda: _at_least(consumer, dead_lettered=1), timeout=20.0)
    finally:
        consumer.stop()
        await task
    [parked] = await drain(backend.bootstrap_servers, consumer.dlq_topic, expected=1)
    assert "failed 3 times: ValueError: bug in the handler" in dict(parked.headers)["dlq_reason"].decode()


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
        await until(lambda: _count_is(effects, 40), timeout=20.0)
        await asyncio.sleep(0.5)  # give a wrongly redelivered message time to show up
    finally:
        second.stop()
        await resumed
    assert await count(effects) == 40
    assert await effects.fetchval("SELECT count(DISTINCT stream_id) FROM applied") == 40


async def _count_is(pool: asyncpg.Pool, expected: int) -> bool:
    return await count(pool) >= expected


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
        await until(lambda: _at_least(consumer, processed=1), timeout=20.0)
    finally:
        consumer.stop()
        await task
    assert await count(effects) == 1
    assert consumer.stats.dead_lettered == 0


async def test_parked_handler_failures_are_tried_again_on_their_own_but_poison_is_not(
    effects: asyncpg.Pool, backend: Backend, topic: str, producer: AIOKafkaProducer
) -> None:
    fixed = False

    async def fails_until_fixed(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
        if not fixed:
            raise LookupError("the activity is not known here yet")
        await record_effect(conn, received)

    await send(producer, topic, counter_event("c-1", 1))
    await producer.send_and_wait(
        topic, key=b"p", value=b"not json", headers=encode_record("s", counter_event("p", 1))[2]
    )
    consumer = runner(effects, backend, topic, fails_until_fixed, max_attempts=2, auto_redrive_interval=0.5)
    task = asyncio.create_task(consumer.run())
    try:
        await until(lambda: _at_least(consumer, dead_lettered=2), timeout=20.0)
        fixed = True
        await until(lambda: _count_is(effects, 1), timeout=20.0)
    finally:
        consumer.stop()
        await task
    assert consumer.stats.redriven == 1
    [still_parked] = await effects.fetch("SELECT reason FROM dead_letters WHERE redriven_at IS NULL")
    assert still_parked["reason"].startswith("value is not JSON")


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
        await until(lambda: _at_least(consumer, processed=1), timeout=30.0)
        await until(lambda: _no_problem(consumer), timeout=20.0)
        assert not task.done()  # waited out, never crashed
    finally:
        consumer.stop()
        await task


async def _problem_is_reported(consumer: ConsumerRunner) -> bool:
    return "CannotConnectNowError" in (consumer.problem() or "")


async def _no_problem(consumer: ConsumerRunner) -> bool:
    return consumer.problem() is None
