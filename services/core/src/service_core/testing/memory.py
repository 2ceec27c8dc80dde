"""A service on the in-memory twin: its command side and its policies, without PostgreSQL or a broker.

`in_memory(definition)` gives the service's `Application` on an `InMemoryEventStore`; `react(...)` hands an
event to the service's policy as the consumer would (one unit of work). Projections and policies written
against `service_core.rows.Rows` run here; a raw SQL statement raises `SqlNeedsPostgres` (name the
projections a test runs with `projections=` to leave those out).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from contracts.base import DomainEvent

from service_core.application import Application
from service_core.policies import consumer_handlers
from service_core.ports import Clock, utc_now
from service_core.projections import Projection
from service_core.rows import Row, rows_of
from service_core.runtime import ServiceDefinition
from service_core.store.memory import InMemoryEventStore
from service_core.testing.delivery import received


def in_memory(
    definition: ServiceDefinition,
    ports: Any = None,
    *,
    clock: Clock = utc_now,
    projections: Sequence[Projection] | None = None,
) -> Application[Any]:
    app = definition.application(InMemoryEventStore(definition.registry), ports, clock=clock)
    return (
        app
        if projections is None
        else Application(app.store, list(projections), ports, commands=app.commands, clock=clock, new_id=app.new_id)
    )


async def react(definition: ServiceDefinition, app: Application[Any], event: DomainEvent, key: str = "") -> bool:
    """Run the service's policy on `event` in one unit of work; False when it has none for the event's class."""
    handlers = consumer_handlers(app, definition.policies, definition.registry, lambda uow, _: uow)
    handler = handlers.get(type(event))
    if handler is None:
        return False
    async with app.store.transaction() as uow:
        await handler(uow, received(event, key))
    return True


def memory_store(app: Application[Any]) -> InMemoryEventStore:
    store = app.store
    assert isinstance(store, InMemoryEventStore), "not an application on the in-memory twin"
    return store


def table(app: Application[Any], name: str) -> list[Row]:
    """The committed rows of one table of an application on the in-memory twin."""
    return list(rows_of(memory_store(app).tables, name))


async def given(app: Application[Any], stream_id: str, stream_type: str, events: Sequence[DomainEvent]) -> None:
    """Events already in a stream (appended with the application's projections, as a command would)."""
    async with app.store.transaction() as uow:
        recorded = await uow.append(stream_id, stream_type, len(await uow.load(stream_id)), events)
        for projection in app.projections:
            await projection.apply(uow, recorded)
