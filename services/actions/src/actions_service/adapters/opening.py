"""What opening an Action needs from the service's own tables: one opening per Action, and its numbers."""

from __future__ import annotations

from service_core.ports import Sql

# Row locks on the counters serialise concurrent openings: two Actions never get the same code or ordinal.
_NEXT_CODE = """
INSERT INTO action_code_sequence (year, last) VALUES ($1, 1)
ON CONFLICT (year) DO UPDATE SET last = action_code_sequence.last + 1 RETURNING last
"""
_NEXT_ORDINAL = """
INSERT INTO action_ordinals (scope, last) VALUES ($1, 1)
ON CONFLICT (scope) DO UPDATE SET last = action_ordinals.last + 1 RETURNING last
"""


async def first_opening(sql: Sql, action_id: str) -> bool:
    """True when the Action's stream is still empty; concurrent openings of one Action queue on a lock here
    (two deliveries of one approval under different inbox ids, say) and the later one sees the first."""
    await sql.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))", action_id)
    return not await sql.fetchval("SELECT 1 FROM events WHERE stream_id = $1 LIMIT 1", action_id)


async def next_code(sql: Sql, year: int) -> int:
    sequence: int = await sql.fetchval(_NEXT_CODE, year)
    return sequence


async def next_ordinal(sql: Sql, scope: str) -> int:
    ordinal: int = await sql.fetchval(_NEXT_ORDINAL, scope)
    return ordinal
