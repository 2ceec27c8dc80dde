"""Prometheus metrics of the gateway: the HTTP histogram every process has, and GraphQL operations by name
with their duration, measured cost, outcome and the code of every refusal.

Operation names are chosen by clients, so only names that look like GraphQL names (at most 64 characters)
become label values, and at most `MAX_NAMES` of them; the rest count as `other`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram
from strawberry.extensions import SchemaExtension

from gateway.limits import measured_cost

# Refusals of the protection layer (limits, trusted operations, request time) as opposed to other errors.
REFUSAL_CODES = frozenset(
    {
        "COST_LIMIT_EXCEEDED",
        "DEPTH_LIMIT_EXCEEDED",
        "DOCUMENT_TOO_LARGE",
        "TOO_MANY_TOKENS",
        "TOO_MANY_ALIASES",
        "TOO_MANY_ROOT_FIELDS",
        "TOO_MANY_DIRECTIVES",
        "TOO_MANY_ITEMS",
        "INTROSPECTION_DISABLED",
        "DATE_OUT_OF_RANGE",
        "OPERATION_NOT_TRUSTED",
        "PERSISTED_QUERY_NOT_FOUND",
        "PERSISTED_QUERY_MISMATCH",
        "INVALID_CHARACTER",
        "REQUEST_TIMEOUT",
    }
)
MAX_NAMES = 200
_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,63}")


class GraphQLMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.operations = Counter(
            "mieux_graphql_operations",
            "GraphQL operations by name and outcome (ok, error, refused)",
            ["operation", "outcome"],
            registry=registry,
        )
        self.durations = Histogram(
            "mieux_graphql_operation_duration_seconds",
            "GraphQL operation duration by name",
            ["operation"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 15.0),
            registry=registry,
        )
        self.costs = Histogram(
            "mieux_graphql_operation_cost",
            "Cost of each GraphQL operation as the query analysis measured it",
            ["operation"],
            buckets=(10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 50_000),
            registry=registry,
        )
        self.refusals = Counter(
            "mieux_graphql_refusals", "GraphQL operations refused, by the refusal's code", ["code"], registry=registry
        )
        self._names: set[str] = set()

    def label(self, name: str | None) -> str:
        if not name:
            return "anonymous"
        if name in self._names:
            return name
        if _NAME.fullmatch(name) and len(self._names) < MAX_NAMES:
            self._names.add(name)
            return name
        return "other"

    def extension(self) -> type[SchemaExtension]:
        metrics = self

        class Observed(SchemaExtension):
            def on_operation(self) -> Iterator[None]:
                started = time.perf_counter()
                measured_cost.set(None)
                yield
                context = self.execution_context
                name = metrics.label(context.operation_name)
                errors = (context.result.errors if context.result else None) or context.pre_execution_errors or []
                codes = [(error.extensions or {}).get("code") for error in errors]
                refused = [code for code in codes if code in REFUSAL_CODES]
                outcome = "refused" if refused else "error" if errors else "ok"
                metrics.operations.labels(name, outcome).inc()
                metrics.durations.labels(name).observe(time.perf_counter() - started)
                if (cost := measured_cost.get()) is not None:
                    metrics.costs.labels(name).observe(cost)
                for code in refused:
                    metrics.refusals.labels(str(code)).inc()

        return Observed
