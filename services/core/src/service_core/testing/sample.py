"""A tiny sample domain (a counter) that the core's tests and the performance suite run on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg
from contracts.base import DomainEvent
from contracts.registry import EventRegistry

from service_core.commands import Aggregate
from service_core.store.base import RecordedEvent


class CounterIncremented(DomainEvent):
    service = "sample"
    by: int
    note: str = ""


class CounterLabelledV1(DomainEvent):
    """Version 1 stored a single `label`; version 2 splits it into `label` and `language`."""

    service = "sample"
    event_name = "CounterLabelled"
    event_version = 1
    label: str


class CounterLabelled(DomainEvent):
    service = "sample"
    event_version = 2
    label: str
    language: str


def _label_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    return {"label": data["label"], "language": "en"}


def sample_registry() -> EventRegistry:
    registry = EventRegistry([CounterIncremented, CounterLabelledV1, CounterLabelled])
    registry.register_upcaster("CounterLabelled", 1, _label_v1_to_v2)
    return registry


@dataclass(frozen=True, slots=True)
class Counter:
    total: int = 0
    label: str = ""


def evolve(state: Counter, event: DomainEvent) -> Counter:
    if isinstance(event, CounterIncremented):
        return Counter(state.total + event.by, state.label)
    if isinstance(event, CounterLabelled):
        return Counter(state.total, event.label)
    return state


COUNTER: Aggregate[Counter] = Aggregate("counter", Counter(), evolve)

COUNTER_TABLE = """
CREATE TABLE IF NOT EXISTS counter_view (
    counter_id text PRIMARY KEY, total bigint NOT NULL, version integer NOT NULL
)"""


class CounterView:
    """Projection: the running total of each counter."""

    tables = ("counter_view",)

    async def apply(self, connection: asyncpg.Connection, events: Sequence[RecordedEvent]) -> None:
        rows = [(e.stream_id, e.event.by, e.version) for e in events if isinstance(e.event, CounterIncremented)]
        if rows:
            await connection.executemany(
                """INSERT INTO counter_view (counter_id, total, version) VALUES ($1, $2, $3)
                   ON CONFLICT (counter_id) DO UPDATE
                   SET total = counter_view.total + excluded.total, version = excluded.version""",
                rows,
            )
