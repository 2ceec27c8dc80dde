"""asyncpg event store: append with expected version, load a stream, read all from a position."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from typing import Any
from uuid import UUID, uuid4

import asyncpg
from contracts.base import DomainEvent
from contracts.registry import EventRegistry

from service_core.store.base import ConcurrencyError, EventMetadata, RecordedEvent

_COLUMNS = "event_id, stream_id, stream_type, version, position, recorded_at, event_name, event_version, data, metadata"

# The version check and the insert are one statement: no row is written unless the stream is still at
# the expected version; the unique (stream_id, version) catches the race between two such checks.
_APPEND = f"""
INSERT INTO events (event_id, stream_id, stream_type, version, event_name, event_version, data, metadata)
SELECT u.event_id, $1, $2, u.version, u.event_name, u.event_version, u.data, $5::jsonb
FROM unnest($3::uuid[], $4::int[], $6::text[], $7::int[], $8::jsonb[])
     AS u(event_id, version, event_name, event_version, data)
WHERE (SELECT coalesce(max(version), 0) FROM events WHERE stream_id = $1) = $9
RETURNING {_COLUMNS}
"""


async def init_connection(conn: asyncpg.Connection) -> None:
    """Codecs every pool connection needs: jsonb in and out as Python objects."""
    await conn.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")
    await conn.set_type_codec("json", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


async def _keep_session(connection: asyncpg.Connection) -> None:
    """Release without asyncpg's reset query (advisory unlock, CLOSE ALL, UNLISTEN, RESET ALL): one round trip
    per command saved. Safe because nothing here keeps session state; a leftover transaction is still rolled back."""


async def create_pool(
    dsn: str, *, min_size: int = 1, max_size: int = 10, session_limits: dict[str, str] | None = None
) -> asyncpg.Pool:
    """`session_limits`: server settings for every session of the pool (timeouts); one the server does not
    know yet (`transaction_timeout` before PostgreSQL 17) is left out rather than failing the connection."""
    limits = dict(session_limits or {})

    async def init(conn: asyncpg.Connection) -> None:
        await init_connection(conn)
        for name, value in limits.items():
            if name == "transaction_timeout" and conn.get_server_version().major < 17:
                continue
            await conn.execute("SELECT set_config($1, $2, false)", name, value)

    return await asyncpg.create_pool(
        dsn, min_size=min_size, max_size=max_size, init=init if limits else init_connection, reset=_keep_session
    )


def decode_row(registry: EventRegistry, row: asyncpg.Record) -> RecordedEvent:
    return RecordedEvent(
        event_id=row["event_id"],
        stream_id=row["stream_id"],
        stream_type=row["stream_type"],
        version=row["version"],
        position=row["position"],
        recorded_at=row["recorded_at"],
        event=registry.decode(row["event_name"], row["event_version"], row["data"]),
        metadata=EventMetadata.from_dict(row["metadata"]),
    )


class PostgresTransaction:
    """A unit of work (service_core.ports.UnitOfWork): the store's streams and the service's own rows, on one
    connection in one transaction that projections and inbox writes share."""

    def __init__(self, connection: asyncpg.Connection, registry: EventRegistry) -> None:
        self.connection = connection
        self._registry = registry

    async def execute(self, query: str, *args: Any) -> str:
        result: str = await self.connection.execute(query, *args)
        return result

    async def executemany(self, command: str, args: Iterable[Sequence[Any]]) -> None:
        await self.connection.executemany(command, args)

    async def fetch(self, query: str, *args: Any) -> list[Any]:
        return list(await self.connection.fetch(query, *args))

    async def fetchrow(self, query: str, *args: Any) -> Any:
        return await self.connection.fetchrow(query, *args)

    async def fetchval(self, query: str, *args: Any) -> Any:
        return await self.connection.fetchval(query, *args)

    async def load(self, stream_id: str) -> list[RecordedEvent]:
        rows = await self.connection.fetch(
            f"SELECT {_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY version", stream_id
        )
        return [decode_row(self._registry, row) for row in rows]

    async def append(
        self,
        stream_id: str,
        stream_type: str,
        expected_version: int,
        events: Sequence[DomainEvent],
        metadata: EventMetadata | None = None,
    ) -> list[RecordedEvent]:
        if not events:
            return []
        for event in events:
            self._registry.latest(event.event_name)  # refuse to store a type nobody can read back
        ids: list[UUID] = [uuid4() for _ in events]
        versions = [expected_version + i + 1 for i in range(len(events))]
        data: list[Any] = [event.model_dump(mode="json") for event in events]
        try:
            rows = await self.connection.fetch(
                _APPEND,
                stream_id,
                stream_type,
                ids,
                versions,
                (metadata or EventMetadata()).as_dict(),
                [event.event_name for event in events],
                [event.event_version for event in events],
                data,
                expected_version,
            )
        except asyncpg.UniqueViolationError as exc:
            raise ConcurrencyError(stream_id, expected_version) from exc
        if not rows:
            actual = await self.connection.fetchval(
                "SELECT coalesce(max(version), 0) FROM events WHERE stream_id = $1", stream_id
            )
            raise ConcurrencyError(stream_id, expected_version, actual)
        return [
            RecordedEvent(
                event_id=row["event_id"],
                stream_id=row["stream_id"],
                stream_type=row["stream_type"],
                version=row["version"],
                position=row["position"],
                recorded_at=row["recorded_at"],
                event=event,
                metadata=metadata or EventMetadata(),
            )
            for row, event in zip(sorted(rows, key=lambda r: r["version"]), events, strict=True)
        ]


class PostgresEventStore:
    def __init__(self, pool: asyncpg.Pool, registry: EventRegistry) -> None:
        self.pool = pool
        self.registry = registry

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[PostgresTransaction]:
        async with self.pool.acquire() as connection, connection.transaction():
            yield PostgresTransaction(connection, self.registry)

    async def load(self, stream_id: str) -> list[RecordedEvent]:
        async with self.pool.acquire() as connection:
            return await PostgresTransaction(connection, self.registry).load(stream_id)

    async def read_all(self, after_position: int = 0, limit: int = 1000) -> list[RecordedEvent]:
        rows = await self.pool.fetch(
            f"SELECT {_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2",
            after_position,
            limit,
        )
        return [decode_row(self.registry, row) for row in rows]
