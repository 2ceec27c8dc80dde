"""The store of parked records (`dead_letters`, migration 003): one place for its SQL, used by the consumer
(park, count, redrive) and by the operators' endpoints (list, count)."""

from __future__ import annotations

from datetime import datetime

import asyncpg
from pydantic import BaseModel

from service_core.records import Record, StoredRecord

_PARK = """
INSERT INTO dead_letters (consumer, source_topic, source_partition, source_offset, record_key, record_value,
                          record_headers, event_type, event_id, reason, retryable)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (consumer, source_topic, source_partition, source_offset)
DO UPDATE SET reason = EXCLUDED.reason, retryable = EXCLUDED.retryable, attempts = dead_letters.attempts + 1,
              last_failed_at = now(), redriven_at = NULL
"""
_LISTED = """SELECT id, source_topic, source_partition, source_offset, event_type, event_id, reason, attempts,
                    parked_at, last_failed_at
             FROM dead_letters WHERE consumer = $1 AND redriven_at IS NULL ORDER BY id LIMIT 1000"""
_PARKED_RECORDS = """
SELECT id, source_topic, source_partition, source_offset, record_key, record_value, record_headers
FROM dead_letters WHERE consumer = $1 AND redriven_at IS NULL AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))
ORDER BY id"""


class DeadLetter(BaseModel):
    """A parked record as operators see it (no key or value: those stay in the database for the redrive)."""

    id: int
    source_topic: str
    source_partition: int
    source_offset: int
    event_type: str | None
    event_id: str | None
    reason: str
    attempts: int
    parked_at: datetime
    last_failed_at: datetime


class DeadLetters:
    def __init__(self, pool: asyncpg.Pool, consumer: str) -> None:
        self._pool = pool
        self._consumer = consumer

    async def park(self, message: Record, reason: str, *, retryable: bool) -> None:
        """Parked again, the same record keeps its row: a new reason, one more attempt, not redriven."""
        headers = list(message.headers or ())
        found = {k: v.decode("utf-8", "replace") for k, v in headers}
        await self._pool.execute(
            _PARK,
            self._consumer,
            message.topic,
            message.partition,
            message.offset,
            message.key,
            message.value,
            [[k, v.hex()] for k, v in headers],
            found.get("ce_type"),
            found.get("ce_id"),
            reason[:2000],
            retryable,
        )

    async def count(self) -> int:
        count = await self._pool.fetchval(
            "SELECT count(*) FROM dead_letters WHERE consumer = $1 AND redriven_at IS NULL", self._consumer
        )
        return int(count)

    async def listed(self) -> list[DeadLetter]:
        return [DeadLetter(**dict(row)) for row in await self._pool.fetch(_LISTED, self._consumer)]

    async def retryable_ids(self) -> list[int]:
        rows = await self._pool.fetch(
            "SELECT id FROM dead_letters WHERE consumer = $1 AND redriven_at IS NULL AND retryable ORDER BY id",
            self._consumer,
        )
        return [row["id"] for row in rows]

    async def records(self, ids: list[int] | None) -> list[tuple[int, StoredRecord]]:
        """Parked records as they came in (`ids`: only these), oldest first."""
        rows = await self._pool.fetch(_PARKED_RECORDS, self._consumer, ids)
        return [
            (
                row["id"],
                StoredRecord(
                    topic=row["source_topic"],
                    partition=row["source_partition"],
                    offset=row["source_offset"],
                    key=row["record_key"],
                    value=row["record_value"],
                    headers=[(k, bytes.fromhex(v)) for k, v in row["record_headers"]],
                ),
            )
            for row in rows
        ]

    async def mark_redriven(self, dead_letter_id: int) -> None:
        await self._pool.execute("UPDATE dead_letters SET redriven_at = now() WHERE id = $1", dead_letter_id)
