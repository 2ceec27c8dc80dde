"""Which experts were deployed on an Action, as learnt from the experts service (R13's completion gate)."""

from __future__ import annotations

import asyncpg
from service_core.ports import Sql

_NOTE = "INSERT INTO deployed_expert (action_id, expert_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
_OF = "SELECT expert_id FROM deployed_expert WHERE action_id = $1"


async def note_deployed(sql: Sql, action_id: str, expert_id: str) -> None:
    """A completed deployment stays completed: recorded once, never removed."""
    await sql.execute(_NOTE, action_id, expert_id)


class DeployedExperts:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def __call__(self, action_id: str) -> frozenset[str]:
        return frozenset(r["expert_id"] for r in await self._pool.fetch(_OF, action_id))
