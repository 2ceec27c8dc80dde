"""The gateway's Prometheus metrics (GraphQL operations by name, cost, refusals) and what it forwards to the
services: the caller's correlation id and trace context reach the events a mutation records."""

from __future__ import annotations

from typing import Any

import httpx
from prometheus_client.parser import text_string_to_metric_families
from service_core.embedded.welcome import dev_token

from .conftest import SUBMIT, Stack, submission

AUTH = {"authorization": f"Bearer {dev_token('programme_manager')}"}
TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


async def test_graphql_operations_are_counted_by_name_outcome_and_refusal_code(http: httpx.AsyncClient) -> None:
    ok = await http.post(
        "/graphql", json={"query": "query Dashboard { requests(first: 2) { totalCount } }"}, headers=AUTH
    )
    aliases = "query TooMany { " + " ".join(f"a{i}: __typename" for i in range(31)) + " }"
    refused = await http.post("/graphql", json={"query": aliases}, headers=AUTH)
    assert ok.status_code == 200 and refused.status_code == 200
    assert refused.json()["errors"][0]["extensions"]["code"] == "TOO_MANY_ALIASES"

    found = samples((await http.get("/metrics")).text)

    assert found[("mieux_graphql_operations_total", (("operation", "Dashboard"), ("outcome", "ok")))] == 1
    assert found[("mieux_graphql_operations_total", (("operation", "TooMany"), ("outcome", "refused")))] == 1
    assert found[("mieux_graphql_refusals_total", (("code", "TOO_MANY_ALIASES"),))] == 1
    assert found[("mieux_graphql_operation_cost_count", (("operation", "Dashboard"),))] == 1
    assert found[("mieux_graphql_operation_duration_seconds_count", (("operation", "Dashboard"),))] == 1
    routes = {
        dict(labels).get("route") for name, labels in found if name == "mieux_http_request_duration_seconds_count"
    }
    assert "/graphql" in routes


async def test_operation_names_clients_invent_cannot_grow_the_series_without_bound(http: httpx.AsyncClient) -> None:
    for i in range(3):
        await http.post("/graphql", json={"query": f"query Q{'x' * 70}{i} {{ __typename }}"}, headers=AUTH)
    found = samples((await http.get("/metrics")).text)
    names = {dict(labels)["operation"] for name, labels in found if name == "mieux_graphql_operations_total"}
    assert names == {"other"}


async def test_the_callers_correlation_id_and_trace_reach_the_events_a_mutation_records(
    http: httpx.AsyncClient, stack: Stack
) -> None:
    headers = {**AUTH, "x-correlation-id": "dashboard-7f3a", "traceparent": TRACEPARENT}
    response = await http.post(
        "/graphql", json={"query": SUBMIT, "variables": {"input": submission()}}, headers=headers
    )
    body: dict[str, Any] = response.json()
    assert body["data"]["submitRequest"]["errors"] == [], body
    pool = stack.services["requests"].context.pool
    metadata = await pool.fetchval("SELECT metadata FROM events ORDER BY position DESC LIMIT 1")
    assert metadata["correlation_id"] == "dashboard-7f3a"
    assert metadata["traceparent"] == TRACEPARENT
