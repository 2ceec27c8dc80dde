"""Issue 16 on the running stack: after the demo load, the dashboard's kept totals are a full recomputation.

The actions, experts and feedback services answer the whole-programme dashboard from totals folded as their read
models change (`service_core.portfolio_totals`); here the same figures are computed from every row of their
databases and compared. The other end-to-end tests write meanwhile, so both sides are read again until they
agree (kept totals that were wrong would never catch up).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import asyncpg
import pytest
from actions_service.adapters import portfolio as actions
from experts_service.adapters import portfolio as experts
from feedback_service.adapters import portfolio as feedback
from service_core.access import Scope
from service_core.auth import Principal, Role
from service_core.portfolio import PortfolioFilter
from service_core.store.postgres import create_pool

from .conftest import LaunchedStack

MANAGER = Principal(sub="pm", roles=frozenset({Role.PROGRAMME_MANAGER}))
Figures = Mapping[str, Mapping[str, Any]]


async def _agree(
    dsn: str, kept: Callable[[asyncpg.Pool], Awaitable[Figures]], full: Callable[[asyncpg.Pool], Awaitable[Figures]]
) -> Figures:
    pool = await create_pool(dsn, max_size=2)
    try:
        for _ in range(20):
            ours, theirs = await kept(pool), await full(pool)
            if ours == theirs:
                return ours
            await asyncio.sleep(1.0)
        assert ours == theirs
        return ours
    finally:
        await pool.close()


@pytest.mark.parametrize("service", ["actions", "experts", "feedback"])
def test_kept_totals_equal_a_full_recomputation_after_the_demo_load(running_stack: LaunchedStack, service: str) -> None:
    dsn = f"postgresql://postgres@127.0.0.1:{running_stack.pg_port}/mieux_{service}"
    whole = (Scope(everything=True), PortfolioFilter(), None, MANAGER)
    if service == "actions":
        found = asyncio.run(_agree(dsn, actions.from_totals, lambda pool: actions.recomputed(pool, *whole)))
        assert found["all"]["completed"] >= 109 and found["all"]["rapid_reaction"]["launched"] > 0
    elif service == "experts":
        found = asyncio.run(_agree(dsn, experts.from_totals, lambda pool: experts.recomputed(pool, *whole)))
        assert found["all"]["registered"]["count"] >= 675 and found["all"]["deployed"]["count"] >= 340
    else:
        found = asyncio.run(
            _agree(dsn, lambda pool: feedback.from_totals(pool, False), lambda pool: feedback.recomputed(pool, *whole))
        )
        assert found["all"]["participant"]["responses"] > 0
