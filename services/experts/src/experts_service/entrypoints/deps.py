"""What the routes share: dependencies (`Commands`, `Queries`, `Today`) and error documentation."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import Depends
from service_core.openapi import error_responses
from service_core.runtime import Context

from experts_service.application.handlers import Services
from experts_service.application.queries import ExpertQueries


def _services(ctx: Context) -> Services:
    return Services(ctx.store, ctx.projections)


def _queries(ctx: Context) -> ExpertQueries:
    return ExpertQueries(ctx.pool)


def today() -> date:
    """Today (UTC): the default of every command date."""
    return datetime.now(UTC).date()


Commands = Annotated[Services, Depends(_services)]
Queries = Annotated[ExpertQueries, Depends(_queries)]
Today = Annotated[date, Depends(today)]

ERRORS = error_responses("expert")
COMMAND_ERRORS = error_responses("expert", commands=True)
DEPLOYMENT_ERRORS = error_responses("deployment", commands=True)
