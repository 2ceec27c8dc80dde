"""Consumer runner: applies other services' events exactly once to this service's database.

Each message is handled in one DB transaction that also records (consumer, event_id) in the inbox; the
Kafka offset is committed only after that transaction commits. A redelivered message finds its inbox row
and changes nothing. A message that cannot be read goes to the dead-letter topic with the reason.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.errors import KafkaError
from contracts.base import DomainEvent
from contracts.envelope import CloudEventHeaders, EnvelopeError, dead_letter_headers
from contracts.registry import EventRegistry, UnknownEventType
from contracts.topics import dead_letter_topic
from pydantic import ValidationError

from service_core.kafka import ensure_topics, new_producer

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReceivedEvent:
    """An event from another service, with the envelope it came in."""

    envelope: CloudEventHeaders
    event: DomainEvent
    key: str
    topic: str
    partition: int
    offset: int

    @property
    def source_service(self) -> str:
        """`/mieux/requests` -> `requests`."""
        return self.envelope.source.rsplit("/", 1)[-1]


Handler = Callable[[asyncpg.Connection, ReceivedEvent], Awaitable[None]]
_NOTE = """INSERT INTO inbox (consumer, event_id, source, source_position) VALUES ($1, $2, $3, $4)
ON CONFLICT DO NOTHING RETURNING 1"""


class PoisonMessage(Exception):
    """The message can never be applied; `reason` goes into the dead-letter headers."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class ConsumerStats:
    processed: int = 0
    duplicates: int = 0
    ignored: int = 0
    dead_lettered: int = 0
    handler_errors: int = 0
    lag: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "lag_total": sum(self.lag.values())}


class ConsumerRunner:
    def __init__(
        self,
        *,
        consumer: str,
        topics: list[str],
        handlers: Mapping[type[DomainEvent], Handler],
        pool: asyncpg.Pool,
        registry: EventRegistry,
        bootstrap_servers: str,
        max_attempts: int = 5,
        partitions: int = 3,
        replication_factor: int = 1,
    ) -> None:
        self.consumer = consumer
        self.topics = topics
        self.dlq_topic = dead_letter_topic(consumer)
        self._handlers = dict(handlers)
        self._pool = pool
        self._registry = registry
        self._bootstrap = bootstrap_servers
        self._max_attempts = max_attempts
        self._partitions = partitions
        self._replication = replication_factor
        self._stopping = asyncio.Event()
        self._attempts: dict[tuple[str, int, int], int] = {}
        self._positions: dict[TopicPartition, int] = {}
        self.stats = ConsumerStats()

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> None:
        backoff = 0.2
        while not self._stopping.is_set():
            try:
                await self._run_connected()
                backoff = 0.2
            except (TimeoutError, KafkaError, OSError) as exc:
                log.warning(
                    "consumer lost the broker, retrying",
                    extra={"consumer": self.consumer, "error": repr(exc)},
                )
                await self._sleep(backoff)
                backoff = min(backoff * 2, 5.0)

    async def _run_connected(self) -> None:
        await ensure_topics(self._bootstrap, [*self.topics, self.dlq_topic], self._partitions, self._replication)
        kafka = AIOKafkaConsumer(
            *self.topics,
            bootstrap_servers=self._bootstrap,
            group_id=self.consumer,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            metadata_max_age_ms=5_000,
            session_timeout_ms=6_000,  # a crashed member's partitions move on within seconds
            heartbeat_interval_ms=500,
        )
        self._dlq = new_producer(self._bootstrap)
        await self._dlq.start()
        try:
            await kafka.start()
            while not self._stopping.is_set():
                batch = await kafka.getmany(timeout_ms=200, max_records=500)
                done: dict[TopicPartition, int] = {}
                failed = False
                for tp, messages in batch.items():
                    for message in messages:
                        if not await self._process(message):
                            kafka.seek(tp, message.offset)  # retry from here after a pause
                            failed = True
                            break
                        done[tp] = message.offset + 1
                if done:
                    # Only offsets whose effects are already committed in the database.
                    await kafka.commit(done)
                    self._positions.update(done)
                if failed:
                    await self._sleep(0.5)
                self._record_lag(kafka)
        finally:
            try:
                await kafka.stop()
            finally:
                await self._dlq.stop()

    async def _process(self, message: ConsumerRecord[bytes, bytes]) -> bool:
        """Apply one message; False means a transient failure and the message must be retried."""
        try:
            received = self._decode(message)
        except PoisonMessage as poison:
            await self._dead_letter(message, poison.reason)
            return True
        handler = self._handlers.get(type(received.event))
        try:
            async with self._pool.acquire() as conn, conn.transaction():
                # Every event read is noted, handled or not: consistency tokens ask "has this position of that
                # service been seen here?" (and a redelivery finds its row and changes nothing).
                fresh = await conn.fetchval(
                    _NOTE, self.consumer, received.envelope.id, received.source_service, received.envelope.position
                )
                if fresh is None:
                    self.stats.duplicates += 1
                    return True
                if handler is None:
                    self.stats.ignored += 1
                    return True
                await handler(conn, received)
        except PoisonMessage as poison:
            await self._dead_letter(message, poison.reason)
            return True
        except (TimeoutError, asyncpg.PostgresError, OSError) as exc:
            return await self._note_failure(message, f"{type(exc).__name__}: {exc}")
        except Exception as exc:  # a handler bug must not stop the service: retry, then park it
            log.exception("handler failed", extra={"consumer": self.consumer, "event_id": received.envelope.id})
            return await self._note_failure(message, f"{type(exc).__name__}: {exc}")
        self.stats.processed += 1
        return True

    def _decode(self, message: ConsumerRecord[bytes, bytes]) -> ReceivedEvent:
        try:
            envelope = CloudEventHeaders.from_kafka(message.headers)
        except EnvelopeError as exc:
            raise PoisonMessage(f"bad envelope: {exc}") from exc
        try:
            data = json.loads(message.value or b"")
        except ValueError as exc:
            raise PoisonMessage(f"value is not JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise PoisonMessage("value is not a JSON object")
        try:
            event = self._registry.decode_ce_type(envelope.type, data)
        except UnknownEventType as exc:
            raise PoisonMessage(f"unknown event type: {exc}") from exc
        except ValidationError as exc:
            raise PoisonMessage(f"schema-invalid {envelope.type}: {exc.errors(include_url=False)}") from exc
        return ReceivedEvent(
            envelope=envelope,
            event=event,
            key=(message.key or b"").decode("utf-8", "replace"),
            topic=message.topic,
            partition=message.partition,
            offset=message.offset,
        )

    async def _note_failure(self, message: ConsumerRecord[bytes, bytes], reason: str) -> bool:
        self.stats.handler_errors += 1
        key = (message.topic, message.partition, message.offset)
        self._attempts[key] = self._attempts.get(key, 0) + 1
        if self._attempts[key] >= self._max_attempts:
            del self._attempts[key]
            await self._dead_letter(message, f"failed {self._max_attempts} times: {reason}")
            return True
        return False

    async def _dead_letter(self, message: ConsumerRecord[bytes, bytes], reason: str) -> None:
        headers = [
            *(message.headers or ()),
            *dead_letter_headers(reason, self.consumer, message.topic, message.partition, message.offset),
        ]
        await self._dlq.send_and_wait(self.dlq_topic, value=message.value, key=message.key, headers=headers)
        self.stats.dead_lettered += 1
        log.warning("message dead-lettered", extra={"consumer": self.consumer, "reason": reason[:500]})

    def _record_lag(self, kafka: AIOKafkaConsumer) -> None:
        for tp in kafka.assignment():
            highwater = kafka.highwater(tp)
            position = self._positions.get(tp)
            if highwater is not None and position is not None:
                self.stats.lag[f"{tp.topic}:{tp.partition}"] = max(highwater - position, 0)

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)
        except TimeoutError:
            pass
