"""The service's router: the roster, deployments, activities (candidates) and compositions."""

from __future__ import annotations

from fastapi import APIRouter
from service_core.portfolio_routes import portfolio_router

from experts_service.adapters import portfolio
from experts_service.entrypoints.deployment_routes import deployment_router
from experts_service.entrypoints.expert_routes import expert_router


def build_router() -> APIRouter:
    router = APIRouter()
    router.include_router(expert_router())
    router.include_router(deployment_router())
    router.include_router(portfolio_router("experts", portfolio.figures, portfolio.empty, portfolio.IGNORED))
    return router
