"""Policies: a service's reactions to other services' events, declared by event class, run by the consumer.

A policy is `policy(event, reaction)`: it gets the event typed (the registry dispatches by class, so there
is nothing to assert) and a `Reaction` holding the unit of work of the consumer's inbox transaction, the
service's `Application` (clock, ports, projections) and the metadata its own events carry (caused by the
event, continuing its correlation and trace). Nothing in a policy builds a transaction or reads the clock.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from contracts.base import DomainEvent
from contracts.registry import EventRegistry

from service_core.application import Application, Decider
from service_core.commands import Aggregate, CommandOutcome
from service_core.consumer import Handler as ConsumerHandler
from service_core.consumer import ReceivedEvent
from service_core.ports import UnitOfWork
from service_core.projections import Projection
from service_core.store.base import EventMetadata

E = TypeVar("E", bound=DomainEvent)
P = TypeVar("P")
S = TypeVar("S")


@dataclass(frozen=True, slots=True)
class Reaction(Generic[P]):
    """What a policy is given beside its event."""

    app: Application[P]
    uow: UnitOfWork
    metadata: EventMetadata

    async def decide(
        self, aggregate: Aggregate[S], stream_id: str, decide: Decider[S], *, extra: Sequence[Projection] = ()
    ) -> CommandOutcome[S]:
        """A command of the policy on one stream, in the inbox transaction (a conflict retries the record)."""
        return await self.app.decide(self.uow, aggregate, stream_id, decide, extra=extra, metadata=self.metadata)


Policy = Callable[[E, Reaction[P]], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class When(Generic[E, P]):
    """One line of a service's policy registry: on `event`, run `policy` (its name becomes the actor)."""

    event: type[E]
    policy: Policy[E, P]

    @property
    def name(self) -> str:
        return getattr(self.policy, "__name__", "policy")


def metadata_of(received: ReceivedEvent, policy: str) -> EventMetadata:
    return EventMetadata(
        correlation_id=received.envelope.correlation_id or received.key,
        causation_id=received.envelope.id,
        traceparent=received.envelope.traceparent,
        actor=f"policy:{policy}",
    )


def consumer_handlers(
    app: Application[P], policies: Sequence[When[Any, P]], registry: EventRegistry, uow_of: UnitOfWorkOf
) -> Mapping[type[DomainEvent], ConsumerHandler]:
    """The consumer's handlers: the inbox transaction's connection as a unit of work, then the policy."""
    handlers: dict[type[DomainEvent], ConsumerHandler] = {}
    for when in policies:
        if when.event in handlers:
            raise ValueError(f"two policies on {when.event.__name__}: one event class, one policy")
        handlers[when.event] = _handler(app, when, registry, uow_of)
    return handlers


UnitOfWorkOf = Callable[[Any, EventRegistry], UnitOfWork]


def _handler(app: Application[P], when: When[Any, P], registry: EventRegistry, uow_of: UnitOfWorkOf) -> ConsumerHandler:
    async def handle(connection: Any, received: ReceivedEvent) -> None:
        reaction = Reaction(app, uow_of(connection, registry), metadata_of(received, when.name))
        await when.policy(received.event, reaction)

    return handle
