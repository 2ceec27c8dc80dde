"""Outbox relay: publishes every committed event to Kafka, in per-stream order, never skipping one.

The store's `events` table is the outbox. Positions come from a sequence, so a transaction that took
position 5 may commit after one that took position 6: reading "position > last seen" would skip 5 for
good. The relay instead orders by (writing transaction id, position) and only reads rows written by
transactions older than the oldest one still running (`pg_snapshot_xmin`): that set can no longer grow,
so the checkpoint (tx_id, position) never passes an event that commits later.

The relay is woken by PostgreSQL: every insert into `events` notifies `NOTIFY_CHANNEL` at commit (core
migration 010), and the relay listens on its lock connection. A notification is only a hint: the relay reads
from its checkpoint as before, re-checks every `idle_sleep` while committed events wait behind an older open
transaction, and polls every `poll_interval` anyway, so a lost notification delays an event, never loses it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.errors import KafkaError
from contracts.dataclassification import HEADER as DATACLASSIFICATION_HEADER
from contracts.dataclassification import classification_of
from contracts.envelope import CONTENT_TYPE, SPEC_VERSION, Headers, dataschema_for, source_for
from contracts.registry import EventRegistry

from service_core.failures import TRANSIENT_TYPES, pause
from service_core.kafka import encode_record, ensure_topics, new_producer
from service_core.store.base import EventMetadata, RecordedEvent
from service_core.telemetry import current_traceparent, messaging_span, tracing_on

_SPEC = SPEC_VERSION.encode()
_CONTENT_TYPE = CONTENT_TYPE.encode()

log = logging.getLogger(__name__)

# data as stored text: an event already at its latest version is published without a decode/re-encode
_FETCH = """
SELECT event_id, stream_id, stream_type, version, position, recorded_at, event_name, event_version,
       data::text AS data_text, metadata->>'traceparent' AS traceparent,
       metadata->>'correlation_id' AS correlation_id, tx_id::text AS tx_text
FROM events
WHERE (events.tx_id, position) > ($1::text::xid8, $2)
  AND events.tx_id < pg_snapshot_xmin(pg_current_snapshot())
ORDER BY events.tx_id, position
LIMIT $3
"""


NOTIFY_CHANNEL = "mieux_events"
# Committed events past the checkpoint that the last read could not take yet (an older transaction is open).
_HELD_BACK = """SELECT EXISTS (SELECT 1 FROM events e, relay_checkpoint c
    WHERE c.relay = $1 AND (e.tx_id, e.position) > (c.tx_id, c.position))"""

_HELD_BACK_CAP = 0.25  # seconds between re-checks behind a long transaction

_TRY_LOCK = "SELECT pg_try_advisory_lock(hashtextextended($1, 0))"
_UNLOCK = "SELECT pg_advisory_unlock(hashtextextended($1, 0))"
# True while this session holds the relay's advisory lock (a bigint key shows as classid:objid, objsubid 1).
_LEADING = """EXISTS (SELECT 1 FROM pg_locks
    WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted AND objsubid = 1
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0))"""
_BACKLOG = """SELECT count(*) AS events, coalesce(extract(epoch FROM now() - min(e.recorded_at)), 0)::float8 AS lag
FROM events e, relay_checkpoint c WHERE c.relay = $1 AND (e.tx_id, e.position) > (c.tx_id, c.position)"""
_CHECKPOINT = f"""SELECT tx_id::text AS tx_id, position, partition_offsets, {_LEADING} AS leading
FROM relay_checkpoint WHERE relay = $1"""
_SAVE = f"""UPDATE relay_checkpoint SET tx_id = $2::text::xid8, position = $3, partition_offsets = $4, updated_at = now()
WHERE relay = $1 AND ($5 OR {_LEADING}) RETURNING 1"""


class LeadershipLost(Exception):
    """The advisory lock is no longer held by this relay's session: another replica may be publishing."""


@dataclass
class RelayStats:
    published: int = 0
    batches: int = 0
    send_failures: int = 0
    republish_from_scratch: int = 0
    standby_rounds: int = 0
    leadership_lost: int = 0
    notifications: int = 0  # wake-ups by PostgreSQL (the rest are re-checks and fallback polls)
    idle_waits: int = 0  # times it found nothing to publish and waited
    backlog: int = 0  # committed, not yet published (measured every broker check)
    lag_seconds: float = 0.0  # age of the oldest of those


class OutboxRelay:
    def __init__(
        self,
        *,
        service: str,
        topic: str,
        pool: asyncpg.Pool,
        registry: EventRegistry,
        bootstrap_servers: str,
        partitions: int = 3,
        batch_size: int = 500,
        idle_sleep: float = 0.005,
        poll_interval: float = 1.0,
        linger_ms: int = 0,
        broker_check_interval: float = 2.0,
        replication_factor: int = 1,
    ) -> None:
        self.service = service
        self.topic = topic
        self.name = f"{service}->{topic}"
        self._pool = pool
        self._registry = registry
        self._bootstrap = bootstrap_servers
        self._partitions = partitions
        self._replication = replication_factor
        self._batch_size = batch_size
        self._idle_sleep = idle_sleep
        self._poll_interval = poll_interval
        self._linger_ms = linger_ms
        self._wake = asyncio.Event()
        self._broker_check_interval = broker_check_interval
        self._stopping = asyncio.Event()
        self.stats = RelayStats()
        self._source = source_for(service).encode()
        self._static: dict[tuple[str, int], tuple[bytes, bytes, bytes]] = {}
        self._failing_since: float | None = None
        self._last_fault = ""

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()

    def problem(self) -> str | None:
        """Why the relay is not publishing right now (None: it is, or it stands by for another replica)."""
        if self._failing_since is None:
            return None
        return f"interrupted for {time.monotonic() - self._failing_since:.0f} s: {self._last_fault}"[:300]

    async def run(self) -> None:
        """Publish until stopped; survive the broker or the database going away and coming back.

        Only one relay per service publishes at a time (a PostgreSQL advisory lock held on a dedicated
        connection): a second replica stands by, so two copies never interleave a stream's events. Every
        batch is read and checkpointed on that connection, after checking that it still holds the lock, so
        the relay stops the moment its leadership is gone (the connection dropped: the lock went with it).
        """
        backoff = 0.2
        while not self._stopping.is_set():
            try:
                async with self._pool.acquire() as lock:
                    if not await lock.fetchval(_TRY_LOCK, self.name):
                        self.stats.standby_rounds += 1
                        self._failing_since = None
                        await self._sleep(1.0)
                        continue
                    try:
                        await lock.execute(
                            "INSERT INTO relay_checkpoint (relay) VALUES ($1) ON CONFLICT DO NOTHING", self.name
                        )
                        await self._run_connected(lock)
                    finally:
                        await self._unlock(lock)
                backoff = 0.2
            except LeadershipLost as exc:
                self.stats.leadership_lost += 1
                log.error(
                    "relay lost its leadership; stopped publishing", extra={"relay": self.name, "error": str(exc)}
                )
                await self._sleep(backoff)
            except (KafkaError, asyncpg.PostgresError, *TRANSIENT_TYPES) as exc:
                self.stats.send_failures += 1
                if self._failing_since is None:
                    self._failing_since = time.monotonic()
                self._last_fault = repr(exc)
                log.warning("relay interrupted, retrying", extra={"relay": self.name, "error": repr(exc)})
                await self._sleep(backoff)
                backoff = min(backoff * 2, 5.0)

    async def _unlock(self, lock: asyncpg.Connection) -> None:
        """Give the leadership back; a session that cannot say so is ended, which releases the lock too.

        A connection killed mid-operation refuses any further statement (asyncpg's InternalClientError),
        and pools skip the server-side reset, so a session that did not unlock is never returned to the pool.
        """
        if lock.is_closed():
            return
        try:
            await lock.execute(_UNLOCK, self.name)
        except BaseException as exc:
            lock.terminate()
            if not isinstance(exc, Exception):
                raise  # cancellation goes on; a broken connection does not hide the fault that broke it

    async def _run_connected(self, leader: asyncpg.Connection) -> None:
        await ensure_topics(self._bootstrap, [self.topic], self._partitions, self._replication)
        producer = new_producer(self._bootstrap, linger_ms=self._linger_ms)
        watcher = AIOKafkaConsumer(bootstrap_servers=self._bootstrap, enable_auto_commit=False)
        await producer.start()
        await leader.add_listener(NOTIFY_CHANNEL, self._notified)
        try:
            await watcher.start()
            await self._check_broker(watcher)
            last_check = asyncio.get_running_loop().time()
            held_rounds = 0
            while not self._stopping.is_set():
                self._wake.clear()  # before reading: a commit during the read wakes the next round at once
                published = await self.publish_batch(producer, leader)
                self._failing_since = None
                now = asyncio.get_running_loop().time()
                if now - last_check >= self._broker_check_interval:
                    await self._check_broker(watcher)
                    await self._measure_backlog(leader)
                    last_check = now
                if published == 0 and await leader.fetchval(_HELD_BACK, self.name):
                    # behind a transaction that may end without notifying: re-check, backing off if it is long
                    await self._wait_for_events(min(self._idle_sleep * 2**held_rounds, _HELD_BACK_CAP))
                    held_rounds += 1
                elif published == 0:
                    await self._wait_for_events(self._poll_interval)
                    held_rounds = 0
                else:
                    held_rounds = 0
        finally:
            if not leader.is_closed():
                # pools skip the server-side reset (UNLISTEN): stop listening before the connection goes back
                await leader.remove_listener(NOTIFY_CHANNEL, self._notified)
            await watcher.stop()
            await producer.stop()

    def _notified(self, *_: object) -> None:
        self.stats.notifications += 1
        self._wake.set()

    async def _wait_for_events(self, timeout: float) -> None:
        """Until a commit notifies us, `timeout` passes, or the relay is stopped (stop() wakes it too)."""
        self.stats.idle_waits += 1
        await pause(self._wake, timeout)

    async def publish_batch(self, producer: AIOKafkaProducer, leader: asyncpg.Connection | None = None) -> int:
        """Send the next batch of publishable events, wait for every ack, then move the checkpoint.

        `leader`: the connection holding the relay's lock; without one (benchmarks, tests) no lock is checked."""
        if leader is not None:
            return await self._publish_on(leader, producer)
        async with self._pool.acquire() as conn:
            return await self._publish_on(conn, producer, check_lock=False)

    async def _publish_on(self, conn: asyncpg.Connection, producer: AIOKafkaProducer, check_lock: bool = True) -> int:
        checkpoint = await conn.fetchrow(_CHECKPOINT, self.name)
        if check_lock and not checkpoint["leading"]:
            raise LeadershipLost("the relay's advisory lock is not held by its session")
        rows = await conn.fetch(_FETCH, checkpoint["tx_id"], checkpoint["position"], self._batch_size)
        if not rows:
            return 0
        sends = []
        traced = tracing_on()
        for row in rows:
            key, value, headers = self._encode(row)
            if traced:  # one PRODUCER span per record, child of the command that wrote the event
                attributes = {
                    "messaging.message.id": str(row["event_id"]),
                    "messaging.kafka.message.key": row["stream_id"],
                }
                with messaging_span("send", self.topic, row["traceparent"], attributes):
                    headers = [(k, v) for k, v in headers if k != "traceparent"]
                    headers.append(("traceparent", (current_traceparent() or "").encode()))
                    sends.append(await producer.send(self.topic, value=value, key=key, headers=headers))
            else:
                sends.append(await producer.send(self.topic, value=value, key=key, headers=headers))
        acks = await asyncio.gather(*sends)
        known: dict[str, int] = checkpoint["partition_offsets"]
        if any(ack.offset <= known.get(str(ack.partition), -1) for ack in acks):
            # Offsets handed out again: the broker's log restarted, so what it held before is gone.
            await self._republish_everything("the broker handed out offsets again")
            return len(rows)
        offsets = dict(known)
        for ack in acks:
            offsets[str(ack.partition)] = max(ack.offset, offsets.get(str(ack.partition), -1))
        last = rows[-1]
        await self._save_checkpoint(conn, last["tx_text"], last["position"], offsets, check_lock)
        self.stats.published += len(rows)
        self.stats.batches += 1
        return len(rows)

    async def _save_checkpoint(
        self, conn: asyncpg.Connection, tx_text: str, position: int, offsets: dict[str, int], check_lock: bool
    ) -> None:
        """Sent and acknowledged; until this commits, a restart publishes the batch again (consumers drop it)."""
        saved = await conn.fetchval(_SAVE, self.name, tx_text, position, offsets, not check_lock)
        if saved is None:
            raise LeadershipLost("the lock was lost before the checkpoint could move")

    def _encode(self, row: asyncpg.Record) -> tuple[bytes, bytes, Headers]:
        """Same record as `encode_record`; the stored JSON goes out as is unless the event needs upcasting."""
        kind = (row["event_name"], row["event_version"])
        static = self._static.get(kind)
        if static is None:
            latest = self._registry.latest(kind[0])
            if latest.event_version != kind[1]:
                recorded = RecordedEvent(
                    event_id=row["event_id"],
                    stream_id=row["stream_id"],
                    stream_type=row["stream_type"],
                    version=row["version"],
                    position=row["position"],
                    recorded_at=row["recorded_at"],
                    event=self._registry.decode(kind[0], kind[1], json.loads(row["data_text"])),
                    metadata=EventMetadata(correlation_id=row["correlation_id"], traceparent=row["traceparent"]),
                )
                return encode_record(self.service, recorded)
            static = self._static[kind] = (
                latest.ce_type().encode(),
                dataschema_for(latest.schema_path()).encode(),
                classification_of(latest).encode(),
            )
        subject = row["stream_id"].encode()
        headers: Headers = [
            ("ce_specversion", _SPEC),
            ("ce_id", str(row["event_id"]).encode()),
            ("ce_source", self._source),
            ("ce_type", static[0]),
            ("ce_time", row["recorded_at"].isoformat().encode()),
            ("ce_subject", subject),
            ("ce_dataschema", static[1]),
            ("content-type", _CONTENT_TYPE),
        ]
        if row["traceparent"]:
            headers.append(("traceparent", row["traceparent"].encode()))
        if row["correlation_id"]:
            headers.append(("ce_correlationid", row["correlation_id"].encode()))
        headers.append(("ce_mieuxposition", str(row["position"]).encode()))
        headers.append((DATACLASSIFICATION_HEADER, static[2]))
        return subject, row["data_text"].encode(), headers

    async def _measure_backlog(self, conn: asyncpg.Connection) -> None:
        row = await conn.fetchrow(_BACKLOG, self.name)
        self.stats.backlog, self.stats.lag_seconds = int(row["events"]), float(row["lag"])

    async def _check_broker(self, watcher: AIOKafkaConsumer) -> None:
        """An idle relay learns of an emptied broker here: our topic is gone or a partition is empty."""
        known: dict[str, int] = await self._pool.fetchval(
            "SELECT partition_offsets FROM relay_checkpoint WHERE relay = $1", self.name
        )
        if not known:
            return
        await watcher._client.force_metadata_update()
        partitions = watcher.partitions_for_topic(self.topic) or set()
        if not partitions:
            await self._republish_everything("our topic is missing")
            return
        # Only "empty or not": the embedded broker under-reports end offsets of multi-record batches.
        ends = await watcher.end_offsets([TopicPartition(self.topic, p) for p in partitions])
        if any(ends.get(TopicPartition(self.topic, int(p)), 0) == 0 for p in known):
            await self._republish_everything("a partition we published to is empty")

    async def _republish_everything(self, reason: str) -> None:
        log.warning(
            "broker lost published events; republishing from the event store",
            extra={"relay": self.name, "reason": reason},
        )
        await ensure_topics(self._bootstrap, [self.topic], self._partitions, self._replication)
        await self._pool.execute(
            """UPDATE relay_checkpoint SET tx_id = '0'::xid8, position = 0, partition_offsets = '{}'::jsonb,
                   updated_at = now() WHERE relay = $1""",
            self.name,
        )
        self.stats.republish_from_scratch += 1

    async def _sleep(self, seconds: float) -> None:
        await pause(self._stopping, seconds)
