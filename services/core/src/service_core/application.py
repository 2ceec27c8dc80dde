"""The application layer every service declares and the runtime runs: commands, their handlers, one result.

A service lists its handlers in a registry (`Commands`: command class -> handler); every handler has the
same signature, `handler(app, command, principal) -> Result`. The `Application` a handler gets carries the
unit-of-work factory (the store), the projections, the clock, the id factory and the service's own ports,
and runs commands with the runtime's one retry-on-conflict policy: a command without `expected_version`
that loses a race on its stream is decided again on the new state; with it, the loser is refused at once.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from contracts.base import DomainEvent

from service_core.auth import Principal
from service_core.commands import Aggregate, CommandOutcome, execute_in
from service_core.observability import current_metadata
from service_core.ports import Clock, NewId, UnitOfWork, UnitsOfWork, new_id, utc_now
from service_core.projections import Projection
from service_core.store.base import ConcurrencyError, EventMetadata

log = logging.getLogger(__name__)
S = TypeVar("S")
T = TypeVar("T")
P = TypeVar("P")
C = TypeVar("C")
Decider = Callable[[S], Sequence[DomainEvent]]


@dataclass(frozen=True, slots=True)
class Result:
    """What a command answers: its stream, the stream's version and the store position of its last event (a
    consistency token), and the ids it named or created (`{"activity_id": …}`)."""

    stream_id: str
    version: int
    position: int
    ids: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, stream_id: str, outcome: CommandOutcome[Any], **ids: str | None) -> Result:
        return cls(stream_id, outcome.version, outcome.last_position, {k: v for k, v in ids.items() if v is not None})


@dataclass(frozen=True, slots=True)
class RetryOnConflict:
    """The one policy for a lost race on a stream (ConcurrencyError): try again up to `attempts` times."""

    attempts: int = 8

    async def run(self, work: Callable[[], Awaitable[T]], *, retry: bool = True) -> T:
        for attempt in range(1, self.attempts + 1):
            try:
                return await work()
            except ConcurrencyError:
                if not retry or attempt == self.attempts:
                    raise
                log.debug("conflict on a stream, deciding again", extra={"attempt": attempt})
        raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class Application(Generic[P]):
    """What every handler, policy and worker of one service is given."""

    store: UnitsOfWork
    projections: Sequence[Projection]
    ports: P
    commands: Mapping[type[Any], Handler[P, Any]] = field(default_factory=dict)
    clock: Clock = utc_now
    new_id: NewId = new_id
    retry: RetryOnConflict = RetryOnConflict()

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().date()

    async def handle(self, command: Any, principal: Principal) -> Result:
        """The one entry for every command of the service (its handler from the registry)."""
        return await self.commands[type(command)](self, command, principal)

    async def transaction(
        self, work: Callable[[UnitOfWork], Awaitable[T]], *, expected_version: int | None = None
    ) -> T:
        """`work` in one unit of work, retried on conflict unless the caller named the version it expects."""

        async def once() -> T:
            async with self.store.transaction() as uow:
                return await work(uow)

        return await self.retry.run(once, retry=expected_version is None)

    async def decide(
        self,
        uow: UnitOfWork,
        aggregate: Aggregate[S],
        stream_id: str,
        decide: Decider[S],
        *,
        extra: Sequence[Projection] = (),
        metadata: EventMetadata | None = None,
    ) -> CommandOutcome[S]:
        """Load, decide, append and project inside `uow` (the service's projections and `extra` ones)."""
        return await execute_in(
            uow,
            aggregate,
            stream_id,
            decide,
            projections=[*self.projections, *extra],
            metadata=metadata or current_metadata(),
        )

    async def run(
        self,
        aggregate: Aggregate[S],
        stream_id: str,
        decide: Decider[S],
        *,
        expected_version: int | None = None,
        extra: Sequence[Projection] = (),
        **ids: str | None,
    ) -> Result:
        """The common command: one stream, one decision, one transaction (retried on conflict)."""

        async def work(uow: UnitOfWork) -> Result:
            return Result.of(stream_id, await self.decide(uow, aggregate, stream_id, decide, extra=extra), **ids)

        return await self.transaction(work, expected_version=expected_version)


Handler = Callable[[Application[P], C, Principal], Awaitable[Result]]


def expected_version(command: Any) -> int | None:
    """The version a command says its stream must be at (optimistic lock), if it says one."""
    version: int | None = getattr(command, "expected_version", None)
    return version
