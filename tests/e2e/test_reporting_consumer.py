"""The reference downstream consumer (examples/reporting-consumer), built only from the published contract,
reads the four topics of the running stack from the beginning into its own PostgreSQL database and
reproduces the report's headline figures: 147 requests, 109 completed Actions by region x phase, 675
experts registered and 340 deployed (176 / 32 / 132).

The stack is shared with the other end-to-end tests, which add their own requests, Actions and experts:
the figures are checked on the demo's ids exactly, and the totals include the others."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

import asyncpg
import pytest
from mieux_demo.plan import REGION_PHASE
from reporting_consumer.consume import consume
from reporting_consumer.contract import load
from reporting_consumer.figures import headline

from .conftest import LaunchedStack
from .test_demo_portfolio import DEMO_ACTIONS, DEMO_EXPERTS, DEMO_REQUESTS, PHASES


@pytest.fixture(scope="module")
def consumer_database(running_stack: LaunchedStack) -> Iterator[str]:
    name = f"reporting_{uuid.uuid4().hex[:8]}"
    server = f"postgresql://postgres@127.0.0.1:{running_stack.pg_port}"

    async def execute(sql: str) -> None:
        conn = await asyncpg.connect(f"{server}/postgres")
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(execute(f"CREATE DATABASE {name}"))
    yield f"{server}/{name}"
    asyncio.run(execute(f"DROP DATABASE {name} WITH (FORCE)"))


async def query(dsn: str, sql: str, *args: Any) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(dsn)
    try:
        return list(await conn.fetch(sql, *args))
    finally:
        await conn.close()


def test_the_reference_consumer_reproduces_the_headline_figures(
    running_stack: LaunchedStack, consumer_database: str
) -> None:
    contract = load(f"http://127.0.0.1:{running_stack.gateway_port}/asyncapi.json")
    assert set(contract.topics) == {"mieux.requests.v1", "mieux.actions.v1", "mieux.experts.v1", "mieux.feedback.v1"}

    progress = consume(contract, consumer_database, running_stack.bootstrap_servers, until_caught_up=True)

    assert progress.refused == 0 and progress.accepted > 1000
    (requests,) = asyncio.run(
        query(consumer_database, "SELECT count(*) FROM report_requests WHERE request_id = ANY($1)", list(DEMO_REQUESTS))
    )
    assert requests[0] == 147
    completed = asyncio.run(
        query(
            consumer_database,
            "SELECT region, phase FROM report_actions WHERE completed_on IS NOT NULL AND action_id = ANY($1)",
            list(DEMO_ACTIONS),
        )
    )
    published = Counter({(r, PHASES[p]): n for r, row in REGION_PHASE.items() for p, n in enumerate(row)})
    assert Counter((row["region"], row["phase"]) for row in completed) == published
    assert sum(published.values()) == 109
    (registered,) = asyncio.run(
        query(consumer_database, "SELECT count(*) FROM report_experts WHERE expert_id = ANY($1)", list(DEMO_EXPERTS))
    )
    assert registered[0] == 675
    deployed = asyncio.run(
        query(
            consumer_database,
            "SELECT category, count(DISTINCT expert_id) AS n FROM report_deployments WHERE expert_id = ANY($1) GROUP BY category",
            list(DEMO_EXPERTS),
        )
    )
    assert {row["category"]: row["n"] for row in deployed} == {
        "EU_MS_GOVERNMENTAL": 176,
        "NON_EU_GOVERNMENTAL": 32,
        "OTHER": 132,
    }


def test_a_second_run_resumes_where_the_tables_say_and_doubles_nothing(
    running_stack: LaunchedStack, consumer_database: str
) -> None:
    contract = load(f"http://127.0.0.1:{running_stack.gateway_port}/asyncapi.json")

    async def totals() -> tuple[int, Any]:
        conn = await asyncpg.connect(consumer_database)
        try:
            return await conn.fetchval("SELECT count(*) FROM received_events"), await headline(conn)
        finally:
            await conn.close()

    before = asyncio.run(totals())
    again = consume(contract, consumer_database, running_stack.bootstrap_servers, until_caught_up=True)
    after = asyncio.run(totals())

    assert after[0] == before[0] + again.accepted  # only what arrived since, once
    assert after[1].requests >= 147 and after[1].completed_actions >= 109
    assert after[1].experts_registered >= 675 and after[1].experts_deployed >= 340
