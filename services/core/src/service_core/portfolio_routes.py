"""`GET /portfolio` and `GET /portfolio/series`, the same two routes in every service (see `portfolio`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import asyncpg
from fastapi import APIRouter

from service_core.access import Scope
from service_core.app import CurrentPrincipal
from service_core.auth import Principal
from service_core.dependencies import Context
from service_core.openapi import error_responses
from service_core.portfolio import (
    ALL,
    Filters,
    Granularity,
    PortfolioAnswer,
    PortfolioFilter,
    SeriesAnswer,
    answer,
    portfolio_scope,
    series,
)

Figures = Mapping[str, Any]


Compute = Callable[
    [asyncpg.Pool, Scope, PortfolioFilter, Granularity | None, Principal], Awaitable[Mapping[str, Figures]]
]
"""(pool, scope, filters, granularity, principal) -> the figures per period label (`ALL` without granularity)."""


def portfolio_router(
    service: str,
    compute: Compute,
    empty: Callable[[], Figures],
    ignored: list[str],
    scope_of: Callable[[Principal], Scope] = portfolio_scope,
) -> APIRouter:
    router = APIRouter(prefix="/portfolio", tags=["portfolio"])
    errors = error_responses("portfolio")

    @router.get("", summary="Portfolio figures from this service's read models, scoped to the token", responses=errors)
    async def portfolio(principal: CurrentPrincipal, ctx: Context, filters: Filters) -> PortfolioAnswer:
        scope = scope_of(principal)
        found = await compute(ctx.pool, scope, filters, None, principal)
        return answer(service, scope, filters, ignored, found.get(ALL) or empty())

    @router.get("/series", summary="The same figures per quarter or year (for charts)", responses=errors)
    async def portfolio_series(
        principal: CurrentPrincipal, ctx: Context, filters: Filters, granularity: Granularity = Granularity.YEAR
    ) -> SeriesAnswer:
        scope = scope_of(principal)
        found = await compute(ctx.pool, scope, filters, granularity, principal)
        return series(service, scope, filters, ignored, granularity, found, empty)

    return router
