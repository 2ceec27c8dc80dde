"""`regionEvents` over a real websocket to the gateway as `make run` starts it.

A regional coordinator subscribes with the `websockets` client (graphql-transport-ws, token in
`connection_init`), a mutation through GraphQL over HTTP causes an event in its region, the client receives
it, disconnects, and resumes with its last cursor: the next event arrives, nothing is repeated.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from gateway.schema.global_ids import raw_id
from service_core.embedded.welcome import dev_token
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from .conftest import LaunchedStack
from .graphql_client import GraphQL
from .test_requests_through_graphql import SUBMIT, submission

SUBSCRIBE = """subscription($after: String) {
  regionEvents(region: AFRICA, types: [RequestSubmitted], after: $after) { eventId cursor type subject region }
}"""
PROTOCOL = "graphql-transport-ws"


def ws_url(stack: LaunchedStack) -> str:
    return stack.graphql_url.replace("http://", "ws://")


async def open_subscription(stack: LaunchedStack, token: str, after: str | None = None) -> ClientConnection:
    socket = await connect(ws_url(stack), subprotocols=[PROTOCOL])  # type: ignore[list-item]
    assert socket.subprotocol == PROTOCOL
    await socket.send(json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}))
    assert json.loads(await asyncio.wait_for(socket.recv(), 10))["type"] == "connection_ack"
    payload = {"query": SUBSCRIBE, "variables": {"after": after}}
    await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
    return socket


async def next_event(socket: ClientConnection, timeout: float) -> dict[str, Any]:
    message = json.loads(await asyncio.wait_for(socket.recv(), timeout))
    assert message["type"] == "next" and "errors" not in message["payload"], message
    event: dict[str, Any] = message["payload"]["data"]["regionEvents"]
    return event


async def submit(manager: GraphQL) -> str:
    """A request in AFRICA, submitted over HTTP; its id is the subject of its RequestSubmitted event."""
    body = await asyncio.to_thread(manager.data, SUBMIT, input=submission())
    request_id: str = body["submitRequest"]["request"]["id"]
    return raw_id(request_id)  # events name the service's own id, not the graph's global one


async def until(
    socket: ClientConnection, subject: str, seen: dict[str, dict[str, Any]], timeout: float
) -> dict[str, Any] | None:
    """Read events into `seen` (by id, failing on a repeat) until the one about `subject`; None on timeout."""
    deadline = asyncio.get_running_loop().time() + timeout
    while (left := deadline - asyncio.get_running_loop().time()) > 0:
        try:
            event = await next_event(socket, left)
        except TimeoutError:
            return None
        assert event["eventId"] not in seen, f"delivered twice: {event}"
        assert event["region"] == "AFRICA" and event["type"] == "RequestSubmitted"
        seen[event["eventId"]] = event
        if event["subject"] == subject:
            return event
    return None


async def test_a_coordinator_receives_an_event_over_a_real_socket_and_resumes_after_a_reconnect(
    running_stack: LaunchedStack,
) -> None:
    coordinator = dev_token("regional_coordinator", region="AFRICA")
    manager = GraphQL(running_stack.graphql_url)
    seen: dict[str, dict[str, Any]] = {}

    socket = await open_subscription(running_stack, coordinator)
    try:
        # Without `after` the stream starts "from now": submit until one arrives (the subscription is live).
        for _ in range(5):
            received = await until(socket, await submit(manager), seen, timeout=10)
            if received is not None:
                break
        else:
            raise AssertionError(f"no RequestSubmitted arrived over the websocket; got {list(seen.values())}")
    finally:
        await socket.close()

    second = await submit(manager)  # while nobody listens
    socket = await open_subscription(running_stack, coordinator, after=received["cursor"])
    try:  # `until` fails on any event id already received before the reconnect
        assert await until(socket, second, seen, timeout=30), "the event published while away never arrived"
        with pytest.raises(TimeoutError):  # and the new one only once
            while True:
                event = await next_event(socket, 3)
                assert event["eventId"] not in seen, f"delivered twice: {event}"
                seen[event["eventId"]] = event
    finally:
        await socket.close()


async def test_the_legacy_graphql_ws_protocol_is_off_and_an_unsigned_cursor_is_refused(
    running_stack: LaunchedStack,
) -> None:
    legacy = await connect(ws_url(running_stack), subprotocols=["graphql-ws"])  # type: ignore[list-item]
    with pytest.raises(ConnectionClosed) as closed:
        await asyncio.wait_for(legacy.recv(), 10)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4406  # "Subprotocol not acceptable"

    socket = await open_subscription(running_stack, dev_token("programme_manager"), after="c1.eyJtaWV1eC5hIjp7fX0")
    try:
        message = json.loads(await asyncio.wait_for(socket.recv(), 10))
        assert message["type"] == "error", message
        assert message["payload"][0]["extensions"] == {"code": "INVALID_CURSOR", "field": "after"}
    finally:
        await socket.close()
