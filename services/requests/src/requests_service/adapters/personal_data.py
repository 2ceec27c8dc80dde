"""Focal points' personal data: written in the command's transaction, never published, never rebuilt.

The writer rides along the command's projections (so it shares the append transaction) but declares no
`tables`: a projection rebuild never empties what the events cannot give back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import asyncpg
from contracts.events.requests import FocalPointNominated, FocalPointPersonalDataErased, FocalPointReplaced
from service_core.store.base import RecordedEvent

_UPSERT = """
INSERT INTO focal_point_personal_data (focal_point_id, request_id, name, role, institution, recorded_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (focal_point_id) DO UPDATE
SET name = excluded.name, role = excluded.role, institution = excluded.institution
"""


@dataclass(frozen=True, slots=True)
class FocalPointContact:
    focal_point_id: str
    request_id: str
    name: str
    role: str
    institution: str


class PersonalDataWriter:
    """Stores the contact of the focal point a command nominates, when its event is appended."""

    tables: tuple[str, ...] = ()  # deliberately none: not a projection, so never truncated by a rebuild

    def __init__(self, contact: FocalPointContact) -> None:
        self.contact = contact

    async def apply(self, connection: asyncpg.Connection, events: Sequence[RecordedEvent]) -> None:
        for recorded in events:
            event = recorded.event
            new_id = (
                event.focal_point_id
                if isinstance(event, FocalPointNominated)
                else event.replacement_id
                if isinstance(event, FocalPointReplaced)
                else None
            )
            if new_id == self.contact.focal_point_id:
                c = self.contact
                await connection.execute(
                    _UPSERT, c.focal_point_id, c.request_id, c.name, c.role, c.institution, recorded.recorded_at
                )


class FocalPointEraser:
    """Deletes a focal point's personal data when its erasure event is appended (same transaction)."""

    tables: tuple[str, ...] = ()

    async def apply(self, connection: asyncpg.Connection, events: Sequence[RecordedEvent]) -> None:
        for recorded in events:
            if isinstance(recorded.event, FocalPointPersonalDataErased):
                await connection.execute(
                    "DELETE FROM focal_point_personal_data WHERE focal_point_id = $1", recorded.event.focal_point_id
                )
