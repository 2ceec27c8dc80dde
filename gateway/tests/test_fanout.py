"""One live Kafka reader per gateway process, fanned out to every subscription (real broker)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest
from aiokafka import TopicPartition
from contracts.events.requests import Region
from contracts.topics import ACTIONS
from fastapi import FastAPI
from gateway.fanout import Delivery, EventHub, SlowSubscriber, TooManyStreams
from gateway.streaming import Positions, StreamedEvent
from service_core.embedded.welcome import dev_token
from service_core.testing.backends import Backend

from .live import Publish, Socket, held, next_of, readers_closed, subscribed, unique


async def test_many_subscribers_share_one_reader_and_each_gets_only_its_region(
    gateway: FastAPI, publish: Publish
) -> None:
    managers, coordinators = 40, 20
    africa, asia = unique("africa"), unique("asia")
    async with contextlib.AsyncExitStack() as stack:
        sockets = [await stack.enter_async_context(Socket(gateway)) for _ in range(managers + coordinators)]
        for index, socket in enumerate(sockets):
            manager = index < managers
            await socket.init(dev_token("programme_manager") if manager else dev_token("regional_coordinator", "ASIA"))
            await socket.subscribe("AFRICA" if manager else "ASIA", types=["ActivityHeld"])
        await subscribed(gateway, managers + coordinators)
        hub: EventHub = gateway.state.events
        assert hub.live_readers == 1 and hub.replays == 0  # one broker reader for all sixty

        await publish(held(asia, Region.ASIA), asia)
        await publish(held(africa, Region.AFRICA), africa)
        received = await asyncio.gather(
            *(next_of(socket, {africa if i < managers else asia}, set()) for i, socket in enumerate(sockets))
        )
        assert [event["subject"] for event in received] == [africa] * managers + [asia] * coordinators
        with pytest.raises(TimeoutError):  # the Asian event did not also reach the African subscribers
            await next_of(sockets[0], set(), set(), timeout=1)
    await readers_closed(gateway)


@contextlib.asynccontextmanager
async def subscription(
    hub: EventHub, tag: str, start: Positions | None = None
) -> AsyncIterator[AsyncIterator[list[Delivery]]]:
    def accepts(event: StreamedEvent) -> bool:
        return event.subject.startswith(tag)

    async with hub.subscribe(accepts, "AFRICA", start) as deliveries:
        yield deliveries


async def take(deliveries: AsyncIterator[list[Delivery]], count: int, timeout: float = 15) -> list[Delivery]:
    found: list[Delivery] = []
    async with asyncio.timeout(timeout):
        while len(found) < count:
            found += await anext(deliveries)
    return found


async def test_a_slow_subscriber_is_cut_off_after_its_queue_and_the_others_keep_pace(
    backend: Backend, publish: Publish
) -> None:
    hub = EventHub(backend.bootstrap_servers, queue_limit=10)
    tag = unique("slow")
    try:
        async with subscription(hub, tag) as slow, subscription(hub, tag) as fast:
            assert hub.live_subscribers == 2
            fast_seen: list[Delivery] = []
            for n in range(25):
                await publish(held(f"{tag}-{n:02}", Region.AFRICA), f"{tag}-{n:02}", partition=n % 3)
                fast_seen += await take(fast, n + 1 - len(fast_seen))
            assert len({d.event.subject for d in fast_seen}) == 25  # the fast one got everything, in time

            # The slow one never read: it gets what was queued (the first ten), then the end.
            assert hub.live_subscribers == 1
            queued = await take(slow, 10)
            assert [d.event.subject for d in queued] == [f"{tag}-{n:02}" for n in range(10)]
            with pytest.raises(SlowSubscriber):
                await anext(slow)
    finally:
        await hub.close()


async def test_a_resume_replays_from_the_cursor_then_joins_the_live_feed_without_gap_or_duplicate(
    backend: Backend, publish: Publish
) -> None:
    hub = EventHub(backend.bootstrap_servers)
    tag = unique("resume")
    subjects = [f"{tag}-{n:03}" for n in range(120)]
    try:
        async with subscription(hub, tag) as first:
            for n, subject in enumerate(subjects[:20]):
                await publish(held(subject, Region.AFRICA), subject, partition=n % 3)
            seen = await take(first, 20)
        cursor = seen[9].positions  # the client stopped after the tenth event it received
        before = {d.event.subject for d in seen[:10]}

        async def keep_publishing() -> None:  # while the replay runs, and after it has joined
            for n, subject in enumerate(subjects[20:], start=20):
                await publish(held(subject, Region.AFRICA), subject, partition=n % 3)

        publishing = asyncio.create_task(keep_publishing())
        async with subscription(hub, tag, start=cursor) as resumed:
            got = await take(resumed, len(subjects) - 10, timeout=60)
            await publishing
            with pytest.raises(TimeoutError):  # and nothing more (no duplicate arriving late)
                await take(resumed, 1, timeout=1.5)
        received = [d.event.subject for d in got]
        assert len(received) == len(set(received))  # no duplicate
        assert set(received) == set(subjects) - before  # no gap: everything after the cursor
        for partition in range(3):  # per partition, in publishing order
            in_order = [d.event.subject for d in got if d.event.partition == partition]
            assert in_order == sorted(in_order)
        assert hub.replays == 0 and hub.subscribers == 0
    finally:
        await hub.close()


async def test_a_cursor_beyond_the_end_of_the_log_replays_it_all_after_a_broker_that_restarted_empty(
    backend: Backend, publish: Publish
) -> None:
    """Cursors issued before the broker was emptied point past the new logs' ends: all of them is new."""
    hub = EventHub(backend.bootstrap_servers)
    tag = unique("recreated")
    try:
        await publish(held(f"{tag}-old", Region.AFRICA), f"{tag}-old", partition=1)
        beyond = {TopicPartition(ACTIONS, partition): 10**9 for partition in range(3)}
        async with subscription(hub, tag, start=beyond) as resumed:
            first = await take(resumed, 1)
            assert [d.event.subject for d in first] == [f"{tag}-old"]  # replayed from the start of the log
            await publish(held(f"{tag}-new", Region.AFRICA), f"{tag}-new", partition=1)
            assert [d.event.subject for d in await take(resumed, 1)] == [f"{tag}-new"]  # then live, not dropped
    finally:
        await hub.close()


async def test_one_caller_cannot_take_every_subscription_of_the_process(backend: Backend) -> None:
    hub = EventHub(backend.bootstrap_servers, max_subscribers=3, per_caller=2)

    def everything(event: StreamedEvent) -> bool:
        return True

    try:
        async with contextlib.AsyncExitStack() as held_open:
            for _ in range(2):
                await held_open.enter_async_context(hub.subscribe(everything, "AFRICA", None, caller="greedy"))
            with pytest.raises(TooManyStreams, match="you already have 2"):
                await held_open.enter_async_context(hub.subscribe(everything, "AFRICA", None, caller="greedy"))
            await held_open.enter_async_context(hub.subscribe(everything, "AFRICA", None, caller="another"))
            with pytest.raises(TooManyStreams, match="already serves 3"):
                await held_open.enter_async_context(hub.subscribe(everything, "AFRICA", None, caller="third"))
        assert hub.subscribers == 0
        async with hub.subscribe(everything, "AFRICA", None, caller="greedy"):  # freed when they closed
            assert hub.live_subscribers == 1
    finally:
        await hub.close()


class _FailingReader:
    """A reader whose broker goes away at the first poll (the live reader's failure path, without a broker)."""

    async def poll(self, max_records: int) -> list[object]:
        raise ConnectionError("broker gone")

    async def close(self) -> None:
        return None


async def test_the_hub_reports_a_failed_live_reader_until_one_starts_again() -> None:
    hub = EventHub("127.0.0.1:9")
    assert hub.status() == {"live_reader": "idle", "subscribers": 0}
    await hub._run(_FailingReader())  # type: ignore[arg-type]
    assert hub.status() == {
        "live_reader": "failed",
        "subscribers": 0,
        "error": "the event stream failed: ConnectionError",
    }


async def test_readiness_shows_the_live_reader(gateway: FastAPI) -> None:
    import httpx

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=gateway), base_url="http://gateway") as http:
        ready = (await http.get("/readyz")).json()
    assert ready["ready"] is True
    assert ready["events"]["live_reader"] in {"idle", "running"}
