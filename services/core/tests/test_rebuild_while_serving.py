"""A rebuild fills shadow tables while commands and readers go on, then swaps them in whole."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest
from service_core.commands import execute, execute_in
from service_core.rebuild import SHADOW, RebuildAlreadyRunning, RebuildProgress, rebuild_projections
from service_core.store.postgres import PostgresEventStore
from service_core.testing.sample import COUNTER, COUNTER_TABLE, CounterIncremented, CounterView, sample_registry

PROJECTIONS = [CounterView()]


async def increment(store: PostgresEventStore, stream: str, by: int = 1) -> None:
    await execute(store, COUNTER, stream, lambda _s: [CounterIncremented(by=by)], projections=PROJECTIONS)


async def totals(pool: asyncpg.Pool) -> dict[str, int]:
    return {r["counter_id"]: r["total"] for r in await pool.fetch("SELECT counter_id, total FROM counter_view")}


async def filled(pool: asyncpg.Pool, events: int) -> PostgresEventStore:
    await pool.execute(COUNTER_TABLE)
    store = PostgresEventStore(pool, sample_registry())
    for i in range(events):
        await increment(store, f"c{i % 7}")
    return store


async def test_commands_and_readers_go_on_during_a_rebuild_and_its_result_has_every_event(
    pool: asyncpg.Pool,
) -> None:
    store = await filled(pool, 120)
    await pool.execute("UPDATE counter_view SET total = -1 WHERE counter_id = 'c0'")  # a read model gone wrong
    seen_during: list[dict[str, int]] = []

    async def serve_between_batches(progress: RebuildProgress) -> None:
        await asyncio.wait_for(increment(store, "during"), 5)  # a command is not held by the rebuild
        seen_during.append(await asyncio.wait_for(totals(pool), 5))  # readers see the live table meanwhile

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("service_core.rebuild.REPORT_EVERY_S", 0.0)
        replayed = await rebuild_projections(
            pool, sample_registry(), PROJECTIONS, batch_size=10, on_progress=serve_between_batches
        )

    *before_swap, after_swap = seen_during
    assert len(before_swap) >= 10
    assert all(seen["c0"] == -1 for seen in before_swap)  # readers had the live table until the swap
    expected = {f"c{i}": len(range(i, 120, 7)) for i in range(7)}
    assert after_swap == expected | {"during": len(seen_during)}
    assert await totals(pool) == expected | {"during": len(seen_during)}  # each event once, late ones too
    assert replayed >= 120
    assert await pool.fetchval("SELECT count(*) FROM pg_namespace WHERE nspname = $1", SHADOW) == 0


async def test_an_event_committed_after_a_later_one_and_during_the_swap_is_not_missed(pool: asyncpg.Pool) -> None:
    store = await filled(pool, 5)
    slow_started, finish_slow = asyncio.Event(), asyncio.Event()

    async def slow_command() -> None:  # takes a position, then commits after a later position committed
        async with store.transaction() as tx:
            await execute_in(tx, COUNTER, "slow", lambda _s: [CounterIncremented(by=100)], projections=PROJECTIONS)
            slow_started.set()
            await finish_slow.wait()

    slow = asyncio.create_task(slow_command())
    await slow_started.wait()
    await increment(store, "fast")  # a higher position, committed first

    async def on_progress(progress: RebuildProgress) -> None:
        if progress.replayed >= 6:  # "fast" was replayed: a replay by position alone would now pass "slow" by
            finish_slow.set()
            await slow

    async def commit_while_the_swap_waits() -> None:
        await asyncio.sleep(1.0)  # the swap is held by "slow"'s append and gives way meanwhile
        finish_slow.set()

    committer = asyncio.create_task(commit_while_the_swap_waits())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("service_core.rebuild.REPORT_EVERY_S", 0.0)
        await rebuild_projections(pool, sample_registry(), PROJECTIONS, batch_size=2, on_progress=on_progress)
    await asyncio.gather(slow, committer)

    assert (await totals(pool))["slow"] == 100
    assert (await totals(pool))["fast"] == 1


async def test_the_swapped_table_keeps_the_index_names_and_triggers_and_recounts_the_totals(
    pool: asyncpg.Pool,
) -> None:
    await filled(pool, 3)
    await pool.execute("CREATE INDEX counter_view_by_total ON counter_view (total)")
    await pool.execute(
        """CREATE TRIGGER portfolio_mark AFTER INSERT OR UPDATE OR DELETE ON counter_view
           FOR EACH ROW EXECUTE FUNCTION mieux_portfolio_mark('counter', 'counter_id')"""
    )
    await pool.execute("DELETE FROM portfolio_dirty")
    indexes = "SELECT indexname FROM pg_indexes WHERE tablename = 'counter_view' ORDER BY 1"
    triggers = "SELECT tgname FROM pg_trigger WHERE tgrelid = 'counter_view'::regclass AND NOT tgisinternal"
    before = (await pool.fetch(indexes), await pool.fetch(triggers))

    await rebuild_projections(pool, sample_registry(), PROJECTIONS)

    assert (await pool.fetch(indexes), await pool.fetch(triggers)) == before
    assert await pool.fetchval("SELECT count(*) FROM portfolio_dirty WHERE kind = '*'") == 1
    await pool.execute("UPDATE counter_view SET total = total + 1 WHERE counter_id = 'c0'")  # the trigger works
    assert await pool.fetchval("SELECT count(*) FROM portfolio_dirty WHERE kind = 'counter'") == 1


async def test_a_second_rebuild_at_the_same_time_is_refused_and_the_first_completes(pool: asyncpg.Pool) -> None:
    await filled(pool, 30)
    refused: list[BaseException] = []

    async def second_rebuild(_progress: RebuildProgress) -> None:
        try:
            await rebuild_projections(pool, sample_registry(), PROJECTIONS)
        except RebuildAlreadyRunning as exc:
            refused.append(exc)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("service_core.rebuild.REPORT_EVERY_S", 0.0)
        await rebuild_projections(pool, sample_registry(), PROJECTIONS, batch_size=5, on_progress=second_rebuild)

    assert len(refused) >= 1
    assert sum((await totals(pool)).values()) == 30


async def test_a_swap_that_cannot_take_the_live_table_gives_way_and_tries_again(pool: asyncpg.Pool) -> None:
    await filled(pool, 10)
    reader = await pool.acquire()
    held = reader.transaction()
    await held.start()
    await reader.fetch("SELECT * FROM counter_view")  # a long read holds the live table

    async def release_later() -> None:
        await asyncio.sleep(1.0)  # several swap attempts (300 ms lock timeout each) give way meanwhile
        await held.rollback()
        await pool.release(reader)

    releasing = asyncio.create_task(release_later())
    replayed = await rebuild_projections(pool, sample_registry(), PROJECTIONS)
    await releasing

    assert replayed == 10
    assert sum((await totals(pool)).values()) == 10
