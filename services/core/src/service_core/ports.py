"""The ports the application layer is given: one unit of work per command, a clock and an id factory.

`Sql` names the few statements projections, policies and adapters run; an `asyncpg.Connection` is one, and
so is the PostgreSQL unit of work. Application code sees these Protocols, never a driver type.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime
from typing import Any, Protocol

from service_core.store.base import RecordedEvent, StoreTransaction

Clock = Callable[[], datetime]
NewId = Callable[[], str]


def utc_now() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    """A fresh random id (uuid4) for an aggregate or an entity inside one."""
    return str(uuid.uuid4())


class Sql(Protocol):
    """Statements on the service's own tables, in the unit of work's transaction (asyncpg's method names)."""

    async def execute(self, query: str, *args: Any) -> str: ...

    async def executemany(self, command: str, args: Iterable[Sequence[Any]]) -> None: ...

    async def fetch(self, query: str, *args: Any) -> list[Any]: ...

    async def fetchrow(self, query: str, *args: Any) -> Any: ...

    async def fetchval(self, query: str, *args: Any) -> Any: ...


class UnitOfWork(StoreTransaction, Sql, Protocol):
    """One transaction: the streams a command loads and appends to, and the rows it reads and writes."""


class UnitsOfWork(Protocol):
    """Where units of work come from (the event store): each commits or rolls back as a whole."""

    def transaction(self) -> AbstractAsyncContextManager[UnitOfWork]: ...

    async def load(self, stream_id: str) -> list[RecordedEvent]: ...
