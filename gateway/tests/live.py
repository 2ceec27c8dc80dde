"""Helpers for the subscription tests: a graphql-transport-ws client over ASGI and a relay-like publisher.

The session broker is shared by every test: each test publishes events of its own (unique ids) and only
looks at those.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, date, datetime
from typing import Any

from aiokafka import AIOKafkaProducer
from contracts.base import DomainEvent
from contracts.events.actions import ActivityHeld, ActivityType
from contracts.events.requests import Region, ThematicArea
from contracts.topics import SERVICES, service_topic
from fastapi import FastAPI
from gateway.fanout import EventHub
from gateway.settings import GatewaySettings
from service_core.auth import Principal, verifier_from
from service_core.kafka import encode_record, ensure_topics, new_producer
from service_core.store.base import RecordedEvent

SUBSCRIBE = """subscription($region: Region!, $types: [EventType!], $after: String) {
  regionEvents(region: $region, types: $types, after: $after) {
    eventId cursor type version service subject occurredAt region data
    payload { __typename ... on ActivityHeldPayload { actionId participantsCount heldFrom } }
  }
}"""


class Socket:
    """A graphql-transport-ws client over ASGI, in the test's event loop."""

    def __init__(
        self, app: FastAPI, headers: dict[str, str] | None = None, protocol: str = "graphql-transport-ws"
    ) -> None:
        self._app = app
        self._protocol = protocol
        self._headers = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
        self._to_app: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._from_app: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self.closed: dict[str, Any] | None = None

    async def __aenter__(self) -> Socket:
        scope = {
            "type": "websocket",
            "asgi": {"version": "3.0"},
            "scheme": "ws",
            "path": "/graphql",
            "raw_path": b"/graphql",
            "root_path": "",
            "query_string": b"",
            "headers": [(b"host", b"gw"), (b"sec-websocket-protocol", self._protocol.encode()), *self._headers],
            "subprotocols": [self._protocol],
            "server": ("gw", 80),
            "client": ("test", 1),
        }
        self._task = asyncio.create_task(self._app(scope, self._to_app.get, self._from_app.put))
        await self._to_app.put({"type": "websocket.connect"})
        accepted = await asyncio.wait_for(self._from_app.get(), 10)
        assert accepted["type"] == "websocket.accept", accepted
        return self

    async def __aexit__(self, *_: object) -> None:
        await self._to_app.put({"type": "websocket.disconnect", "code": 1000})
        assert self._task is not None
        await asyncio.wait_for(self._task, 15)

    async def send(self, message: dict[str, Any]) -> None:
        await self._to_app.put({"type": "websocket.receive", "text": json.dumps(message)})

    async def receive(self, timeout: float = 10) -> dict[str, Any]:
        message = await asyncio.wait_for(self._from_app.get(), timeout)
        if message["type"] == "websocket.close":
            self.closed = message
            return {"type": "closed", "code": message.get("code"), "reason": message.get("reason")}
        assert message["type"] == "websocket.send", message
        received: dict[str, Any] = json.loads(message["text"])
        return received

    async def init(self, token: str | None) -> None:
        await self.send({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"} if token else {}})
        assert (await self.receive())["type"] == "connection_ack"

    async def subscribe(self, region: str, op: str = "1", **variables: Any) -> None:
        await self.send(
            {
                "id": op,
                "type": "subscribe",
                "payload": {"query": SUBSCRIBE, "variables": {"region": region, **variables}},
            }
        )

    async def refusal(self) -> dict[str, Any]:
        """The operation's `error` message (refused before the stream starts): its one GraphQL error."""
        message = await self.receive()
        assert message["type"] == "error", message
        [error] = message["payload"]
        assert isinstance(error, dict)
        return error

    async def events(self, timeout: float = 10) -> dict[str, Any]:
        """The next RegionEvent; fails on anything else."""
        message = await self.receive(timeout)
        assert message["type"] == "next", message
        assert "errors" not in message["payload"], message
        event: dict[str, Any] = message["payload"]["data"]["regionEvents"]
        return event


Publish = Callable[..., Awaitable[None]]


@contextlib.asynccontextmanager
async def publisher(bootstrap_servers: str) -> AsyncIterator[Publish]:
    """Publish an event as its service's relay would (encode_record), to a chosen partition."""
    await ensure_topics(bootstrap_servers, [service_topic(name) for name in SERVICES], partitions=3)
    producer: AIOKafkaProducer = new_producer(bootstrap_servers)
    await producer.start()

    async def send(event: DomainEvent, stream_id: str, partition: int = 0) -> None:
        recorded = RecordedEvent(
            event_id=uuid.uuid4(),
            stream_id=stream_id,
            stream_type="action",
            version=1,
            position=1,
            recorded_at=datetime.now(UTC),
            event=event,
        )
        key, value, headers = encode_record(event.service, recorded)
        await producer.send_and_wait(service_topic(event.service), value, key=key, headers=headers, partition=partition)

    try:
        yield send
    finally:
        await producer.stop()


def held(action_id: str, region: Region) -> ActivityHeld:
    return ActivityHeld(
        activity_id=f"{action_id}-a1",
        action_id=action_id,
        activity_type=ActivityType.ASSESSMENT_SESSION,
        held_from=date(2019, 6, 3),
        held_to=date(2019, 6, 5),
        participants_count=24,
        region=region,
        thematic_area=ThematicArea.LEGAL_MIGRATION_MOBILITY,
        countries=("CV",) if region is Region.AFRICA else ("TH",),
    )


async def subscribed(app: FastAPI, count: int) -> None:
    """Until `count` subscriptions have joined the live feed (so what is published next reaches them)."""
    hub: EventHub = app.state.events
    for _ in range(200):
        if hub.live_subscribers == count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{hub.live_subscribers} of {count} subscriptions joined the live feed")


def principal_of(token: str) -> Principal:
    return verifier_from(GatewaySettings()).verify(token)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


async def go_live(socket: Socket, publish: Publish) -> tuple[set[str], str]:
    """Without `after` a subscription starts at the end of the topics: publish probes (same partition as the
    test's events, so they are ordered) until one arrives. Returns the probes' subjects and that one's cursor."""
    probes: set[str] = set()
    for _ in range(30):
        probe = unique("probe")
        probes.add(probe)
        await publish(held(probe, Region.AFRICA), probe)
        with contextlib.suppress(TimeoutError):
            event = await socket.events(timeout=1)
            assert event["subject"] in probes, event
            return probes, event["cursor"]
    raise AssertionError("the subscription never went live")


async def next_of(socket: Socket, subjects: set[str], ignore: set[str], timeout: float = 10) -> dict[str, Any]:
    """The next event among `subjects`, skipping `ignore` (late probes); anything else fails."""
    while True:
        event = await socket.events(timeout)
        if event["subject"] in ignore:
            continue
        assert event["subject"] in subjects, event
        return event


async def readers_closed(app: FastAPI) -> None:
    """Every subscription and replay reader gone; at most the one shared live reader stays."""
    hub: EventHub = app.state.events
    for _ in range(100):
        if hub.subscribers == 0 and hub.replays == 0:
            assert hub.live_readers <= 1 and hub.live_subscribers == 0
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{hub.subscribers} subscription(s), {hub.replays} replay reader(s) still open")
