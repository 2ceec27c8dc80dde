"""The one composition root of the requests service (nothing connects at import time)."""

from __future__ import annotations

from contracts.events import default_registry
from contracts.services import service
from service_core.runtime import ServiceDefinition
from service_core.settings import ServiceSettings

from requests_service.adapters.views import RequestViews
from requests_service.application.handlers import COMMANDS
from requests_service.application.queries import RequestQueries
from requests_service.entrypoints.routes import build_router
from requests_service.projections.request_view import RequestView


class RequestsSettings(ServiceSettings):
    service_name: str = "requests"
    http_port: int = service("requests").port


definition = ServiceDefinition(
    name="requests",
    package="requests_service",
    title="MIEUX requests service",
    description=(
        "Requests for assistance from partner authorities: submission with eligibility (R01, R02), "
        "the steering-group decision, focal points (R23). Every endpoint but /healthz, /readyz and "
        "/metrics needs a bearer token. Errors: {'error': {'code', 'message', 'field'}}."
    ),
    registry=default_registry(),
    settings_class=RequestsSettings,
    router=build_router,
    commands=COMMANDS,
    projections=lambda: (RequestView(),),
    queries=lambda ctx: RequestQueries(RequestViews(ctx.pool)),
)
