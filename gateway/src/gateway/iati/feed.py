"""The IATI projection fed by the stream: reads the requests and actions topics from where it stopped up to
their current end (no consumer group, nothing committed), so each export sees every event published so far."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaError
from contracts.envelope import CloudEventHeaders, EnvelopeError
from contracts.events import default_registry
from contracts.registry import UnknownEventType
from contracts.topics import service_topic
from pydantic import ValidationError

from gateway.iati.projection import IatiPortfolio

log = logging.getLogger(__name__)

FED_BY = ("requests", "actions")


class StreamUnavailable(Exception):
    """The broker could not be read."""


class IatiFeed:
    """One projection per gateway process, brought up to date before each export."""

    def __init__(self, bootstrap_servers: str, topics: Mapping[str, str] | None = None) -> None:
        self.bootstrap_servers = bootstrap_servers
        self.topics = dict(topics or {service: service_topic(service) for service in FED_BY})
        self.portfolio = IatiPortfolio()
        self.positions: dict[TopicPartition, int] = {}
        self._registry = default_registry()
        self._lock = asyncio.Lock()

    async def refresh(self, timeout_s: float = 30.0) -> IatiPortfolio:
        async with self._lock:  # one reader at a time; later callers find it current
            try:
                await asyncio.wait_for(self._read_to_end(), timeout_s)
            except (KafkaError, OSError, TimeoutError) as exc:
                raise StreamUnavailable(f"the event stream could not be read ({type(exc).__name__})") from exc
            return self.portfolio

    async def _read_to_end(self) -> None:
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self.bootstrap_servers,
            group_id=None,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            request_timeout_ms=10_000,
        )
        try:
            await consumer.start()
            await consumer.topics()  # the cluster's metadata, for topics this consumer did not subscribe to
            partitions = [
                TopicPartition(topic, number)
                for topic in self.topics.values()
                for number in sorted(consumer.partitions_for_topic(topic) or ())
            ]
            if not partitions:
                return
            consumer.assign(partitions)
            ends = await consumer.end_offsets(partitions)
            for partition in partitions:
                if self.positions.get(partition, 0) > ends[partition]:
                    self.positions[partition] = 0  # the broker's log restarted: read it again (applying is idempotent)
                consumer.seek(partition, self.positions.get(partition, 0))
            pending = {p for p in partitions if self.positions.get(p, 0) < ends[p]}
            while pending:
                batch = await consumer.getmany(*pending, timeout_ms=1000, max_records=5000)
                for partition, records in batch.items():
                    for record in records:
                        self._apply(record.headers, record.value)
                        self.positions[partition] = record.offset + 1
                    if self.positions.get(partition, 0) >= ends[partition]:
                        pending.discard(partition)
        finally:
            await consumer.stop()

    def _apply(self, headers: list[tuple[str, bytes]] | None, value: bytes | None) -> None:
        """Every readable platform event; anything else is skipped (the services dead-letter those)."""
        try:
            envelope = CloudEventHeaders.from_kafka(headers)
            event = self._registry.decode_ce_type(envelope.type, json.loads(value or b""))
        except (EnvelopeError, UnknownEventType, ValidationError, ValueError) as exc:
            log.warning("IATI feed skipped a record it cannot read", extra={"reason": str(exc)[:200]})
            return
        self.portfolio.apply(event)
