"""The application layer on the in-memory twin: retry on conflict, the guard, policies by event class, rows
that commit or roll back with the events. No PostgreSQL (`make test-fast`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pytest
from contracts.base import DomainEvent
from service_core.access import ExistingGuard
from service_core.application import Application
from service_core.auth import Principal, Role
from service_core.errors import Forbidden, NotFound
from service_core.policies import Reaction, When, consumer_handlers
from service_core.ports import Sql, UnitOfWork
from service_core.rows import MemoryRows, Table, _upsert, rows_in
from service_core.store.base import ConcurrencyError, RecordedEvent
from service_core.store.memory import InMemoryEventStore, SqlNeedsPostgres
from service_core.testing.sample import COUNTER, Counter, CounterIncremented, sample_registry

TOTALS = Table("counter_total", ("counter_id",))
PM = Principal("pm", frozenset({Role.PROGRAMME_MANAGER}))
ASIA = Principal("rc", frozenset({Role.REGIONAL_COORDINATOR}), region="ASIA")
FOCAL = Principal("fp", frozenset({Role.FOCAL_POINT}), authority_id="a-1")


class Totals:
    """A projection written through Rows: it runs on PostgreSQL and on the memory twin alike."""

    tables = ("counter_total",)

    async def apply(self, sql: Sql, events: Sequence[RecordedEvent]) -> None:
        rows = rows_in(sql)
        for e in events:
            if isinstance(e.event, CounterIncremented):
                found = await rows.get(TOTALS, {"counter_id": e.stream_id})
                total = (found["total"] if found else 0) + e.event.by
                await rows.upsert(TOTALS, {"counter_id": e.stream_id, "total": total, "version": e.version})


def app_with(*projections: Totals) -> Application[None]:
    return Application(InMemoryEventStore(sample_registry()), list(projections), None)


def add(by: int):  # type: ignore[no-untyped-def]
    return lambda state: [CounterIncremented(by=by)]


async def test_a_command_projects_its_rows_in_the_same_unit_of_work() -> None:
    app = app_with(Totals())
    await app.run(COUNTER, "c-1", add(2))
    result = await app.run(COUNTER, "c-1", add(3))

    assert (result.stream_id, result.version, result.position) == ("c-1", 2, 2)
    store = app.store
    assert isinstance(store, InMemoryEventStore)
    assert list(store.tables["counter_total"].values()) == [{"counter_id": "c-1", "total": 5, "version": 2}]


async def test_a_refused_command_keeps_neither_its_events_nor_its_rows() -> None:
    app = app_with(Totals())
    await app.run(COUNTER, "c-1", add(2))

    def refuse(state: Counter) -> list[DomainEvent]:
        raise Forbidden("no")

    async def work(uow: UnitOfWork) -> None:
        await app.decide(uow, COUNTER, "c-2", add(7))  # written, then the whole unit of work is refused
        await app.decide(uow, COUNTER, "c-1", refuse)

    with pytest.raises(Forbidden):
        await app.transaction(work)
    store = app.store
    assert isinstance(store, InMemoryEventStore)
    assert [e.stream_id for e in store.events] == ["c-1"]
    assert list(store.tables["counter_total"]) == [("c-1",)]


async def test_a_lost_race_is_decided_again_unless_the_command_named_its_version() -> None:
    app = app_with()
    tries: list[int] = []

    async def racing(uow: UnitOfWork) -> int:
        tries.append(1)
        if len(tries) < 3:
            raise ConcurrencyError("c-1", 0, 1)
        return len(tries)

    assert await app.transaction(racing) == 3
    tries.clear()
    with pytest.raises(ConcurrencyError):
        await app.transaction(racing, expected_version=4)
    assert len(tries) == 1


async def test_the_retries_stop_after_the_runtime_policy_and_the_conflict_surfaces() -> None:
    app = app_with()
    tries: list[int] = []

    async def always(uow: UnitOfWork) -> None:
        tries.append(1)
        raise ConcurrencyError("c-1", 0, 1)

    with pytest.raises(ConcurrencyError):
        await app.transaction(always)
    assert len(tries) == app.retry.attempts == 8


@dataclass(frozen=True)
class Place:
    exists: bool = True
    region: str | None = "ASIA"
    authority_ids: tuple[str, ...] = ("a-1",)


def test_the_guard_checks_the_role_first_then_hides_what_the_principal_may_not_manage() -> None:
    guard = ExistingGuard("place", "places", "a place")
    run = guard.guarding(ASIA, "p-1", lambda state: ["decided"])
    assert run(Place()) == ["decided"]
    with pytest.raises(NotFound):
        run(Place(region="AFRICA"))
    with pytest.raises(NotFound):
        run(Place(exists=False))
    with pytest.raises(Forbidden):  # before anything is loaded: no probing for ids
        guard.guarding(FOCAL, "p-1", lambda state: [])


async def test_policies_get_their_event_typed_and_one_event_class_has_one_policy() -> None:
    app = app_with()
    seen: list[int] = []

    async def count(event: CounterIncremented, on: Reaction[None]) -> None:
        seen.append(event.by)
        await on.decide(COUNTER, "c-1", add(event.by))

    handlers = consumer_handlers(app, [When(CounterIncremented, count)], sample_registry(), lambda uow, _: uow)
    assert set(handlers) == {CounterIncremented}
    with pytest.raises(ValueError, match="one policy"):
        consumer_handlers(app, [When(CounterIncremented, count)] * 2, sample_registry(), lambda uow, _: uow)


async def test_the_memory_unit_of_work_names_the_sql_it_cannot_run() -> None:
    async with InMemoryEventStore(sample_registry()).transaction() as uow:
        with pytest.raises(SqlNeedsPostgres, match="SELECT 1 FROM counter_view"):
            await uow.fetchval("SELECT 1 FROM counter_view")


async def test_memory_rows_read_like_a_table() -> None:
    rows = MemoryRows({})
    await rows.insert(TOTALS, {"counter_id": "c-1", "total": 1})
    await rows.upsert(TOTALS, {"counter_id": "c-1", "total": 9, "version": 3}, update=("version",))
    assert await rows.get(TOTALS, {"counter_id": "c-1"}) == {"counter_id": "c-1", "total": 1, "version": 3}
    assert (await rows.find(TOTALS, total=[1, 2]))[0]["never_set"] is None
    assert await rows.update(TOTALS, {"counter_id": "c-2"}, {"total": 1}) == 0
    with pytest.raises(KeyError):
        await rows.insert(TOTALS, {"counter_id": "c-1", "total": 1})


def test_sql_rows_say_the_same_as_one_statement() -> None:
    assert _upsert("t", ("k", "a", "b"), ("k",), ("b",)) == (
        "INSERT INTO t (k, a, b) VALUES ($1, $2, $3) ON CONFLICT (k) DO UPDATE SET b = $3"
    )
