"""Records that can never be applied are parked (database and dead-letter topic) with their reason, and
redriven after a fix: by hand, or on their own for handler failures."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import asyncpg
import pytest
from aiokafka import AIOKafkaProducer
from contracts.envelope import CloudEventHeaders
from service_core.consumer import ReceivedEvent
from service_core.errors import DomainError
from service_core.kafka import encode_record
from service_core.testing.backends import Backend
from service_core.testing.waiting import until

from .conftest import drain
from .consumers import at_least, count, count_is, counter_event, record_effect, runner, send


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
        await until(lambda: at_least(consumer, processed=1, dead_lettered=4), timeout=20.0)
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
        await until(lambda: at_least(consumer, processed=1, dead_lettered=1), timeout=20.0)
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
        await until(lambda: at_least(consumer, dead_lettered=3), timeout=20.0)
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
        await until(lambda: at_least(consumer, dead_lettered=1), timeout=20.0)
    finally:
        consumer.stop()
        await task
    [parked] = await drain(backend.bootstrap_servers, consumer.dlq_topic, expected=1)
    assert "failed 3 times: ValueError: bug in the handler" in dict(parked.headers)["dlq_reason"].decode()


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
        await until(lambda: at_least(consumer, dead_lettered=2), timeout=20.0)
        fixed = True
        await until(lambda: count_is(effects, 1), timeout=20.0)
    finally:
        consumer.stop()
        await task
    assert consumer.stats.redriven == 1
    [still_parked] = await effects.fetch("SELECT reason FROM dead_letters WHERE redriven_at IS NULL")
    assert still_parked["reason"].startswith("value is not JSON")
