"""Walks every row of gateway/ACCESS.md through GraphQL, for every role, over one small world.

The world is built in access_world (its docstring says what it holds: an African and an Asian Action, three
experts, feedback on both); the read rows are in access_reads and access_feedback_reads, the mutation cells in
access_mutations.

Each cell is an observation of what the graph returns (a compact value and the error codes) compared with
the table; every mismatch is collected and reported together, one line per row and role.
"""

from __future__ import annotations

from .access_mutations import run_mutations
from .access_reads import read_rows
from .access_world import ROLES, Row, World, build_world
from .conftest import Gql, Stack


async def walk(gql: Gql, world: World, rows: list[Row]) -> list[str]:
    failures: list[str] = []
    roles = world.roles()
    for row in rows:
        expected = row.expected(world)
        for role_key in ROLES:
            role, claims = roles[role_key]
            body = await gql(row.query, role=role, claims=claims, **row.variables(world))
            codes = tuple(sorted({str((e.get("extensions") or {}).get("code")) for e in body.get("errors") or []}))
            got = (row.observe(body.get("data"), world), codes)
            if got != expected[role_key]:
                failures.append(f"[{row.name}] {role_key}: expected {expected[role_key]!r}, got {got!r}")
    return failures


async def test_every_row_of_the_access_table(gql: Gql, stack: Stack) -> None:
    world = await build_world(gql, stack)
    failures = await walk(gql, world, read_rows())
    failures += await run_mutations(gql, stack, world)
    assert not failures, "cells that differ from ACCESS.md:\n" + "\n".join(failures)
