"""SQL of external evaluations: the Actions an evaluation may name, and the read side of `evaluation_view`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import asyncpg

_KNOWN_ACTIONS = "SELECT action_id FROM action_ref WHERE action_id = ANY($1::text[])"
_LISTED = """SELECT evaluation FROM evaluation_view WHERE ($1::text IS NULL OR kind = $1)
ORDER BY ended_on DESC, evaluation_id LIMIT $2"""
_ONE = "SELECT evaluation FROM evaluation_view WHERE evaluation_id = $1"
_IN_REGION = "SELECT action_id FROM action_ref WHERE action_id = ANY($1::text[]) AND region = $2"


async def known_actions(conn: asyncpg.Connection, action_ids: Sequence[str]) -> frozenset[str]:
    rows = await conn.fetch(_KNOWN_ACTIONS, list(action_ids))
    return frozenset(r["action_id"] for r in rows)


class EvaluationViews:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def listed(self, kind: str | None, limit: int) -> list[dict[str, Any]]:
        return [dict(r["evaluation"]) for r in await self._pool.fetch(_LISTED, kind, limit)]

    async def one(self, evaluation_id: str) -> dict[str, Any] | None:
        found = await self._pool.fetchval(_ONE, evaluation_id)
        return dict(found) if found is not None else None

    async def in_region(self, action_ids: Sequence[str], region: str) -> frozenset[str]:
        rows = await self._pool.fetch(_IN_REGION, list(action_ids), region)
        return frozenset(r["action_id"] for r in rows)
