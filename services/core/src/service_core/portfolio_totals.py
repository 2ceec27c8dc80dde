"""Portfolio totals kept current: each key's contribution stored, the totals moved by what changed.

A service's figures over the whole programme, unfiltered, are sums of what each key (an expert, an activity,
an Action) contributes. Triggers on the read models (core migration 011, the service's own 01x) mark the keys
a transaction touched in `portfolio_dirty`, in that transaction. `fold` then computes again only the dirty
keys' contributions — with the service's own SQL narrowed to those keys — and moves the totals by the
difference: a dashboard call costs what changed since the last one, not the size of the portfolio.
Folds are serialised by an advisory lock; a key marked while a fold runs is folded by the next one.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass

import asyncpg

from service_core.access import Scope
from service_core.auth import Principal
from service_core.portfolio import Granularity, PortfolioFilter

Counts = Mapping[str, int]
Compute = Callable[[asyncpg.Connection, list[str] | None], Awaitable[Mapping[str, Counts]]]
"""(connection, keys or None for every key) -> each key's contribution; a key that contributes nothing is left out."""

EVERYTHING = "*"
_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('mieux_portfolio_totals', 0))"


@dataclass(frozen=True, slots=True)
class Part:
    """One set of totals: the kind of key it is summed over and how one key's contribution is computed."""

    name: str
    kind: str
    compute: Compute


def key_filter(column: str, keys: list[str] | None) -> tuple[str, list[object]]:
    """SQL narrowing `column` to `keys` (every row when None), with its argument list."""
    return ("true", []) if keys is None else (f"{column} = ANY($1::text[])", [keys])


def summed(rows: Sequence[Mapping[str, object]], key: str) -> dict[str, Counts]:
    """Rows of (key, integer columns...) as contributions."""
    return {str(row[key]): {k: int(v) for k, v in row.items() if k != key and isinstance(v, int)} for row in rows}


async def fold(pool: asyncpg.Pool, parts: Sequence[Part]) -> dict[str, Counter[str]]:
    """Fold the dirty keys into the totals; every part's totals, current as of this call."""
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute(_LOCK)
        dirty = await conn.fetch("DELETE FROM portfolio_dirty RETURNING kind, key")
        everything = any(row["kind"] == EVERYTHING for row in dirty)
        keys: dict[str, list[str]] = {}
        for row in dirty:
            keys.setdefault(row["kind"], []).append(row["key"])
        stored = {row["part"]: Counter(row["counts"]) for row in await conn.fetch("SELECT * FROM portfolio_total")}
        for part in parts:
            if everything or part.name not in stored:
                stored[part.name] = await _recompute(conn, part)
            elif part.kind in keys:
                stored[part.name] = await _refold(conn, part, keys[part.kind], stored[part.name])
        return stored


async def _recompute(conn: asyncpg.Connection, part: Part) -> Counter[str]:
    found = await part.compute(conn, None)
    await conn.execute("DELETE FROM portfolio_part WHERE part = $1", part.name)
    await _insert_parts(conn, part.name, found)
    total: Counter[str] = Counter()
    for counts in found.values():
        total.update(counts)
    await _save_total(conn, part.name, total)
    return total


async def _refold(conn: asyncpg.Connection, part: Part, keys: list[str], total: Counter[str]) -> Counter[str]:
    old = await conn.fetch(
        "DELETE FROM portfolio_part WHERE part = $1 AND key = ANY($2::text[]) RETURNING counts", part.name, keys
    )
    for row in old:
        total.subtract(row["counts"])
    found = await part.compute(conn, keys)
    for counts in found.values():
        total.update(counts)
    await _insert_parts(conn, part.name, found)
    await _save_total(conn, part.name, total)
    return total


async def _insert_parts(conn: asyncpg.Connection, name: str, found: Mapping[str, Counts]) -> None:
    """One statement for any number of keys (a first fold over a large portfolio writes them all)."""
    await conn.execute(
        """INSERT INTO portfolio_part (part, key, counts)
           SELECT $1, k, c::jsonb FROM unnest($2::text[], $3::text[]) AS u(k, c)""",
        name,
        list(found),
        [json.dumps(counts) for counts in found.values()],
    )


async def _save_total(conn: asyncpg.Connection, name: str, total: Counter[str]) -> None:
    kept = {k: v for k, v in total.items() if v}
    await conn.execute(
        "INSERT INTO portfolio_total (part, counts) VALUES ($1, $2) ON CONFLICT (part) DO UPDATE SET counts = $2",
        name,
        kept,
    )
    total.clear()
    total.update(kept)


Figures = Mapping[str, Mapping[str, object]]
FromTotals = Callable[[asyncpg.Pool, Principal], Awaitable[Figures]]
Recomputed = Callable[[asyncpg.Pool, Scope, PortfolioFilter, Granularity | None, Principal], Awaitable[Figures]]


def kept_or_recomputed(from_totals: FromTotals, recomputed: Recomputed) -> Recomputed:
    """A service's `GET /portfolio` figures: the whole programme unfiltered from the kept totals, anything
    narrower (a scope, a filter, a series) computed from the rows."""

    async def figures(
        pool: asyncpg.Pool,
        scope: Scope,
        filters: PortfolioFilter,
        granularity: Granularity | None,
        principal: Principal,
    ) -> Figures:
        if scope.everything and filters == PortfolioFilter() and granularity is None:
            return await from_totals(pool, principal)
        return await recomputed(pool, scope, filters, granularity, principal)

    return figures
