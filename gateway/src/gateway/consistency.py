"""Read-your-writes across services: a query given a mutation's consistency token waits, per service and up to
a bound it reports, until that service has seen the positions the mutation produced."""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from strawberry.extensions import SchemaExtension

from gateway.clients import ServiceError, ServiceUnavailable

if TYPE_CHECKING:
    from gateway.context import GatewayContext

HEADER = "x-consistency-token"


class BadConsistencyToken(ValueError):
    code = "BAD_CONSISTENCY_TOKEN"


def encode_token(positions: dict[str, int]) -> str:
    return base64.urlsafe_b64encode(json.dumps(positions, sort_keys=True).encode()).decode().rstrip("=")


def decode_token(token: str) -> dict[str, int]:
    try:
        raw = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise BadConsistencyToken(f"{HEADER} is not a token a mutation returned") from exc
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, int) for k, v in raw.items()):
        raise BadConsistencyToken(f"{HEADER} is not a token a mutation returned")
    return raw


class ReadGate:
    """Per request: before the first read from a service, wait until it has caught up with the token."""

    def __init__(self, positions: dict[str, int], bound_s: float) -> None:
        self.positions = positions
        self.bound_s = bound_s
        self.started = time.monotonic()
        self.waited: dict[str, float] = {}
        self.pending: dict[str, dict[str, int]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def ready(self, ctx: GatewayContext, service: str) -> None:
        lock = self._locks.setdefault(service, asyncio.Lock())
        async with lock:
            if service in self.waited:
                return
            began = time.monotonic()
            client = getattr(ctx.services, service)
            while True:
                try:
                    answer = await client.read_batch(
                        "/consistency", ctx.token, {"positions": self.positions}, ctx.deadline
                    )
                except (ServiceError, ServiceUnavailable):
                    break  # the read itself will report the failure on its fields
                if answer["caught_up"]:
                    self.pending.pop(service, None)
                    break
                self.pending[service] = answer["pending"]
                if time.monotonic() - self.started >= self.bound_s:
                    break
                await asyncio.sleep(0.03)
            self.waited[service] = time.monotonic() - began

    def report(self) -> dict[str, Any]:
        return {
            "caughtUp": not self.pending,
            "boundMs": round(self.bound_s * 1000),
            "waitedMs": {service: round(seconds * 1000) for service, seconds in self.waited.items()},
            "pending": self.pending,
        }


class ConsistencyReport(SchemaExtension):
    """Puts the wait's outcome in the response's `extensions.consistency` when a token was given."""

    def on_operation(self) -> Iterator[None]:
        yield

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        gate = getattr(context, "gate", None)
        return {"consistency": gate.report()} if gate is not None else {}
