"""The metric families the processes export, and the ones a PromQL expression reads.

A service's families are not listed by hand: its real collectors (`service_core.metrics`: the process
collector, the HTTP middleware, `ServiceCollector`, the rebuild gauge) are rendered in the Prometheus text
format and read back with prometheus-client's parser, so a family renamed in the code fails the dashboard
and alert checks. Only the gateway's GraphQL families are named here, as the gateway's issue defines them.
Expressions are parsed with promql-parser (the Prometheus grammar), never matched with regular expressions.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace
from typing import Any

import httpx
import promql_parser
from fastapi import FastAPI
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.parser import text_string_to_metric_families
from service_core.consumer import ConsumerStats
from service_core.metrics import REBUILD_PROGRESS, ServiceCollector, install_http_metrics, new_registry
from service_core.relay import RelayStats
from service_core.supervisor import Supervised

# Labels Prometheus adds to every scraped series: the target's (`job`, `instance`) and, through a
# ServiceMonitor, the Kubernetes object's.
TARGET_LABELS = frozenset({"job", "instance", "namespace", "pod", "service", "container", "endpoint"})
# The gateway's GraphQL families: operations by name and outcome, their duration, refusals by code.
GATEWAY_GRAPHQL = {
    "mieux_graphql_operations": ("counter", frozenset({"operation", "outcome"})),
    "mieux_graphql_operation_duration_seconds": ("histogram", frozenset({"operation"})),
    "mieux_graphql_refusals": ("counter", frozenset({"code"})),
}
# Series other exporters provide, which an alert may read: Prometheus's own target health and
# kube-state-metrics' readiness of a container.
EXTERNAL_SERIES = {
    "up": frozenset(),
    "kube_pod_container_status_ready": frozenset({"uid"}),
}
# Grafana's interval variables are not PromQL; a duration stands in for them when parsing.
_GRAFANA_INTERVAL = re.compile(r"\$__(?:rate_interval|interval|range)\b|\$\{__(?:rate_interval|interval|range)\}")


_BY = promql_parser.AggModifierType.By


@dataclass(frozen=True)
class Family:
    name: str
    type: str  # counter, gauge, histogram, summary
    labels: frozenset[str] | None  # None when the render had no sample to show them

    def series(self) -> dict[str, frozenset[str] | None]:
        """The series names this family is exposed as, with their labels."""
        if self.type == "counter":
            return {f"{self.name}_total": self.labels}
        if self.type == "histogram":
            bucket = None if self.labels is None else self.labels | {"le"}
            return {f"{self.name}_bucket": bucket, f"{self.name}_count": self.labels, f"{self.name}_sum": self.labels}
        if self.type == "summary":
            quantile = None if self.labels is None else self.labels | {"quantile"}
            return {self.name: quantile, f"{self.name}_count": self.labels, f"{self.name}_sum": self.labels}
        return {self.name: self.labels}


def _families_of(registry: CollectorRegistry) -> list[Family]:
    found = []
    for family in text_string_to_metric_families(generate_latest(registry).decode()):
        samples = [s for s in family.samples if not s.name.endswith("_created")]
        labels = frozenset().union(*(s.labels for s in samples)) - {"le", "quantile"} if samples else None
        found.append(Family(family.name, family.type, labels))
    return found


def _service_context() -> Any:
    """What `ServiceCollector` reads from a running service, with the runtime's own stats objects."""
    consumer = SimpleNamespace(
        consumer="actions",
        stats=ConsumerStats(lag={"mieux.requests.v1:0": 0}, lag_seconds={"mieux.requests.v1": 0.0}),
    )
    task = Supervised(worker=SimpleNamespace(name="relay"))  # type: ignore[arg-type]
    return SimpleNamespace(relay=SimpleNamespace(stats=RelayStats()), consumer=consumer, tasks=[task])


@cache
def service_families() -> dict[str, Family]:
    """Every family a service process exports on /metrics (and a rebuild on MIEUX_METRICS_PORT)."""
    registry = new_registry()
    context = _service_context()
    registry.register(ServiceCollector("actions", lambda: context))
    registry.register(REBUILD_PROGRESS)
    app = FastAPI()
    install_http_metrics(app, registry)

    @app.get("/things/{thing_id}")
    async def thing(thing_id: str) -> dict[str, str]:
        return {"id": thing_id}

    asyncio.run(_request(app, "/things/1"))  # one observation, so the histogram shows its labels
    return {family.name: family for family in _families_of(registry)}


async def _request(app: FastAPI, path: str) -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        assert (await client.get(path)).status_code == 200


@cache
def exported_series() -> dict[str, frozenset[str] | None]:
    """Series name -> its labels, over the services, the gateway and the external exporters."""
    families = list(service_families().values())
    families += [Family(name, kind, labels) for name, (kind, labels) in GATEWAY_GRAPHQL.items()]
    series: dict[str, frozenset[str] | None] = dict(EXTERNAL_SERIES)
    for family in families:
        series.update(family.series())
    return series


@dataclass(frozen=True)
class Selector:
    name: str
    labels: frozenset[str]  # the label names its matchers test


@dataclass(frozen=True)
class Reading:
    """What one expression reads: its selectors, and the labels each aggregation groups by."""

    selectors: tuple[Selector, ...]
    groupings: tuple[tuple[frozenset[str], tuple[Selector, ...]], ...]


def parse_promql(expression: str) -> Reading:
    parsed = promql_parser.parse(_GRAFANA_INTERVAL.sub("5m", expression))
    return Reading(_selectors(parsed), _groupings(parsed))


def _selectors(expression: Any) -> tuple[Selector, ...]:
    found: list[Selector] = []

    def visit(node: Any) -> None:
        if isinstance(node, promql_parser.VectorSelector):
            labels = frozenset(m.name for m in node.matchers.matchers) - {"__name__"}
            found.append(Selector(node.name or "", labels))

    promql_parser.walk(expression, visit)
    return tuple(found)


def _groupings(expression: Any) -> tuple[tuple[frozenset[str], tuple[Selector, ...]], ...]:
    found: list[tuple[frozenset[str], tuple[Selector, ...]]] = []

    def visit(node: Any) -> None:
        modifier = getattr(node, "modifier", None)
        if isinstance(node, promql_parser.AggregateExpr) and getattr(modifier, "type", None) == _BY:
            found.append((frozenset(modifier.labels), _selectors(node.expr)))

    promql_parser.walk(expression, visit)
    return tuple(found)


def unknown_references(expression: str) -> list[str]:
    """Why `expression` reads something no process exports: unknown series, or labels it does not have."""
    known = exported_series()
    reading = parse_promql(expression)
    problems = []
    for selector in reading.selectors:
        if selector.name not in known:
            problems.append(f"{selector.name or '(no metric name)'} is not an exported series")
            continue
        labels = known[selector.name]
        if labels is not None and not selector.labels <= labels | TARGET_LABELS:
            problems.append(f"{selector.name} has no label {sorted(selector.labels - labels - TARGET_LABELS)}")
    for grouped_by, selectors in reading.groupings:
        available = set(TARGET_LABELS)
        for selector in selectors:
            available |= known.get(selector.name) or set()
        if any(known.get(selector.name, frozenset()) is None for selector in selectors):
            continue  # a family rendered without samples: its labels are unknown here
        if not grouped_by <= available:
            problems.append(
                f"`by ({', '.join(sorted(grouped_by))})`: no series below has {sorted(grouped_by - available)}"
            )
    return problems
