"""What an event store is, whatever holds it (PostgreSQL or memory)."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from contracts.base import DomainEvent

from service_core.errors import DomainError


class ConcurrencyError(DomainError):
    """The stream moved on since it was loaded: the command must be retried or refused (HTTP 409,
    `CONCURRENT_MODIFICATION`, field `expected_version` — every service answers it the same way)."""

    def __init__(self, stream_id: str, expected_version: int, actual_version: int | None = None) -> None:
        self.stream_id = stream_id
        self.expected_version = expected_version
        self.actual_version = actual_version
        actual = "" if actual_version is None else f", found {actual_version}"
        message = f"stream {stream_id!r}: expected version {expected_version}{actual}"
        super().__init__("CONCURRENT_MODIFICATION", message, "expected_version")


@dataclass(frozen=True, slots=True)
class EventMetadata:
    """Who and what caused an event; carried into the CloudEvents headers."""

    correlation_id: str | None = None
    causation_id: str | None = None
    request_id: str | None = None
    traceparent: str | None = None
    actor: str | None = None

    def as_dict(self) -> dict[str, str]:
        return {key: value for key in _METADATA_KEYS if (value := getattr(self, key)) is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> EventMetadata:
        if not data:
            return _NO_METADATA
        return cls(*(data.get(key) for key in _METADATA_KEYS))


_METADATA_KEYS = tuple(f.name for f in fields(EventMetadata))
_NO_METADATA = EventMetadata()


@dataclass(frozen=True, slots=True)
class RecordedEvent:
    """An event as stored: its place in its stream (`version`) and in the store (`position`)."""

    event_id: UUID
    stream_id: str
    stream_type: str
    version: int
    position: int
    recorded_at: datetime
    event: DomainEvent
    metadata: EventMetadata = field(default_factory=EventMetadata)


class StoreTransaction(Protocol):
    """One unit of work: loads and appends commit or roll back together."""

    async def load(self, stream_id: str) -> list[RecordedEvent]: ...

    async def append(
        self,
        stream_id: str,
        stream_type: str,
        expected_version: int,
        events: Sequence[DomainEvent],
        metadata: EventMetadata | None = None,
    ) -> list[RecordedEvent]: ...


class EventStore(Protocol):
    def transaction(self) -> AbstractAsyncContextManager[StoreTransaction]: ...

    async def load(self, stream_id: str) -> list[RecordedEvent]: ...

    async def read_all(self, after_position: int = 0, limit: int = 1000) -> list[RecordedEvent]: ...
