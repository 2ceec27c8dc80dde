"""One contract, two stores: the PostgreSQL event store and its in-memory twin behave the same."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import asyncpg
import pytest
from contracts.registry import UnknownEventType
from service_core.store.base import ConcurrencyError, EventMetadata, EventStore
from service_core.store.memory import InMemoryEventStore
from service_core.store.postgres import PostgresEventStore
from service_core.testing.sample import (
    CounterIncremented,
    CounterLabelled,
    CounterLabelledV1,
    sample_registry,
)


@pytest.fixture(params=["postgres", "memory"])
async def store(request: pytest.FixtureRequest, pool: asyncpg.Pool) -> AsyncIterator[EventStore]:
    if request.param == "memory":
        yield InMemoryEventStore(sample_registry())
    else:
        yield PostgresEventStore(pool, sample_registry())


async def test_appended_events_load_back_in_version_order(store: EventStore) -> None:
    async with store.transaction() as tx:
        recorded = await tx.append("c-1", "counter", 0, [CounterIncremented(by=1), CounterIncremented(by=2)])
    async with store.transaction() as tx:
        await tx.append("c-1", "counter", 2, [CounterIncremented(by=3)])

    loaded = await store.load("c-1")

    assert [r.version for r in recorded] == [1, 2]
    assert [r.version for r in loaded] == [1, 2, 3]
    assert [r.event for r in loaded] == [
        CounterIncremented(by=1),
        CounterIncremented(by=2),
        CounterIncremented(by=3),
    ]
    assert loaded[0].event_id == recorded[0].event_id


async def test_stale_expected_version_is_a_concurrency_error(store: EventStore) -> None:
    async with store.transaction() as tx:
        await tx.append("c-1", "counter", 0, [CounterIncremented(by=1)])

    with pytest.raises(ConcurrencyError) as caught:
        async with store.transaction() as tx:
            await tx.append("c-1", "counter", 0, [CounterIncremented(by=5)])

    assert caught.value.stream_id == "c-1"
    assert [r.event for r in await store.load("c-1")] == [CounterIncremented(by=1)]


async def test_expected_version_ahead_of_the_stream_is_refused(store: EventStore) -> None:
    with pytest.raises(ConcurrencyError):
        async with store.transaction() as tx:
            await tx.append("c-1", "counter", 3, [CounterIncremented(by=1)])
    assert await store.load("c-1") == []


async def test_of_concurrent_writers_at_one_version_exactly_one_wins(store: EventStore) -> None:
    async def write(by: int) -> bool:
        try:
            async with store.transaction() as tx:
                await tx.append("c-1", "counter", 0, [CounterIncremented(by=by)])
            return True
        except ConcurrencyError:
            return False

    outcomes = await asyncio.gather(*(write(i) for i in range(1, 9)))

    assert outcomes.count(True) == 1
    assert len(await store.load("c-1")) == 1


async def test_a_failed_transaction_leaves_nothing_behind(store: EventStore) -> None:
    with pytest.raises(RuntimeError):
        async with store.transaction() as tx:
            await tx.append("c-1", "counter", 0, [CounterIncremented(by=1)])
            raise RuntimeError("handler failed after appending")
    assert await store.load("c-1") == []


async def test_read_all_returns_every_stream_from_a_position(store: EventStore) -> None:
    for stream in ("a", "b", "c"):
        async with store.transaction() as tx:
            await tx.append(stream, "counter", 0, [CounterIncremented(by=1)])
    everything = await store.read_all()
    after_first = await store.read_all(after_position=everything[0].position)

    assert [r.stream_id for r in everything] == ["a", "b", "c"]
    assert [r.stream_id for r in after_first] == ["b", "c"]
    assert [r.stream_id for r in await store.read_all(limit=2)] == ["a", "b"]


async def test_metadata_is_kept_with_the_event(store: EventStore) -> None:
    meta = EventMetadata(correlation_id="corr-1", request_id="req-1", actor="user-1")
    async with store.transaction() as tx:
        await tx.append("c-1", "counter", 0, [CounterIncremented(by=1)], meta)
    assert (await store.load("c-1"))[0].metadata == meta


async def test_an_event_type_the_registry_does_not_know_is_refused(store: EventStore) -> None:
    from contracts.base import DomainEvent

    class Stray(DomainEvent):
        service = "sample"

    with pytest.raises(UnknownEventType):
        async with store.transaction() as tx:
            await tx.append("c-1", "counter", 0, [Stray()])


async def test_old_versions_are_upcast_on_read(pool: asyncpg.Pool) -> None:
    store = PostgresEventStore(pool, sample_registry())
    await pool.execute(
        """INSERT INTO events (event_id, stream_id, stream_type, version, event_name, event_version, data)
           VALUES (gen_random_uuid(), 'c-1', 'counter', 1, 'CounterLabelled', 1, $1::jsonb)""",
        {"label": "old"},
    )
    [loaded] = await store.load("c-1")
    assert loaded.event == CounterLabelled(label="old", language="en")
    assert CounterLabelledV1.ce_type() == "eu.mieux.sample.CounterLabelled.v1"
