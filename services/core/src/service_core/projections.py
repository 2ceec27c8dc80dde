"""Projections: read-model rows from events, applied in the append transaction (rebuilt by `rebuild`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from service_core.ports import Sql
from service_core.store.base import RecordedEvent


class Projection(Protocol):
    """Owns `tables`; `apply` writes only those, by unqualified name (a rebuild fills shadow copies of them)."""

    tables: tuple[str, ...]

    async def apply(self, sql: Sql, events: Sequence[RecordedEvent]) -> None: ...


async def apply_projections(sql: Sql, projections: Sequence[Projection], events: Sequence[RecordedEvent]) -> None:
    for projection in projections:
        await projection.apply(sql, events)
