"""Subscriptions: the gateway's memory with 0, 100 and 500 live `regionEvents` subscriptions, and fan-out.

The gateway runs as `make run` runs it (`python -m gateway`, uvicorn with websockets) on a free port, over its
own embedded broker; the clients are real websockets (graphql-transport-ws) from this process. Every
subscription is a programme manager's on AFRICA (no service lookups: the figures are the gateway's own).
Each step is measured once every subscriber has received a probe event (all live), after a short settle.
Informative: broker connections the gateway holds (one shared reader), and how long one event takes to reach
every subscriber at 500 (p50/p95 over `events` events published one after the other).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import psutil
from contracts.events.actions import ActivityHeld, ActivityType
from contracts.events.requests import Region, ThematicArea
from contracts.topics import SERVICES, service_topic
from service_core.embedded import EmbeddedBroker
from service_core.embedded.errors import free_port
from service_core.embedded.welcome import dev_token
from service_core.kafka import encode_record, ensure_topics, new_producer
from service_core.store.base import RecordedEvent
from websockets.asyncio.client import ClientConnection, connect

SUBSCRIBE = "subscription { regionEvents(region: AFRICA) { eventId cursor type subject } }"
STEPS = (0, 100, 500)


@dataclass(frozen=True)
class SubscriptionParameters:
    steps: tuple[int, ...] = STEPS
    events: int = 20  # fan-out latency samples at the last step
    settle_s: float = 2.0


@contextlib.contextmanager
def gateway_over_broker() -> Iterator[tuple[subprocess.Popen[bytes], str, str]]:
    """(process, ws url, bootstrap servers): a broker and `python -m gateway` on free ports."""
    root = Path(tempfile.mkdtemp(prefix="mieux-bench-subs-"))
    broker = EmbeddedBroker(free_port(), root / "broker.log")
    port = free_port()
    broker.start()
    env = {
        **os.environ,
        "MIEUX_HTTP_PORT": str(port),
        "MIEUX_KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap_servers,
        "MIEUX_LOG_LEVEL": "WARNING",
        "MIEUX_MAX_SUBSCRIPTIONS": str(max(STEPS) + 10),
        "MIEUX_MAX_SUBSCRIPTIONS_PER_CALLER": str(max(STEPS) + 10),  # every bench client has the same token
    }
    with (root / "gateway.log").open("ab") as log:
        process = subprocess.Popen([sys.executable, "-m", "gateway"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            if process.poll() is not None:
                raise RuntimeError(f"the gateway exited: {(root / 'gateway.log').read_text()[-2000:]}")
            time.sleep(0.2)
        yield process, f"ws://127.0.0.1:{port}/graphql", broker.bootstrap_servers
    finally:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(20)
        if process.poll() is None:
            process.kill()
        broker.stop()
        shutil.rmtree(root, ignore_errors=True)


class Publisher:
    def __init__(self, bootstrap_servers: str) -> None:
        self.bootstrap_servers = bootstrap_servers
        self.producer = new_producer(bootstrap_servers)

    async def __aenter__(self) -> Publisher:
        await ensure_topics(self.bootstrap_servers, [service_topic(name) for name in SERVICES], partitions=3)
        await self.producer.start()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.producer.stop()

    async def held(self) -> str:
        """Publish an African ActivityHeld as the actions relay would; returns its subject."""
        subject = f"bench-{uuid.uuid4().hex[:12]}"
        event = ActivityHeld(
            activity_id=f"{subject}-a1",
            action_id=subject,
            activity_type=ActivityType.ASSESSMENT_SESSION,
            held_from=date(2019, 6, 3),
            held_to=date(2019, 6, 5),
            participants_count=24,
            region=Region.AFRICA,
            thematic_area=ThematicArea.LEGAL_MIGRATION_MOBILITY,
            countries=("CV",),
        )
        recorded = RecordedEvent(
            event_id=uuid.uuid4(),
            stream_id=subject,
            stream_type="action",
            version=1,
            position=1,
            recorded_at=datetime.now(UTC),
            event=event,
        )
        key, value, headers = encode_record(event.service, recorded)
        await self.producer.send_and_wait(service_topic(event.service), value, key=key, headers=headers)
        return subject


async def subscriber(url: str, token: str) -> ClientConnection:
    socket = await connect(url, subprotocols=["graphql-transport-ws"], max_queue=None)  # type: ignore[list-item]
    await socket.send(json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}))
    ack = json.loads(await asyncio.wait_for(socket.recv(), 30))
    if ack["type"] != "connection_ack":
        raise RuntimeError(f"no connection_ack: {ack}")
    await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}}))
    return socket


async def received(socket: ClientConnection, subject: str, timeout: float) -> float:
    """Monotonic time at which `subject`'s event reached this socket."""
    async with asyncio.timeout(timeout):
        while True:
            message = json.loads(await socket.recv())
            if message.get("type") in ("error", "complete"):
                raise RuntimeError(f"subscription ended: {message}")
            if message.get("type") == "next" and message["payload"]["data"]["regionEvents"]["subject"] == subject:
                return time.monotonic()


async def all_live(sockets: list[ClientConnection], publisher: Publisher) -> None:
    """Probe until every subscriber has received one (a subscription joins asynchronously after `subscribe`)."""
    pending = list(sockets)
    for _ in range(30):
        subject = await publisher.held()
        results = await asyncio.gather(*(received(s, subject, 3) for s in pending), return_exceptions=True)
        pending = [s for s, r in zip(pending, results, strict=True) if isinstance(r, BaseException)]
        if not pending:
            return
    raise RuntimeError(f"{len(pending)} subscriptions never went live")


def rss_mib(process: psutil.Process) -> float:
    return round(process.memory_info().rss / 2**20, 1)


def broker_connections(process: psutil.Process, bootstrap_servers: str) -> int:
    port = int(bootstrap_servers.rsplit(":", 1)[1])
    return sum(1 for c in process.net_connections(kind="tcp") if c.raddr and c.raddr.port == port)


@contextlib.asynccontextmanager
async def opened(sockets: list[ClientConnection]) -> AsyncIterator[list[ClientConnection]]:
    try:
        yield sockets
    finally:
        await asyncio.gather(*(s.close() for s in sockets), return_exceptions=True)


async def measure(params: SubscriptionParameters) -> dict[str, Any]:
    token = dev_token("programme_manager")
    steps: dict[str, dict[str, Any]] = {}
    with gateway_over_broker() as (process, url, bootstrap):
        gateway = psutil.Process(process.pid)
        async with Publisher(bootstrap) as publisher, opened([]) as sockets:
            for count in params.steps:
                while len(sockets) < count:
                    batch = min(50, count - len(sockets))
                    sockets += await asyncio.gather(*(subscriber(url, token) for _ in range(batch)))
                if sockets:
                    await all_live(sockets, publisher)
                await asyncio.sleep(params.settle_s)
                steps[str(count)] = {
                    "subscriptions": count,
                    "gateway_rss_mib": rss_mib(gateway),
                    "gateway_broker_connections": broker_connections(gateway, bootstrap),
                }
                print(f"  {count:>4} subscriptions: gateway RSS {steps[str(count)]['gateway_rss_mib']} MiB", flush=True)
            latencies = []
            for _ in range(params.events):
                sent = time.monotonic()
                subject = await publisher.held()
                arrivals = await asyncio.gather(*(received(s, subject, 30) for s in sockets))
                latencies.append((max(arrivals) - sent) * 1000)
        await asyncio.sleep(params.settle_s)
        after_close = rss_mib(gateway)
    base, top = steps[str(params.steps[0])], steps[str(params.steps[-1])]
    per_subscription_kib = (top["gateway_rss_mib"] - base["gateway_rss_mib"]) * 1024 / max(1, params.steps[-1])
    return {
        "method": __doc__.strip().splitlines()[1:],
        "steps": steps,
        "rss_per_subscription_kib": round(per_subscription_kib, 1),
        "rss_after_all_closed_mib": after_close,
        "fanout_to_last_subscriber_ms": {
            "subscriptions": params.steps[-1],
            "events": params.events,
            "p50": round(statistics.median(latencies), 1),
            "p95": round(sorted(latencies)[max(0, int(len(latencies) * 0.95) - 1)], 1),
        },
    }


def run_subscriptions(params: SubscriptionParameters) -> dict[str, Any]:
    print("subscriptions: gateway memory at " + ", ".join(map(str, params.steps)) + " subscriptions ...", flush=True)
    return asyncio.run(measure(params))


def table(result: dict[str, Any]) -> str:
    lines = [f"{'subscriptions':<14} {'gateway RSS MiB':>16} {'broker conns':>13}"]
    for step in result["steps"].values():
        lines.append(
            f"{step['subscriptions']:<14} {step['gateway_rss_mib']:>16.1f} {step['gateway_broker_connections']:>13}"
        )
    fan = result["fanout_to_last_subscriber_ms"]
    lines.append(
        f"{result['rss_per_subscription_kib']} KiB per subscription; one event to all {fan['subscriptions']} "
        f"subscribers: p50 {fan['p50']} ms, p95 {fan['p95']} ms; RSS after closing all: "
        f"{result['rss_after_all_closed_mib']} MiB"
    )
    return "\n".join(lines)
