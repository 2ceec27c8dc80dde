"""Append: commands through `service_core.commands.execute` against raw asyncpg writing the same rows.

Every writer owns its streams (no ConcurrencyError retries muddy the numbers); each stream receives
`per_stream` commands in a row, so a command loads 0..per_stream-1 earlier events, as a real aggregate would.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast
from uuid import uuid4

import asyncpg
from contracts.base import DomainEvent
from service_core.commands import execute
from service_core.projections import Projection
from service_core.store.postgres import PostgresEventStore, create_pool
from service_core.testing.sample import COUNTER, Counter, CounterIncremented, CounterView, sample_registry

Plan = list[list[tuple[str, int]]]  # per writer: (stream_id, version) of every event it writes, in order
Batch = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]  # event rows, projection rows: one transaction

_INSERT = """INSERT INTO events (event_id, stream_id, stream_type, version, event_name, event_version, data, metadata)
VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)"""
# The sample projection's own statement (service_core.testing.sample.CounterView), verbatim.
_UPSERT = """INSERT INTO counter_view (counter_id, total, version) VALUES ($1, $2, $3)
                   ON CONFLICT (counter_id) DO UPDATE
                   SET total = counter_view.total + excluded.total, version = excluded.version"""
_LOAD = """SELECT event_id, stream_id, stream_type, version, position, recorded_at, event_name, event_version,
data, metadata FROM events WHERE stream_id = $1 ORDER BY version"""
_DATA = json.dumps(CounterIncremented(by=1).model_dump(mode="json"))  # what the store writes for the same event
_META = json.dumps({})
_PROJECTIONS: Sequence[Projection] = (cast(Projection, CounterView()),)


async def _no_reset(_connection: asyncpg.Connection) -> None:
    """Like `service_core.store.postgres`'s pools: no reset query on release."""


def make_plan(prefix: str, writers: int, events: int, per_stream: int) -> Plan:
    per_writer = events // writers
    return [
        [(f"{prefix}-w{w}-s{i // per_stream}", i % per_stream + 1) for i in range(per_writer)] for w in range(writers)
    ]


def _increment(_state: Counter) -> Sequence[DomainEvent]:
    return [CounterIncremented(by=1)]


@dataclass
class AppendSides:
    """Pools opened once (and warmed) so that every round measures steady-state work only."""

    subject_pool: asyncpg.Pool
    raw_pool: asyncpg.Pool
    store: PostgresEventStore

    @classmethod
    async def open(cls, subject_dsn: str, raw_dsn: str, writers: int) -> AppendSides:
        subject_pool = await create_pool(subject_dsn, min_size=writers, max_size=writers)
        # released without asyncpg's reset query, as the core's pool: the floor pays the same round trips
        raw_pool = await asyncpg.create_pool(raw_dsn, min_size=writers, max_size=writers, reset=_no_reset)
        return cls(subject_pool, raw_pool, PostgresEventStore(subject_pool, sample_registry()))

    async def close(self) -> None:
        await self.subject_pool.close()
        await self.raw_pool.close()

    # --- the subject: the core's command path --------------------------------------------------------
    async def subject(self, plan: Plan) -> float:
        async def writer(rows: list[tuple[str, int]]) -> None:
            for stream_id, _version in rows:
                await execute(self.store, COUNTER, stream_id, _increment, projections=_PROJECTIONS)

        return await _timed(self.subject_pool, _count(plan), lambda: [writer(rows) for rows in plan])

    # --- the baseline: raw asyncpg executemany of the same rows, in batches ---------------------------
    async def executemany(self, plan: Plan, batch: int) -> float:
        prepared: list[list[Batch]] = [
            [
                (
                    [(uuid4(), s, "counter", v, "CounterIncremented", 1, _DATA, _META) for s, v in rows[i : i + batch]],
                    [(s, 1, v) for s, v in rows[i : i + batch]],
                )
                for i in range(0, len(rows), batch)
            ]
            for rows in plan
        ]

        async def writer(batches: list[Batch]) -> None:
            async with self.raw_pool.acquire() as conn:
                for events, views in batches:
                    async with conn.transaction():
                        await conn.executemany(_INSERT, events)
                        await conn.executemany(_UPSERT, views)

        return await _timed(self.raw_pool, _count(plan), lambda: [writer(batches) for batches in prepared])

    # --- informative: raw asyncpg doing the core's round trips, one transaction per event -------------
    async def per_command(self, plan: Plan) -> float:
        async def writer(rows: list[tuple[str, int]]) -> None:
            for stream_id, version in rows:
                async with self.raw_pool.acquire() as conn, conn.transaction():
                    await conn.fetch(_LOAD, stream_id)
                    await conn.execute(
                        _INSERT, uuid4(), stream_id, "counter", version, "CounterIncremented", 1, _DATA, _META
                    )
                    await conn.executemany(_UPSERT, [(stream_id, 1, version)])

        return await _timed(self.raw_pool, _count(plan), lambda: [writer(rows) for rows in plan])


def _count(plan: Plan) -> int:
    return sum(len(rows) for rows in plan)


async def _timed(pool: asyncpg.Pool, expected: int, writers: Callable[[], list[Awaitable[None]]]) -> float:
    """Empty the tables, run every writer concurrently, check the rows landed; return events per second."""
    await pool.execute("TRUNCATE events, counter_view RESTART IDENTITY")
    started = time.perf_counter()
    await asyncio.gather(*writers())
    elapsed = time.perf_counter() - started
    stored = await pool.fetchval("SELECT count(*) FROM events")
    total = await pool.fetchval("SELECT coalesce(sum(total), 0) FROM counter_view")
    if stored != expected or total != expected:
        raise AssertionError(f"expected {expected} events and total, found {stored} events, total {total}")
    return expected / elapsed
