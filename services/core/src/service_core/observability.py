"""JSON logs and the request/correlation ids that travel from an HTTP call into event metadata."""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime

from opentelemetry import trace

from service_core.store.base import EventMetadata
from service_core.telemetry import current_traceparent

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
correlation_id_var: ContextVar[str | None] = ContextVar("correlation_id", default=None)
traceparent_var: ContextVar[str | None] = ContextVar("traceparent", default=None)
actor_var: ContextVar[str | None] = ContextVar("actor", default=None)

_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "service": self.service,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for name, var in (("request_id", request_id_var), ("correlation_id", correlation_id_var)):
            if (value := var.get()) is not None:
                entry[name] = value
        span = trace.get_current_span().get_span_context()
        if span.is_valid:
            entry["trace_id"] = f"{span.trace_id:032x}"
            entry["span_id"] = f"{span.span_id:016x}"
        entry.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(service: str, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("aiokafka").setLevel("WARNING")


def current_metadata(causation_id: str | None = None) -> EventMetadata:
    """Metadata for events appended while handling the current request or message."""
    return EventMetadata(
        correlation_id=correlation_id_var.get(),
        causation_id=causation_id,
        request_id=request_id_var.get(),
        traceparent=current_traceparent() or traceparent_var.get(),
        actor=actor_var.get(),
    )
