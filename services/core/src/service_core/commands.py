"""One command, one transaction: load the stream, decide, append with expected version, project."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Generic, TypeVar

from contracts.base import DomainEvent

from service_core.ports import UnitOfWork, UnitsOfWork
from service_core.projections import Projection, apply_projections
from service_core.store.base import EventMetadata, RecordedEvent

S = TypeVar("S")


@dataclass(frozen=True, slots=True)
class Aggregate(Generic[S]):
    """How a stream folds into state: `evolve(state, event) -> state` from `initial`."""

    stream_type: str
    initial: S
    evolve: Callable[[S, DomainEvent], S]

    def fold(self, events: Sequence[RecordedEvent], state: S | None = None) -> S:
        start = self.initial if state is None else state
        return reduce(lambda s, r: self.evolve(s, r.event), events, start)


@dataclass(frozen=True, slots=True)
class CommandOutcome(Generic[S]):
    state: S
    version: int
    recorded: list[RecordedEvent]

    @property
    def last_position(self) -> int:
        return self.recorded[-1].position if self.recorded else 0


async def execute(
    store: UnitsOfWork,
    aggregate: Aggregate[S],
    stream_id: str,
    decide: Callable[[S], Sequence[DomainEvent]],
    *,
    projections: Sequence[Projection] = (),
    metadata: EventMetadata | None = None,
) -> CommandOutcome[S]:
    """Run `decide` on the current state and store what it decided, all in one transaction.

    `decide` raises the domain's own errors to refuse; a concurrent writer surfaces as ConcurrencyError.
    """
    async with store.transaction() as tx:
        return await execute_in(tx, aggregate, stream_id, decide, projections=projections, metadata=metadata)


async def execute_in(
    tx: UnitOfWork,
    aggregate: Aggregate[S],
    stream_id: str,
    decide: Callable[[S], Sequence[DomainEvent]],
    *,
    projections: Sequence[Projection] = (),
    metadata: EventMetadata | None = None,
) -> CommandOutcome[S]:
    """`execute` inside a transaction the caller owns (a policy runs in its consumer's inbox transaction)."""
    history = await tx.load(stream_id)
    state = aggregate.fold(history)
    new_events = decide(state)
    recorded = await tx.append(stream_id, aggregate.stream_type, len(history), new_events, metadata)
    if recorded and projections:
        await apply_projections(tx, projections, recorded)
    return CommandOutcome(aggregate.fold(recorded, state), len(history) + len(recorded), recorded)


async def load_state(store: UnitsOfWork, aggregate: Aggregate[S], stream_id: str) -> tuple[S, int]:
    history = await store.load(stream_id)
    return aggregate.fold(history), len(history)
