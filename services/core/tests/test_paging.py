"""Keyset paging in any whitelisted order, cursors bound to the order they were made for, and the text search
the read models share: word prefixes, accents and case folded, any input safe."""

from __future__ import annotations

import base64
import json

import asyncpg
import pytest
from service_core.errors import InvalidInput
from service_core.paging import (
    CURSOR_ORDER_MISMATCH,
    INVALID_CURSOR,
    INVALID_ORDER,
    Cursor,
    Orders,
    SortKey,
    Where,
    keyset_page,
    parse_cursor,
    position,
    text_search,
)

ORDERS = Orders(
    {"due_on": SortKey("due_on", nullable=True), "score": SortKey("score", "numeric", nullable=True),
     "name": SortKey("name", "text")},
    default="due_on",
)  # fmt: skip
ROWS = [  # id, due_on, score, name
    ("a", "2020-01-01", 3, "Élodie"), ("b", None, None, "Zoë"), ("c", "2020-01-01", 1, "ana"),
    ("d", "2021-06-30", None, "Ana"), ("e", None, 2, "Œdipe"), ("f", "2019-12-31", 3, "bob"),
]  # fmt: skip


def refusal(exc: pytest.ExceptionInfo[InvalidInput]) -> tuple[str, str | None]:
    return exc.value.code, exc.value.field


def test_an_order_is_a_whitelisted_field_and_a_direction_descending_by_default() -> None:
    assert ORDERS.parse(None).token == "due_on:desc"
    assert ORDERS.parse("score").token == "score:desc"
    assert (ORDERS.parse("name:asc").descending, ORDERS.parse("name:desc").descending) == (False, True)
    for bad in ("title", "name:up", "name:ASC", "name:asc:desc", "name;drop table x", ":asc"):
        with pytest.raises(InvalidInput) as refused:
            ORDERS.parse(bad)
        assert refusal(refused) == (INVALID_ORDER, "order_by"), bad
    with pytest.raises(ValueError, match="nullable"):
        SortKey("title", "text", nullable=True)  # no value sorts after every text


def test_a_cursor_pages_only_the_order_it_was_made_for() -> None:
    by_name = ORDERS.parse("name:asc")
    cursor = Cursor(by_name.token, "ana", "c").encode()

    assert parse_cursor(cursor, by_name) == Cursor("name:asc", "ana", "c")
    assert parse_cursor(position(None, cursor, 5), by_name) == Cursor("name:asc", "ana", "c", backward=True)
    with pytest.raises(InvalidInput) as mismatch:
        parse_cursor(cursor, ORDERS.parse("name:desc"))
    assert refusal(mismatch) == (CURSOR_ORDER_MISMATCH, "cursor")
    with pytest.raises(InvalidInput) as backward:
        parse_cursor(position(None, cursor, 5), ORDERS.parse(None))
    assert refusal(backward) == (CURSOR_ORDER_MISMATCH, "before")
    old = base64.urlsafe_b64encode(json.dumps(["2020-01-01", "a"]).encode()).decode()  # before the orders
    for text in (old, "nonsense", base64.urlsafe_b64encode(b'["due_on:desc", 1, "a"]').decode()):
        with pytest.raises(InvalidInput) as invalid:
            parse_cursor(text, ORDERS.parse(None))
        assert refusal(invalid) == (INVALID_CURSOR, "cursor"), text


async def _table(pool: asyncpg.Pool) -> None:
    await pool.execute(
        "CREATE TABLE item (id text PRIMARY KEY, due_on date, score numeric, name text NOT NULL, "
        "doc tsvector GENERATED ALWAYS AS (mieux_search_document(ARRAY[name, id])) STORED)"
    )
    await pool.executemany("INSERT INTO item (id, due_on, score, name) VALUES ($1, $2::text::date, $3, $4)", ROWS)


async def _whole(pool: asyncpg.Pool, order_by: str, size: int, backward: bool) -> list[str]:
    order = ORDERS.parse(order_by)
    seen: list[str] = []
    text = position(None, None, size) if backward else None
    while True:
        page = await keyset_page(
            pool, table="item", columns="id", where=Where(), order=order, limit=size, after=parse_cursor(text, order)
        )
        assert page.total_count == len(ROWS) and len(page.cursors) == len(page.rows)
        ids = [row["id"] for row in page.rows]
        seen = ids + seen if backward else seen + ids
        more = page.has_previous_page if backward else page.has_next_page
        if not more:
            return seen
        text = position(None, page.cursors[0], size) if backward else page.next_cursor


async def test_every_order_pages_through_everything_once_both_ways_with_missing_values_last(
    pool: asyncpg.Pool,
) -> None:
    await _table(pool)
    wanted = {
        "due_on:desc": ["d", "c", "a", "f", "e", "b"],
        "due_on:asc": ["f", "a", "c", "d", "b", "e"],
        "score:desc": ["f", "a", "e", "c", "d", "b"],
        "score:asc": ["c", "e", "a", "f", "b", "d"],
        "name:asc": sorted(ROWS, key=lambda r: (r[3], r[0])),
        "name:desc": sorted(ROWS, key=lambda r: (r[3], r[0]), reverse=True),
    }
    for order_by, ids in wanted.items():
        expected = [r[0] if isinstance(r, tuple) else r for r in ids]
        for size in (1, 4):
            assert await _whole(pool, order_by, size, backward=False) == expected, (order_by, size)
            assert await _whole(pool, order_by, size, backward=True) == expected, (order_by, size)


async def test_a_made_up_sort_key_is_an_invalid_cursor_not_a_server_error(pool: asyncpg.Pool) -> None:
    await _table(pool)
    order = ORDERS.parse("score:asc")
    for key in ("three", "2020-01-01", "\x00"):
        with pytest.raises(InvalidInput) as refused:
            await keyset_page(
                pool, table="item", columns="id", where=Where(), order=order, limit=2,
                after=Cursor(order.token, key, "a"),
            )  # fmt: skip
        assert refusal(refused) == (INVALID_CURSOR, "cursor"), key


async def test_a_search_matches_every_word_as_a_prefix_whatever_the_accents_case_or_operators(
    pool: asyncpg.Pool,
) -> None:
    await _table(pool)

    async def found(text: str) -> list[str]:
        where = Where()
        text_search(where, "doc", text)
        return [r["id"] for r in await pool.fetch(f"SELECT id FROM item WHERE {where.sql()} ORDER BY id", *where.args)]

    assert await found("elo") == ["a"]
    assert await found("ZOE") == ["b"]
    assert await found("oedipe") == ["e"]  # Œdipe: a ligature unfolded
    assert await found("an") == ["c", "d"]
    assert await found("an d") == ["d"]  # every word
    assert await found("élodie a") == ["a"]
    assert await found("  ") == [r[0] for r in sorted(ROWS)]  # blank: no search
    for hostile in ("!", "a & b", "a | b", "!a", "(a", "a:*", "'", "\\", "a <-> b", "a:A", "&&&", "\u02bc"):
        await found(hostile)  # an answer, never a syntax error
    assert await found("a | ana") == ["c", "d"]  # `|` is no operator: both words wanted (an OR would add "a")
    folded = await pool.fetchval("SELECT mieux_fold('Ærø Straße ŁÓDŹ ﬁnance Ĳssel')")
    assert folded == "aero strasse lodz finance ijssel"
