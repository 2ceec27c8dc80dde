"""Subscription.regionEvents over graphql-transport-ws, fed from real Kafka records on the test broker.

The session broker is shared by every test: each test publishes events of its own (unique ids) and only
looks at those. The websocket client below speaks ASGI to the gateway in this event loop (no sockets).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer
from contracts.base import DomainEvent
from contracts.events.actions import ActivityCancelled, ActivityHeld, ActivityType
from contracts.events.requests import Region, ThematicArea
from contracts.topics import ACTIONS, SERVICES, service_topic
from fastapi import FastAPI
from gateway.fanout import EventHub
from gateway.settings import GatewaySettings
from service_core.auth import Principal, verifier_from
from service_core.embedded.welcome import dev_token
from service_core.kafka import encode_record, ensure_topics, new_producer
from service_core.store.base import RecordedEvent
from service_core.testing.backends import Backend

from .conftest import SUBMIT, Gql, Stack, submission

SUBSCRIBE = """subscription($region: Region!, $types: [String!], $after: String) {
  regionEvents(region: $region, types: $types, after: $after) {
    id cursor type version service subject occurredAt region data
  }
}"""
DECIDE = """mutation($input: DecideRequestInput!) { decideRequest(input: $input) { errors { code } } }"""


class Socket:
    """A graphql-transport-ws client over ASGI, in the test's event loop."""

    def __init__(self, app: FastAPI, headers: dict[str, str] | None = None) -> None:
        self._app = app
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
            "headers": [(b"host", b"gw"), (b"sec-websocket-protocol", b"graphql-transport-ws"), *self._headers],
            "subprotocols": ["graphql-transport-ws"],
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


@pytest.fixture
async def gateway(stack: Stack, backend: Backend) -> FastAPI:
    """The in-process gateway, reading the session broker."""
    stack.gateway.state.events = EventHub(backend.bootstrap_servers)
    return stack.gateway


@pytest.fixture
async def publish(backend: Backend) -> AsyncIterator[Publish]:
    """Publish an event as its service's relay would (encode_record), to a chosen partition."""
    await ensure_topics(backend.bootstrap_servers, [service_topic(name) for name in SERVICES], partitions=3)
    producer: AIOKafkaProducer = new_producer(backend.bootstrap_servers)
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
            assert hub.live_readers <= 1
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{hub.subscribers} subscription(s), {hub.replays} replay reader(s) still open")


async def test_an_africa_subscriber_gets_african_activity_held_and_nothing_asian(
    gateway: FastAPI, publish: Publish
) -> None:
    africa, asia = unique("africa"), unique("asia")
    coordinator = dev_token("regional_coordinator", region="AFRICA")
    async with Socket(gateway) as socket:
        await socket.init(coordinator)
        await socket.subscribe("AFRICA", types=["ActivityHeld"])
        probes, _ = await go_live(socket, publish)

        await publish(held(asia, Region.ASIA), asia)  # same partition, before the African one
        await publish(
            ActivityCancelled(activity_id="x", action_id=africa, cancelled_on=date(2019, 1, 1), reason="r"), africa
        )
        await publish(held(africa, Region.AFRICA), africa)

        event = await next_of(socket, {africa}, probes)
        assert event["type"] == "ActivityHeld" and event["service"] == "actions" and event["version"] == 1
        assert event["region"] == "AFRICA"
        assert event["data"]["action_id"] == africa and event["data"]["participants_count"] == 24
        assert event["occurredAt"] and event["id"]
        assert event["cursor"].startswith("c2.")  # opaque, signed for its caller
        assert gateway.state.cursors.read(event["cursor"], principal_of(coordinator))
    await readers_closed(gateway)


async def test_a_reconnect_with_the_last_cursor_gets_what_was_published_meanwhile(
    gateway: FastAPI, publish: Publish
) -> None:
    first, second, third, asian = unique("first"), unique("second"), unique("third"), unique("asia")
    async with Socket(gateway) as socket:
        await socket.init(dev_token("programme_manager"))
        await socket.subscribe("AFRICA")
        probes, _ = await go_live(socket, publish)
        await publish(held(first, Region.AFRICA), first)
        cursor = (await next_of(socket, {first}, probes))["cursor"]
    await readers_closed(gateway)  # the client left: its Kafka reader is gone

    await publish(held(second, Region.AFRICA), second, partition=1)
    await publish(held(asian, Region.ASIA), asian, partition=2)
    await publish(held(third, Region.AFRICA), third, partition=2)

    async with Socket(gateway) as socket:
        await socket.init(dev_token("programme_manager"))
        await socket.subscribe("AFRICA", after=cursor)
        ours = {first, second, third, asian}
        seen = []
        while len(seen) < 2:
            event = await socket.events()
            if event["subject"] in ours:
                seen.append(event["subject"])
        assert sorted(seen) == sorted([second, third])  # not `first` again, never the Asian one
    await readers_closed(gateway)


async def test_events_without_region_are_placed_through_their_action_and_focal_points_see_their_own(
    gateway: FastAPI, publish: Publish, gql: Gql, stack: Stack
) -> None:
    request = (await gql(SUBMIT, input=submission()))["data"]["submitRequest"]["request"]
    decision = {"id": request["id"], "decision": "APPROVE", "reason": "remit", "decidedOn": "2019-04-01"}
    assert (await gql(DECIDE, input=decision))["data"]["decideRequest"]["errors"] == []
    await stack.deliver()
    found = await gql("query($id: ID!) { request(id: $id) { action { id } authority { id } } }", id=request["id"])
    action_id = found["data"]["request"]["action"]["id"]
    authority_id = found["data"]["request"]["authority"]["id"]
    unknown = unique("nowhere")

    def cancelled(action: str) -> ActivityCancelled:
        return ActivityCancelled(activity_id=unique("act"), action_id=action, cancelled_on=date(2019, 7, 1), reason="r")

    wanted = ["ActivityCancelled", "ActivityHeld"]
    tokens = {
        "coordinator": dev_token("regional_coordinator", region="AFRICA"),
        "own": dev_token("focal_point", authority_id=authority_id),
        "other": dev_token("focal_point", authority_id=unique("other-authority")),
    }
    async with Socket(gateway) as coordinator, Socket(gateway) as own, Socket(gateway) as other:
        sockets = {"coordinator": coordinator, "own": own, "other": other}
        for name, socket in sockets.items():
            await socket.init(tokens[name])
            await socket.subscribe("AFRICA", types=wanted)
        await subscribed(gateway, 3)
        await publish(cancelled(unknown), unknown)  # no such Action: not visible to anyone, skipped
        await publish(cancelled(action_id), action_id)
        await publish(held(action_id, Region.AFRICA), action_id)
        event = await next_of(coordinator, {action_id}, set())
        assert event["type"] == "ActivityCancelled" and event["region"] == "AFRICA"
        assert (await next_of(coordinator, {action_id}, set()))["type"] == "ActivityHeld"
        first = await next_of(own, {action_id}, set())  # placed through the actions service, own authority
        assert first["type"] == "ActivityCancelled"
        assert (await next_of(own, {action_id}, set()))["type"] == "ActivityHeld"
        with pytest.raises(TimeoutError):  # another authority's focal point sees none of it
            await next_of(other, set(), set(), timeout=3)

    # The focal point resumes from its own cursor: the replay places events the same way.
    async with Socket(gateway) as socket:
        await socket.init(tokens["own"])
        await socket.subscribe("AFRICA", types=wanted, after=first["cursor"])
        assert (await next_of(socket, {action_id}, set()))["type"] == "ActivityHeld"
    await readers_closed(gateway)


async def test_an_asia_coordinator_reporting_and_experts_may_not_subscribe_to_africa(gateway: FastAPI) -> None:
    for token in (
        dev_token("regional_coordinator", region="ASIA"),
        dev_token("reporting"),
        dev_token("expert", expert_id="e-1"),
    ):
        async with Socket(gateway) as socket:
            await socket.init(token)
            await socket.subscribe("AFRICA")
            assert (await socket.refusal())["extensions"]["code"] == "FORBIDDEN"
    await readers_closed(gateway)


async def test_no_token_or_a_bad_token_is_refused_as_unauthenticated(gateway: FastAPI) -> None:
    for token in (None, "not.a.jwt"):
        async with Socket(gateway) as socket:
            await socket.init(token)
            await socket.subscribe("AFRICA")
            refused = await socket.refusal()
            assert refused["extensions"]["code"] == "UNAUTHENTICATED"
            assert "bearer token" in refused["message"] or "invalid token" in refused["message"]
    # a token on the upgrade request's headers works as well as in connection_init
    async with Socket(gateway, {"authorization": f"Bearer {dev_token('programme_manager')}"}) as socket:
        await socket.init(None)
        await socket.subscribe("AFRICA", after="c1.bm90LWEtY3Vyc29y")
        assert (await socket.refusal())["extensions"] == {"code": "INVALID_CURSOR", "field": "after"}
        await socket.subscribe("AFRICA", op="2", types=["ActivityHeld", "ActivityHold"])
        assert (await socket.refusal())["extensions"] == {"code": "BAD_USER_INPUT", "field": "types"}


def test_the_actions_topic_is_one_of_the_streamed_topics() -> None:
    from gateway.streaming import TOPICS

    assert ACTIONS in TOPICS and len(TOPICS) == 4
