"""CloudEvents 1.0 binary-mode mapping onto Kafka headers (docs/architecture.md)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from contracts.dataclassification import HEADER as DATACLASSIFICATION_HEADER

SPEC_VERSION = "1.0"
CONTENT_TYPE = "application/json"
SCHEMA_BASE = "https://schemas.mieux.eu/contracts/"
_DIGITS = re.compile(r"[0-9]{1,19}")

Headers = list[tuple[str, bytes]]


class EnvelopeError(ValueError):
    """The Kafka headers do not form a CloudEvent this platform can read."""


@dataclass(frozen=True, slots=True)
class CloudEventHeaders:
    id: str
    source: str
    type: str
    time: datetime
    subject: str
    dataschema: str
    traceparent: str | None = None
    correlation_id: str | None = None
    position: int | None = None  # the event's position in its service's store (extension `mieuxposition`)
    dataclassification: str | None = None  # extension: public, internal, confidential or restricted

    def to_kafka(self) -> Headers:
        headers: Headers = [
            ("ce_specversion", SPEC_VERSION.encode()),
            ("ce_id", self.id.encode()),
            ("ce_source", self.source.encode()),
            ("ce_type", self.type.encode()),
            ("ce_time", self.time.isoformat().encode()),
            ("ce_subject", self.subject.encode()),
            ("ce_dataschema", self.dataschema.encode()),
            ("content-type", CONTENT_TYPE.encode()),
        ]
        if self.traceparent:
            headers.append(("traceparent", self.traceparent.encode()))
        if self.correlation_id:
            headers.append(("ce_correlationid", self.correlation_id.encode()))
        if self.position is not None:
            headers.append(("ce_mieuxposition", str(self.position).encode()))
        if self.dataclassification:
            headers.append((DATACLASSIFICATION_HEADER, self.dataclassification.encode()))
        return headers

    @classmethod
    def from_kafka(cls, headers: Sequence[tuple[str, bytes]] | None) -> CloudEventHeaders:
        """Read what the CloudEvents Kafka binding allows: header names in any case, `ce_time` optional
        (when a producer leaves it out, `time` is the moment this reader read the record)."""
        found = {key.lower(): value.decode("utf-8", "replace") for key, value in headers or ()}
        missing = [k for k in ("ce_specversion", "ce_id", "ce_source", "ce_type") if k not in found]
        if missing:
            raise EnvelopeError(f"missing CloudEvents headers: {', '.join(missing)}")
        if found["ce_specversion"] != SPEC_VERSION:
            raise EnvelopeError(f"unsupported specversion {found['ce_specversion']!r}")
        try:
            time = datetime.fromisoformat(found["ce_time"]) if "ce_time" in found else datetime.now(UTC)
        except ValueError as exc:
            raise EnvelopeError(f"ce_time is not ISO 8601: {found['ce_time']!r}") from exc
        return cls(
            id=found["ce_id"],
            source=found["ce_source"],
            type=found["ce_type"],
            time=time,
            subject=found.get("ce_subject", ""),
            dataschema=found.get("ce_dataschema", ""),
            traceparent=found.get("traceparent"),
            correlation_id=found.get("ce_correlationid"),
            position=_position(found.get("ce_mieuxposition")),
            dataclassification=found.get(DATACLASSIFICATION_HEADER),
        )


def _position(text: str | None) -> int | None:
    # ASCII digits only: str.isdigit() also accepts "²", which int() then refuses
    if text is None:
        return None
    if not _DIGITS.fullmatch(text):
        raise EnvelopeError(f"ce_mieuxposition is not a non-negative integer: {text[:40]!r}")
    return int(text)


def source_for(service: str) -> str:
    return f"/mieux/{service}"


def dataschema_for(schema_path: str) -> str:
    return SCHEMA_BASE + schema_path


# Headers a consumer adds when it parks a message in its dead-letter topic (name -> meaning).
DEAD_LETTER_HEADERS: dict[str, str] = {
    "dlq_reason": "why the consumer could not apply the message",
    "dlq_consumer": "the consumer (service) that gave up",
    "dlq_source_topic": "topic the message came from",
    "dlq_source_partition": "its partition",
    "dlq_source_offset": "its offset",
}


def dead_letter_headers(reason: str, consumer: str, topic: str, partition: int, offset: int) -> Headers:
    values = (reason[:4000], consumer, topic, str(partition), str(offset))
    return [(name, value.encode()) for name, value in zip(DEAD_LETTER_HEADERS, values, strict=True)]
