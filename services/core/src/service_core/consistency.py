"""Read-your-writes across services: has this service seen these positions of the services it consumes?
(`POST /consistency`; the gateway waits on it for a mutation's consistency token.)"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import asyncpg
from pydantic import BaseModel, Field


class ConsumingService(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def consumed_topics(self) -> Sequence[str]: ...


class ConsistencyQuery(BaseModel):
    positions: dict[str, int] = Field(description="service -> store position, as a mutation's consistency token holds")


class ConsistencyAnswer(BaseModel):
    caught_up: bool
    pending: dict[str, int] = Field(description="the positions of consumed services not seen here yet")


async def caught_up(pool: asyncpg.Pool, definition: ConsumingService, positions: dict[str, int]) -> ConsistencyAnswer:
    """Own positions are always visible (read-your-writes); a consumed service's position is once its event is in
    the inbox; positions of services this one does not consume do not concern it."""
    consumed = {topic.split(".")[1] for topic in definition.consumed_topics}
    pending = {}
    for source, position in positions.items():
        if source == definition.name or source not in consumed:
            continue
        seen = await pool.fetchval(
            "SELECT 1 FROM inbox WHERE consumer = $1 AND source = $2 AND source_position = $3 LIMIT 1",
            definition.name,
            source,
            position,
        )
        if seen is None:
            pending[source] = position
    return ConsistencyAnswer(caught_up=not pending, pending=pending)
