"""The gateway ÷ a bare graphql-core schema on the dashboard query, both over the same canned service answers.

Both run in-process behind httpx's ASGI transport, and both reach "the services" through the same in-memory
transports (`gateway_limits.in_memory_services`: every `GET /portfolio` answered from memory), so neither the
services' time nor the network dilutes the ratio: what is compared is the gateway's own work (token check,
limits, Strawberry, typed conversion, its service clients) against graphql-core with one resolver per part.
q/s = 1 / median CPU time per query (thread time), queries sent alternately one side then the other.
Target >= 0.7. No database, broker or port.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

import httpx
from service_core.embedded.welcome import dev_token

from tests.performance.bare_graphql import App as BareApp
from tests.performance.dashboard import dashboard_query
from tests.performance.gateway_limits import Side, build_app, in_memory_services, interleaved
from tests.performance.report import Measurement

TARGET = 0.7


@contextlib.asynccontextmanager
async def _bare() -> Any:
    app = BareApp(in_memory_services())
    async with contextlib.AsyncExitStack() as stack:
        receive: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        sent: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        await receive.put({"type": "lifespan.startup"})
        lifespan = asyncio.create_task(app({"type": "lifespan"}, receive.get, sent.put))
        await sent.get()  # startup complete
        client = await stack.enter_async_context(
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bare")
        )
        yield Side(app, client)  # type: ignore[arg-type]
        await receive.put({"type": "lifespan.shutdown"})
        await lifespan


@contextlib.asynccontextmanager
async def _gateway() -> Any:
    app = build_app(limits=True)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client,
    ):
        yield Side(app, client)


async def measure(rounds: int, count: int) -> Measurement:
    headers = {"authorization": f"Bearer {dev_token('programme_manager')}", "content-type": "application/json"}
    body = json.dumps({"query": dashboard_query(), "operationName": "Dashboard"}).encode()
    measurement = Measurement(
        name="gateway / bare graphql-core, dashboard",
        subject="the gateway in-process (JWT check, limits, Strawberry, typed conversion, service clients)",
        baseline="a bare graphql-core schema of the gateway's SDL, one resolver per service part, same transports",
        target=TARGET,
        unit="q",
        notes=f"both over the same canned GET /portfolio answers (in-memory httpx transports); {count} queries per "
        "side and round sent alternately; q/s = 1 / median CPU time per query",
    )
    for rnd in range(rounds):
        async with _gateway() as gateway, _bare() as bare:
            sides = {"subject": gateway, "baseline": bare}
            await interleaved(sides, body, headers, 10)  # warm-up
            for name, rate in (await interleaved(sides, body, headers, count)).items():
                measurement.add(name, rate)
        print(
            f"  round {rnd + 1} gateway {measurement.rounds['subject'][-1]:>7,.1f} q/s, "
            f"bare {measurement.rounds['baseline'][-1]:>7,.1f} q/s",
            flush=True,
        )
    return measurement


def run_gateway_ratio(rounds: int = 4, count: int = 120) -> Measurement:
    print("gateway ratio: the gateway and a bare graphql-core schema over the same canned answers", flush=True)
    return asyncio.run(measure(rounds, count))


if __name__ == "__main__":
    found = run_gateway_ratio(2, 40)
    print(found.ratio(), found.as_dict()["median_queries_per_second"])
