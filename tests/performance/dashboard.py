"""`--dashboard`: `Query.portfolio` through the gateway over the demo portfolio and an N-fold one.

Latency (p50/p95) and queries/s of the whole-programme dashboard (programme_manager token) sent over HTTP to
the gateway of a full stack (`fullstack.py`), at a small concurrency; and the gateway ratio: its queries/s ÷
those of a bare graphql-core schema answering the same query from the same services (`bare_graphql.py`),
measured side by side in alternating rounds. Over the demo portfolio (1x), then again after loading more
copies of it (up to `copies`, within `load_budget_s`).
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from graphql import GraphQLObjectType, build_schema, get_named_type, is_leaf_type
from service_core.embedded.errors import free_port
from service_core.embedded.welcome import dev_token

from tests.performance.bare_graphql import SDL
from tests.performance.cpu import CpuWatch
from tests.performance.fullstack import ROOT, FullStack, full_stack, load_copies, wait_for_figures
from tests.performance.report import DashboardScale, Measurement

GATEWAY_TARGET = 0.5
ONE_COPY = {"requests_received": 147, "actions_completed": 109, "experts_registered": 675, "experts_deployed": 340}


@dataclass(frozen=True)
class DashboardParameters:
    rounds: int = 4
    concurrency: int = 4
    requests_per_side: int = 300
    seconds_per_side: float = 6.0
    idle_requests: int = 30
    copies: int = 10
    load_budget_s: float = 360.0
    stops: tuple[int, ...] = ()  # portfolio sizes measured on the way to `copies` (`--full`: 10 on the way to 100)


def dashboard_query() -> str:
    """Every figure of `Portfolio`, as a coordinator's dashboard asks for it (built from the gateway's SDL)."""
    schema = build_schema(SDL.read_text())

    def fields(kind: GraphQLObjectType) -> str:
        out = []
        for name, item in kind.fields.items():
            named = get_named_type(item.type)
            out.append(name if is_leaf_type(named) else f"{name} {{ {fields(named)} }}")
        return " ".join(out)

    portfolio = schema.type_map["Portfolio"]
    assert isinstance(portfolio, GraphQLObjectType)
    return f"query Dashboard {{ portfolio {{ {fields(portfolio)} }} }}"


@contextmanager
def bare_server(stack: FullStack) -> Iterator[str]:
    """The baseline in its own process, like the gateway; yields its /graphql URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.performance.bare_graphql", str(port)],
        env={**os.environ, **stack.service_urls()},
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the bare graphql-core server did not start")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/graphql"
    finally:
        process.terminate()
        process.wait(15)


LONG_LIST_QUERY = """query LongList { actions(first: 100) { totalCount edges { node { id code status
  activities { edges { node { id status feedbackSummary { responses held }
    deployments { edges { node { id status expert { id category status } } } } } } } } } } }"""
LONG_LIST_TARGET_MS = 50.0


def _quantile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Driver:
    """Sends the dashboard query from `concurrency` workers over kept-alive connections."""

    def __init__(self, client: httpx.AsyncClient, token: str, params: DashboardParameters) -> None:
        self.client = client
        self.body = json.dumps({"query": dashboard_query(), "operationName": "Dashboard"}).encode()
        self.headers = {"authorization": f"Bearer {token}", "content-type": "application/json"}
        self.params = params

    async def one(self, url: str) -> dict[str, Any]:
        answer = await self.client.post(url, content=self.body, headers=self.headers)
        found: dict[str, Any] = answer.json()
        if answer.status_code != 200 or found.get("errors"):
            raise RuntimeError(f"{url}: {answer.status_code} {str(found)[:500]}")
        return found

    async def service_p50(self, url: str, count: int = 10) -> float:
        """One service's own `GET /portfolio`, one call at a time: the part of the dashboard no graph layer saves."""
        samples = []
        for _ in range(count):
            sent = time.perf_counter()
            (await self.client.get(url + "/portfolio", headers=self.headers)).raise_for_status()
            samples.append(time.perf_counter() - sent)
        return statistics.median(samples) * 1000

    async def long_list(self, url: str, count: int = 20) -> dict[str, float]:
        """The long list query one at a time (after one untimed): its p50/p95 and how many rows it returned."""
        body = json.dumps({"query": LONG_LIST_QUERY, "operationName": "LongList"}).encode()
        samples, answer = [], None
        for _ in range(count + 1):
            sent = time.perf_counter()
            answer = await self.client.post(url, content=body, headers=self.headers)
            samples.append(time.perf_counter() - sent)
            if answer.status_code != 200 or b'"errors"' in answer.content:
                raise RuntimeError(f"{url}: {answer.status_code} {answer.text[:500]}")
        assert answer is not None
        actions = [edge["node"] for edge in answer.json()["data"]["actions"]["edges"]]
        activities = [a["node"] for action in actions for a in action["activities"]["edges"]]
        return {
            "p50_ms": round(statistics.median(samples[1:]) * 1000, 1),
            "p95_ms": round(_quantile(samples[1:], 0.95) * 1000, 1),
            "target_ms": LONG_LIST_TARGET_MS,
            "actions": len(actions),
            "activities": len(activities),
            "deployments": sum(len(a["deployments"]["edges"]) for a in activities),
        }

    async def run(self, url: str, concurrency: int, count: int, seconds: float) -> tuple[float, list[float]]:
        """(queries/s, latencies in s): `count` queries or `seconds`, whichever comes first."""
        latencies: list[float] = []
        started = time.perf_counter()
        deadline, issued = started + seconds, 0

        async def worker() -> None:
            nonlocal issued
            while issued < count and time.perf_counter() < deadline:
                issued += 1
                sent = time.perf_counter()
                answer = await self.client.post(url, content=self.body, headers=self.headers)
                latencies.append(time.perf_counter() - sent)
                if answer.status_code != 200 or b'"errors"' in answer.content:
                    raise RuntimeError(f"{url}: {answer.status_code} {answer.text[:500]}")

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return len(latencies) / (time.perf_counter() - started), latencies


async def measure_scale(label: str, stack: FullStack, bare: str, driver: Driver) -> tuple[DashboardScale, Measurement]:
    params = driver.params
    sides = {"subject": stack.graphql_url, "baseline": bare, "in-memory": bare + "/memory"}
    answers = {side: (await driver.one(url))["data"] for side, url in sides.items()}
    same = answers["subject"] == answers["baseline"] == answers["in-memory"]
    if not same:
        print(f"  WARNING: the bare schema's answer differs from the gateway's ({label})", flush=True)
    for url in sides.values():  # warm-up, not recorded
        await driver.run(url, params.concurrency, 4 * params.concurrency, params.seconds_per_side)
    _, idle = await driver.run(stack.graphql_url, 1, params.idle_requests, params.seconds_per_side * 2)
    long_list = await driver.long_list(stack.graphql_url)
    services = {
        key.removeprefix("MIEUX_").removesuffix("_URL").lower(): await driver.service_p50(url)
        for key, url in stack.service_urls().items()
    }
    ratio = Measurement(
        name=f"dashboard gateway, {label}",
        subject="the gateway (FastAPI + Strawberry, JWT check, limits, typed conversion) answering "
        "Query.portfolio over HTTP from the four services' GET /portfolio",
        baseline="a bare graphql-core schema (the gateway's SDL) behind a raw ASGI app on the same uvicorn, "
        "its resolvers calling the same four GET /portfolio over pooled httpx connections",
        target=GATEWAY_TARGET,
        unit="q",
        notes=f"{params.concurrency} concurrent clients, at most {params.requests_per_side} queries or "
        f"{params.seconds_per_side:.0f} s per side and round; informative: in-memory = the same bare schema "
        "serving the four answers from memory (what the services' own work costs)",
    )
    latencies: list[float] = []
    watch = CpuWatch()
    for rnd in range(params.rounds):
        order = list(sides.items()) if rnd % 2 == 0 else list(reversed(sides.items()))
        for side, url in order:
            rate, samples = await driver.run(url, params.concurrency, params.requests_per_side, params.seconds_per_side)
            ratio.add(side, rate)
            if side == "subject":
                latencies += samples
            print(f"  round {rnd + 1} dashboard {label:<4} {side:<10} {rate:>8,.1f} q/s", flush=True)
    scale = DashboardScale(
        label=label,
        figures={},
        p50_ms=statistics.median(latencies) * 1000,
        p95_ms=_quantile(latencies, 0.95) * 1000,
        qps=ratio.median("subject"),
        idle_p50_ms=statistics.median(idle) * 1000,
        idle_p95_ms=_quantile(idle, 0.95) * 1000,
        queries=len(latencies),
        same_answer=same,
        services_idle_p50_ms=services,
        cpu=watch.stop(),
        long_list=long_list,
    )
    return scale, ratio


async def _measure(
    label: str, stack: FullStack, token: str, params: DashboardParameters
) -> tuple[DashboardScale, Measurement]:
    limits = httpx.Limits(max_connections=params.concurrency, max_keepalive_connections=params.concurrency)
    with bare_server(stack) as bare:
        async with httpx.AsyncClient(timeout=120, limits=limits) as client:
            return await measure_scale(label, stack, bare, Driver(client, token, params))


def _grow(
    stack: FullStack, token: str, params: DashboardParameters, section: dict[str, Any], loaded: int, wanted: int
) -> tuple[int, dict[str, int]]:
    """Load copies loaded+1..wanted (as many as the budget allows); the dashboard's figures once they show them."""
    print(
        f"loading copies {loaded + 1}..{wanted} of the demo portfolio (budget {params.load_budget_s:.0f} s)", flush=True
    )
    factor, seconds = load_copies(stack, wanted, params.load_budget_s, start=loaded)
    expected = {k: v * factor for k, v in ONE_COPY.items()}
    figures = wait_for_figures(stack.graphql_url, token, expected)
    if figures != expected:
        print(f"  WARNING: dashboard shows {figures}, expected {expected}", flush=True)
    short = "" if factor == wanted else f": the load budget ({params.load_budget_s:.0f} s) ran out"
    section.setdefault("copies_load_seconds", {})[f"{loaded + 1}-{factor}"] = round(seconds, 1)
    section.update(factor_reached=factor, factor_note=f"{factor} copies of {params.copies} wanted{short}")
    return factor, figures


def run_dashboard(params: DashboardParameters) -> tuple[dict[str, Any], list[Measurement]]:
    """The report's `dashboard` section and the gateway ratio measurements (one per portfolio size)."""
    token = dev_token("programme_manager")
    started = time.perf_counter()
    print("starting the whole stack with the demo portfolio (python -m service_core.embedded run) ...", flush=True)
    scales: list[DashboardScale] = []
    ratios: list[Measurement] = []
    section: dict[str, Any] = {"parameters": params.__dict__ | {"query": dashboard_query()}}

    def measure(stack: FullStack, factor: int, figures: dict[str, int]) -> None:
        label = f"{factor}x"
        print(f"measuring the dashboard over the {label} portfolio: {figures}", flush=True)
        scale, ratio = asyncio.run(_measure(label, stack, token, params))
        scale.figures = figures
        scales.append(scale)
        ratios.append(ratio)

    with full_stack() as stack:
        section["stack_start_seconds"] = round(time.perf_counter() - started, 1)
        section["demo_load_seconds"] = stack.demo_seconds
        measure(stack, 1, wait_for_figures(stack.graphql_url, token, ONE_COPY))
        loaded = 1
        for wanted in sorted({*params.stops, params.copies} - {1}):
            factor, figures = _grow(stack, token, params, section, loaded, wanted)
            measure(stack, factor, figures)
            if factor < wanted:
                break
            loaded = factor
    section["scales"] = {s.label: s.as_dict() for s in scales}
    section["wall_seconds"] = round(time.perf_counter() - started, 1)
    return section, ratios
