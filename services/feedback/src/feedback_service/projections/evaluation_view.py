"""Projection: `evaluation_view`, one row per external evaluation."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg
from contracts.events.feedback import ExternalEvaluationRecorded
from service_core.store.base import RecordedEvent

_INSERT = """
INSERT INTO evaluation_view (evaluation_id, kind, started_on, ended_on, evaluation, recorded_at)
VALUES ($1, $2, $3, $4, $5::jsonb, $6) ON CONFLICT (evaluation_id) DO NOTHING
"""


class EvaluationView:
    tables: tuple[str, ...] = ("evaluation_view",)

    async def apply(self, connection: asyncpg.Connection, events: Sequence[RecordedEvent]) -> None:
        for recorded in events:
            event = recorded.event
            if isinstance(event, ExternalEvaluationRecorded):
                await connection.execute(_INSERT, event.evaluation_id, str(event.kind), event.started_on,
                                         event.ended_on, event.model_dump(mode="json"), recorded.recorded_at)  # fmt: skip
