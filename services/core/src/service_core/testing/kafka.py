"""Kafka helpers for the services' tests: read a topic back, and run a service's outbox relay onto one."""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer
from contracts.registry import EventRegistry

from service_core.relay import OutboxRelay


async def read_topic(bootstrap: str, topic: str, expected: int, timeout: float = 30.0) -> list[Any]:
    """Read `topic` from the start until `expected` records arrived (or `timeout` seconds passed)."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, group_id=None, auto_offset_reset="earliest", metadata_max_age_ms=1000
    )
    await consumer.start()
    records: list[Any] = []
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        while len(records) < expected and asyncio.get_running_loop().time() < deadline:
            for batch in (await consumer.getmany(timeout_ms=300)).values():
                records.extend(batch)
    finally:
        await consumer.stop()
    return records


async def relayed(
    service: str, pool: asyncpg.Pool, registry: EventRegistry, bootstrap: str, topic: str, expected: int
) -> list[Any]:
    """Run `service`'s outbox relay onto `topic` while reading the topic back (see `read_topic`); the records."""
    relay = OutboxRelay(
        service=service,
        topic=topic,
        pool=pool,
        registry=registry,
        bootstrap_servers=bootstrap,
        idle_sleep=0.01,
    )
    task = asyncio.create_task(relay.run())
    try:
        return await read_topic(bootstrap, topic, expected)
    finally:
        relay.stop()
        await task
