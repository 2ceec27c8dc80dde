"""Projections: read-model rows from events, applied in the append transaction; rebuilt from the store."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

import asyncpg
from contracts.registry import EventRegistry

from service_core.metrics import REBUILD_PROGRESS
from service_core.ports import Sql
from service_core.store.base import RecordedEvent
from service_core.store.postgres import decode_row

log = logging.getLogger(__name__)


class Projection(Protocol):
    """Owns `tables`; `apply` must only write those (so a rebuild can empty and refill them)."""

    tables: tuple[str, ...]

    async def apply(self, sql: Sql, events: Sequence[RecordedEvent]) -> None: ...


async def apply_projections(sql: Sql, projections: Sequence[Projection], events: Sequence[RecordedEvent]) -> None:
    for projection in projections:
        await projection.apply(sql, events)


async def rebuild_projections(
    pool: asyncpg.Pool,
    registry: EventRegistry,
    projections: Sequence[Projection],
    batch_size: int = 2000,
) -> int:
    """Empty every projection table and replay the whole store, in one transaction (readers see old or new)."""
    replayed = 0
    total = int(await pool.fetchval("SELECT count(*) FROM events"))
    REBUILD_PROGRESS.labels("total").set(total)
    async with pool.acquire() as conn, conn.transaction():
        tables = [table for projection in projections for table in projection.tables]
        if tables:
            await conn.execute(f"TRUNCATE {', '.join(tables)}")
        position = 0
        while True:
            rows = await conn.fetch(
                """SELECT event_id, stream_id, stream_type, version, position, recorded_at, event_name,
                          event_version, data, metadata
                   FROM events WHERE position > $1 ORDER BY position LIMIT $2""",
                position,
                batch_size,
            )
            if not rows:
                break
            events = [decode_row(registry, row) for row in rows]
            await apply_projections(conn, projections, events)
            position = events[-1].position
            replayed += len(events)
            REBUILD_PROGRESS.labels("replayed").set(replayed)
            log.info("rebuilding projections", extra={"replayed": replayed, "total": total})
    log.info("projections rebuilt", extra={"events": replayed, "tables": tables})
    return replayed
