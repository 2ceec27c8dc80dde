"""Keyset paging of read models, the same in every service: one opaque cursor per row, a total count.

Rows are ordered by a date key, newest first, then by id (both descending); a cursor is the position of
one row, so a client can page on after any item (Relay connections need one cursor per edge), or back
before it (`before`/`last`: the same index read the other way).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import asyncpg

from service_core.access import Scope
from service_core.errors import InvalidInput

INVALID_CURSOR = "INVALID_CURSOR"


BACKWARD = "<"  # marks the position text of a backward page (not in the base64url alphabet)


@dataclass(frozen=True, slots=True)
class Cursor:
    key: date | None  # None with `backward`: from the end of the list
    id: str
    backward: bool = False

    def encode(self) -> str:
        assert self.key is not None
        raw = json.dumps([self.key.isoformat(), self.id], separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        """Raises ValueError for anything this service did not hand out."""
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            key, row_id = json.loads(raw)
            return cls(date.fromisoformat(key), str(row_id))
        except (binascii.Error, json.JSONDecodeError, UnicodeDecodeError, TypeError, ValueError) as exc:
            raise ValueError("not a cursor of this list") from exc


def position(after: str | None, before: str | None, last: int | None) -> str | None:
    """The one position text a list route hands its queries: `after`, or a backward page ending `before` a
    cursor (or at the end of the list, `last` alone)."""
    if before is not None or last is not None:
        return BACKWARD + (before or "")
    return after


def parse_cursor(text: str | None) -> Cursor | None:
    """The position a client sent back (see `position`); 422 INVALID_CURSOR (field `cursor`, or `before`) if
    it is not one of ours."""
    if not text:
        return None
    if text.startswith(BACKWARD):
        if text == BACKWARD:
            return Cursor(None, "", backward=True)
        try:
            found = Cursor.decode(text[len(BACKWARD) :])
        except ValueError as exc:
            raise InvalidInput(INVALID_CURSOR, "before: not a cursor handed out by this list", "before") from exc
        return Cursor(found.key, found.id, backward=True)
    try:
        return Cursor.decode(text)
    except ValueError as exc:
        raise InvalidInput(INVALID_CURSOR, "cursor: not a cursor handed out by this list", "cursor") from exc


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[dict[str, Any]]
    cursors: list[str]
    total_count: int
    has_next_page: bool = False
    next_cursor: str | None = field(default=None)
    has_previous_page: bool = False


class Where:
    """A conjunction of SQL conditions with numbered parameters: `add("region = {}", value)`."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.args: list[Any] = []

    def add(self, template: str, *values: Any) -> None:
        refs = [f"${len(self.args) + i + 1}" for i in range(len(values))]
        self.clauses.append(template.format(*refs))
        self.args.extend(values)

    def sql(self) -> str:
        return " AND ".join(self.clauses) if self.clauses else "true"


def scoped(scope: Scope, region_column: str = "region", authorities_column: str = "authority_ids") -> Where:
    """The rows a scope admits: its regions, or rows whose `authorities_column` (text[]) shares an authority."""
    where = Where()
    if not scope.everything:
        where.add(
            f"({region_column} = ANY({{}}::text[]) OR {authorities_column} && {{}}::text[])",
            list(scope.regions),
            list(scope.authority_ids),
        )
    return where


async def keyset_page(
    conn: asyncpg.Connection | asyncpg.Pool,
    *,
    table: str,
    columns: str,
    where: Where,
    key: str,
    limit: int,
    after: Cursor | None,
) -> Page:
    """One page of `table` newest `key` first (ties by id), the total of `where`, and one cursor per row.

    A backward position reads the rows just before it (the last `limit` of the list before it) oldest first
    on the same (key, id) order, and hands them back newest first like every page."""
    total = await conn.fetchval(f"SELECT count(*) FROM {table} WHERE {where.sql()}", *where.args)
    backward = after is not None and after.backward
    if after is not None and after.key is not None:
        where.add(f"({key}, id) {'>' if backward else '<'} ({{}}, {{}})", after.key, after.id)
    order = "ASC" if backward else "DESC"
    sql = f"SELECT {columns} FROM {table} WHERE {where.sql()} ORDER BY {key} {order}, id {order} LIMIT {int(limit) + 1}"
    rows = [dict(r) for r in await conn.fetch(sql, *where.args)]
    more = len(rows) > limit
    rows = rows[:limit]
    if backward:
        rows.reverse()
    cursors = [Cursor(row[key], row["id"]).encode() for row in rows]
    if backward:
        # Relay: hasNextPage on a backward page says whether anything follows `before` (it does, if given)
        has_next = after is not None and after.key is not None
        return Page(rows, cursors, total, has_next, None, has_previous_page=more)
    return Page(rows, cursors, total, more, cursors[-1] if more else None, has_previous_page=after is not None)
