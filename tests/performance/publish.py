"""Publish: the outbox relay draining a pre-filled store against a bare producer sending the same records.

Both sides get their producer from `service_core.kafka.new_producer`, which returns a plain
`AIOKafkaProducer` (acks=all, no idempotence, linger_ms=5, max_batch_size=256 KiB): identical settings by
construction. The baseline sends the records the relay would send (same keys, values and CloudEvents
headers, encoded before the clock starts) as a user's producer would: every record sent, then one wait for
all the acks (pipelined). Informative: the same records awaited per batch of the relay's size, as the relay
waits before it moves its checkpoint. The relay's time includes reading rows, encoding, and the checkpoints.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from uuid import uuid4

import asyncpg
import psutil
from aiokafka import AIOKafkaProducer
from contracts.envelope import Headers
from contracts.registry import EventRegistry
from service_core.kafka import encode_record, ensure_topics, new_producer
from service_core.relay import OutboxRelay
from service_core.store.postgres import PostgresEventStore, create_pool
from service_core.testing.sample import CounterIncremented, sample_registry

Record = tuple[bytes, bytes, Headers]

_INSERT = """INSERT INTO events (event_id, stream_id, stream_type, version, event_name, event_version, data, metadata)
VALUES ($1, $2, 'counter', $3, 'CounterIncremented', 1, $4::jsonb, $5::jsonb)"""
_TRACEPARENT = "00-" + "a" * 32 + "-" + "b" * 16 + "-01"


@dataclass
class PublishSides:
    pool: asyncpg.Pool
    registry: EventRegistry
    bootstrap: str
    events: int
    batch_size: int
    partitions: int
    records: list[Record]
    peak_rss_mib: float = 0.0  # of this process while the relay drained the whole store (a full republish)

    @classmethod
    async def open(
        cls, dsn: str, bootstrap: str, *, events: int, per_stream: int, batch_size: int, partitions: int
    ) -> PublishSides:
        """Pre-fill the store once (committed, so the relay may publish all of it) and encode the baseline."""
        pool = await create_pool(dsn, min_size=2, max_size=4)
        data = json.dumps(CounterIncremented(by=1).model_dump(mode="json"))
        rows = [
            (
                uuid4(),
                f"counter-{i // per_stream}",
                i % per_stream + 1,
                data,
                json.dumps({"correlation_id": f"corr-{i // per_stream}", "traceparent": _TRACEPARENT}),
            )
            for i in range(events)
        ]
        raw = await asyncpg.connect(dsn)
        try:
            for i in range(0, events, 2000):
                async with raw.transaction():
                    await raw.executemany(_INSERT, rows[i : i + 2000])
        finally:
            await raw.close()
        registry = sample_registry()
        store = PostgresEventStore(pool, registry)
        records: list[Record] = []
        position = 0
        while batch := await store.read_all(position, 5000):
            records.extend(encode_record("sample", recorded) for recorded in batch)
            position = batch[-1].position
        if len(records) != events:
            raise AssertionError(f"pre-filled {events} events, read back {len(records)}")
        return cls(pool, registry, bootstrap, events, batch_size, partitions, records)

    async def close(self) -> None:
        await self.pool.close()

    async def _producer(self, topic: str) -> AIOKafkaProducer:
        await ensure_topics(self.bootstrap, [topic], self.partitions)
        producer = new_producer(self.bootstrap)
        await producer.start()
        await producer.partitions_for(topic)  # metadata fetched before the clock starts, for both sides
        return producer

    async def relay(self, tag: str) -> float:
        topic = f"bench.relay.{tag}"
        relay = OutboxRelay(
            service="sample",
            topic=topic,
            pool=self.pool,
            registry=self.registry,
            bootstrap_servers=self.bootstrap,
            partitions=self.partitions,
            batch_size=self.batch_size,
        )
        await self.pool.execute("INSERT INTO relay_checkpoint (relay) VALUES ($1) ON CONFLICT DO NOTHING", relay.name)
        producer = await self._producer(topic)
        watching = asyncio.create_task(self._watch_rss())
        try:
            started = time.perf_counter()
            while await relay.publish_batch(producer):
                pass
            elapsed = time.perf_counter() - started
        finally:
            watching.cancel()
            await producer.stop()
        if relay.stats.published != self.events or relay.stats.republish_from_scratch:
            raise AssertionError(f"relay published {relay.stats} for {self.events} events")
        return self.events / elapsed

    async def _watch_rss(self) -> None:
        me = psutil.Process()
        while True:
            self.peak_rss_mib = max(self.peak_rss_mib, me.memory_info().rss / 2**20)
            await asyncio.sleep(0.05)

    async def bare(self, tag: str) -> float:
        """Pipelined: send everything, then wait for every ack."""
        return await self._bare(f"bench.bare.{tag}", self.events)

    async def bare_per_batch(self, tag: str) -> float:
        """Acks awaited per batch of the relay's size (what the relay does before each checkpoint)."""
        return await self._bare(f"bench.batched.{tag}", self.batch_size)

    async def _bare(self, topic: str, window: int) -> float:
        producer = await self._producer(topic)
        acked = 0
        try:
            started = time.perf_counter()
            for i in range(0, self.events, window):
                sends = [
                    await producer.send(topic, value=value, key=key, headers=headers)
                    for key, value, headers in self.records[i : i + window]
                ]
                acked += len(await asyncio.gather(*sends))
            elapsed = time.perf_counter() - started
        finally:
            await producer.stop()
        if acked != self.events:
            raise AssertionError(f"bare producer acked {acked} of {self.events}")
        return self.events / elapsed
