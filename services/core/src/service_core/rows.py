"""Rows: the small repository port a projection, policy or adapter writes its tables through when it should
also run on the in-memory twin (docs/decisions/2026-12-03-projections-on-the-memory-twin.md).

A table is named with its key columns (`Table`); rows are plain dicts. `SqlRows` turns each call into one
parameterised statement on the unit of work's connection; `MemoryRows` keeps the rows in dicts. Anything
a single-table insert, upsert, update, get, find or delete cannot say (aggregates over other tables, joins)
stays in SQL, and only runs on PostgreSQL.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from service_core.ports import Sql

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    key: tuple[str, ...]

    def key_of(self, row: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple(row[column] for column in self.key)


class Rows(Protocol):
    async def insert(self, table: Table, row: Mapping[str, Any]) -> None:
        """A new row; a second one with the same key is an error (as a primary key makes it)."""

    async def insert_many(self, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
        """New rows, all with the columns of the first."""

    async def upsert(self, table: Table, row: Mapping[str, Any], *, update: Sequence[str] | None = None) -> None:
        """Insert `row`, or on its key set the `update` columns (default: every column of `row`)."""

    async def update(self, table: Table, key: Mapping[str, Any], changes: Mapping[str, Any]) -> int:
        """Set `changes` on the row with `key`; how many rows changed (0 or 1)."""

    async def get(self, table: Table, key: Mapping[str, Any]) -> Row | None: ...

    async def find(self, table: Table, **equal: Any) -> list[Row]:
        """Rows whose columns equal the given values (a list value: any of them)."""

    async def delete(self, table: Table, key: Mapping[str, Any]) -> int: ...


class SqlRows:
    """Rows on PostgreSQL: one statement a call, in the unit of work's transaction."""

    def __init__(self, sql: Sql) -> None:
        self._sql = sql

    async def insert(self, table: Table, row: Mapping[str, Any]) -> None:
        await self._sql.execute(_insert(table.name, tuple(row)), *row.values())

    async def insert_many(self, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            columns = tuple(rows[0])
            await self._sql.executemany(_insert(table.name, columns), [[r[c] for c in columns] for r in rows])

    async def upsert(self, table: Table, row: Mapping[str, Any], *, update: Sequence[str] | None = None) -> None:
        changed = tuple(c for c in row if c not in table.key) if update is None else tuple(update)
        await self._sql.execute(_upsert(table.name, tuple(row), table.key, changed), *row.values())

    async def update(self, table: Table, key: Mapping[str, Any], changes: Mapping[str, Any]) -> int:
        status: str = await self._sql.execute(
            _update(table.name, tuple(changes), tuple(key)), *changes.values(), *key.values()
        )
        return int(status.rsplit(" ", 1)[-1])

    async def get(self, table: Table, key: Mapping[str, Any]) -> Row | None:
        row = await self._sql.fetchrow(_select(table.name, tuple(key), ()), *key.values())
        return None if row is None else dict(row)

    async def find(self, table: Table, **equal: Any) -> list[Row]:
        lists = tuple(c for c, v in equal.items() if isinstance(v, list | tuple | frozenset | set))
        values = [list(v) if c in lists else v for c, v in equal.items()]
        return [dict(r) for r in await self._sql.fetch(_select(table.name, tuple(equal), lists), *values)]

    async def delete(self, table: Table, key: Mapping[str, Any]) -> int:
        status: str = await self._sql.execute(_delete(table.name, tuple(key)), *key.values())
        return int(status.rsplit(" ", 1)[-1])


def _where(columns: Sequence[str], start: int, lists: Sequence[str] = ()) -> str:
    terms = [f"{c} = ANY(${i})" if c in lists else f"{c} = ${i}" for i, c in enumerate(columns, start)]
    return " AND ".join(terms) or "true"


@lru_cache(maxsize=256)
def _insert(table: str, columns: tuple[str, ...]) -> str:
    values = ", ".join(f"${i}" for i in range(1, len(columns) + 1))
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({values})"


@lru_cache(maxsize=256)
def _upsert(table: str, columns: tuple[str, ...], key: tuple[str, ...], update: tuple[str, ...]) -> str:
    place = {c: i for i, c in enumerate(columns, 1)}
    action = "DO UPDATE SET " + ", ".join(f"{c} = ${place[c]}" for c in update) if update else "DO NOTHING"
    return f"{_insert(table, columns)} ON CONFLICT ({', '.join(key)}) {action}"


@lru_cache(maxsize=256)
def _update(table: str, changes: tuple[str, ...], key: tuple[str, ...]) -> str:
    sets = ", ".join(f"{c} = ${i}" for i, c in enumerate(changes, 1))
    return f"UPDATE {table} SET {sets} WHERE {_where(key, len(changes) + 1)}"


@lru_cache(maxsize=256)
def _select(table: str, columns: tuple[str, ...], lists: tuple[str, ...]) -> str:
    return f"SELECT * FROM {table} WHERE {_where(columns, 1, lists)}"


@lru_cache(maxsize=256)
def _delete(table: str, key: tuple[str, ...]) -> str:
    return f"DELETE FROM {table} WHERE {_where(key, 1)}"


Tables = dict[str, dict[tuple[Any, ...], Row]]


class MemoryRows:
    """Rows in dicts (table -> key -> row), for the in-memory unit of work; columns a row never set read None."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables

    def _table(self, table: Table) -> dict[tuple[Any, ...], Row]:
        return self.tables.setdefault(table.name, {})

    async def insert(self, table: Table, row: Mapping[str, Any]) -> None:
        rows, key = self._table(table), table.key_of(row)
        if key in rows:
            raise KeyError(f"{table.name}: a row with key {key} exists")
        rows[key] = copy.deepcopy(dict(row))

    async def insert_many(self, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
        for row in rows:
            await self.insert(table, row)

    async def upsert(self, table: Table, row: Mapping[str, Any], *, update: Sequence[str] | None = None) -> None:
        rows, key = self._table(table), table.key_of(row)
        if key not in rows:
            rows[key] = copy.deepcopy(dict(row))
            return
        changed = [c for c in row if c not in table.key] if update is None else list(update)
        rows[key].update(copy.deepcopy({c: row[c] for c in changed}))

    async def update(self, table: Table, key: Mapping[str, Any], changes: Mapping[str, Any]) -> int:
        found = self._table(table).get(tuple(key[c] for c in table.key))
        if found is None:
            return 0
        found.update(copy.deepcopy(dict(changes)))
        return 1

    async def get(self, table: Table, key: Mapping[str, Any]) -> Row | None:
        found = self._table(table).get(tuple(key[c] for c in table.key))
        return None if found is None else _read(found)

    async def find(self, table: Table, **equal: Any) -> list[Row]:
        return [_read(r) for r in self._table(table).values() if all(_matches(r.get(c), v) for c, v in equal.items())]

    async def delete(self, table: Table, key: Mapping[str, Any]) -> int:
        return 1 if self._table(table).pop(tuple(key[c] for c in table.key), None) is not None else 0


def _matches(value: Any, wanted: Any) -> bool:
    if isinstance(wanted, list | tuple | frozenset | set):
        return value in wanted
    return bool(value == wanted)


class _Columns(dict[str, Any]):
    """A row read from memory: a column the writer never set reads as NULL, as in a table."""

    def __missing__(self, key: str) -> None:
        return None


def _read(row: Row) -> Row:
    return _Columns(copy.deepcopy(row))


def snapshot(tables: Tables) -> Tables:
    return {name: {key: copy.deepcopy(row) for key, row in rows.items()} for name, rows in tables.items()}


def rows_of(tables: Tables, name: str) -> Iterable[Row]:
    return [_read(r) for r in tables.get(name, {}).values()]


def rows_in(sql: Sql) -> Rows:
    """The rows of a unit of work: its own (the memory twin keeps dicts) or statements on its connection."""
    own = getattr(sql, "rows", None)
    return own if own is not None else SqlRows(sql)
