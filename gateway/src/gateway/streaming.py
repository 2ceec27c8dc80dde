"""The service topics as one live, resumable feed for subscriptions (DESIGN §5-6).

One group-less `AIOKafkaConsumer` per subscription, assigned every partition of the four service topics:
no consumer group means no rebalancing and no committed offsets, so each subscriber reads at its own
pace from its own positions, and dropping it (client gone) is just `stop()`.

A cursor is the reader's position vector, `{topic: {partition: next offset}}`, after the record it
belongs to: every record before it on every partition was either delivered or not visible to the
subscriber. Resuming from it therefore misses nothing the broker still retains and repeats nothing.
"""

from __future__ import annotations

import base64
import binascii
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
_CURSOR_PREFIX = "c1."
_METADATA_REFRESH_S = 10.0

Positions = dict[TopicPartition, int]  # next offset to read, per partition


class CursorError(ValueError):
    """The `after` argument is not a cursor this gateway issued."""


class StreamUnavailable(Exception):
    """The broker did not answer."""


class TooManyStreams(Exception):
    """The gateway process already serves its maximum of live subscriptions."""


def encode_cursor(positions: Positions) -> str:
    by_topic: dict[str, dict[str, int]] = {}
    for tp, offset in sorted(positions.items()):
        by_topic.setdefault(tp.topic, {})[str(tp.partition)] = offset
    raw = json.dumps(by_topic, separators=(",", ":"), sort_keys=True).encode()
    return _CURSOR_PREFIX + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> Positions:
    if not cursor.startswith(_CURSOR_PREFIX) or len(cursor) > 4096:
        raise CursorError("not a regionEvents cursor")
    body = cursor[len(_CURSOR_PREFIX) :]
    try:
        decoded = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    except (ValueError, binascii.Error) as exc:
        raise CursorError("not a regionEvents cursor") from exc
    if not isinstance(decoded, dict):
        raise CursorError("not a regionEvents cursor")
    positions: Positions = {}
    for topic, partitions in decoded.items():
        if topic not in TOPICS or not isinstance(partitions, dict):
            raise CursorError("not a regionEvents cursor")
        for partition, offset in partitions.items():
            if not (isinstance(partition, str) and partition.isdigit() and isinstance(offset, int) and offset >= 0):
                raise CursorError("not a regionEvents cursor")
            positions[TopicPartition(topic, int(partition))] = offset
    return positions


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


class EventSource:
    """Per gateway process: where the broker is, and how many readers are open (capped)."""

    def __init__(self, bootstrap_servers: str, max_readers: int = 500) -> None:
        self.bootstrap_servers = bootstrap_servers
        self.max_readers = max_readers
        self.open_readers = 0

    async def open(self, start: Positions | None) -> TopicReader:
        """A started reader at `start` (a decoded cursor), or at the end of every partition if None."""
        if self.open_readers >= self.max_readers:
            raise TooManyStreams(f"this gateway already serves {self.max_readers} live subscriptions")
        reader = TopicReader(self, start)
        self.open_readers += 1
        try:
            await reader.start()
        except BaseException:
            await reader.close()
            raise
        return reader


class TopicReader:
    """Reads every partition of the service topics from its own positions (no consumer group)."""

    def __init__(self, source: EventSource, start: Positions | None) -> None:
        self._source = source
        self._start = start
        self._closed = False
        self._refreshed_at = 0.0
        self.positions: Positions = {}
        self._kafka = AIOKafkaConsumer(
            bootstrap_servers=source.bootstrap_servers,
            group_id=None,
            enable_auto_commit=False,
            auto_offset_reset="earliest",  # a position no longer retained resumes at the oldest record kept
            client_id="mieux-gateway-subscription",
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
        beginning (resuming, or a partition created while we read: all of it is new to the subscriber)."""
        new = sorted(partitions - self.positions.keys())
        if not new:
            return
        if start is None:
            origin = await self._kafka.end_offsets(new)
        else:
            origin = await self._kafka.beginning_offsets([tp for tp in new if tp not in start])
            origin.update({tp: start[tp] for tp in new if tp in start})
        for tp in new:
            self.positions[tp] = int(origin.get(tp, 0))
        self._kafka.assign(list(self.positions))
        for tp, offset in self.positions.items():
            self._kafka.seek(tp, offset)

    async def poll(self, timeout_ms: int = 500) -> Sequence[ConsumerRecord[bytes, bytes]]:
        """The next records, in offset order per partition; empty after `timeout_ms` without any."""
        if time.monotonic() - self._refreshed_at > _METADATA_REFRESH_S:
            # Partitions created after we started (e.g. the broker was emptied and refilled) start at 0.
            try:
                await self._assign(await self._discover(), {})
            except (KafkaError, OSError, TimeoutError):
                log.warning("subscription reader could not refresh the topic metadata", exc_info=True)
        batch = await self._kafka.getmany(timeout_ms=timeout_ms, max_records=200)
        return [record for tp in sorted(batch) for record in batch[tp]]

    def advance(self, record: ConsumerRecord[bytes, bytes]) -> None:
        """The record was handled (delivered or not visible): resume after it."""
        self.positions[TopicPartition(record.topic, record.partition)] = record.offset + 1

    def cursor(self) -> str:
        return encode_cursor(self.positions)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._source.open_readers -= 1
        try:
            await self._kafka.stop()
        except Exception:  # closing must never mask why we close
            log.warning("subscription reader did not stop cleanly", exc_info=True)
