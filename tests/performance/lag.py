"""Lag: how soon a command's effects are visible through the gateway, next to a raw floor in the same run.

The whole stack as `make run` starts it (no demo portfolio). Requests are submitted beforehand (not timed);
then approvals are sent at a fixed rate (20 and 100 commands/s, open loop: a slow answer does not slow the
schedule). For each approval:
- own service: from its acknowledgement until a gateway read shows the request APPROVED (the first read
  sent right after the acknowledgement; the owning service reads its own writes, so one read is expected);
- cross-service: from its acknowledgement until a gateway read shows the Action the actions service opened
  on the `RequestApproved` it consumed (relay -> broker -> consumer -> projection -> gateway). One poller
  reads the pending requests (up to 20, the gateway's root-field limit) in one aliased query, back to back:
  a figure includes up to one poll's time (`poll_ms` says how long a poll takes).

The raw floor, same broker and PostgreSQL, same rate: insert a row and commit, send it with a bare
AIOKafkaProducer (linger 0) and await the ack, a bare consumer (fetch wait as the services') inserts it into a
second table and commits; from before the first insert to after the second commit. No gateway, no outbox
read, no inbox: the least any design pays on this machine for "written here, visible there".
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

import asyncpg
import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from service_core.embedded.welcome import dev_token
from service_core.kafka import ensure_topics

from tests.performance.cpu import CpuWatch
from tests.performance.fullstack import FullStack, full_stack

CROSS_P99_TARGET_MS = 100.0
_SUBMIT = """mutation($input: SubmitRequestInput!) {
  submitRequest(input: $input) { request { id } errors { code message field } } }"""
_DECIDE = """mutation($input: DecideRequestInput!) {
  decideRequest(input: $input) { request { id status } errors { code message field } } }"""
_STATUS = "query($id: ID!) { request(id: $id) { status } }"
_FETCH_MAX_WAIT_MS = 20  # the services' default (MIEUX_CONSUMER_FETCH_MAX_WAIT_MS)


@dataclass(frozen=True)
class LagParameters:
    rates: tuple[int, ...] = (5, 20, 100)  # 5/s: informative, an unhurried stack
    seconds_per_rate: float = 6.0
    pollers: int = 1
    poll_batch: int = 20  # the gateway's root-field limit

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _quantiles(samples: list[float]) -> dict[str, float]:
    if not samples:
        return {"count": 0}
    ordered = sorted(samples)

    def q(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))] * 1000, 1)

    return {"count": len(ordered), "p50_ms": q(0.5), "p95_ms": q(0.95), "p99_ms": q(0.99), "max_ms": q(1.0)}


def _submission() -> dict[str, Any]:
    return {
        "authority": {
            "name": "Directorate-General for Immigration",
            "acronym": f"DGI-{uuid.uuid4().hex[:6]}",
            "type": "NATIONAL_GOVERNMENT",
        },
        "countries": ["CV"],
        "region": "AFRICA",
        "thematicArea": "LEGAL_MIGRATION_MOBILITY",
        "topic": "Labour migration strategy",
        "description": "Support drafting a national labour migration strategy.",
        "receivedOn": "2019-03-04",
    }


class Gateway:
    def __init__(self, client: httpx.AsyncClient, url: str) -> None:
        self.client, self.url = client, url
        self.headers = {"authorization": f"Bearer {dev_token('programme_manager')}"}
        self.dropped = 0

    async def data(self, query: str, **variables: Any) -> dict[str, Any]:
        body = {"query": query, "variables": variables}
        for attempt in range(3):  # a connection the saturated gateway dropped is tried again, and counted
            try:
                answer = await self.client.post(self.url, json=body, headers=self.headers)
                break
            except httpx.TransportError:
                self.dropped += 1
                if attempt == 2:
                    raise
        found: dict[str, Any] = answer.json()
        if answer.status_code != 200 or found.get("errors"):
            raise RuntimeError(f"gateway: {answer.status_code} {str(found)[:400]}")
        return found["data"] or {}


@dataclass
class _Run:
    pending: dict[str, float] = field(default_factory=dict)  # request id -> approval acknowledged at
    own: list[float] = field(default_factory=list)
    cross: list[float] = field(default_factory=list)
    late_sends: int = 0
    acks: list[float] = field(default_factory=list)
    polls: list[float] = field(default_factory=list)


async def _submit_all(gateway: Gateway, count: int) -> list[str]:
    ids: list[str] = []

    async def worker(n: int) -> None:
        for _ in range(n):
            answer = await gateway.data(_SUBMIT, input=_submission())
            ids.append(answer["submitRequest"]["request"]["id"])

    await asyncio.gather(*(worker(count // 4 + (1 if i < count % 4 else 0)) for i in range(4)))
    return ids


async def _poll(gateway: Gateway, run: _Run, done: asyncio.Event, batch: int) -> None:
    """Read every pending request's Action in one query, again and again, until the run is over."""
    while not (done.is_set() and not run.pending):
        waiting = list(run.pending)[:batch]
        if not waiting:
            await asyncio.sleep(0.001)
            continue
        query = "{ " + " ".join(f'r{i}: request(id: "{rid}") {{ action {{ id }} }}' for i, rid in enumerate(waiting))
        sent = time.perf_counter()
        data = await gateway.data(query + " }")
        seen = time.perf_counter()
        run.polls.append(seen - sent)
        for i, rid in enumerate(waiting):
            if (data.get(f"r{i}") or {}).get("action") and rid in run.pending:
                run.cross.append(seen - run.pending.pop(rid))


async def _approve(gateway: Gateway, run: _Run, request_id: str) -> None:
    sent = time.perf_counter()
    answer = await gateway.data(
        _DECIDE, input={"id": request_id, "decision": "APPROVE", "reason": "remit", "decidedOn": "2019-04-01"}
    )
    acknowledged = time.perf_counter()
    run.acks.append(acknowledged - sent)
    if answer["decideRequest"]["errors"]:
        raise RuntimeError(f"approval refused: {answer['decideRequest']['errors']}")
    run.pending[request_id] = acknowledged
    while (await gateway.data(_STATUS, id=request_id))["request"]["status"] != "APPROVED":
        pass
    run.own.append(time.perf_counter() - acknowledged)


async def _at_rate(rate: int, count: int, act: Any) -> tuple[int, float]:
    """Start `act(i)` at start + i/rate (open loop); (how many started more than 10 ms late, the rate reached)."""
    started, late, tasks = time.perf_counter(), 0, []
    for i in range(count):
        due = started + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        elif delay < -0.01:
            late += 1
        tasks.append(asyncio.create_task(act(i)))
    reached = (count - 1) / max(time.perf_counter() - started, 1e-9)
    await asyncio.gather(*tasks)
    return late, reached


async def _subject(gateway: Gateway, ids: list[str], rate: int, params: LagParameters) -> dict[str, Any]:
    run, done = _Run(), asyncio.Event()
    polling = [asyncio.create_task(_poll(gateway, run, done, params.poll_batch)) for _ in range(params.pollers)]
    watch = CpuWatch()
    run.late_sends, reached = await _at_rate(rate, len(ids), lambda i: _approve(gateway, run, ids[i]))
    done.set()
    await asyncio.wait_for(asyncio.gather(*polling), 120)
    return {
        "approvals": len(ids),
        "achieved_rate": round(reached, 1),
        "sent_late": run.late_sends,
        "approval_ack_ms": _quantiles(run.acks),
        "poll_ms": _quantiles(run.polls),
        "own_service_ms": _quantiles(run.own),
        "cross_service_ms": _quantiles(run.cross),
        "connections_dropped": gateway.dropped,
        "cpu": watch.stop(),
    }


class RawFloor:
    """Raw insert -> bare producer (linger 0) -> bare consumer -> raw insert, on the stack's PostgreSQL and broker."""

    def __init__(self, stack: FullStack) -> None:
        self.stack = stack

    async def open(self) -> None:
        admin = await asyncpg.connect(self.stack.dsn())
        try:
            await admin.execute("DROP DATABASE IF EXISTS bench_lag_floor WITH (FORCE)")
            await admin.execute("CREATE DATABASE bench_lag_floor")
        finally:
            await admin.close()
        self.pool = await asyncpg.create_pool(self.stack.dsn("bench_lag_floor"), min_size=4, max_size=8)
        await self.pool.execute("CREATE TABLE written (id bigint PRIMARY KEY, at timestamptz DEFAULT now())")
        await self.pool.execute("CREATE TABLE arrived (id bigint PRIMARY KEY, at timestamptz DEFAULT now())")

    async def close(self) -> None:
        await self.pool.close()

    async def measure(self, rate: int, count: int, tag: str) -> dict[str, Any]:
        topic = f"bench.lag.floor.{tag}"
        await ensure_topics(self.stack.bootstrap_servers, [topic], 3)
        producer = AIOKafkaProducer(bootstrap_servers=self.stack.bootstrap_servers, acks="all", linger_ms=0)
        consumer = AIOKafkaConsumer(
            topic,
            bootstrap_servers=self.stack.bootstrap_servers,
            group_id=None,
            auto_offset_reset="earliest",
            fetch_max_wait_ms=_FETCH_MAX_WAIT_MS,
        )
        await producer.start()
        await consumer.start()
        await producer.partitions_for(topic)
        begun: dict[int, float] = {}
        lags: list[float] = []
        base = int(time.time() * 1000) * 1000

        async def consume() -> None:
            while len(lags) < count:
                for messages in (await consumer.getmany(timeout_ms=200)).values():
                    for message in messages:
                        key = int(message.value)
                        async with self.pool.acquire() as conn:
                            await conn.execute("INSERT INTO arrived (id) VALUES ($1)", key)
                        lags.append(time.perf_counter() - begun[key])

        async def write(i: int) -> None:
            key = base + i
            begun[key] = time.perf_counter()
            async with self.pool.acquire() as conn:
                await conn.execute("INSERT INTO written (id) VALUES ($1)", key)
            await producer.send_and_wait(topic, str(key).encode(), key=str(i).encode())

        try:
            reader = asyncio.create_task(consume())
            await asyncio.sleep(0.5)  # the consumer has its partitions before the first record
            late, _ = await _at_rate(rate, count, write)
            await asyncio.wait_for(reader, 60)
        finally:
            await consumer.stop()
            await producer.stop()
        return {"records": count, "sent_late": late, "lag_ms": _quantiles(lags)}


async def _measure(stack: FullStack, params: LagParameters) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=32, max_keepalive_connections=32)
    floor = RawFloor(stack)
    await floor.open()
    results: dict[str, Any] = {}
    try:
        async with httpx.AsyncClient(timeout=60, limits=limits) as client:
            gateway = Gateway(client, stack.graphql_url)
            counts = {rate: max(20, int(rate * params.seconds_per_rate)) for rate in params.rates}
            print(f"submitting {sum(counts.values()) + 10} requests (not timed) ...", flush=True)
            ids = await _submit_all(gateway, sum(counts.values()) + 10)
            await _subject(gateway, ids[:10], 5, params)  # warm-up, not recorded
            await floor.measure(20, 20, "warm")
            offset = 10
            for rate, count in counts.items():
                await asyncio.sleep(2.0)  # the submissions' own effects settle
                subject = await _subject(gateway, ids[offset : offset + count], rate, params)
                offset += count
                raw = await floor.measure(rate, count, f"r{rate}")
                p99 = subject["cross_service_ms"].get("p99_ms", float("inf"))
                results[f"{rate}/s"] = {
                    **subject,
                    "raw_floor": raw,
                    "cross_p99_target_ms": CROSS_P99_TARGET_MS,
                    "pass": p99 <= CROSS_P99_TARGET_MS,
                }
                print(f"  {rate}/s: {table_line(rate, results[f'{rate}/s'])}", flush=True)
    finally:
        await floor.close()
    return results


def run_lag(params: LagParameters) -> dict[str, Any]:
    print("starting the whole stack, no demo (python -m service_core.embedded run) ...", flush=True)
    started = time.perf_counter()
    with full_stack(demo=False) as stack:
        rates = asyncio.run(_measure(stack, params))
    return {
        "method": __doc__.strip().splitlines()[2:],
        "parameters": params.as_dict(),
        "rates": rates,
        "wall_seconds": round(time.perf_counter() - started, 1),
    }


def table_line(rate: int, r: dict[str, Any]) -> str:
    own, cross, raw = r["own_service_ms"], r["cross_service_ms"], r["raw_floor"]["lag_ms"]
    return (
        f"own p50/p95/p99 {own['p50_ms']}/{own['p95_ms']}/{own['p99_ms']} ms; cross {cross['p50_ms']}/"
        f"{cross['p95_ms']}/{cross['p99_ms']} ms; raw floor {raw['p50_ms']}/{raw['p95_ms']}/{raw['p99_ms']} ms "
        f"(achieved {r['achieved_rate']}/s; approval ack p50 {r['approval_ack_ms']['p50_ms']} ms, "
        f"a poll p50 {r['poll_ms'].get('p50_ms')} ms; CPU by others {r['cpu']['cpu_used_by_other_processes']:.0%})"
    )


def table(section: dict[str, Any]) -> str:
    header = f"{'lag':<8} {'own p50/p95/p99 ms':>22} {'cross p50/p95/p99 ms':>24} {'raw floor p50/p95/p99':>24}  target"
    lines = [header, "-" * len(header)]
    for label, r in section["rates"].items():
        own, cross, raw = r["own_service_ms"], r["cross_service_ms"], r["raw_floor"]["lag_ms"]
        verdict = "pass" if r["pass"] else "ABOVE TARGET"
        lines.append(
            f"{label:<8} {own['p50_ms']:>7}/{own['p95_ms']}/{own['p99_ms']:<7} "
            f"{cross['p50_ms']:>9}/{cross['p95_ms']}/{cross['p99_ms']:<7} "
            f"{raw['p50_ms']:>9}/{raw['p95_ms']}/{raw['p99_ms']:<7}  p99 <= {CROSS_P99_TARGET_MS:.0f} {verdict}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    rates = tuple(int(r) for r in sys.argv[1:]) or LagParameters.rates
    print(table(run_lag(LagParameters(rates=rates, seconds_per_rate=4.0))))
