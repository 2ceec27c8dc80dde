"""What the routes share: dependencies (`Commands`, `Queries`, `Today`) and error documentation."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from service_core.dependencies import Today, get_application, get_queries
from service_core.openapi import error_responses

from experts_service.application.handlers import App
from experts_service.application.queries import ExpertQueries

__all__ = ["COMMAND_ERRORS", "DEPLOYMENT_ERRORS", "ERRORS", "Commands", "Queries", "Today"]

Commands = Annotated[App, Depends(get_application)]
Queries = Annotated[ExpertQueries, Depends(get_queries)]

ERRORS = error_responses("expert")
COMMAND_ERRORS = error_responses("expert", commands=True)
DEPLOYMENT_ERRORS = error_responses("deployment", commands=True)
