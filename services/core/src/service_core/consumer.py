"""Consumer runner: applies other services' events exactly once to this service's database.

Each message is handled in one DB transaction that also records (consumer, event_id) in the inbox; the
Kafka offset is committed only after that transaction commits. A redelivered message finds its inbox row
and changes nothing.

Failures are told apart (`failures.py`). An infrastructure fault (database unavailable, serialisation
failure, timeout) is retried from the same offset with capped exponential backoff for as long as it lasts:
the partition waits, order holds, readiness is red meanwhile. Only a record that can never succeed as it
is (undecodable, unknown type, invalid data, too large, a final domain refusal, or a handler that keeps
failing) is parked: a row in `dead_letters` (the store of record, so a redrive finds it after a broker
restart) and a copy on the dead-letter topic with the reason. `redrive()` puts parked records back
through the same path after a fix.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.errors import KafkaError
from contracts.base import DomainEvent
from contracts.envelope import dead_letter_headers
from contracts.registry import EventRegistry
from contracts.topics import dead_letter_topic

from service_core.dead_letters import DeadLetters
from service_core.errors import DomainError
from service_core.failures import Backoff, is_transient, pause
from service_core.kafka import ensure_topics, new_producer
from service_core.records import (
    DEFAULT_MAX_RECORD_BYTES,
    PoisonMessage,
    ReceivedEvent,
    Record,
    StoredRecord,
    decode_record,
)
from service_core.telemetry import current_traceparent, messaging_span, tracing_on

__all__ = [
    "DEFAULT_MAX_RECORD_BYTES",
    "ConsumerRunner",
    "ConsumerStats",
    "Handler",
    "Outcome",
    "PoisonMessage",
    "ReceivedEvent",
    "Record",
    "RedriveInterrupted",
    "RedriveReport",
    "StoredRecord",
]
log = logging.getLogger(__name__)


Handler = Callable[[asyncpg.Connection, ReceivedEvent], Awaitable[None]]
_NOTE = """INSERT INTO inbox (consumer, event_id, source, source_position) VALUES ($1, $2, $3, $4)
ON CONFLICT DO NOTHING RETURNING 1"""
_HOUSEKEEPING = "dead letters"
_HANDLER_FAILED = "failed"  # reasons of parked handler failures start so; they are redriven on their own


class Outcome(Enum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"  # a known type this service has no handler for
    PARKED = "parked"
    RETRY = "retry"  # a transient fault: the same record again after a pause


@dataclass
class ConsumerStats:
    processed: int = 0
    duplicates: int = 0
    ignored: int = 0
    dead_lettered: int = 0
    handler_errors: int = 0
    transient_failures: int = 0
    redriven: int = 0
    parked: int = 0  # in dead_letters, not yet redriven (refreshed every few seconds)
    lag: dict[str, int] = field(default_factory=dict)
    lag_seconds: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "lag_total": sum(self.lag.values())}


@dataclass(frozen=True)
class RedriveReport:
    redriven: int
    still_parked: int
    reasons: dict[int, str]  # dead-letter id -> why it is still parked

    def as_dict(self) -> dict[str, Any]:
        return {"redriven": self.redriven, "still_parked": self.still_parked, "reasons": self.reasons}


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
        max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
        retry_backoff: Backoff | None = None,
        auto_redrive_interval: float = 300.0,
        fetch_max_wait_ms: int = 20,
    ) -> None:
        self.consumer = consumer
        self.name = "consumer"
        self.topics = topics
        self.dlq_topic = dead_letter_topic(consumer)
        self._handlers = dict(handlers)
        self._pool = pool
        self._registry = registry
        self._bootstrap = bootstrap_servers
        self._max_attempts = max_attempts
        self._partitions = partitions
        self._replication = replication_factor
        self._max_record_bytes = max_record_bytes
        self._retry = retry_backoff or Backoff(initial=0.2, cap=5.0)
        self._auto_redrive_interval = auto_redrive_interval
        self._fetch_max_wait_ms = fetch_max_wait_ms
        self._stopping = asyncio.Event()
        self._attempts: dict[tuple[str, int, int], int] = {}
        self._positions: dict[TopicPartition, int] = {}
        self._last_timestamps: dict[TopicPartition, float] = {}
        self._dlq: AIOKafkaProducer | None = None
        self._failing_since: float | None = None
        self._last_fault = ""
        self.stats = ConsumerStats()
        self.dead_letters = DeadLetters(pool, consumer)

    def stop(self) -> None:
        self._stopping.set()

    def problem(self) -> str | None:
        """Why this consumer cannot make progress right now (None: it can). Readiness shows it."""
        if self._failing_since is None:
            return None
        return f"retrying for {time.monotonic() - self._failing_since:.0f} s: {self._last_fault}"[:300]

    async def run(self) -> None:
        backoff = Backoff(initial=0.2, cap=5.0)
        while not self._stopping.is_set():
            try:
                await self._run_connected()
                backoff.reset()
            except (TimeoutError, KafkaError, OSError) as exc:
                self._note_fault(f"broker: {exc!r}")
                log.warning(
                    "consumer lost the broker, retrying",
                    extra={"consumer": self.consumer, "error": repr(exc)},
                )
                await self._sleep(backoff.next())

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
            fetch_max_wait_ms=self._fetch_max_wait_ms,  # short: an event reaches us soon after it is published
        )
        self._dlq = new_producer(self._bootstrap)
        await self._dlq.start()
        try:
            await kafka.start()
            self._clear_fault()
            next_redrive = time.monotonic() + self._auto_redrive_interval
            next_count = 0.0
            while not self._stopping.is_set():
                if time.monotonic() >= next_count:
                    next_count = time.monotonic() + 5.0
                    await self._unless_transient(self._refresh_parked())
                if self._auto_redrive_interval > 0 and time.monotonic() >= next_redrive:
                    next_redrive = time.monotonic() + self._auto_redrive_interval
                    await self._unless_transient(self._redrive_handler_failures())
                batch = await kafka.getmany(timeout_ms=200, max_records=500)
                done: dict[TopicPartition, int] = {}
                failed = False
                for tp, messages in batch.items():
                    for message in messages:
                        if await self._process(message) is Outcome.RETRY:
                            kafka.seek(tp, message.offset)  # the partition waits: order holds
                            failed = True
                            break
                        done[tp] = message.offset + 1
                        self._last_timestamps[tp] = getattr(message, "timestamp", 0) / 1000
                if done:
                    # Only offsets whose effects are already committed in the database.
                    await kafka.commit(done)
                    self._positions.update(done)
                if failed:
                    await self._sleep(self._retry.next())
                elif done:  # progress (an empty poll after a seek says nothing about the fault)
                    self._retry.reset()
                    self._clear_fault()
                self._record_lag(kafka)
        finally:
            try:
                await kafka.stop()
            finally:
                await self._dlq.stop()
                self._dlq = None

    async def _process(self, message: Record) -> Outcome:
        """Apply one live message: the outcome says whether its offset may be committed."""
        outcome, reason = await self._apply(message)
        if outcome is Outcome.PARKED:
            try:
                await self._park(message, reason)
            except Exception as exc:
                if not is_transient(exc):
                    raise
                self._note_fault(f"parking: {type(exc).__name__}: {exc}")
                return Outcome.RETRY
        elif outcome is Outcome.RETRY:
            self._note_fault(reason)
        return outcome

    async def _apply(self, message: Record, *, retry_bugs: bool = True) -> tuple[Outcome, str]:
        """Decode and apply one record in its inbox transaction; the reason explains PARKED and RETRY.

        `retry_bugs=False` (a redrive): a handler error parks at once; RETRY then only means a transient fault."""
        try:
            received = decode_record(message, self._registry, self._max_record_bytes)
        except PoisonMessage as poison:
            return Outcome.PARKED, poison.reason
        if not tracing_on():
            return await self._apply_decoded(message, received, retry_bugs)
        attributes = {
            "messaging.message.id": received.envelope.id,
            "messaging.consumer.group.name": self.consumer,
            "messaging.destination.partition.id": str(message.partition),
            "messaging.kafka.offset": message.offset,
            "messaging.kafka.message.key": received.key,
        }
        with messaging_span("process", message.topic, received.envelope.traceparent, attributes) as span:
            # what the handler writes (a policy's command) continues this trace
            received = replace(received, envelope=replace(received.envelope, traceparent=current_traceparent()))
            outcome, reason = await self._apply_decoded(message, received, retry_bugs)
            span.set_attribute("mieux.outcome", outcome.value)
            return outcome, reason

    async def _apply_decoded(self, message: Record, received: ReceivedEvent, retry_bugs: bool) -> tuple[Outcome, str]:
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
                    return Outcome.DUPLICATE, ""
                if handler is None:
                    self.stats.ignored += 1
                    return Outcome.IGNORED, ""
                await handler(conn, received)
        except PoisonMessage as poison:
            return Outcome.PARKED, poison.reason
        except Exception as exc:
            reason = f"{type(exc).__name__}: {exc}"
            if is_transient(exc):  # a concurrent command on the same aggregate included: the retry sees it
                self.stats.transient_failures += 1
                log.warning("transient failure, retrying", extra={"consumer": self.consumer, "error": reason[:500]})
                return Outcome.RETRY, reason
            if isinstance(exc, DomainError):  # the domain said no: the same event will always get the same answer
                return Outcome.PARKED, f"refused: {exc.code}: {exc.message}"
            # a handler bug or a data error: a few tries (it may be a race), then park it for a redrive
            log.exception("handler failed", extra={"consumer": self.consumer, "event_id": received.envelope.id})
            if not retry_bugs:
                return Outcome.PARKED, f"{_HANDLER_FAILED} again: {reason}"
            return self._count_attempt(message, reason)
        self._attempts.pop((message.topic, message.partition, message.offset), None)
        self.stats.processed += 1
        return Outcome.APPLIED, ""

    def _count_attempt(self, message: Record, reason: str) -> tuple[Outcome, str]:
        self.stats.handler_errors += 1
        key = (message.topic, message.partition, message.offset)
        self._attempts[key] = self._attempts.get(key, 0) + 1
        if self._attempts[key] >= self._max_attempts:
            del self._attempts[key]
            return Outcome.PARKED, f"{_HANDLER_FAILED} {self._max_attempts} times: {reason}"
        return Outcome.RETRY, reason

    async def _park(self, message: Record, reason: str) -> None:
        await self.dead_letters.park(message, reason, retryable=reason.startswith(_HANDLER_FAILED))
        if self._dlq is not None:
            dlq_headers = [
                *message.headers,
                *dead_letter_headers(reason, self.consumer, message.topic, message.partition, message.offset),
            ]
            await self._dlq.send_and_wait(self.dlq_topic, value=message.value, key=message.key, headers=dlq_headers)
        self.stats.dead_lettered += 1
        log.warning("message dead-lettered", extra={"consumer": self.consumer, "reason": reason[:500]})

    async def parked_count(self) -> int:
        return await self.dead_letters.count()

    async def _refresh_parked(self) -> None:
        self.stats.parked = await self.parked_count()

    async def _unless_transient(self, housekeeping: Awaitable[None]) -> None:
        """Counting and redriving dead letters wait for the database like the records do: a fault there is
        noted (readiness shows it) and the work is skipped until next time, never a crash of the consumer."""
        try:
            await housekeeping
        except Exception as exc:
            if not is_transient(exc):
                raise
            self._note_fault(f"{_HOUSEKEEPING}: {type(exc).__name__}: {exc}")
        else:
            if self._last_fault.startswith(_HOUSEKEEPING):  # the database is back, even with nothing to consume
                self._clear_fault()

    async def _redrive_handler_failures(self) -> None:
        """Handler failures may pass later (a race, a fixed dependency): try them again now and then."""
        ids = await self.dead_letters.retryable_ids()
        if ids:
            try:
                await self.redrive(ids)
            except RedriveInterrupted as exc:
                log.warning("automatic redrive interrupted", extra={"consumer": self.consumer, "error": str(exc)})

    async def redrive(self, ids: Sequence[int] | None = None) -> RedriveReport:
        """Put parked records back through the normal handler (idempotent: the inbox drops what was applied).

        A record that fails again stays parked with the new reason; a transient fault stops the redrive
        (raised) with nothing lost, so it can simply be run again."""
        redriven, reasons = 0, {}
        for dead_letter_id, record in await self.dead_letters.records(list(ids) if ids is not None else None):
            outcome, reason = await self._apply(record, retry_bugs=False)
            if outcome is Outcome.RETRY:
                raise RedriveInterrupted(f"transient fault, run the redrive again: {reason}")
            if outcome is Outcome.PARKED:
                await self._park(record, reason)
                reasons[dead_letter_id] = reason
                continue
            await self.dead_letters.mark_redriven(dead_letter_id)
            redriven += 1
        self.stats.redriven += redriven
        log.info(
            "dead letters redriven",
            extra={"consumer": self.consumer, "redriven": redriven, "still_parked": len(reasons)},
        )
        return RedriveReport(redriven=redriven, still_parked=len(reasons), reasons=reasons)

    def _note_fault(self, reason: str) -> None:
        if self._failing_since is None:
            self._failing_since = time.monotonic()
        self._last_fault = reason

    def _clear_fault(self) -> None:
        self._failing_since = None
        self._last_fault = ""

    def _record_lag(self, kafka: AIOKafkaConsumer) -> None:
        now = time.time()
        behind: dict[str, float] = dict.fromkeys(self.topics, 0.0)
        for tp in kafka.assignment():
            highwater = kafka.highwater(tp)
            position = self._positions.get(tp)
            if highwater is not None and position is not None:
                lag = self.stats.lag[f"{tp.topic}:{tp.partition}"] = max(highwater - position, 0)
                if lag and (last := self._last_timestamps.get(tp)):
                    behind[tp.topic] = max(behind.get(tp.topic, 0.0), now - last)
        self.stats.lag_seconds = behind

    async def _sleep(self, seconds: float) -> None:
        await pause(self._stopping, seconds)


class RedriveInterrupted(Exception):
    """A redrive met an infrastructure fault; what it had redriven stays redriven."""
