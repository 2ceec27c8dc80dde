"""Prometheus metrics of a process, in the Prometheus text format (prometheus-client).

The relay, the consumer and the supervisor keep their own counters (`RelayStats`, `ConsumerStats`,
`Supervised.restarts`); a collector reads them at scrape time, so there is one source for `/ops/stats`,
readiness and metrics. HTTP request durations are observed by a middleware, labelled by the route
template (never the raw path: ids would make a series per request).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any
from wsgiref.simple_server import WSGIServer

from fastapi import FastAPI, Request
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Gauge,
    Histogram,
    generate_latest,
    start_http_server,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.process_collector import ProcessCollector
from prometheus_client.registry import Collector
from starlette.routing import BaseRoute, Match
from starlette.types import Scope

if TYPE_CHECKING:
    from service_core.runtime import ServiceContext

access_log = logging.getLogger("mieux.access")
_PROBES = frozenset({"/healthz", "/readyz", "/metrics"})
HTTP_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


# A rebuild runs in its own process (`python -m <service> rebuild`): its progress goes to the default registry,
# served on MIEUX_METRICS_PORT when set.
REBUILD_PROGRESS = Gauge(
    "mieux_projection_rebuild_events", "Projection rebuild: events in the store, replayed", ["kind"]
)


def new_registry() -> CollectorRegistry:
    """A registry per process (or per app in tests), with the process's CPU, memory and file descriptors."""
    registry = CollectorRegistry()
    ProcessCollector(registry=registry)
    return registry


def serve_metrics_port(port: int | None, host: str, registry: CollectorRegistry) -> WSGIServer | None:
    """`/metrics` without a token on its own port (`MIEUX_METRICS_PORT`), for scrapers on the internal network:
    in production the HTTP port's `/metrics` wants a bearer token. The only way in relay/consume modes."""
    if port is None:
        return None
    server, _ = start_http_server(port, addr=host, registry=registry)
    return server


def metrics_response(registry: CollectorRegistry) -> Response:
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)


def install_http_metrics(app: FastAPI, registry: CollectorRegistry) -> None:
    """Observe every request's duration and write one access-log line at INFO (probes at DEBUG)."""
    durations = Histogram(
        "mieux_http_request_duration_seconds",
        "HTTP requests by route template, method and status",
        ["route", "method", "status"],
        buckets=HTTP_BUCKETS,
        registry=registry,
    )

    @app.middleware("http")
    async def observe(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        started = time.perf_counter()
        pristine = dict(request.scope)  # routing rewrites path and root_path of included routers as it goes
        status = 500
        try:
            response = await call_next(request)
            status = response.status_code
            return response
        finally:
            template = getattr(request.scope.get("route"), "path", None) or route_template(app, pristine)
            elapsed = time.perf_counter() - started
            durations.labels(template, request.method, str(status)).observe(elapsed)
            access_log.log(
                logging.DEBUG if template in _PROBES else logging.INFO,
                "%s %s %s",
                request.method,
                template,
                status,
                extra={
                    "method": request.method,
                    "route": template,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 1),
                },
            )


def route_template(app: FastAPI, scope: Scope) -> str:
    """The path template of the route a request matched, for routes that do not note themselves in the scope
    (FastAPI's lazily included routers, e.g. strawberry's); `unmatched` when none did."""
    return _template_in(app.router.routes, scope, "") or "unmatched"


def _template_in(routes: Sequence[Any], scope: Scope, prefix: str) -> str | None:
    for route in routes:
        included = getattr(route, "include_context", None)
        inner = getattr(route, "original_router", None)
        if included is not None and inner is not None:  # an included router: its routes under its prefix
            path: str = scope.get("path", "")
            if path.startswith(included.prefix):
                found = _template_in(
                    inner.routes, {**scope, "path": path[len(included.prefix) :]}, prefix + included.prefix
                )
                if found:
                    return found
        elif isinstance(route, BaseRoute) and route.matches(scope)[0] is Match.FULL:
            return prefix + str(getattr(route, "path", ""))
    return None


class ServiceCollector(Collector):
    """Relay, consumer and background-task figures of one service process, read when scraped."""

    def __init__(self, service: str, context: Callable[[], ServiceContext | None]) -> None:
        self._service = service
        self._context = context

    def collect(self) -> Iterator[Metric]:
        ctx = self._context()
        if ctx is None:
            return
        if ctx.relay is not None:
            yield from self._relay(ctx)
        if ctx.consumer is not None:
            yield from self._consumer(ctx)
        restarts = CounterMetricFamily("mieux_task_restarts", "Background task restarts", labels=["task"])
        up = GaugeMetricFamily("mieux_task_up", "1 while a background task is doing its work", labels=["task"])
        for task in ctx.tasks:
            restarts.add_metric([task.name], task.restarts)
            up.add_metric([task.name], 0 if task.problem() else 1)
        yield restarts
        yield up

    def _relay(self, ctx: ServiceContext) -> Iterator[Metric]:
        assert ctx.relay is not None
        stats = ctx.relay.stats
        yield _counter("mieux_relay_published_events", "Events published to Kafka by the outbox relay", stats.published)
        yield _counter(
            "mieux_relay_send_failures", "Relay rounds interrupted by a broker or database fault", stats.send_failures
        )
        yield _counter(
            "mieux_relay_republish_from_scratch",
            "Full republishes after the broker lost events",
            stats.republish_from_scratch,
        )
        yield _counter(
            "mieux_relay_leadership_lost", "Times the relay found it no longer held its lock", stats.leadership_lost
        )
        yield _gauge("mieux_outbox_backlog_events", "Events committed but not yet published", stats.backlog)
        yield _gauge(
            "mieux_relay_lag_seconds", "Age of the oldest event not yet published (0: none)", stats.lag_seconds
        )

    def _consumer(self, ctx: ServiceContext) -> Iterator[Metric]:
        assert ctx.consumer is not None
        consumer = ctx.consumer
        stats = consumer.stats
        records = CounterMetricFamily(
            "mieux_consumer_records", "Records handled by the consumer, by outcome", labels=["group", "outcome"]
        )
        outcomes: dict[str, Any] = {
            "applied": stats.processed,
            "duplicate": stats.duplicates,
            "ignored": stats.ignored,
            "dead_lettered": stats.dead_lettered,
            "transient_failure": stats.transient_failures,
            "handler_error": stats.handler_errors,
            "redriven": stats.redriven,
        }
        for outcome, value in outcomes.items():
            records.add_metric([consumer.consumer, outcome], value)
        yield records
        lag = GaugeMetricFamily(
            "mieux_consumer_lag_records",
            "Records behind the end of the partition",
            labels=["group", "topic", "partition"],
        )
        for key, value in stats.lag.items():
            topic, _, partition = key.rpartition(":")
            lag.add_metric([consumer.consumer, topic, partition], value)
        yield lag
        seconds = GaugeMetricFamily(
            "mieux_consumer_lag_seconds",
            "Age of the last applied record while behind (0: caught up)",
            labels=["group", "topic"],
        )
        for topic, value in stats.lag_seconds.items():
            seconds.add_metric([consumer.consumer, topic], value)
        yield seconds
        yield _gauge(
            "mieux_dead_letters_parked",
            "Records parked in dead_letters, not yet redriven",
            stats.parked,
            group=consumer.consumer,
        )


def _counter(name: str, documentation: str, value: float) -> Metric:
    family = CounterMetricFamily(name, documentation)
    family.add_metric([], value)
    return family


def _gauge(name: str, documentation: str, value: float, **labels: str) -> Metric:
    family = GaugeMetricFamily(name, documentation, labels=list(labels))
    family.add_metric(list(labels.values()), value)
    return family
