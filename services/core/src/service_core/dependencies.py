"""FastAPI dependencies of a service's routes: its context, application, queries and today's date.

Kept apart from `runtime` (which builds the context) so routes depend on what they read, not on start-up.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import Depends, Request

from service_core.application import Application
from service_core.runtime import ServiceContext


def get_context(request: Request) -> ServiceContext:
    context: ServiceContext = request.app.state.context
    return context


Context = Annotated[ServiceContext, Depends(get_context)]


def get_application(request: Request) -> Application[Any]:
    return get_context(request).app


def get_queries(request: Request) -> Any:
    return get_context(request).queries


def today() -> date:
    """Today (UTC): command dates default to it, and the launch clock (R10) runs against it at read time."""
    return datetime.now(UTC).date()


Today = Annotated[date, Depends(today)]
