"""Projections are applied with the append and can be rebuilt; migrations apply once."""

from __future__ import annotations

import asyncio

import asyncpg
from service_core.commands import execute
from service_core.migrate import Migration, apply_migrations, core_migrations
from service_core.rebuild import rebuild_projections
from service_core.store.postgres import PostgresEventStore
from service_core.testing.sample import COUNTER, COUNTER_TABLE, CounterIncremented, CounterView, sample_registry


async def totals(pool: asyncpg.Pool) -> dict[str, tuple[int, int]]:
    rows = await pool.fetch("SELECT counter_id, total, version FROM counter_view")
    return {r["counter_id"]: (r["total"], r["version"]) for r in rows}


async def test_the_projection_reads_its_own_write_at_once_and_a_rebuild_gives_the_same_rows(
    pool: asyncpg.Pool,
) -> None:
    await pool.execute(COUNTER_TABLE)
    store = PostgresEventStore(pool, sample_registry())
    for stream, by in [("a", 1), ("b", 5), ("a", 2), ("a", 3)]:
        outcome = await execute(
            store, COUNTER, stream, lambda _s, by=by: [CounterIncremented(by=by)], projections=[CounterView()]
        )
        assert (await totals(pool))[stream][1] == outcome.version  # visible as soon as the command returns
    before = await totals(pool)
    await pool.execute("UPDATE counter_view SET total = -1")  # a corrupted read model

    replayed = await rebuild_projections(pool, sample_registry(), [CounterView()])

    assert replayed == 4
    assert await totals(pool) == before == {"a": (6, 3), "b": (5, 1)}


async def test_a_failing_projection_rolls_back_the_append(pool: asyncpg.Pool) -> None:
    store = PostgresEventStore(pool, sample_registry())  # counter_view table missing: the projection fails
    try:
        await execute(store, COUNTER, "a", lambda _s: [CounterIncremented(by=1)], projections=[CounterView()])
    except asyncpg.UndefinedTableError:
        pass
    assert await store.load("a") == []


async def test_migrations_apply_once_even_when_two_processes_race(database: str) -> None:
    extra = [Migration("sample/001_counter.sql", COUNTER_TABLE + "; INSERT INTO counter_view VALUES ('x', 1, 1)")]

    async def run() -> list[str]:
        conn = await asyncpg.connect(database)
        try:
            return await apply_migrations(conn, core_migrations() + extra)
        finally:
            await conn.close()

    first, second = await asyncio.gather(run(), run())
    again = await run()

    assert sorted(first + second) == ["sample/001_counter.sql"]  # core ones were applied by the fixture
    assert again == []
    conn = await asyncpg.connect(database)
    try:
        assert await conn.fetchval("SELECT count(*) FROM counter_view") == 1
    finally:
        await conn.close()
