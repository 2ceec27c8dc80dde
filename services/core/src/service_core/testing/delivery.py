"""Handing another service's event to a service's policies in a test, as its consumer would: the inbox row
and the policy's effects in one transaction (a redelivered id changes nothing)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime

import asyncpg
from contracts.base import DomainEvent
from contracts.envelope import CloudEventHeaders

from service_core.consumer import Handler
from service_core.records import ReceivedEvent

_INBOX = "INSERT INTO inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1"


def received(event: DomainEvent, key: str = "", event_id: str | None = None) -> ReceivedEvent:
    """`event` as its publisher's topic would carry it."""
    envelope = CloudEventHeaders(
        id=event_id or str(uuid.uuid4()), source=f"/mieux/{event.service}", type=event.ce_type(),
        time=datetime.now(UTC), subject=key, dataschema="",
    )  # fmt: skip
    return ReceivedEvent(envelope, event, key, f"mieux.{event.service}.v1", 0, 0)


async def deliver(
    pool: asyncpg.Pool,
    consumer: str,
    handlers: Mapping[type[DomainEvent], Handler],
    event: DomainEvent,
    *,
    key: str = "",
    event_id: str | None = None,
) -> bool:
    """True when the policy ran; False for an event id the inbox had already seen."""
    message = received(event, key, event_id)
    async with pool.acquire() as conn, conn.transaction():
        if await conn.fetchval(_INBOX, consumer, message.envelope.id) is None:
            return False
        await handlers[type(event)](conn, message)
    return True
