"""In-memory twin of the PostgreSQL event store, for unit tests of handlers (same contract suite)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from uuid import uuid4

from contracts.base import DomainEvent
from contracts.registry import EventRegistry

from service_core.store.base import ConcurrencyError, EventMetadata, RecordedEvent


class InMemoryTransaction:
    def __init__(self, store: InMemoryEventStore) -> None:
        self._store = store
        self.pending: list[RecordedEvent] = []

    async def load(self, stream_id: str) -> list[RecordedEvent]:
        committed = [e for e in self._store.events if e.stream_id == stream_id]
        return committed + [e for e in self.pending if e.stream_id == stream_id]

    async def append(
        self,
        stream_id: str,
        stream_type: str,
        expected_version: int,
        events: Sequence[DomainEvent],
        metadata: EventMetadata | None = None,
    ) -> list[RecordedEvent]:
        for event in events:
            self._store.registry.latest(event.event_name)  # unknown types are refused, as in Postgres
        current = len(await self.load(stream_id))
        if current != expected_version:
            raise ConcurrencyError(stream_id, expected_version, current)
        base = len(self._store.events) + len(self.pending)
        now = datetime.now(UTC)
        recorded = [
            RecordedEvent(
                event_id=uuid4(),
                stream_id=stream_id,
                stream_type=stream_type,
                version=expected_version + i + 1,
                position=base + i + 1,
                recorded_at=now,
                event=event,
                metadata=metadata or EventMetadata(),
            )
            for i, event in enumerate(events)
        ]
        self.pending.extend(recorded)
        return recorded


class InMemoryEventStore:
    def __init__(self, registry: EventRegistry) -> None:
        self.registry = registry
        self.events: list[RecordedEvent] = []
        self._lock = asyncio.Lock()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[InMemoryTransaction]:
        async with self._lock:  # serialisable, like the one-writer-per-stream guarantee in Postgres
            tx = InMemoryTransaction(self)
            yield tx
            self.events.extend(tx.pending)

    async def load(self, stream_id: str) -> list[RecordedEvent]:
        return [e for e in self.events if e.stream_id == stream_id]

    async def read_all(self, after_position: int = 0, limit: int = 1000) -> list[RecordedEvent]:
        return [e for e in self.events if e.position > after_position][:limit]
