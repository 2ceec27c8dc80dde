"""Read the stream's topics from the beginning (or from where the tables say it stopped) into PostgreSQL.

Each record goes through the official CloudEvents SDK's Kafka binary-mode reader, then its data is checked
against the JSON Schema the AsyncAPI document gives for its type. A record that is not a CloudEvent, has
a type the contract does not list, or fails its schema is kept in `refused_records` with the reason.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.structs import ConsumerRecord
from cloudevents.core.bindings import kafka as ce_kafka

from reporting_consumer import tables
from reporting_consumer.contract import Contract

log = logging.getLogger(__name__)


@dataclass
class Progress:
    accepted: int = 0
    refused: int = 0


async def run(contract: Contract, dsn: str, bootstrap_servers: str, *, until_caught_up: bool) -> Progress:
    """Consume; with `until_caught_up`, stop once every partition is read to the end it had at the start."""
    progress = Progress()
    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=2)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, group_id=None, enable_auto_commit=False)
    try:
        await tables.create(pool)
        await consumer.start()
        await consumer.topics()  # the cluster's metadata: this consumer assigns partitions itself
        partitions = [
            TopicPartition(topic, number)
            for topic in contract.topics
            for number in sorted(consumer.partitions_for_topic(topic) or ())
        ]
        consumer.assign(partitions)
        stored = await tables.positions(pool)
        for partition in partitions:
            consumer.seek(partition, stored.get((partition.topic, partition.partition), 0))
        ends = await consumer.end_offsets(partitions) if until_caught_up else {}
        while True:
            batch = await consumer.getmany(timeout_ms=1000, max_records=2000)
            for partition, records in batch.items():
                async with pool.acquire() as conn, conn.transaction():
                    for record in records:
                        await _handle(conn, contract, record, progress)
                    await tables.save_position(conn, partition.topic, partition.partition, records[-1].offset + 1)
            if until_caught_up and all([await consumer.position(p) >= ends[p] for p in partitions]):
                return progress
    finally:
        await consumer.stop()
        await pool.close()


async def _handle(
    conn: asyncpg.Connection, contract: Contract, record: ConsumerRecord[Any, Any], progress: Progress
) -> None:
    where = (record.topic, record.partition, record.offset)
    try:
        message = ce_kafka.KafkaMessage(headers=dict(record.headers or ()), key=record.key, value=record.value or b"")
        event = ce_kafka.from_binary_event(message)
    except Exception as exc:  # the SDK raises several kinds for a record that is not a CloudEvent
        await _refuse(conn, where, f"not a CloudEvent: {exc}", progress)
        return
    known = contract.message(event.get_type())
    data = event.get_data()
    if known is None:
        await _refuse(conn, where, f"type {event.get_type()!r} is not in the contract", progress)
        return
    errors = sorted(known.validator.iter_errors(data), key=lambda e: list(e.path))
    if errors or not isinstance(data, dict):
        await _refuse(conn, where, f"{known.name}: {errors[0].message if errors else 'not an object'}", progress)
        return
    landed = {
        "id": event.get_id(),
        "type": event.get_type(),
        "subject": event.get_subject() or "",
        "time": event.get_time(),
        "classification": event.get_extension("dataclassification"),
        "topic": record.topic,
        "partition": record.partition,
        "offset": record.offset,
    }
    await tables.accept(conn, landed, known.name, data)
    progress.accepted += 1


async def _refuse(conn: asyncpg.Connection, where: tuple[str, int, int], reason: str, progress: Progress) -> None:
    log.warning("record refused", extra={"where": where, "reason": reason[:300]})
    await tables.refuse(conn, *where, reason[:2000])
    progress.refused += 1


def consume(contract: Contract, dsn: str, bootstrap_servers: str, *, until_caught_up: bool) -> Progress:
    return asyncio.run(run(contract, dsn, bootstrap_servers, until_caught_up=until_caught_up))
