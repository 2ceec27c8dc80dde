"""Tracing for every process, configured by the standard OpenTelemetry variables, off unless asked.

`OTEL_TRACES_EXPORTER` names the exporters (`otlp`, `console`, both comma-separated, or `none`, the default
here: exporting to a collector nobody started only fills the logs with connection errors). The OTLP
exporter reads `OTEL_EXPORTER_OTLP_*`, the resource `OTEL_SERVICE_NAME` / `OTEL_RESOURCE_ATTRIBUTES`, the
sampler `OTEL_TRACES_SAMPLER`. Console spans are written one JSON object a line to stderr, i.e. into the
process's log.

The trace of a command crosses Kafka through the event: the command's span context is stored in the
event's metadata (`traceparent`), the relay publishes each record in a PRODUCER span child of it and puts
that span's context in the record's `traceparent` header, the consumer processes the record in a CONSUMER
span child of that, and a policy's command takes the consumer span as its parent.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from opentelemetry import context, trace
from opentelemetry.trace import Span, SpanKind
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

_PROPAGATOR = TraceContextTextMapPropagator()
_tracing_on = False
_provider: trace.TracerProvider | None = None  # set by `traced_by` (tests); else the global provider


class TelemetryConfigError(ValueError):
    """An OTEL_* variable has a value this platform cannot use (the process exits 2 naming it)."""


def configure_tracing(service: str, environ: dict[str, str] | None = None) -> bool:
    """Install the SDK and the httpx and asyncpg instrumentations if exporters are asked for; True if so."""
    global _tracing_on
    env = dict(os.environ if environ is None else environ)
    names = [n.strip() for n in env.get("OTEL_TRACES_EXPORTER", "none").split(",") if n.strip()]
    unknown = [n for n in names if n not in ("otlp", "console", "none")]
    if unknown:
        raise TelemetryConfigError(f"OTEL_TRACES_EXPORTER: unknown exporter {unknown[0]!r} (otlp, console, none)")
    names = [n for n in names if n != "none"]
    if env.get("OTEL_SDK_DISABLED", "").lower() == "true" or not names or _tracing_on:
        return _tracing_on
    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor

    provider = TracerProvider(resource=Resource.create({"service.name": env.get("OTEL_SERVICE_NAME", service)}))
    for name in names:
        if name == "otlp":
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
        else:

            def one_line(span: ReadableSpan) -> str:
                return json.dumps(json.loads(span.to_json()), separators=(",", ":")) + "\n"

            provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter(out=sys.stderr, formatter=one_line)))
    trace.set_tracer_provider(provider)
    HTTPXClientInstrumentor().instrument()
    AsyncPGInstrumentor().instrument()  # type: ignore[no-untyped-call]
    _tracing_on = True
    return True


def tracing_on() -> bool:
    return _tracing_on


def tracer() -> trace.Tracer:
    return (_provider or trace.get_tracer_provider()).get_tracer("service_core")


@contextmanager
def traced_by(provider: trace.TracerProvider) -> Iterator[None]:
    """Trace the runtime's own spans (commands, relay, consumer) with `provider` for a while: for tests,
    which cannot replace the process-wide provider once set."""
    global _provider, _tracing_on
    before = (_provider, _tracing_on)
    _provider, _tracing_on = provider, True
    try:
        yield
    finally:
        _provider, _tracing_on = before


def current_traceparent() -> str | None:
    """The W3C traceparent of the current span, if there is a recording one."""
    span_context = trace.get_current_span().get_span_context()
    if not span_context.is_valid:
        return None
    carrier: dict[str, str] = {}
    _PROPAGATOR.inject(carrier)
    return carrier.get("traceparent")


def context_from(traceparent: str | None) -> context.Context | None:
    return _PROPAGATOR.extract({"traceparent": traceparent}) if traceparent else None


@contextmanager
def messaging_span(
    operation: str, topic: str, parent_traceparent: str | None, attributes: dict[str, Any]
) -> Iterator[Span]:
    """A PRODUCER (`send`) or CONSUMER (`process`) span per the messaging semantic conventions."""
    kind = SpanKind.PRODUCER if operation == "send" else SpanKind.CONSUMER
    with tracer().start_as_current_span(
        f"{operation} {topic}",
        context=context_from(parent_traceparent),
        kind=kind,
        attributes={
            "messaging.system": "kafka",
            "messaging.operation.type": operation,
            "messaging.operation.name": operation,
            "messaging.destination.name": topic,
            **attributes,
        },
    ) as span:
        yield span


def header_value(headers: Sequence[tuple[str, bytes]], name: str) -> str | None:
    for key, value in headers:
        if key.lower() == name:
            return value.decode("ascii", "replace")
    return None
