"""Keyset paging of read models, the same in every service: one opaque cursor per row, a total count.

A list is ordered by one sort key of its own whitelist (`Orders`: a date, a timestamp, a code, a count),
either way, then by id the same way; by default its date key newest first. A cursor is the position of one
row in one order (it names the order it was made for, so it is refused with another), so a client can page
on after any item (Relay connections need one cursor per edge), or back before it (`before`/`last`: the same
index read the other way). A missing (NULL) value sorts last both ways.

Text search (`text_search`) keeps the rows whose search document (a `tsvector` column or expression built
with the core's `mieux_search_document`, migration 012) holds every word of the search as a word prefix,
accents and case folded.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import asyncpg

from service_core.access import Scope
from service_core.errors import InvalidInput

INVALID_CURSOR = "INVALID_CURSOR"
INVALID_ORDER = "INVALID_ORDER"
CURSOR_ORDER_MISMATCH = "CURSOR_ORDER_MISMATCH"
MAX_SEARCH = 200  # characters of a `search`
MAX_LISTED = 20  # values of a list filter (`region_in`, `status_in`)

BACKWARD = "<"  # marks the position text of a backward page (not in the base64url alphabet)
_SORT_KEY = "_sort_key"  # the sort key as PostgreSQL text, selected beside a page's columns for its cursors
# The tsquery of a search, computed once per statement (an InitPlan): called bare, a generic plan of a prepared
# statement would call the function again for every row it filters (50,000 rows: 0.5 s instead of 1 ms).
SEARCH_QUERY = "(SELECT mieux_search_query({}))"
_INFINITE = frozenset({"date", "timestamptz", "numeric"})  # the types a NULL can sort after (±infinity)


@dataclass(frozen=True, slots=True)
class SortKey:
    """One key a list may be ordered by: a SQL expression over its table, the type a cursor's key is read back
    as, and whether it may be NULL (then it sorts last both ways: ±infinity in its place)."""

    expression: str
    sql_type: str = "date"
    nullable: bool = False

    def __post_init__(self) -> None:
        if self.nullable and self.sql_type not in _INFINITE:
            raise ValueError(f"a nullable sort key needs a type with infinities ({sorted(_INFINITE)})")

    def sql(self, descending: bool) -> str:
        if not self.nullable:
            return self.expression
        return f"coalesce({self.expression}, '{'-' if descending else ''}infinity'::{self.sql_type})"


@dataclass(frozen=True, slots=True)
class Order:
    """A list's order: one sort key, a direction, then id the same way."""

    field: str
    key: SortKey
    descending: bool = True

    @property
    def token(self) -> str:
        """What a cursor remembers of the order it was made for (the `order_by` text, direction spelt out)."""
        return f"{self.field}:{'desc' if self.descending else 'asc'}"


@dataclass(frozen=True, slots=True)
class Orders:
    """The orders a list offers (field name -> key) and its default (a field, descending)."""

    keys: Mapping[str, SortKey]
    default: str

    def __post_init__(self) -> None:
        if self.default not in self.keys:
            raise ValueError(f"the default order {self.default!r} is not one of the keys")

    @property
    def fields(self) -> list[str]:
        return list(self.keys)

    def parse(self, text: str | None) -> Order:
        """`field`, `field:asc` or `field:desc` (descending when not said); 422 INVALID_ORDER otherwise."""
        if not text:
            return Order(self.default, self.keys[self.default])
        name, _, direction = text.partition(":")
        key = self.keys.get(name)
        if key is None or direction not in ("", "asc", "desc"):
            allowed = ", ".join(self.keys)
            raise InvalidInput(
                INVALID_ORDER, f"order_by: {text!r} is not `field[:asc|desc]` with a field of {allowed}", "order_by"
            )
        return Order(name, key, descending=direction != "asc")


@dataclass(frozen=True, slots=True)
class Cursor:
    order: str  # the token of the order it was made for
    key: str | None  # the sort key as PostgreSQL text; None with `backward`: from the end of the list
    id: str
    backward: bool = False

    def encode(self) -> str:
        assert self.key is not None
        raw = json.dumps([self.order, self.key, self.id], separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        """Raises ValueError for anything this service did not hand out (cursors of before the sortable lists,
        `[date, id]`, included)."""
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            order, key, row_id = json.loads(raw)
        except (binascii.Error, json.JSONDecodeError, UnicodeDecodeError, TypeError, ValueError) as exc:
            raise ValueError("not a cursor of this list") from exc
        if not all(isinstance(part, str) for part in (order, key, row_id)):
            raise ValueError("not a cursor of this list")
        return cls(order, key, row_id)


def position(after: str | None, before: str | None, last: int | None) -> str | None:
    """The one position text a list route hands its queries: `after`, or a backward page ending `before` a
    cursor (or at the end of the list, `last` alone)."""
    if before is not None or last is not None:
        return BACKWARD + (before or "")
    return after


def parse_cursor(text: str | None, order: Order) -> Cursor | None:
    """The position a client sent back (see `position`) in `order`; 422 INVALID_CURSOR (field `cursor`, or
    `before`) if it is not one of ours, CURSOR_ORDER_MISMATCH if it was made for another order."""
    if not text:
        return None
    backward = text.startswith(BACKWARD)
    if text == BACKWARD:
        return Cursor(order.token, None, "", backward=True)
    name = "before" if backward else "cursor"
    try:
        found = Cursor.decode(text[len(BACKWARD) :] if backward else text)
    except ValueError as exc:
        raise InvalidInput(INVALID_CURSOR, f"{name}: not a cursor handed out by this list", name) from exc
    if found.order != order.token:
        raise InvalidInput(
            CURSOR_ORDER_MISMATCH,
            f"{name}: this cursor pages the list in the order {found.order!r}, not {order.token!r}: "
            "give the same order_by as the page it came from",
            name,
        )
    return Cursor(found.order, found.key, found.id, backward=backward)


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


def searched(text: str | None) -> str | None:
    """The search to run: None when there is none (absent or blank)."""
    return text if text is not None and text.strip() else None


def text_search(where: Where, document: str, text: str | None) -> None:
    """Keep the rows whose search `document` (a tsvector) holds every word of `text` as a word prefix, accents
    and case folded; no condition for a blank search. Any text is safe: only its words reach the tsquery (a
    text without any word matches nothing)."""
    if (wanted := searched(text)) is not None:
        where.add(f"{document} @@ {SEARCH_QUERY}", wanted)


def listed(where: Where, column: str, values: list[str] | tuple[str, ...] | None) -> None:
    """`column` is one of `values` (a list filter such as `region_in`); no condition when not given."""
    if values:
        where.add(f"{column} = ANY({{}}::text[])", [str(v) for v in values])


async def keyset_page(
    conn: asyncpg.Connection | asyncpg.Pool,
    *,
    table: str,
    columns: str,
    where: Where,
    order: Order,
    limit: int,
    after: Cursor | None,
) -> Page:
    """One page of `table` in `order` (ties by id the same way), the total of `where`, one cursor per row.

    A backward position reads the rows just before it (the last `limit` of the list before it) in the
    opposite order on the same (key, id) index, and hands them back in `order` like every page."""
    total = await conn.fetchval(f"SELECT count(*) FROM {table} WHERE {where.sql()}", *where.args)
    backward = after is not None and after.backward
    descending = order.descending != backward  # the direction this query reads the index
    key = order.key.sql(order.descending)
    if after is not None and after.key is not None:
        where.add(
            f"({key}, id) {'<' if descending else '>'} (({{}}::text)::{order.key.sql_type}, {{}}::text)",
            after.key,
            after.id,
        )
    way = "DESC" if descending else "ASC"
    sql = (
        f"SELECT {columns}, ({key})::text AS {_SORT_KEY} FROM {table} WHERE {where.sql()} "
        f"ORDER BY {key} {way}, id {way} LIMIT {int(limit) + 1}"
    )
    try:
        rows = [dict(r) for r in await conn.fetch(sql, *where.args)]
    except asyncpg.DataError as exc:  # a key no row of this order can have: the cursor was not handed out here
        if after is None or after.key is None:
            raise
        name = "before" if backward else "cursor"
        raise InvalidInput(INVALID_CURSOR, f"{name}: not a cursor handed out by this list", name) from exc
    more = len(rows) > limit
    rows = rows[:limit]
    if backward:
        rows.reverse()
    cursors = [Cursor(order.token, row.pop(_SORT_KEY), row["id"]).encode() for row in rows]
    if backward:
        # Relay: hasNextPage on a backward page says whether anything follows `before` (it does, if given)
        has_next = after is not None and after.key is not None
        return Page(rows, cursors, total, has_next, None, has_previous_page=more)
    return Page(rows, cursors, total, more, cursors[-1] if more else None, has_previous_page=after is not None)
