"""One trace per command across services: command -> event metadata -> relay (PRODUCER span) -> Kafka header ->
consumer (CONSUMER span) -> the policy's own event -> the next relay and consumer."""

from __future__ import annotations

import asyncio
import itertools
import uuid

import asyncpg
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from service_core.consumer import ConsumerRunner, ReceivedEvent
from service_core.observability import current_metadata
from service_core.relay import OutboxRelay
from service_core.store.base import EventMetadata
from service_core.store.postgres import PostgresEventStore, PostgresTransaction, create_pool
from service_core.telemetry import traced_by, tracer
from service_core.testing.backends import Backend
from service_core.testing.fixtures import DatabaseFactory
from service_core.testing.sample import CounterIncremented, sample_registry
from service_core.testing.waiting import until


async def test_a_command_the_event_it_causes_downstream_and_the_next_hop_share_one_trace(
    databases: DatabaseFactory, backend: Backend
) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    first_topic, second_topic = (f"trace.{uuid.uuid4().hex[:8]}.{n}" for n in ("a", "b"))
    upstream = await create_pool(await databases.create())
    downstream = await create_pool(await databases.create())
    registry = sample_registry()
    handled = asyncio.Event()

    async def policy(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
        metadata = EventMetadata(causation_id=received.envelope.id, traceparent=received.envelope.traceparent)
        await PostgresTransaction(conn, registry).append("next-1", "counter", 0, [CounterIncremented(by=2)], metadata)

    async def last_hop(conn: asyncpg.Connection, received: ReceivedEvent) -> None:
        handled.set()

    def relay(pool: asyncpg.Pool, topic: str) -> OutboxRelay:
        return OutboxRelay(
            service="sample",
            topic=topic,
            pool=pool,
            registry=registry,
            bootstrap_servers=backend.bootstrap_servers,
            idle_sleep=0.01,
        )

    def consumer(topic: str, pool: asyncpg.Pool, handler: object) -> ConsumerRunner:
        return ConsumerRunner(
            consumer=f"c{uuid.uuid4().hex[:8]}",
            topics=[topic],
            handlers={CounterIncremented: handler},  # type: ignore[dict-item]
            pool=pool,
            registry=registry,
            bootstrap_servers=backend.bootstrap_servers,
        )

    workers = [
        relay(upstream, first_topic),
        consumer(first_topic, downstream, policy),
        relay(downstream, second_topic),
        consumer(second_topic, downstream, last_hop),
    ]
    try:
        with traced_by(provider):
            with tracer().start_as_current_span("POST /requests/{id}/decision", kind=SpanKind.SERVER) as command:
                async with PostgresEventStore(upstream, registry).transaction() as tx:
                    await tx.append("first-1", "counter", 0, [CounterIncremented(by=1)], current_metadata())
            tasks = [asyncio.create_task(w.run()) for w in workers]
            await asyncio.wait_for(handled.wait(), 30)
            await until(lambda: _spans_ended(exporter, 5), timeout=10)
            for w in workers:
                w.stop()
            await asyncio.gather(*tasks)
    finally:
        await upstream.close()
        await downstream.close()

    spans = {span.name: span for span in exporter.get_finished_spans()}
    chain = [
        spans["POST /requests/{id}/decision"],
        spans[f"send {first_topic}"],
        spans[f"process {first_topic}"],
        spans[f"send {second_topic}"],
        spans[f"process {second_topic}"],
    ]
    assert {span.context.trace_id for span in chain} == {command.get_span_context().trace_id}
    for parent, child in itertools.pairwise(chain):
        assert child.parent is not None and child.parent.span_id == parent.context.span_id, child.name
    assert [span.kind for span in chain[1:]] == [SpanKind.PRODUCER, SpanKind.CONSUMER] * 2
    assert chain[2].attributes["messaging.system"] == "kafka"
    assert chain[2].attributes["messaging.destination.name"] == first_topic
    assert chain[2].attributes["messaging.operation.type"] == "process"


async def _spans_ended(exporter: InMemorySpanExporter, at_least: int) -> bool:
    return len(exporter.get_finished_spans()) >= at_least
