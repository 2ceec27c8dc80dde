"""The one composition root of the experts service (nothing connects at import time)."""

from __future__ import annotations

from contracts.events import default_registry
from contracts.services import service
from contracts.topics import ACTIONS, REQUESTS
from service_core.runtime import ServiceDefinition
from service_core.settings import ServiceSettings

from experts_service.adapters.views import ExpertViews
from experts_service.application.handlers import COMMANDS
from experts_service.application.policies import POLICIES
from experts_service.application.queries import ExpertQueries
from experts_service.entrypoints.routes import build_router
from experts_service.projections.expert_view import ExpertView


class ExpertsSettings(ServiceSettings):
    service_name: str = "experts"
    http_port: int = service("experts").port


definition = ServiceDefinition(
    name="experts",
    package="experts_service",
    title="MIEUX experts service",
    description=(
        "The expert roster (EAR) with personal data kept off the stream and erasable on request (R17), "
        "matching of candidates for activities (R18), deployments without double booking, evaluations (EMM), "
        "per-Action composition with triangular and South-South flags (R16, R19), focal points who later joined the "
        "roster. Consumes mieux.actions.v1 and the focal points of mieux.requests.v1. "
        "Every endpoint but /healthz, /readyz and /metrics needs a bearer token. "
        "Errors: {'error': {'code', 'message', 'field'}}."
    ),
    registry=default_registry(),
    settings_class=ExpertsSettings,
    router=build_router,
    commands=COMMANDS,
    policies=POLICIES,
    projections=lambda: (ExpertView(),),
    queries=lambda ctx: ExpertQueries(ExpertViews(ctx.pool)),
    consumed_topics=(ACTIONS, REQUESTS),
)
