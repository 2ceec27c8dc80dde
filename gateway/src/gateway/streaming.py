"""The service topics as records: parsing them, and a reader that tails every partition (docs/architecture.md).

A `TopicReader` is a group-less `AIOKafkaConsumer` assigned every partition of the four service topics: no
consumer group means no rebalancing and no committed offsets, so it reads from positions of its own and
closing it is just `stop()`. The gateway runs one live reader per process (`gateway.fanout.EventHub`) and a
short-lived one per resumed subscription, to replay what came after its cursor.

Positions are `{partition: next offset}` after the last record handled: every record before them on every
partition was either delivered or not visible, so resuming from them misses nothing and repeats nothing.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.errors import KafkaError
from contracts.envelope import CloudEventHeaders, EnvelopeError
from contracts.topics import SERVICES, service_topic

log = logging.getLogger(__name__)

TOPICS: tuple[str, ...] = tuple(service_topic(name) for name in SERVICES)
_CE_TYPE = re.compile(r"^eu\.mieux\.(?P<service>[a-z_]+)\.(?P<name>[A-Za-z0-9]+)\.v(?P<version>\d+)$")
_METADATA_REFRESH_S = 10.0

Positions = dict[TopicPartition, int]  # next offset to read, per partition


class StreamUnavailable(Exception):
    """The broker did not answer."""


@dataclass(frozen=True, slots=True)
class StreamedEvent:
    """One record of a service topic, read from its CloudEvents headers and JSON value."""

    id: str
    name: str
    version: int
    service: str
    subject: str
    time: datetime
    data: dict[str, Any]
    topic: str
    partition: int
    offset: int


def parse_record(record: ConsumerRecord[bytes, bytes]) -> StreamedEvent | None:
    """None for a record that is not a readable platform event (consumers dead-letter those; we skip)."""
    try:
        envelope = CloudEventHeaders.from_kafka(record.headers)
        data = json.loads(record.value or b"")
    except (EnvelopeError, ValueError):
        return None
    match = _CE_TYPE.match(envelope.type)
    if match is None or not isinstance(data, dict):
        return None
    return StreamedEvent(
        id=envelope.id,
        name=match["name"],
        version=int(match["version"]),
        service=match["service"],
        subject=envelope.subject,
        time=envelope.time,
        data=data,
        topic=record.topic,
        partition=record.partition,
        offset=record.offset,
    )


class TopicReader:
    """Reads every partition of the service topics from its own positions (no consumer group)."""

    def __init__(self, bootstrap_servers: str, start: Positions | None, client_id: str) -> None:
        self._start = start
        self._closed = False
        self._refreshed_at = 0.0
        self.positions: Positions = {}
        self._kafka = AIOKafkaConsumer(
            bootstrap_servers=bootstrap_servers,
            group_id=None,
            enable_auto_commit=False,
            auto_offset_reset="earliest",  # a position no longer retained resumes at the oldest record kept
            client_id=client_id,
            request_timeout_ms=15_000,
        )

    async def start(self) -> None:
        try:
            await self._kafka.start()
            await self._assign(await self._discover(), self._start)
        except (KafkaError, OSError, TimeoutError) as exc:
            raise StreamUnavailable(f"the event stream is unavailable: {type(exc).__name__}") from exc

    async def _discover(self) -> set[TopicPartition]:
        await self._kafka.topics()  # refreshes the cluster metadata
        self._refreshed_at = time.monotonic()
        found: set[TopicPartition] = set()
        for topic in TOPICS:
            for partition in self._kafka.partitions_for_topic(topic) or ():
                found.add(TopicPartition(topic, partition))
        return found

    async def _assign(self, partitions: set[TopicPartition], start: Positions | None) -> None:
        """Positions: from `start` when it knows the partition, else the end (no start: "from now") or the
        beginning (resuming, or a partition created while we read: all of it is new to the subscriber). A
        start beyond the partition's end means the log was recreated (a broker that restarted empty): all of
        it is new too."""
        new = sorted(partitions - self.positions.keys())
        if not new:
            return
        if start is None:
            origin = await self._kafka.end_offsets(new)
        else:
            ends = await self._kafka.end_offsets([tp for tp in new if tp in start])
            kept = {tp: start[tp] for tp in new if tp in start and start[tp] <= ends.get(tp, 0)}
            origin = await self._kafka.beginning_offsets([tp for tp in new if tp not in kept])
            origin.update(kept)
        for tp in new:
            self.positions[tp] = int(origin.get(tp, 0))
        self._kafka.assign(list(self.positions))
        for tp, offset in self.positions.items():
            self._kafka.seek(tp, offset)

    async def poll(self, timeout_ms: int = 500, max_records: int = 200) -> Sequence[ConsumerRecord[bytes, bytes]]:
        """The next records, in offset order per partition; empty after `timeout_ms` without any."""
        if time.monotonic() - self._refreshed_at > _METADATA_REFRESH_S:
            # Partitions created after we started (e.g. the broker was emptied and refilled) start at 0.
            try:
                await self._assign(await self._discover(), {})
            except (KafkaError, OSError, TimeoutError):
                log.warning("event reader could not refresh the topic metadata", exc_info=True)
        batch = await self._kafka.getmany(timeout_ms=timeout_ms, max_records=max_records)
        return [record for tp in sorted(batch) for record in batch[tp]]

    def advance(self, record: ConsumerRecord[bytes, bytes]) -> None:
        """The record was handled (delivered or not visible): resume after it."""
        self.positions[TopicPartition(record.topic, record.partition)] = record.offset + 1

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            # Shielded: aiokafka's stop() swallows a cancellation arriving inside it, and a client that left
            # mid-close must still end the subscription (the stop goes on in the background).
            await asyncio.shield(self._kafka.stop())
        except Exception:  # closing must never mask why we close
            log.warning("event reader did not stop cleanly", exc_info=True)
