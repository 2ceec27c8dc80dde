"""Rebuilding a service's read models from its event store while the service goes on serving.

The projections replay the store into shadow copies of their tables in the schema `SHADOW`, which comes first
on the rebuild connection's search_path, so their own SQL writes there unchanged. Commands and readers go on
using the live tables meanwhile. The replay reads events as the relay does, by (writing transaction, position)
and only from transactions older than any still running, so an event that commits after a later position was
read is still replayed. Each batch is its own short transaction.

At the end one transaction holds appends (`LOCK events IN EXCLUSIVE MODE`: readers of the store go on),
replays what committed since, takes the live tables, and swaps the shadow tables in: the live tables' index
names and triggers carry over and the portfolio totals are marked for one full recount. Its locks wait at most
`SWAP_LOCK_TIMEOUT`, shorter than PostgreSQL's deadlock check, so a command that holds a read model while
waiting to append never deadlocks with it: the swap gives way and tries again.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import asyncpg
from contracts.registry import EventRegistry

from service_core.metrics import REBUILD_PROGRESS
from service_core.projections import Projection, apply_projections
from service_core.store.postgres import decode_row

log = logging.getLogger(__name__)

SHADOW = "mieux_rebuild"
SWAP_LOCK_TIMEOUT = "300ms"
SWAP_ATTEMPTS = 100
REPORT_EVERY_S = 2.0
_REBUILD_LOCK = "SELECT pg_try_advisory_lock(hashtext('mieux_rebuild'))"
_REBUILD_UNLOCK = "SELECT pg_advisory_unlock(hashtext('mieux_rebuild'))"

_FETCH = """
SELECT event_id, stream_id, stream_type, version, position, recorded_at, event_name, event_version, data,
       metadata, tx_id::text AS tx_text
FROM events
WHERE (tx_id, position) > ($1::text::xid8, $2) {settled}
ORDER BY tx_id, position
LIMIT $3
"""
_FETCH_SETTLED = _FETCH.format(settled="AND tx_id < pg_snapshot_xmin(pg_current_snapshot())")
_FETCH_ANY = _FETCH.format(settled="")  # under the swap's lock on appends: nothing is in flight


class RebuildAlreadyRunning(RuntimeError):
    """Another rebuild of this service's read models holds the rebuild lock."""


@dataclass
class RebuildProgress:
    """Where a rebuild is: events replayed of those in the store when it started, and how fast."""

    total: int
    replayed: int = 0
    started: float = field(default_factory=time.monotonic)
    reported: float = 0.0

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.replayed / elapsed if elapsed > 0 else 0.0

    @property
    def eta_s(self) -> float | None:
        """Seconds left at the rate so far (None before the first batch)."""
        return max(self.total - self.replayed, 0) / self.rate if self.rate > 0 else None

    def line(self) -> str:
        eta = "?" if self.eta_s is None else f"{self.eta_s:,.0f} s"
        share = 100 * self.replayed / self.total if self.total else 100.0
        return f"{self.replayed:,} / {self.total:,} events ({share:.0f} %), {self.rate:,.0f} events/s, ETA {eta}"


OnProgress = Callable[[RebuildProgress], object]  # may return an awaitable: awaited between batches


async def rebuild_projections(
    pool: asyncpg.Pool,
    registry: EventRegistry,
    projections: Sequence[Projection],
    batch_size: int = 2000,
    on_progress: OnProgress | None = None,
) -> int:
    """Replay the whole store into shadow tables and swap them in; returns the events replayed."""
    tables = [table for projection in projections for table in projection.tables]
    async with pool.acquire() as conn:
        if not await conn.fetchval(_REBUILD_LOCK):
            raise RebuildAlreadyRunning("a rebuild of this service's read models is already running")
        try:
            live_schema = await _prepare_shadow(conn, tables)
            progress = RebuildProgress(total=int(await conn.fetchval("SELECT count(*) FROM events")))
            REBUILD_PROGRESS.labels("total").set(progress.total)
            replay = _Replay(conn, registry, projections, batch_size, progress)
            while await replay.batch(_FETCH_SETTLED):
                await _report(progress, on_progress)
            for table in tables:
                await conn.execute(f'ANALYZE {SHADOW}."{table}"')
            await replay.swap_in(live_schema, tables)
            await _report(progress, on_progress, final=True)
        finally:  # each step alone: the pool does not reset sessions, and a failing one keeps the first error
            for cleanup in (f"DROP SCHEMA IF EXISTS {SHADOW} CASCADE", "RESET search_path", _REBUILD_UNLOCK):
                with contextlib.suppress(asyncpg.PostgresError, asyncpg.InterfaceError, OSError):
                    await conn.execute(cleanup)
    log.info("projections rebuilt", extra={"events": progress.replayed, "tables": tables})
    return progress.replayed


async def _prepare_shadow(conn: asyncpg.Connection, tables: Sequence[str]) -> str:
    """Empty shadow copies of the live tables (columns, defaults, generated columns, checks, indexes)."""
    live_schema = str(await conn.fetchval("SELECT current_schema()"))
    await conn.execute(f"DROP SCHEMA IF EXISTS {SHADOW} CASCADE")  # what a stopped rebuild left
    await conn.execute(f"CREATE SCHEMA {SHADOW}")
    for table in tables:
        await conn.execute(f'CREATE TABLE {SHADOW}."{table}" (LIKE "{live_schema}"."{table}" INCLUDING ALL)')
    await conn.execute(f'SET search_path = {SHADOW}, "{live_schema}"')
    return live_schema


@dataclass
class _Replay:
    """The replay into the shadow tables and where it is: (transaction, position) of the last event applied."""

    conn: asyncpg.Connection
    registry: EventRegistry
    projections: Sequence[Projection]
    batch_size: int
    progress: RebuildProgress
    tx: str = "0"
    position: int = 0

    async def batch(self, query: str) -> bool:
        """Apply the next batch to the shadow tables; False once there was less than a full batch."""
        async with self.conn.transaction():
            rows = await self.conn.fetch(query, self.tx, self.position, self.batch_size)
            if rows:
                events = [decode_row(self.registry, row) for row in rows]
                await apply_projections(self.conn, self.projections, events)
        if rows:
            self.tx, self.position = rows[-1]["tx_text"], rows[-1]["position"]
            self.progress.replayed += len(rows)
            REBUILD_PROGRESS.labels("replayed").set(self.progress.replayed)
        return len(rows) == self.batch_size

    async def swap_in(self, live_schema: str, tables: Sequence[str]) -> None:
        for attempt in range(1, SWAP_ATTEMPTS + 1):
            before = (self.tx, self.position, self.progress.replayed)
            try:
                async with self.conn.transaction():
                    await self.conn.execute(f"SET LOCAL lock_timeout = '{SWAP_LOCK_TIMEOUT}'")
                    await self.conn.execute(f'LOCK TABLE "{live_schema}".events IN EXCLUSIVE MODE')
                    while await self.batch(_FETCH_ANY):
                        pass
                    for table in tables:
                        await _swap_table(self.conn, live_schema, table)
                    await _mark_totals_for_recount(self.conn, live_schema)
                return
            except (asyncpg.LockNotAvailableError, asyncpg.DeadlockDetectedError):
                self.tx, self.position, self.progress.replayed = before  # the attempt's replay rolled back
                log.warning("rebuild: the swap waits for the service's transactions", extra={"attempt": attempt})
                await asyncio.sleep(min(0.05 * attempt, 1.0))
        raise asyncpg.LockNotAvailableError(f"rebuild: could not take the live tables in {SWAP_ATTEMPTS} attempts")


async def _swap_table(conn: asyncpg.Connection, live_schema: str, table: str) -> None:
    """Drop the live table and move its shadow in, under the live table's index names and with its triggers."""
    live = f'"{live_schema}"."{table}"'
    await conn.execute(f"LOCK TABLE {live} IN ACCESS EXCLUSIVE MODE")
    live_indexes = await _indexes(conn, live_schema, table)
    shadow_indexes = await _indexes(conn, SHADOW, table)
    triggers = await conn.fetch(
        "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = to_regclass($1) AND NOT tgisinternal", live
    )
    await conn.execute(f"DROP TABLE {live}")
    await conn.execute(f'ALTER TABLE {SHADOW}."{table}" SET SCHEMA "{live_schema}"')
    for shape, name in shadow_indexes.items():
        wanted = live_indexes.get(shape)
        if wanted is not None and wanted != name:
            await conn.execute(f'ALTER INDEX "{live_schema}"."{name}" RENAME TO "{wanted}"')
    for (definition,) in triggers:
        await conn.execute(definition)


async def _indexes(conn: asyncpg.Connection, schema: str, table: str) -> dict[str, str]:
    """A table's indexes by their definition without name and schema (what a shadow copy has the same of)."""
    rows = await conn.fetch(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2", schema, table
    )
    return {re.sub(r"INDEX \S+ ON \S+", "INDEX ON", row["indexdef"]): row["indexname"] for row in rows}


async def _mark_totals_for_recount(conn: asyncpg.Connection, live_schema: str) -> None:
    """What a TRUNCATE's trigger did for the kept portfolio totals (core migration 011): count all again."""
    if await conn.fetchval("SELECT to_regclass($1)", f'"{live_schema}".portfolio_dirty'):
        await conn.execute(
            f"""INSERT INTO "{live_schema}".portfolio_dirty (kind, key) VALUES ('*', '*') ON CONFLICT DO NOTHING"""
        )


async def _report(progress: RebuildProgress, on_progress: OnProgress | None, *, final: bool = False) -> None:
    """Every `REPORT_EVERY_S` and at the end: a log line and the caller's callback (the CLI prints it)."""
    if not final and time.monotonic() - progress.reported < REPORT_EVERY_S:
        return
    progress.reported = time.monotonic()
    log.info("rebuilding projections: " + progress.line(), extra={"replayed": progress.replayed})
    if on_progress is not None and inspect.isawaitable(answer := on_progress(progress)):
        await answer
