"""Telling failures apart: an infrastructure fault passes if we wait; anything else will happen again.

Retrying a transient fault for as long as it lasts keeps every event (and its order); retrying a bug or
bad data forever would hold a partition for nothing, so those are counted and parked instead.
"""

from __future__ import annotations

import asyncio

import asyncpg

from service_core.store.base import ConcurrencyError

# SQLSTATE classes of faults in the server or the connection, not in the data: connection exceptions (08),
# transaction rollback (40: serialisation failure, deadlock), insufficient resources (53), object not in
# prerequisite state (55: lock not available, database not accepting connections), operator intervention
# (57: shutdown, cannot connect now), system errors (58) and internal errors (XX).
_TRANSIENT_CLASSES = frozenset({"08", "40", "53", "55", "57", "58", "XX"})
# Single codes outside those classes: a read-only database (a failover in progress, or writes refused by an
# operator) and missing privileges (a grant being fixed) pass once the operator is done.
_TRANSIENT_CODES = frozenset({"25006", "42501"})
# Errors of the connection, not of the work; InternalClientError is a connection broken in the middle of an
# operation, which refuses every further statement while a fresh connection works.
TRANSIENT_TYPES = (
    TimeoutError,
    OSError,
    asyncpg.InterfaceError,
    asyncpg.InternalClientError,
    asyncpg.PostgresConnectionError,
)


def is_transient(exc: BaseException) -> bool:
    """True if the same work can succeed later without any change to the code or the data."""
    if isinstance(exc, ConcurrencyError):  # another command won the race; a retry decides on the new state
        return True
    if isinstance(exc, asyncpg.PostgresError):
        state = getattr(exc, "sqlstate", None) or ""
        return state[:2] in _TRANSIENT_CLASSES or state in _TRANSIENT_CODES
    return isinstance(exc, TRANSIENT_TYPES)


class Backoff:
    """Capped exponential backoff: initial, doubled each time, never above `cap`; `reset()` after a success."""

    def __init__(self, *, initial: float = 0.2, cap: float = 5.0) -> None:
        self.initial = initial
        self.cap = cap
        self._current = initial

    def next(self) -> float:
        delay = self._current
        self._current = min(self._current * 2, self.cap)
        return delay

    def reset(self) -> None:
        self._current = self.initial


async def pause(stopping: asyncio.Event, seconds: float) -> None:
    """Wait `seconds`, or less if `stopping` is set meanwhile (a stop never waits out a backoff)."""
    try:
        await asyncio.wait_for(stopping.wait(), timeout=seconds)
    except TimeoutError:
        pass
