"""What the gateway's query analysis and request checks cost: the gateway in-process, its four services answered
from memory (so only the gateway's own time is measured), once with the limits (subject) and once with the
document analysis (`QueryGuard`) and the HTTP checks (`RequestHygiene`) replaced by pass-throughs (baseline),
side by side, gateway CPU time per query, for the dashboard query and for a 100-item list query. Target: subject q/s >= 0.95 x
baseline (at most 5 % added). Also records how fast hostile documents are refused (informative).

Needs no database, broker or port: `python -m tests.performance --gateway-only` runs it alone (2-4 minutes).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import json
import statistics
import sys
import time
import timeit
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, ClassVar, Union, get_args, get_origin, get_type_hints
from unittest import mock

import httpx
import strawberry
from fastapi import FastAPI
from gateway.app import build_schema, create_gateway_app
from gateway.limits import QueryGuard, QueryLimits, parse_within
from gateway.schema.common import CountryCode
from gateway.schema.portfolio import FIGURES
from gateway.schema.requests import AssistanceRequest
from gateway.settings import GatewaySettings
from graphql import parse
from service_core.embedded.welcome import dev_token
from strawberry.extensions import SchemaExtension

from gateway import app as gateway_app
from tests.performance.dashboard import dashboard_query
from tests.performance.report import Measurement

TARGET = 0.95
LIST_QUERY = """query Requests { requests(first: 100) { totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id externalReference topic region thematicArea status receivedOn eligible countries
    authority { id name acronym type country } eligibilityReasons { code message } instruments } } } }"""


@dataclass(frozen=True)
class LimitsParameters:
    rounds: int = 4
    requests_per_side: int = 120


def sample(hint: Any, index: int = 0) -> Any:
    """A service view for a gateway type, built from its type hints the way `convert.build` reads them."""
    origin = get_origin(hint)
    if origin is Union or origin is types.UnionType:
        return sample(next(arg for arg in get_args(hint) if arg is not type(None)), index)
    if origin is list:
        return [sample(get_args(hint)[0], i) for i in range(3)]
    if hint is CountryCode:
        return ("CV", "FR", "GH")[index % 3]
    if hint is strawberry.ID or hint is str:
        return f"value-{index}"
    if hint is bool:
        return True
    if hint is int:
        return 7 + index
    if hint is float:
        return 0.5
    if hint is date:
        return "2019-03-04"
    if hint is datetime:
        return "2019-03-04T10:00:00+00:00"
    if isinstance(hint, type) and issubclass(hint, Enum):
        return list(hint)[index % len(hint)].value
    if dataclasses.is_dataclass(hint):
        hints = get_type_hints(hint, globalns={"ClassVar": ClassVar, **vars(sys.modules[hint.__module__])})
        fields = (f for f in dataclasses.fields(hint) if f.init and f.name in hints)
        return {f.name: sample(hints[f.name], index) for f in fields}
    return None


def in_memory_services() -> dict[str, httpx.AsyncBaseTransport]:
    """Each service's answers to the two queries, encoded once; every call is answered from memory."""
    portfolio = {name: json.dumps({"figures": sample(kind), "filters_ignored": []}) for name, kind in FIGURES.items()}
    items = [{**sample(AssistanceRequest, i), "id": f"r-{i}", "countries": ["CV"]} for i in range(100)]
    page = json.dumps(
        {"items": items, "cursors": [f"c-{i}" for i in range(100)], "has_next_page": True, "total_count": 1000}
    )

    def answering(service: str) -> httpx.MockTransport:
        def handle(request: httpx.Request) -> httpx.Response:
            body = portfolio[service] if request.url.path == "/portfolio" else page
            return httpx.Response(200, content=body, headers={"content-type": "application/json"})

        return httpx.MockTransport(handle)

    return {name: answering(name) for name in FIGURES}


class NoGuard(SchemaExtension):
    """The baseline's stand-in for QueryGuard: strawberry parses and validates as it would without it."""

    def __init__(self, *_: Any) -> None:
        pass


class PassThrough:
    def __init__(self, app: Any, **_: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)


@contextlib.contextmanager
def without_limits() -> Iterator[None]:
    with (
        mock.patch.object(gateway_app, "QueryGuard", NoGuard),
        mock.patch.object(gateway_app, "RequestHygiene", PassThrough),
    ):
        yield


def analysis_ms(query: str) -> dict[str, float]:
    """The analysis alone, per query in ms, best of 9 x 100 runs taken alternately: graphql-core's parse (what
    strawberry does without the guard), the guard's parse within the limits, and its measurement of the parsed
    operation (the one pass that checks every limit)."""
    schema = build_schema()._schema
    guard = QueryGuard(QueryLimits())
    document = parse(query)
    runs: dict[str, Callable[[], object]] = {
        "parse_ms": lambda: parse(query),
        "parse_within_limits_ms": lambda: parse_within(query, guard.limits),
        "measure_ms": lambda: guard.refusals(schema, document, None, {}),
    }
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(9):
        for name, run in runs.items():
            best[name] = min(best[name], timeit.timeit(run, number=100) / 100 * 1000)
    return {name: round(ms, 3) for name, ms in best.items()}


def hostile_bodies() -> dict[str, bytes]:
    fragments = "\n".join(
        ["query { ...F0 }"]
        + [f"fragment F{i} on Query {{ {' '.join([f'...F{i + 1}'] * 10)} }}" for i in range(7)]
        + ["fragment F7 on Query { requests { totalCount } }"]
    )
    schemas = "{ " + " ".join(f"s{i}: __schema {{ types {{ name fields {{ name }} }} }}" for i in range(300)) + " }"
    candidates = "{ " + " ".join(f'c{i}: expertCandidates(activityId: "a{i}") {{ totalCount }}' for i in range(200))
    return {
        "10 spreads x 8 nested fragments (640 B)": json.dumps({"query": fragments}).encode(),
        "300 aliased __schema": json.dumps({"query": schemas}).encode(),
        "200 aliased expertCandidates": json.dumps({"query": candidates + " }"}).encode(),
        "20 MB query": b'{"query": "{ requests { totalCount } }' + b" " * 20_000_000 + b'"}',
        "arrays nested 100,000 deep": b'{"query": "{ __typename }", "variables": {"v": '
        + b"[" * 100_000
        + b"]" * 100_000
        + b"}}",
    }


class Side:
    def __init__(self, app: FastAPI, client: httpx.AsyncClient) -> None:
        self.app = app
        self.client = client

    async def once(self, body: bytes, headers: dict[str, str]) -> float:
        """CPU seconds the query took: everything runs in this thread, and other processes' load on the busy
        machine changes wall-clock times far more than the limits do."""
        started = time.thread_time()
        answer = await self.client.post("/graphql", content=body, headers=headers)
        elapsed = time.thread_time() - started
        if answer.status_code != 200 or b'"errors"' in answer.content:
            raise RuntimeError(f"{answer.status_code} {answer.text[:300]}")
        return elapsed


async def interleaved(sides: dict[str, Side], body: bytes, headers: dict[str, str], count: int) -> dict[str, float]:
    """Queries/s of each side from the median of `count` queries sent alternately, one side then the other (so a
    slow spell of the machine hits both): the busy 2-CPU machine drifts more between blocks than the limits cost."""
    samples: dict[str, list[float]] = {name: [] for name in sides}
    for i in range(count):
        order = list(sides.items()) if i % 2 == 0 else list(reversed(sides.items()))
        for name, one in order:
            samples[name].append(await one.once(body, headers))
    return {name: 1 / statistics.median(times) for name, times in samples.items()}


@contextlib.asynccontextmanager
async def side(build: Callable[[], FastAPI]) -> Any:
    app = build()
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client,
    ):
        yield Side(app, client)


def build_app(limits: bool) -> FastAPI:
    settings = GatewaySettings()  # development defaults: the limits are the same in production
    if limits:
        return create_gateway_app(settings, transports=in_memory_services())
    with without_limits():
        return create_gateway_app(settings, transports=in_memory_services())


async def one_round(body: bytes, headers: dict[str, str], count: int) -> dict[str, float]:
    """New gateways of each kind, created in both orders: one app instance can run a steady ~10 % slower or faster
    than an identical one created next to it (seen with two identical gateways), so a round averages both."""
    rates: dict[str, list[float]] = {"subject": [], "baseline": []}
    for kinds in ([("subject", True), ("baseline", False)], [("baseline", False), ("subject", True)]):
        async with contextlib.AsyncExitStack() as stack:
            sides = {
                name: await stack.enter_async_context(side(functools.partial(build_app, flag))) for name, flag in kinds
            }
            await interleaved(sides, body, headers, 10)  # warm-up
            for name, rate in (await interleaved(sides, body, headers, count)).items():
                rates[name].append(rate)
    return {name: statistics.fmean(found) for name, found in rates.items()}


async def hostile_refusals(headers: dict[str, str]) -> dict[str, Any]:
    refusals: dict[str, Any] = {}
    async with side(lambda: build_app(True)) as subject:
        for label, body in hostile_bodies().items():
            for client in subject.app.state.services.all():
                client.calls.clear()
            started = time.perf_counter()
            answer = await subject.client.post("/graphql", content=body, headers=headers)
            elapsed = (time.perf_counter() - started) * 1000  # wall clock: what a caller waits
            codes = sorted({e["extensions"]["code"] for e in answer.json()["errors"]})
            calls = sum(sum(c.calls.values()) for c in subject.app.state.services.all())
            refusals[label] = {
                "ms": round(elapsed, 2),
                "status": answer.status_code,
                "codes": codes,
                "service_calls": calls,
            }
            print(f"  hostile {label:<40} {answer.status_code} {','.join(codes):<50} {elapsed:8.2f} ms", flush=True)
    return refusals


async def measure(params: LimitsParameters) -> tuple[list[Measurement], dict[str, Any]]:
    headers = {"authorization": f"Bearer {dev_token('programme_manager')}", "content-type": "application/json"}
    queries = {
        "dashboard": dashboard_query(),
        "100-item list": LIST_QUERY,
    }
    found: list[Measurement] = []
    per_query: dict[str, Any] = {}
    for label, query in queries.items():
        body = json.dumps({"query": query}).encode()
        measurement = Measurement(
            name=f"gateway limits, {label}",
            subject="the gateway in-process with its query analysis (QueryGuard) and HTTP checks",
            baseline="the same gateway with both replaced by pass-throughs (strawberry's own parse/validate)",
            target=TARGET,
            unit="q",
            notes=f"each round: new gateways of each kind, created in both orders, {params.requests_per_side} queries "
            "each sent alternately one by one; q/s = 1 / median CPU time per query (thread time: everything runs in one thread, the four "
            "services answer from memory), so the ratio is of the gateway's own work",
        )
        for rnd in range(params.rounds):
            rates = await one_round(body, headers, params.requests_per_side)
            for name, rate in rates.items():
                measurement.add(name, rate)
            print(
                f"  round {rnd + 1} gateway limits {label:<14} with {rates['subject']:>7,.1f} q/s, "
                f"without {rates['baseline']:>7,.1f} q/s",
                flush=True,
            )
        with_ms, without_ms = (1000 / measurement.median(name) for name in ("subject", "baseline"))
        per_query[label] = {
            "cpu_ms_with_limits": round(with_ms, 3),
            "cpu_ms_without": round(without_ms, 3),
            "added_ms": round(with_ms - without_ms, 3),
            "analysis_alone": analysis_ms(query),
        }
        found.append(measurement)
    return found, {"per_query": per_query, "hostile_refusals": await hostile_refusals(headers)}


def run_gateway_limits(params: LimitsParameters) -> tuple[list[Measurement], dict[str, Any]]:
    print("gateway limits: the gateway in-process over in-memory services, with and without its limits", flush=True)
    found, details = asyncio.run(measure(params))
    for label, figures in details["per_query"].items():
        alone = figures["analysis_alone"]
        print(
            f"  {label}: {figures['cpu_ms_with_limits']} ms CPU with limits, {figures['cpu_ms_without']} ms without "
            f"({figures['added_ms']:+} ms); alone: parse {alone['parse_ms']} ms, parse within the limits "
            f"{alone['parse_within_limits_ms']} ms, measuring every limit {alone['measure_ms']} ms"
        )
    details["median_ratio"] = {m.name: round(statistics.median(m.ratios()), 4) for m in found}
    return found, details
