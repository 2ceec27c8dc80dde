"""Records as the consumer reads them: what it needs of a Kafka record (live or parked), the event decoded
from one with its envelope, and the rule that any failure to read a record makes it poison, never a crash."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from contracts.base import DomainEvent
from contracts.envelope import CloudEventHeaders
from contracts.registry import EventRegistry, UnknownEventType
from pydantic import ValidationError

DEFAULT_MAX_RECORD_BYTES = 1024 * 1024


class Record(Protocol):
    """What the runner needs of a Kafka record: a live `ConsumerRecord` or a parked one read back."""

    @property
    def topic(self) -> str: ...
    @property
    def partition(self) -> int: ...
    @property
    def offset(self) -> int: ...
    @property
    def key(self) -> bytes | None: ...
    @property
    def value(self) -> bytes | None: ...
    @property
    def headers(self) -> Sequence[tuple[str, bytes]]: ...


@dataclass(frozen=True, slots=True)
class StoredRecord:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: Sequence[tuple[str, bytes]]


@dataclass(frozen=True, slots=True)
class ReceivedEvent:
    """An event from another service, with the envelope it came in."""

    envelope: CloudEventHeaders
    event: DomainEvent
    key: str
    topic: str
    partition: int
    offset: int

    @property
    def source_service(self) -> str:
        """`/mieux/requests` -> `requests`."""
        return self.envelope.source.rsplit("/", 1)[-1]


class PoisonMessage(Exception):
    """The message can never be applied as it is; `reason` goes into the dead-letter headers."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def decode_record(message: Record, registry: EventRegistry, max_bytes: int = DEFAULT_MAX_RECORD_BYTES) -> ReceivedEvent:
    """Any failure to read the record is a dead letter, never a crash."""
    size = len(message.value or b"")
    if size > max_bytes:
        raise PoisonMessage(f"record too large: {size} bytes > {max_bytes}")
    try:
        envelope = CloudEventHeaders.from_kafka(message.headers)
    except Exception as exc:
        raise PoisonMessage(f"bad envelope: {exc}") from exc
    try:
        data = json.loads(message.value or b"")
    except (ValueError, RecursionError) as exc:
        raise PoisonMessage(f"value is not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise PoisonMessage("value is not a JSON object")
    try:
        event = registry.decode_ce_type(envelope.type, data)
    except UnknownEventType as exc:
        raise PoisonMessage(f"unknown event type: {exc}") from exc
    except ValidationError as exc:
        raise PoisonMessage(f"schema-invalid {envelope.type}: {exc.errors(include_url=False)}") from exc
    except Exception as exc:
        raise PoisonMessage(f"undecodable {envelope.type}: {type(exc).__name__}: {exc}") from exc
    return ReceivedEvent(
        envelope=envelope,
        event=event,
        key=(message.key or b"").decode("utf-8", "replace"),
        topic=message.topic,
        partition=message.partition,
        offset=message.offset,
    )
