"""In-memory twin of the PostgreSQL event store and unit of work, for tests without PostgreSQL.

It passes the store's contract suite, and its units of work keep view rows in dicts (service_core.rows), so
handlers, policies and projections written against `Rows` run on it. Raw SQL does not: a statement reaches
`SqlNeedsPostgres`, which names it, so a test that needs PostgreSQL says so instead of passing silently.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from contracts.base import DomainEvent
from contracts.registry import EventRegistry

from service_core.rows import MemoryRows, Tables, snapshot
from service_core.store.base import ConcurrencyError, EventMetadata, RecordedEvent


class SqlNeedsPostgres(NotImplementedError):
    def __init__(self, query: str) -> None:
        super().__init__(
            f"the in-memory unit of work runs no SQL; this needs PostgreSQL: {' '.join(query.split())[:200]}"
        )


class InMemoryTransaction:
    def __init__(self, store: InMemoryEventStore) -> None:
        self._store = store
        self.pending: list[RecordedEvent] = []
        self.rows = MemoryRows(snapshot(store.tables))

    async def execute(self, query: str, *args: Any) -> str:
        raise SqlNeedsPostgres(query)

    async def executemany(self, command: str, args: Iterable[Sequence[Any]]) -> None:
        raise SqlNeedsPostgres(command)

    async def fetch(self, query: str, *args: Any) -> list[Any]:
        raise SqlNeedsPostgres(query)

    async def fetchrow(self, query: str, *args: Any) -> Any:
        raise SqlNeedsPostgres(query)

    async def fetchval(self, query: str, *args: Any) -> Any:
        raise SqlNeedsPostgres(query)

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
        self.tables: Tables = {}  # the view rows, table -> key -> row
        self._lock = asyncio.Lock()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[InMemoryTransaction]:
        async with self._lock:  # serialisable, like the one-writer-per-stream guarantee in Postgres
            tx = InMemoryTransaction(self)
            yield tx
            self.events.extend(tx.pending)  # committed: the events and the rows together, or neither
            self.tables = tx.rows.tables

    async def load(self, stream_id: str) -> list[RecordedEvent]:
        return [e for e in self.events if e.stream_id == stream_id]

    async def read_all(self, after_position: int = 0, limit: int = 1000) -> list[RecordedEvent]:
        return [e for e in self.events if e.position > after_position][:limit]
