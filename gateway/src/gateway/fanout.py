"""One live reader of the service topics per gateway process, fanned out to every subscription.

The hub's `TopicReader` tails every partition from the moment the first subscriber arrives. Each record it
reads is offered, in order, to the subscribers whose cheap synchronous check (`Subscriber.accepts`: event
type, stated region, role) lets it through; what needs a service call (placing an event through its Action
for a focal point) is left to the subscriber's own task, so a slow lookup or a slow client never holds up
the reader or anyone else.

Each subscriber has a bounded queue (`queue_limit` events). A subscriber that falls that far behind is cut
off: what is already queued is still delivered, then its stream ends with `SlowSubscriber` (the client
resumes with `after` = the last cursor it received, and nothing is lost: the resume replays from there).

Resuming (`after`): a short-lived reader replays from the cursor's positions; the moment it has reached the
hub's positions on every partition the subscriber joins the live feed, in the same step (no await between
the check and the join, so the hub cannot read a record in between). Where the replay went further than the
hub, the subscriber's `floor` drops the hub's copies of records it has already seen: no gap, no duplicate.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import Counter
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterable, Sequence
from dataclasses import dataclass, field

from aiokafka import ConsumerRecord, TopicPartition

from gateway.streaming import Positions, StreamedEvent, StreamUnavailable, TopicReader, parse_record

log = logging.getLogger(__name__)

_FANOUT_BATCH = 500  # records the live reader takes per poll
_DELIVERY_BATCH = 200  # events a subscriber takes from its queue at once (one lookup batch)


class TooManyStreams(Exception):
    """The gateway process already serves its maximum of live subscriptions."""


class SlowSubscriber(Exception):
    """The subscriber's queue overflowed: it was cut off so that the others keep their pace."""


@dataclass(frozen=True, slots=True)
class Delivery:
    """An event for one subscriber and the positions just after it (what its cursor encodes)."""

    event: StreamedEvent
    positions: Positions


_END = None  # queued after the last delivery of a subscriber that was ended


@dataclass(eq=False)
class Subscriber:
    """One subscription's place in the fan-out; `accepts` must be cheap and must not await."""

    accepts: Callable[[StreamedEvent], bool]
    region: str | None  # events stating another region are never offered (None: every region)
    limit: int
    floor: Positions = field(default_factory=dict)  # records below these offsets were already delivered
    queue: asyncio.Queue[Delivery | None] = field(default_factory=asyncio.Queue)
    ended: Exception | None = None

    def offer(self, event: StreamedEvent, positions: Callable[[], Positions]) -> bool:
        """Queue the event if wanted; False when the queue is full (the hub then ends the subscriber)."""
        if self.floor:
            tp = TopicPartition(event.topic, event.partition)
            if event.offset < self.floor.get(tp, 0):
                return True  # the replay delivered it already
            self.floor.pop(tp, None)  # the live reader has caught up with the replay here
        if not self.accepts(event):
            return True
        if self.queue.qsize() >= self.limit:
            return False
        self.queue.put_nowait(Delivery(event, self._cursor_positions(positions())))
        return True

    def _cursor_positions(self, live: Positions) -> Positions:
        if not self.floor:
            return live
        merged = dict(self.floor)
        for tp, offset in live.items():
            merged[tp] = max(offset, merged.get(tp, 0))
        return merged

    def end(self, reason: Exception) -> None:
        if self.ended is None:
            self.ended = reason
            self.queue.put_nowait(_END)

    async def next_batch(self, timeout: float | None) -> list[Delivery]:
        """Up to `_DELIVERY_BATCH` queued deliveries; [] after `timeout`; raises why it ended once drained."""
        try:
            async with asyncio.timeout(timeout):
                first = await self.queue.get()
        except TimeoutError:
            return []
        batch: list[Delivery] = []
        item = first
        while item is not _END:
            batch.append(item)
            if len(batch) >= _DELIVERY_BATCH or self.queue.empty():
                return batch
            item = self.queue.get_nowait()
        if batch:  # deliver these first; the end comes with the next call
            self.queue.put_nowait(_END)
            return batch
        assert self.ended is not None
        raise self.ended


class EventHub:
    """Per gateway process: the live reader, its subscribers, and the cap on their number."""

    def __init__(
        self, bootstrap_servers: str, max_subscribers: int = 1000, queue_limit: int = 1000, per_caller: int = 100
    ) -> None:
        self.bootstrap_servers = bootstrap_servers
        self.max_subscribers = max_subscribers
        self.queue_limit = queue_limit
        self.per_caller = per_caller
        self.subscribers = 0  # joined or replaying
        self._by_caller: Counter[str] = Counter()
        self.replays = 0  # short-lived readers open right now
        self._live: dict[str | None, set[Subscriber]] = {}
        self._reader: TopicReader | None = None
        self._task: asyncio.Task[None] | None = None
        self._starting = asyncio.Lock()
        self.last_failure: str | None = None  # why the live reader last stopped, until one starts again

    def status(self) -> dict[str, object]:
        """For `/readyz`: the shared live reader (idle until someone subscribes) and the subscriptions."""
        reader = "running" if self._reader is not None else "failed" if self.last_failure else "idle"
        found: dict[str, object] = {"live_reader": reader, "subscribers": self.subscribers}
        if reader == "failed":
            found["error"] = self.last_failure
        return found

    @property
    def live_readers(self) -> int:
        """Broker readers held for the live feed: 1 while anyone subscribed since start-up, else 0."""
        return 0 if self._reader is None else 1

    @property
    def live_subscribers(self) -> int:
        """Subscriptions fed by the live reader (not those still replaying)."""
        return sum(len(group) for group in self._live.values())

    async def _ensure_live(self) -> TopicReader:
        async with self._starting:
            if self._reader is None:
                reader = TopicReader(self.bootstrap_servers, None, "mieux-gateway-live")
                try:
                    await reader.start()
                except BaseException:
                    await reader.close()
                    raise
                self._reader, self.last_failure = reader, None
                self._task = asyncio.create_task(self._run(reader), name="gateway-event-hub")
            return self._reader

    async def _run(self, reader: TopicReader) -> None:
        try:
            while True:
                self._fan_out(reader, await reader.poll(max_records=_FANOUT_BATCH))
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the broker failed under us: every subscriber ends and may resume
            log.error("the live event reader failed; ending every subscription", exc_info=True)
            self.last_failure = f"the event stream failed: {type(exc).__name__}"
            self._end_all(StreamUnavailable(self.last_failure))
            self._reader, self._task = None, None
            await reader.close()

    def _fan_out(self, reader: TopicReader, records: Sequence[ConsumerRecord[bytes, bytes]]) -> None:
        """Synchronous on purpose: between two polls the hub's positions and every queue agree."""
        for record in records:
            tp = TopicPartition(record.topic, record.partition)
            if record.offset < reader.positions.get(tp, 0):  # the log was recreated: every offset is new
                for subscriber in _members(self._live.values()):
                    subscriber.floor.pop(tp, None)
            reader.advance(record)
            event = parse_record(record)
            if event is None:
                continue
            snapshot: Positions | None = None

            def positions() -> Positions:
                nonlocal snapshot
                if snapshot is None:
                    snapshot = dict(reader.positions)
                return snapshot

            stated = event.data.get("region")
            groups = [self._live.get(stated, set()), self._live.get(None, set())] if isinstance(stated, str) else None
            for subscriber in _members(groups if groups is not None else self._live.values()):
                if not subscriber.offer(event, positions):
                    self._drop(subscriber)
                    subscriber.end(SlowSubscriber(f"more than {self.queue_limit} events waited for this subscriber"))

    def _join(self, subscriber: Subscriber) -> None:
        self._live.setdefault(subscriber.region, set()).add(subscriber)

    def _drop(self, subscriber: Subscriber) -> None:
        group = self._live.get(subscriber.region)
        if group is not None:
            group.discard(subscriber)

    def _end_all(self, reason: Exception) -> None:
        for group in self._live.values():
            for subscriber in group:
                subscriber.end(reason)
        self._live.clear()

    @contextlib.asynccontextmanager
    async def subscribe(
        self,
        accepts: Callable[[StreamedEvent], bool],
        region: str | None,
        start: Positions | None,
        wake_at: float | None = None,
        caller: str = "",
    ) -> AsyncIterator[AsyncIterator[list[Delivery]]]:
        """The subscriber's deliveries in batches: the replay from `start` if given, then the live feed.
        An empty batch comes at `wake_at` (epoch seconds; e.g. when the caller's token expires). `caller`
        (the token's subject) may hold at most `per_caller` subscriptions, so one client cannot take them all."""
        if self.subscribers >= self.max_subscribers:
            raise TooManyStreams(f"this gateway already serves {self.max_subscribers} live subscriptions")
        if self._by_caller[caller] >= self.per_caller:
            raise TooManyStreams(f"you already have {self.per_caller} live subscriptions on this gateway")
        self.subscribers += 1
        self._by_caller[caller] += 1
        subscriber = Subscriber(accepts, region, self.queue_limit)
        try:
            live = await self._ensure_live()
            if start is None:
                self._join(subscriber)  # from now: whatever the hub reads next
            deliveries = self._deliveries(subscriber, live, start, wake_at)
            async with contextlib.aclosing(deliveries):
                yield deliveries
        finally:
            self.subscribers -= 1
            self._by_caller[caller] -= 1
            if not self._by_caller[caller]:
                del self._by_caller[caller]
            self._drop(subscriber)

    async def _deliveries(
        self, subscriber: Subscriber, live: TopicReader, start: Positions | None, wake_at: float | None
    ) -> AsyncGenerator[list[Delivery], None]:
        if start is not None:
            async for batch in self._replay(subscriber, live, start):
                yield batch
        while True:
            timeout = None if wake_at is None else max(0.0, wake_at - time.time()) + 0.01
            yield await subscriber.next_batch(timeout)

    async def _replay(
        self, subscriber: Subscriber, live: TopicReader, start: Positions
    ) -> AsyncGenerator[list[Delivery], None]:
        reader = TopicReader(self.bootstrap_servers, start, "mieux-gateway-replay")
        self.replays += 1
        try:
            await reader.start()
            while not _caught_up(reader.positions, live.positions):
                batch: list[Delivery] = []
                for record in await reader.poll(timeout_ms=200):
                    reader.advance(record)
                    event = parse_record(record)
                    if event is not None and subscriber.accepts(event):
                        batch.append(Delivery(event, dict(reader.positions)))
                yield batch
            # No await from the check above to the join: the hub cannot read a record in between.
            if live is not self._reader:
                raise StreamUnavailable("the live event reader stopped during the replay")
            subscriber.floor = dict(reader.positions)
            self._join(subscriber)
        finally:
            self.replays -= 1
            await reader.close()

    async def close(self) -> None:
        task, reader = self._task, self._reader
        self._task, self._reader = None, None
        self._end_all(StreamUnavailable("the gateway is shutting down"))
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if reader is not None:
            await reader.close()


def _members(groups: Iterable[set[Subscriber]]) -> list[Subscriber]:
    return [subscriber for group in groups for subscriber in group]  # a copy: offering may drop members


def _caught_up(replay: Positions, live: Positions) -> bool:
    """The replay has handled everything the hub has (a partition it does not know yet: from the hub on)."""
    return all(replay.get(tp, offset) >= offset for tp, offset in live.items())
